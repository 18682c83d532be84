package dashboards

import (
	"net/url"
	"strconv"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

type budgetView struct {
	*Page
	Form        Form
	KPIs        []KPI
	Chapter     string // the chapter drilled into, "" for all
	AllChapters string // link back from a chapter
	Population  string
	Charts      []Chart
	Empty       bool
}

// budget: revenues and expenses by chapter, subchapter and economic title,
// drill-down into a chapter, year selector, year-over-year comparison, per
// capita, monthly execution, sections, consolidated view and "where 100 lei
// go".
func (s *Server) budget(q *request) (string, any, error) {
	lang, rel, ctx := q.lang, q.rel, q.ctx()
	e, y, err := entityAndYear(q)
	if err != nil {
		return "", nil, err
	}
	q.page.setActive("budget")
	q.page.withEntities(rel, e.CUI, Hidden{"an", yearParam(q.query.Year)})
	scope := warehouse.BudgetScope{Entity: e.CUI, Year: y, Consolidated: q.query.Consolidated, Chapter: q.query.Chapter}
	v := &budgetView{Page: q.page, Chapter: q.query.Chapter}

	chapters, err := rel.BudgetChapters(ctx, e.CUI)
	if err != nil {
		return "", nil, err
	}
	chapterName := ""
	for _, c := range chapters {
		if c.Code == q.query.Chapter {
			chapterName = c.Name
		}
	}
	if q.query.Chapter != "" && chapterName == "" {
		return "", nil, notFoundf("capitolul %s", q.query.Chapter)
	}
	if chapterName != "" {
		q.page.Title = Tf(lang, "budget.title.chapter", e.Name, q.query.Chapter+" "+chapterName, y)
	} else {
		q.page.Title = Tf(lang, "budget.title", e.Name, y)
	}

	// The filter form: year, view, chapter; the entity rides along.
	view := "entitate"
	if q.query.Consolidated {
		view = "consolidat"
	}
	chapterOpts := []Option{{Value: "", Text: T(lang, "all"), Selected: q.query.Chapter == ""}}
	for _, c := range chapters {
		if c.Kind != warehouse.KindExpenses && c.Code != q.query.Chapter {
			continue // the drill-down is into expense chapters
		}
		chapterOpts = append(chapterOpts, Option{Value: c.Code, Text: c.Code + " " + c.Name, Selected: c.Code == q.query.Chapter})
	}
	v.Form = Form{Lang: lang, Action: link(lang, "/buget"), Reset: link(lang, "/buget"), Fields: []Field{
		{Name: "an", Label: T(lang, "year"), Type: "select", Options: yearOptions(rel.Years(warehouse.YearsBudget, e.CUI), y)},
		{Name: "vedere", Label: T(lang, "budget.view"), Type: "select", Options: []Option{
			{Value: "entitate", Text: T(lang, "budget.view.entitate"), Selected: view == "entitate"},
			{Value: "consolidat", Text: T(lang, "budget.view.consolidat"), Selected: view == "consolidat"}}},
		{Name: "capitol", Label: T(lang, "budget.chapter"), Type: "select", Options: chapterOpts},
	}}
	if q.query.Entity != "" {
		v.Form.Fields = append(v.Form.Fields, Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}
	// Links inside the page keep entity, year and view.
	keep := entityYearValues(q, e.CUI, y)
	if q.query.Consolidated {
		keep.Set("vedere", "consolidat")
	}
	v.AllChapters = linkQ(lang, "/buget", keep)

	tot, err := rel.BudgetTotals(ctx, scope)
	if err != nil {
		return "", nil, err
	}
	v.Empty = tot.Expenses.Lines == 0 && tot.Revenues.Lines == 0
	pop := rel.Population(e.CUI, y)
	v.KPIs = []KPI{
		kpiLei(lang, "budget-final", tot.Expenses.Final),
		kpiLei(lang, "budget-executed", tot.Expenses.Executed),
		kpiRatio(lang, "execution-rate", Ratio{int64(tot.Expenses.Executed), int64(tot.Expenses.Final)}),
		kpiLei(lang, "revenue-executed", tot.Revenues.Executed),
	}
	if pop > 0 {
		v.KPIs = append(v.KPIs, kpiLei(lang, "per-capita-executed", PerCapita(tot.Expenses.Executed, pop)))
		v.Population = Tf(lang, "budget.population", FormatCount(lang, pop))
	}

	if q.query.Chapter != "" {
		subs, err := rel.BudgetBy(ctx, scope, warehouse.KindExpenses, warehouse.BySubchapter)
		if err != nil {
			return "", nil, err
		}
		v.Charts = append(v.Charts, groupChart(lang, "budget-subchapters", T(lang, "budget.subchapters"), subs, nil, false))
	} else {
		prevScope := scope
		prevScope.Year = y - 1
		cur, err := rel.BudgetBy(ctx, scope, warehouse.KindExpenses, warehouse.ByChapter)
		if err != nil {
			return "", nil, err
		}
		prev, err := rel.BudgetBy(ctx, prevScope, warehouse.KindExpenses, warehouse.ByChapter)
		if err != nil {
			return "", nil, err
		}
		v.Charts = append(v.Charts, chaptersYoY(lang, cur, prev, y, keep), hundredLei(lang, cur, tot.Expenses.Executed))
	}
	rev, err := rel.BudgetBy(ctx, scope, warehouse.KindRevenues, warehouse.ByChapter)
	if err != nil {
		return "", nil, err
	}
	econ, err := rel.BudgetBy(ctx, scope, warehouse.KindExpenses, warehouse.ByEconomicTitle)
	if err != nil {
		return "", nil, err
	}
	sections, err := rel.BudgetBy(ctx, scope, warehouse.KindExpenses, warehouse.BySection)
	if err != nil {
		return "", nil, err
	}
	for i := range sections {
		sections[i].Name = T(lang, "budget.section."+sections[i].Code)
	}
	if q.query.Chapter == "" {
		revChart := groupChart(lang, "budget-revenues", T(lang, "budget.revenues"), rev, nil, true)
		revChart.Head[1], revChart.Head[2] = T(lang, "budget.rev.final"), T(lang, "budget.rev.executed")
		v.Charts = append(v.Charts, revChart)
	}
	v.Charts = append(v.Charts,
		groupChart(lang, "budget-economic", T(lang, "budget.economic"), econ, nil, true),
		groupChart(lang, "budget-sections", T(lang, "budget.sections"), sections, nil, false))

	months, err := rel.BudgetMonthly(ctx, scope, warehouse.KindExpenses)
	if err != nil {
		return "", nil, err
	}
	v.Charts = append(v.Charts, monthlyChart(lang, months))
	years, err := rel.BudgetByYear(ctx, scope)
	if err != nil {
		return "", nil, err
	}
	v.Charts = append(v.Charts, yearsChart(lang, years))
	return "budget", v, nil
}

// groupChart is a breakdown with appropriations, execution and execution rate.
func groupChart(lang, name, caption string, groups []warehouse.BudgetGroup, _ url.Values, horizontal bool) Chart {
	c := Chart{Name: name, Caption: caption, Dataset: "budget", Lang: lang,
		Head: []string{"", T(lang, "budget.final"), T(lang, "budget.executed"), T(lang, "budget.rate")}}
	c.Head[0] = caption
	var cats []string
	var final, exec []float64
	var tf, te models.Amount
	for _, g := range groups {
		label := g.Name
		if label == "" {
			label = g.Code
		} else if g.Code != "" && name != "budget-sections" {
			label = g.Code + " " + g.Name
		}
		c.Rows = append(c.Rows, Row{Head: Cell{Text: label}, Cells: []Cell{leiCell(lang, g.Final), leiCell(lang, g.Executed),
			ratioCell(lang, Ratio{int64(g.Executed), int64(g.Final)})}})
		cats = append(cats, label)
		final = append(final, lei(g.Final))
		exec = append(exec, lei(g.Executed))
		tf += g.Final
		te += g.Executed
	}
	c.Foot = &Row{Head: Cell{Text: T(lang, "total")}, Cells: []Cell{leiCell(lang, tf), leiCell(lang, te), ratioCell(lang, Ratio{int64(te), int64(tf)})}}
	c.Options = barOptions(cats, horizontal, series{T(lang, "budget.final"), final}, series{T(lang, "budget.executed"), exec})
	return c
}

// chaptersYoY is expenses by chapter this year with last year's payments
// and the change, each chapter linking to its drill-down.
func chaptersYoY(lang string, cur, prev []warehouse.BudgetGroup, y int, keep url.Values) Chart {
	c := Chart{Name: "budget-chapters", Caption: T(lang, "budget.chapters"), Dataset: "budget", Lang: lang,
		Head: []string{T(lang, "budget.chapter"), T(lang, "budget.final"), T(lang, "budget.executed"), T(lang, "budget.rate"),
			Tf(lang, "budget.prev", y-1), Tf(lang, "budget.change", y-1)}}
	before := map[string]models.Amount{}
	for _, g := range prev {
		before[g.Code] = g.Executed
	}
	var cats []string
	var final, exec, last []float64
	var tf, te, tp models.Amount
	for _, g := range cur {
		v := cloneValues(keep)
		v.Set("capitol", chapterNumber(g.Code))
		p, had := before[g.Code]
		change := Cell{Text: "–", Num: true}
		if had && p != 0 {
			change = ratioCell(lang, Ratio{int64(g.Executed - p), int64(p)})
		}
		c.Rows = append(c.Rows, Row{Head: Cell{Text: g.Code + " " + g.Name, Href: linkQ(lang, "/buget", v)},
			Cells: []Cell{leiCell(lang, g.Final), leiCell(lang, g.Executed), ratioCell(lang, Ratio{int64(g.Executed), int64(g.Final)}),
				leiCell(lang, p), change}})
		cats = append(cats, g.Name)
		final = append(final, lei(g.Final))
		exec = append(exec, lei(g.Executed))
		last = append(last, lei(p))
		tf, te, tp = tf+g.Final, te+g.Executed, tp+p
	}
	totalChange := Cell{Text: "–", Num: true}
	if tp != 0 {
		totalChange = ratioCell(lang, Ratio{int64(te - tp), int64(tp)})
	}
	c.Foot = &Row{Head: Cell{Text: T(lang, "total")}, Cells: []Cell{leiCell(lang, tf), leiCell(lang, te),
		ratioCell(lang, Ratio{int64(te), int64(tf)}), leiCell(lang, tp), totalChange}}
	c.Options = barOptions(cats, true, series{T(lang, "budget.final"), final}, series{T(lang, "budget.executed"), exec},
		series{Tf(lang, "budget.prev", y-1), last})
	return c
}

// hundredLei: of every 100 lei paid, how many went to each chapter.
func hundredLei(lang string, groups []warehouse.BudgetGroup, total models.Amount) Chart {
	c := Chart{Name: "budget-100-lei", Caption: T(lang, "budget.100"), Dataset: "budget", Lang: lang,
		Head: []string{T(lang, "budget.chapter"), T(lang, "budget.100.col")}}
	var labels []string
	var vals []float64
	for _, g := range groups {
		// 100 lei * executed / total, in bani, rounded half up.
		per100 := models.Amount(0)
		if total != 0 {
			per100 = models.Amount(roundDiv(int64(g.Executed)*10_000, int64(total)))
		}
		c.Rows = append(c.Rows, Row{Head: Cell{Text: g.Name}, Cells: []Cell{leiCell(lang, per100)}})
		labels = append(labels, g.Name)
		vals = append(vals, lei(per100))
	}
	c.Options = pieOptions(T(lang, "budget.100"), labels, vals)
	return c
}

// monthlyChart: each month's payments and the cumulative payments against
// the appropriations in force.
func monthlyChart(lang string, months []warehouse.BudgetMonth) Chart {
	c := Chart{Name: "budget-monthly", Caption: T(lang, "budget.monthly"), Dataset: "budget_execution_monthly", Lang: lang,
		Head: []string{T(lang, "month"), T(lang, "budget.in.month"), T(lang, "budget.cumulative"), T(lang, "budget.final"), T(lang, "budget.rate")}}
	var cats []string
	var inMonth, cum, final []float64
	for _, m := range months {
		name := MonthName(lang, m.Month)
		c.Rows = append(c.Rows, Row{Head: Cell{Text: name}, Cells: []Cell{leiCell(lang, m.Executed), leiCell(lang, m.ExecutedCumulative),
			leiCell(lang, m.Final), ratioCell(lang, Ratio{int64(m.ExecutedCumulative), int64(m.Final)})}})
		cats = append(cats, name)
		inMonth = append(inMonth, lei(m.Executed))
		cum = append(cum, lei(m.ExecutedCumulative))
		final = append(final, lei(m.Final))
	}
	c.Options = lineOptions(cats, series{T(lang, "budget.cumulative"), cum}, series{T(lang, "budget.final"), final},
		series{T(lang, "budget.in.month"), inMonth})
	return c
}

// yearsChart compares the years of the scope.
func yearsChart(lang string, years []warehouse.BudgetYear) Chart {
	c := Chart{Name: "budget-years", Caption: T(lang, "budget.years"), Dataset: "budget", Lang: lang,
		Head: []string{T(lang, "year"), T(lang, "budget.final"), T(lang, "budget.executed"), T(lang, "budget.rev.executed"), T(lang, "budget.reported")}}
	var cats []string
	var final, exec, rev []float64
	for _, y := range years {
		ys := strconv.Itoa(y.Year)
		c.Rows = append(c.Rows, Row{Head: Cell{Text: ys}, Cells: []Cell{leiCell(lang, y.ExpensesFinal), leiCell(lang, y.ExpensesExecuted),
			leiCell(lang, y.RevenuesExecuted), {Text: MonthName(lang, y.ReportedMonth)}}})
		cats = append(cats, ys)
		final = append(final, lei(y.ExpensesFinal))
		exec = append(exec, lei(y.ExpensesExecuted))
		rev = append(rev, lei(y.RevenuesExecuted))
	}
	c.Options = barOptions(cats, false, series{T(lang, "budget.final"), final}, series{T(lang, "budget.executed"), exec},
		series{T(lang, "budget.rev.executed"), rev})
	return c
}
