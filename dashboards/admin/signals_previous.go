package admin

import (
	"context"
	"io"
	"sync"
	"time"

	"github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
)

// The procurement signals raised since the last release: the flags of the
// current release that the release before it (kept in the releases
// directory) did not have, for the same entity and year. The previous
// release is opened when a scope first asks, its flags read and kept by
// the current release's id, and closed.

// ReadCloser is a release opened for a while.
type ReadCloser interface {
	models.Reader
	io.Closer
}

// PreviousRelease opens the release published before current in the
// releases directory: nil, nil when there is none.
type PreviousRelease func(ctx context.Context, current models.Reader) (ReadCloser, error)

// previousFlags are the previous release's flags of a scope.
type previousFlags struct {
	Exists  bool      // there is a previous release
	Failed  bool      // it could not be read
	Created time.Time // when it was published
	Keys    map[string]bool
}

// New says whether a flag is new since the previous release (never when
// there is none to compare with).
func (p previousFlags) New(f kpis.Flag) bool { return p.Exists && !p.Failed && !p.Keys[f.Key()] }

type prevKey struct {
	release, entity string
	year            int
}

type prevCache struct {
	mu sync.Mutex
	m  map[prevKey]previousFlags
}

const prevCacheEntries = 256

// previousFlags reads (once per current release and scope) the alert
// signals' flags of the previous release.
func (s *Server) previousFlags(ctx context.Context, rel models.Reader, entity string, year int) previousFlags {
	k := prevKey{rel.Manifest().ReleaseID, entity, year}
	s.prev.mu.Lock()
	p, ok := s.prev.m[k]
	s.prev.mu.Unlock()
	if ok {
		return p
	}
	p = s.readPrevious(ctx, rel, entity, year)
	s.prev.mu.Lock()
	if s.prev.m == nil || len(s.prev.m) >= prevCacheEntries {
		s.prev.m = map[prevKey]previousFlags{}
	}
	s.prev.m[k] = p
	s.prev.mu.Unlock()
	return p
}

func (s *Server) readPrevious(ctx context.Context, rel models.Reader, entity string, year int) previousFlags {
	if s.cfg.Previous == nil {
		return previousFlags{}
	}
	old, err := s.cfg.Previous(ctx, rel)
	if err != nil {
		s.cfg.Log.Warn("ediția anterioară nu poate fi citită", "err", err)
		return previousFlags{Exists: true, Failed: true}
	}
	if old == nil {
		return previousFlags{}
	}
	defer old.Close()
	p := previousFlags{Exists: true, Created: old.Manifest().Created, Keys: map[string]bool{}}
	for _, sig := range kpis.Signals {
		if !sig.Alert {
			continue
		}
		fs, err := s.cfg.Targets.Signals.Flags(ctx, old, kpis.Scope{Entity: entity, Year: year}, sig.ID)
		if err != nil {
			s.cfg.Log.Warn("semnalele ediției anterioare", "release", old.Manifest().ReleaseID, "err", err)
			return previousFlags{Exists: true, Failed: true}
		}
		for _, f := range fs {
			p.Keys[f.Key()] = true
		}
	}
	return p
}
