package ingest

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// parseValue turns one canonical cell into the typed value of its field,
// with the rules of package rules (docs/mapping.md): amounts and integers in
// machine notation (1234567.89), dates in ISO notation, codes, enums with or
// without diacritics. An empty cell is nil. The reason of an error is a
// Romanian sentence that says what is wrong and what was expected.
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
		return rules.FiscalCode(s)
	case models.TypeInt:
		return rules.Integer(s)
	case models.TypeAmount:
		d, err := rules.MachineNumber(s)
		if err != nil && !errors.Is(err, rules.ErrTooLarge) {
			err = errors.New("nu este o sumă (se așteaptă de forma 1234567.89)")
		}
		if err != nil {
			return nil, err
		}
		return d.Amount(1)
	case models.TypeDate:
		return rules.Date(s, []string{rules.DatesISO})
	case models.TypeBool:
		return rules.Bool(s)
	case models.TypeCPV:
		return rules.CPV(s)
	case models.TypeFunc, models.TypeEcon:
		return models.NormalizeCode(s)
	case models.TypeEnum:
		return rules.Enum(f.Enum, s)
	}
	return nil, errors.New("tip de câmp necunoscut " + string(f.Type))
}
