package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"

	"github.com/deschis/deschis/models"
)

// Budget execution reports: one file per month (budget/YYYY-MM.csv) holding
// the cumulative position of every line of every entity at the end of that
// month, as the Treasury's monthly reports do.

// The revised report planted for the loader: the June 2025 report is sent
// again, corrected, after the July 2025 report.
const (
	revisedYear, revisedMonth = 2025, 6
	revisedAfterMonth         = 7
)

var revisedReportDate = mkday(2025, 7, 25)

// series is one line's year: the appropriations as they stood before the
// first revision, after it and after the second, and the cumulative
// commitments and payments (or rights established and collections) at the end
// of each month, all in bani.
type series struct {
	present bool
	fin     [3]int64
	comm    [12]int64
	exec    [12]int64
}

// final returns the appropriations in force in month m (1..12).
func (s *series) final(m, r1, r2 int) int64 {
	switch {
	case m >= r2:
		return s.fin[2]
	case m >= r1:
		return s.fin[1]
	}
	return s.fin[0]
}

func (s *series) add(o *series) {
	s.present = true
	for k := range s.fin {
		s.fin[k] += o.fin[k]
	}
	for m := range s.exec {
		s.exec[m] += o.exec[m]
		s.comm[m] += o.comm[m]
	}
}

type entityLines struct {
	cui   string
	lines []*bline
	ser   []series
}

type budgetGen struct {
	cfg    *config
	a      *authority
	r      *rand.Rand
	r1, r2 int // the months of the year's two revisions
	years  []int
	growth map[string][]float64 // chapter -> factor by year index, 1 in 2024
	city   entityLines
	units  []entityLines
	// For unit i: its 2024 subsidy (lei) and the chapter whose growth it
	// follows; the indices and weights of its own revenue lines and of its
	// expense lines (line 0 is always the subsidy).
	unitBase []float64
	unitChap []string
	unitOwn  [][]int
	unitOwnW [][]float64
	unitExp  [][]int
	unitExpW [][]float64
}

const population2024 = 250_849 // Timișoara, census 2021: the calibration base

func cents(lei float64) int64 { return int64(math.Round(lei * 100)) }

func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// ownRevenueChapters are the local taxes, fees and property income a town
// hall collects itself: an authority's traits.own scales them.
var ownRevenueChapters = map[string]bool{
	"07.02": true, "15.02": true, "16.02": true, "18.02": true, "30.02": true,
	"33.02": true, "34.02": true, "35.02": true, "36.02": true,
}

