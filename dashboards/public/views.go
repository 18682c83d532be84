package public

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// moneyView is how a page shows its amounts (the valori and moneda
// parameters): in total or per inhabitant (valori=total|locuitor), in lei
// of the year, in euro at the year's average BNR rate or in lei at the
// prices of models.PricesBase by INSSE's consumer price index
// (moneda=lei|eur|lei-2024). A year the reference data does not cover has
// no figure in that view: "–" with the reason, never a guess.
type moneyView struct {
	PerInhabitant bool
	Currency      string // "lei", "eur" or "lei-2024"
}

const (
	currencyLei  = "lei"
	currencyEUR  = "eur"
	currencyReal = "lei-2024"
)

// money is the view a query asks for; perInhabitant is the page's default.
func (q Query) money(perInhabitant bool) moneyView {
	m := moneyView{PerInhabitant: perInhabitant, Currency: q.Currency}
	switch q.Values {
	case "total":
		m.PerInhabitant = false
	case "locuitor":
		m.PerInhabitant = true
	}
	if m.Currency == "" {
		m.Currency = currencyLei
	}
	return m
}

// set keeps the view's parameters in links that are not its default.
func (m moneyView) set(v url.Values, perInhabitantDefault bool) {
	if m.PerInhabitant != perInhabitantDefault {
		if m.PerInhabitant {
			v.Set("valori", "locuitor")
		} else {
			v.Set("valori", "total")
		}
	}
	if m.Currency != currencyLei {
		v.Set("moneda", m.Currency)
	}
}

// convert is an amount of year in the view; why says why there is none.
func (m moneyView) convert(lang string, a models.Amount, year int, people int64) (models.Amount, string) {
	var ok bool
	switch m.Currency {
	case currencyEUR:
		if a, ok = models.InEUR(a, year); !ok {
			return 0, dashboards.Tf(lang, "view.why.eur", year)
		}
	case currencyReal:
		if a, ok = models.AtBasePrices(a, year); !ok {
			return 0, dashboards.Tf(lang, "view.why.cpi", year)
		}
	}
	if m.PerInhabitant {
		if people <= 0 {
			return 0, dashboards.T(lang, "county.why.people")
		}
		a = dashboards.PerCapita(a, people)
	}
	return a, ""
}

// format writes an amount of the view's currency.
func (m moneyView) format(lang string, a models.Amount) string {
	if m.Currency == currencyEUR {
		return dashboards.FormatEUR(lang, a)
	}
	return dashboards.FormatLei(lang, a)
}

// kpi is a money KPI card in the view.
func (m moneyView) kpi(lang, id string, a models.Amount, year int, people int64) dashboards.KPI {
	v, why := m.convert(lang, a, year, people)
	if why != "" {
		return dashboards.KPIMissing(lang, id, why)
	}
	return dashboards.KPI{Name: id, Label: dashboards.KPITitle(lang, id), Raw: v.String(), Text: m.format(lang, v)}
}

// cell is a money table cell in the view; why says why it is "–".
func (m moneyView) cell(lang string, a models.Amount, year int, people int64) (dashboards.Cell, string) {
	v, why := m.convert(lang, a, year, people)
	if why != "" {
		return dashboards.Cell{Text: "–", Num: true}, why
	}
	return dashboards.Cell{Text: m.format(lang, v), Raw: v.String(), Num: true}, ""
}

// note says what the view's amounts are: the rate or the index used.
func (m moneyView) note(lang string, year int) string {
	var s string
	switch m.Currency {
	case currencyEUR:
		if p := models.PricesOf(year); p.RONPerEUR4 != 0 {
			s = dashboards.Tf(lang, "view.note.eur", year, rate4(lang, p.RONPerEUR4))
		} else {
			s = sentence(dashboards.Tf(lang, "view.why.eur", year))
		}
	case currencyReal:
		if p := models.PricesOf(year); p.CPITenths != 0 {
			s = dashboards.Tf(lang, "view.note.cpi", models.PricesBase, year, rate1(lang, p.CPITenths), models.PricesBase)
		} else {
			s = sentence(dashboards.Tf(lang, "view.why.cpi", year))
		}
	default:
		s = dashboards.Tf(lang, "view.note.lei", year)
	}
	if m.PerInhabitant {
		s += " " + dashboards.T(lang, "view.note.people")
	}
	return s
}

// sentence makes a reason ("indicele … nu este în sursa de referință") a
// sentence of a note: a capital first letter, a full stop.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:] + "."
}

func rate4(lang string, n int64) string {
	s := strconv.FormatInt(n/10_000, 10) + "." + pad4(n%10_000)
	if lang != dashboards.EN {
		s = s[:len(s)-5] + "," + s[len(s)-4:]
	}
	return s
}

