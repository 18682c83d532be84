package warehouse

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/deschis/deschis/release"
)

// Every mart file is created, in an order where each view comes after the
// views it reads, and every published dataset names a mart that exists.
func TestEveryMartFileIsCreated(t *testing.T) {
	files := martFiles()
	order := slices.Clone(martOrder)
	slices.Sort(files)
	slices.Sort(order)
	if !slices.Equal(files, order) {
		t.Fatalf("marts/ holds %v, martOrder names %v", files, order)
	}
	w := openTemp(t)
	views := map[string]bool{}
	rows, err := w.DB().Query(`SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v string
		rows.Scan(&v)
		views[v] = true
	}
	rows.Close()
	for _, m := range martOrder {
		if !views[m] {
			t.Errorf("mart %s was not created", m)
		}
	}
	for _, d := range release.Datasets {
		if !views[d.Mart] {
			t.Errorf("dataset %s is published from %s, which is not a mart", d.Name, d.Mart)
		}
	}
}

// The marts are recreated each time the warehouse opens: a view left by an
// older program (a mart since removed or changed) does not survive.
func TestMartsAreRecreatedWhenTheWarehouseOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.duckdb")
	ctx := context.Background()
	w, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB().Exec(`CREATE VIEW mart_gone AS SELECT 1 AS x`); err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB().Exec(`CREATE OR REPLACE VIEW mart_suppliers AS SELECT 1 AS stale`); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if w, err = Open(ctx, path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var n int64
	w.DB().QueryRow(`SELECT count(*) FROM duckdb_views() WHERE view_name = 'mart_gone'`).Scan(&n)
	if n != 0 {
		t.Error("a view no mart file declares survived the reopening")
	}
	if _, err := w.DB().Exec(`SELECT supplier_cui, total_value FROM mart_suppliers`); err != nil {
		t.Errorf("mart_suppliers is still the stale one: %v", err)
	}
}

// martFiles lists the names of the files in marts/, without .sql.
func martFiles() []string {
	entries, err := fs.ReadDir(martFS, "marts")
	if err != nil {
		panic(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".sql"))
	}
	return out
}
