package models

import (
	"context"
	"time"
)

// ContractKind keeps apart the four kinds of award that SICAP publishes.
type ContractKind string

const (
	ProcedureAward     ContractKind = "procedure_award"
	DirectPurchase     ContractKind = "direct_purchase"
	FrameworkAgreement ContractKind = "framework_agreement"
	CallOff            ContractKind = "call_off" // contract subsecvent
)

// ContractKinds lists every kind.
var ContractKinds = []ContractKind{ProcedureAward, DirectPurchase, FrameworkAgreement, CallOff}

// Valid reports whether k is a known kind.
func (k ContractKind) Valid() bool {
	for _, x := range ContractKinds {
		if k == x {
			return true
		}
	}
	return false
}

// CountsInTotal reports whether the value of a contract of this kind is money
// committed. A framework agreement is a ceiling: what is spent under it is its
// call-off contracts, so totals count the call-offs and never the agreement,
// and a framework agreement and its call-offs are never counted twice.
func (k ContractKind) CountsInTotal() bool { return k != FrameworkAgreement }

// Contract is one award: a procedure award, a direct purchase, a framework
// agreement or a call-off contract under one (ParentID: the agreement).
// CountsInTotal is false for framework agreements (see ContractKind).
type Contract struct {
	BuyerCUI, BuyerName, ContractID, Kind, ParentID string
	SupplierCUI, SupplierName, Title                string
	CPV, CPVDivision, CPVDivisionName               string
	Value                                           Amount // without VAT
	Currency                                        string
	AwardDate                                       time.Time
	Year                                            int
	Procedure                                       string
	Offers                                          int64 // 0 when unknown
	EUFunded                                        bool
	InvestmentCode                                  string
	CountsInTotal                                   bool
}

// ContractSort orders a contract list.
type ContractSort int

const (
	SortDateDesc ContractSort = iota
	SortDateAsc
	SortValueDesc
	SortValueAsc
)

// ContractFilter selects procurement rows. Empty fields do not filter.
// Supplier is a text search in the supplier's name (accents and case
// ignored) or its fiscal code; CPV is a prefix of the code ("45" is the
// division, "45233140-2" one code).
type ContractFilter struct {
	Buyer, SupplierCUI string
	Year               int
	Supplier, CPV      string
	Procedure, Kind    string
	InvestmentCode     string
	Min, Max           *Amount
	From, To           time.Time // award date, inclusive
	Sort               ContractSort
	Limit, Offset      int
}

// ContractSummary is what a filter selects: Rows counts every row (framework
// agreements included, for pagination); Count and Value count only what
// enters totals, so a framework agreement and its call-offs are never
// counted twice.
type ContractSummary struct {
	Rows, Count int64
	Value       Amount
}

// ContractDim is a breakdown of procurement.
type ContractDim string

const (
	ContractsByProcedure   ContractDim = "procedure"
	ContractsByCPVDivision ContractDim = "cpv_division"
	ContractsByKind        ContractDim = "kind"
	ContractsByMonth       ContractDim = "month"
)

// ContractGroup is one row of a procurement breakdown.
type ContractGroup struct {
	Code, Name string
	Count      int64
	Value      Amount
}

// Supplier is a supplier with what it won (the suppliers dataset).
type Supplier struct {
	CUI, Name                              string
	Contracts, DirectPurchases, Frameworks int64
	TotalValue, DirectPurchaseValue        Amount
	Buyers                                 int64
	FirstAward, LastAward                  time.Time
}

// ProcurementReader reads the procurement datasets of a release.
type ProcurementReader interface {
	// Contracts lists the rows a filter selects, Limit at a time from Offset
	// (Limit 0: every row). Framework agreements are listed.
	Contracts(ctx context.Context, f ContractFilter) ([]Contract, error)
	// ContractTotals sums the rows a filter selects.
	ContractTotals(ctx context.Context, f ContractFilter) (ContractSummary, error)
	// ContractsBy breaks a filter's rows that enter totals down by dim,
	// largest value first (months in order).
	ContractsBy(ctx context.Context, f ContractFilter, dim ContractDim) ([]ContractGroup, error)
	// ContractsByYear counts a filter's rows by award year: Count is every
	// row (framework agreements included), Value only what enters totals.
	ContractsByYear(ctx context.Context, f ContractFilter) ([]ContractGroup, error)
	// Procedures lists the procedure types of the release.
	Procedures(ctx context.Context) ([]string, error)
	// Supplier returns one supplier, or ErrNotFound.
	Supplier(ctx context.Context, cui string) (Supplier, error)
}
