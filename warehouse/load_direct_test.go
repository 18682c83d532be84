package warehouse

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// sqlFiles offers each path to the SQL load path (as cmd/etl does), counting
// in goRows the rows handed to the Go rules.
func sqlFiles(t *testing.T, dataset string, goRows *[]int, paths ...string) []LoadFile {
	return sqlFilesNumbered(t, dataset, goRows, true, paths...)
}

// sqlFilesNumbered is sqlFiles with the scan's numbered copy read (as
// cmd/etl does for a canonical file) or, numbered false, left out: the rows
// are then numbered after the insert, as a mapped file's are.
func sqlFilesNumbered(t *testing.T, dataset string, goRows *[]int, numbered bool, paths ...string) []LoadFile {
	files := canonicalFiles(dataset, "", paths...)
	for i, p := range paths {
		files[i].SQL = func(context.Context) (*CSVFile, error) {
			c, err := ingest.CanonicalSQL(ingest.Options{Dataset: dataset, File: p}, nil)
			if c == nil || err != nil || c.Numbered == "" {
				// The pre-scan runs on a goroutine of its own: no t.Fatal.
				t.Errorf("%s is not read by the SQL path (%v)", p, err)
				return nil, fmt.Errorf("no SQL path for %s", p)
			}
			if !numbered {
				os.Remove(c.Numbered)
				c.Numbered = ""
			}
			f := &CSVFile{Path: c.Path, Width: c.Width, HeaderLines: c.HeaderLines, ColOf: c.ColOf, EntityField: c.EntityField,
				Entity: c.Entity, CRLF: c.CRLF, QuotedNewlines: c.QuotedNewlines, CRInQuotes: c.CRInQuotes, NoEdgeSpaces: c.NoEdgeSpaces, NoCedillas: c.NoCedillas, PlainCols: c.PlainCols, Rows: c.Rows,
				ManySpans: c.ManySpans, Numbered: c.Numbered,
				Row: func(line int, cells []string) *models.Record {
					*goRows = append(*goRows, line)
					return c.Row(line, cells)
				}}
			for _, s := range c.LineSpans {
				f.LineSpans = append(f.LineSpans, LineSpan{Record: s.Record, Extra: s.Extra})
			}
			return f, nil
		}
	}
	return files
}

