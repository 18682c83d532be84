package dashboards

import (
	"net/url"
	"strconv"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

// pageSize is how many contracts a list page shows.
const pageSize = 50

// ContractListRow is a contract in a list.
type ContractListRow struct {
	Date, DateISO, Buyer, Supplier, SupplierHref, Title string
	CPV, Procedure, Kind, Value, ValueRaw               string
	NotCounted                                          bool
}

func contractListRow(lang string, c warehouse.ContractRow) ContractListRow {
	r := ContractListRow{Date: FormatDate(lang, c.AwardDate), Buyer: c.BuyerName, Supplier: c.SupplierName, Title: c.Title,
		CPV: c.CPV, Procedure: c.Procedure, Kind: T(lang, "kind."+c.Kind), Value: FormatLei(lang, c.Value), ValueRaw: c.Value.String(),
		NotCounted: !c.CountsInTotal}
	if !c.AwardDate.IsZero() {
		r.DateISO = c.AwardDate.Format(time.DateOnly)
	}
	if c.SupplierCUI != "" && reSupplierCUI.MatchString(c.SupplierCUI) {
		r.SupplierHref = link(lang, "/achizitii/furnizori/"+url.PathEscape(c.SupplierCUI))
	}
	return r
}

// ContractsTable is the contract list partial's view.
type ContractsTable struct {
	Lang, Caption string
	Rows          []ContractListRow
	Sort          map[string]string // column -> link that sorts by it (procurement page)
}

func contractsTable(lang, caption string, rows []ContractListRow) ContractsTable {
	return ContractsTable{Lang: lang, Caption: caption, Rows: rows}
}

type procurementView struct {
	*Page
	Form        Form
	KPIs        []KPI
	ByProcedure Chart
	ByCPV       Chart
	Table       ContractsTable
	Pager       Pager
}

// Pager links the pages of a list.
type Pager struct {
	Lang       string
	Page, Of   int
	Prev, Next string
}

// procurement: search by supplier, CPV, procedure, value and date, the
// breakdowns by procedure and CPV division, and the paginated list.
func (s *Server) procurement(q *request) (string, any, error) {
	lang, rel, ctx := q.lang, q.rel, q.ctx()
	e, y, err := entityAndYear(q)
	if err != nil {
		return "", nil, err
	}
	q.page.setActive("procurement")
	q.page.Title = Tf(lang, "proc.title", e.Name, y)
	q.page.withEntities(rel, e.CUI, Hidden{"an", yearParam(q.query.Year)})
	sortKey := q.query.Sort
	if sortKey == "" {
		sortKey = "data_desc"
	}
	f := warehouse.ContractFilter{Buyer: e.CUI, Year: y, Supplier: q.query.Supplier, CPV: q.query.CPV, Procedure: q.query.Procedure,
		Min: q.query.Min, Max: q.query.Max, From: q.query.From, To: q.query.To, Sort: sortOrders[sortKey]}
	v := &procurementView{Page: q.page}

	procedures, err := rel.Procedures(ctx)
	if err != nil {
		return "", nil, err
	}
	procOpts := []Option{{Value: "", Text: T(lang, "all"), Selected: q.query.Procedure == ""}}
	for _, p := range procedures {
		procOpts = append(procOpts, Option{Value: p, Text: p, Selected: p == q.query.Procedure})
	}
	var sortOpts []Option
	for _, k := range []string{"data_desc", "data_asc", "valoare_desc", "valoare_asc"} {
		sortOpts = append(sortOpts, Option{Value: k, Text: T(lang, "sort."+k), Selected: k == sortKey})
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
		return t.Format(time.DateOnly)
	}
	v.Form = Form{Lang: lang, Action: link(lang, "/achizitii"), Reset: link(lang, "/achizitii"), Fields: []Field{
		{Name: "an", Label: T(lang, "year"), Type: "select", Options: yearOptions(rel.Years(warehouse.YearsProcurement, e.CUI), y)},
		{Name: "furnizor", Label: T(lang, "proc.supplier"), Type: "search", Value: q.query.Supplier},
		{Name: "cpv", Label: T(lang, "proc.cpv"), Type: "text", Value: q.query.CPV},
		{Name: "procedura", Label: T(lang, "proc.procedure"), Type: "select", Options: procOpts},
		{Name: "min", Label: T(lang, "proc.min"), Type: "text", Value: amount(q.query.Min)},
		{Name: "max", Label: T(lang, "proc.max"), Type: "text", Value: amount(q.query.Max)},
		{Name: "de_la", Label: T(lang, "proc.from"), Type: "date", Value: dateStr(q.query.From)},
		{Name: "pana_la", Label: T(lang, "proc.to"), Type: "date", Value: dateStr(q.query.To)},
		{Name: "ordine", Label: T(lang, "proc.sort"), Type: "select", Options: sortOpts},
	}}
	if q.query.Entity != "" {
		v.Form.Fields = append(v.Form.Fields, Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}

	tot, err := rel.ContractTotals(ctx, f)
	if err != nil {
		return "", nil, err
	}
	v.KPIs = []KPI{kpiCount(lang, "contracts-count", tot.Count), kpiLei(lang, "contracts-value", tot.Value)}
	byProc, err := rel.ContractsBy(ctx, f, "procedure")
	if err != nil {
		return "", nil, err
	}
	v.ByProcedure = contractGroupChart(lang, "procurement-procedures", T(lang, "proc.by.procedure"), T(lang, "proc.procedure"), byProc, tot)
	byCPV, err := rel.ContractsBy(ctx, f, "cpv_division")
	if err != nil {
		return "", nil, err
	}
	for i := range byCPV {
		if name := models.CPVDivisionName(byCPV[i].Code, lang); name != "" {
			byCPV[i].Name = name
		}
		byCPV[i].Name = byCPV[i].Code + " " + byCPV[i].Name
	}
	v.ByCPV = contractGroupChart(lang, "procurement-cpv", T(lang, "proc.by.cpv"), T(lang, "proc.division"), byCPV, tot)

	// The list, a page at a time.
	rows, page, pages, err := contractPage(q, &f, tot.Rows)
	if err != nil {
		return "", nil, err
	}
	caption := T(lang, "proc.list.empty")
	if len(rows) > 0 {
		caption = Tf(lang, "proc.list", FormatCount(lang, int64(f.Offset+1)), FormatCount(lang, int64(f.Offset+len(rows))), FormatCount(lang, tot.Rows))
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
		sv := cloneValues(base)
		sv.Set("ordine", next)
		v.Table.Sort[col] = linkQ(lang, "/achizitii", sv)
	}
	v.Pager = Pager{Lang: lang, Page: page, Of: pages}
	if page > 1 {
		pv := cloneValues(base)
		if page > 2 {
			pv.Set("pagina", strconv.Itoa(page-1))
		}
		v.Pager.Prev = linkQ(lang, "/achizitii", pv)
	}
	if page < pages {
		pv := cloneValues(base)
		pv.Set("pagina", strconv.Itoa(page+1))
		v.Pager.Next = linkQ(lang, "/achizitii", pv)
	}
	return "procurement", v, nil
}

// contractGroupChart is a breakdown with counts, values and shares of value.
func contractGroupChart(lang, name, caption, col string, groups []warehouse.ContractGroup, tot warehouse.ContractSummary) Chart {
	c := Chart{Name: name, Caption: caption, Dataset: "procurement", Lang: lang,
		Head: []string{col, T(lang, "count"), T(lang, "value"), T(lang, "share")}}
	var cats []string
	var vals []float64
	for _, g := range groups {
		label := g.Name
		if g.Code != "" && name == "procurement-procedures" {
			label = g.Code
		}
		c.Rows = append(c.Rows, Row{Head: Cell{Text: label}, Cells: []Cell{countCell(lang, g.Count), leiCell(lang, g.Value),
			ratioCell(lang, Ratio{int64(g.Value), int64(tot.Value)})}})
		cats = append(cats, label)
		vals = append(vals, lei(g.Value))
	}
	c.Foot = &Row{Head: Cell{Text: T(lang, "total")}, Cells: []Cell{countCell(lang, tot.Count), leiCell(lang, tot.Value), ratioCell(lang, Ratio{int64(tot.Value), int64(tot.Value)})}}
	c.Options = barOptions(cats, true, series{T(lang, "value"), vals})
	return c
}

type supplierView struct {
	*Page
	Supplier warehouse.SupplierRow
	KPIs     []KPI
	ByYear   Chart
	Table    ContractsTable
	Pager    Pager
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
	q.page.setActive("procurement")
	q.page.Title = Tf(lang, "supplier.title", sup.Name)
	f := warehouse.ContractFilter{SupplierCUI: cui, Sort: warehouse.SortDateDesc}
	tot, err := rel.ContractTotals(ctx, f)
	if err != nil {
		return "", nil, err
	}
	v := &supplierView{Page: q.page, Supplier: sup}
	v.KPIs = []KPI{kpiCount(lang, "supplier-contracts", tot.Rows), kpiLei(lang, "supplier-value", tot.Value)}
	years, err := rel.ContractsByYear(ctx, f)
	if err != nil {
		return "", nil, err
	}
	v.ByYear = Chart{Name: "supplier-years", Caption: T(lang, "supplier.by.year"), Dataset: "procurement", Lang: lang,
		Head: []string{T(lang, "year"), T(lang, "count"), T(lang, "value")}}
	var cats []string
	var vals []float64
	for _, g := range years {
		v.ByYear.Rows = append(v.ByYear.Rows, Row{Head: Cell{Text: g.Code}, Cells: []Cell{countCell(lang, g.Count), leiCell(lang, g.Value)}})
		cats = append(cats, g.Code)
		vals = append(vals, lei(g.Value))
	}
	v.ByYear.Options = barOptions(cats, false, series{T(lang, "value"), vals})

	rows, page, pages, err := contractPage(q, &f, tot.Rows)
	if err != nil {
		return "", nil, err
	}
	caption := T(lang, "supplier.contracts")
	if len(rows) > 0 && pages > 1 {
		caption = Tf(lang, "proc.list", FormatCount(lang, int64(f.Offset+1)), FormatCount(lang, int64(f.Offset+len(rows))), FormatCount(lang, tot.Rows))
	}
	v.Table = ContractsTable{Lang: lang, Caption: caption}
	for _, c := range rows {
		v.Table.Rows = append(v.Table.Rows, contractListRow(lang, c))
	}
	self := link(lang, "/achizitii/furnizori/"+url.PathEscape(cui))
	v.Pager = Pager{Lang: lang, Page: page, Of: pages}
	if page > 1 {
		v.Pager.Prev = self
		if page > 2 {
			v.Pager.Prev += "?pagina=" + strconv.Itoa(page-1)
		}
	}
	if page < pages {
		v.Pager.Next = self + "?pagina=" + strconv.Itoa(page+1)
	}
	return "supplier", v, nil
}

// contractPage reads the page of the list the request asks for (pagina),
// setting f's limit and offset, and says which page of how many it is; a
// page past the end is a 404.
func contractPage(q *request, f *warehouse.ContractFilter, total int64) (rows []warehouse.ContractRow, page, pages int, err error) {
	pages = int((total + pageSize - 1) / pageSize)
	page = max(q.query.Page, 1)
	if pages > 0 && page > pages {
		return nil, page, pages, notFoundf("pagina %d din %d", page, pages)
	}
	f.Limit, f.Offset = pageSize, (page-1)*pageSize
	rows, err = q.rel.Contracts(q.ctx(), *f)
	return rows, page, pages, err
}
