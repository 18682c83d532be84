package admin

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// The request register's rows (/admin/cereri): the drill-down behind the
// requests' cards and alerts. Filters: entitate, an, luna (1–12, with an),
// departament, categorie, tip (a type code, shown by its name), stare (models.RequestStates), zile (for stare=
// scadente), ordine (a models.RequestSorts column, "-" before it for
// descending), pagina. The account's scope is part of the filter the
// reader runs: a director's entity is the only one (another is a 404, as
// scopeOf says) and a director with a department reads only its requests
// (another department is a 404 too).

// requestRowsPerPage is the page size of the register (models.MaxRequestRows bounds it).
const requestRowsPerPage = 50

type requestRowsView struct {
	*Page
	Entity  models.Entity
	Form    dashboards.Form
	Caption string
	Head    []SortHead
	Rows    [][]dashboards.Cell
	Total   int64
	Pager   dashboards.Pager
	// Downloads export every row the filters select (export_rows.go).
	Downloads []Download
}

// requestColumns are the register's columns, on the page and in its exports.
var requestColumns = []tableColumn{
	{"rows.id", "", typeText}, {"rows.received", string(models.SortReceived), typeDate}, {"rows.department", string(models.SortDepartment), typeText},
	{"rows.category", "", typeText}, {"rows.type", "", typeText}, {"rows.channel", "", typeText}, {"rows.due", string(models.SortDue), typeDate},
	{"rows.answered", string(models.SortAnswered), typeDate}, {"rows.days.answer", string(models.SortDays), typeCount},
	{"rows.status", "", typeText}, {"rows.term", "", typeText},
}

// requestTerm says late or on time in lang; "–" for a request redirected,
// cancelled or withdrawn (neither).
func requestTerm(lang string, r models.RequestRow) string {
	switch {
	case r.Late:
		return dashboards.T(lang, "rows.late")
	case r.Outcome == models.OutcomeAnswered || r.Outcome == models.OutcomeOpen:
		return dashboards.T(lang, "rows.ontime")
	}
	return "–"
}

// requestValues is a row of the register as export's writers take it.
func requestValues(lang string, r models.RequestRow) []any {
	var days any
	if r.DaysToAnswer >= 0 {
		days = int64(r.DaysToAnswer)
	}
	return []any{r.ID, dateValue(r.Received), r.Dept, r.Category, dashboards.RequestTypeName(lang, r.Type).Text, dashboards.ChannelName(lang, r.Channel).Text,
		dateValue(r.Due), dateValue(r.Answered), days, string(r.Status), requestTerm(lang, r)}
}

// exportRequests writes every row f selects, MaxRequestRows at a time.
func (s *Server) exportRequests(q *request, reg models.RequestRegisterReader, sc scope, f models.RequestRowFilter, format string) error {
	e := tableExport{Set: "cereri", Entity: sc.Entity, Cols: requestColumns, Format: format, Filters: exportFilters(q, sc)}
	if f.Year != 0 {
		e.Tag = strconv.Itoa(f.Year)
	}
	f.Limit, f.Offset = models.MaxRequestRows, 0
	return s.writeExport(q.w, q, e, func(yield func([]any) error) error {
		for {
			p, err := reg.RequestRows(q.Context(), f)
			if err != nil {
				return err
			}
			for _, r := range p.Rows {
				if err := yield(requestValues(q.lang, r)); err != nil {
					return err
				}
			}
			f.Offset += len(p.Rows)
			if len(p.Rows) < f.Limit || int64(f.Offset) >= p.Total {
				return nil
			}
		}
	})
}

// SortHead is a column heading, a link that sorts by it when it sorts.
type SortHead struct {
	Text, Href, Sort string // Sort: ascending, descending or "" (aria-sort)
}

func register(q *request) (models.RequestRegisterReader, error) {
	r, ok := q.rel.(models.RequestRegisterReader)
	if !ok {
		return nil, fmt.Errorf("%w: ediția nu are registrul cererilor", models.ErrNotFound)
	}
	return r, nil
}

func paramErr(name, value, ro, en string) error {
	return &dashboards.ParamError{Name: name, Value: value, Reason: ro, ReasonEN: en}
}

