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
	c.mu.Lock()
	if c.m == nil || len(c.m) >= kpiCacheEntries {
		c.m = map[kpiKey][]kpis.Value{}
	}
	c.m[k] = vs
	c.mu.Unlock()
	return vs, nil
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
