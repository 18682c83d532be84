package main

// serve: the real cmd/publicsite (--admin off, a child process) under wrk
// at --connections connections, page by page, each against a static file
// holding the same bytes from the same kind of server (benchkit.ServeStatic,
// this program re-run as `benchsuite serve-static DIR`), alternating runs:
// the main public pages, a supplier search where every request is a
// different query (a wrk Lua script over the release's name fragments)
// against a second server with its page cache off (searchArgs: every answer
// is a search run, none a cached page), and
// the whole procurement dataset as a Parquet download (the static side a
// hard link of the release's file). Then the first request after the
// release opens (cold) against the next one (warm), over fresh starts of
// the server.

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
)

// target is one thing served.
type target struct {
	ID, Path string // Path "" when found by a link (discover)
	search   bool   // every request a different supplier search
}

var targets = []target{
	{ID: "home", Path: "/"},
	{ID: "buget", Path: "/buget"},
	{ID: "investitii", Path: "/investitii"},
	{ID: "achizitii", Path: "/achizitii"},
	{ID: "furnizor"},
	{ID: "en-home", Path: "/en"},
	{ID: "achizitii-cautare", Path: "/achizitii?furnizor=", search: true},
	{ID: "download-procurement-parquet", Path: "/date/procurement.parquet"},
}

// runWrk runs wrk with a script (lua, before benchkit's done(); the
// threads and the offset are its init's arguments).
func (s *scaleRun) runWrk(url, lua string, offset int64) (benchkit.WrkResult, error) {
	threads := 2
	return benchkit.WrkScript(s.opt.wrk, url, lua, []string{strconv.Itoa(threads), strconv.FormatInt(offset, 10)},
		threads, s.opt.connections, s.opt.duration)
}

func get(url string) (int, []byte, error) { return getWith(http.DefaultClient, url) }

