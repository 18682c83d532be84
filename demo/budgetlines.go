package demo

import "github.com/deschis/deschis/models"

// The classification lines of the demo budgets. Functional codes are in the
// local form chapter.02.subchapter[.paragraph]; every chapter.subchapter is in
// the general functional classification of OMFP 1954/2005 (the general code
// "65.03" is the local "65.02.03"), except chapters whose general entry has no
// subchapters at all (42 Subvenții, 43 Subvenții de la alte administrații,
// 55 Tranzacții privind datoria publică). Economic codes are
// title.article[.paragraph] with title.article in the economic classification.
//
// Amounts are calibrated on Timișoara's approved 2024 budget by chapter
// (/work/shared/data/ro_timisoara_buget_2024_capitole.csv, thousand lei), a
// county seat of ~250,000 inhabitants like the demo city.

// profile is the shape of a line's execution over the year.
type profile int

const (
	profLinear      profile = iota
	profSalary              // monthly, a little more in December
	profGoods               // slow January, a December bump
	profDev                 // investments: back-loaded towards Q4
	profPropertyTax         // local taxes: peaks at the 31 March and 30 September deadlines
	profIncomeTax           // shares of the income tax: every month
	profHeating             // heating aid and subsidies: winter months
	profLumpy               // EU and state reimbursements: a few large payments
)

