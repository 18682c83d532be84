package main

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"


	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

// The differential test of the SQL load path for SICAP's CSV shapes: the same
// files loaded by the SQL path (ingest/sicap's SQLFile) and by the SICAP
// reader alone into two warehouses on disk give the same rows (every column,
// with source file and line), the same rejects, the same skips by reason and
// the same outcome (sqlpath_test.go's twin), and the same `etl status`.

const sicapSample = "../../../shared/data/ro_sicap_achizitii_directe_offline_sample.csv"

// sicapCase is a file, the --entity and --only-entity it is loaded with, and
// whether the SQL path must read it itself.
type sicapCase struct {
	file   string
	entity string
	only   bool
	sql    bool
}

func newSicapTwin(t testing.TB) *twin {
	tw := newTwin(t)
	tw.format = "sicap"
	return tw
}

// sameSicap loads c by both paths and fails when they differ, or when the
// SQL path was to read the file and did not.
func (tw *twin) sameSicap(t *testing.T, c sicapCase) loadOutcome {
	t.Helper()
	before := tw.sqlUsed
	out := tw.same(t, ingest.Options{Dataset: models.DatasetProcurement, Entity: c.entity, OnlyEntity: c.only}, c.file)
	if c.sql && tw.sqlUsed == before {
		t.Fatalf("%s (--entity %q, only %v): the SQL path did not read the file (outcome %+v, %s)", c.file, c.entity, c.only, out.Result, out.Err)
	}
	return out
}

// sameStatus fails when the two warehouses' `etl status` differ (its skips
// by reason included).
func (tw *twin) sameStatus(t *testing.T) {
	t.Helper()
	a, err := tw.sql.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := tw.goPath.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []*warehouse.Status{a, b} {
		for i := range st.Datasets {
			st.Datasets[i].LastLoad = time.Time{}
		}
	}
	if len(a.Datasets) == 0 {
		t.Fatal("etl status: no dataset loaded")
	}
	if !reflect.DeepEqual(a.Datasets, b.Datasets) || a.Entities != b.Entities {
		t.Fatalf("etl status differs:\nsql %+v\ngo  %+v", a.Datasets, b.Datasets)
	}
}

// TestSicapSQLPathMatchesGoReader loads the real SICAP sample, every file of
// ingest/sicap/testdata and every CSV of ../shared/data as the sicap format,
// without --entity, with it, and with --only-entity, by both paths. On the
// sample the SQL path must read the file and pass most rows itself.
func TestSicapSQLPathMatchesGoReader(t *testing.T) {
	dir := t.TempDir()
	// Each load in a warehouse pair of its own: a file loaded twice is
	// skipped as already loaded.
	fresh := func() *twin {
		tw := newSicapTwin(t)
		for _, e := range []struct{ cui, name string }{{"4365077", "Spitalul Demo"}, {"4267117", "Municipiul Timișoara"}} {
			tw.loadEntity(t, dir, e.cui, e.name)
		}
		return tw
	}
	// The sample: 105 awards of 100 buyers.
	tw := fresh()
	out := tw.sameSicap(t, sicapCase{file: sicapSample, sql: true})
	if out.Result.Outcome != "loaded" || len(out.Facts) != 105 {
		t.Fatalf("sample: %+v %s, %d rows", out.Result, out.Err, len(out.Facts))
	}
	// One supplier code is neither digits nor a decorated fiscal code (the
	// German 49/740/01441): only that row is the Go rules'. (The decorated
	// codes RO 15016137, RO13221445 and R4278337 are read by SQL.)
	if tw.handed != 1 {
		t.Fatalf("sample: the SQL path handed %d rows to the Go rules, want 1 (the foreign supplier code)", tw.handed)
	}
	tw.sameStatus(t)
	tw = fresh()
	only := tw.sameSicap(t, sicapCase{file: sicapSample, entity: "4365077", only: true, sql: true})
	if f := only.Result.Files[0]; f.RowsLoaded != 12 || f.SkippedBy[models.SkipOtherEntity] != 93 {
		t.Fatalf("sample --only-entity: %+v, want 12 loaded and 93 skipped as other buyers'", f)
	}
	tw.sameStatus(t)
	fresh().sameSicap(t, sicapCase{file: sicapSample, entity: "4365077", sql: true}) // others' rows rejected: refused alike

	testdata, _ := filepath.Glob("../../ingest/sicap/testdata/*.csv")
	if len(testdata) < 3 {
		t.Fatalf("ingest/sicap/testdata: %v", testdata)
	}
	for _, p := range testdata {
		for _, c := range []sicapCase{{file: p, sql: true}, {file: p, entity: "4267117", only: true, sql: true}, {file: p, entity: "4267117", sql: true}} {
			tw := fresh()
			if o := tw.sameSicap(t, c); len(o.Facts)+len(o.Rejects) == 0 && o.Result.Outcome == "loaded" {
				t.Fatalf("%s: nothing compared (%+v)", p, o.Result)
			}
			tw.sameStatus(t)
		}
	}
	// Every CSV of ../shared/data offered as a SICAP export: read or
	// refused alike.
	paths, _ := filepath.Glob("../../../shared/data/*.csv")
	tw, tw2 := fresh(), fresh()
	for _, p := range paths {
		tw.sameSicap(t, sicapCase{file: p})
		tw2.sameSicap(t, sicapCase{file: p, entity: "4267117", only: true})
	}
	tw.sameStatus(t)
	tw2.sameStatus(t)
}
