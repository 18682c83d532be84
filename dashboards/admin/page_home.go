package admin

import (
	"net/url"
	"strconv"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/dashboards/public"
	"github.com/deschis/deschis/models"
)

// Card is a headline number on the first screen, with the public page that
// lists the rows behind it (when the public site is served beside).
type Card struct {
	dashboards.KPI
	Href string
}

// Group is a section of cards.
type Group struct {
	Lang  string
	Key   string // h2 text is admin.group.<Key>
	Note  string
	Cards []Card
	// KPIs against their targets, and the execution by chapter (kpi_cards.go).
	Targets      []TargetCard
	Chapters     []ChapterRow
	ChaptersNote string
}

type homeView struct {
	*Page
	Entity        models.Entity
	Year          int
	ReportedMonth int
	Report        string // the monthly management report (page_report.go)
	County        string // the county page (page_county.go), for an account of every institution
	Groups        []Group
	Objectives    []ObjectiveRow
	Attention     attentionView // what needs attention today (page_home_attention.go)
}

// home is the first screen: the institution's headline numbers for the
// account's scope, from the current release. Datasets with a department
// (requests) are narrowed to the account's department; the others are the
// institution's, and say so.
func (s *Server) home(q *request) (string, any, error) {
	lang, rel, ctx := q.lang, q.rel, q.Context()
	sc, err := scopeOf(q)
	if err != nil {
		return "", nil, err
	}
	e, y := sc.Entity, sc.Year
	q.page.SetActive("admin")
	q.page.Title = dashboards.Tf(lang, "admin.title", e.Name, y)
	q.page.ScopeText = scopeText(lang, q.sess.User, rel)
	if !q.sess.User.Scoped() {
		q.page.WithEntities(rel, e.CUI, dashboards.Hidden{Name: "an", Value: sc.Asked.Get("an")})
	}
	v := &homeView{Page: q.page, Entity: e, Year: y, Report: reportLink(lang, e.CUI, q.sess.User.Scoped(), sc.Asked.Get("an"))}
	if !q.sess.User.Scoped() && public.HasCountyTree(rel) {
		v.County = dashboards.Link(lang, PathCounty)
	}
	// Links to the public rows always name the entity and year shown.
	keep := url.Values{"entitate": {e.CUI}, "an": {strconv.Itoa(y)}}
	link := func(path string, extra ...string) string {
		if !s.cfg.PublicPages {
			return ""
		}
		p := dashboards.CloneValues(keep)
		for i := 0; i+1 < len(extra); i += 2 {
			p.Set(extra[i], extra[i+1])
		}
		return dashboards.LinkQ(lang, path, p)
	}
	key := homeKey{release: rel.Manifest().ReleaseID, entity: e.CUI, department: sc.Department, lang: lang,
		day: s.now().Format(time.DateOnly), year: y, scoped: q.sess.User.Scoped()}
	if f, ok := s.first.get(key); ok {
		v.ReportedMonth, v.Groups, v.Objectives, v.Attention = f.ReportedMonth, f.Groups, f.Objectives, f.Attention
		return "home", v, nil
	}
	wholeNote := ""
	if sc.Department != "" {
		wholeNote = dashboards.T(lang, "admin.whole")
	}

	bs := models.BudgetScope{Entity: e.CUI, Year: y}
	tot, err := rel.BudgetTotals(ctx, bs)
	if err != nil {
		return "", nil, err
	}
	years, err := rel.BudgetByYear(ctx, models.BudgetScope{Entity: e.CUI})
	if err != nil {
		return "", nil, err
	}
	v.ReportedMonth = models.ReportedMonthIn(years, y)
	budget := link("/buget")
	v.Groups = append(v.Groups, Group{Key: "budget", Note: wholeNote, Cards: []Card{
		{dashboards.KPILei(lang, models.KPIBudgetFinal, tot.Expenses.Final), budget},
		{dashboards.KPILei(lang, models.KPIBudgetExecuted, tot.Expenses.Executed), budget},
		{dashboards.KPIRatio(lang, models.KPIExecutionRate, dashboards.Ratio{Num: int64(tot.Expenses.Executed), Den: int64(tot.Expenses.Final)}), budget},
		{dashboards.KPILei(lang, models.KPIRevenueExecuted, tot.Revenues.Executed), budget},
	}})

	const active = "în execuție"
	inv, err := rel.InvestmentTotals(ctx, models.InvestmentFilter{Entity: e.CUI, Year: y, Status: active})
	if err != nil {
		return "", nil, err
	}
	all, err := rel.InvestmentTotals(ctx, models.InvestmentFilter{Entity: e.CUI, Year: y})
	if err != nil {
		return "", nil, err
	}
	v.Groups = append(v.Groups, Group{Key: "investments", Note: wholeNote, Cards: []Card{
		{dashboards.KPICount(lang, models.KPIInvestmentsCount, all.Count), link("/investitii")},
		{dashboards.KPICount(lang, models.KPIInvestmentsActive, inv.Count), link("/investitii", "stare", active)},
		{dashboards.KPILei(lang, models.KPIInvestmentsValue, all.TotalValue), link("/investitii")},
	}})

	ct, err := rel.ContractTotals(ctx, models.ContractFilter{Buyer: e.CUI, Year: y})
	if err != nil {
		return "", nil, err
	}
	procurement := link("/achizitii")
	v.Groups = append(v.Groups, Group{Key: "procurement", Note: wholeNote, Cards: []Card{
		{dashboards.KPICount(lang, models.KPIContractsCount, ct.Count), procurement},
		{dashboards.KPILei(lang, models.KPIContractsValue, ct.Value), procurement},
	}})

	reqs, err := s.requestCards(q, sc)
	if err != nil {
		return "", nil, err
	}
	v.Groups = append(v.Groups, reqs)
	absent(lang, rel, sc, v.Groups)
	if err := s.withTargets(q, sc, 0, v.Groups, link); err != nil {
		return "", nil, err
	}
	if v.Objectives, err = s.objectives(q, sc); err != nil {
		return "", nil, err
	}
	if v.Attention, err = s.attentionList(q, sc); err != nil {
		return "", nil, err
	}
	for i := range v.Groups {
		v.Groups[i].Lang = lang
	}
	s.first.put(key, homeFigures{ReportedMonth: v.ReportedMonth, Groups: v.Groups, Objectives: v.Objectives, Attention: v.Attention})
	return "home", v, nil
}

