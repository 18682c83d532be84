package dashboards

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// Page is what the layout of every page shows: language, navigation, the
// language switch, the entity selector and the release footer.
type Page struct {
	Lang, Title string
	// Heading is the page's h1 when it names something from the data
	// (Tfh marks it lang="ro" on English pages); else the h1 is Title.
	Heading template.HTML
	Active  string // nav key of the current page
	Path    string // the page's path without /en
	Query   string // the page's query string, kept by the language switch and the permalink
	Self    string // the permalink: this page with its filters
	AltLang string
	AltHref string
	Nav     []NavItem

	Entities     []EntityOption // shown when the release has more than one
	EntityAction string
	Entity       string
	EntityKeep   []Hidden // other parameters the entity form keeps (the year)

	// Feed is the Atom feed of what the page lists (link rel=alternate).
	Feed string

	ReleaseID   string
	Created     time.Time
	DataThrough time.Time
	Licence     models.Licence

	CSS, ChartsJS, EChartsJS string

	// PublicLinks: the public pages are served, so the footer links to
	// the open data and the methodology.
	PublicLinks bool
}

// NavLink is an entry of a site's main navigation: a key (nav.<key> is its
// text) and its Romanian path; Show, when set, says whether a release has
// the page (nil: always).
type NavLink struct {
	Key, Path string
	Show      func(models.Reader) bool
}

// NavItem is a link of the main navigation as a page shows it.
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

// Option is an option of a select.
type Option struct {
	Value, Text string
	Selected    bool
	Lang        string // the text's language when it is not the page's
}

// Field is a form control of a filter form.
type Field struct {
	Name, Label, Value, Type string // Type: select, text, date, number, search, hidden
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

// Pager links the pages of a list.
type Pager struct {
	Lang       string
	Page, Of   int
	Prev, Next string
}

// LangOf is the language of a request: English under /en, else Romanian.
func LangOf(r *http.Request) string {
	if r.URL.Path == "/en" || strings.HasPrefix(r.URL.Path, "/en/") {
		return EN
	}
	return RO
}

// enPaths are the pages whose English path is not the Romanian one under
// /en: the county page is /judet and /en/county, the dashboards' one
// /admin/judet and /en/admin/county.
var enPaths = map[string]string{"/judet": "/county", "/judet.csv": "/county.csv", "/admin/judet": "/admin/county"}

// Link builds the URL of path (Romanian, e.g. "/buget") in lang.
func Link(lang, path string) string {
	if lang != EN {
		return path
	}
	if path == "/" {
		return "/en"
	}
	if en, ok := enPaths[path]; ok {
		return "/en" + en
	}
	return "/en" + path
}

// Origin is the scheme and host a request reached the site by: what the
// absolute URLs of a page or a feed begin with. A page that shows it is
// cached per origin.
func Origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// LinkQ builds a URL with a query.
func LinkQ(lang, path string, v url.Values) string {
	s := Link(lang, path)
	if e := v.Encode(); e != "" {
		s += "?" + e
	}
	return s
}

// RoPath is a request path without the /en prefix.
func RoPath(p string) string {
	if p == "/en" {
		return "/"
	}
	if strings.HasPrefix(p, "/en/") {
		p = strings.TrimPrefix(p, "/en")
		for ro, en := range enPaths {
			if p == en {
				return ro
			}
		}
	}
	return p
}

// AltPath is the same page in the other language.
func AltPath(p, lang string) string {
	if lang == EN {
		return RoPath(p)
	}
	return Link(EN, RoPath(p))
}

// NewPage is the layout of a page for request r, with the footer of the
// release it reads (rel may be nil).
func (s *Site) NewPage(r *http.Request, rel models.Reader) *Page {
	lang := LangOf(r)
	p := &Page{Lang: lang, Path: RoPath(r.URL.Path), Query: r.URL.RawQuery}
	p.AltLang = EN
	if lang == EN {
		p.AltLang = RO
	}
	p.AltHref = AltPath(r.URL.Path, lang)
	p.Self = Link(lang, p.Path)
	if p.Query != "" {
		p.AltHref += "?" + p.Query
		p.Self += "?" + p.Query
	}
	for _, n := range s.cfg.Nav {
		if n.Show != nil && (rel == nil || !n.Show(rel)) {
			continue
		}
		p.Nav = append(p.Nav, NavItem{Key: n.Key, Href: Link(lang, n.Path), Text: T(lang, "nav."+n.Key)})
	}
	p.PublicLinks = !s.cfg.NoPublicPages
	p.CSS = s.assets.URL("site.css")
	p.ChartsJS = s.assets.URL("charts.js")
	p.EChartsJS = s.assets.URL("vendor/echarts.min.js")
	if p.EChartsJS == "" {
		p.ChartsJS = "" // nothing to draw with: tables only
	}
	if rel != nil {
		m := rel.Manifest()
		p.ReleaseID, p.Created, p.DataThrough, p.Licence = m.ReleaseID, m.Created, m.DataThrough(), m.Licence
	}
	return p
}

// H1 is the page's main heading.
func (p *Page) H1() template.HTML {
	if p.Heading != "" {
		return p.Heading
	}
	return template.HTML(template.HTMLEscapeString(p.Title))
}

// SetTitle sets the page's title and heading from the text of key, whose
// arguments may name things from the data (RoText).
func (p *Page) SetTitle(key string, args ...any) {
	p.Title = Tf(p.Lang, key, args...)
	p.Heading = Tfh(p.Lang, key, args...)
}

// SetActive marks the current navigation item.
func (p *Page) SetActive(key string) {
	p.Active = key
	for i := range p.Nav {
		p.Nav[i].Current = p.Nav[i].Key == key
	}
}

// WithEntities fills the entity selector when the release has several
// institutions; keep are the parameters the form carries along.
func (p *Page) WithEntities(rel models.Reader, selected string, keep ...Hidden) {
	ents := rel.Entities()
	if len(ents) < 2 {
		return
	}
	p.Entity = selected
	p.EntityAction = Link(p.Lang, p.Path)
	for _, e := range ents {
		p.Entities = append(p.Entities, EntityOption{CUI: e.CUI, Name: e.Name, Selected: e.CUI == selected})
	}
	for _, h := range keep {
		if h.Value != "" {
			p.EntityKeep = append(p.EntityKeep, h)
		}
	}
}

// CloneValues copies a query.
func CloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
