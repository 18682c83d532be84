package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

func (m *Main) cmdPublish(ctx context.Context, args []string) error {
	fs := m.newFlags("publish", "--db FIȘIER --out DIR [--keep N] [--memory-limit 1GB] [--temp-dir DIR] [--json]", `
Scrie o ediție nouă în DIR/<id>/: manifest.json, public/*.parquet (site, descărcări,
API), aceleași seturi publice ca descărcări în fiecare format (.csv, -excel.csv,
.json, .ndjson, .arrows, .xlsx; XLSX doar pentru seturile care încap într-o foaie Excel)
și internal/*.parquet (tablouri de bord), apoi bazele de date pe care le deschide
site-ul, doar pentru citire: public/site.duckdb (seturile publice sortate pentru
pagini și structurile de căutare) și internal/dashboards.duckdb (seturile interne).
Înainte să devină curentă, ediția este verificată: schemele sunt cele declarate,
numărul de rânduri este cel din
depozit și public/ nu conține date personale (CNP, e-mail, telefon). O ediție care
nu trece verificarea este ștearsă, iar ediția curentă rămâne neschimbată.
Legătura DIR/current este mutată atomic pe ediția nouă. Edițiile parțiale lăsate
de publicări întrerupte (directoare .tmp-…) pe care nu le deține nicio publicare
în curs sunt șterse.`)
	db := dbFlag(fs)
	out := fs.String("out", "", "directorul edițiilor (obligatoriu)")
	keep := fs.Int("keep", 0, "păstrează doar cele mai noi N ediții (0: toate)")
	asJSON := fs.Bool("json", false, "scrie rezultatul ca JSON (cu durata fiecărui pas: timings)")
	memory := fs.String("memory-limit", release.DefaultPublishMemory, "memoria DuckDB a publicării (de exemplu 1GB, 512MB); peste ea sortările se scriu pe disc, în --temp-dir")
	tempDir := fs.String("temp-dir", "", "unde scrie DuckDB peste limita de memorie (implicit FIȘIER.tmp lângă depozit)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *db == "" || *out == "" {
		return usageErr("lipsesc --db sau --out")
	}
	if *keep < 0 {
		return usageErr("--keep este un număr pozitiv")
	}
	w, err := m.openWarehouse(ctx, *db, false)
	if err != nil {
		return err
	}
	defer w.Close()
	res, err := w.Publish(ctx, release.Options{Out: *out, Keep: *keep, Generator: "deschis etl " + version,
		MemoryLimit: *memory, TempDir: *tempDir})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, res)
	}
	fmt.Fprintf(m.Stdout, "Ediția %s este publicată și curentă: %s\n", res.ReleaseID, res.Path)
	for _, d := range res.Datasets {
		m.ro.Fprintf(m.Stdout, "  %-26s %-8s %d %s\n", d.Name, d.Access, d.Rows, models.Nouns(d.Rows, "rând", "rânduri"))
	}
	for _, p := range res.Pruned {
		fmt.Fprintf(m.Stdout, "  ediție veche ștearsă: %s\n", p)
	}
	for _, p := range res.RemovedPartial {
		fmt.Fprintf(m.Stdout, "  ediție parțială ștearsă (publicare întreruptă): %s\n", p)
	}
	return nil
}

func (m *Main) cmdVerify(ctx context.Context, args []string) error {
	fs := m.newFlags("verify", "DIR/<id> | DIR/current | DIR [--json]", `
Recalculează suma sha256 și mărimea fiecărui fișier al ediției, numără rândurile
fiecărui fișier Parquet și le compară cu manifest.json. DIR/current se verifică
prin legătură. Dat directorul edițiilor (DIR), verifică fiecare ediție, legătura
current și raportează edițiile parțiale lăsate de publicări întrerupte.
Ieșire 1 la orice nepotrivire.`)
	asJSON := fs.Bool("json", false, "scrie rezultatul ca JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("dați un singur director de ediție")
	}
	verify := release.Verify
	if !release.IsRelease(pos[0]) {
		if st, err := os.Stat(pos[0]); err != nil || !st.IsDir() {
			return usageErr("%s nu este un director de ediție", pos[0])
		}
		verify = release.VerifyReleases
	}
	problems, err := verify(ctx, pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		if problems == nil {
			problems = []release.VerifyProblem{}
		}
		writeJSON(m.Stdout, map[string]any{"release": pos[0], "ok": len(problems) == 0, "problems": problems})
	} else if len(problems) == 0 {
		fmt.Fprintf(m.Stdout, "Ediția %s este intactă.\n", pos[0])
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(m.Stderr, "%s: %s\n", p.Path, p.Reason)
		}
		what := "ediția"
		if !release.IsRelease(pos[0]) {
			what = "directorul de ediții"
		}
		return errors.New(m.ro.Sprintf("%s %s are %d %s", what, pos[0], len(problems), models.Nouns(int64(len(problems)), "nepotrivire", "nepotriviri")))
	}
	return nil
}

func (m *Main) cmdPrune(ctx context.Context, args []string) error {
	fs := m.newFlags("prune", "--out DIR --keep N", `
Șterge edițiile vechi; ediția curentă nu se șterge niciodată. Șterge și edițiile
parțiale lăsate de publicări întrerupte (directoare .tmp-…) pe care nu le deține
nicio publicare în curs.`)
	out := fs.String("out", "", "directorul edițiilor (obligatoriu)")
	keep := fs.Int("keep", 0, "câte ediții noi se păstrează (obligatoriu, cel puțin 1)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" || *keep < 1 {
		return usageErr("dați --out și --keep N (N ≥ 1)")
	}
	partial, err := release.RemoveStray(*out)
	for _, p := range partial {
		fmt.Fprintf(m.Stdout, "ștearsă (ediție parțială, publicare întreruptă): %s\n", p)
	}
	if err != nil {
		return err
	}
	pruned, err := release.Prune(*out, *keep)
	for _, p := range pruned {
		fmt.Fprintf(m.Stdout, "ștearsă: %s\n", p)
	}
	return err
}

func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
