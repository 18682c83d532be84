package kpis

import (
	"context"
	"strconv"

	"github.com/deschis/deschis/models"
)

// The requests' KPIs, from the register's daily aggregates. The share
// within term counts a request open past its term as late; open and
// overdue are as of the day the register was exported.

// requestThrough is the last month of a year the register covers: the
// export's month in the year it was made, December for an earlier year, 0
// without requests.
func requestThrough(t models.RequestTotals, year int) int {
	switch {
	case t.AsOf.IsZero() || t.Received == 0:
		return 0
	case t.AsOf.Year() == year:
		return int(t.AsOf.Month())
	case t.AsOf.Year() > year:
		return 12
	}
	return 0
}

func requestValues(ctx context.Context, rel models.Reader, s Scope) ([]Value, error) {
	rs := models.RequestScope{Entity: s.Entity, Year: s.Year}
	tot, err := rel.RequestTotals(ctx, rs)
	if err != nil {
		return nil, err
	}
	through := requestThrough(tot, s.Year)
	lastTot, err := rel.RequestTotals(ctx, models.RequestScope{Entity: s.Entity, Year: s.Year - 1})
	if err != nil {
		return nil, err
	}
	days, err := rel.RequestAnswerDays(ctx, rs)
	if err != nil {
		return nil, err
	}
	lastDays, err := rel.RequestAnswerDays(ctx, models.RequestScope{Entity: s.Entity, Year: s.Year - 1})
	if err != nil {
		return nil, err
	}
	var now, last models.RequestGroup
	var months, lastMonths map[int]models.RequestGroup
	online := ratio(tot.OnlineReceived, tot.Received, NoDecided)
	if s.Department == "" {
		now = models.RequestGroup{Received: tot.Received, Answered: tot.Answered, AnsweredWithinTerm: tot.AnsweredWithinTerm,
			Open: tot.Open, OpenOverdue: tot.OpenOverdue}
		last = models.RequestGroup{Received: lastTot.Received, Answered: lastTot.Answered, AnsweredWithinTerm: lastTot.AnsweredWithinTerm,
			Open: lastTot.Open, OpenOverdue: lastTot.OpenOverdue}
		if months, err = requestMonths(ctx, rel, rs); err != nil {
			return nil, err
		}
		if lastMonths, err = requestMonths(ctx, rel, models.RequestScope{Entity: s.Entity, Year: s.Year - 1}); err != nil {
			return nil, err
		}
	} else {
		if now, err = departmentGroup(ctx, rel, rs, s.Department); err != nil {
			return nil, err
		}
		if last, err = departmentGroup(ctx, rel, models.RequestScope{Entity: s.Entity, Year: s.Year - 1}, s.Department); err != nil {
			return nil, err
		}
		if days, err = departmentDays(ctx, rel, rs, s.Department); err != nil {
			return nil, err
		}
		if lastDays, err = departmentDays(ctx, rel, models.RequestScope{Entity: s.Entity, Year: s.Year - 1}, s.Department); err != nil {
			return nil, err
		}
		online = missing(ByYearOnly, 0)
	}
	lastThrough := requestThrough(lastTot, s.Year-1)

	within := Value{KPI: kpi(models.KPIRequestsWithinTerm), Year: s.Year, Through: through}
	within.Now = withinTerm(now)
	if months != nil && through > 0 {
		// The share as it stood for the requests received up to each month.
		var sum models.RequestGroup
		for m := 1; m <= through; m++ {
			add(&sum, months[m])
			p := withinTerm(sum)
			p.Month = m
			within.Series = append(within.Series, p)
		}
		if through > 1 {
			within.PrevYear, within.PrevThrough, within.Prev = s.Year, through-1, within.Series[through-2]
		} else {
			within.PrevYear, within.PrevThrough, within.Prev = s.Year-1, 12, withinTerm(last)
		}
		var lastSum models.RequestGroup
		for m := 1; m <= through; m++ {
			add(&lastSum, lastMonths[m])
		}
		within.LastYear = withinTerm(lastSum)
		if lastThrough > 0 {
			within.LastThrough = min(lastThrough, through)
		}
	} else {
		within.SeriesWhy, within.Prev = ByYearOnly, missing(ByYearOnly, 0)
		within.LastYear = withinTerm(last)
		within.LastThrough = lastThrough // comparable only for two whole years
	}
	if through == 0 {
		within.SeriesWhy = NoYear
	}

	// Open and overdue: the status on the export day, so no earlier figure
	// to set it against; the series is their age, by month received.
	openValue := func(id string, n func(models.RequestGroup) int64) Value {
		v := Value{KPI: kpi(id), Year: s.Year, Through: through, Now: count(n(now)), ByReceipt: true,
			Prev: missing(StatusAsOfExport, 0), LastYear: missing(StatusAsOfExport, 0)}
		switch {
		case through == 0:
			v.Now, v.SeriesWhy = missing(NoYear, 0), NoYear
		case months == nil:
			v.SeriesWhy = ByYearOnly
		default:
			for m := 1; m <= through; m++ {
				p := count(n(months[m]))
				p.Month = m
				v.Series = append(v.Series, p)
			}
		}
		return v
	}
	dayValue := func(id string, d, lastD int64) Value {
		v := Value{KPI: kpi(id), Year: s.Year, Through: through, SeriesWhy: ByYearOnly,
			Prev: missing(ByYearOnly, 0), LastYear: count(lastD)}
		v.Now = count(d)
		if days.Answered == 0 {
			v.Now = missing(NoAnswered, 0)
		}
		if lastDays.Answered == 0 {
			v.LastYear = missing(NoAnswered, 0)
		}
		v.LastThrough = lastThrough
		return v
	}
	onlineV := Value{KPI: kpi(models.KPIRequestsOnlineShare), Year: s.Year, Through: through, Now: online,
		Prev: missing(ByYearOnly, 0), LastYear: ratio(lastTot.OnlineReceived, lastTot.Received, NoDecided),
		LastThrough: lastThrough, SeriesWhy: ByYearOnly}
	if s.Department != "" {
		onlineV.LastYear = missing(ByYearOnly, 0)
	}
	return []Value{
		within,
		openValue(models.KPIRequestsOpen, func(g models.RequestGroup) int64 { return g.Open }),
		openValue(models.KPIRequestsOpenOverdue, func(g models.RequestGroup) int64 { return g.OpenOverdue }),
		dayValue(models.KPIRequestsMedianDays, days.Median, lastDays.Median),
		dayValue(models.KPIRequestsP90Days, days.P90, lastDays.P90),
		onlineV,
	}, nil
}

