//go:build ignore

// Command gen regenerates models/catalogue/functional.json and economic.json,
// Deschis's own copy of the Romanian budget classification (Ordinul MFP
// 1954/2005 and later changes).
//
// It is run by hand, once per update of the sources, never by the build:
//
//	go run ./models/catalogue/gen/main.go -data /work/shared/data -out models/catalogue
//
// The sources are the classification trees of iosifnicolae2/hack-for-facts-eb-client
// (Apache-2.0) and the code names found in the Treasury execution reports that
// ClaudiuBogdan/hack-for-facts-eb-server ships as seeds (Apache-2.0). Every change
// to a name is written down in the tables below, so the provenance of each name
// is this file plus the source: the generator refuses a correction that changes
// more than diacritics, case, spacing and punctuation unless it is listed in
// rewordings with its reason.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// entry is one line of the generated catalogue.
type entry struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Parent    string `json:"parent"`
	Kind      string `json:"kind,omitempty"`       // functional only: venituri or cheltuieli
	LocalName string `json:"local_name,omitempty"` // the name local budgets use, when it differs
	Added     bool   `json:"added,omitempty"`      // not in the classification tree source
	Source    string `json:"source,omitempty"`     // where an added entry comes from
}

type node struct {
	Description string `json:"description"`
	Code        string `json:"code"`
	Children    []node `json:"children"`
}

const (
	srcTreasury = "trezorerie"     // Treasury execution reports, via hack-for-facts-eb-server seeds
	srcManual   = "omfp-1954-2005" // added by hand from the local-budget classification
	seedSibiu   = "ro_transparenta_eu_sibiu_4270740_anaf_execution_seed.json"
	seedBuc     = "ro_transparenta_eu_bucuresti_4267117_anaf_execution_seed.json"
	srcFunc     = "ro_clasificatie_functionala_ofmfp1954_ro.json"
	srcEcon     = "ro_clasificatie_economica_ofmfp1954_ro.json"
)

func main() {
	data := flag.String("data", "/work/shared/data", "directory with the source files")
	out := flag.String("out", "models/catalogue", "directory to write functional.json and economic.json to")
	flag.Parse()

	seeds := readSeeds(filepath.Join(*data, seedSibiu), filepath.Join(*data, seedBuc))
	fn := build(flatten(filepath.Join(*data, srcFunc), true), functionalFixes, functionalAdded, seeds["functional"], "F")
	for code, name := range localNames {
		i := slices.IndexFunc(fn, func(e entry) bool { return e.Code == code })
		if i < 0 {
			log.Fatalf("local name for unknown code %s", code)
		}
		fn[i].LocalName = name
	}
	ec := build(flatten(filepath.Join(*data, srcEcon), false), economicFixes, economicAdded, seeds["economic"], "E")
	lint(append(slices.Clone(fn), ec...))
	write(filepath.Join(*out, "functional.json"), fn)
	write(filepath.Join(*out, "economic.json"), ec)
	fmt.Printf("functional: %d codes, economic: %d codes\n", len(fn), len(ec))
}

// flatten reads a source tree and returns its coded nodes with their parent
// code. Uncoded nodes (TOTAL VENITURI, "A. VENITURI FISCALE", ...) only group
// and are skipped; their coded children hang from the nearest coded ancestor.
// The first top-level node of the functional tree is TOTAL VENITURI, the other
// TOTAL CHELTUIELI: that decides the kind.
func flatten(path string, functional bool) []entry {
	var roots []node
	readJSON(path, &roots)
	var out []entry
	var walk func(ns []node, parent, kind string)
	walk = func(ns []node, parent, kind string) {
		for _, n := range ns {
			p := parent
			if n.Code != "" {
				out = append(out, entry{Code: n.Code, Name: n.Description, Parent: parent, Kind: kind})
				p = n.Code
			}
			walk(n.Children, p, kind)
		}
	}
	for _, r := range roots {
		kind := ""
		if functional {
			switch strings.TrimSpace(r.Description) {
			case "TOTAL VENITURI":
				kind = "venituri"
			case "TOTAL CHELTUIELI":
				kind = "cheltuieli"
			default:
				log.Fatalf("unexpected top node %q", r.Description)
			}
		}
		walk(r.Children, "", kind)
	}
	return out
}

// build cleans every name, applies the hand corrections, adds the extra
// entries and sorts by code.
func build(src []entry, fixes map[string]string, added []addition, seed map[string][]string, tag string) []entry {
	byCode := map[string]int{}
	for i := range src {
		e := &src[i]
		if _, dup := byCode[e.Code]; dup {
			log.Fatalf("%s: duplicate code %s", tag, e.Code)
		}
		byCode[e.Code] = i
		e.Name = clean(e.Name)
		if fix, ok := fixes[e.Code]; ok {
			checkFix(tag, e.Code, e.Name, fix)
			if fix == e.Name {
				log.Fatalf("%s %s: correction changes nothing", tag, e.Code)
			}
			e.Name = fix
		}
	}
	for code := range fixes {
		if _, ok := byCode[code]; !ok {
			log.Fatalf("%s: correction for unknown code %s", tag, code)
		}
	}
	for _, a := range added {
		if _, dup := byCode[a.code]; dup {
			log.Fatalf("%s: added code %s already exists", tag, a.code)
		}
		parent := ""
		if i := strings.LastIndex(a.code, "."); i > 0 {
			parent = a.code[:i]
		}
		pi, ok := byCode[parent]
		if parent != "" && !ok {
			log.Fatalf("%s: added code %s has no parent %s", tag, a.code, parent)
		}
		e := entry{Code: a.code, Name: a.name, Parent: parent, Added: true, Source: srcManual}
		if parent != "" {
			e.Kind = src[pi].Kind
		}
		if names, ok := seed[seedKey(a.code)]; ok {
			// The two seeds name a few codes differently (the Treasury renamed
			// them); the correction must match one of the names.
			i := slices.IndexFunc(names, func(n string) bool { return fold(n) == fold(a.name) })
			if i < 0 {
				i = 0
			}
			checkFix(tag, a.code, clean(names[i]), a.name)
			e.Source = srcTreasury
		} else if !a.manual {
			log.Fatalf("%s: added code %s is not in the Treasury seeds; mark it manual", tag, a.code)
		}
		byCode[a.code] = len(src)
		src = append(src, e)
	}
	slices.SortFunc(src, func(a, b entry) int { return strings.Compare(a.Code, b.Code) })
	return src
}

// seedKey is how the Treasury writes a general code: always three groups,
// "00" for the missing ones ("54.10" is "54.10.00").
func seedKey(code string) string {
	for strings.Count(code, ".") < 2 {
		code += ".00"
	}
	return code
}

