package kpis

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// defaultFile is the built-in targets file: targets every deployment gets
// unless its own file says otherwise, and the demo city's objectives.
//
//go:embed default_targets.yaml
var defaultFile []byte

// DefaultFileName names the built-in file in messages.
const DefaultFileName = "kpis/default_targets.yaml (încorporat)"

// file is the YAML document: targets and objectives.
type file struct {
	Targets     []ruleYAML      `yaml:"targets"`
	Objectives  []objectiveYAML `yaml:"objectives"`
	Procurement *signalsYAML    `yaml:"procurement"`
}

type ruleYAML struct {
	KPI        string   `yaml:"kpi"`
	Entity     string   `yaml:"entity"`
	Department string   `yaml:"department"`
	Year       int      `yaml:"year"`
	Target     *float64 `yaml:"target"`
	Amber      *float64 `yaml:"amber"`
	Red        *float64 `yaml:"red"`
	Prorate    bool     `yaml:"prorate"`
}

type objectiveYAML struct {
	Title      string   `yaml:"title"`
	TitleEN    string   `yaml:"title_en"`
	Entity     string   `yaml:"entity"`
	Owner      string   `yaml:"owner"`
	Department string   `yaml:"department"`
	KPI        string   `yaml:"kpi"`
	Target     *float64 `yaml:"target"`
	Deadline   string   `yaml:"deadline"`
}

// Rule is one target: for a KPI, optionally only for one entity, one
// department and one year, the value aimed at and the two thresholds at
// which the status turns amber and red. Values are in the KPI's unit, a
// share as a fraction (the file writes it in percent). With Prorate, the
// values are for the whole year and scale with the share of it elapsed.
type Rule struct {
	KPI                string
	Entity             string
	Department         string
	Year               int
	Target, Amber, Red float64
	Prorate            bool
	Source             string // file:entry, for messages
}

// Objective is one of the institution's objectives (management by
// objectives): which department owns it, which KPI measures it (with
// Department, only that department's requests), the value to reach and
// by when.
type Objective struct {
	Title      models.Text
	Entity     string
	Owner      string
	Department string
	KPI        string
	Target     float64
	Deadline   time.Time
}

// Targets are the rules of a configured file over the built-in ones, and
// the objectives (the configured file's, else the built-in ones).
type Targets struct {
	rules, defaults []Rule
	Objectives      []Objective
	// Signals are the procurement signals' thresholds and parameters
	// (signals_settings.go): the configured file's over the built-in ones.
	Signals SignalSettings
}

// Defaults are the built-in targets alone.
func Defaults() *Targets {
	t, err := parse(DefaultFileName, defaultFile, SignalSettings{})
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return &Targets{defaults: t.rules, Objectives: t.Objectives, Signals: t.Signals}
}

// Load reads the targets file at path over the built-in targets; "" is
// the built-in targets alone.
func Load(path string) (*Targets, error) {
	d := Defaults()
	if path == "" {
		return d, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: fișierul țintelor: %v", models.ErrInvalid, err)
	}
	t, err := parse(path, b, d.Signals)
	if err != nil {
		return nil, err
	}
	t.defaults = d.defaults
	if len(t.Objectives) == 0 {
		t.Objectives = d.Objectives
	}
	return t, nil
}

// Parse reads a targets document; name is the file named in messages. Its
// procurement section applies over the built-in one.
func Parse(name string, data []byte) (*Targets, error) { return parse(name, data, Defaults().Signals) }

