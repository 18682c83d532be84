package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	kpitargets "github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// The procurement integrity signals page (/admin/achizitii), end to end on
// the hand-worked fixture of package kpis (kpis/signals_test.go works out
// each figure): two releases published the way etl does, a real server,
// the pages read back as HTML and the exports with real readers.

const otherCity = "9991004" // a second institution, for the director outside scope

// signalReleases publishes into one releases directory a release of
// 20.03.2026 holding the fixture's awards before 15.03.2026 and one of
// 10.04.2026 holding them all; only, when set, holds just the second.
func signalReleases(t *testing.T) (releases, only, state string) {
	t.Helper()
	dir := t.TempDir()
	fixture := "../../kpis/testdata/fixture/procurement.csv"
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var early []string
	for _, l := range lines[1:] {
		if f := strings.Split(l, ","); f[11] < "2026-03-15" {
			early = append(early, l)
		}
	}
	partial := filepath.Join(dir, "procurement-early.csv")
	os.WriteFile(partial, []byte(lines[0]+"\n"+strings.Join(early, "\n")+"\n"), 0o644)
	entities := filepath.Join(dir, "entities.csv")
	os.WriteFile(entities, []byte("cui,name,kind,county\n4270740,Municipiul Sibiu,municipiu,SB\n"+otherCity+",Municipiul Demo,municipiu,TM\n"), 0o644)

	releases, only = filepath.Join(dir, "releases"), filepath.Join(dir, "only")
	publish := func(file string, day time.Time, outs ...string) {
		w, err := warehouse.Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		loadFile(t, w, models.DatasetEntities, entities)
		loadFile(t, w, models.DatasetProcurement, file)
		for i, out := range outs {
			at := day.Add(time.Duration(i) * time.Minute) // one release id per publish
			if _, err := w.Publish(context.Background(), release.Options{Out: out, Now: func() time.Time { return at }}); err != nil {
				t.Fatal(err)
			}
		}
	}
	publish(partial, time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC), releases)
	publish(fixture, time.Date(2026, 4, 10, 8, 0, 0, 0, time.UTC), releases, only)
	state = filepath.Join(dir, "state")
	for _, a := range [][]string{{"add", "ana", "--role", "admin"}, {"add", "dan", "--role", "director", "--entity", otherCity}} {
		if code, out := usersCmd(t, testPassword+"\n", append(a, "--releases", releases, "--state", state)...); code != 0 {
			t.Fatalf("users %v: %d %s", a, code, out)
		}
	}
	return releases, only, state
}

// rowIDs are the contract ids of a signals page's rows (column 2).
func rowIDs(t *testing.T, body string) []string {
	t.Helper()
	return column(t, body, 1)
}

