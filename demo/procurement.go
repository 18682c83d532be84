package demo

import (
	"container/heap"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/deschis/deschis/models"
)

// Procurement: the awards SICAP publishes for the city and its units, one
// file per year of award date (procurement/YYYY.csv), in date order.

// Direct purchase thresholds in force since 2022 (Law 98/2016 art. 7(5) as
// updated), lei without VAT.
const (
	thresholdGoods = 270_120_00 // bani
	thresholdWorks = 900_400_00
)

// Yearly volume at Scale 1: ~8,000 rows, of which these primary awards
// (framework agreements add their call-offs).
const primaryPerYear = 7_580

const (
	procOpen        = "licitație deschisă"
	procSimplified  = "procedură simplificată"
	procNegotiation = "negociere fără publicare prealabilă"
	procDirect      = "achiziție directă"
)

type supplier struct {
	cui  string // as published: with the RO prefix for VAT payers
	name string
}

// The planted suppliers of the red flags (see the package documentation).
// Their fiscal codes are fixed and outside the pool's range (91xxxxxx).
var (
	plantedThreshold = supplier{"90123459", "Vest Business Consulting SRL"}
	plantedSplitting = supplier{"90234562", "Tehno Digital Distribution SRL"}
	plantedSingle    = supplier{"90345676", "Drumuri Bega Construct SA"}
	plantedDominant  = supplier{"90456780", "Alimentara Prodcom Banat SRL"}
)

// cpvFood is what the dominant supplier sells to the social directorate.
var cpvFood = cpvIndex("15800000-6")

type supplierPool struct {
	bySector [numSectors][]supplier
}

func newSupplierPool(cfg *config) *supplierPool {
	r := cfg.rng(streamSuppliers)
	p := &supplierPool{}
	taken := map[string]bool{}
	for _, s := range []supplier{plantedThreshold, plantedSplitting, plantedSingle, plantedDominant} {
		taken[s.name] = true
	}
	total := 1500 * cfg.scale
	body := 9_100_000
	for s := range numSectors {
		n := max(5, int(math.Round(sectorShare[s]*float64(total))))
		for range n {
			body += 1 + r.IntN(5)
			b := strconv.Itoa(body)
			cui := b + string(models.CUICheckDigit(b))
			if r.Float64() < 0.65 {
				cui = "RO" + cui
			}
			p.bySector[s] = append(p.bySector[s], supplier{cui: cui, name: companyName(r, s, taken)})
		}
	}
	return p
}

// buyer is one contracting authority with the mix of what it buys.
type buyer struct {
	cui        string
	dp, pa, fa weighted // CPV catalogue indices
	offset     [numSectors]int
	buyerSize
	social bool // the social directorate, where the dominant supplier is planted
}

// buyerSize calibrates a buyer's purchases on its budget: the town hall runs
// most procedures and the big works, a school buys small and rarely runs a
// procedure, the hospital buys medicines all year round.
type buyerSize struct {
	share      float64 // of all awards
	pDirect    float64 // direct purchases among its awards
	pProcedure float64 // procedure awards; the rest are framework agreements
	dpMedian   float64 // lei, goods and services bought directly
	paWorks    float64 // lei, median works procedure
	paGoods    float64 // lei, median goods or services procedure
	faCeiling  float64 // lei, median framework agreement ceiling
}

var (
	citySize     = buyerSize{0.60, 0.85, 0.138, 5_500, 1_100_000, 300_000, 1_800_000}
	hospitalSize = buyerSize{0.24, 0.962, 0.03, 8_000, 900_000, 300_000, 1_000_000}
	socialSize   = buyerSize{0.10, 0.955, 0.04, 4_500, 700_000, 300_000, 800_000}
	schoolsSize  = buyerSize{0.06, 0.994, 0.003, 1_500, 500_000, 300_000, 400_000} // shared by the schools
)

// weighted draws an index with fixed weights.
type weighted struct {
	idx []int
	cum []float64
}

func newWeighted(pairs map[string]float64) weighted {
	// Catalogue order, not map order: the draws must be deterministic.
	var w weighted
	var sum float64
	for i := range cpvCatalogue {
		if x, ok := pairs[cpvCatalogue[i].code]; ok {
			sum += x
			w.idx = append(w.idx, i)
			w.cum = append(w.cum, sum)
		}
	}
	if len(w.idx) != len(pairs) {
		panic("demo: a buyer's CPV mix names a code outside the catalogue")
	}
	for i := range w.cum {
		w.cum[i] /= sum
	}
	return w
}

