package release_test

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// releaseBeforeTheStore is a copy of the demo release as publish wrote it
// before the contracts' text store: an index of version 1 with its
// contract_pages, the prepared lookups, no store in the manifest or on disk.
func releaseBeforeTheStore(t testing.TB) *release.DB {
	t.Helper()
	dir := copyRelease(t)
	site := filepath.Join(dir, release.SiteDatabase)
	if err := release.WriteIndexInDatabase(dir); err != nil {
		t.Fatal(err)
	}
	if err := release.RewriteIndexAsVersion1(site); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", site)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range append(release.MartTablesSQL(), `CHECKPOINT`) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	if err := os.Remove(filepath.Join(dir, release.ContractRowsFile)); err != nil {
		t.Fatal(err)
	}
	editManifest(t, dir, func(m *models.Manifest) {
		var keep []models.ReleaseFile
		for _, f := range m.Databases {
			if f.Path == release.SiteDatabase {
				st, err := os.Stat(site)
				if err != nil {
					t.Fatal(err)
				}
				f.Bytes = st.Size()
			}
			if f.Path != release.ContractRowsFile {
				keep = append(keep, f)
			}
		}
		m.Databases = keep
	})
	r, err := release.Open(context.Background(), dir, release.Tables)
	if err != nil {
		t.Fatalf("the release as published before the store: %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func editManifest(t testing.TB, dir string, edit func(*models.Manifest)) {
	t.Helper()
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	edit(man)
	b, _ := json.Marshal(man)
	if err := os.WriteFile(filepath.Join(dir, release.ManifestFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The text store is a file of the release: listed in the manifest with its
// checksum, under public/ (it holds the public procurement dataset's
// contract ids, parent ids and titles, nothing else), checked by Verify.
func TestTheContractRowsStoreIsAFileOfTheRelease(t *testing.T) {
	dir := demoReleaseDir(t)
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	f, ok := man.Database(release.ContractRowsFile)
	if !ok || f.Format != release.FormatContractRows || !strings.HasPrefix(f.Path, "public/") || len(f.SHA256) != 64 {
		t.Fatalf("manifest lists the store as %+v (%v)", f, ok)
	}
	st, err := os.Stat(filepath.Join(dir, release.ContractRowsFile))
	if err != nil || st.Size() != f.Bytes {
		t.Fatalf("the store on disk: %v (%v), the manifest says %d bytes", st, err, f.Bytes)
	}
	problems, err := release.Verify(context.Background(), dir)
	if err != nil || len(problems) != 0 {
		t.Fatalf("verify: %v %v", problems, err)
	}
}

// On unix the store is read from a mapping of its file, and every record
// read there is the one ReadAt reads; the store is refused or read the same
// way whichever (TestAWrongContractRowsStoreIsRefused runs mapped).
func TestTheContractRowsStoreIsReadMappedAsFromTheFile(t *testing.T) {
	r, _ := openDemo(t)
	if runtime.GOOS != "windows" && !release.ContractRowsMapped(r) {
		t.Fatal("the text store is not mapped")
	}
	n, err := release.ContractRowsReadBothWays(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := r.Manifest(); n == 0 || want == nil {
		t.Fatalf("%d records compared", n)
	}
	d, _ := r.Manifest().Dataset("procurement")
	if int64(n) != d.Rows {
		t.Fatalf("%d records compared, the release has %d contracts", n, d.Rows)
	}
}

// A wrong store is refused when the release opens: of a layout this reader
// does not know, of another release (its header names another database),
// not the manifest's size, cut short, not a store at all, or missing while
// the index needs it; and a store edited in place, same size, is found by
// Verify's checksum.
func TestAWrongContractRowsStoreIsRefused(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, want string
		edit       func(b []byte) []byte
		manifest   func(m *models.Manifest)
	}{
		{name: "another version", want: "versiunea 99", edit: func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[8:], 99)
			return b
		}},
		{name: "another release", want: "completează baza", edit: func(b []byte) []byte {
			b[30] ^= 0xff
			return b
		}},
		{name: "not a store", want: "nu este un depozit", edit: func(b []byte) []byte {
			copy(b, "PAR1PAR1")
			return b
		}},
		{name: "another row count", want: "rânduri", edit: func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[16:], binary.LittleEndian.Uint64(b[16:])-1)
			return b
		}},
		{name: "cut short", want: "tabelul pozițiilor", edit: func(b []byte) []byte { return b[:len(b)-10] }},
		{name: "not the manifest's size", want: "octeți", edit: func(b []byte) []byte { return append(b, 0) }, manifest: func(*models.Manifest) {}},
		{name: "missing", want: "nu listează", manifest: func(m *models.Manifest) {
			var keep []models.ReleaseFile
			for _, f := range m.Databases {
				if f.Path != release.ContractRowsFile {
					keep = append(keep, f)
				}
			}
			m.Databases = keep
		}},
	}
	for _, c := range cases {
		dir := copyRelease(t)
		path := filepath.Join(dir, release.ContractRowsFile)
		if c.edit != nil {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			b = c.edit(b)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		edit := c.manifest
		if edit == nil { // the manifest made to agree with the file: only the reader's checks stand
			edit = func(m *models.Manifest) {
				for i, f := range m.Databases {
					if f.Path == release.ContractRowsFile {
						sum, size, err := models.FileSHA256(path)
						if err != nil {
							t.Fatal(err)
						}
						m.Databases[i].Bytes, m.Databases[i].SHA256 = size, sum
					}
				}
			}
		}
		editManifest(t, dir, edit)
		r, err := release.Open(ctx, dir, release.Tables)
		if err == nil {
			r.Close()
			t.Errorf("%s: the release opens", c.name)
			continue
		}
		if !errors.Is(err, models.ErrRefused) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want a refusal saying %q", c.name, err, c.want)
		}
	}
	// A record edited in place: the same size, the header whole.
	dir := copyRelease(t)
	path := filepath.Join(dir, release.ContractRowsFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 0x01
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := release.Verify(ctx, dir)
	if err != nil || len(problems) != 1 || problems[0].Path != release.ContractRowsFile || !strings.Contains(problems[0].Reason, "sha256") {
		t.Fatalf("verify of an edited store: %v %v", problems, err)
	}
}

// BenchmarkPageRows is a page of 50 contracts read from the index and the
// text store (version 2) against the same page of the same release
// published before the store (version 1: a DuckDB query by rowid, the
// prepared lookups of a supplier's and a year's page): a supplier-name
// search, a supplier's page, an institution's year.
//
//	go test -run '^$' -bench BenchmarkPageRows -benchtime 200x ./release
func BenchmarkPageRows(b *testing.B) {
	ctx := context.Background()
	cur, err := release.Open(ctx, demoReleaseDir(b), release.Tables)
	if err != nil {
		b.Fatal(err)
	}
	defer cur.Close()
	v1 := releaseBeforeTheStore(b)
	cui := scalar[string](b, cur, `SELECT supplier_cui FROM procurement WHERE supplier_cui IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)
	main := cur.MainEntity()
	for _, p := range []struct {
		name string
		f    models.ContractFilter
	}{
		{"search", models.ContractFilter{Supplier: "construct", Limit: 50}},
		{"supplier", models.ContractFilter{SupplierCUI: cui, Limit: 50}},
		{"year", models.ContractFilter{Buyer: main, Year: cur.DefaultYear(main), Limit: 50}},
	} {
		for _, side := range []struct {
			name string
			r    *release.DB
		}{{"store", cur}, {"v1", v1}} {
			b.Run(p.name+"/"+side.name, func(b *testing.B) {
				for range b.N {
					if rows, err := side.r.Contracts(ctx, p.f); err != nil || len(rows) != 50 {
						b.Fatalf("%d rows (%v)", len(rows), err)
					}
				}
			})
		}
	}
}
