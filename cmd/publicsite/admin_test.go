package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deschis/deschis/warehouse"
)

// The decision-maker dashboards, end to end: accounts made with the users
// command, a real server on the demo release, a browser-like client with a
// cookie jar, and the state database on disk.

const testPassword = "parolă-lungă-de-test"

// testClock is the server's clock in these tests: expiry and throttling are
// proved by moving it, never by waiting.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// usersCmd runs `publicsite users ARGS` with stdin, returning the exit code and output.
func usersCmd(t *testing.T, stdin string, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := runUsers(args, strings.NewReader(stdin), &out, &errOut, func(string) string { return "" })
	return code, out.String() + errOut.String()
}

// dashSite is a server of the demo release with its own state directory.
type dashSite struct {
	base, state, releases string
	clock                 *testClock
	main                  *Main
}

func startDashboards(t *testing.T, releases, state string, args ...string) *dashSite {
	t.Helper()
	d := &dashSite{state: state, releases: releases, clock: &testClock{t: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}}
	m := &Main{now: d.clock.Now}
	flags := append([]string{"--releases", releases, "--addr", "127.0.0.1:0", "--reload", "1h"}, args...)
	if state != "" {
		flags = append(flags, "--state", state)
	}
	if err := m.ParseFlags(flags, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	d.main, d.base = m, "http://"+m.Addr()
	return d
}

// client is a browser: a cookie jar, redirects not followed (the tests
// look at them).
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
	jar  *cookiejar.Jar
}

func newClient(t *testing.T, base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: base, jar: jar, hc: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	return c.do(req)
}

