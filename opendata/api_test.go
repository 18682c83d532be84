package opendata

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// The demo municipality published once per test binary with demo.Build,
// served as cmd/publicsite wires it: the API at /api/v1 beside the downloads.
var (
	demoOnce    sync.Once
	demoErr     error
	demoLive    *release.Live
	demoCleanup = func() {}
	demoRoot    string // the demo's directory: its warehouse, sources and releases
)

func TestMain(m *testing.M) {
	code := m.Run()
	if demoLive != nil {
		demoLive.Close()
	}
	demoCleanup()
	os.Exit(code)
}

type apiSite struct {
	srv *httptest.Server
	man *models.Manifest
}

func demoAPI(t testing.TB) apiSite {
	t.Helper()
	demoOnce.Do(func() {
		root, err := os.MkdirTemp("", "deschis-api-test-")
		if err != nil {
			demoErr = err
			return
		}
		demoCleanup, demoRoot = func() { os.RemoveAll(root) }, root
		b, err := demo.Build(context.Background(), root, demo.Options{}, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
		if err != nil {
			demoErr = err
			return
		}
		demoLive, demoErr = release.Follow(b.Releases, nil, release.OpenWith(release.Tables))
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	srv := httptest.NewServer(apiHandler(t, demoLive))
	t.Cleanup(srv.Close)
	return apiSite{srv: srv, man: demoLive.Current().Manifest}
}

// apiHandler is the wiring of cmd/publicsite: the API mounted at
// APIPrefix, the downloads (and, here, a teapot for the pages) at /.
func apiHandler(t testing.TB, live *release.Live) http.Handler {
	site, err := dashboards.NewSite(dashboards.Config{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(live, site)
	pages := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	r := chi.NewRouter()
	r.Use(live.Middleware)
	r.Mount(APIPrefix, s.API())
	r.Mount("/", s.Routes(pages))
	return r
}

func do(t testing.TB, srv *httptest.Server, method, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp, buf.Bytes()
}

// checkJSONHeaders: every answer of the API, errors included.
func checkJSONHeaders(t testing.TB, path string, resp *http.Response) {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", path, ct)
	}
	if o := resp.Header.Get("Access-Control-Allow-Origin"); o != "*" {
		t.Errorf("%s: Access-Control-Allow-Origin %q, want *", path, o)
	}
}

// checkError: the one shape of every error, with both languages said.
func checkError(t testing.TB, path string, resp *http.Response, body []byte, status int, code string) APIErrorBody {
	t.Helper()
	checkJSONHeaders(t, path, resp)
	var e map[string]APIErrorBody
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || len(e) != 1 {
		t.Fatalf("%s: %d, not an API error: %v %s", path, resp.StatusCode, err, body)
	}
	got := e["error"]
	if resp.StatusCode != status || got.Code != code || got.Message.RO == "" || got.Message.EN == "" || got.Message.RO == got.Message.EN {
		t.Errorf("%s: %d %+v, want %d %s with a message in Romanian and English", path, resp.StatusCode, got, status, code)
	}
	return got
}

func publicNames(m *models.Manifest) (pub, internal []string) {
	for _, d := range m.Datasets {
		if d.Access == models.Public {
			pub = append(pub, d.Name)
		} else {
			internal = append(internal, d.Name)
		}
	}
	return pub, internal
}

// The contract of GET /api/v1/datasets, field by field: every public
// dataset of the manifest, in its order, no internal one, its rows, its
// titles, and every download URL answers 200 with the sha256 listed.
func TestAPIListsEveryPublicDataset(t *testing.T) {
	s := demoAPI(t)
	resp, body := do(t, s.srv, "GET", "/api/v1/datasets")
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	checkJSONHeaders(t, "/api/v1/datasets", resp)
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil || len(top) != 1 || top["datasets"] == nil {
		t.Fatalf("want exactly {\"datasets\": [...]}: %v %.200s", err, body)
	}
	var list APIDatasetList
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&list); err != nil {
		t.Fatal(err)
	}
	pub, internal := publicNames(s.man)
	if len(internal) == 0 || len(pub) < 5 {
		t.Fatalf("the demo release has %v public and %v internal datasets: the test needs both", pub, internal)
	}
	var names []string
	for _, d := range list.Datasets {
		names = append(names, d.Name)
	}
	if !slices.Equal(names, pub) {
		t.Fatalf("listed %v, want the public datasets %v (internal: %v)", names, pub, internal)
	}
	for _, got := range list.Datasets {
		d, _ := s.man.Dataset(got.Name)
		if got.Title != d.Title.RO || got.TitleEN != d.Title.EN || got.Title == "" || got.TitleEN == "" || got.Rows != d.Rows || got.Rows <= 0 {
			t.Errorf("%s: %+v, want titles %v and %d rows", got.Name, got, d.Title, d.Rows)
		}
		if len(got.Downloads) != len(models.Formats) {
			t.Errorf("%s: %d downloads, want the %d formats", got.Name, len(got.Downloads), len(models.Formats))
		}
		for _, f := range models.Formats {
			dl, ok := got.Downloads[f.ID]
			file, _ := d.File(f.ID)
			if !ok || dl.SHA256 != file.SHA256 || dl.URL != "/date/editii/"+s.man.ReleaseID+"/"+d.Name+f.Suffix {
				t.Errorf("%s %s: %+v, want the manifest's %s", got.Name, f.ID, dl, file.SHA256)
				continue
			}
			resp, body := do(t, s.srv, "GET", dl.URL)
			if resp.StatusCode != 200 || sha(body) != dl.SHA256 {
				t.Errorf("%s: %d, sha256 %s, listed %s", dl.URL, resp.StatusCode, sha(body), dl.SHA256)
			}
		}
	}
	// The ETag is the release's: a client that has it gets 304.
	etag := resp.Header.Get("ETag")
	if etag != `"v1-`+s.man.ReleaseID+`"` {
		t.Errorf("ETag %q", etag)
	}
	if resp, body := do(t, s.srv, "GET", "/api/v1/datasets", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("If-None-Match: %d %q", resp.StatusCode, body)
	}
	if strings.Contains(string(body), "internal/") {
		t.Errorf("the list names a file of internal/")
	}
}

// GET /api/v1/datasets/{name}: every field from the manifest; an internal
// or unknown dataset is a 404 naming the public ones.
func TestAPIDatasetMetadata(t *testing.T) {
	s := demoAPI(t)
	_, lbody := do(t, s.srv, "GET", "/api/v1/datasets")
	var list APIDatasetList
	json.Unmarshal(lbody, &list)
	pub, internal := publicNames(s.man)
	covered := 0 // datasets with both dates and institutions
	for i, name := range pub {
		path := "/api/v1/datasets/" + name
		resp, body := do(t, s.srv, "GET", path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		checkJSONHeaders(t, path, resp)
		var got APIDataset
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		d, _ := s.man.Dataset(name)
		if !reflect.DeepEqual(got.APIDatasetSummary, list.Datasets[i]) {
			t.Errorf("%s: %+v, the list says %+v", path, got.APIDatasetSummary, list.Datasets[i])
		}
		if got.ReleaseID != s.man.ReleaseID || got.Description != d.Description || !reflect.DeepEqual(got.Schema, d.Schema) ||
			got.Licence != d.Licence || got.Licence.ID != "OGL-ROU-1.0" || got.Source != d.Source || got.Frequency != d.Frequency ||
			!reflect.DeepEqual(got.Loads, d.Loads) || len(got.Loads) == 0 {
			t.Errorf("%s: %+v, manifest %+v", path, got, d)
		}
		// Provenance: every load it lists, with the source file's name (no
		// path), sha256 and time, as the manifest names it.
		if want := s.man.LoadsOf(d); len(got.LoadFiles) == 0 || !reflect.DeepEqual(got.LoadFiles, want) {
			t.Errorf("%s: load_files %+v, manifest %+v", path, got.LoadFiles, want)
		}
		for _, id := range got.Loads {
			if !slices.ContainsFunc(got.LoadFiles, func(l models.ManifestLoad) bool { return l.ID == id }) {
				t.Errorf("%s: load %d has no file in load_files", path, id)
			}
		}
		for _, l := range got.LoadFiles {
			if strings.ContainsAny(l.File, `/\`) || len(l.SHA256) != 64 || l.LoadedAt.IsZero() {
				t.Errorf("%s: load file %+v: a base name, a sha256 and a time are wanted", path, l)
			}
		}
		if got.Source.RO == "" || got.Source.EN == "" || got.Frequency.RO == "" || got.Description.RO == "" {
			t.Errorf("%s: source %v, frequency %v, description %v", path, got.Source, got.Frequency, got.Description)
		}
		if len(got.Schema) == 0 {
			t.Errorf("%s: no schema", path)
		}
		for _, c := range got.Schema {
			if c.Name == "" || c.Type == "" || c.Description.RO == "" || c.Description.EN == "" {
				t.Errorf("%s: column %+v without its description", path, c)
			}
		}
		wantPeriod := map[string]string{"": "day", models.PeriodMonth: "month", models.PeriodYear: "year"}[d.Period]
		if got.Period != wantPeriod || deref(got.Coverage.From) != d.Coverage.From || deref(got.Coverage.To) != d.Coverage.To ||
			!slices.Equal(got.Coverage.Entities, d.Coverage.Entities) || got.Coverage.Entities == nil {
			t.Errorf("%s: period %q coverage %+v, manifest %q %+v", path, got.Period, got.Coverage, d.Period, d.Coverage)
		}
		if got.Coverage.From != nil && got.Coverage.To != nil && len(got.Coverage.Entities) > 0 {
			covered++
		}
		if etag := resp.Header.Get("ETag"); etag != `"v1-`+s.man.ReleaseID+`"` {
			t.Errorf("%s: ETag %q", path, etag)
		} else if resp, _ := do(t, s.srv, "GET", path, "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s If-None-Match: %d", path, resp.StatusCode)
		}
	}
	if covered == 0 {
		t.Errorf("no dataset says its period and institutions")
	}
	for _, name := range append(internal, "nope", "Procurement", "procurement.csv", "%C8%99", "..%2Fbudget") {
		path := "/api/v1/datasets/" + name
		resp, body := do(t, s.srv, "GET", path)
		e := checkError(t, path, resp, body, 404, "unknown_dataset")
		if !slices.Equal(e.Available, pub) {
			t.Errorf("%s: available %v, want %v", path, e.Available, pub)
		}
		for _, n := range pub {
			if !strings.Contains(e.Message.RO, n) || !strings.Contains(e.Message.EN, n) {
				t.Errorf("%s: the message does not name %s: %+v", path, n, e.Message)
			}
		}
		for _, n := range internal {
			listed := regexp.MustCompile(`[ ]` + regexp.QuoteMeta(n) + `[,.]`)
			if slices.Contains(e.Available, n) || listed.MatchString(e.Message.RO) || listed.MatchString(e.Message.EN) {
				t.Errorf("%s names the internal dataset %s: %+v", path, n, e)
			}
		}
	}
}

// A release published before every format existed lists the downloads it
// has, and each still answers with its sha256.
func TestAPIListsTheFormatsAnOlderReleaseHas(t *testing.T) {
	out := t.TempDir()
	writeRelease(t, out, "20261101T080000Z", map[string]string{"parquet": "PAR1 old PAR1", "csv": "supplier_cui,value\nold,1.00\n"})
	if err := release.SwapCurrent(out, "20261101T080000Z"); err != nil {
		t.Fatal(err)
	}
	live, err := release.Follow(out, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(apiHandler(t, live))
	t.Cleanup(srv.Close)
	resp, body := do(t, srv, "GET", "/api/v1/datasets")
	var list APIDatasetList
	if err := json.Unmarshal(body, &list); err != nil || resp.StatusCode != 200 || len(list.Datasets) != 1 || list.Datasets[0].Name != "procurement" {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	var formats []string
	for f, dl := range list.Datasets[0].Downloads {
		formats = append(formats, f)
		if resp, body := do(t, srv, "GET", dl.URL); resp.StatusCode != 200 || sha(body) != dl.SHA256 {
			t.Errorf("%s: %d", dl.URL, resp.StatusCode)
		}
	}
	slices.Sort(formats)
	if !slices.Equal(formats, []string{"csv", "parquet"}) {
		t.Errorf("downloads %v, want csv and parquet", formats)
	}
}

// CORS is open for GET, on answers and errors alike, and a preflight is answered.
func TestAPICORS(t *testing.T) {
	s := demoAPI(t)
	for _, p := range []string{"/api/v1/datasets", "/api/v1/datasets/procurement", "/api/v1/openapi.json", "/api/v1/datasets/nope", "/api/v1/nope"} {
		resp, _ := do(t, s.srv, "GET", p, "Origin", "https://example.org")
		checkJSONHeaders(t, p, resp)
		if !strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "ETag") {
			t.Errorf("%s: ETag not exposed to scripts", p)
		}
	}
	resp, body := do(t, s.srv, "OPTIONS", "/api/v1/datasets", "Origin", "https://example.org", "Access-Control-Request-Method", "GET")
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "GET") || len(body) != 0 {
		t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
}

// Unknown paths and wrong methods anywhere under /api/v1 are JSON errors
// of the one shape, never the site's HTML page.
func TestAPIErrors(t *testing.T) {
	s := demoAPI(t)
	for _, p := range []string{"/api/v1", "/api/v1/", "/api/v1/nope", "/api/v1/datasets/", "/api/v1/datasets/procurement/x/y",
		"/api/v1/datasets/procurement/", "/api/v1/openapi.yaml", "/api/v1/DATASETS"} {
		resp, body := do(t, s.srv, "GET", p)
		checkError(t, p, resp, body, 404, "not_found")
	}
	// HEAD answers like GET, without a body.
	for _, p := range []string{"/api/v1/datasets", "/api/v1/datasets/procurement", "/api/v1/openapi.json"} {
		resp, body := do(t, s.srv, "HEAD", p)
		if resp.StatusCode != 200 || len(body) != 0 || resp.Header.Get("ETag") == "" {
			t.Errorf("HEAD %s: %d %q", p, resp.StatusCode, body)
		}
		checkJSONHeaders(t, "HEAD "+p, resp)
	}
	for _, m := range []string{"POST", "PUT", "PATCH", "DELETE"} {
		for _, p := range []string{"/api/v1/datasets", "/api/v1/datasets/procurement", "/api/v1/openapi.json"} {
			resp, body := do(t, s.srv, m, p)
			checkError(t, m+" "+p, resp, body, 405, "method_not_allowed")
			if allow := resp.Header.Get("Allow"); !strings.Contains(allow, "GET") {
				t.Errorf("%s %s: Allow %q", m, p, allow)
			}
		}
	}
}

// openAPIDoc is the served document, decoded for the schema compiler.
func openAPIDoc(t testing.TB, srv *httptest.Server) (any, map[string]any) {
	t.Helper()
	resp, body := do(t, srv, "GET", "/api/v1/openapi.json")
	if resp.StatusCode != 200 || !bytes.Equal(body, OpenAPI) {
		t.Fatalf("openapi.json: %d", resp.StatusCode)
	}
	checkJSONHeaders(t, "/api/v1/openapi.json", resp)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var plain map[string]any
	json.Unmarshal(body, &plain)
	return doc, plain
}

// The OpenAPI document matches the routes: every route of the API router
// is documented, every documented path answers on a real server (not 404
// or 405), and the answers of both endpoints, and the errors, validate
// against the schemas the document declares for them.
func TestOpenAPIMatchesTheRoutes(t *testing.T) {
	s := demoAPI(t)
	doc, plain := openAPIDoc(t, s.srv)
	if plain["openapi"] != "3.1.0" {
		t.Errorf("openapi %v", plain["openapi"])
	}
	if servers := plain["servers"].([]any); len(servers) != 1 || servers[0].(map[string]any)["url"] != APIPrefix {
		t.Errorf("servers %v, want %s", servers, APIPrefix)
	}
	paths := plain["paths"].(map[string]any)
	routes := map[string]bool{}
	err := chi.Walk(NewServer(demoLive, nil).API(), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if method == "HEAD" { // beside every GET
			return nil
		}
		routes[route] = true
		op, ok := paths[route].(map[string]any)
		if !ok || op[strings.ToLower(method)] == nil {
			t.Errorf("the route %s %s is not in openapi.json", method, route)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(routes) < 3 {
		t.Fatalf("walked %v", routes)
	}

	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	const loc = "https://deschis.example/api/v1/openapi.json"
	if err := c.AddResource(loc, doc); err != nil {
		t.Fatal(err)
	}
	pointer := func(parts ...string) string {
		for i, p := range parts {
			parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1")
		}
		return loc + "#/" + strings.Join(parts, "/")
	}
	for path, item := range paths {
		if !routes[path] {
			t.Errorf("openapi.json documents %s, which is no route of the API", path)
		}
		for method, op := range item.(map[string]any) {
			for status, r := range op.(map[string]any)["responses"].(map[string]any) {
				if _, ok := r.(map[string]any)["content"]; !ok {
					continue
				}
				sch, err := c.Compile(pointer("paths", path, method, "responses", status, "content", "application/json", "schema"))
				if err != nil {
					t.Fatalf("%s %s %s: %v", method, path, status, err)
				}
				for _, url := range examples(path, status, s.man) {
					resp, body := do(t, s.srv, strings.ToUpper(method), APIPrefix+url)
					if resp.StatusCode == 404 && status != "404" || resp.StatusCode == 405 || itoa(resp.StatusCode) != status {
						t.Errorf("%s %s (documented %s): %d", method, url, status, resp.StatusCode)
						continue
					}
					v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
					if err != nil {
						t.Fatalf("%s: %v", url, err)
					}
					if err := sch.Validate(v); err != nil {
						t.Errorf("%s does not match the schema of %s %s %s: %v", url, method, path, status, err)
					}
				}
			}
		}
	}
	// The errors have the declared Error shape, whatever the path.
	errSch, err := c.Compile(pointer("components", "schemas", "Error"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/api/v1/nope", "/api/v1/datasets/nope"} {
		for _, m := range []string{"GET", "POST"} {
			_, body := do(t, s.srv, m, p)
			v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(body))
			if err := errSch.Validate(v); err != nil {
				t.Errorf("%s %s: %v", m, p, err)
			}
		}
	}
}

// examples are the URLs (under APIPrefix) that answer a documented path
// with a status: every public dataset for {name}, and an unknown one for 404.
func examples(path, status string, m *models.Manifest) []string {
	if path == "/aggregate/budget" {
		return aggregateExamples[status]
	}
	if path == "/aggregate/procurement" {
		return procurementAggregateExamples[status]
	}
	if !strings.Contains(path, "{name}") {
		return []string{path}
	}
	if status == "404" {
		_, internal := publicNames(m)
		return []string{strings.ReplaceAll(path, "{name}", "nope"), strings.ReplaceAll(path, "{name}", internal[0])}
	}
	pub, _ := publicNames(m)
	if status == "400" && strings.HasSuffix(path, "/rows") {
		return []string{strings.ReplaceAll(path, "{name}", pub[0]) + "?limit=0", strings.ReplaceAll(path, "{name}", pub[0]) + "?nope=1"}
	}
	var out []string
	for _, n := range pub {
		out = append(out, strings.ReplaceAll(path, "{name}", n))
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func itoa(n int) string { return strconv.Itoa(n) }

// No dataset name, however odd, gives anything but a dataset or a JSON 404.
func FuzzAPIDatasetName(f *testing.F) {
	for _, seed := range []string{"procurement", "requests", "", ".", "..", "../budget", "a/b", "%", "%00", "\x00", "ș", "名前",
		strings.Repeat("a", 5000), "procurement?x=1", "procurement#x", " ", "budget/", "<script>"} {
		f.Add(seed)
	}
	s := demoAPI(f)
	pub, _ := publicNames(s.man)
	f.Fuzz(func(t *testing.T, name string) {
		path := "/api/v1/datasets/" + url.PathEscape(name)
		resp, body := do(t, s.srv, "GET", path)
		switch {
		case resp.StatusCode == 200:
			var d APIDataset
			if err := json.Unmarshal(body, &d); err != nil || !slices.Contains(pub, d.Name) {
				t.Fatalf("%q: 200 %v %.200s", name, err, body)
			}
		case resp.StatusCode == 404:
			var e APIError
			if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" || e.Error.Message.RO == "" || e.Error.Message.EN == "" {
				t.Fatalf("%q: 404 not a JSON error: %v %.200s", name, err, body)
			}
		default:
			t.Fatalf("%q: %d %.200s", name, resp.StatusCode, body)
		}
	})
}
