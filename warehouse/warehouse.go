// Package warehouse owns DuckDB: the schema and its migrations, loads (one
// transaction each), the marts and the releases the servers read. It is the
// only package that imports the DuckDB driver.
package warehouse

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/deschis/deschis/models"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Warehouse is an open DuckDB warehouse file.
type Warehouse struct {
	db        *sql.DB
	connector *duckdb.Connector
	path      string
	opt       Options
}

// Options are the settings of an open warehouse; cmd/etl fills them from its
// environment (DESCHIS_MEMORY_LIMIT, DESCHIS_TRACE).
type Options struct {
	// MemoryLimit (e.g. "1GB") bounds DuckDB's memory: past it, staging and
	// sorts spill to <db>.tmp/, so loading a multi-gigabyte file takes a
	// bounded amount of memory (measured: 5M rows, 925 MB, peak 1.29 GiB at
	// 1GB instead of 2.2 GiB, 12 % slower). Empty: DuckDB's default.
	MemoryLimit string
	// Trace, when set, receives how long each phase of a load takes.
	Trace io.Writer
}

// Open opens (creating it when missing) the warehouse at path, applies
// every pending migration and recreates the marts. An empty path opens an
// in-memory warehouse.
func Open(ctx context.Context, path string, opt Options) (w *Warehouse, err error) {
	defer models.Wrap(&err, "deschidere depozit %s", path)
	if path != "" {
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, err
			}
		}
	}
	dsn := path
	if opt.MemoryLimit != "" {
		dsn += "?memory_limit=" + url.QueryEscape(opt.MemoryLimit)
	}
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, err
	}
	w = &Warehouse{db: sql.OpenDB(connector), connector: connector, path: path, opt: opt}
	if err := w.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := w.createMarts(ctx); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// OpenReadOnly opens an existing warehouse without writing to it (status,
// rejects): it never applies migrations nor recreates the marts, which
// read-only commands do not read.
func OpenReadOnly(ctx context.Context, path string) (w *Warehouse, err error) {
	defer models.Wrap(&err, "deschidere depozit %s", path)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%w: depozitul nu există: rulați întâi etl init sau etl load", models.ErrInvalid)
	}
	connector, err := duckdb.NewConnector(path+"?access_mode=read_only", nil)
	if err != nil {
		return nil, err
	}
	w = &Warehouse{db: sql.OpenDB(connector), connector: connector, path: path}
	v, err := w.SchemaVersion(ctx)
	if err != nil {
		w.Close()
		return nil, err
	}
	if want := len(migrations()); v != want {
		w.Close()
		return nil, fmt.Errorf("depozitul are schema %d, programul cere %d: rulați etl init", v, want)
	}
	return w, nil
}

// Close closes the database.
func (w *Warehouse) Close() error {
	err := w.db.Close()
	if cerr := w.connector.Close(); err == nil {
		err = cerr
	}
	return err
}

// DB is the underlying database, for tests and read queries.
func (w *Warehouse) DB() *sql.DB { return w.db }

// Path is the warehouse file.
func (w *Warehouse) Path() string { return w.path }

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() []migration {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		panic(err)
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic("warehouse: migration without a number: " + e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			panic(fmt.Sprintf("warehouse: migrations must be numbered 1..n without gaps; %s is number %d", m.name, i+1))
		}
	}
	return out
}

// SchemaVersion is the number of migrations applied.
func (w *Warehouse) SchemaVersion(ctx context.Context) (int, error) {
	var n int
	err := w.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&n)
	return n, err
}

// migrate applies each pending migration in its own transaction, with the
// catalogue rows that come from models, so an interrupted migration leaves
// the previous version intact.
func (w *Warehouse) migrate(ctx context.Context) error {
	if _, err := w.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	current, err := w.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	for _, m := range migrations() {
		if m.version <= current {
			continue
		}
		if err := w.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migrarea %s: %w", m.name, err)
			}
			if m.version == 2 {
				if err := seedCatalogues(ctx, tx); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name) VALUES (?, ?)`, m.version, m.name)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// seedCatalogues fills the dimensions whose rows are code, not data.
func seedCatalogues(ctx context.Context, tx *sql.Tx) error {
	for _, div := range models.CPVDivisions() {
		if _, err := tx.ExecContext(ctx, `INSERT INTO dim_cpv_division VALUES (?, ?, ?)`,
			div, models.CPVDivisionName(div, "ro"), models.CPVDivisionName(div, "en")); err != nil {
			return err
		}
	}
	return nil
}

func (w *Warehouse) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// begin returns a connection of its own with a transaction open on it. Loads
// and publish need one connection for the whole transaction: the Appender and
// temporary tables live on a connection, and database/sql's Tx would hide it.
func (w *Warehouse) begin(ctx context.Context) (*sql.Conn, error) {
	conn, err := w.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}
