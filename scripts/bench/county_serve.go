package main

// The county page under load: the real cmd/publicsite (--admin off, a child
// process) over the county's release, /judet, a sorted /judet and
// /en/county under wrk at --connections connections, each against its
// static twin, a file holding the same bytes served by the same kind of
// server (benchkit.ServeStatic, this program re-run as `bench county
// serve-static DIR`), the runs alternating; then the first request of
// /judet after the release opens (cold) against the next one (warm), over
// fresh starts of the server.

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/deschis/deschis/scripts/benchkit"
)

// countyPages are the pages measured under load.
var countyPages = []struct{ ID, Path string }{
	{"judet", "/judet"},
	{"judet-sorted", "/judet?ordine=cheltuieli_desc"},
	{"en-county", "/en/county"},
}

// serveOptions say how the county page is loaded.
type serveOptions struct {
	site, wrk   string
	connections int
	duration    time.Duration
	runs        int // wrk runs per side and page (medians reported)
	coldRuns    int // fresh starts of the server for the first request
}

// serveSide is one side's figures: the medians of its runs.
type serveSide struct {
	RPS    float64 `json:"requests_per_second"`
	P50MS  float64 `json:"p50_ms"`
	P99MS  float64 `json:"p99_ms"`
	Errors int64   `json:"errors"` // every run's together
	Runs   int     `json:"runs"`
}

// servePage is a page under load against its static twin.
type servePage struct {
	ID           string    `json:"id"`
	Path         string    `json:"path"`
	Bytes        int       `json:"bytes"`
	Site         serveSide `json:"publicsite"`
	Static       serveSide `json:"static_twin"`
	RPSOverBase  float64   `json:"rps_static_over_site"` // how many times the static twin's requests a second
	P99OverBase  float64   `json:"p99_site_over_static"`
	Connections  int       `json:"connections"`
	RunSeconds   float64   `json:"run_seconds"`
	LoadAvgStart string    `json:"loadavg_start"`
	LoadAvgEnd   string    `json:"loadavg_end"`
}

// serveCold is the first request after the release opens.
type serveCold struct {
	Path          string  `json:"path"`
	Runs          int     `json:"runs"`
	FirstMS       float64 `json:"first_request_ms"` // median over fresh starts
	NextMS        float64 `json:"next_request_ms"`  // the baseline: the same page again
	OpenSeconds   float64 `json:"start_to_listening_seconds"`
	LoadAvgStart  string  `json:"loadavg_start"`
	LoadAvgFinish string  `json:"loadavg_end"`
}

// countyServe is what the county page's serving measured.
type countyServe struct {
	Pages []servePage `json:"pages"`
	Cold  serveCold   `json:"cold"`
}

// loadavg is the machine's load average over 1, 5 and 15 minutes.
func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	return strings.Join(f[:min(len(f), 3)], " ")
}

