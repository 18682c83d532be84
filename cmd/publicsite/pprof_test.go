package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

// runSite publishes a small release and runs the site on it with args.
func runSite(t *testing.T, args ...string) *Main {
	t.Helper()
	w, err := warehouse.Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	out := t.TempDir()
	publishFixture(t, w, out, 2, "Curat SRL", time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
	m := &Main{}
	if err := m.ParseFlags(append([]string{"--releases", out, "--addr", "127.0.0.1:0", "--admin", "off"}, args...), func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// --pprof serves Go's profiles on a listener of its own, and never on the
// site's.
func TestPprofServesProfilesOnItsOwnLoopbackAddress(t *testing.T) {
	m := runSite(t, "--pprof", "127.0.0.1:0")
	addr := m.PprofAddr()
	if addr == "" || addr == m.Addr() {
		t.Fatalf("pprof listens on %q, the site on %q", addr, m.Addr())
	}
	resp, body := get(t, "http://"+addr+"/debug/pprof/")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "goroutine") || !strings.Contains(body, "heap") {
		t.Fatalf("pprof index: %d %.200s", resp.StatusCode, body)
	}
	resp, body = get(t, "http://"+addr+"/debug/pprof/goroutine?debug=1")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "net/http.(*Server).Serve") {
		t.Errorf("goroutine profile: %d %.200s", resp.StatusCode, body)
	}
	resp, body = get(t, "http://"+addr+"/debug/pprof/profile?seconds=1")
	if resp.StatusCode != http.StatusOK || len(body) == 0 || resp.Header.Get("Content-Type") != "application/octet-stream" {
		t.Errorf("CPU profile: %d %s, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
	if resp, _ := get(t, "http://"+m.Addr()+"/debug/pprof/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the site's listener answers /debug/pprof/ with %d", resp.StatusCode)
	}
	if resp, _ := get(t, "http://"+addr+"/achizitii"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the profiling listener serves the site's pages: %d", resp.StatusCode)
	}
}

// Without --pprof there is no profiling listener, and the site's has no
// /debug/pprof/.
func TestPprofIsOffByDefault(t *testing.T) {
	m := runSite(t)
	if a := m.PprofAddr(); a != "" {
		t.Fatalf("pprof listens on %s without --pprof", a)
	}
	if resp, _ := get(t, "http://"+m.Addr()+"/achizitii"); resp.StatusCode != http.StatusOK {
		t.Fatalf("the site: %d", resp.StatusCode)
	}
	for _, p := range []string{"/debug/pprof/", "/debug/pprof/cmdline", "/debug/pprof/heap"} {
		if resp, _ := get(t, "http://"+m.Addr()+p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d without --pprof", p, resp.StatusCode)
		}
	}
}

// An address other machines reach is refused, with what to write instead,
// unless --pprof-any-address forces it; a loopback one is taken.
func TestPprofRefusesAPublicAddressUnlessForced(t *testing.T) {
	parse := func(env map[string]string, args ...string) error {
		m := &Main{}
		return m.ParseFlags(append([]string{"--releases", t.TempDir()}, args...), func(k string) string { return env[k] }, io.Discard)
	}
	for _, a := range []string{"0.0.0.0:6060", ":6060", "192.168.1.10:6060", "[::]:6060", "date.primarie.ro:6060"} {
		err := parse(nil, "--pprof", a)
		if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "pprof") || !strings.Contains(err.Error(), "127.0.0.1") || !strings.Contains(err.Error(), "--pprof-any-address") {
			t.Errorf("--pprof %s: %v", a, err)
		}
		if err := parse(map[string]string{"DESCHIS_PPROF": a}); !errors.Is(err, models.ErrInvalid) {
			t.Errorf("DESCHIS_PPROF=%s: %v", a, err)
		}
		if err := parse(nil, "--pprof", a, "--pprof-any-address"); err != nil {
			t.Errorf("--pprof %s --pprof-any-address: %v", a, err)
		}
	}
	for _, a := range []string{"127.0.0.1:6060", "[::1]:6060", "localhost:6060", "127.0.0.2:0"} {
		if err := parse(nil, "--pprof", a); err != nil {
			t.Errorf("--pprof %s: %v", a, err)
		}
	}
	for _, a := range []string{"6060", "127.0.0.1"} {
		if err := parse(nil, "--pprof", a); !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "HOST:PORT") {
			t.Errorf("--pprof %s: %v", a, err)
		}
	}
	if err := parse(nil, "--pprof", "127.0.0.1:8080", "--addr", "127.0.0.1:8080"); err == nil || !strings.Contains(err.Error(), "addr") {
		t.Errorf("the site's own address: %v", err)
	}
}
