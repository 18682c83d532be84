package kpis

import (
	"context"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

type want struct {
	num, den int64
	why      Reason
}

func check(t *testing.T, what string, p Point, w want) {
	t.Helper()
	if w.why != "" {
		if p.OK || p.Why != w.why {
			t.Errorf("%s = %+v, want missing (%s)", what, p, w.why)
		}
		return
	}
	if !p.OK || p.Num != w.num || p.Den != w.den {
		t.Errorf("%s = %+v, want %d/%d", what, p, w.num, w.den)
	}
}

func value(t *testing.T, vs []Value, id string) Value {
	t.Helper()
	v, ok := Find(vs, id)
	if !ok {
		t.Fatalf("no value for %s", id)
	}
	return v
}

// The budget ratios on the fixture, worked out by hand (amounts in bani).
// March 2026: payments 250 (title 10, chapter 65) + 150 (title 71, chapter
// 84) = 400 of final appropriations 1.500; receipts 900 (04.02, own) + 300
// (11.02, VAT shares, not own) = 1.200 of a forecast of 3.000. January:
// 150 of 1.500, receipts 300 + 100. February has no report. March 2025:
// 200 + 20 of 1.000, receipts 500 + 500 of 2.000.
func TestBudgetKPIsWorkedOutByHand(t *testing.T) {
	rel := fixture(t)
	vs, err := Compute(context.Background(), rel, Scope{Entity: city, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		id                 string
		now, jan, lastYear want
	}{
		{models.KPIExecutionRate, want{400_00, 1500_00, ""}, want{150_00, 1500_00, ""}, want{220_00, 1000_00, ""}},
		{models.KPIRevenueCollection, want{1200_00, 3000_00, ""}, want{400_00, 3000_00, ""}, want{1000_00, 2000_00, ""}},
		{models.KPIPersonnelShare, want{250_00, 400_00, ""}, want{100_00, 150_00, ""}, want{200_00, 220_00, ""}},
		{models.KPICapitalShare, want{150_00, 400_00, ""}, want{50_00, 150_00, ""}, want{20_00, 220_00, ""}},
		{models.KPIFiscalAutonomy, want{900_00, 1200_00, ""}, want{300_00, 400_00, ""}, want{500_00, 1000_00, ""}},
	}
	for _, c := range cases {
		v := value(t, vs, c.id)
		if v.Year != 2026 || v.Through != 3 || len(v.Series) != 3 {
			t.Fatalf("%s: period %d through %d, %d points; want 2026 through March, 3 points", c.id, v.Year, v.Through, len(v.Series))
		}
		check(t, c.id+" now", v.Now, c.now)
		check(t, c.id+" January", v.Series[0], c.jan)
		// A month with no report: no figure, with the reason, and the
		// previous period (February) says so instead of showing 0.
		check(t, c.id+" February", v.Series[1], want{why: NoReport})
		check(t, c.id+" previous period", v.Prev, want{why: NoReport})
		if v.Prev.Month != 2 || v.PrevYear != 2026 || v.PrevThrough != 2 {
			t.Errorf("%s previous period = %d/%d (month %d), want February 2026", c.id, v.PrevThrough, v.PrevYear, v.Prev.Month)
		}
		check(t, c.id+" March 2025", v.LastYear, c.lastYear)
		if v.LastThrough != 3 {
			t.Errorf("%s: last year reaches month %d, want 3 (the same months)", c.id, v.LastThrough)
		}
	}

	// In a year with no figures at all, every ratio is missing, not 0.
	vs, err = Compute(context.Background(), rel, Scope{Entity: city, Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	check(t, "2024 execution", value(t, vs, models.KPIExecutionRate).Now, want{why: NoYear})
	// 2025 has March only: its same period in 2024 has no report.
	vs, err = Compute(context.Background(), rel, Scope{Entity: city, Year: 2025})
	if err != nil {
		t.Fatal(err)
	}
	v := value(t, vs, models.KPIExecutionRate)
	check(t, "2025 execution", v.Now, want{220_00, 1000_00, ""})
	check(t, "2025 January", v.Series[0], want{why: NoReport})
	check(t, "March 2024", v.LastYear, want{why: NoReport})
	if v.LastThrough != 0 {
		t.Errorf("2024 has no March figure, yet LastThrough = %d", v.LastThrough)
	}
}

// Scope.Through (the monthly report of a past month) ends the budget's
// figures at that month: January 2026 is 150 of 1.500, against December
// 2025 (no report) and January 2025 (no report); a Through past the
// latest report changes nothing.
func TestBudgetKPIsThroughAMonth(t *testing.T) {
	rel := fixture(t)
	vs, err := Compute(context.Background(), rel, Scope{Entity: city, Year: 2026, Through: 1})
	if err != nil {
		t.Fatal(err)
	}
	v := value(t, vs, models.KPIExecutionRate)
	if v.Through != 1 || len(v.Series) != 1 {
		t.Fatalf("through %d, %d points; want January, 1 point", v.Through, len(v.Series))
	}
	check(t, "January", v.Now, want{150_00, 1500_00, ""})
	check(t, "January's previous period", v.Prev, want{why: NoReport})
	if v.PrevYear != 2025 || v.PrevThrough != 12 {
		t.Errorf("January's previous period = %d/%d, want December 2025", v.PrevThrough, v.PrevYear)
	}
	check(t, "January 2025", v.LastYear, want{why: NoReport})
	check(t, "personnel in January", value(t, vs, models.KPIPersonnelShare).Now, want{100_00, 150_00, ""})

	vs, err = Compute(context.Background(), rel, Scope{Entity: city, Year: 2026, Through: 9})
	if err != nil {
		t.Fatal(err)
	}
	if v := value(t, vs, models.KPIExecutionRate); v.Through != 3 {
		t.Errorf("Through 9 with reports to March: through %d, want 3", v.Through)
	}
}

// A chapter without appropriations has no execution rate ("–" with the
// reason), never 0 % or NaN.
func TestChapterWithoutAppropriations(t *testing.T) {
	rows, err := Chapters(context.Background(), fixture(t), Scope{Entity: city, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ChapterRow{}
	for _, r := range rows {
		got[r.Code] = r
	}
	check(t, "chapter 65", got["65.02"].Rate, want{250_00, 1000_00, ""})
	check(t, "chapter 84", got["84.02"].Rate, want{150_00, 500_00, ""})
	r, ok := got["67.02"]
	if !ok {
		t.Fatalf("chapter 67.02 missing from %+v", rows)
	}
	check(t, "chapter 67", r.Rate, want{why: NoAppropriations})
}

// Requests on the fixture, by hand. 2026: answered 1 (on its deadline day:
// on time), 2 (late), 5 (on time); 3 open past its term (late); 4 open
// within term. Within term: 2 of 3 answered + 1 overdue = 2/4.
func TestRequestKPIsWorkedOutByHand(t *testing.T) {
	rel := fixture(t)
	ctx := context.Background()
	vs, err := Compute(ctx, rel, Scope{Entity: city, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	w := value(t, vs, models.KPIRequestsWithinTerm)
	if w.Through != 3 {
		t.Fatalf("requests through month %d, want 3 (the register's export, 31.03)", w.Through)
	}
	check(t, "within term", w.Now, want{2, 4, ""})
	// Received in January: 1 on time, 2 late.
	check(t, "within term, January", w.Series[0], want{1, 2, ""})
	// Up to February: request 3, open past its term, counts as late.
	check(t, "within term, to February", w.Series[1], want{1, 3, ""})
	check(t, "within term, previous period", w.Prev, want{1, 3, ""})
	// January–March 2025: 6 on time, 7 late.
	check(t, "within term, 2025", w.LastYear, want{1, 2, ""})
	if w.LastThrough != 3 {
		t.Errorf("2025 reaches month %d, want 3", w.LastThrough)
	}
	check(t, "open", value(t, vs, models.KPIRequestsOpen).Now, want{num: 2})
	o := value(t, vs, models.KPIRequestsOpenOverdue)
	check(t, "open overdue", o.Now, want{num: 1})
	check(t, "overdue received in February", o.Series[1], want{num: 1})
	check(t, "overdue, previous period", o.Prev, want{why: StatusAsOfExport})
	// Days to answer 30, 50, 3: median 30, 90th percentile 50.
	check(t, "median", value(t, vs, models.KPIRequestsMedianDays).Now, want{num: 30})
	check(t, "p90", value(t, vs, models.KPIRequestsP90Days).Now, want{num: 50})
	check(t, "online", value(t, vs, models.KPIRequestsOnlineShare).Now, want{3, 5, ""})

	// One department: Urbanism has 1 and 2 answered, 3 overdue.
	vs, err = Compute(ctx, rel, Scope{Entity: city, Year: 2026, Department: "Direcția Urbanism"})
	if err != nil {
		t.Fatal(err)
	}
	d := value(t, vs, models.KPIRequestsWithinTerm)
	check(t, "Urbanism within term", d.Now, want{1, 3, ""})
	if d.SeriesWhy != ByYearOnly || d.LastThrough == d.Through {
		t.Errorf("a department's year in progress has no months: %+v", d)
	}
	check(t, "Urbanism open", value(t, vs, models.KPIRequestsOpen).Now, want{num: 1})
	check(t, "Urbanism median", value(t, vs, models.KPIRequestsMedianDays).Now, want{num: 30})
	// Budget ratios stay the institution's.
	check(t, "execution, Urbanism's screen", value(t, vs, models.KPIExecutionRate).Now, want{400_00, 1500_00, ""})
}

func TestObjectivesStatusToday(t *testing.T) {
	rel := fixture(t)
	tg, err := Parse("obiective.yaml", []byte(`objectives:
  - {title: Cereri în termen, owner: Direcția Urbanism, department: Direcția Urbanism, kpi: requests-within-term-share, target: 30, deadline: 2026-12-31}
  - {title: Cereri în termen peste tot, owner: Serviciul Relații cu Publicul, kpi: requests-within-term-share, target: 95, deadline: 2026-12-31}
  - {title: Personal sub 70 %, owner: Direcția Economică, kpi: personnel-share, target: 70, deadline: 2026-06-30}
  - {title: Autonomie 2027, owner: Direcția Fiscală, kpi: fiscal-autonomy, target: 50, deadline: 2027-12-31}
`))
	if err != nil {
		t.Fatal(err)
	}
	states := func(today time.Time, dept string) []ObjectiveState {
		t.Helper()
		os, err := tg.ObjectivesFor(context.Background(), rel, city, dept, today, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []ObjectiveState
		for _, o := range os {
			out = append(out, o.State)
		}
		return out
	}
	april := time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	// Urbanism: 1/3 ≥ 30 % met; everyone: 50 % < 95 % open; personnel
	// 62,5 % ≤ 70 % met (lower is better); 2027 has no figure yet.
	got := states(april, "")
	wantStates := []ObjectiveState{ObjectiveMet, ObjectiveOpen, ObjectiveMet, ObjectiveUnknown}
	if len(got) != len(wantStates) {
		t.Fatalf("states %v, want %v", got, wantStates)
	}
	for i := range got {
		if got[i] != wantStates[i] {
			t.Errorf("objective %d on 10.04.2026: %s, want %s", i, got[i].Key(), wantStates[i].Key())
		}
	}
	// After the deadline, the one not reached is missed.
	if got := states(time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), ""); got[1] != ObjectiveMissed {
		t.Errorf("after its deadline: %s, want missed", got[1].Key())
	}
	// A director of Urbanism sees Urbanism's objective only.
	if got := states(april, "Direcția Urbanism"); len(got) != 1 || got[0] != ObjectiveMet {
		t.Errorf("Urbanism's objectives: %v", got)
	}
}

// countingReader counts the budget reads of the release it wraps.
type countingReader struct {
	models.Reader
	monthlyBy, through, monthly int
}

func (c *countingReader) BudgetMonthlyBy(ctx context.Context, s models.BudgetScope, from int, e, r models.BudgetDim) ([]models.BudgetMonthGroup, error) {
	c.monthlyBy++
	return c.Reader.BudgetMonthlyBy(ctx, s, from, e, r)
}

func (c *countingReader) BudgetThrough(ctx context.Context, s models.BudgetScope, kind models.BudgetKind, dim models.BudgetDim, through int) ([]models.BudgetGroup, int, error) {
	c.through++
	return c.Reader.BudgetThrough(ctx, s, kind, dim, through)
}

func (c *countingReader) BudgetMonthly(ctx context.Context, s models.BudgetScope, kind models.BudgetKind) ([]models.BudgetMonth, error) {
	c.monthly++
	return c.Reader.BudgetMonthly(ctx, s, kind)
}

// The budget KPIs with their sparklines (every month of the year, the year
// before for the comparisons) come from one read of the monthly execution,
// not a query per month.
func TestBudgetKPIsReadTheMonthsOnce(t *testing.T) {
	rel := &countingReader{Reader: fixture(t)}
	vs, err := Compute(context.Background(), rel, Scope{Entity: city, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if rel.monthlyBy != 1 || rel.through != 0 || rel.monthly != 0 {
		t.Errorf("budget reads: %d BudgetMonthlyBy, %d BudgetThrough, %d BudgetMonthly; want 1, 0, 0", rel.monthlyBy, rel.through, rel.monthly)
	}
	if v := value(t, vs, models.KPIPersonnelShare); len(v.Series) != 3 || !v.Series[0].OK || v.Series[1].OK {
		t.Errorf("personnel share series %+v: want January, February missing, March", v.Series)
	}
}

// The investment KPIs on the fixture, worked out by hand (amounts in
// bani; see testdata/fixture/README.md). 2026: spent 1.000 + 0 + 500 + 0 +
// 300 (×100) of planned 4.000 + 2.000 + 500 + 200 + 1.000; physical
// against financial progress over the three objectives with a progress
// and not cancelled, 25 % × 1.000.000 + 30 % × 500.000 + 100 % × 300.000
// = 700.000 lei built against 400.000 + 100.000 + 300.000 = 800.000 lei
// paid (87,5 %); overdue INV-2026-002 and INV-2026-004 (the one received
// late and the cancelled one are not); stalled INV-2026-002 once the rule
// is 3 months (the March report), none at 6; EU and PNRR 1.000.000 +
// 500.000 of 2.200.000 (the cancelled objective left out).
func TestInvestmentKPIsWorkedOutByHand(t *testing.T) {
	rel := fixture(t)
	ctx := context.Background()
	vs, err := Compute(ctx, rel, Scope{Entity: city, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id  string
		now want
	}{
		{models.KPIInvestmentsSpentShare, want{180_000_00, 770_000_00, ""}},
		{models.KPIInvestmentsPhysicalFinancial, want{2500*1_000_000 + 3000*500_000 + 10000*300_000, 100 * 800_000_00, ""}},
		{models.KPIInvestmentsOverdue, want{2, 0, ""}},
		{models.KPIInvestmentsStalled, want{0, 0, ""}},
		{models.KPIInvestmentsEUShare, want{1_500_000_00, 2_200_000_00, ""}},
	} {
		v := value(t, vs, c.id)
		check(t, c.id, v.Now, c.now)
		if v.Through != 3 || v.Year != 2026 {
			t.Errorf("%s: year %d through %d, want 2026 through March (the latest report)", c.id, v.Year, v.Through)
		}
		// The list is by year, as of the release: nothing earlier to compare.
		if v.Prev.OK || v.LastYear.OK || len(v.Series) != 0 || v.SeriesWhy != ByYearOnly {
			t.Errorf("%s: prev %+v, last year %+v, series %d (%s)", c.id, v.Prev, v.LastYear, len(v.Series), v.SeriesWhy)
		}
	}
	if got := value(t, vs, models.KPIInvestmentsPhysicalFinancial).Now.Float(); got != 0.875 {
		t.Errorf("physical against financial = %v, want 0,875", got)
	}
	// No payment this year, three months in.
	vs3, err := Compute(ctx, rel, Scope{Entity: city, Year: 2026, StalledMonths: 3})
	if err != nil {
		t.Fatal(err)
	}
	check(t, "stalled at 3 months", value(t, vs3, models.KPIInvestmentsStalled).Now, want{1, 0, ""})

	// 2025: no EU-funded objective is 0 %, a figure (not a missing one).
	vs25, err := Compute(ctx, rel, Scope{Entity: city, Year: 2025})
	if err != nil {
		t.Fatal(err)
	}
	check(t, "2025 EU share", value(t, vs25, models.KPIInvestmentsEUShare).Now, want{0, 300_000_00, ""})
	check(t, "2025 spent", value(t, vs25, models.KPIInvestmentsSpentShare).Now, want{250_000_00, 250_000_00, ""})
	check(t, "2025 physical", value(t, vs25, models.KPIInvestmentsPhysicalFinancial).Now, want{8000 * 300_000, 100 * 250_000_00, ""})
	check(t, "2025 overdue", value(t, vs25, models.KPIInvestmentsOverdue).Now, want{1, 0, ""})

	// 2024 has no list: every figure is missing, none is 0.
	vs24, err := Compute(ctx, rel, Scope{Entity: city, Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range InvestmentKPIs {
		check(t, "2024 "+id, value(t, vs24, id).Now, want{why: NoInvestments})
	}
}

// The rules of an overdue and of a stalled objective, at their edges.
func TestInvestmentRules(t *testing.T) {
	today := time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC)
	end := time.Date(2026, 4, 9, 0, 0, 0, 0, time.UTC)
	base := models.Investment{Status: string(models.InvInProgress), PlannedEnd: end, PlannedYear: 100}
	received := base
	received.ActualEnd = time.Date(2026, 4, 12, 0, 0, 0, 0, time.UTC) // late, but received
	onDay := base
	onDay.PlannedEnd = today
	noEnd := base
	noEnd.PlannedEnd = time.Time{}
	cancelled := base
	cancelled.Status = string(models.InvCancelled)
	for _, c := range []struct {
		name string
		v    models.Investment
		want bool
	}{{"past its end", base, true}, {"received late", received, false}, {"ending today", onDay, false}, {"no planned end", noEnd, false}, {"cancelled", cancelled, false}} {
		if got := InvestmentOverdue(c.v, today); got != c.want {
			t.Errorf("overdue %s: %v", c.name, got)
		}
	}
	paid := base
	paid.SpentYear = 1
	unplanned := base
	unplanned.PlannedYear = 0
	planned := base
	planned.Status = string(models.InvPlanned)
	for _, c := range []struct {
		name  string
		v     models.Investment
		month int
		want  bool
	}{{"nothing paid, 6 months in", base, 6, true}, {"nothing paid, 5 months in", base, 5, false}, {"paid", paid, 12, false},
		{"nothing planned", unplanned, 12, false}, {"not started", planned, 12, false}, {"received", received, 12, false}} {
		if got := InvestmentStalled(c.v, c.month, 6); got != c.want {
			t.Errorf("stalled %s: %v", c.name, got)
		}
	}
}
