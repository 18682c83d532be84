package models

import (
	"context"
	"time"
)

// The whole release's contract aggregates (release/publish_aggregates.go
// prepares them at publish, release/read_aggregates.go holds them in
// memory): who ranks first among suppliers, the contracts by month, the
// totals by institution and year. Only the contracts that enter totals
// (counts_in_total: never a framework agreement) are counted and summed.

// ContractAggregate is one group's contracts and their value. Valued is
// false when no contract of the group has a value: the figure is missing,
// not 0.
type ContractAggregate struct {
	Contracts int64
	Value     Amount
	Valued    bool
}

// SupplierRank is one supplier (fiscal code and name as the contracts give
// them: "" when the contracts give none) with what it won.
type SupplierRank struct {
	CUI, Name string
	ContractAggregate
}

// MonthTotal is one month of award dates (its first day; zero: the
// contracts without an award date).
type MonthTotal struct {
	Month time.Time
	ContractAggregate
}

// BuyerYearTotal is one institution's year (0: the contracts without an
// award year).
type BuyerYearTotal struct {
	BuyerCUI string
	Year     int
	ContractAggregate
}

// TopSuppliersMax is how many suppliers the release keeps ranked;
// TopSuppliersOfYearMax, how many of each institution's year.
const (
	TopSuppliersMax       = 100
	TopSuppliersOfYearMax = 10
)

// ContractAggregator reads the whole release's contract aggregates.
type ContractAggregator interface {
	// TopSuppliers are the n (at most TopSuppliersMax) suppliers with the
	// largest value, then by fiscal code and name (a missing one last).
	TopSuppliers(ctx context.Context, n int) ([]SupplierRank, error)
	// TopSuppliersOf are the n (at most TopSuppliersOfYearMax) suppliers
	// that won most of an institution's year, in the same order.
	TopSuppliersOf(ctx context.Context, buyer string, year, n int) ([]SupplierRank, error)
	// ContractsByMonth are the months in order, the undated last.
	ContractsByMonth(ctx context.Context) ([]MonthTotal, error)
	// ContractsByBuyerYear are the institutions' years by fiscal code and
	// year, the undated last.
	ContractsByBuyerYear(ctx context.Context) ([]BuyerYearTotal, error)
}
