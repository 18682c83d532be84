package dashboards

import (
	"net/url"
	"strconv"

	"github.com/deschis/deschis/warehouse"
)

type investmentsView struct {
	*Page
	Form     Form
	KPIs     []KPI
	ByStatus Chart
	List     []InvestmentListRow
	Caption  string
}

// InvestmentListRow is a row of the investment list.
type InvestmentListRow struct {
	InvestmentItem
	Chapter, Funding   string
	TotalRaw, SpentRaw string
}

// investments: the list of objectives with filters (status, chapter,
// funding source, year).
func (s *Server) investments(q *request) (string, any, error) {
	lang, rel, ctx := q.lang, q.rel, q.ctx()
	e, y, err := entityAndYear(q)
	if err != nil {
		return "", nil, err
	}
	q.page.setActive("investments")
	q.page.Title = Tf(lang, "inv.title", e.Name, y)
	q.page.withEntities(rel, e.CUI, Hidden{"an", yearParam(q.query.Year)})
	f := warehouse.InvestmentFilter{Entity: e.CUI, Year: y, Status: q.query.Status, Chapter: q.query.Chapter, Funding: q.query.Funding}
	v := &investmentsView{Page: q.page, Caption: T(lang, "inv.list")}

	statuses, funding, chapters, err := rel.InvestmentFacets(ctx, e.CUI)
	if err != nil {
		return "", nil, err
	}
	opts := func(values []string, chosen, prefix string) []Option {
		out := []Option{{Value: "", Text: T(lang, "all"), Selected: chosen == ""}}
		for _, s := range values {
			out = append(out, Option{Value: s, Text: T(lang, prefix+s), Selected: s == chosen})
		}
		return out
	}
	chapterOpts := []Option{{Value: "", Text: T(lang, "all"), Selected: q.query.Chapter == ""}}
	for _, c := range chapters {
		chapterOpts = append(chapterOpts, Option{Value: c.Code, Text: c.Code + " " + c.Name, Selected: c.Code == q.query.Chapter})
	}
	v.Form = Form{Lang: lang, Action: link(lang, "/investitii"), Reset: link(lang, "/investitii"), Fields: []Field{
		{Name: "an", Label: T(lang, "year"), Type: "select", Options: yearOptions(rel.Years(warehouse.YearsInvestments, e.CUI), y)},
		{Name: "stare", Label: T(lang, "inv.status"), Type: "select", Options: opts(statuses, q.query.Status, "status.")},
		{Name: "capitol", Label: T(lang, "inv.chapter"), Type: "select", Options: chapterOpts},
		{Name: "finantare", Label: T(lang, "inv.funding"), Type: "select", Options: opts(funding, q.query.Funding, "funding.")},
	}}
	if q.query.Entity != "" {
		v.Form.Fields = append(v.Form.Fields, Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}

	tot, err := rel.InvestmentTotals(ctx, f)
	if err != nil {
		return "", nil, err
	}
	v.KPIs = []KPI{kpiCount(lang, "investments-count", tot.Count), kpiLei(lang, "investments-total-value", tot.TotalValue)}
	groups, err := rel.InvestmentsBy(ctx, f, "status")
	if err != nil {
		return "", nil, err
	}
	v.ByStatus = Chart{Name: "investments-status", Caption: T(lang, "inv.by.status"), Dataset: "investments", Lang: lang,
		Head: []string{T(lang, "inv.status"), T(lang, "count"), T(lang, "inv.total")}}
	var cats []string
	var counts []float64
	for _, g := range groups {
		name := T(lang, "status."+g.Code)
		v.ByStatus.Rows = append(v.ByStatus.Rows, Row{Head: Cell{Text: name}, Cells: []Cell{countCell(lang, g.Count), leiCell(lang, g.TotalValue)}})
		cats = append(cats, name)
		counts = append(counts, float64(g.Count))
	}
	v.ByStatus.Options = barOptions(cats, false, series{T(lang, "count"), counts})

	list, err := rel.Investments(ctx, f)
	if err != nil {
		return "", nil, err
	}
	for _, iv := range list {
		v.List = append(v.List, InvestmentListRow{InvestmentItem: investmentItem(lang, iv),
			Chapter: iv.ChapterName, Funding: T(lang, "funding."+iv.Funding),
			TotalRaw: iv.TotalValue.String(), SpentRaw: iv.SpentToDate.String()})
	}
	return "investments", v, nil
}

type investmentView struct {
	*Page
	Inv       warehouse.InvestmentRow
	KPIs      []KPI
	Status    string
	Funding   string
	Years     []YearLink
	History   Chart
	Contracts []ContractListRow
	Progress  string
}

// YearLink is a link to another year's version of a page.
type YearLink struct {
	Year    int
	Href    string
	Current bool
}

// investment: one objective, with value, spending, progress, dates and its
// procurement contracts.
func (s *Server) investment(q *request) (string, any, error) {
	lang, rel, ctx := q.lang, q.rel, q.ctx()
	code := urlParam(q, "code")
	if err := checkInvestmentCode(code); err != nil {
		return "", nil, err
	}
	iv, err := rel.Investment(ctx, code, q.query.Year)
	if err != nil {
		return "", nil, err
	}
	q.page.setActive("investments")
	q.page.Title = iv.Name
	v := &investmentView{Page: q.page, Inv: iv, Status: T(lang, "status."+iv.Status), Funding: T(lang, "funding."+iv.Funding),
		Progress: FormatPercentBasis(lang, iv.ProgressBasisPoints)}
	v.KPIs = []KPI{
		kpiLei(lang, "total-value", iv.TotalValue),
		kpiLei(lang, "spent-to-date", iv.SpentToDate),
		{Name: "progress", Label: T(lang, "kpi.progress"), Raw: RawPercentBasis(iv.ProgressBasisPoints), Text: FormatPercentBasis(lang, iv.ProgressBasisPoints)},
	}
	history, err := rel.InvestmentHistory(ctx, code)
	if err != nil {
		return "", nil, err
	}
	v.History = Chart{Name: "investment-history", Caption: T(lang, "inv.history"), Dataset: "investments", Lang: lang,
		Head: []string{T(lang, "year"), T(lang, "inv.planned.year"), T(lang, "inv.spent.year"), T(lang, "inv.spent"), T(lang, "inv.progress"), T(lang, "inv.status")}}
	var cats []string
	var planned, spent, cum []float64
	for _, h := range history {
		ys := strconv.Itoa(h.Year)
		href := link(lang, "/investitii/"+url.PathEscape(code)) + "?an=" + ys
		v.Years = append(v.Years, YearLink{Year: h.Year, Href: href, Current: h.Year == iv.Year})
		v.History.Rows = append(v.History.Rows, Row{Head: Cell{Text: ys, Href: href}, Cells: []Cell{
			leiCell(lang, h.PlannedYear), leiCell(lang, h.SpentYear), leiCell(lang, h.SpentToDate),
			{Text: FormatPercentBasis(lang, h.ProgressBasisPoints), Raw: RawPercentBasis(h.ProgressBasisPoints), Num: true},
			{Text: T(lang, "status."+h.Status)}}})
		cats = append(cats, ys)
		planned = append(planned, lei(h.PlannedYear))
		spent = append(spent, lei(h.SpentYear))
		cum = append(cum, lei(h.SpentToDate))
	}
	v.History.Options = barOptions(cats, false, series{T(lang, "inv.planned.year"), planned}, series{T(lang, "inv.spent.year"), spent},
		series{T(lang, "inv.spent"), cum})

	contracts, err := rel.Contracts(ctx, warehouse.ContractFilter{InvestmentCode: code, Sort: warehouse.SortDateAsc})
	if err != nil {
		return "", nil, err
	}
	for _, c := range contracts {
		v.Contracts = append(v.Contracts, contractListRow(lang, c))
	}
	return "investment", v, nil
}
