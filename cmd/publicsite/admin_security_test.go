package main

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/dashboards/admin"
)

// demoDashboards serves the demo release with the test accounts in a state
// directory of the test's own: ana (admin), vera (viewer), dan (director of
// the main entity) and dana (director of its department dept).
func demoDashboards(t *testing.T, args ...string) (d *dashSite, main, other, dept string) {
	t.Helper()
	s := site(t)
	main = s.str(t, `SELECT entity_cui FROM requests_daily GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
	other = s.str(t, `SELECT cui FROM entities WHERE cui <> ? ORDER BY cui LIMIT 1`, main)
	dept = s.str(t, `SELECT department FROM requests_daily WHERE entity_cui = ? GROUP BY 1 ORDER BY 1 LIMIT 1`, main)
	state := filepath.Join(t.TempDir(), "state")
	demoAccounts(t, s.releases, state, main, dept)
	return startDashboards(t, s.releases, state, args...), main, other, dept
}

func TestEveryAdminPageNeedsASession(t *testing.T) {
	d, main, _, _ := demoDashboards(t)
	c := newClient(t, d.base)
	for _, p := range []string{"/admin", "/admin/", "/admin?entitate=" + main, "/admin/utilizatori", "/admin/jurnal", "/en/admin", "/en/admin/jurnal", "/admin/achizitii", "/en/admin/achizitii?semnal=divizare"} {
		resp, body := c.get(p)
		loc := resp.Header.Get("Location")
		wantLoc := "/admin/intrare?next="
		if strings.HasPrefix(p, "/en/") {
			wantLoc = "/en" + wantLoc
		}
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, wantLoc) || strings.Contains(body, "data-kpi") {
			t.Errorf("GET %s without a session: %d Location %q", p, resp.StatusCode, loc)
		}
		if got, _ := url.QueryUnescape(strings.TrimPrefix(loc, wantLoc)); got != p {
			t.Errorf("GET %s: next=%q, want the page asked for", p, got)
		}
	}
	// Anything but a GET without a session: 401 and no data.
	resp, body := c.post("/admin/iesire", url.Values{"csrf": {"x"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "cere o sesiune") || strings.Contains(body, "data-kpi") {
		t.Errorf("POST without a session: %d %.200s", resp.StatusCode, body)
	}
	// A made-up or tampered cookie is no session, and the server drops it.
	resp, _ = c.signIn("ana", testPassword)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	good := c.cookie(admin.SessionCookie)
	b := []byte(good)
	b[5] ^= 1
	for _, bad := range []string{string(b), good + "x", "nimic", accounts.RandomToken()} {
		c2 := newClient(t, d.base)
		c2.setCookie(admin.SessionCookie, bad)
		resp, body := c2.get("/admin")
		if resp.StatusCode != http.StatusSeeOther || strings.Contains(body, "data-kpi") {
			t.Errorf("cookie %q: %d", bad, resp.StatusCode)
		}
		if !strings.Contains(strings.Join(resp.Header.Values("Set-Cookie"), ";"), admin.SessionCookie+"=; Path=/; Max-Age=0") {
			t.Errorf("cookie %q is not cleared: %v", bad, resp.Header.Values("Set-Cookie"))
		}
	}
	if resp, _ := c.get("/admin"); resp.StatusCode != 200 {
		t.Errorf("the real session after the tampered ones: %d", resp.StatusCode)
	}
	// Idle expiry (30 minutes by default) and absolute expiry (--session-max).
	d.clock.Add(31 * time.Minute)
	if resp, _ := c.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after 31 idle minutes: %d, want the sign-in page", resp.StatusCode)
	}
}

func TestSessionAbsoluteExpiryIsASetting(t *testing.T) {
	d, _, _, _ := demoDashboards(t, "--session-max", "1h", "--session-idle", "45m")
	c := newClient(t, d.base)
	c.signIn("vera", testPassword)
	for i := 0; i < 2; i++ {
		d.clock.Add(25 * time.Minute)
		if resp, _ := c.get("/admin"); resp.StatusCode != 200 {
			t.Fatalf("at %d minutes: %d", 25*(i+1), resp.StatusCode)
		}
	}
	d.clock.Add(11 * time.Minute) // 61 minutes after sign-in, 11 after the last use
	if resp, _ := c.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("61 minutes after sign-in with session_max 1h: %d", resp.StatusCode)
	}
}

func TestSignInRefusalsSayWhatToDo(t *testing.T) {
	d, _, _, _ := demoDashboards(t)
	c := newClient(t, d.base)
	resp, body := c.signIn("ana", "nu-e-parola-ei")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Numele contului sau parola nu sunt corecte") || c.cookie(admin.SessionCookie) != "" {
		t.Errorf("wrong password: %d %q", resp.StatusCode, c.cookie(admin.SessionCookie))
	}
	if resp, body := c.signIn("nimeni", testPassword); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "nu sunt corecte") {
		t.Errorf("unknown account: %d", resp.StatusCode)
	}
	if resp, body := c.signIn("", ""); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Completați numele contului și parola") {
		t.Errorf("empty form: %d", resp.StatusCode)
	}
	// English.
	_, form := c.get("/en/admin/intrare")
	resp, body = c.post("/en/admin/intrare", url.Values{"csrf": {formToken(t, form)}, "nume": {"ana"}, "parola": {"wrong-wrong-wrong"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "The account name or the password is not right") || !strings.Contains(body, `lang="en"`) {
		t.Errorf("English wrong password: %d", resp.StatusCode)
	}
	// Four failures so far for ana; the fifth reaches the bound, and then
	// even the right password is refused, with when to try again.
	c.signIn("ana", "tot-nu-e-parola")
	c.signIn("ana", "tot-nu-e-parola")
	c.signIn("ana", "tot-nu-e-parola")
	resp, body = c.signIn("ana", testPassword)
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Prea multe încercări nereușite pentru acest cont sau de la această adresă. Încercați din nou peste 15 minute.") ||
		resp.Header.Get("Retry-After") != "900" {
		t.Errorf("throttled: %d Retry-After %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	// Another account from the same address still signs in (7 failures < 20).
	if resp, _ := newClient(t, d.base).signIn("vera", testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("vera: %d", resp.StatusCode)
	}
	d.clock.Add(15 * time.Minute)
	resp, _ = c.signIn("ana", testPassword)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after 15 minutes: %d", resp.StatusCode)
	}
	// Per address: 20 failures from one address on any names.
	for i := 0; i < 20; i++ {
		newClient(t, d.base).signIn("cineva"+strings.Repeat("x", i), "nu-contează-deloc")
	}
	if resp, body := newClient(t, d.base).signIn("dan", testPassword); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "de la această adresă") {
		t.Errorf("dan from the noisy address: %d", resp.StatusCode)
	}
	// The audit log, for the admin, says all of it.
	_, body = c.get("/admin/jurnal")
	doc := parseHTML(t, body)
	count := map[string]int{}
	for _, tr := range all(doc, "tr[data-event]") {
		e, _ := attr(tr, "data-event")
		count[e]++
	}
	if count["signin-failure"] != 26 || count["signin-throttled"] != 2 || count["signin-success"] != 2 {
		t.Errorf("audit log %v, want 26 failures, 2 throttled, 2 successes", count)
	}
	if !strings.Contains(body, "intrare blocată (prea multe încercări)") || !strings.Contains(body, "127.0.0.1") || !strings.Contains(body, "23.11.2026") {
		t.Errorf("the audit page does not say what happened, from where, when")
	}
}

func TestFormsNeedTheirTokenAndThisSite(t *testing.T) {
	d, _, _, _ := demoDashboards(t)
	c := newClient(t, d.base)
	// The sign-in form: no token, a forged one, or no form cookie.
	_, form := c.get("/admin/intrare")
	token := formToken(t, form)
	for name, f := range map[string]url.Values{
		"no token":     {"nume": {"ana"}, "parola": {testPassword}},
		"forged token": {"csrf": {accounts.RandomToken()}, "nume": {"ana"}, "parola": {testPassword}},
	} {
		resp, body := c.post("/admin/intrare", f)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Deschideți din nou pagina de intrare") || c.cookie(admin.SessionCookie) != "" {
			t.Errorf("sign-in with %s: %d", name, resp.StatusCode)
		}
	}
	other := newClient(t, d.base) // a page of another visitor: token without its cookie
	if resp, _ := other.post("/admin/intrare", url.Values{"csrf": {token}, "nume": {"ana"}, "parola": {testPassword}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a token without its cookie: %d", resp.StatusCode)
	}
	// Cross-site, even with the right token: http.CrossOriginProtection.
	resp, body := c.post("/admin/intrare", url.Values{"csrf": {token}, "nume": {"ana"}, "parola": {testPassword}}, "Sec-Fetch-Site", "cross-site")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "vine de pe alt site") {
		t.Errorf("cross-site sign-in: %d", resp.StatusCode)
	}
	resp, _ = c.post("/admin/intrare", url.Values{"csrf": {token}, "nume": {"ana"}, "parola": {testPassword}}, "Origin", "https://rau.example")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in from another origin: %d", resp.StatusCode)
	}

	// Rotation: a session cookie from before sign-in is replaced, and its session ends.
	resp, _ = c.signIn("ana", testPassword)
	first := c.cookie(admin.SessionCookie)
	sc := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(sc, want) {
			t.Errorf("session cookie %q lacks %s", sc, want)
		}
	}
	if strings.Contains(sc, "Secure") {
		t.Errorf("Secure over plain HTTP without trust_proxy: %q", sc)
	}
	c.signIn("ana", testPassword)
	second := c.cookie(admin.SessionCookie)
	if second == first || second == "" {
		t.Fatal("the session id did not change at sign-in")
	}
	stale := newClient(t, d.base)
	stale.setCookie(admin.SessionCookie, first)
	if resp, _ := stale.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the session before rotation still works: %d", resp.StatusCode)
	}

	// Sign-out: without the session's token, with a forged one, cross-site: refused.
	_, page := c.get("/admin")
	sessionToken := formToken(t, page)
	for name, f := range map[string]url.Values{"no token": {}, "forged token": {"csrf": {sessionToken + "x"}}, "sign-in token": {"csrf": {token}}} {
		resp, body := c.post("/admin/iesire", f)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "jetonul sesiunii") {
			t.Errorf("sign-out with %s: %d", name, resp.StatusCode)
		}
	}
	if resp, _ := c.post("/admin/iesire", url.Values{"csrf": {sessionToken}}, "Sec-Fetch-Site", "cross-site"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site sign-out: %d", resp.StatusCode)
	}
	if resp, _ := c.get("/admin"); resp.StatusCode != 200 {
		t.Fatalf("the refused sign-outs ended the session: %d", resp.StatusCode)
	}
	resp, _ = c.post("/admin/iesire", url.Values{"csrf": {sessionToken}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/intrare?iesit=1" {
		t.Errorf("sign-out: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = c.get("/admin/intrare?iesit=1")
	if !strings.Contains(body, "Ați ieșit din cont.") {
		t.Error("no word that the sign-out happened")
	}
	stale.setCookie(admin.SessionCookie, second)
	if resp, _ := stale.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the session lives after sign-out: %d", resp.StatusCode)
	}
	// After sign-in the form goes back to the page asked for, and only to a
	// page of the dashboards: never to another site.
	for next, want := range map[string]string{
		"/admin?entitate=1&an=2025": "/admin?entitate=1&an=2025", "/en/admin/jurnal": "/en/admin/jurnal",
		"//rau.example/admin": "/admin", "https://rau.example/admin": "/admin", "/admin/../buget": "/admin",
		"/administrare": "/admin", "/admin\\rau.example": "/admin", "": "/admin",
	} {
		_, form := c.get("/admin/intrare")
		resp, _ := c.post("/admin/intrare", url.Values{"csrf": {formToken(t, form)}, "nume": {"vera"}, "parola": {testPassword}, "next": {next}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Errorf("next=%q: %d to %q, want %q", next, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	// The public site stays read-only.
	if resp, _ := c.post("/buget", url.Values{}); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /buget: %d", resp.StatusCode)
	}
}

func TestSecureCookiesBehindATrustedProxy(t *testing.T) {
	d, _, _, _ := demoDashboards(t, "--trust-proxy")
	c := newClient(t, d.base)
	req, _ := http.NewRequest(http.MethodGet, d.base+"/admin/intrare", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	resp, _ := c.do(req)
	if sc := resp.Header.Get("Set-Cookie"); !strings.Contains(sc, "; Secure") {
		t.Errorf("behind a proxy saying https: %q", sc)
	}
	// Throttling counts the address the proxy gives.
	for i := 0; i < 20; i++ {
		_, form := c.get("/admin/intrare")
		c.post("/admin/intrare", url.Values{"csrf": {formToken(t, form)}, "nume": {"x" + strings.Repeat("y", i)}, "parola": {"y"}}, "X-Forwarded-For", "203.0.113.7")
	}
	_, form := c.get("/admin/intrare")
	if resp, _ := c.post("/admin/intrare", url.Values{"csrf": {formToken(t, form)}, "nume": {"ana"}, "parola": {testPassword}}, "X-Forwarded-For", "203.0.113.7"); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("from the throttled address: %d", resp.StatusCode)
	}
	_, form = c.get("/admin/intrare")
	if resp, _ := c.post("/admin/intrare", url.Values{"csrf": {formToken(t, form)}, "nume": {"ana"}, "parola": {testPassword}}, "X-Forwarded-For", "198.51.100.1"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("from another address: %d", resp.StatusCode)
	}
}

func TestRolesAndScopes(t *testing.T) {
	d, main, other, dept := demoDashboards(t)
	s := site(t)
	signed := func(name string) *client {
		c := newClient(t, d.base)
		if resp, _ := c.signIn(name, testPassword); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d", name, resp.StatusCode)
		}
		return c
	}
	mainName := s.str(t, `SELECT name FROM entities WHERE cui = ? LIMIT 1`, main)
	otherName := s.str(t, `SELECT name FROM entities WHERE cui = ? LIMIT 1`, other)

	// A viewer and a director on the admins' pages: refused, with why.
	for _, name := range []string{"vera", "dan"} {
		c := signed(name)
		for _, p := range []string{"/admin/utilizatori", "/admin/jurnal", "/en/admin/jurnal"} {
			resp, body := c.get(p)
			if resp.StatusCode != http.StatusForbidden || !(strings.Contains(body, "doar pentru administratori") || strings.Contains(body, "for administrators only")) ||
				strings.Contains(body, "ana") && strings.Contains(body, "data-user") {
				t.Errorf("%s on %s: %d", name, p, resp.StatusCode)
			}
		}
		_, body := c.get("/admin")
		if strings.Contains(body, `href="/admin/utilizatori"`) {
			t.Errorf("%s sees the link to the accounts", name)
		}
	}

	// A director: own entity's numbers; another entity is 404 even by URL.
	dan := signed("dan")
	resp, body := dan.get("/admin")
	if resp.StatusCode != 200 || !strings.Contains(body, mainName) {
		t.Fatalf("dan /admin: %d", resp.StatusCode)
	}
	y := s.str(t, `SELECT max(year) FROM budget WHERE entity_cui = ?`, main)
	got := kpis(parseHTML(t, body))
	_, pub, _ := s.fetch(t, "/?entitate="+main+"&an="+y)
	want := kpis(pub)
	for _, k := range []string{"budget-final", "budget-executed", "revenue-executed", "investments-active", "contracts-count", "contracts-value", "requests-received", "requests-within-term-share", "requests-median-days"} {
		if got[k] != want[k] || got[k][0] == "" && k != "requests-median-days" {
			t.Errorf("dan's %s = %v, the public page says %v", k, got[k], want[k])
		}
	}
	// An institution that publishes no requests: "–" with the reason, as on
	// the public home page, never a 0 that reads as a figure.
	silent := s.str(t, `SELECT cui FROM entities WHERE cui NOT IN (SELECT DISTINCT entity_cui FROM requests_daily) ORDER BY cui LIMIT 1`)
	_, vb := signed("vera").get("/admin?entitate=" + silent + "&an=" + y)
	_, _, pb := s.fetch(t, "/?entitate="+silent+"&an="+y)
	const why = "Instituția nu publică date despre cereri"
	if got := kpis(parseHTML(t, vb))["requests-received"]; got != [2]string{"", "–"} || !strings.Contains(vb, why) || !strings.Contains(pb, why) {
		t.Errorf("requests of %s, which publishes none: the dashboards show %q (the reason shown: %v, on the public page: %v)",
			silent, got, strings.Contains(vb, why), strings.Contains(pb, why))
	}
	for _, p := range []string{"/admin?entitate=" + other, "/admin?entitate=" + other + "&an=" + y, "/en/admin?entitate=" + other, "/admin?entitate=99999999"} {
		resp, body := dan.get(p)
		if resp.StatusCode != http.StatusNotFound || strings.Contains(body, otherName) || strings.Contains(body, "data-kpi") {
			t.Errorf("dan on %s: %d (name shown: %v)", p, resp.StatusCode, strings.Contains(body, otherName))
		}
	}
	if resp, body := dan.get("/admin?entitate=" + main + "&an=20x6"); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "an=20x6") {
		t.Errorf("a bad year: %d", resp.StatusCode)
	}
	// Each card leads to the public rows of the same entity and year.
	doc := parseHTML(t, body)
	links := all(doc, "dd.rows a")
	if len(links) < 10 {
		t.Fatalf("%d card links", len(links))
	}
	for _, a := range links {
		href, _ := attr(a, "href")
		if !strings.Contains(href, "entitate="+main) || !strings.Contains(href, "an="+y) {
			t.Errorf("card link %s does not keep the scope", href)
		}
		if resp, _ := dan.get(href); resp.StatusCode != 200 {
			t.Errorf("card link %s: %d", href, resp.StatusCode)
		}
	}

	// A director of one department: the requests are the department's only.
	dana := signed("dana")
	_, body = dana.get("/admin")
	got = kpis(parseHTML(t, body))
	wantReceived := s.str(t, `SELECT sum(received) FROM requests_daily WHERE entity_cui = ? AND department = ? AND year(date) = ?`, main, dept, y)
	total := s.str(t, `SELECT sum(received) FROM requests_daily WHERE entity_cui = ? AND year(date) = ?`, main, y)
	if got["requests-received"][0] != wantReceived || wantReceived == total {
		t.Errorf("dana's requests-received %v, want the department's %s (institution: %s)", got["requests-received"], wantReceived, total)
	}
	if !strings.Contains(body, "Doar cererile departamentului "+dept) || !strings.Contains(body, "nu sunt defalcate pe departamente") {
		t.Error("dana's page does not say which numbers are the department's")
	}

	// Unscoped accounts choose the entity; the admin sees the accounts.
	ana := signed("ana")
	if resp, body := ana.get("/admin?entitate=" + other); resp.StatusCode != 200 || !strings.Contains(body, otherName) {
		t.Errorf("ana on another entity: %d", resp.StatusCode)
	}
	if resp, body := signed("vera").get("/en/admin?entitate=" + other); resp.StatusCode != 200 || !strings.Contains(body, "dashboard") {
		t.Errorf("vera in English on another entity: %d", resp.StatusCode)
	}
	_, body = ana.get("/admin/utilizatori")
	doc = parseHTML(t, body)
	rows := map[string]string{}
	for _, tr := range all(doc, "tr[data-user]") {
		n, _ := attr(tr, "data-user")
		rows[n] = textOf(tr)
	}
	if len(rows) != 4 || !strings.Contains(rows["dana"], "director") || !strings.Contains(rows["dana"], mainName+", departamentul "+dept) || !strings.Contains(rows["vera"], "toate instituțiile") {
		t.Errorf("accounts page %v", rows)
	}
	if strings.Contains(body, "$argon2id$") {
		t.Error("the accounts page shows a password hash")
	}
	// Nothing of the state reached the releases.
	noAccountDataIn(t, s.releases, "ana", "dana")
	if rel, err := filepath.Rel(s.releases, d.state); err == nil && !strings.HasPrefix(rel, "..") {
		t.Errorf("state %s is inside the releases %s", d.state, s.releases)
	}
}

func TestAdminDeploymentModes(t *testing.T) {
	s := site(t)
	// off: no dashboards, and no state is even opened.
	state := filepath.Join(t.TempDir(), "state")
	cfg := filepath.Join(t.TempDir(), "publicsite.yaml")
	os.WriteFile(cfg, []byte("admin: off\n"), 0o644)
	d := startDashboards(t, s.releases, state, "--config", cfg)
	c := newClient(t, d.base)
	if resp, _ := c.get("/admin"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("admin off: /admin %d", resp.StatusCode)
	}
	if resp, _ := c.get("/buget"); resp.StatusCode != 200 {
		t.Errorf("admin off: /buget %d", resp.StatusCode)
	}
	if _, err := os.Stat(state); !os.IsNotExist(err) {
		t.Errorf("admin off opened the state: %v", err)
	}
	// only: the dashboards, no public pages.
	state = filepath.Join(t.TempDir(), "state")
	demoAccounts(t, s.releases, state, s.str(t, `SELECT cui FROM entities LIMIT 1`), "x")
	d = startDashboards(t, s.releases, state, "--admin", "only")
	c = newClient(t, d.base)
	for _, p := range []string{"/buget", "/date", "/en/cereri"} {
		if resp, _ := c.get(p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("admin only: %s %d", p, resp.StatusCode)
		}
	}
	if resp, _ := c.get("/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin" {
		t.Errorf("admin only: / %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := c.signIn("ana", testPassword)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("admin only sign-in: %d", resp.StatusCode)
	}
	resp, body = c.get("/admin")
	if resp.StatusCode != 200 {
		t.Errorf("admin only: /admin %d", resp.StatusCode)
	}
	// Its links stay in the dashboards (the drill-down pages): none goes to
	// a public page that is not served.
	for _, a := range append(all(parseHTML(t, body), ".kpi a"), all(parseHTML(t, body), "li[data-alert] a")...) {
		if href, _ := attr(a, "href"); !strings.HasPrefix(href, "/admin/") {
			t.Errorf("admin only: /admin links to %s, which is not served", href)
		}
	}
	css := first(parseHTML(t, body), "link[rel=stylesheet]")
	href, _ := attr(css, "href")
	if resp, _ := c.get(href); resp.StatusCode != 200 {
		t.Errorf("admin only: the stylesheet %s %d", href, resp.StatusCode)
	}
}

// With admin: only, every link of the dashboards' pages is served: the footer names no public page that is not
// there (the open data, the methodology), and no card or alert links to
// one. Each link is requested, in both languages, signed in and signed out.
func TestAdminOnlyLinksAreServed(t *testing.T) {
	s := site(t)
	state := filepath.Join(t.TempDir(), "state")
	demoAccounts(t, s.releases, state, s.str(t, `SELECT cui FROM entities LIMIT 1`), "x")
	d := startDashboards(t, s.releases, state, "--admin", "only")
	out := newClient(t, d.base) // signed out: the sign-in page's links
	in := newClient(t, d.base)
	if resp, _ := in.signIn("ana", testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	type visit struct {
		c     *client
		path  string
		depth int
	}
	var queue []visit
	for _, p := range []string{admin.PathHome, admin.PathRequestRows, admin.PathInvestmentRows, admin.PathReport, admin.PathUsers, admin.PathAudit} {
		queue = append(queue, visit{in, p, 0}, visit{in, "/en" + p, 0})
	}
	queue = append(queue, visit{out, "/admin/intrare", 0}, visit{out, "/en/admin/intrare", 0}, visit{out, "/admin/nu-exista", 0})
	seen := map[string]bool{}
	footer := 0
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		key := fmt.Sprintf("%p %s", v.c, v.path)
		if seen[key] {
			continue
		}
		seen[key] = true
		resp, body := v.c.get(v.path)
		if v.depth > 0 && resp.StatusCode >= 400 {
			t.Errorf("admin only: %s answers %d", v.path, resp.StatusCode)
		}
		if v.depth >= 1 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		doc := parseHTML(t, body)
		if f := first(doc, "footer.site-footer"); f != nil {
			footer++
			for _, a := range all(f, "a") {
				if href, _ := attr(a, "href"); strings.HasPrefix(href, "/") {
					t.Errorf("admin only: the footer of %s links to %s", v.path, href)
				}
			}
		}
		if resp.StatusCode == http.StatusNotFound {
			continue // the error page: its footer, not its links to itself in the other language
		}
		for _, sel := range []string{"a", "link"} {
			for _, a := range all(doc, sel) {
				href, _ := attr(a, "href")
				u, err := url.Parse(href)
				if err != nil || href == "" || u.Host != "" || strings.HasPrefix(href, "#") {
					continue // another site (the licence) or a place on the page
				}
				ref, _ := url.Parse(v.path)
				queue = append(queue, visit{v.c, ref.ResolveReference(u).RequestURI(), v.depth + 1})
			}
		}
	}
	if len(seen) < 60 || footer < 15 {
		t.Errorf("only %d links requested and %d footers read: the crawl did not reach the pages", len(seen), footer)
	}
}
