// Package kpis computes the decision-maker dashboards' KPIs from a release
// (models.Reader) and places them against their targets and the
// institution's objectives, from a YAML file named in the site's
// configuration over built-in defaults. It has no HTTP: dashboards/admin
// shows what it computes.
package kpis

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// Scope is what a value is computed for: one entity, optionally one
// department (only the requests have departments), one year; Through, when
// not 0, ends the budget's figures at that month (a month's report: the
// figures as they stood then; the requests' register tells its status on
// its export day only, so theirs stay the year's, and so do the
// investments': the list as of the release). StalledMonths is the
// investment rule's months (0: DefaultStalledMonths).
type Scope struct {
	Entity, Department string
	Year               int
	Through            int
	StalledMonths      int
}

// Reason says why a figure is missing ("–", never 0).
type Reason string

const (
	NoAppropriations Reason = "no-appropriations" // the denominator (appropriations, forecast, payments) is zero
	NoReport         Reason = "no-report"         // the month has no execution report
	NoYear           Reason = "no-year"           // the year has no data at all
	NoDecided        Reason = "no-decided"        // no request has reached its term
	NoAnswered       Reason = "no-answered"       // no request answered
	StatusAsOfExport Reason = "as-of-export"      // the register only tells the status on its export day
	ByYearOnly       Reason = "by-year-only"      // the data gives the figure by year only (not by month)
)

// Point is one figure: a ratio Num/Den (Ratio), or a count or number of
// days (Num); when OK is false it is missing for Why (Month: the month the
// reason is about).
type Point struct {
	Num, Den int64
	Ratio    bool
	OK       bool
	Why      Reason
	Month    int
}

// Float is the figure as a number in the KPI's unit (a share as a fraction).
func (p Point) Float() float64 {
	if p.Ratio {
		if p.Den == 0 {
			return 0
		}
		return float64(p.Num) / float64(p.Den)
	}
	return float64(p.Num)
}

func ratio(num, den int64, zero Reason) Point {
	if den == 0 {
		return Point{Ratio: true, Why: zero}
	}
	return Point{Num: num, Den: den, Ratio: true, OK: true}
}

func count(n int64) Point { return Point{Num: n, OK: true} }

func missing(why Reason, month int) Point { return Point{Why: why, Month: month} }

// Value is one KPI of a scope: the figure of the period (January to
// Through of the year), the same figure a month earlier (Prev: through
// Through-1; January's is the previous year's whole year) and for the
// same months of the previous year (LastYear; Comparable only when that
// year's figure reaches the same month), and the figure at the end of each
// month of the period (Series; for the open requests, by month received).
type Value struct {
	KPI           models.KPI
	Year, Through int
	Now           Point
	Prev          Point
	PrevYear      int // the year of Prev's period
	PrevThrough   int // its last month
	LastYear      Point
	// LastThrough is the month of the previous year's latest figure
	// within the period's months (dashboards.SamePeriod's beforeThrough).
	LastThrough int
	Series      []Point
	SeriesWhy   Reason // why Series is empty
	// ByReceipt: Series is by month received, not the figure at each
	// month's end (the register gives the status on its export day only).
	ByReceipt bool
}

// Compute is every KPI of the dashboards' first screen for a scope: the
// budget ratios (the entity's own budget, whatever the department), the
// investment list's figures (the entity's too) and the requests' figures
// (the department's when the scope has one).
func Compute(ctx context.Context, rel models.Reader, s Scope) ([]Value, error) {
	b, err := budgetValues(ctx, rel, s)
	if err != nil {
		return nil, err
	}
	inv, err := investmentValues(ctx, rel, s)
	if err != nil {
		return nil, err
	}
	r, err := requestValues(ctx, rel, s)
	if err != nil {
		return nil, err
	}
	return append(append(b, inv...), r...), nil
}

// Find is the value of KPI id among vs.
func Find(vs []Value, id string) (Value, bool) {
	for _, v := range vs {
		if v.KPI.ID == id {
			return v, true
		}
	}
	return Value{}, false
}

