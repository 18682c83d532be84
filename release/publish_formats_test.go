package release

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/export"

	"github.com/deschis/deschis/models"
)

// A text cell that a spreadsheet would run ("=SUM(A1)", "-5 lei") is
// neutralised in both CSVs and in the XLSX, while a negative amount stays a
// number; JSON, NDJSON and Arrow keep the text as it is.
func TestFormulaCellsAreNeutralisedAndNumbersStayNumbers(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ds := Dataset{PublishedDataset: models.PublishedDataset{Name: "t", Access: models.Public, Schema: []models.Column{
		{Name: "title", Type: "VARCHAR"}, {Name: "note", Type: "VARCHAR"}, {Name: "value", Type: "DECIMAL(18,2)"}, {Name: "day", Type: "DATE"},
	}}}
	os.MkdirAll(filepath.Join(dir, "public"), 0o755)
	parquet := filepath.Join(dir, "public", "t.parquet")
	if _, err := conn.ExecContext(ctx, `COPY (SELECT * FROM (VALUES ('=SUM(A1)', '-5 lei', -5.00::DECIMAL(18,2), DATE '2026-11-23'),
		('@x', chr(9) || 'tab', 1234567.89::DECIMAL(18,2), NULL), ('Școala 5', '+40 721 000 000', 0.00::DECIMAL(18,2), DATE '2026-01-02'))
		AS t(title, note, value, day)) TO `+sqlString(parquet)+` (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
	gw, err := newGoWriter(ctx, Options{}, &timings{})
	if err != nil {
		t.Fatal(err)
	}
	gw.add(dir, ds, parquet, true)
	if _, err := writeFormats(ctx, conn, dir, ds, parquet, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := gw.wait(); err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"title", "note", "value", "day"},
		{"'=SUM(A1)", "'-5 lei", "-5.00", "2026-11-23"},
		{"'@x", "'\ttab", "1234567.89", ""},
		{"Școala 5", "'+40 721 000 000", "0.00", "2026-01-02"},
	}
	wantExcel := [][]string{
		want[0],
		{"'=SUM(A1)", "'-5 lei", "-5,00", "23.11.2026"},
		{"'@x", "'\ttab", "1234567,89", ""},
		{"Școala 5", "'+40 721 000 000", "0,00", "02.01.2026"},
	}
	for file, w := range map[string][][]string{"t.csv": want, "t-excel.csv": wantExcel} {
		f, err := os.Open(filepath.Join(dir, "public", file))
		if err != nil {
			t.Fatal(err)
		}
		br := bufio.NewReader(f)
		r := csv.NewReader(br)
		if file == "t-excel.csv" {
			if bom, _ := br.Peek(3); string(bom) != "\uFEFF" {
				t.Errorf("%s has no byte order mark", file)
			}
			br.Discard(3)
			r.Comma = ';'
		}
		got, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for i := range w {
			for j := range w[i] {
				if i >= len(got) || j >= len(got[i]) || got[i][j] != w[i][j] {
					t.Fatalf("%s: read back %q, want %q", file, got, w)
				}
			}
		}
	}
	x, err := excelize.OpenFile(filepath.Join(dir, "public", "t.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for cell, want := range map[string]string{"A2": "'=SUM(A1)", "B2": "'-5 lei", "B3": "'\ttab", "A4": "Școala 5"} {
		if v, _ := x.GetCellValue("t", cell); v != want {
			t.Errorf("XLSX %s = %q, want %q", cell, v, want)
		}
		if f, _ := x.GetCellFormula("t", cell); f != "" {
			t.Errorf("XLSX %s is the formula %q", cell, f)
		}
	}
	if v, _ := x.GetCellValue("t", "C2", excelize.Options{RawCellValue: true}); v != "-5" {
		t.Errorf("XLSX C2 (the amount -5.00) holds %q, want the number -5", v)
	}
	if typ, _ := x.GetCellType("t", "C2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("XLSX C2 (the amount -5.00) is of type %v, want a number", typ)
	}
	var title string
	if err := conn.QueryRowContext(ctx, `SELECT title FROM read_json(`+sqlString(filepath.Join(dir, "public", "t.ndjson"))+`) LIMIT 1`).Scan(&title); err != nil || title != "=SUM(A1)" {
		t.Errorf("NDJSON title %q (%v): JSON keeps the text as it is", title, err)
	}
}

// The JSON array is the NDJSON's objects, an empty dataset's too.
func TestNDJSONToArray(t *testing.T) {
	dir := t.TempDir()
	for in, want := range map[string]int{"": 0, "{\"a\":1}\n": 1, "{\"a\":1}\n{\"a\":\"x,\\n\"}\n": 2, "{\"a\":1}": 1} {
		src, dst := filepath.Join(dir, "in.ndjson"), filepath.Join(dir, "out.json")
		os.WriteFile(src, []byte(in), 0o644)
		if err := ndjsonToArray(src, dst); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(dst)
		var got []map[string]any
		if err := json.Unmarshal(b, &got); err != nil || len(got) != want {
			t.Errorf("%q became %q: %d objects (%v), want %d", in, b, len(got), err, want)
		}
	}
}

// The rule DuckDB applies to the CSVs (export.NeutraliseSQL) is the rule Go
// applies to the XLSX (export.Neutralise), text by text.
func TestNeutraliseSQLIsNeutralise(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range []string{"=SUM(A1)", "+40", "-5 lei", "@x", "\tx", "\rx", "", "x=1", "'=x", "Școala", " =x", "\n=x", "-"} {
		var got string
		if err := db.QueryRow("SELECT "+export.NeutraliseSQL("s")+" FROM (SELECT ?::VARCHAR AS s)", s).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := export.Neutralise(s); got != want {
			t.Errorf("%q: SQL gives %q, Go %q", s, got, want)
		}
	}
}
