package warehouse

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strings"
)

// The marts are what releases publish: views over the core tables, one SQL
// file each in marts/, named after the view. They are recreated every time
// the warehouse is opened for writing, so a mart is always the one in its
// file, never "whichever migration touched it last". Views are never stale;
// publish materialises them into Parquet.
//
//go:embed marts/*.sql
var martFS embed.FS

// martOrder is the order the marts are created in: a view after the views
// it reads. TestEveryMartFileIsCreated checks it names every file.
var martOrder = []string{
	"v_budget_lines", // every budget line with its group and consolidation flag
	"mart_budget",
	"mart_budget_monthly", // the cumulative-to-monthly rule
	"mart_budget_consolidated",
	"mart_consolidation_check",
	"mart_investments",
	"mart_procurement",
	"mart_suppliers",
	"v_requests", // every request with its outcome and due date
	"mart_requests_daily",
	"mart_requests_answer_days",
	"mart_requests",
	"mart_entities",
}

// createMarts drops every view of the warehouse and creates the marts anew,
// in one transaction.
func (w *Warehouse) createMarts(ctx context.Context) error {
	return w.inTx(ctx, func(tx *sql.Tx) error {
		var views []string
		rows, err := tx.QueryContext(ctx, `SELECT view_name FROM duckdb_views() WHERE NOT internal AND NOT temporary AND schema_name = 'main'`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return err
			}
			views = append(views, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// Every view goes, a mart since removed too. DuckDB binds a view's
		// query when it is read, so the order of the drops does not matter.
		for _, v := range views {
			if _, err := tx.ExecContext(ctx, `DROP VIEW IF EXISTS "`+strings.ReplaceAll(v, `"`, `""`)+`"`); err != nil {
				return fmt.Errorf("mart %s: %w", v, err)
			}
		}
		for _, name := range martOrder {
			b, err := martFS.ReadFile("marts/" + name + ".sql")
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(b)); err != nil {
				return fmt.Errorf("mart %s: %w", name, err)
			}
		}
		return nil
	})
}
