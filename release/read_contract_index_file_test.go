package release_test

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// indexColumn is the entry of column name in the index file's table b:
// where its entry is, its offset and its size.
func indexColumn(t *testing.T, b []byte, name string) (entry, off, size int) {
	t.Helper()
	const header, width = 64, 48
	for i := range int(binary.LittleEndian.Uint32(b[56:])) {
		e := header + width*i
		if strings.TrimRight(string(b[e:e+24]), "\x00") == name {
			return e, int(binary.LittleEndian.Uint64(b[e+24:])), int(binary.LittleEndian.Uint64(b[e+32:]))
		}
	}
	t.Fatalf("the index file has no column %s", name)
	return
}

// The contract index is a file of the release, listed in the manifest with
// its checksum, under public/, checked by Verify; the release opens with it
// mapped: the index's columns are views of the mapping, not copies.
func TestTheContractIndexIsAMappedFileOfTheRelease(t *testing.T) {
	dir := demoReleaseDir(t)
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	f, ok := man.Database(release.ContractIndexFile)
	if !ok || f.Format != release.FormatContractIndex || !strings.HasPrefix(f.Path, "public/") || len(f.SHA256) != 64 {
		t.Fatalf("manifest lists the index as %+v (%v)", f, ok)
	}
	if st, err := os.Stat(filepath.Join(dir, release.ContractIndexFile)); err != nil || st.Size() != f.Bytes || st.Size()%64 != 0 {
		t.Fatalf("the index on disk: %v (%v), the manifest says %d bytes", st, err, f.Bytes)
	}
	r, err := release.Open(context.Background(), dir, release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if release.ContractIndexVersion(r) != 3 || !release.ContractIndexMapped(r) {
		t.Fatalf("the release opens with an index of version %d, mapped: %v", release.ContractIndexVersion(r), release.ContractIndexMapped(r))
	}
	problems, err := release.Verify(context.Background(), dir)
	if err != nil || len(problems) != 0 {
		t.Fatalf("verify: %v %v", problems, err)
	}
}

// A release published before the index's file (version 2: the columns in
// the site database's contract_index table, written by the same writer)
// still opens, holds the same index as the file, and answers every filter
// of the grid as plain SQL does.
func TestAReleaseWithTheIndexInItsDatabaseStillOpens(t *testing.T) {
	cur, p := openDemo(t)
	dir := copyRelease(t)
	if err := release.WriteIndexInDatabase(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, release.ContractIndexFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the index's file is still there: %v", err)
	}
	v2, err := release.Open(context.Background(), dir, release.Tables)
	if err != nil {
		t.Fatalf("the release with the index in its database: %v", err)
	}
	defer v2.Close()
	if release.ContractIndexVersion(v2) != 2 || release.ContractIndexMapped(v2) || !release.ContractRowsLoaded(v2) {
		t.Fatalf("it opens with an index of version %d, mapped %v, the store loaded %v", release.ContractIndexVersion(v2), release.ContractIndexMapped(v2), release.ContractRowsLoaded(v2))
	}
	if diff := release.SameContractIndex(cur, v2); diff != "" {
		t.Fatalf("the index read from the database differs from the file's: %s", diff)
	}
	if err := contractReadsAgainstPlainSQL(t, v2, p); err != nil {
		t.Fatalf("the index in the database: %v", err)
	}
}

// A wrong index file is refused when the release opens, with a CheckError
// saying what is wrong: cut short, a column's byte edited (its CRC-32C),
// another release's (the site database's digest), another layout, not an
// index file, a column table pointing outside the file, not the manifest's
// size, or missing from the manifest while the database's index needs it.
// A byte edited in place is found by Verify's checksum; postings edited
// with their CRC made to agree open, and Verify finds them against the
// columns.
func TestAWrongContractIndexFileIsRefused(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, want string
		edit       func(t *testing.T, b []byte) []byte
		manifest   func(m *models.Manifest)
	}{
		{name: "cut short", want: "în afara fișierului", edit: func(_ *testing.T, b []byte) []byte { return b[:len(b)-128] }},
		{name: "a value edited", want: "suma de control", edit: func(t *testing.T, b []byte) []byte {
			_, off, _ := indexColumn(t, b, "value")
			b[off+3] ^= 0x40
			return b
		}},
		{name: "another release", want: "completează baza", edit: func(_ *testing.T, b []byte) []byte {
			b[30] ^= 0xff
			return b
		}},
		{name: "another layout", want: "versiunea 7", edit: func(_ *testing.T, b []byte) []byte {
			binary.LittleEndian.PutUint32(b[8:], 7)
			return b
		}},
		{name: "not an index", want: "nu este un index", edit: func(_ *testing.T, b []byte) []byte {
			copy(b, "DESCHISR")
			return b
		}},
		{name: "another row count", want: "rânduri", edit: func(_ *testing.T, b []byte) []byte {
			binary.LittleEndian.PutUint64(b[16:], binary.LittleEndian.Uint64(b[16:])+1)
			return b
		}},
		{name: "a column outside the file", want: "în afara fișierului", edit: func(t *testing.T, b []byte) []byte {
			e, _, _ := indexColumn(t, b, "flags")
			binary.LittleEndian.PutUint64(b[e+24:], uint64(len(b)))
			return b
		}},
		{name: "runs that do not cover the contracts", want: "șirul", edit: func(t *testing.T, b []byte) []byte {
			e, off, size := indexColumn(t, b, "runs")
			if size < 32 {
				t.Fatalf("the demo has %d runs", size/16)
			}
			binary.LittleEndian.PutUint32(b[off+16+8:], binary.LittleEndian.Uint32(b[off+16+8:])+1) // the second run starts a row late
			binary.LittleEndian.PutUint32(b[e+40:], crc32.Checksum(b[off:off+size], crc32.MakeTable(crc32.Castagnoli)))
			return b
		}},
		{name: "not the manifest's size", want: "octeți", edit: func(_ *testing.T, b []byte) []byte { return append(b, 0) }, manifest: func(*models.Manifest) {}},
		{name: "missing", want: "nu listează", manifest: func(m *models.Manifest) {
			var keep []models.ReleaseFile
			for _, f := range m.Databases {
				if f.Path != release.ContractIndexFile {
					keep = append(keep, f)
				}
			}
			m.Databases = keep
		}},
	}
	for _, c := range cases {
		dir := copyRelease(t)
		path := filepath.Join(dir, release.ContractIndexFile)
		if c.edit != nil {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, c.edit(t, b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		edit := c.manifest
		if edit == nil { // the manifest made to agree with the file: only the reader's checks stand
			edit = agreeWith(t, path)
		}
		editManifest(t, dir, edit)
		r, err := release.Open(ctx, dir, release.Tables)
		if err == nil {
			r.Close()
			t.Errorf("%s: the release opens", c.name)
			continue
		}
		var check *release.CheckError
		if !errors.As(err, &check) || !errors.Is(err, models.ErrRefused) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want a CheckError saying %q", c.name, err, c.want)
		}
	}
	// A byte flipped in place, the manifest not told: Verify's checksum.
	dir := copyRelease(t)
	path := filepath.Join(dir, release.ContractIndexFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, off, _ := indexColumn(t, b, "cpv")
	b[off] ^= 0x01
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := release.Verify(ctx, dir)
	if err != nil || len(problems) != 1 || problems[0].Path != release.ContractIndexFile || !strings.Contains(problems[0].Reason, "sha256") {
		t.Fatalf("verify of a flipped byte: %v %v", problems, err)
	}
	// Two postings swapped, their CRC and the manifest made to agree: the
	// release opens (its header and sums hold), Verify finds the postings
	// are not the column's.
	dir = copyRelease(t)
	path = filepath.Join(dir, release.ContractIndexFile)
	if b, err = os.ReadFile(path); err != nil {
		t.Fatal(err)
	}
	e, off, size := indexColumn(t, b, "name_pos")
	p := b[off : off+size]
	copy(p[:8], append(append([]byte{}, p[4:8]...), p[:4]...))
	binary.LittleEndian.PutUint32(b[e+40:], crc32.Checksum(p, crc32.MakeTable(crc32.Castagnoli)))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	editManifest(t, dir, agreeWith(t, path))
	r, err := release.Open(ctx, dir, release.Tables)
	if err != nil {
		t.Fatalf("postings edited with their sum: %v", err)
	}
	r.Close()
	problems, err = release.Verify(ctx, dir)
	if err != nil || len(problems) != 1 || problems[0].Path != release.ContractIndexFile || !strings.Contains(problems[0].Reason, "listele name") {
		t.Fatalf("verify of edited postings: %v %v", problems, err)
	}
}

// agreeWith makes the manifest's entry of the index file at path its size
// and checksum.
func agreeWith(t *testing.T, path string) func(m *models.Manifest) {
	return func(m *models.Manifest) {
		for i, f := range m.Databases {
			if f.Path == release.ContractIndexFile {
				sum, size, err := models.FileSHA256(path)
				if err != nil {
					t.Fatal(err)
				}
				m.Databases[i].Bytes, m.Databases[i].SHA256 = size, sum
			}
		}
	}
}
