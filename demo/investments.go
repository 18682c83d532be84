package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/deschis/deschis/models"
)

// Investment objectives: each is planned, started, executed over one to three
// years and finished (a few are suspended or cancelled), and appears in the
// investment list of every year from the one it entered the list to the one
// it was finished or cancelled in.

type invYear struct {
	year                   int
	status                 models.InvestmentStatus
	planned, spent, toDate int64 // bani
	progress               int64 // hundredths of a per cent
	actualStart, actualEnd day   // as known at the end of that year (0 = empty)
}

// invContract is a works contract awarded for an objective; the procurement
// generator picks its supplier.
type invContract struct {
	date      day
	cpv       string
	value     int64
	procedure string
	offers    int
	eu        bool
	buyerCUI  string
	code      string
	title     string
}

type investment struct {
	entityCUI, code, name, fn, funding string
	total                              int64
	plannedStart, plannedEnd           day
	years                              []invYear
	contracts                          []invContract
}

// started reports whether works began by AsOf (so the objective has contracts).
func (inv *investment) started() bool {
	for _, y := range inv.years {
		if y.actualStart != 0 {
			return true
		}
	}
	return false
}

func smoothstep(x float64) float64 {
	x = clamp(x, 0, 1)
	return x * x * (3 - 2*x)
}

// planInvestments plans every authority's objectives: about 40×Scale for
// Municipiul Demo, in proportion to its volume for an authority of the demo
// county (at least two), codes sorted.
func planInvestments(cfg *config) []*investment {
	var out []*investment
	for i, a := range cfg.auths {
		n := 40 * cfg.scale
		if cfg.county {
			n = max(2, int(math.Round(40*a.volume)))
		}
		out = append(out, planAuthority(cfg, a, cfg.authRng(streamInvestments, i), n)...)
	}
	slices.SortStableFunc(out, func(a, b *investment) int { return strings.Compare(a.code, b.code) })
	return out
}

