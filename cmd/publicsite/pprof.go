package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"
)

// The profiling hook (--pprof HOST:PORT): Go's net/http/pprof on a listener
// of its own, never on the site's. Off by default; an address that is not a
// loopback one (127.0.0.0/8, ::1, localhost) is refused unless
// --pprof-any-address says so, since a profile shows the program's memory
// and a CPU profile costs the server a core while it runs.

// pprofHandler serves /debug/pprof/ on its own mux: the package's handlers,
// not http.DefaultServeMux, which the import also fills but nothing serves.
func pprofHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// loopbackAddr reports whether addr (HOST:PORT) listens only on this
// machine: a loopback IP or localhost; an empty host is every interface.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkPprof is the hook's part of the configuration's check.
func (c *Config) checkPprof() error {
	if c.Pprof == "" {
		return nil
	}
	if _, _, err := net.SplitHostPort(c.Pprof); err != nil {
		return fmt.Errorf("pprof: %q; scrieți adresa HOST:PORT, de ex. 127.0.0.1:6060", c.Pprof)
	}
	if !c.PprofAnyAddress && !loopbackAddr(c.Pprof) {
		return fmt.Errorf("pprof: %q nu este o adresă locală (127.0.0.1, ::1, localhost): profilurile arată memoria serverului; "+
			"folosiți 127.0.0.1:PORT sau, dacă adresa e protejată altfel, adăugați --pprof-any-address", c.Pprof)
	}
	if _, port, _ := net.SplitHostPort(c.Pprof); c.Pprof == c.Addr && port != "0" {
		return errors.New("pprof: adresa trebuie să fie alta decât addr, a site-ului")
	}
	return nil
}

// startPprof listens on the hook's address, when there is one.
func (m *Main) startPprof() error {
	if m.Config.Pprof == "" {
		return nil
	}
	l, err := net.Listen("tcp", m.Config.Pprof)
	if err != nil {
		return fmt.Errorf("pprof: %w", err)
	}
	m.pprofListener = l
	// WriteTimeout stays 0: a CPU profile or a trace streams for its
	// ?seconds=.
	m.pprofServer = &http.Server{Handler: pprofHandler(), ReadHeaderTimeout: 10 * time.Second}
	go m.pprofServer.Serve(l)
	m.Log.Warn("profilare activă", "addr", "http://"+l.Addr().String()+"/debug/pprof/")
	return nil
}

// PprofAddr is the address the profiling hook listens on ("" when off).
func (m *Main) PprofAddr() string {
	if m.pprofListener == nil {
		return ""
	}
	return m.pprofListener.Addr().String()
}
