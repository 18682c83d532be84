package release

// The contract index loaded when a release opens (publish_contract_index.go
// writes it): /achizitii's totals, breakdowns, counts by year and the choice
// of a page's rows are computed here, in Go, over int-packed columns. Since
// version 2 it holds every column of a page's rows but their text, which is
// read by position from the release's text store (read_contract_rows.go):
// a page costs no database query. With version 1 (a release published
// before the store) the page's other columns are read from the database,
// by rowid.
//
// Memory (version 2): 57 bytes per contract for the columns (six 4-byte
// ids, five 2-byte ids, the year, the value in bani, the date, the offers,
// the flags, the tie-break rank) and 8 for the postings of supplier names
// and fiscal codes, so 65 bytes per contract (25 MB for the 379.753
// contracts of the demo at scale 10); the dictionaries grow with the
// distinct values, and nothing grows with the requests but the answer
// memo's fixed 256 entries.

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	bits64 "math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// contractIndex is the index of one release. Row i is the procurement
// table's rowid i.
type contractIndex struct {
	n                       int
	buyer, name, cui, cpv   []uint32
	investment              []uint32
	kind, procedure, divisn []uint16
	year                    []uint16
	value                   []int64
	date                    []int32
	flags                   []uint8
	ord                     []uint32
	pageRow                 []uint32            // version 1: the row in contractPages
	codes                   map[string][]string // dim -> code of id i+1
	ids                     map[string]map[string]uint32
	divisionName            []string // by division id, "" for 0
	byName, byCUI           postings
	blocks                  map[uint64][2]int // (buyer, year) -> rows [lo, hi) when each is one run
	buyers                  map[uint32][2]int // buyer -> rows [lo, hi) when each is one run
	supplierNames           []uint32          // supplierIndex position -> name id
	// Version 2: a page's other columns (buyerName, divisNm, currency:
	// dictionary ids; flagEU, flagListed), its text in DB.rows.
	version           uint32
	buyerName         []uint32
	divisNm, currency []uint16
	offers            []int32
}

// postings are the rows of each id: rows of id k are pos[start[k]:start[k+1]].
type postings struct{ start, pos []uint32 }

func (p postings) of(id uint32) []uint32 {
	if int(id)+1 >= len(p.start) {
		return nil
	}
	return p.pos[p.start[id]:p.start[id+1]]
}

func makePostings(col []uint32, ids int) postings {
	p := postings{start: make([]uint32, ids+2), pos: make([]uint32, len(col))}
	for _, v := range col {
		p.start[v+1]++
	}
	for i := 1; i < len(p.start); i++ {
		p.start[i] += p.start[i-1]
	}
	next := slices.Clone(p.start)
	for i, v := range col {
		p.pos[next[v]] = uint32(i)
		next[v]++
	}
	return p
}

