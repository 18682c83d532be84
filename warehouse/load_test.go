package warehouse

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
)

func TestMigrationsAreIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.duckdb")
	for i := 0; i < 2; i++ {
		w, err := Open(context.Background(), path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		v, err := w.SchemaVersion(context.Background())
		if err != nil || v != len(migrations()) {
			t.Fatalf("open %d: schema version %d, %v; want %d", i, v, err, len(migrations()))
		}
		if n := count(t, w, `SELECT count(*) FROM dim_cpv_division`); n != 45 {
			t.Fatalf("CPV divisions seeded %d times, want 45 rows", n)
		}
		w.Close()
	}
}

const procurementHeader = "contract_id,kind,parent_id,buyer_cui,supplier_cui,supplier_name,title,cpv,value,currency,award_date,procedure,offers,eu_funded,investment_code"

func TestReloadingTheSameFileChangesNothing(t *testing.T) {
	w := openTemp(t)
	loadEntities(t, w)
	dir := t.TempDir()
	p := writeCSV(t, dir, "p.csv", procurementHeader,
		"DA1,direct_purchase,,"+cityCUI+",RO"+cui("1234567")+",Alfa SRL,Hârtie,30192000-1,1200.50,RON,2025-03-04,cumpărare directă,,false,",
		"DA2,direct_purchase,,"+cityCUI+","+cui("1234567")+",Alfa SRL,Toner,30192000-1,99.99,,2025-03-05,cumpărare directă,1,false,",
	)
	first := load(t, w, models.DatasetProcurement, p)
	if first.Outcome != "loaded" || first.Files[0].RowsLoaded != 2 || first.LoadID == 0 {
		t.Fatalf("first load: %+v", first)
	}
	loadsBefore := count(t, w, `SELECT count(*) FROM loads`)
	second := load(t, w, models.DatasetProcurement, p)
	if second.Outcome != "skipped" || !second.Files[0].Skipped || second.LoadID != 0 {
		t.Fatalf("second load of the same file: %+v", second)
	}
	if n := count(t, w, `SELECT count(*) FROM fact_procurement`); n != 2 {
		t.Fatalf("fact_procurement has %d rows after a re-load, want 2", n)
	}
	if n := count(t, w, `SELECT count(*) FROM loads`); n != loadsBefore {
		t.Fatalf("loads went from %d to %d rows on a skipped re-load", loadsBefore, n)
	}
	var total string
	w.DB().QueryRow(`SELECT sum(value)::VARCHAR FROM fact_procurement`).Scan(&total)
	if total != "1300.49" {
		t.Fatalf("sum of values = %s, want exact 1300.49", total)
	}
	// A corrected export of the same contracts replaces them by key.
	p2 := writeCSV(t, dir, "p2.csv", procurementHeader,
		"DA2,direct_purchase,,"+cityCUI+","+cui("1234567")+",Alfa SRL,Toner,30192000-1,150.00,,2025-03-05,cumpărare directă,1,false,")
	load(t, w, models.DatasetProcurement, p2)
	w.DB().QueryRow(`SELECT sum(value)::VARCHAR FROM fact_procurement`).Scan(&total)
	if n := count(t, w, `SELECT count(*) FROM fact_procurement`); n != 2 || total != "1350.50" {
		t.Fatalf("after correction: %d rows, total %s; want 2 rows, 1350.50", n, total)
	}
}

