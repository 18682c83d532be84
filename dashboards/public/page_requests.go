package public

import (
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

type requestsView struct {
	*dashboards.Page
	Form     dashboards.Form
	KPIs     []dashboards.KPI
	Charts   []dashboards.Chart
	NoAnswer bool
	// AsOf says the date open requests are counted at; AsOfRaw is it as
	// YYYY-MM-DD (the latest, when the rows come from several exports).
	AsOf, AsOfRaw string
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
	q.page.SetActive("requests")
	q.page.SetTitle("req.title", dashboards.EntityName(lang, e), y)
	q.page.WithEntities(rel, e.CUI, dashboards.Hidden{Name: "an", Value: yearParam(q.query.Year)})
	v := &requestsView{Page: q.page}
	v.Form = dashboards.Form{Lang: lang, Action: dashboards.Link(lang, "/cereri"), Reset: dashboards.Link(lang, "/cereri"), Fields: []dashboards.Field{
		{Name: "an", Label: dashboards.T(lang, "year"), Type: "select", Options: yearOptions(rel.Years(models.DatasetRequests, e.CUI), y)},
	}}
	if q.query.Entity != "" {
		v.Form.Fields = append(v.Form.Fields, dashboards.Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}
	rs := models.RequestScope{Entity: e.CUI, Year: y}
	tot, err := rel.RequestTotals(ctx, rs)
	if err != nil {
		return "", nil, err
	}
	ad, err := rel.RequestAnswerDays(ctx, rs)
	if err != nil {
		return "", nil, err
	}
	v.KPIs = requestKPIs(q, e, y, tot, ad)
	v.NoAnswer = ad.Answered == 0 && tot.Received > 0
	v.AsOf, v.AsOfRaw = requestsAsOf(lang, tot)
	if tot.Received > 0 {
		v.Charts = append(v.Charts, outcomeChart(lang, tot))
	}

	months, err := rel.RequestsBy(ctx, rs, models.RequestsByMonth)
	if err != nil {
		return "", nil, err
	}
	monthly := requestChart(lang, "requests-monthly", dashboards.T(lang, "req.monthly"), dashboards.T(lang, "month"), months, func(k string) dashboards.Cell {
		n := 0
		for _, c := range k {
			n = n*10 + int(c-'0')
		}
		return dashboards.Cell{Text: dashboards.MonthName(lang, n)}
	})
	monthly.Options = dashboards.LineOptions(chartCats(monthly), dashboards.Series{Name: dashboards.T(lang, "req.received"), Values: chartCol(months, 0)},
		dashboards.Series{Name: dashboards.T(lang, "req.within"), Values: chartCol(months, 2)})
	v.Charts = append(v.Charts, monthly)
	for _, d := range []struct {
		dim                models.RequestDim
		name, caption, col string
		label              func(string) dashboards.Cell
	}{
		{models.RequestsByChannel, "requests-channels", "req.channels", "req.channel", func(k string) dashboards.Cell { return dashboards.ChannelName(lang, k) }},
		{models.RequestsByCategory, "requests-categories", "req.categories", "req.category", nil},
	} {
		groups, err := rel.RequestsBy(ctx, rs, d.dim)
		if err != nil {
			return "", nil, err
		}
		c := requestChart(lang, d.name, dashboards.T(lang, d.caption), dashboards.T(lang, d.col), groups, d.label)
		c.Options = dashboards.BarOptions(chartCats(c), true, dashboards.Series{Name: dashboards.T(lang, "req.received"), Values: chartCol(groups, 0)})
		v.Charts = append(v.Charts, c)
	}
	// Departments, with how fast each answers.
	deps, err := rel.RequestsBy(ctx, rs, models.RequestsByDepartment)
	if err != nil {
		return "", nil, err
	}
	days, err := rel.RequestAnswerDaysBy(ctx, rs, models.RequestsByDepartment)
	if err != nil {
		return "", nil, err
	}
	byDep := map[string]models.AnswerDays{}
	for _, d := range days {
		byDep[d.Key] = d.AnswerDays
	}
	c := requestChart(lang, "requests-departments", dashboards.T(lang, "req.departments"), dashboards.T(lang, "req.department"), deps, nil)
	c.Head = append(c.Head, dashboards.T(lang, "req.median"), dashboards.T(lang, "req.p90"))
	c.Dataset = "requests_answer_days"
	for i, g := range deps {
		d, ok := byDep[g.Key]
		if ok && d.Answered > 0 {
			c.Rows[i].Cells = append(c.Rows[i].Cells, dashboards.Cell{Text: dashboards.FormatDays(lang, d.Median), Raw: itoa(d.Median), Num: true},
				dashboards.Cell{Text: dashboards.FormatDays(lang, d.P90), Raw: itoa(d.P90), Num: true})
		} else {
			c.Rows[i].Cells = append(c.Rows[i].Cells, dashboards.Cell{Text: "–", Num: true}, dashboards.Cell{Text: "–", Num: true})
		}
	}
	c.Foot.Cells = append(c.Foot.Cells, dashboards.Cell{Text: dashboards.FormatDays(lang, ad.Median), Raw: itoa(ad.Median), Num: true},
		dashboards.Cell{Text: dashboards.FormatDays(lang, ad.P90), Raw: itoa(ad.P90), Num: true})
	if ad.Answered == 0 {
		c.Foot.Cells[len(c.Foot.Cells)-2], c.Foot.Cells[len(c.Foot.Cells)-1] = dashboards.Cell{Text: "–", Num: true}, dashboards.Cell{Text: "–", Num: true}
	}
	c.Options = dashboards.BarOptions(chartCats(c), true, dashboards.Series{Name: dashboards.T(lang, "req.received"), Values: chartCol(deps, 0)}, dashboards.Series{Name: dashboards.T(lang, "req.within"), Values: chartCol(deps, 2)})
	v.Charts = append(v.Charts, c)
	return "requests", v, nil
}

// requestChart is a table of received, answered, within term, open past
// the term and the share within term (of those answered or past their
// term), one row per group.
// Row names are the data's (a category, a department: Romanian on every
// page) unless label names them.
func requestChart(lang, name, caption, col string, groups []models.RequestGroup, label func(string) dashboards.Cell) dashboards.Chart {
	c := dashboards.Chart{Name: name, Caption: caption, Dataset: "requests_daily", Lang: lang,
		Head: []string{col, dashboards.T(lang, "req.received"), dashboards.T(lang, "req.answered"), dashboards.T(lang, "req.within"),
			dashboards.T(lang, "req.open.overdue"), dashboards.T(lang, "req.within.share")}}
	var tr, ta, tw, to int64
	for _, g := range groups {
		head := dashboards.DataCell(lang, g.Key)
		if label != nil {
			head = label(g.Key)
		}
		c.Rows = append(c.Rows, dashboards.Row{Head: head, Cells: []dashboards.Cell{dashboards.CountCell(lang, g.Received), dashboards.CountCell(lang, g.Answered),
			dashboards.CountCell(lang, g.AnsweredWithinTerm), dashboards.CountCell(lang, g.OpenOverdue),
			dashboards.RatioCell(lang, dashboards.Ratio{Num: g.AnsweredWithinTerm, Den: g.Answered + g.OpenOverdue})}})
		tr, ta, tw, to = tr+g.Received, ta+g.Answered, tw+g.AnsweredWithinTerm, to+g.OpenOverdue
	}
	c.Foot = &dashboards.Row{Head: dashboards.Cell{Text: dashboards.T(lang, "total")}, Cells: []dashboards.Cell{dashboards.CountCell(lang, tr), dashboards.CountCell(lang, ta),
		dashboards.CountCell(lang, tw), dashboards.CountCell(lang, to), dashboards.RatioCell(lang, dashboards.Ratio{Num: tw, Den: ta + to})}}
	return c
}

// requestsWithinTerm is the share answered within the term of the requests
// whose term has come: answered, or still open after it (late).
func requestsWithinTerm(lang string, t models.RequestTotals) dashboards.KPI {
	return dashboards.KPIRatio(lang, models.KPIRequestsWithinTerm, dashboards.Ratio{Num: t.AnsweredWithinTerm, Den: t.Decided()})
}

// requestsBacklog is the open backlog and the requests open past their
// term, each with the date they are counted at.
func requestsBacklog(lang string, t models.RequestTotals) []dashboards.KPI {
	open := dashboards.KPICount(lang, models.KPIRequestsOpen, t.Open)
	overdue := dashboards.KPICount(lang, models.KPIRequestsOpenOverdue, t.OpenOverdue)
	if !t.AsOf.IsZero() {
		open.Note = dashboards.Tf(lang, "req.as.of.note", dashboards.FormatDate(lang, t.AsOf))
		overdue.Note = open.Note
	}
	return []dashboards.KPI{open, overdue}
}

// requestsAsOf says the date open requests are counted at, and that date
// as YYYY-MM-DD ("" without requests).
func requestsAsOf(lang string, t models.RequestTotals) (string, string) {
	switch {
	case t.AsOf.IsZero():
		return "", ""
	case t.AsOfFirst.IsZero() || t.AsOfFirst.Equal(t.AsOf):
		return dashboards.Tf(lang, "req.as.of", dashboards.FormatDate(lang, t.AsOf)), t.AsOf.Format(time.DateOnly)
	}
	return dashboards.Tf(lang, "req.as.of.range", dashboards.FormatDate(lang, t.AsOfFirst), dashboards.FormatDate(lang, t.AsOf)), t.AsOf.Format(time.DateOnly)
}

// outcomeChart is what became of the scope's requests: every request in one
// row (answered within or after the term, open past or within the term,
// redirected, cancelled or withdrawn), with its share of those received.
func outcomeChart(lang string, t models.RequestTotals) dashboards.Chart {
	c := dashboards.Chart{Name: "requests-outcomes", Caption: dashboards.T(lang, "req.outcomes"), Dataset: "requests_daily", Lang: lang,
		Head: []string{dashboards.T(lang, "req.outcome"), dashboards.T(lang, "req.requests"), dashboards.T(lang, "req.share")}}
	var cats []string
	var vals []float64
	for _, o := range []struct {
		key string
		n   int64
	}{
		{"req.out.within", t.AnsweredWithinTerm}, {"req.out.late", t.AnsweredLate},
		{"req.out.overdue", t.OpenOverdue}, {"req.out.open", t.Open - t.OpenOverdue},
		{"req.out.redirect", t.Redirected}, {"req.out.cancel", t.Cancelled},
	} {
		name := dashboards.T(lang, o.key)
		c.Rows = append(c.Rows, dashboards.Row{Head: dashboards.Cell{Text: name}, Cells: []dashboards.Cell{dashboards.CountCell(lang, o.n),
			dashboards.RatioCell(lang, dashboards.Ratio{Num: o.n, Den: t.Received})}})
		cats, vals = append(cats, name), append(vals, float64(o.n))
	}
	c.Foot = &dashboards.Row{Head: dashboards.Cell{Text: dashboards.T(lang, "total")}, Cells: []dashboards.Cell{dashboards.CountCell(lang, t.Received),
		dashboards.RatioCell(lang, dashboards.Ratio{Num: t.Received, Den: t.Received})}}
	c.Options = dashboards.BarOptions(cats, true, dashboards.Series{Name: dashboards.T(lang, "req.requests"), Values: vals})
	return c
}

func chartCats(c dashboards.Chart) []string {
	out := make([]string, len(c.Rows))
	for i, r := range c.Rows {
		out[i] = r.Head.Text
	}
	return out
}

// chartCol is a column of request groups: 0 received, 1 answered, 2 within term.
func chartCol(groups []models.RequestGroup, col int) []float64 {
	out := make([]float64, len(groups))
	for i, g := range groups {
		out[i] = float64([]int64{g.Received, g.Answered, g.AnsweredWithinTerm}[col])
	}
	return out
}

// requestKPIs are the headline numbers of an entity's requests in a year:
// received, the share answered within the legal deadline, the median and
// 90th percentile days, the share filed online; "–" with the reason when
// the institution publishes no requests (for that year).
func requestKPIs(q *request, e models.Entity, y int, tot models.RequestTotals, ad models.AnswerDays) []dashboards.KPI {
	lang := q.lang
	if why := absence(q, models.DatasetRequests, e.CUI, y); why != "" {
		var ks []dashboards.KPI
		for _, id := range []string{models.KPIRequestsReceived, models.KPIRequestsWithinTerm, models.KPIRequestsOpen, models.KPIRequestsOpenOverdue,
			models.KPIRequestsMedianDays, models.KPIRequestsP90Days, models.KPIRequestsOnlineShare} {
			ks = append(ks, dashboards.KPIMissing(lang, id, why))
		}
		return ks
	}
	days := func(id string, n int64) dashboards.KPI {
		if ad.Answered == 0 {
			return dashboards.KPIMissing(lang, id, dashboards.T(lang, "req.no.answers"))
		}
		return dashboards.KPIDays(lang, id, n, true)
	}
	ks := []dashboards.KPI{
		dashboards.KPICount(lang, models.KPIRequestsReceived, tot.Received),
		requestsWithinTerm(lang, tot),
	}
	ks = append(ks, requestsBacklog(lang, tot)...)
	return append(ks,
		days(models.KPIRequestsMedianDays, ad.Median),
		days(models.KPIRequestsP90Days, ad.P90),
		dashboards.KPIRatio(lang, models.KPIRequestsOnlineShare, dashboards.Ratio{Num: tot.OnlineReceived, Den: tot.Received}),
	)
}
