package public

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// The county page's path in each language: /judet, /en/county
// (dashboards.Link knows the English one).
const (
	countyPath   = "/judet"
	countyPathEN = "/county"
)

// countyView is the county page: the table of every administrative unit
// first, its charts after.
type countyView struct {
	*dashboards.Page
	Form     dashboards.Form
	Table    CountyTable
	Charts   []dashboards.Chart
	Download string
	ViewNote string // what the money columns are: per inhabitant or total, the currency
}

// CountyTable is the sortable table of the administrative units: each
// column's heading links to the page sorted by it (no JavaScript).
type CountyTable struct {
	Lang, Caption string
	Head          []CountyHead
	Rows          []CountyRow
	Foot          *CountyRow
	Note          string
}

// CountyHead is a column heading with its sort link; Sort is "ascending" or
// "descending" on the column the table is sorted by (aria-sort).
type CountyHead struct {
	Text, Href, Sort, Label string
}

// CountyRow is one unit: its name (linking to its home page) and its cells;
// a missing figure is "–" with its reason (Why).
type CountyRow struct {
	Head  dashboards.Cell
	Cells []CountyCell
}

// CountyCell is a figure of the table.
type CountyCell struct {
	dashboards.Cell
	Why string
}

// countyColumn is a column of the table: its sort key (the ordine
// parameter's stem), heading, and the cell and sort value of a unit.
type countyColumn struct {
	key, head string
	cell      func(lang string, u countyFigures) CountyCell
}

// countyFigures are a unit's figures as the table shows them.
type countyFigures struct {
	models.CountyUnit
	total bool      // the county total row
	view  moneyView // how the money columns show (valori, moneda)
}

func (u countyFigures) missing(lang, key string, args ...any) CountyCell {
	return CountyCell{Cell: dashboards.Cell{Text: "–", Num: true}, Why: dashboards.Tf(lang, key, args...)}
}

func (u countyFigures) money(lang string, a models.Amount) CountyCell {
	if u.BudgetLines == 0 {
		return u.missing(lang, "county.why.budget", u.Year)
	}
	c, why := u.view.cell(lang, a, u.Year, u.People)
	return CountyCell{Cell: c, Why: why}
}

func (u countyFigures) share(lang string, num, den int64, whyNone, whyZero string, args ...any) CountyCell {
	if whyNone != "" {
		return u.missing(lang, whyNone, args...)
	}
	if den == 0 {
		return u.missing(lang, whyZero, args...)
	}
	return CountyCell{Cell: dashboards.RatioCell(lang, dashboards.Ratio{Num: num, Den: den})}
}

func (u countyFigures) noBudget() string {
	if u.BudgetLines == 0 {
		return "county.why.budget"
	}
	return ""
}

// countyColumns are the table's columns, in order.
var countyColumns = []countyColumn{
	{key: "tip", head: "county.kind", cell: func(lang string, u countyFigures) CountyCell {
		if u.total {
			return CountyCell{}
		}
		return CountyCell{Cell: dashboards.Cell{Text: dashboards.T(lang, "county.kind."+string(u.Entity.Kind)), Raw: strconv.Itoa(kindOrder(u.Entity.Kind))}}
	}},
	{key: "populatie", head: "county.population", cell: func(lang string, u countyFigures) CountyCell {
		if u.People <= 0 {
			return u.missing(lang, "county.why.people")
		}
		return CountyCell{Cell: dashboards.Cell{Text: dashboards.FormatPopulation(lang, u.People, u.PeopleYear), Raw: strconv.FormatInt(u.People, 10), Num: true}}
	}},
	{key: "cheltuieli", head: "county.expenses", cell: func(lang string, u countyFigures) CountyCell {
		return u.money(lang, u.ExpensesExecuted)
	}},
	{key: "venituri", head: "county.revenues", cell: func(lang string, u countyFigures) CountyCell {
		return u.money(lang, u.RevenuesExecuted)
	}},
	{key: "executie", head: models.KPIExecutionRate, cell: func(lang string, u countyFigures) CountyCell {
		n, d, _ := u.ExecutionRate() // the rule the peer comparison shares
		return u.share(lang, n, d, u.noBudget(), "county.why.final", u.Year)
	}},
	{key: "autonomie", head: models.KPIFiscalAutonomy, cell: func(lang string, u countyFigures) CountyCell {
		return u.share(lang, int64(u.OwnRevenues), int64(u.RevenuesExecuted), u.noBudget(), "county.why.revenues", u.Year)
	}},
	{key: "capital", head: models.KPICapitalShare, cell: func(lang string, u countyFigures) CountyCell {
		return u.share(lang, int64(u.CapitalExecuted), int64(u.ExpensesExecuted), u.noBudget(), "county.why.expenses", u.Year)
	}},
	{key: "directe", head: models.KPIDirectValueShare, cell: func(lang string, u countyFigures) CountyCell {
		n, d, _ := u.DirectPurchaseShare()
		return u.share(lang, n, d, "", "county.why.procure", u.Year)
	}},
	{key: "zile", head: models.KPIRequestsMedianDays, cell: func(lang string, u countyFigures) CountyCell {
		if u.total {
			return u.missing(lang, "county.why.median")
		}
		if u.RequestsAnswered == 0 {
			return u.missing(lang, "county.why.answered", u.Year)
		}
		return CountyCell{Cell: dashboards.Cell{Text: dashboards.FormatDays(lang, u.MedianDays), Raw: strconv.FormatInt(u.MedianDays, 10), Num: true}}
	}},
	{key: "termen", head: models.KPIRequestsWithinTerm, cell: func(lang string, u countyFigures) CountyCell {
		return u.share(lang, u.AnsweredWithinTerm, u.RequestsAnswered+u.OpenOverdue, "", "county.why.decided", u.Year)
	}},
}

