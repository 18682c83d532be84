package forexebug

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// The execution seeds of transparenta.eu (Bucharest and Sibiu, parsed from the
// Treasury's real reports) give real codes with the Treasury's names, real
// funding sources and real line items. Each is turned back into a report row
// and read; the expected values are derived here from the seed's own
// notation, independently of the reader.
type seed struct {
	CUI        string `json:"cui"`
	EntityName string `json:"entityName"`
	Main       map[string]map[string][]struct {
		ReportInfo struct {
			Date   string `json:"date"`
			Period string `json:"period"`
		} `json:"reportInfo"`
		LineItems []struct {
			Type           string      `json:"type"`
			FunctionalCode string      `json:"functionalCode"`
			EconomicCode   string      `json:"economicCode"`
			FundingSource  string      `json:"fundingSource"`
			YTDAmount      json.Number `json:"ytdAmount"`
		} `json:"lineItems"`
	} `json:"mainCreditData"`
	NameLookups struct {
		Functional    map[string]string `json:"functional"`
		Economic      map[string]string `json:"economic"`
		FundingSource map[string]string `json:"fundingSource"`
	} `json:"nameLookups"`
}

func loadSeeds(t *testing.T) map[string]seed {
	files, _ := filepath.Glob("../../../shared/data/ro_transparenta_eu_*_anaf_execution_seed.json")
	if len(files) == 0 {
		t.Fatal("no seed files ro_transparenta_eu_*_anaf_execution_seed.json in ../shared/data")
	}
	out := map[string]seed{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var s seed
		d := json.NewDecoder(strings.NewReader(string(b)))
		d.UseNumber()
		if err := d.Decode(&s); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = s
	}
	return out
}

// seedRow writes one G_11 row.
func seedRow(categ, fn, fnName, econ, econName, funding, amount string) string {
	e := html.EscapeString
	return fmt.Sprintf("<G_11><CATEG_CONT>%s</CATEG_CONT><COD_FUNCTIONAL>%s</COD_FUNCTIONAL><DENUMIRE_CF>%s</DENUMIRE_CF><COD_ECONOMIC>%s</COD_ECONOMIC><DENUMIRE_CE>%s</DENUMIRE_CE><SURSA_FINANTARE>%s</SURSA_FINANTARE><RULAJ_CH_VN>%s</RULAJ_CH_VN></G_11>\n",
		categ, strings.ReplaceAll(fn, ".", ""), e(fnName), strings.ReplaceAll(econ, ".", ""), e(econName), e(funding), amount)
}

// localCode writes a seed code "65.04.01" in local budget notation
// "65.02.04.01", dropping the "00" groups that mean none.
func localCode(code, budget string) string {
	g := strings.Split(code, ".")
	for len(g) > 1 && g[len(g)-1] == "00" {
		g = g[:len(g)-1]
	}
	return strings.Join(append([]string{g[0], budget}, g[1:]...), ".")
}

// bani converts a decimal string to hundredths without floats.
func bani(s string) models.Amount {
	i, f, _ := strings.Cut(s, ".")
	f = (f + "00")[:2]
	var a models.Amount
	for _, c := range i + f {
		a = a*10 + models.Amount(c-'0')
	}
	return a
}

