package public

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// slowRelease answers the investment list only when the request's context
// ends, with the engine's own error, as an interrupted DuckDB query does.
type slowRelease struct{ listRelease }

func (s slowRelease) InvestmentTotals(ctx context.Context, _ models.InvestmentFilter) (models.InvestmentSummary, error) {
	select {
	case <-ctx.Done():
		return models.InvestmentSummary{}, errors.New("INTERRUPT Error: Interrupted!")
	case <-time.After(10 * time.Second):
		return models.InvestmentSummary{}, errors.New("the page time was not applied")
	}
}

// A page not made within PageTime answers 503 with a page that says to try
// again (and Retry-After), in the reader's language, never a 500 or a wait
// in the queue; the other pages answer as ever.
func TestAPageOutOfTimeAnswers503(t *testing.T) {
	rel := slowRelease{listRelease{fakeRelease: fakeRelease{manifest: &models.Manifest{ReleaseID: "r1"}}, n: 3}}
	s, err := NewServer(Config{Release: func(*http.Request) models.Reader { return rel }, CacheEntries: 10, CacheBytes: 1 << 20,
		PageTime: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Routes()
	for path, want := range map[string]string{"/investitii": "Serverul este ocupat", "/en/investitii": "The server is busy"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), want) {
			t.Errorf("%s: %d, Retry-After %q, want 503 saying %q", path, w.Code, w.Header().Get("Retry-After"), want)
		}
		if w.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s: a 503 page may be cached: %q", path, w.Header().Get("Cache-Control"))
		}
	}
	// A page that reads nothing slow answers as ever.
	if code, _ := get(t, h, "/metodologie"); code != 200 {
		t.Errorf("/metodologie: %d", code)
	}
}
