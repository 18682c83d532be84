package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// The first screen's KPIs against their targets, on the hand-worked
// fixture of package kpis (kpis/testdata/fixture/README.md): a real
// release, a real server, the page read back as HTML.

// kpiFixture publishes the fixture and adds ana (admin) and dana (director
// of Direcția Urbanism).
func kpiFixture(t *testing.T) (releases, state, db string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "w.duckdb")
	w, err := warehouse.Open(context.Background(), db, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	dir := "../../kpis/testdata/fixture"
	for _, f := range []struct{ dataset, name string }{
		{models.DatasetEntities, "entities.csv"}, {models.DatasetBudget, "budget-2025-03.csv"},
		{models.DatasetBudget, "budget-2026-01.csv"}, {models.DatasetBudget, "budget-2026-03.csv"},
		{models.DatasetInvestments, "investments.csv"}, {models.DatasetRequests, "requests.csv"},
	} {
		loadFile(t, w, f.dataset, filepath.Join(dir, f.name))
	}
	releases = t.TempDir()
	if _, err := w.Publish(context.Background(), release.Options{Out: releases, Now: func() time.Time { return time.Date(2026, 4, 10, 8, 0, 0, 0, time.UTC) }}); err != nil {
		t.Fatal(err)
	}
	state = filepath.Join(t.TempDir(), "state")
	for _, a := range [][]string{
		{"add", "ana", "--role", "admin"},
		{"add", "dana", "--role", "director", "--entity", "4270740", "--department", "Direcția Urbanism"},
	} {
		if code, out := usersCmd(t, testPassword+"\n", append(a, "--releases", releases, "--state", state)...); code != 0 {
			t.Fatalf("users %v: %d %s", a, code, out)
		}
	}
	return releases, state, db
}

// card is the text of the target card of KPI id.
func card(t *testing.T, doc *node, id string) (string, *node) {
	t.Helper()
	for _, c := range all(doc, "div.kpi-target") {
		if first(c, `data[data-kpi=`+id+`]`) != nil {
			return textOf(c), c
		}
	}
	t.Fatalf("no card for %s", id)
	return "", nil
}

func mustContain(t *testing.T, what, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("%s: %q missing from\n%s", what, p, text)
		}
	}
}

