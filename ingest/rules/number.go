package rules

import (
	"errors"
	"math/bits"
	"strings"

	"github.com/deschis/deschis/models"
)

// Number notations a mapping can name (numbers: ...).
const (
	NumbersRO   = "ro"   // 1.234.567,89 and 1 234 567,89: point or space groups thousands, comma is decimal
	NumbersIntl = "intl" // 1,234,567.89 and 1234567.89: comma or space groups thousands, point is decimal
	NumbersAuto = "auto" // decided per cell; 1.234 and 1,234 alone are ambiguous and rejected
)

// Decimal is an exact decimal number, Units × 10^-Places, as read from a
// cell: money is never a float.
type Decimal struct {
	Units  int64
	Places int // digits after the decimal separator, 0..18
}

// maxDigits is how many significant digits an int64 always holds.
const maxDigits = 18

var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

var (
	// ErrTooLarge: a number beyond what an int64 of bani holds.
	ErrTooLarge = errors.New("număr prea mare")
	errNotInt   = errors.New("nu este un număr întreg (are zecimale)")
)

// Amount returns d × scale in bani. More than two decimals (after scaling)
// are rounded half away from zero: exports computed in a spreadsheet carry
// values like 1234.5678 or 0.30000000000000004, and refusing them would
// refuse honest files for a fraction of a ban.
func (d Decimal) Amount(scale int64) (models.Amount, error) {
	if scale <= 0 {
		return 0, errors.New("multiplicator (scale) invalid")
	}
	neg := d.Units < 0
	u := uint64(d.Units)
	if neg {
		u = -u
	}
	hi, lo := bits.Mul64(u, uint64(scale))
	var q uint64
	switch {
	case d.Places <= 2:
		m := pow10[2-d.Places]
		h2, l2 := bits.Mul64(lo, m)
		if hi != 0 || h2 != 0 {
			return 0, ErrTooLarge
		}
		q = l2
	default:
		div := pow10[d.Places-2]
		if hi >= div {
			return 0, ErrTooLarge
		}
		var rem uint64
		q, rem = bits.Div64(hi, lo, div)
		if rem >= div-rem { // rem*2 >= div without overflow: half away from zero
			q++
		}
	}
	if q > 1<<63-1 {
		return 0, ErrTooLarge
	}
	if neg {
		return models.Amount(-int64(q)), nil
	}
	return models.Amount(q), nil
}

// Int returns d as an integer; a fraction other than zeros (12,00) is an error.
func (d Decimal) Int() (int64, error) {
	if d.Places == 0 {
		return d.Units, nil
	}
	p := int64(pow10[d.Places])
	if d.Units%p != 0 {
		return 0, errNotInt
	}
	return d.Units / p, nil
}

// String writes d with a decimal point, for messages and tests.
func (d Decimal) String() string {
	neg := d.Units < 0
	u := uint64(d.Units)
	if neg {
		u = -u
	}
	var b [24]byte
	i := len(b)
	for n := 0; u > 0 || n <= d.Places; n++ {
		if n == d.Places && n > 0 {
			i--
			b[i] = '.'
		}
		i--
		b[i] = byte('0' + u%10)
		u /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Number reads a number written by a person or a spreadsheet in one of
// the notations (NumbersRO, NumbersIntl, NumbersAuto). A minus sign (also the
// Unicode minus) or parentheses make it negative: -1.234,56 and (1.234,56).
// Thousands separators must group exactly three digits. Spaces, including the
// no-break spaces spreadsheets put in formatted numbers, group thousands in
// every notation. The error is a Romanian sentence saying what was expected.
func Number(s, notation string) (Decimal, error) {
	s = TrimSpace(s)
	if s == "" {
		return Decimal{}, errors.New("număr lipsă")
	}
	neg := false
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		neg, s = true, TrimSpace(s[1:len(s)-1])
	}
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = !neg, s[1:]
	case strings.HasPrefix(s, "−"): // U+2212 minus sign
		neg, s = !neg, s[len("−"):]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	var dec, thou byte // the decimal and the thousands character (spaces are handled apart)
	switch notation {
	case NumbersRO:
		dec, thou = ',', '.'
	case NumbersIntl:
		dec, thou = '.', ','
	case NumbersAuto:
		var err error
		if dec, thou, err = sniffSeparators(s); err != nil {
			return Decimal{}, err
		}
	default:
		return Decimal{}, errors.New("notație numerică necunoscută " + notation + " (ro, intl sau auto)")
	}
	d, err := scanNumber(s, dec, thou)
	if err != nil {
		return Decimal{}, explainNumber(err, s, notation)
	}
	if neg {
		d.Units = -d.Units
	}
	return d, nil
}

// TrimSpace trims ASCII spaces and the no-break spaces U+00A0 and U+202F.
func TrimSpace(s string) string {
	for {
		t := strings.TrimSpace(s)
		t = strings.TrimPrefix(strings.TrimSuffix(t, "\u00a0"), "\u00a0")
		t = strings.TrimPrefix(strings.TrimSuffix(t, "\u202f"), "\u202f")
		if t == s {
			return s
		}
		s = t
	}
}

// sniffSeparators decides, for NumbersAuto, which of point and comma is the
// decimal separator of one cell.
func sniffSeparators(s string) (dec, thou byte, err error) {
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	switch {
	case dots > 0 && commas > 0:
		if strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',') {
			return '.', ',', nil
		}
		return ',', '.', nil
	case dots == 0 && commas == 0:
		return '.', ',', nil
	}
	sep, other := byte('.'), byte(',')
	if commas > 0 {
		sep, other = ',', '.'
	}
	if dots+commas > 1 {
		return other, sep, nil // several: they group thousands
	}
	i := strings.IndexByte(s, sep)
	intPart := strings.Map(dropSpaces, s[:i])
	if len(s)-i-1 == 3 && len(intPart) >= 1 && len(intPart) <= 3 && intPart != "0" && isDigits(s[i+1:]) {
		return 0, 0, &AmbiguousError{Sep: sep}
	}
	return sep, other, nil
}

