package main

// bench county: the demo county of issue 15 at its benchmark size, `etl demo
// --county --units 60 --scale 10`, under /usr/bin/time -v (wall time and peak
// resident memory as the kernel counts them), then `etl publish` and the
// release's size; the municipality demo at the same scale, in the same run,
// is the baseline. Then the county page under load against its static twin
// and its first request after the release opens (county_serve.go).

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
)

type countyRun struct {
	What              string           `json:"what"` // "county" or "municipality"
	Units             int              `json:"units,omitempty"`
	Scale             int              `json:"scale"`
	Rows              map[string]int64 `json:"rows"`
	RowsTotal         int64            `json:"rows_total"`
	Rejected          int64            `json:"rows_rejected"`
	DemoSeconds       float64          `json:"demo_seconds"`  // wall clock, /usr/bin/time
	DemoPeakMiB       float64          `json:"demo_peak_mib"` // maximum resident set size, /usr/bin/time
	GenerateSecs      float64          `json:"generate_seconds"`
	LoadSecs          float64          `json:"load_seconds"`
	WarehouseMiB      float64          `json:"warehouse_mib"`
	PublishSecs       float64          `json:"publish_seconds"`
	PublishPeak       float64          `json:"publish_peak_mib"`
	ReleaseMiB        float64          `json:"release_mib"`
	ReleaseParquetMiB float64          `json:"release_parquet_mib"` // the Parquet files alone (public and internal)
	LoadAvgStart      string           `json:"loadavg_start"`
	LoadAvgEnd        string           `json:"loadavg_end"`
	Serve             *countyServe     `json:"serve,omitempty"` // the county page under load (the county run)
}

