package models

import (
	_ "embed"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// UAT is an administrative-territorial unit (unitate administrativ-
// teritorială) of the reference list: the town hall or county council whose
// fiscal code appears as a buyer or a reporting institution.
type UAT struct {
	CUI            string
	SIRUTA         int
	Name           string // "Municipiul Alba Iulia", "Comuna Ciugud", "Județul Alba"
	Kind           EntityKind
	County         string // county code: AB, B, ...
	Population     int64  // census population
	PopulationYear int
}

// uatFile is the 2021 census list of all 3,228 UATs with SIRUTA code,
// population and the town hall's fiscal code (source and licence in
// catalogue/README.md).
//
//go:embed catalogue/uat_2021.csv
var uatFile string

var uats = sync.OnceValue(func() map[string]UAT {
	r := csv.NewReader(strings.NewReader(uatFile))
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 {
		panic("models: broken embedded UAT list: " + err.Error())
	}
	out := make(map[string]UAT, len(rows))
	for _, row := range rows[1:] { // judet,cod_siruta,localitate,pop,localitate_clean,judet_uat,uat_cod
		siruta, _ := strconv.Atoi(row[1])
		pop, _ := strconv.ParseInt(row[3], 10, 64)
		kind, name := uatKind(row[2])
		out[row[6]] = UAT{CUI: row[6], SIRUTA: siruta, Name: name, Kind: kind, County: row[5], Population: pop, PopulationYear: 2021}
	}
	return out
})

// LookupUAT finds an administrative unit by the fiscal code of its town hall
// or county council.
func LookupUAT(cui string) (UAT, bool) {
	u, ok := uats()[cui]
	return u, ok
}

// uatKind reads the kind from the official upper-case name ("MUNICIPIUL X",
// "ORAȘ X", "JUDETUL X", "SECTORUL 1"; a commune has no prefix) and returns
// the display name with the kind spelled out.
func uatKind(upper string) (EntityKind, string) {
	for _, p := range []struct {
		prefix string
		kind   EntityKind
		name   string
	}{
		{"MUNICIPIUL ", KindMunicipiu, "Municipiul "},
		{"ORAȘ ", KindOras, "Orașul "},
		{"ORAŞ ", KindOras, "Orașul "},
		{"JUDETUL ", KindJudet, "Județul "},
		{"JUDEȚUL ", KindJudet, "Județul "},
		{"SECTORUL ", KindSector, "Sectorul "},
	} {
		if rest, ok := strings.CutPrefix(upper, p.prefix); ok {
			return p.kind, p.name + titleRomanian(rest)
		}
	}
	return KindComuna, "Comuna " + titleRomanian(upper)
}

// titleRomanian writes an upper-case place name with capital initials:
// "ALBA IULIA" → "Alba Iulia", "SÂNMARTIN-DE-BEIUȘ" → "Sânmartin-De-Beiuș"
// (the reference list has no finer information about small words).
func titleRomanian(s string) string {
	s = FixCedilla(strings.ToLower(s))
	var b strings.Builder
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(r)
		}
		start = r == ' ' || r == '-' || r == '.'
	}
	return b.String()
}

// FixCedilla replaces the cedilla letters ş ţ (legacy encodings) with the
// comma-below letters ș ț of correct Romanian.
func FixCedilla(s string) string {
	// ş ţ Ş Ţ are U+015E–U+0163, all encoded with the lead byte 0xC5: one
	// vectorised byte search rules out almost every string.
	if strings.IndexByte(s, 0xC5) < 0 || !strings.ContainsAny(s, "şţŞŢ") {
		return s
	}
	return cedilla.Replace(s)
}

var cedilla = strings.NewReplacer("ş", "ș", "ţ", "ț", "Ş", "Ș", "Ţ", "Ț")

// kindOrder orders a county's units as a deployment lists them: the county
// council, then municipalities, towns, Bucharest's sectors and communes.
var kindOrder = map[EntityKind]int{KindJudet: 0, KindMunicipiu: 1, KindOras: 2, KindSector: 3, KindComuna: 4}

// UATsOfCounty lists the county council and every administrative unit of a
// county (its code: BV, TM, B for Bucharest) in the reference list, the
// council first, then municipalities, towns, sectors and communes, each by
// name; nil for a code the list does not have.
func UATsOfCounty(code string) []UAT {
	var out []UAT
	for _, u := range uats() {
		if u.County == code {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b UAT) int {
		if c := kindOrder[a.Kind] - kindOrder[b.Kind]; c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// Counties lists the county councils of the reference list (Bucharest's
// general council has no row of its own: its code B groups the municipality
// and the sectors), by county code.
func Counties() []UAT {
	var out []UAT
	for _, u := range uats() {
		if u.Kind == KindJudet {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b UAT) int { return strings.Compare(a.County, b.County) })
	return out
}