var (
	cedilla   = strings.NewReplacer("ş", "ș", "ţ", "ț", "Ş", "Ș", "Ţ", "Ț")
	spaces    = regexp.MustCompile(`\s+`)
	footnote  = regexp.MustCompile(`\s*\*+\)$`)            // "***)" footnote calls of the order
	openParen = regexp.MustCompile(`([\p{L}\p{N}])([(„])`) // "venit(se scad)" -> "venit (se scad)"
)

// clean makes the mechanical corrections every name gets: comma-below ș ț
// instead of the cedilla forms, one space between words, no space inside
// parentheses or before a comma, a space before an opening parenthesis or
// quotation mark, no footnote calls.
func clean(s string) string {
	s = cedilla.Replace(s)
	s = spaces.ReplaceAllString(s, " ")
	s = strings.TrimSpace(s)
	s = footnote.ReplaceAllString(s, "")
	s = openParen.ReplaceAllString(s, "$1 $2")
	s = strings.ReplaceAll(s, "( ", "(")
	s = strings.ReplaceAll(s, " )", ")")
	s = strings.ReplaceAll(s, " ,", ",")
	return s
}

// fold reduces a name to its lower-case ASCII letters and digits, so that two
// names that differ only in diacritics, case, spacing and punctuation fold
// to the same string.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ă', 'â':
			r = 'a'
		case 'î':
			r = 'i'
		case 'ș', 'ş':
			r = 's'
		case 'ț', 'ţ':
			r = 't'
		}
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func checkFix(tag, code, orig, fixed string) {
	if fold(orig) == fold(fixed) {
		return
	}
	if _, ok := rewordings[tag+" "+code]; ok {
		return
	}
	log.Fatalf("%s %s: correction changes words:\n  source: %s\n  fixed:  %s\n(list it in rewordings with the reason if intended)", tag, code, orig, fixed)
}

// asciiSuspects are words that are Romanian only with diacritics: a name that
// still contains one of them was not fully corrected. Words are split on
// anything that is not a letter, so "în" is never mistaken for "in".
var asciiSuspects = regexp.MustCompile(`^(?i:si|in|intre|catre|fara|pana|dupa|tarii|tari|institutii\w*|finantar\w*|finantat\w*|sanatat\w*|invatamant\w*|activitati\w*|actiun\w*|contributi\w*|functionar\w*|sectiun\w*|dobanzi|subventi\w*|asistenta|publica|nationala|nationale|interventie|rezerva|bugetara|dispozitia|imprumut\w*|prestari|reparatii|deplasari|plati|platile|locuint\w*|intretinere|masini|constructii|scoala|crese|strazi|cladiri|alocatii|indemnizatii|conditii|masa|hrana)$`)

func suspectWord(s string) string {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if asciiSuspects.MatchString(w) {
			return w
		}
	}
	return ""
}

func lint(all []entry) {
	bad := false
	for _, e := range all {
		for _, s := range []string{e.Name, e.LocalName} {
			if strings.ContainsAny(s, "şţŞŢ") {
				log.Printf("cedilla left in %s: %s", e.Code, s)
				bad = true
			}
			if m := suspectWord(s); m != "" {
				log.Printf("word without diacritics %q in %s: %s", m, e.Code, s)
				bad = true
			}
			if s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
				log.Printf("spacing in %s: %q", e.Code, s)
				bad = true
			}
		}
		if e.Name == "" {
			log.Printf("empty name for %s", e.Code)
			bad = true
		}
	}
	if bad {
		os.Exit(1)
	}
}

func readSeeds(paths ...string) map[string]map[string][]string {
	out := map[string]map[string][]string{"functional": {}, "economic": {}}
	for _, p := range paths {
		var s struct {
			NameLookups map[string]map[string]string `json:"nameLookups"`
		}
		readJSON(p, &s)
		for kind, m := range s.NameLookups {
			if out[kind] == nil {
				continue
			}
			for code, name := range m {
				if !slices.ContainsFunc(out[kind][code], func(n string) bool { return fold(n) == fold(name) }) {
					out[kind][code] = append(out[kind][code], name)
				}
			}
		}
	}
	return out
}

func readJSON(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}

