package release

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/deschis/deschis/models"
)

// DB is a release opened for reading: a DuckDB holding the release's
// public datasets as tables sorted by the key their pages look rows up by
// (Dataset.ReadOrder), attached read-only from the release's database file
// (read_database.go) or, for a release without one, copied into memory.
// It implements models.Reader. It never writes the release; the files may
// be pruned while it is open. It is safe for concurrent use.
type DB struct {
	manifest *models.Manifest
	dir      string // the release's directory: the API's rows read its Parquet files (read_rows.go)

	db        *sql.DB
	connector *duckdb.Connector

	// Small lookups read once at open: every page needs them.
	entities []models.Entity
	main     string
	years    map[string]map[string][]int // dataset -> entity -> years, ascending

	// internal: the release's internal datasets are loaded too (OpenInternal).
	internal bool
	// file: the release is read from its database files (read_database.go).
	file bool
	// mode: tables (rows have a rowid, used to read a page's rows late) or views.
	mode Mode
	// facets are the request register's filter values by entity, read once
	// (RequestFacets).
	facets sync.Map
	// suppliers resolves /achizitii's supplier term (read_search.go); cube:
	// the release has contractCube (publish_search.go).
	suppliers *supplierIndex
	cube      bool
	memo      cubeMemo
	// marts: the release's file has the prepared lookups of the contract
	// lists (publish_marts.go).
	marts bool
	// index: the release's contract index (read_contract_index.go), nil
	// for a release without one.
	index *contractIndex
	// procedures are the release's procedure types (Procedures), read once.
	procedures []string
	// rows: the contracts' text store the index's version 2 reads a page's
	// text from (read_contract_rows.go), nil without one.
	rows *contractRows
	// indexFile: the mapped file index's version 3 is read from
	// (read_contract_index_file.go), nil without one; unmapped once the
	// index is unreachable, not by Close.
	indexFile *indexFile
	// aggs: the whole release's contract aggregates (read_aggregates.go),
	// nil for a release without them.
	aggs *contractAggregates
}

// Mode says how Open makes the datasets queryable.
type Mode int

const (
	// Tables reads the sorted tables of the release's database file
	// (default), or copies each dataset into a sorted in-memory table when
	// the release has none (published before them).
	// Sorted by a dataset's ReadOrder, DuckDB's zone maps skip the row
	// groups of other entities and years: measured on the demo, a page
	// query is 2–5x faster than a view over the Parquet file (see
	// BenchmarkReleaseQuery), for an open time of a fraction of a second.
	Tables Mode = iota
	// Views reads the Parquet files on every query (less memory, slower pages).
	Views
)

// Open opens the release in dir (a directory holding manifest.json and
// public/*.parquet) for reading. It never opens a file of internal/.
func Open(ctx context.Context, dir string, mode Mode) (*DB, error) {
	return open(ctx, dir, ReadOptions{Mode: mode})
}

// OpenInternal opens the release in dir with its internal datasets too
// (internal/*.parquet, e.g. the request register), each loaded sorted by its
// SortKey: what the decision-maker dashboards read.
func OpenInternal(ctx context.Context, dir string, mode Mode) (*DB, error) {
	return open(ctx, dir, ReadOptions{Mode: mode, Internal: true})
}