// pageParam reads pagina: a whole number from 1.
func pageParam(v url.Values) (int, error) {
	s := v.Get("pagina")
	if s == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, paramErr("pagina", s, "pagina este un număr întreg de la 1 în sus", "the page is a whole number from 1 up")
	}
	return n, nil
}

// requestRowFilter turns a request's parameters into the reader's filter,
// inside the account's scope.
func (s *Server) requestRowFilter(q *request, sc scope, facets models.RequestFacets) (models.RequestRowFilter, error) {
	v := q.URL.Query()
	f := models.RequestRowFilter{Entity: sc.Entity.CUI, Limit: requestRowsPerPage, DueWithin: s.attention().DueWithinDays}
	if sc.Asked.Get("an") != "" {
		f.Year = sc.Year
	}
	if m := v.Get("luna"); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil || n < 1 || n > 12 {
			return f, paramErr("luna", m, "luna este un număr de la 1 la 12", "the month is a number from 1 to 12")
		}
		if f.Year == 0 {
			return f, paramErr("luna", m, "luna cere și anul: adăugați an=AAAA", "a month needs its year: add an=YYYY")
		}
		f.Month = n
	}
	d := v.Get("departament")
	switch {
	case sc.Department != "" && d != "" && d != sc.Department:
		return f, fmt.Errorf("%w: departamentul %s nu este în aria contului", models.ErrNotFound, d)
	case sc.Department != "":
		f.Department = sc.Department
	case d != "":
		if !slices.Contains(facets.Departments, d) {
			return f, paramErr("departament", d, "registrul nu are acest compartiment; alegeți unul din listă: "+strings.Join(facets.Departments, ", "),
				"the register has no such department; pick one of: "+strings.Join(facets.Departments, ", "))
		}
		f.Department = d
	}
	if c := v.Get("categorie"); c != "" {
		if !slices.Contains(facets.Categories, c) {
			return f, paramErr("categorie", c, "registrul nu are această categorie; alegeți una din listă: "+strings.Join(facets.Categories, ", "),
				"the register has no such category; pick one of: "+strings.Join(facets.Categories, ", "))
		}
		f.Category = c
	}
	if tp := v.Get("tip"); tp != "" {
		if !slices.Contains(facets.Types, tp) {
			var ro, en []string
			for _, x := range facets.Types {
				ro = append(ro, x+" ("+dashboards.RequestTypeName(dashboards.RO, x).Text+")")
				en = append(en, x+" ("+dashboards.RequestTypeName(dashboards.EN, x).Text+")")
			}
			return f, paramErr("tip", tp, "registrul nu are acest tip de cerere; alegeți unul din listă: "+strings.Join(ro, ", "),
				"the register has no such request type; pick one of: "+strings.Join(en, ", "))
		}
		f.Type = tp
	}
	if st := models.RequestState(v.Get("stare")); st != "" {
		if !slices.Contains(models.RequestStates, st) {
			return f, paramErr("stare", string(st), "stările posibile sunt: "+joinStates(), "the states are: "+joinStates())
		}
		f.State = st
	}
	if z := v.Get("zile"); z != "" {
		n, err := strconv.Atoi(z)
		if err != nil || n < 0 || n > 365 {
			return f, paramErr("zile", z, "zilele sunt un număr întreg de la 0 la 365", "the days are a whole number from 0 to 365")
		}
		f.DueWithin = n
	}
	if o := v.Get("ordine"); o != "" {
		col := models.RequestSort(strings.TrimPrefix(o, "-"))
		if !slices.Contains(models.RequestSorts, col) {
			return f, paramErr("ordine", o, "ordinea este una din coloanele "+joinSorts()+", cu „-” în față pentru descrescător",
				"the order is one of the columns "+joinSorts()+", with a leading “-” for descending")
		}
		f.Sort, f.Desc = col, strings.HasPrefix(o, "-")
	}
	page, err := pageParam(v)
	if err != nil {
		return f, err
	}
	f.Offset = (page - 1) * f.Limit
	return f, nil
}

func joinStates() string {
	var s []string
	for _, st := range models.RequestStates {
		s = append(s, string(st))
	}
	return strings.Join(s, ", ")
}

func joinSorts() string {
	var s []string
	for _, c := range models.RequestSorts {
		s = append(s, string(c))
	}
	return strings.Join(s, ", ")
}

