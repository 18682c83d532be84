package kpis

import (
	"context"

	"github.com/deschis/deschis/models"
)

// The budget KPIs: ratios of the cumulative execution from 1 January, from
// the monthly execution dataset (a month without a report has no row and
// no figure).

// execution is a scope's monthly execution of a year and the one before,
// read in one query (models.Reader.BudgetMonthlyBy): each year's and kind's
// months with a report, and the month's own figure of each code of the
// breakdown its shares need (expenses by economic title, revenues by
// chapter).
type execution struct {
	months map[yearKind]map[int]models.BudgetMonth
	codes  map[yearKind]map[int]map[string]int64
}

type yearKind struct {
	year int
	kind models.BudgetKind
}

func readExecution(ctx context.Context, rel models.Reader, entity string, year int) (execution, error) {
	gs, err := rel.BudgetMonthlyBy(ctx, models.BudgetScope{Entity: entity, Year: year}, year-1, models.ByEconomicTitle, models.ByChapter)
	if err != nil {
		return execution{}, err
	}
	e := execution{months: map[yearKind]map[int]models.BudgetMonth{}, codes: map[yearKind]map[int]map[string]int64{}}
	for _, g := range gs {
		k := yearKind{g.Year, g.Kind}
		if e.months[k] == nil {
			e.months[k], e.codes[k] = map[int]models.BudgetMonth{}, map[int]map[string]int64{}
		}
		m := e.months[k][g.Month]
		m.Month = g.Month
		m.Final += g.Final
		m.Executed += g.Executed
		m.ExecutedCumulative += g.ExecutedCumulative
		e.months[k][g.Month] = m
		if e.codes[k][g.Month] == nil {
			e.codes[k][g.Month] = map[string]int64{}
		}
		e.codes[k][g.Month][g.Code] += int64(g.Executed)
	}
	return e, nil
}

// last is the latest month of a year's kind with a report (0: none).
func (e execution) last(year int, kind models.BudgetKind) int {
	out := 0
	for m := range e.months[yearKind{year, kind}] {
		out = max(out, m)
	}
	return out
}

// through is the execution from 1 January to the end of month m by code:
// the sum of the months' own figures up to it; false when m has no report
// of its own.
func (e execution) through(year int, kind models.BudgetKind, m int) (map[string]int64, bool) {
	k := yearKind{year, kind}
	if _, ok := e.months[k][m]; !ok {
		return nil, false
	}
	out := map[string]int64{}
	for month, codes := range e.codes[k] {
		if month > m {
			continue
		}
		for code, v := range codes {
			out[code] += v
		}
	}
	return out, true
}

func budgetValues(ctx context.Context, rel models.Reader, s Scope) ([]Value, error) {
	e, err := readExecution(ctx, rel, s.Entity, s.Year)
	if err != nil {
		return nil, err
	}
	through := max(e.last(s.Year, models.Expense), e.last(s.Year, models.Revenue))
	if s.Through > 0 && s.Through < through {
		through = s.Through
	}
	execRate := func(year int, kind models.BudgetKind) func(int) Point {
		ms := e.months[yearKind{year, kind}]
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
		series(models.KPIExecutionRate, s.Year, through, execRate(s.Year, models.Expense), execRate(s.Year-1, models.Expense)),
		series(models.KPIRevenueCollection, s.Year, through, execRate(s.Year, models.Revenue), execRate(s.Year-1, models.Revenue)),
	}

	// The shares: the execution by economic title (expenses) and by
	// chapter (revenues) through each month.
	shares := []struct {
		id   string
		kind models.BudgetKind
		part func(code string) bool
	}{
		{models.KPIPersonnelShare, models.Expense, func(c string) bool { return c == "10" }},
		{models.KPICapitalShare, models.Expense, models.CapitalTitle},
		{models.KPIFiscalAutonomy, models.Revenue, models.OwnRevenueChapter},
	}
	for _, sh := range shares {
		at := func(year int) func(int) Point {
			return func(m int) Point {
				g, ok := e.through(year, sh.kind, m)
				if !ok {
					return missing(NoReport, m)
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
		out = append(out, series(sh.id, s.Year, through, at(s.Year), at(s.Year-1)))
	}
	return out, nil
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
