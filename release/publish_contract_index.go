package release

// The contract index of /achizitii, written into SiteDatabase at publish
// beside the search tables (publish_database.go) and loaded whole when the
// release opens (read_contract_index.go): per contract, in the procurement
// table's row order, the few columns a filter, a total, a breakdown and a
// page's order need, as integers (dictionary ids, bani, days), packed into
// BLOBs of fixed-width little-endian values. A release opens it with a read
// of a few blobs rather than a scan of every contract through the driver.

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"strings"
)

// The tables of the index: the dictionaries its ids refer to (dim, id from
// 1, code, the CPV division's name) and its columns, each cut into parts of
// contractIndexPart rows.
const (
	contractIndexTable = "contract_index"
	// contractPages is the columns of a page's rows an index of version 1
	// does not hold (pageColumns), the contracts sorted by supplier name,
	// then as procurement is: a supplier search's rows are together there,
	// where in procurement they are spread over an institution's year. A
	// release published since version 2 has none (contract_rows.go).
	contractPages      = "contract_pages"
	contractIndexDicts = "contract_index_dict"
	contractIndexPart  = 1 << 18
	// contractIndexVersion is the layout's version: a reader loads only a
	// layout it knows (the "version" column's only part). Version 1 had
	// the "page" column (each contract's row in contractPages) and none of
	// the page's columns; version 2 holds every column of a page's rows but
	// the text of contract_rows.go (ContractRowsFile), and no contractPages.
	contractIndexVersion = 2
)

// contractIndexDims are the dictionary-coded columns: dim, the procurement
// column, its width in bytes in the index.
var contractIndexDims = []struct {
	dim, column string
	width       int
}{
	{"buyer", "buyer_cui", 4},
	{"name", "supplier_name", 4},
	{"cui", "supplier_cui", 4},
	{"cpv", "cpv", 4},
	{"investment", "investment_code", 4},
	{"kind", "kind", 2},
	{"procedure", "procedure", 2},
	{"division", "cpv_division", 2},
	// Since version 2: the page's few-valued columns.
	{"buyer_name", "buyer_name", 4},
	{"division_name", "cpv_division_name", 2},
	{"currency", "currency", 2},
}

// contractIndexFlags are the bits of the "flags" column.
const (
	flagCounts uint8 = 1 << iota // counts_in_total is true
	flagValue                    // value is not NULL
	flagDate                     // award_date is not NULL
	flagEU                       // coalesce(eu_funded, false), since version 2
	flagListed                   // coalesce(counts_in_total, true): what a page's row shows, since version 2
)

// contractIndexDictSQL makes the dictionaries in the catalog prefix names:
// each column's distinct non-NULL values numbered from 1 in their order (0
// is NULL in the index), the CPV divisions with a name (any_value, as the
// breakdowns read it).
func contractIndexDictSQL(prefix string) []string {
	var parts []string
	for _, d := range contractIndexDims {
		name := "NULL"
		if d.dim == "division" {
			name = "any_value(cpv_division_name)"
		}
		parts = append(parts, fmt.Sprintf(`SELECT %s AS dim, CAST(row_number() OVER (ORDER BY code) AS INTEGER) AS id, code, name FROM (
			SELECT %s AS code, %s AS name FROM %sprocurement WHERE %s IS NOT NULL GROUP BY 1)`,
			sqlString(d.dim), d.column, name, prefix, d.column))
	}
	return []string{
		`CREATE TABLE ` + prefix + contractIndexDicts + `(dim VARCHAR, id INTEGER, code VARCHAR, name VARCHAR)`,
		`INSERT INTO ` + prefix + contractIndexDicts + ` SELECT * FROM (` + strings.Join(parts, " UNION ALL ") + `) ORDER BY dim, id`,
		`CREATE TABLE ` + prefix + contractIndexTable + `(col VARCHAR, part INTEGER, data BLOB)`,
	}
}

// pageColumns are the columns of a page's rows read from the database
// (contractsAt) with an index of version 1; the others come from the index.
const pageColumns = `coalesce(buyer_name, ''), contract_id, coalesce(parent_id, ''), coalesce(title, ''), coalesce(cpv_division_name, ''),
	coalesce(currency, ''), coalesce(offers, 0), coalesce(eu_funded, false), coalesce(counts_in_total, true)`

