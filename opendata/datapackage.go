package opendata

import (
	"net/http"

	"github.com/deschis/deschis/models"
)

// The release's Frictionless Data Package (release/publish_datapackage.go),
// as etl publish wrote it:
//
//	/date/datapackage.json                      the current release's
//	/date/editii/<release id>/datapackage.json  a kept release's
//
// Its resources' paths are relative to it, so they name the downloads of
// the same release (/date/procurement.csv, /date/editii/<id>/procurement.csv).

func (s *Server) dataPackage(w http.ResponseWriter, r *http.Request) error {
	rel := s.release(r)
	return serveDataPackage(w, r, rel.Dir, rel.Manifest, "public, max-age=60")
}

func (s *Server) versionDataPackage(w http.ResponseWriter, r *http.Request) error {
	dir, m, err := s.version(r)
	if err != nil {
		return err
	}
	return serveDataPackage(w, r, dir, m, immutable)
}

// serveDataPackage serves the file as a static file: its ETag is its
// sha256 from the manifest. A release published before the package existed
// has none: 404.
func serveDataPackage(w http.ResponseWriter, r *http.Request, dir string, m *models.Manifest, cache string) error {
	f, ok := m.File(models.DataPackagePath)
	if !ok {
		return models.ErrNotFound
	}
	return serveFile(w, r, dir, f, "application/json", "", false, cache)
}
