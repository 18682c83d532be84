package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/deschis/deschis/ingest/pipeline"
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
	c, err := pipeline.ReadConfig(*config, warehouse.DefaultMaxRejectShare)
	if err != nil {
		return usageErr("%v", err)
	}
	if *db == "" {
		*db = c.DB
		if *db != "" && !filepath.IsAbs(*db) {
			*db = c.Resolve(*db)
		}
	}
	if *only != "" {
		if err := c.Only(strings.Split(*only, ",")); err != nil {
			return usageErr("%v în %s", err, *config)
		}
	}
	if *watch != "" {
		if st, err := os.Stat(*watch); err != nil || !st.IsDir() {
			return usageErr("--watch %s: nu este un director", *watch)
		}
	}
	w, err := m.openWarehouse(ctx, *db, false)
	if err != nil {
		return err
	}
	defer w.Close()
	rep := &runReport{m: m, db: *db, json: *asJSON}
	r := &pipeline.Runner{Config: c, Client: &http.Client{Timeout: 10 * time.Minute}, Report: func(p pipeline.Pipeline, err error) { rep.report(p, nil, err) },
		Load: func(ctx context.Context, p pipeline.Pipeline, paths []string) error {
			opt := p.Options()
			if err := checkEntity(ctx, w, opt); err != nil {
				rep.report(p, nil, err)
				return err
			}
			if p.OnlyDeployment {
				var err error
				if opt.Keep, err = deploymentKeep(ctx, w); err != nil {
					rep.report(p, nil, err)
					return err
				}
			}
			res, err := w.Load(ctx, loadSpec(p.Format, opt, c.MaxRejectShare), loadFiles(paths, p.Format, opt, noProgress{}, filepath.Dir(*db), mappedSQLDefault))
			rep.report(p, res, err)
			return err
		}}
	failed, err := r.Run(ctx)
	if err != nil {
		return err
	}
	if *watch != "" {
		return r.Watch(ctx, *watch, *interval)
	}
	if failed > 0 {
		return models.Refused(m.ro.Sprintf("%d din %d fluxuri au fost refuzate sau au eșuat", failed, len(c.Pipelines)))
	}
	return nil
}

// runReport prints what each pipeline did: a load's result, or its error.
type runReport struct {
	m    *Main
	db   string // the warehouse, for the commands printLoad suggests
	json bool
}

func (r *runReport) report(p pipeline.Pipeline, res *warehouse.LoadResult, err error) {
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
		r.m.printLoad(r.db, res, false)
	}
	if err != nil && (res == nil || res.Outcome != "refused") {
		fmt.Fprintf(r.m.Stdout, "eroare: %v\n", err)
	}
}
