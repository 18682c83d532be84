package main

import (
	"database/sql"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// kpiOf is a KPI card's value and text on a page ("" when absent).
func kpiOf(page, name string) (value, text string) {
	m := regexp.MustCompile(`<data data-kpi="` + name + `" value="([^"]*)">([^<]*)</data>`).FindStringSubmatch(page)
	if m == nil {
		return "", ""
	}
	return m[1], strings.Join(strings.Fields(m[2]), " ")
}

// The views of the budget page and the county page: in total or per
// inhabitant, in lei, in euro at the year's BNR rate, in lei at 2024 prices
// by INSSE's index; a year the reference data does not cover says so.
func TestViewsInTotalPerInhabitantEURAndRealLei(t *testing.T) {
	s := county(t)
	// The municipality's own payments of 2025: 12.000.000,00 lei.
	for _, c := range []struct {
		path, kpi, value, text string
	}{
		{"/buget?entitate=9992018&an=2025", "budget-executed", "12000000.00", "12.000.000,00 lei"},
		{"/buget?entitate=9992018&an=2025&moneda=eur", "budget-executed", "2390438.25", "2.390.438,25 EUR"},
		{"/en/buget?entitate=9992018&an=2025&moneda=eur", "budget-executed", "2390438.25", "2,390,438.25 EUR"},
		{"/buget?entitate=9992018&an=2025&valori=locuitor&moneda=eur", "budget-executed", "12.07", "12,07 EUR"},
		{"/buget?entitate=9992018&an=2025&valori=locuitor", "budget-executed", "60.61", "60,61 lei"},
		{"/buget?entitate=9992018&an=2025&moneda=eur", "per-capita-executed", "12.07", "12,07 EUR"},
		{"/buget?entitate=9992034&an=2023&moneda=lei-2024", "budget-executed", "1052631.58", "1.052.631,58 lei"},
	} {
		code, page, _ := s.get(t, c.path)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", c.path, code)
		}
		if v, txt := kpiOf(page, c.kpi); v != c.value || txt != c.text {
			t.Errorf("%s %s: %q %q, want %q %q", c.path, c.kpi, v, txt, c.value, c.text)
		}
	}
	_, page, _ := s.get(t, "/buget?entitate=9992034&an=2023&moneda=lei-2024")
	if !strings.Contains(page, "Sumele sunt în lei la prețurile din 2024, ajustate cu indicele prețurilor de consum al INSSE pentru anul 2023 (95,0, cu 2024 = 100).") {
		t.Errorf("the budget page does not say which index it used")
	}
	// 2025 has no CPI: no figure, the reason instead.
	_, page, _ = s.get(t, "/buget?entitate=9992018&an=2025&moneda=lei-2024")
	if v, _ := kpiOf(page, "budget-executed"); v != "" || !strings.Contains(page, "indicele prețurilor INSSE pentru 2025 nu este încă în sursa de referință: nu îl estimăm") {
		t.Errorf("2025 at 2024 prices: %q, or no reason", v)
	}

	// The county page: per inhabitant by default, in total on request.
	for _, c := range []struct {
		path, unit string
		col        int
		text       string
	}{
		{"/judet?an=2025&moneda=eur", "Municipiul Probă", colExpenses, "12,88 EUR"},
		{"/judet?an=2025&valori=total", "Municipiul Probă", colExpenses, "12.800.000,00 lei"},
		{"/judet?an=2023&moneda=lei-2024", "Orașul Vale", colExpenses, "87,72 lei"},
		{"/judet?an=2023&moneda=lei-2024&valori=total", "Orașul Vale", colExpenses, "1.052.631,58 lei"},
		{"/judet?an=2025&moneda=lei-2024", "Orașul Vale", colExpenses, "– (indicele prețurilor INSSE pentru 2025 nu este încă în sursa de referință: nu îl estimăm)"},
		{"/en/county?an=2025&moneda=eur", "Municipiul Probă", colRevenues, "12.07 EUR"},
	} {
		_, page, _ := s.get(t, c.path)
		rows, _ := countyRows(t, page)
		if got := strings.Join(strings.Fields(rows[c.unit][c.col].text), " "); got != c.text {
			t.Errorf("%s %s: %q, want %q", c.path, c.unit, got, c.text)
		}
	}
	_, page, _ = s.get(t, "/judet?an=2025&valori=total")
	if !strings.Contains(page, ">Cheltuieli (plăți)</a>") {
		t.Errorf("the total view's column is not named so")
	}
	// The sort links and the download keep the view.
	if !strings.Contains(page, `href="/judet.csv?an=2025&amp;ordine=tip_asc&amp;valori=total"`) {
		t.Errorf("the download does not keep the view")
	}
	for _, bad := range []string{"/buget?moneda=usd", "/judet?valori=toate"} {
		if code, page, _ := s.get(t, bad); code != http.StatusBadRequest || !strings.Contains(page, "valorile posibile") {
			t.Errorf("%s: %d", bad, code)
		}
	}
}

