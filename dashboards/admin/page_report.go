package admin

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// PathReport is the monthly management report: the first screen's KPIs
// against their targets, what needs attention and the objectives, for one
// month, laid out for A4 print (site.css, @media print).
const PathReport = "/admin/raport"

type reportView struct {
	*Page
	Entity     models.Entity
	Heading    string // "Raportul lunar de management al Municipiului Demo"
	Period     string // "ianuarie–martie 2026"
	Month      string // the month asked, AAAA-LL
	Months     []reportMonth
	Groups     []Group // the KPIs against their targets (kpi_cards.go)
	Note       string  // how the figures of a past month are read
	Objectives []ObjectiveRow
	Attention  attentionView
	Edition    string // the release the report was built from, and its date
	Action     string // the month form's action
	Keep       []dashboards.Hidden
}

type reportMonth struct {
	Value, Text string
	Selected    bool
}

// report is the monthly management report of the account's scope (the
// same scope rules as the first screen: another entity is a 404) for the
// month luna=AAAA-LL, by default the latest month with an execution report.
// A month that is not of that form, or has no report, is a 400 that names
// the months there are (the latest twelve).
func (s *Server) report(q *request) (string, any, error) {
	lang, rel, ctx := q.lang, q.rel, q.Context()
	sc, err := scopeOf(q)
	if err != nil {
		return "", nil, err
	}
	years, err := rel.BudgetByYear(ctx, models.BudgetScope{Entity: sc.Entity.CUI})
	if err != nil {
		return "", nil, err
	}
	// The months with an execution report (of expenses or revenues), the
	// ones a report can be of.
	reported := map[int]int{} // year → its latest reported month
	var months []string       // AAAA-LL, latest first
	latestY, latestM := 0, 0
	for _, by := range years {
		if by.ReportedMonth == 0 {
			continue
		}
		reported[by.Year] = by.ReportedMonth
		if by.Year*12+by.ReportedMonth > latestY*12+latestM {
			latestY, latestM = by.Year, by.ReportedMonth
		}
		for _, kind := range []models.BudgetKind{models.Expense, models.Revenue} {
			ms, err := rel.BudgetMonthly(ctx, models.BudgetScope{Entity: sc.Entity.CUI, Year: by.Year}, kind)
			if err != nil {
				return "", nil, err
			}
			for _, bm := range ms {
				if val := fmt.Sprintf("%04d-%02d", by.Year, bm.Month); !slices.Contains(months, val) {
					months = append(months, val)
				}
			}
		}
	}
	slices.SortFunc(months, func(a, b string) int { return strings.Compare(b, a) })
	y, m := sc.Year, reported[sc.Year]
	if sc.Asked.Get("an") == "" && latestY > 0 {
		y, m = latestY, latestM
	}
	if raw := q.URL.Query().Get("luna"); raw != "" {
		var ay, am int
		if _, err := fmt.Sscanf(raw, "%4d-%2d", &ay, &am); err != nil || len(raw) != 7 || am < 1 || am > 12 {
			return "", nil, &dashboards.ParamError{Name: "luna", Value: raw,
				Reason: "luna se scrie AAAA-LL, de exemplu 2026-03", ReasonEN: "the month is written YYYY-MM, e.g. 2026-03"}
		}
		if !slices.Contains(months, raw) {
			reason, reasonEN := "nu există raport de execuție pentru acea lună", "there is no execution report for that month"
			if len(months) > 0 {
				list := strings.Join(months[:min(len(months), 12)], ", ")
				reason += "; lunile cu raport sunt " + list
				reasonEN += "; the months with a report are " + list
			}
			return "", nil, &dashboards.ParamError{Name: "luna", Value: raw, Reason: reason, ReasonEN: reasonEN}
		}
		y, m = ay, am
	}
	if y == 0 {
		y = sc.Year
	}
	sc.Year = y
	// The latest month of the year reads the same figures as the first
	// screen (and its cache); an earlier one ends the budget's there.
	through := 0
	if m > 0 && m < reported[y] {
		through = m
	}

	e := sc.Entity
	q.page.SetActive("admin")
	q.page.ScopeText = scopeText(lang, q.sess.User, rel)
	per := dashboards.Period{Year: y, Through: m}
	v := &reportView{Page: q.page, Entity: e, Period: per.Long(lang), Action: dashboards.Link(lang, PathReport)}
	if m == 0 {
		v.Period = dashboards.Tf(lang, "report.period.none", y)
	}
	if lang == dashboards.EN {
		v.Heading = dashboards.Tf(lang, "report.heading", e.Name)
	} else {
		v.Heading = dashboards.Tf(lang, "report.heading", e.Genitive())
	}
	v.Title = v.Heading + ", " + v.Period
	if m > 0 {
		v.Month = fmt.Sprintf("%04d-%02d", y, m)
	}
	if !q.sess.User.Scoped() {
		v.Keep = []dashboards.Hidden{{Name: "entitate", Value: e.CUI}}
		q.page.WithEntities(rel, e.CUI)
	}
	for _, val := range months {
		my, _ := strconv.Atoi(val[:4])
		mm, _ := strconv.Atoi(val[5:])
		v.Months = append(v.Months, reportMonth{Value: val, Text: dashboards.MonthName(lang, mm) + " " + strconv.Itoa(my), Selected: val == v.Month})
	}

	v.Groups = []Group{{Key: "budget"}, {Key: "investments"}, {Key: "requests"}, {Key: "procurement"}}
	if sc.Department != "" {
		v.Groups[0].Note = dashboards.T(lang, "admin.whole")
		v.Groups[1].Note = dashboards.T(lang, "admin.whole")
		v.Groups[2].Note = dashboards.Tf(lang, "admin.department", sc.Department)
		v.Groups[3].Note = dashboards.T(lang, "admin.whole")
	}
	if err := s.withTargets(q, sc, through, v.Groups, func(string, ...string) string { return "" }); err != nil {
		return "", nil, err
	}
	for i := range v.Groups {
		v.Groups[i].Lang = lang
	}
	if through != 0 {
		v.Note = dashboards.Tf(lang, "report.past", dashboards.MonthName(lang, m)+" "+strconv.Itoa(y))
	}
	if v.Objectives, err = s.objectives(q, sc); err != nil {
		return "", nil, err
	}
	if v.Attention, err = s.attentionList(q, sc); err != nil {
		return "", nil, err
	}
	man := rel.Manifest()
	v.Edition = dashboards.Tf(lang, "report.edition", man.ReleaseID, dashboards.FormatDate(lang, man.Created))
	return "report", v, nil
}

// reportLink is the report of an entity (the first screen links to it).
// The year the first screen was asked for is kept (its latest month).
func reportLink(lang, entity string, scoped bool, year string) string {
	p := url.Values{}
	if !scoped {
		p.Set("entitate", entity)
	}
	if year != "" {
		p.Set("an", year)
	}
	return dashboards.LinkQ(lang, PathReport, p)
}