func httpGet(url string) (int, []byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// benchCountyServe serves the release under releases; work holds the static
// twins.
func benchCountyServe(o serveOptions, releases, work string) (*countyServe, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	siteArgs := []string{"--releases", releases, "--addr", "127.0.0.1:0", "--admin", "off"}
	site, err := benchkit.StartChild(5*time.Minute, o.site, benchkit.SiteAddr, siteArgs...)
	if err != nil {
		return nil, err
	}
	defer site.Stop()
	staticDir := filepath.Join(work, "static")
	os.RemoveAll(staticDir)
	if err := os.MkdirAll(staticDir, 0o755); err != nil {
		return nil, err
	}
	static, err := benchkit.StartChild(time.Minute, self, benchkit.StaticAddr, "county", "serve-static", staticDir)
	if err != nil {
		return nil, err
	}
	defer static.Stop()

	out := &countyServe{}
	for _, p := range countyPages {
		status, body, err := httpGet(site.URL + p.Path)
		if err != nil || status != http.StatusOK {
			return nil, fmt.Errorf("%s: %d %v", p.Path, status, err)
		}
		name := p.ID + ".html"
		if err := os.WriteFile(filepath.Join(staticDir, name), body, 0o644); err != nil {
			return nil, err
		}
		// The twin answers the same bytes.
		if _, twin, err := httpGet(static.URL + "/" + name); err != nil || len(twin) != len(body) {
			return nil, fmt.Errorf("the static twin of %s: %d bytes, want %d (%v)", p.Path, len(twin), len(body), err)
		}
		sp := servePage{ID: p.ID, Path: p.Path, Bytes: len(body), Connections: o.connections, RunSeconds: o.duration.Seconds(), LoadAvgStart: loadavg()}
		var siteRuns, staticRuns []benchkit.WrkResult
		for range o.runs {
			r, err := benchkit.Wrk(o.wrk, site.URL+p.Path, 2, o.connections, o.duration)
			if err != nil {
				return nil, err
			}
			siteRuns = append(siteRuns, r)
			if r, err = benchkit.Wrk(o.wrk, static.URL+"/"+name, 2, o.connections, o.duration); err != nil {
				return nil, err
			}
			staticRuns = append(staticRuns, r)
		}
		sp.LoadAvgEnd = loadavg()
		sp.Site, sp.Static = side(siteRuns), side(staticRuns)
		if sp.Site.RPS > 0 {
			sp.RPSOverBase = sp.Static.RPS / sp.Site.RPS
		}
		if sp.Static.P99MS > 0 {
			sp.P99OverBase = sp.Site.P99MS / sp.Static.P99MS
		}
		out.Pages = append(out.Pages, sp)
		fmt.Fprintf(os.Stderr, "serve %-13s %7d bytes: publicsite %8.0f req/s p50 %7.2f ms p99 %7.2f ms errors %d | static twin %8.0f req/s p50 %7.2f ms p99 %7.2f ms errors %d (load %s → %s)\n",
			p.ID, sp.Bytes, sp.Site.RPS, sp.Site.P50MS, sp.Site.P99MS, sp.Site.Errors, sp.Static.RPS, sp.Static.P50MS, sp.Static.P99MS, sp.Static.Errors, sp.LoadAvgStart, sp.LoadAvgEnd)
	}
	site.Stop()
	static.Stop()

	// Cold: each fresh start's first /judet, then the same page again.
	c := serveCold{Path: countyPages[0].Path, Runs: o.coldRuns, LoadAvgStart: loadavg()}
	var first, next, opens []float64
	for range o.coldRuns {
		site, err := benchkit.StartChild(5*time.Minute, o.site, benchkit.SiteAddr, siteArgs...)
		if err != nil {
			return nil, err
		}
		opens = append(opens, site.Ready.Seconds())
		for j := range 2 {
			t0 := time.Now()
			status, _, err := httpGet(site.URL + c.Path)
			d := ms(time.Since(t0))
			if err != nil || status != http.StatusOK {
				site.Stop()
				return nil, fmt.Errorf("%s: %d %v", c.Path, status, err)
			}
			if j == 0 {
				first = append(first, d)
			} else {
				next = append(next, d)
			}
		}
		site.Stop()
	}
	c.FirstMS, c.NextMS, c.OpenSeconds = benchkit.Median(first), benchkit.Median(next), benchkit.Median(opens)
	c.LoadAvgFinish = loadavg()
	out.Cold = c
	fmt.Fprintf(os.Stderr, "cold %s: first request after the release opens %.1f ms, the next %.2f ms (median of %d starts; start to listening %.2f s; load %s → %s)\n",
		c.Path, c.FirstMS, c.NextMS, c.Runs, c.OpenSeconds, c.LoadAvgStart, c.LoadAvgFinish)
	return out, nil
}

// side is the medians of a side's runs, its errors summed.
func side(rs []benchkit.WrkResult) serveSide {
	var rps, p50, p99 []float64
	s := serveSide{Runs: len(rs)}
	for _, r := range rs {
		rps, p50, p99 = append(rps, r.RPS()), append(p50, float64(r.P50US)/1000), append(p99, float64(r.P99US)/1000)
		s.Errors += r.Errors()
	}
	s.RPS, s.P50MS, s.P99MS = benchkit.Median(rps), benchkit.Median(p50), benchkit.Median(p99)
	return s
}
