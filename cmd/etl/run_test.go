package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunLoadsEveryPipelineAndSkipsWhatDidNotChange runs the pipelines of
// a config file (a local file, a glob and an HTTP URL), then runs them again:
// the second time nothing is downloaded again and nothing is loaded again.
func TestRunLoadsEveryPipelineAndSkipsWhatDidNotChange(t *testing.T) {
	dir := t.TempDir()
	entitiesCSV(t, dir)
	os.MkdirAll(filepath.Join(dir, "achizitii"), 0o755)
	procurementCSV(t, filepath.Join(dir, "achizitii"), "2025-01.csv", 1, 10)
	procurementCSV(t, filepath.Join(dir, "achizitii"), "2025-02.csv", 11, 5)
	body := []byte(readFile(t, procurementCSV(t, t.TempDir(), "remote.csv", 100, 7)))
	var gets, full atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("ETag", `"v1"`)
		w.Write(body)
	}))
	defer srv.Close()
	config := writeFile(t, dir, "deschis.yaml", `db: w.duckdb
pipelines:
  - name: institutii
    dataset: entities
    format: deschis
    path: entities.csv
  - name: achizitii
    dataset: procurement
    format: deschis
    path: achizitii/*.csv
    entity: "`+cityCUI+`"
  - name: achizitii-portal
    dataset: procurement
    format: deschis
    path: `+srv.URL+`/export/achizitii.csv
`)
	code, out, stderr := run(t, "run", "--config", config, "--json")
	if code != exitOK {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, stderr)
	}
	lines := runLines(t, out)
	if len(lines) != 3 || lines[1].Load.Files[0].RowsLoaded != 10 || lines[1].Load.Files[1].RowsLoaded != 5 || lines[2].Load.Files[0].RowsLoaded != 7 {
		t.Fatalf("first run: %s", out)
	}
	code, out, _ = run(t, "run", "--config", config, "--json")
	if code != exitOK {
		t.Fatalf("second run: exit %d\n%s", code, out)
	}
	for _, l := range runLines(t, out) {
		if l.Load == nil || l.Load.Outcome != "skipped" {
			t.Errorf("second run, pipeline %s: %+v, want skipped", l.Pipeline, l.Load)
		}
	}
	if gets.Load() != 2 || full.Load() != 1 {
		t.Errorf("server saw %d requests, %d full downloads; want 2 and 1 (the second asked If-None-Match)", gets.Load(), full.Load())
	}
	_, out, _ = run(t, "status", "--db", filepath.Join(dir, "w.duckdb"), "--json")
	if !strings.Contains(out, `"procurement"`) {
		t.Fatalf("status: %s", out)
	}
}

func TestRunRefusesABadConfigBeforeLoadingAnything(t *testing.T) {
	dir := t.TempDir()
	entitiesCSV(t, dir)
	config := writeFile(t, dir, "deschis.yaml", `db: w.duckdb
pipelines:
  - name: institutii
    dataset: entities
    format: deschis
    path: entities.csv
  - name: cereri
    dataset: requests
    format: nu-exista
    path: cereri.csv
  - name: cereri
    datset: requests
`)
	code, _, stderr := run(t, "run", "--config", config)
	if code != exitUsage {
		t.Fatalf("exit %d, want 2; %s", code, stderr)
	}
	for _, want := range []string{"datset", "deschis.yaml"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "w.duckdb")); err == nil {
		t.Error("a bad config created the warehouse")
	}
}

// TestRunWatchLoadsFilesAsTheyArrive drops a file into the watched
// directory in two writes: it is loaded once, after it stopped growing.
func TestRunWatchLoadsFilesAsTheyArrive(t *testing.T) {
	dir, inbox := t.TempDir(), t.TempDir()
	entitiesCSV(t, dir)
	config := writeFile(t, dir, "deschis.yaml", `db: w.duckdb
pipelines:
  - name: institutii
    dataset: entities
    format: deschis
    path: entities.csv
  - name: achizitii
    dataset: procurement
    format: deschis
    path: achizitii-*.csv
`)
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		m := &Main{Stdout: pw, Stderr: io.Discard}
		done <- m.Run(ctx, []string{"run", "--config", config, "--watch", inbox, "--interval", "50ms", "--json"})
		pw.Close()
	}()
	lines := make(chan runLine)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			var l runLine
			json.Unmarshal(sc.Bytes(), &l)
			lines <- l
		}
		close(lines)
	}()
	next := func() runLine {
		select {
		case l := <-lines:
			return l
		case <-time.After(30 * time.Second):
			t.Fatal("no output from etl run --watch")
		}
		return runLine{}
	}
	if l := next(); l.Pipeline != "institutii" || l.Load.Outcome != "loaded" {
		t.Fatalf("first pass: %+v", l)
	}
	if l := next(); l.Pipeline != "achizitii" || l.Error == "" {
		t.Fatalf("first pass, no procurement files yet: %+v", l)
	}
	src := readFile(t, procurementCSV(t, t.TempDir(), "p.csv", 1, 20))
	half := strings.Index(src[len(src)/2:], "\n") + len(src)/2 + 1
	path := filepath.Join(inbox, "achizitii-2025.csv")
	os.WriteFile(path, []byte(src[:half]), 0o644)
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(src[half:])
	f.Close()
	os.WriteFile(filepath.Join(inbox, "altceva.txt"), []byte("x"), 0o644)
	got := map[string]runLine{}
	for len(got) < 2 {
		l := next()
		got[l.Pipeline] = l
	}
	if l := got["achizitii"]; l.Load == nil || l.Load.Outcome != "loaded" || l.Load.Files[0].RowsLoaded != 20 {
		t.Errorf("watched file: %+v", l)
	}
	if l := got["-"]; !strings.Contains(l.Error, "altceva.txt") {
		t.Errorf("a file no pipeline matches: %+v", l)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("etl run --watch ended with %d after cancel, want 0", code)
	}
}

type runLine struct {
	Pipeline string `json:"pipeline"`
	Load     *struct {
		Outcome string `json:"outcome"`
		Files   []struct {
			RowsLoaded int64 `json:"rows_loaded"`
		} `json:"files"`
	} `json:"load"`
	Error string `json:"error"`
}

func runLines(t *testing.T, out string) []runLine {
	t.Helper()
	var ls []runLine
	for _, s := range strings.Split(strings.TrimSpace(out), "\n") {
		var l runLine
		if err := json.Unmarshal([]byte(s), &l); err != nil {
			t.Fatalf("not a JSON line: %q", s)
		}
		ls = append(ls, l)
	}
	return ls
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
