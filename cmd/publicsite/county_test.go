package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"html"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// countySite is the site over a small county of canonical files
// (testdata/county): a county council, a municipality with a school, a town
// and two communes, one of which publishes nothing and has no population.
// Every figure of it is known: the tests below state them.
type countySite struct {
	main    *Main
	base    string
	release string
	db      *sql.DB // the release's Parquet files, read directly
}

var (
	countyOnce sync.Once
	theCounty  *countySite
	countyErr  error
)

func county(t *testing.T) *countySite {
	t.Helper()
	countyOnce.Do(func() {
		var root string
		theCounty, root, countyErr = buildCounty()
		countyCleanup = func() { os.RemoveAll(root) }
	})
	if countyErr != nil {
		t.Fatal(countyErr)
	}
	return theCounty
}

// buildCounty publishes testdata/county and, loaded with it, the files of
// the same names in each of extra (testdata/peers adds units), and serves
// the release; root is the directory to remove when done.
func buildCounty(extra ...string) (s *countySite, root string, err error) {
	s, root, err = buildCountyIn(extra)
	if err != nil && root != "" {
		os.RemoveAll(root)
	}
	return s, root, err
}

func buildCountyIn(extra []string) (*countySite, string, error) {
	ctx := context.Background()
	root, err := os.MkdirTemp("", "deschis-county-test-")
	if err != nil {
		return nil, "", err
	}
	w, err := warehouse.Open(ctx, filepath.Join(root, "county.duckdb"), warehouse.Options{})
	if err != nil {
		return nil, root, err
	}
	for _, f := range []struct{ dataset, file string }{
		{models.DatasetEntities, "entities.csv"}, {models.DatasetBudget, "budget.csv"},
		{models.DatasetProcurement, "procurement.csv"}, {models.DatasetRequests, "requests.csv"},
	} {
		var files []warehouse.LoadFile
		for _, dir := range append([]string{"county"}, extra...) {
			path := filepath.Join("testdata", dir, f.file)
			if _, err := os.Stat(path); err != nil && dir != "county" {
				continue
			}
			opt := ingest.Options{Dataset: f.dataset, File: path}
			files = append(files, warehouse.LoadFile{Path: path,
				Open: func() (models.RowReader, error) { return ingest.OpenFile("deschis", opt, nil) }})
		}
		res, err := w.Load(ctx, warehouse.LoadSpec{Dataset: f.dataset, Format: "deschis"}, files)
		if err != nil {
			w.Close()
			return nil, root, err
		}
		for _, fr := range res.Files {
			if fr.RowsRejected != 0 {
				w.Close()
				return nil, root, &rejectedError{file: f.file, n: fr.RowsRejected}
			}
		}
	}
	res, err := w.Publish(ctx, release.Options{Out: filepath.Join(root, "releases"), Generator: "county test",
		Now: func() time.Time { return time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC) }})
	w.Close()
	if err != nil {
		return nil, root, err
	}
	s := &countySite{release: res.Path, main: &Main{}}
	if err := s.main.ParseFlags([]string{"--releases", filepath.Join(root, "releases"), "--addr", "127.0.0.1:0", "--reload", "1h"}, func(string) string { return "" }, io.Discard); err != nil {
		return nil, root, err
	}
	if err := s.main.Run(); err != nil {
		return nil, root, err
	}
	s.base = "http://" + s.main.Addr()
	if s.db, err = sql.Open("duckdb", ""); err != nil {
		return nil, root, err
	}
	for _, d := range []string{"entities", "budget", "procurement", "requests_daily", "requests_answer_days"} {
		p := strings.ReplaceAll(filepath.Join(s.release, "public", d+".parquet"), "'", "''")
		if _, err := s.db.Exec(`CREATE VIEW ` + d + ` AS SELECT * FROM read_parquet('` + p + `')`); err != nil {
			return nil, root, err
		}
	}
	return s, root, nil
}

var countyCleanup = func() {}

type rejectedError struct {
	file string
	n    int64
}

