package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/models"
)

// The dashboards' county page (/admin/judet, /en/admin/county), end to end:
// the demo county's release (demo.Build, the smallest county), accounts
// made with the users command, a real server serving the public site
// beside, and each figure and alert read back from the HTML of the pages
// it must equal.

// countyAdminSite is the demo county served with accounts: ana (admin) and
// vera (viewer) of every institution, and a director of each
// administrative unit, named by its fiscal code.
type countyAdminSite struct {
	d     *dashSite
	units []models.Entity // the administrative units
}

func startCountyAdmin(t *testing.T) *countyAdminSite {
	t.Helper()
	opt := demo.Options{County: true, Units: demo.MinUnits}
	root := t.TempDir()
	b, err := demo.Build(context.Background(), root, opt, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(root, "state")
	s := &countyAdminSite{}
	accts := [][]string{{"add", "ana", "--role", "admin"}, {"add", "vera", "--role", "viewer"}}
	for _, e := range demo.Entities(opt) {
		if e.IsAdministrativeUnit() {
			s.units = append(s.units, e)
			accts = append(accts, []string{"add", "d" + e.CUI, "--role", "director", "--entity", e.CUI})
		}
	}
	for _, a := range accts {
		if code, out := usersCmd(t, testPassword+"\n", append(a, "--releases", b.Releases, "--state", state)...); code != 0 {
			t.Fatalf("users %v: %d %s", a, code, out)
		}
	}
	s.d = startDashboards(t, b.Releases, state)
	return s
}

// countyTableRows are the rows of the county table of a page: the unit's
// name, its cells' text and data-value, and (the dashboards' page) its
// alerts' cell.
type countyTableRow struct {
	name   string
	cells  []countyCell
	alerts *node
}

func countyTableRows(t *testing.T, body string, alerts bool) []countyTableRow {
	t.Helper()
	doc := parseHTML(t, body)
	table := first(doc, "table.county")
	if table == nil {
		t.Fatalf("no county table in %.1500s", body)
	}
	var out []countyTableRow
	for _, tr := range all(table, "tbody tr") {
		r := countyTableRow{name: textOf(first(tr, "th"))}
		tds := all(tr, "td")
		if alerts {
			r.alerts, tds = tds[0], tds[1:]
		}
		for _, td := range tds {
			v, _ := attr(td, "data-value")
			r.cells = append(r.cells, countyCell{text: textOf(td), value: v})
		}
		out = append(out, r)
	}
	return out
}

func TestAdminCountyPage(t *testing.T) {
	s := startCountyAdmin(t)
	d := s.d
	ana := signedIn(t, d.base, "ana")
	anon := newClient(t, d.base)

	t.Run("figures equal the public county page's", func(t *testing.T) {
		for _, lang := range []struct{ admin, public string }{{"/admin/judet", "/judet"}, {"/en/admin/county", "/en/county"}} {
			for _, view := range []string{"", "?valori=total", "?moneda=eur&an=2025", "?moneda=eur", "?moneda=lei-2024&valori=total&an=2024", "?ordine=cheltuieli_desc", "?ordine=termen_asc&moneda=eur&an=2025", "?an=2025"} {
				resp, adm := ana.get(lang.admin + view)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%s%s: %d %.500s", lang.admin, view, resp.StatusCode, adm)
				}
				resp, pub := anon.get(lang.public + view)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%s%s: %d", lang.public, view, resp.StatusCode)
				}
				a, p := countyTableRows(t, adm, true), countyTableRows(t, pub, false)
				if len(a) != len(s.units) || len(a) != len(p) {
					t.Fatalf("%s%s: %d rows, the public page %d, the county %d units", lang.admin, view, len(a), len(p), len(s.units))
				}
				for i := range a {
					if a[i].name != p[i].name {
						t.Errorf("%s%s row %d: %s, the public page has %s", lang.admin, view, i, a[i].name, p[i].name)
					}
					if len(a[i].cells) != len(p[i].cells) || len(a[i].cells) != colWithinTerm+1 {
						t.Fatalf("%s%s %s: %d cells, public %d", lang.admin, view, a[i].name, len(a[i].cells), len(p[i].cells))
					}
					for c := range a[i].cells {
						if a[i].cells[c] != p[i].cells[c] {
							t.Errorf("%s%s %s column %d: %+v, the public page %+v", lang.admin, view, a[i].name, c, a[i].cells[c], p[i].cells[c])
						}
					}
				}
				// Figures actually there: the units' expenses are numbers in
				// every view of a year the reference data covers (2026 has no
				// EUR rate yet: "–" with the reason, on both pages).
				for _, r := range a {
					v := r.cells[colExpenses]
					if covered := !strings.Contains(view, "moneda") || strings.Contains(view, "an=202"); covered && v.value == "" {
						t.Errorf("%s%s: %s has no expenses", lang.admin, view, r.name)
					} else if !covered && (v.value != "" || !strings.HasPrefix(v.text, "– (")) {
						t.Errorf("%s%s: %s's expenses %+v, want – with the reason", lang.admin, view, r.name, v)
					}
				}
			}
		}
		// The sort links stay on the dashboards' page.
		_, body := ana.get("/admin/judet?moneda=eur")
		if !strings.Contains(body, `href="/admin/judet?moneda=eur&amp;ordine=cheltuieli_asc"`) {
			t.Errorf("the sort links do not lead to /admin/judet keeping the view")
		}
		_, body = ana.get("/en/admin/county")
		if !strings.Contains(body, `href="/en/admin/county?ordine=cheltuieli_asc"`) || !strings.Contains(body, "What needs attention today") {
			t.Errorf("the English page's sort links or headings are not English")
		}
	})

	t.Run("each unit's alerts are its own dashboard's", func(t *testing.T) {
		kinds := map[string]bool{}
		withAlerts := 0
		for _, lang := range []string{"/admin/judet", "/en/admin/county"} {
			_, body := ana.get(lang)
			rows := countyTableRows(t, body, true)
			doc := parseHTML(t, body)
			for i, tr := range all(doc, "tbody tr[data-unit]") {
				cui, _ := attr(tr, "data-unit")
				cell := rows[i].alerts
				total, _ := attr(cell, "data-alerts")
				a := first(cell, "a")
				href, _ := attr(a, "href")
				prefix := "/admin?"
				if strings.HasPrefix(lang, "/en/") {
					prefix = "/en/admin?"
				}
				if !strings.HasPrefix(href, prefix) || !strings.Contains(href, "entitate="+cui) {
					t.Fatalf("%s %s: the alerts link to %q", lang, cui, href)
				}
				var got []string
				for _, li := range all(cell, "li[data-alert-kind]") {
					k, _ := attr(li, "data-alert-kind")
					n, _ := attr(li, "data-alert-count")
					got = append(got, k+"="+n)
					kinds[k] = true
				}
				// ana (every institution) visits first: what the unit's
				// own account then sees must still be its own list.
				if resp, _ := ana.get(href); resp.StatusCode != http.StatusOK {
					t.Fatalf("ana: %s: %d", href, resp.StatusCode)
				}
				own := signedIn(t, d.base, "d"+cui)
				resp, home := own.get(href)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("director of %s: %s: %d", cui, href, resp.StatusCode)
				}
				hd := parseHTML(t, home)
				items := all(hd, "li[data-alert]")
				var want []string
				for _, li := range items {
					k, _ := attr(li, "data-alert")
					n, _ := attr(li, "data-alert-count")
					c, _ := strconv.ParseInt(n, 10, 64)
					if l := len(want); l > 0 && strings.HasPrefix(want[l-1], k+"=") {
						prev, _ := strconv.ParseInt(strings.TrimPrefix(want[l-1], k+"="), 10, 64)
						want[l-1] = k + "=" + strconv.FormatInt(prev+c, 10)
						continue
					}
					want = append(want, k+"="+n)
				}
				if strings.Join(got, " ") != strings.Join(want, " ") || total != strconv.Itoa(len(items)) {
					t.Errorf("%s %s: the county page says %s alerts %v, the unit's dashboard has %d %v", lang, cui, total, got, len(items), want)
				}
				if len(items) == 0 {
					if first(cell, "[data-alert-none]") == nil || first(hd, "[data-alert-none]") == nil {
						t.Errorf("%s %s: no alert, and the row does not say so", lang, cui)
					}
					continue
				}
				withAlerts++
				top, _ := attr(a, "data-alert-top")
				first0, _ := attr(items[0], "data-alert")
				if top != first0 || textOf(a) != textOf(first(items[0], "strong")) {
					t.Errorf("%s %s: the most urgent alert %s %q, the dashboard's first %s %q", lang, cui, top, textOf(a), first0, textOf(first(items[0], "strong")))
				}
			}
		}
		if withAlerts == 0 || len(kinds) < 2 {
			t.Errorf("the demo county shows %d units with alerts of %d kinds: the test proves nothing", withAlerts, len(kinds))
		}
	})

	t.Run("scope", func(t *testing.T) {
		var council, commune, other models.Entity
		for _, e := range s.units {
			switch {
			case e.Kind == models.KindJudet:
				council = e
			case e.Kind == models.KindComuna && commune.CUI == "":
				commune = e
			case e.Kind == models.KindMunicipiu:
				other = e
			}
		}
		// An account of one commune: the page is the 404 of an institution
		// outside its scope, and names no other unit.
		c := signedIn(t, d.base, "d"+commune.CUI)
		resp, page := c.get("/admin/judet")
		resp2, outside := c.get("/admin?entitate=" + other.CUI)
		if resp.StatusCode != http.StatusNotFound || resp2.StatusCode != http.StatusNotFound {
			t.Fatalf("director of a commune: /admin/judet %d, another unit %d", resp.StatusCode, resp2.StatusCode)
		}
		if a, b := textOf(first(parseHTML(t, page), "main")), textOf(first(parseHTML(t, outside), "main")); a != b {
			t.Errorf("the county page's 404 is not the out-of-scope one:\n%s\n%s", a, b)
		}
		for _, e := range s.units {
			if e.CUI != commune.CUI && (strings.Contains(page, e.Name) || strings.Contains(page, e.CUI)) {
				t.Errorf("the 404 names %s", e.Name)
			}
		}
		if resp, _ := c.get("/en/admin/county?moneda=eur"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("/en/admin/county for a commune: %d", resp.StatusCode)
		}
		_, home := c.get("/admin")
		if strings.Contains(home, "data-county-link") || strings.Contains(home, `href="/admin/judet"`) {
			t.Errorf("a commune's account is shown the county page")
		}
		// An account of the county council: the same (the communes are not
		// the council's).
		cj := signedIn(t, d.base, "d"+council.CUI)
		if resp, _ := cj.get("/admin/judet"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("director of the county council: /admin/judet %d", resp.StatusCode)
		}
		// Accounts of every institution: the page, linked from the home
		// and the navigation.
		for _, who := range []string{"ana", "vera"} {
			c := signedIn(t, d.base, who)
			if resp, _ := c.get("/admin/judet"); resp.StatusCode != http.StatusOK {
				t.Errorf("%s: /admin/judet %d", who, resp.StatusCode)
			}
			_, home := c.get("/admin")
			if n := first(parseHTML(t, home), "a[data-county-link]"); n == nil {
				t.Errorf("%s: no link to the county page on the home", who)
			} else if h, _ := attr(n, "href"); h != "/admin/judet" {
				t.Errorf("%s: the home links to %s", who, h)
			}
			_, en := c.get("/en/admin")
			if !strings.Contains(en, `href="/en/admin/county"`) {
				t.Errorf("%s: the English home does not link to /en/admin/county", who)
			}
		}
		// Signed out: the sign-in form, as every page of the dashboards.
		if resp, _ := anon.get("/admin/judet"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("signed out: %d", resp.StatusCode)
		}
	})

	t.Run("a bad parameter is a 400 that says what to change", func(t *testing.T) {
		for _, c := range []struct{ path, want string }{
			{"/admin/judet?ordine=data_desc", "cheltuieli_desc"},
			{"/admin/judet?an=99", "între 1990 și 2100"},
			{"/en/admin/county?ordine=x", "the possible values are"},
		} {
			resp, body := ana.get(c.path)
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, c.want) {
				t.Errorf("%s: %d, want 400 saying %q", c.path, resp.StatusCode, c.want)
			}
		}
	})
}

