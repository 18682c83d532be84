package release

// The contract lists read from the prepared lookups of publish_marts.go:
// a supplier's page (SupplierCUI alone) and an institution's year (Buyer and
// Year alone), by date newest first, a page at a time (the page's totals and
// years come from the contract index, read_contract_index.go). A release
// file published before them (DB.marts false), or a release copied into
// memory, answers from the index or the procurement table as before.

import (
	"context"
	"fmt"

	"github.com/deschis/deschis/models"
)

// readMarts notes whether the release's file has the prepared lookups.
func (r *DB) readMarts(ctx context.Context) error {
	if !r.file {
		return nil
	}
	var n int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE database_name = 'site' AND table_name IN (?, ?)`,
		martTables[0], martTables[1]).Scan(&n); err != nil {
		return fmt.Errorf("tabelele pregătite: %w", err)
	}
	r.marts = n == len(martTables)
	return nil
}

// martList is the query of a page of f from the prepared lookups, and ok
// when they serve it: a page (Limit > 0) by date newest first of one
// supplier, or of one institution's year, and nothing else asked.
func (r *DB) martList(f models.ContractFilter) (q string, args []any, ok bool) {
	if !r.marts || f.Limit <= 0 || f.Offset < 0 || f.Sort != models.SortDateDesc {
		return "", nil, false
	}
	rest := f
	rest.SupplierCUI, rest.Buyer, rest.Year, rest.Limit, rest.Offset = "", "", 0, 0, 0
	if rest != (models.ContractFilter{}) { // SortDateDesc is the zero sort
		return "", nil, false
	}
	first, last := f.Offset+1, f.Offset+f.Limit
	switch {
	case f.SupplierCUI != "" && f.Buyer == "" && f.Year == 0:
		return `SELECT ` + contractColumns + ` FROM ` + supplierContracts + `
			WHERE supplier_cui = ? AND supplier_row BETWEEN ? AND ? ORDER BY supplier_row`, []any{f.SupplierCUI, first, last}, true
	case f.SupplierCUI == "" && f.Buyer != "" && f.Year != 0:
		// The table's own filter lets its zone maps skip the other
		// institutions' and years' row groups while it fetches the rows.
		return `SELECT ` + contractColumns + ` FROM procurement WHERE buyer_cui = ? AND year = ? AND rowid IN (
			SELECT pos FROM ` + yearRows + ` WHERE buyer_cui = ? AND year = ? AND year_row BETWEEN ? AND ?)
			ORDER BY ` + dateDescOrder, []any{f.Buyer, f.Year, f.Buyer, f.Year, first, last}, true
	}
	return "", nil, false
}