func TestFirstScreenKPIsAgainstTargets(t *testing.T) {
	releases, state, _ := kpiFixture(t)
	d := startDashboards(t, releases, state) // the clock: 23.11.2026
	c := newClient(t, d.base)
	if resp, _ := c.signIn("ana", testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	resp, body := c.get("/admin?an=2026")
	if resp.StatusCode != 200 {
		t.Fatalf("/admin: %d\n%s", resp.StatusCode, body)
	}
	if strings.Contains(body, " style=") || strings.Contains(body, "<script>") {
		t.Error("inline style or script on the first screen (the CSP forbids them)")
	}
	doc := parseHTML(t, body)

	// Execution: 400 of 1.500 after March, against 95 % of the year × 3/12.
	// February has no report; March 2025 was 220 of 1.000.
	text, n := card(t, doc, "execution-rate")
	mustContain(t, "execution", text, "26,7 %", "Țintă: 23,8 % (95,0 % pe tot anul, 3/12 din an)", "Stare: în țintă",
		"Față de februarie 2026: – (nu există raport de execuție pentru februarie 2026)",
		"Față de aceeași perioadă, ian.–mar. 2025: +4,7 p.p.")
	if v, _ := attr(first(n, "data"), "value"); v != "0.2667" {
		t.Errorf("execution raw value %q", v)
	}
	if !hasClass(n, "status-ok") {
		t.Error("the execution card is not coloured as on target")
	}
	// Its sparkline, and the table beside it, with the month without a report.
	if first(n, "svg.sparkline polyline") != nil {
		t.Error("a line is drawn across February, which has no report")
	}
	if len(all(n, "svg.sparkline circle")) != 2 || first(n, "svg title") == nil {
		t.Errorf("sparkline: %d points", len(all(n, "svg.sparkline circle")))
	}
	mustContain(t, "execution table", textOf(first(n, "table.spark-table")), "ian.10,0 %", "feb.– (nu există raport de execuție pentru februarie 2026)", "mar.26,7 %")

	// Lower is better: personnel 250 of 400 is past the red threshold (60 %).
	text, n = card(t, doc, "personnel-share")
	mustContain(t, "personnel", text, "62,5 %", "Țintă: 45,0 %", "Stare: departe de țintă", "ian.–mar. 2025: −28,4 p.p.")
	if !hasClass(n, "status-red") {
		t.Error("personnel is not coloured red")
	}
	text, _ = card(t, doc, "fiscal-autonomy")
	mustContain(t, "autonomy", text, "75,0 %", "Stare: în țintă", "ian.–mar. 2025: +25,0 p.p.")
	text, _ = card(t, doc, "revenue-collection-rate")
	mustContain(t, "collection", text, "40,0 %", "Țintă: 23,8 %")

	// The chapter without appropriations: "–" with the reason, never 0 %.
	row := first(doc, `tr[data-chapter=67.02]`)
	if row == nil {
		t.Fatal("no row for chapter 67.02")
	}
	mustContain(t, "chapter 67", textOf(row), "– (fără credite sau prevederi: numitorul este zero)")
	mustContain(t, "chapter 65", textOf(first(doc, `tr[data-chapter=65.02]`)), "25,0 %", "în țintă")

	// Requests: 2 of 4 within term (the one open past its term is late);
	// by February 1 of 3; the same months of 2025, 1 of 2.
	text, n = card(t, doc, "requests-within-term-share")
	mustContain(t, "within term", text, "50,0 %", "Țintă: 95,0 %", "Stare: departe de țintă",
		"Față de februarie 2026: +16,7 p.p.", "Față de aceeași perioadă, ian.–mar. 2025: 0,0 p.p.")
	if len(all(n, "svg.sparkline polyline")) != 1 {
		t.Error("within term: no sparkline")
	}
	text, _ = card(t, doc, "requests-open-overdue")
	mustContain(t, "overdue", text, "Țintă: 0", "Stare: aproape de țintă", "Față de perioada anterioară: – (registrul dă starea doar la data exportului)",
		"După luna înregistrării, ian.–mar. 2026", "feb.1")
	text, _ = card(t, doc, "requests-median-days")
	mustContain(t, "median", text, "30 de zile", "Țintă: 10 zile", "2025 nu acoperă aceleași luni")

	// The objectives (the built-in ones, for the main entity), today 23.11.2026.
	obj := all(doc, "tr[data-objective]")
	if len(obj) != 4 {
		t.Fatalf("%d objectives, want the 4 built-in ones", len(obj))
	}
	mustContain(t, "Urbanism's objective", textOf(obj[0]), "Direcția Urbanism", "33,3 % (ian.–mar. 2026)", "95,0 %", "31.12.2026", "în lucru, 38 de zile rămase")

	// English.
	_, body = c.get("/en/admin?an=2026")
	doc = parseHTML(t, body)
	text, _ = card(t, doc, "execution-rate")
	mustContain(t, "execution (en)", text, "26.7%", "Target: 23.8% (95.0% for the whole year, 3/12 of the year)", "Status: on target",
		"Against February 2026: – (there is no execution report for February 2026)", "Against the same period, Jan–Mar 2025: +4.7 pp")
	mustContain(t, "objectives (en)", textOf(first(doc, "table.objectives")), "in progress, 38 days left")

	// A director of one department: its requests, no monthly trend by
	// department; its objective only.
	dana := newClient(t, d.base)
	dana.signIn("dana", testPassword)
	_, body = dana.get("/admin?an=2026")
	doc = parseHTML(t, body)
	text, _ = card(t, doc, "requests-within-term-share")
	mustContain(t, "Urbanism", text, "33,3 %", "Fără evoluție lunară: datele dau cifra doar pe an")
	if obj := all(doc, "tr[data-objective]"); len(obj) != 1 || !strings.Contains(textOf(obj[0]), "urbanism") {
		t.Errorf("dana's objectives: %d", len(obj))
	}
}

// The KPIs are kept per release: a new release shows its own figures, and
// every new KPI is defined on the methodology page.
func TestFirstScreenFollowsTheNewRelease(t *testing.T) {
	releases, state, db := kpiFixture(t)
	d := startDashboards(t, releases, state, "--reload", "20ms")
	c := newClient(t, d.base)
	c.signIn("ana", testPassword)
	_, body := c.get("/admin?an=2026")
	text, _ := card(t, parseHTML(t, body), "execution-rate")
	mustContain(t, "first release", text, "26,7 %")

	// A revised March report: chapter 65 paid 550, so 700 of 1.500.
	w, err := warehouse.Open(context.Background(), db, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	revised := filepath.Join(t.TempDir(), "2026-03-rectificat.csv")
	b, _ := os.ReadFile("../../kpis/testdata/fixture/budget-2026-03.csv")
	os.WriteFile(revised, []byte(strings.ReplaceAll(strings.ReplaceAll(string(b), "2026-04-08", "2026-04-20"), "1000.00,1000.00,250.00,250.00", "1000.00,1000.00,550.00,550.00")), 0o644)
	loadFile(t, w, models.DatasetBudget, revised)
	_, err = w.Publish(context.Background(), release.Options{Out: releases, Now: func() time.Time { return time.Date(2026, 4, 21, 8, 0, 0, 0, time.UTC) }})
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, body = c.get("/admin?an=2026"); strings.Contains(body, `value="0.4667"`) {
			break
		}
	}
	text, _ = card(t, parseHTML(t, body), "execution-rate")
	mustContain(t, "new release", text, "46,7 %")

	_, body = get(t, d.base+"/metodologie")
	mustContain(t, "methodology", body, "Autonomie fiscală", "Legii nr. 273/2006", "Ponderea cheltuielilor de personal",
		"Ponderea cheltuielilor de capital", "Grad de încasare a veniturilor", "partea scursă din an")
	_, body = get(t, d.base+"/en/metodologie")
	mustContain(t, "methodology (en)", body, "Fiscal autonomy", "Personnel spending share", "Capital spending share", "Revenue collection rate")
}

// The targets file named in the configuration: its rules win over the
// built-in ones, its objectives replace them; a bad file stops the server
// with the file, the line and what to change.
func TestKPITargetsFromTheConfiguration(t *testing.T) {
	releases, state, _ := kpiFixture(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "tinte.yaml")
	os.WriteFile(good, []byte(`targets:
  - {kpi: personnel-share, entity: "4270740", target: 65, amber: 70, red: 80}
objectives:
  - {title: Personal sub 65 %, owner: Direcția Economică, kpi: personnel-share, target: 65, deadline: 2026-12-31}
`), 0o644)
	cfg := filepath.Join(dir, "site.yaml")
	os.WriteFile(cfg, []byte("kpi_targets: "+good+"\n"), 0o644)
	d := startDashboards(t, releases, state, "--config", cfg)
	c := newClient(t, d.base)
	c.signIn("ana", testPassword)
	_, body := c.get("/admin?an=2026")
	doc := parseHTML(t, body)
	text, _ := card(t, doc, "personnel-share")
	mustContain(t, "personnel", text, "Țintă: 65,0 %", "Stare: în țintă")
	text, _ = card(t, doc, "capital-share")
	mustContain(t, "capital (built-in)", text, "Țintă: 15,0 %")
	if obj := all(doc, "tr[data-objective]"); len(obj) != 1 || !strings.Contains(textOf(obj[0]), "atins") {
		t.Errorf("objectives from the file: %d", len(obj))
	}

	bad := filepath.Join(dir, "rele.yaml")
	os.WriteFile(bad, []byte("targets:\n  - kpi: personnel-share\n    target: 45\n    amber: 40\n    red: 60\n  - {kpi: budget-happiness, target: 1, amber: 1, red: 1}\n"), 0o644)
	for _, c := range []struct{ args []string }{{[]string{"--kpi-targets", bad}}} {
		m := &Main{}
		if err := m.ParseFlags(append([]string{"--releases", releases, "--state", state, "--addr", "127.0.0.1:0"}, c.args...), func(string) string { return "" }, os.Stderr); err != nil {
			t.Fatal(err)
		}
		err := m.Run()
		if err == nil {
			m.Close()
			t.Fatal("a bad targets file was accepted")
		}
		mustContain(t, "bad file", err.Error(), bad+": targets[0]: personnel-share scade în bine, deci pragurile merg în sus: target ≤ amber ≤ red (acum 45, 40, 60)",
			bad+`: targets[1]: KPI necunoscut "budget-happiness"`)
	}
}

// The investment KPIs on the fixture (kpis/values_test.go works them out):
// each card with its value, its target from the built-in YAML, its status
// in words and colour, and a link to exactly the objectives behind it; the
// months after which an objective with no payment is stalled come from
// the settings.
func TestInvestmentKPICards(t *testing.T) {
	releases, state, _ := kpiFixture(t)
	for _, c := range []struct {
		args    []string
		stalled string
		rows    []string
	}{
		{nil, "0", nil},
		{[]string{"--attention-stalled-months", "3"}, "1", []string{"INV-2026-002"}},
	} {
		d := startDashboards(t, releases, state, c.args...)
		ana := newClient(t, d.base)
		if resp, _ := ana.signIn("ana", testPassword); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in: %d", resp.StatusCode)
		}
		_, body := ana.get("/admin?an=2026")
		doc := parseHTML(t, body)
		for _, k := range []struct {
			id, class string
			parts     []string
			rows      []string
		}{
			{"investments-spent-share", "status-ok", []string{"23,4 %", "Țintă: 22,5 % (90,0 % pe tot anul, 3/12 din an)", "Stare: în țintă", "– (datele dau cifra doar pe an)"},
				[]string{"INV-2026-001", "INV-2026-002", "INV-2026-004", "INV-2025-001", "INV-2026-003"}},
			{"investments-physical-vs-financial", "status-amber", []string{"87,5 %", "Țintă: 100,0 %", "Stare: atenție"}, nil},
			{"investments-overdue", "status-near", []string{"Investiții cu termenul depășit", "2", "Țintă: 0", "Stare: aproape de țintă", "lista dă stadiul obiectivelor doar la data ediției"},
				[]string{"INV-2026-002", "INV-2026-004"}},
			{"investments-stalled", map[string]string{"0": "status-ok", "1": "status-near"}[c.stalled], []string{"Investiții fără plăți", "Țintă: 0"}, c.rows},
			{"investments-eu-share", "status-ok", []string{"68,2 %", "Țintă: 40,0 %", "Stare: în țintă"}, []string{"INV-2026-001", "INV-2026-002"}},
		} {
			text, n := card(t, doc, k.id)
			mustContain(t, k.id, text, k.parts...)
			if !hasClass(n, k.class) {
				t.Errorf("%s is not coloured %s: %s", k.id, k.class, text)
			}
			if k.id == "investments-stalled" {
				if v, _ := attr(first(n, "data"), "value"); v != c.stalled {
					t.Errorf("stalled (%v): %s, want %s", c.args, v, c.stalled)
				}
			}
			href, _ := attr(first(n, "dd.rows a"), "href")
			if !strings.HasPrefix(href, "/admin/investitii?") {
				t.Fatalf("%s links to %q", k.id, href)
			}
			if k.rows == nil && k.id != "investments-stalled" {
				continue
			}
			_, page := ana.get(href)
			var got []string // the objectives' codes, in the page's order
			for _, tr := range all(parseHTML(t, page), `tr[data-row]`) {
				got = append(got, strings.TrimSpace(textOf(first(tr, "td"))))
			}
			if strings.Join(got, " ") != strings.Join(k.rows, " ") {
				t.Errorf("%s: its rows %s are %q, want %q", k.id, href, got, k.rows)
			}
		}
	}
}