func TestSignalsPageOnTheFixture(t *testing.T) {
	releases, _, state := signalReleases(t)
	d := startDashboards(t, releases, state)
	ana := signedIn(t, d.base, "ana")
	resp, body := ana.get("/admin/achizitii?entitate=4270740&an=2026")
	if resp.StatusCode != 200 {
		t.Fatalf("signals page: %d %.500s", resp.StatusCode, body)
	}
	doc := parseHTML(t, body)
	sections := all(doc, "section[data-signal]")
	if len(sections) != 6 {
		t.Fatalf("%d signal sections, want 6", len(sections))
	}
	for _, s := range sections {
		text := textOf(s)
		mustContain(t, "section", text, "Semnal de verificat, nu o concluzie", "Definiție", "Parametri", "Sursa")
	}
	// The figures worked out by hand in kpis/signals_test.go, as the page marks them.
	got := map[string]string{}
	for _, n := range all(doc, "data[data-kpi]") {
		k, _ := attr(n, "data-kpi")
		got[k], _ = attr(n, "value")
	}
	for id, want := range map[string]string{
		models.KPIDirectCountShare: "0.5714", models.KPISingleOfferShare: "0.6667", models.KPITop1Share: "0.3921",
		models.KPISupplierHHI: "2194", models.KPIThresholdBand: "2", models.KPISplitting: "1", models.KPIPairOverThreshold: "3",
	} {
		if got[id] != want {
			t.Errorf("%s = %q, want %q", id, got[id], want)
		}
	}
	mustContain(t, "parameters and sources", textOf(doc), "de la 90 % până sub 100 % din prag", "30 de zile de la prima achiziție",
		"365 de zile de la o achiziție", "Cardinal: indicatorul R018", "Cardinal: indicatorul R055", "Legea nr. 98/2016, art. 11",
		"Perioada: atribuirile din ian.–apr. 2026")
	th := all(doc, "table[data-thresholds] tbody tr")
	if len(th) != 3 {
		t.Fatalf("%d thresholds, want 3", len(th))
	}
	mustContain(t, "thresholds", textOf(th[2]), "10.09.2022", "270.120,00 lei", "900.400,00 lei", "Legea nr. 208/2022")
	mustContain(t, "thresholds", textOf(th[1]), "04.06.2018", "135.060,00 lei", "450.200,00 lei", "OUG nr. 45/2018")
	if top := all(doc, "table[data-top-suppliers] tbody tr"); len(top) != 5 || !strings.Contains(textOf(top[0]), "Drumuri F SA") {
		t.Errorf("top suppliers: %d rows", len(top))
	}

	// Against the release of 20.03.2026: D1 D2 (the series) and D1 D2 E1 E2
	// (the pairs of A and B) are new; the single offers, the band and pair
	// C were flagged already.
	mustContain(t, "compare", textOf(first(doc, "[data-signals-compare]")), "Comparate cu ediția anterioară, din 20.03.2026: 6 semnale noi.")
	if got := rowsTotal(t, body); got != 2+2+2+6 {
		t.Errorf("every alert signal's rows: %d, want 12 (2 single offers, 2 in the band, 2 in the series, 6 in pairs)", got)
	}
	_, body = ana.get("/admin/achizitii?entitate=4270740&an=2026&noi=da")
	if ids := rowIDs(t, body); !slices.Equal(ids, []string{"D1", "D1", "E1", "D2", "D2", "E2"}) {
		t.Errorf("new rows %v", ids)
	}
	_, body = ana.get("/admin/achizitii?entitate=4270740&an=2026&semnal=divizare")
	if ids := rowIDs(t, body); !slices.Equal(ids, []string{"D1", "D2"}) {
		t.Errorf("splitting rows %v", ids)
	}
	mustContain(t, "why", body, "seria care începe cu D1: 2 achiziții directe din clasa CPV 3021, 280.000,00 lei între 02.03.2026 și 31.03.2026; pragul 270.120,00 lei")
	_, body = ana.get("/admin/achizitii?entitate=4270740&an=2026&semnal=sub-prag&ordine=-valoare")
	if ids := rowIDs(t, body); !slices.Equal(ids, []string{"W1", "T1"}) {
		t.Errorf("band rows by value, descending: %v", ids)
	}
	mustContain(t, "why", body, "90,0 % din pragul de 270.120,00 lei (produse și servicii, în vigoare la 15.01.2026)")

	// The first screen: the signals' cards link to their rows; the attention
	// list has the new ones, most rows first within their kind.
	_, body = ana.get("/admin?entitate=4270740&an=2026")
	doc = parseHTML(t, body)
	text, c := card(t, doc, models.KPISingleOfferShare)
	mustContain(t, "single-offer card", text, "66,7 %", "Țintă: 20,0 %", "departe de țintă")
	if a := first(c, "dd.rows a"); a == nil {
		t.Error("single-offer card links to nothing")
	} else if href, _ := attr(a, "href"); !strings.HasPrefix(href, "/admin/achizitii?") || !strings.Contains(href, "semnal=oferta-unica") {
		t.Errorf("single-offer card links to %q", href)
	}
	alerts := all(doc, "li[data-alert=procurement-signals]")
	if len(alerts) != 2 {
		t.Fatalf("%d procurement alerts, want 2 (splitting, pairs)", len(alerts))
	}
	mustContain(t, "alert", textOf(alerts[0]), "Perechi autoritate–furnizor peste prag", "4 semnale noi", "nu în cea din 20.03.2026")
	mustContain(t, "alert", textOf(alerts[1]), "Posibilă divizare", "2 semnale noi")
	if a := first(alerts[1], "a"); a != nil {
		href, _ := attr(a, "href")
		if _, body := ana.get(href); rowsTotal(t, body) != 2 {
			t.Errorf("the splitting alert's link %s: not its 2 new rows", href)
		}
	}

	// 2025 has no competitive procedure: the rate is "–" with the reason, not 0 %;
	// a purchase had no value, so the concentration is by number.
	_, body = ana.get("/admin/achizitii?entitate=4270740&an=2025")
	doc = parseHTML(t, body)
	text, c = card(t, doc, models.KPISingleOfferShare)
	mustContain(t, "2025 single offer", text, "–", "nicio procedură competitivă cu numărul de oferte cunoscut în perioadă")
	if v, _ := attr(first(c, "data"), "value"); v != "" || textOf(first(c, "data")) != "–" {
		t.Errorf("2025 single-offer card shows %q (%q), want – with no value", textOf(first(c, "data")), v)
	}
	mustContain(t, "2025 concentration", textOf(first(doc, "section[data-signal=concentrare]")), "după număr: cel puțin un contract nu are valoare", "50,0 %")

	// English.
	resp, body = ana.get("/en/admin/achizitii?entitate=4270740&an=2026")
	if resp.StatusCode != 200 {
		t.Fatalf("English page: %d", resp.StatusCode)
	}
	mustContain(t, "English", textOf(parseHTML(t, body)), "Procurement integrity signals of Municipiul Sibiu, 2026", "A signal to check, not a conclusion",
		"Compared with the previous release", "Law no. 98/2016")
	if resp, _ := ana.get("/en/admin/procurement?entitate=4270740"); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/en/admin/achizitii?entitate=4270740" {
		t.Errorf("/en/admin/procurement: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestSignalsExportScopeAndBadParameters(t *testing.T) {
	releases, only, state := signalReleases(t)
	d := startDashboards(t, releases, state)
	ana := signedIn(t, d.base, "ana")
	recs := readCSV(t, download(t, ana, "/admin/achizitii?entitate=4270740&an=2026&semnal=perechi&format=csv", "semnale-achizitii-4270740-2026-2026-04-10.csv"))
	if len(recs) != 7 || recs[0][0] != "Semnal" || recs[0][8] != "De ce e semnalat" {
		t.Fatalf("pairs export: %d records, header %v", len(recs), recs[0])
	}
	for _, r := range recs[1:] {
		if r[9] != "da" && r[9] != "nu" {
			t.Errorf("new column %q", r[9])
		}
	}
	_, sheet, rows := readXLSX(t, download(t, ana, "/en/admin/achizitii?entitate=4270740&an=2026&semnal=sub-prag&format=xlsx", "procurement-signals-4270740-2026-2026-04-10.xlsx"))
	if len(rows) != 3 || sheet == "" || rows[1][1] != "T1" || rows[2][1] != "W1" {
		t.Errorf("band export (English): %v", rows)
	}
	resp, body := ana.get("/admin/jurnal")
	if resp.StatusCode != 200 || !strings.Contains(body, "semnalele achizițiilor, csv, 6 rânduri") || !strings.Contains(body, "semnal=perechi") {
		t.Errorf("the audit log does not show the export: %.2000s", body)
	}

	// A director of another institution: 404, page and export, even typed in.
	dan := signedIn(t, d.base, "dan")
	for _, p := range []string{"/admin/achizitii?entitate=4270740", "/en/admin/achizitii?entitate=4270740&format=csv", "/admin/achizitii?entitate=4270740&semnal=divizare&format=xlsx"} {
		if resp, body := dan.get(p); resp.StatusCode != http.StatusNotFound || resp.Header.Get("Content-Disposition") != "" || strings.Contains(body, "data-row") {
			t.Errorf("director of %s, GET %s: %d", otherCity, p, resp.StatusCode)
		}
	}
	// His own institution has no awards: "–" with the reason, never 0.
	_, body = dan.get("/admin/achizitii")
	doc := parseHTML(t, body)
	for _, id := range []string{models.KPIDirectCountShare, models.KPISingleOfferShare, models.KPISplitting} {
		text, _ := card(t, doc, id)
		mustContain(t, id, text, "–", "anul nu are date")
	}

	// Bad requests say what to change.
	for _, c := range []struct{ path, want string }{
		{"/admin/achizitii?entitate=4270740&semnal=toate", "semnalele sunt: directe, oferta-unica, concentrare, sub-prag, divizare, perechi"},
		{"/en/admin/achizitii?entitate=4270740&semnal=x", "the signals are: directe"},
		{"/admin/achizitii?entitate=4270740&ordine=pret", "ordinea este una din coloanele data, valoare, furnizor"},
		{"/admin/achizitii?entitate=4270740&noi=nu", "noi=da arată doar semnalele noi"},
		{"/admin/achizitii?entitate=4270740&pagina=9", "ultima pagină este 1"},
		{"/admin/achizitii?entitate=4270740&format=pdf", "formatul descărcării este csv sau xlsx"},
		{"/admin/achizitii?entitate=4270740&an=20x6", "anul are patru cifre"},
	} {
		if resp, body := ana.get(c.path); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want 400 saying %q", c.path, resp.StatusCode, c.want)
		}
	}
	// Without a session: the sign-in page.
	if resp, _ := newClient(t, d.base).get("/admin/achizitii?format=csv"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("no session: %d", resp.StatusCode)
	}

	// With no earlier release kept, the page and the first screen say so.
	d2 := startDashboards(t, only, state)
	ana2 := signedIn(t, d2.base, "ana")
	_, body = ana2.get("/admin/achizitii?entitate=4270740&an=2026")
	mustContain(t, "no previous release", body, "Nu există o ediție anterioară păstrată în directorul edițiilor")
	_, body = ana2.get("/admin?entitate=4270740&an=2026")
	mustContain(t, "no previous release (first screen)", body, "Nu există o ediție anterioară păstrată")
	if strings.Contains(body, `data-alert="procurement-signals"`) {
		t.Error("alerts of new signals without a release to compare with")
	}
}