// countySorts are the values of the county page's ordine parameter: a
// column's key (unitate for the name) with _asc or _desc.
var countySorts = func() map[string]bool {
	m := map[string]bool{"unitate_asc": true, "unitate_desc": true}
	for _, c := range countyColumns {
		m[c.key+"_asc"], m[c.key+"_desc"] = true, true
	}
	return m
}()

// countySortList is countySorts in the order of the columns, for the error
// that lists them.
func countySortList() string {
	keys := []string{"unitate_asc", "unitate_desc"}
	for _, c := range countyColumns {
		keys = append(keys, c.key+"_asc", c.key+"_desc")
	}
	return strings.Join(keys, ", ")
}

func kindOrder(k models.EntityKind) int {
	switch k {
	case models.KindJudet:
		return 0
	case models.KindMunicipiu:
		return 1
	case models.KindSector:
		return 2
	case models.KindOras:
		return 3
	}
	return 4
}

// countyData is the table of a release and year, sorted: what the page and
// its CSV download both show.
type countyData struct {
	year    int
	sortKey string
	units   []countyFigures
	total   countyFigures
	county  *models.Entity // the county council, when the release has it
	view    moneyView
}

func countyDataOf(q *request) (*countyData, error) {
	rel, lang := q.rel, q.lang
	sortKey := q.query.Sort
	if sortKey == "" {
		sortKey = "tip_asc"
	}
	if !countySorts[sortKey] {
		return nil, &dashboards.ParamError{Name: "ordine", Value: sortKey,
			Reason: "pe pagina județului valorile posibile sunt " + countySortList(), ReasonEN: "on the county page the possible values are " + countySortList()}
	}
	y := q.query.Year
	if y == 0 {
		if ys := rel.CountyYears(); len(ys) > 0 {
			y = ys[len(ys)-1]
		} else {
			y = rel.DefaultYear(rel.MainEntity())
		}
	}
	units, err := rel.CountyUnits(q.ctx(), y)
	if err != nil {
		return nil, err
	}
	d := &countyData{year: y, sortKey: sortKey, view: q.query.money(true)}
	t := models.CountyUnit{Year: y}
	var people int64
	for _, u := range units {
		d.units = append(d.units, countyFigures{CountyUnit: u, view: d.view})
		if u.Entity.Kind == models.KindJudet && d.county == nil {
			e := u.Entity
			d.county = &e
		}
		people += u.People
		t.PeopleYear = max(t.PeopleYear, u.PeopleYear)
		t.BudgetLines += u.BudgetLines
		t.ExpensesFinal += u.ExpensesFinal
		t.ExpensesExecuted += u.ExpensesExecuted
		t.CapitalExecuted += u.CapitalExecuted
		t.RevenuesExecuted += u.RevenuesExecuted
		t.OwnRevenues += u.OwnRevenues
		t.Contracts += u.Contracts
		t.ContractsValue += u.ContractsValue
		t.DirectPurchaseValue += u.DirectPurchaseValue
		t.RequestsReceived += u.RequestsReceived
		t.RequestsAnswered += u.RequestsAnswered
		t.AnsweredWithinTerm += u.AnsweredWithinTerm
		t.OpenOverdue += u.OpenOverdue
	}
	// The county's population is the county council's, which already
	// counts every commune's inhabitants.
	t.People = people
	for _, u := range d.units {
		if u.Entity.Kind == models.KindJudet && u.People > 0 {
			t.People, t.PeopleYear = u.People, u.PeopleYear
		}
	}
	d.total = countyFigures{CountyUnit: t, total: true, view: d.view}

	// The sort: by the column's machine value, units without a figure last
	// whichever the direction, then by name.
	stem, dir, _ := strings.Cut(sortKey, "_")
	col := -1
	for i, c := range countyColumns {
		if c.key == stem {
			col = i
		}
	}
	// Names in the Romanian alphabet's order (Fântâna before Frasinu).
	names := collate.New(language.Romanian)
	byName := func(a, b countyFigures) int { return names.CompareString(a.Entity.Name, b.Entity.Name) }
	slices.SortStableFunc(d.units, func(a, b countyFigures) int {
		if col >= 0 {
			ra, rb := countyColumns[col].cell(lang, a).Raw, countyColumns[col].cell(lang, b).Raw
			switch {
			case ra == "" && rb != "":
				return 1
			case ra != "" && rb == "":
				return -1
			case ra != "" && rb != "":
				fa, _ := strconv.ParseFloat(ra, 64)
				fb, _ := strconv.ParseFloat(rb, 64)
				if c := cmp.Compare(fa, fb); c != 0 {
					if dir == "desc" {
						return -c
					}
					return c
				}
			}
			return byName(a, b)
		}
		c := byName(a, b)
		if dir == "desc" {
			return -c
		}
		return c
	})
	return d, nil
}

