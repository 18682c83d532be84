package browser

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/release"
)

func queryEscape(s string) string { return url.QueryEscape(s) }
func pathEscape(s string) string  { return url.PathEscape(s) }

// Failure is one failed check of the report site.mjs prints.
type Failure struct {
	Page   string `json:"page"`
	Lang   string `json:"lang"`
	URL    string `json:"url"`
	Check  string `json:"check"`
	Detail string `json:"detail"`
}

// Report is what site.mjs prints on stdout.
type Report struct {
	Browser  string    `json:"browser"`
	Visits   int       `json:"visits"`
	Checks   int       `json:"checks"`
	Failures []Failure `json:"failures"`
	Notes    []string  `json:"notes"`
	Seconds  float64   `json:"seconds"`
}

// TestPublicSiteInBrowser runs the real public site on a demo release and
// checks every page type in both languages in headless Chromium: status,
// markup, headline numbers against DuckDB's own sums of the release files,
// number formats, drill-downs, filter forms, axe-core (WCAG 2.1 AA), console
// errors, CSP violations, requests to other hosts, a 360 px phone screen,
// pages without JavaScript, charts drawn when echarts is there.
//
// It fails when Chromium, Node or node_modules are missing (run `make setup`);
// set DESCHIS_SKIP_BROWSER=1 to skip it on purpose. DESCHIS_CHROMIUM names
// another Chromium binary (default /usr/bin/chromium); DESCHIS_BROWSER_RELEASES
// runs it on an existing `etl publish --out` directory instead of a fresh
// demo; DESCHIS_BROWSER_REPORT=FILE keeps the script's JSON report (and the
// expected numbers in FILE.expected.json).
func TestPublicSiteInBrowser(t *testing.T) {
	root, chromium, node := browserTools(t)
	var err error

	t0 := time.Now()
	var releases, id string
	if dir := os.Getenv("DESCHIS_BROWSER_RELEASES"); dir != "" {
		// An existing `etl publish --out` directory instead of a fresh demo.
		releases = dir
		if id, err = release.Current(dir); err != nil {
			t.Fatalf("DESCHIS_BROWSER_RELEASES=%s: %v", dir, err)
		}
	} else {
		b, err := demo.Build(context.Background(), t.TempDir(), demo.Options{Scale: 1}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		releases, id = b.Releases, filepath.Base(b.Release)
	}
	t1 := time.Now()
	ex := buildExpected(t, filepath.Join(releases, id))
	t2 := time.Now()
	ex.Release = id
	_, err = os.Stat(filepath.Join(root, "dashboards/static/vendor/echarts.min.js"))
	ex.Echarts = err == nil
	ex.Base = startSite(t, root, releases)
	t.Logf("demo release %.1f s, expected numbers %.1f s, site built and started %.1f s", t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(), time.Since(t2).Seconds())

	rep, stderr, runErr := runSiteScript(t, root, node, chromium, ex)
	t.Logf("%s: %d page visits, %d checks, %d failed, %.0f s", rep.Browser, rep.Visits, rep.Checks, len(rep.Failures), rep.Seconds)
	for _, n := range rep.Notes {
		t.Log("note:", n)
	}
	if rep.Visits == 0 || rep.Checks == 0 {
		t.Fatalf("site.mjs checked nothing: %s", tail(stderr))
	}
	// One message per failure, grouped by page and check so a broken page
	// reads as one block.
	sort.SliceStable(rep.Failures, func(i, j int) bool {
		a, b := rep.Failures[i], rep.Failures[j]
		return a.Page+a.Lang+a.Check < b.Page+b.Lang+b.Check
	})
	for _, f := range rep.Failures {
		t.Errorf("%s [%s] %s — %s: %s", f.Page, f.Lang, f.URL, f.Check, f.Detail)
	}
	if runErr != nil && len(rep.Failures) == 0 {
		t.Errorf("site.mjs: %v\n%s", runErr, tail(stderr))
	}
}

func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}

func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found from %s", file)
	}
	abs, _ := filepath.Abs(root)
	return abs
}

