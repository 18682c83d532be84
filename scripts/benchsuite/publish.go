package main

// publish: the real `etl publish` (a child process: checks, sorted Parquet,
// every download format, manifest) against a bare DuckDB `COPY (SELECT *
// FROM mart) TO parquet` of the same datasets from the same warehouse (this
// program re-run as `benchsuite bare-copy DB DIR`), alternating. The last
// release published stays: the queries and serve benchmarks read it.

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
	"github.com/deschis/deschis/warehouse"
)

func benchPublish(s *scaleRun, db string, runs int) ([]Figure, string, string, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, "", "", err
	}
	releases := filepath.Join(s.work, "releases")
	var pubSecs, pubPeak, bareSecs, barePeak []float64
	var last []byte // the last publish's --json: its steps go in the notes
	for i := 0; i < runs; i++ {
		secs, peak, stdout, err := benchkit.Run(s.opt.etl, "publish", "--db", db, "--out", releases, "--keep", "1", "--json")
		if err != nil {
			return nil, "", "", err
		}
		last = stdout
		pubSecs, pubPeak = append(pubSecs, secs), append(pubPeak, peak)
		bare := filepath.Join(s.work, "bare")
		os.RemoveAll(bare)
		secs, peak, _, err = benchkit.Run(self, "bare-copy", db, bare)
		if err != nil {
			return nil, "", "", err
		}
		os.RemoveAll(bare)
		bareSecs, barePeak = append(bareSecs, secs), append(barePeak, peak)
		s.logf("publish run %d: etl publish %.2f s (%.0f MiB), bare COPY %.2f s (%.0f MiB)", i+1, pubSecs[i], pubPeak[i], secs, peak)
	}
	cur, err := release.Current(releases)
	if err != nil {
		return nil, "", "", err
	}
	dir := filepath.Join(releases, cur)
	figs := []Figure{
		newFigure("publish/seconds", s.scale, "s", benchkit.Median(pubSecs), benchkit.Median(bareSecs), runs,
			fmt.Sprintf("etl publish (every dataset, every format: %.0f MiB)", float64(benchkit.Size(dir))/(1<<20)),
			"COPY (SELECT * FROM mart) TO parquet, every dataset"),
		newFigure("publish/peak-memory", s.scale, "MiB", benchkit.Median(pubPeak), benchkit.Median(barePeak), runs,
			"etl publish (peak RSS)", "bare COPY (peak RSS)"),
	}
	return figs, dir, publishNote(s.scale, last), nil
}

// publishNote says where a publish's time and memory went, from its
// `--json` (release.Result's timings): the slowest steps, and the step its
// peak resident memory was reached in with the Go heap's largest size, so
// what the rest of the peak is (DuckDB's) is read, not guessed.
func publishNote(scale int, stdout []byte) string {
	var res release.Result
	if err := json.Unmarshal(stdout, &res); err != nil || len(res.Timings) == 0 {
		return fmt.Sprintf("Scale %d: etl publish printed no step timings.", scale)
	}
	steps := slices.Clone(res.Timings)
	slices.SortStableFunc(steps, func(a, b release.StepTiming) int { return cmp.Compare(b.Seconds, a.Seconds) })
	name := func(t release.StepTiming) string {
		if t.Dataset == "" {
			return t.Step
		}
		return t.Dataset + "/" + t.Step
	}
	var slow []string
	for _, t := range steps[:min(5, len(steps))] {
		slow = append(slow, fmt.Sprintf("%s %.1f s", name(t), t.Seconds))
	}
	peak, heap := res.Timings[0], 0.0
	for _, t := range res.Timings {
		if t.PeakRSSMiB > peak.PeakRSSMiB {
			peak = t
		}
		heap = max(heap, t.GoHeapMiB)
	}
	return fmt.Sprintf("Scale %d: the publish's slowest steps (the last run; the Go formats overlap DuckDB's): %s; its peak resident memory, %.0f MiB, was reached by the end of %s, the Go heap at most %.0f MiB at a step's end.",
		scale, strings.Join(slow, ", "), peak.PeakRSSMiB, name(peak), heap)
}

// mainBareCopy is the publish baseline: the warehouse opened as etl opens
// it, each published dataset's mart copied to Parquet with DuckDB's
// defaults (no sort, no checks, no other format, no manifest).
func mainBareCopy(args []string) error {
	db, out := args[0], args[1]
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	w, err := warehouse.Open(context.Background(), db, warehouse.Options{})
	if err != nil {
		return err
	}
	defer w.Close()
	for _, d := range release.Datasets {
		q := fmt.Sprintf(`COPY (SELECT * FROM %s) TO '%s' (FORMAT parquet)`, d.Mart, filepath.Join(out, d.Name+".parquet"))
		if _, err := w.DB().Exec(q); err != nil {
			return err
		}
	}
	return nil
}