func planAuthority(cfg *config, a *authority, r *rand.Rand, n int) []*investment {
	var totalW float64
	for _, t := range invTemplates {
		totalW += t.weight
	}
	seq := map[int]int{}
	names := map[string]bool{}
	schools := 0
	var out []*investment
	hospital, hasHospital := a.firstOf(domHospital)
	for range n {
		t := pickTemplate(r, totalW)
		inv := &investment{fn: t.fn, funding: t.funding[r.IntN(len(t.funding))], entityCUI: a.head.CUI}
		if t.onHosp && hasHospital {
			inv.entityCUI = hospital.CUI
		}
		inv.name = investmentName(r, t, names, &schools)

		// When it entered the investment list: the early years carry the most,
		// as the objectives of a five-year window overlap.
		y0 := firstYear + pickIndex(r, []float64{0.35, 0.25, 0.2, 0.12, 0.08})
		y0 = min(y0, cfg.lastYear)
		planYears := 0
		if r.Float64() < 0.35 {
			planYears = 1
		}
		seq[y0]++
		inv.code = fmt.Sprintf("INV-%s%d-%03d", a.invPrefix, y0, seq[y0])

		execYear := y0 + planYears
		inv.plannedStart = mkday(execYear, 2+r.IntN(8), 1+r.IntN(28))
		if inv.plannedStart < mkday(firstYear, 4, 1) {
			inv.plannedStart = mkday(firstYear, 4, 1) + day(r.IntN(60))
		}
		inv.plannedStart = cfg.cal.nextWorking(inv.plannedStart)
		months := max(4, int(float64(t.months)*uniform(r, 0.6, 1.5)))
		inv.plannedEnd = cfg.cal.nextWorking(inv.plannedStart + day(float64(months)*30.44))
		startDelay, endDelay := day(0), day(0)
		if r.Float64() < 0.5 {
			startDelay = day(15 + r.IntN(225))
		}
		if r.Float64() < 0.6 {
			endDelay = day(r.IntN(300))
		}
		actualStart := cfg.cal.nextWorking(inv.plannedStart + startDelay)
		actualEnd := cfg.cal.nextWorking(inv.plannedEnd + startDelay + endDelay)

		// A few objectives are suspended for a year, a few are cancelled.
		suspYear, cancelYear := 0, 0
		if r.Float64() < 0.1 && actualEnd.year() > actualStart.year() {
			suspYear = actualStart.year() + 1
			actualEnd += 365
		}
		if r.Float64() < 0.06 {
			cancelYear = y0 + 1 + r.IntN(2)
		}
		inv.total = cents(math.Exp(math.Log(t.median) + 0.6*r.NormFloat64()))
		inv.total = max(inv.total, cents(300_000))

		design := float64(inv.total) * uniform(r, 0.01, 0.03)
		works := float64(inv.total)*uniform(r, 0.85, 0.96) - design
		// Execution days, not counting a suspension year.
		execDays := func(t day) float64 {
			if t <= actualStart {
				return 0
			}
			t = min(t, actualEnd)
			d := float64(t - actualStart)
			if suspYear != 0 {
				s0, s1 := max(mkday(suspYear, 1, 1), actualStart), mkday(suspYear, 12, 31)
				if t > s0 {
					d -= float64(min(t, s1) - s0)
				}
			}
			return d
		}
		full := execDays(actualEnd)
		cumAt := func(t day) (spent float64, x float64) {
			if cancelYear != 0 {
				t = min(t, mkday(cancelYear, 1, 1))
			}
			if t >= mkday(y0, 12, 31) || t >= cfg.asOf {
				spent = design
			}
			x = execDays(t) / full
			return spent + works*smoothstep(x), x
		}

		var prevCum int64
		for y := y0; y <= cfg.lastYear; y++ {
			end := min(mkday(y, 12, 31), cfg.asOf)
			iy := invYear{year: y}
			spent, x := cumAt(end)
			cum := int64(math.Round(spent))
			started := actualStart <= end && (cancelYear == 0 || actualStart < mkday(cancelYear, 1, 1))
			finished := started && actualEnd <= end
			switch {
			case y == cancelYear:
				iy.status = models.InvCancelled
			case y == suspYear:
				iy.status = models.InvSuspended
			case finished:
				iy.status = models.InvCompleted
			case started:
				iy.status = models.InvInProgress
			default:
				iy.status = models.InvPlanned
			}
			if started {
				iy.actualStart = actualStart
			}
			if finished {
				iy.actualEnd = actualEnd
				x = 1
			}
			iy.spent, iy.toDate = cum-prevCum, cum
			iy.progress = int64(math.Round(10000 * smoothstep(x)))
			if !started {
				iy.progress = 0
			}
			// What the year's list planned: the whole year's expected spending
			// (also the months after AsOf) plus the usual optimism.
			yearEnd, _ := cumAt(mkday(y, 12, 31))
			expected := max(int64(math.Round(yearEnd))-prevCum, iy.spent)
			switch iy.status {
			case models.InvCompleted:
				iy.planned = int64(float64(expected) * uniform(r, 1, 1.15))
			case models.InvCancelled:
				iy.planned = int64(float64(inv.total) * uniform(r, 0.02, 0.1))
			case models.InvPlanned:
				iy.planned = int64(float64(expected)*uniform(r, 1, 2)) + int64(float64(inv.total)*uniform(r, 0, 0.05))
			default:
				iy.planned = int64(float64(expected) * uniform(r, 1.05, 1.5))
			}
			iy.planned = max(min(iy.planned, inv.total-prevCum), iy.spent)
			prevCum = cum
			inv.years = append(inv.years, iy)
			if iy.status == models.InvCompleted || iy.status == models.InvCancelled {
				break
			}
		}

		// Works contracts, awarded before the works start.
		if inv.started() {
			k := 1 + pickIndex(r, []float64{0.55, 0.3, 0.15})
			shares := make([]float64, k)
			for i := range shares {
				shares[i] = uniform(r, 0.5, 1.5)
			}
			if k > 1 {
				shares[0] *= 2 // the main works contract
			}
			var ssum float64
			for _, s := range shares {
				ssum += s
			}
			worksValue := float64(inv.total) * uniform(r, 0.75, 0.92)
			for i := range k {
				date := actualStart - day(15+r.IntN(60))
				date = cfg.cal.nextWorking(max(date, mkday(firstYear, 1, 10)))
				proc := "licitație deschisă"
				if r.Float64() < 0.3 {
					proc = "procedură simplificată"
				}
				offers := 1
				if r.Float64() >= 0.15 {
					offers = 2 + r.IntN(5)
				}
				inv.contracts = append(inv.contracts, invContract{
					date: date, cpv: t.cpv[i%len(t.cpv)], value: int64(worksValue * shares[i] / ssum),
					procedure: proc, offers: offers, eu: inv.funding == "ue" || inv.funding == "pnrr",
					buyerCUI: inv.entityCUI, code: inv.code, title: "Execuția lucrărilor – " + inv.name,
				})
			}
		}
		out = append(out, inv)
	}
	return out
}