var listening = regexp.MustCompile(`msg=ascult addr=(\S+)`)

// startSite builds cmd/publicsite (package main cannot be imported) and runs
// it on port 0; the address comes from its start-up log line.
func startSite(t *testing.T, root, releases string) string {
	t.Helper()
	return startBinary(t, buildSite(t, root), releases)
}

// buildSite builds cmd/publicsite into a temporary directory.
func buildSite(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "publicsite")
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	build := exec.Command(goBin, "build", "-o", bin, "./cmd/publicsite")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/publicsite: %v\n%s", err, out)
	}
	return bin
}

// startBinary runs a built publicsite on port 0; the address comes from its
// start-up log line.
func startBinary(t *testing.T, bin, releases string) string {
	t.Helper()
	cmd := exec.Command(bin, "--releases", releases, "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	addr := make(chan string, 1)
	var (
		mu       sync.Mutex
		logLines bytes.Buffer
	)
	logged := func() string { mu.Lock(); defer mu.Unlock(); return logLines.String() }
	go func() {
		sc := bufio.NewScanner(stderr)
		found := false
		for sc.Scan() {
			line := sc.Text()
			if !found {
				mu.Lock()
				logLines.WriteString(line + "\n")
				mu.Unlock()
				if m := listening.FindStringSubmatch(line); m != nil {
					found = true
					addr <- m[1]
				}
			}
			// Keep draining so the server never blocks on a full pipe; its
			// request errors are visible in the report, not here.
		}
		if !found {
			close(addr)
		}
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatalf("publicsite exited before listening:\n%s", logged())
		}
		if !strings.HasPrefix(a, "http") {
			a = "http://" + a
		}
		return strings.TrimSuffix(a, "/")
	case <-time.After(60 * time.Second):
		t.Fatalf("publicsite did not say where it listens within 60 s:\n%s", logged())
	}
	panic("unreachable")
}

// browserTools is what every browser test needs: the repository's root,
// Chromium and Node, with playwright-core and axe-core installed. It fails
// the test, naming what is missing, unless DESCHIS_SKIP_BROWSER=1 skips it
// on purpose (CI never sets it).
func browserTools(t *testing.T) (root, chromium, node string) {
	t.Helper()
	if os.Getenv("DESCHIS_SKIP_BROWSER") == "1" {
		t.Skip("DESCHIS_SKIP_BROWSER=1: browser tests skipped")
	}
	root = repoRoot(t)
	chromium = os.Getenv("DESCHIS_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	var missing []string
	if _, err := os.Stat(chromium); err != nil {
		missing = append(missing, "Chromium ("+chromium+")")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing = append(missing, "node")
	}
	for _, f := range []string{"node_modules/playwright-core/package.json", "node_modules/axe-core/axe.min.js"} {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("browser tests need %s: run `make setup` (or set DESCHIS_SKIP_BROWSER=1 to skip them)", strings.Join(missing, ", "))
	}
	return root, chromium, node
}

// runSiteScript writes the expected figures and runs site.mjs on them in
// Chromium, returning its report, its stderr and how the script ended (the
// test fails when it prints no report). DESCHIS_BROWSER_REPORT names a file
// to keep the report and the expected figures in.
func runSiteScript(t *testing.T, root, node, chromium string, ex *Expected) (Report, string, error) {
	t.Helper()
	expFile := filepath.Join(t.TempDir(), "expected.json")
	b, _ := json.MarshalIndent(ex, "", " ")
	if err := os.WriteFile(expFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(root, "tests/browser/site.mjs"), expFile)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "DESCHIS_CHROMIUM="+chromium)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var rep Report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("site.mjs printed no report (%v, %v):\nstdout: %s\nstderr: %s", runErr, err, tail(stdout.String()), tail(stderr.String()))
	}
	if f := os.Getenv("DESCHIS_BROWSER_REPORT"); f != "" {
		os.WriteFile(f, stdout.Bytes(), 0o644)
		os.WriteFile(f+".expected.json", b, 0o644)
	}
	return rep, stderr.String(), runErr
}
