package tabular

import (
	"testing"

	"github.com/deschis/deschis/ingest/rules"
)

// sameInRE2 offers DuckDB only the regular expressions both engines read
// alike; the others send the file to the Go path.
func TestSameInRE2(t *testing.T) {
	for pat, want := range map[string]bool{
		`^(Total|TOTAL)`:               true,
		`^(\d{8}-\d)`:                  true,
		`^((?:MUNICIPIUL|ORA[ȘŞS]) )?`: false, // a flag group
		`^[A-Z]+\s*[0-9]{2,}.*$`:       true,
		`(?i)^total`:                   false,
		`\bTotal\b`:                    false,
		`^\p{Lu}`:                      false,
		`\QTotal\E`:                    false,
		`(?P<cod>\d+)`:                 false,
		`[[:alpha:]]+`:                 false,
		`^(`:                           false, // does not compile
		`a|b*?c`:                       true,
	} {
		if got := sameInRE2(pat); got != want {
			t.Errorf("sameInRE2(%q) = %v, want %v", pat, got, want)
		}
	}
}

// TestMapSpellingsGiveTheValueTheFoldGives: the spellings the SQL path
// compares a mapped cell with are the mapping's keys as written, with ş ţ
// and with ș ț, in lower and upper case and without diacritics; each one
// maps to the value the Go rule (rules.Fold, then the map) gives it, and a
// key that folds like another keeps the value the folded map holds.
func TestMapSpellingsGiveTheValueTheFoldGives(t *testing.T) {
	keys := []string{"Achiziție directă", "Procedură", "Acord-cadru", "ÎNCHIS"}
	vmap := map[string]string{}
	for i, k := range keys {
		vmap[rules.Fold(k)] = []string{"direct_purchase", "procedure_award", "framework_agreement", "closed"}[i]
	}
	got := mapSpellings(keys, vmap)
	for _, s := range []string{"Achiziție directă", "Achiziţie directă", "achiziţie directă", "ACHIZIȚIE DIRECTĂ", "ACHIZIŢIE DIRECTĂ",
		"achizitie directa", "ACHIZITIE DIRECTA", "Procedură", "procedura", "Acord-cadru", "ACORD-CADRU", "ÎNCHIS", "închis", "inchis"} {
		if _, ok := got[s]; !ok {
			t.Errorf("%q is not a spelling", s)
		}
	}
	for s, v := range got {
		if want := vmap[rules.Fold(s)]; v != want {
			t.Errorf("%q maps to %q, the fold to %q", s, v, want)
		}
	}
	if _, ok := got["Achizitie  directa"]; ok {
		t.Error("a spelling the sources do not write (two spaces) is listed")
	}
}
