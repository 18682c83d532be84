package kpis

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
)

func TestStatusInBothDirections(t *testing.T) {
	tg, err := Parse("t.yaml", []byte(`targets:
  - {kpi: requests-within-term-share, target: 95, amber: 90, red: 80}
  - {kpi: requests-median-days, target: 10, amber: 15, red: 20}
`))
	if err != nil {
		t.Fatal(err)
	}
	higher, ok := tg.Rule(models.KPIRequestsWithinTerm, city, "", 2026)
	if !ok {
		t.Fatal("no rule for the share within term")
	}
	lower, _ := tg.Rule(models.KPIRequestsMedianDays, city, "", 2026)
	cases := []struct {
		rule Rule
		v    float64
		want Status
	}{
		// Higher is better (a share, written in percent in the file).
		{higher, 0.99, OnTarget}, {higher, 0.95, OnTarget}, {higher, 0.93, Near}, {higher, 0.90, Near},
		{higher, 0.85, Attention}, {higher, 0.80, Attention}, {higher, 0.79, Off},
		// Lower is better (days).
		{lower, 3, OnTarget}, {lower, 10, OnTarget}, {lower, 12, Near}, {lower, 15, Near},
		{lower, 18, Attention}, {lower, 20, Attention}, {lower, 21, Off},
	}
	for _, c := range cases {
		if got := c.rule.For(12).Status(c.v); got != c.want {
			t.Errorf("%s = %g: %s, want %s", c.rule.KPI, c.v, got.Key(), c.want.Key())
		}
	}
}

// A prorated target scales with the share of the year elapsed: 95 % of
// the year's appropriations by December is 23,75 % after March.
func TestProratedTargetFollowsTheYear(t *testing.T) {
	r, ok := Defaults().Rule(models.KPIExecutionRate, city, "", 2026)
	if !ok || !r.Prorate {
		t.Fatalf("built-in execution target: %+v", r)
	}
	g := r.For(3)
	if g.Elapsed != 0.25 || g.Target < 0.2374 || g.Target > 0.2376 {
		t.Fatalf("after March: %+v", g)
	}
	if g.Status(400.0/1500) != OnTarget || g.Status(0.15) != Off {
		t.Errorf("26,67 %% after March is on target, 15 %% off: %s, %s", g.Status(400.0/1500).Key(), g.Status(0.15).Key())
	}
	if r.For(12).Target != 0.95 {
		t.Errorf("whole year: %+v", r.For(12))
	}
}

// A rule of the configured file for one entity, department or year wins
// over a general one, and over the built-in defaults.
func TestMostSpecificRuleWins(t *testing.T) {
	p := filepath.Join(t.TempDir(), "tinte.yaml")
	os.WriteFile(p, []byte(`targets:
  - {kpi: requests-within-term-share, target: 90, amber: 85, red: 70}
  - {kpi: requests-within-term-share, year: 2026, target: 91, amber: 85, red: 70}
  - {kpi: requests-within-term-share, department: Direcția Urbanism, target: 80, amber: 70, red: 60}
  - {kpi: requests-within-term-share, entity: "4270740", department: Direcția Urbanism, year: 2026, target: 75, amber: 70, red: 60}
`), 0o644)
	tg, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		entity, dept string
		year         int
		want         float64
	}{
		{"", "", 2025, 0.90}, {"", "", 2026, 0.91}, {city, "Direcția Urbanism", 2025, 0.80},
		{city, "Direcția Urbanism", 2026, 0.75}, {"4267117", "Direcția Urbanism", 2026, 0.80},
	}
	for _, c := range cases {
		r, _ := tg.Rule(models.KPIRequestsWithinTerm, c.entity, c.dept, c.year)
		if r.Target != c.want {
			t.Errorf("%s %q %d: target %g (%s), want %g", c.entity, c.dept, c.year, r.Target, r.Source, c.want)
		}
	}
	// The file says nothing of personnel: the built-in target holds.
	if r, ok := tg.Rule(models.KPIPersonnelShare, city, "", 2026); !ok || r.Target != 0.45 || !strings.Contains(r.Source, "default_targets") {
		t.Errorf("personnel share: %+v", r)
	}
	// Without objectives of its own, the file keeps the built-in ones.
	if len(tg.Objectives) == 0 {
		t.Error("objectives lost")
	}
}

