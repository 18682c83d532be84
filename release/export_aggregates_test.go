package release

import (
	"context"
	"time"
)

// AggregatesLoaded reports whether r holds the whole release's contract
// aggregates in memory (read from the release's tables at open).
func AggregatesLoaded(r *DB) bool { return r.aggs != nil }

// ReadAggregates reads r's aggregate tables again as Open does, and checks
// them against the contract index: the open's cost of the aggregates.
func ReadAggregates(ctx context.Context, r *DB) error { return r.readAggregates(ctx) }

// AggregatesFromSQL computes the three aggregates from the procurement
// table, as a release without the tables answers.
func AggregatesFromSQL(ctx context.Context, r *DB) error {
	for _, t := range aggregateTables {
		if _, err := r.fromProcurement(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// AggregatesFromIndex computes the three aggregates from the contract
// index in one pass (the alternative to the tables: grouped in Go at open,
// the suppliers by fiscal code and name, then ranked), and says how many
// groups it made.
func AggregatesFromIndex(r *DB) int {
	x := r.index
	type group struct {
		n, v   int64
		valued bool
	}
	add := func(g *group, i int) {
		g.n++
		if x.flags[i]&flagValue != 0 {
			g.v += x.value[i]
			g.valued = true
		}
	}
	suppliers := map[uint64]*group{}
	months := map[int32]*group{}
	buyerYears := map[uint64]*group{}
	get := func(m map[uint64]*group, k uint64) *group {
		g := m[k]
		if g == nil {
			g = &group{}
			m[k] = g
		}
		return g
	}
	for i := range x.n {
		if x.flags[i]&flagCounts == 0 {
			continue
		}
		add(get(suppliers, uint64(x.cui[i])<<32|uint64(x.name[i])), i)
		add(get(buyerYears, uint64(x.buyer[i])<<16|uint64(x.year[i])), i)
		m := int32(-1)
		if x.flags[i]&flagDate != 0 {
			t := time.Unix(int64(x.date[i])*86400, 0).UTC()
			m = int32(t.Year()*12 + int(t.Month()))
		}
		g := months[m]
		if g == nil {
			g = &group{}
			months[m] = g
		}
		add(g, i)
	}
	return len(suppliers) + len(months) + len(buyerYears)
}
