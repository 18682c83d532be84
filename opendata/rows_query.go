package opendata

// The query string of GET /api/v1/datasets/{name}/rows, read into a
// models.RowsQuery: every name checked against the dataset's schema and
// every value against its column's type, each mistake an apiProblem that
// says, in Romanian and English, what to change.

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/deschis/deschis/models"
)

// The parameters of the rows endpoint that are not filters.
const (
	paramSort   = "sort"
	paramFields = "fields"
	paramLimit  = "limit"
	paramCursor = "cursor"
	paramFormat = "format"
)

// DefaultRowsLimit is a page's rows when the request says no limit.
const DefaultRowsLimit = 100

// maxInValues bounds the values of one __in filter.
const maxInValues = 1000

// apiProblem is a request the API refuses: its status and JSON error.
type apiProblem struct {
	status    int
	code      string
	msg       models.Text
	available []string
}

func (p *apiProblem) write(w http.ResponseWriter) {
	writeAPIError(w, p.status, p.code, p.msg, p.available)
}

func badRequest(code, ro, en string) *apiProblem {
	return &apiProblem{status: http.StatusBadRequest, code: code, msg: models.Text{RO: ro, EN: en}}
}

// rowsRequest is a rows request read: the query, its format and the
// cursor's text (checked later, against the page's key).
type rowsRequest struct {
	q      models.RowsQuery
	format string
	cursor string
	limit  int
}

// rowsFormats are the formats the rows endpoint streams, in the order the
// errors list them; the default is json.
var rowsFormats = []string{"json", "ndjson", "csv", "csv-excel", "xlsx", "arrow"}

func parseRows(d *models.ManifestDataset, v url.Values, lim Limits) (*rowsRequest, *apiProblem) {
	cols := map[string]models.Column{}
	var names []string
	for _, c := range d.Schema {
		cols[c.Name] = c
		names = append(names, c.Name)
	}
	unknown := func(name, where string) *apiProblem {
		list := strings.Join(names, ", ")
		return &apiProblem{status: http.StatusBadRequest, code: "unknown_column", available: names, msg: models.Text{
			RO: fmt.Sprintf("Setul %s nu are coloana „%s” (%s). Coloanele lui: %s.", d.Name, name, where, list),
			EN: fmt.Sprintf("The dataset %s has no column “%s” (%s). Its columns: %s.", d.Name, name, whereEN[where], list),
		}}
	}
	req := &rowsRequest{q: models.RowsQuery{Dataset: d.Name}, format: "json", limit: DefaultRowsLimit}
	single := func(key string) (string, *apiProblem) {
		if len(v[key]) > 1 {
			return "", badRequest("bad_request", "Parametrul "+key+" apare de mai multe ori: dați-l o singură dată.",
				"The parameter "+key+" is given more than once: give it once.")
		}
		return v.Get(key), nil
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same query, the same filters in the same order
	for _, key := range keys {
		switch key {
		case paramFormat:
			f, p := single(key)
			if p != nil {
				return nil, p
			}
			if f == "parquet" {
				return nil, badRequest("bad_format",
					"Formatul parquet nu se poate trimite rând cu rând (un fișier Parquet își scrie cuprinsul la sfârșit, după grupuri de rânduri ținute în memorie). Folosiți format=arrow (Arrow IPC, citit de pandas, polars și R la fel) sau descărcați fișierul Parquet întreg al setului: /date/editii/<ediție>/"+d.Name+".parquet (GET /api/v1/datasets/"+d.Name+" dă adresa).",
					"The parquet format cannot be streamed row by row (a Parquet file writes its footer last, after row groups held in memory). Use format=arrow (Arrow IPC, read by pandas, polars and R alike) or download the dataset's whole Parquet file: /date/editii/<release>/"+d.Name+".parquet (GET /api/v1/datasets/"+d.Name+" gives its URL).")
			}
			if !slices.Contains(rowsFormats, f) {
				list := strings.Join(rowsFormats, ", ")
				return nil, badRequest("bad_format", "Formatul „"+f+"” nu există. Formatele: "+list+" (implicit json).",
					"There is no format “"+f+"”. The formats: "+list+" (json by default).")
			}
			req.format = f
		case paramLimit:
			s, p := single(key)
			if p != nil {
				return nil, p
			}
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				return nil, badRequest("bad_limit", fmt.Sprintf("limit=%s nu este un număr de rânduri: dați un întreg între 1 și %d.", s, lim.MaxRows),
					fmt.Sprintf("limit=%s is not a number of rows: give an integer from 1 to %d.", s, lim.MaxRows))
			}
			if n > lim.MaxRows {
				return nil, badRequest("bad_limit",
					fmt.Sprintf("limit=%d depășește cel mai mare număr de rânduri pe pagină, %d (setarea %s): cereți cel mult %d și urmați next, sau descărcați fișierul întreg.", n, lim.MaxRows, models.LimitMaxRows, lim.MaxRows),
					fmt.Sprintf("limit=%d is over the most rows a page holds, %d (the setting %s): ask for at most %d and follow next, or download the whole file.", n, lim.MaxRows, models.LimitMaxRows, lim.MaxRows))
			}
			req.limit = n
		case paramCursor:
			s, p := single(key)
			if p != nil {
				return nil, p
			}
			req.cursor = s
		case paramFields:
			s, p := single(key)
			if p != nil {
				return nil, p
			}
			for _, f := range strings.Split(s, ",") {
				if _, ok := cols[f]; !ok {
					return nil, unknown(f, "fields")
				}
				if slices.Contains(req.q.Fields, f) {
					return nil, badRequest("bad_fields", "Coloana „"+f+"” apare de două ori în fields: dați-o o dată.",
						"The column “"+f+"” is twice in fields: give it once.")
				}
				req.q.Fields = append(req.q.Fields, f)
			}
		case paramSort:
			s, p := single(key)
			if p != nil {
				return nil, p
			}
			seen := map[string]bool{}
			for _, term := range strings.Split(s, ",") {
				name, desc := strings.CutPrefix(term, "-")
				if _, ok := cols[name]; !ok {
					return nil, unknown(name, "sort")
				}
				if seen[name] {
					return nil, badRequest("bad_sort", "Coloana „"+name+"” apare de două ori în sort: dați-o o dată (sort=col crescător, sort=-col descrescător).",
						"The column “"+name+"” is twice in sort: give it once (sort=col ascending, sort=-col descending).")
				}
				seen[name] = true
				req.q.Sort = append(req.q.Sort, models.RowSort{Column: name, Desc: desc})
			}
		default:
			name, suffix := key, ""
			if i := strings.LastIndex(key, "__"); i >= 0 {
				name, suffix = key[:i], key[i+2:]
			}
			c, ok := cols[name]
			if !ok {
				return nil, unknown(name, "filtru")
			}
			op, ok := models.RowOps[suffix]
			if !ok {
				return nil, badRequest("bad_filter",
					fmt.Sprintf("Filtrul %s nu există: după numele coloanei urmează =, __gt, __gte, __lt, __lte, __contains sau __in (de exemplu %s__gte=...).", key, name),
					fmt.Sprintf("There is no filter %s: the column's name is followed by =, __gt, __gte, __lt, __lte, __contains or __in (for example %s__gte=...).", key, name))
			}
			if op == models.OpContains && c.Type != "VARCHAR" {
				return nil, badRequest("bad_filter",
					fmt.Sprintf("__contains caută text, iar %s este de tipul %s: folosiți %s=, __gt, __gte, __lt, __lte sau __in.", name, c.Type, name),
					fmt.Sprintf("__contains searches text, and %s is of type %s: use %s=, __gt, __gte, __lt, __lte or __in.", name, c.Type, name))
			}
			for _, s := range v[key] {
				parts := []string{s}
				if op == models.OpIn {
					parts = strings.Split(s, ",")
					if len(parts) > maxInValues {
						return nil, badRequest("bad_filter", fmt.Sprintf("%s are %d valori: cel mult %d.", key, len(parts), maxInValues),
							fmt.Sprintf("%s has %d values: at most %d.", key, len(parts), maxInValues))
					}
				}
				f := models.RowFilter{Column: name, Op: op}
				for _, part := range parts {
					val, p := parseValue(c, key, part)
					if p != nil {
						return nil, p
					}
					f.Values = append(f.Values, val)
				}
				req.q.Filters = append(req.q.Filters, f)
			}
		}
	}
	return req, nil
}

