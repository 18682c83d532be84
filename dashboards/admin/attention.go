package admin

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
)

// "What needs attention today": the rules that turn the release's rows into
// one list on the first screen, most urgent first, each item with why and a
// link to the rows behind it. The rules are plain functions over what the
// release says, so each is tested on a fixture where it fires and where it
// does not (attention_test.go); page_home_attention.go reads their inputs.

// AttentionSettings are the rules' parameters. The zero value of a field
// means its default (DefaultAttention).
type AttentionSettings struct {
	// DueWithinDays: an open request whose term ends within this many days
	// of the register's export is "due soon" (default 7).
	DueWithinDays int
	// ChapterLagPoints: an expense chapter lags when its payments / final
	// appropriations are more than this many percentage points below the
	// share of the year elapsed, month of the latest report / 12 (default 20).
	ChapterLagPoints int
	// StalledMonths: an investment in progress with money planned for the
	// year and no payment in it after this many months of the year (the
	// latest report's month) is stalled (default 6). The investment list
	// gives the year's spending, not payment dates: "no payment for N
	// months" is read as "none this year, N months in".
	StalledMonths int
	// PeerFarPercent: on the county page, a unit's expenses or revenues
	// per inhabitant are far from its peers (models.ComparePeers: the
	// units of its kind and population band) when they differ from the
	// peers' median by more than this share of it, in percent (default 50).
	PeerFarPercent int
}

// DefaultAttention are the defaults of the settings.
func DefaultAttention() AttentionSettings {
	return AttentionSettings{DueWithinDays: 7, ChapterLagPoints: 20, StalledMonths: 6, PeerFarPercent: 50}
}

// withDefaults fills the fields left zero.
func (a AttentionSettings) withDefaults() AttentionSettings {
	d := DefaultAttention()
	if a.DueWithinDays <= 0 {
		a.DueWithinDays = d.DueWithinDays
	}
	if a.ChapterLagPoints <= 0 {
		a.ChapterLagPoints = d.ChapterLagPoints
	}
	if a.StalledMonths <= 0 {
		a.StalledMonths = d.StalledMonths
	}
	if a.PeerFarPercent <= 0 {
		a.PeerFarPercent = d.PeerFarPercent
	}
	return a
}

// Alert kinds, most urgent first: the order of the list.
const (
	AlertRequestsOverdue = iota
	AlertDataLate
	AlertInvestmentOverdue
	AlertChapterLag
	AlertProcurementSignals
	AlertInvestmentStalled
	AlertRequestsDueSoon
)

// alertKeys name the kinds (data-alert attribute, texts attention.<key>).
var alertKeys = []string{"requests-overdue", "data-late", "investment-overdue", "chapter-lag", "procurement-signals", "investment-stalled", "requests-due"}

// Alert is one item of the list: what, why (the rule with its figures),
// how many rows are behind it and the link to them.
type Alert struct {
	Kind  int
	Title string
	Why   string
	Count int64
	Href  string

	entity string // the institution a late report is of
}

// Key names the alert's kind.
func (a Alert) Key() string { return alertKeys[a.Kind] }

// sortAlerts puts the most urgent first: by kind, then the most rows.
func sortAlerts(as []Alert) {
	slices.SortStableFunc(as, func(a, b Alert) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(b.Count, a.Count))
	})
}

// requestAlerts: a department with open requests past their term, or due
// within DueWithinDays of the register's export. rows links to a
// department's rows in a state.
func requestAlerts(lang string, set AttentionSettings, ds []models.RequestDeadlines, rows func(dept string, st models.RequestState) string) []Alert {
	var out []Alert
	for _, d := range ds {
		name := d.Department
		if name == "" {
			name = dashboards.T(lang, "attention.no.department")
		}
		asOf := dashboards.FormatDate(lang, d.AsOf)
		if d.Overdue > 0 {
			out = append(out, Alert{Kind: AlertRequestsOverdue, Count: d.Overdue, Href: rows(d.Department, models.StateOverdue),
				Title: dashboards.Tf(lang, "attention.requests-overdue", name, requestsNoun(lang, d.Overdue)),
				Why:   dashboards.Tf(lang, "attention.requests-overdue.why", asOf)})
		}
		if d.DueSoon > 0 {
			out = append(out, Alert{Kind: AlertRequestsDueSoon, Count: d.DueSoon, Href: rows(d.Department, models.StateDueSoon),
				Title: dashboards.Tf(lang, "attention.requests-due", name, dashboards.FormatDays(lang, int64(set.DueWithinDays)), requestsNoun(lang, d.DueSoon)),
				Why:   dashboards.Tf(lang, "attention.requests-due.why", dashboards.FormatDays(lang, int64(set.DueWithinDays)), asOf)})
		}
	}
	return out
}

func requestsNoun(lang string, n int64) string {
	return dashboards.CountNoun(lang, n, dashboards.T(lang, "attention.request"), dashboards.T(lang, "attention.requests"))
}

func pointsNoun(lang string, n int) string {
	return dashboards.CountNoun(lang, int64(n), dashboards.T(lang, "attention.point"), dashboards.T(lang, "attention.points"))
}

func objectivesNoun(lang string, n int64) string {
	return dashboards.CountNoun(lang, n, dashboards.T(lang, "attention.objective"), dashboards.T(lang, "attention.objectives"))
}

