// Package public is the public transparency site: home, budget,
// investments, procurement, requests, methodology and the open-data
// catalogue, in Romanian (/) and English (/en), read from the current
// release through models.Reader. One file per page, named like its template
// (page_supplier.go renders templates/page_supplier.html); the shared
// chrome (layout, texts, formats, charts, static files, error pages) is
// package dashboards.
//
// Rendered pages are cached per release (bounded LRU) with an ETag.
package public

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

//go:embed templates/*.html
var templateFS embed.FS

// nav is the public site's main navigation.
var nav = []dashboards.NavLink{
	{Key: "home", Path: "/"}, {Key: "county", Path: countyPath, Show: manyUnits}, {Key: "budget", Path: "/buget"}, {Key: "investments", Path: "/investitii"},
	{Key: "procurement", Path: "/achizitii"}, {Key: "requests", Path: "/cereri"},
	{Key: "methodology", Path: "/metodologie"}, {Key: "data", Path: "/date"},
}

// manyUnits: the county page is in the navigation when the release has more
// than one administrative unit.
func manyUnits(rel models.Reader) bool {
	n := 0
	for _, e := range rel.Entities() {
		if e.IsAdministrativeUnit() {
			n++
		}
	}
	return n > 1
}

// Config is what the public pages need.
type Config struct {
	// Release returns the release a request reads (the site holds it open
	// for the request's whole life).
	Release func(*http.Request) models.Reader
	Log     *slog.Logger
	// CacheEntries and CacheBytes bound the rendered-page cache of a
	// release (two are kept: the live release's and the next or previous
	// one's); 0 entries disables it.
	CacheEntries int
	CacheBytes   int64
	// PageTime bounds the making of one page, its wait for a database
	// connection included: past it the page answers 503 (try again) rather
	// than queueing. 0: no bound.
	PageTime time.Duration
	// Renders is how many pages are made at once (0: one per CPU,
	// runtime.GOMAXPROCS): the others wait their turn in arrival order,
	// each within its PageTime, so a page's time is the queue before it
	// plus its own, not its own multiplied by every page being made
	// beside it. A page from the cache never waits.
	Renders int
	// Versions are the manifests of the releases kept, newest first: the
	// dataset pages list a dataset's earlier versions from them (nil: none).
	Versions func() ([]*models.Manifest, error)
	// BaseURL is the site's public address (https://date.primarie.ro):
	// the API page's examples name it; empty, they name the address each
	// request came to (and that page is then cached per address).
	BaseURL string
	// APILimits are the values the API's named limits are set to, by key
	// (models.APILimits; a limit not given shows its default): the API page
	// lists them.
	APILimits map[string]string
}

// Server renders the public site's pages.
type Server struct {
	cfg   Config
	site  *dashboards.Site
	pages map[string]*template.Template
	// caches are the rendered pages of the last two releases (cacheFor).
	cacheMu sync.Mutex
	caches  []*pageCache
	// renders holds a token for each page being made (Config.Renders).
	renders chan struct{}
}

// NewServer parses every template once and fingerprints the static files.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	site, err := dashboards.NewSite(dashboards.Config{Log: cfg.Log, Release: cfg.Release, Nav: nav})
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, site: site}
	s.renders = make(chan struct{}, renderTurns(cfg.Renders))
	if s.pages, err = site.Pages(templateFS, template.FuncMap{"contractsTable": contractsTable}, "templates/partials.html"); err != nil {
		return nil, err
	}
	return s, nil
}

// Site is the chrome the pages are built on: other areas served beside them
// (the downloads) answer their errors with the same pages.
func (s *Server) Site() *dashboards.Site { return s.site }

// Routes is the route table of the public pages, in Romanian at / and in
// English under /en, and the fingerprinted static files.
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
		r.Get("/date/api", s.originPage(s.api))
		r.Get("/date/{name}", s.page(s.dataset))
	}
	pages(r)
	r.Get(countyPath, s.page(s.county))
	r.Get(countyPath+".csv", s.countyCSV)
	r.Route("/en", func(r chi.Router) {
		pages(r)
		r.Get(countyPathEN, s.page(s.county))
		r.Get(countyPathEN+".csv", s.countyCSV)
	})
	r.Get("/static/*", s.site.Static)
	r.NotFound(func(w http.ResponseWriter, r *http.Request) { s.site.Error(w, r, http.StatusNotFound, nil) })
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, HEAD")
		s.site.Error(w, r, http.StatusMethodNotAllowed, nil)
	})
	return r
}

