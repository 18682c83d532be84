package rules

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// Date notations a mapping can name (dates: [...]), tried in order.
const (
	DatesDMY   = "dmy"   // 23.11.2026, 23/11/2026, 23-11-2026, optional time 14:05[:09]
	DatesISO   = "iso"   // 2026-11-23, optional time after a space or T (2026-11-23T14:05:09Z)
	DatesUS    = "us"    // 11/23/2026, optional time 03:04:05 PM
	DatesExcel = "excel" // a serial day number (46349 is 2026-11-23), also with a time fraction

	// DatesOracle is Oracle's default DD-MON-RR (31-JAN-2025, 31-JAN-25), as
	// the Treasury's reports write it; months in English or Romanian
	// abbreviations. A two-digit year follows Oracle's RR rule: 00–49 are
	// 2000–2049, 50–99 are 1950–1999. Readers of such exports ask for it;
	// mappings do not offer it (DateNotations).
	DatesOracle = "dd-mon-rr"
)

// DateNotations lists every notation, in the order the documentation gives.
var DateNotations = []string{DatesDMY, DatesISO, DatesUS, DatesExcel}

var notationShape = map[string]string{
	DatesDMY:    "ZZ.LL.AAAA",
	DatesISO:    "AAAA-LL-ZZ",
	DatesUS:     "LL/ZZ/AAAA",
	DatesExcel:  "număr serial Excel",
	DatesOracle: "ZZ-LUN-AAAA",
}

// errNoShape: the text does not look like the notation at all (the next
// notation is tried and the final reason lists what was expected).
var errNoShape = errors.New("no shape")

// Date reads a calendar date in the first of notations that fits and
// returns it as a UTC day (models.Date); a time of day, when present, is
// checked and dropped, and a time zone is ignored: the day is the one written.
// Impossible dates (30.02.2026), two-digit years and Excel's phantom
// 29 February 1900 (serial 60) are errors with a Romanian reason.
func Date(s string, notations []string) (time.Time, error) {
	s = TrimSpace(s)
	if s == "" {
		return time.Time{}, errors.New("dată lipsă")
	}
	var first error // the reason of the first notation whose shape matched
	for _, n := range notations {
		var (
			t   time.Time
			err error
		)
		switch n {
		case DatesDMY:
			t, err = parseDMY(s, false)
		case DatesUS:
			t, err = parseDMY(s, true)
		case DatesISO:
			t, err = parseISO(s)
		case DatesExcel:
			t, err = excelSerial(s)
		case DatesOracle:
			t, err = parseOracle(s)
		default:
			return time.Time{}, fmt.Errorf("notație de dată necunoscută %q", n)
		}
		if err == nil {
			return t, nil
		}
		if err != errNoShape && first == nil {
			first = err
		}
	}
	if first != nil {
		return time.Time{}, first
	}
	shapes := make([]string, 0, len(notations))
	for _, n := range notations {
		shapes = append(shapes, notationShape[n])
	}
	return time.Time{}, errors.New("nu este o dată în formatele acceptate (" + strings.Join(shapes, ", ") + ")")
}

// num reads 1..max digits at s[i:] and returns the value and the next index.
func num(s string, i, min, max int) (v, next int, ok bool) {
	j := i
	for j < len(s) && j-i < max && s[j] >= '0' && s[j] <= '9' {
		v = v*10 + int(s[j]-'0')
		j++
	}
	return v, j, j-i >= min
}

// parseDMY reads day.month.year (or month/day/year when us) and an optional time.
func parseDMY(s string, us bool) (time.Time, error) {
	a, i, ok := num(s, 0, 1, 2)
	if !ok || i >= len(s) {
		return time.Time{}, errNoShape
	}
	sep := s[i]
	if sep != '.' && sep != '/' && sep != '-' || (us && sep != '/') {
		return time.Time{}, errNoShape
	}
	b, i, ok := num(s, i+1, 1, 2)
	if !ok || i >= len(s) || s[i] != sep {
		return time.Time{}, errNoShape
	}
	ys := i + 1
	y, i, ok := num(s, ys, 1, 4)
	if !ok || (i < len(s) && s[i] >= '0' && s[i] <= '9') {
		return time.Time{}, errNoShape
	}
	if i-ys != 4 {
		return time.Time{}, fmt.Errorf("anul %q nu are patru cifre; se cere anul complet (de ex. %s)", s[ys:i], map[bool]string{false: "23.11.2026", true: "11/23/2026"}[us])
	}
	d, m := a, b
	if us {
		d, m = b, a
	}
	if err := checkTime(s[i:], us); err != nil {
		return time.Time{}, err
	}
	return makeDate(y, m, d)
}

// parseISO reads year-month-day and an optional time.
func parseISO(s string) (time.Time, error) {
	y, i, ok := num(s, 0, 4, 4)
	if !ok || i >= len(s) || s[i] != '-' {
		return time.Time{}, errNoShape
	}
	m, i, ok := num(s, i+1, 1, 2)
	if !ok || i >= len(s) || s[i] != '-' {
		return time.Time{}, errNoShape
	}
	d, i, ok := num(s, i+1, 1, 2)
	if !ok || (i < len(s) && s[i] >= '0' && s[i] <= '9') {
		return time.Time{}, errNoShape
	}
	rest := s[i:]
	if strings.HasPrefix(rest, "T") {
		rest = " " + rest[1:]
	}
	if err := checkTime(rest, false); err != nil {
		return time.Time{}, err
	}
	return makeDate(y, m, d)
}

