package ingest

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/deschis/deschis/models"
)

// parseValue turns one canonical cell into the typed value of its field.
// An empty cell is nil. The reason of an error is a Romanian sentence that
// says what is wrong and what was expected.
func parseValue(f models.Field, cell string) (any, error) {
	s := strings.TrimSpace(cell)
	if s == "" {
		if f.Required {
			return nil, errors.New("valoare obligatorie lipsă")
		}
		return nil, nil
	}
	if !utf8.ValidString(s) {
		return nil, errors.New("text care nu este UTF-8 valid (altă codificare?)")
	}
	switch f.Type {
	case models.TypeText:
		return s, nil
	case models.TypeCUI:
		return models.NormalizeCUI(s)
	case models.TypeInt:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, errors.New("nu este un număr întreg")
		}
		return n, nil
	case models.TypeAmount:
		return parseAmount(s)
	case models.TypeDate:
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, errors.New("dată imposibilă sau în alt format decât AAAA-LL-ZZ")
		}
		return d, nil
	case models.TypeBool:
		switch strings.ToLower(s) {
		case "true", "1", "da", "yes":
			return true, nil
		case "false", "0", "nu", "no":
			return false, nil
		}
		return nil, errors.New("se așteaptă true sau false")
	case models.TypeCPV:
		c, err := models.ParseCPV(s)
		if err != nil {
			return nil, err
		}
		return c.String(), nil
	case models.TypeFunc, models.TypeEcon:
		return models.NormalizeCode(s)
	case models.TypeEnum:
		return matchEnum(f.Enum, s)
	}
	return nil, errors.New("tip de câmp necunoscut " + string(f.Type))
}

// parseAmount reads a canonical amount: optional minus, digits, optionally a
// point and one or two decimals. A comma, or three digits after the point
// (1.234: a thousands separator?), is refused rather than guessed.
func parseAmount(s string) (models.Amount, error) {
	neg := false
	if s[0] == '-' {
		neg, s = true, s[1:]
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if strings.ContainsRune(s, ',') {
		return 0, errors.New("sumă cu virgulă: formatul canonic cere punct zecimal, fără separator de mii")
	}
	if intPart == "" || (hasPoint && (frac == "" || len(frac) > 2)) {
		if len(frac) == 3 {
			return 0, errors.New("sumă cu trei cifre după punct: separator de mii în loc de zecimale?")
		}
		return 0, errors.New("nu este o sumă (se așteaptă de forma 1234567.89)")
	}
	var v int64
	for i := 0; i < len(intPart); i++ {
		c := intPart[i]
		if c < '0' || c > '9' {
			return 0, errors.New("nu este o sumă (se așteaptă de forma 1234567.89)")
		}
		if v > (1<<63-1)/1000 {
			return 0, errors.New("sumă prea mare")
		}
		v = v*10 + int64(c-'0')
	}
	v *= 100
	for i, m := 0, int64(10); i < len(frac); i, m = i+1, m/10 {
		c := frac[i]
		if c < '0' || c > '9' {
			return 0, errors.New("nu este o sumă (se așteaptă de forma 1234567.89)")
		}
		v += int64(c-'0') * m
	}
	if neg {
		v = -v
	}
	return models.Amount(v), nil
}

// matchEnum accepts a value of the list, also written without diacritics or in
// another case ("ghiseu", "In executie"), and returns the canonical spelling.
func matchEnum(allowed []string, s string) (string, error) {
	for _, a := range allowed {
		if a == s {
			return a, nil
		}
	}
	k := foldRomanian(s)
	for _, a := range allowed {
		if foldRomanian(a) == k {
			return a, nil
		}
	}
	return "", errors.New("valoare necunoscută; se acceptă: " + strings.Join(allowed, ", "))
}

var romanianFold = strings.NewReplacer(
	"ă", "a", "â", "a", "î", "i", "ș", "s", "ş", "s", "ț", "t", "ţ", "t",
	"Ă", "a", "Â", "a", "Î", "i", "Ș", "s", "Ş", "s", "Ț", "t", "Ţ", "t",
)

// foldRomanian lowers s and strips Romanian diacritics (both the comma-below
// and the legacy cedilla forms) for tolerant comparisons.
func foldRomanian(s string) string {
	return strings.ToLower(romanianFold.Replace(strings.TrimSpace(s)))
}
