package dashboards

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

func TestFormats(t *testing.T) {
	for _, c := range []struct {
		name, got, want string
	}{
		{"lei ro", FormatLei(RO, 123456789), "1.234.567,89 lei"},
		{"lei en", FormatLei(EN, 123456789), "1,234,567.89 lei"},
		{"lei small", FormatLei(RO, 5), "0,05 lei"},
		{"lei negative", FormatLei(EN, -100000), "-1,000.00 lei"},
		{"lei exact thousands", FormatLei(RO, 100000000), "1.000.000,00 lei"},
		{"count ro", FormatCount(RO, 1234567), "1.234.567"},
		{"count en", FormatCount(EN, 999), "999"},
		{"count zero", FormatCount(RO, 0), "0"},
		{"bytes small", FormatBytes(RO, 788), "788 B"},
		{"bytes kB ro", FormatBytes(RO, 12_345), "12,3 kB"},
		{"bytes MB ro", FormatBytes(RO, 4_109_712), "4,1 MB"},
		{"bytes MB en", FormatBytes(EN, 21_681_081), "21.7 MB"},
		{"bytes round up a unit", FormatBytes(RO, 999_960), "1,0 MB"},
		{"bytes TB", FormatBytes(RO, 1_234_567_890_123), "1,2 TB"},
		{"bytes GB en", FormatBytes(EN, 2_500_000_000), "2.5 GB"},
		{"ratio raw", Ratio{8731, 10000}.Raw(), "0.8731"},
		{"ratio raw rounds half up", Ratio{1, 8}.Raw(), "0.1250"},
		{"ratio raw thirds", Ratio{2, 3}.Raw(), "0.6667"},
		{"ratio ro", Ratio{8731, 10000}.Format(RO), "87,3 %"},
		{"ratio en", Ratio{8731, 10000}.Format(EN), "87.3%"},
		{"ratio above one", Ratio{3, 2}.Raw(), "1.5000"},
		{"ratio undefined", Ratio{1, 0}.Format(RO), "–"},
		{"percent basis: one decimal like every percentage", FormatPercentBasis(RO, 8082), "80,8 %"},
		{"percent basis rounds half up", FormatPercentBasis(EN, 8085), "80.9%"},
		{"percent basis small", FormatPercentBasis(RO, 3), "< 0,1 %"},
		{"small share is not nothing", Ratio{17945974, 263685430460}.Format(RO), "< 0,1 %"},
		{"small share en", Ratio{1, 100000}.Format(EN), "< 0.1%"},
		{"zero share", Ratio{0, 100}.Format(RO), "0,0 %"},
		{"change minus sign", FormatChange(RO, Ratio{-229, 1000}), "−22,9 %"},
		{"change plus", FormatChange(EN, Ratio{32, 1000}), "+3.2%"},
		{"change zero", FormatChange(RO, Ratio{0, 1000}), "0,0 %"},
		{"change tiny up", FormatChange(RO, Ratio{1, 100000}), "< +0,1 %"},
		{"change tiny down", FormatChange(RO, Ratio{-1, 100000}), "> −0,1 %"},
		{"change undefined", FormatChange(RO, Ratio{1, 0}), "–"},
		{"de after 20", CountNoun(RO, 245137, "locuitor", "locuitori"), "245.137 de locuitori"},
		{"no de under 20", CountNoun(RO, 1019, "contract", "contracte"), "1.019 contracte"},
		{"de after hundreds", CountNoun(RO, 1000, "contract", "contracte"), "1.000 de contracte"},
		{"population with its year", FormatPopulation(RO, 251236, 2021), "251.236 de locuitori (2021)"},
		{"population with its year, en", FormatPopulation(EN, 251236, 2021), "251,236 inhabitants (2021)"},
		{"population unknown", FormatPopulation(RO, 0, 0), "–"},
		{"one", CountNoun(RO, 1, "acord-cadru", "acorduri-cadru"), "1 acord-cadru"},
		{"no de in English", CountNoun(EN, 20, "row", "rows"), "20 rows"},
		{"edition date and time in Romanian time", FormatDateTime(RO, time.Date(2026, 12, 1, 5, 46, 0, 0, time.UTC)), "01.12.2026, 07:46"},
		{"edition date en", FormatDateTime(EN, time.Date(2026, 7, 1, 5, 46, 0, 0, time.UTC)), "1 Jul 2026, 08:46"},
		{"month of a year", FormatMonth(RO, time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)), "ianuarie 2022"},
		{"period part of a year", Period{Year: 2025, Through: 10}.Label(RO), "ian.–oct. 2025"},
		{"period part of a year en", Period{Year: 2025, Through: 10}.Label(EN), "Jan–Oct 2025"},
		{"period whole year", Period{Year: 2025, Through: 12}.Label(RO), "2025"},
		{"period in words", Period{Year: 2026, Through: 10}.Long(RO), "ianuarie–octombrie 2026"},
		{"percent raw", RawPercentBasis(8082), "80.82"},
		{"date ro", FormatDate(RO, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)), "23.11.2026"},
		{"date en", FormatDate(EN, time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)), "3 Nov 2026"},
		{"month ro", MonthName(RO, 2), "februarie"},
		{"month en", MonthName(EN, 12), "December"},
		{"days one", FormatDays(RO, 1), "1 zi"},
		{"days few", FormatDays(RO, 12), "12 zile"},
		{"days with de", FormatDays(RO, 20), "20 de zile"},
		{"days 101", FormatDays(RO, 101), "101 zile"},
		{"days en", FormatDays(EN, 12), "12 days"},
		{"per capita rounds half up", PerCapita(150, 100).String(), "0.02"},
		{"per capita", PerCapita(100000, 3).String(), "333.33"},
		{"short", FormatLeiShort(RO, 1234567890000), "12.345,7 mil. lei"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestEveryMessageHasBothLanguages(t *testing.T) {
	for key, m := range messages {
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("%s: missing a language", key)
		}
		// Romanian texts use comma-below ș ț, never the cedilla forms.
		if strings.ContainsAny(m[0], "şţŞŢ") {
			t.Errorf("%s: cedilla diacritics in %q", key, m[0])
		}
		if strings.Count(m[0], "%") != strings.Count(m[1], "%") {
			t.Errorf("%s: the two languages take different arguments", key)
		}
	}
	// Keys the templates use with a prefix exist for every value.
	for _, s := range models.InvestmentStatuses {
		if _, ok := messages["status."+string(s)]; !ok {
			t.Errorf("no text for status %s", s)
		}
	}
	for _, f := range models.InvestmentFunding {
		if _, ok := messages["funding."+f]; !ok {
			t.Errorf("no text for funding %s", f)
		}
	}
	for _, k := range models.ContractKinds {
		if _, ok := messages["kind."+string(k)]; !ok {
			t.Errorf("no text for contract kind %s", k)
		}
	}
	// Every headline number has its title in both languages, in the
	// vocabulary, once.
	seen := map[string]bool{}
	for _, k := range models.KPIs {
		if seen[k.ID] || strings.TrimSpace(k.Title.RO) == "" || strings.TrimSpace(k.Title.EN) == "" || strings.ContainsAny(k.Title.RO+k.Definition.RO, "şţŞŢ") {
			t.Errorf("KPI %s: repeated, without a title in both languages, or with cedilla diacritics", k.ID)
		}
		if (k.Definition.RO == "") != (k.Definition.EN == "") {
			t.Errorf("KPI %s: its definition is in one language only", k.ID)
		}
		seen[k.ID] = true
	}
}

