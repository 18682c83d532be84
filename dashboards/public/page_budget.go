package public

import (
	"net/url"
	"strconv"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

type budgetView struct {
	*dashboards.Page
	Form        dashboards.Form
	KPIs        []dashboards.KPI
	Chapter     string // the chapter drilled into, "" for all
	AllChapters string // link back from a chapter
	Population  string
	Charts      []dashboards.Chart
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
	q.page.SetActive("budget")
	q.page.WithEntities(rel, e.CUI, dashboards.Hidden{Name: "an", Value: yearParam(q.query.Year)})
	scope := models.BudgetScope{Entity: e.CUI, Year: y, Consolidated: q.query.Consolidated, Chapter: q.query.Chapter}
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
		q.page.Title = dashboards.Tf(lang, "budget.title.chapter", e.Name, q.query.Chapter+" "+chapterName, y)
	} else {
		q.page.Title = dashboards.Tf(lang, "budget.title", e.Name, y)
	}

	// The filter form: year, view, chapter; the entity rides along.
	view := "entitate"
	if q.query.Consolidated {
		view = "consolidat"
	}
	chapterOpts := []dashboards.Option{{Value: "", Text: dashboards.T(lang, "all"), Selected: q.query.Chapter == ""}}
	for _, c := range chapters {
		if models.BudgetKind(c.Kind) != models.Expense && c.Code != q.query.Chapter {
			continue // the drill-down is into expense chapters
		}
		chapterOpts = append(chapterOpts, dashboards.Option{Value: c.Code, Text: c.Code + " " + c.Name, Selected: c.Code == q.query.Chapter})
	}
	v.Form = dashboards.Form{Lang: lang, Action: dashboards.Link(lang, "/buget"), Reset: dashboards.Link(lang, "/buget"), Fields: []dashboards.Field{
		{Name: "an", Label: dashboards.T(lang, "year"), Type: "select", Options: yearOptions(rel.Years(models.DatasetBudget, e.CUI), y)},
		{Name: "vedere", Label: dashboards.T(lang, "budget.view"), Type: "select", Options: []dashboards.Option{
			{Value: "entitate", Text: dashboards.T(lang, "budget.view.entitate"), Selected: view == "entitate"},
			{Value: "consolidat", Text: dashboards.T(lang, "budget.view.consolidat"), Selected: view == "consolidat"}}},
		{Name: "capitol", Label: dashboards.T(lang, "budget.chapter"), Type: "select", Options: chapterOpts},
	}}
	if q.query.Entity != "" {
		v.Form.Fields = append(v.Form.Fields, dashboards.Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}
	// Links inside the page keep entity, year and view.
	keep := entityYearValues(q, e.CUI, y)
	if q.query.Consolidated {
		keep.Set("vedere", "consolidat")
	}
	v.AllChapters = dashboards.LinkQ(lang, "/buget", keep)

	tot, err := rel.BudgetTotals(ctx, scope)
	if err != nil {
		return "", nil, err
	}
	v.Empty = tot.Expenses.Lines == 0 && tot.Revenues.Lines == 0
	pop := e.PopulationIn(y)
	v.KPIs = []dashboards.KPI{
		dashboards.KPILei(lang, models.KPIBudgetFinal, tot.Expenses.Final),
		dashboards.KPILei(lang, models.KPIBudgetExecuted, tot.Expenses.Executed),
		dashboards.KPIRatio(lang, models.KPIExecutionRate, dashboards.Ratio{Num: int64(tot.Expenses.Executed), Den: int64(tot.Expenses.Final)}),
		dashboards.KPILei(lang, models.KPIRevenueExecuted, tot.Revenues.Executed),
	}
	if pop > 0 {
		v.KPIs = append(v.KPIs, dashboards.KPILei(lang, models.KPIPerCapitaExecuted, dashboards.PerCapita(tot.Expenses.Executed, pop)))
		v.Population = dashboards.Tf(lang, "budget.population", dashboards.FormatCount(lang, pop))
	}

	if q.query.Chapter != "" {
		subs, err := rel.BudgetBy(ctx, scope, models.Expense, models.BySubchapter)
		if err != nil {
			return "", nil, err
		}
		v.Charts = append(v.Charts, groupChart(lang, "budget-subchapters", dashboards.T(lang, "budget.subchapters"), subs, nil, false))
	} else {
		prevScope := scope
		prevScope.Year = y - 1
		cur, err := rel.BudgetBy(ctx, scope, models.Expense, models.ByChapter)
		if err != nil {
			return "", nil, err
		}
		prev, err := rel.BudgetBy(ctx, prevScope, models.Expense, models.ByChapter)
		if err != nil {
			return "", nil, err
		}
		v.Charts = append(v.Charts, chaptersYoY(lang, cur, prev, y, keep), hundredLei(lang, cur, tot.Expenses.Executed))
	}
	rev, err := rel.BudgetBy(ctx, scope, models.Revenue, models.ByChapter)
	if err != nil {
		return "", nil, err
	}
	econ, err := rel.BudgetBy(ctx, scope, models.Expense, models.ByEconomicTitle)
	if err != nil {
		return "", nil, err
	}
	sections, err := rel.BudgetBy(ctx, scope, models.Expense, models.BySection)
	if err != nil {
		return "", nil, err
	}
	for i := range sections {
		sections[i].Name = dashboards.T(lang, "budget.section."+sections[i].Code)
	}
	if q.query.Chapter == "" {
		revChart := groupChart(lang, "budget-revenues", dashboards.T(lang, "budget.revenues"), rev, nil, true)
		revChart.Head[1], revChart.Head[2] = dashboards.T(lang, "budget.rev.final"), dashboards.T(lang, "budget.rev.executed")
		v.Charts = append(v.Charts, revChart)
	}
	v.Charts = append(v.Charts,
		groupChart(lang, "budget-economic", dashboards.T(lang, "budget.economic"), econ, nil, true),
		groupChart(lang, "budget-sections", dashboards.T(lang, "budget.sections"), sections, nil, false))

	months, err := rel.BudgetMonthly(ctx, scope, models.Expense)
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
func groupChart(lang, name, caption string, groups []models.BudgetGroup, _ url.Values, horizontal bool) dashboards.Chart {
	c := dashboards.Chart{Name: name, Caption: caption, Dataset: "budget", Lang: lang,
		Head: []string{"", dashboards.T(lang, "budget.final"), dashboards.T(lang, "budget.executed"), dashboards.T(lang, "budget.rate")}}
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
		c.Rows = append(c.Rows, dashboards.Row{Head: dashboards.Cell{Text: label}, Cells: []dashboards.Cell{dashboards.LeiCell(lang, g.Final), dashboards.LeiCell(lang, g.Executed),
			dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(g.Executed), Den: int64(g.Final)})}})
		cats = append(cats, label)
		final = append(final, dashboards.Lei(g.Final))
		exec = append(exec, dashboards.Lei(g.Executed))
		tf += g.Final
		te += g.Executed
	}
	c.Foot = &dashboards.Row{Head: dashboards.Cell{Text: dashboards.T(lang, "total")}, Cells: []dashboards.Cell{dashboards.LeiCell(lang, tf), dashboards.LeiCell(lang, te), dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(te), Den: int64(tf)})}}
	c.Options = dashboards.BarOptions(cats, horizontal, dashboards.Series{Name: dashboards.T(lang, "budget.final"), Values: final}, dashboards.Series{Name: dashboards.T(lang, "budget.executed"), Values: exec})
	return c
}

