package main

import (
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