func (e *rejectedError) Error() string { return e.file + ": rows rejected" }

func (s *countySite) get(t *testing.T, path string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

// countyCell is a cell of the county table: its text (tags stripped) and its
// data-value.
type countyCell struct{ text, value string }

var (
	reCountyTable = regexp.MustCompile(`(?s)<table class="county">(.*?)</table>`)
	reRow         = regexp.MustCompile(`(?s)<tr><th scope="row">(.*?)</th>(.*?)</tr>`)
	reTD          = regexp.MustCompile(`(?s)<td[^>]*?(?: data-value="([^"]*)")?>(.*?)</td>`)
	reTags        = regexp.MustCompile(`<[^>]+>`)
)

// countyRows reads the county table of a page: by unit name, its cells.
func countyRows(t *testing.T, page string) (map[string][]countyCell, []string) {
	t.Helper()
	m := reCountyTable.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no county table in %.2000s", page)
	}
	rows := map[string][]countyCell{}
	var order []string
	for _, r := range reRow.FindAllStringSubmatch(m[1], -1) {
		name := html.UnescapeString(strings.TrimSpace(reTags.ReplaceAllString(r[1], "")))
		var cells []countyCell
		for _, c := range reTD.FindAllStringSubmatch(r[2], -1) {
			cells = append(cells, countyCell{text: html.UnescapeString(strings.TrimSpace(reTags.ReplaceAllString(c[2], ""))), value: c[1]})
		}
		rows[name] = cells
		order = append(order, name)
	}
	return rows, order
}

// The columns of the county table, in order.
const (
	colKind = iota
	colPopulation
	colExpenses
	colRevenues
	colExecution
	colAutonomy
	colCapital
	colDirect
	colMedian
	colWithinTerm
)