// requestCards are the requests' headline numbers: the institution's, or
// the account's department's only.
func (s *Server) requestCards(q *request, sc scope) (Group, error) {
	lang, rel, ctx := q.lang, q.rel, q.Context()
	rs := models.RequestScope{Entity: sc.Entity.CUI, Year: sc.Year}
	var received, answered, within, overdue int64
	var days models.AnswerDays
	if sc.Department == "" {
		rt, err := rel.RequestTotals(ctx, rs)
		if err != nil {
			return Group{}, err
		}
		received, answered, within, overdue = rt.Received, rt.Answered, rt.AnsweredWithinTerm, rt.OpenOverdue
		if days, err = rel.RequestAnswerDays(ctx, rs); err != nil {
			return Group{}, err
		}
	} else {
		groups, err := rel.RequestsBy(ctx, rs, models.RequestsByDepartment)
		if err != nil {
			return Group{}, err
		}
		for _, g := range groups {
			if g.Key == sc.Department {
				received, answered, within, overdue = g.Received, g.Answered, g.AnsweredWithinTerm, g.OpenOverdue
			}
		}
		dg, err := rel.RequestAnswerDaysBy(ctx, rs, models.RequestsByDepartment)
		if err != nil {
			return Group{}, err
		}
		for _, g := range dg {
			if g.Key == sc.Department {
				days = g.AnswerDays
			}
		}
	}
	rows := func(id string) string { return requestKPIRows(lang, sc, id) }
	g := Group{Key: "requests", Cards: []Card{
		{dashboards.KPICount(lang, models.KPIRequestsReceived, received), rows(models.KPIRequestsReceived)},
		// A request open past its term counts as late (the public pages' rule).
		{dashboards.KPIRatio(lang, models.KPIRequestsWithinTerm, dashboards.Ratio{Num: within, Den: answered + overdue}), rows(models.KPIRequestsWithinTerm)},
		{dashboards.KPICount(lang, models.KPIRequestsOpenOverdue, overdue), rows(models.KPIRequestsOpenOverdue)},
		{dashboards.KPIDays(lang, models.KPIRequestsMedianDays, days.Median, days.Answered > 0), rows(models.KPIRequestsMedianDays)},
		{dashboards.KPIDays(lang, models.KPIRequestsP90Days, days.P90, days.Answered > 0), rows(models.KPIRequestsP90Days)},
	}}
	due, err := s.dueSoonCard(q, sc)
	if err != nil {
		return Group{}, err
	}
	g.Cards = append(g.Cards, due)
	if sc.Department != "" {
		g.Note = dashboards.Tf(lang, "admin.department", sc.Department)
	}
	return g, nil
}

