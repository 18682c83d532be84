package release_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// A dataset longer than the XLSX row limit (one Excel sheet by default;
// 5,000 rows here, so the demo has datasets on both sides) has no XLSX file:
// its manifest says why and what to use instead, in both languages, and
// every other format is written and holds the Parquet file's totals. The
// release is checked and verified like any other, published within a
// memory limit spilling to a directory of its own, and says how long each
// step took.
func TestXLSXOnlyWhileTheDatasetFitsTheRowLimit(t *testing.T) {
	publishThrice(t) // the demo warehouse, closed
	ctx := context.Background()
	w, err := warehouse.Open(ctx, filepath.Join(thriceDir, "deschis.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	const limit = 5000
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	res, err := w.Publish(ctx, release.Options{Out: t.TempDir(), Generator: "test", Now: func() time.Time { return at },
		XLSXRowLimit: limit, MemoryLimit: "256MB", TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if problems, err := release.Verify(ctx, res.Path); err != nil || len(problems) != 0 {
		t.Fatalf("verify: %v %v", problems, err)
	}
	man, err := release.ReadManifest(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := func(p string) string { return "'" + strings.ReplaceAll(p, "'", "''") + "'" }
	ro, en := message.NewPrinter(language.Romanian), message.NewPrinter(language.English)
	var with, without int
	for _, d := range man.Datasets {
		if d.Access != models.Public {
			if len(d.Absent) != 0 {
				t.Errorf("internal %s lists absent formats %v", d.Name, d.Absent)
			}
			continue
		}
		_, hasXLSX := d.File("xlsx")
		if len(d.Files)+len(d.Absent) != len(models.Formats) {
			t.Errorf("%s: %d files and %d absent, want %d formats", d.Name, len(d.Files), len(d.Absent), len(models.Formats))
		}
		if d.Rows <= limit {
			with++
			if !hasXLSX || len(d.Absent) != 0 {
				t.Errorf("%s (%d rows): XLSX %v, absent %v; want the workbook", d.Name, d.Rows, hasXLSX, d.Absent)
			}
			continue
		}
		without++
		if hasXLSX || len(d.Absent) != 1 || d.Absent[0].Format != "xlsx" {
			t.Fatalf("%s (%d rows): XLSX %v, absent %v; want no workbook and the reason", d.Name, d.Rows, hasXLSX, d.Absent)
		}
		r := d.Absent[0].Reason
		for _, want := range []string{ro.Sprintf("Setul are %d de rânduri", d.Rows), ro.Sprintf("(%d)", limit), "CSV pentru Excel", "/api/v1/datasets/" + d.Name + "/rows?format=xlsx"} {
			if !strings.Contains(r.RO, want) {
				t.Errorf("%s: the reason %q does not say %q", d.Name, r.RO, want)
			}
		}
		for _, want := range []string{en.Sprintf("has %d rows", d.Rows), en.Sprintf("(%d)", limit), "CSV for Excel", "/api/v1/datasets/" + d.Name + "/rows?format=xlsx"} {
			if !strings.Contains(r.EN, want) {
				t.Errorf("%s: the reason %q does not say %q", d.Name, r.EN, want)
			}
		}
		// The downloads that are written carry the same numbers.
		path := func(format string) string {
			f, ok := d.File(format)
			if !ok {
				t.Fatalf("%s has no %s file", d.Name, format)
			}
			return filepath.Join(res.Path, filepath.FromSlash(f.Path))
		}
		want := duckTotals(t, db, &d, "read_parquet("+q(path("parquet"))+")")
		for format, got := range map[string]totals{
			"csv":       duckTotals(t, db, &d, "read_csv("+q(path("csv"))+", header = true)"),
			"csv-excel": csvTotals(t, &d, path("csv-excel"), true),
			"ndjson":    duckTotals(t, db, &d, "read_json("+q(path("ndjson"))+", format = 'newline_delimited')"),
			"arrow":     arrowTotals(t, &d, path("arrow")),
		} {
			if got.String() != want.String() {
				t.Errorf("%s, %s: %s; the Parquet file: %s", d.Name, format, got, want)
			}
		}
	}
	if with == 0 || without == 0 {
		t.Fatalf("%d datasets within the limit, %d past it: the demo should have both", with, without)
	}
	// Where the time went: every dataset's steps.
	steps := map[string]bool{}
	for _, s := range res.Timings {
		steps[s.Dataset+"/"+s.Step] = true
	}
	for _, d := range man.Datasets {
		want := []string{"parquet", "measure"}
		if d.Access == models.Public {
			want = append(want, "csv", "csv-excel", "ndjson", "json")
			if _, ok := d.File("xlsx"); ok {
				want = append(want, "arrow+xlsx")
			} else {
				want = append(want, "arrow")
			}
		}
		for _, s := range want {
			if !steps[d.Name+"/"+s] {
				t.Errorf("no timing of %s/%s in %v", d.Name, s, res.Timings)
			}
		}
	}
	if !steps["/check"] || !steps["/fdp"] {
		t.Errorf("no timing of the release's check and FDP: %v", res.Timings)
	}
	// Where the memory went: the peak so far at each step's end, never
	// falling, and the Go heap then.
	for i, s := range res.Timings {
		if s.PeakRSSMiB <= 0 || s.GoHeapMiB <= 0 || (i > 0 && s.PeakRSSMiB < res.Timings[i-1].PeakRSSMiB) {
			t.Errorf("step %d %s/%s: peak %v MiB, Go heap %v MiB (the step before: peak %v)", i, s.Dataset, s.Step, s.PeakRSSMiB, s.GoHeapMiB, res.Timings[max(i-1, 0)].PeakRSSMiB)
		}
	}
}
