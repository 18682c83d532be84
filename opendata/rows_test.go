package opendata

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

const rowsPath = "/api/v1/datasets/"

// download is a download file of the demo release, fetched as a client would.
func download(t *testing.T, s apiSite, dataset, format string) []byte {
	t.Helper()
	f, _ := formatByID(format)
	resp, body := do(t, s.srv, "GET", "/date/editii/"+s.man.ReleaseID+"/"+dataset+f.Suffix)
	if resp.StatusCode != 200 {
		t.Fatalf("download %s %s: %d", dataset, format, resp.StatusCode)
	}
	return body
}

var linkNext = regexp.MustCompile(`^<([^>]+)>; rel="next"$`)

// pages follows a rows URL page by page (next_url in JSON, the Link header
// otherwise) and returns every page's body.
func pages(t *testing.T, s apiSite, path string) [][]byte {
	t.Helper()
	var out [][]byte
	for path != "" {
		resp, body := do(t, s.srv, "GET", path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %.300s", path, resp.StatusCode, body)
		}
		out = append(out, body)
		path = ""
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			var page APIRows
			if err := json.Unmarshal(body, &page); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if page.NextURL != nil {
				path = *page.NextURL
				if !strings.Contains(path, "cursor="+url.QueryEscape(*page.Next)) {
					t.Fatalf("next_url %s does not carry next %s", path, *page.Next)
				}
			}
		} else if l := resp.Header.Get("Link"); l != "" {
			m := linkNext.FindStringSubmatch(l)
			if m == nil {
				t.Fatalf("Link %q", l)
			}
			path = m[1]
		}
		if len(out) > 10000 {
			t.Fatalf("%s: more than 10000 pages", path)
		}
	}
	return out
}

// jsonRows are the rows of JSON pages, each as the bytes the API wrote.
func jsonRows(t *testing.T, bodies [][]byte) []json.RawMessage {
	t.Helper()
	var rows []json.RawMessage
	for _, b := range bodies {
		var page APIRows
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&page); err != nil {
			t.Fatalf("not {rows, next, next_url}: %v %.300s", err, b)
		}
		rows = append(rows, page.Rows...)
	}
	return rows
}

// Paged through with the default order, every format of every public
// dataset is its download: the same rows in the same order, the same
// bytes (the CSVs' header once), the JSON rows the NDJSON's lines. A
// dataset that fits one page is its download in XLSX and Arrow too.
func TestRowsAreTheDownloads(t *testing.T) {
	s := demoAPI(t)
	pub, _ := publicNames(s.man)
	max := DefaultLimits().MaxRows
	for _, name := range pub {
		d, _ := s.man.Dataset(name)
		t.Run(name, func(t *testing.T) {
			base := rowsPath + name + "/rows?limit=" + strconv.Itoa(max)
			for _, f := range []string{"ndjson", "csv", "csv-excel"} {
				bodies := pages(t, s, base+"&format="+f)
				var got []byte
				for i, b := range bodies {
					if i > 0 && f != "ndjson" { // the header again on every page
						b = b[bytes.IndexByte(b, '\n')+1:]
					}
					got = append(got, b...)
				}
				if want := download(t, s, name, f); !bytes.Equal(got, want) {
					t.Errorf("%s over %d pages: %d bytes, not the download's %d (first difference at %d)", f, len(bodies), len(got), len(want), firstDiff(got, want))
				}
				if want := (d.Rows + int64(max) - 1) / int64(max); int64(len(bodies)) != max64(want, 1) {
					t.Errorf("%s: %d pages for %d rows", f, len(bodies), d.Rows)
				}
			}
			var lines []byte
			for _, r := range jsonRows(t, pages(t, s, base)) {
				lines = append(append(lines, r...), '\n')
			}
			if want := download(t, s, name, "ndjson"); !bytes.Equal(lines, want) {
				t.Errorf("json rows are not the NDJSON download's lines (first difference at %d)", firstDiff(lines, want))
			}
			if d.Rows <= int64(max) {
				for _, f := range []string{"xlsx", "arrow"} {
					resp, body := do(t, s.srv, "GET", base+"&format="+f)
					if resp.StatusCode != 200 || resp.Header.Get("Link") != "" {
						t.Fatalf("%s: %d, Link %q", f, resp.StatusCode, resp.Header.Get("Link"))
					}
					if want := download(t, s, name, f); !bytes.Equal(body, want) {
						t.Errorf("%s: %d bytes, not the download's %d", f, len(body), len(want))
					}
				}
			}
		})
	}
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// procurementRows are the rows of the procurement download (NDJSON) read
// with encoding/json: what the filters are checked against.
func procurementRows(t *testing.T, s apiSite) []map[string]any {
	t.Helper()
	var rows []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(download(t, s, "procurement", "ndjson")))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, m)
	}
	return rows
}

