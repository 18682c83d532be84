package admin

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// scope is what a page of an account reads: one entity (the account's own
// when it is scoped, else the one asked for or the release's main one), one
// year, and the account's department if it has one.
type scope struct {
	Entity     models.Entity
	Year       int
	Department string
	// Asked are the parameters the request gave (kept by links).
	Asked url.Values
}

// scopeOf resolves a request's scope. An entity outside the account's scope
// is models.ErrNotFound, exactly like an entity that does not exist: a
// director of one institution learns nothing about another by editing the
// URL.
func scopeOf(q *request) (scope, error) {
	u := q.sess.User
	v := q.URL.Query()
	sc := scope{Asked: url.Values{}, Department: u.Department}
	cui := v.Get("entitate")
	if cui != "" {
		sc.Asked.Set("entitate", cui)
	}
	switch {
	case u.Scoped() && cui != "" && cui != u.Entity:
		return sc, outOfScope(cui)
	case u.Scoped():
		cui = u.Entity
	case cui == "":
		cui = q.rel.MainEntity()
	}
	e, err := q.rel.Entity(cui)
	if err != nil {
		return sc, outOfScope(cui)
	}
	sc.Entity = e
	if s := v.Get("an"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1990 || y > 2100 {
			return sc, &dashboards.ParamError{Name: "an", Value: s, Reason: "anul are patru cifre, între 1990 și 2100"}
		}
		sc.Year = y
		sc.Asked.Set("an", s)
	} else {
		sc.Year = q.rel.DefaultYear(e.CUI)
	}
	return sc, nil
}

func outOfScope(cui string) error {
	return fmt.Errorf("%w: instituția %s nu este în ediție sau în aria contului", models.ErrNotFound, cui)
}

// scopeText describes an account's scope in words.
func scopeText(lang string, u accounts.User, rel models.Reader) string {
	if !u.Scoped() {
		return dashboards.T(lang, "scope.all")
	}
	name := u.Entity
	if e, err := rel.Entity(u.Entity); err == nil {
		name = e.Name
	}
	if u.Department != "" {
		return dashboards.Tf(lang, "scope.department", name, u.Department)
	}
	return name
}
