// Command querybench measures the queries a page makes most, on a release
// read as the site reads it now (its database file, attached read-only) and,
// as the baseline in the same run, as it was read before (the Parquet files
// copied into sorted in-memory tables: the reader of a release without
// database files). Not a unit test: run it with
// `go run ./scripts/querybench --releases DIR`.
//
// Each page is the set of reader calls its handler makes (dashboards/public):
//   - search: /achizitii?furnizor=… (totals, by procedure, by CPV division,
//     the first page of 50), every run a different term;
//   - supplier: /achizitii/furnizori/{cui} (the supplier, totals, by year,
//     the first page), every run a different supplier;
//   - cpv: /achizitii?cpv=… (as search), every run a different CPV division;
//   - first-page: /achizitii (the procedures, then as search, no filter).
//
// Runs alternate between the two readers, one query set at a time, on one
// goroutine; p50 and p99 are over --runs runs of each after --warmup. Output:
// a table on stderr and JSON on stdout, one object per figure (name, scale,
// unit, value, baseline, ratio), the benchmark suite's shape.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
)

// Figure is one measured figure against its baseline.
type Figure struct {
	Name     string  `json:"name"`
	Scale    int     `json:"scale"`
	Unit     string  `json:"unit"`
	Value    float64 `json:"value"`
	Baseline float64 `json:"baseline"`
	Ratio    float64 `json:"ratio"`
}

func main() {
	releases := flag.String("releases", "", "the releases directory (etl publish --out); its current release is measured")
	runs := flag.Int("runs", 200, "measured runs of each page's queries, per reader")
	warmup := flag.Int("warmup", 10, "unmeasured runs first")
	scale := flag.Int("scale", 0, "the demo scale the release was made at, written in the figures")
	flag.Parse()
	if *releases == "" {
		log.Fatal("querybench: --releases DIR is needed")
	}
	figures, err := run(context.Background(), *releases, *runs, *warmup, *scale)
	if err != nil {
		log.Fatal("querybench: ", err)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(figures)
}

// run opens the current release both ways and measures every page.
func run(ctx context.Context, releases string, runs, warmup, scale int) ([]Figure, error) {
	id, err := release.Current(releases)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(releases, id)
	t0 := time.Now()
	file, err := release.Open(ctx, dir, release.Tables)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	openFile := time.Since(t0)
	old, cleanup, err := withoutDatabases(dir)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	t0 = time.Now()
	mem, err := release.Open(ctx, old, release.Tables)
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	openMem := time.Since(t0)
	figures := []Figure{figure("open", scale, openFile, openMem)}

	pages, err := pageQueries(ctx, mem)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "%-12s %12s %12s %12s %12s\n", "page", "p50 file", "p50 memory", "p99 file", "p99 memory")
	for _, p := range pages {
		var tf, tm []time.Duration
		for i := -warmup; i < runs; i++ {
			for _, r := range []struct {
				db  *release.DB
				out *[]time.Duration
			}{{file, &tf}, {mem, &tm}} {
				t0 := time.Now()
				if err := p.run(ctx, r.db, i+warmup); err != nil {
					return nil, fmt.Errorf("%s: %w", p.name, err)
				}
				if i >= 0 {
					*r.out = append(*r.out, time.Since(t0))
				}
			}
		}
		f50, m50, f99, m99 := quantile(tf, 0.5), quantile(tm, 0.5), quantile(tf, 0.99), quantile(tm, 0.99)
		fmt.Fprintf(os.Stderr, "%-12s %12s %12s %12s %12s\n", p.name, f50, m50, f99, m99)
		figures = append(figures, figure(p.name+"-p50", scale, f50, m50), figure(p.name+"-p99", scale, f99, m99))
	}
	fmt.Fprintf(os.Stderr, "open: file %s, memory %s\n", openFile, openMem)
	return figures, nil
}

func figure(name string, scale int, v, base time.Duration) Figure {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	f := Figure{Name: "query-" + name, Scale: scale, Unit: "ms", Value: ms(v), Baseline: ms(base)}
	if f.Baseline > 0 {
		f.Ratio = f.Value / f.Baseline
	}
	return f
}

// quantile is benchkit's nearest-rank quantile (the suite's rule) of durations.
func quantile(ds []time.Duration, q float64) time.Duration {
	xs := make([]float64, len(ds))
	for i, d := range ds {
		xs[i] = float64(d)
	}
	return time.Duration(benchkit.Quantile(xs, q))
}

