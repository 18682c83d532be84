package dashboards

import (
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/warehouse"
)

type requestsView struct {
	*Page
	Form     Form
	KPIs     []KPI
	Charts   []Chart
	NoAnswer bool
}

// requests: volumes by channel, category and department, median and 90th
// percentile days to answer, share within the legal term, trend by month.
// Aggregates only.
func (s *Server) requests(q *request) (string, any, error) {
	lang, rel, ctx := q.lang, q.rel, q.ctx()
	e, y, err := entityAndYear(q)
	if err != nil {
		return "", nil, err
	}
	q.page.setActive("requests")
	q.page.Title = Tf(lang, "req.title", e.Name, y)
	q.page.withEntities(rel, e.CUI, Hidden{"an", yearParam(q.query.Year)})
	v := &requestsView{Page: q.page}
	v.Form = Form{Lang: lang, Action: link(lang, "/cereri"), Reset: link(lang, "/cereri"), Fields: []Field{
		{Name: "an", Label: T(lang, "year"), Type: "select", Options: yearOptions(rel.Years(warehouse.YearsRequests, e.CUI), y)},
	}}
	if q.query.Entity != "" {
		v.Form.Fields = append(v.Form.Fields, Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}
	rs := warehouse.RequestScope{Entity: e.CUI, Year: y}
	tot, err := rel.RequestTotals(ctx, rs)
	if err != nil {
		return "", nil, err
	}
	ad, err := rel.RequestAnswerDays(ctx, rs)
	if err != nil {
		return "", nil, err
	}
	v.NoAnswer = ad.Answered == 0
	v.KPIs = []KPI{
		kpiCount(lang, "requests-received", tot.Received),
		kpiRatio(lang, "requests-within-term-share", Ratio{tot.AnsweredWithinTerm, tot.Answered}),
		kpiDays(lang, "requests-median-days", ad.Median, ad.Answered > 0),
		kpiDays(lang, "requests-p90-days", ad.P90, ad.Answered > 0),
		kpiRatio(lang, "requests-online-share", Ratio{tot.OnlineReceived, tot.Received}),
	}

	months, err := rel.RequestsBy(ctx, rs, "month")
	if err != nil {
		return "", nil, err
	}
	monthly := requestChart(lang, "requests-monthly", T(lang, "req.monthly"), T(lang, "month"), months, func(k string) string {
		n := 0
		for _, c := range k {
			n = n*10 + int(c-'0')
		}
		return MonthName(lang, n)
	})
	monthly.Options = lineOptions(chartCats(monthly), series{T(lang, "req.received"), chartCol(months, 0)},
		series{T(lang, "req.within"), chartCol(months, 2)})
	v.Charts = append(v.Charts, monthly)
	for _, d := range []struct{ dim, name, caption, col string }{
		{"channel", "requests-channels", "req.channels", "req.channel"},
		{"category", "requests-categories", "req.categories", "req.category"},
	} {
		groups, err := rel.RequestsBy(ctx, rs, d.dim)
		if err != nil {
			return "", nil, err
		}
		c := requestChart(lang, d.name, T(lang, d.caption), T(lang, d.col), groups, nil)
		c.Options = barOptions(chartCats(c), true, series{T(lang, "req.received"), chartCol(groups, 0)})
		v.Charts = append(v.Charts, c)
	}
	// Departments, with how fast each answers.
	deps, err := rel.RequestsBy(ctx, rs, "department")
	if err != nil {
		return "", nil, err
	}
	days, err := rel.RequestAnswerDaysBy(ctx, rs, "department")
	if err != nil {
		return "", nil, err
	}
	byDep := map[string]warehouse.AnswerDays{}
	for _, d := range days {
		byDep[d.Key] = d.AnswerDays
	}
	c := requestChart(lang, "requests-departments", T(lang, "req.departments"), T(lang, "req.department"), deps, nil)
	c.Head = append(c.Head, T(lang, "req.median"), T(lang, "req.p90"))
	c.Dataset = "requests_answer_days"
	for i, g := range deps {
		d, ok := byDep[g.Key]
		if ok && d.Answered > 0 {
			c.Rows[i].Cells = append(c.Rows[i].Cells, Cell{Text: FormatDays(lang, d.Median), Raw: itoa(d.Median), Num: true},
				Cell{Text: FormatDays(lang, d.P90), Raw: itoa(d.P90), Num: true})
		} else {
			c.Rows[i].Cells = append(c.Rows[i].Cells, Cell{Text: "–", Num: true}, Cell{Text: "–", Num: true})
		}
	}
	c.Foot.Cells = append(c.Foot.Cells, Cell{Text: FormatDays(lang, ad.Median), Raw: itoa(ad.Median), Num: true},
		Cell{Text: FormatDays(lang, ad.P90), Raw: itoa(ad.P90), Num: true})
	if ad.Answered == 0 {
		c.Foot.Cells[len(c.Foot.Cells)-2], c.Foot.Cells[len(c.Foot.Cells)-1] = Cell{Text: "–", Num: true}, Cell{Text: "–", Num: true}
	}
	c.Options = barOptions(chartCats(c), true, series{T(lang, "req.received"), chartCol(deps, 0)}, series{T(lang, "req.within"), chartCol(deps, 2)})
	v.Charts = append(v.Charts, c)
	return "requests", v, nil
}

// requestChart is a table of received, answered, within term and the share
// within term, one row per group.
func requestChart(lang, name, caption, col string, groups []warehouse.RequestGroup, label func(string) string) Chart {
	c := Chart{Name: name, Caption: caption, Dataset: "requests_daily", Lang: lang,
		Head: []string{col, T(lang, "req.received"), T(lang, "req.answered"), T(lang, "req.within"), T(lang, "req.within.share")}}
	var tr, ta, tw int64
	for _, g := range groups {
		text := g.Key
		if label != nil {
			text = label(g.Key)
		}
		c.Rows = append(c.Rows, Row{Head: Cell{Text: text}, Cells: []Cell{countCell(lang, g.Received), countCell(lang, g.Answered),
			countCell(lang, g.AnsweredWithinTerm), ratioCell(lang, Ratio{g.AnsweredWithinTerm, g.Answered})}})
		tr, ta, tw = tr+g.Received, ta+g.Answered, tw+g.AnsweredWithinTerm
	}
	c.Foot = &Row{Head: Cell{Text: T(lang, "total")}, Cells: []Cell{countCell(lang, tr), countCell(lang, ta), countCell(lang, tw), ratioCell(lang, Ratio{tw, ta})}}
	return c
}

func chartCats(c Chart) []string {
	out := make([]string, len(c.Rows))
	for i, r := range c.Rows {
		out[i] = r.Head.Text
	}
	return out
}

// chartCol is a column of request groups: 0 received, 1 answered, 2 within term.
func chartCol(groups []warehouse.RequestGroup, col int) []float64 {
	out := make([]float64, len(groups))
	for i, g := range groups {
		out[i] = float64([]int64{g.Received, g.Answered, g.AnsweredWithinTerm}[col])
	}
	return out
}

// urlParam is a path parameter, unescaped.
func urlParam(q *request, name string) string {
	v := chi.URLParam(q.Request, name)
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}
