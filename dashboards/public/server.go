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
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

//go:embed templates/*.html
var templateFS embed.FS

// nav is the public site's main navigation.
var nav = []dashboards.NavLink{
	{Key: "home", Path: "/"}, {Key: "budget", Path: "/buget"}, {Key: "investments", Path: "/investitii"},
	{Key: "procurement", Path: "/achizitii"}, {Key: "requests", Path: "/cereri"},
	{Key: "methodology", Path: "/metodologie"}, {Key: "data", Path: "/date"},
}

// Config is what the public pages need.
type Config struct {
	// Release returns the release a request reads (the site holds it open
	// for the request's whole life).
	Release func(*http.Request) models.Reader
	Log     *slog.Logger
	// CacheEntries and CacheBytes bound the rendered-page cache of a
	// release; 0 entries disables it.
	CacheEntries int
	CacheBytes   int64
	// Versions are the manifests of the releases kept, newest first: the
	// dataset pages list a dataset's earlier versions from them (nil: none).
	Versions func() ([]*models.Manifest, error)
}

// Server renders the public site's pages.
type Server struct {
	cfg   Config
	site  *dashboards.Site
	pages map[string]*template.Template
	cache atomic.Pointer[pageCache]
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
		r.Get("/date/api", s.page(s.api))
		r.Get("/date/{name}", s.page(s.dataset))
	}
	pages(r)
	r.Route("/en", pages)
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
func (s *Server) page(h pageFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rel := s.cfg.Release(r)
		cache := s.cacheFor(rel.Manifest().ReleaseID)
		// The host is part of the key: the API page's examples name it.
		key := dashboards.Origin(r) + r.URL.Path + "?" + r.URL.RawQuery
		if p, ok := cache.get(key); ok {
			writePage(w, r, p)
			return
		}
		q := &request{Request: r, lang: dashboards.LangOf(r), rel: rel}
		var err error
		if q.query, err = ParseQuery(r.URL.Query()); err != nil {
			s.site.Fail(w, r, err)
			return
		}
		q.page = s.site.NewPage(r, rel)
		name, view, err := h(q)
		if err == nil && len(q.page.Entities) == 0 {
			err = s.defaultEntitySelect(q)
		}
		if err != nil {
			s.site.Fail(w, r, err)
			return
		}
		var buf bytes.Buffer
		if err := s.pages[name].ExecuteTemplate(&buf, "layout.html", view); err != nil {
			s.site.Fail(w, r, err)
			return
		}
		sum := sha256.Sum256(buf.Bytes())
		p := &cachedPage{key: key, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, body: buf.Bytes()}
		cache.put(p)
		writePage(w, r, p)
	}
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

// urlParam is a path parameter, unescaped.
func urlParam(q *request, name string) string {
	v := chi.URLParam(q.Request, name)
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}
