package warehouse

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// cui builds a valid fiscal code from its body, for fixtures.
func cui(body string) string { return body + string(models.CUICheckDigit(body)) }

var (
	cityCUI   = "4270740" // Sibiu town hall: a real, valid code
	schoolCUI = cui("990001")
	otherCUI  = cui("990002")
)

func openTemp(t *testing.T) *Warehouse {
	t.Helper()
	w, err := Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// writeCSV writes lines (joined with \n) to a file in dir.
func writeCSV(t *testing.T, dir, name string, lines ...string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func canonicalFiles(dataset, entity string, paths ...string) []LoadFile {
	out := make([]LoadFile, len(paths))
	for i, p := range paths {
		out[i] = LoadFile{Path: p, Open: func() (models.RowReader, error) {
			return ingest.OpenFile("deschis", ingest.Options{Dataset: dataset, File: p, Entity: entity}, nil)
		}}
	}
	return out
}

func load(t *testing.T, w *Warehouse, dataset string, paths ...string) *LoadResult {
	t.Helper()
	res, err := w.Load(context.Background(), LoadSpec{Dataset: dataset, Format: "deschis"}, canonicalFiles(dataset, "", paths...))
	if err != nil {
		t.Fatalf("load %s %v: %v", dataset, paths, err)
	}
	return res
}

func count(t *testing.T, w *Warehouse, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := w.DB().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// loadEntities loads the city with a school and an unrelated institution.
func loadEntities(t *testing.T, w *Warehouse) {
	t.Helper()
	p := writeCSV(t, t.TempDir(), "entities.csv",
		"cui,siruta,name,kind,parent_cui,county,population_year,population",
		cityCUI+",143450,Municipiul Sibiu,municipiu,,SB,2024,134309",
		cityCUI+",143450,Municipiul Sibiu,municipiu,,SB,2025,133900",
		schoolCUI+",,Școala Gimnazială nr. 1,unitate subordonată,"+cityCUI+",SB,,",
		otherCUI+",,Direcția Județeană,unitate subordonată,"+cityCUI+",SB,,",
	)
	load(t, w, models.DatasetEntities, p)
}
