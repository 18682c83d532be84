package rules

import (
	"errors"
	"strings"

	"github.com/deschis/deschis/models"
)

// Fold lowers s, strips Romanian diacritics (the comma-below and the legacy
// cedilla forms alike) and writes runs of white space as one space: the key
// of tolerant comparisons of values ("In executie" is "în execuție").
func Fold(s string) string { return models.FoldRomanian(s) }

// HeaderKey is how a header cell is compared with a name a reader or a
// mapping looks for: a byte order mark dropped, folded (Fold), and only
// letters and digits kept. "Autoritate contractantă CUI",
// "AutoritateContractantaCUI", "autoritate_contractanta_cui" and
// "Autoritate\ncontractantă CUI" are one header; so are "Nr. crt." and "Nr crt".
func HeaderKey(s string) string {
	f := Fold(strings.TrimPrefix(s, "\ufeff"))
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		if c := f[i]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b)
}

// Enum accepts a value of the list, also written without diacritics, in
// another case or with other spacing ("ghiseu", "In executie"), and returns
// its canonical spelling.
func Enum(allowed []string, s string) (string, error) {
	for _, a := range allowed {
		if a == s {
			return a, nil
		}
	}
	k := Fold(s)
	for _, a := range allowed {
		if Fold(a) == k {
			return a, nil
		}
	}
	return "", errors.New("valoare necunoscută; se acceptă: " + strings.Join(allowed, ", "))
}

// Bool reads a yes/no cell in any case: da/nu, true/false, yes/no, y/n, 1/0,
// and x for yes (a ticked column). An empty cell is an error here: whether
// it means "no" or "not said" is the reader's choice.
func Bool(s string) (bool, error) {
	switch Fold(s) {
	case "da", "true", "yes", "y", "1", "x":
		return true, nil
	case "nu", "false", "no", "n", "0":
		return false, nil
	}
	return false, errors.New("se așteaptă da sau nu (true/false, 1/0)")
}
