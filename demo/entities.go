package demo

import (
	"strconv"

	"github.com/deschis/deschis/models"
)

// The demo municipality. Its fiscal codes are fictional: 99910xx bodies with
// valid check digits, a range no Romanian town hall uses; the SIRUTA code is
// outside the real nomenclature.
const (
	cityName   = "Municipiul Demo"
	cityCounty = "TM"
	citySIRUTA = 999991
	cuiBody    = 999100 // the city; subordinate units follow
)

// domain is what a subordinate unit does; it fixes the functional code of the
// city's transfer line that finances the unit.
type domain int

const (
	domSchool domain = iota
	domHospital
	domSocial
)

// transferFunctional is the functional code of the city's 51.01.01 line that
// finances units of a domain (and therefore of the consolidation pair).
func (d domain) transferFunctional() string {
	switch d {
	case domSchool:
		return "65.02.04" // Învățământ secundar
	case domHospital:
		return "66.02.06" // Servicii medicale în unități sanitare cu paturi
	default:
		return "68.02.05" // Asistență socială în caz de boli și invalidități
	}
}

type unit struct {
	models.Entity
	domain domain
}

// authority is one principal authorising officer (ordonator principal de
// credite) with its subordinate units: the town hall of Municipiul Demo, or
// in the demo county the county council, a municipality, a town or a
// commune. Its budget is consolidated with its own units only.
type authority struct {
	head  models.Entity
	units []unit // Municipiul Demo: school nr. 1, hospital, social directorate, then schools nr. 2..Scale
	// size scales the budget against its calibration (Timișoara's 2024
	// budget, 250,849 inhabitants); volume scales the yearly counts of
	// investments, awards and requests against Municipiul Demo's at Scale 1.
	size, volume float64
	traits       traits
	invPrefix    string // investment codes are unique in a release: INV-<prefix>YYYY-NNN
}

// traits are what makes one administrative unit of the demo county unlike
// another, drawn once per unit: Municipiul Demo has the neutral traits.
type traits struct {
	exec   float64 // multiplies the share of each expense line paid (≤ 1)
	own    float64 // multiplies the own revenues (local taxes, fees, property income)
	direct float64 // share of its own awards that are direct purchases; 0 = the calibrated mix
	late   float64 // multiplies each department's share of answers after the legal term
}

var neutral = traits{exec: 1, own: 1, late: 1}

func (a *authority) all() []models.Entity {
	out := []models.Entity{a.head}
	for _, u := range a.units {
		out = append(out, u.Entity)
	}
	return out
}

// firstOf returns the authority's first unit of a domain.
func (a *authority) firstOf(d domain) (unit, bool) {
	for _, u := range a.units {
		if u.domain == d {
			return u, true
		}
	}
	return unit{}, false
}

// schools returns the schools in number order.
func (a *authority) schools() []unit {
	var out []unit
	for _, u := range a.units {
		if u.domain == domSchool {
			out = append(out, u)
		}
	}
	return out
}

func cuiFromBody(body int) string {
	b := strconv.Itoa(body)
	return b + string(models.CUICheckDigit(b))
}

// cityPopulation is the resident population by year: about 250,000 and
// slowly declining, as in most Romanian county seats after 2021.
func cityPopulation(lastYear int) map[int]int64 {
	pop := map[int]int64{}
	p := 251_236.0
	for y := firstYear; y <= lastYear; y++ {
		pop[y] = int64(p)
		p *= 0.9941 - 0.0003*float64((y-firstYear)%3)
	}
	return pop
}

// newCity is Municipiul Demo: the town hall, school nr. 1, the hospital, the
// social directorate and schools nr. 2..scale.
func newCity(scale, lastYear int) *authority {
	city := models.Entity{
		CUI: cuiFromBody(cuiBody), SIRUTA: citySIRUTA, Name: cityName, Kind: models.KindMunicipiu,
		County: cityCounty, Population: cityPopulation(lastYear),
	}
	// A subordinate unit's name does not follow a rule of its kind: its
	// genitive-dative is given, as an entities file gives it.
	sub := func(i int, name, genitive string, d domain) unit {
		return unit{Entity: models.Entity{CUI: cuiFromBody(cuiBody + i), Name: name, NameGenitive: genitive, Kind: models.KindSubordinat,
			ParentCUI: city.CUI, County: cityCounty}, domain: d}
	}
	a := &authority{head: city, volume: 1, traits: neutral,
		size: float64(city.Population[min(2024, lastYear)]) / population2024}
	a.units = append(a.units,
		sub(1, "Școala Gimnazială nr. 1 Demo", "Școlii Gimnaziale nr. 1 Demo", domSchool),
		sub(2, "Spitalul Clinic Municipal Demo", "Spitalului Clinic Municipal Demo", domHospital),
		sub(3, "Direcția de Asistență Socială Demo", "Direcției de Asistență Socială Demo", domSocial))
	for k := 2; k <= scale; k++ {
		n := strconv.Itoa(k)
		a.units = append(a.units, sub(2+k, "Școala Gimnazială nr. "+n+" Demo", "Școlii Gimnaziale nr. "+n+" Demo", domSchool))
	}
	return a
}

// entities lists every institution: each authority, then its units.
func (c *config) entities() []models.Entity {
	var out []models.Entity
	for _, a := range c.auths {
		out = append(out, a.all()...)
	}
	return out
}

// writeEntities writes entities.csv: each authority once per population year
// (the canonical format has one population per row), then its subordinate
// units.
func writeEntities(cfg *config, path string) (File, error) {
	w, err := createCSV(path, models.DatasetEntities)
	if err != nil {
		return File{}, err
	}
	for _, a := range cfg.auths {
		c := a.head
		for y := firstYear; y <= cfg.lastYear; y++ {
			w.text(c.CUI)
			w.integer(int64(c.SIRUTA))
			w.text(c.Name)
			w.text(string(c.Kind))
			w.empty()
			w.text(c.County)
			w.integer(int64(y))
			w.integer(c.Population[y])
			w.empty() // an administrative unit's genitive is derived from its name
			w.end()
		}
		for _, u := range a.units {
			w.text(u.CUI)
			w.empty()
			w.text(u.Name)
			w.text(string(u.Kind))
			w.text(u.ParentCUI)
			w.text(u.County)
			w.empty()
			w.empty()
			w.text(u.NameGenitive)
			w.end()
		}
	}
	return w.close()
}
