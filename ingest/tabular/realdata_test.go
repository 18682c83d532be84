package tabular

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

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

// cutMidRow returns data cut inside its last row, after the row's fifth
// delimiter: what an interrupted download leaves.
func cutMidRow(t *testing.T, data []byte, delim byte) []byte {
	t.Helper()
	body := bytes.TrimRight(data, "\r\n")
	start := bytes.LastIndexByte(body, '\n') + 1
	at := start
	for range 5 {
		i := bytes.IndexByte(body[at:], delim)
		if i < 0 {
			t.Fatal("the last row has fewer than 5 cells")
		}
		at += i + 1
	}
	return body[:at+2]
}

// TestCSVCutMidRowIsRefused: the real LA register cut inside its last row
// (line 10000) is refused as truncated; the same text ending with a line
// break is a whole file whose last row is short, a reject.
func TestCSVCutMidRowIsRefused(t *testing.T) {
	m := loadMapping(t, "../../docs/mappings/la_myla311_requests.yaml")
	data, err := os.ReadFile(dataDir + "la_myla311_service_requests_2017_subset.csv")
	if err != nil {
		t.Fatal(err)
	}
	cut := cutMidRow(t, data, ',')
	_, err = runMapping(t, m, bytes.NewReader(cut), ingest.Options{File: "la.csv", Entity: timisoaraCUI})
	fileError(t, err, "fișier trunchiat: ultimul rând (linia 10000) are 6 din cele 33 de coloane")
	res, err := runMapping(t, m, bytes.NewReader(append(cut, '\n')), ingest.Options{File: "la.csv", Entity: timisoaraCUI})
	if err != nil {
		t.Fatalf("the same rows ending with a line break: %v", err)
	}
	last := res.rejects[len(res.rejects)-1]
	if last.Line != 10000 || last.Column != "*" || !strings.Contains(last.Reason, "rând scurt") {
		t.Fatalf("last reject %+v; want the short row 10000", last)
	}
}

// sicapWindows1250 is the real SICAP sample as a Romanian Windows program
// would write it: Windows-1250, with the cedilla letters ş ţ it has.
func sicapWindows1250(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(dataDir + "ro_sicap_achizitii_directe_offline_sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	cedilla := strings.NewReplacer("ș", "ş", "ț", "ţ", "Ș", "Ş", "Ț", "Ţ")
	return encode(t, charmap.Windows1250, cedilla.Replace(string(data)))
}

// TestWrongDeclaredEncodingRejectsTheRowsItWouldCorrupt: the real SICAP
// register in Windows-1250 declared as ISO-8859-2 reads „ ” – as U+FFFD;
// those rows are rejected with the encoding to declare, the others load
// exactly as under the right declaration, and no text loads corrupted.
func TestWrongDeclaredEncodingRejectsTheRowsItWouldCorrupt(t *testing.T) {
	data := sicapWindows1250(t)
	read := func(enc string) result {
		m := loadMapping(t, "../../docs/mappings/ro_sicap_achizitii_directe.yaml")
		m.Source.Encoding = enc
		res, err := runMapping(t, m, bytes.NewReader(data), ingest.Options{File: "sicap.csv"})
		if err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		return res
	}
	right, wrong := read(EncodingWin1250), read(EncodingLatin2)
	byLine := map[int]*models.Record{}
	for _, g := range right.good {
		byLine[g.Line] = g
	}
	for _, g := range wrong.good {
		for _, v := range g.Values {
			if s, ok := v.(string); ok && strings.ContainsRune(s, '\uFFFD') {
				t.Fatalf("line %d loaded with corrupted text %q", g.Line, s)
			}
		}
		if r := byLine[g.Line]; r == nil || value(r, models.DatasetProcurement, "title") != value(g, models.DatasetProcurement, "title") {
			t.Fatalf("line %d reads differently under iso-8859-2", g.Line)
		}
	}
	misread := 0
	for _, r := range wrong.rejects {
		misread++
		if !strings.Contains(r.Reason, "U+FFFD") || !strings.Contains(r.Reason, "declarați encoding: windows-1250 sau auto") {
			t.Fatalf("reject %+v does not name the character and the encoding to declare", r)
		}
	}
	// Rows that cannot be told apart are the rows with – „ ” “ ’ — in a mapped column.
	if misread == 0 || len(wrong.good) >= len(right.good) || len(wrong.good)+len(lines(wrong.rejects)) != len(right.good)+len(lines(right.rejects)) {
		t.Fatalf("iso-8859-2: %d good, %d rejects (%d misread); windows-1250: %d good, %d rejects",
			len(wrong.good), len(wrong.rejects), misread, len(right.good), len(right.rejects))
	}
	t.Logf("windows-1250: %d good; iso-8859-2: %d good, %d cells misread", len(right.good), len(wrong.good), misread)
}

// lines are the distinct lines of rejects.
func lines(rejects []models.RowError) map[int]bool {
	out := map[int]bool{}
	for _, r := range rejects {
		out[r.Line] = true
	}
	return out
}
