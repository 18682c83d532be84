package admin

import (
	"context"
	"sync"

	"github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
)

// kpiCache keeps the KPIs computed for a scope of a release: a release
// never changes, so neither do they, and the first screen need not run
// the month-by-month queries of its sparklines on every visit. Keyed by
// the release's id, bounded: when full it starts again.
type kpiCache struct {
	mu sync.Mutex
	m  map[kpiKey][]kpis.Value
	// signals, when set, adds the procurement signals' KPIs (of a release
	// that can be read with SQL).
	signals *kpis.SignalSettings
}

type kpiKey struct {
	release string
	scope   kpis.Scope
}

const kpiCacheEntries = 1024

func (c *kpiCache) compute(ctx context.Context, rel models.Reader, s kpis.Scope) ([]kpis.Value, error) {
	k := kpiKey{rel.Manifest().ReleaseID, s}
	c.mu.Lock()
	vs, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return vs, nil
	}
	vs, err := kpis.Compute(ctx, rel, s)
	if err != nil {
		return nil, err
	}
	if _, sql := rel.(models.SQLReader); sql && c.signals != nil {
		sv, err := c.signals.Values(ctx, rel, s)
		if err != nil {
			return nil, err
		}
		vs = append(vs, sv...)
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= kpiCacheEntries {
		c.m = map[kpiKey][]kpis.Value{}
	}
	c.m[k] = vs
	c.mu.Unlock()
	return vs, nil
}

// flagCache keeps the procurement signals' flagged rows of a scope of a
// release (page_signals.go, the attention list), as kpiCache the KPIs.
type flagCache struct {
	mu sync.Mutex
	m  map[flagKey]map[string][]kpis.Flag
}

type flagKey struct {
	release, entity string
	year            int
}

const flagCacheEntries = 64

// flags are every signal's flags of an entity's year in rel.
func (c *flagCache) flags(ctx context.Context, rel models.Reader, set kpis.SignalSettings, entity string, year int) (map[string][]kpis.Flag, error) {
	k := flagKey{rel.Manifest().ReleaseID, entity, year}
	c.mu.Lock()
	fs, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return fs, nil
	}
	fs = map[string][]kpis.Flag{}
	for _, sg := range kpis.Signals {
		var err error
		if fs[sg.ID], err = set.Flags(ctx, rel, kpis.Scope{Entity: entity, Year: year}, sg.ID); err != nil {
			return nil, err
		}
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= flagCacheEntries {
		c.m = map[flagKey]map[string][]kpis.Flag{}
	}
	c.m[k] = fs
	c.mu.Unlock()
	return fs, nil
}
