package admin

import (
	"context"
	"slices"
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

// Prepare computes, for a release about to go live, the KPIs the first
// screens will ask for: every institution's default year as an account
// without a department sees it, each department an account is scoped to,
// and the objectives of each (their deadlines' years). So the first visitor
// after a release waits no longer than the next one. cmd/publicsite calls
// it as each release opens, before it is swapped in; a KPI that fails here
// is only logged: the page will say why when asked.
func (s *Server) Prepare(ctx context.Context, rel models.Reader) int {
	type scope struct{ entity, department string }
	scopes := []scope{}
	for _, e := range rel.Entities() {
		scopes = append(scopes, scope{entity: e.CUI})
	}
	if users, err := s.cfg.Accounts.Users(ctx); err != nil {
		s.cfg.Log.Warn("pregătirea primei pagini: conturile", "err", err)
	} else {
		for _, u := range users {
			if u.Department == "" {
				continue
			}
			e := u.Entity
			if e == "" {
				e = rel.MainEntity()
			}
			if sc := (scope{e, u.Department}); !slices.Contains(scopes, sc) {
				scopes = append(scopes, sc)
			}
		}
	}
	n := 0
	for _, sc := range scopes {
		if _, err := rel.Entity(sc.entity); err != nil {
			continue // an account of an institution not in this release
		}
		ks := kpis.Scope{Entity: sc.entity, Department: sc.department, Year: rel.DefaultYear(sc.entity)}
		if _, err := s.kpis.compute(ctx, rel, ks); err != nil {
			s.cfg.Log.Warn("pregătirea primei pagini", "entity", sc.entity, "department", sc.department, "err", err)
			continue
		}
		if _, err := s.cfg.Targets.ObjectivesFor(ctx, rel, sc.entity, sc.department, s.now(), s.kpis.compute); err != nil {
			s.cfg.Log.Warn("pregătirea obiectivelor", "entity", sc.entity, "department", sc.department, "err", err)
			continue
		}
		n++
	}
	return n
}
