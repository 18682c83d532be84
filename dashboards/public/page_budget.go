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
	ViewNote    string // what the view's amounts are, when not lei in total
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
	// The entity selector keeps the year and the view.
	q.page.WithEntities(rel, e.CUI, dashboards.Hidden{Name: "an", Value: yearParam(q.query.Year)},
		dashboards.Hidden{Name: "valori", Value: q.query.Values}, dashboards.Hidden{Name: "moneda", Value: q.query.Currency})
	scope := models.BudgetScope{Entity: e.CUI, Year: y, Consolidated: q.query.Consolidated, Chapter: q.query.Chapter}
	v := &budgetView{Page: q.page, Chapter: q.query.Chapter}

	chapters, err := rel.BudgetChapters(ctx, e.CUI)
	if err != nil {
		return "", nil, err
	}
	chapterName, chapterKind := "", models.BudgetKind("")
	for _, c := range chapters {
		if c.Code == q.query.Chapter {
			chapterName, chapterKind = c.Name, models.BudgetKind(c.Kind)
		}
	}
	if q.query.Chapter != "" && chapterName == "" {
		return "", nil, notFoundf("capitolul %s", q.query.Chapter)
	}
	if chapterName != "" {
		name := dashboards.ChapterName(lang, q.query.Chapter, chapterName).Text
		q.page.SetTitle("budget.title.chapter", dashboards.EntityName(lang, e), q.query.Chapter+" "+name, y)
	} else {
		q.page.SetTitle("budget.title", dashboards.EntityName(lang, e), y)
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
		name := dashboards.ChapterName(lang, c.Code, c.Name)
		chapterOpts = append(chapterOpts, dashboards.Option{Value: c.Code, Text: c.Code + " " + name.Text, Lang: name.Lang, Selected: c.Code == q.query.Chapter})
	}
	v.Form = dashboards.Form{Lang: lang, Action: dashboards.Link(lang, "/buget"), Reset: dashboards.Link(lang, "/buget"), Fields: []dashboards.Field{
		{Name: "an", Label: dashboards.T(lang, "year"), Type: "select", Options: yearOptions(rel.Years(models.DatasetBudget, e.CUI), y)},
		{Name: "vedere", Label: dashboards.T(lang, "budget.view"), Type: "select", Options: []dashboards.Option{
			{Value: "entitate", Text: dashboards.T(lang, "budget.view.entitate"), Selected: view == "entitate"},
			{Value: "consolidat", Text: dashboards.T(lang, "budget.view.consolidat"), Selected: view == "consolidat"}}},
		{Name: "capitol", Label: dashboards.T(lang, "budget.chapter"), Type: "select", Options: chapterOpts},
	}}
	mv := q.query.money(false)
	v.Form.Fields = append(v.Form.Fields, viewFields(lang, mv)...)
	if q.query.Entity != "" {
		v.Form.Fields = append(v.Form.Fields, dashboards.Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}
	// Links inside the page keep entity, year and view.
	keep := entityYearValues(q, e.CUI, y)
	if q.query.Consolidated {
		keep.Set("vedere", "consolidat")
	}
	mv.set(keep, false)
	v.AllChapters = dashboards.LinkQ(lang, "/buget", keep)

	tot, err := rel.BudgetTotals(ctx, scope)
	if err != nil {
		return "", nil, err
	}
	years, err := rel.BudgetByYear(ctx, scope)
	if err != nil {
		return "", nil, err
	}
	// The months the year's latest report covers: every comparison with
	// another year is over these months.
	now := dashboards.Period{Year: y, Through: models.ReportedMonthIn(years, y)}
	v.Empty = tot.Expenses.Lines == 0 && tot.Revenues.Lines == 0
	v.KPIs = budgetKPIs(q, e, y, tot, chapterKind)
	if pop, of := e.PopulationIn(y); pop > 0 && tot.Expenses.Lines > 0 {
		v.KPIs = append(v.KPIs, dashboards.KPILei(lang, models.KPIPerCapitaExecuted, dashboards.PerCapita(tot.Expenses.Executed, pop)))
		v.Population = dashboards.Tf(lang, "budget.population", dashboards.FormatPopulation(lang, pop, of))
	}
	if mv != (moneyView{Currency: currencyLei}) {
		v.KPIs = mv.budgetKPIs(lang, v.KPIs, tot, e, y)
		v.ViewNote = mv.note(lang, y)
	}
	// The tables and charts below in the same view, each year at its own
	// rate, index and population.
	am := func() *viewAmounts { return mv.amounts(lang, e) }

	if q.query.Chapter != "" {
		subs, err := rel.BudgetBy(ctx, scope, models.Expense, models.BySubchapter)
		if err != nil {
			return "", nil, err
		}
		v.Charts = append(v.Charts, groupChart(lang, "budget-subchapters", dashboards.T(lang, "budget.subchapters"), subs, subchapterLabel(lang), false, false, am(), y))
	} else {
		cur, err := rel.BudgetBy(ctx, scope, models.Expense, models.ByChapter)
		if err != nil {
			return "", nil, err
		}
		// Last year over the same months as this year's latest report.
		prevScope := scope
		prevScope.Year = y - 1
		var prev []models.BudgetGroup
		prevThrough := 0
		if now.Through > 0 {
			if prev, prevThrough, err = rel.BudgetThrough(ctx, prevScope, models.Expense, models.ByChapter, now.Through); err != nil {
				return "", nil, err
			}
		}
		v.Charts = append(v.Charts, chaptersYoY(lang, cur, prev, dashboards.SamePeriod(now, y-1, prevThrough), keep, am()), hundredLei(lang, cur, tot.Expenses.Executed))
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
		v.Charts = append(v.Charts, groupChart(lang, "budget-revenues", dashboards.T(lang, "budget.revenues"), rev, chapterLabel(lang), true, true, am(), y))
	}
	v.Charts = append(v.Charts,
		groupChart(lang, "budget-economic", dashboards.T(lang, "budget.economic"), econ, titleLabel(lang), true, false, am(), y),
		groupChart(lang, "budget-sections", dashboards.T(lang, "budget.sections"), sections, func(g models.BudgetGroup) dashboards.Cell { return dashboards.Cell{Text: g.Name} }, false, false, am(), y))

	months, err := rel.BudgetMonthly(ctx, scope, models.Expense)
	if err != nil {
		return "", nil, err
	}
	v.Charts = append(v.Charts, monthlyChart(lang, months, am(), y))
	// Each year over the same months as the latest year reported, when it
	// is not a whole year.
	same := map[int]models.Amount{}
	latest := dashboards.Period{}
	if len(years) > 0 {
		latest = dashboards.Period{Year: years[len(years)-1].Year, Through: years[len(years)-1].ReportedMonth}
	}
	if latest.Months(lang) != "" {
		for _, by := range years {
			ys := scope
			ys.Year = by.Year
			groups, through, err := rel.BudgetThrough(ctx, ys, models.Expense, models.BySection, latest.Through)
			if err != nil {
				return "", nil, err
			}
			if through != latest.Through {
				continue // no report for all these months: "–"
			}
			for _, g := range groups {
				same[by.Year] += g.Executed
			}
			if len(groups) == 0 {
				same[by.Year] = 0
			}
		}
	}
	v.Charts = append(v.Charts, yearsChart(lang, years, latest, same, am()))
	return "budget", v, nil
}

