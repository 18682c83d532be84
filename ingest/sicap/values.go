package sicap

import (
	"errors"
	"strings"
	"time"

	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// missingCell reports whether a cell says "no value": exports flattened with
// R or pandas write NA or null for a missing field.
func missingCell(s string) bool {
	switch s {
	case "", "NA", "N/A", "null", "NULL", "None":
		return true
	}
	return false
}

// amount reads one amount in lei (or in the row's currency) into bani, with
// the rules of package rules. Exports of the API write JSON numbers (machine
// notation, numbers ""): a decimal point, no grouping. The open-data files
// were written by spreadsheets with either convention: numbers is what the
// head of the file shows (rules.NotationOf), and when it shows nothing
// clear, auto, where an ambiguous 1.234 is refused, not guessed.
func amount(cell, numbers string) (models.Amount, error) {
	s := strings.TrimSpace(cell)
	var (
		d   rules.Decimal
		err error
	)
	if numbers == "" {
		if d, err = rules.MachineNumber(s); err != nil && !errors.Is(err, rules.ErrTooLarge) {
			err = errors.New("nu este o sumă: un export al API-ului scrie 1234567.89, fără separatori de mii sau virgulă")
		}
	} else {
		d, err = rules.Number(s, numbers)
	}
	if err != nil {
		return 0, err
	}
	return d.Amount(1)
}

// parseDate reads the day of a date written 2024-11-01, 2024-11-01T10:12:33
// (with fractions or a zone: the day as written is kept), 01.11.2024 or
// 01-11-2024, each optionally followed by a time of day (rules.Date), and
// refuses a day outside 1990–2100, which no SICAP export has.
func parseDate(cell string) (time.Time, error) {
	d, err := rules.Date(cell, []string{rules.DatesISO, rules.DatesDMY})
	if err != nil {
		return time.Time{}, err
	}
	if d.Year() < 1990 || d.Year() > 2100 {
		return time.Time{}, errors.New("dată în afara intervalului 1990–2100")
	}
	return d, nil
}

// parseBool reads a yes/no cell (rules.Bool). Flattened API exports join
// the values of several lots with commas: the purchase is EU funded when one
// of its lots is.
func parseBool(cell string) (bool, error) {
	yes := false
	for _, part := range strings.Split(cell, ",") {
		b, err := rules.Bool(part)
		if err != nil {
			return false, err
		}
		yes = yes || b
	}
	return yes, nil
}

// euFundNamed reads the name of the European fund a purchase is paid from:
// SICAP shows "-" when the authority named none.
func euFundNamed(cell string) bool {
	s := rules.Fold(cell)
	switch s {
	case "-", "nu", "niciunul", "nu este cazul", "false", "0":
		return false
	}
	return s != ""
}

// splitNameAndCUI splits the API's "4267117 - MUNICIPIUL TIMISOARA" into the
// fiscal code and the name.
func splitNameAndCUI(s string) (cui, name string, ok bool) {
	code, rest, found := strings.Cut(s, "-")
	code = strings.TrimSpace(code)
	if !found || code == "" {
		return "", "", false
	}
	return code, strings.TrimSpace(rest), true
}

// contractTypeOf maps the way a contract was concluded to its kind.
func contractTypeOf(cell string) (models.ContractKind, error) {
	k := compact(cell)
	switch {
	case k == "":
		return models.ProcedureAward, nil
	case strings.Contains(k, "subsecvent"):
		return models.CallOff, nil
	case strings.Contains(k, "acordcadru") || strings.Contains(k, "acorduricadru"):
		return models.FrameworkAgreement, nil
	case strings.HasPrefix(k, "contract") || k == "comanda" || strings.Contains(k, "sistemdinamic"):
		return models.ProcedureAward, nil
	}
	return "", errors.New("tip de încheiere necunoscut; se acceptă: Contract, Acord cadru, Contract subsecvent")
}

// compact folds s and keeps only its letters and digits.
func compact(s string) string {
	f := rules.Fold(s)
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		if c := f[i]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b)
}
