package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Figure is one measured figure against its baseline of the same run: one
// JSON object of bench/results/<date>.json. Ratio is how many times the
// baseline's cost the figure is, whatever the unit: value/baseline for a
// time or a memory (lower is better), baseline/value for a rate (higher is
// better). Above 1 the measured side is worse than its baseline.
type Figure struct {
	Name     string  `json:"name"`
	Scale    int     `json:"scale"`
	Unit     string  `json:"unit"`
	Value    float64 `json:"value"`
	Baseline float64 `json:"baseline"`
	Ratio    float64 `json:"ratio"`
	// Better says which way the value improves: "lower" or "higher".
	Better string `json:"better"`
	// Measured and Against name the two sides.
	Measured string `json:"measured"`
	Against  string `json:"against"`
	// Runs is the number of runs the median (or quantile) is taken over.
	Runs   int    `json:"runs"`
	Errors *int64 `json:"errors,omitempty"`          // serve: failed requests of the measured side
	BaseEr *int64 `json:"baseline_errors,omitempty"` // and of the baseline
	Note   string `json:"note,omitempty"`
}

// units whose higher values are better.
var rates = map[string]bool{"rows/s": true, "requests/s": true, "MiB/s": true}

// newFigure fills Better and Ratio from the unit.
func newFigure(name string, scale int, unit string, value, baseline float64, runs int, measured, against string) Figure {
	f := Figure{Name: name, Scale: scale, Unit: unit, Value: round3(value), Baseline: round3(baseline), Runs: runs, Measured: measured, Against: against, Better: "lower"}
	if rates[unit] {
		f.Better = "higher"
	}
	switch {
	case f.Better == "lower" && baseline > 0:
		f.Ratio = round3(value / baseline)
	case f.Better == "higher" && value > 0:
		f.Ratio = round3(baseline / value)
	}
	return f
}

func round3(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	// three significant decimals for small numbers, none lost for large
	p := math.Pow(10, math.Max(0, 3-math.Floor(math.Log10(math.Abs(x)))))
	return math.Round(x*p) / p
}

// Run is what one `make bench` measured, and where.
type Run struct {
	Started  time.Time
	Finished time.Time
	Scales   []int
	Machine  string // cores, load
	Commit   string
	Notes    []string
	Figures  []Figure
}

// write writes dir/<date>.json (the figures) and dir/<date>.md (the
// summary), returning the two paths.
func (r *Run) write(dir string) (string, string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	date := r.Started.UTC().Format("2006-01-02")
	js, md := filepath.Join(dir, date+".json"), filepath.Join(dir, date+".md")
	b, err := json.MarshalIndent(r.Figures, "", "  ")
	if err != nil {
		return "", "", err
	}
	if err := os.WriteFile(js, append(b, '\n'), 0o644); err != nil {
		return "", "", err
	}
	var sb strings.Builder
	r.summary(&sb)
	return js, md, os.WriteFile(md, []byte(sb.String()), 0o644)
}

// summary is the readable table: one row per figure, grouped by benchmark,
// the ratios worse than 1.5x marked, then the run's notes.
func (r *Run) summary(w io.Writer) {
	fmt.Fprintf(w, "# Benchmark suite, %s\n\n", r.Started.UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "Scales %s; %s; commit %s; %s in all.\n\n", joinInts(r.Scales), r.Machine, r.Commit, r.Finished.Sub(r.Started).Round(time.Second))
	fmt.Fprintln(w, "Ratio: how many times its baseline's cost a figure is (value/baseline for times and memory, baseline/value for rates); **bold** when worse than 1.5x.")
	r.tables(w)
	if len(r.Notes) > 0 {
		fmt.Fprintln(w, "\n## Notes")
		for _, n := range r.Notes {
			fmt.Fprintf(w, "\n- %s", n)
		}
		fmt.Fprintln(w)
	}
}

