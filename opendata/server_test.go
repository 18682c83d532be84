package opendata

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// writeRelease writes a release directory with a public dataset in the
// files given (format id: content) and an internal one, with their real
// checksums in its manifest.
func writeRelease(t *testing.T, out, id string, public map[string]string) {
	t.Helper()
	dir := filepath.Join(out, id)
	os.MkdirAll(filepath.Join(dir, "public"), 0o755)
	os.MkdirAll(filepath.Join(dir, "internal"), 0o755)
	pub := models.ManifestDataset{PublishedDataset: models.PublishedDataset{Name: "procurement", Access: models.Public}}
	for _, f := range models.Formats {
		content, ok := public[f.ID]
		if !ok {
			continue
		}
		rel := "public/procurement" + f.Suffix
		os.WriteFile(filepath.Join(dir, rel), []byte(content), 0o644)
		sum := sha256.Sum256([]byte(content))
		pub.Files = append(pub.Files, models.ReleaseFile{Path: rel, Format: f.ID, Bytes: int64(len(content)), SHA256: hex.EncodeToString(sum[:])})
	}
	os.WriteFile(filepath.Join(dir, "internal", "requests.parquet"), []byte("PAR1 internal PAR1"), 0o644)
	man := models.Manifest{ReleaseID: id, Datasets: []models.ManifestDataset{pub,
		{PublishedDataset: models.PublishedDataset{Name: "requests", Access: models.Internal},
			Files: []models.ReleaseFile{{Path: "internal/requests.parquet", Format: "parquet", SHA256: "def"}}},
	}}
	b, _ := json.Marshal(man)
	os.WriteFile(filepath.Join(dir, release.ManifestFile), b, 0o644)
}

var bigCSV = "supplier_cui,value\n" + strings.Repeat("12345678,-5.00\n", 5000)

