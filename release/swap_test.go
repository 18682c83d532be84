package release

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/deschis/deschis/models"
)

// fakeData records whether it was closed; its reads are never called.
type fakeData struct {
	models.Reader
	closed atomic.Bool
}

func (d *fakeData) Close() error {
	if d.closed.Swap(true) {
		panic("closed twice")
	}
	return nil
}

func writeRelease(t testing.TB, out, id string) {
	t.Helper()
	dir := filepath.Join(out, id)
	os.MkdirAll(dir, 0o755)
	b, _ := json.Marshal(models.Manifest{ReleaseID: id})
	if err := os.WriteFile(filepath.Join(dir, ManifestFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func point(t testing.TB, out, id string) {
	t.Helper()
	tmp := filepath.Join(out, ".tmp-link")
	os.Remove(tmp)
	if err := os.Symlink(id, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(out, CurrentLink)); err != nil {
		t.Fatal(err)
	}
}

func opener(opened *sync.Map) OpenFunc {
	return func(ctx context.Context, dir string) (Reader, error) {
		d := &fakeData{}
		opened.Store(filepath.Base(dir), d)
		return d, nil
	}
}

func TestOldReleaseClosesWhenItsLastRequestEnds(t *testing.T) {
	out := t.TempDir()
	writeRelease(t, out, "r1")
	writeRelease(t, out, "r2")
	point(t, out, "r1")
	var opened sync.Map
	rels, err := Follow(out, nil, opener(&opened))
	if err != nil {
		t.Fatal(err)
	}
	inFlight := rels.Acquire()
	if inFlight.ID != "r1" {
		t.Fatalf("current %s", inFlight.ID)
	}
	point(t, out, "r2")
	if err := rels.Reload(); err != nil {
		t.Fatal(err)
	}
	if rels.Current().ID != "r2" {
		t.Fatal("did not swap")
	}
	d1, _ := opened.Load("r1")
	if d1.(*fakeData).closed.Load() {
		t.Fatal("r1 closed while a request still uses it")
	}
	inFlight.Done()
	if !d1.(*fakeData).closed.Load() {
		t.Fatal("r1 still open after its last request")
	}
	d2, _ := opened.Load("r2")
	if d2.(*fakeData).closed.Load() {
		t.Fatal("the current release was closed")
	}
	// A broken new release does not replace the working one.
	os.MkdirAll(filepath.Join(out, "r3"), 0o755)
	point(t, out, "r3")
	if err := rels.Reload(); err == nil || rels.Current().ID != "r2" {
		t.Fatalf("broken release: %v, current %s", err, rels.Current().ID)
	}
	rels.Close()
	if !d2.(*fakeData).closed.Load() {
		t.Fatal("Close left the current release open")
	}
}

// Requests acquire releases while they swap many times: none ever holds a
// closed one, and every retired one ends up closed.
func TestSwapsUnderLoadNeverHandOutAClosedRelease(t *testing.T) {
	out := t.TempDir()
	const swaps = 50
	for i := 0; i <= swaps; i++ {
		writeRelease(t, out, fmt.Sprintf("r%02d", i))
	}
	point(t, out, "r00")
	var opened sync.Map
	rels, err := Follow(out, nil, opener(&opened))
	if err != nil {
		t.Fatal(err)
	}
	var bad atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				rel := rels.Acquire()
				if rel.Reader.(*fakeData).closed.Load() {
					bad.Add(1)
				}
				rel.Done()
			}
		}()
	}
	for i := 1; i <= swaps; i++ {
		point(t, out, fmt.Sprintf("r%02d", i))
		if err := rels.Reload(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	if bad.Load() != 0 {
		t.Fatalf("%d requests got a closed release", bad.Load())
	}
	for i := 0; i < swaps; i++ {
		d, _ := opened.Load(fmt.Sprintf("r%02d", i))
		if !d.(*fakeData).closed.Load() {
			t.Fatalf("retired release r%02d never closed", i)
		}
	}
}
