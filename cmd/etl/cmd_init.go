package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

const initHelp = `Creează depozitul DuckDB (sau aplică migrările care lipsesc).

Cu --county COD (de ex. BV, TM, B), depozitul devine al unui județ: consiliul
județean și fiecare municipiu, oraș și comună a județului din lista de referință
(codul SIRUTA, tipul, populația de la recensământul din 2021) sunt înregistrate
ca instituții, prin aceeași încărcare ca un fișier entities (etl load --dataset
entities). Comunele nu sunt subordonate județului: bugetele lor rămân separate
și nu se consolidează cu al județului. Unitățile subordonate (școli, spitale) se
adaugă apoi cu un fișier entities, cu parent_cui. Rulată din nou, comanda nu
schimbă nimic.`

// initResult is etl init's --json answer.
type initResult struct {
	DB            string                `json:"db"`
	SchemaVersion int                   `json:"schema_version"`
	County        *initCounty           `json:"county,omitempty"`
	Load          *warehouse.LoadResult `json:"load,omitempty"`
}

// initCounty is the county a deployment was set up for.
type initCounty struct {
	Code           string         `json:"code"`
	Name           string         `json:"name"`
	CUI            string         `json:"cui"`
	Units          int            `json:"units"` // administrative units besides the council
	ByKind         map[string]int `json:"by_kind"`
	Population     int64          `json:"population"`
	PopulationYear int            `json:"population_year"`
}

func (m *Main) cmdInit(ctx context.Context, args []string) error {
	fs := m.newFlags("init", "--db FIȘIER [--county COD] [--json]", initHelp)
	db := dbFlag(fs)
	county := fs.String("county", "", "indicativul județului (de ex. BV): înregistrează consiliul județean și toate unitățile administrativ-teritoriale ale județului")
	asJSON := fs.Bool("json", false, "scrie rezultatul ca JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	code := strings.ToUpper(strings.TrimSpace(*county))
	var units []models.UAT
	if code != "" {
		if units = models.UATsOfCounty(code); len(units) == 0 {
			var codes []string
			for _, c := range models.Counties() {
				codes = append(codes, c.County)
			}
			return usageErr("--county %q: nu este un indicativ de județ din lista de referință; indicativele sunt %s și B (București)", *county, strings.Join(codes, ", "))
		}
	}
	w, err := m.openWarehouse(ctx, *db, false)
	if err != nil {
		return err
	}
	defer w.Close()
	res := initResult{DB: *db}
	if res.SchemaVersion, err = w.SchemaVersion(ctx); err != nil {
		return err
	}
	if units != nil {
		res.County = describeCounty(code, units)
		if res.Load, err = registerCounty(ctx, w, code, units); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(m.Stdout, res)
	}
	fmt.Fprintf(m.Stdout, "Depozitul %s este la schema %d.\n", *db, res.SchemaVersion)
	if c := res.County; c != nil {
		var kinds []string
		for _, k := range []struct {
			kind      models.EntityKind
			one, many string
		}{{models.KindMunicipiu, "municipiu", "municipii"}, {models.KindOras, "oraș", "orașe"}, {models.KindSector, "sector", "sectoare"}, {models.KindComuna, "comună", "comune"}} {
			if n := c.ByKind[string(k.kind)]; n > 0 {
				kinds = append(kinds, m.ro.Sprintf("%d %s", n, models.Nouns(int64(n), k.one, k.many)))
			}
		}
		who := "consiliul județean și "
		if c.CUI == "" {
			who = ""
		}
		m.ro.Fprintf(m.Stdout, "%s: %s%d %s (%s), %d %s la recensământul din %s.\n", c.Name, who, c.Units,
			models.Nouns(int64(c.Units), "unitate administrativ-teritorială", "unități administrativ-teritoriale"), strings.Join(kinds, ", "),
			c.Population, models.Nouns(c.Population, "locuitor", "locuitori"), strconv.Itoa(c.PopulationYear))
		switch res.Load.Outcome {
		case "loaded":
			m.ro.Fprintf(m.Stdout, "Înregistrate prin încărcarea %d (entities).\n", res.Load.LoadID)
		case "skipped":
			fmt.Fprintln(m.Stdout, "Erau deja înregistrate: nimic nu s-a schimbat.")
		default:
			return fmt.Errorf("înregistrarea județului %s a fost refuzată: %s", code, res.Load.Message)
		}
	}
	return nil
}

// describeCounty counts a county's units by kind, with the council's name
// and the population of the units (the council's row is the county's
// population, not added again).
func describeCounty(code string, units []models.UAT) *initCounty {
	c := &initCounty{Code: code, Name: "Municipiul București", ByKind: map[string]int{}}
	for _, u := range units {
		if u.Kind == models.KindJudet {
			c.Name, c.CUI = u.Name, u.CUI
			continue
		}
		c.Units++
		c.ByKind[string(u.Kind)]++
		if u.Kind != models.KindSector { // Bucharest's population is the municipality's
			c.Population += u.Population
		}
		c.PopulationYear = u.PopulationYear
	}
	return c
}

// registerCounty loads a county's units as an entities file through the
// same path as etl load --dataset entities, so they are recorded as a load
// (file, checksum, rows) and a second run finds the file already loaded.
func registerCounty(ctx context.Context, w *warehouse.Warehouse, code string, units []models.UAT) (*warehouse.LoadResult, error) {
	dir, err := os.MkdirTemp("", "deschis-county-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "uat-"+strings.ToLower(code)+"-2021.csv")
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	cw := csv.NewWriter(f)
	cw.Write([]string{"cui", "siruta", "name", "kind", "county", "population_year", "population"})
	for _, u := range units {
		siruta := ""
		if u.SIRUTA > 0 {
			siruta = strconv.Itoa(u.SIRUTA)
		}
		cw.Write([]string{u.CUI, siruta, u.Name, string(u.Kind), u.County, strconv.Itoa(u.PopulationYear), strconv.FormatInt(u.Population, 10)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	opt := ingest.Options{Dataset: models.DatasetEntities, File: path}
	return w.Load(ctx, loadSpec("deschis", opt, 0), loadFiles([]string{path}, "deschis", opt, noProgress{}, "", false))
}