func TestTargetsFileErrorsSayWhatToChange(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"unknown KPI", "targets:\n  - {kpi: budget-happiness, target: 1, amber: 1, red: 1}\n",
			`t.yaml: targets[0]: KPI necunoscut "budget-happiness"; KPI-urile cu țintă sunt: execution-rate, revenue-collection-rate`},
		{"a volume has no target", "targets:\n  - {kpi: contracts-count, target: 1, amber: 1, red: 1}\n",
			"t.yaml: targets[0]: contracts-count este un volum"},
		{"thresholds out of order, higher is better", "targets:\n  - {kpi: fiscal-autonomy, target: 50, amber: 60, red: 30}\n",
			"t.yaml: targets[0]: fiscal-autonomy crește în bine, deci pragurile merg în jos: target ≥ amber ≥ red (acum 50, 60, 30)"},
		{"thresholds out of order, lower is better", "targets:\n  - {kpi: personnel-share, target: 45, amber: 40, red: 60}\n",
			"t.yaml: targets[0]: personnel-share scade în bine, deci pragurile merg în sus: target ≤ amber ≤ red (acum 45, 40, 60)"},
		{"missing threshold", "targets:\n  - {kpi: fiscal-autonomy, target: 50}\n", "fiscal-autonomy cere target, amber și red"},
		{"unknown key, with its line", "targets:\n  - kpi: fiscal-autonomy\n    target: 50\n    amber: 40\n    rosu: 30\n", `t.yaml: [5:5] unknown field "rosu"`},
		{"bad entity", "targets:\n  - {kpi: fiscal-autonomy, entity: '123', target: 50, amber: 40, red: 30}\n", `entity "123" nu este un CUI valid`},
		{"duplicate", "targets:\n  - {kpi: fiscal-autonomy, target: 50, amber: 40, red: 30}\n  - {kpi: fiscal-autonomy, target: 55, amber: 40, red: 30}\n",
			"t.yaml: targets[1]: aceeași țintă ca t.yaml: targets[0]"},
		{"prorate of days", "targets:\n  - {kpi: requests-median-days, target: 10, amber: 15, red: 20, prorate: true}\n", "prorate se aplică doar ponderilor anuale"},
		{"objective deadline", "objectives:\n  - {title: X, owner: D, kpi: fiscal-autonomy, target: 50, deadline: 31.12.2026}\n",
			`t.yaml: objectives[0]: deadline "31.12.2026": scrieți data ca AAAA-LL-ZZ (2026-12-31)`},
		{"objective owner", "objectives:\n  - {title: X, kpi: fiscal-autonomy, target: 50, deadline: 2026-12-31}\n", "lipsește owner"},
		{"objective department of a budget KPI", "objectives:\n  - {title: X, owner: D, department: D, kpi: fiscal-autonomy, target: 50, deadline: 2026-12-31}\n",
			"department restrânge doar indicatorii cererilor"},
	}
	for _, c := range cases {
		_, err := Parse("t.yaml", []byte(c.doc))
		if err == nil || !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v\nwant %q", c.name, err, c.want)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "nu-exista.yaml")); err == nil || !strings.Contains(err.Error(), "fișierul țintelor") {
		t.Errorf("a missing file: %v", err)
	}
}

// The built-in file parses, and every KPI it targets is one Compute computes.
func TestDefaultTargets(t *testing.T) {
	d := Defaults()
	for _, id := range []string{models.KPIExecutionRate, models.KPIRevenueCollection, models.KPIPersonnelShare,
		models.KPICapitalShare, models.KPIFiscalAutonomy, models.KPIRequestsWithinTerm, models.KPIRequestsOpenOverdue} {
		if _, ok := d.Rule(id, city, "", 2026); !ok {
			t.Errorf("no built-in target for %s", id)
		}
	}
	if len(d.Objectives) < 3 {
		t.Errorf("built-in objectives: %d", len(d.Objectives))
	}
}
