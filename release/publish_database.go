package release

// The release's read-only databases: what the site reads a release from.
// Publish writes, from the checked Parquet files, one DuckDB file of the
// public datasets as tables sorted by their ReadOrder with the search
// structures the pages use (SiteDatabase), and one of the internal datasets
// for the dashboards (InternalDatabase), so a server opens a release by
// attaching a file read-only (read_database.go): nothing is copied into
// memory, any number of processes open the same file, and DuckDB's buffer
// manager keeps only what pages read, within a memory limit.

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/deschis/deschis/models"
)

// The database files of a release, relative to its directory, and their
// format in the manifest's databases.
const (
	SiteDatabase     = "public/site.duckdb"
	InternalDatabase = "internal/dashboards.duckdb"
	FormatDuckDB     = "duckdb"
)

// databaseAccess is what each database file holds: the public datasets
// (never an internal one: Open reads only SiteDatabase) or the internal ones.
var databaseAccess = []struct{ path, access string }{
	{SiteDatabase, models.Public},
	{InternalDatabase, models.Internal},
}

// databaseTables are the datasets a database file of access holds, each with
// the order its table is sorted by: a public dataset by its ReadOrder (the
// pages' lookups) then its SortKey, so the order is total and the file's rows
// are the same rows in the same order every time; an internal one by its
// SortKey. A dataset the site does not read (no ReadOrder) is left out.
func databaseTables(access string) (names, orders []string) {
	for _, t := range Datasets {
		if t.Access != access {
			continue
		}
		switch {
		case access == models.Internal:
			names, orders = append(names, t.Name), append(orders, t.SortKey)
		case t.ReadOrder != "":
			names, orders = append(names, t.Name), append(orders, t.ReadOrder+", "+t.SortKey)
		}
	}
	return names, orders
}

// searchTables are the tables of SiteDatabase that are no dataset, built
// from the datasets' tables so that no page scans a dataset for them: the
// supplier-name search (supplierNamesSQL), the years of each dataset by
// entity (datasetYears, read at open) and the procedure types (the filter
// of /achizitii), the contracts' aggregate of publish_search.go, their
// index (publish_contract_index.go) and the whole release's aggregates of
// publish_aggregates.go; a release published before the contracts' text
// store (contract_rows.go) also has contractPages and the prepared lookups
// of the contract lists of publish_marts.go, which the index and the store
// now answer.
var searchTables = append([]string{contractCube, contractIndexTable, contractIndexDicts, contractPages, "dataset_years", "procedures", "supplier_names"}, slices.Concat(martTables, aggregateTables)...)

// laterSearchTables are the searchTables a release published before they
// existed does not have: such a release still opens, and its reader answers
// from the datasets' tables instead (DB.cube false, DB.index nil, DB.marts
// false).
var laterSearchTables = append([]string{contractCube, contractIndexTable, contractIndexDicts, contractPages}, slices.Concat(martTables, aggregateTables)...)

// searchTablesSQL makes searchTables in the catalog prefix names.
func searchTablesSQL(prefix string) []string {
	var years []string
	for _, q := range datasetYears {
		years = append(years, fmt.Sprintf("SELECT %s AS dataset, * FROM (%s)", sqlString(q.dataset),
			strings.Replace(q.sql, " FROM ", " FROM "+prefix, 1)))
	}
	return append([]string{
		supplierNamesSQL(prefix),
		`CREATE TABLE ` + prefix + `dataset_years(dataset VARCHAR, entity_cui VARCHAR, year INTEGER)`,
		`INSERT INTO ` + prefix + `dataset_years SELECT * FROM (` + strings.Join(years, " UNION ALL ") + `) ORDER BY ALL`,
		`CREATE TABLE ` + prefix + `procedures AS SELECT DISTINCT procedure FROM ` + prefix + `procurement WHERE procedure IS NOT NULL ORDER BY 1`,
		contractCubeSQL(prefix),
	}, aggregateTablesSQL(prefix)...)
}

