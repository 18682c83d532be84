package models

import "strings"

// AwardProcedure is a way of awarding a public contract, named as Legea nr.
// 98/2016 privind achizițiile publice names it, with its English form. A
// direct purchase (achiziție directă, art. 7 alin. (5)) is not a procedure
// in the law's sense, but it is how a contract is awarded: it is here so
// that every modalitate de atribuire has one name.
type AwardProcedure struct {
	Name Text
}

// AwardProcedures are the modalities of award of Legea nr. 98/2016 (art. 68).
var AwardProcedures = []AwardProcedure{
	{Text{"licitație deschisă", "open procedure"}},
	{Text{"licitație restrânsă", "restricted procedure"}},
	{Text{"negociere competitivă", "competitive procedure with negotiation"}},
	{Text{"dialog competitiv", "competitive dialogue"}},
	{Text{"parteneriat pentru inovare", "innovation partnership"}},
	{Text{"negociere fără publicare prealabilă", "negotiated procedure without prior publication"}},
	{Text{"concurs de soluții", "design contest"}},
	{Text{"procedură de atribuire aplicabilă serviciilor sociale și altor servicii specifice", "procedure for social and other specific services"}},
	{Text{"procedură simplificată", "simplified procedure"}},
	{Text{"achiziție directă", "direct award"}},
}

// procedureAliases are other ways exports write a modality (SICAP's own
// labels, abbreviations), folded (lower case, no diacritics), with the name
// of the law they mean.
var procedureAliases = map[string]string{
	"cumparare directa":                   "achiziție directă",
	"achizitie directa":                   "achiziție directă",
	"negociere fara publicare":            "negociere fără publicare prealabilă",
	"negociere fara publicare prealabila": "negociere fără publicare prealabilă",
	"negociere fara publicarea prealabila a unui anunt de participare": "negociere fără publicare prealabilă",
	"procedura simplificata":     "procedură simplificată",
	"servicii sociale":           "procedură de atribuire aplicabilă serviciilor sociale și altor servicii specifice",
	"procedura proprie":          "procedură de atribuire aplicabilă serviciilor sociale și altor servicii specifice",
	"licitatie deschisa":         "licitație deschisă",
	"licitatie restransa":        "licitație restrânsă",
	"negociere competitiva":      "negociere competitivă",
	"dialog competitiv":          "dialog competitiv",
	"parteneriat pentru inovare": "parteneriat pentru inovare",
	"concurs de solutii":         "concurs de soluții",
}

// LookupProcedure finds the modality of award a source's procedure text
// means ("Cumparare directa", "licitație deschisă"); false for a text the
// vocabulary does not know, which pages show as the source typed it.
func LookupProcedure(typed string) (AwardProcedure, bool) {
	if p, ok := procedureExact[typed]; ok { // a name of the law as written: no folding
		return p, true
	}
	return lookupFolded(FoldRomanian(typed))
}

// lookupFolded finds the modality of a folded text: an alias's, else the
// first whose folded name it is.
func lookupFolded(key string) (AwardProcedure, bool) {
	if name, ok := procedureAliases[key]; ok {
		p, found := procedureByName[name]
		return p, found
	}
	p, ok := procedureByKey[key]
	return p, ok
}

// procedureByName and procedureByKey are AwardProcedures by name and by
// folded name (the first of each), and procedureExact what each name means
// (lookupFolded of it), built once: a page looks up the modality of every
// contract it lists, most of them written as the law names them.
var procedureByName, procedureByKey, procedureExact = func() (byName, byKey, exact map[string]AwardProcedure) {
	byName, byKey, exact = map[string]AwardProcedure{}, map[string]AwardProcedure{}, map[string]AwardProcedure{}
	for _, p := range AwardProcedures {
		if _, ok := byName[p.Name.RO]; !ok {
			byName[p.Name.RO] = p
		}
		if k := FoldRomanian(p.Name.RO); byKey[k] == (AwardProcedure{}) {
			byKey[k] = p
		}
	}
	return byName, byKey, exact
}()

func init() {
	for _, p := range AwardProcedures {
		if found, ok := lookupFolded(FoldRomanian(p.Name.RO)); ok {
			procedureExact[p.Name.RO] = found
		}
	}
}

// FoldRomanian is s in lower case without Romanian diacritics (both the
// comma-below and the cedilla forms), spaces collapsed: the key two spellings
// of one name share.
func FoldRomanian(s string) string {
	return strings.Join(strings.Fields(foldRO.Replace(strings.ToLower(s))), " ")
}

var foldRO = strings.NewReplacer("ă", "a", "â", "a", "î", "i", "ș", "s", "ş", "s", "ț", "t", "ţ", "t",
	"Ă", "a", "Â", "a", "Î", "i", "Ș", "s", "Ş", "s", "Ț", "t", "Ţ", "t")