func (w *weighted) pick(r *rand.Rand) int {
	x := r.Float64()
	i, _ := slices.BinarySearch(w.cum, x)
	return w.idx[min(i, len(w.idx)-1)]
}

var (
	cityDP = map[string]float64{
		"30192000-1": 6, "30192153-8": 1, "22459100-3": 1, "22462000-6": 3, "35261000-1": 2, "79341000-6": 3,
		"92400000-5": 1, "30213000-5": 2, "30213100-6": 2, "30232110-8": 2, "30232000-4": 1, "30231100-8": 0.5,
		"30211300-4": 0.5, "48517000-5": 2, "72000000-5": 3, "45453000-7": 4, "45311000-0": 2, "45233140-2": 4,
		"71220000-6": 1, "71241000-9": 1, "71242000-6": 1, "71247000-1": 1.5, "71314300-5": 1, "71314310-8": 0.5,
		"71319000-7": 1, "71321300-7": 0.5, "71322000-1": 1.5, "71322500-6": 0.5, "71328000-3": 1, "71332000-4": 1,
		"71335000-5": 1, "71354300-7": 1.5, "71356100-9": 0.5, "71356200-0": 1, "71410000-5": 0.5, "71520000-9": 1,
		"71521000-6": 0.5, "71621000-7": 0.5, "79400000-8": 1, "79410000-1": 1, "79411000-8": 1, "79413000-2": 1,
		"79418000-7": 1.5, "79421200-3": 1.5, "72224000-1": 1, "66171000-9": 0.5, "73000000-2": 0.5, "80500000-9": 3,
		"55130000-0": 1.5, "60400000-2": 1, "38822000-3": 0.3, "09134200-9": 3, "90911200-8": 2, "98390000-3": 3,
		"37000000-8": 0.5,
	}
	cityPA = map[string]float64{
		"45233140-2": 10, "45453000-7": 8, "45311000-0": 5, "71322000-1": 3, "71322500-6": 2, "71247000-1": 2,
		"71520000-9": 2, "71241000-9": 2, "72000000-5": 2, "30211300-4": 1, "90911200-8": 1, "79341000-6": 1,
		"72224000-1": 1, "73000000-2": 1, "38822000-3": 0.5,
	}
	cityFA = map[string]float64{"09134200-9": 2, "30192000-1": 2, "90911200-8": 2, "72000000-5": 1, "45233140-2": 2}

	hospitalDP = map[string]float64{
		"33600000-6": 20, "85121270-6": 1, "15800000-6": 4, "90911200-8": 2, "30192000-1": 3, "09134200-9": 1,
		"45453000-7": 3, "45311000-0": 1, "72000000-5": 1, "30213100-6": 1, "30213000-5": 1, "30232110-8": 1,
		"80500000-9": 1.5, "98390000-3": 2, "71319000-7": 0.3, "71247000-1": 0.3,
	}
	hospitalPA = map[string]float64{"33600000-6": 10, "15800000-6": 2, "90911200-8": 2, "45453000-7": 2, "72000000-5": 1}
	hospitalFA = map[string]float64{"33600000-6": 6, "15800000-6": 1, "90911200-8": 1}

	schoolDP = map[string]float64{
		"39160000-1": 3, "39162100-6": 4, "37000000-8": 3, "30213100-6": 2, "30213000-5": 2, "30232110-8": 2,
		"30192000-1": 5, "55524000-9": 2, "90911200-8": 2, "45453000-7": 2, "22459100-3": 1, "34152000-7": 1,
		"48517000-5": 1, "80500000-9": 1, "98390000-3": 2, "09134200-9": 0.3,
	}
	schoolPA = map[string]float64{"55524000-9": 3, "45453000-7": 2, "39160000-1": 1, "30213000-5": 1}
	schoolFA = map[string]float64{"55524000-9": 2, "90911200-8": 1}

	socialDP = map[string]float64{
		"15800000-6": 8, "90911200-8": 2, "30192000-1": 3, "09134200-9": 1, "85121270-6": 2, "80500000-9": 1.5,
		"33600000-6": 1, "79341000-6": 0.5, "45453000-7": 1.5, "98390000-3": 2, "30213100-6": 0.5,
	}
	socialPA = map[string]float64{"15800000-6": 6, "90911200-8": 1, "45453000-7": 1, "85121270-6": 0.5}
	socialFA = map[string]float64{"15800000-6": 1}
)

