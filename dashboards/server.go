package dashboards

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

//go:embed templates/*.html
var templateFS embed.FS

// Config is what the public pages need.
type Config struct {
	// Release returns the release a request reads (the site holds it open
	// for the request's whole life).
	Release func(*http.Request) *warehouse.ReleaseDB
	Log     *slog.Logger
	// CacheEntries and CacheBytes bound the rendered-page cache of a
	// release; 0 entries disables it.
	CacheEntries int
	CacheBytes   int64
}

// Server renders the public site's pages.
type Server struct {
	cfg    Config
	pages  map[string]*template.Template
	assets *assets
	cache  atomic.Pointer[pageCache]
}

// NewServer parses every template once and fingerprints the static files.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, pages: map[string]*template.Template{}}
	var err error
	if s.assets, err = loadAssets(staticFS); err != nil {
		return nil, err
	}
	base, err := template.New("layout.html").Funcs(s.funcs()).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/page_*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, name)
		if err != nil {
			return nil, err
		}
		s.pages[strings.TrimSuffix(strings.TrimPrefix(name, "templates/page_"), ".html")] = t
	}
	return s, nil
}

// Routes are the pages, in Romanian at / and in English under /en, and the
// fingerprinted static files. /date/*.parquet and /date/manifest.json are
// served by package opendata, mounted beside these.
func (s *Server) Routes() chi.Router {
	r := chi.NewRouter()
	pages := func(r chi.Router) {
		r.Get("/", s.page(s.home))
		r.Get("/buget", s.page(s.budget))
		r.Get("/investitii", s.page(s.investments))
		r.Get("/investitii/{code}", s.page(s.investment))
		r.Get("/achizitii", s.page(s.procurement))
		r.Get("/achizitii/furnizori/{cui}", s.page(s.supplier))
		r.Get("/cereri", s.page(s.requests))
		r.Get("/metodologie", s.page(s.methodology))
		r.Get("/date", s.page(s.data))
	}
	pages(r)
	r.Route("/en", pages)
	r.Get("/static/*", func(w http.ResponseWriter, r *http.Request) {
		if s.assets.byURL[r.URL.Path] == nil {
			s.ErrorPage(w, r, http.StatusNotFound)
			return
		}
		s.assets.ServeHTTP(w, r)
	})
	r.NotFound(func(w http.ResponseWriter, r *http.Request) { s.ErrorPage(w, r, http.StatusNotFound) })
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, HEAD")
		s.renderError(w, r, http.StatusMethodNotAllowed, nil)
	})
	return r
}

// LangOf is the language of a request: English under /en, else Romanian.
func LangOf(r *http.Request) string {
	if r.URL.Path == "/en" || strings.HasPrefix(r.URL.Path, "/en/") {
		return EN
	}
	return RO
}

// request is what a page handler gets.
type request struct {
	*http.Request
	lang  string
	rel   *warehouse.ReleaseDB
	query Query
	page  *Page
}

func (q *request) ctx() context.Context { return q.Context() }

// pageFunc renders one page: it fills q.page and returns the template name
// and its view.
type pageFunc func(q *request) (tmpl string, view any, err error)

