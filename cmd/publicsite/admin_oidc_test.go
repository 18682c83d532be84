package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"
)

// Sign-in with the city's identity provider (OpenID Connect), against a
// local mock provider: the provider's user is mapped to the local account
// of the same name, with that account's role and scope.
func TestSignInWithTheIdentityProvider(t *testing.T) {
	idp, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	defer idp.Shutdown()
	s := site(t)
	state := filepath.Join(t.TempDir(), "state")
	main := s.str(t, `SELECT entity_cui FROM requests_daily GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
	demoAccounts(t, s.releases, state, main, "x")
	// An account of the provider only: no password is read (stdin is empty).
	if code, out := usersCmd(t, "", "add", "maria", "--role", "viewer", "--oidc-only", "--releases", s.releases, "--state", state); code != 0 || !strings.Contains(out, "fără parolă") {
		t.Fatalf("users add --oidc-only: %d %s", code, out)
	}
	if code, out := usersCmd(t, "", "list", "--releases", s.releases, "--state", state); code != 0 ||
		!regexp.MustCompile(`(?m)^maria\s+viewer\s+–\s+–\s+doar oidc$`).MatchString(out) || !regexp.MustCompile(`(?m)^ana\s+admin\s+–\s+–\s+parolă$`).MatchString(out) {
		t.Errorf("users list:\n%s", out)
	}
	cfg := filepath.Join(t.TempDir(), "publicsite.yaml")
	ic := idp.Config()
	os.WriteFile(cfg, []byte("oidc:\n  issuer: "+ic.Issuer+"\n  client_id: "+ic.ClientID+"\n  label: Microsoft 365\n"), 0o644)
	d := &dashSite{}
	func() {
		// The secret from the environment, not the file.
		m := &Main{}
		env := map[string]string{"DESCHIS_OIDC_CLIENT_SECRET": ic.ClientSecret}
		if err := m.ParseFlags([]string{"--releases", s.releases, "--state", state, "--addr", "127.0.0.1:0", "--config", cfg}, func(k string) string { return env[k] }, nil); err != nil {
			t.Fatal(err)
		}
		if err := m.Run(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		d.base = "http://" + m.Addr()
	}()

	// A browser that follows redirects, through the provider and back.
	jar, _ := cookiejar.New(nil)
	b := &http.Client{Jar: jar}
	signIn := func(user *mockoidc.MockUser, next string) (*http.Response, string) {
		t.Helper()
		c := &client{t: t, base: d.base, hc: b, jar: jar}
		_, form := c.get("/admin/intrare?next=" + url.QueryEscape(next))
		doc := parseHTML(t, form)
		a := first(doc, "p.oidc a")
		if a == nil || textOf(a) != "Intrare cu Microsoft 365" {
			t.Fatalf("no link to the identity provider on the sign-in page")
		}
		href, _ := attr(a, "href")
		if user != nil {
			idp.QueueUser(user)
		}
		return c.get(href)
	}
	resp, body := signIn(&mockoidc.MockUser{Subject: "1", PreferredUsername: "dan", Email: "dan@primarie.ro"}, "/admin/jurnal")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "doar pentru administratori") {
		// dan is a director: signed in, and refused the admins' page it asked for.
		t.Fatalf("dan through the provider: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	resp, body = (&client{t: t, base: d.base, hc: b, jar: jar}).get("/admin?entitate=" + main)
	if resp.StatusCode != 200 || !strings.Contains(body, "Contul dan (director)") {
		t.Fatalf("dan's first screen: %d", resp.StatusCode)
	}
	// An identity the server has no account for: refused, saying what to do.
	jar2, _ := cookiejar.New(nil)
	b.Jar, jar = jar2, jar2
	resp, body = signIn(&mockoidc.MockUser{Subject: "2", PreferredUsername: "necunoscut", Email: "x@y.ro"}, "/admin")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "v-a recunoscut ca necunoscut") || !strings.Contains(body, "publicsite users add") {
		t.Errorf("unknown identity: %d", resp.StatusCode)
	}
	if resp, _ := (&client{t: t, base: d.base, hc: b, jar: jar}).get("/admin"); resp.Request.URL.Path != "/admin/intrare" {
		t.Errorf("the unknown identity got a session")
	}
	// A callback this browser did not start (forged state, or none): refused.
	c := newClient(t, d.base)
	for _, q := range []string{"?code=x&state=y", ""} {
		if resp, body := c.get("/admin/oidc/callback" + q); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "nu corespunde unei intrări începute") {
			t.Errorf("callback %q: %d", q, resp.StatusCode)
		}
	}
	// maria has no password: the form refuses it saying how she signs in,
	// and the provider lets her in.
	jar3, _ := cookiejar.New(nil)
	b.Jar, jar = jar3, jar3
	mc := &client{t: t, base: d.base, jar: jar3, hc: &http.Client{Jar: jar3,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	for _, p := range []string{testPassword, "orice-parolă-lungă"} {
		resp, body := mc.signIn("maria", p)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Contul maria nu are parolă: intră doar prin Microsoft 365") {
			t.Errorf("maria with a password: %d %.200s", resp.StatusCode, body)
		}
	}
	if mc.cookie("deschis_sesiune") != "" {
		t.Errorf("maria got a session with a password")
	}
	resp, body = signIn(&mockoidc.MockUser{Subject: "3", PreferredUsername: "maria", Email: "maria@primarie.ro"}, "/admin")
	if resp.StatusCode != 200 || !strings.Contains(body, "Contul maria (") {
		t.Errorf("maria through the provider: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	// The audit log says how each got in or did not.
	ana := newClient(t, d.base)
	ana.signIn("ana", testPassword)
	_, body = ana.get("/admin/jurnal")
	if !strings.Contains(body, "dan") || !strings.Contains(body, "necunoscut") {
		t.Errorf("the audit log misses the provider's sign-ins")
	}
	// The accounts page says how each signs in.
	_, body = ana.get("/admin/utilizatori")
	row := first(parseHTML(t, body), `tr[data-user=maria]`)
	if row == nil || !strings.Contains(textOf(row), "doar prin furnizorul de identitate") {
		t.Errorf("the accounts page does not say maria signs in through the provider only")
	}
}
