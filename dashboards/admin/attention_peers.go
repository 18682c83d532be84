package admin

import (
	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// Alerts that compare: on the county page, a unit's expenses or revenues
// per inhabitant flagged when they are far from the median of its peers,
// the units of the release of its kind and population band
// (models.ComparePeers, the home page's comparison, bands on
// /metodologie): more than AttentionSettings.PeerFarPercent of the median
// above or below it. The figures are in lei of the year per inhabitant,
// whatever the view of the table.

// PeerFlag is a figure of a unit far from its peers' median: Key names it
// (expenses, revenues), Diff is |figure − median| / median.
type PeerFlag struct {
	Key  string
	Text string
	Diff dashboards.Ratio
}

// peerFlags are u's figures far from its peers' median among units (one
// year's CountyReader figures); none when it has no peers (models.NoPeer*)
// or a median is not above zero.
func peerFlags(lang string, set AttentionSettings, units []models.CountyUnit, u models.CountyUnit) []PeerFlag {
	c, why := models.ComparePeers(units, u)
	if why != "" {
		return nil
	}
	var out []PeerFlag
	for _, f := range []struct {
		key, label  string
		value, mean models.Amount
	}{
		{"expenses", "county.expenses.pc", c.Expenses, c.MedianExpenses},
		{"revenues", "county.revenues.pc", c.Revenues, c.MedianRevenues},
	} {
		if f.mean <= 0 {
			continue
		}
		d := int64(f.value - f.mean)
		side := "admin.county.peer.above"
		if d < 0 {
			d, side = -d, "admin.county.peer.below"
		}
		// |value − median| / median > percent / 100, in integers.
		if 100*d <= int64(set.PeerFarPercent)*int64(f.mean) {
			continue
		}
		r := dashboards.Ratio{Num: d, Den: int64(f.mean)}
		out = append(out, PeerFlag{Key: f.key, Diff: r, Text: dashboards.Tf(lang, side, dashboards.T(lang, f.label), dashboards.FormatLei(lang, f.value),
			r.Format(lang), dashboards.FormatLei(lang, f.mean),
			dashboards.CountNoun(lang, int64(c.Peers), dashboards.T(lang, "admin.county.peer.unit"), dashboards.T(lang, "admin.county.peer.units")))})
	}
	return out
}