// countyLink is the county page's address in lang with a query.
func countyLink(lang string, v url.Values) string { return dashboards.LinkQ(lang, countyPath, v) }

// county: every administrative unit of the release side by side, one
// sortable table first (server-side sort, ordine=<column>_<asc|desc>), the
// charts of its main columns after, and the table as CSV.
func (s *Server) county(q *request) (string, any, error) {
	lang, rel := q.lang, q.rel
	d, err := countyDataOf(q)
	if err != nil {
		return "", nil, err
	}
	q.page.SetActive("county")
	if d.county != nil {
		q.page.SetTitle("county.title", dashboards.EntityName(lang, *d.county), d.year)
	} else {
		q.page.SetTitle("county.title.plain", d.year)
	}
	keep := countyKeep(q, d)
	v := &countyView{Page: q.page}
	v.Form = dashboards.Form{Lang: lang, Action: countyLink(lang, nil), Reset: countyLink(lang, nil), Fields: countyFields(lang, rel, d)}
	v.ViewNote = d.view.note(lang, d.year)
	dl := dashboards.CloneValues(keep)
	dl.Set("an", strconv.Itoa(d.year))
	dl.Set("ordine", d.sortKey)
	v.Download = dashboards.LinkQ(lang, countyPath+".csv", dl)

	t := countyTableOf(lang, d, keep, func(v url.Values) string { return countyLink(lang, v) })
	v.Table = t
	if len(d.units) > 0 {
		v.Charts = countyCharts(lang, d)
	}
	if c, ok, err := countySuppliersChart(q.ctx(), lang, rel); err != nil {
		return "", nil, err
	} else if ok {
		v.Charts = append(v.Charts, c)
	}
	return "county", v, nil
}

// countyKeep are the parameters the county page's links keep: the year
// when one was asked, the view when it is not the default.
func countyKeep(q *request, d *countyData) url.Values {
	keep := url.Values{}
	if q.query.Year != 0 {
		keep.Set("an", strconv.Itoa(d.year))
	}
	d.view.set(keep, true)
	return keep
}

// countyFields are the county page's selectors: the year, the sort kept,
// the view.
func countyFields(lang string, rel models.Reader, d *countyData) []dashboards.Field {
	fields := []dashboards.Field{
		{Name: "an", Label: dashboards.T(lang, "year"), Type: "select", Options: yearOptions(rel.CountyYears(), d.year)},
		{Name: "ordine", Type: "hidden", Value: d.sortKey},
	}
	return append(fields, viewFields(lang, d.view)...)
}

// countyTableOf is the table of d: each heading sorts by its column through
// link (the page's address with the parameters kept), each unit a row, the
// county total below when there are several.
func countyTableOf(lang string, d *countyData, keep url.Values, link func(url.Values) string) CountyTable {
	t := CountyTable{Lang: lang, Caption: dashboards.Tf(lang, "county.table", d.year), Note: dashboards.T(lang, "county.total.note")}
	sortHead := func(key, text string) CountyHead {
		h := CountyHead{Text: text}
		next := key + "_asc"
		switch d.sortKey {
		case key + "_asc":
			h.Sort, next = "ascending", key+"_desc"
		case key + "_desc":
			h.Sort = "descending"
		}
		sv := dashboards.CloneValues(keep)
		sv.Set("ordine", next)
		h.Href = link(sv)
		h.Label = dashboards.Tf(lang, "county.sort.by", text)
		if h.Sort != "" {
			h.Label += " (" + dashboards.T(lang, map[string]string{"ascending": "county.sort.asc", "descending": "county.sort.desc"}[h.Sort]) + ")"
		}
		return h
	}
	t.Head = append(t.Head, sortHead("unitate", dashboards.T(lang, "county.unit")))
	for _, c := range countyColumns {
		t.Head = append(t.Head, sortHead(c.key, d.headText(lang, c.head)))
	}
	for _, u := range d.units {
		t.Rows = append(t.Rows, countyRow(lang, u))
	}
	if len(d.units) > 1 {
		foot := countyRow(lang, d.total)
		t.Foot = &foot
	}
	return t
}

