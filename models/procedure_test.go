package models

import "testing"

// lookupProcedureLoop is LookupProcedure as it was before its indexes: the
// reference they are held to.
func lookupProcedureLoop(typed string) (AwardProcedure, bool) {
	key := FoldRomanian(typed)
	name, ok := procedureAliases[key]
	for _, p := range AwardProcedures {
		if ok && p.Name.RO == name || !ok && FoldRomanian(p.Name.RO) == key {
			return p, true
		}
	}
	return AwardProcedure{}, false
}

// LookupProcedure answers as the loop over the vocabulary did for every
// name of the law, every alias, their spellings with cedillas, capitals and
// spaces, and texts it does not know.
func TestLookupProcedureAnswersAsTheLoopDid(t *testing.T) {
	texts := []string{"", " ", "licitatie", "Procedura proprie", "CUMPĂRARE DIRECTĂ", "cumparare  directa ", "licitaţie deschisă", "Licitație Deschisă",
		"negociere fara publicarea prealabila a unui anunt de participare", "altceva", "achiziție directă ", "\xff"}
	for _, p := range AwardProcedures {
		texts = append(texts, p.Name.RO, p.Name.EN, " "+p.Name.RO, FoldRomanian(p.Name.RO))
	}
	for k, name := range procedureAliases {
		texts = append(texts, k, name)
	}
	found := 0
	for _, s := range texts {
		got, ok := LookupProcedure(s)
		want, wok := lookupProcedureLoop(s)
		if got != want || ok != wok {
			t.Errorf("%q: got %v %v, want %v %v", s, got, ok, want, wok)
		}
		if ok {
			found++
		}
	}
	if found < len(AwardProcedures) || found == len(texts) {
		t.Errorf("%d of %d texts found: the cases do not cover both answers", found, len(texts))
	}
	if len(procedureExact) != len(AwardProcedures) {
		t.Errorf("%d names without folding, want %d", len(procedureExact), len(AwardProcedures))
	}
}
