package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

const runHelp = `Rulează fluxurile (pipelines) declarate în fișierul de configurare, în ordine:
pentru fiecare, citește sursele (fișier, model glob sau adresă HTTP(S)) și le încarcă
exact ca etl load. Fișierele neschimbate (aceeași sumă sha256) sunt sărite, deci
comanda se poate rula oricât de des (cron, systemd timer).

Cu --watch DIR, după prima trecere urmărește directorul și încarcă fiecare fișier
nou sau schimbat, cu fluxul al cărui model (numele din path) i se potrivește, după
ce fișierul nu mai crește (două verificări la --interval). Se oprește la Ctrl+C.

Configurare (YAML):
  db: var/deschis.duckdb          # implicit; --db are prioritate
  max_reject_share: 0.05
  downloads: var/downloads        # unde se păstrează fișierele descărcate
  pipelines:
    - name: institutii
      dataset: entities
      format: deschis
      path: date/institutii.csv
    - name: executie
      dataset: budget
      format: forexebug
      path: exporturi/trezorerie/*.xml   # relativ la fișierul de configurare
    - name: cereri
      dataset: requests
      format: csv
      mapping: mapari/registratura.yaml
      entity: "4270740"
      path: https://intranet.example.ro/export/cereri.csv

Ieșire: cu --json, câte un obiect JSON pe linie: {"pipeline": NUME, "load": REZULTAT}
(rezultatul ca la etl load --json) sau {"pipeline": NUME, "error": MESAJ}.
Cod de ieșire: 0 dacă toate fluxurile au reușit, 1 dacă vreunul a fost refuzat sau a eșuat.`

type runConfig struct {
	DB             string     `yaml:"db"`
	MaxRejectShare float64    `yaml:"max_reject_share"`
	Downloads      string     `yaml:"downloads"`
	Pipelines      []pipeline `yaml:"pipelines"`
	dir            string     // the config file's directory: relative paths start there
}

type pipeline struct {
	Name       string `yaml:"name"`
	Dataset    string `yaml:"dataset"`
	Format     string `yaml:"format"`
	Mapping    string `yaml:"mapping"`
	Path       string `yaml:"path"`
	Entity     string `yaml:"entity"`
	OnlyEntity bool   `yaml:"only_entity"`
}

func (p pipeline) isURL() bool {
	return strings.HasPrefix(p.Path, "http://") || strings.HasPrefix(p.Path, "https://")
}

// readRunConfig parses and checks the whole configuration before anything
// runs: a typo in the fifth pipeline is reported before the first loads.
func readRunConfig(path string) (*runConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	var c runConfig
	if err := yaml.UnmarshalWithOptions(data, &c, yaml.Strict()); err != nil {
		return nil, usageErr("%s: %s", path, yaml.FormatError(err, false, true))
	}
	c.dir = filepath.Dir(path)
	if c.MaxRejectShare == 0 {
		c.MaxRejectShare = warehouse.DefaultMaxRejectShare
	}
	if c.MaxRejectShare < 0 || c.MaxRejectShare > 1 {
		return nil, usageErr("%s: max_reject_share este între 0 și 1", path)
	}
	if len(c.Pipelines) == 0 {
		return nil, usageErr("%s: niciun flux în pipelines", path)
	}
	var errs []error
	seen := map[string]bool{}
	for i := range c.Pipelines {
		p := &c.Pipelines[i]
		where := fmt.Sprintf("%s: fluxul %d (%s)", path, i+1, p.Name)
		switch {
		case p.Name == "":
			errs = append(errs, fmt.Errorf("%s: lipsește name", where))
		case seen[p.Name]:
			errs = append(errs, fmt.Errorf("%s: numele se repetă", where))
		}
		seen[p.Name] = true
		if p.Path == "" {
			errs = append(errs, fmt.Errorf("%s: lipsește path", where))
		} else if !p.isURL() {
			p.Path = c.resolve(p.Path)
		}
		if p.Mapping != "" {
			p.Mapping = c.resolve(p.Mapping)
		}
		if err := ingest.Check(p.Format, p.Dataset, p.Mapping); err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", where, err))
		}
		if p.Entity != "" {
			cui, err := models.NormalizeCUI(p.Entity)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: entity: %v", where, err))
			}
			p.Entity = cui
		}
		if p.OnlyEntity && p.Entity == "" {
			errs = append(errs, fmt.Errorf("%s: only_entity cere entity", where))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", errUsage, errors.Join(errs...))
	}
	return &c, nil
}