func num(v any) float64 {
	f, _ := strconv.ParseFloat(string(v.(json.Number)), 64)
	return f
}

// Filters, sort and fields, followed over pages, give exactly the rows of
// the download that pass the filters, in the order asked, with the fields
// asked; the order holds across pages, NULLs last, descending too.
func TestRowsFiltersSortAndFields(t *testing.T) {
	s := demoAPI(t)
	all := procurementRows(t, s)
	str := func(v any) string { s, _ := v.(string); return s }
	for _, c := range []struct {
		query  string
		keep   func(map[string]any) bool
		fields []string
		before func(a, b map[string]any) bool // a may not come after b
	}{
		{"year__gte=2025&kind=direct_purchase&sort=-value&fields=contract_id,value,year,kind&limit=137",
			func(r map[string]any) bool { return num(r["year"]) >= 2025 && r["kind"] == "direct_purchase" },
			[]string{"contract_id", "value", "year", "kind"},
			func(a, b map[string]any) bool { return num(a["value"]) >= num(b["value"]) }},
		{"kind__in=call_off,framework_agreement&award_date__lt=2024-07-01&sort=award_date&limit=250",
			func(r map[string]any) bool {
				return (r["kind"] == "call_off" || r["kind"] == "framework_agreement") && r["award_date"] != nil && str(r["award_date"]) < "2024-07-01"
			}, nil,
			func(a, b map[string]any) bool { return str(a["award_date"]) <= str(b["award_date"]) }},
		{"supplier_name__contains=srl&value__lte=10000.5&value__gt=100&sort=-supplier_name&fields=supplier_name,value&limit=400",
			func(r map[string]any) bool {
				return strings.Contains(strings.ToLower(str(r["supplier_name"])), "srl") && num(r["value"]) <= 10000.5 && num(r["value"]) > 100
			}, []string{"supplier_name", "value"},
			func(a, b map[string]any) bool { return str(a["supplier_name"]) >= str(b["supplier_name"]) }},
		// parent_id is NULL but for call-offs: NULLs come last, across pages.
		{"sort=parent_id&fields=parent_id,contract_id&limit=5000&year=2024",
			func(r map[string]any) bool { return num(r["year"]) == 2024 }, []string{"parent_id", "contract_id"},
			func(a, b map[string]any) bool {
				return b["parent_id"] == nil || a["parent_id"] != nil && str(a["parent_id"]) <= str(b["parent_id"])
			}},
		{"sort=-parent_id,-value&limit=3000&eu_funded=true",
			func(r map[string]any) bool { return r["eu_funded"] == true }, nil,
			func(a, b map[string]any) bool {
				if a["parent_id"] == nil || b["parent_id"] == nil {
					return b["parent_id"] == nil
				}
				return str(a["parent_id"]) > str(b["parent_id"]) || a["parent_id"] == b["parent_id"] && num(a["value"]) >= num(b["value"])
			}},
	} {
		t.Run(c.query, func(t *testing.T) {
			want := 0
			for _, r := range all {
				if c.keep(r) {
					want++
				}
			}
			if want < 20 {
				t.Fatalf("only %d rows pass: the case proves little", want)
			}
			bodies := pages(t, s, rowsPath+"procurement/rows?"+c.query)
			rows := jsonRows(t, bodies)
			if len(rows) != want || len(bodies) < 2 {
				t.Fatalf("%d rows over %d pages, want the download's %d over several", len(rows), len(bodies), want)
			}
			var prev map[string]any
			seen := map[string]bool{}
			for i, raw := range rows {
				var r map[string]any
				dec := json.NewDecoder(bytes.NewReader(raw))
				dec.UseNumber()
				if err := dec.Decode(&r); err != nil {
					t.Fatal(err)
				}
				if c.fields != nil {
					var keys []string
					for k := range r {
						keys = append(keys, k)
					}
					if !slices.Equal(sortedCopy(keys), sortedCopy(c.fields)) || !strings.HasPrefix(string(raw), `{"`+c.fields[0]+`":`) {
						t.Fatalf("row %d: %s, want the fields %v in order", i, raw, c.fields)
					}
				} else if !c.keep(r) {
					t.Fatalf("row %d does not pass the filters: %s", i, raw)
				}
				if prev != nil && !c.before(prev, r) {
					t.Fatalf("row %d out of order: %v then %v", i, prev, r)
				}
				seen[string(raw)] = true
				prev = r
			}
			if c.fields == nil && len(seen) != len(rows) {
				t.Errorf("%d distinct rows of %d: a page repeated a row", len(seen), len(rows))
			}
		})
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// Numbers stay numbers (the JSON the downloads have), dates are text, and
// the XLSX and CSV of a filtered page read back with real readers.
func TestRowsValuesAreTyped(t *testing.T) {
	s := demoAPI(t)
	q := rowsPath + "procurement/rows?fields=contract_id,value,offers,award_date,eu_funded,buyer_name&sort=-value&limit=3"
	_, body := do(t, s.srv, "GET", q)
	rows := jsonRows(t, [][]byte{body})
	var first map[string]any
	dec := json.NewDecoder(bytes.NewReader(rows[0]))
	dec.UseNumber()
	dec.Decode(&first)
	if _, ok := first["value"].(json.Number); !ok {
		t.Errorf("value %#v is not a JSON number", first["value"])
	}
	if !regexp.MustCompile(`"value":-?[0-9]+\.[0-9]{2}[,}]`).Match(rows[0]) {
		t.Errorf("a DECIMAL(18,2) is written with its two digits, as in the downloads: %s", rows[0])
	}
	if _, err := time.Parse(time.DateOnly, first["award_date"].(string)); err != nil {
		t.Errorf("award_date %v", first["award_date"])
	}
	if _, ok := first["eu_funded"].(bool); !ok {
		t.Errorf("eu_funded %#v", first["eu_funded"])
	}
	resp, xlsx := do(t, s.srv, "GET", q+"&format=xlsx")
	if resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("xlsx Content-Type %q", resp.Header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	cells, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil || len(cells) != 4 || !slices.Equal(cells[0], []string{"contract_id", "value", "offers", "award_date", "eu_funded", "buyer_name"}) {
		t.Fatalf("xlsx rows %v %v", cells, err)
	}
	if v, _ := strconv.ParseFloat(cells[1][1], 64); fmt.Sprintf("%.2f", v) != string(first["value"].(json.Number)) {
		t.Errorf("xlsx value %q, json %v", cells[1][1], first["value"])
	}
	typ, _ := f.GetCellType(f.GetSheetName(0), "B2")
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("the XLSX value is text, not a number")
	}
	_, csvBody := do(t, s.srv, "GET", q+"&format=csv-excel")
	if !bytes.HasPrefix(csvBody, []byte("\uFEFFcontract_id;value;offers;award_date;eu_funded;buyer_name\n")) {
		t.Errorf("csv-excel: %.100q", csvBody)
	}
	if want := strings.Replace(string(first["value"].(json.Number)), ".", ",", 1); !strings.Contains(string(csvBody), ";"+want+";") {
		t.Errorf("csv-excel has not the value %s with a decimal comma: %.300s", want, csvBody)
	}
}

// Every mistake in the query string is a 400 (or a 404 for the dataset)
// with the JSON error saying what to change; none is a 500. The internal
// dataset is a 404 exactly like an unknown one.
func TestRowsBadRequests(t *testing.T) {
	s := demoAPI(t)
	_, body := do(t, s.srv, "GET", rowsPath+"procurement/rows?year=2025&limit=2")
	var page APIRows
	json.Unmarshal(body, &page)
	if page.Next == nil {
		t.Fatalf("no next: %s", body)
	}
	cursor := url.QueryEscape(*page.Next)
	other := encodeCursor("20250101T000000Z", models.RowsQuery{Dataset: "procurement",
		Filters: []models.RowFilter{{Column: "year", Op: models.OpEq, Values: []models.Value{{Text: "2025"}}}}}, nil)
	for _, c := range []struct {
		query, code string
		status      int
		says        string // in the Romanian message
	}{
		{"nope=1", "unknown_column", 400, "nope"},
		{"year__gt=abc", "bad_value", 400, "întreg"},
		{"year=2025.5", "bad_value", 400, "INTEGER"},
		{"year=99999999999", "bad_value", 400, "întreg"},
		{"value__gte=1.234,5", "bad_value", 400, "punct"},
		{"award_date__lt=23.11.2026", "bad_value", 400, "AAAA-LL-ZZ"},
		{"eu_funded=da", "bad_value", 400, "true"},
		{"offers=", "bad_value", 400, "offers"},
		{"year__between=1", "bad_filter", 400, "__gte"},
		{"value__contains=1", "bad_filter", 400, "text"},
		{"sort=nope", "unknown_column", 400, "sort"},
		{"sort=year,-year", "bad_sort", 400, "year"},
		{"fields=contract_id,nope", "unknown_column", 400, "nope"},
		{"fields=year,year", "bad_fields", 400, "year"},
		{"limit=0", "bad_limit", 400, "10000"},
		{"limit=abc", "bad_limit", 400, "întreg"},
		{"limit=10001", "bad_limit", 400, "api-max-rows"},
		{"limit=1&limit=2", "bad_request", 400, "limit"},
		{"format=parquet", "bad_format", 400, "format=arrow"},
		{"format=xml", "bad_format", 400, "csv-excel"},
		{"cursor=abc", "bad_cursor", 400, "next"},
		{"cursor=" + cursor, "bad_cursor", 400, "altă interogare"},
		{"year=2024&cursor=" + cursor, "bad_cursor", 400, "altă interogare"},
		{"year=2025&sort=-value&cursor=" + cursor, "bad_cursor", 400, "altă interogare"},
		{"year=2025&cursor=" + url.QueryEscape(other), "bad_cursor", 400, "20250101T000000Z"},
		{"year=2025&cursor=" + cursor[:len(cursor)-3] + "AAA", "bad_cursor", 400, "next"},
	} {
		path := rowsPath + "procurement/rows?" + c.query
		resp, body := do(t, s.srv, "GET", path)
		e := checkError(t, path, resp, body, c.status, c.code)
		if !strings.Contains(e.Message.RO, c.says) {
			t.Errorf("%s: %q does not say %q", c.query, e.Message.RO, c.says)
		}
	}
	// The cursor of the page goes on with its own query, whatever the limit or format.
	for _, q := range []string{"year=2025&limit=2&cursor=", "year=2025&limit=5&format=csv&cursor="} {
		if resp, body := do(t, s.srv, "GET", rowsPath+"procurement/rows?"+q+cursor); resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", q, resp.StatusCode, body)
		}
	}
	_, internal := publicNames(s.man)
	resp1, unknown := do(t, s.srv, "GET", rowsPath+"nope/rows")
	resp2, hidden := do(t, s.srv, "GET", rowsPath+internal[0]+"/rows?limit=1")
	checkError(t, "nope", resp1, unknown, 404, "unknown_dataset")
	checkError(t, internal[0], resp2, hidden, 404, "unknown_dataset")
	named := func(b []byte, name string) []byte { // the name as the message quotes it
		return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("„"+name+"”"), []byte("„?”")), []byte("“"+name+"”"), []byte("“?”"))
	}
	if !bytes.Equal(named(hidden, internal[0]), named(unknown, "nope")) {
		t.Errorf("the internal dataset's 404 differs from an unknown one's:\n%s\n%s", hidden, unknown)
	}
}

