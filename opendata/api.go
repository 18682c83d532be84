package opendata

// The API under /api/v1: the catalogue of the release as JSON, for programs.
//
//	GET /api/v1/datasets          {"datasets": [{name, title, title_en, rows, downloads}]}
//	GET /api/v1/datasets/{name}   one dataset's metadata: schema, coverage, licence, release id, source, frequency, downloads,
//	                              the loads it came from and their source files (load_files)
//	GET /api/v1/openapi.json      the OpenAPI 3.1 document of these routes (openapi.go)
//	GET /api/v1/datasets/{name}/rows  a page of a dataset's rows: filters, sort, fields, cursor, formats (rows.go)
//	GET /api/v1/aggregate/budget  the budgets summed as babbage does: cells and summary (api_aggregate.go)
//	GET /api/v1/aggregate/procurement  the contracts summed by supplier, month or institution and year (api_aggregate_procurement.go)
//	GET /api/v1/ocds/releases.json  procurement as an OCDS 1.1 release package (ocds.go)
//
// Titles and texts: `title` is Romanian and `title_en` English; every
// other text is an object {"ro": ..., "en": ...}. There is no ?lang=.
// Download URLs are root-relative and dated (/date/editii/<release id>/<file>),
// so a URL always answers with the sha256 listed beside it, even after the
// next release goes live.
//
// Every answer is JSON (application/json; charset=utf-8), open to any origin
// for GET (Access-Control-Allow-Origin: *), with an ETag per release; every
// error, unknown paths and wrong methods included, has one shape:
// {"error": {"code": ..., "message": {"ro": ..., "en": ...}}}.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/models"
)

// APIPrefix is where API mounts the API's router.
const APIPrefix = "/api/v1"

// APIDownload is a download of a dataset in one format.
type APIDownload struct {
	URL    string `json:"url"`
	SHA256 string `json:"sha256"`
}

// APIDatasetSummary is one dataset of GET /api/v1/datasets.
type APIDatasetSummary struct {
	Name      string                 `json:"name"`
	Title     string                 `json:"title"`    // Romanian
	TitleEN   string                 `json:"title_en"` // English
	Rows      int64                  `json:"rows"`
	Downloads map[string]APIDownload `json:"downloads"` // by format id (models.Formats)
}

// APIDatasetList is the answer of GET /api/v1/datasets.
type APIDatasetList struct {
	Datasets []APIDatasetSummary `json:"datasets"`
}

// APICoverage is the period (YYYY-MM-DD, null when unknown) and the
// institutions (CUI) a dataset covers.
type APICoverage struct {
	From     *string  `json:"from"`
	To       *string  `json:"to"`
	Entities []string `json:"entities"`
}

// APIDataset is the answer of GET /api/v1/datasets/{name}.
type APIDataset struct {
	APIDatasetSummary
	ReleaseID   string          `json:"release_id"`
	Description models.Text     `json:"description"`
	Schema      []models.Column `json:"schema"`
	Coverage    APICoverage     `json:"coverage"`
	Licence     models.Licence  `json:"licence"`
	Source      models.Text     `json:"source"`
	Frequency   models.Text     `json:"frequency"`
	Period      string          `json:"period"` // "day", "month" or "year": how finely coverage dates are meant
	Loads       []int64         `json:"loads"`
	// LoadFiles are the source files of those loads (provenance: a row's
	// load_id names one), by base name, with sha256, size and time.
	LoadFiles []models.ManifestLoad `json:"load_files"`
}

// APIError is the one shape of every error of the API.
type APIError struct {
	Error APIErrorBody `json:"error"`
}

// APIErrorBody says what went wrong and what to change, in both languages.
type APIErrorBody struct {
	Code      string      `json:"code"` // not_found, unknown_dataset, method_not_allowed
	Message   models.Text `json:"message"`
	Available []string    `json:"available,omitempty"` // unknown_dataset: the datasets there are
}

// API is the router of /api/v1 (mount it at APIPrefix, outside any
// middleware that answers other methods itself).
func (s *Server) API() chi.Router {
	r := chi.NewRouter()
	r.Use(apiHeaders)
	for _, route := range []struct {
		pattern string
		handler http.HandlerFunc
	}{{"/datasets", s.apiDatasets}, {"/datasets/{name}", s.apiDataset}, {"/openapi.json", serveOpenAPI},
		{"/aggregate/budget", s.apiAggregateBudget},
		{"/aggregate/procurement", s.apiAggregateProcurement},
		{"/ocds/releases.json", s.apiOCDS},

		{"/datasets/{name}/rows", s.apiRows}} {
		r.Get(route.pattern, route.handler)
		r.Head(route.pattern, route.handler) // the server sends no body
	}
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		writeAPIError(w, http.StatusNotFound, "not_found", models.Text{
			RO: "Adresa " + r.URL.Path + " nu există în API. Adresele sunt descrise în " + APIPrefix + "/openapi.json.",
			EN: "There is no " + r.URL.Path + " in the API. The paths are described in " + APIPrefix + "/openapi.json.",
		}, nil)
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		writeAPIError(w, http.StatusMethodNotAllowed, "method_not_allowed", models.Text{
			RO: "Metoda " + r.Method + " nu este permisă: API-ul se citește doar cu GET (sau HEAD).",
			EN: "Method " + r.Method + " is not allowed: the API is read with GET (or HEAD) only.",
		}, nil)
	})
	return r
}