func (c *runConfig) resolve(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

func (m *Main) cmdRun(ctx context.Context, args []string) error {
	fs := m.newFlags("run", "--config FIȘIER [--db FIȘIER] [--only NUME,...] [--watch DIR [--interval 2s]] [--json]", runHelp)
	config := fs.String("config", "", "fișierul de configurare YAML cu fluxurile (obligatoriu)")
	db := dbFlag(fs)
	only := fs.String("only", "", "rulează doar fluxurile numite (separate prin virgulă)")
	watch := fs.String("watch", "", "după prima trecere, urmărește directorul și încarcă fișierele noi")
	interval := fs.Duration("interval", 2*time.Second, "cât de des se verifică directorul urmărit")
	asJSON := fs.Bool("json", false, "câte un rezultat JSON pe linie")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageErr("argumente în plus: %v", rest)
	}
	if *config == "" {
		return usageErr("lipsește --config")
	}
	if *interval <= 0 {
		return usageErr("--interval trebuie să fie pozitiv")
	}
	c, err := readRunConfig(*config)
	if err != nil {
		return err
	}
	if *db == "" {
		*db = c.DB
		if *db != "" && !filepath.IsAbs(*db) {
			*db = c.resolve(*db)
		}
	}
	if *only != "" {
		names := strings.Split(*only, ",")
		var keep []pipeline
		for _, p := range c.Pipelines {
			if slices.Contains(names, p.Name) {
				keep = append(keep, p)
			}
		}
		if len(keep) != len(names) {
			return usageErr("--only numește fluxuri care nu există în %s", *config)
		}
		c.Pipelines = keep
	}
	if *watch != "" {
		if st, err := os.Stat(*watch); err != nil || !st.IsDir() {
			return usageErr("--watch %s: nu este un director", *watch)
		}
	}
	w, err := openWarehouse(ctx, *db, false)
	if err != nil {
		return err
	}
	defer w.Close()
	r := &runner{m: m, w: w, c: c, json: *asJSON, client: &http.Client{Timeout: 10 * time.Minute}}
	failed := 0
	for _, p := range c.Pipelines {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		paths, err := r.sources(ctx, p)
		if err == nil && len(paths) == 0 {
			r.report(p, nil, fmt.Errorf("nicio sursă nu se potrivește cu %s", p.Path))
			continue // an empty glob is not a failure: the exports may not be there yet
		}
		if err == nil {
			err = r.load(ctx, p, paths)
		} else {
			r.report(p, nil, err)
		}
		if err != nil {
			failed++
		}
	}
	if *watch != "" {
		return r.watch(ctx, *watch, *interval)
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d din %d fluxuri au fost refuzate sau au eșuat", models.ErrRefused, failed, len(c.Pipelines))
	}
	return nil
}

type runner struct {
	m      *Main
	w      *warehouse.Warehouse
	c      *runConfig
	json   bool
	client *http.Client
}

// sources lists the files of a pipeline: the glob's matches in name order, or
// the URL fetched into the downloads directory.
func (r *runner) sources(ctx context.Context, p pipeline) ([]string, error) {
	if p.isURL() {
		path, err := r.fetch(ctx, p)
		if err != nil {
			return nil, err
		}
		return []string{path}, nil
	}
	paths, err := filepath.Glob(p.Path)
	if err != nil {
		return nil, fmt.Errorf("path %s: %v", p.Path, err)
	}
	slices.Sort(paths)
	return paths, nil
}

