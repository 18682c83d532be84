package release_test

import (
	"bufio"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// totals is what a download holds, as a reader of its format reads it: the
// rows and, for every numeric column, the sum in hundredths.
type totals struct {
	rows int64
	sums map[string]int64
}

func (a totals) String() string { return fmt.Sprintf("%d rows, sums %v", a.rows, a.sums) }

func numeric(c models.Column) bool {
	return c.Type == "INTEGER" || c.Type == "BIGINT" || strings.HasPrefix(c.Type, "DECIMAL(")
}

// duckTotals reads a file with a DuckDB reader (read_parquet, read_csv,
// read_json).
func duckTotals(t *testing.T, db *sql.DB, d *models.ManifestDataset, from string) totals {
	t.Helper()
	out := totals{sums: map[string]int64{}}
	exprs := []string{"count(*)"}
	var names []string
	for _, c := range d.Schema {
		if numeric(c) {
			exprs = append(exprs, fmt.Sprintf(`coalesce(sum(CAST(round("%s" * 100) AS BIGINT)), 0)`, c.Name))
			names = append(names, c.Name)
		}
	}
	vals := make([]int64, len(exprs))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := db.QueryRow("SELECT " + strings.Join(exprs, ", ") + " FROM " + from).Scan(ptrs...); err != nil {
		t.Fatalf("%s: %v", from, err)
	}
	out.rows = vals[0]
	for i, n := range names {
		out.sums[n] = vals[i+1]
	}
	return out
}

// hundredths parses a number of a CSV cell, with a decimal point or comma.
func hundredths(t *testing.T, s string, comma bool) int64 {
	t.Helper()
	if s == "" {
		return 0
	}
	if comma {
		if strings.Contains(s, ".") {
			t.Fatalf("%q in the Excel CSV has a decimal point", s)
		}
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number: %v", s, err)
	}
	return int64(math.Round(f * 100))
}

var roDate = regexp.MustCompile(`^\d{2}\.\d{2}\.\d{4}$`)

// csvTotals reads a CSV with encoding/csv: the RFC 4180 one, or the one for
// a Romanian Excel (BOM, ;, decimal comma, dd.mm.yyyy dates).
func csvTotals(t *testing.T, d *models.ManifestDataset, path string, excel bool) totals {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if bom, _ := br.Peek(3); excel != (string(bom) == "\uFEFF") {
		t.Fatalf("%s: byte order mark %v, want %v", path, string(bom) == "\uFEFF", excel)
	}
	if excel {
		br.Discard(3)
	}
	r := csv.NewReader(br)
	if excel {
		r.Comma = ';'
	}
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range d.Schema {
		if header[i] != c.Name {
			t.Fatalf("%s: column %d is %q, want %q", path, i+1, header[i], c.Name)
		}
	}
	out := totals{sums: map[string]int64{}}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out.rows++
		for i, c := range d.Schema {
			switch {
			case numeric(c):
				out.sums[c.Name] += hundredths(t, rec[i], excel)
			case c.Type == "DATE" && excel && rec[i] != "" && !roDate.MatchString(rec[i]):
				t.Fatalf("%s: date %q is not dd.mm.yyyy", path, rec[i])
			}
		}
	}
	return out
}

