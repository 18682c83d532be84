package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// The physical lines of the SQL load path's rows, set after the insert when
// the file has no numbered copy (CSVFile.Numbered: a canonical file's rows
// carry their line from read_csv; a mapped or SICAP file's do not).
// Numbering the rows inside the insert (row_number() OVER () over read_csv)
// is a streaming window: DuckDB then reads the file, applies every macro and
// inserts on one thread. So the insert leaves source_line NULL and runs on
// every core; DuckDB keeps the file's order (preserve_insertion_order) and
// the rows one statement inserts in a transaction are contiguous, so the
// i-th row inserted (its rowid less the smallest of the file's new rows) is
// the i-th record the macros passed. Its line is the header's lines plus
// its record number plus the lines of the records before it that span more
// than one line: the records the macros did not pass (their numbers come
// from the second read, stageCSV) and the records spanning lines (the
// pre-scan lists them, ingest.CanonicalCSV.LineSpans) shift it, by steps
// that a small table of corrections holds, joined as of each row's place.

// LineSpan is a record spanning more than one physical line
// (ingest.LineSpan): its number after the header and its lines beyond the
// first.
type LineSpan struct {
	Record int64
	Extra  int64
}

// lineFix says that from the from-th row inserted (0 for the first) on, a
// row's line is its place plus add more than without corrections.
type lineFix struct{ from, add int64 }

// lineFixes are the corrections of the rows inserted, given the record
// numbers (ascending) of the rows the insert left out and the records
// spanning lines. A row whose record comes after record x is shifted by one
// more line when x was left out (it is not among the rows inserted) and by
// x's extra lines when x spans lines; the first row inserted after x is the
// count of rows inserted up to x.
func lineFixes(left []int64, spans []LineSpan) []lineFix {
	var (
		out         []lineFix
		add         int64
		i, j        int
		leftThrough int64 // records left out up to x
	)
	for i < len(left) || j < len(spans) {
		var x int64
		switch {
		case j >= len(spans) || i < len(left) && left[i] <= spans[j].Record:
			x = left[i]
		default:
			x = spans[j].Record
		}
		for i < len(left) && left[i] == x {
			add++
			leftThrough++
			i++
		}
		for j < len(spans) && spans[j].Record == x {
			add += spans[j].Extra
			j++
		}
		from := x - leftThrough // rows inserted among records 1..x
		if n := len(out); n > 0 && out[n-1].from == from {
			out[n-1].add = add
		} else {
			out = append(out, lineFix{from: from, add: add})
		}
	}
	return out
}

// numberLines sets the physical line of the rows the insert of f wrote
// (inserted, with source_line NULL), left the record numbers the insert did
// not take. Rows that are not contiguous in the table are an error (the
// load fails and changes nothing): their places would not be their records.
func numberLines(ctx context.Context, conn *sql.Conn, dataset string, loadID int64, f *CSVFile, inserted int64, left []int64) error {
	if inserted == 0 {
		return nil
	}
	t := factTables[dataset].table
	var lo, hi, n int64
	if err := conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT min(rowid), max(rowid), count(*) FROM %s WHERE load_id = ? AND source_file = ? AND source_line IS NULL`, t),
		loadID, f.Path).Scan(&lo, &hi, &n); err != nil {
		return err
	}
	if n != inserted || hi-lo+1 != n {
		return fmt.Errorf("citire SQL %s: cele %d rânduri inserate nu sunt consecutive în tabel (%d între %d și %d): liniile lor nu pot fi numărate", f.Path, inserted, n, lo, hi)
	}
	first := int64(f.HeaderLines+f.SkipLines) + 1 // the line of the first record
	fixes := lineFixes(left, f.LineSpans)
	if len(fixes) == 0 {
		_, err := conn.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET source_line = rowid - %d + %d WHERE load_id = ? AND source_file = ? AND source_line IS NULL`,
			t, lo, first), loadID, f.Path)
		return err
	}
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE stg_line_fixes (from_row BIGINT, add_lines BIGINT)`); err != nil {
		return err
	}
	if err := conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppender(dc.(driver.Conn), "temp", "main", "stg_line_fixes")
		if err != nil {
			return err
		}
		for _, x := range fixes {
			if err := a.AppendRow(x.from, x.add); err != nil {
				a.Close()
				return err
			}
		}
		return a.Close()
	}); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, fmt.Sprintf(`UPDATE %[1]s SET source_line = x.line FROM (
		  SELECT s.rowid AS rid, s.rowid - %[2]d + %[3]d + coalesce(c.add_lines, 0) AS line
		  FROM (SELECT rowid FROM %[1]s WHERE load_id = $1 AND source_file = $2 AND source_line IS NULL) s
		  ASOF LEFT JOIN stg_line_fixes c ON s.rowid - %[2]d >= c.from_row) x
		WHERE %[1]s.rowid = x.rid`, t, lo, first), loadID, f.Path)
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `DROP TABLE stg_line_fixes`)
	return err
}
