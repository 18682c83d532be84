package dashboards

import (
	"errors"
	"net/url"
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
		{"ratio raw", Ratio{8731, 10000}.Raw(), "0.8731"},
		{"ratio raw rounds half up", Ratio{1, 8}.Raw(), "0.1250"},
		{"ratio raw thirds", Ratio{2, 3}.Raw(), "0.6667"},
		{"ratio ro", Ratio{8731, 10000}.Format(RO), "87,3 %"},
		{"ratio en", Ratio{8731, 10000}.Format(EN), "87.3%"},
		{"ratio above one", Ratio{3, 2}.Raw(), "1.5000"},
		{"ratio undefined", Ratio{1, 0}.Format(RO), "–"},
		{"percent basis", FormatPercentBasis(RO, 8082), "80,82 %"},
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
	for _, d := range indicatorDefinitions {
		if _, ok := messages["kpi."+d.name]; !ok {
			t.Errorf("no label for indicator %s", d.name)
		}
	}
}

func TestParseQuery(t *testing.T) {
	amount := func(a models.Amount) *models.Amount { return &a }
	for _, c := range []struct {
		name, query string
		want        Query
		bad         string // the parameter named in the error
	}{
		{name: "empty", query: ""},
		{name: "year and entity", query: "an=2025&entitate=9991004", want: Query{Year: 2025, Entity: "9991004"}},
		{name: "consolidated chapter with budget suffix", query: "vedere=consolidat&capitol=65.02", want: Query{Consolidated: true, Chapter: "65"}},
		{name: "investment filters", query: "stare=%C3%AEn+execu%C8%9Bie&finantare=pnrr", want: Query{Status: "în execuție", Funding: "pnrr"}},
		{name: "amounts with comma and point", query: "min=1000,5&max=2000.25", want: Query{Min: amount(100050), Max: amount(200025)}},
		{name: "dates", query: "de_la=2024-02-29&pana_la=2024-12-31", want: Query{From: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)}},
		{name: "text trimmed", query: "furnizor=+Vest+&procedura=licita%C8%9Bie+deschis%C4%83&cpv=45233140-2&pagina=3&ordine=valoare_asc",
			want: Query{Supplier: "Vest", Procedure: "licitație deschisă", CPV: "45233140-2", Page: 3, Sort: "valoare_asc"}},
		{name: "unknown parameters ignored", query: "utm_source=x&an=2024", want: Query{Year: 2024}},
		{name: "year letters", query: "an=abc", bad: "an"},
		{name: "year too short", query: "an=202", bad: "an"},
		{name: "year out of range", query: "an=1800", bad: "an"},
		{name: "entity letters", query: "entitate=RO123", bad: "entitate"},
		{name: "view", query: "vedere=tot", bad: "vedere"},
		{name: "chapter", query: "capitol=6", bad: "capitol"},
		{name: "status", query: "stare=gata", bad: "stare"},
		{name: "funding", query: "finantare=privat", bad: "finantare"},
		{name: "cpv", query: "cpv=4", bad: "cpv"},
		{name: "min", query: "min=x", bad: "min"},
		{name: "min with thousands separator", query: "min=1.000,00", bad: "min"},
		{name: "min above max", query: "min=10&max=1", bad: "min"},
		{name: "impossible date", query: "de_la=2026-02-30", bad: "de_la"},
		{name: "other date format", query: "pana_la=23.11.2026", bad: "pana_la"},
		{name: "reversed dates", query: "de_la=2026-02-02&pana_la=2026-01-01", bad: "de_la"},
		{name: "page zero", query: "pagina=0", bad: "pagina"},
		{name: "sort", query: "ordine=pret", bad: "ordine"},
		{name: "text too long", query: "furnizor=" + strings.Repeat("a", 101), bad: "furnizor"},
		{name: "control characters", query: "furnizor=a%00b", bad: "furnizor"},
		{name: "invalid utf-8", query: "procedura=%ff", bad: "procedura"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, err := url.ParseQuery(c.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseQuery(v)
			if c.bad != "" {
				var pe *ParamError
				if !errors.As(err, &pe) || pe.Name != c.bad || !errors.Is(err, models.ErrInvalid) {
					t.Fatalf("error %v, want one about %s", err, c.bad)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (got.Min == nil) != (c.want.Min == nil) || got.Min != nil && *got.Min != *c.want.Min ||
				(got.Max == nil) != (c.want.Max == nil) || got.Max != nil && *got.Max != *c.want.Max {
				t.Fatalf("amounts %v %v", got.Min, got.Max)
			}
			got.Min, got.Max, c.want.Min, c.want.Max = nil, nil, nil, nil
			if got != c.want {
				t.Fatalf("%+v, want %+v", got, c.want)
			}
		})
	}
}

// FuzzParseQuery: any query string is either accepted with values in range
// or refused with a ParamError; it never panics.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"an=2025", "min=1,5&max=2", "de_la=2026-02-30", "capitol=65.02&vedere=consolidat", "furnizor=%ff", "pagina=999999", "cpv=45233140-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := ParseQuery(v)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) || !errors.Is(err, models.ErrInvalid) {
				t.Fatalf("error %v is not a ParamError", err)
			}
			return
		}
		if q.Year != 0 && (q.Year < 1990 || q.Year > 2100) || q.Page < 0 || q.Min != nil && *q.Min < 0 ||
			q.Chapter != "" && len(q.Chapter) != 2 || q.Min != nil && q.Max != nil && *q.Min > *q.Max {
			t.Fatalf("accepted out of range: %+v", q)
		}
	})
}

func TestPageCacheIsBounded(t *testing.T) {
	c := newPageCache("r1", 3, 1<<20)
	for _, k := range []string{"a", "b", "c"} {
		c.put(&cachedPage{key: k, body: []byte(k)})
	}
	c.get("a") // a is now the most recent
	c.put(&cachedPage{key: "d", body: []byte("d")})
	if _, ok := c.get("b"); ok {
		t.Fatal("the least recently used page was kept")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.get(k); !ok {
			t.Fatalf("%s evicted", k)
		}
	}
	small := newPageCache("r1", 100, 10)
	small.put(&cachedPage{key: "k", body: []byte("0123456789abc")})
	if small.len() != 0 {
		t.Fatal("a page larger than the byte bound was kept")
	}
	small.put(&cachedPage{key: "a", body: []byte("12345")})
	small.put(&cachedPage{key: "b", body: []byte("12345")})
	if small.len() != 1 {
		t.Fatalf("%d pages over a 10-byte bound", small.len())
	}
	off := newPageCache("r1", 0, 1<<20)
	off.put(&cachedPage{key: "a", body: []byte("a")})
	if off.len() != 0 {
		t.Fatal("a disabled cache kept a page")
	}
}

func TestLinksKeepTheLanguage(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{link(EN, "/"), "/en"},
		{link(EN, "/buget"), "/en/buget"},
		{link(RO, "/buget"), "/buget"},
		{altPath("/en/buget", EN), "/buget"},
		{altPath("/en", EN), "/"},
		{altPath("/", RO), "/en"},
		{altPath("/achizitii/furnizori/1", RO), "/en/achizitii/furnizori/1"},
		{roPath("/english"), "/english"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}