// requestRowsLink is the drill-down URL of an entity's requests with the
// given parameters (pairs of name, value; empty values are left out).
func requestRowsLink(lang, entity string, kv ...string) string {
	p := url.Values{"entitate": {entity}}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			p.Set(kv[i], kv[i+1])
		}
	}
	return dashboards.LinkQ(lang, PathRequestRows, p)
}

func (s *Server) requestRows(q *request) (string, any, error) {
	lang, ctx := q.lang, q.Context()
	sc, err := scopeOf(q)
	if err != nil {
		return "", nil, err
	}
	reg, err := register(q)
	if err != nil {
		return "", nil, err
	}
	facets, err := reg.RequestFacets(ctx, sc.Entity.CUI)
	if err != nil {
		return "", nil, err
	}
	f, err := s.requestRowFilter(q, sc, facets)
	if err != nil {
		return "", nil, err
	}
	format, err := exportFormat(q)
	if err != nil {
		return "", nil, err
	}
	if format != "" {
		return "", nil, s.exportRequests(q, reg, sc, f, format)
	}
	p, err := reg.RequestRows(ctx, f)
	if err != nil {
		return "", nil, err
	}
	pages := max(1, int((p.Total+int64(f.Limit)-1)/int64(f.Limit)))
	page := f.Offset/f.Limit + 1
	if page > pages {
		return "", nil, paramErr("pagina", strconv.Itoa(page), fmt.Sprintf("ultima pagină este %d", pages), fmt.Sprintf("the last page is %d", pages))
	}
	e := sc.Entity
	q.page.SetActive("admin")
	q.page.Title = dashboards.Tf(lang, "rows.requests.title", dashboards.EntityName(lang, e))
	q.page.ScopeText = scopeText(lang, q.sess.User, q.rel)
	v := &requestRowsView{Page: q.page, Entity: e, Total: p.Total}

	self := dashboards.Link(lang, PathRequestRows)
	all := dashboards.T(lang, "rows.all")
	opts := func(values []string, selected string, label func(string) string) []dashboards.Option {
		out := []dashboards.Option{{Value: "", Text: all, Selected: selected == ""}}
		for _, x := range values {
			out = append(out, dashboards.Option{Value: x, Text: label(x), Selected: x == selected})
		}
		return out
	}
	same := func(x string) string { return x }
	var years []string
	for _, y := range q.rel.Years(models.DatasetRequests, e.CUI) {
		years = append(years, strconv.Itoa(y))
	}
	var months []string
	for m := 1; m <= 12; m++ {
		months = append(months, strconv.Itoa(m))
	}
	var states []string
	for _, st := range models.RequestStates {
		states = append(states, string(st))
	}
	var sorts []string
	for _, c := range models.RequestSorts {
		sorts = append(sorts, string(c), "-"+string(c))
	}
	sortLabel := func(x string) string {
		t := dashboards.T(lang, "rows.sort."+strings.TrimPrefix(x, "-"))
		if strings.HasPrefix(x, "-") {
			return dashboards.Tf(lang, "rows.sort.desc", t)
		}
		return t
	}
	asked := q.URL.Query()
	fields := []dashboards.Field{
		{Name: "an", Label: dashboards.T(lang, "year"), Type: "select", Options: opts(years, sc.Asked.Get("an"), same)},
		{Name: "luna", Label: dashboards.T(lang, "rows.month"), Type: "select", Options: opts(months, asked.Get("luna"), func(x string) string {
			n, _ := strconv.Atoi(x)
			return dashboards.MonthName(lang, n)
		})},
	}
	if sc.Department == "" {
		fields = append(fields, dashboards.Field{Name: "departament", Label: dashboards.T(lang, "rows.department"), Type: "select", Options: opts(facets.Departments, f.Department, same)})
	}
	fields = append(fields,
		dashboards.Field{Name: "categorie", Label: dashboards.T(lang, "rows.category"), Type: "select", Options: opts(facets.Categories, f.Category, same)},
		dashboards.Field{Name: "tip", Label: dashboards.T(lang, "rows.type"), Type: "select", Options: opts(facets.Types, f.Type, func(x string) string { return dashboards.RequestTypeName(lang, x).Text })},
		dashboards.Field{Name: "stare", Label: dashboards.T(lang, "rows.state"), Type: "select", Options: opts(states, string(f.State), func(x string) string { return dashboards.T(lang, "rows.state."+x) })},
		dashboards.Field{Name: "zile", Label: dashboards.T(lang, "rows.days"), Type: "number", Value: strconv.Itoa(f.DueWithin)},
		dashboards.Field{Name: "ordine", Label: dashboards.T(lang, "rows.sort"), Type: "select", Options: opts(sorts, asked.Get("ordine"), sortLabel)},
	)
	if !q.sess.User.Scoped() {
		fields = append(fields, dashboards.Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}
	v.Form = dashboards.Form{Lang: lang, Action: self, Reset: requestRowsLink(lang, e.CUI), Fields: fields}

	// The headings sort; the current column's link reverses it.
	base := dashboards.CloneValues(asked)
	base.Del("pagina")
	base.Set("entitate", e.CUI)
	current := f.Sort
	if current == "" {
		current = models.SortReceived
	}
	head := func(key string, col models.RequestSort) SortHead {
		h := SortHead{Text: dashboards.T(lang, key)}
		if col == "" {
			return h
		}
		sv := dashboards.CloneValues(base)
		sv.Set("ordine", string(col))
		if col == current {
			h.Sort = "ascending"
			if f.Desc {
				h.Sort = "descending"
			} else {
				sv.Set("ordine", "-"+string(col))
			}
		}
		h.Href = dashboards.LinkQ(lang, PathRequestRows, sv)
		return h
	}
	for _, c := range requestColumns {
		v.Head = append(v.Head, head(c.Key, models.RequestSort(c.Sort)))
	}
	for _, r := range p.Rows {
		days := dashboards.Cell{Text: "–", Num: true}
		if r.DaysToAnswer >= 0 {
			days = dashboards.Cell{Text: dashboards.FormatCount(lang, int64(r.DaysToAnswer)), Raw: strconv.Itoa(r.DaysToAnswer), Num: true}
		}
		answered := dashboards.Cell{Text: dashboards.T(lang, "rows.no.answer")}
		if !r.Answered.IsZero() {
			answered = dashboards.Cell{Text: dashboards.FormatDate(lang, r.Answered), Raw: r.Answered.Format("2006-01-02")}
		}
		term := dashboards.Cell{Text: requestTerm(lang, r)}
		v.Rows = append(v.Rows, []dashboards.Cell{
			{Text: r.ID},
			{Text: dashboards.FormatDate(lang, r.Received), Raw: r.Received.Format("2006-01-02")},
			dashboards.DataCell(lang, r.Dept),
			dashboards.DataCell(lang, r.Category),
			dashboards.RequestTypeName(lang, r.Type),
			dashboards.ChannelName(lang, r.Channel),
			{Text: dashboards.FormatDate(lang, r.Due), Raw: dateRaw(r.Due)},
			answered,
			days,
			dashboards.DataCell(lang, string(r.Status)),
			term,
		})
	}
	if len(p.Rows) > 0 {
		v.Caption = dashboards.Tf(lang, "rows.caption", dashboards.FormatCount(lang, int64(f.Offset+1)),
			dashboards.FormatCount(lang, int64(f.Offset+len(p.Rows))), dashboards.FormatCount(lang, p.Total))
	}
	v.Pager = pager(lang, PathRequestRows, base, page, pages)
	v.Downloads = downloads(lang, PathRequestRows, base)
	return "request_rows", v, nil
}

func dateRaw(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// pager links the previous and next pages of a list at path.
func pager(lang, path string, base url.Values, page, pages int) dashboards.Pager {
	p := dashboards.Pager{Lang: lang, Page: page, Of: pages}
	if page > 1 {
		pv := dashboards.CloneValues(base)
		if page > 2 {
			pv.Set("pagina", strconv.Itoa(page-1))
		}
		p.Prev = dashboards.LinkQ(lang, path, pv)
	}
	if page < pages {
		pv := dashboards.CloneValues(base)
		pv.Set("pagina", strconv.Itoa(page+1))
		p.Next = dashboards.LinkQ(lang, path, pv)
	}
	return p
}