// writeContractIndex writes contractIndexTable in the catalog prefix names
// (its dictionaries written first): one pass over the contracts in their
// row order, packed here. With file "" the columns are the table's parts
// (version 2, as publish wrote them before the index's file); else they are
// written to the file at that path (publish_contract_index_file.go) and the
// table holds only the version, 3.
func writeContractIndex(ctx context.Context, conn *sql.Conn, prefix, file string) error {
	for _, q := range contractIndexDictSQL(prefix) {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	var sel, joins []string
	for i, d := range contractIndexDims {
		a := fmt.Sprintf("d%d", i)
		sel = append(sel, "coalesce("+a+".id, 0)")
		joins = append(joins, fmt.Sprintf(`LEFT JOIN %s%s %s ON %s.dim = %s AND %s.code = c.%s`, prefix, contractIndexDicts, a, a, sqlString(d.dim), a, d.column))
	}
	// ord ranks the contracts by contract_id then row: the tie-break that
	// ends every order of the list (contractOrder, then rowid).
	q := `SELECT ` + strings.Join(sel, ", ") + `, coalesce(c.year, 0),
		coalesce(CAST(round(c.value * 100) AS BIGINT), 0), coalesce(date_diff('day', DATE '1970-01-01', c.award_date), 0),
		(CASE WHEN c.counts_in_total THEN 1 ELSE 0 END) + (CASE WHEN c.value IS NOT NULL THEN 2 ELSE 0 END) + (CASE WHEN c.award_date IS NOT NULL THEN 4 ELSE 0 END)
		+ (CASE WHEN coalesce(c.eu_funded, false) THEN 8 ELSE 0 END) + (CASE WHEN coalesce(c.counts_in_total, true) THEN 16 ELSE 0 END),
		row_number() OVER (ORDER BY c.contract_id, c.rowid) - 1, coalesce(c.offers, 0), c.rowid
		FROM ` + prefix + `procurement c ` + strings.Join(joins, " ") + ` ORDER BY c.rowid`
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols := map[string][]byte{}
	var n int64
	ids := make([]int64, len(contractIndexDims))
	dest := make([]any, 0, len(ids)+6)
	for i := range ids {
		dest = append(dest, &ids[i])
	}
	var year, value, date, flags, ord, offers, rowid int64
	dest = append(dest, &year, &value, &date, &flags, &ord, &offers, &rowid)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if rowid != n {
			return fmt.Errorf("contractele nu au rândurile în ordine (rândul %d la poziția %d)", rowid, n)
		}
		for i, d := range contractIndexDims {
			if ids[i] >= 1<<(8*d.width) {
				return fmt.Errorf("%s are prea multe valori (%d)", d.column, ids[i])
			}
			cols[d.dim] = appendWidth(cols[d.dim], uint64(ids[i]), d.width)
		}
		cols["year"] = binary.LittleEndian.AppendUint16(cols["year"], uint16(year))
		cols["value"] = binary.LittleEndian.AppendUint64(cols["value"], uint64(value))
		cols["date"] = binary.LittleEndian.AppendUint32(cols["date"], uint32(int32(date)))
		cols["flags"] = append(cols["flags"], uint8(flags))
		cols["ord"] = binary.LittleEndian.AppendUint32(cols["ord"], uint32(ord))
		cols["offers"] = binary.LittleEndian.AppendUint32(cols["offers"], uint32(int32(offers)))
		n++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	if file != "" {
		sizes := map[string]int{}
		err := queryRows(ctx, conn, `SELECT dim, count(*) FROM `+prefix+contractIndexDicts+` WHERE dim IN ('name', 'cui') GROUP BY dim`, nil, func(rows *sql.Rows) error {
			var dim string
			var k int
			err := rows.Scan(&dim, &k)
			sizes[dim] = k
			return err
		})
		if err != nil {
			return err
		}
		if err := writeContractIndexFile(file, cols, int(n), sizes["name"], sizes["cui"]); err != nil {
			return fmt.Errorf("%s: %w", ContractIndexFile, err)
		}
		cols = map[string][]byte{}
	}
	cols["version"] = binary.LittleEndian.AppendUint32(nil, contractIndexVersion)
	if file != "" {
		cols["version"] = binary.LittleEndian.AppendUint32(nil, contractIndexFileVersion)
	}
	for col, data := range cols {
		width := contractIndexWidth(col)
		step := contractIndexPart * width
		for part, lo := 0, 0; lo < len(data) || part == 0; part, lo = part+1, lo+step {
			hi := min(lo+step, len(data))
			if _, err := conn.ExecContext(ctx, `INSERT INTO `+prefix+contractIndexTable+` VALUES (?, ?, ?)`, col, part, data[lo:hi]); err != nil {
				return err
			}
		}
	}
	return nil
}

// contractIndexWidth is the bytes per contract of an index column.
func contractIndexWidth(col string) int {
	for _, d := range contractIndexDims {
		if d.dim == col {
			return d.width
		}
	}
	switch col {
	case "year":
		return 2
	case "value":
		return 8
	case "flags":
		return 1
	}
	return 4 // date, ord, offers, version
}

func appendWidth(b []byte, v uint64, width int) []byte {
	if width == 2 {
		return binary.LittleEndian.AppendUint16(b, uint16(v))
	}
	return binary.LittleEndian.AppendUint32(b, uint32(v))
}