func mainCounty(args []string) {
	if len(args) == 2 && args[0] == "serve-static" {
		benchkit.ServeStatic(args[1]) // the static twin, a child of this program
		return
	}
	fs := flag.NewFlagSet("county", flag.ExitOnError)
	etl := fs.String("etl", "bin/etl", "the etl binary")
	units := fs.Int("units", 60, "administrative units of the demo county")
	scale := fs.Int("scale", 10, "demo scale")
	dir := fs.String("dir", "var/bench-county", "working directory")
	baseline := fs.Bool("baseline", true, "also run the municipality demo at the same scale")
	var so serveOptions
	fs.StringVar(&so.site, "site", "bin/publicsite", "the publicsite binary (\"\" leaves out the county page under load)")
	fs.StringVar(&so.wrk, "wrk", "wrk", "the wrk binary")
	fs.IntVar(&so.connections, "connections", 64, "wrk's connections")
	fs.DurationVar(&so.duration, "duration", 10*time.Second, "each wrk run")
	fs.IntVar(&so.runs, "runs", 3, "wrk runs per page and side (medians reported)")
	fs.IntVar(&so.coldRuns, "cold-runs", 5, "fresh starts of the server for the first request of /judet")
	serveOnly := fs.String("serve-only", "", "a releases directory: only the county page under load over its current release")
	fs.Parse(args)
	if *serveOnly != "" {
		r, err := benchCountyServe(so, *serveOnly, *dir)
		if err != nil {
			log.Fatal(err)
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(r)
		return
	}
	var out []countyRun
	r, err := benchDemo(*etl, filepath.Join(*dir, "county"), *scale, *units)
	if err != nil {
		log.Fatal(err)
	}
	if so.site != "" {
		work := filepath.Join(*dir, "county")
		if r.Serve, err = benchCountyServe(so, filepath.Join(work, "releases"), work); err != nil {
			log.Fatal(err)
		}
	}
	out = append(out, *r)
	if *baseline {
		r, err := benchDemo(*etl, filepath.Join(*dir, "municipality"), *scale, 0)
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, *r)
	}
	for _, r := range out {
		fmt.Fprintf(os.Stderr, "%s (units %d, scale %d): %d rows, %d rejected; etl demo %.1f s (generate %.1f s, load %.1f s), peak %.0f MiB; warehouse %.0f MiB; publish %.1f s (peak %.0f MiB); release %.1f MiB (Parquet %.1f MiB)\n",
			r.What, r.Units, r.Scale, r.RowsTotal, r.Rejected, r.DemoSeconds, r.GenerateSecs, r.LoadSecs, r.DemoPeakMiB, r.WarehouseMiB, r.PublishSecs, r.PublishPeak, r.ReleaseMiB, r.ReleaseParquetMiB)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

// benchDemo runs etl demo (the county when units > 0) and etl publish.
func benchDemo(etl, work string, scale, units int) (*countyRun, error) {
	os.RemoveAll(work)
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	db := filepath.Join(work, "deschis.duckdb")
	r := &countyRun{What: "municipality", Scale: scale, Units: units, LoadAvgStart: loadavg()}
	args := []string{"demo", "--db", db, "--scale", strconv.Itoa(scale), "--json"}
	if units > 0 {
		r.What = "county"
		args = append(args, "--county", "--units", strconv.Itoa(units))
	}
	stdout, secs, peak, err := timed(etl, args...)
	if err != nil {
		return nil, err
	}
	var sum struct {
		Rows     map[string]int64   `json:"rows"`
		Rejected int64              `json:"rows_rejected"`
		Seconds  map[string]float64 `json:"seconds"`
	}
	if err := json.Unmarshal(stdout, &sum); err != nil {
		return nil, fmt.Errorf("etl demo --json: %w", err)
	}
	r.Rows, r.Rejected, r.DemoSeconds, r.DemoPeakMiB = sum.Rows, sum.Rejected, secs, peak
	r.GenerateSecs, r.LoadSecs = sum.Seconds["generate"], sum.Seconds["load"]
	for _, n := range sum.Rows {
		r.RowsTotal += n
	}
	r.WarehouseMiB = mib(size(db) + size(db+".wal"))
	releases := filepath.Join(work, "releases")
	if _, r.PublishSecs, r.PublishPeak, err = timed(etl, "publish", "--db", db, "--out", releases, "--json"); err != nil {
		return nil, err
	}
	cur, err := release.Current(releases)
	if err != nil {
		return nil, err
	}
	r.ReleaseMiB = mib(size(filepath.Join(releases, cur)))
	for _, sub := range []string{"public", "internal"} {
		matches, _ := filepath.Glob(filepath.Join(releases, cur, sub, "*.parquet"))
		for _, m := range matches {
			r.ReleaseParquetMiB += mib(size(m))
		}
	}
	r.LoadAvgEnd = loadavg()
	return r, nil
}

// timed runs a command under /usr/bin/time -v and reads its wall clock and
// maximum resident set size from the report.
func timed(name string, args ...string) (stdout []byte, secs, peakMiB float64, err error) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", name}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	stdout, err = cmd.Output()
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%s %v: %w\n%s", name, args, err, stderr.String())
	}
	secs = time.Since(start).Seconds()
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if v, ok := strings.CutPrefix(line, "Maximum resident set size (kbytes): "); ok {
			kb, _ := strconv.ParseFloat(v, 64)
			peakMiB = kb / 1024
		}
		if v, ok := strings.CutPrefix(line, "Elapsed (wall clock) time (h:mm:ss or m:ss): "); ok {
			secs = clock(v)
		}
	}
	if peakMiB == 0 {
		return nil, 0, 0, fmt.Errorf("/usr/bin/time -v gave no peak memory:\n%s", stderr.String())
	}
	return stdout, secs, peakMiB, nil
}

// clock reads /usr/bin/time's h:mm:ss or m:ss.cc.
func clock(s string) float64 {
	var t float64
	for _, p := range strings.Split(s, ":") {
		x, _ := strconv.ParseFloat(p, 64)
		t = t*60 + x
	}
	return t
}
