package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
)

// aggregateExamples are the URLs that answer /aggregate/budget with each
// documented status (TestOpenAPIMatchesTheRoutes validates them).
var aggregateExamples = map[string][]string{
	"200": {
		"/aggregate/budget",
		"/aggregate/budget?drilldown=year",
		"/aggregate/budget?drilldown=year|month&cut=kind:cheltuieli&aggregates=executed.sum|_count",
		"/aggregate/budget?drilldown=chapter_code|economic_title&cut=year:2025|kind:cheltuieli&order=executed.sum:desc&pagesize=5&page=2",
		"/aggregate/budget?drilldown=entity_cui|funding_source|section&cut=intra_group:true",
		"/aggregate/budget?drilldown=month&cut=year:2025|kind:venituri&aggregates=final_budget.sum|executed_cumulative.sum",
	},
	"400": {
		"/aggregate/budget?drilldown=nope",
		"/aggregate/budget?cut=year:two",
		"/aggregate/budget?aggregates=amount.sum",
		"/aggregate/budget?pagesize=10001",
	},
}

// aggregate gets an aggregate query and decodes it, sums as json.Number.
func aggregate(t *testing.T, s apiSite, query string) APIAggregate {
	t.Helper()
	return decodeAPI[APIAggregate](t, s, "/api/v1/aggregate/budget?"+query)
}

// decodeAPI gets path, which must answer 200 with the API's headers, and
// decodes it allowing no unknown field, numbers as json.Number.
func decodeAPI[T any](t *testing.T, s apiSite, path string) T {
	t.Helper()
	resp, body := do(t, s.srv, "GET", path)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
	}
	checkJSONHeaders(t, path, resp)
	var out T
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// readCSV reads a download of the current release with encoding/csv, as
// maps from column to text.
func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(demoLive.Current().Dir, "public", name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// sumBy sums a column of rows (exactly, as decimals) by the key columns,
// over the rows keep accepts.
func sumBy(t *testing.T, rows []map[string]string, measure string, keep func(map[string]string) bool, keys ...string) map[string]string {
	t.Helper()
	sums := map[string]*big.Rat{}
	for _, r := range rows {
		if !keep(r) {
			continue
		}
		var k []string
		for _, c := range keys {
			k = append(k, r[c])
		}
		v, ok := new(big.Rat).SetString(r[measure])
		if !ok {
			t.Fatalf("%s = %q is not a number", measure, r[measure])
		}
		key := strings.Join(k, "|")
		if sums[key] == nil {
			sums[key] = new(big.Rat)
		}
		sums[key].Add(sums[key], v)
	}
	out := map[string]string{}
	for k, v := range sums {
		out[k] = v.FloatString(2)
	}
	return out
}

// cellsBy are the cells' figures of an aggregate by the attributes' values.
func cellsBy(t *testing.T, a APIAggregate, agg string, keys ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, c := range a.Cells {
		var k []string
		for _, key := range keys {
			switch v := c[key].(type) {
			case json.Number:
				k = append(k, v.String())
			case string:
				k = append(k, v)
			default:
				t.Fatalf("cell %v: %s is %T", c, key, c[key])
			}
		}
		n, ok := c[agg].(json.Number)
		if !ok {
			t.Fatalf("cell %v: %s is %T", c, agg, c[agg])
		}
		out[strings.Join(k, "|")] = n.String()
	}
	return out
}

func sameSums(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) == 0 || len(got) != len(want) {
		t.Errorf("%s: %d cells, the download sums to %d: %v vs %v", what, len(got), len(want), got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s %s: the API says %s, the CSV download sums to %s", what, k, got[k], w)
		}
	}
}

