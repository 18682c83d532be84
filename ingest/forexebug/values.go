package forexebug

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// amountParser reads the amounts of one file. The Treasury's XML writes
// machine numbers ("653495.5"); files touched by people or exported with a
// Romanian locale write "653.495,50" or "653495,5". The decimal separator is
// detected value by value and remembered for the file: a value with both
// separators, or with one separator followed by one or two digits, shows which
// one is decimal; a lone separator followed by exactly three digits ("1.234")
// is ambiguous until then and is refused with a reason rather than guessed.
type amountParser struct {
	decimal byte // '.' or ',' once learned; 0 before
}

// parse reads s as lei and returns bani. machine is true for the raw value of
// a numeric spreadsheet cell: a plain decimal (possibly with an exponent and
// the long tail of a binary float), rounded half away from zero to bani.
func (p *amountParser) parse(s string, machine bool) (models.Amount, error) {
	t := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\'' {
			return -1
		}
		return r
	}, s)
	if t == "" {
		return 0, errors.New("sumă lipsă")
	}
	neg := false
	if rest, ok := strings.CutPrefix(t, "-"); ok {
		neg, t = true, rest
	} else if rest, ok := strings.CutPrefix(t, "\u2212"); ok {
		neg, t = true, rest
	} else {
		t = strings.TrimPrefix(t, "+")
	}
	if machine && isMachineNumber(t) {
		a, err := roundDecimal(t)
		if err != nil {
			return 0, err
		}
		if neg {
			a = -a
		}
		return a, nil
	}
	for _, r := range t {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return 0, errors.New("nu este o sumă (se așteaptă cifre, cu punct sau virgulă zecimală)")
		}
	}
	dots, commas := strings.Count(t, "."), strings.Count(t, ",")
	var intPart, frac string
	var thousands byte
	switch {
	case dots == 0 && commas == 0:
		intPart = t
	case dots > 0 && commas > 0:
		dec := byte('.')
		if strings.LastIndexByte(t, ',') > strings.LastIndexByte(t, '.') {
			dec = ','
		}
		thousands = other(dec)
		if strings.Count(t, string(dec)) > 1 {
			return 0, fmt.Errorf("sumă cu mai multe separatoare zecimale %q", string(dec))
		}
		i := strings.LastIndexByte(t, dec)
		intPart, frac = t[:i], t[i+1:]
		if len(frac) == 0 || len(frac) > 2 {
			return 0, errors.New("sumă cu separator de mii și cu alt număr de zecimale decât 1 sau 2")
		}
		p.decimal = dec
	default:
		sep := byte('.')
		if commas > 0 {
			sep = ','
		}
		n := dots + commas
		i := strings.LastIndexByte(t, sep)
		after := len(t) - i - 1
		switch {
		case n > 1:
			intPart, thousands = t, sep // 1.234.567: grouping only
		case after == 0 || i == 0:
			return 0, errors.New("nu este o sumă (separator la început sau la sfârșit)")
		case after <= 2:
			intPart, frac = t[:i], t[i+1:]
			p.decimal = sep
		case after == 3 && p.decimal == 0:
			return 0, fmt.Errorf("sumă ambiguă: %q poate avea separator de mii sau trei zecimale, iar fișierul nu a arătat încă separatorul zecimal", t)
		case after == 3 && p.decimal != sep:
			intPart, thousands = t, sep
		default: // more than two decimals with the decimal separator of the file
			intPart, frac = t[:i], t[i+1:]
		}
	}
	if thousands != 0 {
		groups := strings.Split(intPart, string(thousands))
		for i, g := range groups {
			if (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, fmt.Errorf("sumă cu grupe de mii greșite: %q", t)
			}
		}
		intPart = strings.Join(groups, "")
	}
	if intPart == "" {
		intPart = "0"
	}
	a, err := roundDecimal(intPart + "." + frac)
	if err != nil {
		return 0, err
	}
	if neg {
		a = -a
	}
	return a, nil
}

func other(sep byte) byte {
	if sep == '.' {
		return ','
	}
	return '.'
}

// isMachineNumber reports whether s is a plain decimal with an optional
// exponent: "12", "12.5", "1.2345E+7".
func isMachineNumber(s string) bool {
	mant, exp, hasExp := strings.Cut(strings.ToUpper(s), "E")
	if hasExp {
		exp = strings.TrimLeft(exp, "+-")
		if exp == "" || len(exp) > 2 || strings.Trim(exp, "0123456789") != "" {
			return false // a huge exponent is no amount, and would cost a huge power of ten
		}
	}
	i, f, _ := strings.Cut(mant, ".")
	return i != "" && strings.Trim(i, "0123456789") == "" && strings.Trim(f, "0123456789") == ""
}

