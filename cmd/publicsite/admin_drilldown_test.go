package main

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// The drill-down pages and the attention list, end to end: the demo
// release, the test accounts, a real server, and counts made independently
// with DuckDB over the release's internal/requests.parquet.

// registerView makes the view "register" over the release's request register.
func registerView(t *testing.T) *demoSite {
	t.Helper()
	s := site(t)
	p := strings.ReplaceAll(filepath.Join(s.release, "internal", "requests.parquet"), "'", "''")
	if _, err := s.db.Exec(`CREATE OR REPLACE VIEW register AS SELECT * FROM read_parquet('` + p + `')`); err != nil {
		t.Fatal(err)
	}
	return s
}

// signedIn is a client signed in as name.
func signedIn(t *testing.T, base, name string) *client {
	t.Helper()
	c := newClient(t, base)
	if resp, body := c.signIn(name, testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in %s: %d %.300s", name, resp.StatusCode, body)
	}
	return c
}

// rowsTotal is the number of rows a drill-down page says its filter selects.
func rowsTotal(t *testing.T, body string) int64 {
	t.Helper()
	n := first(parseHTML(t, body), `[data-rows-total]`)
	if n == nil {
		t.Fatalf("no data-rows-total in %.500s", body)
	}
	v, _ := attr(n, "data-rows-total")
	total, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// column is the text of column i of every row of a drill-down page.
func column(t *testing.T, body string, i int) []string {
	t.Helper()
	var out []string
	for _, tr := range all(parseHTML(t, body), `tr[data-row]`) {
		cells := all(tr, "td")
		out = append(out, strings.TrimSpace(textOf(cells[i])))
	}
	return out
}

func TestDrillDownEnforcesTheAccountsScope(t *testing.T) {
	s := registerView(t)
	d, main, other, dept := demoDashboards(t)
	otherDept := s.str(t, `SELECT department FROM register WHERE entity_cui = ? AND department <> ? GROUP BY 1 ORDER BY 1 LIMIT 1`, main, dept)

	// A director of main: another entity's rows are a 404, even typed in.
	dan := signedIn(t, d.base, "dan")
	for _, p := range []string{"/admin/cereri?entitate=" + other, "/en/admin/cereri?entitate=" + other + "&stare=intarziate",
		"/admin/investitii?entitate=" + other, "/admin/cereri?entitate=9999999"} {
		if resp, body := dan.get(p); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "data-row") {
			t.Errorf("director of %s, GET %s: %d", main, p, resp.StatusCode)
		}
	}
	resp, body := dan.get("/admin/cereri")
	if resp.StatusCode != 200 {
		t.Fatalf("director's own register: %d %.300s", resp.StatusCode, body)
	}
	if got, want := rowsTotal(t, body), s.int(t, `SELECT count(*) FROM register WHERE entity_cui = ?`, main); got != want {
		t.Errorf("director's register: %d rows, the file has %d", got, want)
	}

	// A director with a department sees its requests only; another is a 404.
	dana := signedIn(t, d.base, "dana")
	resp, body = dana.get("/admin/cereri?ordine=compartiment")
	if resp.StatusCode != 200 {
		t.Fatalf("department director: %d", resp.StatusCode)
	}
	if got, want := rowsTotal(t, body), s.int(t, `SELECT count(*) FROM register WHERE entity_cui = ? AND department = ?`, main, dept); got != want || want == 0 {
		t.Errorf("department %s: %d rows, the file has %d", dept, got, want)
	}
	for _, v := range column(t, body, 2) {
		if v != dept {
			t.Fatalf("department director sees a row of %q", v)
		}
	}
	if resp, _ := dana.get("/admin/cereri?departament=" + url.QueryEscape(otherDept)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("department director asking for %s: %d, want 404", otherDept, resp.StatusCode)
	}
	if resp, _ := dana.get("/admin/cereri?departament=" + url.QueryEscape(dept)); resp.StatusCode != 200 {
		t.Errorf("department director asking for her own department: %d", resp.StatusCode)
	}

	// A viewer reads every entity's register.
	vera := signedIn(t, d.base, "vera")
	resp, body = vera.get("/admin/cereri?entitate=" + other)
	if resp.StatusCode != 200 {
		t.Fatalf("viewer, other entity: %d", resp.StatusCode)
	}
	if got, want := rowsTotal(t, body), s.int(t, `SELECT count(*) FROM register WHERE entity_cui = ?`, other); got != want {
		t.Errorf("viewer, %s: %d rows, the file has %d", other, got, want)
	}
	// Without a session: the sign-in page, no rows.
	if resp, body := newClient(t, d.base).get("/admin/cereri?entitate=" + main); resp.StatusCode != http.StatusSeeOther || strings.Contains(body, "data-row") {
		t.Errorf("no session: %d", resp.StatusCode)
	}
}

