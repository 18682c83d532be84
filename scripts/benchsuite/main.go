// Command benchsuite is `make bench`: every benchmark of the product at
// each demo scale, each figure a median over repeated runs against a
// baseline measured in the same run, written to bench/results/<date>.json
// (one object per figure: name, scale, unit, value, baseline, ratio) and a
// Markdown summary beside it (bench/results/<date>.md, also printed).
//
//   - ingest: the demo's procurement and requests files through `etl load`
//     against DuckDB's bare read_csv of the same files (ingest.go);
//   - publish: `etl publish` against a bare COPY … TO parquet (publish.go);
//   - queries: the site's page and KPI queries on the release as the site
//     holds it (release.Open) against PostgreSQL 15, indexed (queries.go);
//   - serve: the public pages, a search where every request differs and a
//     whole-dataset download under wrk against a static file of the same
//     size, and the first request after a release opens (serve.go).
//
// PostgreSQL is started here (benchkit.StartPostgres: a temporary directory,
// a Unix socket, no TCP port) and stopped at the end, on failure and on an
// interrupt too. scripts/bench-suite.sh installs what a fresh Debian needs
// (postgresql-15, wrk) and runs this with the binaries `make build` wrote.
// Not a unit test.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/scripts/benchkit"
)

type options struct {
	etl, site, wrk, pgBin string
	work, out             string
	runs, largeRuns       int // ingest and publish runs; largeRuns from largeScale up
	largeScale            int
	queryRuns             int
	largeQueryRuns        int // queryRuns from largeScale up
	serveRuns, coldRuns   int
	largeServeRuns        int // serveRuns from largeScale up
	connections           int
	duration              time.Duration
	pg                    *benchkit.Postgres
}

// scaleRun is the work at one scale.
type scaleRun struct {
	opt   *options
	scale int
	work  string
	exit  *exitList
}

func (s *scaleRun) logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[scale %d] "+format+"\n", append([]any{s.scale}, args...)...)
}

func (s *scaleRun) atExit(f func()) { s.exit.add(f) }

// exitList is what a failure or an interrupt undoes, last first.
type exitList struct {
	mu sync.Mutex
	fs []func()
}

func (e *exitList) add(f func()) { e.mu.Lock(); e.fs = append(e.fs, f); e.mu.Unlock() }
func (e *exitList) run() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i := len(e.fs) - 1; i >= 0; i-- {
		e.fs[i]()
	}
	e.fs = nil
}

// subcommand runs the children this program is re-run as (the baselines of
// ingest and publish, the static server); false when args name none.
func subcommand(args []string) (bool, error) {
	if len(args) == 0 || len(args) < 2 && args[0] != "queries" {
		return false, nil
	}
	if args[0] == "summary" {
		return true, rewriteSummary(args[1])
	}
	switch args[0] {
	case "read-csv":
		return true, mainReadCSV(args[1:])
	case "bare-copy":
		return true, mainBareCopy(args[1:])
	case "serve-static":
		benchkit.ServeStatic(args[1])
		return true, nil
	case "queries": // the queries section alone (queries_only.go)
		return true, mainQueriesOnly(args[1:])
	}
	return false, nil
}

func main() {
	if ok, err := subcommand(os.Args[1:]); ok {
		if err != nil {
			log.Fatal(err)
		}
		return
	}
	opt := &options{}
	scales := flag.String("scales", "1,10,100", "comma-separated demo scales")
	flag.StringVar(&opt.etl, "etl", "bin/etl", "the etl binary")
	flag.StringVar(&opt.site, "site", "bin/publicsite", "the publicsite binary")
	flag.StringVar(&opt.wrk, "wrk", "wrk", "the wrk binary")
	flag.StringVar(&opt.pgBin, "pg-bin", benchkit.PostgresBin, "PostgreSQL 15's programs (initdb, pg_ctl)")
	flag.StringVar(&opt.work, "work", "", "working directory (default: a temporary one; removed at the end)")
	flag.StringVar(&opt.out, "out", "bench/results", "where <date>.json and <date>.md are written")
	flag.IntVar(&opt.runs, "runs", 3, "runs of ingest and publish per scale (medians)")
	flag.IntVar(&opt.largeScale, "large-scale", 100, "from this scale up, ingest and publish run --large-runs times")
	flag.IntVar(&opt.largeRuns, "large-runs", 1, "runs of ingest and publish at --large-scale and above")
	flag.IntVar(&opt.queryRuns, "query-runs", 30, "measured runs of each query on each side")
	flag.IntVar(&opt.largeQueryRuns, "large-query-runs", 15, "measured runs of each query on each side at --large-scale and above")
	flag.IntVar(&opt.serveRuns, "serve-runs", 3, "wrk runs of each page on each server (medians)")
	flag.IntVar(&opt.largeServeRuns, "large-serve-runs", 1, "wrk runs of each page on each server at --large-scale and above")
	flag.IntVar(&opt.coldRuns, "cold-runs", 3, "server starts per page for the first-request figures")
	flag.IntVar(&opt.connections, "connections", 64, "wrk connections")
	flag.DurationVar(&opt.duration, "duration", 5*time.Second, "length of one wrk run")
	flag.Parse()
	var list []int
	for _, f := range strings.Split(*scales, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			log.Fatalf("--scales: %q is not a positive scale (e.g. 1,10,100)", f)
		}
		list = append(list, n)
	}
	if err := runSuite(opt, list); err != nil {
		log.Fatal(err)
	}
}

