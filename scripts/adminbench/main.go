// Command adminbench measures the decision-maker dashboards' server time:
// the first screen (/admin) and a drill-down (/admin/cereri, the overdue
// requests, sorted by deadline), each on the first render after a release
// opens (cold) and after (warm), signed in with a real account. Not a unit
// test: run it with `make bench-admin`.
//
// For each --scales demo scale it builds the demo release (demo.Build), adds
// an admin account with the real `publicsite users add` (password on
// standard input) and signs in through the real sign-in form, so the
// session is the server's own. Then, --restarts times, it starts the real
// cmd/publicsite on 127.0.0.1:0 over the release and, once the server says
// it listens (the release is open), times the very first request of one
// page (the first screen on even restarts, the drill-down on odd ones:
// each cold figure is a first render), then --warm requests of each page
// one after the other. A request's time is measured at the client over a
// loopback keep-alive connection, one request at a time: the server's time
// plus a loopback round trip.
//
// --baseline REF[,REF...] builds cmd/publicsite from those git commits too
// (git archive into a temporary directory) and measures them the same way
// on the same release, alternating restart by restart with the working
// tree's binary, so all see the same machine: the before and after of one
// run.
//
// Output: a table on stderr and JSON on stdout (per scale, binary and page:
// cold and warm p50, p99 and max in ms, with their sample counts). Traffic
// goes to 127.0.0.1 only; every non-200 answer stops the run.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/demo"
)

const (
	account  = "bench"
	password = "o-parolă-lungă-de-măsurat"
)

// Page is one measured page of one binary.
type Page struct {
	Path string `json:"path"`
	Cold Stats  `json:"cold"`
	Warm Stats  `json:"warm"`
}

// Stats are the latencies of one kind of request.
type Stats struct {
	N     int       `json:"n"`
	P50ms float64   `json:"p50_ms"`
	P99ms float64   `json:"p99_ms"`
	MaxMs float64   `json:"max_ms"`
	All   []float64 `json:"samples_ms,omitempty"` // the cold ones (few)
}

// Binary is one publicsite build measured.
type Binary struct {
	Name  string           `json:"name"` // "worktree" or the baseline's ref
	Pages map[string]*Page `json:"pages"`
}

// Scale is the run at one demo scale.
type Scale struct {
	Scale        int       `json:"scale"`
	Release      string    `json:"release"`
	ReleaseMiB   float64   `json:"release_mib"`
	BuildSeconds float64   `json:"demo_build_seconds"`
	Restarts     int       `json:"restarts"`
	Warm         int       `json:"warm_requests_per_restart"`
	Binaries     []*Binary `json:"binaries"`
}

// Report is what adminbench prints.
type Report struct {
	Started time.Time `json:"started"`
	Goal    string    `json:"goal"`
	Scales  []Scale   `json:"scales"`
}

