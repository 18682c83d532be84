package release

// Hooks for the tests of package release_test: whether a reader loaded the
// contract index and its text store, the mistakes the index's tests must
// catch, and how a release published before the store was written.

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"github.com/deschis/deschis/models"
)

// ContractIndexLoaded reports whether r answers from its contract index.
func ContractIndexLoaded(r *DB) bool { return r.index != nil }

// ContractIndexVersion is the layout of r's contract index, 0 without one;
// ContractRowsLoaded whether r reads a page's text from the store.
func ContractIndexVersion(r *DB) uint32 {
	if r.index == nil {
		return 0
	}
	return r.index.version
}

func ContractRowsLoaded(r *DB) bool { return r.rows != nil }

// BreakContractIndex makes r's contract index wrong as how says: "counts",
// every contract counted in totals (framework agreements too); "tiebreak",
// the contract_id order that ends every sort reversed; "pages" (version 1),
// each contract's row in contract_pages that of the next.
func BreakContractIndex(r *DB, how string) {
	x := r.index
	// The columns may be views of the read-only mapping of the index's
	// file: the broken ones are copies.
	x.flags, x.ord = slices.Clone(x.flags), slices.Clone(x.ord)
	for i := range x.n {
		switch how {
		case "counts":
			x.flags[i] |= flagCounts
		case "tiebreak":
			x.ord[i] = uint32(x.n-1) - x.ord[i]
		case "pages":
			x.pageRow[i] = x.pageRow[(i+1)%x.n]
		}
	}
}

