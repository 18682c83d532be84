// Command sitebench measures the public site under load, page type by page
// type, against the cheapest thing an HTTP server can do: send a file of the
// same size. Not a unit test: run it with `make bench-site`.
//
// It builds a demo release (--scale, default 10) or takes --releases DIR,
// builds and starts the real cmd/publicsite on 127.0.0.1:0, and for each page
// type runs --connections keep-alive connections (default 64) for --duration
// (default 30 s) from this process. Then, with the same client, connections
// and duration, it fetches a static file holding the same bytes as that page.
//
// The static file is served by this same program re-run as a child process
// (`sitebench --serve-static DIR`, benchkit.ServeStatic): Go's net/http with
// http.FileServer, the site's security headers and timeouts, on its own
// loopback port. The site
// cannot serve it itself: its static route serves only the embedded,
// fingerprinted assets and its downloads only the release's checked files,
// and adding a route to it for a benchmark would measure a different program.
// A separate process of the same kind keeps the comparison fair: both servers
// are one Go process on the same two cores, loaded by the same client in the
// same process, one after the other, never at the same time; the difference
// is what the page costs beyond moving its bytes.
//
// Output: a table on stderr and JSON on stdout (requests/s, p50, p99, errors
// per page type and the page/static ratios). Any transport error or non-2xx
// answer counts as an error; zero are expected. Traffic goes to 127.0.0.1
// only, and every loop stops at --duration or --max-requests.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
)

// pageType is one kind of page of the public site, by its Romanian URL.
type pageType struct {
	ID   string
	Path string // "" when found by following a link (see discover)
}

var allPages = []pageType{
	{"home", "/"},
	{"buget", "/buget"},
	{"buget-consolidat", "/buget?vedere=consolidat"},
	{"investitii", "/investitii"},
	{"investitie", ""},
	{"achizitii", "/achizitii"},
	{"achizitii-cautare", "/achizitii?furnizor=construct"},
	{"furnizor", ""},
	{"cereri", "/cereri"},
	{"metodologie", "/metodologie"},
	{"date", "/date"},
	{"en-home", "/en"},
}

// Measure is one load run against one URL.
type Measure struct {
	URL        string   `json:"url"`
	Requests   int64    `json:"requests"`
	Errors     int64    `json:"errors"`
	ErrorKinds []string `json:"error_kinds,omitempty"`
	RPS        float64  `json:"requests_per_second"`
	P50ms      float64  `json:"p50_ms"`
	P99ms      float64  `json:"p99_ms"`
	Bytes      int64    `json:"bytes"`
}

// Result is one page type: the page, the same-size static file, the ratios.
type Result struct {
	Page     string  `json:"page"`
	Status   int     `json:"status"`
	PageRun  Measure `json:"page_run"`
	Static   Measure `json:"static_run"`
	RPSRatio float64 `json:"rps_page_over_static"`
	P50Ratio float64 `json:"p50_page_over_static"`
	P99Ratio float64 `json:"p99_page_over_static"`
	Note     string  `json:"note,omitempty"`
}

// Report is the JSON sitebench prints.
type Report struct {
	Release     string    `json:"release"`
	Scale       int       `json:"scale,omitempty"`
	Connections int       `json:"connections"`
	Duration    string    `json:"duration"`
	Started     time.Time `json:"started"`
	Results     []Result  `json:"results"`
	TotalErrors int64     `json:"total_errors"`
}