// budgetKPIs are the headline numbers of a budget scope: the initial and
// final appropriations, the payments, the execution rate and the revenue
// collected; "–" with the reason for what the scope does not have.
func budgetKPIs(q *request, e models.Entity, y int, tot models.BudgetTotals, chapterKind models.BudgetKind) []dashboards.KPI {
	lang := q.lang
	why := absence(q, models.DatasetBudget, e.CUI, y)
	if why == "" {
		why = dashboards.Tf(lang, "absent.budget.year", y)
	}
	var ks []dashboards.KPI
	if tot.Expenses.Lines == 0 {
		for _, id := range []string{models.KPIBudgetInitial, models.KPIBudgetFinal, models.KPIBudgetExecuted, models.KPIExecutionRate} {
			ks = append(ks, dashboards.KPIMissing(lang, id, why))
		}
	} else {
		ks = append(ks,
			dashboards.KPILei(lang, models.KPIBudgetInitial, tot.Expenses.Initial),
			dashboards.KPILei(lang, models.KPIBudgetFinal, tot.Expenses.Final),
			dashboards.KPILei(lang, models.KPIBudgetExecuted, tot.Expenses.Executed),
			dashboards.KPIRatio(lang, models.KPIExecutionRate, dashboards.Ratio{Num: int64(tot.Expenses.Executed), Den: int64(tot.Expenses.Final)}))
	}
	switch {
	case tot.Revenues.Lines > 0:
		ks = append(ks, dashboards.KPILei(lang, models.KPIRevenueExecuted, tot.Revenues.Executed))
	case chapterKind == models.Expense:
		ks = append(ks, dashboards.KPIMissing(lang, models.KPIRevenueExecuted, dashboards.T(lang, "budget.revenue.chapter")))
	default:
		ks = append(ks, dashboards.KPIMissing(lang, models.KPIRevenueExecuted, why))
	}
	return ks
}

