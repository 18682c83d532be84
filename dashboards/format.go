package dashboards

import (
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// Languages of the site: Romanian first, English on request (/en/...).
const (
	RO = "ro"
	EN = "en"
)

// groupDigits writes the digits of n with a separator every three.
func groupDigits(n uint64, sep byte) string {
	s := strconv.FormatUint(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

func seps(lang string) (thousands, decimal byte) {
	if lang == EN {
		return ',', '.'
	}
	return '.', ','
}

func abs64(n int64) (uint64, string) {
	if n < 0 {
		return uint64(-n), "-"
	}
	return uint64(n), ""
}

// FormatCount writes an integer: 12.345 (ro), 12,345 (en).
func FormatCount(lang string, n int64) string {
	th, _ := seps(lang)
	u, sign := abs64(n)
	return sign + groupDigits(u, th)
}

// FormatLei writes an amount of money: 1.234.567,89 lei (ro), 1,234,567.89 lei (en).
func FormatLei(lang string, a models.Amount) string {
	return formatFixed2(lang, int64(a)) + " lei"
}

// formatFixed2 writes hundredths as a number with two decimals.
func formatFixed2(lang string, hundredths int64) string {
	th, dec := seps(lang)
	u, sign := abs64(hundredths)
	return sign + groupDigits(u/100, th) + string(dec) + string([]byte{byte('0' + u%100/10), byte('0' + u%10)})
}

// FormatLeiShort writes a large amount in millions for chart axes and
// compact tables: 1.234,6 mil. lei (ro), 1,234.6 mil. lei (en).
func FormatLeiShort(lang string, a models.Amount) string {
	tenthsOfMillion := RoundDiv(int64(a), 10_000_000) // bani -> 0.1 million lei
	th, dec := seps(lang)
	u, sign := abs64(tenthsOfMillion)
	unit := " mil. lei"
	if lang == EN {
		unit = " m lei"
	}
	return sign + groupDigits(u/10, th) + string(dec) + strconv.FormatUint(u%10, 10) + unit
}

// RoundDiv divides rounding half away from zero.
func RoundDiv(num, den int64) int64 {
	if den == 0 {
		return 0
	}
	if (num < 0) != (den < 0) {
		return -((abs(num)*2 + abs(den)) / (2 * abs(den)))
	}
	return (abs(num)*2 + abs(den)) / (2 * abs(den))
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// Ratio is a share num/den, kept as integers so that the raw value and the
// formatted one are exact and agree.
type Ratio struct{ Num, Den int64 }

// Valid reports whether the ratio has a denominator.
func (r Ratio) Valid() bool { return r.Den != 0 }

// Raw is the ratio with 4 decimals and a point: 0.8731.
func (r Ratio) Raw() string {
	if !r.Valid() {
		return ""
	}
	v := RoundDiv(r.Num*10_000, r.Den)
	u, sign := abs64(v)
	return sign + strconv.FormatUint(u/10_000, 10) + "." + pad(u%10_000, 4)
}

// Format writes the ratio as a percentage with one decimal: 87,3 % (ro), 87.3% (en).
func (r Ratio) Format(lang string) string {
	if !r.Valid() {
		return "–"
	}
	v := RoundDiv(r.Num*1000, r.Den)
	th, dec := seps(lang)
	u, sign := abs64(v)
	s := sign + groupDigits(u/10, th) + string(dec) + strconv.FormatUint(u%10, 10)
	if lang == EN {
		return s + "%"
	}
	return s + " %"
}

// FormatPercentBasis writes hundredths of a percent (8082) as 80,82 % / 80.82%.
func FormatPercentBasis(lang string, basis int64) string {
	s := formatFixed2(lang, basis)
	if lang == EN {
		return s + "%"
	}
	return s + " %"
}

// RawPercentBasis is 8082 as "80.82".
func RawPercentBasis(basis int64) string { return models.Amount(basis).String() }

func pad(n uint64, width int) string {
	s := strconv.FormatUint(n, 10)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

var monthsRO = []string{"ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"}
var monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// MonthName is the name of month m (1–12).
func MonthName(lang string, m int) string {
	if m < 1 || m > 12 {
		return strconv.Itoa(m)
	}
	if lang == EN {
		return monthsEN[m-1]
	}
	return monthsRO[m-1]
}

// FormatDate writes a date: 23.11.2026 (ro), 23 Nov 2026 (en); "–" when zero.
func FormatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	if lang == EN {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02.01.2006")
}

// FormatDays writes a number of days: 1 zi, 12 zile (ro); 1 day, 12 days (en).
func FormatDays(lang string, n int64) string {
	s := FormatCount(lang, n)
	switch {
	case lang == EN && n == 1:
		return s + " day"
	case lang == EN:
		return s + " days"
	case n == 1:
		return s + " zi"
	case n%100 >= 20 || n%100 == 0 && n != 0:
		// Romanian puts "de" between a number ending in 20–99 (or a
		// multiple of 100) and its noun: 20 de zile, 112 zile, 120 de zile.
		return s + " de zile"
	}
	return s + " zile"
}

// PerCapita divides an amount by a population, rounding half up to the ban.
func PerCapita(a models.Amount, population int64) models.Amount {
	if population <= 0 {
		return 0
	}
	return models.Amount(RoundDiv(int64(a), population))
}