// newBudgetGen calibrates one authority's budget (its own lines and its
// units') on Timișoara's, scaled by the authority's size.
func newBudgetGen(cfg *config, a *authority, r *rand.Rand) *budgetGen {
	g := &budgetGen{cfg: cfg, a: a, r: r, growth: map[string][]float64{}}
	for y := firstYear; y <= cfg.lastYear; y++ {
		g.years = append(g.years, y)
	}
	popRatio := a.size

	chapters := []string{}
	for _, c := range cityExpenseChapters {
		chapters = append(chapters, c.ch)
	}
	for _, c := range cityRevenueChapters {
		chapters = append(chapters, c.ch)
	}
	for _, ch := range chapters {
		// 5–8 % nominal growth a year, chapter by chapter: levels chained from
		// 2022, then expressed relative to 2024, the calibration year.
		f := make([]float64, len(g.years))
		f[0] = 1
		for i := 1; i < len(f); i++ {
			f[i] = f[i-1] * (1 + uniform(g.r, 0.05, 0.08))
		}
		base := f[len(f)-1]
		if i := 2024 - firstYear; i < len(f) {
			base = f[i]
		} else {
			base *= math.Pow(1.065, float64(i-len(f)+1)) // a demo that ends before 2024
		}
		for i := range f {
			f[i] /= base
		}
		g.growth[ch] = f
	}

	// The units' transfers, 2024 lei. School transfers shrink with their
	// number so that the city's education chapter keeps its size at any Scale.
	schools := len(a.schools())
	var schoolsTotal, hospitalTotal, socialTotal float64
	for _, u := range a.units {
		var base float64
		var ch string
		switch u.domain {
		case domSchool:
			base = min(schoolTransfer2024, 0.8*educationOperating2024/float64(schools)) * uniform(g.r, 0.9, 1.1)
			schoolsTotal += base
			ch = "65.02"
		case domHospital:
			base = hospitalTransfer2024 * uniform(g.r, 0.95, 1.05)
			hospitalTotal += base
			ch = "66.02"
		default:
			base = socialTransfer2024 * uniform(g.r, 0.95, 1.05)
			socialTotal += base
			ch = "68.02"
		}
		g.unitBase = append(g.unitBase, base*popRatio)
		g.unitChap = append(g.unitChap, ch)
	}

	// The city.
	b := newLineBuilder()
	for _, c := range cityRevenueChapters {
		total := c.total * 1000 * popRatio * uniform(g.r, 0.94, 1.06)
		if ownRevenueChapters[c.ch] {
			total *= a.traits.own
		}
		for _, rl := range c.lines {
			l := b.add(models.Revenue, rl.sec, "A", rl.fn, "", c.ch, total*rl.share, rl.p)
			l.trend = rl.trend
		}
	}
	for _, c := range cityExpenseChapters {
		noise := uniform(g.r, 0.94, 1.06)
		op, dev := c.op*1000*popRatio*noise, c.dev*1000*popRatio*noise
		transfers := map[string]struct {
			d     domain
			total float64
		}{"65.02": {domSchool, schoolsTotal}, "66.02": {domHospital, hospitalTotal}, "68.02": {domSocial, socialTotal}}
		if t, ok := transfers[c.ch]; ok {
			l := b.add(models.Expense, models.Operating, "A", t.d.transferFunctional(), transferExpense, c.ch, t.total*popRatio, profSalary)
			l.transfer, l.dom = true, t.d
			op -= t.total * popRatio
		}
		opGroups, devGroups := cityExpenseGroups(c.ch)
		b.spread(models.Expense, models.Operating, "A", c.ch, op, opGroups)
		if dev > 0 {
			b.spread(models.Expense, models.Development, "A", c.ch, dev, devGroups)
		}
	}
	for _, l := range b.lines {
		if l.section == models.Development && len(l.econ) >= 2 && l.econ[:2] == "60" {
			l.trend = pnrrTrend
		}
	}
	g.city = entityLines{cui: a.head.CUI, lines: b.lines}

	// The subordinate units: line 0 is the subsidy from the city.
	for _, u := range a.units {
		own, op, dev := unitGroups(u.domain)
		ub := newLineBuilder()
		t := ub.add(models.Revenue, models.Operating, "G", subsidyRevenue, "", "", 1, profSalary)
		t.transfer, t.dom = true, u.domain
		var ownIdx, expIdx []int
		var ownW, expW []float64
		for _, o := range own {
			ub.add(models.Revenue, models.Operating, "G", o.code, "", "", o.w, o.p)
			ownIdx = append(ownIdx, len(ub.lines)-1)
			ownW = append(ownW, o.w)
		}
		first := len(ub.lines)
		ub.spread(models.Expense, models.Operating, "G", "", sumShares(op), op)
		ub.spread(models.Expense, models.Development, "G", "", sumShares(dev), dev)
		for i := first; i < len(ub.lines); i++ {
			expIdx = append(expIdx, i)
			expW = append(expW, ub.lines[i].base)
		}
		g.units = append(g.units, entityLines{cui: u.CUI, lines: ub.lines})
		g.unitOwn = append(g.unitOwn, ownIdx)
		g.unitOwnW = append(g.unitOwnW, ownW)
		g.unitExp = append(g.unitExp, expIdx)
		g.unitExpW = append(g.unitExpW, expW)
	}
	g.city.ser = make([]series, len(g.city.lines))
	for i := range g.units {
		g.units[i].ser = make([]series, len(g.units[i].lines))
	}
	return g
}

func sumShares(gs []fnGroup) float64 {
	var s float64
	for _, g := range gs {
		s += g.share
	}
	return s
}

