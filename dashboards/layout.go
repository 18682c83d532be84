package dashboards

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

// Page is what the layout of every page shows: language, navigation, the
// language switch, the entity selector and the release footer.
type Page struct {
	Lang, Title string
	Active      string // nav key of the current page
	Path        string // the page's path without /en
	Query       string // the page's query string, kept by the language switch and the permalink
	Self        string // the permalink: this page with its filters
	AltLang     string
	AltHref     string
	Nav         []NavItem

	Entities     []EntityOption // shown when the release has more than one
	EntityAction string
	Entity       string
	EntityKeep   []Hidden // other parameters the entity form keeps (the year)

	ReleaseID   string
	Created     time.Time
	DataThrough time.Time
	Licence     models.Licence

	CSS, ChartsJS, EChartsJS string
}

// NavItem is a link of the main navigation.
type NavItem struct {
	Key, Href, Text string
	Current         bool
}

// EntityOption is an institution of the entity selector.
type EntityOption struct {
	CUI, Name string
	Selected  bool
}

// Hidden is a hidden form field.
type Hidden struct{ Name, Value string }

var navPages = []struct{ key, path string }{
	{"home", "/"}, {"budget", "/buget"}, {"investments", "/investitii"}, {"procurement", "/achizitii"},
	{"requests", "/cereri"}, {"methodology", "/metodologie"}, {"data", "/date"},
}

// link builds the URL of path (Romanian, e.g. "/buget") in lang.
func link(lang, path string) string {
	if lang != EN {
		return path
	}
	if path == "/" {
		return "/en"
	}
	return "/en" + path
}

// linkQ builds a URL with a query.
func linkQ(lang, path string, v url.Values) string {
	s := link(lang, path)
	if e := v.Encode(); e != "" {
		s += "?" + e
	}
	return s
}

// roPath is a request path without the /en prefix.
func roPath(p string) string {
	if p == "/en" {
		return "/"
	}
	if strings.HasPrefix(p, "/en/") {
		return strings.TrimPrefix(p, "/en")
	}
	return p
}

// altPath is the same page in the other language.
func altPath(p, lang string) string {
	if lang == EN {
		return roPath(p)
	}
	return link(EN, roPath(p))
}

func (s *Server) newPage(q *request) *Page {
	lang := q.lang
	p := &Page{Lang: lang, Path: roPath(q.URL.Path), Query: q.URL.RawQuery}
	p.AltLang = EN
	if lang == EN {
		p.AltLang = RO
	}
	p.AltHref = altPath(q.URL.Path, lang)
	p.Self = link(lang, p.Path)
	if p.Query != "" {
		p.AltHref += "?" + p.Query
		p.Self += "?" + p.Query
	}
	for _, n := range navPages {
		p.Nav = append(p.Nav, NavItem{Key: n.key, Href: link(lang, n.path), Text: T(lang, "nav."+n.key)})
	}
	p.CSS = s.assets.URL("site.css")
	p.ChartsJS = s.assets.URL("charts.js")
	p.EChartsJS = s.assets.URL("vendor/echarts.min.js")
	if p.EChartsJS == "" {
		p.ChartsJS = "" // nothing to draw with: tables only
	}
	if rel := q.rel; rel != nil {
		p.ReleaseID, p.Created, p.DataThrough = rel.ID, rel.Created(), rel.DataThrough()
		p.Licence = rel.Manifest.Licence
	}
	return p
}

// setActive marks the current navigation item.
func (p *Page) setActive(key string) {
	p.Active = key
	for i := range p.Nav {
		p.Nav[i].Current = p.Nav[i].Key == key
	}
}

// withEntities fills the entity selector when the release has several
// institutions; keep are the parameters the form carries along.
func (p *Page) withEntities(rel *warehouse.ReleaseDB, selected string, keep ...Hidden) {
	ents := rel.Entities()
	if len(ents) < 2 {
		return
	}
	p.Entity = selected
	p.EntityAction = link(p.Lang, p.Path)
	for _, e := range ents {
		p.Entities = append(p.Entities, EntityOption{CUI: e.CUI, Name: e.Name, Selected: e.CUI == selected})
	}
	for _, h := range keep {
		if h.Value != "" {
			p.EntityKeep = append(p.EntityKeep, h)
		}
	}
}

// entityAndYear resolves the entity (E) and year (Y) of a page: the
// parameters, else the main entity and its latest budget year. An unknown
// entity is ErrNotFound.
func entityAndYear(q *request) (warehouse.EntityRow, int, error) {
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

// KPI is a headline number: <data data-kpi=Name value=Raw>Text</data>.
type KPI struct {
	Name, Label, Raw, Text, Note string
}

func kpiLei(lang, name string, a models.Amount) KPI {
	return KPI{Name: name, Label: T(lang, "kpi."+name), Raw: a.String(), Text: FormatLei(lang, a)}
}

func kpiCount(lang, name string, n int64) KPI {
	return KPI{Name: name, Label: T(lang, "kpi."+name), Raw: strconv.FormatInt(n, 10), Text: FormatCount(lang, n)}
}

func kpiRatio(lang, name string, r Ratio) KPI {
	return KPI{Name: name, Label: T(lang, "kpi."+name), Raw: r.Raw(), Text: r.Format(lang)}
}

func kpiDays(lang, name string, n int64, ok bool) KPI {
	if !ok {
		return KPI{Name: name, Label: T(lang, "kpi."+name), Raw: "", Text: "–"}
	}
	return KPI{Name: name, Label: T(lang, "kpi."+name), Raw: strconv.FormatInt(n, 10), Text: FormatDays(lang, n)}
}

// yearOptions are the years of a selector, newest first, with the chosen
// one included even when the data has no row for it.
func yearOptions(years []int, chosen int) []Option {
	seen := false
	var out []Option
	for i := len(years) - 1; i >= 0; i-- {
		out = append(out, Option{Value: strconv.Itoa(years[i]), Text: strconv.Itoa(years[i]), Selected: years[i] == chosen})
		seen = seen || years[i] == chosen
	}
	if !seen && chosen != 0 {
		out = append([]Option{{Value: strconv.Itoa(chosen), Text: strconv.Itoa(chosen), Selected: true}}, out...)
	}
	return out
}

// Option is an option of a select.
type Option struct {
	Value, Text string
	Selected    bool
}

// Field is a form control of a filter form.
type Field struct {
	Name, Label, Value, Type string // Type: select, text, date, number
	Options                  []Option
	Hint                     string
}

// Form is a GET filter form; everything it does works without JavaScript.
type Form struct {
	Lang   string
	Action string
	Fields []Field
	Reset  string
}

// safeURL marks a URL we built from our own paths and encoded parameters.
func safeURL(s string) template.URL { return template.URL(s) }

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
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
