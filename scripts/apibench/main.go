// Command apibench measures the open data downloads and the API's rows
// endpoint on a demo release, each against a baseline of the same run. Not
// a unit test: run it with `make bench-api`.
//
// It builds a demo release (--scale, default 10, in a temporary directory
// removed at the end: with every format a scale-10 release is over a
// gigabyte) or takes --releases DIR, builds and starts the real
// cmd/publicsite (--admin off: the public server) on 127.0.0.1:0, and
// measures, one thing at a time, from this process:
//
//   - downloads: the whole largest public dataset as CSV and as Parquet from
//     /date/<dataset>.csv|.parquet, against the same bytes (a hard link of
//     the release's file) from a plain static file server, this program
//     re-run as a child (`apibench --serve-static DIR`, benchkit.ServeStatic:
//     net/http's FileServer with the site's headers, one Go process on the
//     same cores). Runs alternate
//     between the two, --repeat times each, after one unmeasured download
//     from each (the file in the page cache for both); the median counts.
//   - rows: API rows per second on page 1 and on a page deep in the largest
//     table (its last full page of --limit rows, reached by following next),
//     in the default order and sorted by a column, --requests sequential
//     requests each, alternating.
//   - memory: the server's resident memory (VmRSS of /proc/<pid>/status,
//     sampled every 20 ms) idle, and its peak while streaming the largest
//     dataset as a download (NDJSON, the largest file) and through the API
//     (every page of --page-rows rows, as CSV and as JSON).
//
// Output: a summary on stderr and JSON on stdout, with each goal of issue 12
// (downloads ≥ 0.9x the static server, deep page within 1.5x of page 1,
// streaming within 50 MiB of idle) and whether it was met.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
)

// Download is one format of the whole-dataset download against the static server.
type Download struct {
	Format      string    `json:"format"`
	Bytes       int64     `json:"bytes"`
	SiteMBps    []float64 `json:"site_mb_per_s"`
	StaticMBps  []float64 `json:"static_mb_per_s"`
	SiteMedian  float64   `json:"site_median_mb_per_s"`
	StaticMedia float64   `json:"static_median_mb_per_s"`
	Ratio       float64   `json:"site_over_static"`
	GoalMet     bool      `json:"goal_met"` // ≥ 0.9
	// The best run of each: on a shared machine the median carries the
	// other processes' load, the best run what the server can do.
	SiteBest   float64 `json:"site_best_mb_per_s"`
	StaticBest float64 `json:"static_best_mb_per_s"`
	BestRatio  float64 `json:"best_site_over_best_static"`
}

// Page is one page of the rows endpoint, requested again and again.
type Page struct {
	Name       string  `json:"name"`
	URL        string  `json:"url"`
	Rows       int     `json:"rows_per_request"`
	Requests   int     `json:"requests"`
	MedianMs   float64 `json:"median_ms"`
	P90Ms      float64 `json:"p90_ms"`
	RowsPerSec float64 `json:"rows_per_second"` // from the median
}

// PagePair is page 1 and the deep page of one order.
type PagePair struct {
	Order   string  `json:"order"`
	First   Page    `json:"page_1"`
	Deep    Page    `json:"deep_page"`
	DeepRow int64   `json:"deep_page_starts_after_row"`
	Ratio   float64 `json:"deep_median_over_page_1"`
	GoalMet bool    `json:"goal_met"` // ≤ 1.5
}

// Stream is the server's memory while streaming the largest dataset one way.
type Stream struct {
	What      string  `json:"what"`
	Bytes     int64   `json:"bytes"`
	Seconds   float64 `json:"seconds"`
	IdleMiB   float64 `json:"idle_rss_mib"`
	BeforeMiB float64 `json:"rss_before_this_run_mib"`
	PeakMiB   float64 `json:"peak_rss_mib"`
	DeltaMiB  float64 `json:"peak_over_idle_mib"`
	GoalMet   bool    `json:"goal_met"` // ≤ 50 MiB
	PagesRead int     `json:"pages,omitempty"`
}

// Report is the JSON apibench prints.
type Report struct {
	Release   string     `json:"release"`
	Scale     int        `json:"scale,omitempty"`
	Dataset   string     `json:"largest_dataset"`
	Rows      int64      `json:"rows"`
	Started   time.Time  `json:"started"`
	Downloads []Download `json:"downloads"`
	Pages     []PagePair `json:"pages"`
	Streams   []Stream   `json:"streams"`
}