func trendAt(t []float64, yi int) float64 {
	if t == nil {
		return 1
	}
	if yi < len(t) {
		return t[yi]
	}
	return t[len(t)-1]
}

// revise returns the appropriations before and after the two revisions of
// the year ("rectificări"): most lines move by a few per cent at most,
// development lines move more.
func (g *budgetGen) revise(init int64, l *bline) [3]int64 {
	f1, f2 := init, init
	sd, lo, hi := 0.05, -0.15, 0.25
	if l.section == models.Development {
		sd, lo, hi = 0.12, -0.4, 0.4
	}
	if g.r.Float64() < 0.45 {
		f1 = max(0, int64(math.Round(float64(init)*(1+clamp(0.02+sd*g.r.NormFloat64(), lo, hi)))))
	}
	f2 = f1
	if g.r.Float64() < 0.3 {
		f2 = max(0, int64(math.Round(float64(f1)*(1+clamp(0.03*g.r.NormFloat64(), -0.08, 0.08)))))
	}
	return [3]int64{init, f1, f2}
}

func clamp(x, lo, hi float64) float64 { return max(lo, min(hi, x)) }

// cumulative fills c with the share of the year's amount executed by the end
// of each month: non-decreasing, c[11] == 1.
func (g *budgetGen) cumulative(p profile, c *[12]float64) {
	var w [12]float64
	if p == profLumpy {
		for m := range w {
			if g.r.Float64() < 0.55 {
				w[m] = math.Exp(0.8 * g.r.NormFloat64())
			}
		}
		w[11] += 0.5
	} else {
		for m := range w {
			w[m] = profileWeights[p][m] * max(0.05, 1+0.12*g.r.NormFloat64())
		}
	}
	var sum float64
	for m := range w {
		sum += w[m]
		c[m] = sum
	}
	for m := range c {
		c[m] /= sum
	}
	c[11] = 1
}

// execute fills commitments and payments (or rights and collections) from the
// appropriations. Payments never exceed the lowest appropriation of the year,
// so an expense line stays within its budget in every month, and both
// measures are cumulative, so they never decrease within the year.
func (g *budgetGen) execute(s *series, l *bline) {
	var c [12]float64
	g.cumulative(l.prof, &c)
	minFin := min(s.fin[0], s.fin[1], s.fin[2])
	if l.expense() {
		lo, hi, clo, chi, ce := 0.85, 0.97, 0.2, 0.6, 0.85
		switch l.prof {
		case profSalary:
			lo, hi, clo, chi, ce = 0.94, 0.99, 0, 0.2, 0.97
		case profLinear, profHeating:
			lo, hi, clo, chi, ce = 0.9, 0.99, 0.1, 0.4, 0.9
		case profDev:
			lo, hi, clo, chi, ce = 0.45, 0.88, 0.4, 0.9, 0.6
		case profLumpy:
			lo, hi, clo, chi, ce = 0.6, 0.95, 0.2, 0.6, 0.7
		}
		e := int64(float64(minFin) * uniform(g.r, lo, hi) * g.a.traits.exec)
		cm := e + int64(float64(minFin-e)*uniform(g.r, clo, chi))
		for m := range c {
			s.exec[m] = int64(math.Round(float64(e) * c[m]))
			s.comm[m] = max(s.exec[m], int64(math.Round(float64(cm)*math.Pow(c[m], ce))))
		}
		return
	}
	lo, hi := 0.85, 1.08
	switch l.prof {
	case profPropertyTax:
		lo, hi = 0.88, 1.02
	case profIncomeTax:
		lo, hi = 0.97, 1.04
	case profLumpy:
		lo, hi = 0.45, 0.95
	case profHeating:
		lo, hi = 0.9, 1
	}
	e := int64(float64(s.fin[2]) * uniform(g.r, lo, hi))
	if l.prof == profPropertyTax {
		// Rights for the local taxes are established in January for the whole
		// year, arrears included, and collected through the year.
		cm := float64(e) * uniform(g.r, 1.05, 1.2)
		for m := range c {
			s.exec[m] = int64(math.Round(float64(e) * c[m]))
			s.comm[m] = max(s.exec[m], int64(math.Round(cm*(0.8+0.2*c[m]))))
		}
		return
	}
	cm := float64(e) * uniform(g.r, 1, 1.04)
	for m := range c {
		s.exec[m] = int64(math.Round(float64(e) * c[m]))
		s.comm[m] = max(s.exec[m], int64(math.Round(cm*c[m])))
	}
}

