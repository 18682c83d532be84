// Command publicsite serves the current release read-only: the public pages
// (budget, investments, procurement, requests), the open-data catalogue and
// the downloads. It follows `etl publish`, swapping to a new release without
// dropping a request.
//
//	publicsite --releases DIR --addr HOST:PORT
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
	"syscall"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/dashboards/public"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/opendata"
	"github.com/deschis/deschis/release"
)

// Main is the program, so tests run it on a temp directory and port :0.
type Main struct {
	Config   Config
	Log      *slog.Logger
	releases *release.Live
	handler  http.Handler
	listener net.Listener
	server   *http.Server
	stop     chan struct{}
}

func main() {
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
		"cache_entries", m.Config.CacheEntries, "cache_mb", m.Config.CacheMB, "release_mode", m.Config.ReleaseMode, "log_level", m.Config.LogLevel)
	mode := release.Tables
	if m.Config.ReleaseMode == "views" {
		mode = release.Views
	}
	live, err := release.Follow(m.Config.Releases, m.Log, release.OpenWith(mode))
	if err != nil {
		return nil, err
	}
	m.releases = live
	pages, err := public.NewServer(public.Config{
		Release: func(r *http.Request) models.Reader {
			rel := release.FromContext(r.Context())
			if rel == nil { // outside the middleware (never in the site)
				rel = live.Current()
			}
			return rel.Reader
		},
		Log:          m.Log,
		CacheEntries: m.Config.CacheEntries,
		CacheBytes:   int64(m.Config.CacheMB) << 20,
	})
	if err != nil {
		return nil, err
	}
	files := opendata.NewServer(live, pages.Site())

	// The areas: the downloads of package opendata, and everything else is
	// a page of the public site. Every request holds the release it started
	// on until it ends.
	r := chi.NewRouter()
	r.Use(middleware.Recoverer, dashboards.SecurityHeaders, readOnly, middleware.GetHead, live.Middleware)
	r.Mount("/", files.Routes(pages.Routes()))
	m.handler = r
	return r, nil
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
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err = m.server.Shutdown(ctx)
	}
	if m.releases != nil {
		m.releases.Close()
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
