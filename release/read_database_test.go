package release_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// helperEnv names the release the test binary, run again as a second
// process, opens (see TestMain).
const helperEnv = "DESCHIS_TEST_OPEN_RELEASE"

// openInSecondProcess is the second process of
// TestTwoProcessesOpenOneReleaseAtOnce: it opens the release, reads the
// contracts' count and prints it.
func openInSecondProcess(dir string) int {
	r, err := release.Open(context.Background(), dir, release.Tables)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer r.Close()
	s, err := r.ContractTotals(context.Background(), models.ContractFilter{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(s.Rows)
	return 0
}

// scalar runs a one-value query on a reader.
func scalar[T any](t testing.TB, r *release.DB, query string, args ...any) T {
	t.Helper()
	var v T
	rows, err := r.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("%s: no row", query)
	}
	if err := rows.Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

// copyRelease copies the demo release into a directory of the test.
func copyRelease(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), filepath.Base(demoReleaseDir(t)))
	if err := os.CopyFS(dir, os.DirFS(demoReleaseDir(t))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A release is opened by attaching its database file read-only: nothing is
// copied, no table is made in memory, the memory limit is set, and the
// internal file is attached only by OpenInternal.
func TestOpenAttachesTheDatabaseFileReadOnly(t *testing.T) {
	dir := demoReleaseDir(t)
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{release.SiteDatabase, release.InternalDatabase} {
		if f, ok := man.Database(p); !ok || f.Format != release.FormatDuckDB || f.Bytes == 0 || len(f.SHA256) != 64 {
			t.Fatalf("manifest lists %s as %+v (%v)", p, f, ok)
		}
	}
	ctx := context.Background()
	for _, internal := range []bool{false, true} {
		r, err := release.OpenOptions(ctx, dir, release.ReadOptions{Mode: release.Tables, Internal: internal, MemoryLimit: "100MiB"})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		type database struct {
			Name, Path string
			ReadOnly   bool
		}
		var got []database
		rows, err := r.QueryContext(ctx, `SELECT database_name, coalesce(path, ''), readonly FROM duckdb_databases() WHERE path IS NOT NULL ORDER BY database_name`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var d database
			if err := rows.Scan(&d.Name, &d.Path, &d.ReadOnly); err != nil {
				t.Fatal(err)
			}
			got = append(got, d)
		}
		rows.Close()
		want := []database{{"site", filepath.Join(dir, release.SiteDatabase), true}}
		if internal {
			want = []database{{"internal", filepath.Join(dir, release.InternalDatabase), true}, want[0]}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("internal %v: databases %v, want %v", internal, got, want)
		}
		// Every table is a table of the files: none was made in memory.
		if n := scalar[int64](t, r, `SELECT count(*) FROM duckdb_tables() WHERE database_name NOT IN ('site', 'internal')`); n != 0 {
			t.Errorf("internal %v: %d tables outside the release's files", internal, n)
		}
		if n := scalar[int64](t, r, `SELECT count(*) FROM duckdb_tables() WHERE database_name = 'site' AND table_name = 'requests'`); n != 0 {
			t.Error("the public database holds the request register")
		}
		if got := scalar[string](t, r, `SELECT current_setting('memory_limit')`); got != "100.0 MiB" {
			t.Errorf("memory_limit %s, want 100.0 MiB", got)
		}
		if internal {
			// The dashboards' register reads the internal file by name.
			p, err := r.RequestRows(ctx, models.RequestRowFilter{Entity: r.MainEntity(), Limit: 5})
			if err != nil || p.Total == 0 || len(p.Rows) != 5 {
				t.Errorf("register rows from the internal file: %d of %d, %v", len(p.Rows), p.Total, err)
			}
		}
	}
}

// Reading every contract of a release read from its file keeps DuckDB's
// memory within the limit, for each of two releases open at once (a hot
// swap): each caches blocks of its file, none holds a copy in memory. The
// same release copied into memory (published before the database files)
// holds its tables there.
func TestAReleaseIsReadWithinItsMemoryLimit(t *testing.T) {
	ctx := context.Background()
	const limit = 32 << 20
	a, err := release.OpenOptions(ctx, demoReleaseDir(t), release.ReadOptions{Mode: release.Tables, MemoryLimit: "32MiB"})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := release.OpenOptions(ctx, copyRelease(t), release.ReadOptions{Mode: release.Tables, MemoryLimit: "32MiB"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, r := range []*release.DB{a, b} {
		if _, err := r.Contracts(ctx, models.ContractFilter{Sort: models.SortValueDesc}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`SELECT sum(length(title)) FROM procurement`, `SELECT count(DISTINCT supplier_name) FROM procurement`, `SELECT sum(executed) FROM budget`} {
			rows, err := r.QueryContext(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			rows.Close()
			used := scalar[int64](t, r, `SELECT sum(memory_usage_bytes) FROM duckdb_memory()`)
			if used > limit {
				t.Errorf("%s: DuckDB holds %d bytes, over its limit of %d", q, used, limit)
			}
			if n := scalar[int64](t, r, `SELECT memory_usage_bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`); n != 0 {
				t.Errorf("%s: %d bytes of in-memory tables", q, n)
			}
		}
	}
	old := oldRelease(t)
	r, err := release.Open(ctx, old, release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n := scalar[int64](t, r, `SELECT memory_usage_bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`); n == 0 {
		t.Error("a release without database files holds no table in memory: was it read from a file?")
	}
}

// oldRelease is a copy of the demo release as published before the
// database files: none on disk, none in the manifest.
func oldRelease(t *testing.T) string {
	t.Helper()
	dir := copyRelease(t)
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range man.Databases {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(f.Path))); err != nil {
			t.Fatal(err)
		}
	}
	man.Databases = nil
	b, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, release.ManifestFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A release published before the database files opens the old way (its
// Parquet files copied into memory) and answers like one read from its file.
func TestAReleaseWithoutDatabaseFilesOpensFromItsParquetFiles(t *testing.T) {
	ctx := context.Background()
	old, err := release.OpenInternal(ctx, oldRelease(t), release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if n := scalar[int64](t, old, `SELECT count(*) FROM duckdb_databases() WHERE NOT internal AND path IS NOT NULL`); n != 0 {
		t.Errorf("%d database files attached", n)
	}
	cur, err := release.OpenInternal(ctx, demoReleaseDir(t), release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	for _, f := range []models.ContractFilter{{}, {SupplierCUI: "90345676"}, {Buyer: cur.MainEntity(), Supplier: "construct", Limit: 20, Sort: models.SortValueDesc}} {
		a, errA := old.ContractTotals(ctx, f)
		b, errB := cur.ContractTotals(ctx, f)
		if errA != nil || errB != nil || a != b || a.Rows == 0 {
			t.Errorf("%+v: old way %+v (%v), from the file %+v (%v)", f, a, errA, b, errB)
		}
		ca, _ := old.Contracts(ctx, f)
		cb, _ := cur.Contracts(ctx, f)
		if fmt.Sprint(ca) != fmt.Sprint(cb) {
			t.Errorf("%+v: the contracts differ", f)
		}
	}
	for _, d := range []string{models.DatasetBudget, models.DatasetInvestments, models.DatasetProcurement, models.DatasetRequests} {
		for _, e := range cur.Entities() {
			if a, b := old.Years(d, e.CUI), cur.Years(d, e.CUI); fmt.Sprint(a) != fmt.Sprint(b) {
				t.Errorf("%s years of %s: old way %v, from the file %v", d, e.CUI, a, b)
			}
		}
		if len(cur.Years(d, cur.MainEntity())) == 0 {
			t.Errorf("no %s years for the main entity", d)
		}
	}
	pa1, errA := old.Procedures(ctx)
	pb1, errB := cur.Procedures(ctx)
	if errA != nil || errB != nil || fmt.Sprint(pa1) != fmt.Sprint(pb1) || len(pa1) == 0 {
		t.Errorf("procedures: old way %v (%v), from the file %v (%v)", pa1, errA, pb1, errB)
	}
	pa, errA := old.RequestRows(ctx, models.RequestRowFilter{Entity: old.MainEntity(), Limit: 10})
	pb, errB := cur.RequestRows(ctx, models.RequestRowFilter{Entity: cur.MainEntity(), Limit: 10})
	if errA != nil || errB != nil || fmt.Sprint(pa) != fmt.Sprint(pb) || pa.Total == 0 {
		t.Errorf("register: old way %d rows (%v), from the file %d (%v)", pa.Total, errA, pb.Total, errB)
	}
}

// Two processes read one release file at the same time: a replica never
// locks another out.
func TestTwoProcessesOpenOneReleaseAtOnce(t *testing.T) {
	dir := demoReleaseDir(t)
	ctx := context.Background()
	r, err := release.Open(ctx, dir, release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	want, err := r.ContractTotals(ctx, models.ContractFilter{})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir)
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("the second process: %v: %s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(out)); got != fmt.Sprint(want.Rows) {
		t.Errorf("the second process read %q contracts, this one %d", got, want.Rows)
	}
	// This process still reads it.
	if again, err := r.ContractTotals(ctx, models.ContractFilter{}); err != nil || again != want {
		t.Errorf("after the second process: %+v, %v", again, err)
	}
}

// A database file changed after publish is refused: by the reader when its
// size or tables differ from the manifest, and by etl verify (its sha256).
func TestATamperedDatabaseFileIsRefused(t *testing.T) {
	ctx := context.Background()
	dir := copyRelease(t)
	path := filepath.Join(dir, release.SiteDatabase)
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM procurement WHERE rowid % 7 = 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CHECKPOINT`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	problems, err := release.Verify(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	var named []string
	for _, p := range problems {
		if p.Path == release.SiteDatabase {
			named = append(named, p.Reason)
		}
	}
	if len(named) == 0 {
		t.Errorf("verify found no problem with the changed %s: %v", release.SiteDatabase, problems)
	}
	// Open checks the size, then the catalog against the manifest.
	man, _ := release.ReadManifest(dir)
	f, _ := man.Database(release.SiteDatabase)
	st, _ := os.Stat(path)
	for i := range man.Databases {
		if man.Databases[i].Path == release.SiteDatabase {
			man.Databases[i].Bytes = st.Size() // the size alone would not tell
		}
	}
	b, _ := json.Marshal(man)
	for _, c := range []struct {
		name     string
		manifest []byte
	}{{"size", nil}, {"rows", b}} {
		if c.manifest != nil {
			if err := os.WriteFile(filepath.Join(dir, release.ManifestFile), c.manifest, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		r, err := release.Open(ctx, dir, release.Tables)
		var ce *release.CheckError
		if err == nil {
			r.Close()
			t.Errorf("%s: opened a release whose database file changed (%d bytes listed)", c.name, f.Bytes)
		} else if !errors.As(err, &ce) {
			t.Errorf("%s: %v, want a check error", c.name, err)
		}
	}
}

// A release published before contract_cube existed (its site database has
// every other table) still opens, and answers from the contracts what the
// cube answers in a release that has it.
func TestAReleaseFileWithoutTheContractCubeStillOpens(t *testing.T) {
	ctx := context.Background()
	// A file published before the cube has no contract index either.
	older := openWithout(t, "contract_cube", "contract_index", "contract_index_dict")
	if n := scalar[int64](t, older, `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'contract_cube'`); n != 0 {
		t.Fatalf("the cube is still there (%d)", n)
	}
	cur, err := release.Open(ctx, demoReleaseDir(t), release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	for _, f := range []models.ContractFilter{{}, {Buyer: cur.MainEntity(), Supplier: "construct"}, {CPV: "45"}} {
		a, errA := older.ContractTotals(ctx, f)
		b, errB := cur.ContractTotals(ctx, f)
		if errA != nil || errB != nil || a != b || a.Rows == 0 {
			t.Errorf("%+v: without the cube %+v (%v), with it %+v (%v)", f, a, errA, b, errB)
		}
		for _, dim := range []models.ContractDim{models.ContractsByProcedure, models.ContractsByCPVDivision} {
			ga, errA := older.ContractsBy(ctx, f, dim)
			gb, errB := cur.ContractsBy(ctx, f, dim)
			if errA != nil || errB != nil || fmt.Sprint(ga) != fmt.Sprint(gb) || len(ga) == 0 {
				t.Errorf("%+v by %v: without the cube %v (%v), with it %v (%v)", f, dim, ga, errA, gb, errB)
			}
		}
	}
}

// openWithout opens a copy of the demo release whose database file lacks
// tables, as a release published before them: its manifest lists the file
// as the older publish did.
func openWithout(t *testing.T, tables ...string) *release.DB {
	t.Helper()
	var drops []string
	for _, table := range tables {
		drops = append(drops, `DROP TABLE `+table)
	}
	return editedRelease(t, drops...)
}

// A query larger than the reader's memory limit spills to a directory of
// the process and release under the temporary directory, and answers;
// closing the release removes that directory. At scale 100 the dashboards'
// pairs signal failed: "Failed to create directory
// /tmp/deschis-<pid>/<release>" (DuckDB makes only the last level).
func TestAQueryOverTheMemoryLimitSpills(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ctx := context.Background()
	r, err := release.OpenOptions(ctx, demoReleaseDir(t), release.ReadOptions{Mode: release.Tables, MemoryLimit: "32MiB"})
	if err != nil {
		t.Fatal(err)
	}
	const rows = 3_000_000
	if n := scalar[int64](t, r, `SELECT count(*) FROM (SELECT h, count(*) FROM (SELECT md5(range::VARCHAR) AS h FROM range(3000000)) GROUP BY h)`); n != rows {
		t.Errorf("the grouped query counted %d rows, want %d", n, rows)
	}
	want := filepath.Join(tmp, "deschis-"+strconv.Itoa(os.Getpid())+"-"+r.Manifest().ReleaseID)
	if dir := scalar[string](t, r, `SELECT current_setting('temp_directory')`); dir != want {
		t.Errorf("spills go to %s, want %s", dir, want)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	left, err := filepath.Glob(filepath.Join(tmp, "deschis-"+strconv.Itoa(os.Getpid())+"-*"))
	if err != nil || len(left) > 0 {
		t.Errorf("closing the release left its spill directory: %v %v", left, err)
	}
}