// chaptersYoY is expenses by chapter this year with last year's payments
// and the change, each chapter linking to its drill-down.
func chaptersYoY(lang string, cur, prev []models.BudgetGroup, y int, keep url.Values) dashboards.Chart {
	c := dashboards.Chart{Name: "budget-chapters", Caption: dashboards.T(lang, "budget.chapters"), Dataset: "budget", Lang: lang,
		Head: []string{dashboards.T(lang, "budget.chapter"), dashboards.T(lang, "budget.final"), dashboards.T(lang, "budget.executed"), dashboards.T(lang, "budget.rate"),
			dashboards.Tf(lang, "budget.prev", y-1), dashboards.Tf(lang, "budget.change", y-1)}}
	before := map[string]models.Amount{}
	for _, g := range prev {
		before[g.Code] = g.Executed
	}
	var cats []string
	var final, exec, last []float64
	var tf, te, tp models.Amount
	for _, g := range cur {
		v := dashboards.CloneValues(keep)
		v.Set("capitol", chapterNumber(g.Code))
		p, had := before[g.Code]
		change := dashboards.Cell{Text: "–", Num: true}
		if had && p != 0 {
			change = dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(g.Executed - p), Den: int64(p)})
		}
		c.Rows = append(c.Rows, dashboards.Row{Head: dashboards.Cell{Text: g.Code + " " + g.Name, Href: dashboards.LinkQ(lang, "/buget", v)},
			Cells: []dashboards.Cell{dashboards.LeiCell(lang, g.Final), dashboards.LeiCell(lang, g.Executed), dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(g.Executed), Den: int64(g.Final)}),
				dashboards.LeiCell(lang, p), change}})
		cats = append(cats, g.Name)
		final = append(final, dashboards.Lei(g.Final))
		exec = append(exec, dashboards.Lei(g.Executed))
		last = append(last, dashboards.Lei(p))
		tf, te, tp = tf+g.Final, te+g.Executed, tp+p
	}
	totalChange := dashboards.Cell{Text: "–", Num: true}
	if tp != 0 {
		totalChange = dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(te - tp), Den: int64(tp)})
	}
	c.Foot = &dashboards.Row{Head: dashboards.Cell{Text: dashboards.T(lang, "total")}, Cells: []dashboards.Cell{dashboards.LeiCell(lang, tf), dashboards.LeiCell(lang, te),
		dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(te), Den: int64(tf)}), dashboards.LeiCell(lang, tp), totalChange}}
	c.Options = dashboards.BarOptions(cats, true, dashboards.Series{Name: dashboards.T(lang, "budget.final"), Values: final}, dashboards.Series{Name: dashboards.T(lang, "budget.executed"), Values: exec},
		dashboards.Series{Name: dashboards.Tf(lang, "budget.prev", y-1), Values: last})
	return c
}