// The demo's planted red flags (demo/doc.go) raise the signals meant for
// them in its default year, so the signals page of the demo means
// something: the threshold cluster, the splitting series at the school,
// the single-offer road works and the dominant supplier of the social
// directorate.
func TestDemoRaisesEachSignal(t *testing.T) {
	ctx := context.Background()
	rel, err := release.Open(ctx, site(t).release, release.Views)
	if err != nil {
		t.Fatal(err)
	}
	defer rel.Close()
	s := kpitargets.Defaults().Signals
	const city, school, social = "9991004", "9991012", "9991039"
	flagged := func(entity, signal string) ([]string, map[string]bool) {
		fs, err := s.Flags(ctx, rel, kpitargets.Scope{Entity: entity, Year: 2026}, signal)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		suppliers := map[string]bool{}
		for _, f := range fs {
			ids = append(ids, f.Contract.ContractID)
			suppliers[f.Contract.SupplierCUI] = true
		}
		t.Logf("%s %s: %d rows", entity, signal, len(fs))
		return ids, suppliers
	}
	has := func(what string, ids []string, prefix string, n int) {
		t.Helper()
		got := 0
		for _, id := range ids {
			if strings.HasPrefix(id, prefix) {
				got++
			}
		}
		if got != n {
			t.Errorf("%s: %d of the planted %s… flagged, want %d (of %d rows)", what, got, prefix, n, len(ids))
		}
	}
	ids, _ := flagged(city, kpitargets.SignalThreshold)
	has("just under the threshold", ids, "DA92610", 6)
	ids, _ = flagged(school, kpitargets.SignalSplitting)
	has("splitting", ids, "DA92620", 5)
	ids, _ = flagged(city, kpitargets.SignalSingleOffer)
	has("single offer", ids, "CAN9263", 6)
	_, pairs := flagged(city, kpitargets.SignalPair)
	if !pairs["90123459"] {
		t.Error("R055: the city's pair with Vest Business Consulting SRL is not flagged")
	}
	conc, err := s.Concentration(ctx, rel, kpitargets.Scope{Entity: social, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if len(conc.Top) == 0 || conc.Top[0].CUI != "90456780" || !conc.ByValue || conc.Top[0].Part.Float() < 0.5 {
		t.Errorf("the social directorate's largest supplier: %+v, want Alimentara Prodcom Banat SRL with over half the value", conc.Top)
	}
	vs, err := s.Values(ctx, rel, kpitargets.Scope{Entity: city, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if !v.Now.OK || !v.LastYear.OK {
			t.Errorf("%s: the demo city's figure or last year's is missing: %+v %+v", v.KPI.ID, v.Now, v.LastYear)
		}
		t.Logf("%s: %v (last year %v)", v.KPI.ID, v.Now.Float(), v.LastYear.Float())
	}
	if slices.ContainsFunc(vs, func(v kpitargets.Value) bool { return v.Through != 10 }) {
		t.Errorf("the demo's signals run through October 2026 (its last award, AsOf 31.10.2026)")
	}
}
