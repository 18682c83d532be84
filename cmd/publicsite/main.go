// Command publicsite serves the current release read-only: the public open
// data catalogue and downloads. It follows `etl publish`, swapping to a new
// release without dropping a request.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/deschis/deschis/opendata"
)

// Config is everything the server needs; defaults serve `make run`'s demo.
type Config struct {
	Releases string        // directory written by etl publish --out
	Addr     string        // HOST:PORT
	Reload   time.Duration // how often to look for a new release
}

// Main is the program, so tests run it on a temp directory and port :0.
type Main struct {
	Config   Config
	Log      *slog.Logger
	listener net.Listener
	server   *http.Server
	stop     chan struct{}
}

func main() {
	m := &Main{Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	if err := m.ParseFlags(os.Args[1:], os.Getenv, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "publicsite:", err)
		os.Exit(2)
	}
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

// ParseFlags reads the configuration from flags, then environment variables
// (DESCHIS_RELEASES, DESCHIS_ADDR) for what the flags leave unset.
func (m *Main) ParseFlags(args []string, getenv func(string) string, out io.Writer) error {
	fs := flag.NewFlagSet("publicsite", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&m.Config.Releases, "releases", "", "directorul edițiilor (etl publish --out); env DESCHIS_RELEASES; implicit var/releases")
	fs.StringVar(&m.Config.Addr, "addr", "", "adresa HOST:PORT; env DESCHIS_ADDR; implicit 127.0.0.1:8080")
	fs.DurationVar(&m.Config.Reload, "reload", 2*time.Second, "cât de des se caută o ediție nouă")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, c := range []struct {
		v        *string
		env, def string
	}{{&m.Config.Releases, "DESCHIS_RELEASES", "var/releases"}, {&m.Config.Addr, "DESCHIS_ADDR", "127.0.0.1:8080"}} {
		if *c.v == "" {
			*c.v = getenv(c.env)
		}
		if *c.v == "" {
			*c.v = c.def
		}
	}
	return nil
}

// Run opens the current release and starts serving in the background.
func (m *Main) Run() error {
	if m.Log == nil {
		m.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	m.Log.Info("configurație", "releases", m.Config.Releases, "addr", m.Config.Addr, "reload", m.Config.Reload)
	rel, err := opendata.OpenReleases(m.Config.Releases, m.Log)
	if err != nil {
		return err
	}
	m.stop = make(chan struct{})
	go rel.Watch(m.Config.Reload, m.stop)

	r := chi.NewRouter()
	r.Use(middleware.Recoverer, securityHeaders)
	r.Mount("/", opendata.NewServer(rel, m.Log).Routes())

	if m.listener, err = net.Listen("tcp", m.Config.Addr); err != nil {
		return err
	}
	m.server = &http.Server{Handler: r, ReadHeaderTimeout: 10 * time.Second}
	go m.server.Serve(m.listener)
	return nil
}

// Addr is the address the server listens on.
func (m *Main) Addr() string { return m.listener.Addr().String() }

// Close stops serving, letting requests in flight finish.
func (m *Main) Close() error {
	close(m.stop)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return m.server.Shutdown(ctx)
}

// securityHeaders: the site runs no inline script or style and loads nothing
// from other hosts.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