// chapterAlerts: an expense chapter whose payments / final appropriations
// are more than ChapterLagPoints percentage points below month/12, the
// share of the year the latest report covers. A chapter with no final
// appropriations has no rate and never lags.
func chapterAlerts(lang string, set AttentionSettings, chapters []models.BudgetGroup, month int, href string) []Alert {
	if month < 1 || month > 12 {
		return nil
	}
	var out []Alert
	for _, c := range chapters {
		if c.Final <= 0 {
			continue
		}
		// executed/final < month/12 - points/100, in integers:
		// 1200·executed < final·(100·month - 12·points).
		if 1200*int64(c.Executed) >= int64(c.Final)*int64(100*month-12*set.ChapterLagPoints) {
			continue
		}
		rate := dashboards.Ratio{Num: int64(c.Executed), Den: int64(c.Final)}
		elapsed := dashboards.Ratio{Num: int64(month), Den: 12}
		name := c.Code
		if c.Name != "" {
			name += " " + c.Name
		}
		out = append(out, Alert{Kind: AlertChapterLag, Count: 1, Href: href,
			Title: dashboards.Tf(lang, "attention.chapter-lag", name, rate.Format(lang)),
			Why: dashboards.Tf(lang, "attention.chapter-lag.why", dashboards.FormatLei(lang, c.Executed), dashboards.FormatLei(lang, c.Final),
				elapsed.Format(lang), dashboards.MonthName(lang, month), pointsNoun(lang, set.ChapterLagPoints))})
	}
	return out
}

// investmentAlerts: objectives past their planned end on the release's date
// and not received (one alert counting them), and objectives in progress
// with money planned for the year and nothing spent in it after
// StalledMonths months of the year (the rules kpis.InvestmentOverdue and
// kpis.InvestmentStalled). rows links to the objectives of a state.
func investmentAlerts(lang string, set AttentionSettings, invs []models.Investment, today time.Time, month int, rows func(st string) string) []Alert {
	var overdue, stalled int64
	var oldest time.Time
	for _, v := range invs {
		if kpis.InvestmentOverdue(v, today) {
			overdue++
			if oldest.IsZero() || v.PlannedEnd.Before(oldest) {
				oldest = v.PlannedEnd
			}
		}
		if kpis.InvestmentStalled(v, month, set.StalledMonths) {
			stalled++
		}
	}
	var out []Alert
	if overdue > 0 {
		out = append(out, Alert{Kind: AlertInvestmentOverdue, Count: overdue, Href: rows(invOverdue),
			Title: dashboards.Tf(lang, "attention.investment-overdue", objectivesNoun(lang, overdue)),
			Why:   dashboards.Tf(lang, "attention.investment-overdue.why", dashboards.FormatDate(lang, today), dashboards.FormatDate(lang, oldest))})
	}
	if stalled > 0 {
		out = append(out, Alert{Kind: AlertInvestmentStalled, Count: stalled, Href: rows(invStalled),
			Title: dashboards.Tf(lang, "attention.investment-stalled", objectivesNoun(lang, stalled)),
			Why: dashboards.Tf(lang, "attention.investment-stalled.why", dashboards.MonthName(lang, month),
				dashboards.CountNoun(lang, int64(set.StalledMonths), dashboards.T(lang, "attention.month"), dashboards.T(lang, "attention.months")))})
	}
	return out
}

// Report is an entity's latest execution report: year and month (0 for none).
type Report struct {
	Entity      models.Entity
	Year, Month int
}

// lateDataAlerts: an entity whose latest execution report is older than the
// latest month any entity of the release has reported. budget links to an
// entity's budget page ("" when there is none).
func lateDataAlerts(lang string, reports []Report, budget func(cui string) string) []Alert {
	latest := 0
	for _, r := range reports {
		latest = max(latest, r.Year*12+r.Month)
	}
	if latest == 0 {
		return nil
	}
	want := dashboards.MonthName(lang, (latest-1)%12+1) + " " + strconv.Itoa((latest-1)/12)
	var out []Alert
	for _, r := range reports {
		if r.Year*12+r.Month >= latest {
			continue
		}
		last := dashboards.T(lang, "attention.data-late.none")
		if r.Month > 0 {
			last = dashboards.MonthName(lang, r.Month) + " " + strconv.Itoa(r.Year)
		}
		out = append(out, Alert{Kind: AlertDataLate, Count: 1, Href: budget(r.Entity.CUI), entity: r.Entity.CUI,
			Title: dashboards.Tf(lang, "attention.data-late", dashboards.EntityName(lang, r.Entity), want),
			Why:   dashboards.Tf(lang, "attention.data-late.why", last, want)})
	}
	return out
}

// signalAlerts: for each signal that raises alerts, the flags of the
// current release that the previous one (from prevCreated) did not have,
// one alert counting them. rows links to a signal's new rows.
func signalAlerts(lang string, fresh map[string]int64, prevCreated time.Time, rows func(signal string) string) []Alert {
	var out []Alert
	for _, sg := range kpis.Signals {
		n := fresh[sg.ID]
		if !sg.Alert || n == 0 {
			continue
		}
		out = append(out, Alert{Kind: AlertProcurementSignals, Count: n, Href: rows(sg.ID),
			Title: dashboards.Tf(lang, "attention.signals", dashboards.T(lang, "signal."+sg.ID),
				dashboards.CountNoun(lang, n, dashboards.T(lang, "attention.signal"), dashboards.T(lang, "attention.signals.n"))),
			Why: dashboards.Tf(lang, "attention.signals.why", dashboards.FormatDate(lang, prevCreated))})
	}
	return out
}
