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
	key := FoldRomanian(typed)
	name, ok := procedureAliases[key]
	for _, p := range AwardProcedures {
		if ok && p.Name.RO == name || !ok && FoldRomanian(p.Name.RO) == key {
			return p, true
		}
	}
	return AwardProcedure{}, false
}

// FoldRomanian is s in lower case without Romanian diacritics (both the
// comma-below and the cedilla forms), spaces collapsed: the key two spellings
// of one name share.
func FoldRomanian(s string) string {
	return strings.Join(strings.Fields(foldRO.Replace(strings.ToLower(s))), " ")
}

var foldRO = strings.NewReplacer("ă", "a", "â", "a", "î", "i", "ș", "s", "ş", "s", "ț", "t", "ţ", "t",
	"Ă", "a", "Â", "a", "Î", "i", "Ș", "s", "Ş", "s", "Ț", "t", "Ţ", "t")