// Values are bound as parameters and names checked against the schema:
// what would be SQL in a name is an unknown column, in a value a value
// like any other (no row has it), and the table is whole afterwards.
func TestRowsSQLInjection(t *testing.T) {
	s := demoAPI(t)
	count := func() int {
		_, body := do(t, s.srv, "GET", rowsPath+"entities/rows?fields=cui&limit=10000")
		return len(jsonRows(t, [][]byte{body}))
	}
	before := count()
	for _, q := range []string{
		"sort=" + url.QueryEscape("cui; DROP TABLE entities"),
		"sort=" + url.QueryEscape(`"cui"`),
		"fields=" + url.QueryEscape("cui,(SELECT 1)"),
		url.QueryEscape(`cui" OR 1=1 --`) + "=1",
		url.QueryEscape("1=1 OR cui") + "=x",
	} {
		resp, body := do(t, s.srv, "GET", rowsPath+"entities/rows?"+q)
		checkError(t, q, resp, body, 400, "unknown_column")
	}
	for _, v := range []string{"' OR '1'='1", "x'; DROP TABLE entities; --", `\'; SELECT 1; --`, "%", "_"} {
		for _, f := range []string{"name", "name__contains", "name__in", "cui__gt"} {
			resp, body := do(t, s.srv, "GET", rowsPath+"entities/rows?"+f+"="+url.QueryEscape(v))
			if resp.StatusCode != 200 {
				t.Fatalf("%s=%s: %d %s", f, v, resp.StatusCode, body)
			}
			if n := len(jsonRows(t, [][]byte{body})); n != 0 && f != "cui__gt" {
				t.Errorf("%s=%q matched %d rows", f, v, n)
			}
		}
	}
	if after := count(); after != before || before == 0 {
		t.Errorf("entities: %d rows before, %d after", before, after)
	}
}