// transferSeries is the year of one unit's financing by the city: the same
// figures appear as the city's 51.01.01 expense and the unit's 43.10.09
// revenue, commitments equal to payments.
func (g *budgetGen) transferSeries(base float64) series {
	s := series{present: true}
	init := cents(base * uniform(g.r, 0.97, 1.03))
	f1 := init
	if g.r.Float64() < 0.6 {
		f1 = int64(math.Round(float64(init) * (1 + uniform(g.r, 0.01, 0.06))))
	}
	f2 := f1
	if g.r.Float64() < 0.3 {
		f2 = int64(math.Round(float64(f1) * (1 + uniform(g.r, -0.02, 0.03))))
	}
	s.fin = [3]int64{init, f1, f2}
	var c [12]float64
	g.cumulative(profSalary, &c)
	e := int64(float64(min(init, f1, f2)) * uniform(g.r, 0.95, 0.99))
	for m := range c {
		s.exec[m] = int64(math.Round(float64(e) * c[m]))
	}
	s.comm = s.exec
	return s
}

// distribute splits total into parts proportional to w, exactly (largest
// remainder), so that a unit's expense appropriations add up to its revenues
// to the ban.
func distribute(total int64, w []float64, out []int64) {
	var sum float64
	for _, x := range w {
		sum += x
	}
	var given int64
	type rem struct {
		i int
		f float64
	}
	rems := make([]rem, len(w))
	for i, x := range w {
		exact := float64(total) * x / sum
		out[i] = int64(math.Floor(exact))
		given += out[i]
		rems[i] = rem{i, exact - float64(out[i])}
	}
	// Hand the remaining bani to the largest remainders (stable on ties).
	for left := total - given; left > 0; left-- {
		best := -1
		for j := range rems {
			if best < 0 || rems[j].f > rems[best].f {
				best = j
			}
		}
		out[rems[best].i]++
		rems[best].f = -1
	}
}

// year computes every line of every entity for fiscal year index yi.
func (g *budgetGen) year(yi int) {
	// Units first: the city's transfer lines are the sums of their subsidies.
	tr := make([]series, len(g.units))
	for u := range g.units {
		tr[u] = g.transferSeries(g.unitBase[u] * g.growth[g.unitChap[u]][yi])
	}
	for i, l := range g.city.lines {
		s := &g.city.ser[i]
		*s = series{}
		if l.transfer {
			for u, un := range g.a.units {
				if un.domain == l.dom {
					s.add(&tr[u])
				}
			}
			continue
		}
		f := trendAt(l.trend, yi)
		if f == 0 {
			continue
		}
		s.present = true
		s.fin = g.revise(cents(l.base*g.growth[l.chapter][yi]*f*uniform(g.r, 0.96, 1.04)), l)
		g.execute(s, l)
	}
	for u := range g.units {
		el := &g.units[u]
		el.ser[0] = tr[u]
		total := tr[u].fin
		for k, i := range g.unitOwn[u] {
			s := &el.ser[i]
			*s = series{present: true}
			base := float64(tr[u].fin[0]) / 100 * g.unitOwnW[u][k] * uniform(g.r, 0.9, 1.1)
			s.fin = g.revise(cents(base), el.lines[i])
			g.execute(s, el.lines[i])
			for k := range total {
				total[k] += s.fin[k]
			}
		}
		// Expense appropriations add up to the unit's revenues at each stage.
		w := make([]float64, len(g.unitExp[u]))
		for k, x := range g.unitExpW[u] {
			w[k] = x * uniform(g.r, 0.9, 1.1)
		}
		parts := make([]int64, len(w))
		for stage := range total {
			distribute(total[stage], w, parts)
			for k, i := range g.unitExp[u] {
				el.ser[i].fin[stage] = parts[k]
			}
		}
		for _, i := range g.unitExp[u] {
			el.ser[i].present = true
			g.execute(&el.ser[i], el.lines[i])
		}
	}
}

