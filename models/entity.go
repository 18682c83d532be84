package models

// EntityKind is the legal kind of a public institution.
type EntityKind string

const (
	KindMunicipiu  EntityKind = "municipiu"
	KindOras       EntityKind = "oraș"
	KindComuna     EntityKind = "comună"
	KindJudet      EntityKind = "județ"
	KindSubordinat EntityKind = "unitate subordonată"
	// KindSector is one of the six sectors of Bucharest (a UAT of its own).
	KindSector EntityKind = "sector"
	// KindAlta is a public institution registered from the data (a buyer in
	// a procurement export, a reporting unit in a Treasury report) that is
	// neither an administrative unit nor known as subordinated to one.
	KindAlta EntityKind = "altă instituție"
)

// EntityKinds lists every valid kind, in display order.
var EntityKinds = []EntityKind{KindMunicipiu, KindOras, KindComuna, KindJudet, KindSector, KindSubordinat, KindAlta}

// Valid reports whether k is one of EntityKinds.
func (k EntityKind) Valid() bool {
	for _, x := range EntityKinds {
		if k == x {
			return true
		}
	}
	return false
}

// Entity is a public institution: a town hall, a county council or a unit
// subordinated to one of them (a school, a hospital, a social directorate).
type Entity struct {
	CUI        string        // fiscal code (cod de identificare fiscală), digits only
	SIRUTA     int           // SIRUTA code of the administrative unit (0 when not applicable)
	Name       string        // official name, with diacritics
	Kind       EntityKind    //
	ParentCUI  string        // the authority it is subordinated to; empty for a top entity
	County     string        // county code (two letters, e.g. "TM", "B")
	Population map[int]int64 // resident population by year
}

// PopulationIn is the entity's population in year, else in the latest year
// before it, else the earliest known; 0 when unknown.
func (e Entity) PopulationIn(year int) int64 {
	best, bestYear := int64(0), 0
	for y, p := range e.Population {
		if y <= year && y > bestYear {
			best, bestYear = p, y
		}
	}
	if bestYear == 0 {
		for y, p := range e.Population {
			if bestYear == 0 || y < bestYear {
				best, bestYear = p, y
			}
		}
	}
	return best
}
