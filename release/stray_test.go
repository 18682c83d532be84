package release

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestStrayPartialReleasesAreThoseNoPublishOwns: a partial release whose
// lock is held (a publish writing it) is neither listed nor removed; one
// nobody holds is, and once its owner lets go, so is the other.
func TestStrayPartialReleasesAreThoseNoPublishOwns(t *testing.T) {
	out := t.TempDir()
	owned := filepath.Join(out, ".tmp-20261201T100000Z-aaaa")
	unlock, err := makeTmpDir(out, owned)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(out, ".tmp-20261130T090000Z-bbbb", "public"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(out, "20261130T080000Z"), 0o755) // a release: never stray
	if got, err := Stray(out); err != nil || !slices.Equal(got, []string{".tmp-20261130T090000Z-bbbb"}) {
		t.Fatalf("Stray = %v, %v; want only the unowned one", got, err)
	}
	if got, err := RemoveStray(out); err != nil || len(got) != 1 {
		t.Fatalf("RemoveStray = %v, %v", got, err)
	}
	if _, err := os.Stat(owned); err != nil {
		t.Fatalf("the owned partial release was removed: %v", err)
	}
	unlock()
	if got, err := RemoveStray(out); err != nil || !slices.Equal(got, []string{filepath.Base(owned)}) {
		t.Fatalf("after its owner let go: RemoveStray = %v, %v", got, err)
	}
	if ids, _ := List(out); len(ids) != 0 {
		t.Fatalf("List = %v: a directory without manifest is no release", ids)
	}
	if _, err := os.Stat(filepath.Join(out, "20261130T080000Z")); err != nil {
		t.Fatalf("a release directory was removed: %v", err)
	}
	// While a publish is starting (it holds the start lock), nothing is judged.
	os.Mkdir(filepath.Join(out, ".tmp-20261201T110000Z-cccc"), 0o755)
	unlockStart, err := lockStarting(out)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := RemoveStray(out); err != nil || len(got) != 0 {
		t.Fatalf("RemoveStray while a publish starts = %v, %v; want nothing", got, err)
	}
	unlockStart()
	if got, err := RemoveStray(out); err != nil || len(got) != 1 {
		t.Fatalf("RemoveStray once it started = %v, %v", got, err)
	}
}