func writeBudget(cfg *config, dir string) ([]File, error) {
	var gens []*budgetGen
	for i, a := range cfg.auths {
		gens = append(gens, newBudgetGen(cfg, a, cfg.authRng(streamBudget, i)))
	}
	// The first authority (the city, or the county council) dates the
	// reports and carries the revised June 2025 report.
	g := gens[0]
	lastMonth := cfg.asOf.month()
	// The last month is reported only when AsOf is its last day or later.
	if cfg.asOf.month() == (cfg.asOf + 1).month() {
		lastMonth--
	}
	var files []File
	for yi, y := range g.years {
		for _, g := range gens {
			g.year(yi)
			g.r1 = 7
			if g.r.Float64() < 0.3 {
				g.r1 = 8
			}
			g.r2 = 9 + g.r.IntN(2)
		}
		months := 12
		if y == cfg.lastYear {
			months = lastMonth
		}
		for m := 1; m <= months; m++ {
			ny, nm := y, m+1
			if nm == 13 {
				ny, nm = y+1, 1
			}
			rd := cfg.cal.nthWorkingDay(ny, nm, 5+g.r.IntN(6))
			f, err := writeMonth(filepath.Join(dir, "budget", fmt.Sprintf("%04d-%02d.csv", y, m)), gens, y, m, rd, nil)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
			if y == revisedYear && m == revisedAfterMonth {
				f, err := writeMonth(filepath.Join(dir, "budget", fmt.Sprintf("%04d-%02d-rectificat.csv", y, revisedMonth)),
					gens, y, revisedMonth, revisedReportDate, g.corrections())
				if err != nil {
					return nil, err
				}
				files = append(files, f)
			}
		}
	}
	return files, nil
}

// correction replaces one city line's June figures in the revised report.
type correction struct{ exec, comm int64 }

// corrections picks five expense lines and one revenue line of the city whose
// June payments are corrected upwards, halfway to July's: the corrected
// report stays cumulative between May and July.
func (g *budgetGen) corrections() map[int]correction {
	out := map[int]correction{}
	m := revisedMonth - 1
	var exp, rev int
	for i, l := range g.city.lines {
		s := &g.city.ser[i]
		if l.transfer || !s.present || s.exec[m+1]-s.exec[m] < 1000 || g.r.Float64() < 0.9 {
			continue
		}
		if l.expense() && exp < 5 {
			exp++
		} else if !l.expense() && rev < 1 {
			rev++
		} else {
			continue
		}
		e := s.exec[m] + (s.exec[m+1]-s.exec[m])/2
		out[i] = correction{exec: e, comm: max(s.comm[m], e)}
	}
	return out
}

// writeMonth writes one report of every authority; fix corrects the first
// authority's lines.
func writeMonth(path string, gens []*budgetGen, y, m int, rd day, fix map[int]correction) (File, error) {
	w, err := createCSV(path, models.DatasetBudget)
	if err != nil {
		return File{}, err
	}
	write := func(el *entityLines, city bool, r1, r2 int) {
		for i, l := range el.lines {
			s := &el.ser[i]
			if !s.present {
				continue
			}
			exec, comm := s.exec[m-1], s.comm[m-1]
			if c, ok := fix[i]; ok && city {
				exec, comm = c.exec, c.comm
			}
			w.text(el.cui)
			w.empty() // entity_name: the institutions are loaded first
			w.integer(int64(y))
			w.integer(int64(m))
			w.date(rd)
			w.text(string(l.kind))
			w.text(string(l.section))
			w.text(l.fund)
			w.text(l.fn)
			w.text(l.econ)
			w.amount(s.fin[0])
			w.amount(s.final(m, r1, r2))
			w.amount(comm)
			w.amount(exec)
			w.end()
		}
	}
	for i, g := range gens {
		write(&g.city, i == 0, g.r1, g.r2)
		for u := range g.units {
			write(&g.units[u], false, g.r1, g.r2)
		}
	}
	return w.close()
}
