package main

// `benchsuite queries`: the queries section alone, at each scale: the demo
// loaded by `etl demo`, published once by `etl publish`, and the query
// figures measured on that release against PostgreSQL 15 as the whole suite
// measures them (benchQueries), written like the suite's (--out/<date>.json
// and .md). For measuring the site's reads without the suite's other
// sections (half an hour at scale 100).

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
)

func mainQueriesOnly(args []string) error {
	fs := flag.NewFlagSet("queries", flag.ContinueOnError)
	opt := &options{largeScale: 100}
	scales := fs.String("scales", "1,10", "comma-separated demo scales")
	fs.StringVar(&opt.etl, "etl", "bin/etl", "the etl binary (etl demo, etl publish)")
	fs.StringVar(&opt.pgBin, "pg-bin", benchkit.PostgresBin, "PostgreSQL 15's programs (initdb, pg_ctl)")
	fs.StringVar(&opt.out, "out", "bench/results", "where <date>.json and <date>.md are written")
	fs.IntVar(&opt.queryRuns, "query-runs", 30, "measured runs of each query on each side")
	fs.IntVar(&opt.largeQueryRuns, "large-query-runs", 15, "measured runs of each query on each side at scale 100 and above")
	work := fs.String("work", "", "working directory (default: a temporary one; removed at the end)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var list []int
	for _, f := range strings.Split(*scales, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("--scales: %q is not a positive scale (e.g. 1,10)", f)
		}
		list = append(list, n)
	}
	if _, err := os.Stat(opt.etl); err != nil {
		return fmt.Errorf("%s: build it first (make build): %w", opt.etl, err)
	}
	dir := *work
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "benchsuite-queries-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	pg, err := benchkit.StartPostgres(context.Background(), opt.pgBin, "shared_buffers=256MB", "work_mem=64MB",
		"maintenance_work_mem=256MB", "effective_cache_size=1GB", "fsync=off", "synchronous_commit=off", "full_page_writes=off")
	if err != nil {
		return err
	}
	defer pg.Stop()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() { // an interrupt stops PostgreSQL and removes the work too
		<-sig
		pg.Stop()
		if *work == "" {
			os.RemoveAll(dir)
		}
		os.Exit(1)
	}()
	opt.pg = pg
	run := &Run{Started: time.Now().UTC(), Scales: list, Commit: commit()}
	load0 := loadavg()
	for _, scale := range list {
		s := &scaleRun{opt: opt.at(scale), scale: scale, work: filepath.Join(dir, fmt.Sprintf("scale-%d", scale)), exit: &exitList{}}
		if err := os.MkdirAll(s.work, 0o755); err != nil {
			return err
		}
		db := filepath.Join(s.work, "demo.duckdb")
		releases := filepath.Join(s.work, "releases")
		if _, _, _, err := benchkit.Run(opt.etl, "demo", "--db", db, "--scale", strconv.Itoa(scale), "--json"); err != nil {
			return fmt.Errorf("scale %d: etl demo: %w", scale, err)
		}
		if _, _, _, err := benchkit.Run(opt.etl, "publish", "--db", db, "--out", releases, "--keep", "1", "--json"); err != nil {
			return fmt.Errorf("scale %d: etl publish: %w", scale, err)
		}
		cur, err := release.Current(releases)
		if err != nil {
			return err
		}
		l0 := loadavg()
		figs, _, err := benchQueries(s, filepath.Join(releases, cur))
		if err != nil {
			return fmt.Errorf("scale %d: queries: %w", scale, err)
		}
		run.Figures = append(run.Figures, figs...)
		run.Notes = append(run.Notes, fmt.Sprintf("Scale %d: the queries measured at load average %s to %s.", scale, l0, loadavg()))
		os.RemoveAll(s.work)
	}
	run.Finished = time.Now().UTC()
	run.Machine = fmt.Sprintf("%d cores, load average %s at the start and %s at the end (a shared machine: other processes run beside the suite)",
		runtime.NumCPU(), load0, loadavg())
	run.Notes = append(run.Notes, "The queries section alone (benchsuite queries): every figure's baseline is measured in the same run, alternating with it; ratio above 1: the measured side is worse.")
	js, md, err := run.write(opt.out)
	if err != nil {
		return err
	}
	b, _ := os.ReadFile(md)
	os.Stdout.Write(b)
	fmt.Fprintf(os.Stderr, "\nwritten %s and %s\n", js, md)
	return nil
}