// contract is one row of a procurement file.
type contract struct {
	idPrefix  string
	idNum     int64
	kind      models.ContractKind
	parentNum int64 // framework agreement number (CAN) of a call-off
	buyer     string
	sup       *supplier
	title     string
	cpv       string
	value     int64 // bani
	date      day
	procedure string
	offers    int // 0 = unknown
	eu        bool
	inv       string
}

// callOffs is a min-heap of pending call-off contracts by date.
type callOffs []contract

func (h callOffs) Len() int { return len(h) }
func (h callOffs) Less(i, j int) bool {
	if h[i].date != h[j].date {
		return h[i].date < h[j].date
	}
	return h[i].idNum < h[j].idNum
}
func (h callOffs) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *callOffs) Push(x any)   { *h = append(*h, x.(contract)) }
func (h *callOffs) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

type procGen struct {
	cfg     *config
	r       *rand.Rand
	pool    *supplierPool
	zipf    [numSectors]*rand.Zipf
	buyers  []buyer
	buyerW  []float64 // cumulative
	titles  [][]string
	pending callOffs
	w       *csvFile
	// SICAP-like running numbers: direct purchase notices (DA), award
	// notices (CAN), call-off contracts (CS).
	daNum, canNum, csNum int64
}

func newProcGen(cfg *config) *procGen {
	p := &procGen{cfg: cfg, r: cfg.rng(streamProcurement), pool: newSupplierPool(cfg),
		daNum: 20_000_000, canNum: 1_000_000, csNum: 1_000_000}
	for s := range numSectors {
		// A few suppliers win often: ranks follow a Zipf law.
		p.zipf[s] = rand.NewZipf(p.r, 1.2, 2, uint64(len(p.pool.bySector[s])-1))
	}
	for i := range cpvCatalogue {
		var ts []string
		for _, t := range cpvCatalogue[i].titles {
			ts = append(ts, expand(p.r, t, 30)...)
		}
		p.titles = append(p.titles, ts)
	}
	add := func(cui string, size buyerSize, dp, pa, fa map[string]float64, social bool) {
		b := buyer{cui: cui, dp: newWeighted(dp), pa: newWeighted(pa), fa: newWeighted(fa), buyerSize: size, social: social}
		for s := range numSectors {
			b.offset[s] = p.r.IntN(len(p.pool.bySector[s]))
		}
		p.buyers = append(p.buyers, b)
		last := 0.0
		if n := len(p.buyerW); n > 0 {
			last = p.buyerW[n-1]
		}
		p.buyerW = append(p.buyerW, last+size.share)
	}
	// Each authority's buyers weigh in proportion to its volume; the first
	// authority's social directorate is where the dominant supplier is
	// planted.
	for i, a := range cfg.auths {
		scaled := func(size buyerSize) buyerSize {
			if cfg.county {
				size.share *= a.volume
			}
			return size
		}
		head := scaled(citySize)
		if d := a.traits.direct; d > 0 {
			// The unit's own mix: the share of direct purchases, the rest
			// split between procedures and framework agreements as the city's.
			rest := 1 - head.pDirect
			head.pProcedure = (1 - d) * head.pProcedure / rest
			head.pDirect = d
		}
		add(a.head.CUI, head, cityDP, cityPA, cityFA, false)
		if u, ok := a.firstOf(domHospital); ok {
			add(u.CUI, scaled(hospitalSize), hospitalDP, hospitalPA, hospitalFA, false)
		}
		if u, ok := a.firstOf(domSocial); ok {
			add(u.CUI, scaled(socialSize), socialDP, socialPA, socialFA, i == 0)
		}
		schools := a.schools()
		for _, s := range schools {
			size := scaled(schoolsSize)
			size.share /= float64(len(schools))
			add(s.CUI, size, schoolDP, schoolPA, schoolFA, false)
		}
	}
	return p
}

// procVolume is the yearly awards' multiple of Municipiul Demo's at Scale 1.
func procVolume(cfg *config) float64 {
	if !cfg.county {
		return float64(cfg.scale)
	}
	var v float64
	for _, a := range cfg.auths {
		v += a.volume
	}
	return v
}

func (p *procGen) pickBuyer() *buyer {
	x := p.r.Float64() * p.buyerW[len(p.buyerW)-1]
	i, _ := slices.BinarySearch(p.buyerW, x)
	return &p.buyers[min(i, len(p.buyers)-1)]
}

