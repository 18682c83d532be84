package admin

import (
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
)

// Each rule of "what needs attention today" on a fixture where it fires
// and one where it does not, with the figures worked out by hand.

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestAttentionDefaults(t *testing.T) {
	if got := (AttentionSettings{}).withDefaults(); got != DefaultAttention() || got.DueWithinDays != 7 || got.ChapterLagPoints != 20 || got.StalledMonths != 6 {
		t.Errorf("defaults %+v", got)
	}
	if got := (AttentionSettings{DueWithinDays: 3}).withDefaults(); got.DueWithinDays != 3 || got.ChapterLagPoints != 20 {
		t.Errorf("a setting given is kept: %+v", got)
	}
}

func TestRequestAlerts(t *testing.T) {
	set := DefaultAttention()
	asOf := day(2026, 10, 31)
	ds := []models.RequestDeadlines{
		{Department: "Urbanism", Overdue: 3, DueSoon: 0, AsOf: asOf},
		{Department: "Fiscal", Overdue: 0, DueSoon: 1, AsOf: asOf},
		{Department: "", Overdue: 21, DueSoon: 2, AsOf: asOf},
		{Department: "Liniștit", AsOf: asOf}, // nothing late or due: no alert
	}
	link := func(dept string, st models.RequestState) string { return dept + "|" + string(st) }
	as := requestAlerts(dashboards.RO, set, ds, link)
	sortAlerts(as)
	want := []struct {
		kind  int
		count int64
		title string
		href  string
	}{
		{AlertRequestsOverdue, 21, "fără compartiment: termen depășit la 21 de cereri", "|intarziate"},
		{AlertRequestsOverdue, 3, "Urbanism: termen depășit la 3 cereri", "Urbanism|intarziate"},
		{AlertRequestsDueSoon, 2, "fără compartiment: termenul expiră în cel mult 7 zile pentru 2 cereri", "|scadente"},
		{AlertRequestsDueSoon, 1, "Fiscal: termenul expiră în cel mult 7 zile pentru 1 cerere", "Fiscal|scadente"},
	}
	if len(as) != len(want) {
		t.Fatalf("%d alerts: %+v", len(as), as)
	}
	for i, w := range want {
		if a := as[i]; a.Kind != w.kind || a.Count != w.count || a.Title != w.title || a.Href != w.href || !strings.Contains(a.Why, "31.10.2026") {
			t.Errorf("alert %d: %+v, want %+v", i, a, w)
		}
	}
	if got := requestAlerts(dashboards.EN, set, ds[1:2], link)[0].Title; got != "Fiscal: the term ends within 7 days for 1 request" {
		t.Errorf("English: %q", got)
	}
	if as := requestAlerts(dashboards.RO, set, ds[3:], link); len(as) != 0 {
		t.Errorf("a department with nothing late: %+v", as)
	}
}

func TestChapterAlerts(t *testing.T) {
	set := DefaultAttention() // 20 points
	chapters := []models.BudgetGroup{
		// October: 10/12 = 83.33 % elapsed; the line is 63.33 %.
		{Code: "84.02", Name: "Transporturi", Final: 1_000_000_00, Executed: 633_000_00}, // 63.30 %: lags
		{Code: "65.02", Name: "Învățământ", Final: 1_000_000_00, Executed: 634_000_00},   // 63.40 %: does not
		{Code: "66.02", Name: "Sănătate", Final: 0, Executed: 5_00},                      // no appropriations: never lags
		{Code: "51.02", Name: "Autorități", Final: 300_00, Executed: 0},                  // 0 %: lags
	}
	as := chapterAlerts(dashboards.RO, set, chapters, 10, "/buget")
	if len(as) != 2 || !strings.HasPrefix(as[0].Title, "Capitolul 84.02 Transporturi: plăți de 63,3 %") || !strings.HasPrefix(as[1].Title, "Capitolul 51.02") {
		t.Fatalf("alerts %+v", as)
	}
	if w := as[0].Why; !strings.Contains(w, "633.000,00 lei") || !strings.Contains(w, "1.000.000,00 lei") || !strings.Contains(w, "83,3 %") ||
		!strings.Contains(w, "octombrie") || !strings.Contains(w, "20 de puncte procentuale") {
		t.Errorf("why: %s", w)
	}
	// In January (8.33 % elapsed) nothing can be 20 points below.
	if as := chapterAlerts(dashboards.RO, set, chapters, 1, ""); len(as) != 0 {
		t.Errorf("January: %+v", as)
	}
	// No report yet: no rule.
	if as := chapterAlerts(dashboards.RO, set, chapters, 0, ""); len(as) != 0 {
		t.Errorf("no report: %+v", as)
	}
	// A tighter setting catches more: 10 points, line at 73.33 %.
	if as := chapterAlerts(dashboards.RO, AttentionSettings{ChapterLagPoints: 10}.withDefaults(), chapters, 10, ""); len(as) != 3 {
		t.Errorf("10 points: %d alerts", len(as))
	}
}