func pad4(n int64) string {
	s := strconv.FormatInt(n, 10)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

func rate1(lang string, tenths int64) string {
	sep := ","
	if lang == dashboards.EN {
		sep = "."
	}
	return strconv.FormatInt(tenths/10, 10) + sep + strconv.FormatInt(tenths%10, 10)
}

// viewFields are the view's selectors of a filter form.
func viewFields(lang string, m moneyView) []dashboards.Field {
	per := "total"
	if m.PerInhabitant {
		per = "locuitor"
	}
	return []dashboards.Field{
		{Name: "valori", Label: dashboards.T(lang, "view.values"), Type: "select", Options: []dashboards.Option{
			{Value: "total", Text: dashboards.T(lang, "view.values.total"), Selected: per == "total"},
			{Value: "locuitor", Text: dashboards.T(lang, "view.values.locuitor"), Selected: per == "locuitor"}}},
		{Name: "moneda", Label: dashboards.T(lang, "view.currency"), Type: "select", Options: []dashboards.Option{
			{Value: currencyLei, Text: dashboards.T(lang, "view.currency.lei"), Selected: m.Currency == currencyLei},
			{Value: currencyEUR, Text: dashboards.T(lang, "view.currency.eur"), Selected: m.Currency == currencyEUR},
			{Value: currencyReal, Text: dashboards.Tf(lang, "view.currency.real", models.PricesBase), Selected: m.Currency == currencyReal}}},
	}
}

// budgetKPIs are the budget page's money cards in the view: the amounts of
// the scope's totals, and the per-inhabitant card in the view's currency.
func (m moneyView) budgetKPIs(lang string, ks []dashboards.KPI, tot models.BudgetTotals, e models.Entity, year int) []dashboards.KPI {
	pop, _ := e.PopulationIn(year)
	amounts := map[string]models.Amount{models.KPIBudgetInitial: tot.Expenses.Initial, models.KPIBudgetFinal: tot.Expenses.Final,
		models.KPIBudgetExecuted: tot.Expenses.Executed, models.KPIRevenueExecuted: tot.Revenues.Executed}
	for i, k := range ks {
		if k.Raw == "" {
			continue // "–" with its reason already
		}
		if a, ok := amounts[k.Name]; ok {
			ks[i] = m.kpi(lang, k.Name, a, year, pop)
		}
		if k.Name == models.KPIPerCapitaExecuted {
			ks[i] = moneyView{PerInhabitant: true, Currency: m.Currency}.kpi(lang, k.Name, tot.Expenses.Executed, year, pop)
		}
	}
	return ks
}

// viewAmounts are a page's amounts in the view, year by year: each in the
// currency of its own year (its BNR rate, its INSSE index) and, per
// inhabitant, divided by its year's population (Entity.PopulationIn, the
// one population rule). The reasons of the figures it cannot give are kept
// for the table's note, so a cell is "–" and the note says why.
type viewAmounts struct {
	lang   string
	view   moneyView
	entity models.Entity
	whys   []string
}

func (m moneyView) amounts(lang string, e models.Entity) *viewAmounts {
	return &viewAmounts{lang: lang, view: m, entity: e}
}

// plain reports whether the view is the amounts as they are: lei, in total.
func (a *viewAmounts) plain() bool { return a.view == moneyView{Currency: currencyLei} }

// amount is x of year in the view; ok is false (and the reason kept) when
// the view has no figure for it.
func (a *viewAmounts) amount(x models.Amount, year int) (models.Amount, bool) {
	pop, _ := a.entity.PopulationIn(year)
	v, why := a.view.convert(a.lang, x, year, pop)
	if why != "" {
		if !slices.Contains(a.whys, why) {
			a.whys = append(a.whys, why)
		}
		return 0, false
	}
	return v, true
}

// cell is x of year as a table cell: "–" when the view has no figure.
func (a *viewAmounts) cell(x models.Amount, year int) dashboards.Cell {
	v, ok := a.amount(x, year)
	if !ok {
		return dashboards.Cell{Text: "–", Num: true}
	}
	return dashboards.Cell{Text: a.view.format(a.lang, v), Raw: v.String(), Num: true}
}

// value is x of year for a chart's series (lei or euro); missing when the
// view has no figure.
func (a *viewAmounts) value(x models.Amount, year int) (v float64, missing bool) {
	c, ok := a.amount(x, year)
	return dashboards.Lei(c), !ok
}

// note is the sentence under a table in the view: what its amounts are
// (the year's rate or index, per inhabitant) and why a figure is "–";
// before is the table's own note. The plain view adds nothing.
func (a *viewAmounts) note(before string, year int, eachYear bool) string {
	if a.plain() {
		return before
	}
	parts := []string{}
	if before != "" {
		parts = append(parts, before)
	}
	if eachYear {
		parts = append(parts, dashboards.T(a.lang, "view.yr."+a.view.Currency))
		if a.view.PerInhabitant {
			parts = append(parts, dashboards.T(a.lang, "view.yr.people"))
		}
	} else {
		parts = append(parts, a.view.note(a.lang, year))
	}
	said := strings.Join(parts, " ")
	for _, w := range a.whys {
		if !strings.Contains(said, sentence(w)) { // the view's note may say it already
			parts = append(parts, dashboards.Tf(a.lang, "view.missing", w))
		}
	}
	return strings.Join(parts, " ")
}

// series is a chart's series in the view, its points without a figure
// marked (no bar, a break in a line).
type series struct{ dashboards.Series }

func (s *series) add(v float64, missing bool) {
	s.Values = append(s.Values, v)
	s.Missing = append(s.Missing, missing)
}
