package release

// The supplier search and the prepared aggregate of /achizitii: a filter's
// supplier term is resolved in Go against the suppliers' names, read once
// when the release opens (supplierIndex), into the names it matches; the
// queries then select rows by those names (an equality join on a short list)
// instead of folding and scanning every name again in each of a page's
// queries, and a term that matches no supplier answers with no query at all.
// Totals, breakdowns and counts by year are sums over contractCube
// (publish_search.go) when the filter names only what the cube is grouped by;
// a release with the contract index answers them all from it, in Go
// (read_contract_index.go, indexAnswerOf).

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/deschis/deschis/models"
)

// supplierIndex is the supplier names of the release, each once, with the
// folded form the search matches (supplier_names.folded: lower case, no
// diacritics), and the suppliers' fiscal codes. Its size is that of the
// distinct names, a small fraction of the contracts (14.224 names for
// 379.753 contracts in the demo at scale 10).
type supplierIndex struct {
	names, folded []string
	cuis          map[string]bool
	separated     bool // no name holds nameSeparator
	// search finds the folded names that contain a term
	// (read_supplier_names.go), once built: nil until then, or when it
	// cannot be, and terms are scanned.
	search atomic.Pointer[nameSearch]
	built  chan struct{} // closed when the build has ended
}

// readSupplierIndex reads the index from supplier_names.
func (r *DB) readSupplierIndex(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, `SELECT supplier_cui, supplier_name, folded FROM supplier_names ORDER BY supplier_name, supplier_cui`)
	if err != nil {
		return fmt.Errorf("numele furnizorilor: %w", err)
	}
	defer rows.Close()
	ix := &supplierIndex{cuis: map[string]bool{}, separated: true}
	for rows.Next() {
		var cui sql.NullString
		var name, folded string
		if err := rows.Scan(&cui, &name, &folded); err != nil {
			return err
		}
		if cui.Valid {
			ix.cuis[cui.String] = true
		}
		if strings.Contains(name, nameSeparator) {
			ix.separated = false
		}
		if n := len(ix.names); n == 0 || ix.names[n-1] != name {
			ix.names, ix.folded = append(ix.names, name), append(ix.folded, folded)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// The index is built beside the opening and the first requests (0,2-0,7
	// s for the 134.448 names of scale 100 on a busy machine, over the
	// open's budget): until it is, a term is scanned, with the same answer.
	ix.built = make(chan struct{})
	go func() {
		defer close(ix.built)
		ix.search.Store(newNameSearch(ix.folded))
	}()
	r.suppliers = ix
	return nil
}

// supplierMatch is what a supplier term selects: the contracts of the
// supplier whose fiscal code it is (cui), and those of every supplier whose
// name contains it, folded (at; names, their names, set by whereOf for the
// SQL path only: the contract index needs only at).
type supplierMatch struct {
	cui   bool
	names []string
	// separated: no name holds nameSeparator, so the names can be sent
	// joined by it.
	separated bool
	// at: the names' positions in the supplierIndex.
	at []int
}

// nameSeparator joins the matched names sent to a query (ASCII's unit
// separator, chr(31), which no supplier name of the registers holds; a
// release whose names do is sent a list instead).
const nameSeparator = "\x1f"

func (m supplierMatch) empty() bool { return !m.cui && len(m.at) == 0 }

// matchSupplier resolves a trimmed, non-empty term. The term is folded as
// the names were (strip_accents(lower(…)) in DuckDB); an ASCII term's fold
// is its lower case, computed here, any other asks the database, so both
// sides are folded by the same function.
func (r *DB) matchSupplier(ctx context.Context, term string) (supplierMatch, error) {
	ix := r.suppliers
	folded := term
	if isASCII(term) {
		folded = strings.ToLower(term)
	} else if err := r.db.QueryRowContext(ctx, `SELECT strip_accents(lower(?))`, term).Scan(&folded); err != nil {
		return supplierMatch{}, err
	}
	m := supplierMatch{cui: ix.cuis[term], separated: ix.separated}
	var indexed bool
	if m.at, indexed = ix.search.Load().matches(folded, nil); !indexed {
		for i, f := range ix.folded {
			if strings.Contains(f, folded) {
				m.at = append(m.at, i)
			}
		}
	}
	return m, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// whereOf is contractWhere with the filter's supplier term resolved first:
// none reports a term that matches no supplier, so the answer is empty
// without a query.
func (r *DB) whereOf(ctx context.Context, f models.ContractFilter) (w string, args []any, none bool, err error) {
	var m *supplierMatch
	if s := strings.TrimSpace(f.Supplier); s != "" && r.suppliers != nil {
		got, err := r.matchSupplier(ctx, s)
		if err != nil {
			return "", nil, false, err
		}
		if got.empty() {
			return "", nil, true, nil
		}
		for _, i := range got.at {
			got.names = append(got.names, r.suppliers.names[i])
		}
		m = &got
	}
	w, args = contractWhere(f, m)
	return w, args, false, nil
}

// supplierCondition is the SQL of a resolved term: a contract with a
// supplier name (as supplier_names holds only those) whose supplier is the
// term's fiscal code or whose name is one the term matched.
func supplierCondition(term string, m supplierMatch) (string, []any) {
	var or []string
	var args []any
	if m.cui {
		or, args = append(or, "supplier_cui = ?"), append(args, term)
	}
	switch {
	case len(m.names) > 0 && !m.separated:
		or, args = append(or, "supplier_name IN (SELECT unnest(CAST(? AS VARCHAR[])))"), append(args, m.names)
	case len(m.names) > 0:
		// One string the query splits: binding a list costs a value per
		// name, as much as the rest of the query for a common term.
		or, args = append(or, "supplier_name IN (SELECT unnest(string_split(?, chr(31))))"), append(args, strings.Join(m.names, nameSeparator))
	}
	return "supplier_name IS NOT NULL AND (" + strings.Join(or, " OR ") + ")", args
}

// cubeServes reports whether contractCube answers a filter's totals and
// breakdowns: it names no value, date or investment objective (the cube is
// not grouped by them).
func (r *DB) cubeServes(f models.ContractFilter) bool {
	return r.cube && f.InvestmentCode == "" && f.Min == nil && f.Max == nil && f.From.IsZero() && f.To.IsZero()
}

// cubeAnswer is what contractCube says of one filter: its totals and its
// breakdowns by procedure, CPV division and kind, read in one query
// (grouping sets) by the first of a page's calls and kept for the others.
type cubeAnswer struct {
	tot models.ContractSummary
	by  map[models.ContractDim][]models.ContractGroup
	// years: the counts by year, the breakdown by ContractsByMonth and
	// the compiled filter q, in an answer of the contract index
	// (read_contract_index.go) only.
	years []models.ContractGroup
	q     *indexFilter
	// rows: the rows q selects, in the pass's order, when kept (at most
	// keptRowsMax), for the filter's pages (contractIndex.page).
	rows []uint32
	kept bool
}

// cubeMemo keeps the last cubeMemoSize answers, so a page's totals and
// breakdowns cost one query: a release never changes, so an answer kept is
// always right, and the memo's size bounds its memory.
type cubeMemo struct {
	mu   sync.Mutex
	m    map[string]*cubeAnswer
	keys []string // oldest first
}

const cubeMemoSize = 256

// AnswersKept is how many filters' answers a release keeps (cubeMemoSize,
// the oldest forgotten first): a benchmark that asks a filter again only
// after as many others is answered by a search, not from memory.
const AnswersKept = cubeMemoSize

// cubeKey is the memo's key of a filter: what the cube is filtered by.
func cubeKey(f models.ContractFilter) string {
	return strings.Join([]string{f.Buyer, f.SupplierCUI, strconv.Itoa(f.Year), strings.TrimSpace(f.Supplier), f.CPV, f.Procedure, f.Kind}, "\x00")
}

// cubeDims are the breakdowns a cube answer holds, in the order of the
// query's group columns.
var cubeDims = []struct{ dim models.ContractDim }{
	{models.ContractsByProcedure}, {models.ContractsByCPVDivision}, {models.ContractsByKind},
}

// cubeAnswerOf answers a filter cubeServes from the memo or one query.
func (r *DB) cubeAnswerOf(ctx context.Context, f models.ContractFilter, w string, args []any) (*cubeAnswer, error) {
	key := cubeKey(f)
	if a := r.memo.get(key); a != nil {
		return a, nil
	}
	// One group per (procedure, CPV division, kind), a few hundred at most,
	// summed here into the totals and each breakdown: the sums are exact
	// (whole bani), and one GROUP BY costs less than grouping sets.
	a := &cubeAnswer{by: map[models.ContractDim][]models.ContractGroup{}}
	groups := make([]map[string]*models.ContractGroup, len(cubeDims))
	for i := range groups {
		groups[i] = map[string]*models.ContractGroup{}
	}
	err := queryRows(ctx, r.db, `SELECT coalesce(procedure, ''), coalesce(cpv_division, ''), coalesce(any_value(cpv_division_name), ''), kind,
		CAST(sum(n) AS BIGINT), CAST(sum(n_total) AS BIGINT), `+bani("sum(value_total)")+`
		FROM `+contractCube+` WHERE `+w+` GROUP BY procedure, cpv_division, kind`, args, func(rows *sql.Rows) error {
		var codes [3]string
		var name string
		var n, counted int64
		var value models.Amount
		if err := rows.Scan(&codes[0], &codes[1], &name, &codes[2], &n, &counted, &value); err != nil {
			return err
		}
		a.tot.Rows, a.tot.Count, a.tot.Value = a.tot.Rows+n, a.tot.Count+counted, a.tot.Value+value
		if counted == 0 { // a breakdown is of the rows that enter totals
			return nil
		}
		for i, code := range codes {
			g := groups[i][code]
			if g == nil {
				g = &models.ContractGroup{Code: code}
				groups[i][code] = g
			}
			if i == 1 && g.Name == "" {
				g.Name = name
			}
			g.Count, g.Value = g.Count+counted, g.Value+value
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, d := range cubeDims {
		for _, g := range groups[i] {
			a.by[d.dim] = append(a.by[d.dim], *g)
		}
	}
	for _, gs := range a.by { // largest value first, then by code (ContractsBy)
		slices.SortFunc(gs, func(x, y models.ContractGroup) int {
			if c := cmp.Compare(y.Value, x.Value); c != 0 {
				return c
			}
			return strings.Compare(x.Code, y.Code)
		})
	}
	r.memo.put(key, a)
	return a, nil
}

func (m *cubeMemo) get(key string) *cubeAnswer {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.m[key]
}

func (m *cubeMemo) put(key string, a *cubeAnswer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[string]*cubeAnswer{}
	}
	if _, ok := m.m[key]; !ok {
		if len(m.keys) == cubeMemoSize {
			delete(m.m, m.keys[0])
			m.keys = m.keys[1:]
		}
		m.keys = append(m.keys, key)
		m.m[key] = a
	}
}

// indexAnswerOf answers a filter from the contract index (r.index, not
// nil): from the memo, or one pass over the rows it selects. The answer
// keeps the filter compiled, for its pages.
func (r *DB) indexAnswerOf(ctx context.Context, f models.ContractFilter) (*cubeAnswer, error) {
	key := indexKey(f)
	if a := r.memo.get(key); a != nil {
		return a, nil
	}
	// A pass is bounded by the contracts, not interruptible: a request
	// past its time (the page's limit, a 503) starts none.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q := indexFilter{none: true}
	var m *supplierMatch
	s := strings.TrimSpace(f.Supplier)
	if s != "" && r.suppliers != nil {
		got, err := r.matchSupplier(ctx, s)
		if err != nil {
			return nil, err
		}
		m = &got
	}
	if m == nil || !m.empty() {
		var at []int
		if m != nil {
			at = m.at
		}
		q = r.index.compile(f, m, at)
	}
	a := r.index.answer(&q)
	a.q = &q
	r.memo.put(key, a)
	return a, nil
}

// indexKey is the memo's key of a filter answered by the index: all it
// selects by (not its order or page), apart from cubeKey's.
func indexKey(f models.ContractFilter) string {
	amount := func(a *models.Amount) string {
		if a == nil {
			return "-"
		}
		return a.String()
	}
	return strings.Join([]string{"index", cubeKey(f), f.InvestmentCode, amount(f.Min), amount(f.Max),
		f.From.Format(time.DateOnly), f.To.Format(time.DateOnly)}, "\x00")
}
