// Package opendata is what journalists, analysts and data portals use: the
// manifest and the downloads of the current release and of the earlier ones
// still kept, exactly as `etl publish` wrote them, and the Atom feed of what
// is new. The catalogue pages (/date, /date/<dataset>, /date/api) are pages
// of the public site (dashboards/public).
//
// URLs (models.Formats lists every format and its suffix):
//
//	/date/manifest.json                      the current release's manifest (public datasets)
//	/date/datapackage.json                   its Frictionless Data Package (datapackage.go)
//	/catalog.ttl, /catalog.jsonld            its DCAT-AP 3.0.1 catalogue (catalog.go)
//	/date/<dataset><suffix>                  a download of the current release: procurement.parquet,
//	                                         procurement.csv, procurement-excel.csv, procurement.json,
//	                                         procurement.ndjson, procurement.arrows, procurement.xlsx
//	/date/budget.fdp.json, /date/budget_execution_monthly.fdp.json
//	                                         the budgets' Fiscal Data Package descriptors, and the
//	                                         CSVs they name beside them (budget.expenditure.csv, …)
//	/date/editii/                            the releases kept, newest first (JSON)
//	/date/editii/<release id>/manifest.json  an earlier (or the current) release's manifest
//	/date/editii/<release id>/<dataset><suffix>  its downloads, until the release is pruned
//	/date/noutati.atom, /en/date/noutati.atom    the Atom feed of releases and new contracts (feed.go)
//
// The API under /api/v1 (api.go, documented by openapi.go) lists the same
// datasets and downloads as JSON.
package opendata

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// Server serves the manifests and the downloads of the releases.
type Server struct {
	live *release.Live
	site *dashboards.Site // its error pages answer failed requests
	// portal is what the portal metadata says beyond the release (catalog.go).
	portal Portal
	limits Limits // of the API's rows endpoint (limits.go)
}

// NewServer serves the releases live follows; site answers errors.
func NewServer(live *release.Live, site *dashboards.Site) *Server {
	return &Server{live: live, site: site, limits: DefaultLimits()}
}

// Routes serves the URLs of the package comment; every other request goes
// on to next (the site's pages, /date among them).
func (s *Server) Routes(next http.Handler) chi.Router {
	r := chi.NewRouter()
	r.Get("/date/manifest.json", s.site.Handle(s.manifest))
	r.Get("/catalog.ttl", s.site.Handle(s.serveCatalog(true)))
	r.Get("/catalog.jsonld", s.site.Handle(s.serveCatalog(false)))
	r.Get("/date/datapackage.json", s.site.Handle(s.dataPackage))
	r.Get("/date/{file}", func(w http.ResponseWriter, r *http.Request) {
		if _, _, ok := models.FormatBySuffix(chi.URLParam(r, "file")); !ok {
			next.ServeHTTP(w, r)
			return
		}
		s.site.Handle(s.download)(w, r)
	})
	r.Get(FeedPath, s.site.Handle(s.feed))
	r.Get("/en"+FeedPath, s.site.Handle(s.feed))
	r.Get("/date/editii/", s.site.Handle(s.versions))
	r.Get("/date/editii/{id}/manifest.json", s.site.Handle(s.versionManifest))
	r.Get("/date/editii/{id}/datapackage.json", s.site.Handle(s.versionDataPackage))
	r.Get("/date/editii/{id}/{file}", s.site.Handle(s.versionDownload))
	r.NotFound(next.ServeHTTP)
	r.MethodNotAllowed(next.ServeHTTP)
	return r
}

// release is the request's release (see release.Live.Middleware), else the
// live one.
func (s *Server) release(r *http.Request) *release.Release {
	if rel := release.FromContext(r.Context()); rel != nil {
		return rel
	}
	return s.live.Current()
}

func (s *Server) manifest(w http.ResponseWriter, r *http.Request) error {
	rel := s.release(r)
	return writeManifest(w, r, rel.Manifest, "public, max-age=60")
}

func writeManifest(w http.ResponseWriter, r *http.Request, m *models.Manifest, cache string) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("ETag", `"`+m.ReleaseID+`"`)
	w.Header().Set("Cache-Control", cache)
	if match := r.Header.Get("If-None-Match"); match == `"`+m.ReleaseID+`"` {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(PublicManifest(m))
}

// download serves a public file of the current release.
func (s *Server) download(w http.ResponseWriter, r *http.Request) error {
	rel := s.release(r)
	return serveDownload(w, r, rel.Dir, rel.Manifest, chi.URLParam(r, "file"), "public, max-age=60")
}

// version is a kept release named by the URL: its directory and manifest.
// Only ids the releases directory lists are looked up, so no path of the
// URL reaches the disk.
func (s *Server) version(r *http.Request) (string, *models.Manifest, error) {
	id := chi.URLParam(r, "id")
	ids, err := release.List(s.live.Dir())
	if err != nil {
		return "", nil, err
	}
	if !slices.Contains(ids, id) {
		return "", nil, models.ErrNotFound
	}
	dir := filepath.Join(s.live.Dir(), id)
	m, err := release.ReadManifest(dir)
	if err != nil {
		return "", nil, models.ErrNotFound // pruned meanwhile
	}
	return dir, m, nil
}

// A release never changes once published: its dated URLs may be cached for good.
const immutable = "public, max-age=31536000, immutable"

func (s *Server) versionManifest(w http.ResponseWriter, r *http.Request) error {
	_, m, err := s.version(r)
	if err != nil {
		return err
	}
	return writeManifest(w, r, m, immutable)
}

func (s *Server) versionDownload(w http.ResponseWriter, r *http.Request) error {
	dir, m, err := s.version(r)
	if err != nil {
		return err
	}
	return serveDownload(w, r, dir, m, chi.URLParam(r, "file"), immutable)
}

// Version is one kept release, as /date/editii/ lists it.
type Version struct {
	ReleaseID string `json:"release_id"`
	Current   bool   `json:"current"`
	Manifest  string `json:"manifest"` // its URL
}

// versions lists the releases kept, newest first.
func (s *Server) versions(w http.ResponseWriter, r *http.Request) error {
	ids, err := release.List(s.live.Dir())
	if err != nil {
		return err
	}
	cur := s.release(r).ID
	out := struct {
		Versions []Version `json:"versions"`
	}{Versions: []Version{}}
	for i := len(ids) - 1; i >= 0; i-- {
		out.Versions = append(out.Versions, Version{ReleaseID: ids[i], Current: ids[i] == cur, Manifest: "/date/editii/" + ids[i] + "/manifest.json"})
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=60")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