// write writes one entry per line, so that a change to the catalogue reads
// as a one-line diff.
func write(path string, es []entry) {
	var b strings.Builder
	b.WriteString("[\n")
	for i, e := range es {
		line, err := json.Marshal(e)
		if err != nil {
			log.Fatal(err)
		}
		b.WriteString("  ")
		b.Write(line)
		if i < len(es)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
}

type addition struct {
	code, name string
	manual     bool // not in the Treasury seeds: added by hand, see the README
}

// rewordings are the corrections that change more than diacritics, case,
// spacing or punctuation, with the reason.
var rewordings = map[string]string{
	"E 00":    "the source is in English (No economic classification)",
	"E 00.00": "the source is in English (No economic classification)",
	"E 55.01": "list letter 'A.' is not part of the name",
	"E 55.02": "list letter 'B.' is not part of the name",
	"E 55.03": "list letter 'C.' is not part of the name",
	"E 55.04": "list letter 'D.' is not part of the name",
	"E 56.80": "stray closing quotation mark",
	"E 58.41": "'Instrumentului' (genitive, head noun lost) -> 'Instrumentul'",
	"E 59.16": "typo: Poiecte -> Proiecte",
	"E 59.34": "typo: administrază -> administrează",
	"E 70":    "'70. cheltuieli de capital (70=71+72+75)': code and sum formula are not part of the name",
	"E 71":    "'(71.01+71.02)' sum formula is not part of the name (and 71.03 exists)",
	"E 79":    "'79. operatiuni financiare (79=80+81)': code and sum formula are not part of the name",
	"F 12.20": "typo: solidalitate -> solidaritate",
	"F 45.24": "typo: Solidalitate -> Solidaritate",
	"F 66.50": "typo: domeniu -> domeniul",
	"F 42.69": "typo in the Treasury name: aferete -> aferente",
	"F 42.70": "typo in the Treasury name: aferete -> aferente",
	"F 43.34": "typo in the Treasury name: natonal -> național",
	"F 37.03": "typo in the Treasury name: bugetelui -> bugetului",
	"F 54.07": "typo in the Treasury name: administratile -> administrațiile",
}

// localNames are the names local budgets give a code whose general name says
// it is subtracted: shares of the income tax and of VAT are subtracted from
// the state budget's revenue ("se scad") but are revenue of the local budgets,
// whose forms name them without it (04.02 Cote și sume defalcate din impozitul
// pe venit, 11.02 Sume defalcate din TVA); chapter 42 is "Subvenții de la
// bugetul de stat" in local budgets.
var localNames = map[string]string{
	"04":    "Cote și sume defalcate din impozitul pe venit",
	"04.01": "Cote defalcate din impozitul pe venit",
	"11":    "Sume defalcate din TVA",
	"11.01": "Sume defalcate din taxa pe valoarea adăugată pentru finanțarea cheltuielilor descentralizate la nivelul județelor",
	"11.02": "Sume defalcate din taxa pe valoarea adăugată pentru finanțarea cheltuielilor descentralizate la nivelul comunelor, orașelor, municipiilor, sectoarelor și Municipiului București",
	"11.05": "Sume defalcate din taxa pe valoarea adăugată pentru drumuri",
	"11.06": "Sume defalcate din taxa pe valoarea adăugată pentru echilibrarea bugetelor locale",
	"11.07": "Sume defalcate din taxa pe valoarea adăugată pentru dezvoltarea infrastructurii și a bazelor sportive din spațiul rural",
	"11.09": "Sume defalcate din taxa pe valoarea adăugată pentru finanțarea învățământului particular sau confesional acreditat",
	"42":    "Subvenții de la bugetul de stat",
}

// functionalFixes correct names of the functional source beyond clean().
var functionalFixes = map[string]string{
	"12.02": "Taxa de dezvoltare cuprinsă în tariful energiei electrice și termice - Restanțe ani anteriori -",
	"12.20": "Venituri din contribuția de solidaritate",
	"45.24": "Fondul de Solidaritate al Uniunii Europene",
	"66.50": "Alte cheltuieli în domeniul sănătății",
}

// functionalAdded are subchapters and paragraphs the source tree lacks. Most
// are the names the Treasury's execution reports give general codes that
// local budgets use every day (74.05.01 Salubritate, 70.06 Iluminat public,
// 43.09 Subvenții pentru instituții publice, ...); the seeds spell them
// without diacritics, restored here. Paragraphs whose subchapter name is not
// known for sure are left out (see the README).
var functionalAdded = []addition{
	{code: "04.04", name: "Sume alocate din cotele defalcate din impozitul pe venit pentru echilibrarea bugetelor locale"},
	{code: "04.05", name: "Sume repartizate din Fondul la dispoziția Consiliului Județean"},
	{code: "04.06", name: "Sume repartizate pentru finanțarea instituțiilor de spectacole și concerte"},
	{code: "07.01", name: "Impozit pe clădiri", manual: true},
	{code: "07.01.01", name: "Impozit pe clădiri de la persoane fizice"},
	{code: "07.01.02", name: "Impozit și taxă pe clădiri de la persoane juridice"},
	{code: "07.02.01", name: "Impozit pe terenuri de la persoane fizice"},
	{code: "07.02.02", name: "Impozit și taxă pe teren de la persoane juridice"},
	{code: "07.02.03", name: "Impozit pe terenul din extravilan"},
	{code: "07.50", name: "Alte impozite și taxe pe proprietate"},
	{code: "12.07", name: "Taxe hoteliere"},
	{code: "15.01", name: "Impozit pe spectacole"},
	{code: "16.02", name: "Impozit pe mijloacele de transport", manual: true},
	{code: "16.02.01", name: "Impozit pe mijloacele de transport deținute de persoane fizice"},
	{code: "16.02.02", name: "Impozit pe mijloacele de transport deținute de persoane juridice"},
	{code: "30.05.01", name: "Redevențe miniere"},
	{code: "30.05.30", name: "Alte venituri din concesiuni și închirieri de către instituțiile publice"},
	{code: "30.08.02", name: "Venituri din dividende de la alți plătitori"},
	{code: "30.08.03", name: "Dividende de la societățile și companiile naționale și societățile cu capital majoritar de stat"},
	{code: "33.10", name: "Contribuția părinților sau susținătorilor legali pentru întreținerea copiilor în creșe"},
	{code: "33.12", name: "Contribuția persoanelor beneficiare ale cantinelor de ajutor social"},
	{code: "33.13", name: "Contribuția de întreținere a persoanelor asistate"},
	{code: "33.14", name: "Contribuția elevilor și studenților pentru internate, cămine și cantine"},
	{code: "33.19", name: "Venituri din serbări și spectacole școlare, manifestări culturale, artistice și sportive"},
	{code: "33.20", name: "Venituri din cercetare"},
	{code: "33.28", name: "Venituri din recuperarea cheltuielilor de judecată, imputații și despăgubiri"},
	{code: "33.30", name: "Venituri din contractele încheiate cu direcțiile de sănătate publică din sume alocate de la bugetul de stat"},
	{code: "33.31", name: "Venituri din contractele încheiate cu direcțiile de sănătate publică din sume alocate din veniturile proprii ale Ministerului Sănătății"},
	{code: "33.33", name: "Contribuții pentru finanțarea Programului „Școala după școală”"},
	{code: "34.02", name: "Taxe extrajudiciare de timbru"},
	{code: "35.01.02", name: "Venituri din amenzi și alte sancțiuni aplicate de către alte instituții de specialitate"},
	{code: "35.03.01", name: "Încasări din valorificarea bunurilor confiscate, abandonate și alte sume constatate odată cu confiscarea potrivit legii"},
	{code: "36.01.01", name: "Venituri din aplicarea prescripției extinctive"},
	{code: "36.06", name: "Taxe speciale"},
	{code: "36.22", name: "Venituri din restituirea sumelor alocate pentru reducerea riscului seismic"},
	{code: "36.31", name: "Contribuția asociației de proprietari pentru lucrările de reabilitare termică"},
	{code: "37.03", name: "Vărsăminte din secțiunea de funcționare pentru finanțarea secțiunii de dezvoltare a bugetului local"},
	{code: "37.04", name: "Vărsăminte din secțiunea de funcționare"},
	{code: "37.05", name: "Sume primite din Fondul de Solidaritate al Uniunii Europene"},
	{code: "37.06", name: "Sume primite de administrațiile locale în cadrul unor programe cu finanțare nerambursabilă"},
	{code: "39.10", name: "Depozite speciale pentru construcții de locuințe"},
	{code: "40.06", name: "Încasări din rambursarea împrumuturilor pentru înființarea unor instituții și servicii publice de interes local sau a unor activități finanțate integral din venituri proprii"},
	{code: "40.11", name: "Sume din excedentul anului precedent pentru acoperirea golurilor temporare de casă ale secțiunii de funcționare"},
	{code: "40.13", name: "Sume din excedentul anului precedent pentru acoperirea golurilor temporare de casă ale secțiunii de dezvoltare"},
	{code: "40.14", name: "Sume din excedentul bugetului local utilizate pentru finanțarea cheltuielilor secțiunii de dezvoltare"},
	{code: "40.15", name: "Sume utilizate de administrațiile locale din excedentul anului precedent", manual: true},
	{code: "40.15.01", name: "Sume utilizate de administrațiile locale din excedentul anului precedent pentru secțiunea de funcționare"},
	{code: "40.15.02", name: "Sume utilizate de administrațiile locale din excedentul anului precedent pentru secțiunea de dezvoltare"},
	{code: "40.16", name: "Sume primite în cadrul mecanismului decontării cererilor de plată"},
	{code: "41.06", name: "Sume din excedentul anului precedent pentru acoperirea golurilor temporare de casă"},
	{code: "42.10", name: "Finanțarea acțiunilor privind reducerea riscului seismic al construcțiilor existente cu destinație de locuință"},
	{code: "42.13", name: "Subvenții pentru finanțarea programelor multianuale prioritare de mediu și gospodărire a apelor"},
	{code: "42.20", name: "Subvenții de la bugetul de stat către bugetele locale necesare susținerii derulării proiectelor finanțate din fonduri externe nerambursabile (FEN) postaderare"},
	{code: "42.32", name: "Subvenții pentru compensarea creșterilor neprevizionate ale prețurilor la combustibili"},
	{code: "42.34", name: "Subvenții pentru acordarea ajutorului pentru încălzirea locuinței și a suplimentului pentru energie alocate pentru consumul de combustibili solizi și/sau petrolieri"},
	{code: "42.39", name: "Subvenții de la bugetul de stat către instituții publice finanțate parțial sau integral din venituri proprii pentru proiecte finanțate din FEN postaderare"},
	{code: "42.41", name: "Subvenții din bugetul de stat pentru finanțarea sănătății"},
	{code: "42.60", name: "Cofinanțare publică acordată în cadrul mecanismului SEE"},
	{code: "42.62", name: "Sume alocate din bugetul de stat aferente corecțiilor financiare"},
	{code: "42.65", name: "Finanțarea Programului Național de Dezvoltare Locală"},
	{code: "42.66", name: "Subvenții din bugetul de stat alocate conform contractelor încheiate cu direcțiile de sănătate publică"},
	{code: "42.69", name: "Subvenții de la bugetul de stat către bugetele locale necesare susținerii derulării proiectelor finanțate din fonduri externe nerambursabile (FEN) postaderare, aferente perioadei de programare 2014-2020"},
	{code: "42.70", name: "Subvenții de la bugetul de stat către instituții publice finanțate parțial sau integral din venituri proprii necesare susținerii derulării proiectelor finanțate din fonduri externe nerambursabile (FEN) postaderare, aferente perioadei de programare 2014-2020"},
	{code: "42.75", name: "Cofinanțare publică acordată în cadrul Mecanismelor financiare Spațiul Economic European și Norvegian 2014-2021"},
	{code: "42.80", name: "Subvenții de la bugetul de stat pentru decontarea cheltuielilor pentru carantină"},
	{code: "42.81", name: "Sume alocate pentru indemnizații aferente suspendării temporare a contractului de activitate sportivă"},
	{code: "42.82", name: "Sume alocate pentru stimulentul de risc"},
	{code: "42.86", name: "Subvenții de la bugetul de stat către bugetele locale pentru decontarea serviciilor aferente măsurilor de prevenire și combatere a atacurilor exemplarelor de urs brun"},
	{code: "42.87", name: "Subvenții de la bugetul de stat către bugetele locale pentru Programul național de investiții „Anghel Saligny”"},
	{code: "43.09", name: "Subvenții pentru instituții publice"},
	{code: "43.10", name: "Subvenții din bugetele locale pentru finanțarea cheltuielilor curente din domeniul sănătății"},
	{code: "43.14", name: "Subvenții din bugetele locale pentru finanțarea cheltuielilor de capital din domeniul sănătății"},
	{code: "43.19", name: "Subvenții pentru instituții publice destinate secțiunii de dezvoltare"},
	{code: "43.20", name: "Alte subvenții primite de la administrația centrală pentru finanțarea unor activități"},
	{code: "43.23", name: "Subvenții primite din bugetul județului pentru clasele de învățământ special organizate în cadrul unităților de învățământ de masă"},
	{code: "43.30", name: "Sume primite de la bugetul județului pentru plata drepturilor de care beneficiază copiii cu cerințe educaționale speciale integrați în învățământul de masă"},
	{code: "43.31", name: "Sume alocate din bugetul AFIR, pentru susținerea proiectelor din PNDR 2014 - 2020"},
	{code: "43.33", name: "Subvenții din bugetul Fondului național unic de asigurări sociale de sănătate pentru acoperirea creșterilor salariale"},
	{code: "43.34", name: "Sume alocate din bugetul ANCPI pentru finanțarea lucrărilor de înregistrare sistematică din cadrul Programului național de cadastru și carte funciară"},
	{code: "43.40", name: "Sume alocate pentru stimulentul de risc"},
	{code: "43.41", name: "Sume alocate pentru cheltuielile cu alocația de hrană și cu indemnizația de cazare pentru personalul din serviciile sociale publice aflat în izolare preventivă la locul de muncă"},
	{code: "43.44", name: "Sume alocate din sumele obținute în urma scoaterii la licitație a certificatelor de emisii de gaze cu efect de seră pentru finanțarea proiectelor de investiții"},
	{code: "45.01.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "45.01.02", name: "Sume primite în contul plăților efectuate în anii anteriori"},
	{code: "45.01.04", name: "Corecții financiare"},
	{code: "45.02.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "45.02.02", name: "Sume primite în contul plăților efectuate în anii anteriori"},
	{code: "45.02.03", name: "Prefinanțare"},
	{code: "45.03.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "45.03.02", name: "Sume primite în contul plăților efectuate în anii anteriori"},
	{code: "45.17.03", name: "Prefinanțare"},
	{code: "45.21.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "45.21.02", name: "Sume primite în contul plăților efectuate în anii anteriori"},
	{code: "45.48.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "45.48.02", name: "Sume primite în contul plăților efectuate în anii anteriori"},
	{code: "45.49.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "45.49.03", name: "Prefinanțare"},
	{code: "45.50.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "45.50.02", name: "Sume primite în contul plăților efectuate în anii anteriori"},
	{code: "45.72.03", name: "Prefinanțare"},
	{code: "48.01.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "48.01.02", name: "Sume primite în contul plăților efectuate în anii anteriori"},
	{code: "48.01.03", name: "Prefinanțare"},
	{code: "48.02.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "48.02.02", name: "Sume primite în contul plăților efectuate în anii anteriori"},
	{code: "48.02.03", name: "Prefinanțare"},
	{code: "48.03.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "48.03.02", name: "Sume primite în contul plăților efectuate în anii anteriori"},
	{code: "48.03.03", name: "Prefinanțare"},
	{code: "48.15.01", name: "Sume primite în contul plăților efectuate în anul curent"},
	{code: "48.15.02", name: "Sume primite în contul plăților efectuate în anii anteriori"},
	{code: "48.15.03", name: "Prefinanțare"},
	{code: "48.16.03", name: "Prefinanțări"},
	{code: "48.31.03", name: "Prefinanțare"},
	{code: "51.01.03", name: "Autorități executive"},
	{code: "54.07", name: "Fond pentru garantarea împrumuturilor externe, contractate/garantate de administrațiile publice locale"},
	{code: "54.10", name: "Servicii publice comunitare de evidență a persoanelor"},
	{code: "61.03.04", name: "Poliție locală"},
	{code: "65.03.01", name: "Învățământ preșcolar"},
	{code: "65.03.02", name: "Învățământ primar"},
	{code: "65.04.01", name: "Învățământ secundar inferior"},
	{code: "65.04.02", name: "Învățământ secundar superior"},
	{code: "65.04.03", name: "Învățământ profesional"},
	{code: "65.07.04", name: "Învățământ special"},
	{code: "65.11.03", name: "Internate și cantine pentru elevi"},
	{code: "65.11.30", name: "Alte servicii auxiliare"},
	{code: "66.06.01", name: "Spitale generale"},
	{code: "66.50.50", name: "Alte instituții și acțiuni sanitare"},
	{code: "67.03.02", name: "Biblioteci publice comunale, orășenești, municipale"},
	{code: "67.03.03", name: "Muzee"},
	{code: "67.03.04", name: "Instituții publice de spectacole și concerte"},
	{code: "67.03.05", name: "Școli populare de artă și meserii"},
	{code: "67.03.06", name: "Case de cultură"},
	{code: "67.03.08", name: "Centre pentru conservarea și promovarea culturii tradiționale"},
	{code: "67.03.09", name: "Universități populare"},
	{code: "67.03.12", name: "Consolidarea și restaurarea monumentelor istorice"},
	{code: "67.03.14", name: "Centre culturale"},
	{code: "67.03.30", name: "Alte servicii culturale"},
	{code: "67.05.01", name: "Sport"},
	{code: "67.05.02", name: "Tineret"},
	{code: "67.05.03", name: "Întreținere grădini publice, parcuri, zone verzi, baze sportive și de agrement"},
	{code: "68.05.02", name: "Asistență socială în caz de invaliditate"},
	{code: "68.11", name: "Creșe"},
	{code: "68.12", name: "Unități de asistență medico-sociale"},
	{code: "68.15.01", name: "Ajutor social"},
	{code: "68.15.02", name: "Cantine de ajutor social"},
	{code: "68.50.50", name: "Alte cheltuieli în domeniul asigurărilor și asistenței sociale"},
	{code: "70.03.01", name: "Dezvoltarea sistemului de locuințe"},
	{code: "70.03.30", name: "Alte cheltuieli în domeniul locuințelor"},
	{code: "70.05.01", name: "Alimentare cu apă"},
	{code: "70.06", name: "Iluminat public și electrificări"},
	{code: "74.05", name: "Salubritate și gestiunea deșeurilor", manual: true},
	{code: "74.05.01", name: "Salubritate"},
	{code: "74.05.02", name: "Colectarea, tratarea și distrugerea deșeurilor"},
	{code: "74.06", name: "Canalizarea și tratarea apelor reziduale"},
	{code: "83.03.03", name: "Protecția plantelor și carantina fitosanitară"},
	{code: "83.03.30", name: "Alte cheltuieli în domeniul agriculturii"},
	{code: "84.03.01", name: "Drumuri și poduri"},
	{code: "84.03.02", name: "Transport în comun"},
	{code: "84.03.03", name: "Străzi"},
	{code: "84.06.02", name: "Aviația civilă"},
}

// economicFixes restore the diacritics the economic source lacks, word by
// word, and correct what else is wrong (see rewordings).
var economicFixes = map[string]string{
	"00":    "Fără clasificație economică",
	"00.00": "Fără clasificație economică",
	"10.01": "Cheltuieli salariale în bani",
	"10.02": "Cheltuieli salariale în natură",
	"10.03": "Contribuții",
	"20":    "Bunuri și servicii",
	"20.01": "Bunuri și servicii",
	"20.02": "Reparații curente",
	"20.03": "Hrană",
	"20.04": "Medicamente și materiale sanitare",
	"20.06": "Deplasări, detașări, transferări",
	"20.11": "Cărți, publicații și materiale documentare",
	"20.12": "Consultanță și expertiză",
	"20.13": "Pregătire profesională",
	"20.14": "Protecția muncii",
	"20.15": "Muniție, furnituri și armament de natura activelor fixe pentru armată",
	"20.16": "Studii și cercetări",
	"20.18": "Plăți pentru finanțarea patrimoniului genetic al animalelor",
	"20.19": "Contribuții ale administrației publice locale la realizarea unor lucrări și servicii de interes public local, în baza unor convenții sau contracte de asociere",
	"20.20": "Reabilitare infrastructură program inundații pentru autorități publice locale",
	"20.22": "Finanțarea acțiunilor din domeniul apelor",
	"20.23": "Prevenirea și combaterea inundațiilor și înghețurilor",
	"20.24": "Comisioane și alte costuri aferente împrumuturilor",
	"20.25": "Cheltuieli judiciare și extrajudiciare derivate din acțiuni în reprezentarea intereselor statului, potrivit dispozițiilor legale",
	"20.31": "Finanțarea unor acțiuni de sănătate din cadrul unităților sanitare din rețeaua administrației publice locale",
	"20.32": "Finanțarea programelor naționale de sănătate derulate de unitățile sanitare din rețeaua administrației publice locale",
	"20.33": "Finanțarea asistenței medicale desfășurate în cabinetele medicale din unitățile de învățământ",
	"20.34": "Finanțarea din veniturile proprii ale Ministerului Sănătății pentru acțiuni de sănătate din cadrul unităților sanitare din rețeaua administrației publice locale",
	"20.35": "Finanțarea din veniturile proprii ale Ministerului Sănătății pentru programele naționale de sănătate derulate de unitățile sanitare din rețeaua administrației publice locale",
	"20.36": "Finanțarea cabinetelor de medicină legală din cadrul unităților sanitare din rețeaua administrației locale",
	"20.37": "Finanțarea stimulentului de risc pentru personalul din cadrul unităților sanitare din rețeaua administrației publice locale",
	"30":    "Dobânzi",
	"30.01": "Dobânzi aferente datoriei publice interne",
	"30.02": "Dobânzi aferente datoriei publice externe",
	"30.03": "Alte dobânzi",
	"30.04": "Dobânzi aferente împrumuturilor preluate/contractate de MFP în baza OUG 64/2007",
	"40":    "Subvenții",
	"40.04": "Subvenții pentru susținerea transportului feroviar public de călători",
	"40.05": "Subvenții pentru transportul de călători cu metroul",
	"40.06": "Acțiuni de ecologizare",
	"40.07": "Valorificarea cenușilor de pirită",
	"40.09": "Plăți către angajatori pentru formarea profesională a angajaților",
	"40.10": "Fonduri nerambursabile pentru crearea de noi locuri de muncă",
	"40.12": "Subvenții pentru completarea primelor de asigurare pentru factorii de risc din agricultură",
	"40.14": "Susținerea infrastructurii de transport",
	"40.15": "Sprijinirea producătorilor agricoli",
	"40.16": "Programe de conservare sau de închidere a minelor",
	"40.17": "Programe de protecție socială și integrare socioprofesională a persoanelor cu handicap",
	"40.18": "Protecție socială în sectorul minier",
	"40.19": "Plăți pentru stimularea creării de locuri de muncă",
	"40.20": "Subvenții pentru compensarea creșterilor neprevizionate ale prețurilor la combustibili",
	"50":    "Fonduri de rezervă",
	"50.01": "Fond de rezervă bugetară la dispoziția Guvernului",
	"50.02": "Fond de intervenție la dispoziția Guvernului",
	"50.04": "Fond de rezervă bugetară la dispoziția autorităților locale",
	"51":    "Transferuri între unități ale administrației publice",
	"55.01": "Transferuri interne",
	"55.02": "Transferuri curente în străinătate (către organizații internaționale)",
	"55.03": "Contribuția României la bugetul U.E.",
	"55.04": "Alte plăți către UE",
	"56":    "Proiecte cu finanțare din fonduri externe nerambursabile (FEN) postaderare",
	"56.04": "Programe din Fondul European Agricol de Dezvoltare Rurală (FEADR)",
	"56.06": "Programe din Fondul European de Garantare Agricolă (FEGA)",
	"56.09": "Sume aferente Fondului European pentru Refugiați",
	"56.11": "Sume aferente Fondului European de integrare a resortisanților țărilor terțe",
	"56.13": "Programe finanțate în cadrul facilității Schengen",
	"56.14": "Programele finanțate din Facilitatea de Tranziție",
	"56.15": "Alte programe comunitare finanțate în perioada 2007-2013",
	"56.16": "Alte facilități și instrumente postaderare",
	"56.19": "Asistență tehnică în cadrul Programului Operațional Asistență Tehnică",
	"56.21": "Transferuri de fonduri din bugetul de stat către bugetele locale necesare susținerii derulării proiectelor finanțate din FEN postaderare",
	"56.22": "Transferuri din bugetul de stat către ONG-uri, societăți comerciale, instituții publice finanțate parțial sau integral din venituri proprii și alți beneficiari de drept public sau privat necesare susținerii derulării proiectelor finanțate din FEN postaderare",
	"56.24": "Cofinanțarea asistenței financiare nerambursabile post aderare de la Comunitatea Europeană",
	"56.53": "Fondul European Agricol de Dezvoltare Rurală (FEADR) aferente cadrului financiar 2023-2027",
	"56.55": "Asistență tehnică în cadrul Programului Operațional Asistență Tehnică, aferentă cadrului financiar 2021-2027",
	"56.69": "Transferuri din bugetul de stat prin Ministerul Finanțelor reprezentând cofinanțare publică aferente proiectelor finanțate din fondurile europene derulate prin ADR în calitate de AM, pentru perioada de programare 2021–2027",
	"56.70": "Transferuri din bugetul de stat prin Ministerul Finanțelor reprezentând cheltuieli neeligibile aferente proiectelor finanțate din fondurile europene derulate prin ADR în calitate de AM, pentru perioada de programare 2021–2027",
	"56.72": "Alte programe comunitare finanțate în perioada 2021-2027",
	"56.80": "Transferuri din bugetul AFIR către ONG-uri, societăți comerciale și alți beneficiari de drept public sau privat pentru susținerea proiectelor din PS 2023-2027",
	"57":    "Asistență socială",
	"57.01": "Asigurări sociale",
	"57.06": "Sume acordate angajatorilor pentru decontarea unei părți a salariului brut al angajaților menținuți în muncă",
	"57.08": "Indemnizații acordate pe perioada reducerii temporare a activității pentru profesioniști precum și pentru persoanele care au încheiate convenții individuale de muncă în baza Legii nr. 1/2005",
	"58":    "Proiecte cu finanțare din fonduri externe nerambursabile aferente cadrului financiar 2014-2020 și din fondul de modernizare",
	"58.04": "Programe din Fondul European Agricol de Dezvoltare Rurală (FEADR)",
	"58.14": "Asistență tehnică în cadrul Programului Operațional Asistență Tehnică",
	"58.15": "Alte programe comunitare finanțate în perioada 2014-2020 (APC)",
	"58.16": "Alte facilități și instrumente postaderare (AFIP)",
	"58.21": "Transferuri de fonduri din bugetul de stat către bugetele locale necesare susținerii derulării proiectelor finanțate din FEN aferente cadrului financiar 2014-2020",
	"58.22": "Transferuri din bugetul de stat către ONG-uri, societăți comerciale, instituții publice finanțate parțial sau integral din venituri proprii și alți beneficiari de drept public sau privat necesare susținerii derulării proiectelor finanțate din FEN aferente cadrului financiar 2014-2020",
	"58.24": "Sume aferente asistenței financiare nerambursabile alocată de Uniunea Europeană în perioada de programare 2014-2020",
	"58.27": "Transferuri din bugetul AFIR către ONG-uri, societăți comerciale și alți beneficiari de drept public sau privat pentru susținerea proiectelor din PNDR 2014 – 2020",
	"58.41": "Instrumentul de redresare al Uniunii Europene (EURI)",
	"59.03": "Finanțarea partidelor politice",
	"59.04": "Sprijinirea organizațiilor cetățenilor aparținând minorităților naționale altele decât cele care primesc subvenții de la bugetul de stat",
	"59.05": "Finanțarea unor programe și proiecte interetnice și combatere a intoleranței",
	"59.06": "Producerea și distribuirea filmelor",
	"59.07": "Sprijinirea activității românilor de pretutindeni și a organizațiilor reprezentative ale acestora",
	"59.09": "Despăgubiri acordate producătorilor agricoli în caz de calamități naturale în agricultură",
	"59.10": "Fond la dispoziția primului-ministru pentru sprijinirea comunităților românești de pretutindeni",
	"59.11": "Asociații și fundații",
	"59.12": "Susținerea cultelor",
	"59.13": "Contribuția statului, pentru sprijinirea așezămintelor religioase românești din afara granițelor",
	"59.14": "Contribuția statului la salarizarea personalului de cult",
	"59.15": "Contribuții la salarizarea personalului neclerical",
	"59.16": "Proiecte de comunicare, informare publică și promovarea imaginii și intereselor românești peste hotare",
	"59.17": "Despăgubiri civile",
	"59.19": "Indemnizația de merit",
	"59.20": "Sume destinate finanțării programelor sportive realizate de structurile sportive de drept privat",
	"59.21": "Comenzi de stat pentru cărți și publicații",
	"59.22": "Acțiuni cu caracter științific și social-cultural",
	"59.23": "Finanțarea Ansamblului „Memorialul victimelor comunismului și al rezistenței Sighet”",
	"59.24": "Finanțarea ansamblului „Memorialul revoluției - Decembrie 1989” din Municipiul Timișoara",
	"59.25": "Sume aferente plății creanțelor salariale",
	"59.27": "Renta viageră agricolă",
	"59.28": "Finanțarea Schitului românesc Prodromu de la Muntele Athos",
	"59.30": "Programe și proiecte privind prevenirea și combaterea discriminării",
	"59.33": "Sume destinate menținerii navigabilității aeronavelor pentru zboruri speciale",
	"59.34": "Sume alocate pentru întocmirea documentațiilor cadastrale și a publicității imobiliare pentru bunurile imobiliare aflate în concesiunea companiei care administrează infrastructura feroviară",
	"60.02": "Finanțare publică națională",
	"60.04": "Transferuri din bugetul de stat către beneficiari instituții publice finanțate parțial sau integral din venituri proprii pentru derularea proiectelor din PNRR",
	"60.11": "Transferuri din bugetul instituțiilor publice și activităților finanțate integral sau parțial din venituri proprii către entități private pentru susținerea proiectelor aferente PNRR",
	"61.02": "Finanțare publică națională",
	"61.04": "Transferuri din bugetul de stat către beneficiari instituții publice finanțate parțial sau integral din venituri proprii pentru derularea proiectelor din PNRR",
	"61.11": "Sume aferente investiției 2 „Instrumente financiare pentru sectorul privat”",
	"65":    "Cheltuieli aferente programelor cu finanțare rambursabilă",
	"65.01": "Cheltuieli aferente programelor cu finanțare rambursabilă",
	"65.02": "Cheltuieli aferente programelor cu finanțare rambursabilă din contribuția beneficiarilor finali ai proiectelor",
	"70":    "Cheltuieli de capital",
	"71":    "Active nefinanciare",
	"71.03": "Reparații capitale aferente activelor fixe",
	"75":    "Fondul național de dezvoltare",
	"79":    "Operațiuni financiare",
	"80.01": "Împrumuturi acordate pentru obiective aprobate prin convenții bilaterale și interguvernamentale",
	"80.03": "Împrumuturi pentru instituții și servicii publice sau activități finanțate integral din venituri proprii",
	"80.04": "Împrumuturi din bugetul asigurărilor pentru șomaj",
	"80.05": "Împrumuturi acordate pentru construirea, cumpărarea, reabilitarea, consolidarea și extinderea unor locuințe",
	"80.06": "Microcredite acordate persoanelor fizice care desfășoară activități pe cont propriu, aducătoare de venituri, în vederea întreținerii materiale",
	"80.08": "Fondul de rulment pentru acoperirea golurilor temporare de casă",
	"80.09": "Împrumuturi acordate de agențiile guvernamentale și administrate prin agenții de credit",
	"80.12": "Împrumut subordonat acordat către CEC Bank-S.A.",
	"80.30": "Alte împrumuturi",
	"81":    "Rambursări de credite",
	"81.01": "Rambursări de credite externe",
	"81.02": "Rambursări de credite interne",
	"81.03": "Rambursări de credite în contul împrumuturilor preluate/contractate de MFP în baza OUG 64/2007",
}

// economicAdded are paragraphs (alineate) the source lacks, named as in the
// Treasury's execution reports; among them the ones the Deschis demo uses.
var economicAdded = []addition{
	{code: "10.01.01", name: "Salarii de bază"},
	{code: "10.01.05", name: "Sporuri pentru condiții de muncă"},
	{code: "10.01.06", name: "Alte sporuri"},
	{code: "10.01.07", name: "Ore suplimentare"},
	{code: "10.01.08", name: "Fond de premii"},
	{code: "10.01.10", name: "Fond pentru posturi ocupate prin cumul"},
	{code: "10.01.11", name: "Fond aferent plății cu ora"},
	{code: "10.01.12", name: "Indemnizații plătite unor persoane din afara unității"},
	{code: "10.01.13", name: "Drepturi de delegare"}, // Sibiu seed; București has the older "Indemnizații de delegare"
	{code: "10.01.14", name: "Indemnizații de detașare"},
	{code: "10.01.15", name: "Alocații pentru transportul la și de la locul de muncă"},
	{code: "10.01.16", name: "Alocații pentru locuințe"},
	{code: "10.01.17", name: "Indemnizații de hrană"},
	{code: "10.01.29", name: "Stimulentul de risc"},
	{code: "10.01.30", name: "Alte drepturi salariale în bani"},
	{code: "10.02.01", name: "Tichete de masă"},
	{code: "10.02.02", name: "Norme de hrană"},
	{code: "10.02.03", name: "Uniforme și echipament obligatoriu"},
	{code: "10.02.06", name: "Vouchere de vacanță"},
	{code: "10.03.01", name: "Contribuții de asigurări sociale de stat"},
	{code: "10.03.02", name: "Contribuții de asigurări de șomaj"},
	{code: "10.03.03", name: "Contribuții de asigurări sociale de sănătate"},
	{code: "10.03.04", name: "Contribuții de asigurări pentru accidente de muncă și boli profesionale"},
	{code: "10.03.05", name: "Prime de asigurare viață plătite de angajator pentru angajați"},
	{code: "10.03.06", name: "Contribuții pentru concedii și indemnizații"},
	{code: "10.03.07", name: "Contribuția asiguratorie pentru muncă"},
	{code: "10.03.08", name: "Contribuții plătite de angajator în numele angajatului"},
	{code: "20.01.01", name: "Furnituri de birou"},
	{code: "20.01.02", name: "Materiale pentru curățenie"},
	{code: "20.01.03", name: "Încălzit, iluminat și forță motrică"},
	{code: "20.01.04", name: "Apă, canal și salubritate"},
	{code: "20.01.05", name: "Carburanți și lubrifianți"},
	{code: "20.01.06", name: "Piese de schimb"},
	{code: "20.01.07", name: "Transport"},
	{code: "20.01.08", name: "Poștă, telecomunicații, radio, tv, internet"},
	{code: "20.01.09", name: "Materiale și prestări de servicii cu caracter funcțional"},
	{code: "20.01.30", name: "Alte bunuri și servicii pentru întreținere și funcționare"},
	{code: "20.03.01", name: "Hrană pentru oameni"},
	{code: "20.03.02", name: "Hrană pentru animale"},
	{code: "20.04.01", name: "Medicamente"},
	{code: "20.04.02", name: "Materiale sanitare"},
	{code: "20.04.03", name: "Reactivi"},
	{code: "20.04.04", name: "Dezinfectanți"},
	{code: "20.05.01", name: "Uniforme și echipament"},
	{code: "20.05.03", name: "Lenjerie și accesorii de pat"},
	{code: "20.05.30", name: "Alte obiecte de inventar"},
	{code: "20.06.01", name: "Deplasări interne, detașări, transferări"},
	{code: "20.06.02", name: "Deplasări în străinătate"},
	{code: "20.24.01", name: "Comisioane și alte costuri aferente împrumuturilor externe"},
	{code: "20.24.02", name: "Comisioane și alte costuri aferente împrumuturilor interne"},
	{code: "20.24.03", name: "Stabilirea riscului de țară"},
	{code: "20.30.01", name: "Reclamă și publicitate"},
	{code: "20.30.02", name: "Protocol și reprezentare"},
	{code: "20.30.03", name: "Prime de asigurare non-viață"},
	{code: "20.30.04", name: "Chirii"},
	{code: "20.30.06", name: "Prestări servicii pentru transmiterea drepturilor"},
	{code: "20.30.09", name: "Executarea silită a creanțelor bugetare"},
	{code: "20.30.30", name: "Alte cheltuieli cu bunuri și servicii"},
	{code: "30.01.01", name: "Dobânzi aferente datoriei publice interne directe"},
	{code: "30.02.01", name: "Dobânzi aferente datoriei publice externe directe"},
	{code: "30.02.02", name: "Dobânzi aferente creditelor externe contractate de ordonatorii de credite"},
	{code: "30.02.05", name: "Dobânzi aferente datoriei publice externe locale"},
	{code: "51.01.01", name: "Transferuri către instituții publice"},
	{code: "51.01.46", name: "Transferuri din bugetele locale pentru finanțarea cheltuielilor curente din domeniul sănătății"},
	{code: "51.01.64", name: "Transferuri de la bugetul județului către bugetele locale pentru plata drepturilor de care beneficiază copiii cu cerințe educaționale speciale integrați în învățământul de masă"},
	{code: "51.02.28", name: "Transferuri din bugetele locale pentru finanțarea cheltuielilor de capital din domeniul sănătății"},
	{code: "51.02.29", name: "Alte transferuri de capital către instituții publice"},
	{code: "51.02.50", name: "Transferuri de capital acordate în baza contractelor de parteneriat sau asociere"},
	{code: "55.01.07", name: "Programe comunitare"},
	{code: "55.01.12", name: "Investiții ale agenților economici cu capital de stat"},
	{code: "55.01.13", name: "Programe de dezvoltare"},
	{code: "55.01.18", name: "Alte transferuri curente interne"},
	{code: "55.01.42", name: "Transferuri din bugetul local către asociațiile de dezvoltare intercomunitară"},
	{code: "55.01.63", name: "Finanțarea învățământului particular sau confesional acreditat"},
	{code: "55.01.84", name: "Sume reprezentând stimulentul pentru casarea autovehiculelor uzate"},
	{code: "55.02.01", name: "Contribuții și cotizații la organisme internaționale"},
	{code: "56.01.01", name: "Finanțarea națională"},
	{code: "56.01.02", name: "Finanțarea externă nerambursabilă"},
	{code: "56.01.03", name: "Cheltuieli neeligibile"},
	{code: "56.03.01", name: "Finanțarea națională"},
	{code: "56.03.02", name: "Finanțarea externă nerambursabilă"},
	{code: "56.17.01", name: "Finanțarea națională"},
	{code: "56.17.02", name: "Finanțarea externă nerambursabilă"},
	{code: "56.17.03", name: "Cheltuieli neeligibile"},
	{code: "56.48.01", name: "Finanțare națională"},
	{code: "56.48.02", name: "Finanțare externă nerambursabilă"},
	{code: "56.48.03", name: "Cheltuieli neeligibile"},
	{code: "56.49.01", name: "Finanțare națională"},
	{code: "56.49.02", name: "Finanțare externă nerambursabilă"},
	{code: "56.49.03", name: "Cheltuieli neeligibile"},
	{code: "56.50.01", name: "Finanțare națională"},
	{code: "56.50.02", name: "Finanțare externă nerambursabilă"},
	{code: "56.50.03", name: "Cheltuieli neeligibile"},
	{code: "56.72.02", name: "Finanțare externă nerambursabilă"},
	{code: "57.02.01", name: "Ajutoare sociale în numerar"},
	{code: "57.02.02", name: "Ajutoare sociale în natură"},
	{code: "57.02.03", name: "Tichete de creșă și tichete sociale pentru grădiniță"}, // Sibiu seed; București has the older "Tichete de creșă"
	{code: "57.02.05", name: "Suport alimentar"},
	{code: "58.01.01", name: "Finanțarea națională"},
	{code: "58.01.02", name: "Finanțarea externă nerambursabilă"},
	{code: "58.01.03", name: "Cheltuieli neeligibile"},
	{code: "58.02.01", name: "Finanțarea națională"},
	{code: "58.02.02", name: "Finanțarea externă nerambursabilă"},
	{code: "58.02.03", name: "Cheltuieli neeligibile"},
	{code: "58.03.01", name: "Finanțarea națională"},
	{code: "58.03.02", name: "Finanțarea externă nerambursabilă"},
	{code: "58.03.03", name: "Cheltuieli neeligibile"},
	{code: "58.15.01", name: "Finanțarea națională"},
	{code: "58.15.02", name: "Finanțare externă nerambursabilă"},
	{code: "58.15.03", name: "Cheltuieli neeligibile"},
	{code: "58.16.01", name: "Finanțarea națională"},
	{code: "58.16.02", name: "Finanțare externă nerambursabilă"},
	{code: "58.30.03", name: "Cheltuieli neeligibile"},
	{code: "58.31.01", name: "Finanțarea națională"},
	{code: "58.31.02", name: "Finanțarea externă nerambursabilă"},
	{code: "58.42.01", name: "Sume din Fondul de Modernizare"},
	{code: "71.01.01", name: "Construcții"},
	{code: "71.01.02", name: "Mașini, echipamente și mijloace de transport"},
	{code: "71.01.03", name: "Mobilier, aparatură birotică și alte active corporale"},
	{code: "71.01.30", name: "Alte active fixe"},
	{code: "72.01.01", name: "Participare la capitalul social al societăților comerciale"},
	{code: "81.01.01", name: "Rambursări de credite externe contractate de ordonatorii de credite"},
	{code: "81.01.02", name: "Rambursări de credite externe din fondul de garantare"},
	{code: "81.01.05", name: "Rambursări de credite aferente datoriei publice externe locale"},
	{code: "81.02.05", name: "Rambursări de credite aferente datoriei publice interne locale"},
	{code: "85.01.01", name: "Plăți efectuate în anii precedenți și recuperate în anul curent în secțiunea de funcționare a bugetului local"},
	{code: "85.01.02", name: "Plăți efectuate în anii precedenți și recuperate în anul curent în secțiunea de dezvoltare a bugetului local"},
	{code: "85.01.05", name: "Plăți efectuate în anii precedenți și recuperate în anul curent aferente fondurilor externe nerambursabile"},
}
