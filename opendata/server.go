package opendata

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/models"
)

//go:embed templates/*.html
var templateFS embed.FS

// Server serves the manifest and the downloads of the current release. The
// catalogue page (/date) is a page of the site (package dashboards).
type Server struct {
	releases *Releases
	log      *slog.Logger
	tmpl     *template.Template
	// ErrorPage writes the page of a failed request (404, 400, 500); the
	// site sets it so errors look like its other pages. Nil: a plain page.
	ErrorPage func(w http.ResponseWriter, r *http.Request, status int)
}

// NewServer parses the templates once.
func NewServer(releases *Releases, log *slog.Logger) *Server {
	tmpl := template.Must(template.New("").ParseFS(templateFS, "templates/*.html"))
	return &Server{releases: releases, log: log, tmpl: tmpl}
}

// Routes serves /date/manifest.json and /date/{dataset}.parquet.
func (s *Server) Routes() chi.Router {
	r := chi.NewRouter()
	r.Get("/date/manifest.json", s.handle(s.manifest))
	r.Get("/date/{name}.parquet", s.handle(s.download))
	r.NotFound(s.handle(func(w http.ResponseWriter, r *http.Request) error { return models.ErrNotFound }))
	return r
}

// Manifest and Download are the handlers, for a router that mounts them itself.
func (s *Server) Manifest() http.HandlerFunc { return s.handle(s.manifest) }

// Download serves /date/{name}.parquet (the router must set the name parameter).
func (s *Server) Download() http.HandlerFunc { return s.handle(s.download) }

// handle adapts a handler that returns an error: ErrNotFound is a 404 page,
// ErrInvalid a 400 page, anything else is logged and shown as a plain 500.
func (s *Server) handle(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status := http.StatusInternalServerError
		switch {
		case errors.Is(err, models.ErrNotFound):
			status = http.StatusNotFound
		case errors.Is(err, models.ErrInvalid):
			status = http.StatusBadRequest
		default:
			s.log.Error("cerere eșuată", "path", r.URL.Path, "err", err)
		}
		if s.ErrorPage != nil {
			s.ErrorPage(w, r, status)
			return
		}
		msg := map[int]string{
			http.StatusNotFound:   "Pagina căutată nu există.",
			http.StatusBadRequest: "Cererea nu este validă.",
		}[status]
		if msg == "" {
			msg = "A apărut o eroare. Încercați din nou peste câteva momente."
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		s.tmpl.ExecuteTemplate(w, "error.html", map[string]any{"Status": status, "Message": msg})
	}
}

// release is the request's release (see Releases.Middleware), else the live one.
func (s *Server) release(r *http.Request) *Release {
	if rel := FromContext(r.Context()); rel != nil {
		return rel
	}
	return s.releases.Current()
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
