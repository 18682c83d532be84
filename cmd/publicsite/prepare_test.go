package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/warehouse"
)

// A release's main pages are rendered before it goes live: after a reload,
// with the new release's database closed under the server, every main page
// still answers from its cache with the new release, in both languages,
// while a page nobody prepared cannot be made.
func TestMainPagesArePreparedBeforeAReleaseGoesLive(t *testing.T) {
	w, err := warehouse.Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	out := t.TempDir()
	publishFixture(t, w, out, 2, "Curat SRL", time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
	m := &Main{}
	if err := m.ParseFlags([]string{"--releases", out, "--addr", "127.0.0.1:0", "--reload", "1h"}, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	base := "http://" + m.Addr()

	second := publishFixture(t, w, out, 3, "Curat Plus SRL", time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	if err := m.releases.Reload(); err != nil {
		t.Fatal(err)
	}
	rel := m.releases.Current()
	if rel.ID != second {
		t.Fatalf("live release %s, want %s", rel.ID, second)
	}
	if err := rel.Reader.(io.Closer).Close(); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/achizitii", "/metodologie", "/date", "/en", "/en/achizitii", "/en/metodologie", "/en/date"} {
		resp, body := get(t, base+path)
		if resp.StatusCode != 200 || !strings.Contains(body, second) {
			t.Errorf("%s: %d, not prepared with release %s", path, resp.StatusCode, second)
		}
	}
	if resp, _ := get(t, base+"/achizitii?furnizor=curat"); resp.StatusCode == 200 {
		t.Error("a page nobody prepared answered with the release's database closed: the test proves nothing")
	}
}

// page_time reaches the real engine: with a bound no query can meet, a
// page nobody prepared answers 503 (never a 500), while the prepared main
// pages and the downloads answer as ever.
func TestPageTimeAnswers503FromTheEngine(t *testing.T) {
	s := site(t)
	m := &Main{}
	if err := m.ParseFlags([]string{"--releases", s.releases, "--addr", "127.0.0.1:0", "--reload", "1h", "--page-time", "1ns", "--admin", "off"},
		func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	base := "http://" + m.Addr()
	if resp, body := get(t, base+"/achizitii?furnizor=vest"); resp.StatusCode != 503 || !strings.Contains(body, "Încercați din nou") {
		t.Errorf("a page out of time: %d, want 503 saying to try again", resp.StatusCode)
	}
	for _, path := range []string{"/", "/en/achizitii", "/date/procurement.parquet"} {
		if resp, _ := get(t, base+path); resp.StatusCode != 200 {
			t.Errorf("%s: %d, want 200", path, resp.StatusCode)
		}
	}
}
