package models

import (
	"context"
	"time"
)

// InvestmentStatus is where an objective stands.
type InvestmentStatus string

const (
	InvPlanned    InvestmentStatus = "planificat"
	InvInProgress InvestmentStatus = "în execuție"
	InvCompleted  InvestmentStatus = "finalizat"
	InvSuspended  InvestmentStatus = "suspendat"
	InvCancelled  InvestmentStatus = "anulat"
)

// InvestmentStatuses lists every status in display order.
var InvestmentStatuses = []InvestmentStatus{InvPlanned, InvInProgress, InvCompleted, InvSuspended, InvCancelled}

// InvestmentFunding is the main funding source of an objective.
var InvestmentFunding = []string{"local", "stat", "ue", "pnrr"}

// Investment is one investment objective as it stands in one year's
// investment list (lista obiectivelor de investiții). ProgressBasisPoints is
// the physical progress in hundredths of a percent (8082 = 80.82 %);
// ProgressKnown is false when the list does not report it (then it is 0).
type Investment struct {
	EntityCUI, EntityName, Code, Name string
	Year                              int
	FunctionalCode, ChapterCode       string
	ChapterName, Funding, Status      string
	TotalValue, PlannedYear           Amount
	SpentYear, SpentToDate            Amount
	ProgressBasisPoints               int64
	ProgressKnown                     bool
	PlannedStart, PlannedEnd          time.Time // zero when unknown
	ActualStart, ActualEnd            time.Time
	Contracts                         int64
}

// InvestmentFilter selects investment objectives of one year's list.
// Empty fields do not filter; Chapter is the first segment ("84").
type InvestmentFilter struct {
	Entity, Status, Chapter, Funding string
	Year                             int
	// Limit and Offset read a page of the list (Investments); a zero
	// Limit reads every objective the filter selects.
	Limit, Offset int
}

// InvestmentSummary counts the objectives of a filter and sums their value.
type InvestmentSummary struct {
	Count                              int64
	TotalValue, PlannedYear, SpentYear Amount
}

// InvestmentDim is a breakdown of the investment list.
type InvestmentDim string

const (
	InvestmentsByStatus  InvestmentDim = "status"
	InvestmentsByFunding InvestmentDim = "funding"
	InvestmentsByChapter InvestmentDim = "chapter"
)

// InvestmentGroup is one row of a breakdown: the objectives' count and total
// value (Name only for chapters).
type InvestmentGroup struct {
	Code, Name string
	Count      int64
	TotalValue Amount
}

// InvestmentFacets are the values the investment filters offer for an
// entity, over every year: statuses, funding sources and chapters ("84" with
// its name).
type InvestmentFacets struct {
	Statuses, Funding []string
	Chapters          []CodeName
}

// InvestmentReader reads the investments dataset of a release.
type InvestmentReader interface {
	// Investments lists the objectives a filter selects, largest first.
	Investments(ctx context.Context, f InvestmentFilter) ([]Investment, error)
	// InvestmentTotals sums the objectives a filter selects.
	InvestmentTotals(ctx context.Context, f InvestmentFilter) (InvestmentSummary, error)
	// InvestmentsBy groups a filter's objectives by dim, largest value first.
	InvestmentsBy(ctx context.Context, f InvestmentFilter, dim InvestmentDim) ([]InvestmentGroup, error)
	// Investment returns objective code as it stands in year's list (the
	// latest list that has it when year is 0), or ErrNotFound.
	Investment(ctx context.Context, code string, year int) (Investment, error)
	// InvestmentHistory is every year's list entry of an objective, oldest first.
	InvestmentHistory(ctx context.Context, code string) ([]Investment, error)
	// InvestmentFacets are the filter values of an entity's lists.
	InvestmentFacets(ctx context.Context, entity string) (InvestmentFacets, error)
}