// ?drilldown=year works as a journalist guesses: a cell per year and kind
// (expenses and revenues are never added), summing the `budget` download's
// rows without the transfers inside a group (the implied cut, said in the
// notes), to the ban, as the CSV read back with encoding/csv sums.
func TestAggregateByYearIsTheDownloadsSum(t *testing.T) {
	s := demoAPI(t)
	rows := readCSV(t, "budget")
	a := aggregate(t, s, "drilldown=year")
	if a.Dataset != "budget" || strings.Join(a.Attributes, ",") != "year,kind" || a.Status != "ok" || a.ReleaseID != s.man.ReleaseID {
		t.Fatalf("dataset %s, attributes %v, status %s", a.Dataset, a.Attributes, a.Status)
	}
	if len(a.Cut) != 1 || a.Cut[0].Ref != "intra_group" || !a.Cut[0].Implied || a.Cut[0].Values[0] != "false" {
		t.Errorf("cut %+v, want the implied intra_group:false", a.Cut)
	}
	codes := map[string]bool{}
	for _, n := range a.Notes {
		codes[n.Code] = n.Message.RO != "" && n.Message.EN != ""
	}
	if !codes["kind_added"] || !codes["consolidated"] {
		t.Errorf("notes %+v", a.Notes)
	}
	consolidated := func(r map[string]string) bool { return r["intra_group"] == "false" }
	for _, m := range []string{"initial_budget", "final_budget", "commitments", "executed"} {
		sameSums(t, "drilldown=year "+m, cellsBy(t, a, m+".sum", "year", "kind"), sumBy(t, rows, m, consolidated, "year", "kind"))
	}
	if int(a.TotalCellCount) != len(a.Cells) {
		t.Errorf("total_cell_count %d, %d cells", a.TotalCellCount, len(a.Cells))
	}
	// The intra-group transfers are really there, and left out.
	all := sumBy(t, rows, "executed", func(map[string]string) bool { return true }, "kind")
	if cons := sumBy(t, rows, "executed", consolidated, "kind"); all["cheltuieli"] == cons["cheltuieli"] {
		t.Fatalf("the demo has no intra-group transfer: the rule is not tested (%v)", all)
	}

	// By institution: each cell is one institution's own budget, transfers included.
	e := aggregate(t, s, "drilldown=entity_cui|year&cut=kind:cheltuieli&aggregates=executed.sum")
	if len(e.Cut) != 1 || len(e.Notes) != 0 || strings.Join(e.Attributes, ",") != "entity_cui|year" && strings.Join(e.Attributes, ",") != "entity_cui,year" {
		t.Errorf("by entity: cut %+v notes %+v attributes %v", e.Cut, e.Notes, e.Attributes)
	}
	sameSums(t, "drilldown=entity_cui|year", cellsBy(t, e, "executed.sum", "entity_cui", "year"),
		sumBy(t, rows, "executed", func(r map[string]string) bool { return r["kind"] == "cheltuieli" }, "entity_cui", "year"))

	// A cut with several values, on a chapter, and one institution: no implied cut.
	main := s.man.Datasets[0].Coverage.Entities[0]
	c := aggregate(t, s, "drilldown=chapter_code&cut=entity_cui:"+main+"|year:2024;2025|kind:cheltuieli&aggregates=executed.sum")
	sameSums(t, "cut year:2024;2025", cellsBy(t, c, "executed.sum", "chapter_code"), sumBy(t, rows, "executed", func(r map[string]string) bool {
		return r["entity_cui"] == main && (r["year"] == "2024" || r["year"] == "2025") && r["kind"] == "cheltuieli"
	}, "chapter_code"))
}

