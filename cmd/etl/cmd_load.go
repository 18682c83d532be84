package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/tabular"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

const loadHelp = `Încarcă unul sau mai multe fișiere într-un set de date, într-o singură tranzacție:
fie se încarcă tot ce e bun, fie (la refuz) nimic nu se schimbă.

  - Un fișier deja încărcat (aceeași sumă sha256) este sărit.
  - Un rând care nu poate fi citit ajunge la respingeri (fișier, linie, coloană,
    valoare, motiv); rândurile bune se încarcă. Peste --max-reject-share rânduri
    respinse, încărcarea este refuzată întreagă.
  - La buget, un raport cumulat mai nou pentru aceeași instituție și lună îl
    înlocuiește pe cel vechi; unul mai vechi este ignorat (rows_superseded).
  - Un fișier doar cu antet (fără rânduri de date) nu schimbă nimic: apare ca
    avertisment și nu este trecut ca încărcat.
  - Încărcările sunt numerotate 1, 2, 3… în ordinea încercărilor, cele refuzate
    incluse (își păstrează numărul și respingerile: etl rejects --db … --load N).

Cu --only-deployment, dintr-un export național (SICAP, OCDS, Forexebug, CSV
canonic) se păstrează rândurile tuturor instituțiilor înregistrate în depozit
(după etl init --county: consiliul județean, municipiile, orașele, comunele și
unitățile lor) și se sar celelalte, numărate (outside_deployment în --json și în
etl status).

Cu --entity CUI, toate rândurile sunt ale acelei instituții. Într-un depozit gol,
o unitate administrativ-teritorială din lista de referință (primărie, consiliu
județean) este înregistrată de încărcarea însăși; orice altă instituție (școală,
spital) se încarcă întâi cu --dataset entities.

Seturi: entities, budget, investments, procurement, requests.
Formate: etl formats. Baza de date se creează dacă nu există.

Exemplu:
  etl load --db var/deschis.duckdb --entity 4270740 --dataset budget --format deschis raport-2026-10.csv --json`

