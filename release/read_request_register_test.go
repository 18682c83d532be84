package release_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// registerCount counts rows of the release's internal register with DuckDB
// straight over the Parquet file: the independent count the reader's pages
// are checked against.
func registerCount(t *testing.T, dir, where string, args ...any) int64 {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	q := `SELECT count(*) FROM read_parquet('` + filepath.Join(dir, "internal", "requests.parquet") + `') WHERE ` + where
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The public reader never opens internal/: with the register gone it still
// opens and says the register is not there; OpenInternal needs it.
func TestPublicReaderNeverOpensInternalFiles(t *testing.T) {
	src := demoReleaseDir(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "internal")); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	r, err := release.Open(ctx, dir, release.Tables)
	if err != nil {
		t.Fatalf("the public reader needs internal/: %v", err)
	}
	defer r.Close()
	_, err = r.RequestRows(ctx, models.RequestRowFilter{Entity: r.MainEntity(), Limit: 10})
	if !errors.Is(err, models.ErrNotFound) {
		t.Errorf("register rows from a public reader: %v, want ErrNotFound", err)
	}
	if _, err := release.OpenInternal(ctx, dir, release.Tables); err == nil {
		t.Error("OpenInternal opened a release without internal/requests.parquet")
	}
}

// Paging through a filter in every sort order returns each selected row
// exactly once, in order, and as many as DuckDB counts over the file. Large
// selections are walked for their first pages and then their last one.
func TestRequestRowsPagesAndSorts(t *testing.T) {
	dir := demoReleaseDir(t)
	ctx := context.Background()
	r, err := release.OpenInternal(ctx, dir, release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	main := r.MainEntity()
	facets, err := r.RequestFacets(ctx, main)
	if err != nil || len(facets.Departments) == 0 || len(facets.Categories) == 0 || !slices.Contains(facets.Types, "petitie") || !slices.Contains(facets.Types, "info_544") {
		t.Fatalf("facets %+v %v", facets, err)
	}
	dept := facets.Departments[0]
	var year int
	db, _ := sql.Open("duckdb", "")
	defer db.Close()
	if err := db.QueryRow(`SELECT max(year(received)) FROM read_parquet(?) WHERE entity_cui = ?`,
		filepath.Join(dir, "internal", "requests.parquet"), main).Scan(&year); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name  string
		f     models.RequestRowFilter
		where string
		args  []any
	}{
		{"entity", models.RequestRowFilter{Entity: main}, "entity_cui = ?", []any{main}},
		{"department", models.RequestRowFilter{Entity: main, Department: dept}, "entity_cui = ? AND department = ?", []any{main, dept}},
		{"month", models.RequestRowFilter{Entity: main, Year: year, Month: 3, Category: facets.Categories[0]},
			"entity_cui = ? AND year(received) = ? AND month(received) = 3 AND category = ?", []any{main, year, facets.Categories[0]}},
		{"type", models.RequestRowFilter{Entity: main, Department: dept, Type: "info_544"}, "entity_cui = ? AND department = ? AND type = 'info_544'", []any{main, dept}},
		{"overdue", models.RequestRowFilter{Entity: main, State: models.StateOverdue}, "entity_cui = ? AND outcome = 'deschisă' AND as_of > due", []any{main}},
		{"due soon", models.RequestRowFilter{Entity: main, State: models.StateDueSoon, DueWithin: 7},
			"entity_cui = ? AND outcome = 'deschisă' AND due >= as_of AND due <= as_of + 7", []any{main}},
		{"answered", models.RequestRowFilter{Entity: main, Department: dept, State: models.StateAnswered}, "entity_cui = ? AND department = ? AND answered IS NOT NULL AND status IN ('rezolvată', 'respinsă')", []any{main, dept}},
	} {
		want := registerCount(t, dir, c.where, c.args...)
		if want == 0 {
			t.Errorf("%s: the fixture selects no row; pick another", c.name)
			continue
		}
		for _, s := range models.RequestSorts {
			for _, desc := range []bool{false, true} {
				f := c.f
				f.Sort, f.Desc, f.Limit = s, desc, 37
				seen := map[string]bool{}
				var prev *models.RequestRow
				walk := want <= 400
				for page := 0; ; page++ {
					if !walk && page == 3 { // jump to the last page: the rest is there
						f.Offset = int(want-1) / f.Limit * f.Limit
						prev = nil
					}
					p, err := r.RequestRows(ctx, f)
					if err != nil {
						t.Fatalf("%s %s: %v", c.name, s, err)
					}
					if p.Total != want {
						t.Fatalf("%s %s: total %d, DuckDB over the file counts %d", c.name, s, p.Total, want)
					}
					for i := range p.Rows {
						x := p.Rows[i]
						if seen[x.ID] {
							t.Fatalf("%s %s: %s on two pages", c.name, s, x.ID)
						}
						seen[x.ID] = true
						if prev != nil && s == models.SortReceived && (desc && x.Received.After(prev.Received) || !desc && x.Received.Before(prev.Received)) {
							t.Fatalf("%s: %s (%v) after %s (%v), desc=%v", c.name, x.ID, x.Received, prev.ID, prev.Received, desc)
						}
						if prev != nil && s == models.SortDepartment && (desc && x.Dept > prev.Dept || !desc && x.Dept < prev.Dept) {
							t.Fatalf("%s: department %q after %q, desc=%v", c.name, x.Dept, prev.Dept, desc)
						}
						prev = &p.Rows[i]
					}
					if len(p.Rows) < f.Limit {
						break
					}
					f.Offset += f.Limit
				}
				if !walk {
					if last := int(want) - f.Offset; len(seen) != 3*f.Limit+last {
						t.Fatalf("%s sorted by %s: %d rows on the first three pages and the last, want %d", c.name, s, len(seen), 3*f.Limit+last)
					}
				} else if int64(len(seen)) != want {
					t.Fatalf("%s sorted by %s desc=%v: %d distinct rows over the pages, want %d", c.name, s, desc, len(seen), want)
				}
			}
		}
	}
	for _, bad := range []models.RequestRowFilter{
		{Entity: main, Limit: 10, Sort: "nume"},
		{Entity: main, Limit: 10, State: "toate"},
		{Entity: main, Limit: models.MaxRequestRows + 1},
		{Entity: main, Limit: 10, Month: 3},
		{Limit: 10},
	} {
		if _, err := r.RequestRows(ctx, bad); !errors.Is(err, models.ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", bad, err)
		}
	}

	// Deadlines by department agree with the rows of the same states.
	dl, err := r.RequestDeadlines(ctx, main, "", 7)
	if err != nil || len(dl) == 0 {
		t.Fatalf("deadlines %v %v", dl, err)
	}
	for _, d := range dl {
		if want := registerCount(t, dir, "entity_cui = ? AND department = ? AND outcome = 'deschisă' AND as_of > due", main, d.Department); d.Overdue != want {
			t.Errorf("%s: %d overdue, the file has %d", d.Department, d.Overdue, want)
		}
		if want := registerCount(t, dir, "entity_cui = ? AND department = ? AND outcome = 'deschisă' AND due >= as_of AND due <= as_of + 7", main, d.Department); d.DueSoon != want {
			t.Errorf("%s: %d due within 7 days, the file has %d", d.Department, d.DueSoon, want)
		}
	}
}