// The limits: a page over api-max-response-mb stops at the last whole row
// under it in JSON and next goes on from there (no row lost), a single row
// over it is a 400, and a query past api-query-timeout a 503, each with
// its JSON error naming the setting.
func TestRowsLimits(t *testing.T) {
	s := demoAPI(t)
	server := func(l Limits) *httptest.Server {
		srv := httptest.NewServer(apiHandlerWithLimits(t, l))
		t.Cleanup(srv.Close)
		return srv
	}
	small := server(Limits{MaxRows: 10000, QueryTimeout: time.Minute, MaxResponseMB: 1})
	resp, body := do(t, small, "GET", rowsPath+"procurement/rows?limit=10000")
	var page APIRows
	if err := json.Unmarshal(body, &page); err != nil || resp.StatusCode != 200 || page.Next == nil {
		t.Fatalf("%d %v %.200s", resp.StatusCode, err, body)
	}
	if len(body) > 1<<20 || len(page.Rows) >= 10000 || len(page.Rows) < 100 {
		t.Errorf("a page of %d bytes, %d rows, under a limit of 1 MiB", len(body), len(page.Rows))
	}
	_, whole := do(t, s.srv, "GET", rowsPath+"procurement/rows?limit="+strconv.Itoa(len(page.Rows)+5))
	all := jsonRows(t, [][]byte{whole})
	_, rest := do(t, small, "GET", *page.NextURL)
	more := jsonRows(t, [][]byte{rest})
	if !slices.EqualFunc(append(page.Rows, more[:5]...), all, func(a, b json.RawMessage) bool { return bytes.Equal(a, b) }) {
		t.Errorf("the cut page and the next one are not the rows of one longer page")
	}
	// A CSV, its first rows sent, cannot say so any more: the answer is cut
	// off, and the client sees it unfinished (no last chunk), never whole.
	resp, err := small.Client().Get(small.URL + rowsPath + "procurement/rows?limit=10000&format=csv")
	if err != nil {
		t.Fatal(err)
	}
	csvBody, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err == nil || resp.StatusCode != 200 || len(csvBody) > 1<<20 || len(csvBody) == 0 {
		t.Errorf("csv over the limit: %d, %d bytes, read error %v: want a cut-off answer under 1 MiB", resp.StatusCode, len(csvBody), err)
	}
	// A row over the limit on its own is a 400 before anything is sent.
	huge := strings.Repeat("ș", 1<<19) // 1 MiB of UTF-8 in the query: the margin of next_url
	resp, body = do(t, small, "GET", rowsPath+"procurement/rows?limit=1&buyer_name__lte="+url.QueryEscape(huge[:len(huge)/4]))
	checkError(t, "one row over the limit", resp, body, 400, "response_too_large")

	slow := server(Limits{MaxRows: 10000, QueryTimeout: time.Nanosecond, MaxResponseMB: 64})
	for _, f := range []string{"json", "csv"} {
		resp, body := do(t, slow, "GET", rowsPath+"procurement/rows?sort=-value&format="+f)
		e := checkError(t, "timeout "+f, resp, body, 503, "query_timeout")
		if !strings.Contains(e.Message.RO, models.LimitQueryTimeout) || !strings.Contains(e.Message.EN, models.LimitQueryTimeout) {
			t.Errorf("%+v does not name the setting", e)
		}
	}
	few := server(Limits{MaxRows: 50, QueryTimeout: time.Minute, MaxResponseMB: 64})
	resp, body = do(t, few, "GET", rowsPath+"procurement/rows?limit=51")
	if e := checkError(t, "limit", resp, body, 400, "bad_limit"); !strings.Contains(e.Message.EN, "50") {
		t.Errorf("%+v", e)
	}
}

