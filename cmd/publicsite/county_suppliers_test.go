package main

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
)

// reSuppliersChart is the county page's chart of the top suppliers.
var reSuppliersChart = regexp.MustCompile(`(?s)<figure class="chart" data-chart="county-suppliers".*?</figure>`)

// The county page ranks the contractors that won most in the whole release,
// in a chart with its table (Romanian and English), from the aggregates
// prepared with the release: each row is the plain SQL's over the release's
// procurement file (contracts that enter totals, every institution and year),
// in order, its count and value as data-value, its name linking to the
// contractor's page.
func TestCountyPageRanksTheTopSuppliers(t *testing.T) {
	s := county(t)
	type want struct{ cui, name, count, value string }
	var wants []want
	rows, err := s.db.Query(`SELECT supplier_cui, supplier_name, count(*), CAST(sum(value) AS VARCHAR) AS total
		FROM procurement WHERE counts_in_total GROUP BY supplier_cui, supplier_name
		ORDER BY sum(value) DESC NULLS LAST, supplier_cui NULLS LAST, supplier_name NULLS LAST LIMIT 10`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var w want
		var cui, name, total *string
		var n int64
		if err := rows.Scan(&cui, &name, &n, &total); err != nil {
			t.Fatal(err)
		}
		if cui == nil || name == nil || total == nil {
			t.Fatalf("the fixture's top suppliers have a NULL: %v %v %v", cui, name, total)
		}
		w.cui, w.name, w.count, w.value = *cui, *name, fmt.Sprint(n), *total
		wants = append(wants, w)
	}
	rows.Close()
	if len(wants) < 2 {
		t.Fatalf("the fixture has %d suppliers: nothing is ranked", len(wants))
	}
	for _, c := range []struct{ path, caption, prefix string }{
		{"/judet?an=2025", "Contractanții care au câștigat cel mai mult, în toți anii ediției", ""},
		{"/en/county?an=2025", "The contractors that won most, in every year of the release", "/en"},
	} {
		code, page, _ := s.get(t, c.path)
		if code != 200 {
			t.Fatalf("%s: %d", c.path, code)
		}
		chart := reSuppliersChart.FindString(page)
		if chart == "" {
			t.Fatalf("%s: no chart of the top suppliers", c.path)
		}
		if !strings.Contains(chart, "<caption>"+html.EscapeString(c.caption)+"</caption>") || !strings.Contains(chart, `class="chart-options"`) {
			t.Errorf("%s: the chart has not its caption %q and options", c.path, c.caption)
		}
		got := reRow.FindAllStringSubmatch(chart, -1)
		if len(got) != len(wants) {
			t.Fatalf("%s: %d rows, the plain SQL %d", c.path, len(got), len(wants))
		}
		for i, r := range got {
			w := wants[i]
			href := c.prefix + "/achizitii/furnizori/" + w.cui
			name := html.UnescapeString(strings.TrimSpace(reTags.ReplaceAllString(r[1], "")))
			tds := reTD.FindAllStringSubmatch(r[2], -1)
			if name != w.name || !strings.Contains(r[1], `href="`+href+`"`) || len(tds) != 2 || tds[0][1] != w.count || tds[1][1] != w.value {
				t.Errorf("%s row %d: %q %s, want %+v linking to %s", c.path, i+1, name, r[2], w, href)
			}
			if len(tds) == 2 && !strings.HasSuffix(tds[1][2], " lei") {
				t.Errorf("%s row %d: the value %q is not in lei", c.path, i+1, tds[1][2])
			}
		}
	}
}
