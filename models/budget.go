package models

import "time"

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

// BudgetLine is one line of a cumulative execution report: the position of one
// entity's budget on one classification line at the end of one month. Measures
// are cumulative from 1 January (appropriations are the year's, as of that date).
//
// For expenses: InitialBudget = credite bugetare inițiale, FinalBudget = credite
// bugetare definitive, Commitments = angajamente bugetare, Executed = plăți efectuate.
// For revenues: prevederi inițiale, prevederi definitive, drepturi constatate,
// încasări realizate.
type BudgetLine struct {
	EntityCUI      string
	Year           int
	Month          int       // 1..12, the month the report closes
	ReportDate     time.Time // when the report was drawn up; a later one replaces an earlier one
	Kind           BudgetKind
	Section        Section
	FundingSource  string // A..G
	FunctionalCode string // e.g. "65.02.03" (chapter 65, local budget, subchapter 03)
	EconomicCode   string // e.g. "10.01.01"; empty for revenues
	InitialBudget  float64
	FinalBudget    float64
	Commitments    float64
	Executed       float64
}