func (p *procGen) pickSupplier(b *buyer, cpv int) *supplier {
	s := cpvCatalogue[cpv].sector
	list := p.pool.bySector[s]
	i := (int(p.zipf[s].Uint64()) + b.offset[s]) % len(list)
	return &list[i]
}

// lognormal returns a value in bani around median lei; a third of the values
// keep their bani, the rest are whole lei, as in SICAP.
func (p *procGen) lognormal(median, sigma float64) int64 {
	v := median * math.Exp(sigma*p.r.NormFloat64())
	if p.r.Float64() < 0.67 {
		return int64(math.Round(v)) * 100
	}
	return int64(math.Round(v * 100))
}

func (p *procGen) threshold(cpv int) int64 {
	if cpvCatalogue[cpv].works() {
		return thresholdWorks
	}
	return thresholdGoods
}

func (p *procGen) euFunded() bool { return p.r.Float64() < 0.08 }

// regular writes one ordinary award on day d.
func (p *procGen) regular(d day) {
	b := p.pickBuyer()
	x := p.r.Float64()
	c := contract{buyer: b.cui, date: d}
	switch {
	case x < b.pDirect:
		cpv := b.dp.pick(p.r)
		c.kind, c.procedure = models.DirectPurchase, procDirect
		c.sup = p.pickSupplier(b, cpv)
		if b.social && p.r.Float64() < 0.5 {
			cpv, c.sup = cpvFood, &plantedDominant
		}
		limit := p.threshold(cpv)
		median, sigma := b.dpMedian, 1.3
		if cpvCatalogue[cpv].works() {
			median, sigma = 8*b.dpMedian, 1.1
		}
		c.value = p.lognormal(median, sigma)
		for try := 0; c.value >= limit || c.value <= 0; try++ {
			if try == 4 {
				c.value = int64(float64(limit) * uniform(p.r, 0.05, 0.6))
				break
			}
			c.value = p.lognormal(median, sigma)
		}
		if p.r.Float64() < 0.4 {
			c.offers = 1
		}
		c.cpv = cpvCatalogue[cpv].code
		c.title = p.title(cpv)
		p.daNum += 1 + int64(p.r.IntN(12))
		c.idPrefix, c.idNum = "DA", p.daNum
		c.eu = p.euFunded()
	case x < b.pDirect+b.pProcedure:
		cpv := b.pa.pick(p.r)
		c.kind = models.ProcedureAward
		c.sup = p.pickSupplier(b, cpv)
		if b.social && p.r.Float64() < 0.75 {
			cpv, c.sup = cpvFood, &plantedDominant
		}
		if cpvCatalogue[cpv].works() {
			c.value = max(p.lognormal(b.paWorks, 0.9), thresholdWorks+p.lognormal(50_000, 1))
		} else {
			c.value = max(p.lognormal(b.paGoods, 0.9), thresholdGoods+p.lognormal(20_000, 1))
		}
		c.procedure, c.offers = p.procedureAndOffers()
		c.cpv = cpvCatalogue[cpv].code
		c.title = p.title(cpv)
		p.canNum += 1 + int64(p.r.IntN(12))
		c.idPrefix, c.idNum = "CAN", p.canNum
		c.eu = p.euFunded()
	default:
		p.frameworkAgreement(b, d)
		return
	}
	p.write(&c)
}

// procedureAndOffers: single offers in about a fifth of competitive
// procedures, the base rate against which the planted series stands out.
func (p *procGen) procedureAndOffers() (string, int) {
	x := p.r.Float64()
	switch {
	case x < 0.07:
		return procNegotiation, 1
	case x < 0.45:
		return procSimplified, p.offers()
	}
	return procOpen, p.offers()
}

func (p *procGen) offers() int {
	if p.r.Float64() < 0.22 {
		return 1
	}
	n := 2
	for n < 8 && p.r.Float64() < 0.45 {
		n++
	}
	return n
}

func (p *procGen) title(cpv int) string {
	ts := p.titles[cpv]
	return ts[p.r.IntN(len(ts))]
}

