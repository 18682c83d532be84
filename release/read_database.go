package release

// A release read from its database files (publish_database.go): the reader
// attaches SiteDatabase read-only, and for OpenInternal InternalDatabase
// beside it, instead of copying the Parquet files into memory. Opening costs
// a check of the catalog against the manifest; DuckDB's buffer manager reads
// the blocks a query needs and keeps them within MemoryLimit, so the
// server's memory does not grow with the release, and a hot swap holding
// two releases open holds two bounded caches, never two copies.

import (
	"context"
	"database/sql/driver"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/deschis/deschis/models"
)

// DefaultReadMemory is DuckDB's memory_limit of a release read from its
// database file when ReadOptions gives none: the cache of the blocks pages
// read and their queries' working memory. Past it DuckDB evicts blocks
// (they are read again from the file) and spills to a temporary directory.
const DefaultReadMemory = "512MiB"

// ReadOptions say how a release is opened.
type ReadOptions struct {
	Mode Mode
	// Internal opens the internal datasets too (OpenInternal).
	Internal bool
	// MemoryLimit is DuckDB's memory_limit ("512MiB", "2GB") of a release
	// read from its database file; "" is DefaultReadMemory. A release
	// without one (published before them, or Mode Views) is not bounded by it.
	MemoryLimit string
}

// OpenOptions opens the release in dir as opt says: from its database files
// when it has them and the mode is Tables, else as Open and OpenInternal
// always did (sorted in-memory tables or views over the Parquet files).
func OpenOptions(ctx context.Context, dir string, opt ReadOptions) (*DB, error) {
	return open(ctx, dir, opt)
}

// OpenWithOptions is the OpenFunc of OpenOptions.
func OpenWithOptions(opt ReadOptions) OpenFunc {
	return func(ctx context.Context, dir string) (Reader, error) { return OpenOptions(ctx, dir, opt) }
}

// fromDatabase reports whether a release is read from its database files.
func fromDatabase(man *models.Manifest, opt ReadOptions) bool {
	if opt.Mode != Tables {
		return false
	}
	if _, ok := man.Database(SiteDatabase); !ok {
		return false
	}
	_, ok := man.Database(InternalDatabase)
	return ok || !opt.Internal
}

// databaseConnector opens a DuckDB of its own that attaches SiteDatabase
// read-only as catalog "site", and with internal InternalDatabase as
// "internal", every connection finding their tables by name; one thread per
// query (pages run many small queries at once, each cheaper on one thread
// than split across threads that compete), within the memory limit. The
// file is attached into an in-memory database rather than named in the DSN
// because duckdb-go shares one instance per file path in a process, with the
// configuration of whoever opened it first: each release opened gets its own
// instance, its own limit, and Open's never sees the internal file.
func databaseConnector(dir string, man *models.Manifest, opt ReadOptions) (*duckdb.Connector, error) {
	path := filepath.Join(dir, filepath.FromSlash(SiteDatabase))
	f, _ := man.Database(SiteDatabase)
	if st, err := os.Stat(path); err != nil {
		return nil, err
	} else if st.Size() != f.Bytes {
		return nil, &CheckError{Dataset: SiteDatabase, Reason: fmt.Sprintf("fișierul are %d octeți, manifestul spune %d", st.Size(), f.Bytes)}
	}
	limit := opt.MemoryLimit
	if limit == "" {
		limit = DefaultReadMemory
	}
	// Spilled intermediates go to a directory of this process and release,
	// never beside the release's files, which stay as published. It is one
	// level under the temporary directory: DuckDB makes only the last level
	// of temp_directory (a deeper one failed every query over the limit with
	// "Failed to create directory") and removes it when the database closes.
	tmp := filepath.Join(os.TempDir(), "deschis-"+strconv.Itoa(os.Getpid())+"-"+man.ReleaseID)
	dsn := "?" + url.Values{"threads": {"1"}, "memory_limit": {limit}, "temp_directory": {tmp}}.Encode()
	boot := []string{`ATTACH IF NOT EXISTS ` + sqlString(path) + ` AS site (READ_ONLY)`}
	search := "site.main"
	if opt.Internal {
		internal := filepath.Join(dir, filepath.FromSlash(InternalDatabase))
		if _, err := os.Stat(internal); err != nil {
			return nil, err
		}
		boot = append(boot, `ATTACH IF NOT EXISTS `+sqlString(internal)+` AS internal (READ_ONLY)`)
		search += ",internal.main"
	}
	boot = append(boot, `USE site`, `SET search_path = `+sqlString(search))
	return duckdb.NewConnector(dsn, func(c driver.ExecerContext) error {
		for _, q := range boot {
			if _, err := c.ExecContext(context.Background(), q, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// checkDatabases holds the attached files to the manifest (checkTables):
// the tables, their columns and row counts, read from the catalog.
func (r *DB) checkDatabases(ctx context.Context) error {
	if err := checkTables(ctx, r.db, "site", r.manifest, SiteDatabase); err != nil {
		return err
	}
	if r.internal {
		return checkTables(ctx, r.db, "internal", r.manifest, InternalDatabase)
	}
	return nil
}