func main() {
	serveStatic := flag.String("serve-static", "", "(internal) serve this directory and print the address")
	releases := flag.String("releases", "", "an existing `etl publish --out` directory (default: build a demo release)")
	scale := flag.Int("scale", 10, "demo scale when --releases is not given")
	conns := flag.Int("connections", 64, "concurrent keep-alive connections")
	duration := flag.Duration("duration", 30*time.Second, "how long each run lasts")
	warmup := flag.Duration("warmup", 2*time.Second, "unmeasured load before each run")
	maxReq := flag.Int64("max-requests", 10_000_000, "upper bound of requests per run")
	pages := flag.String("pages", "", "comma-separated page types (default all: "+pageIDs()+")")
	siteBin := flag.String("site", "", "the publicsite binary (default: go build ./cmd/publicsite)")
	flag.Parse()
	if *serveStatic != "" {
		benchkit.ServeStatic(*serveStatic)
		return
	}
	if *conns < 1 || *duration <= 0 {
		log.Fatal("--connections and --duration must be positive")
	}
	selected, err := selectPages(*pages)
	if err != nil {
		log.Fatal(err)
	}
	work, err := os.MkdirTemp("", "sitebench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)

	rep := Report{Connections: *conns, Duration: duration.String(), Started: time.Now().UTC()}
	if *releases == "" {
		rep.Scale = *scale
		t0 := time.Now()
		b, err := demo.Build(context.Background(), filepath.Join(work, "demo"), demo.Options{Scale: *scale}, time.Time{})
		if err != nil {
			log.Fatal(err)
		}
		*releases, rep.Release = b.Releases, filepath.Base(b.Release)
		fmt.Fprintf(os.Stderr, "demo release at scale %d in %.1f s\n", *scale, time.Since(t0).Seconds())
	} else if rep.Release, err = release.Current(*releases); err != nil {
		log.Fatal(err)
	}
	if *siteBin == "" {
		*siteBin = filepath.Join(work, "publicsite")
		if out, err := exec.Command("go", "build", "-o", *siteBin, "./cmd/publicsite").CombinedOutput(); err != nil {
			log.Fatalf("go build ./cmd/publicsite: %v\n%s", err, out)
		}
	}
	siteChild, err := benchkit.StartChild(60*time.Second, *siteBin, benchkit.SiteAddr, "--releases", *releases, "--addr", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	site, stopSite := siteChild.URL, siteChild.Stop
	defer stopSite()
	staticDir := filepath.Join(work, "static")
	os.MkdirAll(staticDir, 0o755)
	self, _ := os.Executable()
	staticChild, err := benchkit.StartChild(60*time.Second, self, benchkit.StaticAddr, "--serve-static", staticDir)
	if err != nil {
		log.Fatal(err)
	}
	static, stopStatic := staticChild.URL, staticChild.Stop
	defer stopStatic()

	client := newClient(*conns)
	discover(client, site, selected)
	for _, p := range selected {
		r := Result{Page: p.ID}
		if p.Path == "" {
			r.Note = "no link found to follow: page type not measured"
			rep.Results = append(rep.Results, r)
			fmt.Fprintf(os.Stderr, "%-20s %s\n", p.ID, r.Note)
			continue
		}
		pageURL := site + p.Path
		status, body, err := fetch(client, pageURL)
		if err != nil {
			log.Fatalf("%s: %v", pageURL, err)
		}
		r.Status = status
		if status < 200 || status > 299 {
			r.Note = fmt.Sprintf("the page answers %d: every request of its run counts as an error", status)
		}
		// The static twin: the same bytes, as a file.
		name := p.ID + ".html"
		if err := os.WriteFile(filepath.Join(staticDir, name), body, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(os.Stderr, "%-20s %7d bytes: page…", p.ID, len(body))
		r.PageRun = load(client, pageURL, *conns, *warmup, *duration, *maxReq)
		r.PageRun.Bytes = int64(len(body))
		fmt.Fprintf(os.Stderr, " %.0f req/s; static…", r.PageRun.RPS)
		r.Static = load(client, static+"/"+name, *conns, *warmup, *duration, *maxReq)
		r.Static.Bytes = int64(len(body))
		fmt.Fprintf(os.Stderr, " %.0f req/s\n", r.Static.RPS)
		if r.Static.RPS > 0 {
			r.RPSRatio = r.PageRun.RPS / r.Static.RPS
		}
		if r.Static.P50ms > 0 {
			r.P50Ratio = r.PageRun.P50ms / r.Static.P50ms
			r.P99Ratio = r.PageRun.P99ms / r.Static.P99ms
		}
		rep.TotalErrors += r.PageRun.Errors + r.Static.Errors
		rep.Results = append(rep.Results, r)
	}
	printTable(os.Stderr, &rep)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(rep)
	if rep.TotalErrors > 0 {
		stopStatic()
		stopSite()
		os.Exit(1)
	}
}

func pageIDs() string {
	var ids []string
	for _, p := range allPages {
		ids = append(ids, p.ID)
	}
	return strings.Join(ids, ",")
}

func selectPages(list string) ([]pageType, error) {
	if list == "" {
		return slices.Clone(allPages), nil
	}
	var out []pageType
	for _, id := range strings.Split(list, ",") {
		i := slices.IndexFunc(allPages, func(p pageType) bool { return p.ID == strings.TrimSpace(id) })
		if i < 0 {
			return nil, fmt.Errorf("unknown page type %q (known: %s)", id, pageIDs())
		}
		out = append(out, allPages[i])
	}
	return out, nil
}

// discover fills the paths of the pages reached through a link: the first
// investment of /investitii and the first supplier of /achizitii.
func discover(c *http.Client, site string, pages []pageType) {
	links := map[string]struct{ from, re string }{
		"investitie": {"/investitii", `href="(/investitii/[^"?#/]+)[?#"]`},
		"furnizor":   {"/achizitii", `href="(/achizitii/furnizori/[^"?#/]+)[?#"]`},
	}
	for i, p := range pages {
		l, ok := links[p.ID]
		if !ok || p.Path != "" {
			continue
		}
		if _, body, err := fetch(c, site+l.from); err == nil {
			if m := regexp.MustCompile(l.re).FindSubmatch(body); m != nil {
				pages[i].Path = string(m[1])
			}
		}
	}
}

func newClient(conns int) *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        conns,
			MaxIdleConnsPerHost: conns,
			MaxConnsPerHost:     conns,
			IdleConnTimeout:     time.Minute,
			DisableCompression:  true, // both servers send the same identity bytes
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		},
	}
}

