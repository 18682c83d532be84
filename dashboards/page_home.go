package dashboards

import (
	"net/url"
	"strconv"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

type homeView struct {
	*Page
	Entity        warehouse.EntityRow
	Year          int
	ReportedMonth int
	Budget        []KPI
	Chapters      Chart
	Investments   []InvestmentItem
	InvestKPIs    []KPI
	Procurement   []KPI
	Requests      []KPI
	More          map[string]string
}

// InvestmentItem is an objective in a short list.
type InvestmentItem struct {
	Href, Code, Name, Status string
	TotalValue, SpentToDate  string
	Progress                 string
	ProgressValue            string
}

// home: this year's budget, execution so far, the biggest spending areas,
// investments under way, contracts this year and how fast requests are
// answered.
func (s *Server) home(q *request) (string, any, error) {
	lang, rel, ctx := q.lang, q.rel, q.ctx()
	e, y, err := entityAndYear(q)
	if err != nil {
		return "", nil, err
	}
	q.page.setActive("home")
	q.page.Title = Tf(lang, "home.title", e.Name, y)
	q.page.withEntities(rel, e.CUI, Hidden{"an", yearParam(q.query.Year)})
	v := &homeView{Page: q.page, Entity: e, Year: y, More: map[string]string{}}
	keep := entityYearValues(q, e.CUI, y)
	for _, p := range []struct{ key, path string }{{"budget", "/buget"}, {"investments", "/investitii"}, {"procurement", "/achizitii"}, {"requests", "/cereri"}} {
		v.More[p.key] = linkQ(lang, p.path, keep)
	}

	scope := warehouse.BudgetScope{Entity: e.CUI, Year: y}
	tot, err := rel.BudgetTotals(ctx, scope)
	if err != nil {
		return "", nil, err
	}
	years, err := rel.BudgetByYear(ctx, warehouse.BudgetScope{Entity: e.CUI})
	if err != nil {
		return "", nil, err
	}
	for _, by := range years {
		if by.Year == y {
			v.ReportedMonth = by.ReportedMonth
		}
	}
	v.Budget = []KPI{
		kpiLei(lang, "budget-final", tot.Expenses.Final),
		kpiLei(lang, "budget-executed", tot.Expenses.Executed),
		kpiLei(lang, "revenue-executed", tot.Revenues.Executed),
	}
	rate := Ratio{int64(tot.Expenses.Executed), int64(tot.Expenses.Final)}
	if rate.Valid() {
		v.Budget[1].Note = "(" + rate.Format(lang) + ")"
	}
	chapters, err := rel.BudgetBy(ctx, scope, warehouse.KindExpenses, warehouse.ByChapter)
	if err != nil {
		return "", nil, err
	}
	if len(chapters) > 8 {
		chapters = chapters[:8]
	}
	v.Chapters = chapterChart(lang, "home-chapters", T(lang, "home.chapters"), chapters, tot.Expenses.Executed, keep)

	active := warehouse.InvestmentFilter{Entity: e.CUI, Year: y, Status: "în execuție"}
	invTot, err := rel.InvestmentTotals(ctx, active)
	if err != nil {
		return "", nil, err
	}
	v.InvestKPIs = []KPI{kpiCount(lang, "investments-active", invTot.Count)}
	invs, err := rel.Investments(ctx, active)
	if err != nil {
		return "", nil, err
	}
	if len(invs) > 5 {
		invs = invs[:5]
	}
	for _, iv := range invs {
		v.Investments = append(v.Investments, investmentItem(lang, iv))
	}

	ct, err := rel.ContractTotals(ctx, warehouse.ContractFilter{Buyer: e.CUI, Year: y})
	if err != nil {
		return "", nil, err
	}
	v.Procurement = []KPI{kpiCount(lang, "contracts-count", ct.Count), kpiLei(lang, "contracts-value", ct.Value)}

	rs := warehouse.RequestScope{Entity: e.CUI, Year: y}
	rt, err := rel.RequestTotals(ctx, rs)
	if err != nil {
		return "", nil, err
	}
	ad, err := rel.RequestAnswerDays(ctx, rs)
	if err != nil {
		return "", nil, err
	}
	v.Requests = []KPI{
		kpiCount(lang, "requests-received", rt.Received),
		kpiRatio(lang, "requests-within-term-share", Ratio{rt.AnsweredWithinTerm, rt.Answered}),
		kpiDays(lang, "requests-median-days", ad.Median, ad.Answered > 0),
	}
	return "home", v, nil
}

// yearParam is the year as a parameter value, "" when not asked for.
func yearParam(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// entityYearValues are the entity and year parameters of links to other
// pages: only what the request itself asked for, so default links stay clean.
func entityYearValues(q *request, entity string, year int) url.Values {
	v := url.Values{}
	if q.query.Entity != "" {
		v.Set("entitate", entity)
	}
	if q.query.Year != 0 {
		v.Set("an", strconv.Itoa(year))
	}
	return v
}

func investmentItem(lang string, iv warehouse.InvestmentRow) InvestmentItem {
	return InvestmentItem{
		Href: link(lang, "/investitii/"+url.PathEscape(iv.Code)) + "?an=" + strconv.Itoa(iv.Year),
		Code: iv.Code, Name: iv.Name, Status: T(lang, "status."+iv.Status),
		TotalValue: FormatLei(lang, iv.TotalValue), SpentToDate: FormatLei(lang, iv.SpentToDate),
		Progress: FormatPercentBasis(lang, iv.ProgressBasisPoints), ProgressValue: RawPercentBasis(iv.ProgressBasisPoints),
	}
}

// chapterChart is expenses by chapter with each chapter's share and a link
// to drill down into it.
func chapterChart(lang, name, caption string, groups []warehouse.BudgetGroup, total models.Amount, keep url.Values) Chart {
	c := Chart{Name: name, Caption: caption, Dataset: "budget", Lang: lang,
		Head: []string{T(lang, "budget.chapter"), T(lang, "budget.final"), T(lang, "budget.executed"), T(lang, "share")}}
	var cats []string
	var final, exec []float64
	for _, g := range groups {
		v := cloneValues(keep)
		v.Set("capitol", chapterNumber(g.Code))
		c.Rows = append(c.Rows, Row{Head: Cell{Text: g.Name, Href: linkQ(lang, "/buget", v)},
			Cells: []Cell{leiCell(lang, g.Final), leiCell(lang, g.Executed), ratioCell(lang, Ratio{int64(g.Executed), int64(total)})}})
		cats = append(cats, g.Name)
		final = append(final, lei(g.Final))
		exec = append(exec, lei(g.Executed))
	}
	c.Options = barOptions(cats, true, series{T(lang, "budget.final"), final}, series{T(lang, "budget.executed"), exec})
	return c
}
