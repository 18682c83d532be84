package main

import (
	"net/http"
	"strings"
	"testing"
)

// The monthly management report (/admin/raport), on the hand-worked
// fixture of package kpis and on the demo: a real server, a signed-in
// session, the page read back as HTML and set against the first screen.

// reportKPIs are the report's KPI rows: value (raw and text) and the row's text, by KPI id.
func reportKPIs(t *testing.T, doc *node) map[string][3]string {
	t.Helper()
	out := map[string][3]string{}
	for _, tr := range all(doc, "tr[data-report-kpi]") {
		id, _ := attr(tr, "data-report-kpi")
		d := first(tr, "data")
		raw, _ := attr(d, "value")
		out[id] = [3]string{raw, textOf(d), textOf(tr)}
	}
	return out
}

// alertsOf are the attention list's items: kind, count and text.
func alertsOf(doc *node) []string {
	var out []string
	for _, li := range all(doc, "li[data-alert]") {
		k, _ := attr(li, "data-alert")
		n, _ := attr(li, "data-alert-count")
		out = append(out, k+" "+n+" "+textOf(first(li, "strong")))
	}
	return out
}

func objectivesOf(doc *node) []string {
	var out []string
	for _, tr := range all(doc, "tr[data-objective]") {
		out = append(out, textOf(tr))
	}
	return out
}

func TestMonthlyReportIsTheFirstScreensFigures(t *testing.T) {
	releases, state, _ := kpiFixture(t)
	d := startDashboards(t, releases, state)
	c := signedIn(t, d.base, "ana")
	_, body := c.get("/admin?an=2026")
	home := parseHTML(t, body)
	link := first(home, "a[data-report-link]")
	if link == nil {
		t.Fatal("no link to the monthly report on the first screen")
	}
	href, _ := attr(link, "href")
	resp, body := c.get(href)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %.300s", href, resp.StatusCode, body)
	}
	if strings.Contains(body, " style=") || strings.Contains(body, "<script>") || strings.Contains(body, "<style") {
		i := strings.Index(body, "<script")
		t.Errorf("inline style or script in the report (the CSP forbids them): %.200s", body[max(i, 0):])
	}
	doc := parseHTML(t, body)
	// The institution in the genitive, the period, the edition.
	mustContain(t, "heading", textOf(first(doc, "h1")), "Raportul lunar de management al Municipiului Sibiu")
	mustContain(t, "period", textOf(first(doc, "p.report-period")), "ianuarie–martie 2026")
	if m, _ := attr(first(doc, "[data-report-month]"), "data-report-month"); m != "2026-03" {
		t.Errorf("default month %q, want the latest reported, 2026-03", m)
	}
	rid, _ := attr(first(home, "footer[data-release]"), "data-release")
	mustContain(t, "edition", textOf(first(doc, "p.report-edition")), "ediția de date "+rid, "din 10.04.2026")

	// Every KPI card of the first screen is a row of the report, with the same value.
	rows := reportKPIs(t, doc)
	cards := all(home, "div.kpi-target")
	if len(cards) == 0 || len(rows) != len(cards) {
		t.Fatalf("%d rows in the report, %d KPI cards on the first screen", len(rows), len(cards))
	}
	for _, card := range cards {
		dn := first(card, "data")
		id, _ := attr(dn, "data-kpi")
		raw, _ := attr(dn, "value")
		r, ok := rows[id]
		if !ok || r[0] != raw || r[1] != textOf(dn) {
			t.Errorf("%s: report %q/%q, first screen %q/%q", id, r[0], r[1], raw, textOf(dn))
		}
	}
	// The hand-worked figures, the target, the status in words, the changes.
	mustContain(t, "execution row", rows["execution-rate"][2], "26,7 %", "23,8 % (95,0 % pe tot anul, 3/12 din an)", "în țintă",
		"Față de februarie 2026: – (nu există raport de execuție pentru februarie 2026)", "ian.–mar. 2025: +4,7 p.p.")
	mustContain(t, "personnel row", rows["personnel-share"][2], "62,5 %", "departe de țintă")
	// The attention list and the objectives are the first screen's.
	if got, want := strings.Join(alertsOf(doc), "\n"), strings.Join(alertsOf(home), "\n"); got != want {
		t.Errorf("attention list:\n%s\nfirst screen:\n%s", got, want)
	}
	if got, want := objectivesOf(doc), objectivesOf(home); len(got) != 4 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("objectives: %q, first screen %q", got, want)
	}
	// The month form is there on screen (hidden in print by the stylesheet).
	var offered []string
	for _, o := range all(doc, "form.report-month select#luna option") {
		v, _ := attr(o, "value")
		offered = append(offered, v+" "+textOf(o))
	}
	if got := strings.Join(offered, ", "); got != "2026-03 martie 2026, 2026-01 ianuarie 2026, 2025-03 martie 2025" {
		t.Errorf("months offered: %s; want those with a report", got)
	}

	// A chosen month: the budget's figures as they stood then.
	resp, body = c.get("/admin/raport?luna=2026-01")
	if resp.StatusCode != 200 {
		t.Fatalf("luna=2026-01: %d", resp.StatusCode)
	}
	doc = parseHTML(t, body)
	mustContain(t, "January", reportKPIs(t, doc)["execution-rate"][2], "10,0 %")
	mustContain(t, "January period", textOf(first(doc, "p.report-period")), "ianuarie 2026")
	mustContain(t, "January note", textOf(doc), "sfârșitul lunii ianuarie 2026")
	if first(doc, "option[value=2026-01][selected]") == nil {
		t.Error("the chosen month is not selected in the form")
	}

	// English.
	resp, body = c.get("/en/admin/raport?an=2026")
	if resp.StatusCode != 200 {
		t.Fatalf("English report: %d", resp.StatusCode)
	}
	doc = parseHTML(t, body)
	mustContain(t, "English heading", textOf(first(doc, "h1")), "Monthly management report: Municipiul Sibiu")
	mustContain(t, "English period", textOf(first(doc, "p.report-period")), "January–March 2026")
	mustContain(t, "English row", reportKPIs(t, doc)["execution-rate"][2], "26.7%", "on target")
	mustContain(t, "English edition", textOf(first(doc, "p.report-edition")), "of 10 Apr 2026")

	// The print stylesheet: A4, no navigation or forms, rows kept whole.
	cssHref, _ := attr(first(doc, "link[rel=stylesheet]"), "href")
	_, css := get(t, d.base+cssHref)
	i := strings.Index(css, "@media print")
	if i < 0 {
		t.Fatal("no print stylesheet")
	}
	mustContain(t, "print", css[i:], "@page{size:A4", ".site-header nav", "form{display:none", "break-inside:avoid")
}

