package demo

import (
	"fmt"
	"math"
	"slices"

	"github.com/deschis/deschis/models"
)

// The demo county, "Județul Demo" (Options.County): the county council with
// two subordinate units, two municipalities, three towns and Units-5
// communes, each an authority of its own (no parent), so a county total is a
// sum of separate budgets. Fiscal codes are fictional (bodies from 999200 up,
// with valid check digits; no institution uses them), as are the SIRUTA codes
// (from 999800 up, outside the nomenclature) and the county code DM.
const (
	countyName   = "Județul Demo"
	countyCode   = "DM"
	countySIRUTA = 999800
	countyBody   = 999200 // the council; its units follow, then the administrative units from 999210
	unitsBody    = 999210

	// DefaultUnits is the number of administrative units of the demo county
	// besides the council when Options.Units is zero.
	DefaultUnits = 15
	// MinUnits and MaxUnits bound Options.Units: two municipalities and three
	// towns, at least one commune; the fictional code ranges hold MaxUnits.
	MinUnits = 6
	MaxUnits = 150

	countyMunicipalities = 2
	countyTowns          = 3
)

// streamCounty draws the units' populations and traits.
const streamCounty = 0x636e7479 // "cnty"

// The demo county's place names: fictional, each a word of Romanian
// toponymy with "Demo"; communes add a qualifier when the words run out.
var (
	countyPlaces = []string{
		"Valea Demo", "Dealu Demo", "Poiana Demo", "Lunca Demo", "Izvoru Demo", "Crângu Demo", "Podu Demo",
		"Fântâna Demo", "Piatra Demo", "Măgura Demo", "Stejaru Demo", "Frasinu Demo", "Teiu Demo", "Plopu Demo",
		"Salcia Demo", "Brazii Demo", "Ulmu Demo", "Corbu Demo", "Vadu Demo", "Cheia Demo", "Runcu Demo",
		"Ciuta Demo", "Vârfu Demo", "Râpa Demo", "Livada Demo", "Gârla Demo", "Moara Demo", "Bradu Demo",
		"Arinii Demo", "Cornu Demo",
	}
	placeQualifiers = []string{"", " de Sus", " de Jos", " din Vale", " din Deal"}
)

// placeName is the i-th fictional place name (i < len(countyPlaces)*len(placeQualifiers)).
func placeName(i int) string {
	return countyPlaces[i%len(countyPlaces)] + placeQualifiers[i/len(countyPlaces)]
}

// kindPopulations are the 2021 census populations of every unit of a kind in
// the reference list (models/catalogue/uat_2021.csv), in a fixed order.
func kindPopulations(kind models.EntityKind) []int64 {
	var out []int64
	for _, c := range models.Counties() {
		for _, u := range models.UATsOfCounty(c.County) {
			if u.Kind == kind && u.Population > 0 {
				out = append(out, u.Population)
			}
		}
	}
	slices.Sort(out)
	return out
}

// declining is a population by year from its 2021 census value, shrinking
// by rate a year.
func declining(p2021 int64, rate float64, lastYear int) map[int]int64 {
	pop := map[int]int64{}
	for y := firstYear; y <= lastYear; y++ {
		pop[y] = int64(math.Round(float64(p2021) * math.Pow(1-rate, float64(y-2021))))
	}
	return pop
}

// newCounty is the demo county: the council first (with its two units), then
// the municipalities, towns and communes. Each unit's population is a draw
// from the census populations of its kind, and its traits are drawn from
// streamCounty, so comparisons between the units have something to show.
func newCounty(cfg *config, units int) []*authority {
	r := cfg.rng(streamCounty)
	pops := map[models.EntityKind][]int64{}
	var out []*authority
	countyPop := map[int]int64{}
	for i := range units {
		kind, prefix := models.KindComuna, "Comuna "
		switch {
		case i < countyMunicipalities:
			kind, prefix = models.KindMunicipiu, "Municipiul "
		case i < countyMunicipalities+countyTowns:
			kind, prefix = models.KindOras, "Orașul "
		}
		if pops[kind] == nil {
			pops[kind] = kindPopulations(kind)
		}
		list := pops[kind]
		p2021 := list[r.IntN(len(list))]
		pop := declining(p2021, uniform(r, 0.002, 0.012), cfg.lastYear)
		for y, p := range pop {
			countyPop[y] += p
		}
		head := models.Entity{CUI: cuiFromBody(unitsBody + i), SIRUTA: countySIRUTA + 1 + i, Name: prefix + placeName(i),
			Kind: kind, County: countyCode, Population: pop}
		size := float64(pop[min(2024, cfg.lastYear)]) / population2024
		tr := traits{
			exec:   uniform(r, 0.7, 1),
			own:    uniform(r, 0.4, 1.6),
			direct: uniform(r, 0.72, 0.98),
			late:   uniform(r, 0.4, 3.5),
		}
		out = append(out, &authority{head: head, size: size, volume: size * float64(cfg.scale), traits: tr,
			invPrefix: fmt.Sprintf("U%03d-", i+1)})
	}
	// The council: its population is the county's; it spends about a
	// quarter of what its towns and communes do, mostly on roads, the county
	// hospital and child protection.
	council := models.Entity{CUI: cuiFromBody(countyBody), SIRUTA: countySIRUTA, Name: countyName, Kind: models.KindJudet,
		County: countyCode, Population: countyPop}
	sub := func(i int, name, genitive string, d domain) unit {
		return unit{Entity: models.Entity{CUI: cuiFromBody(countyBody + i), Name: name, NameGenitive: genitive, Kind: models.KindSubordinat,
			ParentCUI: council.CUI, County: countyCode}, domain: d}
	}
	size := 0.25 * float64(countyPop[min(2024, cfg.lastYear)]) / population2024
	c := &authority{head: council, size: size, volume: size * float64(cfg.scale), invPrefix: "CJ-",
		traits: traits{exec: uniform(r, 0.75, 1), own: uniform(r, 0.6, 1.2), direct: uniform(r, 0.75, 0.9), late: uniform(r, 0.5, 2)},
		units: []unit{
			sub(1, "Spitalul Clinic Județean de Urgență Demo", "Spitalului Clinic Județean de Urgență Demo", domHospital),
			sub(2, "Direcția Generală de Asistență Socială și Protecția Copilului Demo",
				"Direcției Generale de Asistență Socială și Protecția Copilului Demo", domSocial),
		}}
	return append([]*authority{c}, out...)
}

// countyUnits checks Options.Units.
func countyUnits(opt Options) (int, error) {
	if !opt.County {
		if opt.Units != 0 {
			return 0, fmt.Errorf("demo: Units (%d) is the number of administrative units of the demo county; it needs County: %w", opt.Units, models.ErrInvalid)
		}
		return 0, nil
	}
	n := opt.Units
	if n == 0 {
		n = DefaultUnits
	}
	if n < MinUnits || n > MaxUnits {
		return 0, fmt.Errorf("demo: the demo county has %d to %d administrative units besides the council (%d municipalities, %d towns, the rest communes), not %d: %w",
			MinUnits, MaxUnits, countyMunicipalities, countyTowns, n, models.ErrInvalid)
	}
	return n, nil
}
