package public

import (
	"net/url"
	"strconv"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

type investmentView struct {
	*dashboards.Page
	Inv       models.Investment
	KPIs      []dashboards.KPI
	Status    string
	Funding   string
	Years     []YearLink
	History   dashboards.Chart
	Contracts []ContractListRow
	Progress  string
	Chapter   string // the chapter's name in the page's language
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
	q.page.SetActive("investments")
	q.page.Title = iv.Name
	q.page.Heading = dashboards.Ro(lang, iv.Name)
	v := &investmentView{Page: q.page, Inv: iv, Status: dashboards.T(lang, "status."+iv.Status), Funding: dashboards.T(lang, "funding."+iv.Funding),
		Progress: dashboards.FormatPercentBasis(lang, iv.ProgressBasisPoints), Chapter: dashboards.ChapterName(lang, iv.ChapterCode, iv.ChapterName).Text}
	v.KPIs = []dashboards.KPI{
		dashboards.KPILei(lang, models.KPITotalValue, iv.TotalValue),
		dashboards.KPILei(lang, models.KPISpentToDate, iv.SpentToDate),
		dashboards.KPIPercentBasis(lang, models.KPIProgress, iv.ProgressBasisPoints),
	}
	history, err := rel.InvestmentHistory(ctx, code)
	if err != nil {
		return "", nil, err
	}
	v.History = dashboards.Chart{Name: "investment-history", Caption: dashboards.T(lang, "inv.history"), Dataset: "investments", Lang: lang,
		Head: []string{dashboards.T(lang, "year"), dashboards.T(lang, "inv.planned.year"), dashboards.T(lang, "inv.spent.year"), dashboards.T(lang, "inv.spent"), dashboards.T(lang, "inv.progress"), dashboards.T(lang, "inv.status")}}
	var cats []string
	var planned, spent, cum []float64
	for _, h := range history {
		ys := strconv.Itoa(h.Year)
		href := dashboards.Link(lang, "/investitii/"+url.PathEscape(code)) + "?an=" + ys
		v.Years = append(v.Years, YearLink{Year: h.Year, Href: href, Current: h.Year == iv.Year})
		v.History.Rows = append(v.History.Rows, dashboards.Row{Head: dashboards.Cell{Text: ys, Href: href}, Cells: []dashboards.Cell{
			dashboards.LeiCell(lang, h.PlannedYear), dashboards.LeiCell(lang, h.SpentYear), dashboards.LeiCell(lang, h.SpentToDate),
			{Text: dashboards.FormatPercentBasis(lang, h.ProgressBasisPoints), Raw: dashboards.RawPercentBasis(h.ProgressBasisPoints), Num: true},
			{Text: dashboards.T(lang, "status."+h.Status)}}})
		cats = append(cats, ys)
		planned = append(planned, dashboards.Lei(h.PlannedYear))
		spent = append(spent, dashboards.Lei(h.SpentYear))
		cum = append(cum, dashboards.Lei(h.SpentToDate))
	}
	v.History.Options = dashboards.BarOptions(cats, false, dashboards.Series{Name: dashboards.T(lang, "inv.planned.year"), Values: planned}, dashboards.Series{Name: dashboards.T(lang, "inv.spent.year"), Values: spent},
		dashboards.Series{Name: dashboards.T(lang, "inv.spent"), Values: cum})

	contracts, err := rel.Contracts(ctx, models.ContractFilter{InvestmentCode: code, Sort: models.SortDateAsc})
	if err != nil {
		return "", nil, err
	}
	for _, c := range contracts {
		v.Contracts = append(v.Contracts, contractListRow(lang, c))
	}
	return "investment", v, nil
}
