// Command aggbench measures the latency of the budget aggregate endpoint
// (GET /api/v1/aggregate/budget) query by query: p50, p99 and max over
// --requests sequential requests each (after --warmup unmeasured ones), and
// as a baseline, from the same server and client in the same run, the
// cheapest answer of the API: one dataset's metadata from the manifest
// (GET /api/v1/datasets/budget), which reads no data. Not a unit test: run
// it with `go run ./scripts/aggbench --scale 10`.
//
// It builds a demo release (--scale, default 10) or takes --releases DIR,
// opens it as cmd/publicsite does (release.Open, in-memory tables) and
// serves package opendata's API on 127.0.0.1:0 with net/http. Output: a
// table on stderr and JSON on stdout. Any non-200 answer is an error.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/opendata"
	"github.com/deschis/deschis/release"
)

// queries are what a journalist asks, from the cheapest to the widest.
var queries = []struct{ ID, Query string }{
	{"baseline-metadata", ""}, // GET /api/v1/datasets/budget
	{"year", "drilldown=year"},
	{"chapter-one-year", "drilldown=chapter_code&cut=year:2025|kind:cheltuieli&order=executed.sum:desc"},
	{"entity-economic-title", "drilldown=entity_cui|economic_title&cut=kind:cheltuieli"},
	{"month", "drilldown=year|month&cut=kind:cheltuieli"},
	{"functional-code-all", "drilldown=functional_code|economic_code|year&pagesize=10000"},
}

// Result is one query's latencies, in milliseconds.
type Result struct {
	ID       string  `json:"id"`
	URL      string  `json:"url"`
	Requests int     `json:"requests"`
	Bytes    int     `json:"bytes"`
	P50      float64 `json:"p50_ms"`
	P99      float64 `json:"p99_ms"`
	Max      float64 `json:"max_ms"`
	Errors   int     `json:"errors"`
}

func main() {
	releases := flag.String("releases", "", "an existing `etl publish --out` directory (default: build a demo release)")
	scale := flag.Int("scale", 10, "demo scale when --releases is not given")
	n := flag.Int("requests", 300, "measured requests per query")
	warmup := flag.Int("warmup", 20, "unmeasured requests per query first")
	flag.Parse()
	if *releases == "" {
		work, err := os.MkdirTemp("", "aggbench-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(work)
		t0 := time.Now()
		b, err := demo.Build(context.Background(), filepath.Join(work, "demo"), demo.Options{Scale: *scale}, time.Time{})
		if err != nil {
			log.Fatal(err)
		}
		*releases = b.Releases
		fmt.Fprintf(os.Stderr, "demo scale %d built in %s\n", *scale, time.Since(t0).Round(time.Second))
	}
	live, err := release.Follow(*releases, nil, release.OpenWith(release.Tables))
	if err != nil {
		log.Fatal(err)
	}
	defer live.Close()
	site, err := dashboards.NewSite(dashboards.Config{})
	if err != nil {
		log.Fatal(err)
	}
	r := http.NewServeMux() // as cmd/publicsite mounts it: the API under its prefix, each request on one release
	r.Handle(opendata.APIPrefix+"/", live.Middleware(http.StripPrefix(opendata.APIPrefix, opendata.NewServer(live, site).API())))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(ln, r)
	base := "http://" + ln.Addr().String() + opendata.APIPrefix
	client := &http.Client{Timeout: time.Minute}

	var out []Result
	for _, q := range queries {
		url := base + "/aggregate/budget?" + q.Query
		if q.Query == "" {
			url = base + "/datasets/budget"
		}
		res := Result{ID: q.ID, URL: url[len(base):], Requests: *n}
		var ms []float64
		for i := 0; i < *warmup+*n; i++ {
			t0 := time.Now()
			resp, err := client.Get(url)
			if err != nil {
				res.Errors++
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			d := time.Since(t0)
			if resp.StatusCode != 200 {
				res.Errors++
			}
			res.Bytes = len(b)
			if i >= *warmup {
				ms = append(ms, float64(d.Microseconds())/1000)
			}
		}
		slices.Sort(ms)
		if len(ms) > 0 {
			res.P50, res.P99, res.Max = ms[len(ms)/2], ms[min(len(ms)-1, len(ms)*99/100)], ms[len(ms)-1]
		}
		fmt.Fprintf(os.Stderr, "%-24s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  %8d bytes  errors %d\n", q.ID, res.P50, res.P99, res.Max, res.Bytes, res.Errors)
		out = append(out, res)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(map[string]any{"scale": *scale, "results": out})
}