// By month the cells sum budget_execution_monthly, whose months add up to
// each year's figure in the annual `budget`: the two downloads agree.
func TestAggregateByMonthAddsUpToTheYear(t *testing.T) {
	s := demoAPI(t)
	m := aggregate(t, s, "drilldown=year|month&aggregates=executed.sum|commitments.sum&pagesize=10000")
	if m.Dataset != "budget_execution_monthly" {
		t.Fatalf("dataset %s", m.Dataset)
	}
	sameSums(t, "by month", cellsBy(t, m, "executed.sum", "year", "month", "kind"),
		sumBy(t, readCSV(t, "budget_execution_monthly"), "executed", func(r map[string]string) bool { return r["intra_group"] == "false" }, "year", "month", "kind"))
	years := map[string]*big.Rat{}
	for _, c := range m.Cells {
		k := c["year"].(json.Number).String() + "|" + c["kind"].(string)
		v, _ := new(big.Rat).SetString(c["executed.sum"].(json.Number).String())
		if years[k] == nil {
			years[k] = new(big.Rat)
		}
		years[k].Add(years[k], v)
	}
	y := aggregate(t, s, "drilldown=year&aggregates=executed.sum")
	annual := cellsBy(t, y, "executed.sum", "year", "kind")
	if len(annual) == 0 || len(annual) != len(years) {
		t.Fatalf("%d years by month, %d in the annual budget", len(years), len(annual))
	}
	for k, v := range years {
		if v.FloatString(2) != annual[k] {
			t.Errorf("%s: the months add up to %s, the year's report says %s", k, v.FloatString(2), annual[k])
		}
	}
	// A level at the end of a month is summed within a month only, and has no total over months.
	one := aggregate(t, s, "drilldown=month&cut=year:2025|kind:cheltuieli&aggregates=final_budget.sum")
	if one.Summary["final_budget.sum"] != nil || len(one.Cells) == 0 || one.Cells[0]["final_budget.sum"] == nil {
		t.Errorf("final_budget by month: summary %v, cells %v", one.Summary, one.Cells)
	}
	resp, body := do(t, s.srv, "GET", "/api/v1/aggregate/budget?drilldown=year&cut=month:3;6&aggregates=final_budget.sum")
	checkError(t, "final_budget over months", resp, body, 400, "invalid_aggregate")
}

// order=executed.sum:desc orders the cells; pages are disjoint slices of one
// order with the same total and summary.
func TestAggregateOrderAndPages(t *testing.T) {
	s := demoAPI(t)
	q := "drilldown=functional_code&cut=year:2025|kind:cheltuieli&aggregates=executed.sum|_count&order=executed.sum:desc"
	all := aggregate(t, s, q+"&pagesize=10000")
	if all.TotalCellCount < 7 || int(all.TotalCellCount) != len(all.Cells) {
		t.Fatalf("%d cells, total %d", len(all.Cells), all.TotalCellCount)
	}
	if all.Order[0] != [2]string{"executed.sum", "desc"} {
		t.Errorf("order %v", all.Order)
	}
	prev := (*big.Rat)(nil)
	for _, c := range all.Cells {
		v, _ := new(big.Rat).SetString(c["executed.sum"].(json.Number).String())
		if prev != nil && v.Cmp(prev) > 0 {
			t.Fatalf("not descending: %s after %s", v.FloatString(2), prev.FloatString(2))
		}
		prev = v
	}
	p1, p2 := aggregate(t, s, q+"&pagesize=3"), aggregate(t, s, q+"&pagesize=3&page=2")
	if p2.Page != 2 || p2.PageSize != 3 || len(p1.Cells) != 3 || len(p2.Cells) != 3 {
		t.Fatalf("pages %d/%d of %d and %d cells", p2.Page, p2.PageSize, len(p1.Cells), len(p2.Cells))
	}
	for i, c := range append(p1.Cells, p2.Cells...) {
		if c["functional_code"] != all.Cells[i]["functional_code"] {
			t.Errorf("cell %d of the pages is %v, of the whole %v", i, c["functional_code"], all.Cells[i]["functional_code"])
		}
	}
	if p2.TotalCellCount != all.TotalCellCount || p2.Summary["executed.sum"] != all.Summary["executed.sum"] {
		t.Errorf("page 2: total %d summary %v, whole %d %v", p2.TotalCellCount, p2.Summary, all.TotalCellCount, all.Summary)
	}
	var n int64
	for _, c := range all.Cells {
		k, _ := c["_count"].(json.Number).Int64()
		n += k
	}
	if got, _ := all.Summary["_count"].(json.Number).Int64(); got != n {
		t.Errorf("summary _count %d, the cells' %d", got, n)
	}
}

