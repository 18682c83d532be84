package release_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/deschis/deschis/release"
)

// The large datasets' Hive-partitioned Parquet, read with DuckDB's
// hive_partitioning reader as Spark or Trino would read the directory, has
// the single file's rows and sums, every (year, county) with the single
// file's rows of that year and of the institutions of that county; the
// manifest lists every part with its rows and partition values, which its
// path names; publishing the same warehouse again writes the same parts, and
// etl verify reports a part that changed.
func TestHivePartitionsHoldTheSingleFilesRows(t *testing.T) {
	rels := publishThrice(t)
	res := rels[0]
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := func(p string) string { return "'" + strings.ReplaceAll(p, "'", "''") + "'" }
	entities := filepath.Join(res.Path, "public", "entities.parquet")
	partitioned := 0
	for _, ds := range release.Datasets {
		d, _ := res.Manifest.Dataset(ds.Name)
		if ds.PartitionEntity == "" {
			if len(d.Parts) != 0 {
				t.Errorf("%s is not partitioned but lists %d parts", d.Name, len(d.Parts))
			}
			continue
		}
		partitioned++
		if len(d.Parts) < 2 {
			t.Fatalf("%s has %d parts", d.Name, len(d.Parts))
		}
		var rows int64
		for _, p := range d.Parts {
			want := fmt.Sprintf("public/%s/year=%s/county=%s/part-0.parquet", d.Name, p.Partition["year"], p.Partition["county"])
			if p.Path != want || len(p.Partition) != 2 || p.Format != "parquet" {
				t.Errorf("%s: part %s with partition %v, want %s", d.Name, p.Path, p.Partition, want)
			}
			rows += p.Rows
		}
		if rows != d.Rows {
			t.Errorf("%s: the parts say %d rows, the dataset %d", d.Name, rows, d.Rows)
		}
		single, _ := d.File("parquet")
		file := "read_parquet(" + q(filepath.Join(res.Path, filepath.FromSlash(single.Path))) + ")"
		hive := "read_parquet(" + q(filepath.Join(res.Path, "public", d.Name, "*", "*", "*.parquet")) + ", hive_partitioning = true)"
		if got, want := duckTotals(t, db, d, hive), duckTotals(t, db, d, file); got.String() != want.String() {
			t.Errorf("%s: the partitions hold %s, the single file %s", d.Name, got, want)
		}
		// Each partition: the single file's rows of its year and county.
		byKey := func(query string) map[string]int64 {
			out := map[string]int64{}
			r, err := db.Query(query)
			if err != nil {
				t.Fatalf("%s: %v", d.Name, err)
			}
			defer r.Close()
			for r.Next() {
				var year int64
				var county sql.NullString
				var n int64
				if err := r.Scan(&year, &county, &n); err != nil {
					t.Fatal(err)
				}
				out[fmt.Sprint(year, "/", county.String, county.Valid)] = n
			}
			return out
		}
		fromHive := byKey("SELECT year, county, count(*) FROM " + hive + " GROUP BY ALL")
		fromFile := byKey(fmt.Sprintf("SELECT d.year, e.county, count(*) FROM %s d LEFT JOIN (SELECT DISTINCT cui, county FROM read_parquet(%s)) e ON e.cui = d.%s GROUP BY ALL",
			file, q(entities), ds.PartitionEntity))
		if fmt.Sprint(fromHive) != fmt.Sprint(fromFile) || len(fromHive) != len(d.Parts) {
			t.Errorf("%s: rows by year and county %v in the partitions, %v in the single file, %d parts", d.Name, fromHive, fromFile, len(d.Parts))
		}
		// Each part holds its rows in the single file's order (the SortKey):
		// the same rows, row by row, as the single file's of its partition.
		for _, p := range d.Parts {
			partFile := q(filepath.Join(res.Path, filepath.FromSlash(p.Path)))
			var names []string
			r, err := db.Query("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(" + partFile + ", hive_partitioning = false))")
			if err != nil {
				t.Fatal(err)
			}
			for r.Next() {
				var n string
				if err := r.Scan(&n); err != nil {
					t.Fatal(err)
				}
				names = append(names, `"`+n+`"`)
			}
			r.Close()
			row := "row(" + strings.Join(names, ", ") + ")::VARCHAR"
			where := "e.county = " + q(p.Partition["county"])
			if p.Partition["county"] == release.HiveNull {
				where = "e.county IS NULL"
			}
			var inPart, inFile string
			if err := db.QueryRow("SELECT md5(string_agg(" + row + ", '|' ORDER BY file_row_number)) FROM read_parquet(" + partFile + ", hive_partitioning = false, file_row_number = true)").Scan(&inPart); err != nil {
				t.Fatal(err)
			}
			if err := db.QueryRow(fmt.Sprintf("SELECT md5(string_agg(%s, '|' ORDER BY file_row_number)) FROM (SELECT d.* FROM read_parquet(%s, file_row_number = true) d LEFT JOIN (SELECT cui, min(county) AS county FROM read_parquet(%s) GROUP BY cui) e ON e.cui = d.%s WHERE d.year = %s AND %s)",
				row, q(filepath.Join(res.Path, filepath.FromSlash(single.Path))), q(entities), ds.PartitionEntity, p.Partition["year"], where)).Scan(&inFile); err != nil {
				t.Fatal(err)
			}
			if inPart != inFile {
				t.Errorf("%s: part %s does not hold its rows in the single file's order", d.Name, p.Path)
			}
		}
		// A part leaves out the columns its path names.
		var cols string
		if err := db.QueryRow("SELECT string_agg(column_name, ',') FROM (DESCRIBE SELECT * FROM read_parquet(" +
			q(filepath.Join(res.Path, filepath.FromSlash(d.Parts[0].Path))) + ", hive_partitioning = false))").Scan(&cols); err != nil {
			t.Fatal(err)
		}
		if slices.Contains(strings.Split(cols, ","), "year") {
			t.Errorf("%s: a part has the column year (%s)", d.Name, cols)
		}
		// The same warehouse published again writes the same parts.
		again, _ := rels[1].Manifest.Dataset(d.Name)
		if fmt.Sprint(again.Parts) != fmt.Sprint(d.Parts) {
			t.Errorf("%s: parts %v, then %v", d.Name, d.Parts, again.Parts)
		}
	}
	if partitioned < 2 {
		t.Fatalf("%d datasets partitioned", partitioned)
	}
	// etl verify checks every part: a changed one is reported by name.
	d, _ := rels[1].Manifest.Dataset("procurement")
	part := filepath.Join(rels[1].Path, filepath.FromSlash(d.Parts[0].Path))
	orig, err := os.ReadFile(part)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.WriteFile(part, orig, 0o644) }) // the releases are shared with the other tests
	if err := os.WriteFile(part, append(slices.Clone(orig), 0), 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := release.Verify(context.Background(), rels[1].Path)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) == 0 || slices.ContainsFunc(problems, func(p release.VerifyProblem) bool { return p.Path != d.Parts[0].Path }) {
		t.Errorf("a changed part: problems %v, want %s", problems, d.Parts[0].Path)
	}
}