func TestBadRowsAreRejectedWithFileLineColumnValueReason(t *testing.T) {
	w := openTemp(t)
	loadEntities(t, w)
	lines := []string{procurementHeader}
	for i := 1; i <= 8; i++ { // lines 2..9
		lines = append(lines, fmt.Sprintf("DA%d,direct_purchase,,%s,%s,Beta SRL,Servicii,79341000-6,1000.00,RON,2025-05-0%d,cumpărare directă,,false,",
			i, cityCUI, cui("7654321"), i))
	}
	lines = append(lines,
		"X1,direct_purchase,,"+cityCUI+","+cui("7654321")+",Beta SRL,\"Titlu pe\ndouă linii\",79341000-6,1 234,RON,2025-05-01,,,,", // line 10: thousands grouped in the canonical notation
		"X2,direct_purchase,,"+cityCUI+","+cui("7654321")+",Beta SRL,Servicii,7934100-6,10.00,RON,2025-05-01,,,,",                  // line 12: malformed CPV
		"X3,direct_purchase,,"+cityCUI+","+cui("7654321")+",Beta SRL,Servicii,79341000-6,10.00,RON,2025-02-30,,,,",                 // line 13: impossible date
		"X4,direct_purchase,,"+cui("5555555")+","+cui("7654321")+",Beta SRL,Servicii,79341000-6,10.00,RON,2025-02-03,,,,",          // line 14: unknown buyer
		"DA1,direct_purchase,,"+cityCUI+","+cui("7654321")+",Beta SRL,Servicii,79341000-6,10.00,RON,2025-02-03,,,,",                // line 15: duplicate key of line 2
	)
	for i := 0; i < 100; i++ {
		lines = append(lines, fmt.Sprintf("P%03d,procedure_award,,%s,%s,Beta SRL,Lucrări,45233140-2,5000.00,RON,2025-06-01,licitație deschisă,3,true,",
			i, cityCUI, cui("7654321")))
	}
	p := writeCSV(t, t.TempDir(), "p.csv", lines...)
	res := load(t, w, models.DatasetProcurement, p)
	want := []struct {
		line   int
		column string
		value  string
		reason string
	}{
		{10, "value", "1 234", "nu este o sumă"},
		{12, "cpv", "7934100-6", ""},
		{13, "award_date", "2025-02-30", "dată imposibilă"},
		{14, "buyer_cui", cui("5555555"), "instituție necunoscută"},
		{15, "contract_id", "", "cheie duplicată"},
	}
	if len(res.Rejects) != len(want) {
		t.Fatalf("rejects = %+v, want %d", res.Rejects, len(want))
	}
	for i, wr := range want {
		r := res.Rejects[i]
		if r.File != p || r.Line != wr.line || r.Column != wr.column || r.Value != wr.value || !strings.Contains(r.Reason, wr.reason) {
			t.Errorf("reject %d = %+v, want line %d column %s value %q reason ~%q", i, r, wr.line, wr.column, wr.value, wr.reason)
		}
	}
	if !strings.Contains(res.Rejects[4].Reason, "linia 2") {
		t.Errorf("duplicate reject does not name the first line: %s", res.Rejects[4].Reason)
	}
	f := res.Files[0]
	if f.RowsRead != 113 || f.RowsRejected != 5 || f.RowsLoaded != 108 {
		t.Fatalf("counts read/rejected/loaded = %d/%d/%d, want 113/5/108", f.RowsRead, f.RowsRejected, f.RowsLoaded)
	}
	if n := count(t, w, `SELECT count(*) FROM rejects WHERE load_id = ?`, res.LoadID); n != 5 {
		t.Fatalf("rejects table has %d rows for the load, want 5", n)
	}
}

func TestTooManyRejectsRefusesTheWholeLoad(t *testing.T) {
	w := openTemp(t)
	loadEntities(t, w)
	dir := t.TempDir()
	ok := writeCSV(t, dir, "ok.csv", procurementHeader,
		"A1,direct_purchase,,"+cityCUI+","+cui("7654321")+",Beta SRL,Servicii,79341000-6,10.00,RON,2025-02-03,,,,")
	load(t, w, models.DatasetProcurement, ok)
	bad := writeCSV(t, dir, "bad.csv", procurementHeader,
		"B1,direct_purchase,,"+cityCUI+","+cui("7654321")+",Beta SRL,Servicii,79341000-6,10.00,RON,2025-02-03,,,,",
		"B2,direct_purchase,,"+cityCUI+","+cui("7654321")+",Beta SRL,Servicii,79341000-6,10,5,RON,2025-02-03,,,,")
	res, err := w.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis"}, canonicalFiles(models.DatasetProcurement, "", bad))
	if !errors.Is(err, models.ErrRefused) || res.Outcome != "refused" {
		t.Fatalf("load with 50%% rejects: %v, %+v; want refused", err, res)
	}
	if n := count(t, w, `SELECT count(*) FROM fact_procurement`); n != 1 {
		t.Fatalf("a refused load changed the data: %d rows, want 1", n)
	}
	if n := count(t, w, `SELECT count(*) FROM loads WHERE outcome = 'refused'`); n != 1 {
		t.Fatalf("refusal not recorded: %d refused loads", n)
	}
	if n := count(t, w, `SELECT count(*) FROM rejects WHERE load_id = ? AND line = 3`, res.LoadID); n != 1 {
		t.Fatalf("the refused load's reject (line 3) is not kept for etl rejects")
	}
	// The same file is not "already loaded": once fixed limits allow it, it loads.
	res, err = w.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis", MaxRejectShare: 0.6}, canonicalFiles(models.DatasetProcurement, "", bad))
	if err != nil || res.Files[0].RowsLoaded != 1 {
		t.Fatalf("retry with a higher share: %v %+v", err, res)
	}
}