// Computed are the KPIs Compute computes: the ones a target or an
// objective may name.
var Computed = []string{
	models.KPIExecutionRate, models.KPIRevenueCollection, models.KPIPersonnelShare, models.KPICapitalShare,
	models.KPIFiscalAutonomy, models.KPIRequestsWithinTerm, models.KPIRequestsOpen, models.KPIRequestsOpenOverdue,
	models.KPIRequestsMedianDays, models.KPIRequestsP90Days, models.KPIRequestsOnlineShare,
	models.KPIInvestmentsSpentShare, models.KPIInvestmentsPhysicalFinancial, models.KPIInvestmentsOverdue,
	models.KPIInvestmentsStalled, models.KPIInvestmentsEUShare,
}

func kpi(id string) models.KPI {
	k, ok := models.LookupKPI(id)
	if !ok {
		panic("kpis: unknown KPI " + id)
	}
	return k
}

// ObjectiveState is where an objective stands today.
type ObjectiveState int

const (
	ObjectiveUnknown ObjectiveState = iota // no figure for its year yet
	ObjectiveMet                           // the figure reaches the target
	ObjectiveOpen                          // not yet, and the deadline is ahead
	ObjectiveMissed                        // not reached, and the deadline has passed
)

// Key is the state's text key (objective.state.<key>).
func (s ObjectiveState) Key() string {
	return [...]string{"unknown", "met", "open", "missed"}[s]
}

// Class is the state's CSS class.
func (s ObjectiveState) Class() string {
	return [...]string{"status-none", "status-ok", "status-amber", "status-red"}[s]
}

// ObjectiveStatus is an objective with its figure today.
type ObjectiveStatus struct {
	Objective
	Value Value
	State ObjectiveState
	// DaysLeft until the deadline (negative: past it).
	DaysLeft int
}

// ObjectivesFor are the objectives of entity (those naming it, and those
// naming no entity when entity is the main one), each with its status
// today: the figure of the deadline's year (the objective's department's
// when it names one). An account scoped to a department (department) sees
// the objectives its department owns or is measured on. compute (nil:
// Compute) computes a scope's values, so a caller may keep them.
func (t *Targets) ObjectivesFor(ctx context.Context, rel models.Reader, entity, department string, today time.Time,
	compute func(context.Context, models.Reader, Scope) ([]Value, error)) ([]ObjectiveStatus, error) {
	if compute == nil {
		compute = Compute
	}
	var out []ObjectiveStatus
	cache := map[Scope][]Value{}
	for _, o := range t.Objectives {
		e := o.Entity
		if e == "" {
			e = rel.MainEntity()
		}
		if e != entity || (department != "" && o.Owner != department && o.Department != department) {
			continue
		}
		sc := Scope{Entity: e, Year: o.Deadline.Year(), Department: o.Department}
		vs, ok := cache[sc]
		if !ok {
			var err error
			if vs, err = compute(ctx, rel, sc); err != nil {
				return nil, err
			}
			cache[sc] = vs
		}
		v, _ := Find(vs, o.KPI)
		st := ObjectiveStatus{Objective: o, Value: v}
		day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
		st.DaysLeft = int(o.Deadline.Sub(day).Hours() / 24)
		goal := Goal{Rule: Rule{KPI: o.KPI, Target: o.Target, Amber: o.Target, Red: o.Target}, Elapsed: 1}
		switch {
		case !v.Now.OK:
			st.State = ObjectiveUnknown
		case goal.Status(v.Now.Float()) == OnTarget:
			st.State = ObjectiveMet
		case st.DaysLeft < 0:
			st.State = ObjectiveMissed
		default:
			st.State = ObjectiveOpen
		}
		out = append(out, st)
	}
	return out, nil
}

// isRequestKPI: the requests' KPIs are the ones a department narrows.
func isRequestKPI(id string) bool {
	return strings.HasPrefix(id, "requests-") && slices.Contains(Computed, id)
}