func (m *Main) cmdLoad(ctx context.Context, args []string) error {
	fs := m.newFlags("load", "--db FIȘIER [--entity CUI [--only-entity] | --only-deployment] --dataset SET --format FORMAT [--mapping FIȘIER] CALE... [--json]", loadHelp)
	db := dbFlag(fs)
	entity := fs.String("entity", "", "CUI-ul instituției căreia îi aparțin fișierele (se poate omite când fiecare rând își numește instituția)")
	dataset := fs.String("dataset", "", "setul de date: "+strings.Join(models.SourceDatasets, ", "))
	format := fs.String("format", "", "formatul fișierelor (etl formats)")
	mapping := fs.String("mapping", "", "fișierul de corespondență a coloanelor (pentru formatele generice csv, xlsx, json; docs/mapping.md)")
	only := fs.Bool("only-entity", false, "păstrează doar rândurile instituției --entity și le sare pe celelalte (exporturi naționale SICAP, OCDS)")
	onlyDeployment := fs.Bool("only-deployment", false, "păstrează doar rândurile instituțiilor înregistrate în depozit (un județ cu toate unitățile lui) și le sare pe celelalte (exporturi naționale SICAP, OCDS, Forexebug)")
	maxShare := fs.Float64("max-reject-share", warehouse.DefaultMaxRejectShare, "partea maximă de rânduri respinse (0–1) peste care încărcarea e refuzată")
	asJSON := fs.Bool("json", false, "scrie rezultatul ca JSON, pentru scripturi")
	mappedSQL := fs.Bool("mapped-sql", mappedSQLDefault, "citește formatul csv cu corespondență în DuckDB (calea SQL; --mapped-sql=false: cititorul Go)")
	sicapSQL := fs.Bool("sicap-sql", sicapSQLDefault, "citește formatul sicap în DuckDB (calea SQL; experimental: azi mai lentă decât cititorul Go; --sicap-sql=false: cititorul Go)")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *db == "":
		return usageErr("lipsește --db")
	case *dataset == "":
		return usageErr("lipsește --dataset (%s)", strings.Join(models.SourceDatasets, ", "))
	case *format == "":
		return usageErr("lipsește --format (etl formats)")
	case len(paths) == 0:
		return usageErr("lipsesc fișierele de încărcat")
	case *maxShare < 0 || *maxShare > 1:
		return usageErr("--max-reject-share este între 0 și 1")
	case *only && *entity == "":
		return usageErr("--only-entity cere --entity")
	case *only && *onlyDeployment:
		return usageErr("--only-entity păstrează o instituție, --only-deployment pe toate cele din depozit: alegeți una")
	}
	if _, ok := models.SourceFields[*dataset]; !ok {
		return usageErr("setul %q nu există (%s)", *dataset, strings.Join(models.SourceDatasets, ", "))
	}
	if err := ingest.Check(*format, *dataset, *mapping); err != nil {
		return err
	}
	if *onlyDeployment {
		if err := checkOnlyDeployment(*format, *dataset); err != nil {
			return usageErr("--only-deployment: %v", err)
		}
	}
	if *entity != "" {
		cui, err := models.NormalizeCUI(*entity)
		if err != nil {
			return usageErr("--entity: %v", err)
		}
		*entity = cui
	}
	var total int64
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return usageErr("%v", err)
		}
		if st.IsDir() {
			return usageErr("%s este un director: dați fișierele", p)
		}
		total += st.Size()
	}
	w, err := m.openWarehouse(ctx, *db, false)
	if err != nil {
		return err
	}
	defer w.Close()
	opt := ingest.Options{Dataset: *dataset, Entity: *entity, OnlyEntity: *only, Mapping: *mapping}
	if err := checkEntity(ctx, w, opt); err != nil {
		return err
	}
	if *onlyDeployment {
		if opt.Keep, err = deploymentKeep(ctx, w); err != nil {
			return err
		}
	}
	bar := m.progress(total, "încărcare "+*dataset, *asJSON)
	files := loadFiles(paths, *format, opt, bar, filepath.Dir(*db), *mappedSQL)
	if *sicapSQL {
		offerSicapSQL(files, *format, opt, bar, filepath.Dir(*db))
	}
	res, err := w.Load(ctx, loadSpec(*format, opt, *maxShare), files)
	bar.Finish()
	if res == nil {
		return err
	}
	m.printLoad(*db, res, *asJSON)
	return err
}

// loadSpec is the warehouse side of a load: the institutions the rows name
// are registered when new (with --entity, the rows can only name that one).
func loadSpec(format string, opt ingest.Options, maxShare float64) warehouse.LoadSpec {
	return warehouse.LoadSpec{Dataset: opt.Dataset, Format: format, Entity: opt.Entity, MaxRejectShare: maxShare,
		RegisterEntities: opt.Dataset != models.DatasetEntities}
}

// checkOnlyDeployment fails for a load --only-deployment cannot filter: the
// entities themselves, or a format whose reader does not apply the kept set.
func checkOnlyDeployment(format, dataset string) error {
	if dataset == models.DatasetEntities {
		return fmt.Errorf("setul entities înregistrează instituțiile, nu se filtrează după ele")
	}
	if !ingest.KeepsDeployment(format) {
		return fmt.Errorf("formatul %s nu filtrează după instituții; se poate cu deschis, sicap, ocds și forexebug", format)
	}
	return nil
}

// deploymentKeep is the set of institutions a load --only-deployment keeps:
// every one registered in the warehouse, read when the load starts.
func deploymentKeep(ctx context.Context, w *warehouse.Warehouse) (ingest.KeepSet, error) {
	cuis, err := w.DeploymentEntities(ctx)
	if err != nil {
		return nil, err
	}
	if len(cuis) == 0 {
		return nil, usageErr("--only-deployment: depozitul nu are nicio instituție înregistrată; rulați întâi etl init --county COD sau încărcați un fișier entities")
	}
	return ingest.NewKeepSet(cuis), nil
}