func runSuite(opt *options, scales []int) error {
	for _, bin := range []string{opt.etl, opt.site} {
		if _, err := os.Stat(bin); err != nil {
			return fmt.Errorf("%s: build it first (make build): %w", bin, err)
		}
	}
	if _, err := exec.LookPath(opt.wrk); err != nil {
		return fmt.Errorf("wrk is not installed (apt-get install -y wrk): %w", err)
	}
	run := &Run{Started: time.Now().UTC(), Scales: scales, Commit: commit()}
	load0 := loadavg()
	var mu sync.Mutex // run, between the scales and an interrupt
	// save writes the figures of the scales done so far, with the notes:
	// after each scale, so a failure or an interrupt later keeps them.
	save := func(extra ...string) (string, string, error) {
		mu.Lock()
		defer mu.Unlock()
		if len(run.Figures) == 0 {
			return "", "", nil
		}
		r := *run
		r.Finished = time.Now().UTC()
		r.Machine = fmt.Sprintf("%d cores, load average %s at the start and %s at the end (a shared machine: other processes run beside the suite)",
			runtime.NumCPU(), load0, loadavg())
		r.Notes = append(slices.Clone(run.Notes), extra...)
		r.Notes = append(r.Notes,
			"Every figure's baseline is measured in the same run, alternating with it; ratio above 1: the measured side is worse.",
			fmt.Sprintf("PostgreSQL 15 (%s): shared_buffers 256MB, work_mem 64MB, fsync off (a benchmark copy); indexes on supplier_cui, (year, award_date), (buyer_cui, year) and a pg_trgm GIN index on supplier_name; VACUUM ANALYZE after the load.", opt.pgBin),
		)
		if slices.Max(scales) >= opt.largeScale {
			r.Notes = append(r.Notes, largeScaleNote(opt))
		}
		return r.write(opt.out)
	}
	exit := &exitList{}
	defer exit.run()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	current := 0
	go func() {
		s := <-sig
		log.Printf("%s: stopping PostgreSQL and the servers", s)
		mu.Lock()
		note := fmt.Sprintf("Interrupted (%s) during scale %d: its figures are missing.", s, current)
		mu.Unlock()
		if js, _, err := save(note); js != "" && err == nil {
			log.Printf("the figures of the scales done are in %s", js)
		}
		exit.run()
		os.Exit(1)
	}()
	work := opt.work
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "benchsuite-"); err != nil {
			return err
		}
		exit.add(func() { os.RemoveAll(work) })
	}
	t0 := time.Now()
	pg, err := benchkit.StartPostgres(context.Background(), opt.pgBin, "shared_buffers=256MB", "work_mem=64MB",
		"maintenance_work_mem=256MB", "effective_cache_size=1GB", "fsync=off", "synchronous_commit=off", "full_page_writes=off")
	if err != nil {
		return err
	}
	exit.add(func() { pg.Stop() })
	opt.pg = pg
	fmt.Fprintf(os.Stderr, "PostgreSQL 15 started on a socket in %s in %.1f s\n", pg.Dir, time.Since(t0).Seconds())

	var failed error // a scale that failed: the scales before it are still written
	var js, md string
	for _, scale := range scales {
		mu.Lock()
		current = scale
		mu.Unlock()
		s := &scaleRun{opt: opt, scale: scale, work: filepath.Join(work, fmt.Sprintf("scale-%d", scale)), exit: exit}
		figs, notes, err := s.run()
		if err != nil {
			failed = fmt.Errorf("scale %d: %w", scale, err)
			js, md, err = save(fmt.Sprintf("Scale %d FAILED, its figures are missing: %v", scale, failed))
			if err != nil {
				return err
			}
			break
		}
		mu.Lock()
		run.Figures = append(run.Figures, figs...)
		run.Notes = append(run.Notes, notes...)
		mu.Unlock()
		if js, md, err = save(); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "scale %d done: the figures so far are in %s\n", scale, js)
	}
	if js == "" {
		return failed
	}
	b, _ := os.ReadFile(md)
	os.Stdout.Write(b)
	fmt.Fprintf(os.Stderr, "\nwritten %s and %s in %s\n", js, md, time.Since(run.Started).Round(time.Second))
	return failed
}

