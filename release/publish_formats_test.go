package release

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
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

// The Arrow stream is the Parquet file's record batches as arrow-go's
// Parquet reader decodes them (export.ArrowFromParquet): every value and
// every NULL of every type is DuckDB's, read back with arrow-go's IPC
// reader, in the file's order, in batches of export.ArrowBatchRows; the
// XLSX written in the same pass has the same cells (numbers, dates as
// Excel's serials, an empty cell for a NULL).
func TestArrowStreamHoldsTheParquetValuesAndNulls(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ds := Dataset{PublishedDataset: models.PublishedDataset{Name: "t", Access: models.Public, Schema: []models.Column{
		{Name: "name", Type: "VARCHAR"}, {Name: "n", Type: "INTEGER"}, {Name: "big", Type: "BIGINT"},
		{Name: "value", Type: "DECIMAL(18,2)"}, {Name: "day", Type: "DATE"}, {Name: "ok", Type: "BOOLEAN"},
	}}}
	parquet := filepath.Join(dir, "t.parquet")
	// 70,000 rows: two batches; every fifth value NULL, in each column at another row.
	if _, err := db.ExecContext(ctx, `COPY (SELECT
		CASE WHEN i % 5 = 0 THEN NULL ELSE 'Școala ț ' || i END AS name,
		CASE WHEN i % 5 = 1 THEN NULL ELSE (i * 7 - 100000)::INTEGER END AS n,
		CASE WHEN i % 5 = 2 THEN NULL ELSE i::BIGINT * 1000000007 END AS big,
		CASE WHEN i % 5 = 3 THEN NULL ELSE ((i * 13 - 500000) / 100)::DECIMAL(18,2) END AS value,
		CASE WHEN i % 5 = 4 THEN NULL ELSE DATE '2020-01-01' + (i % 2000)::INTEGER END AS day,
		CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS ok
		FROM range(70000) r(i) ORDER BY i) TO `+sqlString(parquet)+` (FORMAT parquet, ROW_GROUP_SIZE 65536)`); err != nil {
		t.Fatal(err)
	}
	arrowPath, xlsxPath := filepath.Join(dir, "t.arrows"), filepath.Join(dir, "t.xlsx")
	if err := writeGoFormats(ctx, ds, parquet, arrowPath, xlsxPath, Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, `SELECT name, n, big, value::VARCHAR, strftime(day, '%Y-%m-%d'), ok FROM read_parquet(`+sqlString(parquet)+`)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	f, err := os.Open(arrowPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := ipc.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Release()
	if got := rd.Schema().String(); got != mustArrowSchema(t, ds).String() {
		t.Fatalf("schema %s", got)
	}
	var batches []int64
	row := 0
	for rd.Next() {
		rec := rd.RecordBatch()
		batches = append(batches, rec.NumRows())
		for j := range int(rec.NumRows()) {
			if !rows.Next() {
				t.Fatalf("the stream has more rows than the Parquet file (row %d)", row)
			}
			var name, value, day sql.NullString
			var n sql.NullInt32
			var big sql.NullInt64
			var ok sql.NullBool
			if err := rows.Scan(&name, &n, &big, &value, &day, &ok); err != nil {
				t.Fatal(err)
			}
			got := []string{arrowCell(rec.Column(0), j), arrowCell(rec.Column(1), j), arrowCell(rec.Column(2), j),
				arrowCell(rec.Column(3), j), arrowCell(rec.Column(4), j), arrowCell(rec.Column(5), j)}
			want := []string{nullable(name.String, name.Valid), nullable(fmt.Sprint(n.Int32), n.Valid), nullable(fmt.Sprint(big.Int64), big.Valid),
				nullable(value.String, value.Valid), nullable(day.String, day.Valid), nullable(fmt.Sprint(ok.Bool), ok.Valid)}
			if !slices.Equal(got, want) {
				t.Fatalf("row %d: Arrow %q, Parquet %q", row, got, want)
			}
			row++
		}
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	if rows.Next() || row != 70000 {
		t.Fatalf("the stream has %d rows, the Parquet file more", row)
	}
	if !slices.Equal(batches, []int64{export.ArrowBatchRows, 70000 - export.ArrowBatchRows}) {
		t.Errorf("batches of %v rows", batches)
	}
	x, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for cell, want := range map[string]string{"A2": "", "A3": "Școala ț 1", "B3": "", "B2": "-100000", "C4": "", "C3": "1000000007",
		"D5": "", "D2": "-5000", "E6": "", "E2": "43831", "F2": "", "F3": "0", "F4": "1"} {
		// Raw cells: the number and the date's serial (2020-01-01), not the locale's rendering.
		if got, err := x.GetCellValue("t", cell, excelize.Options{RawCellValue: true}); err != nil || got != want {
			t.Errorf("XLSX %s = %q (%v), want %q", cell, got, err, want)
		}
	}
}

func mustArrowSchema(t *testing.T, ds Dataset) *arrow.Schema {
	t.Helper()
	s, err := export.ArrowSchema(ds.Schema)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func nullable(s string, valid bool) string {
	if !valid {
		return "NULL"
	}
	return s
}

// arrowCell is one Arrow value as DuckDB prints it (NULL for a NULL).
func arrowCell(c arrow.Array, j int) string {
	if c.IsNull(j) {
		return "NULL"
	}
	switch c := c.(type) {
	case *array.Decimal128:
		return c.Value(j).ToString(c.DataType().(*arrow.Decimal128Type).Scale)
	case *array.Date32:
		return c.Value(j).FormattedString()
	}
	return c.ValueStr(j)
}
