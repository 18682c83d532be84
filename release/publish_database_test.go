package release_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// Each dataset's table in the release's database files holds its rows in
// the order the file promises: a public dataset's by its ReadOrder then its
// SortKey, an internal one's by its SortKey, whether publish sorted the
// table or took its Parquet file's rows as they come (a file already in
// that order): row by row, the table in its stored order (rowid) is the
// table sorted.
func TestDatabaseTablesHoldTheirRowsInTheirOrder(t *testing.T) {
	dir := demoReleaseDir(t)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files := map[string]string{models.Public: release.SiteDatabase, models.Internal: release.InternalDatabase}
	for access, rel := range files {
		if _, err := db.Exec("ATTACH '" + filepath.Join(dir, rel) + "' AS " + access + " (READ_ONLY)"); err != nil {
			t.Fatal(err)
		}
	}
	checked := 0
	for _, ds := range release.Datasets {
		order := ds.SortKey
		if ds.Access == models.Public {
			if ds.ReadOrder == "" {
				continue
			}
			order = ds.ReadOrder + ", " + ds.SortKey
		}
		table := ds.Access + "." + ds.Name
		var stored, sorted string
		var n int64
		if err := db.QueryRow("SELECT count(*), md5(string_agg(t::VARCHAR, '|' ORDER BY t.rowid)) FROM "+table+" t").Scan(&n, &stored); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		if err := db.QueryRow("SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY " + order + ")) FROM " + table + " t").Scan(&sorted); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		if n == 0 {
			t.Errorf("%s has no rows", table)
		}
		if stored != sorted {
			t.Errorf("%s: the rows are not stored in the order %s", table, order)
		}
		checked++
	}
	if checked < 5 {
		t.Fatalf("%d tables checked", checked)
	}
}
