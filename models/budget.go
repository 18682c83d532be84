package models

import "context"

// BudgetKind separates revenues from expenses.
type BudgetKind string

const (
	Expense BudgetKind = "cheltuieli"
	Revenue BudgetKind = "venituri"
)

// Section is the part of a local budget a line belongs to.
type Section string

const (
	Operating   Section = "functionare" // secțiunea de funcționare
	Development Section = "dezvoltare"  // secțiunea de dezvoltare
)

// FundingSources are the Treasury's funding source letters (sursa de finanțare).
var FundingSources = map[string]string{
	"A": "Integral de la buget",
	"B": "Credite externe",
	"C": "Credite interne",
	"D": "Fonduri externe nerambursabile",
	"E": "Venituri proprii",
	"F": "Integral venituri proprii",
	"G": "Venituri proprii și subvenții",
}

// BudgetScope selects the budget lines a page sums: one entity's own budget,
// or (Consolidated) the budgets of the entity and its subordinate units
// without the transfers between them; optionally one functional chapter
// ("65": every chapter whose code starts with 65).
type BudgetScope struct {
	Entity       string
	Year         int
	Consolidated bool
	Chapter      string
}

// BudgetSums are the appropriations and execution of a set of budget lines.
// For expenses: credite bugetare inițiale, definitive, plăți efectuate; for
// revenues: prevederi inițiale, definitive, încasări realizate.
type BudgetSums struct {
	Initial, Final, Executed Amount
	Lines                    int64
}

// BudgetTotals are a scope's expenses and revenues.
type BudgetTotals struct {
	Expenses, Revenues BudgetSums
}

// BudgetDim is a breakdown of the budget.
type BudgetDim int

const (
	ByChapter       BudgetDim = iota // functional chapter (65.02 Învățământ)
	BySubchapter                     // functional subchapter (65.02.04)
	ByEconomicTitle                  // economic title (10 Cheltuieli de personal)
	BySection                        // funcționare / dezvoltare
	ByFunding                        // funding source A–G
)

// BudgetGroup is one row of a breakdown: the initial and final
// appropriations (revenue estimates) and the execution.
type BudgetGroup struct {
	Code, Name               string
	Initial, Final, Executed Amount
}

// BudgetMonth is one month of a year's execution: the month's payments
// (receipts), the cumulative execution and the appropriations in force at the
// end of the month.
type BudgetMonth struct {
	Month                               int
	Final, Executed, ExecutedCumulative Amount
}

// BudgetMonthGroup is one code of a breakdown in one month of a year's
// execution (BudgetMonthlyBy): the month's payments (receipts), the
// cumulative execution and the appropriations in force at the month's end.
type BudgetMonthGroup struct {
	Year, Month                         int
	Kind                                BudgetKind
	Code                                string
	Final, Executed, ExecutedCumulative Amount
}

// BudgetYear is one year of a scope (the Year of the scope is ignored).
type BudgetYear struct {
	Year                            int
	ExpensesFinal, ExpensesExecuted Amount
	RevenuesFinal, RevenuesExecuted Amount
	ReportedMonth                   int
}

// ReportedMonthIn is the last month reported in year y among years (the
// answer of BudgetByYear): 0 when y has no report.
func ReportedMonthIn(years []BudgetYear, y int) int {
	for _, by := range years {
		if by.Year == y {
			return by.ReportedMonth
		}
	}
	return 0
}

// CodeName is a code with its name (a chapter, a status, a procedure).
type CodeName struct {
	Code, Name, Kind string
}

// BudgetReader reads the budget datasets of a release.
type BudgetReader interface {
	// BudgetTotals sums a scope's budget by kind.
	BudgetTotals(ctx context.Context, s BudgetScope) (BudgetTotals, error)
	// BudgetBy breaks a scope's expenses or revenues down by dim, largest
	// execution first. Subchapter names come from the classification catalogue.
	BudgetBy(ctx context.Context, s BudgetScope, kind BudgetKind, dim BudgetDim) ([]BudgetGroup, error)
	// BudgetMonthly is the monthly execution of a scope's expenses or revenues.
	BudgetMonthly(ctx context.Context, s BudgetScope, kind BudgetKind) ([]BudgetMonth, error)
	// BudgetByYear is every year of a scope, for year-over-year comparison.
	BudgetByYear(ctx context.Context, s BudgetScope) ([]BudgetYear, error)
	// BudgetThrough is a scope's execution from 1 January to the end of
	// month through (the cumulative figure of the year's latest report at or
	// before it), broken down by dim, with the month that report is for (0
	// when the year has none by then): what a same-period comparison with
	// another year reads. Only Code and Executed are set.
	BudgetThrough(ctx context.Context, s BudgetScope, kind BudgetKind, dim BudgetDim, through int) ([]BudgetGroup, int, error)
	// BudgetMonthlyBy is the monthly execution of the years from..s.Year
	// of a scope in one read, expenses broken down by expenseDim and
	// revenues by revenueDim: for each year, kind, month with a report and
	// code, the month's own figure, the cumulative one and the
	// appropriations in force. What the dashboards' KPIs and their
	// sparklines read, instead of a BudgetThrough per month.
	BudgetMonthlyBy(ctx context.Context, s BudgetScope, from int, expenseDim, revenueDim BudgetDim) ([]BudgetMonthGroup, error)
	// BudgetChapters lists the chapters (first segment, e.g. "65", with the
	// chapter name and kind) an entity's budget has in any year.
	BudgetChapters(ctx context.Context, entity string) ([]CodeName, error)
}
