package public

import (
	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

type investmentsView struct {
	*dashboards.Page
	Form     dashboards.Form
	KPIs     []dashboards.KPI
	ByStatus dashboards.Chart
	List     []InvestmentListRow
	Caption  string
	Pager    dashboards.Pager
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
	q.page.SetActive("investments")
	q.page.SetTitle("inv.title", dashboards.EntityName(lang, e), y)
	q.page.WithEntities(rel, e.CUI, dashboards.Hidden{Name: "an", Value: yearParam(q.query.Year)})
	f := models.InvestmentFilter{Entity: e.CUI, Year: y, Status: q.query.Status, Chapter: q.query.Chapter, Funding: q.query.Funding}
	v := &investmentsView{Page: q.page, Caption: dashboards.T(lang, "inv.list")}

	facets, err := rel.InvestmentFacets(ctx, e.CUI)
	if err != nil {
		return "", nil, err
	}
	opts := func(values []string, chosen, prefix string) []dashboards.Option {
		out := []dashboards.Option{{Value: "", Text: dashboards.T(lang, "all"), Selected: chosen == ""}}
		for _, s := range values {
			out = append(out, dashboards.Option{Value: s, Text: dashboards.T(lang, prefix+s), Selected: s == chosen})
		}
		return out
	}
	chapterOpts := []dashboards.Option{{Value: "", Text: dashboards.T(lang, "all"), Selected: q.query.Chapter == ""}}
	for _, c := range facets.Chapters {
		name := dashboards.ChapterName(lang, c.Code, c.Name)
		chapterOpts = append(chapterOpts, dashboards.Option{Value: c.Code, Text: c.Code + " " + name.Text, Lang: name.Lang, Selected: c.Code == q.query.Chapter})
	}
	v.Form = dashboards.Form{Lang: lang, Action: dashboards.Link(lang, "/investitii"), Reset: dashboards.Link(lang, "/investitii"), Fields: []dashboards.Field{
		{Name: "an", Label: dashboards.T(lang, "year"), Type: "select", Options: yearOptions(rel.Years(models.DatasetInvestments, e.CUI), y)},
		{Name: "stare", Label: dashboards.T(lang, "inv.status"), Type: "select", Options: opts(facets.Statuses, q.query.Status, "status.")},
		{Name: "capitol", Label: dashboards.T(lang, "inv.chapter"), Type: "select", Options: chapterOpts},
		{Name: "finantare", Label: dashboards.T(lang, "inv.funding"), Type: "select", Options: opts(facets.Funding, q.query.Funding, "funding.")},
	}}
	if q.query.Entity != "" {
		v.Form.Fields = append(v.Form.Fields, dashboards.Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}

	tot, err := rel.InvestmentTotals(ctx, f)
	if err != nil {
		return "", nil, err
	}
	v.KPIs = []dashboards.KPI{dashboards.KPICount(lang, models.KPIInvestmentsCount, tot.Count), dashboards.KPILei(lang, models.KPIInvestmentsValue, tot.TotalValue)}
	if why := absence(q, models.DatasetInvestments, e.CUI, y); why != "" {
		v.KPIs = []dashboards.KPI{dashboards.KPIMissing(lang, models.KPIInvestmentsCount, why), dashboards.KPIMissing(lang, models.KPIInvestmentsValue, why)}
	}
	groups, err := rel.InvestmentsBy(ctx, f, models.InvestmentsByStatus)
	if err != nil {
		return "", nil, err
	}
	v.ByStatus = dashboards.Chart{Name: "investments-status", Caption: dashboards.T(lang, "inv.by.status"), Dataset: "investments", Lang: lang,
		Head: []string{dashboards.T(lang, "inv.status"), dashboards.T(lang, "count"), dashboards.T(lang, "inv.total")}}
	var cats []string
	var counts []float64
	for _, g := range groups {
		name := dashboards.T(lang, "status."+g.Code)
		v.ByStatus.Rows = append(v.ByStatus.Rows, dashboards.Row{Head: dashboards.Cell{Text: name}, Cells: []dashboards.Cell{dashboards.CountCell(lang, g.Count), dashboards.LeiCell(lang, g.TotalValue)}})
		cats = append(cats, name)
		counts = append(counts, float64(g.Count))
	}
	v.ByStatus.Options = dashboards.BarOptions(cats, false, dashboards.Series{Name: dashboards.T(lang, "count"), Values: counts})

	// The list, a page at a time, like the contract list.
	page, pages, offset, err := pageOf(q, tot.Count)
	if err != nil {
		return "", nil, err
	}
	f.Limit, f.Offset = pageSize, offset
	list, err := rel.Investments(ctx, f)
	if err != nil {
		return "", nil, err
	}
	if pages > 1 {
		v.Caption = dashboards.Tf(lang, "inv.list.page", dashboards.FormatCount(lang, int64(offset+1)), dashboards.FormatCount(lang, int64(offset+len(list))), dashboards.FormatCount(lang, tot.Count))
	}
	v.Pager = pager(lang, "/investitii", q.URL.Query(), page, pages)
	for _, iv := range list {
		v.List = append(v.List, InvestmentListRow{InvestmentItem: investmentItem(lang, iv),
			Chapter: dashboards.ChapterName(lang, iv.ChapterCode, iv.ChapterName).Text, Funding: dashboards.T(lang, "funding."+iv.Funding),
			TotalRaw: iv.TotalValue.String(), SpentRaw: iv.SpentToDate.String()})
	}
	return "investments", v, nil
}
