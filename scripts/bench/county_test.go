package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/scripts/benchkit"
)

// The county benchmark reads its figures from /usr/bin/time -v's report.
func TestTimed(t *testing.T) {
	out, secs, peak, err := timed("/bin/sh", "-c", "echo judet; head -c 30000000 /dev/zero | tail -c 1 >/dev/null")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(out)) != "judet" || secs <= 0 || peak <= 0 {
		t.Fatalf("stdout %q, %.3f s, peak %.1f MiB", out, secs, peak)
	}
	if _, _, _, err := timed("/bin/sh", "-c", "exit 3"); err == nil {
		t.Fatal("a failing command measured as if it succeeded")
	}
	for in, want := range map[string]float64{"0:01.50": 1.5, "2:03.25": 123.25, "1:00:02": 3602} {
		if got := clock(in); got != want {
			t.Errorf("clock(%q) = %v, want %v", in, got, want)
		}
	}
}

// The county page's load runs: wrk against a static twin served like the
// benchmark's (the site's headers over http.FileServer), its figures read
// back; an answer that is not 2xx counts as an error.
func TestWrkAgainstAStaticTwin(t *testing.T) {
	dir := t.TempDir()
	page := strings.Repeat("<p>Județul Demo</p>\n", 500)
	if err := os.WriteFile(filepath.Join(dir, "judet.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(dashboards.SecurityHeaders(http.FileServer(http.Dir(dir))))
	defer srv.Close()
	ok, err := benchkit.Wrk("wrk", srv.URL+"/judet.html", 1, 4, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if ok.Requests == 0 || ok.Errors() != 0 || ok.Bytes < ok.Requests*int64(len(page)) || ok.P50US <= 0 || ok.P99US < ok.P50US || ok.RPS() <= 0 {
		t.Fatalf("the twin's run: %+v", ok)
	}
	missing, err := benchkit.Wrk("wrk", srv.URL+"/nu-exista.html", 1, 4, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if missing.Requests == 0 || missing.Status != missing.Requests || missing.Errors() != missing.Requests {
		t.Fatalf("404s not counted as errors: %+v", missing)
	}
	s := side([]benchkit.WrkResult{
		{Requests: 100, DurationUS: 1e6, P50US: 2000, P99US: 9000, Status: 1},
		{Requests: 300, DurationUS: 1e6, P50US: 1000, P99US: 5000},
		{Requests: 200, DurationUS: 1e6, P50US: 3000, P99US: 7000, Timeout: 2},
	})
	if s.RPS != 200 || s.P50MS != 2 || s.P99MS != 7 || s.Errors != 3 || s.Runs != 3 {
		t.Fatalf("medians of the runs: %+v", s)
	}
}