func fetch(c *http.Client, url string) (int, []byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// load runs conns workers against url: warm-up first (not measured), then
// the measured run until duration or maxReq requests.
func load(c *http.Client, url string, conns int, warmup, duration time.Duration, maxReq int64) Measure {
	if warmup > 0 {
		run(c, url, conns, warmup, maxReq)
	}
	lat, errs, kinds, elapsed := run(c, url, conns, duration, maxReq)
	m := Measure{URL: url, Requests: int64(len(lat)), Errors: errs, ErrorKinds: kinds}
	if elapsed > 0 {
		m.RPS = float64(len(lat)) / elapsed.Seconds()
	}
	slices.Sort(lat)
	m.P50ms = quantile(lat, 0.50)
	m.P99ms = quantile(lat, 0.99)
	return m
}

func run(c *http.Client, url string, conns int, duration time.Duration, maxReq int64) (lat []time.Duration, errs int64, kinds []string, elapsed time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	var (
		mu     sync.Mutex
		wg     sync.WaitGroup
		issued atomic.Int64
		seen   = map[string]bool{}
	)
	start := time.Now()
	for w := 0; w < conns; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			var bad int64
			var kind string
			for ctx.Err() == nil && issued.Add(1) <= maxReq {
				t0 := time.Now()
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
				req.Header.Set("Accept", "text/html")
				resp, err := c.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && (resp.StatusCode < 200 || resp.StatusCode > 299) {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if ctx.Err() != nil && err != nil && errors.Is(err, context.DeadlineExceeded) {
					break // cut off by the end of the run, not the server's fault
				}
				if err != nil {
					bad++
					kind = err.Error()
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			if kind != "" && !seen[kind] && len(seen) < 5 {
				seen[kind] = true
				kinds = append(kinds, kind)
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return lat, errs, kinds, time.Since(start)
}

func quantile(sorted []time.Duration, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted)-1) + 0.5)
	return float64(sorted[i]) / float64(time.Millisecond)
}

func printTable(w io.Writer, rep *Report) {
	fmt.Fprintf(w, "\nrelease %s, %d connections, %s per run\n", rep.Release, rep.Connections, rep.Duration)
	fmt.Fprintf(w, "%-20s %6s %8s | %10s %8s %8s %6s | %10s %8s %8s %6s | %7s %7s\n",
		"page", "status", "bytes", "page req/s", "p50 ms", "p99 ms", "errors", "stat req/s", "p50 ms", "p99 ms", "errors", "req/s ×", "p50 ×")
	for _, r := range rep.Results {
		if r.Note != "" && r.PageRun.URL == "" {
			fmt.Fprintf(w, "%-20s %s\n", r.Page, r.Note)
			continue
		}
		fmt.Fprintf(w, "%-20s %6d %8d | %10.0f %8.2f %8.2f %6d | %10.0f %8.2f %8.2f %6d | %7.3f %7.2f\n",
			r.Page, r.Status, r.PageRun.Bytes, r.PageRun.RPS, r.PageRun.P50ms, r.PageRun.P99ms, r.PageRun.Errors,
			r.Static.RPS, r.Static.P50ms, r.Static.P99ms, r.Static.Errors, r.RPSRatio, r.P50Ratio)
	}
	fmt.Fprintf(w, "errors in all runs: %d (zero expected)\n", rep.TotalErrors)
}
