package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/dashboards/admin"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// countingRelease is a real release that counts the monthly execution
// reads the first screen's budget KPIs make.
type countingRelease struct {
	*release.DB
	monthlyBy atomic.Int64
}

func (c *countingRelease) BudgetMonthlyBy(ctx context.Context, s models.BudgetScope, from int, e, r models.BudgetDim) ([]models.BudgetMonthGroup, error) {
	c.monthlyBy.Add(1)
	return c.DB.BudgetMonthlyBy(ctx, s, from, e, r)
}

// firstScreen serves the dashboards over rel (prepared or not) and returns
// the first screen's KPI values of ana (admin) and dana (a department's
// director), with the monthly reads those two first renders made.
func firstScreen(t *testing.T, rel *countingRelease, state string, prepare bool) (values []string, reads int64) {
	t.Helper()
	st, err := accounts.Open(state, accounts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := admin.NewServer(admin.Config{Release: func(*http.Request) models.Reader { return rel }, Accounts: st})
	if err != nil {
		t.Fatal(err)
	}
	if prepare {
		// Every institution of the fixture, and dana's department.
		if n, want := srv.Prepare(context.Background(), rel), len(rel.Entities())+1; n != want {
			t.Errorf("prepared %d scopes, want %d", n, want)
		}
	}
	r := chi.NewRouter()
	r.Mount("/admin", srv.Routes())
	ts := httptest.NewServer(r)
	defer ts.Close()
	before := rel.monthlyBy.Load()
	for _, name := range []string{"ana", "dana"} {
		c := newClient(t, ts.URL)
		c.signIn(name, testPassword)
		resp, body := c.get("/admin?an=2026")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", name, resp.StatusCode)
		}
		for _, n := range all(parseHTML(t, body), "data[data-kpi]") {
			v, _ := attr(n, "value")
			k, _ := attr(n, "data-kpi")
			values = append(values, name+" "+k+"="+v)
		}
	}
	return values, rel.monthlyBy.Load() - before
}

// A release is prepared for the first screen as it opens: the first visit
// after it reads no monthly execution (its KPIs were computed at open) and
// shows exactly the figures an unprepared server computes on its first
// visit.
func TestFirstScreenIsPreparedWhenTheReleaseOpens(t *testing.T) {
	releases, state, _ := kpiFixture(t)
	cur, err := release.Current(releases)
	if err != nil {
		t.Fatal(err)
	}
	db, err := release.OpenInternal(context.Background(), filepath.Join(releases, cur), release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	cold, coldReads := firstScreen(t, &countingRelease{DB: db}, state, false)
	prepared, preparedReads := firstScreen(t, &countingRelease{DB: db}, state, true)
	if coldReads == 0 {
		t.Fatal("an unprepared first screen read no monthly execution: the count proves nothing")
	}
	if preparedReads != 0 {
		t.Errorf("the first screens after Prepare read the monthly execution %d times, want 0", preparedReads)
	}
	if len(cold) < 20 || strings.Join(cold, "\n") != strings.Join(prepared, "\n") {
		t.Errorf("prepared first screen differs from a computed one:\n%s\nvs\n%s", strings.Join(prepared, "\n"), strings.Join(cold, "\n"))
	}
}

// syncBuffer is a log destination the server and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// publicsite prepares every release it opens before it goes live: the one
// it starts on and the next one publish makes.
func TestEveryReleaseIsPreparedBeforeItGoesLive(t *testing.T) {
	releases, state, dbFile := kpiFixture(t)
	var logs syncBuffer
	m := &Main{Log: slog.New(slog.NewTextHandler(&logs, nil))}
	if err := m.ParseFlags([]string{"--releases", releases, "--state", state}, func(string) string { return "" }, &logs); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Handler(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	first := m.releases.Current().ID
	if !strings.Contains(logs.String(), "msg=\"prima pagină pregătită\" release="+first+" scopes=2") {
		t.Fatalf("the first release was not prepared (the institution and dana's department):\n%s", logs.String())
	}
	w, err := warehouse.Open(context.Background(), dbFile, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.Publish(context.Background(), release.Options{Out: releases, Now: func() time.Time { return time.Date(2026, 4, 21, 8, 0, 0, 0, time.UTC) }})
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.releases.Reload(); err != nil {
		t.Fatal(err)
	}
	next := m.releases.Current().ID
	if next == first || !strings.Contains(logs.String(), "release="+next+" scopes=2") {
		t.Errorf("the new release %s (after %s) was not prepared as it opened:\n%s", next, first, logs.String())
	}
}