// The labels of a breakdown's rows, in the page's language.
func chapterLabel(lang string) func(models.BudgetGroup) dashboards.Cell {
	return func(g models.BudgetGroup) dashboards.Cell {
		c := dashboards.ChapterName(lang, g.Code, g.Name)
		c.Text = g.Code + " " + c.Text
		return c
	}
}

func titleLabel(lang string) func(models.BudgetGroup) dashboards.Cell {
	return func(g models.BudgetGroup) dashboards.Cell {
		if g.Name == "" {
			return dashboards.Cell{Text: g.Code}
		}
		c := dashboards.EconomicTitleName(lang, g.Code, g.Name)
		c.Text = g.Code + " " + c.Text
		return c
	}
}

// subchapterLabel names an expense subchapter in the page's language (in
// Romanian, marked so, should the classification have no English name).
func subchapterLabel(lang string) func(models.BudgetGroup) dashboards.Cell {
	return func(g models.BudgetGroup) dashboards.Cell {
		if g.Name == "" {
			return dashboards.Cell{Text: g.Code}
		}
		if lang == dashboards.EN {
			if en := models.SubchapterNameEN(g.Code); en != "" {
				return dashboards.Cell{Text: g.Code + " " + en}
			}
		}
		return dashboards.DataCell(lang, g.Code+" "+g.Name)
	}
}

// groupChart is a breakdown with the initial and final appropriations
// (revenue estimates), the execution and the execution rate, the amounts of
// year in the view (am).
func groupChart(lang, name, caption string, groups []models.BudgetGroup, label func(models.BudgetGroup) dashboards.Cell, horizontal, revenue bool, am *viewAmounts, year int) dashboards.Chart {
	initial, final, executed := dashboards.T(lang, "budget.initial"), dashboards.T(lang, "budget.final"), dashboards.T(lang, "budget.executed")
	if revenue {
		initial, final, executed = dashboards.T(lang, "budget.rev.initial"), dashboards.T(lang, "budget.rev.final"), dashboards.T(lang, "budget.rev.executed")
	}
	c := dashboards.Chart{Name: name, Caption: caption, Dataset: "budget", Lang: lang,
		Head: []string{caption, initial, final, executed, dashboards.T(lang, "budget.rate")}}
	var cats []string
	fin, exec := series{dashboards.Series{Name: final}}, series{dashboards.Series{Name: executed}}
	var ti, tf, te models.Amount
	for _, g := range groups {
		head := label(g)
		c.Rows = append(c.Rows, dashboards.Row{Head: head, Cells: []dashboards.Cell{am.cell(g.Initial, year), am.cell(g.Final, year), am.cell(g.Executed, year),
			dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(g.Executed), Den: int64(g.Final)})}})
		cats = append(cats, head.Text)
		fin.add(am.value(g.Final, year))
		exec.add(am.value(g.Executed, year))
		ti, tf, te = ti+g.Initial, tf+g.Final, te+g.Executed
	}
	c.Foot = &dashboards.Row{Head: dashboards.Cell{Text: dashboards.T(lang, "total")}, Cells: []dashboards.Cell{am.cell(ti, year), am.cell(tf, year), am.cell(te, year),
		dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(te), Den: int64(tf)})}}
	c.Options = dashboards.BarOptions(cats, horizontal, fin.Series, exec.Series)
	c.Note = am.note(c.Note, year, false)
	return c
}