// getWith is get by client.
func getWith(client *http.Client, url string) (int, []byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// dialled is a client whose first connection to base (http://host:port)
// is already open: its dial is not in the first request's time.
func dialled(base string) (*http.Client, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	first, err := net.Dial("tcp", u.Host)
	if err != nil {
		return nil, err
	}
	var once sync.Once
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		var c net.Conn
		once.Do(func() { c = first })
		if c != nil {
			return c, nil
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	return &http.Client{Transport: tr}, nil
}

// searchPaths are the search's URLs, one per term (escaped): thread n of N
// asks terms o+n, o+n+N, o+n+2N… (benchkit.WrkCycle; o, the offset, is the
// requests of the runs before plus one, so no run asks what an earlier one
// or the probe asked).
func searchPaths(path string, terms []any) []string {
	out := make([]string, len(terms))
	for i, x := range terms {
		out[i] = path + url.QueryEscape(fmt.Sprint(x))
	}
	return out
}

func benchServe(s *scaleRun, releases, dir string, p *params) ([]Figure, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	siteArgs := []string{"--releases", releases, "--addr", "127.0.0.1:0", "--admin", "off"}
	site, err := benchkit.StartChild(5*time.Minute, s.opt.site, benchkit.SiteAddr, siteArgs...)
	if err != nil {
		return nil, err
	}
	defer site.Stop()
	s.atExit(site.Stop)
	staticDir := filepath.Join(s.work, "static")
	os.RemoveAll(staticDir)
	os.MkdirAll(staticDir, 0o755)
	static, err := benchkit.StartChild(time.Minute, self, benchkit.StaticAddr, "serve-static", staticDir)
	if err != nil {
		return nil, err
	}
	defer static.Stop()
	s.atExit(static.Stop)

	// The search's own server, its page cache off, started for its runs.
	var uncached *benchkit.Child
	defer func() {
		if uncached != nil {
			uncached.Stop()
		}
	}()
	var out []Figure
	for _, t := range targets {
		server := site
		if t.search {
			if uncached, err = benchkit.StartChild(5*time.Minute, s.opt.site, benchkit.SiteAddr, searchArgs(siteArgs)...); err != nil {
				return nil, err
			}
			s.atExit(uncached.Stop)
			server = uncached
		}
		path := t.Path
		if t.ID == "furnizor" {
			_, body, err := get(site.URL + "/achizitii")
			m := regexp.MustCompile(`href="(/achizitii/furnizori/[^"?#/]+)[?#"]`).FindSubmatch(body)
			if err != nil || m == nil {
				return nil, fmt.Errorf("no supplier link on /achizitii (%v)", err)
			}
			path = string(m[1])
		}
		probe := path
		if t.search {
			probe += fmt.Sprint(p.term[0])
		}
		status, body, err := get(server.URL + probe)
		if err != nil || status != 200 {
			return nil, fmt.Errorf("%s: %d %v", probe, status, err)
		}
		name := t.ID + ".bin"
		if strings.HasPrefix(path, "/date/") {
			src := filepath.Join(dir, "public", filepath.Base(path))
			if err := os.Link(src, filepath.Join(staticDir, name)); err != nil {
				return nil, err
			}
		} else if err := os.WriteFile(filepath.Join(staticDir, name), body, 0o644); err != nil {
			return nil, err
		}
		lua := ""
		if t.search {
			lua = benchkit.WrkCycle(searchPaths(path, p.term))
		}
		var siteRuns, staticRuns []benchkit.WrkResult
		offset := int64(1) // the probe asked term 0
		for range s.opt.serveRuns {
			r, err := s.runWrk(server.URL+probe, lua, offset)
			if err != nil {
				return nil, err
			}
			offset += r.Requests + int64(s.opt.connections) // and those cut off at the end
			siteRuns = append(siteRuns, r)
			r, err = s.runWrk(static.URL+"/"+name, "", 0)
			if err != nil {
				return nil, err
			}
			staticRuns = append(staticRuns, r)
		}
		rps := func(rs []benchkit.WrkResult) (float64, float64, int64) {
			var a, b []float64
			var e int64
			for _, r := range rs {
				a, b, e = append(a, r.RPS()), append(b, float64(r.P99US)/1000), e+r.Errors()
			}
			return benchkit.Median(a), benchkit.Median(b), e
		}
		sr, sp, se := rps(siteRuns)
		br, bp, be := rps(staticRuns)
		measured := fmt.Sprintf("publicsite %s (%d bytes)", path, len(body))
		if t.search {
			var n int64
			for _, r := range siteRuns {
				n += r.Requests
			}
			// offset bounds the terms handed out (requests cut off at a run's end included)
			measured = fmt.Sprintf("publicsite --cache-entries 0 (no page cache: every answer a search) %s<term>, each request the next of %d name fragments (%d requests in all runs, at most %d terms handed out: %s; %d bytes for %q)",
				path, len(p.term), n, offset, termReuse(offset, len(p.term), s.opt.connections), len(body), p.term[0])
		}
		against := fmt.Sprintf("a static file of the same %d bytes (net/http FileServer)", len(body))
		conn := fmt.Sprintf("wrk, %d connections, %s per run", s.opt.connections, s.opt.duration)
		f1 := newFigure("serve/"+t.ID+"/requests-per-second", s.scale, "requests/s", sr, br, len(siteRuns), measured, against)
		f2 := newFigure("serve/"+t.ID+"/p99", s.scale, "ms", sp, bp, len(siteRuns), measured, against)
		f1.Note, f2.Note = conn, conn
		for _, f := range []*Figure{&f1, &f2} {
			f.Errors, f.BaseEr = &se, &be
		}
		out = append(out, f1, f2)
		if t.search {
			uncached.Stop()
		}
		s.logf("serve %-30s %8.0f req/s p99 %8.2f ms errors %d | static %8.0f req/s p99 %8.2f ms errors %d", t.ID, sr, sp, se, br, bp, be)
	}
	site.Stop()
	static.Stop()
	cold, err := benchCold(s, siteArgs)
	if err != nil {
		return nil, err
	}
	return append(out, cold...), nil
}

// searchArgs are the arguments of the search's server: the site's, with
// its page cache off (publicsite --cache-entries 0), so a search figure is
// the search's cost, not a cache's.
func searchArgs(siteArgs []string) []string {
	return append(slices.Clone(siteArgs), "--cache-entries", "0")
}

// benchCold starts the server again and again; on each start it times the
// very first request of one page (the pages take turns, so each cold figure
// is a first request after the release opened) and the next request of the
// same page (warm), both over a connection already open. The server says
// it listens once the release is open.
func benchCold(s *scaleRun, siteArgs []string) ([]Figure, error) {
	pages := []target{{ID: "home", Path: "/"}, {ID: "achizitii", Path: "/achizitii"}}
	cold, warm := map[string][]float64{}, map[string][]float64{}
	var opens []float64
	for i := range s.opt.coldRuns * len(pages) {
		pg := pages[i%len(pages)]
		site, err := benchkit.StartChild(5*time.Minute, s.opt.site, benchkit.SiteAddr, siteArgs...)
		if err != nil {
			return nil, err
		}
		opens = append(opens, site.Ready.Seconds())
		// The connection is dialled before the clock starts, so the first
		// request and the next both go over an open connection: the figure
		// is the page's, not a TCP dial's (about 0,8 ms at every scale
		// before).
		client, err := dialled(site.URL)
		if err != nil {
			site.Stop()
			return nil, err
		}
		for j := range 2 {
			t0 := time.Now()
			status, _, err := getWith(client, site.URL+pg.Path)
			d := ms(time.Since(t0))
			if err != nil || status != 200 {
				site.Stop()
				return nil, fmt.Errorf("%s: %d %v", pg.Path, status, err)
			}
			if j == 0 {
				cold[pg.ID] = append(cold[pg.ID], d)
			} else {
				warm[pg.ID] = append(warm[pg.ID], d)
			}
		}
		site.Stop()
	}
	var out []Figure
	for _, pg := range pages {
		f := newFigure("serve/"+pg.ID+"/first-request-after-open", s.scale, "ms", benchkit.Median(cold[pg.ID]), benchkit.Median(warm[pg.ID]), len(cold[pg.ID]),
			"the first request of "+pg.Path+" after the server opened the release (cold)", "the next request of the same page (warm)")
		f.Note = fmt.Sprintf("server start to listening, release open: median %.2f s", benchkit.Median(opens))
		out = append(out, f)
		s.logf("serve cold %-10s first %.2f ms, next %.2f ms (start to listening %.2f s)", pg.ID, f.Value, f.Baseline, benchkit.Median(opens))
	}
	return out, nil
}

// termReuse says whether the search run asked a term twice: never, when
// the terms handed out were no more than there are; else whether each came
// back only after more others than the reader keeps answers of
// (release.AnswersKept; the connections' requests in flight counted), so
// that every request was still a search, not an answer from memory.
func termReuse(handed int64, terms, connections int) string {
	switch {
	case handed <= int64(terms):
		return "no term asked twice"
	case terms > release.AnswersKept+connections:
		return fmt.Sprintf("the terms cycle, each asked again only after %d others, more than the %d answers the reader keeps: every request a search", terms-1, release.AnswersKept)
	default:
		return "terms repeat"
	}
}
