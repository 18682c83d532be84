package public

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// heldRelease makes the investment list wait until the test lets it go
// (whatever the request's context says), telling the test when it started.
type heldRelease struct {
	listRelease
	entered, release chan struct{}
}

func (h heldRelease) InvestmentTotals(ctx context.Context, f models.InvestmentFilter) (models.InvestmentSummary, error) {
	h.entered <- struct{}{}
	<-h.release
	return h.listRelease.InvestmentTotals(ctx, f)
}

type answer struct {
	code int
	body string
}

func serveAsync(h http.Handler, path string) <-chan answer {
	done := make(chan answer, 1)
	go func() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		done <- answer{w.Code, w.Body.String()}
	}()
	return done
}

func wait(t *testing.T, what string, c <-chan answer) answer {
	t.Helper()
	select {
	case a := <-c:
		return a
	case <-time.After(20 * time.Second):
		t.Fatalf("%s never answered", what)
		return answer{}
	}
}

// With one turn, a page is made only when the page being made is done;
// a page that cannot start within its PageTime answers 503 "try again";
// a page from the cache never waits for a turn.
func TestPagesAreMadeInTurn(t *testing.T) {
	rel := heldRelease{listRelease{fakeRelease: fakeRelease{manifest: &models.Manifest{ReleaseID: "r1"}}, n: 3},
		make(chan struct{}), make(chan struct{})}
	newServer := func(pageTime time.Duration) http.Handler {
		s, err := NewServer(Config{Release: func(*http.Request) models.Reader { return rel }, CacheEntries: 10, CacheBytes: 1 << 20,
			PageTime: pageTime, Renders: 1})
		if err != nil {
			t.Fatal(err)
		}
		return s.Routes()
	}

	// The second page waits for the first's turn, then is made.
	h := newServer(0)
	first := serveAsync(h, "/investitii")
	<-rel.entered
	second := serveAsync(h, "/metodologie")
	select {
	case a := <-second:
		t.Fatalf("/metodologie was made (%d) while the only turn was taken", a.code)
	case <-time.After(300 * time.Millisecond):
	}
	close(rel.release)
	if a := wait(t, "/investitii", first); a.code != http.StatusOK {
		t.Fatalf("/investitii: %d", a.code)
	}
	if a := wait(t, "/metodologie", second); a.code != http.StatusOK {
		t.Fatalf("/metodologie after its turn: %d", a.code)
	}

	// Out of time before its turn: 503, in the reader's language.
	rel.release = make(chan struct{})
	h = newServer(100 * time.Millisecond)
	if code, _ := get(t, h, "/metodologie"); code != http.StatusOK { // now in the cache
		t.Fatalf("/metodologie: %d", code)
	}
	first = serveAsync(h, "/investitii")
	<-rel.entered
	for path, want := range map[string]string{"/cereri": "Serverul este ocupat", "/en/cereri": "The server is busy"} {
		if a := wait(t, path, serveAsync(h, path)); a.code != http.StatusServiceUnavailable || !strings.Contains(a.body, want) {
			t.Errorf("%s waiting past its time: %d, want 503 saying %q", path, a.code, want)
		}
	}
	// The cached page is served while the turn is taken.
	if a := wait(t, "/metodologie from the cache", serveAsync(h, "/metodologie")); a.code != http.StatusOK {
		t.Errorf("/metodologie from the cache: %d", a.code)
	}
	close(rel.release)
	wait(t, "/investitii", first)
}

func TestRenderTurnsDefaultToTheCPUs(t *testing.T) {
	if got := renderTurns(3); got != 3 {
		t.Errorf("renderTurns(3) = %d", got)
	}
	if got := renderTurns(0); got < 1 {
		t.Errorf("renderTurns(0) = %d, want one per CPU", got)
	}
}