// BreakContractRows makes r read its text from a store written in dir
// whose record i is the next contract's: a store of the right size and
// layout whose rows are not the index's.
func BreakContractRows(r *DB, dir string) error {
	var all []contractText
	if err := r.rows.each(func(_ int, t contractText) error { all = append(all, t); return nil }); err != nil {
		return err
	}
	path := filepath.Join(dir, "shifted.bin")
	err := writeContractRowsFile(path, int64(len(all)), make([]byte, 32), func(add func(contractText) error) error {
		for i := range all {
			if err := add(all[(i+1)%len(all)]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	st, _ := f.Stat()
	r.rows = &contractRows{f: f, n: len(all), size: st.Size()}
	return nil
}

// MartTablesSQL makes the prepared lookups (publish_marts.go) in a release
// file opened on its own, as publish wrote them before the text store.
func MartTablesSQL() []string { return martTablesSQL("") }

// RewriteIndexAsVersion1 rewrites the contract index of the database file
// at path as publish wrote it before the text store: version 1, with its
// "page" column and contract_pages, without version 2's columns.
func RewriteIndexAsVersion1(path string) error {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return err
	}
	defer db.Close()
	const order = `supplier_name, buyer_cui, year, award_date, contract_id, rowid`
	for _, q := range []string{
		`CREATE TABLE ` + contractPages + ` AS SELECT rowid AS source_rowid, buyer_name, contract_id, parent_id, title, cpv_division_name,
			currency, offers, eu_funded, counts_in_total FROM procurement ORDER BY ` + order,
		`DELETE FROM ` + contractIndexTable + ` WHERE col IN ('version', 'buyer_name', 'division_name', 'currency', 'offers')`,
		`DELETE FROM ` + contractIndexDicts + ` WHERE dim IN ('buyer_name', 'division_name', 'currency')`,
	} {
		if _, err := db.Exec(q); err != nil {
			return err
		}
	}
	var page []byte
	rows, err := db.Query(`SELECT row_number() OVER (ORDER BY ` + order + `) - 1 FROM procurement ORDER BY rowid`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p uint32
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return err
		}
		page = binary.LittleEndian.AppendUint32(page, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for part, lo := 0, 0; lo < len(page) || part == 0; part, lo = part+1, lo+4*contractIndexPart {
		if _, err := db.Exec(`INSERT INTO `+contractIndexTable+` VALUES ('page', ?, ?)`, part, page[lo:min(lo+4*contractIndexPart, len(page))]); err != nil {
			return err
		}
	}
	if _, err := db.Exec(`INSERT INTO `+contractIndexTable+` VALUES ('version', 0, ?)`, binary.LittleEndian.AppendUint32(nil, 1)); err != nil {
		return err
	}
	_, err = db.Exec(`CHECKPOINT`)
	return err
}

// SetContractRowsChunk sets how many rowids one query of the text store's
// writer reads, so a test release of a few thousand contracts is written
// in many ranges.
func SetContractRowsChunk(n int64) { contractRowsChunk = n }

// SupplierTermNames are the supplier names r's search resolves a term to
// (matchSupplier: the name index, or the scan of a short term), in the
// index's order.
func SupplierTermNames(ctx context.Context, r *DB, term string) ([]string, error) {
	m, err := r.matchSupplier(ctx, term)
	var out []string
	for _, i := range m.at {
		out = append(out, r.suppliers.names[i])
	}
	return out, err
}

// NameSearchBothWays is what the name index of folded names (nameSearch)
// answers for a folded term, whether it answered, and the positions
// strings.Contains finds by scanning every name.
func NameSearchBothWays(folded []string, term string) (index []int, indexed bool, scan []int) {
	index, indexed = newNameSearch(folded).matches(term, nil)
	for i, f := range folded {
		if strings.Contains(f, term) {
			scan = append(scan, i)
		}
	}
	return index, indexed, scan
}

// ContractRowsMapped reports whether r reads its text store from a
// mapping of the file; ContractRowsReadBothWays reads every record from the
// mapping and with ReadAt, and says the first that differs.
func ContractRowsMapped(r *DB) bool { return r.rows != nil && r.rows.data != nil }

func ContractRowsReadBothWays(r *DB) (records int, err error) {
	file := &contractRows{f: r.rows.f, n: r.rows.n, size: r.rows.size}
	var buf []byte
	err = r.rows.each(func(i int, t contractText) error {
		got, err := file.read(i, &buf)
		if err != nil {
			return err
		}
		if got != t {
			return fmt.Errorf("record %d: mapped %+v, read %+v", i, t, got)
		}
		records++
		return nil
	})
	return records, err
}

// SetKeptRowsMax sets how many rows an answer of the contract index keeps
// for its pages (0: none, every page selects its rows again) and forgets
// r's answers; it returns the previous bound.
func SetKeptRowsMax(r *DB, n int) int {
	old := keptRowsMax
	keptRowsMax = n
	r.memo = cubeMemo{}
	return old
}

// AnswerKeptRows reports how many rows r's answer of f kept for its pages,
// -1 when it kept none (too many, or no index).
func AnswerKeptRows(ctx context.Context, r *DB, f models.ContractFilter) (int, error) {
	if r.index == nil {
		return -1, nil
	}
	a, err := r.indexAnswerOf(ctx, f)
	if err != nil || !a.kept {
		return -1, err
	}
	return len(a.rows), nil
}

// MonthOfDay is monthOfDay.
func MonthOfDay(d int32) int { return monthOfDay(d) }

// SupplierNameIndexBuilt waits for r's supplier name index (built beside
// the opening) and reports whether there is one.
func SupplierNameIndexBuilt(r *DB) bool {
	<-r.suppliers.built
	return r.suppliers.search.Load() != nil
}

// WriteIndexInDatabase rewrites the release in dir as publish wrote it
// before the index's file: its site database's contract index written by
// the same writer as version 2 (the columns in the table's parts), the file
// removed from the release and its manifest, the database's new size
// listed (its digest kept, which the text store names).
func WriteIndexInDatabase(dir string) error {
	site := filepath.Join(dir, filepath.FromSlash(SiteDatabase))
	db, err := sql.Open("duckdb", site)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, q := range []string{`DROP TABLE ` + contractIndexTable, `DROP TABLE ` + contractIndexDicts} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if err := writeContractIndex(ctx, conn, "", ""); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `CHECKPOINT`); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(ContractIndexFile))); err != nil {
		return err
	}
	st, err := os.Stat(site)
	if err != nil {
		return err
	}
	man, err := ReadManifest(dir)
	if err != nil {
		return err
	}
	var keep []models.ReleaseFile
	for _, f := range man.Databases {
		if f.Path == SiteDatabase {
			f.Bytes = st.Size()
		}
		if f.Path != ContractIndexFile {
			keep = append(keep, f)
		}
	}
	man.Databases = keep
	return writeManifest(filepath.Join(dir, ManifestFile), man)
}

// ContractIndexMapped reports whether r's index columns are views of the
// mapping of the index's file (read_contract_index_file.go), not copies.
func ContractIndexMapped(r *DB) bool {
	f, x := r.indexFile, r.index
	if f == nil || x == nil || x.n == 0 {
		return false
	}
	lo, hi := uintptr(unsafe.Pointer(&f.data[0])), uintptr(unsafe.Pointer(&f.data[0]))+uintptr(len(f.data))
	for _, p := range []unsafe.Pointer{unsafe.Pointer(&x.buyer[0]), unsafe.Pointer(&x.value[0]), unsafe.Pointer(&x.year[0]), unsafe.Pointer(&x.byName.pos[0])} {
		if uintptr(p) < lo || uintptr(p) >= hi {
			return false
		}
	}
	return true
}

// SameContractIndex says how a's index and b's differ (their layouts'
// versions aside), "" when they hold the same columns, postings and runs.
func SameContractIndex(a, b *DB) string {
	if a.index == nil || b.index == nil {
		return "an index is missing"
	}
	x, y := *a.index, *b.index
	x.version, y.version = 0, 0
	for _, f := range []struct {
		name string
		a, b any
	}{{"buyer", x.buyer, y.buyer}, {"name", x.name, y.name}, {"cui", x.cui, y.cui}, {"cpv", x.cpv, y.cpv}, {"value", x.value, y.value},
		{"date", x.date, y.date}, {"flags", x.flags, y.flags}, {"ord", x.ord, y.ord}, {"byName", x.byName, y.byName}, {"byCUI", x.byCUI, y.byCUI},
		{"blocks", x.blocks, y.blocks}, {"buyers", x.buyers, y.buyers}} {
		if !reflect.DeepEqual(f.a, f.b) {
			return f.name
		}
	}
	if !reflect.DeepEqual(x, y) {
		return "another column"
	}
	return ""
}
