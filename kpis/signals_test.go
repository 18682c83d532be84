package kpis

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// The procurement signals on the fixture (testdata/fixture/procurement.csv,
// Municipiul Sibiu), worked out by hand. In 2026 (latest award in April,
// the release is of 10.04.2026, so the period is January–April) the
// threshold for goods and services is 270.120 lei and for works 900.400
// lei (Legea nr. 208/2022, from 10.09.2022); the band is 90–100 %:
// 243.108 ≤ value < 270.120 for goods, 810.360 ≤ value < 900.400 for works.
//
// Contracts that count (framework agreement FA1 does not, its call-offs
// CO1 and CO2 do): direct D1 D2 E1 E2 T1 T2 T3 W1 (8), procedures P1–P4,
// call-offs CO1 CO2: 14. Values, lei: direct 150.000 + 130.000 + 150.000
// + 130.000 + 243.108 + 270.120 + 243.107,99 + 850.000 = 2.166.335,99;
// all 2.166.335,99 + 2.000.000 + 500.000 + 300.000 + 400.000 + 300.000 +
// 200.000 = 5.866.335,99.

func signalFigures(t *testing.T, rel models.Reader, sc Scope) map[string]Value {
	t.Helper()
	vs, err := Defaults().Signals.Values(context.Background(), rel, sc)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Value{}
	for _, v := range vs {
		out[v.KPI.ID] = v
	}
	if len(out) != len(SignalKPIs) {
		t.Fatalf("%d values, want one per signal KPI (%d)", len(out), len(SignalKPIs))
	}
	return out
}

func wantPoint(t *testing.T, name string, got Point, want Point) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %+v, want %+v", name, got, want)
	}
}

func TestSignalsOnTheFixture(t *testing.T) {
	rel := fixture(t)
	vs := signalFigures(t, rel, Scope{Entity: city, Year: 2026})
	v := vs[models.KPIDirectCountShare]
	if v.Through != 4 {
		t.Errorf("period through month %d, want 4 (the latest award, 02.04.2026)", v.Through)
	}
	wantPoint(t, "direct share (count)", v.Now, Point{Num: 8, Den: 14, Ratio: true, OK: true})
	wantPoint(t, "direct share (value)", vs[models.KPIDirectValueShare].Now, Point{Num: 2_166_335_99, Den: 5_866_335_99, Ratio: true, OK: true})
	// R018: competitive with a known number of offers: P1 (1 offer), P2 (3)
	// and the framework agreement FA1 (1); not P3 (negotiation without
	// publication), not P4 (offers unknown), not the call-offs.
	wantPoint(t, "single-offer rate", vs[models.KPISingleOfferShare].Now, Point{Num: 2, Den: 3, Ratio: true, OK: true})
	// By value: F 2.300.000 (P1 P3), G 900.000, E 850.000, C 513.228 (T1
	// T2), H 500.000 (CO1 CO2; not FA1), A 280.000 (D1 and D2, written with
	// RO), B 280.000, D 243.107,99.
	wantPoint(t, "top-1 share", vs[models.KPITop1Share].Now, Point{Num: 2_300_000_00, Den: 5_866_335_99, Ratio: true, OK: true})
	wantPoint(t, "top-5 share", vs[models.KPITop5Share].Now, Point{Num: 5_063_228_00, Den: 5_866_335_99, Ratio: true, OK: true})
	// Σ (vᵢ / 5.866.335,99)² × 10.000 = 2.194,4
	wantPoint(t, "HHI", vs[models.KPISupplierHHI].Now, Point{Num: 2194, OK: true})
	// Band: T1 at exactly 90 % (in), W1 850.000 of works' 900.400 (94 %,
	// in); T2 exactly at the threshold (not under it), T3 a ban under 90 %.
	wantPoint(t, "just under the threshold", vs[models.KPIThresholdBand].Now, count(2))
	// Splitting: D1 (02.03) and D2 (31.03, 29 days later, same class 3021)
	// sum 280.000 ≥ 270.120; E1 (02.03) and E2 (01.04, 30 days later) are
	// outside a 30-day window; T1 and T2 are 36 days apart.
	wantPoint(t, "splitting series", vs[models.KPISplitting].Now, count(1))
	// R055: A 280.000, B 280.000, C 513.228 reach 270.120 within 365 days;
	// D 243.107,99 does not, nor E's works 850.000 (under 900.400).
	wantPoint(t, "R055 pairs", vs[models.KPIPairOverThreshold].Now, count(3))
	for _, id := range SignalKPIs {
		if v := vs[id]; v.Prev.OK || v.Prev.Why != SignalsByPeriod || len(v.Series) != 0 || v.SeriesWhy != SignalsByPeriod {
			t.Errorf("%s: a signal has no monthly figure, got prev %+v, series %v (%s)", id, v.Prev, v.Series, v.SeriesWhy)
		}
	}
	// January–April 2025 has no award: the same months last year are "–".
	wantPoint(t, "last year's direct share", vs[models.KPIDirectCountShare].LastYear, Point{Ratio: true, Why: NoContracts})
}

