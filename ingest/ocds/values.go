package ocds

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/deschis/deschis/ingest/rules"
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
// publishers quote amounts) to bani, with rules.MachineNumber: exactly, a
// third decimal rounded half away from zero like every reader's
// (docs/mapping.md, "Numbers"), numbers beyond int64 refused.
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
	d, err := rules.MachineNumber(s)
	if errors.Is(err, rules.ErrTooLarge) {
		return 0, errors.New("sumă prea mare")
	}
	if err != nil {
		return 0, errors.New("nu este un număr (se așteaptă de forma 1234567.89)")
	}
	a, err := d.Amount(1)
	if err != nil {
		return 0, errors.New("sumă prea mare")
	}
	return a, nil
}

// date reads an OCDS date-time ("2024-03-15T10:00:00Z", a time without zone,
// or a bare date as some publishers write) as the calendar day written, in
// the publisher's own time zone (rules.Date, notation iso): a contract signed
// on 15 March at 00:30 in Bucharest stays a 15 March contract.
func date(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, errors.New("data trebuie să fie text ISO 8601, nu " + jsonKind(v))
	}
	d, err := rules.Date(s, []string{rules.DatesISO})
	if err != nil {
		return time.Time{}, errors.New("dată invalidă: se așteaptă ISO 8601, de forma 2024-03-15T10:00:00Z (" + err.Error() + ")")
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
	return rules.Integer(s)
}
