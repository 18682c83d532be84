package public

import (
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

type procurementView struct {
	*dashboards.Page
	Form        dashboards.Form
	KPIs        []dashboards.KPI
	ByProcedure dashboards.Chart
	ByCPV       dashboards.Chart
	Suppliers   *dashboards.Chart // the year's top suppliers (supplier_ranking.go), nil: none
	Table       ContractsTable
	Pager       dashboards.Pager
}

// procurement: search by supplier, CPV, procedure, value and date, the
// breakdowns by procedure and CPV division, and the paginated list.
func (s *Server) procurement(q *request) (string, any, error) {
	lang, rel, ctx := q.lang, q.rel, q.ctx()
	e, y, err := entityAndYear(q)
	if err != nil {
		return "", nil, err
	}
	q.page.SetActive("procurement")
	q.page.Feed = dashboards.Link(lang, feedPath) // its newly awarded contracts
	q.page.SetTitle("proc.title", dashboards.EntityName(lang, e), y)
	q.page.WithEntities(rel, e.CUI, dashboards.Hidden{Name: "an", Value: yearParam(q.query.Year)})
	sortKey := q.query.Sort
	if sortKey == "" {
		sortKey = "data_desc"
	}
	if _, ok := sortOrders[sortKey]; !ok {
		return "", nil, &dashboards.ParamError{Name: "ordine", Value: sortKey, Reason: "valorile posibile sunt data_desc, data_asc, valoare_desc, valoare_asc",
			ReasonEN: "the possible values are data_desc, data_asc, valoare_desc, valoare_asc"}
	}
	f := models.ContractFilter{Buyer: e.CUI, Year: y, Supplier: q.query.Supplier, CPV: q.query.CPV, Procedure: q.query.Procedure,
		Min: q.query.Min, Max: q.query.Max, From: q.query.From, To: q.query.To, Sort: sortOrders[sortKey]}
	v := &procurementView{Page: q.page}

	procedures, err := rel.Procedures(ctx)
	if err != nil {
		return "", nil, err
	}
	procOpts := []dashboards.Option{{Value: "", Text: dashboards.T(lang, "all"), Selected: q.query.Procedure == ""}}
	for _, p := range procedures {
		name := dashboards.ProcedureName(lang, p)
		procOpts = append(procOpts, dashboards.Option{Value: p, Text: name.Text, Lang: name.Lang, Selected: p == q.query.Procedure})
	}
	var sortOpts []dashboards.Option
	for _, k := range []string{"data_desc", "data_asc", "valoare_desc", "valoare_asc"} {
		sortOpts = append(sortOpts, dashboards.Option{Value: k, Text: dashboards.T(lang, "sort."+k), Selected: k == sortKey})
	}
	amount := func(a *models.Amount) string {
		if a == nil {
			return ""
		}
		return a.String()
	}
	dateStr := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(dateParam)
	}
	v.Form = dashboards.Form{Lang: lang, Action: dashboards.Link(lang, "/achizitii"), Reset: dashboards.Link(lang, "/achizitii"), Fields: []dashboards.Field{
		{Name: "an", Label: dashboards.T(lang, "year"), Type: "select", Options: yearOptions(rel.Years(models.DatasetProcurement, e.CUI), y)},
		{Name: "furnizor", Label: dashboards.T(lang, "proc.supplier"), Type: "search", Value: q.query.Supplier},
		{Name: "cpv", Label: dashboards.T(lang, "proc.cpv"), Type: "text", Value: q.query.CPV},
		{Name: "procedura", Label: dashboards.T(lang, "proc.procedure"), Type: "select", Options: procOpts},
		{Name: "min", Label: dashboards.T(lang, "proc.min"), Type: "text", Value: amount(q.query.Min)},
		{Name: "max", Label: dashboards.T(lang, "proc.max"), Type: "text", Value: amount(q.query.Max)},
		{Name: "de_la", Label: dashboards.T(lang, "proc.from"), Type: "text", Value: dateStr(q.query.From), Hint: dashboards.T(lang, "date.hint")},
		{Name: "pana_la", Label: dashboards.T(lang, "proc.to"), Type: "text", Value: dateStr(q.query.To), Hint: dashboards.T(lang, "date.hint")},
		{Name: "ordine", Label: dashboards.T(lang, "proc.sort"), Type: "select", Options: sortOpts},
	}}
	if q.query.Entity != "" {
		v.Form.Fields = append(v.Form.Fields, dashboards.Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}

	tot, err := rel.ContractTotals(ctx, f)
	if err != nil {
		return "", nil, err
	}
	v.KPIs = contractKPIs(q, e, y, tot)
	byProc, err := rel.ContractsBy(ctx, f, models.ContractsByProcedure)
	if err != nil {
		return "", nil, err
	}
	v.ByProcedure = contractGroupChart(lang, "procurement-procedures", dashboards.T(lang, "proc.by.procedure"), dashboards.T(lang, "proc.procedure"), byProc, tot,
		func(g models.ContractGroup) dashboards.Cell { return dashboards.ProcedureName(lang, g.Code) })
	byCPV, err := rel.ContractsBy(ctx, f, models.ContractsByCPVDivision)
	if err != nil {
		return "", nil, err
	}
	v.ByCPV = contractGroupChart(lang, "procurement-cpv", dashboards.T(lang, "proc.by.cpv"), dashboards.T(lang, "proc.division"), byCPV, tot,
		func(g models.ContractGroup) dashboards.Cell {
			if g.Code == "" { // contracts whose register gave no CPV code, counted in the totals
				return dashboards.Cell{Text: dashboards.T(lang, "proc.no.cpv")}
			}
			if name := models.CPVDivisionName(g.Code, lang); name != "" {
				return dashboards.Cell{Text: g.Code + " " + name}
			}
			return dashboards.DataCell(lang, g.Code+" "+g.Name)
		})

	if c, ok, err := yearSuppliersChart(ctx, lang, rel, e, y); err != nil {
		return "", nil, err
	} else if ok {
		v.Suppliers = &c
	}

	// The list, a page at a time.
	rows, page, pages, err := contractPage(q, &f, tot.Rows)
	if err != nil {
		return "", nil, err
	}
	caption := dashboards.T(lang, "proc.list.empty")
	if len(rows) > 0 {
		caption = dashboards.Tf(lang, "proc.list", dashboards.FormatCount(lang, int64(f.Offset+1)), dashboards.FormatCount(lang, int64(f.Offset+len(rows))), dashboards.FormatCount(lang, tot.Rows))
	}
	v.Table = ContractsTable{Lang: lang, Caption: caption, Sort: map[string]string{}}
	for _, c := range rows {
		v.Table.Rows = append(v.Table.Rows, contractListRow(lang, c))
	}
	base := q.URL.Query()
	base.Del("pagina")
	for col, keys := range map[string][2]string{"date": {"data_desc", "data_asc"}, "value": {"valoare_desc", "valoare_asc"}} {
		next := keys[0]
		if sortKey == keys[0] {
			next = keys[1]
		}
		sv := dashboards.CloneValues(base)
		sv.Set("ordine", next)
		v.Table.Sort[col] = dashboards.LinkQ(lang, "/achizitii", sv)
	}
	v.Pager = pager(lang, "/achizitii", base, page, pages)
	return "procurement", v, nil
}

// contractGroupChart is a breakdown with counts, values and shares of value.
func contractGroupChart(lang, name, caption, col string, groups []models.ContractGroup, tot models.ContractSummary, label func(models.ContractGroup) dashboards.Cell) dashboards.Chart {
	c := dashboards.Chart{Name: name, Caption: caption, Dataset: "procurement", Lang: lang,
		Head: []string{col, dashboards.T(lang, "count"), dashboards.T(lang, "value"), dashboards.T(lang, "share")}}
	var cats []string
	var vals []float64
	for _, g := range groups {
		head := label(g)
		c.Rows = append(c.Rows, dashboards.Row{Head: head, Cells: []dashboards.Cell{dashboards.CountCell(lang, g.Count), dashboards.LeiCell(lang, g.Value),
			dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(g.Value), Den: int64(tot.Value)})}})
		cats = append(cats, head.Text)
		vals = append(vals, dashboards.Lei(g.Value))
	}
	c.Foot = &dashboards.Row{Head: dashboards.Cell{Text: dashboards.T(lang, "total")}, Cells: []dashboards.Cell{dashboards.CountCell(lang, tot.Count), dashboards.LeiCell(lang, tot.Value), dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(tot.Value), Den: int64(tot.Value)})}}
	c.Options = dashboards.BarOptions(cats, true, dashboards.Series{Name: dashboards.T(lang, "value"), Values: vals})
	return c
}