func parse(name string, data []byte, signals SignalSettings) (*Targets, error) {
	var f file
	if err := ingest.DecodeYAML(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", models.ErrInvalid, name, err)
	}
	t := &Targets{}
	var errs []error
	seen := map[string]string{}
	var err error
	for i, r := range f.Targets {
		where := fmt.Sprintf("%s: targets[%d]", name, i)
		rule, err := r.rule(where)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		key := fmt.Sprintf("%s|%s|%s|%d", rule.KPI, rule.Entity, rule.Department, rule.Year)
		if prev, ok := seen[key]; ok {
			errs = append(errs, fmt.Errorf("%s: aceeași țintă ca %s (kpi %s, entity %q, department %q, year %d); păstrați una", where, prev, rule.KPI, rule.Entity, rule.Department, rule.Year))
			continue
		}
		seen[key] = where
		t.rules = append(t.rules, rule)
	}
	if t.Signals, err = f.Procurement.over(name, signals); err != nil {
		errs = append(errs, err)
	}
	for i, o := range f.Objectives {
		obj, err := o.objective(fmt.Sprintf("%s: objectives[%d]", name, i))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		t.Objectives = append(t.Objectives, obj)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("%w: %v", models.ErrInvalid, err)
	}
	return t, nil
}

// kpiWithTarget is the KPI id, which must name a KPI with a direction.
// With signals, the procurement signals may be named too (a target; an
// objective names a KPI of Compute).
func kpiWithTarget(where, id string, signals bool) (models.KPI, error) {
	k, ok := models.LookupKPI(id)
	known := slices.Clone(Computed)
	if signals {
		known = append(known, SignalKPIs...)
	}
	switch {
	case ok && k.Direction == models.Neutral:
		return k, fmt.Errorf("%s: %s este un volum (nici mai mult, nici mai puțin nu e mai bine) și nu are țintă", where, id)
	case !ok || !slices.Contains(known, id):
		return k, fmt.Errorf("%s: KPI necunoscut %q; KPI-urile cu țintă sunt: %s", where, id, strings.Join(known, ", "))
	}
	return k, nil
}

// scale turns a value written in the file into the KPI's unit: percent
// into a fraction for a share.
func scale(k models.KPI, v float64) float64 {
	if k.Unit == models.UnitShare {
		return v / 100
	}
	return v
}

func (r ruleYAML) rule(where string) (Rule, error) {
	k, err := kpiWithTarget(where, r.KPI, true)
	if err != nil {
		return Rule{}, err
	}
	if r.Target == nil || r.Amber == nil || r.Red == nil {
		return Rule{}, fmt.Errorf("%s: %s cere target, amber și red", where, r.KPI)
	}
	if r.Entity != "" && !models.ValidCUI(r.Entity) {
		return Rule{}, fmt.Errorf("%s: entity %q nu este un CUI valid", where, r.Entity)
	}
	if r.Year != 0 && (r.Year < 1990 || r.Year > 2100) {
		return Rule{}, fmt.Errorf("%s: year %d: anul are patru cifre, între 1990 și 2100", where, r.Year)
	}
	t, a, red := *r.Target, *r.Amber, *r.Red
	if k.Direction == models.HigherIsBetter && !(t >= a && a >= red) {
		return Rule{}, fmt.Errorf("%s: %s crește în bine, deci pragurile merg în jos: target ≥ amber ≥ red (acum %g, %g, %g)", where, r.KPI, t, a, red)
	}
	if k.Direction == models.LowerIsBetter && !(t <= a && a <= red) {
		return Rule{}, fmt.Errorf("%s: %s scade în bine, deci pragurile merg în sus: target ≤ amber ≤ red (acum %g, %g, %g)", where, r.KPI, t, a, red)
	}
	if r.Prorate && k.Unit != models.UnitShare {
		return Rule{}, fmt.Errorf("%s: prorate se aplică doar ponderilor anuale, nu lui %s", where, r.KPI)
	}
	return Rule{KPI: r.KPI, Entity: r.Entity, Department: r.Department, Year: r.Year,
		Target: scale(k, t), Amber: scale(k, a), Red: scale(k, red), Prorate: r.Prorate, Source: where}, nil
}

