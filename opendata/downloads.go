package opendata

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// compressible are the formats worth compressing on the way: text and
// Arrow. Parquet and XLSX are compressed already.
var compressible = map[string]bool{"csv": true, "csv-excel": true, "json": true, "ndjson": true, "arrow": true}

// serveDownload serves the file name (<dataset><suffix>) of a public
// dataset of the release in dir, as a static file: its ETag is its sha256
// from the manifest (a client's cache survives a release that did not change
// the file), If-None-Match answers 304, Range 206 (http.ServeContent), and a
// text file goes gzip-compressed to a client that accepts it, streamed
// through a fixed buffer. The checksum is always of the uncompressed file.
func serveDownload(w http.ResponseWriter, r *http.Request, dir string, m *models.Manifest, name, cache string) error {
	if f, ok := fdpFile(m, name); ok {
		mediaType, suffix := "application/json", release.FDPSuffix
		if f.Format == release.FormatFDPCSV {
			mediaType, suffix = "text/csv; charset=utf-8", filepath.Ext(name)
		}
		return serveFile(w, r, dir, f, mediaType, strings.TrimSuffix(name, suffix)+"-"+m.ReleaseID+suffix, true, cache)
	}
	format, dataset, ok := models.FormatBySuffix(name)
	if !ok {
		return models.ErrNotFound
	}
	d, ok := m.Dataset(dataset)
	if !ok || d.Access != models.Public {
		return models.ErrNotFound
	}
	f, ok := d.File(format.ID)
	if !ok {
		return models.ErrNotFound // a release published before the format existed
	}
	return serveFile(w, r, dir, f, format.MediaType, dataset+"-"+m.ReleaseID+format.Suffix, compressible[format.ID], cache)
}

// fdpFile is the file of the budgets' Fiscal Data Package named name
// (budget.fdp.json, budget.expenditure.csv, …), which the descriptors' relative
// paths name beside them.
func fdpFile(m *models.Manifest, name string) (models.ReleaseFile, bool) {
	f, ok := m.File(models.Public + "/" + name)
	if !ok || f.Format != release.FormatFDP && f.Format != release.FormatFDPCSV {
		return models.ReleaseFile{}, false
	}
	return f, true
}

// serveFile serves a file of the release in dir as the package comment of
// serveDownload says, saved by the browser as download (empty: inline).
func serveFile(w http.ResponseWriter, r *http.Request, dir string, f models.ReleaseFile, mediaType, download string, compress bool, cache string) error {
	file, err := os.Open(filepath.Join(dir, filepath.FromSlash(f.Path)))
	if err != nil {
		return err
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", mediaType)
	if download != "" { // else shown inline (a descriptor such as datapackage.json)
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, download))
	}
	h.Set("Cache-Control", cache)
	h.Set("X-Content-SHA256", f.SHA256)
	etag := `"` + f.SHA256 + `"`
	if compress {
		h.Add("Vary", "Accept-Encoding")
		if r.Header.Get("Range") == "" && acceptsGzip(r.Header.Get("Accept-Encoding")) {
			return serveGzip(w, r, file, `W/`+etag)
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", st.ModTime(), file)
	return nil
}

// serveGzip streams file gzip-compressed. Its ETag is the weak form of the
// file's: the same content, other bytes.
func serveGzip(w http.ResponseWriter, r *http.Request, file io.Reader, etag string) error {
	w.Header().Set("ETag", etag)
	if noneMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Del("Content-Length")
	if r.Method == http.MethodHead {
		return nil
	}
	gz, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
	buf := make([]byte, 64<<10)
	if _, err := io.CopyBuffer(gz, file, buf); err != nil {
		return nil // the client went away: nothing more can be said to it
	}
	gz.Close()
	return nil
}

// noneMatch reports whether an If-None-Match header matches etag, by the
// weak comparison RFC 9110 asks of it.
func noneMatch(header, etag string) bool {
	bare := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == bare {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip (and
// not with q=0).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if c := strings.ToLower(strings.TrimSpace(coding)); c != "gzip" && c != "*" {
			continue
		}
		if q, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}
