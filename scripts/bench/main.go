// Command bench measures the demo end to end: for each scale it runs the real
// `etl demo` and `etl publish` as child processes (wall time, peak memory),
// measures warehouse and release sizes, and times a bare DuckDB
// `COPY (SELECT * FROM mart) TO parquet` of the same datasets in the same run,
// alternating with publish so both see the same machine. Not a unit test:
// run it with `make bench-demo`.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
	"github.com/deschis/deschis/warehouse"
)

type result struct {
	Scale           int              `json:"scale"`
	Rows            map[string]int64 `json:"rows"`
	DemoSeconds     float64          `json:"demo_seconds"`
	DemoPeakMiB     float64          `json:"demo_peak_mib"`
	WarehouseMiB    float64          `json:"warehouse_mib"`
	PublishSeconds  []float64        `json:"publish_seconds"`
	PublishPeakMiB  float64          `json:"publish_peak_mib"`
	BareCopySeconds []float64        `json:"bare_copy_seconds"`
	ReleaseMiB      float64          `json:"release_mib"`
	BareMiB         float64          `json:"bare_copy_mib"`
	PublishVsBare   float64          `json:"publish_over_bare_copy"`
}

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "ingest":
			mainIngest(os.Args[2:])
			return
		case "ingest-register":
			mainIngestRegister(os.Args[2:])
			return
		case "ingest-sicap":
			mainIngestSicap(os.Args[2:])
			return
		case "read-csv":
			mainReadCSV(os.Args[2:])
			return
		case "county":
			mainCounty(os.Args[2:])
			return
		}
	}
	etl := flag.String("etl", "bin/etl", "the etl binary")
	scales := flag.String("scales", "1,10", "comma-separated demo scales")
	runs := flag.Int("runs", 3, "publish and bare-copy runs per scale (medians are reported)")
	dir := flag.String("dir", "var/bench", "working directory")
	flag.Parse()
	var out []result
	for _, s := range strings.Split(*scales, ",") {
		scale, err := strconv.Atoi(s)
		if err != nil {
			log.Fatal(err)
		}
		r, err := benchScale(*etl, *dir, scale, *runs)
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, *r)
		fmt.Fprintf(os.Stderr, "scale %d: demo %.1f s (peak %.0f MiB), warehouse %.0f MiB, publish median %.2f s vs bare COPY %.2f s = %.2fx, release %.1f MiB\n",
			scale, r.DemoSeconds, r.DemoPeakMiB, r.WarehouseMiB, median(r.PublishSeconds), median(r.BareCopySeconds), r.PublishVsBare, r.ReleaseMiB)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

func benchScale(etl, dir string, scale, runs int) (*result, error) {
	work := filepath.Join(dir, fmt.Sprintf("scale%d", scale))
	os.RemoveAll(work)
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	db := filepath.Join(work, "deschis.duckdb")
	r := &result{Scale: scale}
	var demo struct {
		Rows map[string]int64 `json:"rows"`
	}
	secs, peak, stdout, err := child(etl, "demo", "--db", db, "--scale", strconv.Itoa(scale), "--json")
	if err != nil {
		return nil, err
	}
	json.Unmarshal(stdout, &demo)
	r.Rows, r.DemoSeconds, r.DemoPeakMiB = demo.Rows, secs, peak
	r.WarehouseMiB = mib(size(db) + size(db+".wal"))

	releases := filepath.Join(work, "releases")
	for i := 0; i < runs; i++ {
		secs, peak, _, err := child(etl, "publish", "--db", db, "--out", releases, "--keep", "1", "--json")
		if err != nil {
			return nil, err
		}
		r.PublishSeconds = append(r.PublishSeconds, secs)
		r.PublishPeakMiB = max(r.PublishPeakMiB, peak)
		bare := filepath.Join(work, "bare")
		secs, err = bareCopy(db, bare)
		if err != nil {
			return nil, err
		}
		r.BareCopySeconds = append(r.BareCopySeconds, secs)
		r.BareMiB = mib(size(bare))
		os.RemoveAll(bare)
	}
	cur, err := release.Current(releases)
	if err != nil {
		return nil, err
	}
	r.ReleaseMiB = mib(size(filepath.Join(releases, cur)))
	r.PublishVsBare = median(r.PublishSeconds) / median(r.BareCopySeconds)
	return r, nil
}

// bareCopy opens the warehouse in this process (as etl does) and copies each
// published dataset's query to Parquet with DuckDB's defaults: no sort, no
// checks, no manifest.
func bareCopy(db, out string) (float64, error) {
	os.MkdirAll(out, 0o755)
	start := time.Now()
	w, err := warehouse.Open(context.Background(), db, warehouse.Options{})
	if err != nil {
		return 0, err
	}
	defer w.Close()
	for _, d := range release.Datasets {
		q := fmt.Sprintf(`COPY (SELECT * FROM %s) TO '%s' (FORMAT parquet)`, d.Mart, filepath.Join(out, d.Name+".parquet"))
		if _, err := w.DB().Exec(q); err != nil {
			return 0, err
		}
	}
	return time.Since(start).Seconds(), nil
}

// child, size and median are benchkit's (shared with the other benchmarks).
var (
	child  = benchkit.Run
	size   = benchkit.Size
	median = benchkit.Median
)

func mib(n int64) float64 { return float64(n) / (1 << 20) }