// The county page states every figure of the fixture, in Romanian and in
// English, with "–" and the reason where a figure is missing.
func TestCountyPageFigures(t *testing.T) {
	s := county(t)
	code, page, _ := s.get(t, "/judet?an=2025")
	if code != http.StatusOK {
		t.Fatalf("/judet: %d", code)
	}
	if !strings.Contains(page, "Unitățile administrative ale Județului Probă, 2025") {
		t.Errorf("the title does not inflect the county's name")
	}
	rows, _ := countyRows(t, page)
	want := map[string][]string{
		"Județul Probă":    {"consiliu județean", "400.000 de locuitori (2021)", "123,75 lei", "87,50 lei", "82,5 %", "14,3 %", "80,8 %", "9,1 %", "– (nicio cerere cu răspuns în 2025)", "– (nicio cerere cu termenul împlinit în 2025)"},
		"Municipiul Probă": {"municipiu", "198.000 de locuitori (2024)", "64,65 lei", "60,61 lei", "80,0 %", "33,3 %", "23,4 %", "9,1 %", "10 zile", "66,7 %"},
		"Orașul Vale":      {"oraș", "12.000 de locuitori (2021)", "125,00 lei", "166,67 lei", "75,0 %", "50,0 %", "0,0 %", "20,0 %", "3 zile", "50,0 %"},
		"Comuna Deal":      {"comună", "3.000 de locuitori (2021)", "416,67 lei", "400,00 lei", "83,3 %", "25,0 %", "20,0 %", "100,0 %", "– (nicio cerere cu răspuns în 2025)", "– (nicio cerere cu termenul împlinit în 2025)"},
		"Comuna Lipsă":     {"comună", "– (populația nu este cunoscută)", "– (nu are buget publicat pe 2025)", "– (nu are buget publicat pe 2025)", "– (nu are buget publicat pe 2025)", "– (nu are buget publicat pe 2025)", "– (nu are buget publicat pe 2025)", "– (niciun contract în 2025)", "– (nicio cerere cu răspuns în 2025)", "– (nicio cerere cu termenul împlinit în 2025)"},
		// The sum of separate budgets over the county's population.
		"Totalul județului: suma bugetelor separate": {"", "400.000 de locuitori (2021)", "162,63 lei", "125,50 lei"},
	}
	if len(rows) != len(want) {
		t.Errorf("%d rows, want %d: %v", len(rows), len(want), rows)
	}
	for name, cells := range want {
		got := rows[name]
		if len(got) < len(cells) {
			t.Errorf("%s: %d cells %v", name, len(got), got)
			continue
		}
		for i, w := range cells {
			if strings.Join(strings.Fields(got[i].text), " ") != w {
				t.Errorf("%s column %d: %q, want %q", name, i, got[i].text, w)
			}
		}
	}
	if strings.Contains(reCountyTable.FindString(page), "Școala Gimnazială") {
		t.Errorf("a subordinate unit is a row of the county table")
	}
	// The units link to their pages; per inhabitant to the consolidated budget.
	for _, link := range []string{`href="/?an=2025&amp;entitate=9992018"`, `href="/buget?an=2025&amp;entitate=9992018&amp;vedere=consolidat"`,
		`href="/cereri?an=2025&amp;entitate=9992034"`, `href="/achizitii?an=2025&amp;entitate=9992042"`, `href="/judet.csv?an=2025&amp;ordine=tip_asc"`} {
		if !strings.Contains(page, link) {
			t.Errorf("no link %s", link)
		}
	}
	_, en, _ := s.get(t, "/en/county?an=2025")
	enRows, _ := countyRows(t, en)
	for name, w := range map[string][]string{
		"Municipiul Probă": {"municipality", "198,000 inhabitants (2024)", "64.65 lei", "60.61 lei", "80.0%"},
		"Comuna Lipsă":     {"commune", "– (the population is not known)", "– (no budget published for 2025)"},
	} {
		for i, c := range w {
			if got := strings.Join(strings.Fields(enRows[name][i].text), " "); got != c {
				t.Errorf("en %s column %d: %q, want %q", name, i, got, c)
			}
		}
	}
	if !strings.Contains(en, `href="/en/county?`) || !strings.Contains(en, `href="/en/buget?an=2025&amp;entitate=9992018&amp;vedere=consolidat"`) {
		t.Errorf("the English page's links stay in English")
	}
	// In the navigation of every page, since the release has several units.
	for _, p := range []string{"/", "/buget", "/en/cereri"} {
		_, body, _ := s.get(t, p)
		if !strings.Contains(body, `href="/judet"`) && !strings.Contains(body, `href="/en/county"`) {
			t.Errorf("%s: the county page is not in the navigation", p)
		}
	}
}

// The per-inhabitant and on-time figures of the county page are those an
// independent SQL computes over the release's Parquet files: the
// consolidated budget of each unit's group over its population by the one
// rule (that year's figure, else the nearest earlier year's), and the
// requests answered within their term over those whose term came.
func TestCountyFiguresMatchSQLOverTheRelease(t *testing.T) {
	s := county(t)
	_, page, _ := s.get(t, "/judet?an=2025")
	rows, _ := countyRows(t, page)
	q, err := s.db.Query(`WITH pop AS (
			SELECT cui, arg_max(population, population_year) AS people, max(population_year) AS of
			FROM entities WHERE population_year <= 2025 GROUP BY cui),
		units AS (SELECT DISTINCT cui, name FROM entities WHERE kind IN ('municipiu', 'oraș', 'comună', 'județ', 'sector')),
		b AS (SELECT group_cui AS cui,
				sum(executed) FILTER (WHERE kind = 'cheltuieli') AS expenses,
				sum(executed) FILTER (WHERE kind = 'venituri') AS revenues
			FROM budget WHERE year = 2025 AND NOT intra_group GROUP BY 1),
		r AS (SELECT entity_cui AS cui, sum(answered_within_term) AS within, sum(answered) + sum(open_overdue) AS decided
			FROM requests_daily WHERE year(date) = 2025 GROUP BY 1)
		SELECT u.name,
			CAST(round(b.expenses / pop.people, 2) AS VARCHAR), CAST(round(b.revenues / pop.people, 2) AS VARCHAR),
			CAST(round(r.within / nullif(r.decided, 0), 4) AS VARCHAR), CAST(pop.people AS VARCHAR)
		FROM units u LEFT JOIN pop USING (cui) LEFT JOIN b USING (cui) LEFT JOIN r USING (cui)`)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	n := 0
	for q.Next() {
		var name string
		var exp, rev, within, people sql.NullString
		if err := q.Scan(&name, &exp, &rev, &within, &people); err != nil {
			t.Fatal(err)
		}
		n++
		cells := rows[name]
		if len(cells) <= colWithinTerm {
			t.Fatalf("%s: no row on the page", name)
		}
		for _, c := range []struct {
			col  int
			want sql.NullString
		}{{colPopulation, people}, {colExpenses, exp}, {colRevenues, rev}, {colWithinTerm, within}} {
			want := c.want.String
			if c.col == colExpenses || c.col == colRevenues {
				want = lei2(want)
			}
			if c.col == colWithinTerm && want != "" {
				want = frac4(want)
			}
			if !c.want.Valid {
				want = ""
			}
			if cells[c.col].value != want {
				t.Errorf("%s column %d: page %q, SQL %q", name, c.col, cells[c.col].value, want)
			}
		}
	}
	if n != 5 {
		t.Fatalf("%d units from SQL", n)
	}
}