// profileWeights are the monthly weights (January..December) of each profile
// before per-line noise.
var profileWeights = [...][12]float64{
	profLinear:      {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	profSalary:      {0.97, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.12},
	profGoods:       {0.7, 0.85, 1, 1, 1, 1, 1, 0.95, 1, 1.05, 1.1, 1.6},
	profDev:         {0.15, 0.25, 0.45, 0.6, 0.8, 0.95, 1, 1.05, 1.25, 1.45, 1.75, 2.6},
	profPropertyTax: {0.8, 1.3, 4.2, 0.5, 0.45, 0.4, 0.4, 0.4, 2.6, 0.55, 0.5, 0.6},
	profIncomeTax:   {1.05, 0.95, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.03},
	profHeating:     {1.6, 1.5, 1.3, 0.9, 0.5, 0.4, 0.4, 0.4, 0.5, 0.9, 1.3, 1.6},
	profLumpy:       {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, // replaced by random weights
}

// eco is one economic code (or, for revenues, one revenue code) with its
// weight inside a group and its execution profile.
type eco struct {
	code string
	w    float64
	p    profile
	fund string // funding source when it is not the entity's default
}

// personnel is title 10 (Cheltuieli de personal) of a department.
var personnel = []eco{
	{"10.01.01", 0.66, profSalary, ""}, // salarii de bază
	{"10.01.06", 0.05, profSalary, ""}, // alte sporuri
	{"10.01.17", 0.05, profSalary, ""}, // indemnizații de hrană
	{"10.03.07", 0.024, profSalary, ""},
	{"10.02.06", 0.018, profLinear, ""}, // vouchere de vacanță
	{"10.01.13", 0.004, profGoods, ""},  // indemnizații de delegare
}

// goods is title 20 (Bunuri și servicii), most common first: goodsN(n)
// takes the n most common.
var goods = []eco{
	{"20.01.30", 0.18, profGoods, ""}, // alte bunuri și servicii pentru întreținere și funcționare
	{"20.01.03", 0.16, profHeating, ""},
	{"20.01.09", 0.12, profGoods, ""},
	{"20.02", 0.10, profGoods, ""}, // reparații curente
	{"20.01.08", 0.05, profLinear, ""},
	{"20.30.30", 0.05, profGoods, ""},
	{"20.01.04", 0.04, profLinear, ""},
	{"20.01.05", 0.04, profLinear, ""},
	{"20.05.30", 0.04, profGoods, ""},
	{"20.01.01", 0.03, profGoods, ""},
	{"20.12", 0.03, profGoods, ""},
	{"20.01.02", 0.02, profGoods, ""},
	{"20.30.04", 0.02, profLinear, ""},
	{"20.13", 0.015, profGoods, ""},
	{"20.30.01", 0.01, profGoods, ""},
	{"20.06.01", 0.01, profGoods, ""},
	{"20.11", 0.005, profGoods, ""},
	{"20.14", 0.005, profGoods, ""},
}

var medical = []eco{
	{"20.04.01", 0.40, profGoods, ""}, // medicamente
	{"20.04.02", 0.30, profGoods, ""}, // materiale sanitare
	{"20.04.03", 0.15, profGoods, ""}, // reactivi
	{"20.04.04", 0.05, profGoods, ""}, // dezinfectanți
	{"20.03.01", 0.07, profLinear, ""},
	{"20.05.01", 0.015, profGoods, ""},
	{"20.05.03", 0.015, profGoods, ""},
}

func goodsN(n int) []eco { return goods[:n] }

// scaled returns items with their weights normalised to sum to share.
func scaled(share float64, items ...[]eco) []eco {
	var sum float64
	for _, g := range items {
		for _, it := range g {
			sum += it.w
		}
	}
	var out []eco
	for _, g := range items {
		for _, it := range g {
			it.w = it.w / sum * share
			out = append(out, it)
		}
	}
	return out
}

func one(code string, w float64, p profile) eco { return eco{code, w, p, ""} }

func eu(code string, w float64) eco { return eco{code, w, profDev, "D"} }

// bline is one classification line of an entity, with its 2024 amount.
type bline struct {
	kind     models.BudgetKind
	section  models.Section
	fund     string
	fn, econ string
	chapter  string  // growth group
	base     float64 // 2024 initial amount, lei
	prof     profile
	trend    []float64 // optional factor by year from 2022 (relative to 2024); 0 = line absent that year
	transfer bool      // the city's 51.01.01 line or a unit's 43.10.09 line
	dom      domain    // for transfer lines
}

func (l *bline) expense() bool { return l.kind == models.Expense }

// lineBuilder collects lines, merging any repeated classification key so the
// report never holds two rows for one line.
type lineBuilder struct {
	lines []*bline
	index map[[5]string]*bline
}

func newLineBuilder() *lineBuilder { return &lineBuilder{index: map[[5]string]*bline{}} }

func (b *lineBuilder) add(kind models.BudgetKind, sec models.Section, fund, fn, econ, chapter string, amount float64, p profile) *bline {
	k := [5]string{string(kind), string(sec), fund, fn, econ}
	if l, ok := b.index[k]; ok {
		l.base += amount
		return l
	}
	l := &bline{kind: kind, section: sec, fund: fund, fn: fn, econ: econ, chapter: chapter, base: amount, prof: p}
	b.index[k] = l
	b.lines = append(b.lines, l)
	return l
}

// group distributes total (lei) over functional codes and their economic
// items: shares[i] weighs fns[i], whose items carry their own weights.
type fnGroup struct {
	fn    string
	share float64
	items []eco
}

func (b *lineBuilder) spread(kind models.BudgetKind, sec models.Section, fund, chapter string, total float64, groups []fnGroup) {
	var sum float64
	for _, g := range groups {
		sum += g.share
	}
	for _, g := range groups {
		var isum float64
		for _, it := range g.items {
			isum += it.w
		}
		for _, it := range g.items {
			f := fund
			if it.fund != "" {
				f = it.fund
			}
			b.add(kind, sec, f, g.fn, it.code, chapter, total*g.share/sum*it.w/isum, it.p)
		}
	}
}

// Timișoara's approved 2024 expenses by chapter, thousand lei (operating, development).
var cityExpenseChapters = []struct {
	ch      string
	op, dev float64
}{
	{"51.02", 132407.04, 10925.84}, {"54.02", 4000, 0}, {"55.02", 24949.49, 0}, {"61.02", 47106.79, 2987.02},
	{"65.02", 138013.09, 235094.27}, {"66.02", 39768.20, 48120.57}, {"67.02", 188679.25, 113320.44},
	{"68.02", 174146.00, 20378.94}, {"70.02", 84067.75, 123623.33}, {"74.02", 63906.89, 60691.26},
	{"81.02", 150000.00, 3215.51}, {"84.02", 190742.08, 496235.17},
}

// The 2024 transfers that finance the subordinate units, lei. They are paid
// out of the chapter's operating total.
const (
	educationOperating2024 = 138013.09e3 // chapter 65.02, operating section
	schoolTransfer2024     = 4_600_000
	hospitalTransfer2024   = 22_000_000
	socialTransfer2024     = 112_000_000
)

// pnrrTrend: the recovery plan's projects start slowly in 2022 and peak in
// 2025–2026, its last years.
var pnrrTrend = []float64{0.3, 0.75, 1, 1.1, 1.15}

// cityExpenseGroups are the operating and development groups of each chapter.
func cityExpenseGroups(ch string) (op, dev []fnGroup) {
	g := func(fn string, share float64, items ...[]eco) fnGroup { return fnGroup{fn, share, scaled(1, items...)} }
	l := func(items ...eco) []eco { return items }
	pnrr := l(eu("60.01", 0.65), one("60.02", 0.1, profDev), one("60.03", 0.25, profDev))
	switch ch {
	case "51.02":
		op = []fnGroup{g("51.02.01.03", 1, scaled(0.62, personnel), scaled(0.36, goods), l(one("20.25", 0.013, profGoods), one("20.30.02", 0.007, profGoods)))}
		dev = []fnGroup{g("51.02.01.03", 1, l(one("71.01.02", 0.25, profDev), one("71.01.03", 0.15, profDev), one("71.01.30", 0.30, profDev)), scaled(0.3, pnrr))}
	case "54.02":
		op = []fnGroup{g("54.02.50", 1, l(one("20.30.30", 0.4, profGoods), one("20.25", 0.3, profGoods), one("59.17", 0.2, profLumpy), one("20.12", 0.1, profGoods)))}
	case "55.02":
		op = []fnGroup{g("55.02", 1, l(one("30.01.02", 0.55, profLinear), one("81.02.05", 0.43, profLinear), one("20.24.02", 0.02, profLinear)))}
	case "61.02":
		op = []fnGroup{
			g("61.02.03.04", 0.85, scaled(0.72, personnel), scaled(0.28, goodsN(14))),
			g("61.02.05", 0.15, goodsN(6)),
		}
		dev = []fnGroup{
			g("61.02.03.04", 0.8, l(one("71.01.02", 0.6, profDev), one("71.01.30", 0.4, profDev))),
			g("61.02.05", 0.2, l(one("71.01.30", 1, profDev))),
		}
	case "65.02":
		op = []fnGroup{
			g("65.02.03.01", 0.35, scaled(0.4, personnel), scaled(0.6, goodsN(8))),
			g("65.02.03.02", 0.15, goodsN(6)),
			g("65.02.04.01", 0.15, goodsN(6)),
			g("65.02.04.02", 0.12, goodsN(6)),
			g("65.02.11.03", 0.05, l(one("20.03.01", 0.6, profLinear), one("20.01.03", 0.2, profHeating), one("20.01.30", 0.2, profGoods))),
			g("65.02.50", 0.18, l(one("59.01", 0.8, profLinear), one("20.30.30", 0.2, profGoods))),
		}
		dev = []fnGroup{
			g("65.02.03.01", 0.35, l(one("71.01.01", 0.5, profDev), one("71.03", 0.1, profDev)), scaled(0.4, pnrr)),
			g("65.02.03.02", 0.15, l(one("71.01.01", 0.7, profDev), one("71.03", 0.3, profDev))),
			g("65.02.04.01", 0.30, l(one("71.01.01", 0.45, profDev), one("71.03", 0.15, profDev), one("56.48.01", 0.1, profDev), eu("56.48.02", 0.3))),
			g("65.02.04.02", 0.20, l(one("71.01.01", 0.7, profDev), one("71.01.02", 0.3, profDev))),
		}
	case "66.02":
		op = []fnGroup{
			g("66.02.08", 0.6, scaled(0.8, personnel), scaled(0.2, goodsN(4))),
			g("66.02.50.50", 0.4, l(one("20.30.30", 0.5, profGoods), one("20.01.09", 0.3, profGoods), one("59.11", 0.2, profLumpy))),
		}
		dev = []fnGroup{
			g("66.02.06.01", 0.9, l(one("71.01.01", 0.35, profDev), one("71.01.02", 0.35, profDev), one("58.01.01", 0.05, profDev), eu("58.01.02", 0.25))),
			g("66.02.08", 0.1, l(one("71.01.02", 1, profDev))),
		}
	case "67.02":
		op = []fnGroup{
			g("67.02.03.02", 0.08, scaled(0.65, personnel), scaled(0.35, goodsN(10))),
			g("67.02.03.04", 0.30, scaled(0.7, personnel), scaled(0.3, goodsN(12))),
			g("67.02.03.06", 0.08, scaled(0.6, goodsN(6)), l(one("59.22", 0.4, profGoods))),
			g("67.02.05.01", 0.12, l(one("59.11", 0.7, profLumpy), one("20.30.30", 0.3, profGoods))),
			g("67.02.05.02", 0.03, l(one("59.08", 0.6, profGoods), one("20.30.30", 0.4, profGoods))),
			g("67.02.05.03", 0.30, scaled(0.85, goodsN(10)), l(one("20.30.30", 0.15, profGoods))),
			g("67.02.06", 0.05, l(one("59.12", 1, profLumpy))),
			g("67.02.50", 0.04, l(one("20.30.30", 0.5, profGoods), one("59.22", 0.5, profGoods))),
		}
		dev = []fnGroup{
			g("67.02.03.04", 0.15, l(one("71.01.01", 0.6, profDev), one("71.03", 0.4, profDev))),
			g("67.02.05.01", 0.15, l(one("71.01.01", 1, profDev))),
			g("67.02.05.03", 0.55, l(one("71.01.01", 0.45, profDev), one("71.01.30", 0.15, profDev)), scaled(0.4, pnrr)),
			g("67.02.03.06", 0.15, l(one("71.01.01", 0.5, profDev), one("58.01.01", 0.1, profDev), eu("58.01.02", 0.4))),
		}
	case "68.02":
		op = []fnGroup{
			g("68.02.04", 0.15, scaled(0.6, personnel), scaled(0.4, goodsN(6))),
			g("68.02.06", 0.25, l(one("57.02.03", 0.5, profLinear), one("57.02.01", 0.5, profLinear))),
			g("68.02.10", 0.20, l(one("57.02.01", 1, profHeating))),
			g("68.02.15.01", 0.25, l(one("57.02.01", 0.8, profLinear), one("57.02.05", 0.2, profLumpy))),
			g("68.02.15.02", 0.05, l(one("20.03.01", 0.7, profLinear), one("20.01.03", 0.3, profHeating))),
			g("68.02.50.50", 0.10, l(one("59.11", 0.5, profLumpy), one("20.30.30", 0.5, profGoods))),
		}
		dev = []fnGroup{
			g("68.02.04", 0.6, l(one("71.01.01", 0.5, profDev)), scaled(0.5, pnrr)),
			g("68.02.50.50", 0.4, l(one("71.01.01", 0.7, profDev), one("71.01.30", 0.3, profDev))),
		}
	case "70.02":
		op = []fnGroup{
			g("70.02.03.01", 0.15, l(one("20.01.09", 0.4, profGoods), one("20.02", 0.4, profGoods), one("20.30.30", 0.2, profGoods))),
			g("70.02.05.01", 0.05, l(one("20.01.09", 0.6, profGoods), one("20.30.30", 0.4, profGoods))),
			g("70.02.50", 0.80, scaled(0.25, personnel), scaled(0.75, goods)),
		}
		dev = []fnGroup{
			g("70.02.03.01", 0.45, l(one("71.01.01", 0.35, profDev), one("71.03", 0.15, profDev)), scaled(0.5, pnrr)),
			g("70.02.05.01", 0.15, l(one("71.01.01", 1, profDev))),
			g("70.02.50", 0.40, l(one("71.01.01", 0.4, profDev), one("71.01.02", 0.15, profDev), one("71.01.30", 0.15, profDev), one("56.48.01", 0.05, profDev), eu("56.48.02", 0.25))),
		}
	case "74.02":
		op = []fnGroup{
			g("74.02.03", 0.10, l(one("20.01.09", 0.6, profGoods), one("20.30.30", 0.4, profGoods))),
			g("74.02.04", 0.05, l(one("20.01.09", 1, profGoods))),
			g("74.02.50", 0.85, l(one("20.01.09", 0.55, profLinear), one("20.30.30", 0.25, profGoods), one("20.02", 0.1, profGoods), one("20.01.30", 0.1, profGoods))),
		}
		dev = []fnGroup{
			g("74.02.03", 0.3, l(one("71.01.02", 0.3, profDev)), scaled(0.7, pnrr)),
			g("74.02.04", 0.1, l(one("71.01.30", 1, profDev))),
			g("74.02.50", 0.6, l(one("71.01.01", 0.4, profDev), one("71.01.02", 0.3, profDev), one("58.03.01", 0.05, profDev), eu("58.03.02", 0.25))),
		}
	case "81.02":
		op = []fnGroup{g("81.02.06", 1, l(one("40.03", 0.97, profHeating), one("20.30.30", 0.03, profGoods)))}
		dev = []fnGroup{g("81.02.06", 1, l(one("71.01.01", 1, profDev)))}
	case "84.02":
		op = []fnGroup{
			g("84.02.03.01", 0.15, l(one("20.02", 0.5, profGoods), one("20.01.09", 0.2, profGoods), one("20.01.30", 0.15, profGoods), one("20.30.30", 0.15, profGoods))),
			g("84.02.03.02", 0.60, l(one("40.03", 0.95, profLinear), one("20.30.30", 0.05, profGoods))),
			g("84.02.03.03", 0.20, l(one("20.02", 0.5, profGoods), one("20.01.09", 0.25, profGoods), one("20.01.30", 0.1, profGoods), one("20.30.30", 0.15, profGoods))),
			g("84.02.50", 0.05, l(one("20.01.09", 0.6, profGoods), one("20.30.30", 0.4, profGoods))),
		}
		dev = []fnGroup{
			g("84.02.03.01", 0.20, l(one("71.01.01", 0.6, profDev), one("71.03", 0.2, profDev), one("71.01.30", 0.2, profDev))),
			g("84.02.03.02", 0.35, l(one("71.01.02", 0.25, profDev), one("71.01.01", 0.15, profDev), one("58.01.01", 0.05, profDev), eu("58.01.02", 0.25)), scaled(0.3, pnrr)),
			g("84.02.03.03", 0.40, l(one("71.01.01", 0.45, profDev), eco{"71.01.01", 0.15, profDev, "C"}, one("71.03", 0.1, profDev), one("56.48.01", 0.05, profDev), eu("56.48.02", 0.25))),
			g("84.02.50", 0.05, l(one("71.01.30", 1, profDev))),
		}
	}
	return op, dev
}

// revenueLine is one revenue code of the city with its share of a chapter.
type revenueLine struct {
	fn    string
	sec   models.Section
	share float64
	p     profile
	trend []float64
}

// Timișoara's approved 2024 revenues by chapter (thousand lei) and how the demo
// splits each chapter over revenue codes. Buildings tax (07.02.01) and the
// vehicle tax (16.02.02) are left out: their general codes 07.01 and 16.02
// are not in the functional catalogue, so the property taxes sit on the land
// tax and stamp duty codes and the vehicle tax on 16.02.50.
var cityRevenueChapters = []struct {
	ch    string
	total float64
	lines []revenueLine
}{
	{"04.02", 822583.00, []revenueLine{{"04.02.01", models.Operating, 1, profIncomeTax, nil}}},
	{"42.02", 540504.45, []revenueLine{
		{"42.02.34", models.Operating, 0.03, profHeating, nil},
		{"42.02.65", models.Development, 0.12, profLumpy, nil},
		{"42.02.69", models.Development, 0.20, profLumpy, []float64{1.4, 1.25, 1, 0.6, 0.3}},
		{"42.02.20", models.Development, 0.25, profLumpy, []float64{0, 0.4, 1, 1.5, 1.8}},
		{"42.02.69", models.Development, 0.40, profLumpy, pnrrTrend},
	}},
	{"07.02", 234278.92, []revenueLine{
		{"07.02.02.01", models.Operating, 0.55, profPropertyTax, nil},
		{"07.02.02.02", models.Operating, 0.40, profPropertyTax, nil},
		{"07.02.03", models.Operating, 0.05, profLinear, nil},
	}},
	{"11.02", 202344.29, []revenueLine{
		{"11.02.02", models.Operating, 0.85, profLinear, nil},
		{"11.02.06", models.Operating, 0.15, profLinear, nil},
	}},
	{"48.02", 174916.99, []revenueLine{
		{"48.02.01.01", models.Development, 0.75, profLumpy, []float64{1.35, 1.25, 1, 0.55, 0.25}},
		{"48.02.03.01", models.Development, 0.25, profLumpy, []float64{1.35, 1.25, 1, 0.55, 0.25}},
	}},
	{"45.02", 150000.00, []revenueLine{{"45.02.48.01", models.Development, 1, profLumpy, []float64{0.1, 0.35, 1, 1.45, 1.8}}}},
	{"16.02", 50262.45, []revenueLine{
		{"16.02.50", models.Operating, 0.88, profPropertyTax, nil},
		{"16.02.03", models.Operating, 0.12, profLinear, nil},
	}},
	{"30.02", 23515.33, []revenueLine{
		{"30.02.05.30", models.Operating, 0.8, profLinear, nil},
		{"30.02.50", models.Operating, 0.2, profLinear, nil},
	}},
	{"35.02", 19407.39, []revenueLine{
		{"35.02.01.02", models.Operating, 0.8, profLinear, nil},
		{"35.02.50", models.Operating, 0.2, profLinear, nil},
	}},
	{"36.02", 16229.38, []revenueLine{{"36.02.50", models.Operating, 1, profLinear, nil}}},
	{"03.02", 12174.51, []revenueLine{{"03.02.18", models.Operating, 1, profLinear, nil}}},
	{"18.02", 10716.64, []revenueLine{{"18.02.50", models.Operating, 1, profLinear, nil}}},
	{"33.02", 2084.68, []revenueLine{
		{"33.02.08", models.Operating, 0.6, profLinear, nil},
		{"33.02.50", models.Operating, 0.4, profLinear, nil},
	}},
	{"39.02", 1269.07, []revenueLine{{"39.02.07", models.Development, 1, profLumpy, nil}}},
	{"34.02", 1082.05, []revenueLine{
		{"34.02.01", models.Operating, 0.5, profLinear, nil},
		{"34.02.50", models.Operating, 0.5, profLinear, nil},
	}},
	{"37.02", 150.00, []revenueLine{{"37.02.01", models.Operating, 1, profLumpy, nil}}},
	{"15.02", 47.12, []revenueLine{{"15.02.50", models.Operating, 1, profLinear, nil}}},
	{"05.02", 1.54, []revenueLine{{"05.02.50", models.Operating, 1, profLumpy, nil}}},
	{"31.02", 0.70, []revenueLine{{"31.02.03", models.Operating, 1, profLinear, nil}}},
}

// Subordinate units: their revenue codes use the .10 chapter suffix of
// institutions financed from own revenues and subsidies (funding source G).
const (
	subsidyRevenue  = "43.10.09" // Subvenții pentru instituții publice
	transferExpense = "51.01.01" // Transferuri către instituții publice
)

// unitGroups describes a unit's own revenues (as fractions of its transfer)
// and its expense groups.
func unitGroups(d domain) (own []eco, op, dev []fnGroup) {
	g := func(fn string, share float64, items ...[]eco) fnGroup { return fnGroup{fn, share, scaled(1, items...)} }
	l := func(items ...eco) []eco { return items }
	switch d {
	case domSchool:
		own = l(one("33.10.05", 0.03, profGoods), one("37.10.01", 0.005, profLumpy))
		op = []fnGroup{
			g("65.02.03.01", 0.15, scaled(0.55, personnel), scaled(0.45, goodsN(16))),
			g("65.02.03.02", 0.35, scaled(0.55, personnel), scaled(0.45, goodsN(16))),
			g("65.02.04.01", 0.49, scaled(0.55, personnel), scaled(0.45, goodsN(16))),
		}
		dev = []fnGroup{g("65.02.04.01", 0.01, l(one("71.01.30", 1, profDev)))}
	case domHospital:
		// A clinical hospital lives mostly on its contracts with the health
		// insurance house; the city's subsidy is the smaller part.
		own = l(one("33.10.21", 6, profLinear), one("33.10.08", 0.15, profLinear))
		op = []fnGroup{
			g("66.02.06.01", 0.88, scaled(0.62, personnel), scaled(0.18, goods), scaled(0.2, medical)),
			g("66.02.50.50", 0.10, scaled(0.5, personnel), scaled(0.5, goodsN(6))),
		}
		dev = []fnGroup{g("66.02.06.01", 0.02, l(one("71.01.02", 0.75, profDev), one("71.01.30", 0.25, profDev)))}
	default:
		own = l(one("33.10.08", 0.012, profLinear), one("37.10.01", 0.003, profLumpy))
		op = []fnGroup{
			g("68.02.05.02", 0.45, scaled(0.35, personnel), l(one("57.02.01", 0.65, profLinear))),
			g("68.02.06", 0.20, scaled(0.5, personnel), scaled(0.3, goodsN(8)), l(one("57.02.01", 0.2, profLinear))),
			g("68.02.04", 0.15, scaled(0.55, personnel), scaled(0.45, goodsN(10))),
			g("68.02.15.01", 0.07, l(one("57.02.01", 0.8, profLinear), one("57.02.05", 0.2, profLumpy))),
			g("68.02.15.02", 0.04, l(one("20.03.01", 0.6, profLinear), one("20.01.03", 0.2, profHeating), one("20.01.30", 0.2, profGoods))),
			g("68.02.50.50", 0.08, scaled(0.5, personnel), scaled(0.5, goodsN(8))),
		}
		dev = []fnGroup{g("68.02.04", 0.01, l(one("71.01.30", 1, profDev)))}
	}
	return own, op, dev
}
