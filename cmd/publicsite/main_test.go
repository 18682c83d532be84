package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/opendata"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// publishFixture loads a town hall and n contracts and publishes a release.
func publishFixture(t *testing.T, w *warehouse.Warehouse, out string, n int, supplier string, at time.Time) string {
	t.Helper()
	dir := t.TempDir()
	ent := filepath.Join(dir, "e.csv")
	os.WriteFile(ent, []byte("cui,name,kind,county\n4270740,Municipiul Sibiu,municipiu,SB\n"), 0o644)
	var b strings.Builder
	b.WriteString("contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,cpv,value,award_date\n")
	for i := 0; i < n; i++ {
		b.WriteString("DA" + string(rune('A'+i)) + ",direct_purchase,4270740,4267117," + supplier + ",Servicii de curățenie,90911200-8,100.00,2026-03-01\n")
	}
	proc := filepath.Join(dir, "p.csv")
	os.WriteFile(proc, []byte(b.String()), 0o644)
	loadFile(t, w, models.DatasetEntities, ent)
	loadFile(t, w, models.DatasetProcurement, proc)
	res, err := w.Publish(context.Background(), release.Options{Out: out, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	return res.ReleaseID
}

func loadFile(t *testing.T, w *warehouse.Warehouse, dataset, path string) {
	t.Helper()
	_, err := w.Load(context.Background(), warehouse.LoadSpec{Dataset: dataset, Format: "deschis"}, []warehouse.LoadFile{{Path: path,
		Open: func() (models.RowReader, error) {
			return ingest.OpenFile("deschis", ingest.Options{Dataset: dataset, File: path}, nil)
		}}})
	if err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestServesTheCurrentReleaseAndSwapsWithoutDroppingRequests(t *testing.T) {
	w, err := warehouse.Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	out := t.TempDir()
	first := publishFixture(t, w, out, 2, "Curat SRL", time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))

	m := &Main{}
	if err := m.ParseFlags([]string{"--releases", out, "--addr", "127.0.0.1:0", "--reload", "20ms"}, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	base := "http://" + m.Addr()

	resp, body := get(t, base+"/")
	if resp.StatusCode != 200 || !strings.Contains(body, first) || !strings.Contains(body, `lang="ro"`) || !strings.Contains(body, "Achiziții publice") {
		t.Fatalf("home: %d\n%s", resp.StatusCode, body)
	}
	if strings.Contains(body, "Registrul cererilor") {
		t.Fatal("the internal requests dataset is listed on the public page")
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("missing header %s", h)
		}
	}
	if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("CSP without frame-ancestors: %s", resp.Header.Get("Content-Security-Policy"))
	}
	resp, body = get(t, base+"/date/procurement.parquet")
	if resp.StatusCode != 200 || !strings.HasPrefix(body, "PAR1") || resp.Header.Get("ETag") == "" {
		t.Fatalf("download: %d %q", resp.StatusCode, resp.Header)
	}
	for _, path := range []string{"/date/requests.parquet", "/date/nope.parquet", "/nope"} {
		if resp, _ := get(t, base+path); resp.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		}
	}

	// Hammer the server while a new release goes live: no request may fail,
	// and the new release shows up. Pages and downloads alike: a page's
	// queries run on the release the request started with, which is closed
	// only after the request is done.
	var failures, served atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	paths := []string{"/date/procurement.parquet", "/", "/achizitii?furnizor=curat", "/achizitii/furnizori/4267117", "/en/date", "/buget", "/cereri", "/investitii"}
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := i; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				path := paths[n%len(paths)]
				// A new query each time, so pages are rendered, not only served from the cache.
				url := base + path
				if !strings.HasSuffix(path, ".parquet") {
					url += map[bool]string{true: "&", false: "?"}[strings.Contains(path, "?")] + "pagina=1&x=" + strconv.Itoa(n)
				}
				resp, err := http.Get(url)
				if err != nil {
					failures.Add(1)
					continue
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				ok := resp.StatusCode == 200
				if strings.HasSuffix(path, ".parquet") {
					ok = ok && strings.HasPrefix(string(b), "PAR1")
				} else {
					ok = ok && strings.Contains(string(b), "data-release=")
				}
				if !ok {
					t.Logf("%s: %d", url, resp.StatusCode)
					failures.Add(1)
				}
				served.Add(1)
			}
		}()
	}
	second := publishFixture(t, w, out, 3, "Curat Plus SRL", time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, body = get(t, base+"/")
		if strings.Contains(body, second) || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if !strings.Contains(body, second) {
		t.Fatalf("the site did not swap to release %s", second)
	}
	if n := failures.Load(); n != 0 {
		t.Fatalf("%d of %d requests failed during the swap", n, served.Load())
	}
	// The new release's supplier name is on the supplier page.
	if _, body := get(t, base+"/achizitii/furnizori/4267117"); !strings.Contains(body, "Curat Plus SRL") {
		t.Fatal("the supplier page still shows the old release")
	}
}

