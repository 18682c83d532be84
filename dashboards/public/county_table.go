package public

import (
	"net/http"
	"net/url"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// CountyTableView is the county page's table as another page shows it (the
// dashboards' /admin/judet): the same units, figures, views and sort as
// /judet for the same parameters, computed by the same code, never a copy.
type CountyTableView struct {
	Year  int
	Table CountyTable
	// Units are the entities of Table.Rows, in the same order, and Figures
	// their figures (models.CountyReader's, before any view).
	Units   []models.Entity
	Figures []models.CountyUnit
	// County is the county council, when the release has it.
	County *models.Entity
	// Fields are the page's selectors (year, the sort kept, the view) and
	// ViewNote what the money columns are.
	Fields   []dashboards.Field
	ViewNote string
	// Keep are the parameters the page's links keep (the year asked, the
	// view when not the default).
	Keep url.Values
}

// CountyTableFor reads the county table of rel for r's parameters (an,
// ordine, valori, moneda, checked as /judet checks them: a bad one is a
// *dashboards.ParamError); path is the page showing it, where its sort
// links lead.
func CountyTableFor(r *http.Request, rel models.Reader, path string) (*CountyTableView, error) {
	q := &request{Request: r, lang: dashboards.LangOf(r), rel: rel}
	var err error
	if q.query, err = ParseQuery(r.URL.Query()); err != nil {
		return nil, err
	}
	d, err := countyDataOf(q)
	if err != nil {
		return nil, err
	}
	v := &CountyTableView{Year: d.year, County: d.county, Keep: countyKeep(q, d), Fields: countyFields(q.lang, rel, d), ViewNote: d.view.note(q.lang, d.year)}
	v.Table = countyTableOf(q.lang, d, v.Keep, func(p url.Values) string { return dashboards.LinkQ(q.lang, path, p) })
	for _, u := range d.units {
		v.Units = append(v.Units, u.Entity)
		v.Figures = append(v.Figures, u.CountyUnit)
	}
	return v, nil
}

// HasCountyTree says whether rel compares units at all: more than one
// administrative unit (the rule that puts /judet in the navigation).
func HasCountyTree(rel models.Reader) bool { return manyUnits(rel) }