// publishDatabases writes and checks the release's database files in dir
// from its checked Parquet files (man), on the warehouse's connection.
func publishDatabases(ctx context.Context, conn *sql.Conn, dir string, man *models.Manifest) ([]models.ReleaseFile, error) {
	var out []models.ReleaseFile
	for _, db := range databaseAccess {
		f, err := writeDatabase(ctx, conn, dir, man, db.path, db.access)
		if err != nil {
			return nil, fmt.Errorf("baza %s: %w", db.path, err)
		}
		if err := checkDatabase(ctx, conn, dir, man, f); err != nil {
			return nil, err
		}
		out = append(out, f)
		if db.path == SiteDatabase { // the contracts' text store completes it (publish_contract_rows.go)
			rows, err := writeContractRows(ctx, conn, dir, man, f)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", ContractRowsFile, err)
			}
			out = append(out, rows)
			index, err := sealContractIndexFile(dir, man, f) // the index's file too (publish_contract_index_file.go)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", ContractIndexFile, err)
			}
			out = append(out, index)
		}
	}
	return out, nil
}

// writeDatabase writes one database file: each dataset's table from its
// Parquet file, sorted, and for the public one the search structures.
func writeDatabase(ctx context.Context, conn *sql.Conn, dir string, man *models.Manifest, rel, access string) (models.ReleaseFile, error) {
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return models.ReleaseFile{}, err
	}
	const alias = "deschis_release_out"
	if _, err := conn.ExecContext(ctx, `ATTACH `+sqlString(path)+` AS `+alias); err != nil {
		return models.ReleaseFile{}, err
	}
	attached := true
	defer func() {
		if attached {
			conn.ExecContext(context.WithoutCancel(ctx), `DETACH `+alias)
		}
	}()
	names, orders := databaseTables(access)
	for i, name := range names {
		parquet, err := parquetOf(dir, man, name)
		if err != nil {
			return models.ReleaseFile{}, err
		}
		// Names and paths are ours (Datasets and the manifest), quoted as
		// literals: DDL takes no bound parameters. A table whose order is
		// its Parquet file's (inSortKeyOrder) is that file's rows as they
		// come (DuckDB keeps a scan's insertion order), not sorted again.
		orderBy := " ORDER BY " + orders[i]
		if inSortKeyOrder(name, orders[i]) {
			orderBy = ""
		}
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE TABLE %s.%s AS SELECT * FROM read_parquet(%s)%s`,
			alias, name, sqlString(parquet), orderBy)); err != nil {
			return models.ReleaseFile{}, fmt.Errorf("setul %s: %w", name, err)
		}
	}
	if access == models.Public {
		for _, q := range searchTablesSQL(alias + ".") {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return models.ReleaseFile{}, fmt.Errorf("structurile de căutare: %w", err)
			}
		}
		if err := writeContractIndex(ctx, conn, alias+".", filepath.Join(dir, filepath.FromSlash(ContractIndexFile))); err != nil {
			return models.ReleaseFile{}, fmt.Errorf("indexul contractelor: %w", err)
		}
	}
	attached = false
	if _, err := conn.ExecContext(ctx, `DETACH `+alias); err != nil { // checkpoints the file
		return models.ReleaseFile{}, err
	}
	sum, size, err := models.FileSHA256(path)
	if err != nil {
		return models.ReleaseFile{}, err
	}
	return models.ReleaseFile{Path: rel, Format: FormatDuckDB, Bytes: size, SHA256: sum}, nil
}

// inSortKeyOrder: the order of dataset name's table is its Parquet file's,
// the dataset's SortKey (the order's columns, each at its first place, are
// the SortKey's): an internal dataset's, or a public one read by a prefix of
// its SortKey.
func inSortKeyOrder(name, order string) bool {
	ds, ok := Lookup(name)
	if !ok {
		return false
	}
	var cols []string
	for _, c := range strings.Split(order, ",") {
		if c = strings.TrimSpace(c); !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	key := strings.Split(ds.SortKey, ",")
	for i := range key {
		key[i] = strings.TrimSpace(key[i])
	}
	return slices.Equal(cols, key)
}

// parquetOf is the path of a dataset's Parquet file in the release dir.
func parquetOf(dir string, man *models.Manifest, name string) (string, error) {
	d, ok := man.Dataset(name)
	var f models.ReleaseFile
	if ok {
		f, ok = d.File("parquet")
	}
	if !ok {
		return "", fmt.Errorf("%w: ediția nu are setul %s", models.ErrInvalid, name)
	}
	return filepath.Join(dir, filepath.FromSlash(f.Path)), nil
}

// checkDatabase attaches a written database file read-only and holds it to
// the manifest (checkTables): publish refuses a release whose file differs.
func checkDatabase(ctx context.Context, conn *sql.Conn, dir string, man *models.Manifest, f models.ReleaseFile) error {
	return checkDatabaseAt(ctx, conn, filepath.Join(dir, filepath.FromSlash(f.Path)), man, f.Path)
}

// checkDatabaseAt is checkDatabase of the file at path, rel in the release.
func checkDatabaseAt(ctx context.Context, conn *sql.Conn, path string, man *models.Manifest, rel string) error {
	const alias = "deschis_release_check"
	if _, err := conn.ExecContext(ctx, `ATTACH `+sqlString(path)+` AS `+alias+` (READ_ONLY)`); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DETACH `+alias)
	return checkTables(ctx, conn, alias, man, rel)
}