// roundDecimal converts a decimal string (digits, optional point and
// exponent) to bani, rounding half away from zero, without binary floats.
func roundDecimal(s string) (models.Amount, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSuffix(s, "."))
	if !ok {
		return 0, errors.New("nu este o sumă")
	}
	r.Mul(r, big.NewRat(100, 1))
	num, den := r.Num(), r.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if new(big.Int).Mul(m, big.NewInt(2)).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() || q.Int64() > 1<<53 {
		return 0, errors.New("sumă prea mare")
	}
	return models.Amount(q.Int64()), nil
}

// Month abbreviations: the Treasury writes English ones (31-JAN-2025);
// Romanian ones are accepted too.
var romanianMonths = strings.NewReplacer("IAN", "JAN", "MAI", "MAY", "IUN", "JUN", "IUL", "JUL", "NOI", "NOV")

// parseReportDate reads P_ZI: "31-JAN-2025", "31-JAN-25" (Oracle's default),
// "31.01.2025", "2025-01-31" (with or without a time), or, when serial is
// true, an Excel serial day number.
func parseReportDate(s string, serial bool) (time.Time, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return time.Time{}, errors.New("data lipsește")
	}
	if serial {
		if f, err := strconv.ParseFloat(t, 64); err == nil && f > 1 && f < 2958466 {
			return models.Date(1899, time.December, 30).AddDate(0, 0, int(f)), nil
		}
	}
	up := romanianMonths.Replace(strings.ToUpper(t))
	if len(up) > 10 && up[4] == '-' && (up[10] == 'T' || up[10] == ' ') {
		up = up[:10]
	}
	for _, layout := range []string{"02-Jan-2006", "2-Jan-2006", "02-Jan-06", "2-Jan-06", "02.01.2006", "2.1.2006", "2006-01-02", "02/01/2006"} {
		if d, err := time.Parse(layout, up); err == nil {
			return models.Date(d.Year(), d.Month(), d.Day()), nil
		}
	}
	return time.Time{}, fmt.Errorf("data %q nu este în formatul 31-JAN-2025, 31.01.2025 sau 2025-01-31", t)
}

// fundingLetter reads SURSA_FINANTARE: "A-Integral de la buget", "A - ...",
// "A". The letter must be one of models.FundingSources.
func fundingLetter(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", errors.New("sursa de finanțare lipsește")
	}
	letter := t
	if i := strings.IndexAny(t, "-–—. "); i >= 0 {
		letter = strings.TrimSpace(t[:i])
	}
	letter = strings.ToUpper(letter)
	if _, ok := models.FundingSources[letter]; !ok || len(letter) != 1 {
		return "", fmt.Errorf("sursa de finanțare %q nu începe cu o literă A–G urmată de „-”", t)
	}
	return letter, nil
}

// isZeroCode reports whether a code cell is empty or only zeros: the
// Treasury's totals have no code or "0"/"000000".
func isZeroCode(s string) bool {
	t := strings.TrimSpace(s)
	return strings.Trim(t, "0. ") == ""
}

// functionalCode writes the Treasury's functional code in the notation of
// the catalogue and the demo (see the package documentation).
func functionalCode(raw string, kind models.BudgetKind, funding string) (string, error) {
	c, err := models.NormalizeCode(raw)
	if err != nil {
		return "", err
	}
	g := strings.Split(c, ".")
	if len(g) >= 4 && (g[1] == models.BudgetLocal || g[1] == models.BudgetOwnRevenue) {
		return c, nil // already in budget notation, as a spreadsheet may have it
	}
	budget := models.BudgetLocal
	if kind == models.Revenue && (funding == "E" || funding == "F" || funding == "G") {
		budget = models.BudgetOwnRevenue
	}
	return models.BudgetFunctionalCode(c, budget)
}

// economicCode writes the Treasury's economic code as the catalogue does:
// "200200" is "20.02", "100101" is "10.01.01" (trailing "00" groups mean none).
func economicCode(raw string) (string, error) {
	c, err := models.NormalizeCode(raw)
	if err != nil {
		return "", err
	}
	for strings.HasSuffix(c, ".00") {
		c = strings.TrimSuffix(c, ".00")
	}
	return c, nil
}

// generalGroups returns the groups of a Treasury code without the trailing
// "00" groups: "510000" gives ["51"], "650401" gives ["65" "04" "01"].
func generalGroups(raw string) []string {
	c, err := models.NormalizeCode(raw)
	if err != nil {
		return nil
	}
	g := strings.Split(c, ".")
	for len(g) > 1 && g[len(g)-1] == "00" {
		g = g[:len(g)-1]
	}
	return g
}

