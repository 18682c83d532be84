// Package opendata is what journalists, analysts and data portals use: the
// manifest and the downloads of the current release, exactly as `etl
// publish` wrote them. The catalogue page (/date) is a page of the public
// site (dashboards/public).
package opendata

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// Server serves the manifest and the downloads of the current release.
type Server struct {
	live *release.Live
	site *dashboards.Site // its error pages answer failed requests
}

// NewServer serves the releases live follows; site answers errors.
func NewServer(live *release.Live, site *dashboards.Site) *Server {
	return &Server{live: live, site: site}
}

// Routes serves /date/manifest.json and /date/{dataset}.parquet; every
// other request goes on to next (the site's pages).
func (s *Server) Routes(next http.Handler) chi.Router {
	r := chi.NewRouter()
	r.Get("/date/manifest.json", s.site.Handle(s.manifest))
	r.Get("/date/{name}.parquet", s.site.Handle(s.download))
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
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("ETag", `"`+rel.ID+`"`)
	w.Header().Set("Cache-Control", "public, max-age=60")
	if match := r.Header.Get("If-None-Match"); match == `"`+rel.ID+`"` {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(PublicManifest(rel.Manifest))
}

// download streams a public Parquet file with Range support; its ETag is the
// file's sha256 from the manifest, so a client's cache survives a release
// that did not change the file.
func (s *Server) download(w http.ResponseWriter, r *http.Request) error {
	rel := s.release(r)
	name := chi.URLParam(r, "name")
	d, ok := rel.Manifest.Dataset(name)
	if !ok || d.Access != models.Public {
		return models.ErrNotFound
	}
	for _, f := range d.Files {
		if f.Format != "parquet" {
			continue
		}
		file, err := os.Open(filepath.Join(rel.Dir, filepath.FromSlash(f.Path)))
		if err != nil {
			return err
		}
		defer file.Close()
		st, err := file.Stat()
		if err != nil {
			return err
		}
		w.Header().Set("ETag", `"`+f.SHA256+`"`)
		w.Header().Set("Content-Type", "application/vnd.apache.parquet")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s.parquet"`, name, rel.ID))
		http.ServeContent(w, r, "", st.ModTime(), file)
		return nil
	}
	return models.ErrNotFound
}