func TestUnreadableFileIsRefusedWithOneMessage(t *testing.T) {
	w := openTemp(t)
	loadEntities(t, w)
	dir := t.TempDir()
	tests := []struct {
		name, content, want string
	}{
		{"empty", "", "gol"},
		{"missing required column", "contract_id,kind\nA,direct_purchase\n", "lipsesc coloanele obligatorii"},
		{"broken quote", procurementHeader + "\nA1,direct_purchase,,\"" + cityCUI + ",x\n", "CSV invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".csv")
			writeCSV(t, dir, filepath.Base(p), tt.content)
			_, err := w.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis"}, canonicalFiles(models.DatasetProcurement, "", p))
			var fe *models.FileError
			if !errors.As(err, &fe) || !errors.Is(err, models.ErrRefused) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), p) {
				t.Fatalf("err = %v; want a FileError naming %s and %q", err, p, tt.want)
			}
		})
	}
	if n := count(t, w, `SELECT count(*) FROM fact_procurement`); n != 0 {
		t.Fatalf("unreadable files left %d rows", n)
	}
}

// TestLoadIDsCountTheLoadsWithoutGaps: refused loads keep their number (with
// their rejects) and take only that one; the loads a person sees are
// numbered 1, 2, 3… in the order they were tried.
func TestLoadIDsCountTheLoadsWithoutGaps(t *testing.T) {
	w := openTemp(t)
	dir := t.TempDir()
	ctx := context.Background()
	procurement := func(name string, maxShare float64, rows ...string) (*LoadResult, error) {
		p := writeCSV(t, dir, name, append([]string{procurementHeader}, rows...)...)
		return w.Load(ctx, LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis", MaxRejectShare: maxShare},
			canonicalFiles(models.DatasetProcurement, "", p))
	}
	good := "A1,direct_purchase,," + cityCUI + "," + cui("7654321") + ",Beta SRL,Servicii,79341000-6,10.00,RON,2025-02-03,,,,"
	var ids []int64
	// Refused for its rejects: the buyer is not in the warehouse yet.
	res, err := procurement("early.csv", 0, good)
	if !errors.Is(err, models.ErrRefused) {
		t.Fatalf("load before the entities: %v, want refused", err)
	}
	ids = append(ids, res.LoadID)
	loadEntities(t, w)
	ids = append(ids, count(t, w, `SELECT max(load_id) FROM loads WHERE dataset = 'entities'`))
	// Refused as unreadable.
	res, err = procurement("broken.csv", 0, "A1,direct_purchase,,\""+cityCUI+",x")
	if !errors.Is(err, models.ErrRefused) {
		t.Fatalf("broken file: %v, want refused", err)
	}
	ids = append(ids, res.LoadID)
	res, err = procurement("good.csv", 0, good)
	if err != nil {
		t.Fatal(err)
	}
	ids = append(ids, res.LoadID)
	for i, id := range ids {
		if id != int64(i+1) {
			t.Fatalf("load ids in order = %v, want 1, 2, 3, 4", ids)
		}
	}
	if n := count(t, w, `SELECT count(DISTINCT load_id) FROM loads`); n != 4 {
		t.Fatalf("loads records %d loads, want the 4 tried", n)
	}
	if n := count(t, w, `SELECT count(*) FROM rejects WHERE load_id = 1`); n != 1 {
		t.Fatalf("the first refused load keeps %d rejects under its id, want 1", n)
	}
}

// TestFileWithoutDataRowsIsAWarningNotALoad: a header-only export changes
// nothing, says so, and is not marked as loaded.
func TestFileWithoutDataRowsIsAWarningNotALoad(t *testing.T) {
	w := openTemp(t)
	loadEntities(t, w)
	dir := t.TempDir()
	empty := writeCSV(t, dir, "empty.csv", procurementHeader)
	res := load(t, w, models.DatasetProcurement, empty)
	if res.Outcome != "skipped" || res.LoadID != 0 || !res.Files[0].Empty || res.Files[0].Skipped ||
		len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], empty) || !strings.Contains(res.Warnings[0], "niciun rând de date") {
		t.Fatalf("header-only load = %+v", res)
	}
	if n := count(t, w, `SELECT count(*) FROM loads WHERE sha256 = ?`, res.Files[0].SHA256); n != 0 {
		t.Fatalf("the empty file is recorded %d times in loads, want none", n)
	}
	// With a file that has rows: that one loads, the empty one is still a warning.
	p := writeCSV(t, dir, "p.csv", procurementHeader,
		"A1,direct_purchase,,"+cityCUI+","+cui("7654321")+",Beta SRL,Servicii,79341000-6,10.00,RON,2025-02-03,,,,")
	res = load(t, w, models.DatasetProcurement, empty, p)
	if res.Outcome != "loaded" || !res.Files[0].Empty || res.Files[1].RowsLoaded != 1 || len(res.Warnings) != 1 {
		t.Fatalf("load of an empty and a full file = %+v", res)
	}
	if n := count(t, w, `SELECT count(*) FROM loads WHERE load_id = ?`, res.LoadID); n != 1 {
		t.Fatalf("the load records %d files, want only the one with rows", n)
	}
}