func open(ctx context.Context, dir string, opt ReadOptions) (_ *DB, err error) {
	mode, internal := opt.Mode, opt.Internal
	defer models.Wrap(&err, "deschidere ediție %s", dir)
	man, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	// A release published before manifests named each dataset's source
	// reads as if it did: the declaration's words.
	for i := range man.Datasets {
		d := &man.Datasets[i]
		if decl, ok := Lookup(d.Name); ok && d.Source.RO == "" {
			d.Source, d.Frequency = decl.Source, decl.Frequency
		}
	}
	if man.ReleaseID == "" {
		man.ReleaseID = filepath.Base(dir) // what the page cache and the footer know the release by
	}
	// A release with its database files is read from them (read_database.go);
	// one published before them is copied into memory, as it always was.
	file := fromDatabase(man, opt)
	var connector *duckdb.Connector
	if file {
		connector, err = databaseConnector(dir, man, opt)
	} else {
		connector, err = duckdb.NewConnector("", nil)
	}
	if err != nil {
		return nil, err
	}
	r := &DB{manifest: man, dir: dir, db: sql.OpenDB(connector), connector: connector, internal: internal, mode: mode}
	// Pages run many small queries at once: keep their connections open.
	n := 4 * runtime.GOMAXPROCS(0)
	r.db.SetMaxIdleConns(n)
	r.db.SetMaxOpenConns(n)
	defer func() {
		if err != nil {
			r.Close()
		}
	}()
	if r.file = file; file {
		// The first connection attaches the files; the others find them.
		c, err := r.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		c.Close()
		if err := r.checkDatabases(ctx); err != nil {
			return nil, err
		}
		if err := r.readLookups(ctx); err != nil {
			return nil, err
		}
		return r, nil
	}
	for _, t := range Datasets {
		order := t.ReadOrder
		if t.Access == models.Internal && internal {
			order = t.SortKey
		}
		if order == "" {
			continue
		}
		d, ok := man.Dataset(t.Name)
		var file models.ReleaseFile
		if ok {
			file, ok = d.File("parquet")
		}
		if !ok || d.Access != t.Access {
			return nil, fmt.Errorf("%w: ediția nu are setul %s %s", models.ErrInvalid, t.Access, t.Name)
		}
		path := filepath.Join(dir, filepath.FromSlash(file.Path))
		if _, err := os.Stat(path); err != nil {
			return nil, err
		}
		// Table names and paths are ours (the list above and the manifest),
		// quoted as literals: DDL takes no bound parameters.
		var q string
		if mode == Views {
			q = fmt.Sprintf(`CREATE VIEW %s AS SELECT * FROM read_parquet(%s)`, t.Name, sqlString(path))
		} else {
			q = fmt.Sprintf(`CREATE TABLE %s AS SELECT * FROM read_parquet(%s) ORDER BY %s`, t.Name, sqlString(path), order)
		}
		if _, err := r.db.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("setul %s: %w", t.Name, err)
		}
	}
	if _, err := r.db.ExecContext(ctx, supplierNamesSQL("")); err != nil {
		return nil, fmt.Errorf("numele furnizorilor: %w", err)
	}
	if _, err := r.db.ExecContext(ctx, contractCubeSQL("")); err != nil {
		return nil, fmt.Errorf("agregatul contractelor: %w", err)
	}
	// Loading uses every core; pages then run many small queries at once,
	// each cheaper on one thread than split across threads that compete.
	if _, err := r.db.ExecContext(ctx, `SET threads = 1`); err != nil {
		return nil, err
	}
	if err := r.readLookups(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// supplierNamesSQL makes the search structure of the supplier-name filter
// in the catalog prefix names ("" the reader's own; publish writes it into
// the release's database, a release without one builds it when it opens):
// each distinct (supplier, name) of the contracts with the name folded (lower
// case, no diacritics), so a search folds and scans the few thousand names,
// never the contracts (contractWhere).
func supplierNamesSQL(prefix string) string {
	return `CREATE TABLE ` + prefix + `supplier_names AS
	SELECT supplier_cui, supplier_name, strip_accents(lower(supplier_name)) AS folded
	FROM (SELECT DISTINCT supplier_cui, supplier_name FROM ` + prefix + `procurement WHERE supplier_name IS NOT NULL)
	ORDER BY supplier_cui, supplier_name`
}

// Close frees the database. Callers make sure no query is running.
func (r *DB) Close() error {
	err := r.db.Close()
	if r.rows != nil {
		r.rows.Close()
	}
	if cerr := r.connector.Close(); err == nil {
		err = cerr
	}
	return err
}

// Manifest describes the release.
func (r *DB) Manifest() *models.Manifest { return r.manifest }

func (r *DB) readLookups(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, `SELECT cui, coalesce(siruta, 0), name, kind, coalesce(parent_cui, ''), coalesce(county, ''),
		coalesce(population_year, 0), coalesce(population, 0), coalesce(name_genitive, '') FROM entities ORDER BY cui, population_year`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e models.Entity
		var year int
		var pop int64
		if err := rows.Scan(&e.CUI, &e.SIRUTA, &e.Name, &e.Kind, &e.ParentCUI, &e.County, &year, &pop, &e.NameGenitive); err != nil {
			return err
		}
		if n := len(r.entities); n == 0 || r.entities[n-1].CUI != e.CUI {
			e.Population = map[int]int64{}
			r.entities = append(r.entities, e)
		}
		if year != 0 {
			r.entities[len(r.entities)-1].Population[year] = pop
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// The main entity: a top authority (no parent), preferring the county
	// council (a county's deployment), then a kind other than a subordinate
	// unit, lowest fiscal code (entities are sorted by cui).
	rank := func(e models.Entity) int {
		switch e.Kind {
		case models.KindJudet:
			return 0
		case models.KindSubordinat:
			return 2
		}
		return 1
	}
	for want := range 3 {
		for _, e := range r.entities {
			if r.main == "" && e.ParentCUI == "" && rank(e) == want {
				r.main = e.CUI
			}
		}
	}
	if r.main == "" && len(r.entities) > 0 {
		r.main = r.entities[0].CUI
	}
	if err := r.readSupplierIndex(ctx); err != nil {
		return err
	}
	if err := r.readContractIndex(ctx); err != nil {
		return err
	}
	// Built at open, or written at publish (checkTables holds the file to
	// searchTables); a file published before the cube existed lacks it.
	r.cube = true
	if r.file {
		var n int
		if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE database_name = 'site' AND table_name = ?`, contractCube).Scan(&n); err != nil {
			return err
		}
		r.cube = n == 1
	}
	if err := r.readMarts(ctx); err != nil {
		return err
	}
	if r.procedures, err = r.readProcedures(ctx); err != nil {
		return err
	}
	if err := r.readAggregates(ctx); err != nil {
		return err
	}
	r.years = map[string]map[string][]int{}
	for _, q := range datasetYears {
		m := map[string][]int{}
		query, args := q.sql, []any(nil)
		if r.file { // prepared at publish (publish_database.go)
			query, args = `SELECT entity_cui, year FROM dataset_years WHERE dataset = ?`, []any{q.dataset}
		}
		rows, err := r.db.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var cui string
			var y int
			if err := rows.Scan(&cui, &y); err != nil {
				rows.Close()
				return err
			}
			m[cui] = append(m[cui], y)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, ys := range m {
			slices.Sort(ys)
		}
		r.years[q.dataset] = m
	}
	return nil
}

// datasetYears are the queries of the years each dataset has by entity
// (DB.Years), run at open on a release without database files and at
// publish into the database's dataset_years.
var datasetYears = []struct{ dataset, sql string }{
	{models.DatasetBudget, `SELECT DISTINCT entity_cui, year FROM budget`},
	{models.DatasetInvestments, `SELECT DISTINCT entity_cui, year FROM investments`},
	{models.DatasetProcurement, `SELECT DISTINCT buyer_cui, year FROM procurement WHERE year IS NOT NULL`},
	{models.DatasetRequests, `SELECT DISTINCT entity_cui, year(date) FROM requests_daily`},
}

// Entities are the institutions of the release, by fiscal code.
func (r *DB) Entities() []models.Entity { return r.entities }

// Entity returns the institution with fiscal code cui, or ErrNotFound.
func (r *DB) Entity(cui string) (models.Entity, error) {
	for _, e := range r.entities {
		if e.CUI == cui {
			return e, nil
		}
	}
	return models.Entity{}, fmt.Errorf("%w: instituția %s nu este în ediție", models.ErrNotFound, cui)
}

// MainEntity is the institution pages show when none is asked for: the top
// authority of the deployment.
func (r *DB) MainEntity() string { return r.main }

// Years lists the years a dataset has for an entity, ascending.
func (r *DB) Years(dataset, entity string) []int { return r.years[dataset][entity] }

// DefaultYear is the year pages show for an entity when none is asked for:
// the latest budget year, else the latest year of any other dataset, else
// the year the release was made.
func (r *DB) DefaultYear(entity string) int {
	if ys := r.years[models.DatasetBudget][entity]; len(ys) > 0 {
		return ys[len(ys)-1]
	}
	best := 0
	for _, d := range []string{models.DatasetInvestments, models.DatasetProcurement, models.DatasetRequests} {
		if ys := r.years[d][entity]; len(ys) > 0 && ys[len(ys)-1] > best {
			best = ys[len(ys)-1]
		}
	}
	if best == 0 {
		best = r.manifest.Created.Year()
	}
	return best
}

// bani is the SQL for a DECIMAL lei sum as an exact BIGINT in bani.
func bani(expr string) string {
	return "CAST(round(coalesce(" + expr + ", 0) * 100) AS BIGINT)"
}

// queryRows runs query and scans each row with scan.
func queryRows(ctx context.Context, db querier, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// dateOrZero turns a nullable DATE into a time (zero when NULL).
func dateOrZero(t sql.NullTime) time.Time {
	if t.Valid {
		return t.Time
	}
	return time.Time{}
}

func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %s", models.ErrNotFound, what)
	}
	return err
}

func errInvalidDim(dim string) error {
	return fmt.Errorf("%w: defalcare necunoscută %q", models.ErrInvalid, dim)
}

// QueryContext runs a query over the release's tables (models.SQLReader:
// the procurement signals of package kpis). The tables are the release's
// database file attached read-only, its in-memory copy or views over its
// files: nothing writes a file.
func (r *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return r.db.QueryContext(ctx, query, args...)
}

var (
	_ models.Reader    = (*DB)(nil)
	_ models.SQLReader = (*DB)(nil)
)