// fetch downloads a pipeline's URL into downloads/<name>/, asking the server
// for the file only if it changed (ETag, Last-Modified); an unchanged download
// then skips as an already-loaded file.
func (r *runner) fetch(ctx context.Context, p pipeline) (string, error) {
	dir := r.c.Downloads
	if dir == "" {
		dir = "downloads"
	}
	dir = filepath.Join(r.c.resolve(dir), p.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	u, err := url.Parse(p.Path)
	if err != nil {
		return "", fmt.Errorf("path %s: %v", p.Path, err)
	}
	name := filepath.Base(u.Path)
	if name == "." || name == "/" || name == "" {
		name = "download"
	}
	path := filepath.Join(dir, name)
	meta := path + ".http.json"
	var prev struct{ ETag, LastModified string }
	if b, err := os.ReadFile(meta); err == nil {
		json.Unmarshal(b, &prev)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.Path, nil)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(path); err == nil {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("descărcare %s: %v", p.Path, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return path, nil
	case resp.StatusCode != http.StatusOK:
		return "", fmt.Errorf("descărcare %s: serverul a răspuns %s", p.Path, resp.Status)
	}
	// Download beside the target and rename: a broken transfer never
	// replaces a good file.
	tmp, err := os.CreateTemp(dir, name+".part-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, resp.Body); err != nil {
		tmp.Close()
		return "", fmt.Errorf("descărcare %s: %v", p.Path, err)
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", err
	}
	prev.ETag, prev.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	b, _ := json.Marshal(prev)
	return path, os.WriteFile(meta, b, 0o644)
}

func (r *runner) load(ctx context.Context, p pipeline, paths []string) error {
	opt := ingest.Options{Dataset: p.Dataset, Entity: p.Entity, OnlyEntity: p.OnlyEntity, Mapping: p.Mapping}
	if err := checkEntity(ctx, r.w, opt); err != nil {
		r.report(p, nil, err)
		return err
	}
	res, err := r.w.Load(ctx, loadSpec(p.Format, opt, r.c.MaxRejectShare), loadFiles(paths, p.Format, opt, noProgress{}))
	r.report(p, res, err)
	return err
}

func (r *runner) report(p pipeline, res *warehouse.LoadResult, err error) {
	if r.json {
		line := map[string]any{"pipeline": p.Name}
		if res != nil {
			line["load"] = res
		}
		if err != nil && (res == nil || res.Outcome != "refused") {
			line["error"] = err.Error()
		}
		b, _ := json.Marshal(line)
		fmt.Fprintln(r.m.Stdout, string(b))
		return
	}
	fmt.Fprintf(r.m.Stdout, "[%s] ", p.Name)
	if res != nil {
		r.m.printLoad(res, false)
	}
	if err != nil && (res == nil || res.Outcome != "refused") {
		fmt.Fprintf(r.m.Stdout, "eroare: %v\n", err)
	}
}

// watch polls dir until ctx ends. A file is loaded once its size and
// modification time held still between two polls (a file still being copied
// is not read half-way), with the first pipeline whose path pattern matches
// its name; it is loaded again only when it changes.
func (r *runner) watch(ctx context.Context, dir string, every time.Duration) error {
	type state struct {
		size   int64
		mod    time.Time
		stable bool
		done   bool
	}
	seen := map[string]*state{}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			info, err := e.Info()
			if err != nil {
				continue
			}
			path := filepath.Join(dir, e.Name())
			s := seen[path]
			if s == nil || s.size != info.Size() || !s.mod.Equal(info.ModTime()) {
				seen[path] = &state{size: info.Size(), mod: info.ModTime()}
				continue
			}
			if s.done {
				continue
			}
			s.done = true
			p, ok := r.pipelineFor(e.Name())
			if !ok {
				r.report(pipeline{Name: "-"}, nil, fmt.Errorf("%s: niciun flux nu se potrivește cu acest nume de fișier", path))
				continue
			}
			r.load(ctx, p, []string{path})
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// pipelineFor finds the first local pipeline whose path pattern matches a
// file name.
func (r *runner) pipelineFor(name string) (pipeline, bool) {
	for _, p := range r.c.Pipelines {
		if p.isURL() {
			continue
		}
		if ok, _ := filepath.Match(filepath.Base(p.Path), name); ok {
			return p, true
		}
	}
	return pipeline{}, false
}
