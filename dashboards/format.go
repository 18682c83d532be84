package dashboards

import (
	"math"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the site shows times in Romanian time on any system

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

// FormatBytes writes a file's size in decimal units with one decimal: 788 B,
// 12,3 kB, 4,1 MB, 1,2 GB (ro); 4.1 MB (en).
func FormatBytes(lang string, n int64) string {
	if n < 1000 {
		return FormatCount(lang, n) + " B"
	}
	_, dec := seps(lang)
	units := []string{"kB", "MB", "GB", "TB"}
	div, unit := int64(1000), 0
	for unit < len(units)-1 && n >= div*1000 {
		div, unit = div*1000, unit+1
	}
	tenths := RoundDiv(n*10, div)
	if tenths >= 10_000 && unit < len(units)-1 { // 999.95 kB rounds to 1,000.0 kB: 1,0 MB
		div, unit = div*1000, unit+1
		tenths = RoundDiv(n*10, div)
	}
	return FormatCount(lang, tenths/10) + string(dec) + string(byte('0'+tenths%10)) + " " + units[unit]
}

// FormatLei writes an amount of money: 1.234.567,89 lei (ro), 1,234,567.89 lei (en).
func FormatLei(lang string, a models.Amount) string {
	return formatFixed2(lang, int64(a)) + " lei"
}

// FormatEUR writes an amount in euro cents: 1.234,56 EUR (ro), 1,234.56
// EUR (en).
func FormatEUR(lang string, a models.Amount) string {
	return formatFixed2(lang, int64(a)) + " EUR"
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

// Format writes the ratio as a percentage with one decimal: 87,3 % (ro),
// 87.3% (en). A share that is not zero but rounds to 0,0 % is "< 0,1 %"
// ("> −0,1 %" below zero): a small amount is never shown as nothing.
func (r Ratio) Format(lang string) string {
	if !r.Valid() {
		return "–"
	}
	return formatTenths(lang, RoundDiv(r.Num*1000, r.Den), r.Num != 0 && (r.Num < 0) == (r.Den < 0), r.Num != 0 && (r.Num < 0) != (r.Den < 0))
}

// formatTenths writes tenths of a percent; pos and neg say the exact value
// is above or below zero, so that one rounding to 0 shows as "< 0,1 %".
func formatTenths(lang string, tenths int64, pos, neg bool) string {
	th, dec := seps(lang)
	unit := " %"
	if lang == EN {
		unit = "%"
	}
	switch {
	case tenths == 0 && pos:
		return "< 0" + string(dec) + "1" + unit
	case tenths == 0 && neg:
		return "> " + Minus + "0" + string(dec) + "1" + unit
	}
	u, sign := abs64(tenths)
	return sign + groupDigits(u/10, th) + string(dec) + strconv.FormatUint(u%10, 10) + unit
}

// Minus is the minus sign of changes (U+2212), not the hyphen.
const Minus = "\u2212"

// FormatChange writes a change as a signed percentage with one decimal:
// +3,2 %, −22,9 %, 0,0 %; a change that rounds to zero but is not is
// "< +0,1 %" or "> −0,1 %"; "–" when there is nothing to compare with.
func FormatChange(lang string, r Ratio) string {
	if !r.Valid() {
		return "–"
	}
	s := r.Format(lang)
	switch {
	case strings.HasPrefix(s, "-"):
		return Minus + s[1:]
	case strings.HasPrefix(s, "< "):
		return "< +" + s[2:]
	case r.Num != 0 && !strings.HasPrefix(s, ">"):
		return "+" + s
	}
	return s
}

// FormatPointsChange writes the change between two shares in percentage
// points with one decimal: +4,7 p.p. (ro), −4.7 pp (en), 0,0 p.p.; "–" when
// a share has no denominator.
func FormatPointsChange(lang string, now, before Ratio) string {
	if !now.Valid() || !before.Valid() {
		return "–"
	}
	d := float64(now.Num)/float64(now.Den) - float64(before.Num)/float64(before.Den)
	tenths := int64(math.Round(d * 1000))
	s := strings.TrimSuffix(strings.TrimSuffix(formatTenths(lang, tenths, d > 0, d < 0), " %"), "%")
	switch {
	case strings.HasPrefix(s, "-"):
		s = Minus + s[1:]
	case strings.HasPrefix(s, "< "):
		s = "< +" + s[2:]
	case tenths > 0:
		s = "+" + s
	}
	if lang == EN {
		return s + " pp"
	}
	return s + " p.p."
}

// FormatPercentBasis writes hundredths of a percent (8082) as a percentage
// with one decimal, like every other percentage: 80,8 % / 80.8%.
func FormatPercentBasis(lang string, basis int64) string {
	return formatTenths(lang, RoundDiv(basis, 10), basis > 0, basis < 0)
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

// FormatDays writes a number of days: 1 zi, 12 zile, 20 de zile (ro); 1 day,
// 12 days (en).
func FormatDays(lang string, n int64) string {
	if lang == EN {
		return CountNoun(lang, n, "day", "days")
	}
	return CountNoun(lang, n, "zi", "zile")
}

// CountNoun writes a count before its noun, one or many being the noun's
// forms in lang: 1 locuitor, 19 locuitori, 245.137 de locuitori (ro); 1
// inhabitant, 3 inhabitants (en). Romanian puts "de" between a number whose
// last two digits are 20 or more (or 00, from 100) and its noun: 20 de
// zile, 112 zile, 120 de zile, 1.000 de contracte.
func CountNoun(lang string, n int64, one, many string) string {
	s := FormatCount(lang, n)
	switch {
	case n == 1 || n == -1:
		return s + " " + one
	case lang != EN && models.NeedsDe(n):
		return s + " de " + many
	}
	return s + " " + many
}

var monthsShortRO = []string{"ian.", "feb.", "mar.", "apr.", "mai", "iun.", "iul.", "aug.", "sept.", "oct.", "nov.", "dec."}

// MonthShort is the abbreviated name of month m: ian., oct. (ro); Jan, Oct (en).
func MonthShort(lang string, m int) string {
	if m < 1 || m > 12 {
		return strconv.Itoa(m)
	}
	if lang == EN {
		return monthsEN[m-1][:3]
	}
	return monthsShortRO[m-1]
}

// FormatMonth writes a month of a year: octombrie 2026 (ro), October 2026 (en).
func FormatMonth(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return MonthName(lang, int(t.Month())) + " " + strconv.Itoa(t.Year())
}

// bucharest is the time zone the site shows times in; UTC if the system
// has no zone database (time/tzdata is embedded, so it always has).
var bucharest = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Bucharest"); err == nil {
		return l
	}
	return time.UTC
}()

// FormatDateTime writes a moment in Romanian time: 01.12.2026, 07:46 (ro),
// 1 Dec 2026, 07:46 (en); "–" when zero.
func FormatDateTime(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	t = t.In(bucharest)
	return FormatDate(lang, t) + ", " + t.Format("15:04")
}

// FormatPopulation writes a population with the year it is of, as every
// page shows it (models.Entity.PopulationIn): 251.236 de locuitori (2021)
// (ro), 251,236 inhabitants (2021) (en); "–" when unknown.
func FormatPopulation(lang string, people int64, year int) string {
	if people <= 0 {
		return "–"
	}
	if lang == EN {
		return CountNoun(lang, people, "inhabitant", "inhabitants") + " (" + strconv.Itoa(year) + ")"
	}
	return CountNoun(lang, people, "locuitor", "locuitori") + " (" + strconv.Itoa(year) + ")"
}

// PerCapita divides an amount by a population, rounding half up to the ban.
func PerCapita(a models.Amount, population int64) models.Amount {
	if population <= 0 {
		return 0
	}
	return models.Amount(RoundDiv(int64(a), population))
}
