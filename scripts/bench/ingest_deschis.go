package main

// The canonical side of `bench ingest`: the same register written as the
// canonical `deschis` CSV (UTF-8, comma, machine amounts, ISO dates: what
// `etl demo` writes), loaded by `etl load --format deschis`, which reads it
// inside DuckDB (the SQL load path), against DuckDB's bare read_csv of the
// same file, in the same run, alternating.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/deschis/deschis/warehouse"
)

// deschisResult is the canonical CSV's measurement.
type deschisResult struct {
	Bytes           int64     `json:"bytes"`
	LoadSeconds     []float64 `json:"etl_load_seconds"`
	LoadPeakMiB     float64   `json:"etl_load_peak_mib"`
	RowsLoaded      int64     `json:"rows_loaded"`
	ReadCSVSeconds  []float64 `json:"read_csv_seconds"`
	ReadCSVPeakMiB  float64   `json:"read_csv_peak_mib"`
	LoadOverReadCSV float64   `json:"etl_load_over_read_csv"`
	PeakOverReadCSV float64   `json:"etl_load_peak_over_read_csv"`
	// Baseline is another etl binary (--baseline-etl: main's) loading the
	// same file in the same runs, when given.
	Baseline *etlRuns `json:"baseline_etl,omitempty"`
	// The load's own CPU seconds (user + system), which a busy machine
	// disturbs less than its wall time.
	LoadCPUSeconds    []float64 `json:"etl_load_cpu_seconds"`
	ReadCSVCPUSeconds []float64 `json:"read_csv_cpu_seconds"`
}

// etlRuns are the runs of another etl binary on the same file.
type etlRuns struct {
	Binary      string    `json:"binary"`
	Seconds     []float64 `json:"seconds"`
	CPUSeconds  []float64 `json:"cpu_seconds"`
	PeakMiB     float64   `json:"peak_mib"`
	OverReadCSV float64   `json:"over_read_csv"`
}

// generateDeschis writes the same n contracts as generate (drawContract),
// as the canonical procurement CSV.
func generateDeschis(n int, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	r := rand.New(rand.NewPCG(1, 2))
	canon := []string{"direct_purchase", "procedure_award", "framework_agreement"} // kinds, in the canonical vocabulary
	fmt.Fprintln(w, "contract_id,kind,parent_id,buyer_cui,buyer_name,supplier_cui,supplier_name,title,cpv,value,currency,award_date,procedure,offers,eu_funded,investment_code")
	for i := 0; i < n; i++ {
		c := drawContract(r, i)
		fmt.Fprintf(w, "C%d/%d,%s,,9991004,Municipiul Demo,%d,\"%s %s S.R.L.\",\"%s %s, %s %s\",%s,%d.%02d,RON,%d-%02d-%02d,%s,%d,%s,\n",
			i+1, c.year, canon[c.kind], c.supplier, c.firms[0], c.firms[1], c.words[0], c.words[1], c.words[2], c.words[3],
			c.cpv, c.bani/100, c.bani%100, c.year, c.month, c.day, c.procedure, c.offers, []string{"true", "false"}[c.eu])
	}
	return w.Flush()
}

// benchDeschis measures the canonical CSV path, runs times each side.
func benchDeschis(etl, other, self, dir string, rows, runs int, entities string) deschisResult {
	path := filepath.Join(dir, fmt.Sprintf("achizitii-%d-deschis.csv", rows))
	if _, err := os.Stat(path); err != nil {
		t := time.Now()
		must(generateDeschis(rows, path))
		fmt.Fprintf(os.Stderr, "generated the canonical CSV in %.1f s\n", time.Since(t).Seconds())
	}
	r := deschisResult{Bytes: size(path)}
	if other != "" {
		r.Baseline = &etlRuns{Binary: other}
	}
	// load runs one etl binary on the file in a new warehouse.
	load := func(bin string) (secs, cpu, peak float64, loaded int64) {
		db := filepath.Join(dir, "etl-deschis.duckdb")
		os.Remove(db)
		_, _, _, err := child(bin, "load", "--db", db, "--dataset", "entities", "--format", "deschis", entities)
		must(err)
		c := cpuSeconds()
		secs, peak, out, err := child(bin, "load", "--db", db, "--dataset", "procurement", "--format", "deschis", path, "--json")
		must(err)
		cpu = cpuSeconds() - c
		var res warehouse.LoadResult
		must(json.Unmarshal(out, &res))
		return secs, cpu, peak, res.Files[0].RowsLoaded
	}
	for i := 0; i < runs; i++ {
		secs, cpu, peak, loaded := load(etl)
		r.LoadSeconds = append(r.LoadSeconds, secs)
		r.LoadCPUSeconds = append(r.LoadCPUSeconds, cpu)
		r.LoadPeakMiB = max(r.LoadPeakMiB, peak)
		r.RowsLoaded = loaded
		if b := r.Baseline; b != nil {
			secs, cpu, peak, _ := load(other)
			b.Seconds = append(b.Seconds, secs)
			b.CPUSeconds = append(b.CPUSeconds, cpu)
			b.PeakMiB = max(b.PeakMiB, peak)
			fmt.Fprintf(os.Stderr, "canonical run %d: %s %.2f s (cpu %.2f s)\n", i+1, other, secs, cpu)
		}

		base := filepath.Join(dir, "read_csv-deschis.duckdb")
		os.Remove(base)
		c := cpuSeconds()
		_, peak, out, err := child(self, "read-csv", base, path)
		must(err)
		r.ReadCSVCPUSeconds = append(r.ReadCSVCPUSeconds, cpuSeconds()-c)
		secs, _ = strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
		r.ReadCSVSeconds = append(r.ReadCSVSeconds, secs)
		r.ReadCSVPeakMiB = max(r.ReadCSVPeakMiB, peak)
		fmt.Fprintf(os.Stderr, "canonical run %d: etl load --format deschis %.2f s, read_csv %.2f s\n", i+1, r.LoadSeconds[i], secs)
	}
	r.LoadOverReadCSV = median(r.LoadSeconds) / median(r.ReadCSVSeconds)
	r.PeakOverReadCSV = r.LoadPeakMiB / r.ReadCSVPeakMiB
	if b := r.Baseline; b != nil {
		b.OverReadCSV = median(b.Seconds) / median(r.ReadCSVSeconds)
		fmt.Fprintf(os.Stderr, "%d rows, canonical CSV: %s median %.2f s (peak %.0f MiB) = %.2fx read_csv\n",
			rows, other, median(b.Seconds), b.PeakMiB, b.OverReadCSV)
	}
	fmt.Fprintf(os.Stderr, "%d rows, canonical CSV: etl load median %.2f s (peak %.0f MiB) vs read_csv %.2f s (peak %.0f MiB) = %.2fx time, %.2fx memory\n",
		rows, median(r.LoadSeconds), r.LoadPeakMiB, median(r.ReadCSVSeconds), r.ReadCSVPeakMiB, r.LoadOverReadCSV, r.PeakOverReadCSV)
	return r
}

// cpuSeconds is the CPU time (user and system) of the children waited for
// so far: a child's is the difference around it.
func cpuSeconds() float64 {
	var u syscall.Rusage
	must(syscall.Getrusage(syscall.RUSAGE_CHILDREN, &u))
	return float64(u.Utime.Nano()+u.Stime.Nano()) / 1e9
}