func TestSignalsWithoutCompetitiveProceduresAndWithValuesMissing(t *testing.T) {
	rel := fixture(t)
	// 2025: X1 X2 X3 direct (X2 with no value), P5 a negotiation without
	// publication. The year is before the release's: January–December.
	vs := signalFigures(t, rel, Scope{Entity: city, Year: 2025})
	if th := vs[models.KPISingleOfferShare].Through; th != 12 {
		t.Errorf("2025 through %d, want 12", th)
	}
	// No competitive procedure: the rate is absent with its reason, not 0.
	wantPoint(t, "single-offer rate", vs[models.KPISingleOfferShare].Now, Point{Ratio: true, Why: NoCompetitive})
	wantPoint(t, "direct share (count)", vs[models.KPIDirectCountShare].Now, Point{Num: 3, Den: 4, Ratio: true, OK: true})
	// X2 has no value: the concentration is by number: A 2 (X1 X2), B 1, K 1.
	wantPoint(t, "top-1 share", vs[models.KPITop1Share].Now, Point{Num: 2, Den: 4, Ratio: true, OK: true})
	wantPoint(t, "top-5 share", vs[models.KPITop5Share].Now, Point{Num: 4, Den: 4, Ratio: true, OK: true})
	wantPoint(t, "HHI", vs[models.KPISupplierHHI].Now, Point{Num: 3750, OK: true}) // (50² + 25² + 25²)
	conc, err := Defaults().Signals.Concentration(context.Background(), rel, Scope{Entity: city, Year: 2025, Through: 12})
	if err != nil {
		t.Fatal(err)
	}
	if conc.ByValue || conc.Total != 4 || len(conc.Top) != 3 || conc.Top[0].CUI != "11111110" {
		t.Errorf("2025 concentration = %+v, want by number, of 4, A first", conc)
	}
	// A year without awards at all.
	empty := signalFigures(t, rel, Scope{Entity: city, Year: 2024})
	for _, id := range SignalKPIs {
		if p := empty[id].Now; p.OK || p.Why != NoYear {
			t.Errorf("2024 %s = %+v, want missing (%s)", id, p, NoYear)
		}
	}
}

func flagIDs(t *testing.T, rel models.Reader, s SignalSettings, sc Scope, signal string) []string {
	t.Helper()
	fs, err := s.Flags(context.Background(), rel, sc, signal)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Contract.ContractID)
	}
	return ids
}

func TestSignalFlags(t *testing.T) {
	rel := fixture(t)
	s := Defaults().Signals
	sc := Scope{Entity: city, Year: 2026}
	for _, c := range []struct {
		signal string
		want   []string
	}{
		{SignalDirect, []string{"T1", "T2", "D1", "E1", "T3", "W1", "D2", "E2"}},
		{SignalSingleOffer, []string{"FA1", "P1"}},
		{SignalThreshold, []string{"T1", "W1"}},
		{SignalSplitting, []string{"D1", "D2"}},
		{SignalPair, []string{"T1", "T2", "D1", "E1", "D2", "E2"}},
		// The top five F, G, E, C, H: P1 P3, P2 P4, W1, T1 T2, CO1 CO2.
		{SignalConcentration, []string{"T1", "P1", "P2", "P3", "P4", "T2", "CO1", "W1", "CO2"}},
	} {
		got := flagIDs(t, rel, s, sc, c.signal)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s flags %v, want %v", c.signal, got, c.want)
		}
	}
	fs, err := s.Flags(context.Background(), rel, sc, SignalSplitting)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Group != "D1" || f.Count != 2 || f.Sum != 280_000_00 || f.Threshold != 270_120_00 ||
			!f.First.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) || !f.Last.Equal(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("splitting flag %+v: want series D1, 2 purchases, 280.000 lei against 270.120, 02.03–31.03", f)
		}
		if f.Contract.SupplierCUI != "11111110" {
			t.Errorf("supplier %q, want its code without RO", f.Contract.SupplierCUI)
		}
	}

	// The window is a setting: 31 days takes E1 and E2 in.
	wide := s
	wide.SplittingDays = 31
	if got := flagIDs(t, rel, wide, sc, SignalSplitting); !slices.Equal(got, []string{"D1", "E1", "D2", "E2"}) {
		t.Errorf("31-day window flags %v, want D1 E1 D2 E2", got)
	}
	// So is the band: from 95 %, T1 (90 %) and W1 (94,4 %) are out.
	narrow := s
	narrow.BandLow = 95
	if got := flagIDs(t, rel, narrow, sc, SignalThreshold); len(got) != 0 {
		t.Errorf("95–100 %% band flags %v, want none", got)
	}
	// Through March: E2 (01.04) is out of the period.
	if got := flagIDs(t, rel, s, Scope{Entity: city, Year: 2026, Through: 3}, SignalDirect); slices.Contains(got, "E2") || len(got) != 7 {
		t.Errorf("direct purchases through March: %v", got)
	}
	if _, err := s.Flags(context.Background(), rel, sc, "altceva"); err == nil || !strings.Contains(err.Error(), "semnal necunoscut") {
		t.Errorf("unknown signal: %v", err)
	}
}