// The methodology names the views' sources (INSSE, BNR) and the county
// page's rules, in both languages.
func TestMethodologyNamesTheViewsSources(t *testing.T) {
	s := county(t)
	for _, c := range []struct {
		path string
		want []string
	}{
		{"/metodologie", []string{"Institutului Național de Statistică (INSSE)", "Băncii Naționale a României (BNR)", "moneda=lei|eur|lei-2024", "Legii nr. 273/2006", "suma bugetelor separate"}},
		{"/en/metodologie", []string{"National Institute of Statistics&#39; (INSSE)", "National Bank of Romania&#39;s (BNR)", "valori=total|locuitor", "not a consolidated budget"}},
	} {
		_, page, _ := s.get(t, c.path)
		for _, w := range c.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: no %q", c.path, w)
			}
		}
	}
}

// chartTable is a chart's table on a page: each row's cells by its heading
// (tags stripped; the foot's heading is "Total"), and its notes.
type chartTable struct {
	rows    map[string][]countyCell
	note    string
	options string // the chart's ECharts options (JSON)
}

var (
	reChartFigure = regexp.MustCompile(`(?s)<figure class="chart" data-chart="([^"]+)"(.*?)</figure>`)
	reNote        = regexp.MustCompile(`(?s)<p class="note">(.*?)</p>`)
	reOptions     = regexp.MustCompile(`(?s)<script type="application/json" class="chart-options">(.*?)</script>`)
)

func chartOn(t *testing.T, page, name string) chartTable {
	t.Helper()
	for _, m := range reChartFigure.FindAllStringSubmatch(page, -1) {
		if m[1] != name {
			continue
		}
		c := chartTable{rows: map[string][]countyCell{}}
		for _, r := range reRow.FindAllStringSubmatch(m[2], -1) {
			head := html.UnescapeString(strings.TrimSpace(reTags.ReplaceAllString(r[1], "")))
			var cells []countyCell
			for _, td := range reTD.FindAllStringSubmatch(r[2], -1) {
				cells = append(cells, countyCell{text: html.UnescapeString(strings.TrimSpace(reTags.ReplaceAllString(td[2], ""))), value: td[1]})
			}
			c.rows[head] = cells
		}
		for _, n := range reNote.FindAllStringSubmatch(m[2], -1) {
			c.note += html.UnescapeString(n[1]) + " "
		}
		if o := reOptions.FindStringSubmatch(m[2]); o != nil {
			c.options = o[1]
		}
		return c
	}
	t.Fatalf("no chart %q on the page", name)
	return chartTable{}
}

// cell is the cell col of the row whose heading starts with head.
func (c chartTable) cell(t *testing.T, head string, col int) countyCell {
	t.Helper()
	for h, cells := range c.rows {
		if strings.HasPrefix(h, head) && col < len(cells) {
			return cells[col]
		}
	}
	t.Fatalf("no row %q (column %d) in %v", head, col, c.rows)
	return countyCell{}
}

// viewSQL is a budget figure in a view as an independent SQL computes it
// over the release's budget.parquet and entities.parquet and the reference
// file the site embeds a copy of (../shared/data/ro_cpi_eur_annual.csv):
// the sum of col over the entity's rows of year matching where, in euro at
// the year's rate or in lei at 2024 prices, then per inhabitant at the
// year's population (else the nearest earlier year's), each step rounded
// to the ban or cent. "" when the reference file has no figure for the
// year.
func (s *countySite) viewSQL(t *testing.T, col, where, entity string, year int, currency string, perInhabitant bool) string {
	t.Helper()
	var v sql.NullString
	err := s.db.QueryRow(`WITH ref AS (SELECT * FROM read_csv('../../../shared/data/ro_cpi_eur_annual.csv',
				types = {'year': 'INTEGER', 'cpi_index_2024_eq_100': 'DECIMAL(6,1)', 'ron_per_eur_annual_average': 'DECIMAL(8,4)'})),
			x AS (SELECT sum(`+col+`) AS a FROM budget WHERE entity_cui = $1 AND year = $2 AND `+where+`),
			c AS (SELECT CASE $3
				WHEN 'lei' THEN x.a
				WHEN 'eur' THEN round(x.a / (SELECT ron_per_eur_annual_average FROM ref WHERE year = $2), 2)
				ELSE round(x.a * (SELECT cpi_index_2024_eq_100 FROM ref WHERE year = 2024) / (SELECT cpi_index_2024_eq_100 FROM ref WHERE year = $2), 2) END AS v FROM x),
			pop AS (SELECT arg_max(population, population_year) AS people FROM entities WHERE cui = $1 AND population_year <= $2)
		SELECT CAST(CASE WHEN $4 THEN round(c.v / pop.people, 2) ELSE c.v END AS VARCHAR) FROM c, pop`,
		entity, year, currency, perInhabitant).Scan(&v)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Valid {
		return ""
	}
	return lei2(v.String)
}

