// Package opendata serves the public datasets of the current release: the
// catalogue, the manifest and the files, exactly as `etl publish` wrote them.
package opendata

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/deschis/deschis/models"
)

// CurrentLink is the link in a releases directory that names the live release
// (written by `etl publish`).
const CurrentLink = "current"

// Release is one opened release: its directory and manifest.
type Release struct {
	ID       string
	Dir      string
	Manifest *models.Manifest
}

// Releases follows the current release of a directory and swaps to a new
// one when publish moves the link. Requests already running keep the release
// they started with (its files stay open even if pruned), so none is dropped.
type Releases struct {
	dir     string
	current atomic.Pointer[Release]
	log     *slog.Logger
}

// OpenReleases opens the current release of dir.
func OpenReleases(dir string, log *slog.Logger) (*Releases, error) {
	r := &Releases{dir: dir, log: log}
	if err := r.Reload(); err != nil {
		return nil, err
	}
	return r, nil
}

// Current is the live release.
func (r *Releases) Current() *Release { return r.current.Load() }

// Reload re-reads the current link; a no-op when it has not moved.
func (r *Releases) Reload() error {
	target, err := os.Readlink(filepath.Join(r.dir, CurrentLink))
	if err != nil {
		return fmt.Errorf("%w: nicio ediție curentă în %s (rulați etl publish --out %s): %v", models.ErrNotFound, r.dir, r.dir, err)
	}
	id := filepath.Base(target)
	if cur := r.current.Load(); cur != nil && cur.ID == id {
		return nil
	}
	dir := filepath.Join(r.dir, id)
	man, err := models.ReadManifest(dir)
	if err != nil {
		return err
	}
	r.current.Store(&Release{ID: id, Dir: dir, Manifest: man})
	if r.log != nil {
		r.log.Info("ediție curentă", "release", id, "datasets", len(man.Datasets))
	}
	return nil
}

// Watch reloads every interval until stop is closed.
func (r *Releases) Watch(interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if err := r.Reload(); err != nil && r.log != nil {
				r.log.Warn("reîncărcarea ediției", "err", err)
			}
		}
	}
}