func readSeedDoc(t *testing.T, s seed, date, rows string) []*models.Record {
	t.Helper()
	content := doc("<P_ZI>"+date+"</P_ZI><P_SECB>02</P_SECB>", "<G_5><COD_FISCAL>"+s.CUI+"</COD_FISCAL><NUME>"+s.EntityName+"</NUME></G_5><G_4><NIVEL>1</NIVEL><G_10>\n"+rows+"</G_10></G_4>")
	recs, _, err := readAll(t, strings.NewReader(content), ingest.Options{Dataset: models.DatasetBudget, File: "seed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestSeedLineItems(t *testing.T) {
	for name, s := range loadSeeds(t) {
		for year, months := range s.Main {
			for month, reports := range months {
				for _, rep := range reports {
					var rows strings.Builder
					for _, li := range rep.LineItems {
						src := li.FundingSource + "-" + s.NameLookups.FundingSource[li.FundingSource]
						rows.WriteString(seedRow(li.Type, li.FunctionalCode, s.NameLookups.Functional[li.FunctionalCode], li.EconomicCode, "", src, li.YTDAmount.String()))
					}
					recs := readSeedDoc(t, s, rep.ReportInfo.Date, rows.String())
					if len(recs) != len(rep.LineItems) {
						t.Fatalf("%s %s-%s: %d records for %d line items", name, year, month, len(recs), len(rep.LineItems))
					}
					for i, li := range rep.LineItems {
						r := recs[i]
						kind := map[string]string{"vn": "venituri", "ch": "cheltuieli"}[li.Type]
						if len(r.Errors) > 0 || str(r, "entity_cui") != s.CUI || str(r, "kind") != kind ||
							str(r, "functional_code") != localCode(li.FunctionalCode, "02") || str(r, "funding_source") != li.FundingSource ||
							fmt.Sprint(get(r, "year")) != year || fmt.Sprintf("%02d", get(r, "month")) != month ||
							get(r, "executed") != bani(li.YTDAmount.String()) {
							t.Errorf("%s %s-%s %s: %v %v", name, year, month, li.FunctionalCode, r.Values, r.Errors)
						}
					}
				}
			}
		}
	}
}

// TestSeedCodes reads every code the seeds name. It reports the real codes
// the catalogue lacks (they are rejected by ingest.Finish, as they must be).
func TestSeedCodes(t *testing.T) {
	missing := map[string]bool{}
	for name, s := range loadSeeds(t) {
		// Functional codes: revenue chapters 00-49, expense chapters 50-99.
		var codes []string
		for c := range s.NameLookups.Functional {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		var rows strings.Builder
		for _, c := range codes {
			if c < "50" {
				rows.WriteString(seedRow("vn", c, s.NameLookups.Functional[c], "", "", "A-Integral de la buget", "1"))
			} else {
				rows.WriteString(seedRow("ch", c, s.NameLookups.Functional[c], "20.01.30", "Alte bunuri si servicii pentru intretinere si functionare", "A-Integral de la buget", "1"))
			}
		}
		recs := readSeedDoc(t, s, "31-JAN-24", rows.String())
		loaded := 0
		for _, c := range codes {
			want := localCode(c, "02")
			chapterTotal := strings.HasSuffix(c, ".00.00") && c[:2] != "55" // 55 has no subchapters
			r := findRecord(recs, c)
			switch {
			case chapterTotal && r != nil:
				t.Errorf("%s: chapter total %s loaded", name, c)
			case chapterTotal:
			case r == nil:
				t.Errorf("%s: %s not read", name, c)
			case len(r.Errors) > 0:
				e := r.Errors[0]
				if e.Column != "functional_code" || !strings.Contains(e.Reason, "nu există în clasificație") {
					t.Errorf("%s: %s rejected for another reason than the catalogue: %+v", name, c, e)
				}
				missing["functional "+want] = true
			default:
				loaded++
				if str(r, "functional_code") != want {
					t.Errorf("%s: %s read as %s, want %s", name, c, str(r, "functional_code"), want)
				}
				if k := str(r, "kind"); (c < "50") != (k == "venituri") {
					t.Errorf("%s: %s kind %s", name, c, k)
				}
			}
		}
		t.Logf("%s: %d functional codes, %d loaded", name, len(codes), loaded)

		// Economic codes, on an expense line of 51.01.03.
		codes = codes[:0]
		for c := range s.NameLookups.Economic {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		rows.Reset()
		for _, c := range codes {
			rows.WriteString(seedRow("ch", "51.01.03", "Autoritati executive", c, s.NameLookups.Economic[c], "A-Integral de la buget", "1"))
		}
		recs = readSeedDoc(t, s, "31-JAN-24", rows.String())
		byEcon := map[string]*models.Record{}
		for _, r := range recs {
			byEcon[str(r, "economic_code")] = r
		}
		for _, c := range codes {
			want := strings.TrimSuffix(strings.TrimSuffix(c, ".00"), ".00")
			total := c[3:5] == "00" // 10.00.00 TITLUL I, 51.00.96 secțiunea de funcționare
			r := byEcon[want]
			if r == nil {
				r = findErr(recs, c)
			}
			switch {
			case total && r != nil && str(r, "economic_code") == want:
				t.Errorf("%s: total %s loaded", name, c)
			case total:
			case r == nil:
				t.Errorf("%s: economic %s not read", name, c)
			case len(r.Errors) > 0:
				if r.Errors[0].Column != "economic_code" || !strings.Contains(r.Errors[0].Reason, "nu există în clasificație") {
					t.Errorf("%s: %s: %+v", name, c, r.Errors[0])
				}
				missing["economic "+want] = true
			default:
				title := c[:2]
				dev := strings.Contains(ingestFold(s.NameLookups.Economic[c]), "sectiunea de dezvoltare") ||
					strings.Contains("56 58 60 61 70 71 72", title) || c[:5] == "51.02"
				if (str(r, "section") == "dezvoltare") != dev {
					t.Errorf("%s: %s %q section %s", name, c, s.NameLookups.Economic[c], str(r, "section"))
				}
			}
		}

		// Funding sources.
		for letter, n := range s.NameLookups.FundingSource {
			if got, err := fundingLetter(letter + "-" + n); got != letter || err != nil {
				t.Errorf("%s: %s-%s read as %q %v", name, letter, n, got, err)
			}
		}
	}
	var list []string
	for c := range missing {
		list = append(list, c)
	}
	sort.Strings(list)
	t.Logf("real codes of the seeds missing from the catalogue (%d): %s", len(list), strings.Join(list, ", "))
}

func ingestFold(s string) string { return rules.Fold(s) }

// findRecord finds the record of the row whose COD_FUNCTIONAL was the seed code c.
func findRecord(recs []*models.Record, c string) *models.Record {
	want := localCode(c, "02")
	for _, r := range recs {
		if str(r, "functional_code") == want {
			return r
		}
		for _, e := range r.Errors {
			if e.Value == want {
				return r
			}
		}
	}
	return nil
}

func findErr(recs []*models.Record, c string) *models.Record {
	want := strings.TrimSuffix(strings.TrimSuffix(c, ".00"), ".00")
	for _, r := range recs {
		for _, e := range r.Errors {
			if e.Value == want {
				return r
			}
		}
	}
	return nil
}