// apiHeaders: every answer of the API is JSON, open to every origin for GET.
func apiHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "If-None-Match")
		h.Set("Access-Control-Expose-Headers", "ETag")
		h.Set("Content-Type", "application/json; charset=utf-8")
		if r.Method == http.MethodOptions { // a CORS preflight, of any path
			h.Set("Allow", "GET, HEAD, OPTIONS")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func writeAPIError(w http.ResponseWriter, status int, code string, msg models.Text, available []string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(APIError{Error: APIErrorBody{Code: code, Message: msg, Available: available}})
}

// refuseQuery answers 400 and is true when a query could not be parsed
// (err), names a parameter not in allowed, or gives one twice (repeated:
// what to do then, for the parameter's name).
func refuseQuery(w http.ResponseWriter, values url.Values, err error, allowed []string, repeated func(name string) models.Text) bool {
	if err != nil {
		writeAPIError(w, http.StatusBadRequest, "invalid_query", models.Text{
			RO: "Adresa are o secvență %-codată greșită (" + err.Error() + "): codați % ca %25.",
			EN: "The query has a malformed %-escape (" + err.Error() + "): encode % as %25.",
		}, nil)
		return true
	}
	for name, vs := range values {
		if !slices.Contains(allowed, name) {
			writeAPIError(w, http.StatusBadRequest, "unknown_parameter", models.Text{
				RO: "Parametrul „" + name + "” nu există. Parametrii sunt: " + strings.Join(allowed, ", ") + ".",
				EN: "There is no parameter “" + name + "”. The parameters are: " + strings.Join(allowed, ", ") + ".",
			}, allowed)
			return true
		}
		if len(vs) > 1 {
			writeAPIError(w, http.StatusBadRequest, "repeated_parameter", repeated(name), nil)
			return true
		}
	}
	return false
}

// writeAPI writes v with etag, answering 304 to a client that has it.
func writeAPI(w http.ResponseWriter, r *http.Request, etag string, v any) {
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "public, max-age=60")
	if noneMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// releaseETag is the ETag of an answer made from the release alone: it
// changes with the release (and with the API's version).
func releaseETag(releaseID string) string { return `"v1-` + releaseID + `"` }

func summary(m *models.Manifest, d *models.ManifestDataset) APIDatasetSummary {
	out := APIDatasetSummary{Name: d.Name, Title: d.Title.RO, TitleEN: d.Title.EN, Rows: d.Rows, Downloads: map[string]APIDownload{}}
	for _, f := range models.Formats {
		// A release published before a format existed lists what it has.
		if file, ok := d.File(f.ID); ok {
			out.Downloads[f.ID] = APIDownload{URL: "/date/editii/" + m.ReleaseID + "/" + d.Name + f.Suffix, SHA256: file.SHA256}
		}
	}
	return out
}

func (s *Server) apiDatasets(w http.ResponseWriter, r *http.Request) {
	m := s.release(r).Manifest
	out := APIDatasetList{Datasets: []APIDatasetSummary{}}
	for i := range m.Datasets {
		if d := &m.Datasets[i]; d.Access == models.Public {
			out.Datasets = append(out.Datasets, summary(m, d))
		}
	}
	writeAPI(w, r, releaseETag(m.ReleaseID), out)
}

func (s *Server) apiDataset(w http.ResponseWriter, r *http.Request) {
	m := s.release(r).Manifest
	name := chi.URLParam(r, "name")
	d, ok := m.Dataset(name)
	if !ok || d.Access != models.Public { // an internal dataset is not there either
		unknownDataset(w, m, name)
		return
	}
	out := APIDataset{
		APIDatasetSummary: summary(m, d),
		ReleaseID:         m.ReleaseID,
		Description:       d.Description,
		Schema:            d.Schema,
		Coverage:          APICoverage{From: optional(d.Coverage.From), To: optional(d.Coverage.To), Entities: d.Coverage.Entities},
		Licence:           d.Licence,
		Source:            d.Source,
		Frequency:         d.Frequency,
		Period:            d.Period,
		Loads:             d.Loads,
		LoadFiles:         m.LoadsOf(d),
	}
	if out.Schema == nil {
		out.Schema = []models.Column{}
	}
	if out.Coverage.Entities == nil {
		out.Coverage.Entities = []string{}
	}
	if out.Loads == nil {
		out.Loads = []int64{}
	}
	if out.LoadFiles == nil {
		out.LoadFiles = []models.ManifestLoad{}
	}
	if out.Licence == (models.Licence{}) {
		out.Licence = m.Licence
	}
	if out.Period == "" {
		out.Period = "day"
	}
	writeAPI(w, r, releaseETag(m.ReleaseID), out)
}

// unknownDataset answers 404 to a dataset the release has not, or has
// internal only, naming the public ones.
func unknownDataset(w http.ResponseWriter, m *models.Manifest, name string) {
	var names []string
	for _, d := range m.Datasets {
		if d.Access == models.Public {
			names = append(names, d.Name)
		}
	}
	list := strings.Join(names, ", ")
	writeAPIError(w, http.StatusNotFound, "unknown_dataset", models.Text{
		RO: "Setul de date „" + name + "” nu există. Seturile disponibile: " + list + ".",
		EN: "There is no dataset “" + name + "”. The datasets available: " + list + ".",
	}, names)
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// etagOf is the ETag of fixed bytes: their sha256.
func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}
