package public

import (
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/export"
)

// countyCSV is the county page's table as CSV (/judet.csv, /en/county.csv):
// the same rows in the same order with the same figures, each as its
// machine value (the page's data-value: lei with a point and two decimals,
// shares as fractions with four decimals, days, inhabitants), the reason in
// a column beside a missing one.
func (s *Server) countyCSV(w http.ResponseWriter, r *http.Request) {
	rel := s.cfg.Release(r)
	q := &request{Request: r, lang: dashboards.LangOf(r), rel: rel}
	var err error
	if q.query, err = ParseQuery(r.URL.Query()); err != nil {
		s.site.Fail(w, r, err)
		return
	}
	d, err := countyDataOf(q)
	if err != nil {
		s.site.Fail(w, r, err)
		return
	}
	lang := q.lang
	head := []string{"cui", "unitate", "an_populatie"}
	for _, c := range countyColumns {
		head = append(head, c.key, c.key+"_motiv")
	}
	rows := [][]string{head}
	line := func(u countyFigures) {
		row := []string{u.Entity.CUI, u.Entity.Name, ""}
		if u.total {
			row[1] = dashboards.T(lang, "county.total")
		}
		if u.People > 0 {
			row[2] = strconv.Itoa(u.PeopleYear)
		}
		for _, c := range countyColumns {
			cell := c.cell(lang, u)
			raw := cell.Raw
			if c.key == "tip" && !u.total {
				raw = string(u.Entity.Kind)
			}
			row = append(row, raw, cell.Why)
		}
		rows = append(rows, row)
	}
	for _, u := range d.units {
		line(u)
	}
	if len(d.units) > 1 {
		line(d.total)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+dashboards.T(lang, "county.csv.file")+`-`+strconv.Itoa(d.year)+`.csv"`)
	w.Header().Set("Cache-Control", "no-cache")
	cw := csv.NewWriter(w)
	for i := range rows {
		for j := range rows[i] {
			if _, err := strconv.ParseFloat(rows[i][j], 64); err != nil {
				rows[i][j] = export.Neutralise(rows[i][j])
			}
		}
	}
	cw.WriteAll(rows)
}