// readContractIndex loads the index of a release read from its database
// file; a file without one (published before it) or of another layout
// leaves r.index nil, and the reads answer in SQL.
func (r *DB) readContractIndex(ctx context.Context) error {
	if !r.file || r.mode != Tables {
		return nil
	}
	var n, pages int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE table_name IN (?, ?)), count(*) FILTER (WHERE table_name = ?)
		FROM duckdb_tables() WHERE database_name = 'site'`,
		contractIndexTable, contractIndexDicts, contractPages).Scan(&n, &pages); err != nil || n != 2 {
		return err
	}
	cols := map[string][]byte{}
	err := queryRows(ctx, r.db, `SELECT col, data FROM `+contractIndexTable+` ORDER BY col, part`, nil, func(rows *sql.Rows) error {
		var col string
		var data []byte
		if err := rows.Scan(&col, &data); err != nil {
			return err
		}
		cols[col] = append(cols[col], data...)
		return nil
	})
	if err != nil {
		return fmt.Errorf("indexul contractelor: %w", err)
	}
	var version uint32
	if v := cols["version"]; len(v) == 4 {
		version = binary.LittleEndian.Uint32(v)
	}
	switch {
	case version == 1 && pages == 1: // its page's rows read from contractPages or procurement
	case version == contractIndexVersion || version == contractIndexFileVersion:
		// Its page's text is read from the store (read_contract_rows.go),
		// which the manifest must list.
		s, ok, err := openContractRows(r.dir, r.manifest)
		if err != nil {
			return err
		}
		if !ok {
			return &CheckError{Dataset: SiteDatabase, Reason: fmt.Sprintf("indexul contractelor are versiunea %d, dar manifestul nu listează %s", version, ContractRowsFile)}
		}
		r.rows = s
	default: // a layout this reader does not know: the reads answer in SQL
		return nil
	}
	x := &contractIndex{version: version, codes: map[string][]string{}, ids: map[string]map[string]uint32{}}
	err = queryRows(ctx, r.db, `SELECT dim, id, code, coalesce(name, '') FROM `+contractIndexDicts+` ORDER BY dim, id`, nil, func(rows *sql.Rows) error {
		var dim, code, name string
		var id int
		if err := rows.Scan(&dim, &id, &code, &name); err != nil {
			return err
		}
		if id != len(x.codes[dim])+1 {
			return fmt.Errorf("dicționarul %s nu are id-urile în ordine", dim)
		}
		x.codes[dim] = append(x.codes[dim], code)
		if x.ids[dim] == nil {
			x.ids[dim] = map[string]uint32{}
		}
		x.ids[dim][code] = uint32(id)
		if dim == "division" {
			x.divisionName = append(x.divisionName, name)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("indexul contractelor: %w", err)
	}
	x.divisionName = append([]string{""}, x.divisionName...)
	if version == contractIndexFileVersion { // its columns, postings and runs mapped from their file
		if err := r.mapContractIndexFile(x); err != nil {
			return err
		}
		r.setContractIndex(x)
		return nil
	}
	if d, ok := r.manifest.Dataset("procurement"); ok {
		x.n = int(d.Rows)
	}
	u32 := func(col string) []uint32 {
		b := cols[col]
		out := make([]uint32, len(b)/4)
		for i := range out {
			out[i] = binary.LittleEndian.Uint32(b[4*i:])
		}
		return out
	}
	u16 := func(col string) []uint16 {
		b := cols[col]
		out := make([]uint16, len(b)/2)
		for i := range out {
			out[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
		return out
	}
	x.buyer, x.name, x.cui, x.cpv, x.investment = u32("buyer"), u32("name"), u32("cui"), u32("cpv"), u32("investment")
	x.kind, x.procedure, x.divisn, x.year = u16("kind"), u16("procedure"), u16("division"), u16("year")
	x.ord = u32("ord")
	lengths := []int{len(x.ord)}
	if version == 1 {
		x.pageRow = u32("page")
		lengths = append(lengths, len(x.pageRow))
	} else {
		x.buyerName, x.divisNm, x.currency = u32("buyer_name"), u16("division_name"), u16("currency")
		x.offers = make([]int32, len(cols["offers"])/4)
		for i := range x.offers {
			x.offers[i] = int32(binary.LittleEndian.Uint32(cols["offers"][4*i:]))
		}
		lengths = append(lengths, len(x.buyerName), len(x.divisNm), len(x.currency), len(x.offers))
	}
	x.flags = cols["flags"]
	x.date = make([]int32, len(cols["date"])/4)
	for i := range x.date {
		x.date[i] = int32(binary.LittleEndian.Uint32(cols["date"][4*i:]))
	}
	x.value = make([]int64, len(cols["value"])/8)
	for i := range x.value {
		x.value[i] = int64(binary.LittleEndian.Uint64(cols["value"][8*i:]))
	}
	for _, l := range append(lengths, len(x.buyer), len(x.name), len(x.cui), len(x.cpv), len(x.investment), len(x.kind), len(x.procedure),
		len(x.divisn), len(x.year), len(x.flags), len(x.date), len(x.value)) {
		if l != x.n {
			return &CheckError{Dataset: SiteDatabase, Reason: fmt.Sprintf("indexul contractelor are %d rânduri, manifestul %d", l, x.n)}
		}
	}
	x.byName = makePostings(x.name, len(x.codes["name"]))
	x.byCUI = makePostings(x.cui, len(x.codes["cui"]))
	x.blocks, x.buyers = blocksOf(contractRuns(x.buyer, x.year))
	r.setContractIndex(x)
	return nil
}

// blocksOf are the maps of the runs of contractRuns, nil when not sorted.
func blocksOf(runs []uint32, sorted bool) (blocks map[uint64][2]int, buyers map[uint32][2]int) {
	if !sorted {
		return nil, nil // not sorted by buyer and year: every read scans
	}
	blocks, buyers = map[uint64][2]int{}, map[uint32][2]int{}
	for k := 0; k < len(runs); k += 4 {
		lo, hi := int(runs[k+2]), int(runs[k+3])
		blocks[uint64(runs[k])<<16|uint64(runs[k+1])] = [2]int{lo, hi}
		b, ok := buyers[runs[k]]
		if !ok {
			b[0] = lo
		}
		b[1] = hi
		buyers[runs[k]] = b
	}
	return blocks, buyers
}

// setContractIndex makes x the release's index, its supplier names those of
// the supplier index.
func (r *DB) setContractIndex(x *contractIndex) {
	if ix := r.suppliers; ix != nil {
		x.supplierNames = make([]uint32, len(ix.names))
		for i, name := range ix.names {
			x.supplierNames[i] = x.ids["name"][name]
		}
	}
	r.index = x
}

// indexFilter is a filter compiled against the index: each condition as
// ids, bani and days.
type indexFilter struct {
	none                             bool // a condition names a value no contract has
	buyer, cui, investment           uint32
	kind, procedure, year            uint16
	names                            []uint64 // bitset by name id: the supplier term's names; nil: no term
	termCUI                          uint32   // the term is this fiscal code (with a name)
	cpv                              []bool   // by cpv id: starts with the filter's CPV; nil: none
	min, max                         *int64
	from, to                         *int32
	hasBuyer, hasCUI, hasYear        bool
	hasKind, hasProcedure, hasInvest bool
}

// code is the code of id in dim's dictionary, "" for 0 (NULL).
func (x *contractIndex) code(dim string, id uint32) string {
	if id == 0 {
		return ""
	}
	return x.codes[dim][id-1]
}

func (x *contractIndex) id(dim, code string) (uint32, bool) {
	id, ok := x.ids[dim][code]
	return id, ok
}

func days(t time.Time) int32 {
	return int32(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// compile resolves f; m is its supplier term resolved (nil: no term).
func (x *contractIndex) compile(f models.ContractFilter, m *supplierMatch, matched []int) indexFilter {
	var q indexFilter
	eq := func(dim, code string, has *bool) uint32 {
		*has = true
		id, ok := x.id(dim, code)
		if !ok {
			q.none = true
		}
		return id
	}
	if f.Buyer != "" {
		q.buyer = eq("buyer", f.Buyer, &q.hasBuyer)
	}
	if f.SupplierCUI != "" {
		q.cui = eq("cui", f.SupplierCUI, &q.hasCUI)
	}
	if f.Year != 0 {
		q.hasYear, q.year = true, uint16(f.Year)
		if f.Year < 0 || f.Year > 0xffff {
			q.none = true
		}
	}
	if f.Procedure != "" {
		q.procedure = uint16(eq("procedure", f.Procedure, &q.hasProcedure))
	}
	if f.Kind != "" {
		q.kind = uint16(eq("kind", f.Kind, &q.hasKind))
	}
	if f.InvestmentCode != "" {
		q.investment = eq("investment", f.InvestmentCode, &q.hasInvest)
	}
	if m != nil {
		q.names = make([]uint64, len(x.codes["name"])/64+1)
		for _, i := range matched {
			if id := x.supplierNames[i]; id != 0 {
				q.names[id>>6] |= 1 << (id & 63)
			}
		}
		if m.cui {
			q.termCUI, _ = x.id("cui", strings.TrimSpace(f.Supplier))
		}
	}
	if f.CPV != "" {
		q.cpv = make([]bool, len(x.codes["cpv"])+1)
		for i, c := range x.codes["cpv"] {
			q.cpv[i+1] = strings.HasPrefix(c, f.CPV)
		}
	}
	if f.Min != nil {
		v := int64(*f.Min)
		q.min = &v
	}
	if f.Max != nil {
		v := int64(*f.Max)
		q.max = &v
	}
	if !f.From.IsZero() {
		d := days(f.From)
		q.from = &d
	}
	if !f.To.IsZero() {
		d := days(f.To)
		q.to = &d
	}
	return q
}

// match is the filter of contractWhere on row i.
func (x *contractIndex) match(q *indexFilter, i int) bool {
	switch {
	case q.hasBuyer && x.buyer[i] != q.buyer,
		q.hasCUI && x.cui[i] != q.cui,
		q.hasYear && x.year[i] != q.year,
		q.hasProcedure && x.procedure[i] != q.procedure,
		q.hasKind && x.kind[i] != q.kind,
		q.hasInvest && x.investment[i] != q.investment,
		q.cpv != nil && !q.cpv[x.cpv[i]]:
		return false
	}
	if q.names != nil {
		name := x.name[i]
		if name == 0 || !(q.names[name>>6]&(1<<(name&63)) != 0 || q.termCUI != 0 && x.cui[i] == q.termCUI) {
			return false
		}
	}
	if q.min != nil || q.max != nil {
		if x.flags[i]&flagValue == 0 || q.min != nil && x.value[i] < *q.min || q.max != nil && x.value[i] > *q.max {
			return false
		}
	}
	if q.from != nil || q.to != nil {
		if x.flags[i]&flagDate == 0 || q.from != nil && x.date[i] < *q.from || q.to != nil && x.date[i] > *q.to {
			return false
		}
	}
	return true
}

// each calls fn with every row q selects, each once, read from the
// smallest of the rows it must be among: the supplier term's postings, the
// fiscal code's, the buyer's (and year's) run, or every row.
func (x *contractIndex) each(q *indexFilter, fn func(i int)) {
	if q.none {
		return
	}
	lo, hi := 0, x.n
	if q.hasBuyer && x.blocks != nil {
		b, ok := x.buyers[q.buyer]
		if q.hasYear {
			b, ok = x.blocks[uint64(q.buyer)<<16|uint64(q.year)]
		}
		if !ok {
			return
		}
		lo, hi = b[0], b[1]
	}
	best := hi - lo
	var lists [][]uint32
	// A postings list is ascending, so its rows in [lo, hi) (the buyer's
	// run) are found by two binary searches: a broad term over an
	// institution's year costs its rows there, not its rows everywhere.
	if q.hasCUI {
		if l := within(x.byCUI.of(q.cui), lo, hi); len(l) < best {
			best, lists = len(l), [][]uint32{l}
		}
	}
	if q.names != nil {
		var term [][]uint32
		size := 0
		if q.termCUI != 0 {
			l := within(x.byCUI.of(q.termCUI), lo, hi)
			term, size = append(term, l), len(l)
		}
		for w, bits := range q.names {
			for ; bits != 0 && size < best; bits &= bits - 1 {
				if l := within(x.byName.of(uint32(w*64+bits64.TrailingZeros64(bits))), lo, hi); len(l) > 0 {
					term, size = append(term, l), size+len(l)
				}
			}
		}
		if size < best {
			best, lists = size, term
		}
	}
	if lists == nil {
		for i := lo; i < hi; i++ {
			if x.match(q, i) {
				fn(i)
			}
		}
		return
	}
	for k, l := range lists {
		for _, p := range l {
			i := int(p)
			// A row of the term's fiscal code was given with its postings
			// (the first list): not again with its name's.
			if k > 0 && q.names != nil && q.termCUI != 0 && x.cui[i] == q.termCUI {
				continue
			}
			if x.match(q, i) {
				fn(i)
			}
		}
	}
}

// keptRowsMax is how many rows an answer keeps for its filter's pages, so
// a page walks them instead of selecting them again (4 bytes a row: 32 KiB
// an answer, 8 MiB for the memo's 256 at most); a filter that selects more
// is walked again by each page.
var keptRowsMax = 8192

// monthOfDay is the month (1-12) of a day counted from 1970-01-01, what
// time.Unix(d*86400, 0).UTC().Month() is, by arithmetic (the civil calendar
// from days: H. Hinnant's days_from_civil inverse).
func monthOfDay(d int32) int {
	z := int64(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	if mp < 10 {
		return int(mp + 3)
	}
	return int(mp - 9)
}

// within is the part of an ascending list of rows in [lo, hi).
func within(l []uint32, lo, hi int) []uint32 {
	if len(l) == 0 || int(l[0]) >= lo && int(l[len(l)-1]) < hi {
		return l
	}
	a, _ := slices.BinarySearch(l, uint32(lo))
	b, _ := slices.BinarySearch(l[a:], uint32(hi))
	return l[a : a+b]
}

// indexAnswer is every aggregate of one filter: its totals, its breakdowns
// and its counts by year.
func (x *contractIndex) answer(q *indexFilter) *cubeAnswer {
	procedure := make([]models.ContractGroup, len(x.codes["procedure"])+1)
	division := make([]models.ContractGroup, len(x.codes["division"])+1)
	kind := make([]models.ContractGroup, len(x.codes["kind"])+1)
	var month [13]models.ContractGroup
	years := map[uint16]*models.ContractGroup{}
	var year *models.ContractGroup // the last row's: a run of rows shares its year
	var lastYear uint16
	var seen [4][]bool
	seen[0], seen[1], seen[2], seen[3] = make([]bool, len(procedure)), make([]bool, len(division)), make([]bool, len(kind)), make([]bool, 13)
	a := &cubeAnswer{by: map[models.ContractDim][]models.ContractGroup{}, kept: true}
	x.each(q, func(i int) {
		a.tot.Rows++
		if a.kept { // the rows, for the filter's pages (page), while few
			if len(a.rows) < keptRowsMax {
				a.rows = append(a.rows, uint32(i))
			} else {
				a.rows, a.kept = nil, false
			}
		}
		counted := x.flags[i]&flagCounts != 0
		var v models.Amount
		if counted && x.flags[i]&flagValue != 0 {
			v = models.Amount(x.value[i])
		}
		if y := x.year[i]; y != 0 {
			if year == nil || y != lastYear {
				year, lastYear = years[y], y
				if year == nil {
					year = &models.ContractGroup{Code: strconv.Itoa(int(y))}
					years[y] = year
				}
			}
			year.Count++
			year.Value += v
		}
		if !counted {
			return
		}
		a.tot.Count++
		a.tot.Value += v
		m := 0
		if x.flags[i]&flagDate != 0 {
			m = monthOfDay(x.date[i])
		}
		p, d, kd := x.procedure[i], x.divisn[i], x.kind[i]
		procedure[p].Count, procedure[p].Value, seen[0][p] = procedure[p].Count+1, procedure[p].Value+v, true
		division[d].Count, division[d].Value, seen[1][d] = division[d].Count+1, division[d].Value+v, true
		kind[kd].Count, kind[kd].Value, seen[2][kd] = kind[kd].Count+1, kind[kd].Value+v, true
		month[m].Count, month[m].Value, seen[3][m] = month[m].Count+1, month[m].Value+v, true
	})
	code := func(dim string, id int) string {
		if id == 0 {
			return ""
		}
		return x.codes[dim][id-1]
	}
	for k, d := range []struct {
		dim  models.ContractDim
		name string
		gs   []models.ContractGroup
	}{{models.ContractsByProcedure, "procedure", procedure}, {models.ContractsByCPVDivision, "division", division}, {models.ContractsByKind, "kind", kind}, {models.ContractsByMonth, "", month[:]}} {
		out := []models.ContractGroup{}
		for id, g := range d.gs {
			if !seen[k][id] {
				continue
			}
			if d.name == "" {
				g.Code = strconv.Itoa(id)
			} else {
				g.Code = code(d.name, id)
			}
			if d.name == "division" {
				g.Name = x.divisionName[id]
			}
			out = append(out, g)
		}
		if d.name != "" { // largest value first, then by code; months in order
			slices.SortFunc(out, func(a, b models.ContractGroup) int {
				if c := cmp.Compare(b.Value, a.Value); c != 0 {
					return c
				}
				return strings.Compare(a.Code, b.Code)
			})
		}
		if len(out) > 0 {
			a.by[d.dim] = out
		}
	}
	for _, y := range slices.Sorted(mapKeys(years)) {
		a.years = append(a.years, *years[y])
	}
	return a
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// sortKey is row i's place in an order: its key (NULL last), then ord.
func (x *contractIndex) sortKey(s models.ContractSort, i int) int64 {
	const last = int64(^uint64(0) >> 1)
	switch s {
	case models.SortDateDesc, models.SortDateAsc:
		if x.flags[i]&flagDate == 0 {
			return last
		}
		if s == models.SortDateDesc {
			return -int64(x.date[i])
		}
		return int64(x.date[i])
	default:
		if x.flags[i]&flagValue == 0 {
			return last
		}
		if s == models.SortValueDesc {
			return -x.value[i]
		}
		return x.value[i]
	}
}

type ranked struct {
	key      int64
	ord, row uint32
}

func lessRanked(a, b ranked) bool { return a.key < b.key || a.key == b.key && a.ord < b.ord }

// page is the rows of a page of a's filter in order s: those from offset,
// limit of them. The first offset+limit are kept in a bounded heap (the
// largest on top), so a page costs a pass over the rows a kept, or over
// those its filter selects.
func (x *contractIndex) page(a *cubeAnswer, s models.ContractSort, limit, offset int) []uint32 {
	k := offset + limit
	var h []ranked
	each := func(fn func(int)) { x.each(a.q, fn) }
	if a.kept { // the rows the answer's pass kept: not selected again
		each = func(fn func(int)) {
			for _, i := range a.rows {
				fn(int(i))
			}
		}
	}
	each(func(i int) {
		e := ranked{x.sortKey(s, i), x.ord[i], uint32(i)}
		if len(h) < k {
			h = append(h, e)
			for c := len(h) - 1; c > 0; { // sift up
				p := (c - 1) / 2
				if !lessRanked(h[p], h[c]) {
					break
				}
				h[p], h[c] = h[c], h[p]
				c = p
			}
			return
		}
		if !lessRanked(e, h[0]) {
			return
		}
		h[0] = e
		for p := 0; ; { // sift down
			c := 2*p + 1
			if c >= len(h) {
				break
			}
			if c+1 < len(h) && lessRanked(h[c], h[c+1]) {
				c++
			}
			if !lessRanked(h[p], h[c]) {
				break
			}
			h[p], h[c] = h[c], h[p]
			p = c
		}
	})
	slices.SortFunc(h, func(a, b ranked) int {
		if lessRanked(a, b) {
			return -1
		}
		return 1
	})
	if offset >= len(h) {
		return nil
	}
	out := make([]uint32, 0, len(h)-offset)
	for _, e := range h[offset:] {
		out = append(out, e.row)
	}
	return out
}

// fill sets what every version of the index holds of contract a.
func (x *contractIndex) fill(c *models.Contract, a uint32) {
	c.BuyerCUI, c.Kind, c.SupplierCUI, c.SupplierName = x.code("buyer", x.buyer[a]), x.code("kind", uint32(x.kind[a])), x.code("cui", x.cui[a]), x.code("name", x.name[a])
	c.CPV, c.CPVDivision, c.Procedure, c.InvestmentCode = x.code("cpv", x.cpv[a]), x.code("division", uint32(x.divisn[a])), x.code("procedure", uint32(x.procedure[a])), x.code("investment", x.investment[a])
	c.Year = int(x.year[a])
	if x.flags[a]&flagValue != 0 {
		c.Value = models.Amount(x.value[a])
	}
	if x.flags[a]&flagDate != 0 {
		c.AwardDate = time.Unix(int64(x.date[a])*86400, 0).UTC()
	}
}

// pageRows are rows' rows in contractPages (version 1).
func (x *contractIndex) pageRows(rows []uint32) []uint32 {
	out := make([]uint32, len(rows))
	for i, r := range rows {
		out[i] = x.pageRow[r]
	}
	return out
}

// vectors counts the DuckDB vectors (2.048 rows) that hold rows.
func vectors(rows []uint32) int {
	v := make([]uint32, len(rows))
	for i, r := range rows {
		v[i] = r / 2048
	}
	slices.Sort(v)
	return len(slices.Compact(v))
}
