package release

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/deschis/deschis/models"
)

// What a publish may use. DuckDB's memory_limit bounds the publish's
// connection to the warehouse (the sorted COPY of each dataset, the
// formats DuckDB writes, the checks): past it, sorts and hash tables spill
// to the temp_directory, so a county's release is written beside the site
// on one machine whatever its size. The Go formats (Arrow, XLSX) read the
// Parquet files with arrow-go's reader a record batch at a time
// (export.ArrowFromParquet) and stream: their files never sit in memory.
//
// Measured at scale 100 (11.5 million rows, 2 cores): see
// docs/architecture.md ("Publishing in bounded memory").

// DefaultPublishMemory is the publish's DuckDB memory limit when
// Options.MemoryLimit is empty (`etl publish --memory-limit`).
const DefaultPublishMemory = "1GB"

// bound sets the publish's memory limit and, when asked, its spill
// directory on the warehouse connection, and returns what puts the
// warehouse's own limit back: DuckDB's default exactly, a limit the
// warehouse was opened with as DuckDB shows it (to 0.1 MiB).
func bound(ctx context.Context, conn *sql.Conn, opt Options) (restore func(), err error) {
	limit := opt.MemoryLimit
	if limit == "" {
		limit = DefaultPublishMemory
	}
	// The warehouse's limit, and whether it is DuckDB's default (a share of
	// the machine's memory, put back exactly by RESET).
	var oldLimit, defaultLimit string
	setting := "SELECT current_setting('memory_limit')"
	if err := conn.QueryRowContext(ctx, setting).Scan(&oldLimit); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "RESET memory_limit"); err != nil {
		return nil, err
	}
	if err := conn.QueryRowContext(ctx, setting).Scan(&defaultLimit); err != nil {
		return nil, err
	}
	back := "SET memory_limit = " + sqlString(oldLimit)
	if oldLimit == defaultLimit {
		back = "RESET memory_limit"
	}
	restore = func() { conn.ExecContext(context.WithoutCancel(ctx), back) }
	if _, err := conn.ExecContext(ctx, "SET memory_limit = "+sqlString(limit)); err != nil {
		restore()
		return nil, fmt.Errorf("%w: limita de memorie %q nu este o mărime (de exemplu 1GB, 512MB): %v", models.ErrInvalid, limit, err)
	}
	if opt.TempDir != "" {
		if _, err := conn.ExecContext(ctx, "SET temp_directory = "+sqlString(opt.TempDir)); err != nil {
			restore()
			return nil, fmt.Errorf("%w: directorul temporar %s nu poate fi folosit: %v", models.ErrInvalid, opt.TempDir, err)
		}
	}
	return restore, nil
}
