package models

import (
	"cmp"
	"slices"
)

// PeerBand is a population band of a kind of administrative unit: the units
// a unit is compared with on its home page are those of its kind and band.
// Min is inclusive, Max exclusive; Max 0 means no upper bound.
type PeerBand struct {
	Kind     EntityKind
	Min, Max int64
}

// PeerBands are the bands, per kind, in ascending order (documented on
// /metodologie). The county councils and the sectors of Bucharest have no
// band: there are too few of them in a release to compare.
var PeerBands = []PeerBand{
	{KindComuna, 0, 2000}, {KindComuna, 2000, 5000}, {KindComuna, 5000, 10000}, {KindComuna, 10000, 0},
	{KindOras, 0, 10000}, {KindOras, 10000, 20000}, {KindOras, 20000, 0},
	{KindMunicipiu, 0, 100000}, {KindMunicipiu, 100000, 200000}, {KindMunicipiu, 200000, 0},
}

// PeerBandOf is the band of a unit of kind with people inhabitants; ok is
// false when the kind has no bands or the population is unknown (<= 0).
func PeerBandOf(kind EntityKind, people int64) (PeerBand, bool) {
	if people <= 0 {
		return PeerBand{}, false
	}
	for _, b := range PeerBands {
		if b.Kind == kind && people >= b.Min && (b.Max == 0 || people < b.Max) {
			return b, true
		}
	}
	return PeerBand{}, false
}

// Why a unit has no peer comparison.
const (
	NoPeerPeople = "people" // its population is not known
	NoPeerKind   = "kind"   // its kind has no bands (county council, sector)
	NoPeerBudget = "budget" // it has no budget published for the year
	NoPeerNone   = "none"   // no other unit of its kind and band has a budget of the year
)

// PeerComparison is a unit against the median of its peers: the other units
// of the release of the same kind and band with a budget of the year (the
// unit itself excluded): expenses and revenues per inhabitant, in bani, and
// the execution rate and direct-purchase share (CountyUnit.ExecutionRate,
// CountyUnit.DirectPurchaseShare), over the peers that have each.
type PeerComparison struct {
	Band               PeerBand
	Peers              int
	Expenses, Revenues Amount // the unit's, per inhabitant
	MedianExpenses     Amount // the peers' median, per inhabitant
	MedianRevenues     Amount
	ExecutionRate      PeerShare
	DirectShare        PeerShare
}

// PeerShare is a share of the unit against its peers' median: the unit's
// as its fraction (Num/Den; Den 0 when it has none) and the median of the
// peers' shares in millionths (ShareMillionths), over Peers peers, those
// of the comparison that have the share (0: no median).
type PeerShare struct {
	Num, Den int64
	Median   int64 // millionths
	Peers    int
}

// ShareMillionths is num/den in millionths, rounded half away from zero;
// ok is false without a denominator. The medians of the peers' shares are
// of these.
func ShareMillionths(num, den int64) (int64, bool) {
	if den == 0 {
		return 0, false
	}
	if den < 0 {
		num, den = -num, -den
	}
	n := num * 1_000_000
	if n < 0 {
		return -((-2*n + den) / (2 * den)), true
	}
	return (2*n + den) / (2 * den), true
}

// peerShare is the unit's share of f against the median of its peers'.
func peerShare(u CountyUnit, peers []CountyUnit, f func(CountyUnit) (num, den int64, ok bool)) PeerShare {
	var s PeerShare
	s.Num, s.Den, _ = f(u)
	var xs []int64
	for _, p := range peers {
		if n, d, ok := f(p); ok {
			m, _ := ShareMillionths(n, d)
			xs = append(xs, m)
		}
	}
	s.Peers, s.Median = len(xs), Median(xs)
	return s
}

// ComparePeers compares u with its peers among units (the figures of
// CountyReader.CountyUnits, one year); why is one of the NoPeer reasons
// when there is no comparison.
func ComparePeers(units []CountyUnit, u CountyUnit) (c PeerComparison, why string) {
	if u.People <= 0 {
		return c, NoPeerPeople
	}
	band, ok := PeerBandOf(u.Entity.Kind, u.People)
	if !ok {
		return c, NoPeerKind
	}
	if u.BudgetLines == 0 {
		return c, NoPeerBudget
	}
	c.Band = band
	c.Expenses, _ = u.PerInhabitant(u.ExpensesExecuted)
	c.Revenues, _ = u.PerInhabitant(u.RevenuesExecuted)
	var exp, rev []int64
	var peers []CountyUnit
	for _, p := range units {
		if p.Entity.CUI == u.Entity.CUI || p.BudgetLines == 0 {
			continue
		}
		if b, ok := PeerBandOf(p.Entity.Kind, p.People); !ok || b != band {
			continue
		}
		e, _ := p.PerInhabitant(p.ExpensesExecuted)
		r, _ := p.PerInhabitant(p.RevenuesExecuted)
		exp, rev = append(exp, int64(e)), append(rev, int64(r))
		peers = append(peers, p)
	}
	if len(exp) == 0 {
		return c, NoPeerNone
	}
	c.Peers = len(exp)
	c.MedianExpenses, c.MedianRevenues = Amount(Median(exp)), Amount(Median(rev))
	c.ExecutionRate = peerShare(u, peers, CountyUnit.ExecutionRate)
	c.DirectShare = peerShare(u, peers, CountyUnit.DirectPurchaseShare)
	return c, ""
}

// Median is the middle value of xs, or with an even count the mean of the
// two middle values rounded half away from zero; 0 for none. xs is not
// changed.
func Median(xs []int64) int64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.SortFunc(s, cmp.Compare[int64])
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	sum := s[n/2-1] + s[n/2]
	if sum < 0 {
		return -((-sum + 1) / 2)
	}
	return (sum + 1) / 2
}
