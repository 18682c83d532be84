package public

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// entityAndYear resolves the entity (E) and year (Y) of a page: the
// parameters, else the main entity and its latest budget year. An unknown
// entity is ErrNotFound.
func entityAndYear(q *request) (models.Entity, int, error) {
	cui := q.query.Entity
	if cui == "" {
		cui = q.rel.MainEntity()
	}
	e, err := q.rel.Entity(cui)
	if err != nil {
		return e, 0, err
	}
	y := q.query.Year
	if y == 0 {
		y = q.rel.DefaultYear(cui)
	}
	return e, y, nil
}

// defaultEntitySelect gives pages that are not about one entity (an
// objective, a supplier, the methodology, the catalogue) the entity selector
// too: it leads to the matching list page of the chosen institution.
func (s *Server) defaultEntitySelect(q *request) error {
	cui := q.query.Entity
	if cui == "" {
		cui = q.rel.MainEntity()
	} else if _, err := q.rel.Entity(cui); err != nil {
		return err
	}
	q.page.WithEntities(q.rel, cui)
	switch q.page.Active {
	case "investments":
		q.page.EntityAction = dashboards.Link(q.lang, "/investitii")
	case "procurement":
		q.page.EntityAction = dashboards.Link(q.lang, "/achizitii")
	}
	return nil
}

// yearParam is the year as a parameter value, "" when not asked for.
func yearParam(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// entityYearValues are the entity and year parameters of links to other
// pages: only what the request itself asked for, so default links stay clean.
func entityYearValues(q *request, entity string, year int) url.Values {
	v := url.Values{}
	if q.query.Entity != "" {
		v.Set("entitate", entity)
	}
	if q.query.Year != 0 {
		v.Set("an", strconv.Itoa(year))
	}
	return v
}

// yearOptions are the years of a selector, newest first, with the chosen
// one included even when the data has no row for it.
func yearOptions(years []int, chosen int) []dashboards.Option {
	seen := false
	var out []dashboards.Option
	for i := len(years) - 1; i >= 0; i-- {
		out = append(out, dashboards.Option{Value: strconv.Itoa(years[i]), Text: strconv.Itoa(years[i]), Selected: years[i] == chosen})
		seen = seen || years[i] == chosen
	}
	if !seen && chosen != 0 {
		out = append([]dashboards.Option{{Value: strconv.Itoa(chosen), Text: strconv.Itoa(chosen), Selected: true}}, out...)
	}
	return out
}

// chapterNumber is the chapter parameter of a chapter code: "65" for "65.02".
func chapterNumber(code string) string {
	n, _, _ := strings.Cut(code, ".")
	return n
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func notFoundf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{models.ErrNotFound}, args...)...)
}

// absence is dashboards.Absence for the request's release and language.
func absence(q *request, dataset, entity string, year int) string {
	return dashboards.Absence(q.lang, q.rel, dataset, entity, year)
}