// AmbiguousError refuses, in notation auto, a number whose one separator is
// followed by exactly three digits (1.234, 1,234): thousands or decimals?
// It is decided per cell and never guessed; a reader whose file says its
// notation (a mapping's numbers:, NotationOf) reads it without doubt.
type AmbiguousError struct{ Sep byte }

func (e *AmbiguousError) Error() string {
	return "număr ambiguu: " + string(e.Sep) + " urmat de trei cifre poate separa miile sau zecimalele"
}

// NotationOf decides the number notation of a file from values of it (the
// cells of its amount columns in the head of the file, read before any row
// is loaded, as the encoding and the delimiter are): a value shows its
// decimal separator when it has both separators (the last one is decimal),
// one of them several times (they group thousands: the other is decimal), or
// one separator not followed by exactly three digits. When the values show
// only the comma the notation is NumbersRO, only the point NumbersIntl;
// when they show both, or neither, it is NumbersAuto and an ambiguous value
// is refused (AmbiguousError). The decision does not depend on the order of
// the values.
func NotationOf(values []string) string {
	var comma, point bool
	for _, v := range values {
		switch decimalShown(v) {
		case ',':
			comma = true
		case '.':
			point = true
		}
	}
	switch {
	case comma && !point:
		return NumbersRO
	case point && !comma:
		return NumbersIntl
	}
	return NumbersAuto
}

// decimalShown is the decimal separator a number shows, 0 when none.
func decimalShown(v string) byte {
	s := strings.Map(dropSpaces, TrimSpace(v))
	s = strings.TrimLeft(s, "(-+−")
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	switch {
	case dots > 0 && commas > 0:
		if strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',') {
			return '.'
		}
		return ','
	case dots > 1:
		return ','
	case commas > 1:
		return '.'
	case dots+commas == 0:
		return 0
	}
	sep := byte('.')
	if commas == 1 {
		sep = ','
	}
	i := strings.IndexByte(s, sep)
	before, after := s[:i], strings.TrimRight(s[i+1:], ")")
	if before != "" && !isDigits(before) || !isDigits(after) {
		return 0 // not a number: it shows nothing
	}
	if len(after) != 3 || len(before) > 3 || before == "0" || before == "" {
		return sep // a thousands separator groups 1–3 leading digits and exactly three after
	}
	return 0
}