// querier is what checkTables reads through: the warehouse's connection at
// publish, the reader's database at open.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// checkTables holds the database catalog (a database file attached) to the
// manifest: it has exactly the tables its access declares (the public file
// never an internal dataset), each with its dataset's declared columns and
// the manifest's row count. A file edited after publish, or one of another
// release, fails it.
func checkTables(ctx context.Context, q querier, catalog string, man *models.Manifest, rel string) error {
	access := ""
	for _, db := range databaseAccess {
		if db.path == rel {
			access = db.access
		}
	}
	names, _ := databaseTables(access)
	want := slices.Clone(names)
	if access == models.Public {
		want = append(want, searchTables...)
	}
	var got []string
	rows, err := q.QueryContext(ctx, `SELECT table_name FROM duckdb_tables() WHERE database_name = ? ORDER BY table_name`, catalog)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		got = append(got, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if access == models.Public {
		want = slices.DeleteFunc(want, func(t string) bool {
			return slices.Contains(laterSearchTables, t) && !slices.Contains(got, t)
		})
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return &CheckError{Dataset: rel, Reason: fmt.Sprintf("baza are tabelele %v, ediția declară %v", got, want)}
	}
	for _, name := range names {
		d, ok := man.Dataset(name)
		if !ok {
			return &CheckError{Dataset: name, Reason: "setul nu este în manifest"}
		}
		var cols []models.Column
		crow, err := q.QueryContext(ctx, `SELECT column_name, data_type FROM duckdb_columns()
			WHERE database_name = ? AND table_name = ? ORDER BY column_index`, catalog, name)
		if err != nil {
			return err
		}
		for crow.Next() {
			var c models.Column
			if err := crow.Scan(&c.Name, &c.Type); err != nil {
				crow.Close()
				return err
			}
			cols = append(cols, c)
		}
		crow.Close()
		if err := crow.Err(); err != nil {
			return err
		}
		if columnNames(cols) != columnNames(d.Schema) {
			return &CheckError{Dataset: name, Reason: fmt.Sprintf("în %s tabelul are coloanele %s, schema declarată %s", rel, columnNames(cols), columnNames(d.Schema))}
		}
		for i, c := range d.Schema {
			if cols[i].Type != c.Type {
				return &CheckError{Dataset: name, Column: c.Name, Reason: fmt.Sprintf("în %s coloana este %s, declarată %s", rel, cols[i].Type, c.Type)}
			}
		}
		var n int64
		if err := q.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %s.%s`, quoteIdent(catalog), name)).Scan(&n); err != nil {
			return err
		}
		if n != d.Rows {
			return &CheckError{Dataset: name, Reason: ro.Sprintf("în %s tabelul are %d rânduri, manifestul %d", rel, n, d.Rows)}
		}
	}
	return nil
}