// Two releases on disk, the second current, followed without a reader (the
// downloads need only the manifests and the files), behind a real HTTP server.
func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	out := t.TempDir()
	writeRelease(t, out, "20261101T080000Z", map[string]string{"parquet": "PAR1 old PAR1", "csv": "supplier_cui,value\nold,1.00\n"})
	writeRelease(t, out, "20261123T090000Z", map[string]string{"parquet": "PAR1 public bytes PAR1", "csv": bigCSV,
		"csv-excel": "\uFEFFsupplier_cui;value\n1;-5,00\n", "json": "[]", "ndjson": "", "arrow": "ARROW1", "xlsx": "PK xlsx"})
	if err := release.SwapCurrent(out, "20261123T090000Z"); err != nil {
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
	srv := httptest.NewServer(live.Middleware(NewServer(live, site).Routes(pages)))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// No Accept-Encoding unless the test sets one, and no automatic decompression.
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.DisableCompression = true
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func sha(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

func TestDownloadsAndManifest(t *testing.T) {
	srv := testServer(t)
	resp, body := get(t, srv, "/date/procurement.parquet")
	if resp.StatusCode != 200 || string(body) != "PAR1 public bytes PAR1" || resp.Header.Get("ETag") != `"`+sha(body)+`"` ||
		resp.Header.Get("Content-Type") != "application/vnd.apache.parquet" {
		t.Fatalf("download: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	if resp, _ := get(t, srv, "/date/procurement.parquet", "If-None-Match", `"`+sha(body)+`"`); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", resp.StatusCode)
	}
	resp, body = get(t, srv, "/date/procurement.parquet", "Range", "bytes=5-10")
	if resp.StatusCode != http.StatusPartialContent || string(body) != "public" {
		t.Errorf("Range: %d %q", resp.StatusCode, body)
	}
	for _, p := range []string{"/date/requests.parquet", "/date/nope.parquet", "/date/nope.csv", "/date/editii/20261123T090000Z/requests.parquet",
		"/date/editii/19990101T000000Z/manifest.json", "/date/editii/..%2F..%2Fetc/manifest.json"} {
		if resp, _ := get(t, srv, p); resp.StatusCode != 404 {
			t.Errorf("%s: %d, want the 404 page", p, resp.StatusCode)
		}
	}
	resp, body = get(t, srv, "/date/manifest.json")
	var m models.Manifest
	if err := json.Unmarshal(body, &m); err != nil || len(m.Datasets) != 1 || m.Datasets[0].Name != "procurement" || len(m.Datasets[0].Files) != len(models.Formats) {
		t.Fatalf("manifest: %v %+v", err, m)
	}
	// Everything else is a page of the site.
	for _, p := range []string{"/date", "/date/procurement", "/date/editii"} {
		if resp, _ := get(t, srv, p); resp.StatusCode != http.StatusTeapot {
			t.Errorf("%s went to the downloads: %d", p, resp.StatusCode)
		}
	}
}

// Every format is at /date/<dataset><suffix>, with its media type, its
// sha256 as ETag and 304 for it, and Range.
func TestEveryFormatIsAStaticFile(t *testing.T) {
	srv := testServer(t)
	for _, f := range models.Formats {
		path := "/date/procurement" + f.Suffix
		resp, body := get(t, srv, path)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != f.MediaType || resp.Header.Get("ETag") != `"`+sha(body)+`"` ||
			resp.Header.Get("X-Content-SHA256") != sha(body) {
			t.Errorf("%s: %d, %v", path, resp.StatusCode, resp.Header)
			continue
		}
		if want := fmt.Sprintf(`attachment; filename="procurement-20261123T090000Z%s"`, f.Suffix); resp.Header.Get("Content-Disposition") != want {
			t.Errorf("%s: Content-Disposition %q, want %q", path, resp.Header.Get("Content-Disposition"), want)
		}
		if resp, _ := get(t, srv, path, "If-None-Match", resp.Header.Get("ETag")); resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s If-None-Match: %d, want 304", path, resp.StatusCode)
		}
		if len(body) > 2 {
			if resp, part := get(t, srv, path, "Range", "bytes=1-2"); resp.StatusCode != http.StatusPartialContent || !bytes.Equal(part, body[1:3]) {
				t.Errorf("%s Range: %d %q", path, resp.StatusCode, part)
			}
		}
	}
}

// A client that accepts gzip gets the text formats compressed; what it
// decompresses has the manifest's sha256 (the checksum of the uncompressed
// file). A Range request, Parquet and XLSX are never compressed.
func TestGzipWhereTheClientAcceptsIt(t *testing.T) {
	srv := testServer(t)
	resp, body := get(t, srv, "/date/procurement.csv", "Accept-Encoding", "gzip, deflate, br")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("gzip: %d %v", resp.StatusCode, resp.Header)
	}
	if len(body) >= len(bigCSV)/10 {
		t.Errorf("%d compressed bytes for %d", len(body), len(bigCSV))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || string(plain) != bigCSV {
		t.Fatalf("decompressed %d bytes (%v), want the file's %d", len(plain), err, len(bigCSV))
	}
	_, mbody := get(t, srv, "/date/manifest.json")
	var m models.Manifest
	json.Unmarshal(mbody, &m)
	f, _ := m.Datasets[0].File("csv")
	if sha(plain) != f.SHA256 || resp.Header.Get("ETag") != `W/"`+f.SHA256+`"` {
		t.Errorf("decompressed sha256 %s, ETag %s; manifest %s", sha(plain), resp.Header.Get("ETag"), f.SHA256)
	}
	for _, etag := range []string{`W/"` + f.SHA256 + `"`, `"` + f.SHA256 + `"`} {
		if resp, _ := get(t, srv, "/date/procurement.csv", "Accept-Encoding", "gzip", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
			t.Errorf("gzip, If-None-Match %s: %d, want 304", etag, resp.StatusCode)
		}
	}
	for _, c := range []struct{ path, enc, rng string }{
		{"/date/procurement.csv", "gzip;q=0", ""}, {"/date/procurement.csv", "gzip", "bytes=0-11"}, {"/date/procurement.csv", "", ""},
		{"/date/procurement.parquet", "gzip", ""}, {"/date/procurement.xlsx", "gzip", ""},
	} {
		resp, body := get(t, srv, c.path, "Accept-Encoding", c.enc, "Range", c.rng)
		if resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s (Accept-Encoding %q, Range %q) was compressed", c.path, c.enc, c.rng)
		}
		if c.rng != "" && (resp.StatusCode != http.StatusPartialContent || string(body) != bigCSV[:12]) {
			t.Errorf("Range with gzip accepted: %d %q", resp.StatusCode, body)
		}
	}
}

// Earlier releases stay downloadable at /date/editii/<id>/, each with its
// own manifest, and /date/editii/ lists them.
func TestEarlierReleasesAreDownloadable(t *testing.T) {
	srv := testServer(t)
	resp, body := get(t, srv, "/date/editii/")
	var list struct{ Versions []Version }
	if err := json.Unmarshal(body, &list); err != nil || resp.StatusCode != 200 || len(list.Versions) != 2 ||
		list.Versions[0].ReleaseID != "20261123T090000Z" || !list.Versions[0].Current || list.Versions[1].Current ||
		list.Versions[1].Manifest != "/date/editii/20261101T080000Z/manifest.json" {
		t.Fatalf("versions: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, srv, list.Versions[1].Manifest)
	var m models.Manifest
	if err := json.Unmarshal(body, &m); err != nil || m.ReleaseID != "20261101T080000Z" || len(m.Datasets) != 1 || len(m.Datasets[0].Files) != 2 {
		t.Fatalf("old manifest: %d %s", resp.StatusCode, body)
	}
	if !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("a dated manifest's Cache-Control: %q", resp.Header.Get("Cache-Control"))
	}
	resp, body = get(t, srv, "/date/editii/20261101T080000Z/procurement.csv")
	if resp.StatusCode != 200 || string(body) != "supplier_cui,value\nold,1.00\n" || resp.Header.Get("ETag") != `"`+m.Datasets[0].Files[1].SHA256+`"` {
		t.Fatalf("old csv: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	// A format the old release was not published in is not there.
	if resp, _ := get(t, srv, "/date/editii/20261101T080000Z/procurement.xlsx"); resp.StatusCode != 404 {
		t.Errorf("old xlsx: %d, want 404", resp.StatusCode)
	}
}