// apiHandlerWithLimits is apiHandler's wiring with other limits.
func apiHandlerWithLimits(t *testing.T, l Limits) http.Handler {
	site, err := dashboards.NewSite(dashboards.Config{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(demoLive, site)
	s.SetLimits(l)
	r := chi.NewRouter()
	r.Use(demoLive.Middleware)
	r.Mount(APIPrefix, s.API())
	return r
}

// An answer has an ETag of its release and query: a client that has it gets 304.
func TestRowsETag(t *testing.T) {
	s := demoAPI(t)
	p := rowsPath + "budget/rows?year=2025&limit=3"
	resp, _ := do(t, s.srv, "GET", p)
	etag := resp.Header.Get("ETag")
	if !strings.HasPrefix(etag, `"v1-`+s.man.ReleaseID+"-") {
		t.Fatalf("ETag %q", etag)
	}
	if resp, body := do(t, s.srv, "GET", p, "If-None-Match", etag); resp.StatusCode != 304 || len(body) != 0 {
		t.Errorf("If-None-Match: %d", resp.StatusCode)
	}
	if resp, _ := do(t, s.srv, "GET", p+"&fields=year", "If-None-Match", etag); resp.StatusCode != 200 {
		t.Errorf("another query, the same ETag: %d", resp.StatusCode)
	}
}

// No query string, however odd, gives anything but rows or a JSON 400.
func FuzzAPIRowsQuery(f *testing.F) {
	for _, seed := range []string{"", "year=2025", "year__gt=abc", "sort=-value&limit=3", "fields=a,b", "cursor=%ZZ", "limit=-1",
		"value__in=1,2,,3", "format=csv&limit=2", "award_date__lte=2026-02-30", "supplier_name__contains=%00", "kind__in=",
		"sort=", "sort=-", "fields=", "eu_funded=true&format=arrow&limit=1", "format=xlsx&limit=1", "year=2025&cursor=eyJyIjoiIn0",
		"%ff=1", "buyer_name=%ff%fe", "a__b__c=1", "__gt=1", "year____gt=1", "offers__lt=1e3", "value=-0.00", "limit=1&format=ndjson"} {
		f.Add(seed)
	}
	s := demoAPI(f)
	f.Fuzz(func(t *testing.T, query string) {
		if strings.ContainsAny(query, "# \r\n") { // not a query string a client could send
			return
		}
		path := rowsPath + "procurement/rows?" + query
		req, err := http.NewRequest("GET", s.srv.URL+path, nil)
		if err != nil {
			return
		}
		resp, err := s.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		resp.Body.Close()
		body := buf.Bytes()
		switch {
		case resp.StatusCode == 200:
			if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				var page APIRows
				if err := json.Unmarshal(body, &page); err != nil {
					t.Fatalf("%q: 200 not JSON rows: %v %.200s", query, err, body)
				}
			}
		case resp.StatusCode == 400 || resp.StatusCode == 404:
			var e APIError
			if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" || e.Error.Message.RO == "" || e.Error.Message.EN == "" {
				t.Fatalf("%q: %d not a JSON error: %v %.200s", query, resp.StatusCode, err, body)
			}
		default:
			t.Fatalf("%q: %d %.200s", query, resp.StatusCode, body)
		}
	})
}

