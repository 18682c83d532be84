package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/models"
)

// DemoSummary is what `etl demo --json` prints.
type DemoSummary struct {
	DB       string             `json:"db"`
	Scale    int                `json:"scale"`
	Seed     uint64             `json:"seed"`
	County   bool               `json:"county,omitempty"` // Județul Demo (etl demo --county)
	Units    int                `json:"units,omitempty"`  // its administrative units besides the council
	Files    int                `json:"files"`
	Rows     map[string]int64   `json:"rows"` // rows loaded, by dataset
	Rejected int64              `json:"rows_rejected"`
	Seconds  map[string]float64 `json:"seconds"` // generate, load
}

func (m *Main) cmdDemo(ctx context.Context, args []string) error {
	fs := m.newFlags("demo", "--db FIȘIER [--county [--units N]] [--scale N] [--seed S] [--dir DIR] [--json]", `
Generează „Municipiul Demo” (primăria și trei unități subordonate: o școală, un
spital, o direcție de asistență socială) pe cinci ani bugetari, în toate cele patru
domenii: buget și execuție lunară cumulată, investiții, achiziții, cereri. Datele
sunt scrise ca fișiere CSV canonice și încărcate prin aceeași cale ca fișierele
reale (etl load --format deschis): un raport de execuție pe lună, un fișier de
achiziții și unul de cereri pe an. Aceeași sămânță dă aceleași date.
--scale N înmulțește volumele (la 100: peste zece milioane de rânduri).

Cu --county, generează în schimb „Județul Demo”: consiliul județean cu două
unități subordonate (un spital județean, direcția de asistență socială și
protecția copilului) și --units N unități administrativ-teritoriale (implicit 15:
două municipii, trei orașe și zece comune), fiecare cu bugetul, investițiile,
achizițiile și cererile ei, prin același generator, cu populații trase din lista
de referință a recensământului din 2021 și cu diferențe reale între ele (gradul
de execuție, ponderea veniturilor proprii și a achizițiilor directe, termenele de
răspuns). Fiecare unitate e ordonator principal de credite: totalul județului e
o sumă de bugete separate.`)
	db := dbFlag(fs)
	scale := fs.Int("scale", 1, "multiplicatorul volumelor")
	seed := fs.Uint64("seed", 1, "sămânța generatorului")
	county := fs.Bool("county", false, "generează Județul Demo (consiliul județean și unitățile administrativ-teritoriale ale județului)")
	units := fs.Int("units", 0, fmt.Sprintf("cu --county: câte unități administrativ-teritoriale are județul în afară de consiliu (%d–%d, implicit %d)", demo.MinUnits, demo.MaxUnits, demo.DefaultUnits))
	dir := fs.String("dir", "", "unde se scriu fișierele sursă (implicit un director temporar, șters la sfârșit)")
	asJSON := fs.Bool("json", false, "scrie rezultatul ca JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *db == "" {
		return usageErr("lipsește --db")
	}
	if *scale < 1 {
		return usageErr("--scale este cel puțin 1")
	}
	if *units != 0 && !*county {
		return usageErr("--units este numărul de unități ale județului demo: se folosește împreună cu --county")
	}
	if *county && *units == 0 {
		*units = demo.DefaultUnits
	}
	if *county && (*units < demo.MinUnits || *units > demo.MaxUnits) {
		return usageErr("--units %d: județul demo are între %d și %d unități administrativ-teritoriale în afară de consiliu (două municipii, trei orașe, restul comune)",
			*units, demo.MinUnits, demo.MaxUnits)
	}
	out := *dir
	if out == "" {
		tmp, err := os.MkdirTemp("", "deschis-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		out = tmp
	}
	sum := DemoSummary{DB: *db, Scale: *scale, Seed: *seed, County: *county, Units: *units, Seconds: map[string]float64{}}
	t0 := time.Now()
	files, err := demo.Generate(out, demo.Options{Seed: *seed, Scale: *scale, County: *county, Units: *units})
	if err != nil {
		return fmt.Errorf("generare: %w", err)
	}
	sum.Seconds["generate"] = time.Since(t0).Seconds()
	sum.Files = len(files)

	w, err := m.openWarehouse(ctx, *db, false)
	if err != nil {
		return err
	}
	defer w.Close()
	var total int64
	for _, f := range files {
		st, err := os.Stat(f.Path)
		if err != nil {
			return err
		}
		total += st.Size()
	}
	bar := m.progress(total, "încărcare demo", *asJSON)
	t1 := time.Now()
	loaded, err := demo.Load(ctx, w, files, func(r io.Reader) io.Reader { return &countingReader{r: r, bar: bar} })
	bar.Finish()
	if err != nil {
		return err
	}
	sum.Rows, sum.Rejected = loaded.Rows, loaded.Rejected
	sum.Seconds["load"] = time.Since(t1).Seconds()
	if *asJSON {
		return writeJSON(m.Stdout, sum)
	}
	what := "Municipiul Demo"
	if *county {
		what = m.ro.Sprintf("Județul Demo (consiliul județean și %d %s)", *units,
			models.Nouns(int64(*units), "unitate administrativ-teritorială", "unități administrativ-teritoriale"))
	}
	m.ro.Fprintf(m.Stdout, "%s (scara %d) în %s: %d %s generate în %.1f s, încărcate în %.1f s.\n",
		what, *scale, *db, sum.Files, models.Nouns(int64(sum.Files), "fișier", "fișiere"), sum.Seconds["generate"], sum.Seconds["load"])
	for _, f := range []string{"entities", "budget", "investments", "procurement", "requests"} {
		m.ro.Fprintf(m.Stdout, "  %-12s %d %s\n", f, sum.Rows[f], models.Nouns(sum.Rows[f], "rând", "rânduri"))
	}
	if sum.Rejected > 0 {
		m.ro.Fprintf(m.Stdout, "  respinse: %d (etl rejects)\n", sum.Rejected)
	}
	return nil
}