// frameworkAgreement writes an agreement (its value is the ceiling) and
// schedules its 2–8 call-offs, which together never exceed the ceiling.
func (p *procGen) frameworkAgreement(b *buyer, d day) {
	cpv := b.fa.pick(p.r)
	c := contract{buyer: b.cui, date: d, kind: models.FrameworkAgreement}
	c.sup = p.pickSupplier(b, cpv)
	if b.social {
		c.sup = &plantedDominant
	}
	c.value = max(p.lognormal(b.faCeiling, 0.7), 300_000_00)
	c.procedure, c.offers = procOpen, p.offers()
	if p.r.Float64() < 0.3 {
		c.procedure = procSimplified
	}
	c.cpv = cpvCatalogue[cpv].code
	c.title = p.title(cpv)
	p.canNum += 1 + int64(p.r.IntN(12))
	c.idPrefix, c.idNum = "CAN", p.canNum
	c.eu = p.euFunded()
	p.write(&c)

	k := 2 + p.r.IntN(7)
	used := float64(c.value) * uniform(p.r, 0.55, 0.98)
	shares := make([]float64, k)
	var sum float64
	for i := range shares {
		shares[i] = uniform(p.r, 0.5, 1.5)
		sum += shares[i]
	}
	offsets := make([]int, k)
	for i := range offsets {
		offsets[i] = 7 + p.r.IntN(600)
	}
	slices.Sort(offsets)
	for i := range k {
		co := c
		co.kind, co.parentNum, co.offers = models.CallOff, c.idNum, 0
		co.value = int64(math.Floor(used * shares[i] / sum))
		co.date = p.cfg.cal.nextWorking(d + day(offsets[i]))
		p.csNum += 1 + int64(p.r.IntN(5))
		co.idPrefix, co.idNum = "CS", p.csNum
		heap.Push(&p.pending, co)
	}
}

func (p *procGen) write(c *contract) {
	w := p.w
	w.sep()
	w.row = append(w.row, c.idPrefix...)
	w.row = strconv.AppendInt(w.row, c.idNum, 10)
	w.text(string(c.kind))
	if c.parentNum != 0 {
		w.sep()
		w.row = append(w.row, "CAN"...)
		w.row = strconv.AppendInt(w.row, c.parentNum, 10)
	} else {
		w.empty()
	}
	w.text(c.buyer)
	w.empty() // buyer_name: the institutions are loaded first
	w.text(c.sup.cui)
	w.text(c.sup.name)
	w.text(c.title)
	w.text(c.cpv)
	w.amount(c.value)
	w.text("RON")
	w.date(c.date)
	w.text(c.procedure)
	if c.offers > 0 {
		w.integer(int64(c.offers))
	} else {
		w.empty()
	}
	w.boolean(c.eu)
	w.text(c.inv)
	w.end()
}

// procMonthWeight: purchases slow down in January and August and pile up in
// November and early December, before the budget year closes.
var procMonthWeight = [12]float64{0.65, 0.85, 1, 1, 1, 1, 0.95, 0.8, 1.05, 1.1, 1.25, 1.5}

func procDayWeight(d day) float64 {
	_, m, dd := d.civil()
	if m == 12 && dd > 20 {
		return 0.4
	}
	return procMonthWeight[m-1]
}

// dailyCounts spreads n events over the working days of a year with the
// given weights; the counts add up to n exactly, scaled to the part of the
// year before AsOf.
func dailyCounts(cal *calendar, y int, asOf day, perYear float64, weight func(day) float64) ([]day, []int) {
	all := cal.workingDays(mkday(y, 1, 1), mkday(y, 12, 31))
	var total, upto float64
	var days []day
	var ws []float64
	for _, d := range all {
		w := weight(d)
		total += w
		if d <= asOf {
			upto += w
			days = append(days, d)
			ws = append(ws, w)
		}
	}
	if upto == 0 {
		return nil, nil
	}
	n := int(math.Round(perYear * upto / total))
	counts := make([]int, len(days))
	var cum float64
	prev := 0
	for i, w := range ws {
		cum += w
		next := int(math.Floor(float64(n) * cum / upto))
		if i == len(ws)-1 {
			next = n
		}
		counts[i] = next - prev
		prev = next
	}
	return days, counts
}

