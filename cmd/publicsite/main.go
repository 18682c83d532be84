// Command publicsite serves the current release read-only: the public pages
// (budget, investments, procurement, requests), the open-data catalogue,
// the downloads and the API under /api/v1. It follows `etl publish`,
// swapping to a new release without dropping a request.
//
//	publicsite --releases DIR --addr HOST:PORT
//	publicsite users add|list|passwd|remove ... (the accounts of /admin)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/dashboards/admin"
	"github.com/deschis/deschis/dashboards/public"
	kpitargets "github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/opendata"
	"github.com/deschis/deschis/release"
)

// Main is the program, so tests run it on a temp directory and port :0.
type Main struct {
	Config   Config
	Log      *slog.Logger
	releases *release.Live
	state    *accounts.Store
	now      func() time.Time // the sessions' and the throttle's clock (nil: time.Now); tests move it
	handler  http.Handler
	listener net.Listener
	server   *http.Server
	stop     chan struct{}
	// the profiling hook (--pprof), on a listener of its own
	pprofListener net.Listener
	pprofServer   *http.Server
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "users" {
		os.Exit(runUsers(os.Args[2:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
	}
	m := &Main{}
	if err := m.ParseFlags(os.Args[1:], os.Getenv, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "publicsite:", err)
		os.Exit(2)
	}
	m.Log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel(m.Config.LogLevel)}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := m.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "publicsite:", err)
		os.Exit(1)
	}
	m.Log.Info("ascult", "addr", "http://"+m.Addr())
	<-ctx.Done()
	m.Close()
}

func logLevel(s string) slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return slog.LevelInfo
	}
	return l
}

// Handler builds the site over the current release (Run calls it; the
// benchmarks use it without a listener).
func (m *Main) Handler() (http.Handler, error) {
	if m.Log == nil {
		m.Log = slog.New(slog.DiscardHandler)
	}
	m.Log.Info("configurație", "releases", m.Config.Releases, "addr", m.Config.Addr, "reload", m.Config.Reload,
		"cache_entries", m.Config.CacheEntries, "cache_mb", m.Config.CacheMB, "release_mode", m.Config.ReleaseMode, "release_memory_mb", m.Config.ReleaseMemoryMB, "log_level", m.Config.LogLevel,
		"admin", m.Config.Admin, "api_max_rows", m.Config.APIMaxRows, "api_query_timeout", m.Config.APIQueryTimeout, "api_max_response_mb", m.Config.APIMaxResponseMB)
	mode := release.Tables
	if m.Config.ReleaseMode == "views" {
		mode = release.Views
	}
	// The dashboards read the release's internal datasets (the request
	// register); with admin: off the process never opens internal/.
	open := release.OpenWithOptions(release.ReadOptions{Mode: mode, Internal: m.Config.Admin != "off",
		MemoryLimit: strconv.Itoa(m.Config.ReleaseMemoryMB) + "MiB"})
	live, err := release.Follow(m.Config.Releases, m.Log, open)
	if err != nil {
		return nil, err
	}
	m.releases = live
	current := func(r *http.Request) models.Reader {
		rel := release.FromContext(r.Context())
		if rel == nil { // outside the middleware (never in the site)
			rel = live.Current()
		}
		return rel.Reader
	}
	pages, err := public.NewServer(public.Config{
		Release:      current,
		Log:          m.Log,
		CacheEntries: m.Config.CacheEntries,
		CacheBytes:   int64(m.Config.CacheMB) << 20,
		PageTime:     m.Config.PageTime,
		Renders:      m.Config.Renders,
		Versions:     func() ([]*models.Manifest, error) { return release.Manifests(live.Dir()) },
		BaseURL:      m.Config.BaseURL,
		APILimits: map[string]string{models.LimitMaxRows: strconv.Itoa(m.Config.APIMaxRows),
			models.LimitQueryTimeout: m.Config.APIQueryTimeout.String(), models.LimitMaxResponse: strconv.Itoa(m.Config.APIMaxResponseMB)},
	})
	if err != nil {
		return nil, err
	}
	files := opendata.NewServer(live, pages.Site())
	if m.Config.Admin != "only" {
		// The main pages of every release are rendered before it goes live
		// (and now, for the live one): the first visitor after a release
		// waits no longer than the next.
		live.OnOpen(func(rel *release.Release) {
			n, err := pages.Prepare(context.Background(), rel.Reader)
			if err != nil {
				m.Log.Warn("pagini nepregătite", "release", rel.ID, "err", err)
			}
			m.Log.Info("pagini pregătite", "release", rel.ID, "pages", n)
		})
	}
	files.SetPortal(opendata.Portal{BaseURL: m.Config.BaseURL, ContactEmail: m.Config.ContactEmail, ContactURL: m.Config.ContactURL, OCIDPrefix: m.Config.OCIDPrefix})
	files.SetLimits(m.Config.APILimits())

	// The areas: the dashboards under /admin and /en/admin (unless admin:
	// off), the downloads of package opendata, and everything else is a
	// page of the public site, read-only (unless admin: only). Every request
	// holds the release it started on until it ends.
	r := chi.NewRouter()
	r.Use(middleware.Recoverer, dashboards.SecurityHeaders, middleware.GetHead, live.Middleware)
	if m.Config.Admin != "off" {
		dash, err := m.dashboards(current)
		if err != nil {
			live.Close()
			return nil, err
		}
		// Every release is prepared for the dashboards' first screen as it
		// opens, before it goes live (and now, the live one), like the
		// public site's main pages.
		live.OnOpen(func(rel *release.Release) {
			t0 := time.Now()
			n := dash.Prepare(context.Background(), rel.Reader)
			m.Log.Info("prima pagină pregătită", "release", rel.ID, "scopes", n, "ms", time.Since(t0).Milliseconds())
		})
		r.Mount("/admin", dash.Routes())
		r.Mount("/en/admin", dash.Routes())
		if m.Config.Admin == "only" {
			r.Get("/static/*", dash.Site().Static)
			r.Get("/", http.RedirectHandler("/admin", http.StatusSeeOther).ServeHTTP)
			r.Get("/en", http.RedirectHandler("/en/admin", http.StatusSeeOther).ServeHTTP)
			r.NotFound(func(w http.ResponseWriter, r *http.Request) { dash.Site().Error(w, r, http.StatusNotFound, nil) })
		}
	}
	if m.Config.Admin != "only" {
		// The API answers every method itself (405 as JSON), so it sits
		// outside readOnly.
		r.Mount(opendata.APIPrefix, files.API())
		r.Group(func(r chi.Router) {
			r.Use(readOnly)
			r.Mount("/", files.Routes(pages.Routes()))
		})
	}
	m.handler = r
	return r, nil
}

