package tabular

import (
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// The worked examples of docs/mapping.md, run on their sample files.

func TestExampleInvestments(t *testing.T) {
	m := loadMapping(t, "../../docs/mappings/example_investments.yaml")
	res, err := runMapping(t, m, openFile(t, "testdata/investitii_2026_win1250.csv"), ingest.Options{File: "investitii.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.good) != 3 || len(res.rejects) != 0 || res.skipped != 1 {
		t.Fatalf("good %d rejects %v skipped %d; want 3, none, 1", len(res.good), res.rejects, res.skipped)
	}
	ds := models.DatasetInvestments
	var total, spent models.Amount
	for _, g := range res.good {
		total += value(g, ds, "total_value").(models.Amount)
		spent += value(g, ds, "spent_year").(models.Amount)
	}
	// The file's own TOTAL row: 17.730,5 and 470,75 thousand lei.
	if total != 17_730_500_00 || spent != 470_750_00 {
		t.Errorf("totals %v %v; want 17730500.00 470750.00", total, spent)
	}
	a, c := res.good[0], res.good[2]
	if a.Line != 4 || c.Line != 6 || value(a, ds, "name") != "Reabilitare termică Școala Gimnazială nr. 7" ||
		value(a, ds, "status") != "în execuție" || value(c, ds, "status") != "planificat" || value(c, ds, "progress_pct") != models.Amount(1250) ||
		!value(a, ds, "planned_end").(time.Time).Equal(models.Date(2026, 12, 15)) || value(c, ds, "planned_end") != nil || value(c, ds, "funding") != "ue" {
		t.Errorf("records %v / %v", a.Values, c.Values)
	}
}

func TestExampleRequests(t *testing.T) {
	m := loadMapping(t, "../../docs/mappings/example_requests.yaml")
	res, err := runMapping(t, m, openFile(t, "testdata/registratura_2026.csv"), ingest.Options{File: "registratura.csv", Entity: timisoaraCUI})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.good) != 3 || len(res.rejects) != 0 {
		t.Fatalf("good %d rejects %v", len(res.good), res.rejects)
	}
	ds := models.DatasetRequests
	// Legal terms from the types: certificat de urbanism 15, Legea 544 extended 30, petiție 30.
	for i, want := range []int64{15, 30, 30} {
		if got := value(res.good[i], ds, "term_days"); got != want {
			t.Errorf("record %d term %v, want %d", i, got, want)
		}
	}
	if value(res.good[2], ds, "department") != "Registratură" || value(res.good[2], ds, "channel") != "e-mail" {
		t.Errorf("record 3 %v", res.good[2].Values)
	}
}

func TestUATEntities(t *testing.T) {
	m := loadMapping(t, "../../docs/mappings/ro_uat_entities.yaml")
	res, err := runMapping(t, m, openFile(t, dataDir+"ro_uat_cif_siruta_population_2021.csv"), ingest.Options{File: "uat.csv"})
	if err != nil {
		t.Fatal(err)
	}
	// Python: 3,228 rows; by re.match on the name: 6 SECTORUL, 103
	// MUNICIPIUL, 216 ORAȘ, 41 JUDETUL, 2,862 without prefix;
	// every uat_cod passes the CUI check digit; population sums to
	// 36,390,647 without the sectors, 38,107,630 with them. The 41 county rows have the county's letters in cod_siruta
	// ("AB"): they are rejected, and the population of the others sums to
	// 38,107,630 - 17,336,832 (the counties' rows, Python).
	if len(res.good) != 3187 || res.skipped != 0 || len(res.rejects) != 41 {
		t.Fatalf("good %d skipped %d rejects %v", len(res.good), res.skipped, res.rejects[:min(len(res.rejects), 5)])
	}
	for _, r := range res.rejects {
		if r.Column != "cod_siruta" || len(r.Value) != 2 || r.Reason != "nu este un număr (se așteaptă de forma 1.234.567,89 sau 1234567,89)" {
			t.Fatalf("reject %+v", r)
		}
	}
	kinds := map[string]int{}
	var pop int64
	for _, g := range res.good {
		kinds[value(g, m.Dataset, "kind").(string)]++
		pop += value(g, m.Dataset, "population").(int64)
	}
	want := map[string]int{"municipiu": 103, "oraș": 216, "județ": 0, "comună": 2862, "sector": 6}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("kind %s: %d, want %d", k, kinds[k], n)
		}
	}
	if pop != 38_107_630-17_336_832 {
		t.Errorf("population %d", pop)
	}
}

func TestSICAPDirectPurchases(t *testing.T) {
	m := loadMapping(t, "../../docs/mappings/ro_sicap_achizitii_directe.yaml")
	res, err := runMapping(t, m, openFile(t, dataDir+"ro_sicap_achizitii_directe_offline_sample.csv"), ingest.Options{File: "sicap.csv"})
	if err != nil {
		t.Fatal(err)
	}
	// Python: 105 records whose item.awardedValue sums to 4,995,757.33. One
	// authority.fiscalNumber is written "R4278337": a lone R before a code
	// that passes the check digit is a decoration (rules.FiscalCode), so
	// every row loads, that one with buyer 4278337.
	if len(res.good) != 105 || len(res.rejects) != 0 {
		t.Fatalf("good %d rejects %v", len(res.good), res.rejects)
	}
	var sum models.Amount
	lone := 0
	for _, g := range res.good {
		sum += value(g, m.Dataset, "value").(models.Amount)
		if g.Line == 22 { // Python csv.reader line_num 25 is where the record ends; it starts on 22
			lone++
			if b := value(g, m.Dataset, "buyer_cui"); b != "4278337" {
				t.Errorf("buyer of line 22: %v", b)
			}
		}
	}
	if lone != 1 {
		t.Errorf("no record starts on line 22")
	}
	if sum != 4_995_757_33 {
		t.Errorf("total %v", sum)
	}
	if value(res.good[0], m.Dataset, "cpv") != "71356200-0" {
		t.Errorf("cpv %v", value(res.good[0], m.Dataset, "cpv"))
	}
}