// checkEntity fails for an --entity the warehouse does not know and the load
// cannot register: one outside the reference list of administrative units
// (those are registered by the load itself).
func checkEntity(ctx context.Context, w *warehouse.Warehouse, opt ingest.Options) error {
	if opt.Entity == "" || opt.Dataset == models.DatasetEntities {
		return nil
	}
	if _, ok := models.LookupUAT(opt.Entity); ok {
		return nil
	}
	return w.EntityExists(ctx, opt.Entity)
}

// loadFiles opens each path with the format's reader when the warehouse asks
// for it, counting the bytes read for the progress bar. The canonical CSV is
// offered to the SQL load path; the csv format with a mapping when
// mappedSQL (etl load --mapped-sql, on by default: mappedSQLDefault). A
// mapped file is read through a numbered UTF-8 copy in dir (the warehouse's
// directory), removed after the load reads it.
func loadFiles(paths []string, format string, opt ingest.Options, bar progress, dir string, mappedSQL bool) []warehouse.LoadFile {
	files := make([]warehouse.LoadFile, len(paths))
	for i, p := range paths {
		opt := opt
		opt.File = p
		files[i] = warehouse.LoadFile{Path: p, Open: func() (models.RowReader, error) {
			return ingest.OpenFile(format, opt, func(r io.Reader) io.Reader { return &countingReader{r: r, bar: bar} })
		}}
		if format == "deschis" && !opt.OnlyEntity && opt.Keep == nil { // the Go reader applies both filters
			files[i].SQL = func(ctx context.Context) (*warehouse.CSVFile, error) {
				return canonicalSQL(opt, func(r io.Reader) io.Reader { return &countingReader{ctx: ctx, r: r, bar: bar} })
			}
		}
		if mappedSQL && format == tabular.FormatCSV && !opt.OnlyEntity && opt.Keep == nil {
			files[i].SQL = func(ctx context.Context) (*warehouse.CSVFile, error) {
				c, err := tabular.SQLFile(opt, dir, func(r io.Reader) io.Reader { return &countingReader{ctx: ctx, r: r, bar: bar} })
				return csvFile(c), err
			}
		}
	}
	return files
}

// canonicalSQL offers a canonical CSV file to the warehouse's SQL load path
// (nil when only the Go reader reads it alike).
func canonicalSQL(opt ingest.Options, wrap func(io.Reader) io.Reader) (*warehouse.CSVFile, error) {
	c, err := ingest.CanonicalSQL(opt, wrap)
	return csvFile(c), err
}

// csvFile is the warehouse's side of a file the SQL load path reads (nil
// for nil).
func csvFile(c *ingest.CanonicalCSV) *warehouse.CSVFile {
	if c == nil {
		return nil
	}
	f := &warehouse.CSVFile{Path: c.Path, Width: c.Width, HeaderLines: c.HeaderLines, ColOf: c.ColOf,
		EntityField: c.EntityField, Entity: c.Entity, CRLF: c.CRLF, QuotedNewlines: c.QuotedNewlines,
		CRInQuotes: c.CRInQuotes, NoEdgeSpaces: c.NoEdgeSpaces, NoCedillas: c.NoCedillas,
		EdgeSpaceCols: c.EdgeSpaceCols, CedillaCols: c.CedillaCols, PlainCols: c.PlainCols, Rows: c.Rows, Row: c.Row,
		ManySpans: c.ManySpans, Numbered: c.Numbered}
	for _, s := range c.LineSpans {
		f.LineSpans = append(f.LineSpans, warehouse.LineSpan{Record: s.Record, Extra: s.Extra})
	}
	if c.Sicap != nil {
		s := warehouse.SicapCSV(*c.Sicap)
		f.Sicap = &s
	}
	f.MappedCSV = warehouse.MappedCSV{Delim: c.Delim, SkipLines: c.SkipLines, SkipBlank: c.SkipBlank, Terms: c.Terms,
		Transcoded: c.Transcoded, Skipped: c.Skipped}
	if c.Fields != nil {
		f.Fields = make([]*warehouse.MappedField, len(c.Fields))
		for i, mf := range c.Fields {
			if mf != nil {
				f.Fields[i] = &warehouse.MappedField{Constant: mf.Constant, Extract: mf.Extract, Map: mf.Map, Spellings: mf.Spellings, Default: mf.Default,
					Numbers: mf.Numbers, Dates: mf.Dates, Scale: mf.Scale}
			}
		}
	}
	for _, s := range c.SkipWhere {
		f.SkipWhere = append(f.SkipWhere, warehouse.SkipWhere{Col: s.Col, Matches: s.Matches})
	}
	return f
}