func TestInvestmentAlerts(t *testing.T) {
	set := DefaultAttention()
	today := day(2026, 11, 23)
	invs := []models.Investment{
		{Code: "A", Status: string(models.InvInProgress), PlannedEnd: day(2026, 5, 5), PlannedYear: 100, SpentYear: 50}, // overdue
		{Code: "B", Status: string(models.InvPlanned), PlannedEnd: day(2025, 12, 31)},                                   // overdue, oldest
		{Code: "C", Status: string(models.InvCompleted), PlannedEnd: day(2025, 1, 1)},                                   // received
		{Code: "D", Status: string(models.InvInProgress), PlannedEnd: day(2026, 11, 23), ActualEnd: time.Time{}},        // due today: not past
		{Code: "E", Status: string(models.InvInProgress), PlannedEnd: day(2027, 6, 1), PlannedYear: 1000, SpentYear: 0}, // stalled
		{Code: "F", Status: string(models.InvCancelled), PlannedEnd: day(2024, 1, 1)},                                   // cancelled
		{Code: "G", Status: string(models.InvInProgress), PlannedEnd: day(2026, 1, 1), ActualEnd: day(2026, 2, 1)},      // finished on the ground
		{Code: "H", Status: string(models.InvSuspended), PlannedYear: 10},                                               // no planned end, not in progress
	}
	rows := func(st string) string { return "/rows?" + st }
	as := investmentAlerts(dashboards.RO, set, invs, today, 10, rows)
	if len(as) != 2 {
		t.Fatalf("alerts %+v", as)
	}
	if a := as[0]; a.Kind != AlertInvestmentOverdue || a.Count != 2 || a.Href != "/rows?depasite" ||
		a.Title != "Investiții: termen de finalizare depășit la 2 obiective" || !strings.Contains(a.Why, "31.12.2025") || !strings.Contains(a.Why, "23.11.2026") {
		t.Errorf("overdue: %+v", a)
	}
	if a := as[1]; a.Kind != AlertInvestmentStalled || a.Count != 1 || a.Href != "/rows?blocate" || !strings.Contains(a.Why, "6 luni") {
		t.Errorf("stalled: %+v", a)
	}
	// Five months into the year, E is not stalled yet; nothing past its end before 2025.
	if as := investmentAlerts(dashboards.RO, set, invs, day(2025, 6, 1), 5, rows); len(as) != 0 {
		t.Errorf("June 2025: %+v", as)
	}
	// The drill-down's predicates are the rule's.
	var overdue, stalled int
	for _, v := range invs {
		if kpis.InvestmentOverdue(v, today) {
			overdue++
		}
		if kpis.InvestmentStalled(v, 10, set.StalledMonths) {
			stalled++
		}
	}
	if overdue != 2 || stalled != 1 {
		t.Errorf("predicates: %d overdue, %d stalled", overdue, stalled)
	}
}

func TestLateDataAlerts(t *testing.T) {
	city := models.Entity{CUI: "1", Name: "Municipiul Demo", Kind: models.KindMunicipiu}
	school := models.Entity{CUI: "2", Name: "Școala Gimnazială nr. 1", Kind: models.KindSubordinat}
	new := models.Entity{CUI: "3", Name: "Clubul Sportiv", Kind: models.KindSubordinat}
	budget := func(cui string) string { return "/buget?entitate=" + cui }
	as := lateDataAlerts(dashboards.RO, []Report{{city, 2026, 10}, {school, 2026, 9}, {new, 0, 0}}, budget)
	if len(as) != 2 {
		t.Fatalf("alerts %+v", as)
	}
	if a := as[0]; a.entity != "2" || a.Href != "/buget?entitate=2" || !strings.Contains(a.Title, "pe octombrie 2026") || !strings.Contains(a.Why, "septembrie 2026") {
		t.Errorf("school: %+v", a)
	}
	if a := as[1]; a.entity != "3" || !strings.Contains(a.Why, "niciunul") {
		t.Errorf("no report at all: %+v", a)
	}
	// A year's last report (December) against January of the next.
	if as := lateDataAlerts(dashboards.RO, []Report{{city, 2027, 1}, {school, 2026, 12}}, budget); len(as) != 1 || !strings.Contains(as[0].Title, "ianuarie 2027") {
		t.Errorf("across the year: %+v", as)
	}
	// Everyone up to date, or no report anywhere: nothing late.
	if as := lateDataAlerts(dashboards.RO, []Report{{city, 2026, 10}, {school, 2026, 10}}, budget); len(as) != 0 {
		t.Errorf("up to date: %+v", as)
	}
	if as := lateDataAlerts(dashboards.RO, []Report{{city, 0, 0}}, budget); len(as) != 0 {
		t.Errorf("no reports: %+v", as)
	}
}

func TestAlertsMostUrgentFirst(t *testing.T) {
	as := []Alert{{Kind: AlertRequestsDueSoon, Count: 50}, {Kind: AlertChapterLag, Count: 1}, {Kind: AlertRequestsOverdue, Count: 2},
		{Kind: AlertDataLate, Count: 1}, {Kind: AlertRequestsOverdue, Count: 9}}
	sortAlerts(as)
	var got []string
	for _, a := range as {
		got = append(got, a.Key())
	}
	if strings.Join(got, ",") != "requests-overdue,requests-overdue,data-late,chapter-lag,requests-due" || as[0].Count != 9 {
		t.Errorf("order %v", got)
	}
}