// withoutDatabases makes a directory that reads as the release published
// before the database files: its manifest without them, its public/ and
// internal/ linked.
func withoutDatabases(dir string) (string, func(), error) {
	man, err := release.ReadManifest(dir)
	if err != nil {
		return "", nil, err
	}
	man.Databases = nil
	tmp, err := os.MkdirTemp("", "querybench-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	old := filepath.Join(tmp, man.ReleaseID)
	b, err := json.Marshal(man)
	if err == nil {
		err = os.Mkdir(old, 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(old, release.ManifestFile), b, 0o644)
	}
	for _, sub := range []string{models.Public, models.Internal} {
		if err == nil {
			err = os.Symlink(filepath.Join(dir, sub), filepath.Join(old, sub))
		}
	}
	if err != nil {
		cleanup()
		return "", nil, err
	}
	return old, cleanup, nil
}

// page is the reader calls one page makes; run i varies its input.
type page struct {
	name string
	run  func(ctx context.Context, r *release.DB, i int) error
}

// pageQueries are the pages measured, their inputs drawn from the release:
// the main entity's latest year, its suppliers and CPV divisions.
func pageQueries(ctx context.Context, r *release.DB) ([]page, error) {
	buyer := r.MainEntity()
	year := r.DefaultYear(buyer)
	if ys := r.Years(models.DatasetProcurement, buyer); len(ys) > 0 {
		year = ys[len(ys)-1]
	}
	var suppliers, terms, cpvs []string
	rows, err := r.QueryContext(ctx, `SELECT supplier_cui, supplier_name FROM suppliers WHERE supplier_name IS NOT NULL ORDER BY hash(supplier_cui) LIMIT 500`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var cui, name string
		if err := rows.Scan(&cui, &name); err != nil {
			rows.Close()
			return nil, err
		}
		suppliers = append(suppliers, cui)
		// A search term as a person types it: a part of a word of the name.
		if rs := []rune(name); len(rs) > 6 {
			terms = append(terms, string(rs[len(rs)/3:len(rs)/3+5]))
		}
	}
	rows.Close()
	rows, err = r.QueryContext(ctx, `SELECT DISTINCT cpv_division FROM procurement WHERE cpv_division <> '' ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return nil, err
		}
		cpvs = append(cpvs, c)
	}
	rows.Close()
	if len(suppliers) == 0 || len(terms) == 0 || len(cpvs) == 0 {
		return nil, fmt.Errorf("the release has no suppliers or CPV codes to search")
	}
	list := func(ctx context.Context, r *release.DB, f models.ContractFilter) error {
		if _, err := r.ContractTotals(ctx, f); err != nil {
			return err
		}
		for _, d := range []models.ContractDim{models.ContractsByProcedure, models.ContractsByCPVDivision} {
			if _, err := r.ContractsBy(ctx, f, d); err != nil {
				return err
			}
		}
		f.Limit = 50
		_, err := r.Contracts(ctx, f)
		return err
	}
	return []page{
		{"search", func(ctx context.Context, r *release.DB, i int) error {
			return list(ctx, r, models.ContractFilter{Buyer: buyer, Year: year, Supplier: terms[i%len(terms)], Sort: models.SortDateDesc})
		}},
		{"supplier", func(ctx context.Context, r *release.DB, i int) error {
			cui := suppliers[i%len(suppliers)]
			if _, err := r.Supplier(ctx, cui); err != nil {
				return err
			}
			f := models.ContractFilter{SupplierCUI: cui, Sort: models.SortDateDesc}
			if _, err := r.ContractTotals(ctx, f); err != nil {
				return err
			}
			if _, err := r.ContractsByYear(ctx, f); err != nil {
				return err
			}
			f.Limit = 50
			_, err := r.Contracts(ctx, f)
			return err
		}},
		{"cpv", func(ctx context.Context, r *release.DB, i int) error {
			return list(ctx, r, models.ContractFilter{Buyer: buyer, Year: year, CPV: cpvs[i%len(cpvs)], Sort: models.SortDateDesc})
		}},
		{"first-page", func(ctx context.Context, r *release.DB, i int) error {
			if _, err := r.Procedures(ctx); err != nil {
				return err
			}
			return list(ctx, r, models.ContractFilter{Buyer: buyer, Year: year, Sort: models.SortDateDesc})
		}},
	}, nil
}