// Supplier names and contract titles are untrusted: they are escaped in every
// page that shows them.
func TestUntrustedTextIsEscaped(t *testing.T) {
	w, err := warehouse.Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	out := t.TempDir()
	evil := `<img src=x onerror=alert(1)> & <script>alert(2)</script> SRL`
	publishFixture(t, w, out, 2, evil, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
	m := &Main{}
	if err := m.ParseFlags([]string{"--releases", out, "--addr", "127.0.0.1:0"}, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	for _, path := range []string{"/achizitii/furnizori/4267117", "/achizitii?an=2026", "/en/achizitii?an=2026&furnizor=%3Cimg"} {
		resp, body := get(t, "http://"+m.Addr()+path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		if strings.Contains(body, "<img src=x") || strings.Contains(body, "<script>alert") {
			t.Fatalf("%s: untrusted markup reached the page", path)
		}
		doc := parseHTML(t, body)
		if !strings.Contains(textOf(doc), "<img src=x onerror=alert(1)>") {
			t.Fatalf("%s: the supplier name is not shown as text", path)
		}
	}
}

func TestConfigFromFileEnvironmentAndFlags(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "publicsite.yaml")
	os.WriteFile(file, []byte("releases: /srv/releases\naddr: 0.0.0.0:9000\ncache_entries: 10\nreload: 5s\nattention_due_days: 10\nattention_lag_points: 30\n"), 0o644)
	env := map[string]string{"DESCHIS_ADDR": "127.0.0.1:9001", "DESCHIS_CACHE_MB": "8", "DESCHIS_ATTENTION_LAG_POINTS": "15", "DESCHIS_RELEASE_MEMORY_MB": "256", "DESCHIS_ATTENTION_PEER_PERCENT": "40", "DESCHIS_RENDERS": "3"}
	m := &Main{}
	if err := m.ParseFlags([]string{"--config", file, "--cache-entries", "20", "--attention-stalled-months", "3"}, func(k string) string { return env[k] }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if c := m.Config; c.AttentionDueDays != 10 || c.AttentionLagPoints != 15 || c.AttentionStalledMonths != 3 {
		t.Errorf("attention settings %d, %d, %d; want 10 (file), 15 (env over file), 3 (flag)", c.AttentionDueDays, c.AttentionLagPoints, c.AttentionStalledMonths)
	}
	m.Config.AttentionDueDays, m.Config.AttentionLagPoints, m.Config.AttentionStalledMonths = 0, 0, 0
	want := Config{Releases: "/srv/releases", Addr: "127.0.0.1:9001", Reload: 5 * time.Second, CacheEntries: 20, CacheMB: 8, ReleaseMode: "tables", ReleaseMemoryMB: 256, LogLevel: "info",
		PageTime: 5 * time.Second, Admin: "on", SessionIdle: 30 * time.Minute, SessionMax: 12 * time.Hour, OCIDPrefix: opendata.LocalOCIDPrefix,
		APIMaxRows: 10000, APIQueryTimeout: 10 * time.Second, APIMaxResponseMB: 64, AttentionPeerPercent: 40, Renders: 3}
	if m.Config != want {
		t.Fatalf("config %+v, want %+v (defaults < file < env < flags)", m.Config, want)
	}
	for _, c := range []struct {
		name string
		args []string
		file string
	}{
		{"unknown key in the file", nil, "relases: x\n"},
		{"bad duration flag", []string{"--reload", "soon"}, ""},
		{"bad mode", []string{"--release-mode", "disk"}, ""},
		{"too little release memory", []string{"--release-memory-mb", "8"}, ""},
		{"bad admin mode", []string{"--admin", "yes"}, ""},
		{"bad session expiry", nil, "session_idle: 0s\n"},
		{"no page time", []string{"--page-time", "0s"}, ""},
		{"negative renders", []string{"--renders", "-1"}, ""},
		{"missing file", []string{"--config", filepath.Join(dir, "nope.yaml")}, ""},
		{"relative base URL", []string{"--base-url", "date.primarie.ro"}, ""},
		{"base URL with a query", nil, "base_url: https://date.primarie.ro/?x=1\n"},
		{"contact e-mail with a name", []string{"--contact-email", "Ion Popescu <ion@primarie.ro>"}, ""},
		{"relative contact page", []string{"--contact-url", "/contact"}, ""},
		{"not an OCDS prefix", []string{"--ocid-prefix", "ocds-toolongprefix"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := c.args
			if c.file != "" {
				f := filepath.Join(t.TempDir(), "c.yaml")
				os.WriteFile(f, []byte(c.file), 0o644)
				args = append(args, "--config", f)
			}
			if err := (&Main{}).ParseFlags(args, func(string) string { return "" }, io.Discard); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	// Every setting has a flag and an environment variable, documented in --help.
	var help strings.Builder
	(&Main{}).ParseFlags([]string{"--help"}, func(string) string { return "" }, &help)
	for _, s := range settings {
		if !strings.Contains(help.String(), "-"+s.key) || !strings.Contains(help.String(), s.env) {
			t.Errorf("setting %s is not documented in --help", s.key)
		}
	}
}