// countyRow is a unit's row: its name links to its home page, its figures to
// the page they come from.
func countyRow(lang string, u countyFigures) CountyRow {
	var r CountyRow
	if u.total {
		r.Head = dashboards.Cell{Text: dashboards.T(lang, "county.total")}
	} else {
		v := url.Values{"entitate": {u.Entity.CUI}, "an": {strconv.Itoa(u.Year)}}
		r.Head = dashboards.Cell{Text: u.Entity.Name, Href: dashboards.LinkQ(lang, "/", v), Lang: nameLang(lang)}
	}
	for _, c := range countyColumns {
		cell := c.cell(lang, u)
		if !u.total && cell.Raw != "" {
			v := url.Values{"entitate": {u.Entity.CUI}, "an": {strconv.Itoa(u.Year)}}
			switch c.key {
			case "cheltuieli", "venituri", "executie", "autonomie", "capital":
				v.Set("vedere", "consolidat")
				cell.Href = dashboards.LinkQ(lang, "/buget", v)
			case "directe":
				cell.Href = dashboards.LinkQ(lang, "/achizitii", v)
			case "zile", "termen":
				cell.Href = dashboards.LinkQ(lang, "/cereri", v)
			}
		}
		r.Cells = append(r.Cells, cell)
	}
	return r
}

// nameLang marks an institution's (Romanian) name on an English page.
func nameLang(lang string) string {
	if lang == dashboards.EN {
		return dashboards.RO
	}
	return ""
}

// countyCharts are the main columns as bar charts, each with its table.
func countyCharts(lang string, d *countyData) []dashboards.Chart {
	var out []dashboards.Chart
	// Each chart links to the dataset its figures come from.
	for _, c := range []struct{ name, caption, col, dataset string }{
		{"county-expenses", "", "cheltuieli", "budget"},
		{"county-autonomy", "county.chart.auto", "autonomie", "budget"},
		{"county-within-term", "county.chart.term", "termen", "requests_daily"},
	} {
		var col countyColumn
		for _, cc := range countyColumns {
			if cc.key == c.col {
				col = cc
			}
		}
		caption := dashboards.Tf(lang, c.caption, d.year)
		if c.col == "cheltuieli" {
			caption = d.headText(lang, "county.expenses") + ", " + strconv.Itoa(d.year)
		}
		ch := dashboards.Chart{Name: c.name, Caption: caption, Lang: lang, Dataset: c.dataset,
			Head: []string{dashboards.T(lang, "county.unit"), d.headText(lang, col.head)}, Note: d.view.note(lang, d.year)}
		var cats []string
		var vals []float64
		var miss []bool
		for _, u := range d.units {
			cell := col.cell(lang, u)
			text := cell.Cell
			if cell.Why != "" {
				text.Text = "– (" + cell.Why + ")"
			}
			ch.Rows = append(ch.Rows, dashboards.Row{Head: dashboards.Cell{Text: u.Entity.Name, Lang: nameLang(lang)}, Cells: []dashboards.Cell{text}})
			cats = append(cats, u.Entity.Name)
			f, _ := strconv.ParseFloat(cell.Raw, 64)
			if c.col != "cheltuieli" {
				f *= 100 // shares as percentages
			}
			vals = append(vals, f)
			miss = append(miss, cell.Raw == "")
		}
		ch.Options = dashboards.BarOptions(cats, true, dashboards.Series{Name: d.headText(lang, col.head), Values: vals, Missing: miss})
		out = append(out, ch)
	}
	return out
}

// headText is a column's heading: the money columns say per inhabitant or
// in total.
func (d *countyData) headText(lang, head string) string {
	if head == "county.expenses" || head == "county.revenues" {
		if d.view.PerInhabitant {
			head += ".pc"
		} else {
			head += ".total"
		}
	}
	if strings.HasPrefix(head, "county.") {
		return dashboards.T(lang, head)
	}
	return dashboards.KPITitle(lang, head)
}