func arrowTotals(t *testing.T, d *models.ManifestDataset, path string) totals {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := ipc.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Release()
	out := totals{sums: map[string]int64{}}
	for rd.Next() {
		rec := rd.RecordBatch()
		out.rows += rec.NumRows()
		for i, c := range d.Schema {
			if !numeric(c) {
				continue
			}
			for j := range int(rec.NumRows()) {
				if rec.Column(i).IsNull(j) {
					continue // a NULL's slot holds no value (Arrow's validity bitmap), as SUM skips it
				}
				switch col := rec.Column(i).(type) {
				case *array.Decimal128:
					out.sums[c.Name] += int64(col.Value(j).LowBits()) // DECIMAL(p,2): hundredths already
				case *array.Int64:
					out.sums[c.Name] += col.Value(j) * 100
				case *array.Int32:
					out.sums[c.Name] += int64(col.Value(j)) * 100
				default:
					t.Fatalf("%s: column %s is %s", path, c.Name, col.DataType())
				}
			}
		}
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	if typ := rd.Schema().Field(0).Type; typ.ID() != arrow.STRING && typ.ID() != arrow.INT32 {
		t.Errorf("%s: first column is %s", path, typ)
	}
	return out
}

func xlsxTotals(t *testing.T, d *models.ManifestDataset, path string) totals {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := totals{sums: map[string]int64{}}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		first := true
		for rows.Next() {
			rec, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if first {
				if rec[0] != d.Schema[0].Name {
					t.Fatalf("%s, %s: header %v", path, sheet, rec)
				}
				first = false
				continue
			}
			out.rows++
			for i, c := range d.Schema {
				if numeric(c) && i < len(rec) {
					out.sums[c.Name] += hundredths(t, rec[i], false)
				}
			}
		}
		rows.Close()
	}
	return out
}

// Every public dataset is in every format, each read back with a real
// reader of its format (DuckDB's read_parquet, read_csv and read_json,
// encoding/csv for both CSV locales, arrow-go's IPC reader, excelize), and
// each holds the Parquet file's rows and totals. Internal datasets are
// written only as Parquet.
func TestEveryFormatHoldsTheParquetTotals(t *testing.T) {
	dir := demoReleaseDir(t)
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := func(p string) string { return "'" + strings.ReplaceAll(p, "'", "''") + "'" }
	for _, d := range man.Datasets {
		if d.Access != models.Public {
			if len(d.Files) != 1 || d.Files[0].Format != "parquet" {
				t.Errorf("internal %s has files %v: only its Parquet file", d.Name, d.Files)
			}
			continue
		}
		if len(d.Files) != len(models.Formats) {
			t.Errorf("%s has %d files, want one per format (%d)", d.Name, len(d.Files), len(models.Formats))
		}
		path := func(format string) string {
			f, ok := d.File(format)
			if !ok {
				t.Fatalf("%s has no %s file", d.Name, format)
			}
			if want := "public/" + d.Name + formatSuffix(format); f.Path != want {
				t.Errorf("%s: %s file is %s, want %s", d.Name, format, f.Path, want)
			}
			return filepath.Join(dir, filepath.FromSlash(f.Path))
		}
		want := duckTotals(t, db, &d, "read_parquet("+q(path("parquet"))+")")
		if want.rows != d.Rows {
			t.Fatalf("%s: the Parquet file has %d rows, the manifest %d", d.Name, want.rows, d.Rows)
		}
		got := map[string]totals{
			"csv (read_csv)":       duckTotals(t, db, &d, "read_csv("+q(path("csv"))+", header = true)"),
			"csv (encoding/csv)":   csvTotals(t, &d, path("csv"), false),
			"csv-excel":            csvTotals(t, &d, path("csv-excel"), true),
			"json (read_json)":     duckTotals(t, db, &d, "read_json("+q(path("json"))+", format = 'array')"),
			"ndjson (read_json)":   duckTotals(t, db, &d, "read_json("+q(path("ndjson"))+", format = 'newline_delimited')"),
			"arrow (arrow-go ipc)": arrowTotals(t, &d, path("arrow")),
		}
		// excelize reads some 25,000 rows a second: the workbooks of
		// procurement (every column type: text, numbers, dates, booleans)
		// and of the small datasets are read back; the others are written by
		// the same code from the same types.
		if d.Name == "procurement" || d.Rows < 10_000 {
			got["xlsx (excelize)"] = xlsxTotals(t, &d, path("xlsx"))
		}
		for format, g := range got {
			if g.String() != want.String() {
				t.Errorf("%s, %s: %s; the Parquet file: %s", d.Name, format, g, want)
			}
		}
	}
}

func formatSuffix(id string) string {
	for _, f := range models.Formats {
		if f.ID == id {
			return f.Suffix
		}
	}
	return "?"
}
