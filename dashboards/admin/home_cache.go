package admin

import (
	"sync"
)

// homeCache keeps the first screen's figures of a scope of a release for
// a day: every card, objective and alert derives from the release (which
// never changes), the scope, the language and today's date (what is
// overdue or due soon), so a warm visit renders them without a query.
// Bounded: when full it starts again.
type homeCache struct {
	mu sync.Mutex
	m  map[homeKey]homeFigures
}

type homeKey struct {
	release, entity, department, lang, day string
	year                                   int
	// scoped: an account of the entity sees its own late report only, an
	// account of every entity all of them (attentionOf's own).
	scoped bool
}

// homeFigures are the parts of homeView a scope's visits share.
type homeFigures struct {
	ReportedMonth int
	Groups        []Group
	Objectives    []ObjectiveRow
	Attention     attentionView
}

const homeCacheEntries = 512

func (c *homeCache) get(k homeKey) (homeFigures, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[k]
	return f, ok
}

func (c *homeCache) put(k homeKey, f homeFigures) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= homeCacheEntries {
		c.m = map[homeKey]homeFigures{}
	}
	c.m[k] = f
}