// withinTerm is the share answered within term of the requests whose term
// has come: answered, or open past it (late).
func withinTerm(g models.RequestGroup) Point {
	return ratio(g.AnsweredWithinTerm, g.Answered+g.OpenOverdue, NoDecided)
}

func add(sum *models.RequestGroup, g models.RequestGroup) {
	sum.Received += g.Received
	sum.Answered += g.Answered
	sum.AnsweredWithinTerm += g.AnsweredWithinTerm
	sum.Open += g.Open
	sum.OpenOverdue += g.OpenOverdue
}

func requestMonths(ctx context.Context, rel models.Reader, rs models.RequestScope) (map[int]models.RequestGroup, error) {
	gs, err := rel.RequestsBy(ctx, rs, models.RequestsByMonth)
	if err != nil {
		return nil, err
	}
	out := map[int]models.RequestGroup{}
	for _, g := range gs {
		if m, err := strconv.Atoi(g.Key); err == nil {
			out[m] = g
		}
	}
	return out, nil
}

func departmentGroup(ctx context.Context, rel models.Reader, rs models.RequestScope, dept string) (models.RequestGroup, error) {
	gs, err := rel.RequestsBy(ctx, rs, models.RequestsByDepartment)
	for _, g := range gs {
		if g.Key == dept {
			return g, err
		}
	}
	return models.RequestGroup{}, err
}

func departmentDays(ctx context.Context, rel models.Reader, rs models.RequestScope, dept string) (models.AnswerDays, error) {
	gs, err := rel.RequestAnswerDaysBy(ctx, rs, models.RequestsByDepartment)
	for _, g := range gs {
		if g.Key == dept {
			return g.AnswerDays, err
		}
	}
	return models.AnswerDays{}, err
}
