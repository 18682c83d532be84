package release_test

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// Provenance to the row: every row of a dataset whose rows are source rows
// carries the id of its load, every load a dataset lists is named in the
// manifest's loads section with its file's base name, sha256, size and time,
// and those are the real source file's.
func TestEveryPublishedRowNamesTheLoadItCameFrom(t *testing.T) {
	res := publishThrice(t)[0]
	m, err := release.ReadManifest(res.Path) // as a journalist downloads it
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Loads) == 0 {
		t.Fatal("the manifest names no load")
	}
	// The source files, by base name (the demo's are in a folder per
	// dataset, several with the same name), and the real register.
	sources := map[string][]string{filepath.Base(laRegister): {laRegister}}
	if err := filepath.WalkDir(filepath.Join(thriceDir, "src"), func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			sources[e.Name()] = append(sources[e.Name()], p)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	named := map[int64]bool{}
	for _, l := range m.Loads {
		named[l.ID] = true
		if l.File == "" || strings.ContainsAny(l.File, `/\`) {
			t.Errorf("load %d names its file %q: a base name is wanted", l.ID, l.File)
			continue
		}
		found := false
		for _, src := range sources[l.File] {
			sum, size, err := models.FileSHA256(src)
			if err != nil {
				t.Fatal(err)
			}
			found = found || (sum == l.SHA256 && size == l.Bytes)
		}
		if !found {
			t.Errorf("load %d names %s with sha256 %s, %d bytes: no source file of that name has them (%v)", l.ID, l.File, l.SHA256, l.Bytes, sources[l.File])
		}
		if l.LoadedAt.IsZero() || l.Dataset == "" {
			t.Errorf("load %d (%s) has no time or dataset: %+v", l.ID, l.File, l)
		}
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rowLevel := 0
	for _, d := range m.Datasets {
		if len(d.Loads) == 0 {
			t.Errorf("%s lists no load", d.Name)
		}
		for _, id := range d.Loads {
			if !named[id] {
				t.Errorf("%s lists load %d, which the manifest's loads do not name", d.Name, id)
			}
		}
		if !slices.ContainsFunc(d.Schema, func(c models.Column) bool { return c.Name == "load_id" }) {
			continue
		}
		rowLevel++
		f, _ := d.File("parquet")
		var ids []int64
		rows, err := db.Query(`SELECT DISTINCT load_id FROM read_parquet(?) ORDER BY 1 NULLS FIRST`, filepath.Join(res.Path, f.Path))
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id sql.NullInt64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			if !id.Valid {
				t.Errorf("%s has rows without a load_id", d.Name)
				continue
			}
			ids = append(ids, id.Int64)
		}
		rows.Close()
		if len(ids) == 0 {
			t.Errorf("%s: no row carries a load_id", d.Name)
		}
		for _, id := range ids {
			if !slices.Contains(d.Loads, id) {
				t.Errorf("%s has rows of load %d, which it does not list (%v)", d.Name, id, d.Loads)
			}
		}
	}
	for _, name := range []string{"budget", "investments", "procurement"} {
		d, _ := m.Dataset(name)
		if !slices.ContainsFunc(d.Schema, func(c models.Column) bool { return c.Name == "load_id" }) {
			t.Errorf("%s, whose rows are source rows, has no load_id column", name)
		}
	}
	if rowLevel < 3 {
		t.Errorf("%d datasets carry load_id, want at least budget, investments and procurement", rowLevel)
	}
}

// No file of a release, the manifest included, holds a path of the server's
// disk: not the directory the warehouse and its sources are in, nor the real
// register's, whatever the file's format (Parquet cells and XLSX sheets are
// read back, not grepped compressed).
func TestNoReleaseFileHoldsAServerPath(t *testing.T) {
	res := publishThrice(t)[0]
	register, err := filepath.Abs(laRegister)
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{thriceDir, filepath.Dir(register)}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files := 0
	err = filepath.WalkDir(res.Path, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(res.Path, p)
		check := func(what string, b []byte) {
			for _, s := range secrets {
				if bytes.Contains(b, []byte(s)) {
					t.Errorf("%s%s holds the server's path %s", rel, what, s)
				}
			}
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		check("", b)
		switch {
		case strings.HasSuffix(p, ".parquet"):
			for _, s := range secrets {
				var n int64
				if err := db.QueryRow(`SELECT count(*) FROM read_parquet(?) t WHERE contains(t::VARCHAR, ?)`, p, s).Scan(&n); err != nil {
					return err
				}
				if n > 0 {
					t.Errorf("%s: %d rows hold the server's path %s", rel, n, s)
				}
			}
		case strings.HasSuffix(p, ".xlsx"):
			z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				return err
			}
			for _, f := range z.File {
				r, err := f.Open()
				if err != nil {
					return err
				}
				entry, err := io.ReadAll(r)
				r.Close()
				if err != nil {
					return err
				}
				check(" ("+f.Name+")", entry)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 2 {
		t.Fatalf("%d files in the release", files)
	}
}