// chaptersWithSubchapters are the functional chapters the catalogue splits
// into subchapters: a row of such a chapter without a subchapter ("510000")
// is the chapter's total. Chapters without subchapters (55 Tranzacții privind
// datoria publică) are booked on the chapter itself.
var chaptersWithSubchapters = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range models.FunctionalCatalogue() {
		if c.Level == 2 {
			m[c.Code[:2]] = true
		}
	}
	return m
})

// isTotalLabel reports whether a name or label marks a total row: "TOTAL
// CHELTUIELI:", "510103 TOTAL pentru sursa de finantare: A-...".
func isTotalLabel(s string) bool {
	f := ingest.FoldRomanian(s)
	return strings.HasPrefix(f, "total") || strings.Contains(f, "total pentru") || strings.Contains(f, "total:")
}

// Investment subsidies of chapter 42 (local budget subchapters) that finance
// the development section: programmes of multiannual environmental
// investments (13), thermal rehabilitation (16), EU-funded projects (20, 39,
// 69, 70), EEA co-financing (60, 75), the national programmes of local
// development PNDL (65) and Anghel Saligny (87), and the PNRR subsidies
// (88, 89).
var developmentSubsidies = map[string]bool{"13": true, "16": true, "20": true, "39": true, "60": true, "65": true, "69": true, "70": true, "75": true, "87": true, "88": true, "89": true}

// section derives funcționare/dezvoltare for a line without an explicit
// section (see the package documentation for the rule and its limits).
// fgen and egen are the general groups of the functional and economic codes;
// names are the Treasury's names of the codes on the row.
func section(kind models.BudgetKind, fgen, egen []string, names ...string) models.Section {
	if kind == models.Revenue && len(fgen) > 1 && fgen[0] == "37" {
		// Vărsămintele din secțiunea de funcționare: 37.03 is their negative
		// side in funcționare, 37.04 the positive side in dezvoltare. Both
		// names speak of both sections, so the code decides.
		switch fgen[1] {
		case "03":
			return models.Operating
		case "04":
			return models.Development
		}
	}
	for _, n := range names {
		f := ingest.FoldRomanian(n)
		switch {
		case strings.Contains(f, "de dezvoltare") && (strings.Contains(f, "sectiun") || strings.Contains(f, "dezvoltare a bugetului")):
			return models.Development
		case strings.Contains(f, "de functionare") && strings.Contains(f, "sectiun"):
			return models.Operating
		}
	}
	if kind == models.Expense {
		if len(egen) == 0 {
			return models.Operating
		}
		switch egen[0] {
		case "56", "58", "60", "61", "70", "71", "72":
			return models.Development
		case "51":
			if len(egen) > 1 && egen[1] == "02" { // 51.02 Transferuri de capital
				return models.Development
			}
		}
		return models.Operating
	}
	if len(fgen) == 0 {
		return models.Operating
	}
	switch fgen[0] {
	case "39", "45", "46", "48": // venituri din capital; sume de la UE
		return models.Development
	case "40":
		if len(fgen) > 1 && (fgen[1] == "13" || fgen[1] == "14") {
			return models.Development
		}
		if len(fgen) > 2 && fgen[1] == "15" && fgen[2] == "02" {
			return models.Development
		}
	case "42":
		if len(fgen) > 1 && developmentSubsidies[fgen[1]] {
			return models.Development
		}
	case "43":
		if len(fgen) > 1 && (fgen[1] == "14" || fgen[1] == "19" || fgen[1] == "44") {
			return models.Development
		}
	}
	return models.Operating
}

// explicitSection reads a section element ("Secțiunea de dezvoltare", "F", ...).
func explicitSection(s string) (models.Section, error) {
	f := ingest.FoldRomanian(s)
	switch {
	case strings.Contains(f, "dezvolt") || f == "d":
		return models.Development, nil
	case strings.Contains(f, "functionar") || f == "f":
		return models.Operating, nil
	}
	return "", fmt.Errorf("secțiunea %q nu este „funcționare” sau „dezvoltare”", strings.TrimSpace(s))
}

// budgetKind reads CATEG_CONT (vn, ch) or TIP_CLASIF (Venit, Cheltuiala).
func budgetKind(s string) (models.BudgetKind, bool) {
	switch ingest.FoldRomanian(s) {
	case "vn", "v", "venit", "venituri":
		return models.Revenue, true
	case "ch", "c", "cheltuiala", "cheltuieli":
		return models.Expense, true
	}
	return "", false
}

// numericCode gives back the leading zero that a spreadsheet drops when a
// code is stored as a number: 31800 is "031800".
func numericCode(s string) string {
	t := strings.TrimSpace(s)
	if len(t)%2 == 1 && strings.Trim(t, "0123456789") == "" {
		return "0" + t
	}
	return t
}
