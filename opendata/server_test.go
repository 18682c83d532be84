package opendata

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// A release on disk with one public and one internal file, followed without
// a reader: the downloads need only the manifest and the files.
func testServer(t *testing.T) http.Handler {
	t.Helper()
	out := t.TempDir()
	dir := filepath.Join(out, "r1")
	os.MkdirAll(filepath.Join(dir, "public"), 0o755)
	os.MkdirAll(filepath.Join(dir, "internal"), 0o755)
	os.WriteFile(filepath.Join(dir, "public", "procurement.parquet"), []byte("PAR1 public bytes PAR1"), 0o644)
	os.WriteFile(filepath.Join(dir, "internal", "requests.parquet"), []byte("PAR1 internal PAR1"), 0o644)
	man := models.Manifest{ReleaseID: "r1", Datasets: []models.ManifestDataset{
		{PublishedDataset: models.PublishedDataset{Name: "procurement", Access: models.Public},
			Files: []models.ReleaseFile{{Path: "public/procurement.parquet", Format: "parquet", SHA256: "abc"}}},
		{PublishedDataset: models.PublishedDataset{Name: "requests", Access: models.Internal},
			Files: []models.ReleaseFile{{Path: "internal/requests.parquet", Format: "parquet", SHA256: "def"}}},
	}}
	b, _ := json.Marshal(man)
	os.WriteFile(filepath.Join(dir, release.ManifestFile), b, 0o644)
	if err := release.SwapCurrent(out, "r1"); err != nil {
		t.Fatal(err)
	}
	live, err := release.Follow(out, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	site, err := dashboards.NewSite(dashboards.Config{})
	if err != nil {
		t.Fatal(err)
	}
	pages := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	return live.Middleware(NewServer(live, site).Routes(pages))
}

func do(h http.Handler, path string, header ...string) *http.Response {
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Result()
}

func TestDownloadsAndManifest(t *testing.T) {
	h := testServer(t)
	resp := do(h, "/date/procurement.parquet")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(body) != "PAR1 public bytes PAR1" || resp.Header.Get("ETag") != `"abc"` {
		t.Fatalf("download: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	if resp := do(h, "/date/procurement.parquet", "If-None-Match", `"abc"`); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", resp.StatusCode)
	}
	resp = do(h, "/date/procurement.parquet", "Range", "bytes=5-10")
	body, _ = io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusPartialContent || string(body) != "public" {
		t.Errorf("Range: %d %q", resp.StatusCode, body)
	}
	for _, p := range []string{"/date/requests.parquet", "/date/nope.parquet"} {
		if resp := do(h, p); resp.StatusCode != 404 {
			t.Errorf("%s: %d, want the 404 page", p, resp.StatusCode)
		}
	}
	resp = do(h, "/date/manifest.json")
	var m models.Manifest
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || len(m.Datasets) != 1 || m.Datasets[0].Name != "procurement" {
		t.Fatalf("manifest: %v %+v", err, m)
	}
	// Everything else is a page of the site.
	if resp := do(h, "/date"); resp.StatusCode != http.StatusTeapot {
		t.Errorf("/date went to the downloads: %d", resp.StatusCode)
	}
}
