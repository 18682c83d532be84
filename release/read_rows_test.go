package release

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/export"
	"github.com/deschis/deschis/models"
)

// The API's CSVs (export.CSV) and JSON rows (to_json of the row, as Rows
// asks DuckDB for them) are the bytes writeFormats writes for the
// downloads, on the cells that test a writer: formula prefixes, empty text
// and NULL, quotes, both delimiters, line breaks, leading spaces, negative
// and zero decimals, dates, booleans, diacritics.
func TestTheAPIsRowsAreTheDownloadsBytes(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, models.Public), 0o755)
	parquet := filepath.Join(dir, models.Public, "cells.parquet")
	if _, err := db.ExecContext(ctx, `COPY (SELECT * FROM (VALUES
		(1, '=SUM(A1)', -1234.50::DECIMAL(18,2), DATE '2026-11-23', true, 0.00::DECIMAL(5,2)),
		(2, '', 0.00::DECIMAL(18,2), NULL, false, 12.5::DECIMAL(5,2)),
		(3, NULL, NULL, DATE '2022-01-01', NULL, NULL),
		(4, '-5', 5.00::DECIMAL(18,2), DATE '2024-02-29', true, -0.01::DECIMAL(5,2)),
		(5, '+40 722 000 000', 123456789012.34::DECIMAL(18,2), DATE '2023-06-30', false, 99.99::DECIMAL(5,2)),
		(6, '@cmd', 1.00::DECIMAL(18,2), DATE '2023-06-30', false, 1::DECIMAL(5,2)),
		(7, chr(9) || 'tab', 1.00::DECIMAL(18,2), DATE '2023-06-30', false, 1::DECIMAL(5,2)),
		(8, chr(13) || 'cr', 1.00::DECIMAL(18,2), DATE '2023-06-30', false, 1::DECIMAL(5,2)),
		(9, 'a "quoted", b; c', 1.00::DECIMAL(18,2), DATE '2023-06-30', false, 1::DECIMAL(5,2)),
		(10, 'două' || chr(10) || 'rânduri', 1.00::DECIMAL(18,2), DATE '2023-06-30', false, 1::DECIMAL(5,2)),
		(11, ' spațiu la început, ș și ț', 1.00::DECIMAL(18,2), DATE '2023-06-30', false, 1::DECIMAL(5,2)),
		(12, 'back\slash / </script>', 1.00::DECIMAL(18,2), DATE '2023-06-30', false, 1::DECIMAL(5,2))
	) v(id, label, amount, day, flag, pct) ORDER BY id) TO '`+parquet+`' (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
	ds := Dataset{PublishedDataset: models.PublishedDataset{Name: "cells", Access: models.Public, Schema: []models.Column{
		{Name: "id", Type: "INTEGER"}, {Name: "label", Type: "VARCHAR"}, {Name: "amount", Type: "DECIMAL(18,2)"},
		{Name: "day", Type: "DATE"}, {Name: "flag", Type: "BOOLEAN"}, {Name: "pct", Type: "DECIMAL(5,2)"},
	}}}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := writeFormats(ctx, conn, dir, ds, parquet, nil); err != nil {
		t.Fatal(err)
	}
	// The rows as Rows reads them: every column, then the JSON object.
	rows, err := db.QueryContext(ctx, `SELECT *, CAST(to_json(struct_pack("id" := "id", "label" := "label", "amount" := "amount", "day" := "day", "flag" := "flag", "pct" := "pct")) AS VARCHAR) FROM read_parquet('`+parquet+`')`)
	if err != nil {
		t.Fatal(err)
	}
	var plain, excel, ndjson bytes.Buffer
	pw, _ := export.NewCSV(&plain, ds.Schema, false)
	ew, _ := export.NewCSV(&excel, ds.Schema, true)
	raw := make([]any, 7)
	ptrs := make([]any, 7)
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		vals := make([]any, 6)
		for i, c := range ds.Schema {
			if vals[i], err = exportValue(raw[i], c); err != nil {
				t.Fatal(err)
			}
		}
		if err := pw.WriteRow(vals); err != nil {
			t.Fatal(err)
		}
		ew.WriteRow(vals)
		ndjson.WriteString(raw[6].(string) + "\n")
	}
	rows.Close()
	pw.Flush()
	ew.Flush()
	for _, c := range []struct {
		file string
		got  []byte
	}{{"cells.csv", plain.Bytes()}, {"cells-excel.csv", excel.Bytes()}, {"cells.ndjson", ndjson.Bytes()}} {
		want, err := os.ReadFile(filepath.Join(dir, models.Public, c.file))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(c.got, want) {
			t.Errorf("%s differs from the download:\n got %q\nwant %q", c.file, c.got, want)
		}
	}
	// And they are neutralised: no cell of either CSV begins a formula.
	for _, line := range strings.Split(plain.String(), "\n") {
		for _, cell := range strings.Split(line, ",") {
			if cell = strings.TrimPrefix(cell, `"`); cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
				t.Errorf("a cell begins a formula: %q", cell)
			}
		}
	}
}
