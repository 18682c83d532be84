package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// The program serves the API at /api/v1 outside the site's read-only
// guard: a wrong method is the API's JSON 405, an unknown path its JSON
// 404 (never the site's HTML page), HEAD answers like GET, and the
// security headers are there too.
func TestTheProgramServesTheAPI(t *testing.T) {
	s := site(t)
	man, err := release.ReadManifest(s.release)
	if err != nil {
		t.Fatal(err)
	}
	call := func(method, path string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, s.base+path, strings.NewReader(""))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, body := call("GET", "/api/v1/datasets")
	var list struct {
		Datasets []struct {
			Name string
			Rows int64
		}
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v %.200s", resp.StatusCode, err, body)
	}
	var public []string
	for _, d := range man.Datasets {
		if d.Access == models.Public {
			public = append(public, d.Name)
		}
	}
	if len(list.Datasets) != len(public) || len(public) == 0 {
		t.Errorf("listed %d datasets, the manifest has %d public ones", len(list.Datasets), len(public))
	}
	for i, d := range list.Datasets {
		md, _ := man.Dataset(d.Name)
		if i >= len(public) || d.Name != public[i] || d.Rows != md.Rows {
			t.Errorf("dataset %d: %+v", i, d)
		}
	}
	h := resp.Header
	if h.Get("Content-Type") != "application/json; charset=utf-8" || h.Get("Access-Control-Allow-Origin") != "*" ||
		h.Get("X-Content-Type-Options") != "nosniff" || h.Get("ETag") != `"v1-`+man.ReleaseID+`"` {
		t.Errorf("headers %v", h)
	}
	if resp, body := call("HEAD", "/api/v1/datasets/procurement"); resp.StatusCode != 200 || body != "" || resp.Header.Get("ETag") == "" {
		t.Errorf("HEAD: %d %q", resp.StatusCode, body)
	}
	for _, c := range []struct {
		method, path string
		status       int
		code         string
	}{
		{"POST", "/api/v1/datasets", 405, "method_not_allowed"},
		{"DELETE", "/api/v1/datasets/procurement", 405, "method_not_allowed"},
		{"GET", "/api/v1/nope", 404, "not_found"},
		{"GET", "/api/v1", 404, "not_found"},
		{"GET", "/api/v1/datasets/requests", 404, "unknown_dataset"}, // internal
	} {
		resp, body := call(c.method, c.path)
		var e struct {
			Error struct {
				Code    string
				Message struct{ RO, EN string }
			}
		}
		if err := json.Unmarshal([]byte(body), &e); err != nil || resp.StatusCode != c.status || e.Error.Code != c.code ||
			e.Error.Message.RO == "" || e.Error.Message.EN == "" || resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("%s %s: %d %v %.200s", c.method, c.path, resp.StatusCode, err, body)
		}
	}
	// The rest of the site keeps its read-only guard.
	if resp, _ := call("POST", "/date"); resp.StatusCode != 405 || strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("POST /date: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