// request is what a page handler gets.
type request struct {
	*http.Request
	lang  string
	rel   models.Reader
	query Query
	page  *dashboards.Page
}

func (q *request) ctx() context.Context { return q.Context() }

// pageFunc renders one page: it fills q.page and returns the template name
// and its view.
type pageFunc func(q *request) (tmpl string, view any, err error)

// page adapts a page handler: cache lookup, query parsing, rendering, ETag;
// a handler's error is answered by the chrome's error pages.
func (s *Server) page(h pageFunc) http.HandlerFunc { return s.pageKeyed(h, pageKey) }

// originPage is page for a page that names the site's address (the API
// page's examples): cached per address unless BaseURL fixes it, so a forged
// Host header cannot put its address in another visitor's page.
func (s *Server) originPage(h pageFunc) http.HandlerFunc {
	return s.pageKeyed(h, func(r *http.Request) string { return s.origin(r) + pageKey(r) })
}

// origin is the site's public address: BaseURL, else the request's.
func (s *Server) origin(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimRight(s.cfg.BaseURL, "/")
	}
	return dashboards.Origin(r)
}

func (s *Server) pageKeyed(h pageFunc, keyOf func(*http.Request) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rel := s.cfg.Release(r)
		cache := s.cacheFor(rel.Manifest().ReleaseID)
		key := keyOf(r)
		if p, ok := cache.get(key); ok {
			writePage(w, r, p)
			return
		}
		if s.cfg.PageTime > 0 {
			ctx, cancel := context.WithTimeout(r.Context(), s.cfg.PageTime)
			defer cancel()
			r = r.WithContext(ctx)
		}
		p, err := s.renderInTurn(r, rel, h)
		if err != nil {
			if errors.Is(r.Context().Err(), context.DeadlineExceeded) {
				// The query was interrupted at the deadline: whatever error
				// the engine gave, the page ran out of time.
				err = errors.Join(context.DeadlineExceeded, err)
			}
			s.site.Fail(w, r, err)
			return
		}
		p.key = key
		cache.put(p)
		writePage(w, r, p)
	}
}

// pageKey is what the cache knows a page by: its path and query.
func pageKey(r *http.Request) string { return r.URL.Path + "?" + r.URL.RawQuery }

// render renders the page h makes for r from rel.
func (s *Server) render(r *http.Request, rel models.Reader, h pageFunc) (*cachedPage, error) {
	q := &request{Request: r, lang: dashboards.LangOf(r), rel: rel}
	var err error
	if q.query, err = ParseQuery(r.URL.Query()); err != nil {
		return nil, err
	}
	q.page = s.site.NewPage(r, rel)
	name, view, err := h(q)
	if err == nil && len(q.page.Entities) == 0 {
		err = s.defaultEntitySelect(q)
	}
	if err != nil {
		return nil, err
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			renderBuffers.Put(buf)
		}
	}()
	buf.Reset()
	if err := s.pages[name].ExecuteTemplate(buf, "layout.html", view); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(buf.Bytes())
	return &cachedPage{key: pageKey(r), etag: `"` + hex.EncodeToString(sum[:12]) + `"`, body: bytes.Clone(buf.Bytes())}, nil
}

// renderBuffers are the buffers pages are written into: a page grows one
// to its size once, not by doubling on every request; the page keeps a
// copy of its exact size (the cache holds it). A buffer a very large page
// grew is not kept.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledBuffer = 1 << 20

// cacheFor returns the page cache of a release, starting a new one when
// there is none. Two are kept: the live release's and the one before it or
// being prepared (Prepare), so preparing the next release never empties the
// live one's cache, and a request still on the old release finds its pages.
func (s *Server) cacheFor(release string) *pageCache {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	for _, c := range s.caches {
		if c.release == release {
			return c
		}
	}
	n := newPageCache(release, s.cfg.CacheEntries, s.cfg.CacheBytes)
	s.caches = append(s.caches, n)
	if len(s.caches) > 2 {
		s.caches = s.caches[len(s.caches)-2:]
	}
	return n
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

// urlParam is a path parameter, unescaped.
func urlParam(q *request, name string) string {
	v := chi.URLParam(q.Request, name)
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}