// largeScaleNote says what runs fewer times from largeScale up, and why.
func largeScaleNote(opt *options) string {
	return fmt.Sprintf("From scale %d up, ingest and publish run %d time(s) instead of %d, each query %d times instead of %d (p99 of %d runs is their slowest) and each serve figure is %d wrk run(s) of %s instead of %d (one run's p99 is over its thousands of requests; the median of runs only guards against a noisy run): repeating them at scale %d does not fit the suite's 30 minutes.",
		opt.largeScale, opt.largeRuns, opt.runs, opt.largeQueryRuns, opt.queryRuns, opt.largeQueryRuns, opt.largeServeRuns, opt.duration, opt.serveRuns, opt.largeScale)
}

// at is the options of one scale: from largeScale up, ingest and publish
// run largeRuns times, each query largeQueryRuns times and each serve
// figure largeServeRuns wrk runs (a run at scale 100 costs ten of scale
// 10); below it, what the flags say.
func (o *options) at(scale int) *options {
	c := *o
	if scale >= o.largeScale {
		c.runs, c.queryRuns, c.serveRuns = o.largeRuns, o.largeQueryRuns, o.largeServeRuns
	}
	return &c
}

// sections is how long each part of a scale took, for the notes: where
// the suite's 30 minutes go.
type sections struct {
	t     time.Time
	parts []string
}

func (p *sections) done(name string) {
	now := time.Now()
	p.parts = append(p.parts, fmt.Sprintf("%s %s", name, now.Sub(p.t).Round(time.Second)))
	p.t = now
}

func (s *scaleRun) run() ([]Figure, []string, error) {
	os.RemoveAll(s.work)
	if err := os.MkdirAll(s.work, 0o755); err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(s.work)
	s.opt = s.opt.at(s.scale)
	runs := s.opt.runs
	t0 := time.Now()
	took := &sections{t: t0}
	files, err := demo.Generate(filepath.Join(s.work, "src"), demo.Options{Scale: s.scale})
	if err != nil {
		return nil, nil, err
	}
	db := filepath.Join(s.work, "demo.duckdb")
	secs, peak, stdout, err := benchkit.Run(s.opt.etl, "demo", "--db", db, "--scale", strconv.Itoa(s.scale), "--json")
	if err != nil {
		return nil, nil, err
	}
	var demoRes struct{ Rows map[string]int64 }
	json.Unmarshal(stdout, &demoRes)
	var total int64
	for _, n := range demoRes.Rows {
		total += n
	}
	notes := []string{fmt.Sprintf("Scale %d: the demo (%d rows, procurement %d, requests %d) generated and loaded by `etl demo` in %.1f s, peak %.0f MiB.",
		s.scale, total, demoRes.Rows["procurement"], demoRes.Rows["requests"], secs, peak)}
	s.logf("demo: %d rows in %.1f s", total, secs)
	took.done("demo")

	var figs []Figure
	ingest, err := benchIngest(s, files, runs)
	if err != nil {
		return nil, nil, fmt.Errorf("ingest: %w", err)
	}
	os.RemoveAll(filepath.Join(s.work, "src"))
	figs = append(figs, ingest...)
	took.done("ingest")
	publish, dir, note, err := benchPublish(s, db, runs)
	if err != nil {
		return nil, nil, fmt.Errorf("publish: %w", err)
	}
	figs = append(figs, publish...)
	notes = append(notes, note)
	took.done("publish")
	os.Remove(db)
	os.Remove(db + ".wal")
	queries, p, err := benchQueries(s, dir)
	if err != nil {
		return nil, nil, fmt.Errorf("queries: %w", err)
	}
	figs = append(figs, queries...)
	took.done("queries")
	serve, err := benchServe(s, filepath.Dir(dir), dir, p)
	if err != nil {
		return nil, nil, fmt.Errorf("serve: %w", err)
	}
	figs = append(figs, serve...)
	took.done("serve")
	s.logf("done in %s", time.Since(t0).Round(time.Second))
	notes = append(notes, fmt.Sprintf("Scale %d took %s: %s (load average %s at its end).",
		s.scale, time.Since(t0).Round(time.Second), strings.Join(took.parts, ", "), loadavg()))
	return figs, notes, nil
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	if st, _ := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); len(st) > 0 {
		c += " (with uncommitted changes)"
	}
	return c
}
