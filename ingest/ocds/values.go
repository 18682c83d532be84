package ocds

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// obj is a JSON object as decoded with UseNumber: numbers stay json.Number,
// so an amount is never rounded through float64.
type obj = map[string]any

func getObj(m obj, key string) obj {
	o, _ := m[key].(map[string]any)
	return o
}

func getArr(m obj, key string) []any {
	a, _ := m[key].([]any)
	return a
}

// idText reads an OCDS identifier, which the schema allows as a string or an
// integer.
func idText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		s := strings.TrimSpace(x)
		return s, s != ""
	case json.Number:
		return x.String(), true
	}
	return "", false
}

// text reads a string field; a present value of another JSON type is an error.
func text(m obj, key string) (string, error) {
	switch x := m[key].(type) {
	case nil:
		return "", nil
	case string:
		return strings.TrimSpace(x), nil
	case json.Number:
		return x.String(), nil
	}
	return "", errors.New("se așteaptă text, nu " + jsonKind(m[key]))
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "text"
	case json.Number:
		return "număr"
	case bool:
		return "true/false"
	case []any:
		return "listă"
	case map[string]any:
		return "obiect"
	}
	return "altă valoare"
}

// raw renders a JSON value for the Value of a reject.
func raw(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// bani converts the text of a JSON number (or a string holding one: some
// publishers quote amounts) to bani, exactly. It refuses a third non-zero
// decimal rather than round a sum of money, and numbers beyond int64.
func bani(v any) (models.Amount, error) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	default:
		return 0, errors.New("suma trebuie să fie un număr JSON, nu " + jsonKind(v))
	}
	notNumber := errors.New("nu este un număr (se așteaptă de forma 1234567.89)")
	if s == "" {
		return 0, notNumber
	}
	neg := false
	if s[0] == '-' {
		neg, s = true, s[1:]
	}
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e := s[i+1:]
		if len(e) > 0 && (e[0] == '+' || e[0] == '-') {
			if len(e) == 1 {
				return 0, notNumber
			}
		}
		if len(strings.TrimLeft(e, "+-")) > 6 {
			return 0, errors.New("exponent prea mare")
		}
		n, err := strconv.Atoi(e)
		if err != nil {
			return 0, notNumber
		}
		exp = n
	}
	intPart, frac, hasPoint := strings.Cut(mant, ".")
	if intPart == "" || (hasPoint && frac == "") {
		return 0, notNumber
	}
	digits := intPart + frac
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, notNumber
		}
	}
	// value = digits × 10^(exp−len(frac)); in bani, two places more.
	shift := exp - len(frac) + 2
	digits = strings.TrimLeft(digits, "0")
	if shift < 0 {
		cut := len(digits) + shift
		if cut < 0 {
			cut = 0
		}
		if strings.Trim(digits[cut:], "0") != "" {
			return 0, errors.New("suma are mai mult de două zecimale: nu se rotunjește o valoare contractuală")
		}
		digits, shift = digits[:cut], 0
	}
	if digits == "" {
		return 0, nil
	}
	if len(digits)+shift > 18 {
		return 0, errors.New("sumă prea mare")
	}
	n, err := strconv.ParseInt(digits+strings.Repeat("0", shift), 10, 64)
	if err != nil {
		return 0, errors.New("sumă prea mare")
	}
	if neg {
		n = -n
	}
	return models.Amount(n), nil
}

// date reads an OCDS date-time ("2024-03-15T10:00:00Z", or a bare date as
// some publishers write) as the calendar day written, in the publisher's own
// time zone: a contract signed on 15 March at 00:30 in Bucharest stays a
// 15 March contract.
func date(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, errors.New("data trebuie să fie text ISO 8601, nu " + jsonKind(v))
	}
	s = strings.TrimSpace(s)
	bad := errors.New("dată invalidă: se așteaptă ISO 8601, de forma 2024-03-15T10:00:00Z")
	if len(s) < 10 || (len(s) > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
		return time.Time{}, bad
	}
	d, err := time.Parse(time.DateOnly, s[:10])
	if err != nil {
		return time.Time{}, bad
	}
	if len(s) > 10 {
		if _, err := time.Parse(time.RFC3339, s[:10]+"T"+s[11:]); err != nil {
			// Tolerated: a time without zone ("2024-03-15T10:00:00"), which
			// publishers write although the schema asks for one.
			if _, err2 := time.Parse("2006-01-02T15:04:05", s[:10]+"T"+s[11:]); err2 != nil {
				return time.Time{}, bad
			}
		}
	}
	return d, nil
}

// integer reads a JSON integer (numberOfTenderers).
func integer(v any) (int64, error) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	default:
		return 0, errors.New("se așteaptă un număr întreg, nu " + jsonKind(v))
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errors.New("nu este un număr întreg")
	}
	return n, nil
}
