package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/dashboards/admin"
)

// BenchmarkAdminPages measures the dashboards' first screen (with the
// attention list) and the drill-down pages through the real router with a
// signed-in admin's session, one request at a time, beside the public
// requests page uncached (the baseline of the same run).
func BenchmarkAdminPages(b *testing.B) {
	s := site(b)
	_, uncached := benchHandlers(b)
	m := &Main{}
	if err := m.ParseFlags([]string{"--releases", s.releases, "--state", filepath.Join(b.TempDir(), "state")}, func(string) string { return "" }, io.Discard); err != nil {
		b.Fatal(err)
	}
	h, err := m.Handler()
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	ctx := context.Background()
	if err := m.state.AddUser(ctx, accounts.User{Name: "ana", Role: accounts.Admin}, testPassword); err != nil {
		b.Fatal(err)
	}
	sess, err := m.state.SignIn(ctx, "ana", testPassword, "127.0.0.1", "")
	if err != nil {
		b.Fatal(err)
	}
	main := m.releases.Current().Reader.MainEntity()
	for _, c := range []struct {
		name, path string
		h          http.Handler
		signed     bool
	}{
		{"baseline-public-requests", "/cereri", uncached, false},
		{"home", "/admin?entitate=" + main, h, true},
		{"request-rows", "/admin/cereri?entitate=" + main + "&ordine=-termen", h, true},
		{"request-rows-overdue-page2", "/admin/cereri?entitate=" + main + "&stare=intarziate&pagina=2", h, true},
		{"investment-rows-overdue", "/admin/investitii?entitate=" + main + "&stare=depasite", h, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest("GET", c.path, nil)
				if c.signed {
					req.AddCookie(&http.Cookie{Name: admin.SessionCookie, Value: sess.ID})
				}
				w := httptest.NewRecorder()
				c.h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("%s: %d", c.path, w.Code)
				}
			}
		})
	}
}