// BenchmarkRequestRegister measures the drill-down's queries on the
// register (a page of rows, the deadlines by department) beside a public
// aggregate of the same entity (the baseline), and the open time of a
// release with and without its internal datasets.
func BenchmarkRequestRegister(b *testing.B) {
	dir := demoReleaseDir(b)
	ctx := context.Background()
	b.Run("open/public", func(b *testing.B) {
		for b.Loop() {
			r, err := release.Open(ctx, dir, release.Tables)
			if err != nil {
				b.Fatal(err)
			}
			r.Close()
		}
	})
	b.Run("open/internal", func(b *testing.B) {
		for b.Loop() {
			r, err := release.OpenInternal(ctx, dir, release.Tables)
			if err != nil {
				b.Fatal(err)
			}
			r.Close()
		}
	})
	r, err := release.OpenInternal(ctx, dir, release.Tables)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	main := r.MainEntity()
	b.Run("baseline/request-totals", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.RequestTotals(ctx, models.RequestScope{Entity: main, Year: 2026}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rows/first-page", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.RequestRows(ctx, models.RequestRowFilter{Entity: main, Limit: 50, Sort: models.SortDue, Desc: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rows/overdue-last-page", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.RequestRows(ctx, models.RequestRowFilter{Entity: main, State: models.StateOverdue, Limit: 50, Offset: 50}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("deadlines", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.RequestDeadlines(ctx, main, "", 7); err != nil {
				b.Fatal(err)
			}
		}
	})
}