// A release with a single administrative unit has no county tree: the page
// says so, in both languages, and the home does not link to it.
func TestAdminCountyPageWithoutATree(t *testing.T) {
	releases, state, _ := kpiFixture(t)
	d := startDashboards(t, releases, state)
	c := signedIn(t, d.base, "ana")
	for _, p := range []struct{ path, want string }{{"/admin/judet", "nu are un arbore de județ"}, {"/en/admin/county", "has no county tree"}} {
		resp, body := c.get(p.path)
		if resp.StatusCode != http.StatusOK || first(parseHTML(t, body), "[data-county-none]") == nil || !strings.Contains(body, p.want) {
			t.Errorf("%s: %d %.300s", p.path, resp.StatusCode, body)
		}
	}
	if _, home := c.get("/admin"); strings.Contains(home, "data-county-link") {
		t.Errorf("the home links to a county page with nothing to compare")
	}
}

// A late execution report shows at its own unit (the county fixture's
// Comuna Lipsă publishes none): in its row of the county page, on its own
// dashboard, and on no other unit's, even after an account of every
// institution, who sees every late report on any home, opened that home
// first.
func TestAdminCountyLateReportAtItsUnit(t *testing.T) {
	s := county(t)
	releases := filepath.Dir(s.release)
	state := filepath.Join(t.TempDir(), "state")
	for _, a := range [][]string{{"add", "ana", "--role", "admin"}, {"add", "cj", "--role", "director", "--entity", "9992000"},
		{"add", "lipsa", "--role", "director", "--entity", "9992050"}} {
		if code, out := usersCmd(t, testPassword+"\n", append(a, "--releases", releases, "--state", state)...); code != 0 {
			t.Fatalf("users %v: %d %s", a, code, out)
		}
	}
	d := startDashboards(t, releases, state)
	ana := signedIn(t, d.base, "ana")
	_, home := ana.get("/admin?entitate=9992000")
	if !strings.Contains(home, `data-alert="data-late"`) || !strings.Contains(home, "Comunei Lipsă") {
		t.Fatalf("ana's home of the county council does not list the commune's late report")
	}
	cj := signedIn(t, d.base, "cj")
	if _, own := cj.get("/admin"); strings.Contains(own, "Lipsă") {
		t.Errorf("the county council's own dashboard shows another unit's late report")
	}
	_, page := ana.get("/admin/judet?an=2025")
	doc := parseHTML(t, page)
	for _, tr := range all(doc, "tbody tr[data-unit]") {
		cui, _ := attr(tr, "data-unit")
		late := first(tr, `li[data-alert-kind=data-late]`) != nil
		if late != (cui == "9992050") {
			t.Errorf("unit %s: a late report in its row %v", cui, late)
		}
	}
	if _, own := signedIn(t, d.base, "lipsa").get("/admin?an=2025"); !strings.Contains(own, `data-alert="data-late"`) {
		t.Errorf("Comuna Lipsă's own dashboard does not show its late report")
	}
}

