package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
)

// The page benchmarks run each page type through the real router (Handler:
// middleware, release reference, page cache) on the demo release, with the
// page cache on (a cached page is a map lookup and a write) and off (every
// request queries the release and renders the templates).

var (
	benchOnce               sync.Once
	benchCached, benchFresh http.Handler
	benchErr                error
)

func benchHandlers(b *testing.B) (cached, uncached http.Handler) {
	s := site(b)
	benchOnce.Do(func() {
		mk := func(entries string) http.Handler {
			m := &Main{}
			if benchErr = m.ParseFlags([]string{"--releases", s.releases, "--cache-entries", entries}, func(string) string { return "" }, io.Discard); benchErr != nil {
				return nil
			}
			h, err := m.Handler()
			if err != nil {
				benchErr = err
			}
			return h
		}
		benchCached, benchFresh = mk("5000"), mk("0")
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchCached, benchFresh
}

func benchPage(b *testing.B, path string) {
	cached, uncached := benchHandlers(b)
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"uncached", uncached}, {"cached", cached}} {
		b.Run(c.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", path, nil)
			w := httptest.NewRecorder()
			c.h.ServeHTTP(w, req)
			if w.Code != 200 {
				b.Fatalf("%s: %d", path, w.Code)
			}
			b.SetBytes(int64(w.Body.Len()))
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					w := httptest.NewRecorder()
					c.h.ServeHTTP(w, req)
					if w.Code != 200 {
						b.Errorf("%s: %d", path, w.Code)
						return
					}
				}
			})
		})
	}
}

func BenchmarkPageHome(b *testing.B)         { benchPage(b, "/") }
func BenchmarkPageBudget(b *testing.B)       { benchPage(b, "/buget?an=2025") }
func BenchmarkPageInvestments(b *testing.B)  { benchPage(b, "/investitii") }
func BenchmarkPageInvestment(b *testing.B)   { benchPage(b, "/investitii/INV-2022-001") }
func BenchmarkPageProcurement(b *testing.B)  { benchPage(b, "/achizitii?ordine=valoare_desc") }
func BenchmarkPageSupplier(b *testing.B)     { benchPage(b, "/achizitii/furnizori/90345676") }
func BenchmarkPageRequests(b *testing.B)     { benchPage(b, "/en/cereri") }
func BenchmarkPageMethodology(b *testing.B)  { benchPage(b, "/metodologie") }
func BenchmarkPageSearchVaries(b *testing.B) { benchSearch(b) }

// benchSearch: a different query every time, so the cache never hits
// (what a crawler or a search form costs).
func benchSearch(b *testing.B) {
	cached, _ := benchHandlers(b)
	var n int
	var mu sync.Mutex
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			n++
			i := n
			mu.Unlock()
			w := httptest.NewRecorder()
			cached.ServeHTTP(w, httptest.NewRequest("GET", "/achizitii?min="+strconv.Itoa(i%100000), nil))
			if w.Code != 200 {
				b.Errorf("%d", w.Code)
				return
			}
		}
	})
}