func TestDrillDownBadParametersSayWhatToChange(t *testing.T) {
	d, main, _, _ := demoDashboards(t)
	ana := signedIn(t, d.base, "ana")
	for _, c := range []struct{ query, want string }{
		{"ordine=nume", "ordinea este una din coloanele primire, termen"},
		{"ordine=-", "ordinea este una din coloanele"},
		{"stare=toate", "stările posibile sunt: deschise, intarziate"},
		{"luna=13&an=2026", "luna este un număr de la 1 la 12"},
		{"luna=3", "luna cere și anul"},
		{"an=20x6", "anul are patru cifre"},
		{"pagina=0", "pagina este un număr întreg"},
		{"pagina=abc", "pagina este un număr întreg"},
		{"pagina=100000", "ultima pagină este"},
		{"zile=-1", "zilele sunt un număr întreg de la 0 la 365"},
		{"departament=Nicio+direcție", "registrul nu are acest compartiment"},
		{"categorie=%3Cscript%3E", "registrul nu are această categorie"},
	} {
		resp, body := ana.get("/admin/cereri?entitate=" + main + "&" + c.query)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, c.want) || strings.Contains(body, "data-row") {
			t.Errorf("%s: %d, want 400 saying %q; %.400s", c.query, resp.StatusCode, c.want, body)
		}
	}
	for _, q := range []string{"stare=nimic", "ordine=nume", "pagina=-2", "an=1800"} {
		if resp, _ := ana.get("/admin/investitii?entitate=" + main + "&" + q); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("investitii?%s: %d, want 400", q, resp.StatusCode)
		}
	}
	if resp, body := ana.get("/admin/investitii?entitate=" + main + "&finantare=UE"); resp.StatusCode != http.StatusBadRequest ||
		!strings.Contains(body, "finanțările posibile sunt: local, stat, ue, pnrr, ue-pnrr") {
		t.Errorf("investitii?finantare=UE: %d, want 400 listing the funding sources", resp.StatusCode)
	}
	// English pages say it in English.
	if resp, body := ana.get("/en/admin/cereri?entitate=" + main + "&stare=toate"); resp.StatusCode != 400 || !strings.Contains(body, "the states are") {
		t.Errorf("English 400: %d %.300s", resp.StatusCode, body)
	}
}

