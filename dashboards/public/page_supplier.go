package public

import (
	"net/url"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

type supplierView struct {
	*dashboards.Page
	Supplier models.Supplier
	KPIs     []dashboards.KPI
	ByYear   dashboards.Chart
	Table    ContractsTable
	Pager    dashboards.Pager
}

// supplier: one supplier with all its contracts, from every buyer.
func (s *Server) supplier(q *request) (string, any, error) {
	lang, rel, ctx := q.lang, q.rel, q.ctx()
	cui := urlParam(q, "cui")
	if err := checkSupplierCUI(cui); err != nil {
		return "", nil, err
	}
	sup, err := rel.Supplier(ctx, cui)
	if err != nil {
		return "", nil, err
	}
	q.page.SetActive("procurement")
	q.page.SetTitle("supplier.title", dashboards.RoText(sup.Name))
	f := models.ContractFilter{SupplierCUI: cui, Sort: models.SortDateDesc}
	tot, err := rel.ContractTotals(ctx, f)
	if err != nil {
		return "", nil, err
	}
	v := &supplierView{Page: q.page, Supplier: sup}
	v.KPIs = []dashboards.KPI{dashboards.KPICount(lang, models.KPISupplierContracts, tot.Rows), dashboards.KPILei(lang, models.KPISupplierValue, tot.Value)}
	if frameworks := tot.Rows - tot.Count; frameworks > 0 {
		agreements := dashboards.CountNoun(lang, frameworks, "acord-cadru", "acorduri-cadru")
		if lang == dashboards.EN {
			agreements = dashboards.CountNoun(lang, frameworks, "framework agreement", "framework agreements")
		}
		v.KPIs[0].Note = dashboards.Tf(lang, "supplier.count.note", agreements)
	}
	years, err := rel.ContractsByYear(ctx, f)
	if err != nil {
		return "", nil, err
	}
	v.ByYear = dashboards.Chart{Name: "supplier-years", Caption: dashboards.T(lang, "supplier.by.year"), Dataset: "procurement", Lang: lang,
		Head: []string{dashboards.T(lang, "year"), dashboards.T(lang, "count"), dashboards.T(lang, "value")}}
	var cats []string
	var vals []float64
	for _, g := range years {
		v.ByYear.Rows = append(v.ByYear.Rows, dashboards.Row{Head: dashboards.Cell{Text: g.Code}, Cells: []dashboards.Cell{dashboards.CountCell(lang, g.Count), dashboards.LeiCell(lang, g.Value)}})
		cats = append(cats, g.Code)
		vals = append(vals, dashboards.Lei(g.Value))
	}
	v.ByYear.Options = dashboards.BarOptions(cats, false, dashboards.Series{Name: dashboards.T(lang, "value"), Values: vals})

	rows, page, pages, err := contractPage(q, &f, tot.Rows)
	if err != nil {
		return "", nil, err
	}
	caption := dashboards.T(lang, "supplier.contracts")
	if len(rows) > 0 && pages > 1 {
		caption = dashboards.Tf(lang, "proc.list", dashboards.FormatCount(lang, int64(f.Offset+1)), dashboards.FormatCount(lang, int64(f.Offset+len(rows))), dashboards.FormatCount(lang, tot.Rows))
	}
	v.Table = ContractsTable{Lang: lang, Caption: caption}
	for _, c := range rows {
		v.Table.Rows = append(v.Table.Rows, contractListRow(lang, c))
	}
	v.Pager = pager(lang, "/achizitii/furnizori/"+url.PathEscape(cui), nil, page, pages)
	return "supplier", v, nil
}
