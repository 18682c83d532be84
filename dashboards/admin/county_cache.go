package admin

import "sync"

// countyCache keeps the county page's alerts of every unit for a release,
// language, year and day: like the first screen's (homeCache) they derive
// from the release, which never changes, and today's date. Bounded: when
// full it starts again.
type countyCache struct {
	mu sync.Mutex
	m  map[countyKey]map[string]unitAlerts
}

type countyKey struct {
	release, lang, day string
	year               int
}

const countyCacheEntries = 64

func (c *countyCache) get(k countyKey) (map[string]unitAlerts, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.m[k]
	return m, ok
}

func (c *countyCache) put(k countyKey, m map[string]unitAlerts) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= countyCacheEntries {
		c.m = map[countyKey]map[string]unitAlerts{}
	}
	c.m[k] = m
}