// chaptersYoY is expenses by chapter this year with last year's payments
// over the same months and the change, each chapter linking to its
// drill-down; each year's amounts in the view at that year's rate, index
// and population (am), the change between them.
func chaptersYoY(lang string, cur, prev []models.BudgetGroup, cmp dashboards.Comparison, keep url.Values, am *viewAmounts) dashboards.Chart {
	prevHead := dashboards.Tf(lang, "budget.prev", cmp.BeforeLabel(lang))
	c := dashboards.Chart{Name: "budget-chapters", Caption: dashboards.T(lang, "budget.chapters"), Dataset: "budget", Lang: lang,
		Head: []string{dashboards.T(lang, "budget.chapter"), dashboards.T(lang, "budget.initial"), dashboards.T(lang, "budget.final"),
			dashboards.Tf(lang, "budget.prev", cmp.Now.Label(lang)), dashboards.T(lang, "budget.rate"),
			prevHead, dashboards.Tf(lang, "budget.change", cmp.BeforeLabel(lang))},
		Note: cmp.Note(lang)}
	before := map[string]models.Amount{}
	for _, g := range prev {
		before[g.Code] = g.Executed
	}
	y := cmp.Now.Year
	// The earlier year in the view and the change between the two.
	beforeCell := func(p models.Amount) dashboards.Cell {
		if !cmp.Comparable() {
			return dashboards.Cell{Text: "–", Num: true}
		}
		return am.cell(p, cmp.Before.Year)
	}
	change := func(now, p models.Amount) dashboards.Cell {
		n, ok1 := am.amount(now, y)
		b, ok2 := am.amount(p, cmp.Before.Year)
		if !ok1 || !ok2 {
			return dashboards.Cell{Text: "–", Num: true}
		}
		return cmp.Change(lang, n, b)
	}
	var cats []string
	final, exec := series{dashboards.Series{Name: dashboards.T(lang, "budget.final")}}, series{dashboards.Series{Name: dashboards.T(lang, "budget.executed")}}
	last := series{dashboards.Series{Name: prevHead}}
	var ti, tf, te, tp models.Amount
	for _, g := range cur {
		v := dashboards.CloneValues(keep)
		v.Set("capitol", chapterNumber(g.Code))
		p := before[g.Code]
		head := chapterLabel(lang)(g)
		head.Href = dashboards.LinkQ(lang, "/buget", v)
		c.Rows = append(c.Rows, dashboards.Row{Head: head,
			Cells: []dashboards.Cell{am.cell(g.Initial, y), am.cell(g.Final, y), am.cell(g.Executed, y),
				dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(g.Executed), Den: int64(g.Final)}),
				beforeCell(p), change(g.Executed, p)}})
		cats = append(cats, dashboards.ChapterName(lang, g.Code, g.Name).Text)
		final.add(am.value(g.Final, y))
		exec.add(am.value(g.Executed, y))
		last.add(am.value(p, cmp.Before.Year))
		ti, tf, te, tp = ti+g.Initial, tf+g.Final, te+g.Executed, tp+p
	}
	c.Foot = &dashboards.Row{Head: dashboards.Cell{Text: dashboards.T(lang, "total")}, Cells: []dashboards.Cell{am.cell(ti, y), am.cell(tf, y), am.cell(te, y),
		dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(te), Den: int64(tf)}), beforeCell(tp), change(te, tp)}}
	ss := []dashboards.Series{final.Series, exec.Series}
	if cmp.Comparable() {
		ss = append(ss, last.Series)
	}
	c.Options = dashboards.BarOptions(cats, true, ss...)
	c.Note = am.note(c.Note, y, cmp.Comparable())
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
		head := dashboards.ChapterName(lang, g.Code, g.Name)
		c.Rows = append(c.Rows, dashboards.Row{Head: head, Cells: []dashboards.Cell{dashboards.LeiCell(lang, per100)}})
		labels = append(labels, head.Text)
		vals = append(vals, dashboards.Lei(per100))
	}
	c.Options = dashboards.PieOptions(dashboards.T(lang, "budget.100"), labels, vals)
	return c
}