func dropSpaces(r rune) rune {
	if r == ' ' || r == '\u00a0' || r == '\u202f' {
		return -1
	}
	return r
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Reasons scanNumber gives; explainNumber turns them into sentences.
var (
	errShape    = errors.New("shape")
	errGrouping = errors.New("grouping")
	errTwoDec   = errors.New("two decimal separators")
)

// scanNumber reads digits with thousands groups and one decimal separator,
// without allocating.
func scanNumber(s string, dec, thou byte) (Decimal, error) {
	var (
		units             uint64
		places, sig       int
		digits            int  // digits in the current group
		groups            int  // thousands separators seen
		inFrac, seenDigit bool // after the decimal separator; any digit at all
		roundUp           bool // a dropped fraction digit ≥ 5
		dropped           bool
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			seenDigit = true
			digits++
			if sig == 0 && c == '0' && !inFrac {
				continue // leading zeros
			}
			if sig >= maxDigits {
				if !inFrac {
					return Decimal{}, ErrTooLarge
				}
				if !dropped {
					roundUp, dropped = c >= '5', true
				}
				continue
			}
			units = units*10 + uint64(c-'0')
			sig++
			if inFrac {
				places++
			}
		case c == dec:
			if inFrac {
				return Decimal{}, errTwoDec
			}
			if groups > 0 && digits != 3 {
				return Decimal{}, errGrouping
			}
			inFrac, digits = true, 0
		case c == thou || c == ' ' || (c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0) || (c == 0xE2 && strings.HasPrefix(s[i:], "\u202f")):
			if inFrac || digits == 0 || (groups == 0 && digits > 3) || (groups > 0 && digits != 3) {
				return Decimal{}, errGrouping
			}
			if c == 0xC2 {
				i++
			} else if c == 0xE2 {
				i += 2
			}
			groups++
			digits = 0
		default:
			return Decimal{}, errShape
		}
	}
	if !seenDigit || (inFrac && digits == 0) {
		return Decimal{}, errShape
	}
	if !inFrac && groups > 0 && digits != 3 {
		return Decimal{}, errGrouping
	}
	if roundUp {
		units++
	}
	return Decimal{Units: int64(units), Places: places}, nil
}

func explainNumber(err error, s, notation string) error {
	switch err {
	case ErrTooLarge:
		return err
	case errGrouping, errTwoDec:
		switch notation {
		case NumbersRO:
			return errors.New("număr scris greșit pentru notația ro: punctul sau spațiul separă miile în grupe de trei cifre, virgula separă zecimalele (1.234.567,89)")
		case NumbersIntl:
			if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
				return errors.New("virgulă zecimală în notația intl, unde virgula separă miile (1,234,567.89); pentru 1234,56 alegeți numbers: ro")
			}
			return errors.New("număr scris greșit pentru notația intl: virgula sau spațiul separă miile în grupe de trei cifre, punctul separă zecimalele (1,234,567.89)")
		}
		return errors.New("separatorii numărului nu grupează miile câte trei cifre (1.234.567,89 sau 1,234,567.89)")
	}
	return errors.New("nu este un număr (se așteaptă de forma " + example(notation) + ")")
}

func example(notation string) string {
	switch notation {
	case NumbersIntl:
		return "1,234,567.89 sau 1234567.89"
	case NumbersAuto:
		return "1.234.567,89 sau 1,234,567.89"
	}
	return "1.234.567,89 sau 1234567,89"
}

// Integer reads a whole number in machine notation (12, 12.0, 1.2E1); a
// fraction other than zeros is an error, as a number that is not one.
func Integer(s string) (int64, error) {
	d, err := MachineNumber(TrimSpace(s))
	if err == nil {
		var n int64
		if n, err = d.Int(); err == nil {
			return n, nil
		}
	}
	if errors.Is(err, ErrTooLarge) {
		return 0, err
	}
	return 0, errors.New("nu este un număr întreg")
}

// MachineNumber reads a number a program wrote: a JSON number or the
// raw value of an XLSX number cell (-1234.5, 1.5E6, 0.30000000000000004).
func MachineNumber(s string) (Decimal, error) {
	mant, exp, hasExp := strings.Cut(s, "E")
	if !hasExp {
		mant, exp, hasExp = strings.Cut(s, "e")
	}
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimPrefix(mant, "-")
	if strings.ContainsAny(mant, " \u00a0\u202f") {
		return Decimal{}, errors.New("nu este un număr")
	}
	d, err := scanNumber(mant, '.', 0xFF)
	if err == ErrTooLarge {
		return Decimal{}, err
	}
	if err != nil {
		return Decimal{}, errors.New("nu este un număr")
	}
	if hasExp {
		e, err := parseSmallInt(exp)
		if err != nil {
			return Decimal{}, errors.New("nu este un număr")
		}
		d.Places -= e
		for d.Places < 0 {
			if d.Units > (1<<63-1)/10 {
				return Decimal{}, ErrTooLarge
			}
			d.Units *= 10
			d.Places++
		}
		for d.Places > maxDigits { // 1E-30: far below a ban
			d.Units /= 10
			d.Places--
		}
	}
	if neg {
		d.Units = -d.Units
	}
	return d, nil
}

func parseSmallInt(s string) (int, error) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	if !isDigits(s) || len(s) > 3 {
		return 0, errShape
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, nil
}
