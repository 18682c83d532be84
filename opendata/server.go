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
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/models"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server serves the catalogue and downloads of the current release.
type Server struct {
	releases *Releases
	log      *slog.Logger
	tmpl     *template.Template
}

// NewServer parses the templates once.
func NewServer(releases *Releases, log *slog.Logger) *Server {
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{
		"number": FormatNumber,
		"date":   FormatISODate,
	}).ParseFS(templateFS, "templates/*.html"))
	return &Server{releases: releases, log: log, tmpl: tmpl}
}

// Routes mounts the catalogue at / and the files under /date/.
func (s *Server) Routes() chi.Router {
	r := chi.NewRouter()
	r.Get("/", s.handle(s.catalogue))
	r.Get("/date/manifest.json", s.handle(s.manifest))
	r.Handle("/static/*", http.FileServerFS(staticFS))
	r.Get("/date/{name}.parquet", s.handle(s.download))
	r.NotFound(s.handle(func(w http.ResponseWriter, r *http.Request) error { return models.ErrNotFound }))
	return r
}

// handle adapts a handler that returns an error: ErrNotFound is a 404 page,
// ErrInvalid a 400 page, anything else is logged and shown as a plain 500.
func (s *Server) handle(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status, msg := http.StatusInternalServerError, "A apărut o eroare. Încercați din nou peste câteva momente."
		switch {
		case errors.Is(err, models.ErrNotFound):
			status, msg = http.StatusNotFound, "Pagina căutată nu există."
		case errors.Is(err, models.ErrInvalid):
			status, msg = http.StatusBadRequest, "Cererea nu este validă."
		default:
			s.log.Error("cerere eșuată", "path", r.URL.Path, "err", err)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		s.tmpl.ExecuteTemplate(w, "error.html", map[string]any{"Status": status, "Message": msg})
	}
}

func (s *Server) catalogue(w http.ResponseWriter, r *http.Request) error {
	rel := s.releases.Current()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("ETag", `"`+rel.ID+`"`)
	return s.tmpl.ExecuteTemplate(w, "catalogue.html", map[string]any{
		"Release":  rel,
		"Created":  rel.Manifest.Created.Format("02.01.2006"),
		"Datasets": publicManifest(rel.Manifest).Datasets,
		"Licence":  rel.Manifest.Licence,
	})
}

func (s *Server) manifest(w http.ResponseWriter, r *http.Request) error {
	rel := s.releases.Current()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("ETag", `"`+rel.ID+`"`)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(publicManifest(rel.Manifest))
}

// download streams a public Parquet file with Range support; its ETag is the
// file's sha256 from the manifest, so a client's cache survives a release
// that did not change the file.
func (s *Server) download(w http.ResponseWriter, r *http.Request) error {
	rel := s.releases.Current()
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

// FormatNumber writes an integer the Romanian way: 1.234.567.
func FormatNumber(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// FormatISODate writes a YYYY-MM-DD date the Romanian way: 23.11.2026.
func FormatISODate(iso string) string {
	if len(iso) != 10 {
		return iso
	}
	return iso[8:10] + "." + iso[5:7] + "." + iso[0:4]
}
