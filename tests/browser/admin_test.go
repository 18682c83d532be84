package browser

import (
	"context"
	"encoding/json"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/demo"
)

// AdminExpected is what admin.mjs needs: where the site is, who signs in.
type AdminExpected struct {
	Base      string   `json:"base"`
	AxeTags   []string `json:"axe_tags"`
	Admin     string   `json:"admin"`
	Director  string   `json:"director"`
	Password  string   `json:"password"`
	Downloads string   `json:"downloads"` // where the charts' PNGs are saved
}

// adminReport is admin.mjs's report: site.mjs's, with the PNGs it saved.
type adminReport struct {
	Report
	PNGs []struct {
		Kind, Lang, Chart, File, Suggested string
	} `json:"pngs"`
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
	ex := AdminExpected{AxeTags: []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}, Admin: "ana", Director: "dan", Password: "o-parolă-lungă-pentru-test",
		Downloads: t.TempDir()}
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
	var rep adminReport
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
	checkPNGs(t, b, rep)
}

// checkPNGs decodes the charts' PNGs the browser downloaded (a sparkline's
// from the first screen and a public chart, in each language): named after
// the chart and the release's day, 1200 × 700 on white, with ink in the
// title band at the top, in the plot and in the source line at the bottom;
// and the audit log has the dashboards' ones, by the admin.
func checkPNGs(t *testing.T, b *demo.Built, rep adminReport) {
	t.Helper()
	day := filepath.Base(b.Release)[:8]
	day = day[:4] + "-" + day[4:6] + "-" + day[6:8]
	if len(rep.PNGs) != 4 {
		t.Fatalf("%d PNGs downloaded, want 4 (first screen and public chart, ro and en)", len(rep.PNGs))
	}
	for _, p := range rep.PNGs {
		if p.Chart == "" || p.Suggested != p.Chart+"-"+day+".png" {
			t.Errorf("%s [%s]: file %q, want %s-%s.png", p.Kind, p.Lang, p.Suggested, p.Chart, day)
		}
		if p.Kind == "admin" && !regexp.MustCompile(`^execution-rate-[0-9]+-[0-9]{4}$`).MatchString(p.Chart) {
			t.Errorf("first screen's first chart is %q, want execution-rate-<entity>-<year>", p.Chart)
		}
		f, err := os.Open(p.File)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s [%s] %s: not a PNG: %v", p.Kind, p.Lang, p.Suggested, err)
		}
		r := img.Bounds()
		if r.Dx() != 1200 || r.Dy() != 700 {
			t.Errorf("%s [%s]: %d × %d, want 1200 × 700", p.Kind, p.Lang, r.Dx(), r.Dy())
			continue
		}
		white := func(x, y int) bool {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			return c.R > 245 && c.G > 245 && c.B > 245 && c.A == 255
		}
		ink := func(y0, y1 int) (n int) {
			for y := y0; y < y1; y++ {
				for x := 0; x < r.Dx(); x++ {
					if !white(x, y) {
						n++
					}
				}
			}
			return n
		}
		title, plot, source := ink(0, 70), ink(100, 600), ink(670, 700)
		if !white(0, 0) || !white(1199, 699) || title < 200 || plot < 2000 || source < 100 {
			t.Errorf("%s [%s] %s: corners white %v/%v, ink in title %d, plot %d, source line %d pixels",
				p.Kind, p.Lang, p.Suggested, white(0, 0), white(1199, 699), title, plot, source)
		}
	}
	st, err := accounts.Open(accounts.DefaultDir(b.Releases), accounts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	events, err := st.Audit(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var charts []string
	for _, e := range events {
		if e.Event == accounts.EventExportChart {
			d, err := accounts.ParseExportDetail(e.Detail)
			if err != nil || e.User != "ana" || d.Format != "png" || d.Filters.Get("pixeli") != "1200x700" {
				t.Errorf("audit event %+v (%v)", e, err)
			}
			charts = append(charts, d.Dataset)
		}
	}
	var want []string
	for _, p := range rep.PNGs {
		if p.Kind == "admin" {
			want = append([]string{p.Chart}, want...) // the log is newest first
		}
	}
	if strings.Join(charts, ",") != strings.Join(want, ",") {
		t.Errorf("audit log's chart exports %q, the browser downloaded %q from the dashboards", charts, want)
	}
}
