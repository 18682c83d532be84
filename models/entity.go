package models

import "strings"

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
	CUI    string // fiscal code (cod de identificare fiscală), digits only
	SIRUTA int    // SIRUTA code of the administrative unit (0 when not applicable)
	Name   string // official name, with diacritics
	// NameGenitive is the name in the genitive-dative (the two are one
	// form in Romanian): "Municipiului Demo", "Școlii Gimnaziale nr. 1
	// Demo", for sentences such as "Bugetul …" and "Cererile adresate …".
	// Derived for the kinds of the reference list (GenitiveName), given in
	// the entities file for the others; "" when unknown.
	NameGenitive string
	Kind         EntityKind    //
	ParentCUI    string        // the authority it is subordinated to; empty for a top entity
	County       string        // county code (two letters, e.g. "TM", "B")
	Population   map[int]int64 // resident population by year
}

// PopulationIn is the one rule for an entity's population in year, used by
// every per-inhabitant figure, page and download: the figure of that year,
// else of the nearest earlier year, else (a year before any figure) the
// earliest known; with the year the figure is of, shown beside it
// ("251.236 de locuitori (2021)"). 0, 0 when unknown.
func (e Entity) PopulationIn(year int) (people int64, of int) {
	for y, p := range e.Population {
		if y <= year && y > of {
			people, of = p, y
		}
	}
	if of == 0 {
		for y, p := range e.Population {
			if of == 0 || y < of {
				people, of = p, y
			}
		}
	}
	return people, of
}

// IsAdministrativeUnit reports whether the entity is an administrative unit
// (UAT): a municipality, town, commune, Bucharest sector or the county
// council, rather than a unit subordinated to one or another institution.
func (e Entity) IsAdministrativeUnit() bool {
	switch e.Kind {
	case KindMunicipiu, KindOras, KindComuna, KindSector, KindJudet:
		return true
	}
	return false
}

// genitivePrefixes are the nominative words that begin the official name of
// each kind of the reference list, with their genitive-dative.
var genitivePrefixes = []struct {
	kind     EntityKind
	nom, gen string
}{
	{KindMunicipiu, "Municipiul ", "Municipiului "},
	{KindOras, "Orașul ", "Orașului "},
	{KindComuna, "Comuna ", "Comunei "},
	{KindJudet, "Județul ", "Județului "},
	{KindSector, "Sectorul ", "Sectorului "},
}

// GenitiveName derives the genitive-dative of an official name of the
// reference list's kinds: "Municipiul Alba Iulia" → "Municipiului Alba
// Iulia", "Comuna Ciugud" → "Comunei Ciugud", "Județul Alba" → "Județului
// Alba"; "" for other kinds or a name that does not begin with its kind
// (the place name itself does not inflect after the kind).
func GenitiveName(kind EntityKind, name string) string {
	for _, p := range genitivePrefixes {
		if p.kind == kind {
			if rest, ok := strings.CutPrefix(name, p.nom); ok && rest != "" {
				return p.gen + rest
			}
		}
	}
	return ""
}

// Genitive is the name as a sentence needs it in the genitive or dative:
// the form given or derived, else "instituției" before the name ("Bugetul
// instituției Liceul X"), which is correct whatever the name.
func (e Entity) Genitive() string {
	if e.NameGenitive != "" {
		return e.NameGenitive
	}
	if g := GenitiveName(e.Kind, e.Name); g != "" {
		return g
	}
	return "instituției " + e.Name
}