// dashboards opens the server's own state (accounts, sessions, audit log)
// and builds the decision-maker dashboards over it.
func (m *Main) dashboards(current func(*http.Request) models.Reader) (*admin.Server, error) {
	st, err := accounts.Open(m.Config.StateDir(), accounts.Options{IdleTimeout: m.Config.SessionIdle, AbsoluteTimeout: m.Config.SessionMax, Now: m.now})
	if err != nil {
		return nil, err
	}
	m.state = st
	m.Log.Info("starea serverului", "state", st.Dir())
	targets, err := kpitargets.Load(m.Config.KPITargets)
	if err != nil {
		return nil, err
	}
	return admin.NewServer(admin.Config{Release: current, Accounts: st, Log: m.Log, TrustProxy: m.Config.TrustProxy,
		PublicPages: m.Config.Admin == "on", OIDC: admin.OIDC(m.Config.OIDC), Targets: targets, Now: m.now,
		Attention: admin.AttentionSettings{DueWithinDays: m.Config.AttentionDueDays, ChapterLagPoints: m.Config.AttentionLagPoints,
			StalledMonths: m.Config.AttentionStalledMonths, PeerFarPercent: m.Config.AttentionPeerPercent},
		Previous: previousRelease(m.Config.Releases)})
}

// previousRelease opens the release published before the current one in
// the releases directory (its public datasets, as views over its files),
// for the procurement signals raised since; nil when there is none.
func previousRelease(dir string) admin.PreviousRelease {
	return func(ctx context.Context, current models.Reader) (admin.ReadCloser, error) {
		ids, err := release.List(dir)
		if err != nil {
			return nil, err
		}
		i := slices.Index(ids, current.Manifest().ReleaseID)
		if i <= 0 {
			return nil, nil
		}
		return release.Open(ctx, filepath.Join(dir, ids[i-1]), release.Views)
	}
}

// Run opens the current release and starts serving in the background.
func (m *Main) Run() error {
	h, err := m.Handler()
	if err != nil {
		return err
	}
	m.stop = make(chan struct{})
	go m.releases.Watch(m.Config.Reload, m.stop)
	if m.listener, err = net.Listen("tcp", m.Config.Addr); err != nil {
		m.releases.Close()
		return err
	}
	m.server = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10}
	go m.server.Serve(m.listener)
	if err := m.startPprof(); err != nil {
		m.Close()
		return err
	}
	return nil
}

// Addr is the address the server listens on.
func (m *Main) Addr() string { return m.listener.Addr().String() }

// Close stops serving, letting requests in flight finish, then closes the release.
func (m *Main) Close() error {
	if m.stop != nil {
		close(m.stop)
	}
	var err error
	if m.pprofServer != nil {
		m.pprofServer.Close()
	}
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err = m.server.Shutdown(ctx)
	}
	if m.releases != nil {
		m.releases.Close()
	}
	if m.state != nil {
		m.state.Close()
	}
	return err
}

// readOnly: the site only answers GET and HEAD.
func readOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Metoda nu este permisă.", http.StatusMethodNotAllowed)
			return
		}
		next.ServeHTTP(w, r)
	})
}
