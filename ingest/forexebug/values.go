package forexebug

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// amount reads s as lei and returns bani, with the rules of package rules.
// machine is true for the raw value of a numeric spreadsheet cell: a plain
// decimal (possibly with an exponent and the long tail of a binary float).
// The Treasury's XML writes machine numbers too ("653495.5"), but files
// touched by people or exported with a Romanian locale write "653.495,50" or
// "653495,5": text is read in the notation numbers the head of the file shows
// (xmlNotation), else auto, decided per cell, where a lone separator followed
// by exactly three digits ("1.234") is refused with its reason rather than
// guessed. Decimals past the second are rounded half away from zero.
func amount(s, numbers string, machine bool) (models.Amount, error) {
	t := rules.TrimSpace(s)
	if t == "" {
		return 0, errors.New("sumă lipsă")
	}
	if machine {
		if d, err := rules.MachineNumber(t); err == nil {
			return d.Amount(1)
		}
	}
	d, err := rules.Number(t, numbers)
	if err != nil {
		return 0, err
	}
	return d.Amount(1)
}

// parseReportDate reads P_ZI: "31-JAN-2025", "31-JAN-25" (Oracle's default),
// "31.01.2025", "2025-01-31" (with or without a time), or, when serial is
// true, an Excel serial day number (rules.Date, rules.ExcelSerial).
func parseReportDate(s string, serial bool) (time.Time, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return time.Time{}, errors.New("data lipsește")
	}
	if serial {
		if d, err := rules.ExcelSerial(t); err == nil {
			return d, nil
		}
	}
	return rules.Date(t, []string{rules.DatesOracle, rules.DatesDMY, rules.DatesISO})
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
	f := rules.Fold(s)
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
		f := rules.Fold(n)
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
	f := rules.Fold(s)
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
	switch rules.Fold(s) {
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