func (c *client) post(path string, form url.Values, header ...string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

// formToken is the csrf field of the first form of a page.
func formToken(t *testing.T, body string) string {
	t.Helper()
	n := first(parseHTML(t, body), `input[name=csrf]`)
	if n == nil {
		t.Fatalf("no csrf field in %.300s", body)
	}
	v, _ := attr(n, "value")
	return v
}

// signIn fills the sign-in form as a person would.
func (c *client) signIn(name, password string) (*http.Response, string) {
	c.t.Helper()
	_, form := c.get("/admin/intrare")
	return c.post("/admin/intrare", url.Values{"csrf": {formToken(c.t, form)}, "nume": {name}, "parola": {password}, "next": {"/admin"}})
}

func (c *client) cookie(name string) string {
	u, _ := url.Parse(c.base)
	for _, k := range c.jar.Cookies(u) {
		if k.Name == name {
			return k.Value
		}
	}
	return ""
}

func (c *client) setCookie(name, value string) {
	u, _ := url.Parse(c.base)
	c.jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// demoAccounts adds the accounts the tests use, with the users command.
func demoAccounts(t *testing.T, releases, state string, entity, department string) {
	t.Helper()
	for _, a := range [][]string{
		{"add", "ana", "--role", "admin"},
		{"add", "vera", "--role", "viewer"},
		{"add", "dan", "--role", "director", "--entity", entity},
		{"add", "dana", "--role", "director", "--entity", entity, "--department", department},
	} {
		if code, out := usersCmd(t, testPassword+"\n", append(a, "--releases", releases, "--state", state)...); code != 0 {
			t.Fatalf("users %v: %d %s", a, code, out)
		}
	}
}

func TestUsersCommandContract(t *testing.T) {
	w, err := warehouse.Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	root := t.TempDir()
	releases := filepath.Join(root, "releases")
	publishFixture(t, w, releases, 1, "Curat SRL", time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))

	for _, c := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{testPassword, []string{"add", "ana", "--role", "primar", "--releases", releases}, "admin, director și viewer"},
		{"scurtă\n", []string{"add", "ana", "--role", "admin", "--releases", releases}, "cel puțin 12"},
		{"", []string{"add", "ana", "--role", "admin", "--releases", releases}, "lipsește parola"},
		{testPassword, []string{"add", "dan", "--role", "director", "--releases", releases}, "--entity CUI"},
		{testPassword, []string{"add", "--role", "admin", "--releases", releases}, "lipsește numele"},
		{testPassword, []string{"add", "ana", "--releases", releases}, "--role"},
		{testPassword, []string{"rename", "ana", "--releases", releases}, "add, list, passwd și remove"},
		{testPassword, []string{"passwd", "nimeni", "--releases", releases}, "nu există contul"},
		{testPassword, []string{"add", "dan", "--role", "director", "--entity", "4270741", "--releases", releases}, "nu este o instituție a ediției curente 20261101T080000Z; instituțiile ei sunt: 4270740"},
	} {
		code, out := usersCmd(t, c.stdin, c.args...)
		if code == 0 || !strings.Contains(out, c.want) {
			t.Errorf("users %v: exit %d, %q; want a refusal saying %q", c.args, code, out, c.want)
		}
	}
	// users add NAME --role R --releases DIR, the password on standard input.
	if code, out := usersCmd(t, testPassword+"\n", "add", "Ana", "--role", "admin", "--releases", releases); code != 0 {
		t.Fatalf("users add: %d %s", code, out)
	}
	if code, out := usersCmd(t, testPassword+"\n", "add", "dan", "--role", "director", "--entity", "4270740", "--department", "Urbanism", "--releases", releases); code != 0 {
		t.Fatalf("users add director: %d %s", code, out)
	}
	if code, out := usersCmd(t, testPassword+"\n", "add", "ana", "--role", "viewer", "--releases", releases); code != 2 || !strings.Contains(out, "există deja") {
		t.Errorf("second ana: %d %s", code, out)
	}
	code, out := usersCmd(t, "", "list", "--releases", releases)
	if code != 0 || !strings.Contains(out, "ana   admin     –           –") || !strings.Contains(out, "dan   director  4270740     Urbanism") {
		t.Errorf("users list: %d\n%s", code, out)
	}
	// The state is beside the releases, outside every release.
	if _, err := os.Stat(filepath.Join(root, "state", "deschis-state.sqlite")); err != nil {
		t.Fatalf("state beside the releases: %v", err)
	}

	// publicsite --releases DIR, no other setting, accepts the account.
	m := &Main{Log: testLog(t)}
	if err := m.ParseFlags([]string{"--releases", releases, "--addr", "127.0.0.1:0"}, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	c := newClient(t, "http://"+m.Addr())
	if resp, body := c.signIn("ana", testPassword); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin" {
		t.Fatalf("sign-in: %d %s %.300s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	if resp, body := c.get("/admin"); resp.StatusCode != 200 || !strings.Contains(body, "Municipiul Sibiu") {
		t.Fatalf("/admin after sign-in: %d %s", resp.StatusCode, body)
	}

	// passwd: the old password stops working and the sessions end.
	if code, out := usersCmd(t, "o-parolă-nouă-lungă\n", "passwd", "ana", "--releases", releases); code != 0 {
		t.Fatalf("users passwd: %d %s", code, out)
	}
	if resp, _ := c.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the session outlived passwd: %d", resp.StatusCode)
	}
	if resp, _ := c.signIn("ana", testPassword); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("old password after passwd: %d", resp.StatusCode)
	}
	if resp, _ := c.signIn("ana", "o-parolă-nouă-lungă"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("new password: %d", resp.StatusCode)
	}
	// remove: the account and its sessions are gone.
	if code, out := usersCmd(t, "", "remove", "ana", "--releases", releases); code != 0 {
		t.Fatalf("users remove: %d %s", code, out)
	}
	if resp, _ := c.get("/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the session outlived remove: %d", resp.StatusCode)
	}
	if code, out := usersCmd(t, "", "list", "--releases", releases); code != 0 || strings.Contains(out, "ana") {
		t.Errorf("list after remove: %s", out)
	}
	noAccountDataIn(t, releases, "ana", "dan")
}

// noAccountDataIn fails if anything of the accounts' state is inside the
// releases directory: no database file, no password hash, no session or
// form token, no account name in a file name.
func noAccountDataIn(t *testing.T, releases string, names ...string) {
	t.Helper()
	filepath.WalkDir(releases, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := strings.ToLower(d.Name())
		if strings.Contains(base, "sqlite") || strings.Contains(base, "state") || strings.Contains(base, "session") {
			t.Errorf("%s is in the releases directory", p)
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil // the current link, followed as a directory
		}
		for _, needle := range []string{"$argon2id$", "deschis_sesiune", "signin-success", "SQLite format 3"} {
			if bytes.Contains(b, []byte(needle)) {
				t.Errorf("%s contains %q", p, needle)
			}
		}
		return nil
	})
}

// testLog logs the server to the test's log.
func testLog(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
}
