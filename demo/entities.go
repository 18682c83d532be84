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

type entitySet struct {
	city  models.Entity
	units []unit // school nr. 1, hospital, social directorate, then schools nr. 2..Scale
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

func newEntitySet(scale, lastYear int) entitySet {
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
	es := entitySet{city: city}
	es.units = append(es.units,
		sub(1, "Școala Gimnazială nr. 1 Demo", "Școlii Gimnaziale nr. 1 Demo", domSchool),
		sub(2, "Spitalul Clinic Municipal Demo", "Spitalului Clinic Municipal Demo", domHospital),
		sub(3, "Direcția de Asistență Socială Demo", "Direcției de Asistență Socială Demo", domSocial))
	for k := 2; k <= scale; k++ {
		n := strconv.Itoa(k)
		es.units = append(es.units, sub(2+k, "Școala Gimnazială nr. "+n+" Demo", "Școlii Gimnaziale nr. "+n+" Demo", domSchool))
	}
	return es
}

func (es entitySet) all() []models.Entity {
	out := []models.Entity{es.city}
	for _, u := range es.units {
		out = append(out, u.Entity)
	}
	return out
}

func (es entitySet) hospital() unit { return es.units[1] }
func (es entitySet) social() unit   { return es.units[2] }

// schools returns the schools in number order.
func (es entitySet) schools() []unit {
	out := []unit{es.units[0]}
	return append(out, es.units[3:]...)
}

// writeEntities writes entities.csv: the city once per population year (the
// canonical format has one population per row), then each subordinate unit.
func writeEntities(cfg *config, path string) (File, error) {
	w, err := createCSV(path, models.DatasetEntities)
	if err != nil {
		return File{}, err
	}
	c := cfg.ents.city
	for y := firstYear; y <= cfg.lastYear; y++ {
		w.text(c.CUI)
		w.integer(int64(c.SIRUTA))
		w.text(c.Name)
		w.text(string(c.Kind))
		w.empty()
		w.text(c.County)
		w.integer(int64(y))
		w.integer(c.Population[y])
		w.empty() // a municipality's genitive is derived from its name
		w.end()
	}
	for _, u := range cfg.ents.units {
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
	return w.close()
}