// page adapts a page handler: cache lookup, query parsing, rendering, ETag,
// and the error pages (404 for ErrNotFound, 400 for ErrInvalid, 500 logged).
func (s *Server) page(h pageFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rel := s.cfg.Release(r)
		cache := s.cacheFor(rel.ID)
		key := r.URL.Path + "?" + r.URL.RawQuery
		if p, ok := cache.get(key); ok {
			writePage(w, r, p)
			return
		}
		lang := LangOf(r)
		q := &request{Request: r, lang: lang, rel: rel}
		var err error
		if q.query, err = ParseQuery(r.URL.Query()); err != nil {
			s.renderError(w, r, http.StatusBadRequest, err)
			return
		}
		q.page = s.newPage(q)
		name, view, err := h(q)
		if err == nil && len(q.page.Entities) == 0 {
			err = s.defaultEntitySelect(q)
		}
		if err != nil {
			switch {
			case errors.Is(err, models.ErrNotFound):
				s.renderError(w, r, http.StatusNotFound, err)
			case errors.Is(err, models.ErrInvalid):
				s.renderError(w, r, http.StatusBadRequest, err)
			default:
				s.cfg.Log.Error("pagină eșuată", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
				s.renderError(w, r, http.StatusInternalServerError, nil)
			}
			return
		}
		var buf bytes.Buffer
		if err := s.pages[name].ExecuteTemplate(&buf, "layout.html", view); err != nil {
			s.cfg.Log.Error("șablon eșuat", "page", name, "err", err)
			s.renderError(w, r, http.StatusInternalServerError, nil)
			return
		}
		sum := sha256.Sum256(buf.Bytes())
		p := &cachedPage{key: key, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, body: buf.Bytes()}
		cache.put(p)
		writePage(w, r, p)
	}
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
	q.page.withEntities(q.rel, cui)
	switch q.page.Active {
	case "investments":
		q.page.EntityAction = link(q.lang, "/investitii")
	case "procurement":
		q.page.EntityAction = link(q.lang, "/achizitii")
	}
	return nil
}

// cacheFor returns the page cache of a release, starting a new one (and
// dropping the old release's) when the release changed.
func (s *Server) cacheFor(release string) *pageCache {
	for {
		c := s.cache.Load()
		if c != nil && c.release == release {
			return c
		}
		n := newPageCache(release, s.cfg.CacheEntries, s.cfg.CacheBytes)
		if s.cache.CompareAndSwap(c, n) {
			return n
		}
	}
}

func writePage(w http.ResponseWriter, r *http.Request, p *cachedPage) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("ETag", p.etag)
	// Pages change when a release goes live: caches revalidate every time
	// and get a 304 while the release (and so the page) is the same.
	h.Set("Cache-Control", "no-cache")
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, p.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method == http.MethodHead {
		return
	}
	w.Write(p.body)
}

func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == etag || t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// ErrorPage writes the site's page for status (404, 400, 500), for routes
// served by other packages (the downloads).
func (s *Server) ErrorPage(w http.ResponseWriter, r *http.Request, status int) {
	s.renderError(w, r, status, nil)
}

// errorView is the error page.
type errorView struct {
	*Page
	Status int
	Detail string
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, err error) {
	lang := LangOf(r)
	q := &request{Request: r, lang: lang, rel: s.cfg.Release(r)}
	q.page = s.newPage(q)
	v := errorView{Page: q.page, Status: status}
	switch status {
	case http.StatusNotFound:
		v.Title = T(lang, "error.404")
	case http.StatusBadRequest:
		v.Title = T(lang, "error.400")
		var pe *ParamError
		if errors.As(err, &pe) {
			v.Detail = pe.Name + "=" + pe.Value + " (" + pe.Reason + ")"
		}
	default:
		v.Title = T(lang, "error.500")
	}
	// The error page keeps no filters: its links lead to clean pages.
	v.Page.Query = ""
	v.Page.AltHref = altPath(r.URL.Path, lang)
	v.Page.Self = link(lang, roPath(r.URL.Path))
	var buf bytes.Buffer
	if err := s.pages["error"].ExecuteTemplate(&buf, "layout.html", v); err != nil {
		s.cfg.Log.Error("pagina de eroare", "err", err)
		buf.Reset()
		buf.WriteString("<!DOCTYPE html><title>Error</title><p>Error</p>")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// funcs are the template functions: texts and Romanian/English formats.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"t":      T,
		"tf":     Tf,
		"lei":    FormatLei,
		"count":  FormatCount,
		"date":   FormatDate,
		"days":   FormatDays,
		"month":  MonthName,
		"pct":    FormatPercentBasis,
		"rawpct": RawPercentBasis,
		"asset":  s.assets.URL,
		"isodate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.DateOnly)
		},
		"statusText":     func(lang, s string) string { return T(lang, "status."+s) },
		"fundingText":    func(lang, s string) string { return T(lang, "funding."+s) },
		"kindText":       func(lang, s string) string { return T(lang, "kind."+s) },
		"query":          func(v url.Values) string { return v.Encode() },
		"contractsTable": contractsTable,
	}
}