// hundredLei: of every 100 lei paid, how many went to each chapter.
func hundredLei(lang string, groups []models.BudgetGroup, total models.Amount) dashboards.Chart {
	c := dashboards.Chart{Name: "budget-100-lei", Caption: dashboards.T(lang, "budget.100"), Dataset: "budget", Lang: lang,
		Head: []string{dashboards.T(lang, "budget.chapter"), dashboards.T(lang, "budget.100.col")}}
	var labels []string
	var vals []float64
	for _, g := range groups {
		// 100 lei * executed / total, in bani, rounded half up.
		per100 := models.Amount(0)
		if total != 0 {
			per100 = models.Amount(dashboards.RoundDiv(int64(g.Executed)*10_000, int64(total)))
		}
		c.Rows = append(c.Rows, dashboards.Row{Head: dashboards.Cell{Text: g.Name}, Cells: []dashboards.Cell{dashboards.LeiCell(lang, per100)}})
		labels = append(labels, g.Name)
		vals = append(vals, dashboards.Lei(per100))
	}
	c.Options = dashboards.PieOptions(dashboards.T(lang, "budget.100"), labels, vals)
	return c
}

// monthlyChart: each month's payments and the cumulative payments against
// the appropriations in force.
func monthlyChart(lang string, months []models.BudgetMonth) dashboards.Chart {
	c := dashboards.Chart{Name: "budget-monthly", Caption: dashboards.T(lang, "budget.monthly"), Dataset: "budget_execution_monthly", Lang: lang,
		Head: []string{dashboards.T(lang, "month"), dashboards.T(lang, "budget.in.month"), dashboards.T(lang, "budget.cumulative"), dashboards.T(lang, "budget.final"), dashboards.T(lang, "budget.rate")}}
	var cats []string
	var inMonth, cum, final []float64
	for _, m := range months {
		name := dashboards.MonthName(lang, m.Month)
		c.Rows = append(c.Rows, dashboards.Row{Head: dashboards.Cell{Text: name}, Cells: []dashboards.Cell{dashboards.LeiCell(lang, m.Executed), dashboards.LeiCell(lang, m.ExecutedCumulative),
			dashboards.LeiCell(lang, m.Final), dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(m.ExecutedCumulative), Den: int64(m.Final)})}})
		cats = append(cats, name)
		inMonth = append(inMonth, dashboards.Lei(m.Executed))
		cum = append(cum, dashboards.Lei(m.ExecutedCumulative))
		final = append(final, dashboards.Lei(m.Final))
	}
	c.Options = dashboards.LineOptions(cats, dashboards.Series{Name: dashboards.T(lang, "budget.cumulative"), Values: cum}, dashboards.Series{Name: dashboards.T(lang, "budget.final"), Values: final},
		dashboards.Series{Name: dashboards.T(lang, "budget.in.month"), Values: inMonth})
	return c
}

// yearsChart compares the years of the scope.
func yearsChart(lang string, years []models.BudgetYear) dashboards.Chart {
	c := dashboards.Chart{Name: "budget-years", Caption: dashboards.T(lang, "budget.years"), Dataset: "budget", Lang: lang,
		Head: []string{dashboards.T(lang, "year"), dashboards.T(lang, "budget.final"), dashboards.T(lang, "budget.executed"), dashboards.T(lang, "budget.rev.executed"), dashboards.T(lang, "budget.reported")}}
	var cats []string
	var final, exec, rev []float64
	for _, y := range years {
		ys := strconv.Itoa(y.Year)
		c.Rows = append(c.Rows, dashboards.Row{Head: dashboards.Cell{Text: ys}, Cells: []dashboards.Cell{dashboards.LeiCell(lang, y.ExpensesFinal), dashboards.LeiCell(lang, y.ExpensesExecuted),
			dashboards.LeiCell(lang, y.RevenuesExecuted), {Text: dashboards.MonthName(lang, y.ReportedMonth)}}})
		cats = append(cats, ys)
		final = append(final, dashboards.Lei(y.ExpensesFinal))
		exec = append(exec, dashboards.Lei(y.ExpensesExecuted))
		rev = append(rev, dashboards.Lei(y.RevenuesExecuted))
	}
	c.Options = dashboards.BarOptions(cats, false, dashboards.Series{Name: dashboards.T(lang, "budget.final"), Values: final}, dashboards.Series{Name: dashboards.T(lang, "budget.executed"), Values: exec},
		dashboards.Series{Name: dashboards.T(lang, "budget.rev.executed"), Values: rev})
	return c
}