// Walking the pages of a sorted filter by the page's own links gives every
// row the file has for it once, in order.
func TestDrillDownPagesAndSortMatchTheParquet(t *testing.T) {
	s := registerView(t)
	d, main, _, _ := demoDashboards(t)
	ana := signedIn(t, d.base, "ana")
	year := s.str(t, `SELECT max(year(received)) FROM register WHERE entity_cui = ?`, main)
	for _, c := range []struct{ query, where string }{
		{"stare=intarziate&ordine=-termen", "outcome = 'deschisă' AND as_of > due"},
		{"an=" + year + "&stare=raspunse&ordine=zile", "year(received) = " + year + " AND outcome = 'răspuns'"},
	} {
		want := s.int(t, `SELECT count(*) FROM register WHERE entity_cui = ? AND `+c.where, main)
		if want <= 50 {
			t.Fatalf("%s: %d rows in the file, too few to page", c.query, want)
		}
		seen := map[string]bool{}
		var raws []string
		next := "/admin/cereri?entitate=" + main + "&" + c.query
		for pages := 0; next != ""; pages++ {
			resp, body := ana.get(next)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", next, resp.StatusCode)
			}
			if got := rowsTotal(t, body); got != want {
				t.Fatalf("%s: total %d, the file has %d", next, got, want)
			}
			doc := parseHTML(t, body)
			for _, tr := range all(doc, `tr[data-row]`) {
				cells := all(tr, "td")
				id := strings.TrimSpace(textOf(cells[0]))
				if seen[id] {
					t.Fatalf("%s on two pages", id)
				}
				seen[id] = true
				if term := strings.TrimSpace(textOf(cells[10])); strings.Contains(c.query, "intarziate") && term != "întârziată" {
					t.Fatalf("%s: an overdue request says %q against its term", id, term)
				}
				col := 6 // due
				if strings.Contains(c.query, "ordine=zile") {
					col = 8
				}
				raw, _ := attr(cells[col], "data-value")
				raws = append(raws, raw)
			}
			next = ""
			if a := first(doc, `a[rel=next]`); a != nil {
				next, _ = attr(a, "href")
			}
		}
		if int64(len(seen)) != want {
			t.Errorf("%s: %d rows over the pages, the file has %d", c.query, len(seen), want)
		}
		for i := 1; i < len(raws); i++ {
			a, b := raws[i-1], raws[i]
			if strings.Contains(c.query, "-termen") && a < b || strings.Contains(c.query, "ordine=zile") && atoi(a) > atoi(b) {
				t.Fatalf("%s: %q before %q", c.query, a, b)
			}
		}
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// Every alert and every request card links to a page whose row count is
// the alert's (the card's) figure; the overdue alerts add up to the file's
// count of open requests past their term.
func TestAttentionAndCardsLinkToTheirRows(t *testing.T) {
	s := registerView(t)
	d, main, _, dept := demoDashboards(t)
	for _, who := range []string{"ana", "dana"} {
		c := signedIn(t, d.base, who)
		resp, body := c.get("/admin?entitate=" + main)
		if resp.StatusCode != 200 {
			t.Fatalf("%s home: %d", who, resp.StatusCode)
		}
		doc := parseHTML(t, body)
		alerts := all(doc, `li[data-alert]`)
		kinds := map[string]int64{}
		for _, li := range alerts {
			kind, _ := attr(li, "data-alert")
			count, _ := attr(li, "data-alert-count")
			n, _ := strconv.ParseInt(count, 10, 64)
			kinds[kind] += n
			a := first(li, "a")
			if a == nil {
				continue
			}
			href, _ := attr(a, "href")
			if !strings.HasPrefix(href, "/admin/") {
				continue // a public page (a budget or a report)
			}
			resp, page := c.get(href)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: alert %s links to %s: %d", who, kind, href, resp.StatusCode)
			}
			if got := rowsTotal(t, page); got != n {
				t.Errorf("%s: alert %s says %d, its page %s has %d rows", who, kind, n, href, got)
			}
		}
		where, args := "entity_cui = ? AND outcome = 'deschisă' AND as_of > due", []any{main}
		if who == "dana" {
			where, args = where+" AND department = ?", append(args, dept)
		}
		if want := s.int(t, `SELECT count(*) FROM register WHERE `+where, args...); kinds["requests-overdue"] != want || want == 0 {
			t.Errorf("%s: overdue alerts add up to %d, the file has %d open past their term", who, kinds["requests-overdue"], want)
		}
		// The order: most urgent first.
		if len(alerts) > 0 {
			if k, _ := attr(alerts[0], "data-alert"); k != "requests-overdue" {
				t.Errorf("%s: the first alert is %s", who, k)
			}
		}
		cards := map[string][2]string{} // kpi -> value, link
		for _, k := range all(doc, `.kpi`) {
			dn, a := first(k, `data`), first(k, `a`)
			if dn == nil || a == nil {
				continue
			}
			name, _ := attr(dn, "data-kpi")
			value, _ := attr(dn, "value")
			href, _ := attr(a, "href")
			cards[name] = [2]string{value, href}
		}
		for _, kpi := range []string{models.KPIRequestsReceived, models.KPIRequestsOpenOverdue} {
			card, ok := cards[kpi]
			if !ok || !strings.HasPrefix(card[1], "/admin/cereri?") {
				t.Fatalf("%s: card %s links to %q", who, kpi, card[1])
			}
			resp, page := c.get(card[1])
			if resp.StatusCode != 200 {
				t.Fatalf("card %s: %s %d", kpi, card[1], resp.StatusCode)
			}
			if got := strconv.FormatInt(rowsTotal(t, page), 10); got != card[0] {
				t.Errorf("%s: card %s says %s, its rows page %s has %s", who, kpi, card[0], card[1], got)
			}
		}
	}
	// The page never shows an e-mail address or a phone number.
	ana := signedIn(t, d.base, "ana")
	_, body := ana.get("/admin/cereri?entitate=" + main + "&stare=deschise")
	if regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}|\b07[0-9]{8}\b`).MatchString(body) {
		t.Error("the register page shows an e-mail address or a phone number")
	}
}

// admin: off never opens internal/: the site serves a release whose
// internal files are gone, which the dashboards could not open.
func TestAdminOffNeverOpensInternalFiles(t *testing.T) {
	s := site(t)
	releases := t.TempDir()
	id := filepath.Base(s.release)
	if err := os.CopyFS(filepath.Join(releases, id), os.DirFS(s.release)); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(releases, id, "internal")); err != nil {
		t.Fatal(err)
	}
	if err := release.SwapCurrent(releases, id); err != nil {
		t.Fatal(err)
	}
	m := &Main{Log: testLog(t)}
	if err := m.ParseFlags([]string{"--releases", releases, "--addr", "127.0.0.1:0", "--reload", "1h", "--admin", "off"}, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatalf("admin: off needs internal/: %v", err)
	}
	defer m.Close()
	c := newClient(t, "http://"+m.Addr())
	if resp, _ := c.get("/cereri"); resp.StatusCode != 200 {
		t.Errorf("public requests page with admin: off: %d", resp.StatusCode)
	}
	on := &Main{Log: testLog(t)}
	if err := on.ParseFlags([]string{"--releases", releases, "--addr", "127.0.0.1:0", "--reload", "1h", "--state", t.TempDir()}, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := on.Run(); err == nil {
		on.Close()
		t.Error("admin: on opened a release without its request register")
	}
}

// The requests due in the next N days: a card on the first screen whose
// count is the register's (counted here with DuckDB over the Parquet file),
// linking to exactly those rows; N and the attention list's other settings
// come from the config file, and a value out of range is refused saying
// what to write.
func TestDueSoonCardAndTheAttentionSettings(t *testing.T) {
	s := registerView(t)
	cfg := filepath.Join(t.TempDir(), "publicsite.yaml")
	os.WriteFile(cfg, []byte("attention_due_days: 30\nattention_lag_points: 5\nattention_stalled_months: 1\n"), 0o644)
	for _, c := range []struct {
		args                  []string
		days                  int
		label, rules, stalled string
	}{
		{nil, 7, "Deschise, cu termenul în următoarele 7 zile", "cel mult 7 zile; capitole de cheltuieli cu plăți / credite definitive sub partea din an scursă cu mai mult de 20 de puncte procentuale", "fără nicio plată în an după 6 luni;"},
		{[]string{"--config", cfg}, 30, "Deschise, cu termenul în următoarele 30 de zile", "cel mult 30 de zile; capitole de cheltuieli cu plăți / credite definitive sub partea din an scursă cu mai mult de 5 puncte procentuale", "fără nicio plată în an după 1 lună;"},
	} {
		d, main, _, dept := demoDashboards(t, c.args...)
		for _, who := range []string{"ana", "dana"} {
			cl := signedIn(t, d.base, who)
			_, body := cl.get("/admin?entitate=" + main)
			doc := parseHTML(t, body)
			var card *node
			for _, k := range all(doc, `.kpi`) {
				if dn := first(k, `data[data-kpi=requests-due-soon]`); dn != nil {
					card = k
				}
			}
			if card == nil {
				t.Fatalf("%s: no due-soon card", who)
			}
			if got := strings.TrimSpace(textOf(first(card, "dt"))); got != c.label {
				t.Errorf("%s: due-soon card %q, want %q", who, got, c.label)
			}
			value, _ := attr(first(card, "data"), "value")
			href, _ := attr(first(card, "a"), "href")
			u, _ := url.Parse(href)
			where, args := "entity_cui = ? AND year(received) = ? AND outcome = 'deschisă' AND due >= as_of AND due <= as_of + CAST(? AS INTEGER)", []any{main, u.Query().Get("an"), c.days}
			if who == "dana" {
				where, args = where+" AND department = ?", append(args, dept)
			}
			want := s.int(t, `SELECT count(*) FROM register WHERE `+where, args...)
			if value != strconv.FormatInt(want, 10) || want == 0 {
				t.Errorf("%s, %d days: the card says %s, the register has %d due", who, c.days, value, want)
			}
			if u.Query().Get("an") == "" || !strings.Contains(href, "stare=scadente") || !strings.Contains(href, "zile="+strconv.Itoa(c.days)) {
				t.Errorf("%s: the due-soon card links to %s", who, href)
			}
			if _, page := cl.get(href); rowsTotal(t, page) != want {
				t.Errorf("%s: the card says %d, its rows page %s has %d", who, want, href, rowsTotal(t, page))
			}
			rules := textOf(first(doc, ".attention p.note"))
			if !strings.Contains(rules, c.rules) || !strings.Contains(rules, c.stalled) {
				t.Errorf("%s, %d days: the attention list's rules say %q", who, c.days, rules)
			}
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("attention_stalled_months: 13\n"), 0o644)
	err := (&Main{}).ParseFlags([]string{"--releases", "x", "--config", bad}, func(string) string { return "" }, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "attention_stalled_months: 13; scrieți un număr întreg de luni între 1 și 12") {
		t.Errorf("stalled months 13: %v", err)
	}
	err = (&Main{}).ParseFlags([]string{"--releases", "x", "--attention-due-days", "0"}, func(string) string { return "" }, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "attention_due_days: 0") {
		t.Errorf("--attention-due-days 0: %v", err)
	}
}

// The register's request types show by name, not by code: in the table,
// in the type filter (which selects exactly the file's rows of that type),
// in the exports, in both languages; a type the register does not have is
// a 400 that lists the ones it has, with their names.
func TestRequestTypesShowByName(t *testing.T) {
	s := registerView(t)
	d, main, _, _ := demoDashboards(t)
	ana := signedIn(t, d.base, "ana")
	for _, c := range []struct {
		lang, code, name string
	}{
		{"", "petitie", "petiție (OG nr. 27/2002)"},
		{"/en", "petitie", "petition (Government Ordinance no. 27/2002)"},
		{"", "info_544", "informații de interes public (Legea nr. 544/2001)"},
		{"/en", "certificat_urbanism", "town-planning certificate"},
	} {
		page := c.lang + "/admin/cereri?entitate=" + main + "&tip=" + c.code
		resp, body := ana.get(page)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", page, resp.StatusCode)
		}
		want := s.int(t, `SELECT count(*) FROM register WHERE entity_cui = ? AND type = ?`, main, c.code)
		if got := rowsTotal(t, body); got != want || want == 0 {
			t.Errorf("%s: %d rows, the file has %d of type %s", page, got, want, c.code)
		}
		for _, v := range column(t, body, 4) {
			if v != c.name {
				t.Fatalf("%s: type cell %q, want %q", page, v, c.name)
			}
		}
		var options []string
		for _, o := range all(parseHTML(t, body), `select[name=tip] option`) {
			options = append(options, strings.TrimSpace(textOf(o)))
			if v, _ := attr(o, "value"); v == c.code {
				if _, sel := attr(o, "selected"); !sel || textOf(o) != c.name {
					t.Errorf("%s: the filter's option %s is %q (selected %v)", page, v, textOf(o), sel)
				}
			}
		}
		if len(options) < 3 || strings.Contains(strings.Join(options, "|"), "_") {
			t.Errorf("%s: the type filter offers %q", page, options)
		}
		// The CSV export: the same names, every row of the type.
		file := map[string]string{"": "cereri-", "/en": "requests-"}[c.lang] + main + "-" + releaseDay(t) + ".csv"
		recs := readCSV(t, download(t, ana, exportLink(t, body, "csv"), file))
		col := slices.Index(recs[0], map[string]string{"": "Tip", "/en": "Type"}[c.lang])
		if col < 0 || int64(len(recs)-1) != want {
			t.Fatalf("%s: CSV header %q, %d rows, want %d", page, recs[0], len(recs)-1, want)
		}
		for _, r := range recs[1:] {
			if r[col] != c.name {
				t.Fatalf("%s: CSV type %q, want %q", page, r[col], c.name)
			}
		}
	}
	resp, body := ana.get("/admin/cereri?entitate=" + main + "&tip=nu_exista")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "tip") || !strings.Contains(body, "petitie (petiție (OG nr. 27/2002))") {
		t.Errorf("unknown type: %d %.300s", resp.StatusCode, body)
	}
}
