package release

// The hot swap: the servers follow the current release of a releases
// directory. Live swaps to a new release when publish moves the link and
// keeps the old one open until the last request that started on it has
// finished.

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/deschis/deschis/models"
)

// Reader is what the servers read a release through (a *DB, or a fake in
// tests), closed when the release is retired.
type Reader interface {
	models.Reader
	io.Closer
}

// Release is one opened release: its directory, manifest and the reader the
// servers opened over it, closed when the release is retired and no request
// uses it any more.
type Release struct {
	ID       string
	Dir      string
	Manifest *models.Manifest
	Reader   Reader

	refs      atomic.Int64 // one for being current, one per request using it
	closeOnce sync.Once
	log       *slog.Logger
}

// acquire takes a reference unless the release is already closed.
func (rel *Release) acquire() bool {
	for {
		n := rel.refs.Load()
		if n <= 0 {
			return false
		}
		if rel.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// Done gives back a reference taken by Live.Acquire; the last one of a
// retired release closes its Reader.
func (rel *Release) Done() {
	if rel.refs.Add(-1) == 0 {
		rel.closeOnce.Do(func() {
			if rel.Reader != nil {
				if err := rel.Reader.Close(); err != nil && rel.log != nil {
					rel.log.Warn("închiderea ediției vechi", "release", rel.ID, "err", err)
				}
			}
			if rel.log != nil {
				rel.log.Info("ediție veche închisă", "release", rel.ID)
			}
		})
	}
}

// OpenFunc opens the reader of a release directory.
type OpenFunc func(ctx context.Context, dir string) (Reader, error)

// OpenWith is the OpenFunc of Open in mode.
func OpenWith(mode Mode) OpenFunc {
	return func(ctx context.Context, dir string) (Reader, error) { return Open(ctx, dir, mode) }
}

// OpenInternalWith is the OpenFunc of OpenInternal in mode.
func OpenInternalWith(mode Mode) OpenFunc {
	return func(ctx context.Context, dir string) (Reader, error) { return OpenInternal(ctx, dir, mode) }
}

// Live follows the current release of a directory and swaps to a new one
// when publish moves the link. Requests already running keep the release
// they started with (its files stay open even if pruned), so none is dropped.
type Live struct {
	dir     string
	open    OpenFunc
	current atomic.Pointer[Release]
	mu      sync.Mutex // one reload at a time
	log     *slog.Logger
	prepare []func(*Release)
}

// OnOpen has prepare called with every release opened from now on, after it
// is open and before it goes live (e.g. to render its main pages), and at
// once with the live one. Reloads wait for it; requests do not.
func (r *Live) OnOpen(prepare func(*Release)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.prepare = append(r.prepare, prepare)
	if cur := r.current.Load(); cur != nil {
		prepare(cur)
	}
}

// Follow opens the current release of dir; open (may be nil: manifest only)
// is called for every release that goes live.
func Follow(dir string, log *slog.Logger, open OpenFunc) (*Live, error) {
	r := &Live{dir: dir, log: log, open: open}
	if err := r.Reload(); err != nil {
		return nil, err
	}
	return r, nil
}

// Dir is the releases directory followed: the earlier releases beside the
// live one stay downloadable until pruned.
func (r *Live) Dir() string { return r.dir }

// Current is the live release. A caller that uses it for longer than a
// moment (a request) takes it with Acquire instead.
func (r *Live) Current() *Release { return r.current.Load() }

// Acquire returns the live release with a reference held: call Done on it.
func (r *Live) Acquire() *Release {
	for {
		rel := r.current.Load()
		if rel.acquire() {
			return rel
		}
		// It was retired and closed between the load and the acquire: the
		// pointer has moved on, take the new one.
	}
}

// Reload re-reads the current link; a no-op when it has not moved. The new
// release is opened completely before it goes live; on error the old one
// stays.
func (r *Live) Reload() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	target, err := os.Readlink(filepath.Join(r.dir, CurrentLink))
	if err != nil {
		return fmt.Errorf("%w: nicio ediție curentă în %s (rulați etl publish --out %s): %v", models.ErrNotFound, r.dir, r.dir, err)
	}
	id := filepath.Base(target)
	if cur := r.current.Load(); cur != nil && cur.ID == id {
		return nil
	}
	dir := filepath.Join(r.dir, id)
	man, err := ReadManifest(dir)
	if err != nil {
		return err
	}
	rel := &Release{ID: id, Dir: dir, Manifest: man, log: r.log}
	if r.open != nil {
		t0 := time.Now()
		if rel.Reader, err = r.open(context.Background(), dir); err != nil {
			return fmt.Errorf("ediția %s: %w", id, err)
		}
		if r.log != nil {
			r.log.Info("ediție deschisă", "release", id, "ms", time.Since(t0).Milliseconds())
		}
	}
	for _, prepare := range r.prepare {
		t0 := time.Now()
		prepare(rel)
		if r.log != nil {
			r.log.Info("ediție pregătită", "release", id, "ms", time.Since(t0).Milliseconds())
		}
	}
	rel.refs.Store(1) // the reference of being current
	old := r.current.Swap(rel)
	if old != nil {
		old.Done()
	}
	if r.log != nil {
		r.log.Info("ediție curentă", "release", id, "datasets", len(man.Datasets))
	}
	return nil
}

// Close retires the current release (its Reader closes once the requests
// using it are done).
func (r *Live) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if cur := r.current.Load(); cur != nil {
		cur.Done()
	}
}

// Watch reloads every interval until stop is closed.
func (r *Live) Watch(interval time.Duration, stop <-chan struct{}) {
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

type ctxKey struct{}

// Middleware gives every request the live release for its whole life: what
// a page reads and what a download serves come from one release, and the
// release is not closed under it.
func (r *Live) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		rel := r.Acquire()
		defer rel.Done()
		next.ServeHTTP(w, req.WithContext(context.WithValue(req.Context(), ctxKey{}, rel)))
	})
}

// FromContext is the release Middleware gave the request, or nil.
func FromContext(ctx context.Context) *Release {
	rel, _ := ctx.Value(ctxKey{}).(*Release)
	return rel
}