// countingReader counts the bytes read for the progress bar and, with a
// context (a SQL path's pre-scan), stops reading when the context ends: the
// scan then fails and removes the copy it was writing.
type countingReader struct {
	ctx context.Context
	r   io.Reader
	bar progress
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.ctx != nil && c.ctx.Err() != nil {
		return 0, c.ctx.Err()
	}
	n, err := c.r.Read(p)
	c.bar.Add(n)
	return n, err
}

// printLoad prints a load's result; db is the warehouse as the command line
// named it, for the commands it suggests.
func (m *Main) printLoad(db string, res *warehouse.LoadResult, asJSON bool) {
	if asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(res)
		return
	}
	switch res.Outcome {
	case "loaded":
		fmt.Fprintf(m.Stdout, "Încărcarea %d (%s): încheiată.\n", res.LoadID, res.Dataset)
	case "skipped":
		fmt.Fprintf(m.Stdout, "%s: %s\n", res.Dataset, res.Message)
	case "refused":
		if res.LoadID > 0 {
			fmt.Fprintf(m.Stdout, "Încărcarea %d (%s) a fost REFUZATĂ: %s\n", res.LoadID, res.Dataset, res.Message)
		} else {
			fmt.Fprintf(m.Stdout, "Încărcarea %s a fost REFUZATĂ: %s\n", res.Dataset, res.Message)
		}
	}
	for _, wr := range res.Warnings {
		fmt.Fprintf(m.Stdout, "  atenție: %s\n", wr)
	}
	for _, f := range res.Files {
		if f.Skipped {
			fmt.Fprintf(m.Stdout, "  %s: sărit (încărcat deja, sha256 %s…)\n", f.Path, f.SHA256[:12])
			continue
		}
		if f.Empty {
			continue // said by its warning
		}
		m.ro.Fprintf(m.Stdout, "  %s: %d %s citite, %d încărcate, %d respinse", f.Path, f.RowsRead, models.Nouns(int64(f.RowsRead), "rând", "rânduri"), f.RowsLoaded, f.RowsRejected)
		if f.RowsSuperseded > 0 {
			m.ro.Fprintf(m.Stdout, ", %d înlocuite deja de un raport mai nou", f.RowsSuperseded)
		}
		if f.RowsSkipped > 0 {
			fmt.Fprintf(m.Stdout, "\n    sărite (nu sunt date): %s", m.skipSummary(f.SkippedBy))
		}
		fmt.Fprintln(m.Stdout)
	}
	for i, r := range res.Rejects {
		if i == 10 {
			fmt.Fprintf(m.Stdout, "  … toate respingerile: etl rejects --db %s --load %d\n", shellArg(db), res.LoadID)
			break
		}
		fmt.Fprintf(m.Stdout, "  respins: %s linia %d, coloana %s, valoarea %q: %s\n", r.File, r.Line, r.Column, r.Value, r.Reason)
	}
}

// shellArg writes s so that a POSIX shell reads it back as one argument:
// as it is when it has only safe characters, else in single quotes.
func shellArg(s string) string {
	safe := s != ""
	for _, r := range s {
		safe = safe && (r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_-./:=@%+,", r)))
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