// TestSQLPathStagesStraightIntoTheFactTable: the rows every SQL rule passes
// go from read_csv to fact_procurement without the Go rules, marked with
// the load and their line; only a row the macros do not pass (a decorated
// fiscal code) is handed to the Go rules, which load it at its line; the
// rows of a refused load leave nothing in the fact table.
func TestSQLPathStagesStraightIntoTheFactTable(t *testing.T) {
	w := openTemp(t)
	dir := t.TempDir()
	load(t, w, models.DatasetEntities, writeCSV(t, dir, "e.csv", "cui,name,kind,county", cityCUI+",Municipiul Sibiu,municipiu,SB"))
	head := "contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,value,award_date"
	facts := func() []string {
		rows, err := w.DB().Query(`SELECT contract_id || ' ' || buyer_cui || ' ' || value || ' ' || load_id || ' ' || source_line FROM fact_procurement ORDER BY ALL`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	var goRows []int
	clean := writeCSV(t, dir, "clean.csv", head,
		"A1,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,10.5,2025-01-01",
		"A2,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,20,2025-01-02")
	res, err := w.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis"}, sqlFiles(t, models.DatasetProcurement, &goRows, clean))
	if err != nil || res.Files[0].RowsLoaded != 2 || res.Files[0].RowsRead != 2 {
		t.Fatalf("clean load: %+v, %v", res, err)
	}
	if len(goRows) != 0 {
		t.Fatalf("the Go rules read lines %v of a file every SQL rule passes", goRows)
	}
	decorated := writeCSV(t, dir, "decorated.csv", head,
		"A1,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,11,2025-01-01",
		"A3,direct_purchase,RO "+cityCUI+",14399840,Alfa,Lot,30,2025-01-03",
		"A4,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,40,2025-01-04")
	res, err = w.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis"}, sqlFiles(t, models.DatasetProcurement, &goRows, decorated))
	if err != nil || res.Files[0].RowsLoaded != 3 {
		t.Fatalf("decorated load: %+v, %v", res, err)
	}
	if !reflect.DeepEqual(goRows, []int{3}) {
		t.Fatalf("the Go rules read lines %v, want only line 3 (the decorated code)", goRows)
	}
	// A1 replaced by load 3's row, A2 kept from load 2, A3 (read by the Go
	// rules) and A4 at their lines.
	want := []string{"A1 4270740 11.00 3 2", "A2 4270740 20.00 2 3", "A3 4270740 30.00 3 3", "A4 4270740 40.00 3 4"}
	if got := facts(); !reflect.DeepEqual(got, want) {
		t.Fatalf("fact rows %v, want %v", got, want)
	}
	// Two of three rows rejected: refused, and the row that passed is not
	// left in the fact table.
	bad := writeCSV(t, dir, "bad.csv", head,
		"B1,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,10,2025-01-01",
		"B2,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,zece,2025-01-02",
		"B3,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,10,2025-02-30")
	res, err = w.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis"}, sqlFiles(t, models.DatasetProcurement, &goRows, bad))
	if !errors.Is(err, models.ErrRefused) || res.Outcome != "refused" || len(res.Rejects) != 2 {
		t.Fatalf("refused load: %+v, %v", res, err)
	}
	if got := facts(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after the refused load: %v, want %v", got, want)
	}
}

// oneContract is a warehouse that knows the city and a canonical file of
// one contract it signed.
func oneContract(t *testing.T) (*Warehouse, string) {
	w := openTemp(t)
	dir := t.TempDir()
	load(t, w, models.DatasetEntities, writeCSV(t, dir, "e.csv", "cui,name,kind,county", cityCUI+",Municipiul Sibiu,municipiu,SB"))
	return w, writeCSV(t, dir, "p.csv", "contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,value,award_date",
		"A1,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,10.5,2025-01-01")
}

// TestSQLPathCancelledAfterThePreScanRemovesItsCopy: a load cancelled
// between the pre-scan and the insert (SIGTERM as the scan ends) fails with
// the context's error, leaves the warehouse as it was and removes the
// numbered copy the pre-scan wrote.
func TestSQLPathCancelledAfterThePreScanRemovesItsCopy(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	w, p := oneContract(t)
	var goRows []int
	files := sqlFiles(t, models.DatasetProcurement, &goRows, p)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	scan, numbered := files[0].SQL, ""
	files[0].SQL = func(ctx context.Context) (*CSVFile, error) {
		c, err := scan(ctx)
		if c != nil {
			numbered = c.Numbered
			if _, err := os.Stat(numbered); err != nil {
				t.Errorf("the pre-scan wrote no numbered copy: %v", err)
			}
		}
		cancel()
		return c, err
	}
	if _, err := w.Load(ctx, LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis"}, files); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled load: %v, want context.Canceled", err)
	}
	if numbered == "" {
		t.Fatal("the load did not run the pre-scan")
	}
	if _, err := os.Stat(numbered); !os.IsNotExist(err) {
		t.Fatalf("the cancelled load left its numbered copy %s (%v)", numbered, err)
	}
	var facts, loads int64
	if err := w.DB().QueryRow(`SELECT (SELECT count(*) FROM fact_procurement), (SELECT count(*) FROM loads WHERE dataset = 'procurement')`).Scan(&facts, &loads); err != nil {
		t.Fatal(err)
	}
	if facts != 0 || loads != 0 {
		t.Fatalf("the cancelled load left %d contracts and %d loads", facts, loads)
	}
}

// TestSQLPathFileAlreadyLoadedLeavesNoCopy: the pre-scan runs beside the
// checksum, so a file the checksum shows already loaded has been scanned (in
// part or whole): the load skips it, reads nothing of it and removes the
// numbered copy the scan wrote.
func TestSQLPathFileAlreadyLoadedLeavesNoCopy(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	w, p := oneContract(t)
	var goRows []int
	spec := LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis"}
	if _, err := w.Load(context.Background(), spec, sqlFiles(t, models.DatasetProcurement, &goRows, p)); err != nil {
		t.Fatal(err)
	}
	// The same file twice more: once already loaded, once a duplicate of
	// the first in the same load.
	files := sqlFiles(t, models.DatasetProcurement, &goRows, p, p)
	scans := 0
	for i := range files {
		scan := files[i].SQL
		files[i].SQL = func(ctx context.Context) (*CSVFile, error) {
			scans++
			c, err := scan(ctx)
			if c != nil {
				if _, err := os.Stat(c.Numbered); err != nil {
					t.Errorf("the pre-scan wrote no numbered copy: %v", err)
				}
			}
			return c, err
		}
	}
	res, err := w.Load(context.Background(), spec, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 || !res.Files[0].Skipped || !res.Files[1].Skipped {
		t.Fatalf("the second load read %+v, want both files skipped", res.Files)
	}
	if scans != 2 {
		t.Fatalf("%d pre-scans, want one per file", scans)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		if strings.HasPrefix(e.Name(), "deschis-") {
			t.Errorf("the skipped files left %s in TMPDIR", e.Name())
		}
	}
	var facts int64
	if err := w.DB().QueryRow(`SELECT count(*) FROM fact_procurement`).Scan(&facts); err != nil {
		t.Fatal(err)
	}
	if facts != 1 {
		t.Fatalf("%d contracts, want the first load's 1", facts)
	}
}

// TestSQLPathPlainColumnsKeepTheValueRules: columns the pre-scan found all
// in shape (PlainCols) lose only their regular expressions: a fiscal code
// with a wrong check digit and a day the calendar lacks are still handed
// to the Go rules and rejected with their reasons, at their lines, and the
// rows in shape load as the Go rules read them.
func TestSQLPathPlainColumnsKeepTheValueRules(t *testing.T) {
	w := openTemp(t)
	dir := t.TempDir()
	load(t, w, models.DatasetEntities, writeCSV(t, dir, "e.csv", "cui,name,kind,county", cityCUI+",Municipiul Sibiu,municipiu,SB"))
	last := cityCUI[len(cityCUI)-1] - '0'
	wrong := cityCUI[:len(cityCUI)-1] + string(rune('0'+(last+1)%10)) // a wrong check digit
	p := writeCSV(t, dir, "p.csv", "contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,value,award_date",
		"A1,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,10.5,2025-01-01",
		"A2,direct_purchase,"+wrong+",14399840,Alfa,Lot,20,2025-01-02",
		"A3,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,-0.01,2025-02-30",
		"A4,direct_purchase,"+cityCUI+",14399840,Alfa,Lot,30.25,2024-02-29")
	var goRows []int
	files := sqlFiles(t, models.DatasetProcurement, &goRows, p)
	scan := files[0].SQL
	var plain []bool
	files[0].SQL = func(ctx context.Context) (*CSVFile, error) {
		c, err := scan(ctx)
		if c != nil {
			plain = c.PlainCols
		}
		return c, err
	}
	res, err := w.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis", MaxRejectShare: 0.9}, files)
	if err != nil {
		t.Fatal(err)
	}
	// buyer_cui, value and award_date are all in shape (supplier_cui is
	// text: a foreign code, a masked CNP).
	if want := []bool{false, false, true, false, false, false, true, true}; !reflect.DeepEqual(plain, want) {
		t.Fatalf("PlainCols %v, want %v", plain, want)
	}
	if !reflect.DeepEqual(goRows, []int{3, 4}) {
		t.Fatalf("the Go rules read lines %v, want 3 and 4 (a wrong check digit, 30 February)", goRows)
	}
	var got []string
	for _, r := range res.Rejects {
		got = append(got, fmt.Sprintf("%d %s %q: %s", r.Line, r.Column, r.Value, r.Reason))
	}
	// Line 4 has a negative amount too: the Go rules name the first field
	// they refuse.
	if len(res.Rejects) != 2 || res.Rejects[0].Line != 3 || res.Rejects[0].Column != "buyer_cui" || res.Rejects[1].Line != 4 {
		t.Fatalf("rejects %v (%+v), want lines 3 (buyer_cui) and 4", got, res.Rejects)
	}
	var values []string
	rows, err := w.DB().Query(`SELECT contract_id || ' ' || value || ' ' || award_date FROM fact_procurement ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		rows.Scan(&s)
		values = append(values, s)
	}
	if want := []string{"A1 10.50 2025-01-01", "A4 30.25 2024-02-29"}; !reflect.DeepEqual(values, want) {
		t.Fatalf("contracts %v, want %v", values, want)
	}
}