// contractKPIs are the number and value of the contracts an entity awarded
// in a year (framework agreements not counted), with the difference from
// the list's row count said beside the count; "–" with the reason when the
// data has no contracts of the institution (for that year).
func contractKPIs(q *request, e models.Entity, y int, tot models.ContractSummary) []dashboards.KPI {
	lang := q.lang
	// A search that matches nothing is 0 contracts; "–" is for a year the
	// data has none of the institution's contracts at all.
	if why := absence(q, models.DatasetProcurement, e.CUI, y); why != "" && tot.Rows == 0 {
		return []dashboards.KPI{dashboards.KPIMissing(lang, models.KPIContractsCount, why), dashboards.KPIMissing(lang, models.KPIContractsValue, why)}
	}
	count := dashboards.KPICount(lang, models.KPIContractsCount, tot.Count)
	if frameworks := tot.Rows - tot.Count; frameworks > 0 {
		count.Note = countNote(lang, tot.Rows, tot.Count, frameworks)
	}
	return []dashboards.KPI{count, dashboards.KPILei(lang, models.KPIContractsValue, tot.Value)}
}

// countNote says why a list has more rows than the contracts counted: the
// framework agreements, listed but not counted.
func countNote(lang string, rows, counted, frameworks int64) string {
	if lang == dashboards.EN {
		return dashboards.Tf(lang, "proc.count.note", dashboards.CountNoun(lang, rows, "row", "rows"),
			dashboards.CountNoun(lang, counted, "contract", "contracts"), dashboards.CountNoun(lang, frameworks, "framework agreement", "framework agreements"))
	}
	return dashboards.Tf(lang, "proc.count.note", dashboards.CountNoun(lang, rows, "rând", "rânduri"),
		dashboards.CountNoun(lang, counted, "contract", "contracte"), dashboards.CountNoun(lang, frameworks, "acord-cadru", "acorduri-cadru"))
}
