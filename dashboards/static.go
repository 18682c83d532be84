package dashboards

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// staticFS holds the site's CSS and JavaScript. static/vendor/echarts.min.js
// is copied from node_modules by `make setup` and is not in git: without it
// the site works, with tables and no charts.
//
//go:embed static
var staticFS embed.FS

// asset is one static file served at a fingerprinted URL.
type asset struct {
	url, ctype, etag string
	body, gz         []byte
}

// assets maps the fingerprinted URLs to files, and names to URLs.
type assets struct {
	byURL  map[string]*asset
	byName map[string]string // "site.css" -> "/static/site.3f2a….css"
}

// loadAssets fingerprints every embedded static file with its content hash,
// so a URL never changes meaning and can be cached for a year.
func loadAssets(fsys fs.FS) (*assets, error) {
	a := &assets{byURL: map[string]*asset{}, byName: map[string]string{}}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])[:12]
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		url := "/static/" + strings.TrimSuffix(name, ext) + "." + hash + ext
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		as := &asset{url: url, ctype: ctype, etag: `"` + hash + `"`, body: body}
		if ext == ".js" || ext == ".css" || ext == ".svg" {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			if buf.Len() < len(body) {
				as.gz = buf.Bytes()
			}
		}
		a.byURL[url] = as
		a.byName[name] = url
		return nil
	})
	return a, err
}

// URL is the fingerprinted URL of a static file, "" when it is missing.
func (a *assets) URL(name string) string { return a.byName[name] }

// ServeHTTP serves a fingerprinted file, cached for a year.
func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	as, ok := a.byURL[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", as.ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", as.etag)
	h.Add("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == as.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := as.body
	if as.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = as.gz
	}
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}
