package sicap

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/ingest"
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

// amountColumn reads the amounts of one column. Exports of the API write JSON
// numbers (a decimal point, no grouping); the open-data files were written by
// spreadsheets with either convention. A value that shows its decimal
// separator (1.234,56, 1234,5, 1.234.567) teaches the column its convention;
// a value that does not (1.234 or 1,234: thousands or three decimals?) is
// read with what the column learnt, and refused while it has learnt nothing
// or has seen both conventions. Nothing is guessed.
type amountColumn struct {
	fixed   bool // the separator is known from the shape: '.' and no grouping
	decimal byte // '.' or ',' once known, 0 before
	mixed   bool // both conventions seen: ambiguous values are refused
}

var (
	errAmountShape = errors.New("nu este o sumă (se așteaptă de forma 1234567.89, 1.234.567,89 sau 1234567,89)")
	errAmbiguous   = errors.New("sumă ambiguă: separatorul poate fi de mii sau zecimal și coloana nu arată încă ce convenție folosește")
	errDecimals    = errors.New("sumă cu mai mult de două zecimale")
	errTooLarge    = errors.New("sumă prea mare")
)

func (c *amountColumn) learn(dec byte) {
	switch {
	case c.fixed || c.mixed:
	case c.decimal == 0:
		c.decimal = dec
	case c.decimal != dec:
		c.mixed = true
	}
}

// parse reads one amount in lei (or in the row's currency) into bani.
func (c *amountColumn) parse(cell string) (models.Amount, error) {
	s := strings.TrimSpace(cell)
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, strings.TrimSpace(s[1:])
	}
	if s == "" {
		return 0, errAmountShape
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == ',') {
			return 0, errAmountShape
		}
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	var intPart, frac string
	var group byte // the thousands separator, 0 when none
	switch {
	case c.fixed:
		if commas > 0 || dots > 1 {
			return 0, errors.New("sumă cu separatori de mii sau virgulă într-un export al API-ului, care scrie 1234567.89")
		}
		intPart, frac, _ = strings.Cut(s, ".")
	case dots > 0 && commas > 0:
		dec := byte('.')
		if strings.LastIndexByte(s, ',') > strings.LastIndexByte(s, '.') {
			dec = ','
		}
		group = other(dec)
		if strings.Count(s, string(dec)) != 1 {
			return 0, errAmountShape
		}
		intPart, frac, _ = strings.Cut(s, string(dec))
		c.learn(dec)
	case dots+commas == 0:
		intPart = s
	case dots > 1 || commas > 1:
		group = '.'
		if commas > 1 {
			group = ','
		}
		intPart = s
		c.learn(other(group))
	default: // a single separator
		sep := byte('.')
		if commas == 1 {
			sep = ','
		}
		i, f, _ := strings.Cut(s, string(sep))
		if len(f) != 3 {
			intPart, frac = i, f
			c.learn(sep)
			break
		}
		switch {
		case c.mixed || c.decimal == 0:
			return 0, errAmbiguous
		case c.decimal == sep:
			intPart, frac = i, f
		default:
			intPart, group = s, sep
		}
	}
	if group != 0 {
		parts := strings.Split(intPart, string(group))
		if len(parts[0]) == 0 || len(parts[0]) > 3 {
			return 0, errAmountShape
		}
		for _, p := range parts[1:] {
			if len(p) != 3 {
				return 0, errors.New("sumă cu grupe de cifre greșite: după separatorul de mii urmează exact trei cifre")
			}
		}
		intPart = strings.Join(parts, "")
	}
	if intPart == "" || strings.ContainsAny(intPart, ".,") || strings.ContainsAny(frac, ".,") {
		return 0, errAmountShape
	}
	// Decimals past the second are only tolerated as zeros (105000.000).
	if len(frac) > 2 {
		if strings.Trim(frac[2:], "0") != "" {
			return 0, errDecimals
		}
		frac = frac[:2]
	}
	if len(intPart) > 16 {
		return 0, errTooLarge
	}
	v, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return 0, errAmountShape
	}
	v *= 100
	if len(frac) > 0 {
		f, err := strconv.Atoi((frac + "0")[:2])
		if err != nil {
			return 0, errAmountShape
		}
		v += int64(f)
	}
	if neg {
		v = -v
	}
	return models.Amount(v), nil
}

func other(sep byte) byte {
	if sep == '.' {
		return ','
	}
	return '.'
}

// parseDate reads the day of a date written 2024-11-01, 2024-11-01T10:12:33
// (with fractions or a zone: the day as written is kept), 01.11.2024 or
// 01-11-2024, each optionally followed by a time of day.
func parseDate(cell string) (time.Time, error) {
	s := strings.TrimSpace(cell)
	day, clock := s, ""
	if i := strings.IndexAny(s, "T "); i >= 0 {
		day, clock = s[:i], strings.TrimSpace(s[i+1:])
	}
	bad := errors.New("dată imposibilă sau în alt format decât AAAA-LL-ZZ sau ZZ.LL.AAAA")
	if len(clock) > 32 || strings.Trim(clock, "0123456789:.+-Z") != "" {
		return time.Time{}, bad
	}
	var d time.Time
	var err error
	switch {
	case len(day) == 10 && day[4] == '-':
		d, err = time.Parse(time.DateOnly, day)
	case strings.Count(day, ".") == 2:
		d, err = time.Parse("2.1.2006", day)
	case strings.Count(day, "-") == 2:
		d, err = time.Parse("2-1-2006", day)
	default:
		return time.Time{}, bad
	}
	if err != nil {
		return time.Time{}, bad
	}
	if d.Year() < 1990 || d.Year() > 2100 {
		return time.Time{}, errors.New("dată în afara intervalului 1990–2100")
	}
	return d, nil
}

// parseBool reads a yes/no cell: DA/NU, true/false, 1/0. Flattened API
// exports join the values of several lots with commas: the purchase is
// EU funded when one of its lots is.
func parseBool(cell string) (bool, error) {
	yes := false
	for _, part := range strings.Split(cell, ",") {
		switch ingest.FoldRomanian(part) {
		case "da", "true", "1", "yes", "y":
			yes = true
		case "nu", "false", "0", "no", "n":
		default:
			return false, errors.New("se așteaptă DA sau NU")
		}
	}
	return yes, nil
}

// euFundNamed reads the name of the European fund a purchase is paid from:
// SICAP shows "-" when the authority named none.
func euFundNamed(cell string) bool {
	s := ingest.FoldRomanian(cell)
	switch s {
	case "-", "nu", "niciunul", "nu este cazul", "false", "0":
		return false
	}
	return s != ""
}

// normalizeSupplierCode tidies a supplier's fiscal code: spaces and the RO
// VAT prefix go; anything else (a foreign code, a registration number) stays
// as written, since suppliers are not only Romanian companies.
func normalizeSupplierCode(s string) string {
	c := strings.Join(strings.Fields(s), "")
	if u := strings.ToUpper(c); strings.HasPrefix(u, "RO") && len(u) > 2 && u[2] >= '0' && u[2] <= '9' {
		c = c[2:]
	}
	return c
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
	f := ingest.FoldRomanian(s)
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		if c := f[i]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b)
}

// normHeader folds a header for matching aliases: lower case, no diacritics,
// only letters, digits and dots.
func normHeader(s string) string {
	f := ingest.FoldRomanian(strings.TrimPrefix(s, "\ufeff"))
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		if c := f[i]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' {
			b = append(b, c)
		}
	}
	return string(b)
}