// The budget page's tables and charts are in the view the page asks for,
// like its KPI cards: each year at its own BNR rate or INSSE index and its
// own population, "–" with the reason for a year the reference data does
// not cover, in both languages; the figures are the independent SQL's.
func TestBudgetTablesInTheView(t *testing.T) {
	s := county(t)
	const mun, town = "9992018", "9992034"
	expense, revenue := "kind = 'cheltuieli'", "kind = 'venituri'"
	for _, c := range []struct {
		path, chart, row string
		col              int
		col_, where      string
		entity           string
		year             int
		currency         string
		perInhabitant    bool
		text             string
	}{
		// Payments of title 10, per inhabitant in euro: 9.000.000 lei / 5,0200 / 198.000 (2024).
		{"/buget?entitate=9992018&an=2025&moneda=eur&valori=locuitor", "budget-economic", "10 ", 2, "executed", expense + " AND economic_title = '10'", mun, 2025, "eur", true, "9,05 EUR"},
		{"/en/buget?entitate=9992018&an=2025&moneda=eur&valori=locuitor", "budget-economic", "10 ", 2, "executed", expense + " AND economic_title = '10'", mun, 2025, "eur", true, "9.05 EUR"},
		{"/buget?entitate=9992018&an=2025&moneda=eur&valori=locuitor", "budget-economic", "Total", 1, "final_budget", expense, mun, 2025, "eur", true, "15,09 EUR"},
		{"/buget?entitate=9992018&an=2025&moneda=eur&valori=locuitor", "budget-revenues", "Total", 2, "executed", revenue, mun, 2025, "eur", true, "12,07 EUR"},
		{"/buget?entitate=9992018&an=2025&moneda=eur&valori=locuitor", "budget-monthly", "decembrie", 1, "executed", expense, mun, 2025, "eur", true, "12,07 EUR"},
		{"/buget?entitate=9992018&an=2025&moneda=eur&valori=locuitor", "budget-chapters", "84.02", 2, "executed", expense + " AND chapter_code = '84.02'", mun, 2025, "eur", true, "3,02 EUR"},
		{"/buget?entitate=9992018&an=2025&moneda=eur", "budget-sections", "Total", 2, "executed", expense, mun, 2025, "eur", false, "2.390.438,25 EUR"},
		// The drill-down into a chapter keeps the view.
		{"/buget?entitate=9992018&an=2025&capitol=84&moneda=eur&valori=locuitor", "budget-subchapters", "Total", 2, "executed", expense + " AND chapter_code = '84.02'", mun, 2025, "eur", true, "3,02 EUR"},
		// The town's years: 2023 at 2024 prices (index 95,0), 2025 not covered.
		{"/en/buget?entitate=9992034&an=2025&moneda=lei-2024", "budget-years", "2023", 1, "executed", expense, town, 2023, "lei-2024", false, "1,052,631.58 lei"},
		{"/en/buget?entitate=9992034&an=2025&moneda=lei-2024", "budget-years", "2023", 2, "executed", revenue, town, 2023, "lei-2024", false, "1,000,000.00 lei"},
		{"/en/buget?entitate=9992034&an=2025&moneda=lei-2024", "budget-years", "2025", 1, "executed", expense, town, 2025, "lei-2024", false, "–"},
		{"/buget?entitate=9992034&an=2023&moneda=lei-2024&valori=locuitor", "budget-economic", "Total", 2, "executed", expense, town, 2023, "lei-2024", true, "87,72 lei"},
		// Per inhabitant in lei, each year at its population (12.000, 2021).
		{"/buget?entitate=9992034&an=2025&valori=locuitor", "budget-years", "2023", 1, "executed", expense, town, 2023, "lei", true, "83,33 lei"},
		{"/buget?entitate=9992034&an=2025&valori=locuitor", "budget-years", "2025", 1, "executed", expense, town, 2025, "lei", true, "125,00 lei"},
		// The plain view is the amounts as they are.
		{"/buget?entitate=9992018&an=2025", "budget-economic", "10 ", 2, "executed", expense + " AND economic_title = '10'", mun, 2025, "lei", false, "9.000.000,00 lei"},
	} {
		code, page, _ := s.get(t, c.path)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", c.path, code)
		}
		got := chartOn(t, page, c.chart).cell(t, c.row, c.col)
		want := s.viewSQL(t, c.col_, c.where, c.entity, c.year, c.currency, c.perInhabitant)
		if got.value != want || got.text != c.text {
			t.Errorf("%s %s %q col %d: page %q %q, SQL %q, want text %q", c.path, c.chart, c.row, c.col, got.value, got.text, want, c.text)
		}
	}

	// A year the index does not cover: "–" and the reason under the table,
	// never a guess; the sources beside.
	for _, c := range []struct {
		path, chart string
		want        []string
	}{
		{"/en/buget?entitate=9992034&an=2025&moneda=lei-2024", "budget-years", []string{"Each year is in lei at 2024 prices, by INSSE's consumer price index for that year.", "“–”: INSSE's price index for 2025 is not yet in the reference data: we do not estimate it."}},
		{"/buget?entitate=9992034&an=2025&moneda=lei-2024", "budget-economic", []string{"Indicele prețurilor INSSE pentru 2025 nu este încă în sursa de referință: nu îl estimăm."}},
		{"/buget?entitate=9992018&an=2025&moneda=eur&valori=locuitor", "budget-economic", []string{"Sumele sunt în euro, la cursul mediu anual al BNR din 2025: 5,0200 lei pentru un euro.", "Pe locuitor: împărțite la populația anului"}},
		{"/buget?entitate=9992034&an=2025&valori=locuitor", "budget-years", []string{"Pe locuitor: fiecare an împărțit la populația lui (sau a celui mai apropiat an anterior)."}},
	} {
		_, page, _ := s.get(t, c.path)
		note := chartOn(t, page, c.chart).note
		for _, w := range c.want {
			if !strings.Contains(note, w) {
				t.Errorf("%s %s: no %q in the note %q", c.path, c.chart, w, note)
			}
		}
	}
	_, page, _ := s.get(t, "/buget?entitate=9992034&an=2025&moneda=lei-2024")
	if c := chartOn(t, page, "budget-economic"); c.cell(t, "Total", 2).text != "–" || c.cell(t, "Total", 2).value != "" || strings.Count(c.note, "nu îl estimăm") != 1 {
		t.Errorf("2025 at 2024 prices: %+v, want – and the reason once in %q", c.cell(t, "Total", 2), c.note)
	}
	// The charts draw the same figures: the view's, no bar where there is none.
	_, page, _ = s.get(t, "/buget?entitate=9992018&an=2025&moneda=eur&valori=locuitor")
	if o := chartOn(t, page, "budget-economic").options; !strings.Contains(o, `"value":9.05`) || strings.Contains(o, `"value":9000000`) {
		t.Errorf("the economic chart is not in the view: %s", o)
	}
	_, page, _ = s.get(t, "/buget?entitate=9992034&an=2025&moneda=lei-2024")
	if o := chartOn(t, page, "budget-economic").options; !strings.Contains(o, `"value":"-"`) || strings.Contains(o, `"value":1500000`) {
		t.Errorf("a year without an index is drawn: %s", o)
	}
	// The population and its year beside the figures.
	_, page, _ = s.get(t, "/buget?entitate=9992018&an=2025&valori=locuitor")
	if !strings.Contains(page, "Populația folosită: 198.000 de locuitori (2024).") {
		t.Errorf("the per-inhabitant view does not show its population and year")
	}

	// Links and forms keep the view: a chapter's drill-down, the entity
	// selector, the filter form.
	_, page, _ = s.get(t, "/buget?entitate=9992018&an=2025&moneda=eur&valori=locuitor")
	for _, w := range []string{`capitol=84&amp;entitate=9992018&amp;moneda=eur&amp;valori=locuitor`,
		`<input type="hidden" name="valori" value="locuitor">`, `<input type="hidden" name="moneda" value="eur">`,
		`<option value="eur" selected>`} {
		if !strings.Contains(page, w) {
			t.Errorf("the view is not kept: no %q", w)
		}
	}
	// Bad values: a 400 naming the allowed ones, in the page's language.
	for _, c := range []struct{ path, want string }{
		{"/buget?entitate=9992018&valori=toate", "valorile posibile sunt total și locuitor"},
		{"/en/buget?entitate=9992018&moneda=usd", "the possible values are lei, eur and lei-2024"},
	} {
		code, page, _ := s.get(t, c.path)
		if code != http.StatusBadRequest || !strings.Contains(html.UnescapeString(page), c.want) {
			t.Errorf("%s: %d, no %q", c.path, code, c.want)
		}
	}
}
