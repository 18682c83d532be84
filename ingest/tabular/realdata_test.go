package tabular

import (
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// The expected counts and totals below were computed independently of this
// package with Python's csv module (csv.DictReader, decimal.Decimal) over
// /work/shared/data, applying the rules stated in each mapping's comments.

const dataDir = "../../../shared/data/"

// Primăria Municipiului Timișoara.
const timisoaraCUI = "14756536"

func TestLA311Requests(t *testing.T) {
	m := loadMapping(t, "../../docs/mappings/la_myla311_requests.yaml")
	res, err := runMapping(t, m, openFile(t, dataDir+"la_myla311_service_requests_2017_subset.csv"),
		ingest.Options{File: "la.csv", Entity: timisoaraCUI})
	if err != nil {
		t.Fatal(err)
	}
	// Python: 9,999 rows; RequestSource Call 4188, Mobile App 2131, Driver
	// Self Report 2019, Self Service 1621, Email 33, Council's Office 5,
	// Voicemail 1, Walk-in 1; Status Closed 9739, Cancelled 246, Referred
	// Out 9, Open 5, the 5 open ones without ClosedDate and every other with
	// one; no ClosedDate precedes its CreatedDate. The crews' own reports and
	// the council's office are another channel (altul): nothing is rejected.
	if len(res.good) != 9999 || len(res.rejects) != 0 || res.skipped != 0 {
		t.Fatalf("good %d rejects %d (%v) skipped %d; want 9999, 0, 0", len(res.good), len(res.rejects), res.rejects[:min(len(res.rejects), 3)], res.skipped)
	}
	byChannel, byStatus := map[string]int{}, map[string]int{}
	open := 0
	for _, g := range res.good {
		byChannel[value(g, m.Dataset, "channel").(string)]++
		byStatus[value(g, m.Dataset, "status").(string)]++
		if value(g, m.Dataset, "answered") == nil {
			open++
		}
	}
	want := map[string]int{"telefon": 4188 + 1, "online": 2131 + 1621, "e-mail": 33, "ghișeu": 1, "altul": 2019 + 5}
	for k, n := range want {
		if byChannel[k] != n {
			t.Errorf("channel %s: %d, want %d", k, byChannel[k], n)
		}
	}
	for k, n := range map[string]int{"rezolvată": 9739, "anulată": 246, "redirecționată": 9, "deschisă": 5} {
		if byStatus[k] != n {
			t.Errorf("status %s: %d, want %d", k, byStatus[k], n)
		}
	}
	if open != 5 {
		t.Errorf("open requests %d, want 5", open)
	}
	// First data row: 1-870704831, 12/31/2017 11:59:58 PM, closed 04/09/2018 09:18:35 AM, line 2.
	g := res.good[0]
	if g.Line != 2 || value(g, m.Dataset, "request_id") != "1-870704831" ||
		!value(g, m.Dataset, "received").(time.Time).Equal(models.Date(2017, 12, 31)) ||
		!value(g, m.Dataset, "answered").(time.Time).Equal(models.Date(2018, 4, 9)) ||
		value(g, m.Dataset, "term_days") != int64(30) || value(g, m.Dataset, "entity_cui") != timisoaraCUI {
		t.Errorf("first record %+v", g)
	}
}

func TestTimisoaraBudget(t *testing.T) {
	m := loadMapping(t, "../../docs/mappings/ro_timisoara_buget_2024_capitole.yaml")
	res, err := runMapping(t, m, openFile(t, dataDir+"ro_timisoara_buget_2024_capitole.csv"),
		ingest.Options{File: "tm.csv", Entity: timisoaraCUI})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.good) != 31 || len(res.rejects) != 0 {
		t.Fatalf("good %d rejects %v; want 31, none", len(res.good), res.rejects)
	}
	// Python: sum(Decimal(total_mii_lei)) * 1000 by tip.
	sum := map[string]models.Amount{}
	for _, g := range res.good {
		kind := value(g, m.Dataset, "kind").(string)
		sum[kind] += value(g, m.Dataset, "initial_budget").(models.Amount)
		ec := value(g, m.Dataset, "economic_code")
		if (kind == "venituri") != (ec == nil) {
			t.Errorf("line %d: %s with economic code %v", g.Line, kind, ec)
		}
	}
	if sum["venituri"] != 2_261_482_130_00 || sum["cheltuieli"] != 2_352_378_930_00 {
		t.Errorf("totals %v; want venituri 2261482130.00, cheltuieli 2352378930.00", sum)
	}
}

func TestStateBudget2013(t *testing.T) {
	m := loadMapping(t, "../../docs/mappings/ro_buget_stat_2013_institutii_capitol_titlu.yaml")
	res, err := runMapping(t, m, openFile(t, dataDir+"ro_buget_stat_2013_institutii_capitol_titlu.csv"),
		ingest.Options{File: "bs.csv", Entity: timisoaraCUI})
	if err != nil {
		t.Fatal(err)
	}
	// Python: 1,255 rows; 456 have 6 digits, a chapter other than 50 and a
	// title other than 01/70/79; their suma sums to 116,359,340 thousand lei,
	// which is also the sum of the 5001 rows (each institution's total): the
	// skip rules leave nothing counted twice and nothing out.
	if len(res.good) != 456 || res.skipped != 799 || len(res.rejects) != 0 {
		t.Fatalf("good %d skipped %d rejects %v; want 456, 799, none", len(res.good), res.skipped, res.rejects)
	}
	var sum models.Amount
	for _, g := range res.good {
		sum += value(g, m.Dataset, "initial_budget").(models.Amount)
	}
	if sum != 116_359_340_000_00 {
		t.Errorf("total %v; want 116359340000.00", sum)
	}
	g := res.good[0] // 1,1,510110,...,TITLUL I CHELTUIELI DE PERSONAL,10284 on line 11
	if g.Line != 11 || value(g, m.Dataset, "functional_code") != "51" || value(g, m.Dataset, "economic_code") != "10" ||
		value(g, m.Dataset, "initial_budget") != models.Amount(10_284_000_00) {
		t.Errorf("first record %+v", g)
	}
}