// checkTime accepts "", or " HH:MM[:SS[.fff]]" with an optional AM/PM (when
// ampm) or time zone (Z, +02:00) after it.
func checkTime(s string, ampm bool) error {
	if s == "" {
		return nil
	}
	if s[0] != ' ' {
		return errNoShape
	}
	s = strings.TrimLeft(s, " ")
	h, i, ok := num(s, 0, 1, 2)
	if !ok || i >= len(s) || s[i] != ':' {
		return errNoShape
	}
	mi, i, ok := num(s, i+1, 2, 2)
	if !ok {
		return errNoShape
	}
	sec := 0
	if i < len(s) && s[i] == ':' {
		if sec, i, ok = num(s, i+1, 2, 2); !ok {
			return errNoShape
		}
		if i < len(s) && (s[i] == '.' || s[i] == ',') {
			if _, i, ok = num(s, i+1, 1, 9); !ok {
				return errNoShape
			}
		}
	}
	rest := strings.TrimLeft(s[i:], " ")
	maxH := 23
	switch {
	case rest == "":
	case ampm && (strings.EqualFold(rest, "AM") || strings.EqualFold(rest, "PM")):
		if h < 1 || h > 12 {
			return errors.New("oră imposibilă: cu AM/PM ora este între 1 și 12")
		}
	case !ampm && (rest == "Z" || len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':'):
	default:
		return errNoShape
	}
	if h > maxH || mi > 59 || sec > 59 {
		return fmt.Errorf("oră imposibilă: %s", strings.TrimSpace(s))
	}
	return nil
}

var monthNames = [...]string{"", "ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"}

// makeDate builds the day, refusing what the calendar does not have.
func makeDate(y, m, d int) (time.Time, error) {
	if y < 1000 {
		return time.Time{}, fmt.Errorf("dată imposibilă: anul %04d", y)
	}
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("dată imposibilă: luna %d nu există", m)
	}
	t := models.Date(y, time.Month(m), d)
	if d < 1 || t.Day() != d {
		return time.Time{}, fmt.Errorf("dată imposibilă: ziua %d nu există în %s %d", d, monthNames[m], y)
	}
	return t, nil
}

// Excel counts days from 1900-01-00 and, to stay compatible with Lotus 1-2-3,
// believes 1900 was a leap year: serial 60 is a 29 February 1900 that never
// was, and every later serial is one day ahead of a plain count.
var (
	excelEpoch     = models.Date(1899, time.December, 31) // serials 1..59
	excelEpochLate = models.Date(1899, time.December, 30) // serials 61..
)

const maxExcelSerial = 2958465 // 9999-12-31

// ExcelSerial reads a serial day number, also written as a machine number
// (the raw value of an XLSX cell: 46349, 46349.75, 4.6349E4).
func ExcelSerial(s string) (time.Time, error) {
	d, err := MachineNumber(TrimSpace(s))
	if err == nil && d.Units >= 0 {
		var t time.Time
		if t, err = excelSerial(d.String()); err != errNoShape {
			return t, err
		}
	}
	return time.Time{}, errors.New("număr serial Excel invalid (se așteaptă o zi între 1 și 2958465)")
}

func excelSerial(s string) (time.Time, error) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return time.Time{}, errNoShape
	}
	whole, frac, _ := strings.Cut(s, ".")
	if !isDigits(whole) || (frac != "" && !isDigits(frac)) || strings.Contains(s, ",") {
		return time.Time{}, errNoShape
	}
	if len(whole) > 7 {
		return time.Time{}, errors.New("număr serial Excel în afara calendarului (1–2958465)")
	}
	n, _, _ := num(whole, 0, 1, 7)
	switch {
	case n < 1 || n > maxExcelSerial:
		return time.Time{}, errors.New("număr serial Excel în afara calendarului (1–2958465)")
	case n == 60:
		return time.Time{}, errors.New("dată imposibilă: serialul Excel 60 este 29 februarie 1900, zi care nu a existat")
	case n < 60:
		return excelEpoch.AddDate(0, 0, n), nil
	}
	return excelEpochLate.AddDate(0, 0, n), nil
}

// Month abbreviations of DatesOracle: English (Oracle's) and Romanian.
var oracleMonths = map[string]int{
	"JAN": 1, "IAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "MAI": 5, "JUN": 6, "IUN": 6,
	"JUL": 7, "IUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "NOI": 11, "DEC": 12,
}

// parseOracle reads DD-MON-RR or DD-MON-YYYY and an optional time.
func parseOracle(s string) (time.Time, error) {
	d, i, ok := num(s, 0, 1, 2)
	if !ok || i+5 > len(s) || s[i] != '-' || s[i+4] != '-' {
		return time.Time{}, errNoShape
	}
	m, known := oracleMonths[strings.ToUpper(s[i+1:i+4])]
	if !known {
		return time.Time{}, errNoShape
	}
	ys := i + 5
	y, i, ok := num(s, ys, 2, 4)
	if !ok || (i < len(s) && s[i] >= '0' && s[i] <= '9') || i-ys == 3 {
		return time.Time{}, errNoShape
	}
	if i-ys == 2 {
		if y < 50 {
			y += 2000
		} else {
			y += 1900
		}
	}
	if err := checkTime(s[i:], false); err != nil {
		return time.Time{}, err
	}
	return makeDate(y, m, d)
}
