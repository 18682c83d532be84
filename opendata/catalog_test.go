package opendata

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

const dcatShapes = "../../shared/data/dcat-ap-3.0.1-shacl"

// catalogServer serves the demo release's downloads and catalogue with a
// reader (the publisher is the release's main institution) and portal p.
func catalogServer(t *testing.T, p Portal) (*httptest.Server, *release.Live) {
	t.Helper()
	demoAPI(t)
	live, err := release.Follow(demoLive.Dir(), nil, release.OpenWith(release.Views))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(live.Close)
	site, err := dashboards.NewSite(dashboards.Config{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(live, site)
	s.SetPortal(p)
	srv := httptest.NewServer(live.Middleware(s.Routes(http.NotFoundHandler())))
	t.Cleanup(srv.Close)
	return srv, live
}

func fetchTo(t *testing.T, url, path string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %.300s", url, resp.StatusCode, b)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// The DCAT-AP 3.0.1 catalogue of the release validates against the
// mandatory, recommended and range shapes of DCAT-AP with a real SHACL
// engine, with no result of any severity; its JSON-LD is the same graph as
// its Turtle; every format of every public dataset is a distribution with
// the manifest's sha256, its stable and its dated URL.
func TestCatalogIsValidDCATAP(t *testing.T) {
	const base = "https://date.example.ro"
	srv, live := catalogServer(t, Portal{BaseURL: base + "/", ContactEmail: "registratura@example.ro"})
	man := live.Current().Manifest
	dir := t.TempDir()
	ttl, jsonld := filepath.Join(dir, "catalog.ttl"), filepath.Join(dir, "catalog.jsonld")
	resp, turtle := fetchTo(t, srv.URL+"/catalog.ttl", ttl)
	if ct := resp.Header.Get("Content-Type"); ct != "text/turtle; charset=utf-8" || resp.Header.Get("ETag") == "" {
		t.Errorf("catalog.ttl: Content-Type %q, ETag %q", ct, resp.Header.Get("ETag"))
	}
	if resp, _ := fetchTo(t, srv.URL+"/catalog.jsonld", jsonld); resp.Header.Get("Content-Type") != "application/ld+json" {
		t.Errorf("catalog.jsonld: Content-Type %q", resp.Header.Get("Content-Type"))
	}
	var shapes []string
	for _, f := range []string{"shapes.ttl", "shapes_recommended.ttl", "range.ttl"} {
		shapes = append(shapes, filepath.Join(dcatShapes, f))
	}
	c := RunRDFCheck(t, "..", ttl, jsonld, shapes...)
	for _, r := range c.Results {
		t.Errorf("SHACL %s: %s %s: %s (%s)", r.Severity, r.Focus, r.Path, r.Message, r.Shape)
	}
	if !c.Conforms {
		t.Errorf("the catalogue does not conform")
	}
	if c.TurtleQuads < 100 || c.TurtleQuads != c.JSONLDQuads || !c.SameCanonical {
		t.Errorf("Turtle %d quads, JSON-LD %d, the same graph: %v", c.TurtleQuads, c.JSONLDQuads, c.SameCanonical)
	}
	var sums []string
	for _, l := range c.Literals {
		if strings.HasSuffix(l.Predicate, "#checksumValue") {
			sums = append(sums, l.Value)
		}
	}
	var want []string
	for _, d := range man.Datasets {
		if d.Access != models.Public {
			if strings.Contains(turtle, "dataset-"+d.Name+">") {
				t.Errorf("the internal dataset %s is in the catalogue", d.Name)
			}
			continue
		}
		for _, f := range models.Formats {
			file, _ := d.File(f.ID)
			want = append(want, file.SHA256)
			for _, u := range []string{base + "/date/" + d.Name + f.Suffix, base + "/date/editii/" + man.ReleaseID + "/" + d.Name + f.Suffix} {
				if !strings.Contains(turtle, "<"+u+">") {
					t.Errorf("the catalogue has no %s", u)
				}
			}
		}
	}
	slices.Sort(sums)
	slices.Sort(want)
	if !slices.Equal(sums, want) || len(want) == 0 {
		t.Errorf("checksums %v, the manifest's %v", sums, want)
	}
	for _, s := range []string{"<mailto:registratura@example.ro>", "<" + base + "/api/v1>"} {
		if !strings.Contains(turtle, s) {
			t.Errorf("the catalogue has no %s", s)
		}
	}
	if resp, err := http.Get(srv.URL + "/catalog.ttl"); err == nil {
		resp.Body.Close()
		req, _ := http.NewRequest("GET", srv.URL+"/catalog.ttl", nil)
		req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
		if again, err := http.DefaultClient.Do(req); err != nil || again.StatusCode != 304 {
			t.Errorf("If-None-Match: %v %v", again.StatusCode, err)
		}
	}
}

// Without a base URL the catalogue's addresses are the one the request
// came to.
func TestCatalogFallsBackToTheRequestsAddress(t *testing.T) {
	srv, _ := catalogServer(t, Portal{})
	resp, err := http.Get(srv.URL + "/catalog.ttl")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), "<"+srv.URL+"/date>") || resp.Header.Get("Vary") != "Host" || strings.Contains(string(b), "mailto:") {
		t.Errorf("Vary %q; the catalogue does not name %s/date (or names an e-mail it was not given)", resp.Header.Get("Vary"), srv.URL)
	}
}