// frac4 writes a DECIMAL fraction's text with four decimals ("0.5" -> "0.5000").
func frac4(s string) string {
	whole, f, _ := strings.Cut(s, ".")
	for len(f) < 4 {
		f += "0"
	}
	return whole + "." + f
}

// The table sorts on the server by any column (no JavaScript), the units
// without a figure last in either direction; a sort the page does not know
// is a 400 that lists the ones it does.
func TestCountyTableSorts(t *testing.T) {
	s := county(t)
	for _, c := range []struct {
		sort string
		want []string
	}{
		{"cheltuieli_desc", []string{"Comuna Deal", "Orașul Vale", "Județul Probă", "Municipiul Probă", "Comuna Lipsă"}},
		{"cheltuieli_asc", []string{"Municipiul Probă", "Județul Probă", "Orașul Vale", "Comuna Deal", "Comuna Lipsă"}},
		{"termen_asc", []string{"Orașul Vale", "Municipiul Probă", "Comuna Deal", "Comuna Lipsă", "Județul Probă"}},
		{"unitate_desc", []string{"Orașul Vale", "Municipiul Probă", "Județul Probă", "Comuna Lipsă", "Comuna Deal"}},
		{"tip_asc", []string{"Județul Probă", "Municipiul Probă", "Orașul Vale", "Comuna Deal", "Comuna Lipsă"}},
	} {
		_, page, _ := s.get(t, "/judet?an=2025&ordine="+c.sort)
		_, order := countyRows(t, page)
		if got := strings.Join(order[:len(order)-1], ", "); got != strings.Join(c.want, ", ") {
			t.Errorf("%s: %s", c.sort, got)
		}
		if !strings.Contains(page, `aria-sort=`) {
			t.Errorf("%s: no column says it is sorted", c.sort)
		}
	}
	code, page, _ := s.get(t, "/judet?ordine=data_desc")
	if code != http.StatusBadRequest || !strings.Contains(page, "cheltuieli_desc") {
		t.Errorf("a procurement order on the county page: %d", code)
	}
	if code, _, _ := s.get(t, "/achizitii?ordine=cheltuieli_desc"); code != http.StatusBadRequest {
		t.Errorf("a county order on the procurement page: %d", code)
	}
}

