package models

import (
	"context"
	"strconv"
	"strings"
)

// CountyReader reads the figures that compare the administrative units of a
// release side by side (the county page, /judet): one read over the
// release's tables, so the public page, its download and the dashboards
// compute them once. Package release implements it.
type CountyReader interface {
	// CountyUnits are the release's administrative units
	// (Entity.IsAdministrativeUnit) with their figures of year, in the
	// release's entity order. Each unit's budget is the authority's with its
	// subordinate units (its group, transfers inside it eliminated); its
	// procurement and requests are the authority's own, as its pages show
	// them.
	CountyUnits(ctx context.Context, year int) ([]CountyUnit, error)
	// CountyYears are the years any administrative unit has a budget for,
	// ascending.
	CountyYears() []int
}

// CountyUnit is one administrative unit's figures for a year, in bani and
// counts: the ratios are made by the page (a zero denominator is "–" with
// its reason, never 0).
type CountyUnit struct {
	Entity Entity
	Year   int
	// People and PeopleYear are Entity.PopulationIn(Year): the one
	// population of every per-inhabitant figure.
	People     int64
	PeopleYear int

	BudgetLines      int64  // budget rows of the year: 0 = no budget published
	ExpensesFinal    Amount // credite definitive
	ExpensesExecuted Amount // plăți
	CapitalExecuted  Amount // plăți din titlurile de capital (CapitalTitle)
	RevenuesExecuted Amount // încasări
	OwnRevenues      Amount // încasări din veniturile proprii (OwnRevenueChapter)

	Contracts           int64  // contracts counted in totals (framework agreements not)
	ContractsValue      Amount // their value
	DirectPurchaseValue Amount // of which direct purchases

	RequestsReceived   int64
	RequestsAnswered   int64
	AnsweredWithinTerm int64
	OpenOverdue        int64
	MedianDays         int64 // median days to answer, of RequestsAnswered
}

// PerInhabitant divides an amount by the unit's population, rounding half up
// to the ban; ok is false when the population is unknown.
func (u CountyUnit) PerInhabitant(a Amount) (Amount, bool) {
	if u.People <= 0 {
		return 0, false
	}
	n, d := int64(a), u.People
	q := (2*n + d) / (2 * d)
	if n < 0 {
		q = -((-2*n + d) / (2 * d))
	}
	return Amount(q), true
}

// ExecutionRate is the unit's budget execution: payments over final
// appropriations (credite definitive); ok is false without a budget or
// with no final appropriations. The county page and the peer comparison
// both show it.
func (u CountyUnit) ExecutionRate() (num, den int64, ok bool) {
	if u.BudgetLines == 0 || u.ExpensesFinal == 0 {
		return int64(u.ExpensesExecuted), int64(u.ExpensesFinal), false
	}
	return int64(u.ExpensesExecuted), int64(u.ExpensesFinal), true
}

// DirectPurchaseShare is the value of the unit's direct purchases over the
// value of its contracts counted in totals; ok is false without a contract
// value. The county page and the peer comparison both show it.
func (u CountyUnit) DirectPurchaseShare() (num, den int64, ok bool) {
	return int64(u.DirectPurchaseValue), int64(u.ContractsValue), u.ContractsValue != 0
}

// OwnRevenueChapter reports whether a revenue chapter ("04.02", "04") is an
// own revenue under Law 273/2006 art. 5: chapters 01–39 but 11 (shares of
// VAT) and 37 (voluntary transfers, transfers between the sections). The
// fiscal autonomy of the dashboards and of the county page is own revenues
// over all revenues collected.
func OwnRevenueChapter(code string) bool {
	head, _, _ := strings.Cut(code, ".")
	n, err := strconv.Atoi(head)
	return err == nil && n >= 1 && n <= 39 && n != 11 && n != 37
}

// CapitalTitle reports whether an economic title ("71") is capital spending:
// group 70 "Cheltuieli de capital" with titles 71 (non-financial assets) and
// 72 (financial assets).
func CapitalTitle(code string) bool { return code == "70" || code == "71" || code == "72" }