// dueSoonCard counts the open requests of the year whose term ends within
// the attention list's DueWithinDays of the register's export, linking to
// those rows.
func (s *Server) dueSoonCard(q *request, sc scope) (Card, error) {
	lang, ctx, days := q.lang, q.Context(), s.attention().DueWithinDays
	reg, err := register(q)
	if err != nil {
		return Card{}, err
	}
	p, err := reg.RequestRows(ctx, models.RequestRowFilter{Entity: sc.Entity.CUI, Department: sc.Department, Year: sc.Year,
		State: models.StateDueSoon, DueWithin: days, Limit: 1})
	if err != nil {
		return Card{}, err
	}
	tot, err := q.rel.RequestTotals(ctx, models.RequestScope{Entity: sc.Entity.CUI, Year: sc.Year})
	if err != nil {
		return Card{}, err
	}
	k := dashboards.KPICount(lang, models.KPIRequestsDueSoon, p.Total)
	k.Label = dashboards.Tf(lang, "admin.requests.due", dashboards.FormatDays(lang, int64(days)))
	if !tot.AsOf.IsZero() {
		k.Note = dashboards.Tf(lang, "admin.requests.due.note", dashboards.FormatDate(lang, tot.AsOf))
	}
	return Card{k, requestRowsLink(lang, sc.Entity.CUI, "an", strconv.Itoa(sc.Year), "departament", sc.Department,
		"stare", string(models.StateDueSoon), "zile", strconv.Itoa(days))}, nil
}

// requestKPIStates are the register's rows behind each requests KPI: the
// late ones behind the share within term, the answered ones behind the
// answer times.
var requestKPIStates = map[string]models.RequestState{
	models.KPIRequestsReceived:    models.StateAny,
	models.KPIRequestsWithinTerm:  models.StateLate,
	models.KPIRequestsOpen:        models.StateOpen,
	models.KPIRequestsOpenOverdue: models.StateOverdue,
	models.KPIRequestsMedianDays:  models.StateAnswered,
	models.KPIRequestsP90Days:     models.StateAnswered,
	models.KPIRequestsOnlineShare: models.StateAny,
}

// requestKPIRows links a requests KPI to the register's rows behind it
// (page_request_rows.go), within the account's scope.
func requestKPIRows(lang string, sc scope, id string) string {
	return requestRowsLink(lang, sc.Entity.CUI, "an", strconv.Itoa(sc.Year), "departament", sc.Department, "stare", string(requestKPIStates[id]))
}

// groupDatasets are the datasets behind each group of cards.
var groupDatasets = map[string]string{
	"budget": models.DatasetBudget, "investments": models.DatasetInvestments,
	"procurement": models.DatasetProcurement, "requests": models.DatasetRequests,
}

// absent turns the cards of a dataset the institution does not publish (or
// not for the year) into "–" with the sentence saying why, as the public
// pages do: never a 0 that reads as a figure, and no link to rows that do
// not exist.
func absent(lang string, rel models.Reader, sc scope, groups []Group) {
	for i := range groups {
		why := dashboards.Absence(lang, rel, groupDatasets[groups[i].Key], sc.Entity.CUI, sc.Year)
		if why == "" {
			continue
		}
		for j, c := range groups[i].Cards {
			groups[i].Cards[j] = Card{KPI: dashboards.KPIMissing(lang, c.Name, why)}
		}
	}
}
