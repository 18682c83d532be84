package kpis

import (
	"fmt"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// The procurement signals' settings, in the targets file under
// procurement: the direct-purchase thresholds by the date they came into
// force, each with its legal source, and the parameters of the signals.
// A configured file's section replaces the built-in one field by field
// (a list of thresholds replaces the whole list).

// Threshold is the direct-purchase threshold in force from Since: a
// direct purchase is allowed below Goods (goods and services) or Works
// (works), lei without VAT (Legea nr. 98/2016, art. 7 alin. (5)).
type Threshold struct {
	Since        time.Time
	Goods, Works models.Amount
	Source       models.Text
}

// SignalSettings are the signals' parameters.
type SignalSettings struct {
	// Thresholds in the order they came into force.
	Thresholds []Threshold
	// BandLow and BandHigh bound the band just under the threshold, in
	// percent of it: BandLow ≤ value/threshold < BandHigh.
	BandLow, BandHigh int
	// SplittingDays is the window of the suspected splitting and PairDays
	// that of the buyer–supplier pair (R055), in calendar days counting the
	// first purchase's day: a purchase SplittingDays − 1 days after the
	// first is inside, one SplittingDays days after is not.
	SplittingDays, PairDays int
}

// ThresholdOn is the threshold in force on day d; false before the first.
func (s SignalSettings) ThresholdOn(d time.Time) (Threshold, bool) {
	var out Threshold
	ok := false
	for _, t := range s.Thresholds {
		if !t.Since.After(d) {
			out, ok = t, true
		}
	}
	return out, ok
}

type signalsYAML struct {
	Thresholds    []thresholdYAML `yaml:"thresholds"`
	BandLow       *int            `yaml:"band_low"`
	BandHigh      *int            `yaml:"band_high"`
	SplittingDays *int            `yaml:"splitting_days"`
	PairDays      *int            `yaml:"pair_days"`
}

type thresholdYAML struct {
	Since    string   `yaml:"since"`
	Goods    *float64 `yaml:"goods"`
	Works    *float64 `yaml:"works"`
	Source   string   `yaml:"source"`
	SourceEN string   `yaml:"source_en"`
}

// over applies a file's section over settings base, checked.
func (y *signalsYAML) over(where string, base SignalSettings) (SignalSettings, error) {
	s := base
	if y == nil {
		return s, nil
	}
	var errs []string
	if len(y.Thresholds) > 0 {
		s.Thresholds = nil
		for i, t := range y.Thresholds {
			at := fmt.Sprintf("%s: procurement.thresholds[%d]", where, i)
			d, err := time.Parse(time.DateOnly, t.Since)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s: since %q: scrieți data intrării în vigoare ca AAAA-LL-ZZ (2022-09-10)", at, t.Since))
				continue
			}
			if t.Goods == nil || t.Works == nil || *t.Goods <= 0 || *t.Works <= 0 {
				errs = append(errs, at+": goods și works sunt pragurile în lei fără TVA, mai mari de zero")
				continue
			}
			if strings.TrimSpace(t.Source) == "" {
				errs = append(errs, at+": lipsește source (actul normativ care a stabilit pragul)")
				continue
			}
			if n := len(s.Thresholds); n > 0 && !s.Thresholds[n-1].Since.Before(d) {
				errs = append(errs, at+": pragurile se scriu în ordinea intrării în vigoare, fiecare la altă dată")
				continue
			}
			en := t.SourceEN
			if en == "" {
				en = t.Source
			}
			s.Thresholds = append(s.Thresholds, Threshold{Since: d, Goods: leiAmount(*t.Goods), Works: leiAmount(*t.Works),
				Source: models.Text{RO: t.Source, EN: en}})
		}
	}
	set := func(p *int, to *int) {
		if p != nil {
			*to = *p
		}
	}
	set(y.BandLow, &s.BandLow)
	set(y.BandHigh, &s.BandHigh)
	set(y.SplittingDays, &s.SplittingDays)
	set(y.PairDays, &s.PairDays)
	if !(s.BandLow > 0 && s.BandLow < s.BandHigh && s.BandHigh <= 100) {
		errs = append(errs, fmt.Sprintf("%s: procurement: banda de sub prag este band_low ≤ valoare/prag < band_high, în procente, cu 0 < band_low < band_high ≤ 100 (acum %d și %d)", where, s.BandLow, s.BandHigh))
	}
	for _, d := range []struct {
		name string
		v    int
	}{{"splitting_days", s.SplittingDays}, {"pair_days", s.PairDays}} {
		if d.v < 1 || d.v > 3660 {
			errs = append(errs, fmt.Sprintf("%s: procurement.%s: fereastra are între 1 și 3660 de zile (acum %d)", where, d.name, d.v))
		}
	}
	if len(s.Thresholds) == 0 {
		errs = append(errs, where+": procurement.thresholds: lipsesc pragurile achiziției directe")
	}
	if len(errs) > 0 {
		return s, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return s, nil
}

// leiAmount is a lei figure of the file in bani.
func leiAmount(v float64) models.Amount {
	return models.Amount(int64(v*100 + 0.5))
}
