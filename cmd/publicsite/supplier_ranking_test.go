package main

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
)

// rankedSupplier is a row of a ranking as the plain SQL gives it.
type rankedSupplier struct{ cui, name, count, value string }

// plainRanking is the plain SQL's ranking over the release's procurement
// file of the contracts that enter totals, where (and its args) says.
func plainRanking(t *testing.T, s *countySite, where string, args ...any) []rankedSupplier {
	t.Helper()
	rows, err := s.db.Query(`SELECT supplier_cui, supplier_name, count(*), CAST(sum(value) AS VARCHAR) AS total
		FROM procurement WHERE counts_in_total`+where+` GROUP BY supplier_cui, supplier_name
		ORDER BY sum(value) DESC NULLS LAST, supplier_cui NULLS LAST, supplier_name NULLS LAST LIMIT 10`, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []rankedSupplier
	for rows.Next() {
		var cui, name, total *string
		var n int64
		if err := rows.Scan(&cui, &name, &n, &total); err != nil {
			t.Fatal(err)
		}
		if cui == nil || name == nil || total == nil {
			t.Fatalf("the fixture's top suppliers have a NULL: %v %v %v", cui, name, total)
		}
		out = append(out, rankedSupplier{*cui, *name, fmt.Sprint(n), *total})
	}
	if len(out) < 2 {
		t.Fatalf("the fixture has %d suppliers%s: nothing is ranked", len(out), where)
	}
	return out
}

// checkRanking holds the chart name of the page at path to wants: its
// caption, its options, and each row in order, its count and value as
// data-value and in lei, its name linking to the contractor's page.
func checkRanking(t *testing.T, s *countySite, path, name, caption, prefix string, wants []rankedSupplier) {
	t.Helper()
	code, page, _ := s.get(t, path)
	if code != 200 {
		t.Fatalf("%s: %d", path, code)
	}
	chart := regexp.MustCompile(`(?s)<figure class="chart" data-chart="` + name + `".*?</figure>`).FindString(page)
	if chart == "" {
		t.Fatalf("%s: no chart %s", path, name)
	}
	if !strings.Contains(chart, "<caption>"+html.EscapeString(caption)+"</caption>") || !strings.Contains(chart, `class="chart-options"`) {
		t.Errorf("%s: the chart has not its caption %q and options", path, caption)
	}
	got := reRow.FindAllStringSubmatch(chart, -1)
	if len(got) != len(wants) {
		t.Fatalf("%s: %d rows, the plain SQL %d", path, len(got), len(wants))
	}
	for i, r := range got {
		w := wants[i]
		href := prefix + "/achizitii/furnizori/" + w.cui
		text := html.UnescapeString(strings.TrimSpace(reTags.ReplaceAllString(r[1], "")))
		tds := reTD.FindAllStringSubmatch(r[2], -1)
		if text != w.name || !strings.Contains(r[1], `href="`+href+`"`) || len(tds) != 2 || tds[0][1] != w.count || tds[1][1] != w.value {
			t.Errorf("%s row %d: %q %s, want %+v linking to %s", path, i+1, text, r[2], w, href)
		}
		if len(tds) == 2 && !strings.HasSuffix(tds[1][2], " lei") {
			t.Errorf("%s row %d: the value %q is not in lei", path, i+1, tds[1][2])
		}
	}
}

// The county page ranks the contractors that won most in the whole release
// (every institution and year), in Romanian and English, from the
// aggregates prepared with the release: the plain SQL's rows, in order.
func TestCountyPageRanksTheTopSuppliers(t *testing.T) {
	s := county(t)
	wants := plainRanking(t, s, "")
	checkRanking(t, s, "/judet?an=2025", "county-suppliers", "Contractanții care au câștigat cel mai mult, în toți anii ediției", "", wants)
	checkRanking(t, s, "/en/county?an=2025", "county-suppliers", "The contractors that won most, in every year of the release", "/en", wants)
}

// /achizitii ranks the contractors that won most of the institution's year
// (the whole year, whatever the filters), from the aggregates prepared with
// the release: the plain SQL's rows of that institution and year, in order.
func TestProcurementPageRanksTheYearsTopSuppliers(t *testing.T) {
	s := county(t)
	var buyer string
	var year int
	if err := s.db.QueryRow(`SELECT buyer_cui, year FROM procurement WHERE counts_in_total AND year IS NOT NULL
		GROUP BY 1, 2 ORDER BY count(DISTINCT supplier_cui) DESC, 1, 2 LIMIT 1`).Scan(&buyer, &year); err != nil {
		t.Fatal(err)
	}
	wants := plainRanking(t, s, " AND buyer_cui = ? AND year = ?", buyer, year)
	q := fmt.Sprintf("/achizitii?entitate=%s&an=%d", buyer, year)
	checkRanking(t, s, q, "procurement-suppliers", fmt.Sprintf("Contractanții care au câștigat cel mai mult în %d", year), "", wants)
	checkRanking(t, s, "/en"+q, "procurement-suppliers", fmt.Sprintf("The contractors that won most in %d", year), "/en", wants)
	checkRanking(t, s, q+"&procedura=nope", "procurement-suppliers", fmt.Sprintf("Contractanții care au câștigat cel mai mult în %d", year), "", wants)
}
