package release

// The whole release's contract aggregates (models.ContractAggregator):
// read into memory when the release opens from the tables publish wrote
// (publish_aggregates.go), and held to the contract index there, so a
// table edited after publish fails the open; a release without them (a
// file published before them, or a release copied into memory) answers
// each read from its procurement table (aggregateSQL), as before.

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// contractAggregates are the aggregate tables, in their order.
type contractAggregates struct {
	suppliers  []models.SupplierRank
	months     []models.MonthTotal
	buyerYears []models.BuyerYearTotal
	// yearSuppliers are each institution's year's suppliers ranked.
	yearSuppliers map[buyerYear][]models.SupplierRank
}

type buyerYear struct {
	buyer string
	year  int
}

var _ models.ContractAggregator = (*DB)(nil)

// readAggregates loads the aggregate tables of the release's file, when it
// has all of them, and checks them against the contract index.
func (r *DB) readAggregates(ctx context.Context) error {
	if !r.file || r.mode != Tables {
		return nil
	}
	var n int
	args := make([]any, len(aggregateTables))
	for i, t := range aggregateTables {
		args[i] = t
	}
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE database_name = 'site' AND table_name IN (?`+strings.Repeat(", ?", len(args)-1)+`)`,
		args...).Scan(&n); err != nil {
		return fmt.Errorf("agregatele ediției: %w", err)
	}
	if n != len(aggregateTables) {
		return nil
	}
	a, err := r.queryAggregates(ctx, map[string]string{
		aggTopSuppliers: `SELECT supplier_cui, supplier_name, contracts, total FROM ` + aggTopSuppliers + ` ORDER BY rank`,
		aggMonths:       `SELECT month, contracts, total FROM ` + aggMonths + ` ORDER BY month NULLS LAST`,
		aggBuyerYears:   `SELECT buyer_cui, year, contracts, total FROM ` + aggBuyerYears + ` ORDER BY buyer_cui, year NULLS LAST`,
		aggBuyerYearSuppliers: `SELECT buyer_cui, year, supplier_cui, supplier_name, contracts, total FROM ` + aggBuyerYearSuppliers + `
			ORDER BY buyer_cui, year NULLS LAST, rank`,
	}, aggregateTables)
	if err != nil {
		return fmt.Errorf("agregatele ediției: %w", err)
	}
	if err := r.index.checkAggregates(a); err != nil {
		return err
	}
	r.aggs = a
	return nil
}

// queryAggregatesWith reads table's rows with query and its args.
func (r *DB) queryAggregatesWith(ctx context.Context, table, query string, args ...any) (*contractAggregates, error) {
	return r.queryAggregatesArgs(ctx, map[string]string{table: query}, []string{table}, args)
}

// queryAggregates reads the aggregates of tables with qs, the query of each.
func (r *DB) queryAggregates(ctx context.Context, qs map[string]string, tables []string) (*contractAggregates, error) {
	return r.queryAggregatesArgs(ctx, qs, tables, nil)
}

func (r *DB) queryAggregatesArgs(ctx context.Context, qs map[string]string, tables []string, args []any) (*contractAggregates, error) {
	a := &contractAggregates{}
	scanGroup := func(rows *sql.Rows, key []any, g *models.ContractAggregate) error {
		var total sql.NullInt64
		if err := rows.Scan(append(key, &g.Contracts, &total)...); err != nil {
			return err
		}
		g.Value, g.Valued = models.Amount(total.Int64), total.Valid
		return nil
	}
	for _, t := range tables {
		err := queryRows(ctx, r.db, qs[t], args, func(rows *sql.Rows) error {
			switch t {
			case aggTopSuppliers:
				var cui, name sql.NullString
				var s models.SupplierRank
				if err := scanGroup(rows, []any{&cui, &name}, &s.ContractAggregate); err != nil {
					return err
				}
				s.CUI, s.Name = cui.String, name.String
				a.suppliers = append(a.suppliers, s)
			case aggMonths:
				var month sql.NullTime
				var m models.MonthTotal
				if err := scanGroup(rows, []any{&month}, &m.ContractAggregate); err != nil {
					return err
				}
				if month.Valid {
					m.Month = time.Date(month.Time.Year(), month.Time.Month(), 1, 0, 0, 0, 0, time.UTC)
				}
				a.months = append(a.months, m)
			case aggBuyerYears:
				var cui sql.NullString
				var year sql.NullInt64
				var b models.BuyerYearTotal
				if err := scanGroup(rows, []any{&cui, &year}, &b.ContractAggregate); err != nil {
					return err
				}
				b.BuyerCUI, b.Year = cui.String, int(year.Int64)
				a.buyerYears = append(a.buyerYears, b)
			case aggBuyerYearSuppliers:
				var buyer, cui, name sql.NullString
				var year sql.NullInt64
				var s models.SupplierRank
				if err := scanGroup(rows, []any{&buyer, &year, &cui, &name}, &s.ContractAggregate); err != nil {
					return err
				}
				s.CUI, s.Name = cui.String, name.String
				if a.yearSuppliers == nil {
					a.yearSuppliers = map[buyerYear][]models.SupplierRank{}
				}
				k := buyerYear{buyer.String, int(year.Int64)}
				a.yearSuppliers[k] = append(a.yearSuppliers[k], s)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

// yearSuppliersSQL is the ranking of one institution's year from the
// procurement table: a release without the aggregate tables.
const yearSuppliersSQL = `SELECT buyer_cui, year, supplier_cui, supplier_name, count(*) AS contracts, ` + aggregateTotal + ` AS total
	FROM procurement WHERE counts_in_total AND buyer_cui = ? AND year = ? GROUP BY ALL
	ORDER BY total DESC NULLS LAST, supplier_cui NULLS LAST, supplier_name NULLS LAST LIMIT ?`

// fromProcurement reads the aggregate of table from the procurement table:
// a release without the aggregate tables.
func (r *DB) fromProcurement(ctx context.Context, table string) (*contractAggregates, error) {
	qs := aggregateSQL("")
	qs[aggTopSuppliers] = `SELECT supplier_cui, supplier_name, contracts, total FROM (` + qs[aggTopSuppliers] + `) ORDER BY rank`
	qs[aggBuyerYearSuppliers] = `SELECT buyer_cui, year, supplier_cui, supplier_name, contracts, total FROM (` + qs[aggBuyerYearSuppliers] + `)
		ORDER BY buyer_cui, year NULLS LAST, rank`
	return r.queryAggregates(ctx, qs, []string{table})
}

// TopSuppliers are the n suppliers that won most (at most
// models.TopSuppliersMax; n < 1 is none).
func (r *DB) TopSuppliers(ctx context.Context, n int) (_ []models.SupplierRank, err error) {
	defer models.Wrap(&err, "furnizorii de top")
	n = min(n, models.TopSuppliersMax)
	if n < 1 {
		return []models.SupplierRank{}, nil
	}
	a := r.aggs
	if a == nil {
		if a, err = r.fromProcurement(ctx, aggTopSuppliers); err != nil {
			return nil, err
		}
	}
	return append([]models.SupplierRank{}, a.suppliers[:min(n, len(a.suppliers))]...), nil
}

// TopSuppliersOf are the n suppliers that won most of an institution's
// year (at most models.TopSuppliersOfYearMax; n < 1 is none).
func (r *DB) TopSuppliersOf(ctx context.Context, buyer string, year, n int) (_ []models.SupplierRank, err error) {
	defer models.Wrap(&err, "furnizorii de top ai %s în %d", buyer, year)
	n = min(n, models.TopSuppliersOfYearMax)
	if n < 1 {
		return []models.SupplierRank{}, nil
	}
	if a := r.aggs; a != nil {
		top := a.yearSuppliers[buyerYear{buyer, year}]
		return append([]models.SupplierRank{}, top[:min(n, len(top))]...), nil
	}
	a, err := r.queryAggregatesWith(ctx, aggBuyerYearSuppliers, yearSuppliersSQL, buyer, year, n)
	if err != nil {
		return nil, err
	}
	return append([]models.SupplierRank{}, a.yearSuppliers[buyerYear{buyer, year}]...), nil
}

// ContractsByMonth are the release's contracts by month of award.
func (r *DB) ContractsByMonth(ctx context.Context) (_ []models.MonthTotal, err error) {
	defer models.Wrap(&err, "contractele pe luni")
	a := r.aggs
	if a == nil {
		if a, err = r.fromProcurement(ctx, aggMonths); err != nil {
			return nil, err
		}
	}
	return append([]models.MonthTotal{}, a.months...), nil
}

// ContractsByBuyerYear are the release's contracts by institution and year.
func (r *DB) ContractsByBuyerYear(ctx context.Context) (_ []models.BuyerYearTotal, err error) {
	defer models.Wrap(&err, "contractele pe instituții și ani")
	a := r.aggs
	if a == nil {
		if a, err = r.fromProcurement(ctx, aggBuyerYears); err != nil {
			return nil, err
		}
	}
	return append([]models.BuyerYearTotal{}, a.buyerYears...), nil
}

// checkAggregates holds the aggregate tables to the contract index (nil:
// nothing to hold them to): the months and the institutions' years sum to
// the index's totals, each institution's year to its rows, each supplier
// ranked to its rows, in order. One pass over the index's columns, no map.
func (x *contractIndex) checkAggregates(a *contractAggregates) error {
	if x == nil {
		return nil
	}
	wrong := func(table, format string, args ...any) error {
		return &CheckError{Dataset: SiteDatabase, Reason: fmt.Sprintf("agregatul %s nu se potrivește cu indexul contractelor: ", table) + fmt.Sprintf(format, args...)}
	}
	sum := func(g *models.ContractAggregate, i int) {
		if x.flags[i]&flagCounts == 0 {
			return
		}
		g.Contracts++
		if x.flags[i]&flagValue != 0 {
			g.Value += models.Amount(x.value[i])
			g.Valued = true
		}
	}
	var all models.ContractAggregate
	for i := range x.n {
		sum(&all, i)
	}
	for _, t := range []struct {
		table string
		gs    []models.ContractAggregate
	}{{aggMonths, groupsOf(a.months, func(m models.MonthTotal) models.ContractAggregate { return m.ContractAggregate })},
		{aggBuyerYears, groupsOf(a.buyerYears, func(b models.BuyerYearTotal) models.ContractAggregate { return b.ContractAggregate })}} {
		var got models.ContractAggregate
		for _, g := range t.gs {
			got.Contracts, got.Value, got.Valued = got.Contracts+g.Contracts, got.Value+g.Value, got.Valued || g.Valued
		}
		if got != all {
			return wrong(t.table, "totalul lui este %+v, al indexului %+v", got, all)
		}
	}
	for i := 1; i < len(a.months); i++ {
		if p, m := a.months[i-1].Month, a.months[i].Month; p.IsZero() || !m.IsZero() && !p.Before(m) {
			return wrong(aggMonths, "lunile nu sunt în ordine (%v, %v)", p, m)
		}
	}
	if x.blocks != nil {
		counted := 0
		for _, b := range x.blocks {
			for i := b[0]; i < b[1]; i++ {
				if x.flags[i]&flagCounts != 0 {
					counted++
					break
				}
			}
		}
		if counted != len(a.buyerYears) {
			return wrong(aggBuyerYears, "are %d ani de instituții, indexul %d", len(a.buyerYears), counted)
		}
		for _, by := range a.buyerYears {
			id, _ := x.id("buyer", by.BuyerCUI)
			b, ok := x.blocks[uint64(id)<<16|uint64(by.Year)]
			var want models.ContractAggregate
			for i := b[0]; ok && i < b[1]; i++ {
				sum(&want, i)
			}
			if want != by.ContractAggregate {
				return wrong(aggBuyerYears, "%s în %d are %+v, indexul %+v", by.BuyerCUI, by.Year, by.ContractAggregate, want)
			}
		}
	}
	if err := x.checkYearSuppliers(a); err != nil {
		return err
	}
	for k, s := range a.suppliers {
		cui, _ := x.id("cui", s.CUI)
		name, _ := x.id("name", s.Name)
		var want models.ContractAggregate
		switch {
		case s.CUI != "":
			for _, p := range x.byCUI.of(cui) {
				if x.name[p] == name {
					sum(&want, int(p))
				}
			}
		case s.Name != "":
			for _, p := range x.byName.of(name) {
				if x.cui[p] == 0 {
					sum(&want, int(p))
				}
			}
		default:
			continue
		}
		if want != s.ContractAggregate {
			return wrong(aggTopSuppliers, "furnizorul %s (%s) are %+v, indexul %+v", s.CUI, s.Name, s.ContractAggregate, want)
		}
		if k > 0 {
			if p := a.suppliers[k-1]; !p.Valued && s.Valued || p.Valued && s.Valued && p.Value < s.Value {
				return wrong(aggTopSuppliers, "furnizorul %d (%s) are mai mult decât cel dinaintea lui", k+1, s.CUI)
			}
		}
	}
	return nil
}

func groupsOf[T any](ts []T, g func(T) models.ContractAggregate) []models.ContractAggregate {
	out := make([]models.ContractAggregate, len(ts))
	for i, t := range ts {
		out[i] = g(t)
	}
	return out
}

// checkYearSuppliers holds each institution's year's ranking to its rows of
// the index: each supplier's sum from its postings within the year's run,
// in order, and the institutions' years of the ranking those of
// aggBuyerYears.
func (x *contractIndex) checkYearSuppliers(a *contractAggregates) error {
	wrong := func(format string, args ...any) error {
		return &CheckError{Dataset: SiteDatabase, Reason: "agregatul " + aggBuyerYearSuppliers + " nu se potrivește cu indexul contractelor: " + fmt.Sprintf(format, args...)}
	}
	if len(a.yearSuppliers) != len(a.buyerYears) {
		return wrong("are %d ani de instituții, %s %d", len(a.yearSuppliers), aggBuyerYears, len(a.buyerYears))
	}
	if x.blocks == nil {
		return nil
	}
	for k, top := range a.yearSuppliers {
		if len(top) == 0 || len(top) > models.TopSuppliersOfYearMax {
			return wrong("%s în %d are %d furnizori", k.buyer, k.year, len(top))
		}
		id, _ := x.id("buyer", k.buyer)
		b := x.blocks[uint64(id)<<16|uint64(k.year)]
		for i, s := range top {
			cui, _ := x.id("cui", s.CUI)
			name, _ := x.id("name", s.Name)
			list, match := x.byCUI.of(cui), func(p uint32) bool { return x.name[p] == name }
			if s.CUI == "" {
				list, match = x.byName.of(name), func(p uint32) bool { return x.cui[p] == 0 }
			}
			// The postings are in row order: the year's rows are one run.
			lo, _ := slices.BinarySearch(list, uint32(b[0]))
			var want models.ContractAggregate
			for _, p := range list[lo:] {
				if int(p) >= b[1] {
					break
				}
				if match(p) && x.flags[p]&flagCounts != 0 {
					want.Contracts++
					if x.flags[p]&flagValue != 0 {
						want.Value += models.Amount(x.value[p])
						want.Valued = true
					}
				}
			}
			if want != s.ContractAggregate {
				return wrong("%s în %d, furnizorul %s (%s) are %+v, indexul %+v", k.buyer, k.year, s.CUI, s.Name, s.ContractAggregate, want)
			}
			if i > 0 {
				if p := top[i-1]; !p.Valued && s.Valued || p.Valued && s.Valued && p.Value < s.Value {
					return wrong("%s în %d, furnizorul %d (%s) are mai mult decât cel dinaintea lui", k.buyer, k.year, i+1, s.CUI)
				}
			}
		}
	}
	return nil
}
