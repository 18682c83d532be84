package release_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// aggregateSQL is the plain SQL of each aggregate, as a city's IT
// department would write it on the procurement table (the benchmark
// suite's), run on the release's Parquet file.
var aggregateSQL = map[string]string{
	"suppliers": `SELECT supplier_cui, supplier_name, count(*), CAST(round(sum(value) * 100) AS BIGINT) AS total
		FROM procurement WHERE counts_in_total GROUP BY supplier_cui, supplier_name
		ORDER BY total DESC NULLS LAST, supplier_cui NULLS LAST, supplier_name NULLS LAST LIMIT ?`,
	"months": `SELECT date_trunc('month', award_date), count(*), CAST(round(sum(value) * 100) AS BIGINT)
		FROM procurement WHERE counts_in_total GROUP BY 1 ORDER BY 1 NULLS LAST`,
	"buyer-years": `SELECT buyer_cui, year, count(*), CAST(round(sum(value) * 100) AS BIGINT)
		FROM procurement WHERE counts_in_total GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST`,
}

// aggregateRows are the reader's answers as the plain SQL's cells: NULL
// (no fiscal code, no date, no value) is "", a date 2006-01-02.
func aggregateRows(t *testing.T, r *release.DB, which string, n int) [][]string {
	t.Helper()
	ctx := context.Background()
	total := aggTotal
	var out [][]string
	switch which {
	case "suppliers":
		gs, err := r.TopSuppliers(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			out = append(out, []string{g.CUI, g.Name, fmt.Sprint(g.Contracts), total(g.ContractAggregate)})
		}
	case "months":
		gs, err := r.ContractsByMonth(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			month := ""
			if !g.Month.IsZero() {
				month = g.Month.Format(time.DateOnly)
			}
			out = append(out, []string{month, fmt.Sprint(g.Contracts), total(g.ContractAggregate)})
		}
	case "buyer-years":
		gs, err := r.ContractsByBuyerYear(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			year := ""
			if g.Year != 0 {
				year = fmt.Sprint(g.Year)
			}
			out = append(out, []string{g.BuyerCUI, year, fmt.Sprint(g.Contracts), total(g.ContractAggregate)})
		}
	}
	return out
}

// aggTotal is a total as the plain SQL's cell: "" when NULL.
func aggTotal(g models.ContractAggregate) string {
	if !g.Valued {
		return ""
	}
	return fmt.Sprint(int64(g.Value))
}

// plainRows are the plain SQL's answer of which.
func plainRows(t *testing.T, p *parquetSQL, which string, n int) [][]string {
	t.Helper()
	var args []any
	if which == "suppliers" {
		args = append(args, n)
	}
	return plainRowsOf(t, p, aggregateSQL[which], args...)
}

