package public

import (
	"context"
	"errors"
	"net/http"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// mainPages are the pages prepared when a release opens (Prepare): the
// ones a visitor lands on, each in both languages, for the release's main
// institution and default year.
func (s *Server) mainPages() []struct {
	path string
	h    pageFunc
} {
	return []struct {
		path string
		h    pageFunc
	}{{"/", s.home}, {"/buget", s.budget}, {"/investitii", s.investments}, {"/achizitii", s.procurement},
		{"/cereri", s.requests}, {"/metodologie", s.methodology}, {"/date", s.data}}
}

// Prepare renders the main pages of rel into its page cache before it goes
// live, so the first visitor after a release waits no longer than the next
// one. It returns how many pages it prepared; a page that cannot be made
// (an institution that publishes no budget) is left to its first request,
// which answers it as ever. The cache keeps the live release's pages while
// the next one is prepared (cacheFor).
func (s *Server) Prepare(ctx context.Context, rel models.Reader) (int, error) {
	if s.cfg.CacheEntries <= 0 {
		return 0, nil
	}
	cache := s.cacheFor(rel.Manifest().ReleaseID)
	n := 0
	for _, lang := range []string{dashboards.RO, dashboards.EN} {
		for _, p := range s.mainPages() {
			r, err := http.NewRequestWithContext(ctx, http.MethodGet, dashboards.Link(lang, p.path), nil)
			if err != nil {
				return n, err
			}
			page, err := s.render(r, rel, p.h)
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return n, err
			}
			if err != nil {
				s.cfg.Log.Debug("pagină nepregătită", "path", r.URL.Path, "err", err)
				continue
			}
			cache.put(page)
			n++
		}
	}
	return n, nil
}