func TestLinksKeepTheLanguage(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Link(EN, "/"), "/en"},
		{Link(EN, "/buget"), "/en/buget"},
		{Link(RO, "/buget"), "/buget"},
		{AltPath("/en/buget", EN), "/buget"},
		{AltPath("/en", EN), "/"},
		{AltPath("/", RO), "/en"},
		{AltPath("/achizitii/furnizori/1", RO), "/en/achizitii/furnizori/1"},
		{RoPath("/english"), "/english"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}

// TestEveryTextKeyExists finds the text keys the Go code and the templates
// of the chrome and of every site name literally (T(lang, "key"), {{t .Lang
// "key"}}) and checks each has its texts: a missing key shows as the key.
func TestEveryTextKeyExists(t *testing.T) {
	uses := regexp.MustCompile(`\bTf?\((?:lang|q\.lang|[a-z]+\.Lang), "([^"]+)"|\{\{tf? (?:\.Lang|\$\.Lang|\$lang) "([^"]+)"`)
	found := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html")) {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range uses.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2]
			if strings.HasSuffix(key, ".") {
				continue // a prefix ("status."+s): TestEveryMessageHasBothLanguages checks each value
			}
			found++
			if _, ok := messages[key]; !ok {
				t.Errorf("%s uses the text %q, which has no texts", path, key)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 100 {
		t.Fatalf("found only %d uses of texts: the pattern no longer matches the code", found)
	}
}

func TestFormatPointsChange(t *testing.T) {
	cases := []struct {
		lang        string
		now, before Ratio
		want        string
	}{
		{RO, Ratio{400, 1500}, Ratio{220, 1000}, "+4,7 p.p."},
		{EN, Ratio{400, 1500}, Ratio{220, 1000}, "+4.7 pp"},
		{RO, Ratio{250, 400}, Ratio{200, 220}, Minus + "28,4 p.p."},
		{RO, Ratio{1, 2}, Ratio{2, 4}, "0,0 p.p."},
		{RO, Ratio{10001, 20000}, Ratio{1, 2}, "< +0,1 p.p."},
		{RO, Ratio{1, 0}, Ratio{1, 2}, "–"},
	}
	for _, c := range cases {
		if got := FormatPointsChange(c.lang, c.now, c.before); got != c.want {
			t.Errorf("%s %v − %v = %q, want %q", c.lang, c.now, c.before, got, c.want)
		}
	}
	cmp := SamePeriod(Period{Year: 2026, Through: 3}, 2025, 2)
	if got := cmp.ChangePoints(RO, Ratio{1, 2}, Ratio{1, 4}); got.Text != "–" {
		t.Errorf("different months compared: %q", got.Text)
	}
}