// Alerts that compare, on the county fixture with testdata/peers (three
// communes of one band, figures of peers_test.go): Deal 416,67 / 400,00
// lei per inhabitant against medians 450,00 / 375,00 (7,4 % and 6,7 %
// off), Colț 400,00 / 300,00 against 458,34 / 425,00 (12,7 % and 29,4 %
// below), Pisc 500,00 / 450,00 against 408,34 / 350,00 (22,4 % and 28,6 %
// above). At 25 % two revenues are flagged, at 20 % Pisc's expenses too,
// at the default 50 % none; the municipality, the town and the county
// council have no peers.
func TestAdminCountyPeerFlags(t *testing.T) {
	s, root, err := buildCounty("peers")
	if root != "" {
		t.Cleanup(func() { os.RemoveAll(root) })
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.main.Close(); s.db.Close() })
	releases := filepath.Dir(s.release)
	state := filepath.Join(t.TempDir(), "state")
	if code, out := usersCmd(t, testPassword+"\n", "add", "ana", "--role", "admin", "--releases", releases, "--state", state); code != 0 {
		t.Fatalf("users add: %d %s", code, out)
	}
	flags := func(d *dashSite, path string) map[string][]string {
		_, page := signedIn(t, d.base, "ana").get(path)
		out := map[string][]string{}
		for _, tr := range all(parseHTML(t, page), "tbody tr[data-unit]") {
			cui, _ := attr(tr, "data-unit")
			for _, li := range all(tr, "li[data-peer-flag]") {
				k, _ := attr(li, "data-peer-flag")
				diff, _ := attr(li, "data-peer-diff")
				out[cui] = append(out[cui], k+" "+diff+" "+textOf(li))
			}
		}
		return out
	}
	for _, c := range []struct {
		args []string
		path string
		want map[string][]string
	}{
		{nil, "/admin/judet?an=2025", map[string][]string{}},
		{[]string{"--attention-peer-percent", "25"}, "/admin/judet?an=2025", map[string][]string{
			"9992069": {"revenues 0.2941 Venituri pe locuitor: 300,00 lei, cu 29,4 % sub mediana de 425,00 lei a 2 unități asemănătoare"},
			"9992077": {"revenues 0.2857 Venituri pe locuitor: 450,00 lei, cu 28,6 % peste mediana de 350,00 lei a 2 unități asemănătoare"},
		}},
		// The view of the table does not change the comparison (lei per
		// inhabitant of the year).
		{[]string{"--attention-peer-percent", "20"}, "/en/admin/county?an=2025&valori=total&moneda=eur", map[string][]string{
			"9992069": {"revenues 0.2941 Revenues per inhabitant: 300.00 lei, 29.4% below the median of 425.00 lei of 2 similar units"},
			"9992077": {"expenses 0.2245 Expenses per inhabitant: 500.00 lei, 22.4% above the median of 408.34 lei of 2 similar units",
				"revenues 0.2857 Revenues per inhabitant: 450.00 lei, 28.6% above the median of 350.00 lei of 2 similar units"},
		}},
	} {
		d := startDashboards(t, releases, state, c.args...)
		got := flags(d, c.path)
		if len(got) != len(c.want) {
			t.Errorf("%v %s: flags %v, want %v", c.args, c.path, got, c.want)
		}
		for cui, w := range c.want {
			if strings.Join(got[cui], "\n") != strings.Join(w, "\n") {
				t.Errorf("%v %s, unit %s:\n%s\nwant\n%s", c.args, c.path, cui, strings.Join(got[cui], "\n"), strings.Join(w, "\n"))
			}
		}
		_, page := signedIn(t, d.base, "ana").get(c.path)
		if !strings.Contains(textOf(first(parseHTML(t, page), "[data-alert-rules]")), map[bool]string{true: "more than ", false: "cu mai mult de "}[strings.HasPrefix(c.path, "/en/")]) {
			t.Errorf("%v: the page does not state the comparison's rule", c.args)
		}
	}
	err = (&Main{}).ParseFlags([]string{"--releases", releases, "--attention-peer-percent", "0"}, func(string) string { return "" }, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "attention_peer_percent: 0; scrieți un număr întreg de procente între 1 și 1000") {
		t.Errorf("--attention-peer-percent 0: %v", err)
	}
}