// The thresholds are dated: a purchase is measured against the one in
// force on its award date.
func TestThresholdsAreDated(t *testing.T) {
	s := Defaults().Signals
	for _, c := range []struct {
		day          string
		goods, works models.Amount
	}{
		{"2016-05-26", 132_519_00, 441_730_00},
		{"2018-06-03", 132_519_00, 441_730_00},
		{"2018-06-04", 135_060_00, 450_200_00},
		{"2022-09-09", 135_060_00, 450_200_00},
		{"2022-09-10", 270_120_00, 900_400_00},
		{"2026-10-31", 270_120_00, 900_400_00},
	} {
		d, _ := time.Parse(time.DateOnly, c.day)
		th, ok := s.ThresholdOn(d)
		if !ok || th.Goods != c.goods || th.Works != c.works || th.Source.RO == "" || th.Source.EN == "" {
			t.Errorf("%s: %+v, want %v and %v with their source", c.day, th, c.goods, c.works)
		}
	}
	if _, ok := s.ThresholdOn(time.Date(2016, 5, 25, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("a threshold before Legea nr. 98/2016 came into force")
	}
	if s.BandLow != 90 || s.BandHigh != 100 || s.SplittingDays != 30 || s.PairDays != 365 {
		t.Errorf("defaults %+v", s)
	}
}

func TestSignalSettingsFromTheFile(t *testing.T) {
	tg, err := Parse("t.yaml", []byte("procurement:\n  band_low: 80\n  splitting_days: 60\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s := tg.Signals; s.BandLow != 80 || s.BandHigh != 100 || s.SplittingDays != 60 || s.PairDays != 365 || len(s.Thresholds) != 3 {
		t.Errorf("file over defaults: %+v", s)
	}
	for _, c := range []struct{ doc, want string }{
		{"procurement:\n  band_low: 100\n", "0 < band_low < band_high ≤ 100"},
		{"procurement:\n  pair_days: 0\n", "pair_days: fereastra are între 1 și 3660 de zile"},
		{"procurement:\n  thresholds:\n    - {since: 2022-09-10, goods: 270120, works: 900400, source: L}\n    - {since: 2018-06-04, goods: 1, works: 2, source: O}\n", "ordinea intrării în vigoare"},
		{"procurement:\n  thresholds:\n    - {since: 10.09.2022, goods: 270120, works: 900400, source: L}\n", "AAAA-LL-ZZ"},
		{"procurement:\n  thresholds:\n    - {since: 2022-09-10, goods: 270120, works: 900400}\n", "lipsește source"},
		{"targets:\n  - {kpi: procurement-hhi, target: 3000, amber: 2500, red: 4000}\n", "scade în bine"},
	} {
		_, err := Parse("t.yaml", []byte(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one saying %q", c.doc, err, c.want)
		}
	}
	// A target may name a signal; an objective may not (Compute does not compute it).
	if _, err := Parse("t.yaml", []byte("targets:\n  - {kpi: procurement-splitting, target: 0, amber: 1, red: 2}\n")); err != nil {
		t.Errorf("a signal's target: %v", err)
	}
	if _, err := Parse("t.yaml", []byte("objectives:\n  - {title: T, owner: O, kpi: procurement-splitting, target: 0, deadline: 2026-12-31}\n")); err == nil {
		t.Error("an objective on a signal was accepted")
	}
}
