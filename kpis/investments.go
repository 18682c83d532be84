package kpis

import (
	"context"
	"time"

	"github.com/deschis/deschis/models"
)

// The investment KPIs, from the year's investment list (the release's
// public investments dataset): what was spent against what was planned
// this year, the physical against the financial progress, the objectives
// past their planned end and not received, those with no payment this
// year, and the share of the list's value funded by the EU and PNRR. The
// list tells where each objective stands on the release's date, by year,
// not by month: these figures have no monthly series and no earlier
// figure to set them against. The rules of an overdue and of a stalled
// objective are written once, here; the attention list and the
// drill-down (dashboards/admin) use them too.

// DefaultStalledMonths is how many months into the year an objective in
// progress with no payment in it counts as stalled, when Scope does not say.
const DefaultStalledMonths = 6

// InvestmentClosed reports whether an objective needs no more watching:
// received (finished, or with its actual end known) or cancelled.
func InvestmentClosed(v models.Investment) bool {
	return v.Status == string(models.InvCompleted) || v.Status == string(models.InvCancelled) || !v.ActualEnd.IsZero()
}

// InvestmentOverdue reports whether an objective is past its planned end on
// today and not received.
func InvestmentOverdue(v models.Investment, today time.Time) bool {
	return !InvestmentClosed(v) && !v.PlannedEnd.IsZero() && v.PlannedEnd.Before(today)
}

// InvestmentStalled reports whether an objective is in progress, with
// money planned for the year and nothing spent in it, stalledMonths or
// more into the year (month: the latest execution report's). The list
// gives the year's spending, not payment dates: "no payment for N months"
// is read as "none this year, N months in".
func InvestmentStalled(v models.Investment, month, stalledMonths int) bool {
	return !InvestmentClosed(v) && v.Status == string(models.InvInProgress) && v.PlannedYear > 0 && v.SpentYear == 0 && month >= stalledMonths
}

// The reasons an investment figure is missing.
const (
	NoInvestments Reason = "no-investments" // the year's list has no objective
	NoPlanned     Reason = "no-planned"     // nothing is planned for the year
	NoProgress    Reason = "no-progress"    // no objective reports its physical progress, or none has been paid for
	NoMonth       Reason = "no-month"       // the year has no execution report to measure the months by
	AsOfRelease   Reason = "as-of-release"  // the list tells where objectives stand on the release's date only
)

// InvestmentKPIs are the investment KPIs, in the order the first screen shows them.
var InvestmentKPIs = []string{
	models.KPIInvestmentsSpentShare, models.KPIInvestmentsPhysicalFinancial, models.KPIInvestmentsOverdue,
	models.KPIInvestmentsStalled, models.KPIInvestmentsEUShare,
}

// InvestmentClock is what the investment rules measure against: the
// release's date (today, for the data) and the month of the year's latest
// execution report of entity (0 without one).
func InvestmentClock(ctx context.Context, rel models.Reader, entity string, year int) (time.Time, int, error) {
	today := rel.Manifest().Created.UTC().Truncate(24 * time.Hour)
	years, err := rel.BudgetByYear(ctx, models.BudgetScope{Entity: entity})
	if err != nil {
		return today, 0, err
	}
	return today, models.ReportedMonthIn(years, year), nil
}

func investmentValues(ctx context.Context, rel models.Reader, s Scope) ([]Value, error) {
	invs, err := rel.Investments(ctx, models.InvestmentFilter{Entity: s.Entity, Year: s.Year})
	if err != nil {
		return nil, err
	}
	today, month, err := InvestmentClock(ctx, rel, s.Entity, s.Year)
	if err != nil {
		return nil, err
	}
	stalledMonths := s.StalledMonths
	if stalledMonths <= 0 {
		stalledMonths = DefaultStalledMonths
	}
	var planned, spent int64   // bani
	var weighted, paid int64   // physical progress × value (basis points × lei), payments to date (bani)
	var listed, external int64 // value of the objectives not cancelled, of those funded by the EU or PNRR (bani)
	var overdue, stalled, progressN int64
	for _, v := range invs {
		planned += int64(v.PlannedYear)
		spent += int64(v.SpentYear)
		if InvestmentOverdue(v, today) {
			overdue++
		}
		if InvestmentStalled(v, month, stalledMonths) {
			stalled++
		}
		if v.Status == string(models.InvCancelled) {
			continue
		}
		listed += int64(v.TotalValue)
		if v.Funding == "ue" || v.Funding == "pnrr" {
			external += int64(v.TotalValue)
		}
		if v.ProgressKnown && v.TotalValue > 0 {
			progressN++
			weighted += v.ProgressBasisPoints * (int64(v.TotalValue) / 100)
			paid += int64(v.SpentToDate)
		}
	}
	value := func(id string, now Point, before Reason) Value {
		return Value{KPI: kpi(id), Year: s.Year, Through: month, Now: now,
			Prev: missing(before, 0), LastYear: missing(before, 0), SeriesWhy: ByYearOnly}
	}
	// Physical progress Σ p·V / Σ V against financial progress Σ paid / Σ V:
	// their ratio is Σ p·V / Σ paid, p in basis points and V in lei, so
	// the denominator is paid in bani × 100.
	physical := ratio(weighted, 100*paid, NoProgress)
	stalledP := count(stalled)
	if month == 0 {
		stalledP = missing(NoMonth, 0)
	}
	out := []Value{
		value(models.KPIInvestmentsSpentShare, ratio(spent, planned, NoPlanned), ByYearOnly),
		value(models.KPIInvestmentsPhysicalFinancial, physical, ByYearOnly),
		value(models.KPIInvestmentsOverdue, count(overdue), AsOfRelease),
		value(models.KPIInvestmentsStalled, stalledP, AsOfRelease),
		value(models.KPIInvestmentsEUShare, ratio(external, listed, NoInvestments), ByYearOnly),
	}
	if progressN == 0 {
		out[1].Now = missing(NoProgress, 0)
	}
	if len(invs) == 0 {
		for i := range out {
			out[i].Now = missing(NoInvestments, 0)
		}
	}
	return out, nil
}
