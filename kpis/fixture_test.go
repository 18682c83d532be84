package kpis

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// The fixture is a small release made the real way: CSV files loaded into
// a DuckDB warehouse on disk and published. Its figures are small enough
// to work out by hand (see values_test.go).

const city = "4270740" // Municipiul Sibiu

// fixtureDir holds the fixture's files (README.md there says what they hold).
const fixtureDir = "testdata/fixture"

// fixture builds the release from the fixture's files.
func fixture(t *testing.T) models.Reader {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	w, err := warehouse.Open(ctx, filepath.Join(dir, "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	load := func(dataset, path string) {
		t.Helper()
		res, err := w.Load(ctx, warehouse.LoadSpec{Dataset: dataset, Format: "deschis"}, []warehouse.LoadFile{{Path: path,
			Open: func() (models.RowReader, error) {
				return ingest.OpenFile("deschis", ingest.Options{Dataset: dataset, File: path}, nil)
			}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Files {
			if f.RowsRejected != 0 {
				t.Fatalf("%s: %d rows rejected", path, f.RowsRejected)
			}
		}
	}
	for _, f := range []struct{ dataset, name string }{
		{models.DatasetEntities, "entities.csv"},
		{models.DatasetBudget, "budget-2025-03.csv"},
		{models.DatasetBudget, "budget-2026-01.csv"},
		{models.DatasetBudget, "budget-2026-03.csv"},
		{models.DatasetInvestments, "investments.csv"},
		{models.DatasetRequests, "requests.csv"},
		{models.DatasetProcurement, "procurement.csv"},
	} {
		load(f.dataset, filepath.Join(fixtureDir, f.name))
	}
	res, err := w.Publish(ctx, release.Options{Out: filepath.Join(dir, "releases"), Now: func() time.Time { return time.Date(2026, 4, 10, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	r, err := release.Open(ctx, res.Path, release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}
