package release_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/ingest"
	_ "github.com/deschis/deschis/ingest/tabular"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// laRegister is a real register: 9,999 service requests of Los Angeles
// (2017), loaded with the published mapping. Its many requests per day and
// department are what made releases differ.
const laRegister = "../../shared/data/la_myla311_service_requests_2017_subset.csv"

// publishThrice loads the demo municipality and a real request register
// into a warehouse file, then publishes it three times, unchanged, a minute
// apart, closing and opening the warehouse between publishes as separate
// runs of etl publish do. The releases are made once per test binary.
func publishThrice(t *testing.T) []*release.Result {
	t.Helper()
	thriceOnce.Do(func() { thrice = publishThriceOnce(t) })
	if thrice == nil {
		t.Fatal("publishing thrice failed in an earlier test")
	}
	return thrice
}

var (
	thriceOnce sync.Once
	thrice     []*release.Result
	thriceDir  string
)

func publishThriceOnce(t *testing.T) []*release.Result {
	t.Helper()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "deschis-thrice-")
	if err != nil {
		t.Fatal(err)
	}
	thriceDir = dir // removed by TestMain
	db := filepath.Join(dir, "deschis.duckdb")
	files, err := demo.Generate(filepath.Join(dir, "src"), demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := warehouse.Open(ctx, db, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, w, files, nil); err != nil {
		t.Fatal(err)
	}
	// Until the channels have an "other", 20 % of this register's rows are
	// rejected (Driver Self Report, Council's Office): accept them here.
	opt := ingest.Options{Dataset: models.DatasetRequests, File: laRegister, Entity: "4270740", Mapping: "../docs/mappings/la_myla311_requests.yaml"}
	if _, err := w.Load(ctx, warehouse.LoadSpec{Dataset: opt.Dataset, Format: "csv", Entity: opt.Entity, MaxRejectShare: 0.5, RegisterEntities: true},
		[]warehouse.LoadFile{{Path: laRegister, Open: func() (models.RowReader, error) { return ingest.OpenFile("csv", opt, nil) }}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var out []*release.Result
	for i := range 3 {
		w, err := warehouse.Open(ctx, db, warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		now := at.Add(time.Duration(i) * time.Minute)
		res, err := w.Publish(ctx, release.Options{Out: filepath.Join(dir, "releases"), Generator: "test", Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		out = append(out, res)
	}
	return out
}

// Publishing the same warehouse twice writes the same bytes: every data
// file of the second release has the sha256 of the first's, as the
// manifests say and as the files on disk are. Only the manifest's own
// release id and time differ.
func TestPublishingTheSameWarehouseTwiceWritesIdenticalFiles(t *testing.T) {
	rels := publishThrice(t)
	first := rels[0]
	if len(first.Manifest.Datasets) != len(release.Datasets) {
		t.Fatalf("%d datasets published, %d declared", len(first.Manifest.Datasets), len(release.Datasets))
	}
	for _, next := range rels[1:] {
		if next.ReleaseID == first.ReleaseID {
			t.Fatalf("two releases are %s", first.ReleaseID)
		}
		for i, d := range first.Manifest.Datasets {
			e := next.Manifest.Datasets[i]
			if d.Name != e.Name || len(d.Files) != len(e.Files) || len(d.Files) == 0 {
				t.Fatalf("dataset %d: %s with %d files, then %s with %d", i, d.Name, len(d.Files), e.Name, len(e.Files))
			}
			if d.Access == models.Public && len(d.Files) != len(models.Formats) {
				t.Errorf("%s has %d files, want one per download format (%d)", d.Name, len(d.Files), len(models.Formats))
			}
			for j, f := range d.Files {
				if g := e.Files[j]; f.SHA256 != g.SHA256 || f.Bytes != g.Bytes {
					t.Errorf("%s: %s has sha256 %s (%d bytes) in %s, %s (%d bytes) in %s", d.Name, f.Path,
						f.SHA256, f.Bytes, first.ReleaseID, g.SHA256, g.Bytes, next.ReleaseID)
				}
			}
		}
	}
	// The release's own files (datapackage.json) are the same bytes too.
	for _, next := range rels[1:] {
		if len(first.Manifest.Files) == 0 || len(next.Manifest.Files) != len(first.Manifest.Files) {
			t.Fatalf("release files %v, then %v", first.Manifest.Files, next.Manifest.Files)
		}
		for j, f := range first.Manifest.Files {
			if g := next.Manifest.Files[j]; f != g {
				t.Errorf("%+v in %s, %+v in %s", f, first.ReleaseID, g, next.ReleaseID)
			}
		}
	}
	// The manifests tell the truth about the files on disk.
	for _, res := range rels {
		for _, d := range append(slices.Clone(res.Manifest.Datasets), models.ManifestDataset{Files: res.Manifest.Files}) {
			for _, f := range d.Files {
				sum, _, err := models.FileSHA256(filepath.Join(res.Path, filepath.FromSlash(f.Path)))
				if err != nil {
					t.Fatal(err)
				}
				if sum != f.SHA256 {
					t.Errorf("%s in %s: the file's sha256 is %s, the manifest says %s", f.Path, res.ReleaseID, sum, f.SHA256)
				}
			}
		}
	}
}

// etl verify covers every format: a release is intact as published, and a
// changed CSV or a missing workbook is reported by name.
func TestVerifyChecksEveryFormat(t *testing.T) {
	res := publishThrice(t)[2]
	ctx := context.Background()
	if problems, err := release.Verify(ctx, res.Path); err != nil || len(problems) != 0 {
		t.Fatalf("a release as published: %v %v", problems, err)
	}
	// The releases are shared with the other tests: put them back after.
	csvPath := filepath.Join(res.Path, "public", "procurement.csv")
	st, err := os.Stat(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(csvPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("x")
	f.Close()
	t.Cleanup(func() { os.Truncate(csvPath, st.Size()) })
	xlsx, aside := filepath.Join(res.Path, "public", "budget.xlsx"), filepath.Join(t.TempDir(), "budget.xlsx")
	if err := os.Rename(xlsx, aside); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Rename(aside, xlsx) })
	fdp := filepath.Join(res.Path, "public", "budget.fdp.json")
	orig, err := os.ReadFile(fdp)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fdp, append(slices.Clone(orig), ' '), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.WriteFile(fdp, orig, 0o644) })
	problems, err := release.Verify(ctx, res.Path)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, p := range problems {
		found[p.Path] = true
	}
	if !found["public/procurement.csv"] || !found["public/budget.xlsx"] || !found["public/budget.fdp.json"] || len(found) != 3 {
		t.Fatalf("problems %v, want public/procurement.csv, public/budget.xlsx and public/budget.fdp.json", problems)
	}
	// The release's datapackage.json is covered as well.
	dp := filepath.Join(res.Path, filepath.FromSlash(models.DataPackagePath))
	dpOrig, err := os.ReadFile(dp)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.WriteFile(dp, dpOrig, 0o644) })
	os.WriteFile(dp, append(slices.Clone(dpOrig), ' '), 0o644)
	problems, err = release.Verify(ctx, res.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(problems, func(p release.VerifyProblem) bool { return p.Path == models.DataPackagePath }) {
		t.Errorf("a changed %s: problems %v", models.DataPackagePath, problems)
	}
}

// Every published dataset's sort key is a total order: no two published
// rows share it, so the order of the file, and its bytes, cannot depend on
// how DuckDB split the sort between threads. A dataset declared later with a
// key that leaves ties fails here.
func TestEverySortKeyIsATotalOrder(t *testing.T) {
	dir := demoReleaseDir(t)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, ds := range release.Datasets {
		var md *models.ManifestDataset
		for i := range man.Datasets {
			if man.Datasets[i].Name == ds.Name {
				md = &man.Datasets[i]
			}
		}
		if md == nil || len(md.Files) == 0 {
			t.Errorf("%s is not in the release", ds.Name)
			continue
		}
		if md.Rows < 2 {
			t.Errorf("%s has %d rows in the demo release: a sort key cannot be checked on it", ds.Name, md.Rows)
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(md.Files[0].Path))
		if _, err := os.Stat(path); err != nil {
			t.Fatal(err)
		}
		var ties int64
		var example sql.NullString
		q := `SELECT count(*), any_value(k) FROM (SELECT (` + ds.SortKey + `)::VARCHAR AS k FROM read_parquet('` +
			strings.ReplaceAll(path, "'", "''") + `') GROUP BY ` + ds.SortKey + ` HAVING count(*) > 1)`
		if err := db.QueryRow(q).Scan(&ties, &example); err != nil {
			t.Fatalf("%s: %v", ds.Name, err)
		}
		if ties > 0 {
			t.Errorf("%s: %d values of the sort key (%s) are shared by several rows, e.g. %s", ds.Name, ties, ds.SortKey, example.String)
		}
	}
}
