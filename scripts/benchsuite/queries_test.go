package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
)

// Every query figure answers the same rows on both sides: the site's read
// on a demo release (release.Open, as the site opens it) and the plain SQL
// on the same rows copied into a PostgreSQL 15 started as the suite starts
// it, for many parameters each; the figures the site has a read for call it,
// the others say they are plain SQL.
func TestEveryQueryFigureAnswersTheSameRowsOnBothSides(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	b, err := demo.Build(ctx, root, demo.Options{}, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	pg, err := benchkit.StartPostgres(ctx, "", "fsync=off")
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Stop()
	conn, err := pgx.Connect(ctx, pg.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, _, err := loadPostgres(ctx, b.Release, root, conn); err != nil {
		t.Fatal(err)
	}
	rel, err := release.Open(ctx, b.Release, release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer rel.Close()
	p, err := drawParams(ctx, rel)
	if err != nil {
		t.Fatal(err)
	}
	reads := map[string]bool{"supplier-search": true, "supplier-contracts": true, "year-contracts-page": true,
		"totals-by-cpv-division": true, "kpi-procurement-year": true, "top-10-suppliers": true, "totals-by-month": true, "sum-by-buyer-and-year": true}
	for _, q := range queries {
		if (q.Site != nil) != reads[q.ID] || (q.Site == nil) != strings.Contains(q.measured(), "plain SQL") {
			t.Errorf("%s: site read %v, measured %q", q.ID, q.Site != nil, q.measured())
		}
		rows, full := 0, 0
		for i := range 40 {
			a := p.of(q, i)
			_, duck, err := duckRead(ctx, rel, q, a)
			if err != nil {
				t.Fatalf("%s %+v on DuckDB: %v", q.ID, a, err)
			}
			_, pgRows, err := pgQuery(ctx, conn, q, a)
			if err != nil {
				t.Fatalf("%s %+v on PostgreSQL: %v", q.ID, a, err)
			}
			if err := sameRows(duck, pgRows); err != nil {
				t.Errorf("%s %+v: %v", q.ID, a, err)
			}
			rows += len(duck)
			if len(duck) == pageRows {
				full++
			}
		}
		if rows == 0 {
			t.Errorf("%s answered no row in 40 runs: nothing was compared", q.ID)
		}
		if strings.Contains(q.SQL, "LIMIT 50") && q.ID != "supplier-search" && full == 0 {
			t.Errorf("%s never filled a page of %d rows: the order of a full page was not compared", q.ID, pageRows)
		}
		t.Logf("%s: %d rows compared (%d full pages)", q.ID, rows, full)
	}
}

// sameRows finds the first difference, a row missing on either side too.
func TestSameRowsSaysWhereAnswersDiffer(t *testing.T) {
	a := [][]string{{"1", "x"}, {"2", "y"}}
	if err := sameRows(a, [][]string{{"1", "x"}, {"2", "y"}}); err != nil {
		t.Errorf("equal answers: %v", err)
	}
	for _, b := range [][][]string{{{"1", "x"}}, {{"1", "x"}, {"2", "z"}}, {{"1", "x"}, {"2", "y"}, {"3", "w"}}, {{"2", "y"}, {"1", "x"}}} {
		if err := sameRows(a, b); err == nil {
			t.Errorf("%q and %q: no difference found", a, b)
		}
	}
}
