package browser

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/demo"
)

// AdminExpected is what admin.mjs needs: where the site is, who signs in.
type AdminExpected struct {
	Base     string   `json:"base"`
	AxeTags  []string `json:"axe_tags"`
	Admin    string   `json:"admin"`
	Director string   `json:"director"`
	Password string   `json:"password"`
}

// TestDashboardsInBrowser signs in to the decision-maker dashboards in
// headless Chromium, with accounts added by the real `publicsite users add`
// and the server started with nothing but --releases: the sign-in form
// (also with a wrong password), the first screen in both languages, the
// accounts and audit pages, sign-out; each checked with axe-core (WCAG 2.1
// AA), for console errors and CSP violations, and on a 360 px screen.
func TestDashboardsInBrowser(t *testing.T) {
	root, chromium, node := browserTools(t)
	b, err := demo.Build(context.Background(), t.TempDir(), demo.Options{Scale: 1}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	bin := buildSite(t, root)
	ex := AdminExpected{AxeTags: []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}, Admin: "ana", Director: "dan", Password: "o-parolă-lungă-pentru-test"}
	for _, args := range [][]string{
		{"users", "add", ex.Admin, "--role", "admin", "--releases", b.Releases},
		{"users", "add", ex.Director, "--role", "director", "--entity", demo.Entities(demo.Options{})[0].CUI, "--releases", b.Releases},
	} {
		cmd := exec.Command(bin, args...)
		cmd.Stdin = strings.NewReader(ex.Password + "\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("publicsite %v: %v\n%s", args, err, out)
		}
	}
	ex.Base = startBinary(t, bin, b.Releases)

	expFile := filepath.Join(t.TempDir(), "admin.json")
	js, _ := json.Marshal(ex)
	if err := os.WriteFile(expFile, js, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(root, "tests/browser/admin.mjs"), expFile)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "DESCHIS_CHROMIUM="+chromium)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var rep Report
	if err := json.Unmarshal([]byte(stdout.String()), &rep); err != nil {
		t.Fatalf("admin.mjs printed no report (%v, %v):\nstdout: %s\nstderr: %s", runErr, err, tail(stdout.String()), tail(stderr.String()))
	}
	t.Logf("%s: %d page visits, %d checks, %d failed, %.0f s", rep.Browser, rep.Visits, rep.Checks, len(rep.Failures), rep.Seconds)
	if rep.Visits == 0 || rep.Checks == 0 {
		t.Fatalf("admin.mjs checked nothing: %s", tail(stderr.String()))
	}
	for _, f := range rep.Failures {
		t.Errorf("%s [%s] %s — %s: %s", f.Page, f.Lang, f.URL, f.Check, f.Detail)
	}
}
