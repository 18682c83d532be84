// Command searchbench measures /achizitii's uncached filters under wrk, a
// baseline site and a candidate in the same run (issue 14: "scale 10, wrk at
// 64 connections, every request a different supplier search, page cache
// off: at least 1.000 requests/s, p99 under 100 ms, 0 errors").
//
// It starts each publicsite binary on its release (--admin off
// --cache-entries 0), and for each target runs wrk (2 threads, 64
// connections) with a Lua script that makes every request a different URL:
//
//   - search: /achizitii?furnizor=… a fragment of 4 to 6 letters of a
//     supplier name (every distinct one of the release's names, shuffled, as
//     the suite's queries take them);
//   - cpv: /achizitii?cpv=… a CPV code's prefix of 2 to 8 digits;
//   - year: /achizitii?an=…&ordine=…&pagina=… every year, order and page 1-20
//     of the main entity, no other filter.
//
// Runs alternate baseline and candidate (--runs each), and it prints one
// JSON line a run, with the server's CPU time per request (from
// /proc/<pid>/stat): a figure the machine's load changes less than the
// requests a second. The Lua script is benchkit.WrkCycle of the URLs'
// tails.
//
//	go run ./scripts/searchbench --base-site /tmp/main/publicsite --base-releases /tmp/rel-main \
//	    --site bin/publicsite --releases /tmp/rel-new
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
)

func main() {
	baseSite := flag.String("base-site", "", "the baseline's publicsite binary")
	baseReleases := flag.String("base-releases", "", "the baseline's --releases directory")
	site := flag.String("site", "bin/publicsite", "the candidate's publicsite binary")
	releases := flag.String("releases", "", "the candidate's --releases directory")
	wrk := flag.String("wrk", "wrk", "the wrk binary")
	d := flag.Duration("duration", 15*time.Second, "each wrk run")
	runs := flag.Int("runs", 2, "runs of each site per target")
	conns := flag.Int("connections", 64, "wrk's connections")
	only := flag.String("targets", "search,cpv,year", "the targets to run")
	flag.Parse()
	if *releases == "" {
		log.Fatal("--releases is required")
	}
	targets, err := urlTails(*releases)
	if err != nil {
		log.Fatal(err)
	}
	type server struct{ name, bin, releases string }
	servers := []server{{"candidate", *site, *releases}}
	if *baseSite != "" {
		servers = append([]server{{"baseline", *baseSite, *baseReleases}}, servers...)
	}
	children := map[string]*benchkit.Child{}
	for _, s := range servers {
		c, err := benchkit.StartChild(5*time.Minute, s.bin, benchkit.SiteAddr, "--releases", s.releases, "--addr", "127.0.0.1:0",
			"--admin", "off", "--cache-entries", "0")
		if err != nil {
			log.Fatalf("%s: %v", s.name, err)
		}
		defer c.Stop()
		children[s.name] = c
	}
	for _, target := range strings.Split(*only, ",") {
		tails := targets[target]
		if len(tails) == 0 {
			log.Fatalf("no target %q", target)
		}
		var offset int64
		for run := range *runs {
			for _, s := range servers {
				c := children[s.name]
				cpu0 := cpuSeconds(c.Cmd.Process.Pid)
				res, err := benchkit.WrkScript(*wrk, c.URL+tails[0], benchkit.WrkCycle(tails),
					[]string{"2", strconv.FormatInt(offset, 10)}, 2, *conns, *d)
				if err != nil {
					log.Fatal(err)
				}
				offset += res.Requests + int64(*conns)
				cpuMS := 0.0
				if res.Requests > 0 {
					cpuMS = (cpuSeconds(c.Cmd.Process.Pid) - cpu0) * 1000 / float64(res.Requests)
				}
				load, _ := os.ReadFile("/proc/loadavg")
				line, _ := json.Marshal(map[string]any{"target": target, "site": s.name, "run": run + 1, "urls": len(tails),
					"rps": fmt.Sprintf("%.0f", res.RPS()), "p50_ms": float64(res.P50US) / 1000, "p99_ms": float64(res.P99US) / 1000,
					"errors": res.Errors(), "requests": res.Requests, "server_cpu_ms_per_request": fmt.Sprintf("%.2f", cpuMS), "rss_mib": fmt.Sprintf("%.0f", benchkit.RSSMiB(c.Cmd.Process.Pid)),
					"loadavg": strings.Join(strings.Fields(string(load))[:3], " ")})
				fmt.Println(string(line))
			}
		}
	}
}

// urlTails are each target's URLs (path and query), read from the newest
// release under dir.
func urlTails(dir string) (map[string][]string, error) {
	ctx := context.Background()
	cur, err := filepath.EvalSymlinks(filepath.Join(dir, "current"))
	if err != nil {
		return nil, err
	}
	r, err := release.Open(ctx, cur, release.Tables)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out := map[string][]string{}
	rows, err := r.QueryContext(ctx, `SELECT supplier_name FROM supplier_names ORDER BY supplier_name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	rows.Close()
	for _, t := range benchkit.SupplierTerms(names) {
		out["search"] = append(out["search"], "/achizitii?furnizor="+url.QueryEscape(t))
	}
	rows, err = r.QueryContext(ctx, `SELECT DISTINCT left(cpv, n) FROM procurement, range(2, 9) t(n) WHERE cpv IS NOT NULL AND length(cpv) >= n ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out["cpv"] = append(out["cpv"], "/achizitii?cpv="+url.QueryEscape(c))
	}
	rows.Close()
	for _, y := range r.Years(models.DatasetProcurement, r.MainEntity()) {
		for _, o := range []string{"data_desc", "data_asc", "valoare_desc", "valoare_asc"} {
			for p := 1; p <= 20; p++ {
				out["year"] = append(out["year"], fmt.Sprintf("/achizitii?an=%d&ordine=%s&pagina=%d", y, o, p))
			}
		}
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, l := range out {
		rnd.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
	}
	return out, nil
}

// cpuSeconds is the CPU time (user and system) a process has used, from
// /proc/<pid>/stat.
func cpuSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / 100 // clock ticks (USER_HZ, 100 on Linux)
}