var whereEN = map[string]string{"fields": "fields", "sort": "sort", "filtru": "filter"}

var decimalText = regexp.MustCompile(`^-?[0-9]{1,28}(\.[0-9]{1,10})?$`)

// parseValue reads the text of a value of column c (given as param) in its
// canonical form, or says why it is not one.
func parseValue(c models.Column, param, s string) (models.Value, *apiProblem) {
	bad := func(ro, en string) (models.Value, *apiProblem) {
		return models.Value{}, badRequest("bad_value",
			fmt.Sprintf("%s=%s: coloana %s este de tipul %s, iar valoarea nu este %s.", param, s, c.Name, c.Type, ro),
			fmt.Sprintf("%s=%s: the column %s is of type %s, and the value is not %s.", param, s, c.Name, c.Type, en))
	}
	switch {
	case c.Type == "VARCHAR":
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return bad("un text UTF-8 (fără octetul 0)", "UTF-8 text (without the byte 0)")
		}
		return models.Value{Text: s}, nil
	case c.Type == "INTEGER" || c.Type == "BIGINT":
		bits := 64
		if c.Type == "INTEGER" {
			bits = 32
		}
		n, err := strconv.ParseInt(s, 10, bits)
		if err != nil {
			return bad("un număr întreg (de exemplu 2026)", "an integer (for example 2026)")
		}
		return models.Value{Text: strconv.FormatInt(n, 10)}, nil
	case strings.HasPrefix(c.Type, "DECIMAL("):
		if !decimalText.MatchString(s) {
			return bad("un număr cu punct zecimal, fără separator de mii (de exemplu 1234567.89)", "a number with a decimal point and no thousands separator (for example 1234567.89)")
		}
		return models.Value{Text: s}, nil
	case c.Type == "DATE":
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return bad("o dată AAAA-LL-ZZ (de exemplu 2026-11-23)", "a date YYYY-MM-DD (for example 2026-11-23)")
		}
		return models.Value{Text: t.Format(time.DateOnly)}, nil
	case c.Type == "BOOLEAN":
		switch s {
		case "true", "false":
			return models.Value{Text: s}, nil
		}
		return bad("true sau false", "true or false")
	}
	return bad("o valoare pe care API-ul o poate compara", "a value the API can compare")
}
