package public

// Pages made in turn: a cache miss renders only when one of Config.Renders
// turns is free. Without it, every request being made shares the CPUs with
// all the others, so under load a page costing ten times the mean waits ten
// times longer than the mean (the p99 of a search under wrk was its dearest
// terms' cost multiplied by the 64 connections); in turn, each waits for
// the pages before it and then takes its own time.

import (
	"net/http"
	"runtime"

	"github.com/deschis/deschis/models"
)

// renderTurns is the number of pages made at once: n, or one per CPU
// (runtime.GOMAXPROCS) when n is 0 or less.
func renderTurns(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// renderInTurn is render once a render token is free: the wait is in
// arrival order (a channel's senders are woken first in, first out) and
// bounded by the request's context, so a page that cannot start within
// its PageTime answers 503 like one that cannot finish.
func (s *Server) renderInTurn(r *http.Request, rel models.Reader, h pageFunc) (*cachedPage, error) {
	select {
	case s.renders <- struct{}{}:
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
	defer func() { <-s.renders }()
	return s.render(r, rel, h)
}