// monthlyChart: each month's payments and the cumulative payments against
// the appropriations in force, the amounts of year in the view (am).
func monthlyChart(lang string, months []models.BudgetMonth, am *viewAmounts, year int) dashboards.Chart {
	c := dashboards.Chart{Name: "budget-monthly", Caption: dashboards.T(lang, "budget.monthly"), Dataset: "budget_execution_monthly", Lang: lang,
		Head: []string{dashboards.T(lang, "month"), dashboards.T(lang, "budget.in.month"), dashboards.T(lang, "budget.cumulative"), dashboards.T(lang, "budget.final"), dashboards.T(lang, "budget.rate")}}
	var cats []string
	inMonth, cum := series{dashboards.Series{Name: dashboards.T(lang, "budget.in.month")}}, series{dashboards.Series{Name: dashboards.T(lang, "budget.cumulative")}}
	final := series{dashboards.Series{Name: dashboards.T(lang, "budget.final")}}
	for _, m := range months {
		name := dashboards.MonthName(lang, m.Month)
		c.Rows = append(c.Rows, dashboards.Row{Head: dashboards.Cell{Text: name}, Cells: []dashboards.Cell{am.cell(m.Executed, year), am.cell(m.ExecutedCumulative, year),
			am.cell(m.Final, year), dashboards.RatioCell(lang, dashboards.Ratio{Num: int64(m.ExecutedCumulative), Den: int64(m.Final)})}})
		cats = append(cats, name)
		inMonth.add(am.value(m.Executed, year))
		cum.add(am.value(m.ExecutedCumulative, year))
		final.add(am.value(m.Final, year))
	}
	c.Options = dashboards.LineOptions(cats, cum.Series, final.Series, inMonth.Series)
	c.Note = am.note(c.Note, year, false)
	return c
}

// yearsChart compares the years of the scope: each year's whole budget and
// execution up to its latest report (which month that is), and, when the
// latest year is not complete, each year's payments over the same months;
// each year's amounts in the view at that year's rate, index and
// population (am).
func yearsChart(lang string, years []models.BudgetYear, latest dashboards.Period, same map[int]models.Amount, am *viewAmounts) dashboards.Chart {
	c := dashboards.Chart{Name: "budget-years", Caption: dashboards.T(lang, "budget.years"), Dataset: "budget", Lang: lang,
		Head: []string{dashboards.T(lang, "year"), dashboards.T(lang, "budget.final"), dashboards.T(lang, "budget.executed"), dashboards.T(lang, "budget.rev.executed"), dashboards.T(lang, "budget.reported")}}
	months := latest.Months(lang)
	if months != "" {
		c.Head = append(c.Head, dashboards.Tf(lang, "budget.same.months", months))
		c.Note = dashboards.Tf(lang, "budget.same.months.note", months)
	}
	var cats []string
	final, exec := series{dashboards.Series{Name: dashboards.T(lang, "budget.final")}}, series{dashboards.Series{Name: dashboards.T(lang, "budget.executed")}}
	rev, samev := series{dashboards.Series{Name: dashboards.T(lang, "budget.rev.executed")}}, series{dashboards.Series{Name: dashboards.Tf(lang, "budget.same.months", months)}}
	for _, y := range years {
		ys := strconv.Itoa(y.Year)
		row := dashboards.Row{Head: dashboards.Cell{Text: ys}, Cells: []dashboards.Cell{am.cell(y.ExpensesFinal, y.Year), am.cell(y.ExpensesExecuted, y.Year),
			am.cell(y.RevenuesExecuted, y.Year), {Text: dashboards.MonthName(lang, y.ReportedMonth)}}}
		if months != "" {
			if a, ok := same[y.Year]; ok {
				row.Cells = append(row.Cells, am.cell(a, y.Year))
				samev.add(am.value(a, y.Year))
			} else {
				row.Cells = append(row.Cells, dashboards.Cell{Text: "–", Num: true})
				samev.add(0, true)
			}
		}
		c.Rows = append(c.Rows, row)
		cats = append(cats, ys)
		final.add(am.value(y.ExpensesFinal, y.Year))
		exec.add(am.value(y.ExpensesExecuted, y.Year))
		rev.add(am.value(y.RevenuesExecuted, y.Year))
	}
	ss := []dashboards.Series{final.Series, exec.Series, rev.Series}
	if months != "" {
		ss = append(ss, samev.Series)
	}
	c.Options = dashboards.BarOptions(cats, false, ss...)
	c.Note = am.note(c.Note, 0, true)
	return c
}
