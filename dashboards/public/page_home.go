package public

import (
	"net/url"
	"strconv"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

type homeView struct {
	*dashboards.Page
	Entity        models.Entity
	Year          int
	ReportedMonth int
	Budget        []dashboards.KPI
	Chapters      dashboards.Chart
	Investments   []InvestmentItem
	InvestKPIs    []dashboards.KPI
	Procurement   []dashboards.KPI
	Requests      []dashboards.KPI
	More          map[string]string

	// RequestsAsOf says the date open requests are counted at.
	RequestsAsOf, RequestsAsOfRaw string

	// Peers is the unit against its peers; nil when the entity is not an
	// administrative unit.
	Peers *PeersView
}

// PeersView is an administrative unit against the median of the units of
// its kind and population band (models.ComparePeers): its table, or "–"
// with the reason there is none (Why).
type PeersView struct {
	Title, Intro, Count, Why, Method string
	Peers                            int
	Table                            dashboards.Chart // its head and rows only
}

// InvestmentItem is an objective in a short list.
type InvestmentItem struct {
	Href, Code, Name, Status string
	Lang                     string // the name's language when it is not the page's
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
	q.page.SetActive("home")
	q.page.SetTitle("home.title", dashboards.RoText(e.Name), y)
	q.page.WithEntities(rel, e.CUI, dashboards.Hidden{Name: "an", Value: yearParam(q.query.Year)})
	v := &homeView{Page: q.page, Entity: e, Year: y, More: map[string]string{}}
	keep := entityYearValues(q, e.CUI, y)
	for _, p := range []struct{ key, path string }{{"budget", "/buget"}, {"investments", "/investitii"}, {"procurement", "/achizitii"}, {"requests", "/cereri"}} {
		v.More[p.key] = dashboards.LinkQ(lang, p.path, keep)
	}

	scope := models.BudgetScope{Entity: e.CUI, Year: y}
	tot, err := rel.BudgetTotals(ctx, scope)
	if err != nil {
		return "", nil, err
	}
	years, err := rel.BudgetByYear(ctx, models.BudgetScope{Entity: e.CUI})
	if err != nil {
		return "", nil, err
	}
	v.ReportedMonth = models.ReportedMonthIn(years, y)
	// The budget's headline numbers without the execution rate, which goes
	// beside the payments.
	for _, k := range budgetKPIs(q, e, y, tot, "") {
		if k.Name != models.KPIExecutionRate {
			v.Budget = append(v.Budget, k)
		}
	}
	rate := dashboards.Ratio{Num: int64(tot.Expenses.Executed), Den: int64(tot.Expenses.Final)}
	if rate.Valid() && tot.Expenses.Lines > 0 {
		v.Budget[2].Note = "(" + rate.Format(lang) + ")"
	}
	chapters, err := rel.BudgetBy(ctx, scope, models.Expense, models.ByChapter)
	if err != nil {
		return "", nil, err
	}
	if len(chapters) > 8 {
		chapters = chapters[:8]
	}
	v.Chapters = chapterChart(lang, "home-chapters", dashboards.T(lang, "home.chapters"), chapters, tot.Expenses.Executed, keep)

	active := models.InvestmentFilter{Entity: e.CUI, Year: y, Status: "în execuție"}
	invTot, err := rel.InvestmentTotals(ctx, active)
	if err != nil {
		return "", nil, err
	}
	v.InvestKPIs = []dashboards.KPI{dashboards.KPICount(lang, models.KPIInvestmentsActive, invTot.Count)}
	if why := absence(q, models.DatasetInvestments, e.CUI, y); why != "" {
		v.InvestKPIs = []dashboards.KPI{dashboards.KPIMissing(lang, models.KPIInvestmentsActive, why)}
	}
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

	ct, err := rel.ContractTotals(ctx, models.ContractFilter{Buyer: e.CUI, Year: y})
	if err != nil {
		return "", nil, err
	}
	v.Procurement = contractKPIs(q, e, y, ct)

	rs := models.RequestScope{Entity: e.CUI, Year: y}
	rt, err := rel.RequestTotals(ctx, rs)
	if err != nil {
		return "", nil, err
	}
	ad, err := rel.RequestAnswerDays(ctx, rs)
	if err != nil {
		return "", nil, err
	}
	// The home page's requests: received, within term, the open backlog and
	// those open past their term, the median.
	v.Requests = requestKPIs(q, e, y, rt, ad)[:5]
	v.RequestsAsOf, v.RequestsAsOfRaw = requestsAsOf(lang, rt)
	if e.IsAdministrativeUnit() {
		if v.Peers, err = peersOf(q, e, y); err != nil {
			return "", nil, err
		}
	}
	return "home", v, nil
}

// peersOf compares e with its peers over the county page's figures of year
// y (models.CountyReader: read once, not computed again here).
func peersOf(q *request, e models.Entity, y int) (*PeersView, error) {
	lang := q.lang
	units, err := q.rel.CountyUnits(q.ctx(), y)
	if err != nil {
		return nil, err
	}
	var u models.CountyUnit
	found := false
	for _, x := range units {
		if x.Entity.CUI == e.CUI {
			u, found = x, true
			break
		}
	}
	if !found {
		return nil, nil
	}
	pv := &PeersView{Title: dashboards.Tf(lang, "peers.title", y), Method: dashboards.Link(lang, "/metodologie") + "#h-peers"}
	c, why := models.ComparePeers(units, u)
	band, _ := models.PeerBandOf(u.Entity.Kind, u.People)
	switch why {
	case models.NoPeerPeople:
		pv.Why = dashboards.T(lang, "county.why.people")
	case models.NoPeerKind:
		pv.Why = dashboards.T(lang, "peers.why.kind")
	case models.NoPeerBudget:
		pv.Why = dashboards.Tf(lang, "county.why.budget", y)
	case models.NoPeerNone:
		pv.Why = dashboards.Tf(lang, "peers.why.none", dashboards.FormatPeerBand(lang, band), y)
	}
	if why != "" {
		return pv, nil
	}
	pv.Peers = c.Peers
	pv.Intro = dashboards.Tf(lang, "peers.intro", dashboards.FormatPeerBand(lang, c.Band), u.PeopleYear)
	pv.Count = dashboards.Tf(lang, "peers.count", dashboards.FormatCount(lang, int64(c.Peers)))
	pv.Table = dashboards.Chart{Caption: dashboards.Tf(lang, "peers.table", y),
		Head: []string{dashboards.T(lang, "peers.figure"), dashboards.T(lang, "peers.unit"), dashboards.T(lang, "peers.median"), dashboards.T(lang, "peers.with")}}
	for _, r := range []struct {
		key        string
		unit, peer models.Amount
	}{{"county.expenses.pc", c.Expenses, c.MedianExpenses}, {"county.revenues.pc", c.Revenues, c.MedianRevenues}} {
		pv.Table.Rows = append(pv.Table.Rows, dashboards.Row{Head: dashboards.Cell{Text: dashboards.T(lang, r.key)},
			Cells: []dashboards.Cell{dashboards.LeiCell(lang, r.unit), dashboards.LeiCell(lang, r.peer), dashboards.CountCell(lang, int64(c.Peers))}})
	}
	// The shares: the unit's as the county page shows it, the median of
	// the peers that have one.
	for _, r := range []struct {
		kpi, why string
		share    models.PeerShare
	}{{models.KPIExecutionRate, dashboards.T(lang, "county.why.final"), c.ExecutionRate},
		{models.KPIDirectValueShare, dashboards.Tf(lang, "county.why.procure", y), c.DirectShare}} {
		unit := dashboards.RatioCell(lang, dashboards.Ratio{Num: r.share.Num, Den: r.share.Den})
		if r.share.Den == 0 {
			unit = dashboards.Cell{Text: "– (" + r.why + ")", Num: true}
		}
		median := dashboards.RatioCell(lang, dashboards.Ratio{Num: r.share.Median, Den: 1_000_000})
		if r.share.Peers == 0 {
			median = dashboards.Cell{Text: "– (" + dashboards.T(lang, "peers.why.share") + ")", Num: true}
		}
		pv.Table.Rows = append(pv.Table.Rows, dashboards.Row{Head: dashboards.Cell{Text: dashboards.KPITitle(lang, r.kpi)},
			Cells: []dashboards.Cell{unit, median, dashboards.CountCell(lang, int64(r.share.Peers))}})
	}
	return pv, nil
}

func investmentItem(lang string, iv models.Investment) InvestmentItem {
	return InvestmentItem{
		Href: dashboards.Link(lang, "/investitii/"+url.PathEscape(iv.Code)) + "?an=" + strconv.Itoa(iv.Year),
		Code: iv.Code, Name: iv.Name, Lang: dataLang(lang), Status: dashboards.T(lang, "status."+iv.Status),
		TotalValue: dashboards.FormatLei(lang, iv.TotalValue), SpentToDate: dashboards.FormatLei(lang, iv.SpentToDate),
		Progress: dashboards.FormatPercentBasis(lang, iv.ProgressBasisPoints), ProgressValue: dashboards.RawPercentBasis(iv.ProgressBasisPoints),
	}
}

// chapterChart is expenses by chapter with each chapter's share and a link
// to drill down into it.
func chapterChart(lang, name, caption string, groups []models.BudgetGroup, total models.Amount, keep url.Values) dashboards.Chart {
	c := dashboards.Chart{Name: name, Caption: caption, Dataset: "budget", Lang: lang,
		Head: []string{dashboards.T(lang, "budget.chapter"), dashboards.T(lang, "budget.final"), dashboards.T(lang, "budget.executed"), dashboards.T(lang, "share")}}
	var cats []string
	var final, exec []float64
	for _, g := range groups {
		v := dashboards.CloneValues(keep)
		v.Set("capitol", chapterNumber(g.Code))
		head := dashboards.ChapterName(lang, g.Code, g.Name)
		head.Href = dashboards.LinkQ(lang, "/buget", v)
		c.Rows = append(c.Rows, dashboards.Row{Head: head,
			Cells: []dashboards.Cell{dashboards.LeiCell(lang, g.Final), dashboards.LeiCell(lang, g.Executed), dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(g.Executed), Den: int64(total)})}})
		cats = append(cats, head.Text)
		final = append(final, dashboards.Lei(g.Final))
		exec = append(exec, dashboards.Lei(g.Executed))
	}
	c.Options = dashboards.BarOptions(cats, true, dashboards.Series{Name: dashboards.T(lang, "budget.final"), Values: final}, dashboards.Series{Name: dashboards.T(lang, "budget.executed"), Values: exec})
	return c
}

// dataLang is the language of names from the data on a page in lang: "ro"
// on English pages, "" (the page's own) on Romanian ones.
func dataLang(lang string) string {
	if lang == dashboards.EN {
		return dashboards.RO
	}
	return ""
}