func main() {
	scales := flag.String("scales", "10", "comma-separated demo scales")
	restarts := flag.Int("restarts", 20, "server starts per binary (half give the first screen's cold figure, half the drill-down's)")
	warm := flag.Int("warm", 100, "warm requests of each page after each start")
	baseline := flag.String("baseline", "", "comma-separated git commits whose publicsite is measured too, on the same release (the before)")
	keep := flag.Bool("keep", false, "keep the demo releases (default: deleted at the end)")
	dir := flag.String("dir", "", "working directory (default: a temporary one)")
	flag.Parse()
	if *restarts < 2 || *warm < 1 {
		log.Fatal("--restarts must be at least 2 and --warm at least 1")
	}
	work := *dir
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "adminbench-"); err != nil {
			log.Fatal(err)
		}
	}
	if !*keep {
		defer os.RemoveAll(work)
	}
	bins := []*Binary{{Name: "worktree"}}
	paths := map[string]string{"worktree": filepath.Join(work, "publicsite")}
	build(".", paths["worktree"])
	for i, ref := range strings.FieldsFunc(*baseline, func(r rune) bool { return r == ',' }) {
		src := filepath.Join(work, fmt.Sprintf("baseline-%d-src", i))
		os.MkdirAll(src, 0o755)
		archive := exec.Command("sh", "-c", "git archive "+shellQuote(ref)+" | tar -x -C "+shellQuote(src))
		if out, err := archive.CombinedOutput(); err != nil {
			log.Fatalf("git archive %s: %v\n%s", ref, err, out)
		}
		bins = append(bins, &Binary{Name: ref})
		paths[ref] = filepath.Join(work, fmt.Sprintf("publicsite-baseline-%d", i))
		build(src, paths[ref])
	}
	rep := Report{Started: time.Now().UTC(), Goal: "p99 under 50 ms warm"}
	for _, s := range strings.Split(*scales, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			log.Fatalf("--scales: %q is not a positive scale", s)
		}
		sc := Scale{Scale: n, Restarts: *restarts, Warm: *warm}
		t0 := time.Now()
		b, err := demo.Build(context.Background(), filepath.Join(work, fmt.Sprintf("demo-%d", n)), demo.Options{Scale: n}, time.Time{})
		if err != nil {
			log.Fatal(err)
		}
		sc.BuildSeconds = time.Since(t0).Seconds()
		sc.Release, sc.ReleaseMiB = filepath.Base(b.Release), float64(dirSize(b.Release))/(1<<20)
		fmt.Fprintf(os.Stderr, "scale %d: demo release %s (%.0f MiB) in %.0f s\n", n, sc.Release, sc.ReleaseMiB, sc.BuildSeconds)
		cmd := exec.Command(paths["worktree"], "users", "add", account, "--role", "admin", "--releases", b.Releases)
		cmd.Stdin = strings.NewReader(password + "\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			log.Fatalf("publicsite users add: %v\n%s", err, out)
		}
		for _, bin := range bins {
			copied := *bin
			copied.Pages = map[string]*Page{}
			sc.Binaries = append(sc.Binaries, &copied)
		}
		measure(&sc, paths, b.Releases)
		if !*keep {
			os.RemoveAll(filepath.Join(work, fmt.Sprintf("demo-%d", n)))
		}
		rep.Scales = append(rep.Scales, sc)
	}
	printTable(os.Stderr, &rep)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(rep)
}

// measure runs the restarts of every binary, alternating binaries.
func measure(sc *Scale, paths map[string]string, releases string) {
	cold := map[string]map[string][]time.Duration{}
	warm := map[string]map[string][]time.Duration{}
	var pages []string
	cookies := map[string]*cookiejar.Jar{}
	for i := 0; i < sc.Restarts; i++ {
		for _, bin := range sc.Binaries {
			addr, stop := start(paths[bin.Name], releases)
			c := client(cookies[bin.Name])
			if cookies[bin.Name] == nil { // the first start: sign in through the form
				signIn(c, addr)
				cookies[bin.Name] = c.Jar.(*cookiejar.Jar)
			}
			if pages == nil {
				pages = []string{"/admin", drillDown}
			}
			if cold[bin.Name] == nil {
				cold[bin.Name], warm[bin.Name] = map[string][]time.Duration{}, map[string][]time.Duration{}
			}
			first := pages[i%2]
			cold[bin.Name][first] = append(cold[bin.Name][first], get(c, addr+first))
			// The other page's first render is a cold one too: not a warm figure.
			get(c, addr+pages[(i+1)%2])
			for _, p := range pages {
				for range sc.Warm {
					warm[bin.Name][p] = append(warm[bin.Name][p], get(c, addr+p))
				}
			}
			stop()
		}
		fmt.Fprintf(os.Stderr, "  scale %d: start %d of %d done\n", sc.Scale, i+1, sc.Restarts)
	}
	for _, bin := range sc.Binaries {
		for i, p := range pages {
			name := []string{"first-screen", "drill-down"}[i]
			bin.Pages[name] = &Page{Path: p, Cold: stats(cold[bin.Name][p], true), Warm: stats(warm[bin.Name][p], false)}
		}
	}
}

// drillDown is the drill-down measured: the main entity's overdue
// requests, sorted by deadline, as the first screen links them.
const drillDown = "/admin/cereri?stare=intarziate&ordine=-termen"