// The CSV download has the page's rows in the page's order with the same
// figures (the page's data-value), and the reason beside a missing one.
func TestCountyCSVIsThePage(t *testing.T) {
	s := county(t)
	for _, lang := range []struct{ page, csv string }{{"/judet?an=2025&ordine=venituri_desc", "/judet.csv?an=2025&ordine=venituri_desc"},
		{"/en/county?an=2025&ordine=venituri_desc", "/en/county.csv?an=2025&ordine=venituri_desc"}} {
		_, page, _ := s.get(t, lang.page)
		rows, order := countyRows(t, page)
		code, body, h := s.get(t, lang.csv)
		if code != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
			t.Fatalf("%s: %d %s", lang.csv, code, h.Get("Content-Type"))
		}
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != len(order)+1 {
			t.Fatalf("%s: %d records for %d rows", lang.csv, len(recs), len(order))
		}
		for i, rec := range recs[1:] {
			if i < len(order)-1 && rec[1] != order[i] {
				t.Errorf("%s row %d: %s, the page has %s", lang.csv, i, rec[1], order[i])
			}
			cells := rows[order[i]]
			for col := colPopulation; col <= colWithinTerm; col++ {
				v, why := rec[3+2*col], rec[4+2*col]
				if v != cells[col].value {
					t.Errorf("%s %s column %d: CSV %q, page %q", lang.csv, rec[1], col, v, cells[col].value)
				}
				if (v == "") != (why != "") || (why != "" && !strings.Contains(cells[col].text, why)) {
					t.Errorf("%s %s column %d: reason %q, page %q", lang.csv, rec[1], col, why, cells[col].text)
				}
			}
		}
	}
}

// One population everywhere: the budget page, the county page and its CSV
// give a unit's population of a year as the entities download has it by the
// one rule, with its year beside it.
func TestOnePopulationEverywhere(t *testing.T) {
	s := county(t)
	_, body, _ := s.get(t, "/date/entities.csv")
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	// The municipality's figures in the download: 2021 and 2024.
	byYear := map[string]string{}
	for _, r := range recs[1:] {
		if r[col["cui"]] == "9992018" {
			byYear[r[col["population_year"]]] = r[col["population"]]
		}
	}
	if byYear["2021"] != "200000" || byYear["2024"] != "198000" {
		t.Fatalf("the download's populations: %v", byYear)
	}
	// 2025 has no figure: the nearest earlier year's, 2024's, everywhere.
	_, budget, _ := s.get(t, "/buget?entitate=9992018&an=2025&vedere=consolidat")
	if !strings.Contains(budget, "Populația folosită: 198.000 de locuitori (2024).") {
		t.Errorf("the budget page does not use the 2024 population")
	}
	// Its per-inhabitant KPI is the county table's figure.
	if !strings.Contains(budget, `data-kpi="per-capita-executed"`) || !strings.Contains(budget, "64,65 lei") {
		t.Errorf("the budget page's per-inhabitant figure is not the county page's 64,65 lei")
	}
	_, enBudget, _ := s.get(t, "/en/buget?entitate=9992018&an=2025")
	if !strings.Contains(enBudget, "198,000 inhabitants (2024)") {
		t.Errorf("the English budget page does not use the 2024 population")
	}
	_, county, _ := s.get(t, "/judet?an=2025")
	rows, _ := countyRows(t, county)
	if rows["Municipiul Probă"][colPopulation].value != byYear["2024"] {
		t.Errorf("the county page's population %q", rows["Municipiul Probă"][colPopulation].value)
	}
	_, csvBody, _ := s.get(t, "/judet.csv?an=2025")
	recs, err = csv.NewReader(strings.NewReader(csvBody)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range recs {
		if r[0] == "9992018" {
			found = true
			if r[2] != "2024" || r[3+2*colPopulation] != byYear["2024"] {
				t.Errorf("the county CSV's population: %v", r)
			}
		}
	}
	if !found {
		t.Errorf("no municipality in the county CSV")
	}
	// A year of its own figure takes it.
	_, c2021, _ := s.get(t, "/judet.csv?an=2021")
	if !strings.Contains(c2021, "9992018,Municipiul Probă,2021,") {
		t.Errorf("2021 does not take the 2021 population: %s", c2021)
	}
}