// A release pruned while a request still holds it (its Parquet file gone)
// is a 503 that says to start again, not a 500.
func TestRowsOfAPrunedRelease(t *testing.T) {
	s := demoAPI(t)
	out := t.TempDir()
	src := filepath.Join(demoLive.Dir(), s.man.ReleaseID)
	dst := filepath.Join(out, s.man.ReleaseID)
	os.MkdirAll(filepath.Join(dst, models.Public), 0o755)
	files, _ := filepath.Glob(filepath.Join(src, models.Public, "*.parquet"))
	// The site reads the release from its database file, the contract index's file and the contracts' text store; the API's rows from the Parquet files.
	for _, f := range append(files, filepath.Join(src, "manifest.json"), filepath.Join(src, filepath.FromSlash(release.SiteDatabase)),
		filepath.Join(src, filepath.FromSlash(release.ContractIndexFile)), filepath.Join(src, filepath.FromSlash(release.ContractRowsFile))) {
		rel, _ := filepath.Rel(src, f)
		if err := os.Link(f, filepath.Join(dst, rel)); err != nil {
			t.Fatal(err)
		}
	}
	if err := release.SwapCurrent(out, s.man.ReleaseID); err != nil {
		t.Fatal(err)
	}
	live, err := release.Follow(out, nil, release.OpenWith(release.Tables))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	srv := httptest.NewServer(apiHandler(t, live))
	defer srv.Close()
	path := rowsPath + "procurement/rows?limit=2"
	if resp, body := do(t, srv, "GET", path); resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	os.Remove(filepath.Join(dst, models.Public, "procurement.parquet"))
	for _, f := range []string{"json", "csv"} {
		resp, body := do(t, srv, "GET", path+"&format="+f)
		checkError(t, path, resp, body, 503, "release_gone")
	}
}