// tables are the summary's tables, one per benchmark, each followed by
// what its figures measured against what.
func (r *Run) tables(w io.Writer) {
	group := ""
	var sides []string
	flush := func() {
		if len(sides) > 0 {
			fmt.Fprintln(w)
		}
		for _, x := range sides {
			fmt.Fprintf(w, "- %s\n", x)
		}
		sides = nil
	}
	seen := map[string]bool{}
	for _, f := range byBenchmark(r.Figures) {
		g, rest, _ := strings.Cut(f.Name, "/")
		if g != group {
			flush()
			group = g
			fmt.Fprintf(w, "\n## %s\n\n| figure | scale | value | baseline | ratio | runs | errors |\n|---|---:|---:|---:|---:|---:|---:|\n", g)
		}
		ratio := ratioText(f.Ratio)
		if f.Ratio > 1.5 {
			ratio = "**" + ratio + "**"
		}
		errs := ""
		if f.Errors != nil {
			errs = fmt.Sprintf("%d (baseline %d)", *f.Errors, *f.BaseEr)
		}
		fmt.Fprintf(w, "| %s | %d | %s %s | %s %s | %s | %d | %s |\n", rest, f.Scale, num(f.Value), f.Unit, num(f.Baseline), f.Unit, ratio, f.Runs, errs)
		id := rest // the page, query or dataset: the name without its measure
		if i := strings.LastIndex(rest, "/"); i > 0 {
			id = rest[:i]
		}
		side := fmt.Sprintf("%s at scale %d: %s, against %s", id, f.Scale, f.Measured, f.Against)
		if f.Note != "" {
			side += "; " + f.Note
		}
		if !seen[side] {
			seen[side] = true
			sides = append(sides, side)
		}
	}
	flush()
}

// ratioText is a ratio as the summary shows it: two decimals, and below
// 0.1 as one over how many times faster than the baseline it is (an
// aggregate read from memory is 1/2706x, never "0.00x").
func ratioText(r float64) string {
	if r > 0 && r < 0.095 {
		return "1/" + num(1/r) + "x"
	}
	return fmt.Sprintf("%.2fx", r)
}

func num(x float64) string {
	switch {
	case x >= 1000:
		return fmt.Sprintf("%.0f", x)
	case x >= 10:
		return fmt.Sprintf("%.1f", x)
	default:
		return fmt.Sprintf("%.3g", x)
	}
}

func joinInts(xs []int) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprint(x))
	}
	return strings.Join(s, ", ")
}

// benchmarks is the order of the summary's sections.
var benchmarks = []string{"ingest", "publish", "queries", "serve"}

// byBenchmark orders the figures for the summary: by benchmark, then each
// figure at every scale together (so a reader sees how its cost grows),
// keeping the order the suite measured them in otherwise.
func byBenchmark(figs []Figure) []Figure {
	out := slices.Clone(figs)
	first := map[string]int{}
	for i, f := range figs {
		if _, ok := first[f.Name]; !ok {
			first[f.Name] = i
		}
	}
	group := func(f Figure) int {
		g, _, _ := strings.Cut(f.Name, "/")
		if i := slices.Index(benchmarks, g); i >= 0 {
			return i
		}
		return len(benchmarks)
	}
	slices.SortStableFunc(out, func(a, b Figure) int {
		return cmp.Or(cmp.Compare(group(a), group(b)), cmp.Compare(first[a.Name], first[b.Name]), cmp.Compare(a.Scale, b.Scale))
	})
	return out
}

// rewriteSummary writes the tables of a results file's summary again from
// its JSON (the figures), keeping the summary's header and notes: what
// `benchsuite summary FILE.json` does after the layout of the tables changes.
func rewriteSummary(js string) error {
	b, err := os.ReadFile(js)
	if err != nil {
		return err
	}
	var figs []Figure
	if err := json.Unmarshal(b, &figs); err != nil {
		return err
	}
	md := strings.TrimSuffix(js, ".json") + ".md"
	old, err := os.ReadFile(md)
	if err != nil {
		return err
	}
	text := string(old)
	head, _, ok := strings.Cut(text, "\n## ")
	_, notes, hasNotes := strings.Cut(text, "\n## Notes\n")
	if !ok {
		return fmt.Errorf("%s: no section to rewrite", md)
	}
	var sb strings.Builder
	sb.WriteString(head)
	(&Run{Figures: figs}).tables(&sb)
	if hasNotes {
		sb.WriteString("\n## Notes\n" + notes)
	}
	return os.WriteFile(md, []byte(sb.String()), 0o644)
}