func main() {
	serveStatic := flag.String("serve-static", "", "(internal) serve this directory and print the address")
	releases := flag.String("releases", "", "an existing `etl publish --out` directory (default: build a demo release)")
	scale := flag.Int("scale", 10, "demo scale when --releases is not given")
	repeat := flag.Int("repeat", 5, "downloads of each format from each server")
	requests := flag.Int("requests", 200, "requests of each rows page")
	limit := flag.Int("limit", 100, "rows of the measured pages (the API's default)")
	pageRows := flag.Int("page-rows", 10000, "rows of the pages that stream the whole dataset")
	siteBin := flag.String("site", "", "the publicsite binary (default: go build ./cmd/publicsite)")
	flag.Parse()
	if *serveStatic != "" {
		benchkit.ServeStatic(*serveStatic)
		return
	}
	work, err := os.MkdirTemp("", "apibench-")
	if err != nil {
		fatalf("%v", err)
	}
	defer os.RemoveAll(work)
	atExit = append(atExit, func() { os.RemoveAll(work) })
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() { <-stop; fatalf("interrupted") }()

	rep := Report{Started: time.Now().UTC()}
	if *releases == "" {
		rep.Scale = *scale
		t0 := time.Now()
		b, err := demo.Build(context.Background(), filepath.Join(work, "demo"), demo.Options{Scale: *scale}, time.Time{})
		if err != nil {
			fatalf("%v", err)
		}
		os.Remove(b.DB) // the release is all the servers read
		*releases = b.Releases
		fmt.Fprintf(os.Stderr, "demo release at scale %d in %.1f s\n", *scale, time.Since(t0).Seconds())
	}
	rep.Release, err = release.Current(*releases)
	if err != nil {
		fatalf("%v", err)
	}
	dir := filepath.Join(*releases, rep.Release)
	man, err := release.ReadManifest(dir)
	if err != nil {
		fatalf("%v", err)
	}
	var largest *models.ManifestDataset
	for i := range man.Datasets {
		if d := &man.Datasets[i]; d.Access == models.Public && (largest == nil || d.Rows > largest.Rows) {
			largest = d
		}
	}
	rep.Dataset, rep.Rows = largest.Name, largest.Rows

	if *siteBin == "" {
		*siteBin = filepath.Join(work, "publicsite")
		if out, err := exec.Command("go", "build", "-o", *siteBin, "./cmd/publicsite").CombinedOutput(); err != nil {
			fatalf("go build ./cmd/publicsite: %v\n%s", err, out)
		}
	}
	site, err := benchkit.StartChild(120*time.Second, *siteBin, benchkit.SiteAddr, "--releases", *releases, "--addr", "127.0.0.1:0", "--admin", "off")
	if err != nil {
		fatalf("%v", err)
	}
	defer site.Stop()
	atExit = append(atExit, site.Stop)
	staticDir := filepath.Join(work, "static")
	os.MkdirAll(staticDir, 0o755)
	for _, f := range []string{"csv", "parquet"} {
		file, _ := largest.File(f)
		src := filepath.Join(dir, filepath.FromSlash(file.Path))
		if err := os.Link(src, filepath.Join(staticDir, filepath.Base(src))); err != nil {
			fatalf("the static server's copy: %v", err)
		}
	}
	self, _ := os.Executable()
	static, err := benchkit.StartChild(120*time.Second, self, benchkit.StaticAddr, "--serve-static", staticDir)
	if err != nil {
		fatalf("%v", err)
	}
	defer static.Stop()
	atExit = append(atExit, static.Stop)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 4}}

	// Idle: the release opened, one request answered.
	fetch(client, site.URL+"/api/v1/datasets")
	time.Sleep(2 * time.Second)
	idle := benchkit.RSSMiB(site.Cmd.Process.Pid)

	// Downloads, against the same bytes from the static server.
	for _, f := range []string{"csv", "parquet"} {
		file, _ := largest.File(f)
		name := filepath.Base(file.Path)
		d := Download{Format: f, Bytes: file.Bytes}
		// Once from each, unmeasured: both read the file from the page cache.
		fetch(client, site.URL+"/date/"+name)
		fetch(client, static.URL+"/"+name)
		for i := 0; i < *repeat; i++ {
			for _, which := range []string{"site", "static"} {
				base := site.URL + "/date/"
				if which == "static" {
					base = static.URL + "/"
				}
				t0 := time.Now()
				n, err := fetch(client, base+name)
				if err != nil || n != file.Bytes {
					fatalf("%s%s: %d bytes of %d: %v", base, name, n, file.Bytes, err)
				}
				mbps := float64(n) / (1 << 20) / time.Since(t0).Seconds()
				if which == "site" {
					d.SiteMBps = append(d.SiteMBps, round(mbps))
				} else {
					d.StaticMBps = append(d.StaticMBps, round(mbps))
				}
			}
		}
		d.SiteMedian, d.StaticMedia = median(d.SiteMBps), median(d.StaticMBps)
		d.SiteBest, d.StaticBest = slices.Max(d.SiteMBps), slices.Max(d.StaticMBps)
		d.BestRatio = round(d.SiteBest / d.StaticBest)
		d.Ratio = round(d.SiteMedian / d.StaticMedia)
		d.GoalMet = d.Ratio >= 0.9
		rep.Downloads = append(rep.Downloads, d)
		fmt.Fprintf(os.Stderr, "download %-8s %6.1f MB: median site %7.1f MiB/s, static %7.1f MiB/s, ratio %.2f; best %7.1f and %7.1f, ratio %.2f\n",
			f, float64(d.Bytes)/1e6, d.SiteMedian, d.StaticMedia, d.Ratio, d.SiteBest, d.StaticBest, d.BestRatio)
	}

	// Rows: page 1 and the deep page, in the default order and by a column.
	rowsURL := site.URL + "/api/v1/datasets/" + largest.Name + "/rows"
	for _, order := range []string{"", "sort=-" + sortColumn(largest)} {
		pair := PagePair{Order: order}
		if order == "" {
			pair.Order = "default (the downloads' order)"
		}
		q := func(extra string) string {
			parts := []string{"limit=" + strconv.Itoa(*limit)}
			if order != "" {
				parts = append(parts, order)
			}
			if extra != "" {
				parts = append(parts, extra)
			}
			return rowsURL + "?" + strings.Join(parts, "&")
		}
		// The deep page: follow next over big pages to the last full page.
		target := largest.Rows - int64(*limit)
		cursor, at := "", int64(0)
		for at < target {
			step := min(int64(*pageRows), target-at)
			u := rowsURL + "?limit=" + strconv.FormatInt(step, 10) + "&fields=" + firstColumn(largest)
			if order != "" {
				u += "&" + order
			}
			if cursor != "" {
				u += "&cursor=" + cursor
			}
			var page struct {
				Rows []json.RawMessage
				Next *string
			}
			if err := getJSON(client, u, &page); err != nil || page.Next == nil {
				fatalf("%s: %v", u, err)
			}
			at += int64(len(page.Rows))
			cursor = *page.Next
		}
		pair.DeepRow = at
		first, deep := Page{Name: "page 1", URL: q("")}, Page{Name: "deep page", URL: q("cursor=" + cursor)}
		var lf, ld []time.Duration
		for i := 0; i < *requests; i++ {
			for _, p := range []*Page{&first, &deep} {
				t0 := time.Now()
				var page struct{ Rows []json.RawMessage }
				if err := getJSON(client, p.URL, &page); err != nil || len(page.Rows) != *limit {
					fatalf("%s: %d rows, %v", p.URL, len(page.Rows), err)
				}
				d := time.Since(t0)
				if p == &first {
					lf = append(lf, d)
				} else {
					ld = append(ld, d)
				}
				p.Rows = len(page.Rows)
			}
		}
		for _, x := range []struct {
			p   *Page
			lat []time.Duration
		}{{&first, lf}, {&deep, ld}} {
			slices.Sort(x.lat)
			x.p.Requests = len(x.lat)
			x.p.MedianMs = ms(x.lat[len(x.lat)/2])
			x.p.P90Ms = ms(x.lat[len(x.lat)*9/10])
			x.p.RowsPerSec = round(float64(x.p.Rows) / x.lat[len(x.lat)/2].Seconds())
			x.p.URL = strings.TrimPrefix(x.p.URL, site.URL)
		}
		pair.First, pair.Deep = first, deep
		pair.Ratio = round(deep.MedianMs / first.MedianMs)
		pair.GoalMet = pair.Ratio <= 1.5
		rep.Pages = append(rep.Pages, pair)
		fmt.Fprintf(os.Stderr, "rows %-32s page 1 %6.2f ms (%8.0f rows/s), after row %d %6.2f ms (%8.0f rows/s), ratio %.2f\n",
			pair.Order, first.MedianMs, first.RowsPerSec, pair.DeepRow, deep.MedianMs, deep.RowsPerSec, pair.Ratio)
	}

	// Memory while streaming the largest dataset.
	streamRuns := []struct {
		what string
		run  func() (int64, int, error)
	}{
		{"download " + largest.Name + ".ndjson", func() (int64, int, error) {
			n, err := fetch(client, site.URL+"/date/"+largest.Name+".ndjson")
			return n, 1, err
		}},
		{"API, every page as CSV", func() (int64, int, error) { return streamAPI(client, rowsURL, "csv", *pageRows) }},
		{"API, every page as JSON", func() (int64, int, error) { return streamAPI(client, rowsURL, "json", *pageRows) }},
	}
	for _, s := range streamRuns {
		time.Sleep(time.Second)
		before := benchkit.RSSMiB(site.Cmd.Process.Pid)
		var peak atomic.Int64
		peak.Store(int64(before * 1024))
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if v := int64(benchkit.RSSMiB(site.Cmd.Process.Pid) * 1024); v > peak.Load() {
					peak.Store(v)
				}
				select {
				case <-done:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
		t0 := time.Now()
		n, pages, err := s.run()
		close(done)
		wg.Wait()
		if err != nil {
			fatalf("%s: %v", s.what, err)
		}
		st := Stream{What: s.what, Bytes: n, Seconds: round(time.Since(t0).Seconds()), IdleMiB: round(idle), BeforeMiB: round(before), PeakMiB: round(float64(peak.Load()) / 1024)}
		if pages > 1 {
			st.PagesRead = pages
		}
		st.DeltaMiB = round(st.PeakMiB - idle)
		st.GoalMet = st.DeltaMiB <= 50
		rep.Streams = append(rep.Streams, st)
		fmt.Fprintf(os.Stderr, "memory %-28s %7.1f MB in %5.1f s: idle %6.1f MiB (%.1f before this run), peak %6.1f MiB, +%.1f MiB\n",
			s.what, float64(n)/1e6, st.Seconds, idle, before, st.PeakMiB, st.DeltaMiB)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(rep)
}

// atExit is what fatalf undoes before exiting: the children stopped, the
// release (a gigabyte or more) removed.
var atExit []func()

func fatalf(format string, args ...any) {
	log.Printf(format, args...)
	for i := len(atExit) - 1; i >= 0; i-- {
		atExit[i]()
	}
	os.Exit(1)
}

// streamAPI reads every page of a dataset in format, following next.
func streamAPI(c *http.Client, rowsURL, format string, pageRows int) (int64, int, error) {
	u := rowsURL + "?limit=" + strconv.Itoa(pageRows) + "&format=" + format
	var total int64
	pages := 0
	link := regexp.MustCompile(`^<([^>]+)>; rel="next"$`)
	base := rowsURL[:strings.Index(rowsURL, "/api/")]
	for u != "" {
		resp, err := c.Get(u)
		if err != nil {
			return total, pages, err
		}
		var next string
		if format == "json" {
			var page struct {
				NextURL *string `json:"next_url"`
			}
			cr := &countingReader{r: resp.Body}
			err = json.NewDecoder(cr).Decode(&page)
			io.Copy(io.Discard, cr)
			total += cr.n
			if page.NextURL != nil {
				next = base + *page.NextURL
			}
		} else {
			var n int64
			n, err = io.Copy(io.Discard, resp.Body)
			total += n
			if m := link.FindStringSubmatch(resp.Header.Get("Link")); m != nil {
				next = base + m[1]
			}
		}
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			return total, pages, fmt.Errorf("%s: %d %v", u, resp.StatusCode, err)
		}
		pages++
		u = next
	}
	return total, pages, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// sortColumn is the column the sorted run orders by: the dataset's first
// DECIMAL (an amount), else its first column.
func sortColumn(d *models.ManifestDataset) string {
	for _, c := range d.Schema {
		if strings.HasPrefix(c.Type, "DECIMAL(") {
			return c.Name
		}
	}
	return d.Schema[0].Name
}

func firstColumn(d *models.ManifestDataset) string { return d.Schema[0].Name }

func fetch(c *http.Client, url string) (int64, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err == nil && resp.StatusCode != 200 {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	return n, err
}

func getJSON(c *http.Client, url string, v any) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("status %d: %.300s", resp.StatusCode, b)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return round(float64(d.Microseconds()) / 1000) }

func round(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }
