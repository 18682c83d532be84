package public

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// Query is the query string of a page, parsed and checked. Parameter names
// are Romanian and part of the URL contract; a malformed value is an error
// wrapping models.ErrInvalid (a 400 page), unknown names are ignored.
type Query struct {
	Entity       string // entitate: a fiscal code
	Year         int    // an
	Consolidated bool   // vedere=consolidat
	Chapter      string // capitol: "65" (from "65" or "65.02")
	Status       string // stare
	Funding      string // finantare
	Supplier     string // furnizor: text
	CPV          string // cpv: "45" … "45233140-2"
	Procedure    string // procedura
	Min, Max     *models.Amount
	From, To     time.Time // de_la, pana_la
	Page         int       // pagina, from 1
	Values       string    // valori: total or locuitor ("" for the page's default)
	Currency     string    // moneda: lei, eur or lei-2024 ("" for lei)
	Sort         string    // ordine: the procurement list's (sortOrders) or the county table's (countySorts)
}

// Sort orders of the procurement list.
var sortOrders = map[string]models.ContractSort{
	"data_desc":    models.SortDateDesc,
	"data_asc":     models.SortDateAsc,
	"valoare_desc": models.SortValueDesc,
	"valoare_asc":  models.SortValueAsc,
}

var (
	reCUI     = regexp.MustCompile(`^[0-9]{2,10}$`)
	reYear    = regexp.MustCompile(`^[0-9]{4}$`)
	reChapter = regexp.MustCompile(`^([0-9]{2})(\.[0-9]{2})?$`)
	reCPV     = regexp.MustCompile(`^[0-9]{2,8}(-[0-9])?$`)
	reLei     = regexp.MustCompile(`^[0-9]{1,13}([.,][0-9]{1,2})?$`)
	rePage    = regexp.MustCompile(`^[0-9]{1,6}$`)
	// Supplier codes: Romanian CUIs with or without RO, foreign codes.
	reSupplierCUI = regexp.MustCompile(`^[A-Za-z0-9-]{1,32}$`)
)

const maxText = 100

// ParseQuery checks every known parameter of v.
func ParseQuery(v url.Values) (Query, error) {
	var q Query
	get := func(name string) (string, bool) {
		vals, ok := v[name]
		if !ok || len(vals) == 0 {
			return "", false
		}
		return vals[0], true
	}
	bad := func(name, value, reason, en string) error {
		return &dashboards.ParamError{Name: name, Value: value, Reason: reason, ReasonEN: en}
	}
	text := func(name string) (string, error) {
		s, ok := get(name)
		if !ok {
			return "", nil
		}
		if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return "", bad(name, s, "text nevalid", "invalid text")
		}
		if utf8.RuneCountInString(s) > maxText {
			return "", bad(name, s, fmt.Sprintf("cel mult %d de caractere", maxText), fmt.Sprintf("at most %d characters", maxText))
		}
		return strings.TrimSpace(s), nil
	}
	if s, ok := get("entitate"); ok && s != "" {
		if !reCUI.MatchString(s) {
			return q, bad("entitate", s, "codul fiscal are doar cifre", "a fiscal code has digits only")
		}
		q.Entity = s
	}
	if s, ok := get("an"); ok && s != "" {
		y, err := strconv.Atoi(s)
		if !reYear.MatchString(s) || err != nil || y < 1990 || y > 2100 {
			return q, bad("an", s, "anul are patru cifre, între 1990 și 2100", "a year has four digits, from 1990 to 2100")
		}
		q.Year = y
	}
	if s, ok := get("vedere"); ok && s != "" {
		switch s {
		case "entitate":
		case "consolidat":
			q.Consolidated = true
		default:
			return q, bad("vedere", s, "valorile posibile sunt entitate și consolidat", "the possible values are entitate (the institution) and consolidat (consolidated)")
		}
	}
	if s, ok := get("capitol"); ok && s != "" {
		m := reChapter.FindStringSubmatch(s)
		if m == nil {
			return q, bad("capitol", s, "capitolul are două cifre, de exemplu 65", "a chapter has two digits, for example 65")
		}
		q.Chapter = m[1]
	}
	if s, ok := get("stare"); ok && s != "" {
		if !slices.Contains(models.InvestmentStatuses, models.InvestmentStatus(s)) {
			return q, bad("stare", s, "stadiu necunoscut", "unknown status")
		}
		q.Status = s
	}
	if s, ok := get("finantare"); ok && s != "" {
		if !slices.Contains(models.InvestmentFunding, s) {
			return q, bad("finantare", s, "sursă de finanțare necunoscută", "unknown funding source")
		}
		q.Funding = s
	}
	var err error
	if q.Supplier, err = text("furnizor"); err != nil {
		return q, err
	}
	if q.Procedure, err = text("procedura"); err != nil {
		return q, err
	}
	if s, ok := get("cpv"); ok && s != "" {
		if !reCPV.MatchString(s) {
			return q, bad("cpv", s, "codul CPV are între 2 și 8 cifre, de exemplu 45 sau 45233140-2", "a CPV code has 2 to 8 digits, for example 45 or 45233140-2")
		}
		q.CPV = s
	}
	for _, p := range []struct {
		name string
		dst  **models.Amount
	}{{"min", &q.Min}, {"max", &q.Max}} {
		if s, ok := get(p.name); ok && s != "" {
			if !reLei.MatchString(s) {
				return q, bad(p.name, s, "suma se scrie în lei, fără separatori de mii, de exemplu 1000 sau 1000,50", "an amount is written in lei without thousands separators, for example 1000 or 1000.50")
			}
			a := parseLeiParam(s)
			*p.dst = &a
		}
	}
	if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
		return q, bad("min", q.Min.String(), "valoarea minimă depășește valoarea maximă", "the minimum value is above the maximum")
	}
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"de_la", &q.From}, {"pana_la", &q.To}} {
		if s, ok := get(p.name); ok && s != "" {
			t, err := parseDateParam(s)
			if err != nil || t.Year() < 1990 || t.Year() > 2100 {
				return q, bad(p.name, s, "data se scrie ZZ.LL.AAAA (sau AAAA-LL-ZZ) și trebuie să existe în calendar", "a date is written DD.MM.YYYY (or YYYY-MM-DD) and must exist in the calendar")
			}
			*p.dst = t
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.From.After(q.To) {
		return q, bad("de_la", q.From.Format(time.DateOnly), "data de început este după data de sfârșit", "the start date is after the end date")
	}
	if s, ok := get("pagina"); ok && s != "" {
		n, err := strconv.Atoi(s)
		if !rePage.MatchString(s) || err != nil || n < 1 {
			return q, bad("pagina", s, "pagina este un număr de la 1", "a page is a number from 1")
		}
		q.Page = n
	}
	if s, ok := get("valori"); ok && s != "" {
		if s != "total" && s != "locuitor" {
			return q, bad("valori", s, "valorile posibile sunt total și locuitor", "the possible values are total and locuitor (per inhabitant)")
		}
		q.Values = s
	}
	if s, ok := get("moneda"); ok && s != "" {
		if s != currencyLei && s != currencyEUR && s != currencyReal {
			return q, bad("moneda", s, "valorile posibile sunt lei, eur și lei-2024", "the possible values are lei, eur and lei-2024 (lei at 2024 prices)")
		}
		q.Currency = s
	}
	if s, ok := get("ordine"); ok && s != "" {
		if _, ok := sortOrders[s]; !ok && !countySorts[s] {
			return q, bad("ordine", s, "valorile posibile sunt data_desc, data_asc, valoare_desc, valoare_asc (pe pagina județului: "+countySortList()+")",
				"the possible values are data_desc, data_asc, valoare_desc, valoare_asc (on the county page: "+countySortList()+")")
		}
		q.Sort = s
	}
	return q, nil
}

// dateParam is how the forms write a date: the Romanian order, ZZ.LL.AAAA.
const dateParam = "02.01.2006"

// parseDateParam reads a date in either order: 23.11.2026 (also 3.1.2026)
// as people write it, 2026-11-23 as links and older URLs do.
func parseDateParam(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "-") {
		return time.Parse(time.DateOnly, s)
	}
	return time.Parse("2.1.2006", s)
}

// parseLeiParam reads a checked amount ("1000", "1000,5", "1000.50") as bani.
func parseLeiParam(s string) models.Amount {
	whole, frac, _ := strings.Cut(strings.ReplaceAll(s, ",", "."), ".")
	w, _ := strconv.ParseInt(whole, 10, 64)
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			f *= 10
		}
	}
	return models.Amount(w*100 + f)
}

// checkSupplierCUI checks a supplier code from the path.
func checkSupplierCUI(s string) error {
	if !reSupplierCUI.MatchString(s) {
		return &dashboards.ParamError{Name: "furnizor", Value: s, Reason: "codul fiscal are doar litere și cifre", ReasonEN: "a fiscal code has letters and digits only"}
	}
	return nil
}

// checkInvestmentCode checks an objective code from the path.
func checkInvestmentCode(s string) error {
	if s == "" || utf8.RuneCountInString(s) > maxText || !utf8.ValidString(s) ||
		strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return &dashboards.ParamError{Name: "cod", Value: s, Reason: "codul obiectivului nu este valid", ReasonEN: "the project code is not valid"}
	}
	return nil
}
