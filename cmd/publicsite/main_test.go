package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
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
	res, err := w.Publish(context.Background(), warehouse.PublishOptions{Out: out, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	return res.ReleaseID
}

func loadFile(t *testing.T, w *warehouse.Warehouse, dataset, path string) {
	t.Helper()
	_, err := w.Load(context.Background(), warehouse.LoadSpec{Dataset: dataset, Format: "deschis"}, []warehouse.LoadFile{{Path: path,
		Open: func() (models.RowReader, error) {
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			return ingest.Open("deschis", f, ingest.Options{Dataset: dataset, File: path})
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
	w, err := warehouse.Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"))
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
	// and the new release shows up.
	var failures atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := http.Get(base + "/date/procurement.parquet")
				if err != nil {
					failures.Add(1)
					continue
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || !strings.HasPrefix(string(b), "PAR1") {
					failures.Add(1)
				}
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
		t.Fatalf("%d requests failed during the swap", n)
	}
}
