package release_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// editedRelease copies the demo release and runs stmts on its site
// database (as a publish of another version would have written it), the
// manifest listing the file's new size: what Open then reads.
func editedRelease(t *testing.T, stmts ...string) *release.DB {
	t.Helper()
	r, err := release.Open(context.Background(), editedDir(t, stmts...), release.Tables)
	if err != nil {
		t.Fatalf("the edited release: %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// editedDir is the directory of editedRelease's copy, not opened.
func editedDir(t *testing.T, stmts ...string) string {
	t.Helper()
	dir := copyRelease(t)
	path := filepath.Join(dir, release.SiteDatabase)
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range append(stmts, `CHECKPOINT`) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range man.Databases {
		if man.Databases[i].Path == release.SiteDatabase {
			man.Databases[i].Bytes = st.Size()
		}
	}
	b, _ := json.Marshal(man)
	if err := os.WriteFile(filepath.Join(dir, release.ManifestFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// listPages are the pages a list of n rows is read by: the first, the
// second and the last (a short one when n is no multiple of 50).
func listPages(n int64) []int {
	out := []int{0}
	if n > 50 {
		out = append(out, 50)
	}
	if last := int((n - 1) / 50 * 50); last > 50 {
		out = append(out, last)
	}
	return out
}

// A supplier's page and an institution's year, 50 contracts by date newest
// first, are the same rows in the same order read from the contract index
// and its text store (a release published since the store has no prepared
// lookups) as from the prepared lookups (publish_marts.go) of a release
// published before the store, which still opens and reads them, and so are
// a supplier's totals and years; and that release reads its pages from the
// lookups: a supplier or a year taken out of a lookup has an empty page (and
// the supplier's totals stay whole, from the index), while any other order
// or filter is still read from the index.
func TestSupplierAndYearPagesReadThePreparedLookups(t *testing.T) {
	ctx := context.Background()
	cur, err := release.Open(ctx, demoReleaseDir(t), release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	older := editedRelease(t, release.MartTablesSQL()...)
	if n := scalar[int64](t, older, `SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('supplier_contracts', 'year_rows')`); n != 2 {
		t.Fatalf("the older release has %d of the 2 lookups", n)
	}
	if n := scalar[int64](t, cur, `SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('supplier_contracts', 'year_rows', 'contract_pages')`); n != 0 {
		t.Fatalf("the release still has %d of the lookups and contract_pages", n)
	}
	type list struct {
		f models.ContractFilter
		n int64
	}
	var lists []list
	rows, err := cur.QueryContext(ctx, `(SELECT supplier_cui, count(*) FROM procurement WHERE supplier_cui IS NOT NULL GROUP BY 1 ORDER BY hash(supplier_cui), 1 LIMIT 120)
		UNION ALL (SELECT supplier_cui, count(*) FROM procurement WHERE supplier_cui IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3)`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var l list
		if err := rows.Scan(&l.f.SupplierCUI, &l.n); err != nil {
			t.Fatal(err)
		}
		lists = append(lists, l)
	}
	rows.Close()
	rows, err = cur.QueryContext(ctx, `SELECT buyer_cui, year, count(*) FROM procurement WHERE year IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var l list
		if err := rows.Scan(&l.f.Buyer, &l.f.Year, &l.n); err != nil {
			t.Fatal(err)
		}
		lists = append(lists, l)
	}
	rows.Close()
	if len(lists) < 123+5 {
		t.Fatalf("only %d lists to compare", len(lists))
	}
	compared := 0
	for _, l := range lists {
		for _, off := range listPages(l.n) {
			f := l.f
			f.Limit, f.Offset = 50, off
			a, errA := older.Contracts(ctx, f)
			b, errB := cur.Contracts(ctx, f)
			if want := min(50, int(l.n)-off); errA != nil || errB != nil || len(b) != want || fmt.Sprint(a) != fmt.Sprint(b) {
				t.Fatalf("%+v (%d rows): from the lookups %d rows (%v), from the index and the store %d (%v), want %d\n%v\n%v",
					f, l.n, len(a), errA, len(b), errB, want, a, b)
			}
			compared += len(b)
		}
	}
	t.Logf("%d lists, %d rows compared", len(lists), compared)
	for _, l := range lists { // a supplier's page's totals and years
		if l.f.SupplierCUI == "" {
			continue
		}
		a, errA := older.ContractTotals(ctx, l.f)
		b, errB := cur.ContractTotals(ctx, l.f)
		if errA != nil || errB != nil || a != b || b.Rows != l.n {
			t.Errorf("%+v totals: from the release with the lookups %+v (%v), from the index %+v (%v), want %d rows", l.f, a, errA, b, errB, l.n)
		}
		ya, errA := older.ContractsByYear(ctx, l.f)
		yb, errB := cur.ContractsByYear(ctx, l.f)
		if errA != nil || errB != nil || fmt.Sprint(ya) != fmt.Sprint(yb) || len(yb) == 0 {
			t.Errorf("%+v by year: from the release with the lookups %v (%v), from the index %v (%v)", l.f, ya, errA, yb, errB)
		}
	}

	sup, year := lists[0], lists[0]
	for _, l := range lists {
		if l.f.Buyer != "" {
			year = l
			break
		}
	}
	for _, l := range lists {
		if l.f.SupplierCUI != "" && l.n > 50 {
			sup = l
			break
		}
	}
	cut := editedRelease(t, append(release.MartTablesSQL(), fmt.Sprintf(`DELETE FROM supplier_contracts WHERE supplier_cui = '%s'`, sup.f.SupplierCUI),
		fmt.Sprintf(`DELETE FROM year_rows WHERE buyer_cui = '%s' AND year = %d`, year.f.Buyer, year.f.Year))...)
	for _, l := range []list{sup, year} {
		f := l.f
		f.Limit = 50
		if got, err := cut.Contracts(ctx, f); err != nil || len(got) != 0 {
			t.Errorf("%+v: %d rows (%v) with its rows taken out of the lookup: not read from it", f, len(got), err)
		}
		if l.f.SupplierCUI != "" {
			// The page's totals and years come from the contract index
			// (read_contract_index.go), not from the lookup: they stay whole.
			if a, errA := older.ContractTotals(ctx, l.f); true {
				b, errB := cut.ContractTotals(ctx, l.f)
				if errA != nil || errB != nil || a != b || b.Rows != l.n {
					t.Errorf("%+v totals: from the release with the lookups %+v (%v), from the edited release %+v (%v)", l.f, a, errA, b, errB)
				}
			}
			with := l.f
			with.Year = year.f.Year // another filter: read from the contracts
			a, errA := older.ContractTotals(ctx, with)
			b, errB := cut.ContractTotals(ctx, with)
			if errA != nil || errB != nil || a != b {
				t.Errorf("%+v totals: from the release with the lookups %+v (%v), from the edited release %+v (%v)", with, a, errA, b, errB)
			}
		}
		for _, g := range []models.ContractFilter{{Sort: models.SortValueDesc}, {Sort: models.SortDateAsc}, {Kind: "direct_purchase"}, {Limit: -1}} {
			o := f
			o.Sort = g.Sort
			o.Kind = g.Kind
			if g.Limit < 0 {
				o.Limit = 0
			}
			a, errA := older.Contracts(ctx, o)
			b, errB := cut.Contracts(ctx, o)
			if errA != nil || errB != nil || fmt.Sprint(a) != fmt.Sprint(b) || (g.Kind == "" && len(b) == 0) {
				t.Errorf("%+v: from the release with the lookups %d rows (%v), from the edited release %d (%v)", o, len(a), errA, len(b), errB)
			}
		}
	}
}
