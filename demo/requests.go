package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"time"

	"github.com/deschis/deschis/models"
)

// Citizens' requests: the registry of the town hall and of the social
// directorate, one file per year of registration (requests/YYYY.csv). Rows
// hold no personal data: a number, dates, a channel, a category, a type, a
// department, an outcome and the date the registry was exported (the
// cut-off, AsOf).

const (
	requestsCityPerYear   = 14_000
	requestsSocialPerYear = 900
)

const (
	statusSolved     = "rezolvată"
	statusRedirected = "redirecționată"
	statusRejected   = "respinsă"
	statusOpen       = "deschisă"
)

// department answers requests; lateShare is the share it answers after the
// legal term, which fixes the log-normal spread of its answer times.
type department struct {
	name      string
	lateShare float64
	mu        float64 // log of the median answer time as a fraction of the term
}

const answerSigma = 0.5

func newDepartment(name string, late float64) *department {
	// P(ratio > 1) = late for ratio = exp(mu + sigma*Z): mu = -sigma * z(1-late).
	return &department{name: name, lateShare: late, mu: -answerSigma * normalQuantile(1-late)}
}

// normalQuantile is the standard normal quantile (Acklam's rational
// approximation, relative error below 1.2e-9), enough for calibration.
func normalQuantile(p float64) float64 {
	a := [6]float64{-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00}
	b := [5]float64{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01}
	c := [6]float64{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00}
	d := [4]float64{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00}
	const low = 0.02425
	switch {
	case p < low:
		q := math.Sqrt(-2 * math.Log(p))
		return (((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q + c[5]) / ((((d[0]*q+d[1])*q+d[2])*q+d[3])*q + 1)
	case p > 1-low:
		q := math.Sqrt(-2 * math.Log(1-p))
		return -(((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q + c[5]) / ((((d[0]*q+d[1])*q+d[2])*q+d[3])*q + 1)
	}
	q := p - 0.5
	r := q * q
	return (((((a[0]*r+a[1])*r+a[2])*r+a[3])*r+a[4])*r + a[5]) * q / (((((b[0]*r+b[1])*r+b[2])*r+b[3])*r+b[4])*r + 1)
}

var (
	deptSRP       = newDepartment("Serviciul Relații cu Publicul", 0.03)
	deptFiscal    = newDepartment("Direcția Fiscală", 0.05)
	deptTechnical = newDepartment("Direcția Tehnică", 0.08)
	deptEnv       = newDepartment("Direcția Mediu", 0.06)
	deptPolice    = newDepartment("Poliția Locală", 0.04)
	deptUrbanism  = newDepartment("Direcția Urbanism", 0.09)
	deptSocial    = newDepartment("Direcția de Asistență Socială", 0.05)
)

type category struct {
	name string
	dept *department
	w    float64
	// redirect is the share of requests sent on to another institution: the
	// town hall forwards social assistance petitions to the directorate.
	redirect float64
}

const (
	catPublicInfo = "Informații de interes public"
	catUrbanism   = "Urbanism"
	catSocial     = "Asistență socială"
)

// Petition categories of the town hall and the department that answers them.
var petitionCategories = []category{
	{"Taxe și impozite locale", deptFiscal, 18, 0.02},
	{"Drumuri și iluminat", deptTechnical, 20, 0.04},
	{"Transport public", deptTechnical, 10, 0.10},
	{"Salubritate", deptEnv, 14, 0.05},
	{"Spații verzi", deptEnv, 10, 0.02},
	{"Ordine publică și parcări", deptPolice, 12, 0.03},
	{catUrbanism, deptUrbanism, 6, 0.03},
	{catSocial, deptSRP, 6, 0.7},
	{"Altele", deptSRP, 4, 0.1},
}

type reqType struct {
	name  string
	term  int
	share float64
}

// Request types with their legal terms (models.DefaultTerms).
var cityTypes = []reqType{
	{"info_544", 10, 0.15}, {"petitie", 30, 0.55}, {"certificat_urbanism", 15, 0.20}, {"autorizatie_construire", 30, 0.10},
}

var socialTypes = []reqType{{"info_544", 10, 0.2}, {"petitie", 30, 0.8}}

// requestMonthWeight: fewer requests in August, more around the 31 March tax deadline.
var requestMonthWeight = [12]float64{0.9, 1.0, 1.15, 1.05, 1.05, 1.0, 0.95, 0.65, 1.1, 1.05, 1.0, 0.85}

func requestDayWeight(d day) float64 {
	_, m, dd := d.civil()
	w := requestMonthWeight[m-1]
	switch {
	case m == 12 && dd > 20:
		w = 0.35 // between the holidays
	case m == 1 && dd < 10:
		w = 0.7
	}
	switch d.weekday() {
	case time.Monday:
		w *= 1.15
	case time.Tuesday:
		w *= 1.05
	case time.Friday:
		w *= 0.8
	}
	return w
}

type reqGen struct {
	cfg    *config
	r      *rand.Rand
	w      *csvFile
	catCum []float64
	// Cumulative channel shares for the current year: permits, which are not
	// filed by phone, and the other requests.
	permitChannels, otherChannels [5]float64
}

func (g *reqGen) pickType(ts []reqType) *reqType {
	x := g.r.Float64()
	for i := range ts {
		if x < ts[i].share {
			return &ts[i]
		}
		x -= ts[i].share
	}
	return &ts[len(ts)-1]
}

func (g *reqGen) pickCategory() *category {
	x := g.r.Float64() * g.catCum[len(g.catCum)-1]
	for i, c := range g.catCum {
		if x < c {
			return &petitionCategories[i]
		}
	}
	return &petitionCategories[len(petitionCategories)-1]
}

// permitShare is the share of the town hall's requests that are permits
// (certificat_urbanism, autorizatie_construire).
const permitShare = 0.30

// setChannels: online grows two points a year from 41 % in 2022 at the
// expense of the counter, around the 45 / 30 / 15 / 7 / 3 split of 2024
// (models.Channels order). Permits are never filed by phone, so the other
// requests carry the whole phone share and the overall split holds.
func (g *reqGen) setChannels(y int) {
	shift := 0.02 * float64(y-2024)
	shares := [5]float64{0.45 + shift, 0.30 - shift, 0.15, 0.07, 0.03}
	phone := shares[4]
	var cp, co float64
	for i, s := range shares {
		p, o := s/(1-phone), s*(1-permitShare/(1-phone))/(1-permitShare)
		if i == 4 {
			p, o = 0, phone/(1-permitShare)
		}
		cp += p
		co += o
		g.permitChannels[i], g.otherChannels[i] = cp, co
	}
}

func (g *reqGen) pickChannel(permit bool) int {
	cum := &g.otherChannels
	if permit {
		cum = &g.permitChannels
	}
	x := g.r.Float64() * cum[4]
	for i, c := range cum {
		if x < c {
			return i
		}
	}
	return 4
}

// request writes one request registered on day d; late multiplies the
// departments' shares of late answers (1 for Municipiul Demo).
func (g *reqGen) request(entity string, social bool, late float64, d day, year, seq int) {
	var t *reqType
	var cat string
	var dept *department
	var redirect float64
	if social {
		t = g.pickType(socialTypes)
		cat, dept, redirect = catSocial, deptSocial, 0.03
		if t.name == "info_544" {
			cat = catPublicInfo
		}
	} else {
		t = g.pickType(cityTypes)
		switch t.name {
		case "certificat_urbanism", "autorizatie_construire":
			cat, dept, redirect = catUrbanism, deptUrbanism, 0.01
		case "info_544":
			cat, dept, redirect = catPublicInfo, deptSRP, 0.03
			if g.r.Float64() < 0.2 {
				c := g.pickCategory()
				cat, dept = c.name, c.dept
			}
		default:
			c := g.pickCategory()
			cat, dept, redirect = c.name, c.dept, c.redirect
		}
	}
	ch := g.pickChannel(t.name == "certificat_urbanism" || t.name == "autorizatie_construire")
	term, extended := t.term, false
	if t.name == "info_544" && g.r.Float64() < 0.08 {
		term, extended = 30, true // Law 544/2001 art. 7(1): complex requests, with notice
	}

	// Answer time: log-normal around the department's median, a little
	// faster every year.
	mu := dept.mu
	if late != 1 {
		mu = -answerSigma * normalQuantile(1-min(0.45, dept.lateShare*late))
	}
	ratio := math.Exp(mu - 0.03*float64(year-firstYear) + answerSigma*g.r.NormFloat64())
	days := max(1, int(math.Ceil(float64(term)*ratio)))
	answered := g.cfg.cal.nextWorking(d + day(days))
	status := statusSolved
	switch x := g.r.Float64(); {
	case x < redirect:
		status = statusRedirected
	case x < redirect+rejectShare(t.name):
		status = statusRejected
	}
	// Still open at the cut-off: the recent ones not answered yet, and a small
	// backlog of overdue ones from the last year.
	if answered > g.cfg.asOf || (d > g.cfg.asOf-365 && g.r.Float64() < 0.004) {
		answered, status = 0, statusOpen
	}

	w := g.w
	w.text(entity)
	w.sep()
	w.row = strconv.AppendInt(w.row, int64(year), 10)
	w.row = append(w.row, '/')
	for p := 100_000; p > 1 && seq < p; p /= 10 {
		w.row = append(w.row, '0')
	}
	w.row = strconv.AppendInt(w.row, int64(seq), 10)
	w.date(d)
	w.text(models.Channels[ch])
	w.text(cat)
	w.text(t.name)
	w.text(dept.name)
	w.integer(int64(term))
	w.boolean(extended)
	w.optDate(answered)
	w.text(status)
	// The registry was exported at the cut-off: open and overdue are as of
	// then, whenever the demo is loaded.
	w.date(g.cfg.asOf)
	w.end()
}

func rejectShare(t string) float64 {
	switch t {
	case "certificat_urbanism", "autorizatie_construire":
		return 0.08 // incomplete documentation
	case "info_544":
		return 0.04
	}
	return 0.05
}

func writeRequests(cfg *config, dir string) ([]File, error) {
	g := &reqGen{cfg: cfg, r: cfg.rng(streamRequests)}
	var cum float64
	for _, c := range petitionCategories {
		cum += c.w
		g.catCum = append(g.catCum, cum)
	}
	// Each authority's registry, and its social directorate's: counts in
	// proportion to its volume (Municipiul Demo's at Scale 1 is 1).
	type registry struct {
		cui         string
		social      bool
		late, count float64
		days        []day
		counts      []int
		seq         int
	}
	var regs []*registry
	for _, a := range cfg.auths {
		v := float64(cfg.scale)
		if cfg.county {
			v = a.volume
		}
		regs = append(regs, &registry{cui: a.head.CUI, late: a.traits.late, count: requestsCityPerYear * v})
		if u, ok := a.firstOf(domSocial); ok {
			regs = append(regs, &registry{cui: u.CUI, social: true, late: a.traits.late, count: requestsSocialPerYear * v})
		}
	}
	var files []File
	for y := firstYear; y <= cfg.lastYear; y++ {
		w, err := createCSV(filepath.Join(dir, "requests", fmt.Sprintf("%04d.csv", y)), models.DatasetRequests)
		if err != nil {
			return nil, err
		}
		g.w = w
		g.setChannels(y)
		for _, rg := range regs {
			rg.days, rg.counts = dailyCounts(cfg.cal, y, cfg.asOf, rg.count, requestDayWeight)
			rg.seq = 0
		}
		for i, d := range regs[0].days {
			for _, rg := range regs {
				for range rg.counts[i] {
					rg.seq++
					g.request(rg.cui, rg.social, rg.late, d, y, rg.seq)
				}
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