func writeProcurement(cfg *config, invs []*investment, dir string) ([]File, error) {
	p := newProcGen(cfg)
	var invContracts []invContract
	for _, inv := range invs {
		invContracts = append(invContracts, inv.contracts...)
	}
	slices.SortStableFunc(invContracts, func(a, b invContract) int { return int(a.date - b.date) })
	works := p.pool.bySector[secWorks]
	nextInv := 0

	var files []File
	for y := firstYear; y <= cfg.lastYear; y++ {
		w, err := createCSV(filepath.Join(dir, "procurement", fmt.Sprintf("%04d.csv", y)), models.DatasetProcurement)
		if err != nil {
			return nil, err
		}
		p.w = w
		planted := plantedContracts(cfg, y)
		nextPlanted := 0
		days, counts := dailyCounts(cfg.cal, y, cfg.asOf, primaryPerYear*procVolume(cfg), procDayWeight)
		for i, d := range days {
			for len(p.pending) > 0 && p.pending[0].date <= d {
				co := heap.Pop(&p.pending).(contract)
				p.write(&co)
			}
			for ; nextInv < len(invContracts) && invContracts[nextInv].date <= d; nextInv++ {
				ic := &invContracts[nextInv]
				// The objective's works go to a construction company, often a
				// frequent winner.
				sup := &works[(int(p.zipf[secWorks].Uint64())+p.buyers[0].offset[secWorks])%len(works)]
				p.canNum += 1 + int64(p.r.IntN(12))
				p.write(&contract{idPrefix: "CAN", idNum: p.canNum, kind: models.ProcedureAward, buyer: ic.buyerCUI,
					sup: sup, title: ic.title, cpv: ic.cpv, value: ic.value, date: ic.date,
					procedure: ic.procedure, offers: ic.offers, eu: ic.eu, inv: ic.code})
			}
			for ; nextPlanted < len(planted) && planted[nextPlanted].date <= d; nextPlanted++ {
				p.write(&planted[nextPlanted])
			}
			for range counts[i] {
				p.regular(d)
			}
		}
		f, err := w.close()
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// plantedContracts returns the red flags planted in year y, in date order.
// They come from a stream that ignores Options.Seed, so that the ids in the
// package documentation hold for every seed.
func plantedContracts(cfg *config, y int) []contract {
	r := rand.New(rand.NewPCG(plantedSeed, uint64(y)))
	yy := int64(y % 100)
	first := cfg.auths[0]
	city := first.head.CUI
	var out []contract
	add := func(c contract) {
		if c.date <= cfg.asOf {
			out = append(out, c)
		}
	}
	// (1) Direct purchases just under the 270,120 lei threshold, one supplier.
	for i, m := range []int{2, 3, 5, 7, 9, 10} {
		add(contract{idPrefix: "DA", idNum: 90_000_000 + yy*100_000 + 10_000 + int64(i+1), kind: models.DirectPurchase,
			buyer: city, sup: &plantedThreshold, title: "Servicii de consultanță în management – etapa " + romans[i],
			cpv: "79411000-8", value: 262_000_00 + int64(r.IntN(8_100_00)), date: cfg.cal.nthWorkingDay(y, m, 3+r.IntN(12)),
			procedure: procDirect, offers: 1})
	}
	// (2) Contract splitting: five laptop/PC purchases (CPV class 3021) from
	// one supplier within 30 days, each under the threshold, together above it.
	// The demo county's council runs no school: no splitting is planted there.
	schools := first.schools()
	start := cfg.cal.nthWorkingDay(y, 5, 2)
	for i, off := range []int{0, 5, 11, 17, 24} {
		if len(schools) == 0 {
			break
		}
		school := schools[0].CUI
		d := cfg.cal.nextWorking(start + day(off))
		for d-start > 29 {
			d--
		}
		cpv, title := "30213100-6", "Furnizare laptopuri pentru laboratorul de informatică"
		if i%2 == 1 {
			cpv, title = "30213000-5", "Furnizare computere personale pentru laboratorul de informatică"
		}
		add(contract{idPrefix: "DA", idNum: 90_000_000 + yy*100_000 + 20_000 + int64(i+1), kind: models.DirectPurchase,
			buyer: school, sup: &plantedSplitting, title: title, cpv: cpv, value: 98_000_00 + int64(r.IntN(42_000_00)),
			date: d, procedure: procDirect, offers: 1})
	}
	// (3) A series of road works procedures, each won with a single offer.
	for i, m := range []int{3, 4, 6, 7, 9, 10} {
		proc := procOpen
		if i%3 == 2 {
			proc = procSimplified
		}
		add(contract{idPrefix: "CAN", idNum: 9_000_000 + yy*10_000 + 3_000 + int64(i+1), kind: models.ProcedureAward,
			buyer: city, sup: &plantedSingle, title: "Lucrări de reparații la carosabilul străzii " + streets[(int(yy)*6+i)%len(streets)],
			cpv: "45233140-2", value: 3_000_000_00 + int64(r.IntN(6_000_000_00)), date: cfg.cal.nthWorkingDay(y, m, 2+r.IntN(15)),
			procedure: proc, offers: 1})
	}
	slices.SortStableFunc(out, func(a, b contract) int { return int(a.date - b.date) })
	return out
}
