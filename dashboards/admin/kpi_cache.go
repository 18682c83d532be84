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
	// stalledMonths fills a scope's StalledMonths (the attention list's setting).
	stalledMonths int
}

type kpiKey struct {
	release string
	scope   kpis.Scope
}

const kpiCacheEntries = 1024

func (c *kpiCache) compute(ctx context.Context, rel models.Reader, s kpis.Scope) ([]kpis.Value, error) {
	if s.StalledMonths == 0 {
		s.StalledMonths = c.stalledMonths
	}
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
	c.mu.Lock()
	if c.m == nil || len(c.m) >= kpiCacheEntries {
		c.m = map[kpiKey][]kpis.Value{}
	}
	c.m[k] = vs
	c.mu.Unlock()
	return vs, nil
}
