package dashboards

import (
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

//go:embed templates/*.html
var templateFS embed.FS

// Config is what the shared chrome of a site needs.
type Config struct {
	Log *slog.Logger
	// Release returns the release a request reads, for the footer of its
	// pages (nil: no footer).
	Release func(*http.Request) models.Reader
	// Nav is the site's main navigation.
	Nav []NavLink
	// NoPublicPages: the public pages are not served beside this site
	// (admin: only), so its pages link to none of them (the footer's
	// open data and methodology).
	NoPublicPages bool
}

// Site is the chrome a set of pages shares: the layout and partial
// templates, the static files, the error pages. The public site
// (dashboards/public) and the internal dashboards build on it.
type Site struct {
	cfg    Config
	assets *assets
	base   *template.Template // layout.html and partials.html
	errors *template.Template // base with error.html (errors.go)
}

// NewSite parses the layout once and fingerprints the static files.
func NewSite(cfg Config) (*Site, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Release == nil {
		cfg.Release = func(*http.Request) models.Reader { return nil }
	}
	s := &Site{cfg: cfg}
	var err error
	if s.assets, err = loadAssets(staticFS); err != nil {
		return nil, err
	}
	if s.base, err = template.New("layout.html").Funcs(s.funcs()).ParseFS(templateFS, "templates/layout.html", "templates/partials.html"); err != nil {
		return nil, err
	}
	if s.errors, err = template.Must(s.base.Clone()).ParseFS(templateFS, "templates/error.html"); err != nil {
		return nil, err
	}
	return s, nil
}

// Log is where the site logs.
func (s *Site) Log() *slog.Logger { return s.cfg.Log }

// Pages parses every templates/page_*.html of fsys over the layout, each
// with the partial files named and the extra template functions, once; a
// page's key is its name without page_ and .html ("page_home.html": "home").
// A page template defines "content".
func (s *Site) Pages(fsys fs.FS, extra template.FuncMap, partials ...string) (map[string]*template.Template, error) {
	names, err := fs.Glob(fsys, "templates/page_*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		t := template.Must(s.base.Clone()).Funcs(extra)
		if len(partials) > 0 {
			if t, err = t.ParseFS(fsys, partials...); err != nil {
				return nil, err
			}
		}
		if t, err = t.ParseFS(fsys, name); err != nil {
			return nil, err
		}
		pages[strings.TrimSuffix(strings.TrimPrefix(path.Base(name), "page_"), ".html")] = t
	}
	return pages, nil
}

// Static serves the fingerprinted static files under /static/, cached for a
// year; an unknown one is the site's 404 page.
func (s *Site) Static(w http.ResponseWriter, r *http.Request) {
	if s.assets.byURL[r.URL.Path] == nil {
		s.Error(w, r, http.StatusNotFound, nil)
		return
	}
	s.assets.ServeHTTP(w, r)
}

// funcs are the template functions: texts and Romanian/English formats.
func (s *Site) funcs() template.FuncMap {
	return template.FuncMap{
		"t":        T,
		"tf":       Tf,
		"lei":      FormatLei,
		"count":    FormatCount,
		"bytes":    FormatBytes,
		"date":     FormatDate,
		"datetime": FormatDateTime,
		"licence":  LicenceTitle,
		"ro":       Ro,
		"days":     FormatDays,
		"month":    MonthName,
		"pct":      FormatPercentBasis,
		"rawpct":   RawPercentBasis,
		"asset":    s.assets.URL,
		"kpis":     KPIsHTML,
		"isodate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.DateOnly)
		},
		"statusText":  func(lang, s string) string { return T(lang, "status."+s) },
		"fundingText": func(lang, s string) string { return T(lang, "funding."+s) },
		"kindText":    func(lang, s string) string { return T(lang, "kind."+s) },
		"query":       func(v url.Values) string { return v.Encode() },
	}
}
