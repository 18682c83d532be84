// Command termcost measures what each supplier term of /achizitii costs the
// release reader (issue 14: "find the tail"): the calls the page makes for
// the main entity's latest year (ContractTotals, ContractsBy procedure and
// CPV division, the first page of 50), each term once with an empty answer
// memo, every term a fragment of 4 to 6 letters of a supplier name (the
// terms searchbench sends). It prints the distribution, the costliest terms
// with the names and rows they match, and the Go runtime's GC figures of
// the run (runtime/metrics). Not a unit test:
//
//	go run ./scripts/termcost --releases DIR [--terms N] [--workers 1]
package main

import (
	"context"
	"flag"
	"fmt"
	"index/suffixarray"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
)

type cost struct {
	term  string
	d     time.Duration
	names int
	rows  int64
}

func main() {
	releases := flag.String("releases", "", "the releases directory; its current release is measured")
	n := flag.Int("terms", 3000, "terms measured (a shuffled sample of all)")
	workers := flag.Int("workers", 1, "goroutines asking at once (64 connections on 2 cores queue on GOMAXPROCS)")
	top := flag.Int("top", 15, "costliest terms listed")
	repeat := flag.Int("repeat", 1, "times the terms are asked (each a new filter: the memo keeps 256)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the measured calls to this file")
	memprofile := flag.String("memprofile", "", "write an allocation profile of the run to this file")
	flag.Parse()
	ctx := context.Background()
	cur, err := filepath.EvalSymlinks(filepath.Join(*releases, "current"))
	if err != nil {
		log.Fatal(err)
	}
	t0 := time.Now()
	r, err := release.Open(ctx, cur, release.Tables)
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	fmt.Printf("open: %s\n", time.Since(t0).Round(time.Millisecond))
	var folded, names []string
	rows, err := r.QueryContext(ctx, `SELECT supplier_name, folded FROM supplier_names ORDER BY supplier_name`)
	if err != nil {
		log.Fatal(err)
	}
	for rows.Next() {
		var name, f string
		if err := rows.Scan(&name, &f); err != nil {
			log.Fatal(err)
		}
		folded, names = append(folded, f), append(names, name)
	}
	rows.Close()
	terms := benchkit.SupplierTerms(names)
	// The name index's bare cost (what readSupplierIndex builds at open:
	// index/suffixarray over the folded names joined by NUL).
	var heap0, heap1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&heap0)
	t1 := time.Now()
	text := []byte(strings.Join(folded, "\x00") + "\x00")
	sa := suffixarray.New(text)
	built := time.Since(t1)
	runtime.GC()
	runtime.ReadMemStats(&heap1)
	fmt.Printf("name index: %d names, %d bytes of text, built in %s, %.1f MiB held\n", len(folded), len(text), built.Round(time.Microsecond),
		float64(heap1.HeapAlloc-heap0.HeapAlloc)/(1<<20))
	runtime.KeepAlive(sa)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(terms), func(i, j int) { terms[i], terms[j] = terms[j], terms[i] })
	if len(terms) > *n {
		terms = terms[:*n]
	}
	buyer := r.MainEntity()
	year := r.DefaultYear(buyer)
	if ys := r.Years(models.DatasetProcurement, buyer); len(ys) > 0 {
		year = ys[len(ys)-1]
	}
	fmt.Printf("%d supplier names, %d terms, buyer %s year %d, %d workers, GOMAXPROCS %d\n", len(folded), len(terms), buyer, year, *workers, runtime.GOMAXPROCS(0))
	if *repeat > 1 {
		all := terms
		for k := 1; k < *repeat; k++ {
			// Again in the same order: more terms than the memo's 256
			// entries, so each is asked anew.
			all = append(all, terms...)
		}
		terms = all
	}
	costs := make([]cost, len(terms))
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	var gc0 = gcSample()
	var wg sync.WaitGroup
	next := make(chan int)
	start := time.Now()
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := models.ContractFilter{Buyer: buyer, Year: year, Supplier: terms[i], Sort: models.SortDateDesc, Limit: 50}
				t := time.Now()
				tot, err := r.ContractTotals(ctx, f)
				if err == nil {
					_, err = r.ContractsBy(ctx, f, models.ContractsByProcedure)
				}
				if err == nil {
					_, err = r.ContractsBy(ctx, f, models.ContractsByCPVDivision)
				}
				if err == nil {
					_, err = r.Contracts(ctx, f)
				}
				if err != nil {
					log.Fatal(terms[i], ": ", err)
				}
				costs[i] = cost{term: terms[i], d: time.Since(t), rows: tot.Rows}
			}
		}()
	}
	for i := range terms {
		next <- i
	}
	close(next)
	wg.Wait()
	wall := time.Since(start)
	if *memprofile != "" {
		f, err := os.Create(*memprofile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.Lookup("allocs").WriteTo(f, 0)
		f.Close()
	}
	gc1 := gcSample()
	for i := range costs {
		for _, f := range folded {
			if strings.Contains(f, costs[i].term) {
				costs[i].names++
			}
		}
	}
	ds := make([]float64, len(costs))
	var sum time.Duration
	for i, c := range costs {
		ds[i], sum = float64(c.d), sum+c.d
	}
	q := func(p float64) time.Duration { return time.Duration(benchkit.Quantile(ds, p)).Round(time.Microsecond) }
	fmt.Printf("per term (4 reader calls): p50 %s p90 %s p99 %s max %s; wall %s, %.0f terms/s\n", q(0.5), q(0.9), q(0.99), q(1), wall.Round(time.Millisecond), float64(len(costs))/wall.Seconds())
	slices.SortFunc(costs, func(a, b cost) int { return int(b.d - a.d) })
	var topSum time.Duration
	for i := 0; i < len(costs)/100; i++ {
		topSum += costs[i].d
	}
	fmt.Printf("the costliest 1%% of terms: %.1f%% of the time\n", 100*float64(topSum)/float64(sum))
	for _, c := range costs[:min(*top, len(costs))] {
		fmt.Printf("  %-8s %8s  %6d names  %7d rows\n", c.term, c.d.Round(time.Microsecond), c.names, c.rows)
	}
	// Correlation with rows: the mean cost of terms by rows matched.
	buckets := []int64{0, 10, 100, 1000, 10000, 1 << 62}
	for b := 0; b+1 < len(buckets); b++ {
		var n int
		var s time.Duration
		for _, c := range costs {
			if c.rows >= buckets[b] && c.rows < buckets[b+1] {
				n, s = n+1, s+c.d
			}
		}
		if n > 0 {
			fmt.Printf("  rows in [%d, %d): %5d terms, mean %s\n", buckets[b], buckets[b+1], n, (s / time.Duration(n)).Round(time.Microsecond))
		}
	}
	fmt.Printf("GC: %d cycles, %.1f MiB allocated (%.1f KiB a term), pauses total %s, max pause bucket %s\n",
		gc1.cycles-gc0.cycles, float64(gc1.alloc-gc0.alloc)/(1<<20), float64(gc1.alloc-gc0.alloc)/1024/float64(len(costs)),
		time.Duration(gc1.pauseSum-gc0.pauseSum), time.Duration(gc1.pauseMax))
}

type gcStats struct {
	cycles, alloc      uint64
	pauseSum, pauseMax float64
}

func gcSample() gcStats {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/heap/allocs:bytes"}, {Name: "/sched/pauses/total/gc:seconds"}}
	metrics.Read(s)
	out := gcStats{cycles: s[0].Value.Uint64(), alloc: s[1].Value.Uint64()}
	h := s[2].Value.Float64Histogram()
	for i, c := range h.Counts {
		if c > 0 {
			mid := h.Buckets[i]
			if i+1 < len(h.Buckets) && !isInf(h.Buckets[i+1]) {
				mid = h.Buckets[i+1]
			}
			out.pauseSum += float64(c) * mid * 1e9
			out.pauseMax = mid * 1e9
		}
	}
	return out
}

func isInf(f float64) bool { return f > 1e300 || f < -1e300 }