// plainRowsOf are query's rows as text cells.
func plainRowsOf(t *testing.T, p *parquetSQL, query string, args ...any) [][]string {
	t.Helper()
	rows, err := p.db.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, v := range vals {
			switch v := v.(type) {
			case nil:
				cells = append(cells, "")
			case time.Time:
				cells = append(cells, v.Format(time.DateOnly))
			default:
				cells = append(cells, fmt.Sprint(v))
			}
		}
		out = append(out, cells)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The whole release's aggregates, held in memory from the tables written at
// publish, are the plain SQL's rows on the release's procurement file, row
// by row; so are those of a release published before the tables (which
// still opens and answers from its procurement table), and framework
// agreements count in neither.
func TestContractAggregatesAreThePlainSQLsRows(t *testing.T) {
	r, p := openDemo(t)
	if !release.AggregatesLoaded(r) {
		t.Fatal("the demo release's aggregates are not held in memory")
	}
	older := openWithout(t, "agg_top_suppliers", "agg_months", "agg_buyer_years", "agg_buyer_year_suppliers")
	if release.AggregatesLoaded(older) {
		t.Fatal("a release without the aggregate tables holds aggregates")
	}
	if n := p.int(`SELECT count(*) FROM procurement WHERE NOT counts_in_total`); n == 0 {
		t.Fatal("the demo has no framework agreement: the test proves nothing about them")
	}
	for _, which := range []string{"suppliers", "months", "buyer-years"} {
		for _, n := range []int{1, 10, models.TopSuppliersMax} {
			want := plainRows(t, p, which, n)
			if len(want) < min(n, 2) {
				t.Fatalf("%s: the plain SQL has %d rows", which, len(want))
			}
			for name, rel := range map[string]*release.DB{"the release": r, "the release without the tables": older} {
				if got := aggregateRows(t, rel, which, n); !slices.EqualFunc(got, want, slices.Equal) {
					t.Errorf("%s (%d) from %s:\n%q\nthe plain SQL:\n%q", which, n, name, got, want)
				}
			}
			if which != "suppliers" {
				break
			}
		}
	}
	// Each institution's year's suppliers, 10 and 3 of them, and a year
	// the institution has no contract of.
	years, err := p.db.Query(`SELECT DISTINCT buyer_cui, year FROM procurement WHERE counts_in_total AND year IS NOT NULL ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	type buyerYear struct {
		buyer string
		year  int
	}
	var bys []buyerYear
	for years.Next() {
		var b buyerYear
		if err := years.Scan(&b.buyer, &b.year); err != nil {
			t.Fatal(err)
		}
		bys = append(bys, b)
	}
	years.Close()
	if len(bys) < 2 {
		t.Fatalf("the demo has %d institutions' years", len(bys))
	}
	compared := 0
	for _, b := range append(bys, buyerYear{bys[0].buyer, 1990}) {
		for _, n := range []int{models.TopSuppliersOfYearMax, 3} {
			want := plainRowsOf(t, p, `SELECT supplier_cui, supplier_name, count(*), CAST(round(sum(value) * 100) AS BIGINT) AS total
				FROM procurement WHERE counts_in_total AND buyer_cui = ? AND year = ? GROUP BY supplier_cui, supplier_name
				ORDER BY total DESC NULLS LAST, supplier_cui NULLS LAST, supplier_name NULLS LAST LIMIT ?`, b.buyer, b.year, n)
			compared += len(want)
			for name, rel := range map[string]*release.DB{"the release": r, "the release without the tables": older} {
				gs, err := rel.TopSuppliersOf(context.Background(), b.buyer, b.year, n)
				if err != nil {
					t.Fatal(err)
				}
				var got [][]string
				for _, g := range gs {
					got = append(got, []string{g.CUI, g.Name, fmt.Sprint(g.Contracts), aggTotal(g.ContractAggregate)})
				}
				if !slices.EqualFunc(got, want, slices.Equal) {
					t.Errorf("%s in %d (%d) from %s:\n%q\nthe plain SQL:\n%q", b.buyer, b.year, n, name, got, want)
				}
			}
		}
	}
	if compared < 2*len(bys) {
		t.Errorf("%d suppliers of institutions' years compared", compared)
	}
	// Over the maximum, the ranking keeps its maximum; nothing asked, none.
	if got := aggregateRows(t, r, "suppliers", models.TopSuppliersMax+50); len(got) != min(models.TopSuppliersMax, len(plainRows(t, p, "suppliers", models.TopSuppliersMax+50))) {
		t.Errorf("%d suppliers over the maximum", len(got))
	}
	if got := aggregateRows(t, r, "suppliers", 0); len(got) != 0 {
		t.Errorf("0 suppliers asked, %d given", len(got))
	}
	// The answer is a copy: a caller's change never reaches the next.
	ms, _ := r.ContractsByMonth(context.Background())
	ms[0].Contracts = -1
	if again, _ := r.ContractsByMonth(context.Background()); again[0].Contracts == -1 {
		t.Error("a caller's change of the months reached the reader")
	}
}

// An aggregate table that differs from the release's contracts (edited after
// publish) fails the open with a CheckError naming it: one month more, two
// institutions' years with their totals swapped (the sum is the same), a
// supplier's total.
func TestAWrongAggregateTableFailsTheOpen(t *testing.T) {
	for table, stmt := range map[string]string{
		"agg_months": `UPDATE agg_months SET contracts = contracts + 1 WHERE month = (SELECT max(month) FROM agg_months)`,
		"agg_buyer_years": `UPDATE agg_buyer_years SET total = CASE WHEN rowid = (SELECT min(rowid) FROM agg_buyer_years) THEN (SELECT total FROM agg_buyer_years ORDER BY rowid LIMIT 1 OFFSET 1)
			ELSE (SELECT total FROM agg_buyer_years ORDER BY rowid LIMIT 1) END WHERE rowid IN (SELECT rowid FROM agg_buyer_years ORDER BY rowid LIMIT 2)`,
		"agg_top_suppliers": `UPDATE agg_top_suppliers SET total = total + 100 WHERE rank = 3`,
		"agg_buyer_year_suppliers": `UPDATE agg_buyer_year_suppliers SET contracts = contracts + 1
			WHERE rowid = (SELECT rowid FROM agg_buyer_year_suppliers WHERE rank = 2 ORDER BY buyer_cui, year LIMIT 1)`,
	} {
		t.Run(table, func(t *testing.T) {
			dir := editedDir(t, stmt)
			r, err := release.Open(context.Background(), dir, release.Tables)
			if err == nil {
				r.Close()
				t.Fatalf("the release with %s edited opened", table)
			}
			var ce *release.CheckError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), table) {
				t.Fatalf("the release with %s edited: %v, want a CheckError naming it", table, err)
			}
		})
	}
}