// TestDuplicateKeysAreRejectedNamingTheFirstRow: a key may appear once in a
// load; every later row of it, in the same file or in a later one, is
// rejected with a message naming the first row's line (and file, when it is
// another), on the SQL path and the Go path of a dataset staged into its
// fact table (checkDirect) and on a dataset staged in stg_rows
// (checkStaged). The rows of keys that repeat are the only ones rejected.
func TestDuplicateKeysAreRejectedNamingTheFirstRow(t *testing.T) {
	row := func(id, title string) string {
		return id + ",direct_purchase,," + cityCUI + "," + cui("7654321") + ",Beta SRL," + title + ",79341000-6,10.00,RON,2025-02-03,,,,"
	}
	const msg = "cheie duplicată în încărcare (buyer_cui, contract_id): aceeași cheie apare la "
	for _, sqlPath := range []bool{true, false} {
		w := openTemp(t)
		loadEntities(t, w)
		dir := t.TempDir()
		a := writeCSV(t, dir, "a.csv", procurementHeader,
			row("K1", "Servicii"),                 // line 2
			row("K2", "\"Titlu pe\ndouă linii\""), // lines 3-4
			row("K1", "Servicii"),                 // line 5: K1 again
			row("K3", "Servicii"))                 // line 6
		b := writeCSV(t, dir, "b.csv", procurementHeader,
			row("K2", "Servicii"), // line 2: K2 of a.csv
			row("K1", "Servicii"), // line 3: K1 of a.csv
			row("K4", "Servicii"), // line 4
			row("K4", "Servicii")) // line 5: K4 again
		files := canonicalFiles(models.DatasetProcurement, "", a, b)
		if sqlPath {
			var goRows []int
			files = sqlFiles(t, models.DatasetProcurement, &goRows, a, b)
		}
		res, err := w.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis", MaxRejectShare: 0.9}, files)
		if err != nil || res.Outcome != "loaded" {
			t.Fatalf("SQL path %v: %+v, %v", sqlPath, res, err)
		}
		want := []models.RowError{
			{File: a, Line: 5, Column: "contract_id", Reason: msg + "linia 2"},
			{File: b, Line: 2, Column: "contract_id", Reason: msg + a + " linia 3"},
			{File: b, Line: 3, Column: "contract_id", Reason: msg + a + " linia 2"},
			{File: b, Line: 5, Column: "contract_id", Reason: msg + "linia 4"},
		}
		if !reflect.DeepEqual(res.Rejects, want) {
			t.Errorf("SQL path %v: rejects\n%+v, want\n%+v", sqlPath, res.Rejects, want)
		}
		got := map[string]int64{}
		for _, f := range res.Files {
			got[filepath.Base(f.Path)] = f.RowsLoaded
		}
		if got["a.csv"] != 3 || got["b.csv"] != 1 {
			t.Errorf("SQL path %v: rows loaded %v, want a.csv 3, b.csv 1", sqlPath, got)
		}
		if n := count(t, w, `SELECT count(DISTINCT contract_id) FILTER (WHERE source_line IN (2, 3, 4, 6)) + count(*) FROM fact_procurement WHERE load_id = ?`, res.LoadID); n != 8 {
			t.Errorf("SQL path %v: the fact table does not hold K1 to K4 once each at their first lines (%d)", sqlPath, n)
		}
	}

	w := openTemp(t)
	p := writeCSV(t, t.TempDir(), "entities.csv", "cui,name,kind,county,population_year,population",
		cityCUI+",Municipiul Sibiu,municipiu,SB,2024,134309",
		cityCUI+",Municipiul Sibiu,municipiu,SB,2025,133900",
		cityCUI+",Municipiul Sibiu,municipiu,SB,2024,134000")
	res, err := w.Load(context.Background(), LoadSpec{Dataset: models.DatasetEntities, Format: "deschis", MaxRejectShare: 0.9}, canonicalFiles(models.DatasetEntities, "", p))
	if err != nil {
		t.Fatal(err)
	}
	want := []models.RowError{{File: p, Line: 4, Column: "population_year",
		Reason: "cheie duplicată în încărcare (cui, population_year): aceeași cheie apare la linia 2"}}
	if !reflect.DeepEqual(res.Rejects, want) {
		t.Errorf("entities: rejects %+v, want %+v", res.Rejects, want)
	}
}