func pickTemplate(r *rand.Rand, totalW float64) invTemplate {
	x := r.Float64() * totalW
	for _, t := range invTemplates {
		if x < t.weight {
			return t
		}
		x -= t.weight
	}
	return invTemplates[len(invTemplates)-1]
}

// pickIndex draws an index with the given probabilities.
func pickIndex(r *rand.Rand, p []float64) int {
	x := r.Float64()
	for i, pi := range p {
		if x < pi {
			return i
		}
		x -= pi
	}
	return len(p) - 1
}

// investmentName fills a template; names are unique, so a repeated one gets a lot number.
func investmentName(r *rand.Rand, t invTemplate, taken map[string]bool, schools *int) string {
	fill := func() string {
		s := t.name
		// A slice, not a map: the draws must come in a fixed order.
		for _, f := range []struct {
			key  string
			list []string
		}{{"{str}", streets}, {"{art}", arteries}, {"{area}", districts}, {"{park}", parks}, {"{roman}", romans[:4]}} {
			if strings.Contains(s, f.key) {
				s = strings.Replace(s, f.key, f.list[r.IntN(len(f.list))], 1)
			}
		}
		if strings.Contains(s, "{n}") {
			s = strings.Replace(s, "{n}", strconv.Itoa(1+r.IntN(6)), 1)
		}
		if strings.Contains(s, "{k}") {
			s = strings.Replace(s, "{k}", strconv.Itoa(1+r.IntN(30)), 1)
		}
		return s
	}
	for range 6 {
		if s := fill(); !taken[s] {
			taken[s] = true
			return s
		}
	}
	base := fill()
	for lot := 2; ; lot++ {
		s := base + " – lotul " + strconv.Itoa(lot)
		if !taken[s] {
			taken[s] = true
			return s
		}
	}
}

func writeInvestments(cfg *config, invs []*investment, path string) (File, error) {
	w, err := createCSV(path, models.DatasetInvestments)
	if err != nil {
		return File{}, err
	}
	for _, inv := range invs {
		for _, y := range inv.years {
			w.text(inv.entityCUI)
			w.text(inv.code)
			w.integer(int64(y.year))
			w.text(inv.name)
			w.text(inv.fn)
			w.text(inv.funding)
			w.text(string(y.status))
			w.amount(inv.total)
			w.amount(y.planned)
			w.amount(y.spent)
			w.amount(y.toDate)
			w.amount(y.progress)
			w.date(inv.plannedStart)
			w.date(inv.plannedEnd)
			w.optDate(y.actualStart)
			w.optDate(y.actualEnd)
			w.end()
		}
	}
	return w.close()
}