func (o objectiveYAML) objective(where string) (Objective, error) {
	k, err := kpiWithTarget(where, o.KPI, false)
	if err != nil {
		return Objective{}, err
	}
	if strings.TrimSpace(o.Title) == "" {
		return Objective{}, fmt.Errorf("%s: lipsește title (obiectivul, în română)", where)
	}
	if strings.TrimSpace(o.Owner) == "" {
		return Objective{}, fmt.Errorf("%s: lipsește owner (compartimentul care răspunde de obiectiv)", where)
	}
	if o.Department != "" && !isRequestKPI(o.KPI) {
		return Objective{}, fmt.Errorf("%s: department restrânge doar indicatorii cererilor; %s este al instituției întregi", where, o.KPI)
	}
	if o.Target == nil {
		return Objective{}, fmt.Errorf("%s: lipsește target", where)
	}
	if o.Entity != "" && !models.ValidCUI(o.Entity) {
		return Objective{}, fmt.Errorf("%s: entity %q nu este un CUI valid", where, o.Entity)
	}
	d, err := time.Parse(time.DateOnly, o.Deadline)
	if err != nil {
		return Objective{}, fmt.Errorf("%s: deadline %q: scrieți data ca AAAA-LL-ZZ (2026-12-31)", where, o.Deadline)
	}
	en := o.TitleEN
	if en == "" {
		en = o.Title
	}
	return Objective{Title: models.Text{RO: o.Title, EN: en}, Entity: o.Entity, Owner: o.Owner, Department: o.Department,
		KPI: o.KPI, Target: scale(k, *o.Target), Deadline: d}, nil
}

// Rule returns the target of KPI id for an entity, department and year:
// the most specific rule of the configured file that matches (an entity
// weighs more than a department, a department more than a year), else the
// most specific built-in one; false when there is none.
func (t *Targets) Rule(id, entity, department string, year int) (Rule, bool) {
	for _, rules := range [][]Rule{t.rules, t.defaults} {
		best, score := Rule{}, -1
		for _, r := range rules {
			if r.KPI != id || (r.Entity != "" && r.Entity != entity) ||
				(r.Department != "" && r.Department != department) || (r.Year != 0 && r.Year != year) {
				continue
			}
			s := 0
			if r.Entity != "" {
				s += 4
			}
			if r.Department != "" {
				s += 2
			}
			if r.Year != 0 {
				s++
			}
			if s > score {
				best, score = r, s
			}
		}
		if score >= 0 {
			return best, true
		}
	}
	return Rule{}, false
}

// Status is where a value stands against its target. The amber and red
// thresholds are where the status turns amber and red; between the target
// and the amber threshold it is still green, "near target".
type Status int

const (
	NoTarget  Status = iota // no target configured, or no value
	OnTarget                // at or better than the target
	Near                    // worse than the target, not past the amber threshold
	Attention               // past the amber threshold, not past the red one
	Off                     // past the red threshold
)

// Class is the status's CSS class (the colour; the words always go with it).
func (s Status) Class() string {
	return [...]string{"status-none", "status-ok", "status-near", "status-amber", "status-red"}[s]
}

// Key is the status's text key (kpi.status.<key>).
func (s Status) Key() string {
	return [...]string{"none", "ok", "near", "amber", "red"}[s]
}

// Goal is a rule as it applies to one period: prorated values for a year
// in progress.
type Goal struct {
	Rule
	// Elapsed is the share of the year the values were scaled by (1: not
	// prorated, or the whole year).
	Elapsed float64
}

// For is the rule applied to a period reaching month through (1–12) of
// its year: a prorated rule is scaled by through/12.
func (r Rule) For(through int) Goal {
	g := Goal{Rule: r, Elapsed: 1}
	if r.Prorate && through > 0 && through < 12 {
		g.Elapsed = float64(through) / 12
		g.Target *= g.Elapsed
		g.Amber *= g.Elapsed
		g.Red *= g.Elapsed
	}
	return g
}

// Status places value v against the goal in the KPI's direction. At a
// threshold the better status holds: a value exactly at the amber
// threshold is still "near target".
func (g Goal) Status(v float64) Status {
	k, _ := models.LookupKPI(g.KPI)
	better := func(a, b float64) bool { // a at least as good as b
		if k.Direction == models.LowerIsBetter {
			return a <= b+1e-12
		}
		return a >= b-1e-12
	}
	switch {
	case better(v, g.Target):
		return OnTarget
	case better(v, g.Amber):
		return Near
	case better(v, g.Red):
		return Attention
	}
	return Off
}