func TestMonthlyReportBadMonthSaysWhatToChange(t *testing.T) {
	releases, state, _ := kpiFixture(t)
	d := startDashboards(t, releases, state)
	c := signedIn(t, d.base, "ana")
	for _, tc := range []struct{ path, want string }{
		{"/admin/raport?luna=martie", "luna se scrie AAAA-LL, de exemplu 2026-03"},
		{"/admin/raport?luna=2026-13", "luna se scrie AAAA-LL"},
		{"/admin/raport?luna=2026-3", "luna se scrie AAAA-LL"},
		{"/admin/raport?luna=2026-04", "nu există raport de execuție pentru acea lună; lunile cu raport sunt 2026-03, 2026-01, 2025-03"},
		{"/admin/raport?luna=2026-02", "nu există raport de execuție pentru acea lună; lunile cu raport sunt 2026-03, 2026-01, 2025-03"},
		{"/admin/raport?luna=2031-01", "lunile cu raport sunt 2026-03, 2026-01, 2025-03"},
		{"/admin/raport?an=20x6", "anul are patru cifre"},
		{"/en/admin/raport?luna=2026-04", "there is no execution report for that month; the months with a report are 2026-03, 2026-01, 2025-03"},
	} {
		resp, body := c.get(tc.path)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tc.want) || strings.Contains(body, "data-report-kpi") {
			t.Errorf("%s: %d, want 400 saying %q; %.300s", tc.path, resp.StatusCode, tc.want, body)
		}
	}
}

func TestMonthlyReportKeepsTheAccountsScope(t *testing.T) {
	d, main, other, dept := demoDashboards(t)
	// Without a session: the sign-in page, no data.
	if resp, body := newClient(t, d.base).get("/admin/raport"); resp.StatusCode != http.StatusSeeOther || strings.Contains(body, "data-kpi") {
		t.Errorf("no session: %d", resp.StatusCode)
	}
	// A director of main: another entity's report is a 404, even typed in.
	dan := signedIn(t, d.base, "dan")
	for _, p := range []string{"/admin/raport?entitate=" + other, "/en/admin/raport?entitate=" + other + "&luna=2026-01", "/admin/raport?entitate=9999999"} {
		if resp, body := dan.get(p); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "data-kpi") {
			t.Errorf("director of %s, GET %s: %d", main, p, resp.StatusCode)
		}
	}
	resp, body := dan.get("/admin/raport")
	if resp.StatusCode != 200 {
		t.Fatalf("director's own report: %d %.300s", resp.StatusCode, body)
	}
	// A director of a department: its requests, its objectives, as on its first screen.
	dana := signedIn(t, d.base, "dana")
	_, hbody := dana.get("/admin")
	home := parseHTML(t, hbody)
	_, body = dana.get(func() string { h, _ := attr(first(home, "a[data-report-link]"), "href"); return h }())
	doc := parseHTML(t, body)
	mustContain(t, "department note", textOf(first(doc, "table[data-group=requests] caption")), dept)
	rows := reportKPIs(t, doc)
	for _, card := range all(home, "div.kpi-target") {
		dn := first(card, "data")
		id, _ := attr(dn, "data-kpi")
		raw, _ := attr(dn, "value")
		if rows[id][0] != raw {
			t.Errorf("dana, %s: report %q, first screen %q", id, rows[id][0], raw)
		}
	}
	if got, want := strings.Join(objectivesOf(doc), "\n"), strings.Join(objectivesOf(home), "\n"); got != want {
		t.Errorf("dana's objectives: %q, first screen %q", got, want)
	}
	// A viewer reads another entity's report.
	vera := signedIn(t, d.base, "vera")
	if resp, body := vera.get("/admin/raport?entitate=" + other); resp.StatusCode != 200 || !strings.Contains(body, "data-report-kpi") {
		t.Errorf("viewer, other entity: %d", resp.StatusCode)
	}
}
