package release

// The prepared lookups of the contract lists the pages open on, written into
// SiteDatabase at publish beside the search tables (publish_database.go) and
// read by read_marts.go: a supplier's page and an institution's year list 50
// contracts by date, and the procurement table, sorted by buyer and year,
// holds a supplier's contracts scattered across the whole table and a
// year's in date order from its oldest. Each lookup numbers the rows in the
// page's order once, at publish, so a page is the rows numbered offset+1 to
// offset+limit of one key: DuckDB's zone maps on the sorted key and number
// skip every other row group, and no page sorts.
//
// Publish no longer writes them: since the contracts' text store
// (contract_rows.go) the contract index answers a supplier's page and a
// year's from memory and the store, faster. A release published before it
// still has them and reads them (read_marts.go); martTablesSQL is how they
// were written, which the tests use to rebuild such a release.

// The prepared tables.
const (
	// supplierContracts is the procurement table again, sorted by supplier
	// and by supplierRow: each contract's place in its supplier's list by
	// date, newest first (contractOrder's SortDateDesc, ties by the
	// procurement table's rowid, as Contracts orders them), from 1. A
	// supplier's page reads its rows whole from here.
	supplierContracts = "supplier_contracts"
	// yearRows numbers each institution's year: (buyer_cui, year, year_row,
	// pos) with year_row the contract's place in the year's list by date,
	// newest first, and pos its rowid in the procurement table, sorted by
	// buyer, year and year_row. A year's page reads the positions here and
	// the rows from the procurement table, sorted by buyer and year too.
	yearRows = "year_rows"
)

// martTables are the tables of martTablesSQL, all of them later search
// tables (laterSearchTables): a release published before them still opens.
var martTables = []string{supplierContracts, yearRows}

// dateDescOrder is contractOrder's SortDateDesc with the procurement table's
// rowid last, as Contracts pages a list.
const dateDescOrder = "award_date DESC NULLS LAST, contract_id, rowid"

// martTablesSQL makes martTables in the catalog prefix names, from its
// procurement table (sorted by ReadOrder: its rowid is the reader's).
func martTablesSQL(prefix string) []string {
	return []string{
		`CREATE TABLE ` + prefix + supplierContracts + ` AS
		SELECT row_number() OVER (PARTITION BY supplier_cui ORDER BY ` + dateDescOrder + `) AS supplier_row, *
		FROM ` + prefix + `procurement ORDER BY supplier_cui, supplier_row`,
		`CREATE TABLE ` + prefix + yearRows + ` AS
		SELECT buyer_cui, year, row_number() OVER (PARTITION BY buyer_cui, year ORDER BY ` + dateDescOrder + `) AS year_row, rowid AS pos
		FROM ` + prefix + `procurement ORDER BY buyer_cui, year, year_row`,
	}
}