// Bad queries get a 400 in both languages saying what to change.
func TestAggregateBadRequests(t *testing.T) {
	s := demoAPI(t)
	for _, c := range []struct{ query, code, says string }{
		{"drilldown=amount", "unknown_dimension", "chapter_code"},
		{"drilldown=year|year", "invalid_drilldown", "year"},
		{"cut=nope:1", "unknown_dimension", "entity_cui"},
		{"cut=year", "invalid_cut", "dimensiune:valoare"},
		{"cut=year:", "invalid_cut", "dimensiune:valoare"},
		{"cut=year:2025|", "invalid_cut", "dimensiune:valoare"},
		{"cut=year:2025|kind:\"cheltuieli", "invalid_cut", "ghilimele"},
		{"cut=year:2025x", "invalid_cut", "număr întreg"},
		{"cut=intra_group:da", "invalid_cut", "true sau false"},
		{"aggregates=executed", "unknown_measure", "executed.sum"},
		{"aggregates=executed.avg", "unknown_measure", "_count"},
		{"drilldown=month&aggregates=initial_budget.sum", "unknown_measure", "budget_execution_monthly"},
		{"aggregates=_count|_count", "invalid_aggregate", "_count"},
		{"order=executed.sum:up", "invalid_order", "desc"},
		{"order=initial_budget.sum&aggregates=executed.sum", "invalid_order", "executed.sum"},
		{"pagesize=" + strconv.Itoa(models.AggregateMaxPageSize+1), "too_many_cells", "10000"},
		{"cut=year:%zz", "invalid_query", "%25"},
		{"pagesize=-1", "invalid_page", "pagesize"},
		{"page=0", "invalid_page", "page"},
		{"page=99999999999999999&pagesize=10000", "invalid_page", "1000000"},
		{"drilldowns=year", "unknown_parameter", "drilldown"},
		{"drilldown=year&drilldown=kind", "repeated_parameter", "|"},
	} {
		resp, body := do(t, s.srv, "GET", "/api/v1/aggregate/budget?"+(&url.URL{RawQuery: c.query}).RawQuery)
		e := checkError(t, c.query, resp, body, 400, c.code)
		if !strings.Contains(e.Message.RO, c.says) {
			t.Errorf("%s: %q does not say %q", c.query, e.Message.RO, c.says)
		}
	}
}

// No query string, however odd, gives anything but an answer or a JSON 400.
func FuzzAggregateQuery(f *testing.F) {
	f.Add("year", "", "", "", "", "")
	f.Add("year|month", "kind:cheltuieli|year:2025", "executed.sum|_count", "executed.sum:desc", "2", "5")
	f.Add("chapter_code", `chapter_code:"65.02";66.02`, "final_budget.sum", "chapter_code:desc", "1", "10000")
	f.Add("entity_cui|intra_group", "entity_cui:'; DROP TABLE budget; --", "", "", "", "")
	f.Add("", "year:2025|", "_count", ",", "x", "-1")
	f.Add("month", "month:13;0", "executed_cumulative.sum", "month", "999999999999", "0")
	f.Add("ș", "ș:ș", "ș.sum", "ș:ș", "1e3", "1.5")
	s := demoAPI(f)
	f.Fuzz(func(t *testing.T, drilldown, cut, aggregates, order, page, pagesize string) {
		v := url.Values{}
		for k, s := range map[string]string{"drilldown": drilldown, "cut": cut, "aggregates": aggregates, "order": order, "page": page, "pagesize": pagesize} {
			if s != "" {
				v.Set(k, s)
			}
		}
		resp, body := do(t, s.srv, "GET", "/api/v1/aggregate/budget?"+v.Encode())
		switch resp.StatusCode {
		case 200:
			var a APIAggregate
			if err := json.Unmarshal(body, &a); err != nil || a.Status != "ok" || len(a.Cells) > a.PageSize {
				t.Fatalf("%s: 200 %v %.300s", v.Encode(), err, body)
			}
		case 400:
			var e APIError
			if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" || e.Error.Message.RO == "" || e.Error.Message.EN == "" {
				t.Fatalf("%s: 400 not a JSON error: %v %.300s", v.Encode(), err, body)
			}
		default:
			t.Fatalf("%s: %d %.300s", v.Encode(), resp.StatusCode, body)
		}
	})
}
