package opendata

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
)

// procurementAggregateExamples are the URLs that answer
// /aggregate/procurement with each documented status
// (TestOpenAPIMatchesTheRoutes validates them).
var procurementAggregateExamples = map[string][]string{
	"200": {
		"/aggregate/procurement?by=supplier",
		"/aggregate/procurement?by=supplier&limit=100",
		"/aggregate/procurement?by=month",
		"/aggregate/procurement?by=buyer_year",
	},
	"400": {
		"/aggregate/procurement",
		"/aggregate/procurement?by=cpv",
		"/aggregate/procurement?by=supplier&limit=0",
		"/aggregate/procurement?by=supplier&limit=101",
		"/aggregate/procurement?by=month&limit=5",
		"/aggregate/procurement?by=month&by=supplier",
		"/aggregate/procurement?by=month&year=2025",
	},
}

// procurementAggregate gets by's rows, sums as json.Number.
func procurementAggregate(t *testing.T, s apiSite, query string) APIProcurementAggregate {
	t.Helper()
	return decodeAPI[APIProcurementAggregate](t, s, "/api/v1/aggregate/procurement?"+query)
}

// csvGroup is a group of the procurement download's rows summed in Go.
type csvGroup struct {
	key       []string
	contracts int64
	total     *big.Rat // nil: no row has a value
}

// groupCSV groups the download's contracts that enter totals by key,
// summing their values exactly.
func groupCSV(t *testing.T, rows []map[string]string, key func(map[string]string) []string) []*csvGroup {
	t.Helper()
	groups := map[string]*csvGroup{}
	var out []*csvGroup
	for _, r := range rows {
		if r["counts_in_total"] != "true" {
			continue
		}
		k := key(r)
		g := groups[strings.Join(k, "\x00")]
		if g == nil {
			g = &csvGroup{key: k}
			groups[strings.Join(k, "\x00")] = g
			out = append(out, g)
		}
		g.contracts++
		if v := r["value"]; v != "" {
			x, ok := new(big.Rat).SetString(v)
			if !ok {
				t.Fatalf("value %q is not a number", v)
			}
			if g.total == nil {
				g.total = new(big.Rat)
			}
			g.total.Add(g.total, x)
		}
	}
	return out
}

// cellsOf are an API row's values of keys, then contracts and total, as
// text ("" for null, the total with two decimals).
func cellsOf(row map[string]any, keys ...string) []string {
	var out []string
	for _, k := range append(keys, "contracts", "total") {
		if v := row[k]; v != nil {
			out = append(out, fmt.Sprint(v))
		} else {
			out = append(out, "")
		}
	}
	return out
}

func (g *csvGroup) cells() []string {
	total := ""
	if g.total != nil {
		total = g.total.FloatString(2)
	}
	return append(slices.Clone(g.key), fmt.Sprint(g.contracts), total)
}

// The contracts summed by supplier, month and institution's year are the
// procurement download's rows that enter totals (never a framework
// agreement) summed exactly in Go, row by row and in order; the suppliers
// largest first, as many as limit says.
func TestProcurementAggregateIsTheDownloadsSum(t *testing.T) {
	s := demoAPI(t)
	rows := readCSV(t, "procurement")
	frameworks := 0
	for _, r := range rows {
		if r["counts_in_total"] != "true" {
			frameworks++
		}
	}
	if frameworks == 0 {
		t.Fatal("the demo has no framework agreement: the test proves nothing about them")
	}
	nullLast := func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == "":
			return 1
		case b == "":
			return -1
		}
		return strings.Compare(a, b)
	}
	for _, c := range []struct {
		by   string
		keys []string
		key  func(map[string]string) []string
		sort func(a, b *csvGroup) int
	}{
		{"month", []string{"month"}, func(r map[string]string) []string {
			if d := r["award_date"]; d != "" {
				return []string{d[:7]}
			}
			return []string{""}
		}, func(a, b *csvGroup) int { return nullLast(a.key[0], b.key[0]) }},
		{"buyer_year", []string{"buyer_cui", "year"}, func(r map[string]string) []string { return []string{r["buyer_cui"], r["year"]} },
			func(a, b *csvGroup) int {
				return cmp.Or(strings.Compare(a.key[0], b.key[0]), nullLast(a.key[1], b.key[1])) // years of four digits
			}},
		{"supplier", []string{"supplier_cui", "supplier_name"}, func(r map[string]string) []string { return []string{r["supplier_cui"], r["supplier_name"]} },
			func(a, b *csvGroup) int {
				switch {
				case a.total == nil && b.total != nil:
					return 1
				case a.total != nil && b.total == nil:
					return -1
				case a.total != nil:
					if c := b.total.Cmp(a.total); c != 0 {
						return c
					}
				}
				return cmp.Or(nullLast(a.key[0], b.key[0]), nullLast(a.key[1], b.key[1]))
			}},
	} {
		groups := groupCSV(t, rows, c.key)
		slices.SortFunc(groups, c.sort)
		limits := []string{""}
		if c.by == "supplier" {
			limits = []string{"", "&limit=1", "&limit=37", "&limit=100"}
		}
		for _, l := range limits {
			got := procurementAggregate(t, s, "by="+c.by+l)
			want := groups
			switch l {
			case "":
				if c.by == "supplier" {
					want = groups[:min(10, len(groups))]
				}
			default:
				var n int
				fmt.Sscanf(l, "&limit=%d", &n)
				want = groups[:min(n, len(groups))]
			}
			if got.By != c.by || got.ReleaseID != s.man.ReleaseID || got.Note.RO == "" || got.Note.EN == "" {
				t.Errorf("by=%s%s: by %q, release %q, note %+v", c.by, l, got.By, got.ReleaseID, got.Note)
			}
			if len(got.Rows) != len(want) || len(want) < 2 && l != "&limit=1" {
				t.Fatalf("by=%s%s: %d rows, the download's sums %d", c.by, l, len(got.Rows), len(want))
			}
			for i, g := range want {
				if a, b := cellsOf(got.Rows[i], c.keys...), g.cells(); !slices.Equal(a, b) {
					t.Errorf("by=%s%s row %d: %q, the download's sum %q", c.by, l, i+1, a, b)
				}
			}
		}
	}
}

// A wrong query answers 400 with what to change, in both languages.
func TestProcurementAggregateBadRequests(t *testing.T) {
	s := demoAPI(t)
	for path, code := range map[string]string{
		"/aggregate/procurement":                       "invalid_by",
		"/aggregate/procurement?by=cpv":                "invalid_by",
		"/aggregate/procurement?by=supplier&limit=0":   "bad_limit",
		"/aggregate/procurement?by=supplier&limit=ten": "bad_limit",
		"/aggregate/procurement?by=supplier&limit=101": "bad_limit",
		"/aggregate/procurement?by=month&limit=5":      "bad_limit",
		"/aggregate/procurement?by=month&by=supplier":  "repeated_parameter",
		"/aggregate/procurement?by=month&year=2025":    "unknown_parameter",
		"/aggregate/procurement?by=supplier&limit=%zz": "invalid_query",
	} {
		resp, body := do(t, s.srv, "GET", APIPrefix+path)
		e := checkError(t, path, resp, body, 400, code)
		if code == "invalid_by" && !strings.Contains(e.Message.RO, "by=month") {
			t.Errorf("%s: %q does not say what by can be", path, e.Message.RO)
		}
	}
}
