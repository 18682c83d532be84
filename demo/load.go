package demo

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// Loaded counts what Load put in the warehouse.
type Loaded struct {
	Rows     map[string]int64 // rows loaded, by dataset
	Rejected int64
}

// Load loads the files Generate wrote into w the way `etl load --format
// deschis` does, one load per file, in order. wrap (may be nil) sees every
// file's bytes on their way to the reader (a progress counter).
func Load(ctx context.Context, w *warehouse.Warehouse, files []File, wrap func(io.Reader) io.Reader) (Loaded, error) {
	sum := Loaded{Rows: map[string]int64{}}
	for _, f := range files {
		opt := ingest.Options{Dataset: f.Dataset, File: f.Path}
		res, err := w.Load(ctx, warehouse.LoadSpec{Dataset: f.Dataset, Format: "deschis"}, []warehouse.LoadFile{{Path: f.Path,
			Open: func() (models.RowReader, error) { return ingest.OpenFile("deschis", opt, wrap) }}})
		if err != nil {
			return sum, fmt.Errorf("%s: %w", f.Path, err)
		}
		for _, fr := range res.Files {
			sum.Rows[f.Dataset] += fr.RowsLoaded
			sum.Rejected += fr.RowsRejected
		}
	}
	return sum, nil
}

// Built is a demo warehouse and its release, made by Build.
type Built struct {
	DB       string // the warehouse file
	Releases string // the releases directory
	Release  string // the current release's directory
	Loaded   Loaded // what the load put in the warehouse (rows, rejects)
}

// Build generates the demo into dir/src, loads it into dir/demo.duckdb and
// publishes it to dir/releases as of at (the zero time: now): the one way
// tests and benchmarks make a demo release, exactly as `etl demo` and `etl
// publish` do.
func Build(ctx context.Context, dir string, opt Options, at time.Time) (*Built, error) {
	files, err := Generate(filepath.Join(dir, "src"), opt)
	if err != nil {
		return nil, err
	}
	b := &Built{DB: filepath.Join(dir, "demo.duckdb"), Releases: filepath.Join(dir, "releases")}
	w, err := warehouse.Open(ctx, b.DB, warehouse.Options{})
	if err != nil {
		return nil, err
	}
	defer w.Close()
	if b.Loaded, err = Load(ctx, w, files, nil); err != nil {
		return nil, err
	}
	pub := release.Options{Out: b.Releases, Generator: "deschis demo"}
	if !at.IsZero() {
		pub.Now = func() time.Time { return at }
	}
	res, err := w.Publish(ctx, pub)
	if err != nil {
		return nil, err
	}
	b.Release = res.Path
	return b, nil
}
