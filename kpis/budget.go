package kpis

import (
	"context"
	"strconv"
	"strings"

	"github.com/deschis/deschis/models"
)

// The budget KPIs: ratios of the cumulative execution from 1 January, from
// the monthly execution dataset (a month without a report has no row and
// no figure).

// monthly indexes a year's monthly execution by month.
func monthly(ctx context.Context, rel models.Reader, entity string, year int, kind models.BudgetKind) (map[int]models.BudgetMonth, int, error) {
	ms, err := rel.BudgetMonthly(ctx, models.BudgetScope{Entity: entity, Year: year}, kind)
	if err != nil {
		return nil, 0, err
	}
	out, last := map[int]models.BudgetMonth{}, 0
	for _, m := range ms {
		out[m.Month] = m
		last = max(last, m.Month)
	}
	return out, last, nil
}

// composition is the cumulative execution through a month split into the
// parts a share needs: (part, whole) by month.
type composition func(ctx context.Context, through int) (part, whole int64, reported int, err error)

func budgetValues(ctx context.Context, rel models.Reader, s Scope) ([]Value, error) {
	exp, through, err := monthly(ctx, rel, s.Entity, s.Year, models.Expense)
	if err != nil {
		return nil, err
	}
	rev, revThrough, err := monthly(ctx, rel, s.Entity, s.Year, models.Revenue)
	if err != nil {
		return nil, err
	}
	through = max(through, revThrough)
	if s.Through > 0 && s.Through < through {
		through = s.Through
	}
	expLast, _, err := monthly(ctx, rel, s.Entity, s.Year-1, models.Expense)
	if err != nil {
		return nil, err
	}
	revLast, _, err := monthly(ctx, rel, s.Entity, s.Year-1, models.Revenue)
	if err != nil {
		return nil, err
	}
	execRate := func(ms map[int]models.BudgetMonth) func(int) Point {
		return func(m int) Point {
			r, ok := ms[m]
			if !ok {
				return missing(NoReport, m)
			}
			p := ratio(int64(r.ExecutedCumulative), int64(r.Final), NoAppropriations)
			p.Month = m
			return p
		}
	}
	out := []Value{
		series(models.KPIExecutionRate, s.Year, through, execRate(exp), execRate(expLast)),
		series(models.KPIRevenueCollection, s.Year, through, execRate(rev), execRate(revLast)),
	}

	// The shares need the execution by economic title (expenses) and by
	// chapter (revenues) through each month.
	byTitle := func(year int) func(int) (map[string]int64, bool, error) {
		return groupsThrough(ctx, rel, models.BudgetScope{Entity: s.Entity, Year: year}, models.Expense, models.ByEconomicTitle)
	}
	byChapter := func(year int) func(int) (map[string]int64, bool, error) {
		return groupsThrough(ctx, rel, models.BudgetScope{Entity: s.Entity, Year: year}, models.Revenue, models.ByChapter)
	}
	shares := []struct {
		id   string
		by   func(int) func(int) (map[string]int64, bool, error)
		part func(code string) bool
	}{
		{models.KPIPersonnelShare, byTitle, func(c string) bool { return c == "10" }},
		{models.KPICapitalShare, byTitle, func(c string) bool { return c == "70" || c == "71" || c == "72" }},
		{models.KPIFiscalAutonomy, byChapter, ownRevenue},
	}
	// Each month's breakdown is read once for all the shares that use it.
	type key struct {
		year, month int
		exp         bool
	}
	memo := map[key]map[string]int64{}
	for _, sh := range shares {
		exp := sh.id != models.KPIFiscalAutonomy
		at := func(year int) func(int) Point {
			return func(m int) Point {
				k := key{year, m, exp}
				g, ok := memo[k]
				if !ok {
					var has bool
					g, has, err = sh.by(year)(m)
					if err != nil || !has {
						return missing(NoReport, m)
					}
					memo[k] = g
				}
				var part, whole int64
				for code, v := range g {
					whole += v
					if sh.part(code) {
						part += v
					}
				}
				p := ratio(part, whole, NoAppropriations)
				p.Month = m
				return p
			}
		}
		v := series(sh.id, s.Year, through, at(s.Year), at(s.Year-1))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// groupsThrough reads a scope's execution through a month by dim; false
// when that month has no report of its own.
func groupsThrough(ctx context.Context, rel models.Reader, s models.BudgetScope, kind models.BudgetKind, dim models.BudgetDim) func(int) (map[string]int64, bool, error) {
	return func(m int) (map[string]int64, bool, error) {
		gs, reported, err := rel.BudgetThrough(ctx, s, kind, dim, m)
		if err != nil || reported != m {
			return nil, false, err
		}
		out := map[string]int64{}
		for _, g := range gs {
			out[g.Code] += int64(g.Executed)
		}
		return out, true, nil
	}
}

// ownRevenue reports whether a revenue chapter (04.02) is an own revenue
// under Law 273/2006 art. 5: chapters 01–39 but 11 (shares of VAT) and 37
// (voluntary transfers, transfers between the sections).
func ownRevenue(code string) bool {
	head, _, _ := strings.Cut(code, ".")
	n, err := strconv.Atoi(head)
	return err == nil && n >= 1 && n <= 39 && n != 11 && n != 37
}

// series builds a cumulative KPI's value from its figure at the end of a
// month of the year (at) and of the previous year (last).
func series(id string, year, through int, at, last func(int) Point) Value {
	v := Value{KPI: kpi(id), Year: year, Through: through}
	if through == 0 {
		v.Now, v.Prev, v.LastYear = missing(NoYear, 0), missing(NoYear, 0), missing(NoYear, 0)
		v.SeriesWhy = NoYear
		return v
	}
	for m := 1; m <= through; m++ {
		v.Series = append(v.Series, at(m))
	}
	v.Now = v.Series[through-1]
	if through > 1 {
		v.PrevYear, v.PrevThrough, v.Prev = year, through-1, at(through-1)
	} else {
		v.PrevYear, v.PrevThrough, v.Prev = year-1, 12, last(12)
	}
	v.LastYear = last(through)
	if v.LastYear.OK || v.LastYear.Why == NoAppropriations {
		v.LastThrough = through
	}
	return v
}

// ChapterRow is one functional chapter's expense execution: payments from
// 1 January against the final appropriations.
type ChapterRow struct {
	Code, Name      string
	Final, Executed models.Amount
	Rate            Point // "–" (NoAppropriations) for a chapter without appropriations
}

// Chapters is the expense execution of a scope's entity by chapter, in the
// order of the execution (largest first), as of the year's latest report.
func Chapters(ctx context.Context, rel models.Reader, s Scope) ([]ChapterRow, error) {
	gs, err := rel.BudgetBy(ctx, models.BudgetScope{Entity: s.Entity, Year: s.Year}, models.Expense, models.ByChapter)
	if err != nil {
		return nil, err
	}
	out := make([]ChapterRow, 0, len(gs))
	for _, g := range gs {
		out = append(out, ChapterRow{Code: g.Code, Name: g.Name, Final: g.Final, Executed: g.Executed,
			Rate: ratio(int64(g.Executed), int64(g.Final), NoAppropriations)})
	}
	return out, nil
}
