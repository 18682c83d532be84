package main

import (
	"encoding/json"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary be the children the suite re-runs itself
// as (read-csv, bare-copy, serve-static), as the real binary is.
func TestMain(m *testing.M) {
	if ok, err := subcommand(os.Args[1:]); ok {
		if err != nil {
			log.Fatal(err)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// buildBinaries builds the real etl and publicsite from this tree.
func buildBinaries(t *testing.T) (etl, site string) {
	t.Helper()
	dir := t.TempDir()
	etl, site = filepath.Join(dir, "etl"), filepath.Join(dir, "publicsite")
	for bin, pkg := range map[string]string{etl: "../../cmd/etl", site: "../../cmd/publicsite"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	return etl, site
}

// quick is the suite with one run of everything and short wrk runs.
func quick(etl, site, out string) *options {
	return &options{etl: etl, site: site, wrk: "wrk", out: out, runs: 1, largeScale: 100, largeRuns: 1,
		queryRuns: 3, largeQueryRuns: 3, serveRuns: 1, coldRuns: 1, connections: 8, duration: time.Second}
}

// The whole suite at scale 1, on the real programs, a real PostgreSQL and
// wrk: every benchmark gives its figures, each with a measured value, a
// baseline of the same run and the ratio the unit says; no request fails;
// the files are where the contract says; PostgreSQL is stopped after.
func TestSuiteAtScaleOneWritesEveryFigure(t *testing.T) {
	etl, site := buildBinaries(t)
	out := t.TempDir()
	opt := quick(etl, site, out)
	if err := runSuite(opt, []int{1}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(opt.pg.Dir); !os.IsNotExist(err) {
		t.Errorf("PostgreSQL's directory %s is still there (%v)", opt.pg.Dir, err)
	}
	date := time.Now().UTC().Format("2006-01-02")
	b, err := os.ReadFile(filepath.Join(out, date+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw []map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	var figs []Figure
	json.Unmarshal(b, &figs)
	for _, o := range raw {
		for _, k := range []string{"name", "scale", "unit", "value", "baseline", "ratio"} {
			if _, ok := o[k]; !ok {
				t.Errorf("%v has no %q", o["name"], k)
			}
		}
	}
	names := map[string]Figure{}
	for _, f := range figs {
		names[f.Name] = f
		if f.Scale != 1 || f.Value <= 0 || f.Baseline <= 0 || f.Runs < 1 {
			t.Errorf("%s: scale %d, value %v, baseline %v, runs %d", f.Name, f.Scale, f.Value, f.Baseline, f.Runs)
		}
		want := f.Value / f.Baseline
		if f.Better == "higher" {
			want = f.Baseline / f.Value
		}
		if d := f.Ratio/want - 1; d > 0.01 || d < -0.01 {
			t.Errorf("%s: ratio %v, want %v (%s is better)", f.Name, f.Ratio, want, f.Better)
		}
		if f.Errors != nil && (*f.Errors != 0 || *f.BaseEr != 0) {
			t.Errorf("%s: %d failed requests, %d on the static server", f.Name, *f.Errors, *f.BaseEr)
		}
	}
	want := []string{"ingest/procurement/rows-per-second", "ingest/procurement/peak-memory", "ingest/requests/rows-per-second",
		"publish/seconds", "publish/peak-memory", "serve/home/first-request-after-open", "serve/achizitii/first-request-after-open"}
	for _, q := range queries {
		want = append(want, "queries/"+q.ID+"/p50", "queries/"+q.ID+"/p99")
	}
	for _, tg := range targets {
		want = append(want, "serve/"+tg.ID+"/requests-per-second", "serve/"+tg.ID+"/p99")
	}
	for _, n := range want {
		if _, ok := names[n]; !ok {
			t.Errorf("no figure %s", n)
		}
	}
	if f := names["serve/achizitii-cautare/requests-per-second"]; !strings.Contains(f.Measured, "every request a search") && !strings.Contains(f.Measured, "no term asked twice") || !strings.Contains(f.Measured, "--cache-entries 0") {
		t.Errorf("the search run repeated terms or had the page cache on: %s", f.Measured)
	}
	if f := names["queries/supplier-search/p50"]; !strings.Contains(f.Against, "PostgreSQL 15") {
		t.Errorf("the queries' baseline is %q", f.Against)
	}
	md, err := os.ReadFile(filepath.Join(out, date+".md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"## ingest", "## publish", "## queries", "## serve", "| supplier-search/p99 | 1 |"} {
		if !strings.Contains(string(md), s) {
			t.Errorf("the summary has no %q", s)
		}
	}
}

// From the large scale up, ingest, publish and the queries run fewer
// times, and the suite's own options are left as the flags set them.
func TestLargeScaleRunsFewerRepeats(t *testing.T) {
	o := &options{runs: 3, largeRuns: 1, largeScale: 100, queryRuns: 30, largeQueryRuns: 15, serveRuns: 3, largeServeRuns: 1, duration: 5 * time.Second}
	small, large := o.at(10), o.at(100)
	if small.runs != 3 || small.queryRuns != 30 || small.serveRuns != 3 {
		t.Errorf("scale 10: runs %d, query runs %d, serve runs %d", small.runs, small.queryRuns, small.serveRuns)
	}
	if large.runs != 1 || large.queryRuns != 15 || large.serveRuns != 1 {
		t.Errorf("scale 100: runs %d, query runs %d, serve runs %d", large.runs, large.queryRuns, large.serveRuns)
	}
	if o.runs != 3 || o.queryRuns != 30 || o.serveRuns != 3 {
		t.Errorf("at changed the suite's options: runs %d, query runs %d, serve runs %d", o.runs, o.queryRuns, o.serveRuns)
	}
	// The summary says what runs fewer times at the large scale.
	note := largeScaleNote(o)
	for _, s := range []string{"From scale 100 up", "1 time(s) instead of 3", "15 times instead of 30", "1 wrk run(s) of 5s instead of 3"} {
		if !strings.Contains(note, s) {
			t.Errorf("the large scale's note %q does not say %q", note, s)
		}
	}
	p := &sections{t: time.Now().Add(-2 * time.Second)}
	p.done("demo")
	p.done("ingest")
	if len(p.parts) != 2 || p.parts[0] != "demo 2s" || p.parts[1] != "ingest 0s" {
		t.Errorf("sections %q", p.parts)
	}
}

// The search's server is the site's with its page cache off.
func TestTheSearchRunsWithThePageCacheOff(t *testing.T) {
	site := []string{"--releases", "r", "--admin", "off"}
	got := searchArgs(site)
	if strings.Join(got, " ") != "--releases r --admin off --cache-entries 0" {
		t.Errorf("the search's server runs with %q", got)
	}
}

// The publish's note names its slowest steps, slowest first, and the step
// that raised its peak memory, from etl publish's --json.
func TestPublishNoteSaysWhereTimeAndMemoryWent(t *testing.T) {
	out := `{"timings":[{"dataset":"a","step":"parquet","seconds":2,"peak_rss_mib":300,"go_heap_mib":10},
		{"dataset":"a","step":"arrow","seconds":9.5,"peak_rss_mib":900,"go_heap_mib":120},
		{"step":"check","seconds":1,"peak_rss_mib":900,"go_heap_mib":5}]}`
	got := publishNote(100, []byte(out))
	for _, want := range []string{"Scale 100", "a/arrow 9.5 s, a/parquet 2.0 s, check 1.0 s", "900 MiB, was reached by the end of a/arrow", "Go heap at most 120 MiB"} {
		if !strings.Contains(got, want) {
			t.Errorf("note %q has no %q", got, want)
		}
	}
	if got := publishNote(1, []byte("not json")); !strings.Contains(got, "no step timings") {
		t.Errorf("note of no timings: %q", got)
	}
}

// A benchmark that fails still stops PostgreSQL and removes its directory.
func TestSuiteStopsPostgresOnFailure(t *testing.T) {
	opt := quick("/bin/false", "/bin/false", t.TempDir())
	err := runSuite(opt, []int{1})
	if err == nil {
		t.Fatal("a suite whose etl fails succeeded")
	}
	if opt.pg == nil {
		t.Fatalf("PostgreSQL never started: %v", err)
	}
	if _, err := os.Stat(opt.pg.Dir); !os.IsNotExist(err) {
		t.Errorf("after %v, PostgreSQL's directory %s is still there", err, opt.pg.Dir)
	}
	if entries, _ := os.ReadDir(opt.out); len(entries) != 0 {
		t.Errorf("a failed suite wrote %v", entries)
	}
}

// The ratio reads the same way for every unit: above 1, worse than the
// baseline; the summary bolds what is worse than 1.5x.
func TestFigureRatioAndSummary(t *testing.T) {
	slow := newFigure("serve/x/requests-per-second", 10, "requests/s", 100, 400, 3, "site", "static")
	fast := newFigure("queries/x/p50", 10, "ms", 2, 20, 30, "DuckDB", "PostgreSQL")
	if slow.Ratio != 4 || slow.Better != "higher" || fast.Ratio != 0.1 || fast.Better != "lower" {
		t.Fatalf("ratios %v (%s), %v (%s)", slow.Ratio, slow.Better, fast.Ratio, fast.Better)
	}
	r := &Run{Started: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), Finished: time.Date(2026, 12, 1, 10, 20, 0, 0, time.UTC), Scales: []int{10}, Figures: []Figure{slow, fast}}
	js, md, err := r.write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(js) != "2026-12-01.json" || filepath.Base(md) != "2026-12-01.md" {
		t.Errorf("files %s, %s", js, md)
	}
	b, _ := os.ReadFile(md)
	lines := strings.Split(string(b), "\n")
	if i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "| x/requests-per-second |") }); i < 0 || !strings.Contains(lines[i], "**4.00x**") {
		t.Errorf("the 4x figure is not bold:\n%s", b)
	}
	if i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "| x/p50 |") }); i < 0 || strings.Contains(lines[i], "**") {
		t.Errorf("the 0.1x figure is marked:\n%s", b)
	}
}

// The summary puts each figure's scales together, benchmark by benchmark,
// whatever order the scales were measured in; `benchsuite summary` writes
// the same tables again from the JSON and keeps the header and the notes.
func TestSummaryGroupsScalesAndRewrites(t *testing.T) {
	r := &Run{Started: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), Scales: []int{1, 10}, Notes: []string{"a note of the run"}, Figures: []Figure{
		newFigure("ingest/x/rows-per-second", 1, "rows/s", 10, 20, 3, "etl", "read_csv"),
		newFigure("serve/home/p99", 1, "ms", 2, 1, 3, "site", "static"),
		newFigure("ingest/x/rows-per-second", 10, "rows/s", 100, 200, 3, "etl", "read_csv"),
		newFigure("serve/home/p99", 10, "ms", 3, 1, 3, "site", "static"),
	}}
	js, md, err := r.write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(md)
	order := func(b []byte) []string {
		var rows []string
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "| x/") || strings.HasPrefix(l, "| home/") {
				rows = append(rows, strings.Join(strings.Fields(l)[:4], " "))
			}
		}
		return rows
	}
	want := []string{"| x/rows-per-second | 1", "| x/rows-per-second | 10", "| home/p99 | 1", "| home/p99 | 10"}
	if got := order(first); !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	if strings.Count(string(first), "## ingest") != 1 {
		t.Errorf("the ingest section is repeated:\n%s", first)
	}
	if err := rewriteSummary(js); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(md)
	if string(again) != string(first) {
		t.Errorf("rewritten summary differs:\n%s\n---\n%s", first, again)
	}
}

// A ratio far below 1 is one over how many times faster it is: the summary never rounds a figure read from memory to "0.00x".
func TestRatioTextKeepsSmallRatiosReadable(t *testing.T) {
	for r, want := range map[float64]string{
		1.234:    "1.23x",
		0.5:      "0.50x",
		0.1:      "0.10x",
		0.05:     "1/20.0x",
		0.00026:  "1/3846x",
		0.000005: "1/200000x",
	} {
		if got := ratioText(r); got != want {
			t.Errorf("ratioText(%v) = %q, want %q", r, got, want)
		}
	}
}
