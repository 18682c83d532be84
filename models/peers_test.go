package models

import "testing"

func TestPeerBandOf(t *testing.T) {
	for _, c := range []struct {
		kind     EntityKind
		people   int64
		min, max int64
		ok       bool
	}{
		{KindComuna, 1, 0, 2000, true},
		{KindComuna, 1999, 0, 2000, true},
		{KindComuna, 2000, 2000, 5000, true},
		{KindComuna, 4999, 2000, 5000, true},
		{KindComuna, 5000, 5000, 10000, true},
		{KindComuna, 10000, 10000, 0, true},
		{KindComuna, 250000, 10000, 0, true},
		{KindOras, 9999, 0, 10000, true},
		{KindOras, 10000, 10000, 20000, true},
		{KindOras, 20000, 20000, 0, true},
		{KindMunicipiu, 99999, 0, 100000, true},
		{KindMunicipiu, 100000, 100000, 200000, true},
		{KindMunicipiu, 200000, 200000, 0, true},
		{KindComuna, 0, 0, 0, false},
		{KindJudet, 400000, 0, 0, false},
		{KindSector, 300000, 0, 0, false},
	} {
		b, ok := PeerBandOf(c.kind, c.people)
		if ok != c.ok || b.Min != c.min || b.Max != c.max || (ok && b.Kind != c.kind) {
			t.Errorf("PeerBandOf(%s, %d) = %+v, %v; want [%d, %d) %v", c.kind, c.people, b, ok, c.min, c.max, c.ok)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		xs   []int64
		want int64
	}{
		{nil, 0},
		{[]int64{7}, 7},
		{[]int64{9, 1, 5}, 5},
		{[]int64{4, 1, 3, 2}, 3}, // (2+3)/2 = 2.5 rounds up
		{[]int64{10, 20}, 15},    // even, exact
		{[]int64{-3, -2}, -3},    // -2.5 rounds away from zero
		{[]int64{5, 5, 1, 100, 5}, 5},
	} {
		in := append([]int64(nil), c.xs...)
		if got := Median(c.xs); got != c.want {
			t.Errorf("Median(%v) = %d, want %d", c.xs, got, c.want)
		}
		for i := range in {
			if in[i] != c.xs[i] {
				t.Errorf("Median changed its input: %v", c.xs)
			}
		}
	}
}

func TestComparePeers(t *testing.T) {
	unit := func(cui string, kind EntityKind, people int64, exp, rev Amount) CountyUnit {
		lines := int64(1)
		if exp == 0 && rev == 0 {
			lines = 0
		}
		return CountyUnit{Entity: Entity{CUI: cui, Kind: kind}, People: people, BudgetLines: lines, ExpensesExecuted: exp, RevenuesExecuted: rev}
	}
	// Per inhabitant: a 1000 lei (100000 bani), b 2000, c 4000, d 3000 lei.
	a := unit("a", KindComuna, 3000, 300000000, 330000000)
	b := unit("b", KindComuna, 2000, 400000000, 400000000)
	c := unit("c", KindComuna, 4000, 1600000000, 800000000)
	d := unit("d", KindComuna, 2500, 750000000, 500000000)
	other := unit("e", KindComuna, 6000, 6000000000, 6000000000) // another band
	town := unit("f", KindOras, 3000, 900000000, 900000000)      // another kind
	empty := unit("g", KindComuna, 3500, 0, 0)                   // no budget: not a peer
	alone := unit("h", KindComuna, 1500, 150000000, 150000000)
	noPeople := unit("i", KindComuna, 0, 1, 1)
	council := unit("j", KindJudet, 400000, 1, 1)
	all := []CountyUnit{a, b, c, d, other, town, empty, alone, noPeople, council}

	for _, tc := range []struct {
		name          string
		units         []CountyUnit
		u             CountyUnit
		peers         int
		exp, rev, own Amount
		why           string
	}{
		// a's peers b, c, d (itself excluded): 2000, 3000, 4000 → 3000 lei.
		{"odd", all, a, 3, 300000, 200000, 100000, ""},
		// b's peers a, c, d: 1000, 3000, 4000 → 3000; revenues 1100, 2000, 2000 → 2000.
		{"odd-other", all, b, 3, 300000, 200000, 200000, ""},
		// without d, a's peers b, c: (2000+4000)/2; revenues (2000+2000)/2.
		{"even", []CountyUnit{a, b, c, town, empty}, a, 2, 300000, 200000, 100000, ""},
		{"alone in its band", all, alone, 0, 0, 0, 0, NoPeerNone},
		{"only itself", []CountyUnit{a, a}, a, 0, 0, 0, 0, NoPeerNone},
		{"no population", all, noPeople, 0, 0, 0, 0, NoPeerPeople},
		{"county council", all, council, 0, 0, 0, 0, NoPeerKind},
		{"no budget", all, empty, 0, 0, 0, 0, NoPeerBudget},
	} {
		got, why := ComparePeers(tc.units, tc.u)
		if why != tc.why || got.Peers != tc.peers || got.MedianExpenses != tc.exp || got.MedianRevenues != tc.rev {
			t.Errorf("%s: ComparePeers = %+v, %q; want %d peers, medians %d/%d, %q", tc.name, got, why, tc.peers, tc.exp, tc.rev, tc.why)
		}
		if why == "" {
			if own, _ := tc.u.PerInhabitant(tc.u.ExpensesExecuted); got.Expenses != own || own != tc.own {
				t.Errorf("%s: the unit's own expenses per inhabitant %d, want %d", tc.name, got.Expenses, tc.own)
			}
		}
	}
}

// The shares of the peer comparison: the unit's fraction, the median of
// the peers' millionths over those that have the share, their count.
func TestComparePeersShares(t *testing.T) {
	unit := func(cui string, people int64, final, paid, contracts, direct Amount) CountyUnit {
		return CountyUnit{Entity: Entity{CUI: cui, Kind: KindComuna}, People: people, BudgetLines: 1,
			ExpensesFinal: final, ExpensesExecuted: paid, RevenuesExecuted: paid, ContractsValue: contracts, DirectPurchaseValue: direct}
	}
	us := []CountyUnit{
		unit("a", 3000, 300, 200, 0, 0),      // 666.667 millionths; no contracts
		unit("b", 3500, 400, 300, 1000, 250), // 750.000; 250.000
		unit("c", 4000, 0, 0, 3, 1),          // no final appropriations; 333.333
		unit("d", 2500, 1000, 999, 0, 0),     // 999.000; no contracts
		unit("e", 1500, 100, 100, 100, 100),  // another band: left out
	}
	c, why := ComparePeers(us, us[0])
	if why != "" || c.Peers != 3 {
		t.Fatalf("%q, %d peers", why, c.Peers)
	}
	// Execution: b and d (c has no final appropriations): (750.000 + 999.000) / 2 = 874.500.
	if got := c.ExecutionRate; got.Num != 200 || got.Den != 300 || got.Median != 874500 || got.Peers != 2 {
		t.Errorf("execution rate %+v", got)
	}
	// Direct: b and c, (250.000 + 333.333) / 2 = 291.666,5, half away: 291.667; a has none (Den 0).
	if got := c.DirectShare; got.Den != 0 || got.Median != 291667 || got.Peers != 2 {
		t.Errorf("direct share %+v", got)
	}
	// d against a alone: a has an execution rate and no contracts, so no median of the direct share.
	c, _ = ComparePeers([]CountyUnit{us[0], us[3]}, us[3])
	if c.DirectShare.Peers != 0 || c.DirectShare.Median != 0 || c.ExecutionRate.Peers != 1 || c.ExecutionRate.Median != 666667 {
		t.Errorf("one peer: %+v %+v", c.ExecutionRate, c.DirectShare)
	}
	for _, x := range []struct{ n, d, want int64 }{{1, 3, 333333}, {2, 3, 666667}, {1, 2_000_000, 1}, {-1, 2_000_000, -1}, {1, -4, -250000}, {5, 5, 1_000_000}} {
		if got, ok := ShareMillionths(x.n, x.d); !ok || got != x.want {
			t.Errorf("ShareMillionths(%d, %d) = %d, want %d", x.n, x.d, got, x.want)
		}
	}
	if _, ok := ShareMillionths(1, 0); ok {
		t.Error("a share without a denominator")
	}
}