func client(jar *cookiejar.Jar) *http.Client {
	if jar == nil {
		jar, _ = cookiejar.New(nil)
	}
	return &http.Client{Jar: jar, Timeout: 5 * time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true},
		// The sign-in answers with a redirect to the page asked for; the
		// measured pages answer 200 themselves.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signIn signs in through the sign-in form: its token from the page and
// its cookie, then the POST; the session cookie lands in the jar.
func signIn(c *http.Client, addr string) {
	resp, err := c.Get(addr + "/admin/intrare")
	if err != nil {
		log.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		log.Fatalf("the sign-in form has no token (status %d)", resp.StatusCode)
	}
	form := url.Values{"csrf": {string(m[1])}, "nume": {account}, "parola": {password}, "next": {"/admin"}}
	req, _ := http.NewRequest(http.MethodPost, addr+"/admin/intrare", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", addr) // a browser's same-origin POST
	resp, err = c.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		log.Fatalf("sign-in as %s: status %d, want 303", account, resp.StatusCode)
	}
}

// get times one request; anything but 200 stops the run.
func get(c *http.Client, u string) time.Duration {
	t0 := time.Now()
	resp, err := c.Get(u)
	if err != nil {
		log.Fatal(err)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(t0)
	if err != nil || resp.StatusCode != http.StatusOK {
		log.Fatalf("%s: status %d, %v", u, resp.StatusCode, err)
	}
	return d
}

func stats(ds []time.Duration, keepAll bool) Stats {
	ms := make([]float64, len(ds))
	for i, d := range ds {
		ms[i] = float64(d) / float64(time.Millisecond)
	}
	slices.Sort(ms)
	s := Stats{N: len(ms)}
	if len(ms) == 0 {
		return s
	}
	q := func(p float64) float64 { return ms[int(p*float64(len(ms)-1)+0.5)] }
	s.P50ms, s.P99ms, s.MaxMs = q(0.50), q(0.99), ms[len(ms)-1]
	if keepAll {
		s.All = ms
	}
	return s
}

// start runs publicsite over releases and waits until it says where it
// listens: by then the release is open.
func start(bin, releases string) (string, func()) {
	cmd := exec.Command(bin, "--releases", releases, "--addr", "127.0.0.1:0")
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sent := false
		for sc.Scan() { // keep draining: a child blocked on a full pipe stalls
			if m := regexp.MustCompile(`msg=ascult addr=(\S+)`).FindStringSubmatch(sc.Text()); m != nil && !sent {
				sent = true
				found <- m[1]
			}
		}
	}()
	stop := func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		pw.Close()
	}
	select {
	case a := <-found:
		if !strings.HasPrefix(a, "http") {
			a = "http://" + a
		}
		return strings.TrimSuffix(a, "/"), stop
	case <-time.After(10 * time.Minute):
		stop()
		log.Fatalf("%s did not say where it listens within 10 minutes", bin)
	}
	return "", nil
}

func build(dir, out string) {
	abs, _ := filepath.Abs(out)
	cmd := exec.Command("go", "build", "-o", abs, "./cmd/publicsite")
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("go build ./cmd/publicsite in %s: %v\n%s", dir, err, b)
	}
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func printTable(w io.Writer, rep *Report) {
	fmt.Fprintf(w, "\n%-6s %-12s %-13s | %5s %9s %9s %9s | %6s %9s %9s\n", "scale", "binary", "page", "cold n", "p50 ms", "p99 ms", "max ms", "warm n", "p50 ms", "p99 ms")
	for _, sc := range rep.Scales {
		for _, b := range sc.Binaries {
			for _, name := range []string{"first-screen", "drill-down"} {
				p := b.Pages[name]
				if p == nil {
					continue
				}
				fmt.Fprintf(w, "%-6d %-12s %-13s | %6d %9.1f %9.1f %9.1f | %6d %9.1f %9.1f\n", sc.Scale, b.Name, name,
					p.Cold.N, p.Cold.P50ms, p.Cold.P99ms, p.Cold.MaxMs, p.Warm.N, p.Warm.P50ms, p.Warm.P99ms)
			}
		}
	}
	fmt.Fprintf(w, "goal: %s\n", rep.Goal)
}
