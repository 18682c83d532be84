package main

// queries: what the site reads for each figure, through the release.DB
// method its page or KPI calls on the release as the site holds it
// (release.Open, the reader cmd/publicsite uses: when the reader changes,
// this measures the new one), against the plain SQL a city's IT department
// would write on the same rows in PostgreSQL 15 with the indexes it would
// make (supplier, year, buyer and year, pg_trgm on the supplier name),
// VACUUM ANALYZEd. A figure the site has no read for runs the same SQL on
// both sides and says so ($1 parameters, ILIKE, FILTER: both dialects). Each
// query runs --query-runs times on each side, alternating, each run with the
// next parameter (a different name fragment, supplier or year), after two
// unmeasured runs; every row of every answer is read, and the two answers
// of every run must be the same rows, or the suite fails.

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/scripts/benchkit"
)

// query is one figure: what the site reads for it (Site, through the
// release.DB method its page or KPI calls, named by Read) against the plain
// SQL a city's IT department would write on the raw table with its indexes
// (SQL, PostgreSQL's side). A figure the site has no read for (Site nil) runs
// the same SQL on both sides, DuckDB's on the release's tables through
// QueryContext, and says so. Args name SQL's parameters ($1, $2, ...):
// "buyer" and "year" (an institution and one of its years; a search's: the
// release's main entity, the institution the pages open on, and its default
// year), "term" (a supplier-name fragment) or "cui" (a supplier); the last
// one changes from run to run (params.of).
type query struct {
	ID   string
	Args []string
	Read string
	Site func(ctx context.Context, rel *release.DB, a arg) ([][]string, error)
	SQL  string
}

// contractKey are the columns a contract list is compared by (the page shows
// more: the plain SQL reads them too, keyCols is how many come first).
const (
	contractKey  = `buyer_cui, contract_id, coalesce(supplier_cui, ''), award_date, CAST(round(coalesce(value, 0) * 100) AS BIGINT)`
	contractCols = contractKey + `, buyer_name, supplier_name, title, cpv, kind, procedure`
	// listOrder is the site's order of a list by date (release's
	// contractOrder, then its rowid: the table's ReadOrder, buyer_cui, year,
	// award_date, contract_id, then supplier_cui), written out.
	listOrder = `ORDER BY award_date DESC NULLS LAST, contract_id, buyer_cui, year, supplier_cui LIMIT 50`
	keyCols   = 5
	pageRows  = 50
)

var queries = []query{
	{ID: "supplier-search", Args: []string{"buyer", "year", "term"},
		Read: "DB.Contracts, the list of /achizitii?furnizor= (the institution's default year, 50 rows by date)",
		Site: func(ctx context.Context, rel *release.DB, a arg) ([][]string, error) {
			return contractRows(rel.Contracts(ctx, models.ContractFilter{Buyer: a.buyer, Year: a.year, Supplier: a.term, Sort: models.SortDateDesc, Limit: pageRows}))
		},
		SQL: `SELECT ` + contractCols + ` FROM procurement WHERE buyer_cui = $1 AND year = $2
		AND (supplier_cui = $3 OR supplier_name ILIKE '%' || $3 || '%') ` + listOrder},
	{ID: "supplier-contracts", Args: []string{"cui"},
		Read: "DB.Contracts, the list of /achizitii/furnizori/{cui} (50 rows by date, every buyer)",
		Site: func(ctx context.Context, rel *release.DB, a arg) ([][]string, error) {
			return contractRows(rel.Contracts(ctx, models.ContractFilter{SupplierCUI: a.cui, Sort: models.SortDateDesc, Limit: pageRows}))
		},
		SQL: `SELECT ` + contractCols + ` FROM procurement WHERE supplier_cui = $1 ` + listOrder},
	{ID: "year-contracts-page", Args: []string{"buyer", "year"},
		Read: "DB.Contracts, the list of /achizitii?entitate=&an= (an institution's year, 50 rows by date)",
		Site: func(ctx context.Context, rel *release.DB, a arg) ([][]string, error) {
			return contractRows(rel.Contracts(ctx, models.ContractFilter{Buyer: a.buyer, Year: a.year, Sort: models.SortDateDesc, Limit: pageRows}))
		},
		SQL: `SELECT ` + contractCols + ` FROM procurement WHERE buyer_cui = $1 AND year = $2 ` + listOrder},
	{ID: "top-10-suppliers", Read: "DB.TopSuppliers(10), the whole release's suppliers ranked (/api/v1/aggregate/procurement?by=supplier), held in memory from agg_top_suppliers",
		Site: func(ctx context.Context, rel *release.DB, _ arg) ([][]string, error) {
			gs, err := rel.TopSuppliers(ctx, 10)
			var out [][]string
			for _, g := range gs {
				out = append(out, []string{g.CUI, g.Name, fmt.Sprint(g.Contracts), aggregateTotal(g.ContractAggregate)})
			}
			return out, err
		},
		SQL: `SELECT supplier_cui, supplier_name, count(*) AS contracts, CAST(round(sum(value) * 100) AS BIGINT) AS total
		FROM procurement WHERE counts_in_total GROUP BY supplier_cui, supplier_name
		ORDER BY total DESC NULLS LAST, supplier_cui NULLS LAST, supplier_name NULLS LAST LIMIT 10`},
	{ID: "totals-by-month", Read: "DB.ContractsByMonth, the whole release's contracts by month (/api/v1/aggregate/procurement?by=month), held in memory from agg_months",
		Site: func(ctx context.Context, rel *release.DB, _ arg) ([][]string, error) {
			gs, err := rel.ContractsByMonth(ctx)
			var out [][]string
			for _, g := range gs {
				month := ""
				if !g.Month.IsZero() {
					month = g.Month.Format(time.DateOnly)
				}
				out = append(out, []string{month, fmt.Sprint(g.Contracts), aggregateTotal(g.ContractAggregate)})
			}
			return out, err
		},
		SQL: `SELECT date_trunc('month', award_date) AS month, count(*) AS contracts, CAST(round(sum(value) * 100) AS BIGINT) AS total
		FROM procurement WHERE counts_in_total GROUP BY 1 ORDER BY 1 NULLS LAST`},
	{ID: "totals-by-cpv-division", Args: []string{"buyer", "year"},
		Read: "DB.ContractsBy(cpv_division), the CPV chart of /achizitii (an institution's year)",
		Site: func(ctx context.Context, rel *release.DB, a arg) ([][]string, error) {
			gs, err := rel.ContractsBy(ctx, models.ContractFilter{Buyer: a.buyer, Year: a.year}, models.ContractsByCPVDivision)
			var out [][]string
			for _, g := range gs {
				out = append(out, []string{g.Code, fmt.Sprint(g.Count), fmt.Sprint(int64(g.Value))})
			}
			return out, err
		},
		SQL: `SELECT coalesce(cpv_division, '') AS code, count(*) AS contracts, CAST(round(coalesce(sum(value), 0) * 100) AS BIGINT) AS total
		FROM procurement WHERE buyer_cui = $1 AND year = $2 AND counts_in_total GROUP BY 1 ORDER BY 3 DESC, 1`},
	{ID: "sum-by-buyer-and-year", Read: "DB.ContractsByBuyerYear, the whole release's totals by institution and year (/api/v1/aggregate/procurement?by=buyer_year), held in memory from agg_buyer_years",
		Site: func(ctx context.Context, rel *release.DB, _ arg) ([][]string, error) {
			gs, err := rel.ContractsByBuyerYear(ctx)
			var out [][]string
			for _, g := range gs {
				year := ""
				if g.Year != 0 {
					year = fmt.Sprint(g.Year)
				}
				out = append(out, []string{g.BuyerCUI, year, fmt.Sprint(g.Contracts), aggregateTotal(g.ContractAggregate)})
			}
			return out, err
		},
		SQL: `SELECT buyer_cui, year, count(*) AS contracts, CAST(round(sum(value) * 100) AS BIGINT) AS total
		FROM procurement WHERE counts_in_total GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST`},
	{ID: "kpi-procurement-year", Args: []string{"buyer", "year"},
		Read: "DB.ContractTotals, the contracts' KPI cards of the home page and /achizitii (an institution's year)",
		Site: func(ctx context.Context, rel *release.DB, a arg) ([][]string, error) {
			t, err := rel.ContractTotals(ctx, models.ContractFilter{Buyer: a.buyer, Year: a.year})
			return [][]string{{fmt.Sprint(t.Rows), fmt.Sprint(t.Count), fmt.Sprint(int64(t.Value))}}, err
		},
		SQL: `SELECT count(*) AS rows, count(*) FILTER (WHERE counts_in_total) AS contracts,
		CAST(round(coalesce(sum(value) FILTER (WHERE counts_in_total), 0) * 100) AS BIGINT) AS total
		FROM procurement WHERE buyer_cui = $1 AND year = $2`},
}

// aggregateTotal is an aggregate's total in bani as compared: "" (NULL)
// when none of its contracts has a value.
func aggregateTotal(g models.ContractAggregate) string {
	if !g.Valued {
		return ""
	}
	return fmt.Sprint(int64(g.Value))
}

// contractRows are a contract list's rows as compared (contractKey).
func contractRows(cs []models.Contract, err error) ([][]string, error) {
	var out [][]string
	for _, c := range cs {
		date := ""
		if !c.AwardDate.IsZero() {
			date = c.AwardDate.Format(time.DateOnly)
		}
		out = append(out, []string{c.BuyerCUI, c.ContractID, c.SupplierCUI, date, fmt.Sprint(int64(c.Value))})
	}
	return out, err
}

// arg is one run's parameters.
type arg struct {
	buyer, term, cui string
	year             int
}

func (a arg) sqlArgs(names []string) []any {
	var out []any
	for _, n := range names {
		switch n {
		case "buyer":
			out = append(out, a.buyer)
		case "year":
			out = append(out, a.year)
		case "term":
			out = append(out, a.term)
		case "cui":
			out = append(out, a.cui)
		}
	}
	return out
}

// cells are a row's values as compared: text, a date as 2006-01-02, NULL
// as "".
func cells(vals []any, n int) []string {
	out := make([]string, 0, n)
	for _, v := range vals[:min(n, len(vals))] {
		switch v := v.(type) {
		case nil:
			out = append(out, "")
		case time.Time:
			out = append(out, v.Format(time.DateOnly))
		default:
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}

// params are the parameter lists, drawn from the release once: the
// supplier-name fragments (term, also the serve section's searches), the
// suppliers (cui), every institution's years with contracts (pages, shuffled:
// the pages /achizitii?entitate=&an= shows), the main entity (buyer) and its
// default year (year0, the year its pages open on).
type params struct {
	term, cui []any
	pages     []arg
	buyer     string
	year0     int
}

// of is run i's parameters of q: a query of an institution's year takes the
// i-th (institution, year), so that no two runs of a figure ask the same
// page (the reader keeps the answers of its prepared aggregate: a page asked
// twice would be answered from memory), a search the i-th term in the main
// entity's default year, a supplier's page the i-th supplier.
func (p *params) of(q query, i int) arg {
	a := arg{buyer: p.buyer, year: p.year0, term: p.term[i%len(p.term)].(string), cui: p.cui[i%len(p.cui)].(string)}
	if n := len(q.Args); n > 0 && q.Args[n-1] == "year" {
		pg := p.pages[i%len(p.pages)]
		a.buyer, a.year = pg.buyer, pg.year
	}
	return a
}

// asciiWord is a name fragment both engines fold the same way.
var asciiWord = regexp.MustCompile(`^[a-z]+$`)

// drawParams reads the release's supplier names (every 4- to 6-letter
// fragment of their words, shuffled with a fixed seed), suppliers and years.
// A fragment is kept only when it matches the same names whether they are
// folded as the site folds them (supplier_names.folded: lower case, no
// diacritics) or lower-cased as PostgreSQL's ILIKE does ("tii" is in
// "construcții" for the site, not for ILIKE): the two sides then answer the
// same rows.
func drawParams(ctx context.Context, rel *release.DB) (*params, error) {
	p := &params{buyer: rel.MainEntity()}
	p.year0 = rel.DefaultYear(p.buyer)
	type name struct{ lower, folded string }
	var names []name
	rows, err := rel.QueryContext(ctx, `SELECT DISTINCT lower(supplier_name), folded FROM supplier_names ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var n name
		if err := rows.Scan(&n.lower, &n.folded); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var terms []string
	for _, n := range names {
		for _, w := range strings.Fields(n.lower) {
			if !asciiWord.MatchString(w) {
				continue
			}
			for l := 4; l <= 6; l++ {
				for i := 0; i+l <= len(w); i++ {
					if t := w[i : i+l]; !seen[t] {
						seen[t] = true
						terms = append(terms, t)
					}
				}
			}
		}
	}
	names = slices.DeleteFunc(names, func(n name) bool { return n.folded == n.lower }) // these fold alike
	terms = slices.DeleteFunc(terms, func(t string) bool {
		for _, n := range names {
			if strings.Contains(n.folded, t) != strings.Contains(n.lower, t) {
				return true
			}
		}
		return false
	})
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(terms), func(i, j int) { terms[i], terms[j] = terms[j], terms[i] })
	cuis, err := column[string](ctx, rel, `SELECT supplier_cui FROM suppliers ORDER BY hash(supplier_cui), supplier_cui LIMIT 500`)
	if err != nil {
		return nil, err
	}
	for _, e := range rel.Entities() {
		for _, y := range rel.Years(models.DatasetProcurement, e.CUI) {
			p.pages = append(p.pages, arg{buyer: e.CUI, year: y})
		}
	}
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(p.pages), func(i, j int) { p.pages[i], p.pages[j] = p.pages[j], p.pages[i] })
	if len(terms) == 0 || len(cuis) == 0 || len(p.pages) == 0 {
		return nil, fmt.Errorf("the release has no supplier names, suppliers or institutions' years to query (%d, %d, %d)", len(terms), len(cuis), len(p.pages))
	}
	for _, t := range terms {
		p.term = append(p.term, t)
	}
	for _, c := range cuis {
		p.cui = append(p.cui, c)
	}
	return p, nil
}

func column[T any](ctx context.Context, rel *release.DB, q string) ([]T, error) {
	rows, err := rel.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// pgTypes are the PostgreSQL types of the release's column types.
func pgType(t string) string {
	switch {
	case t == "VARCHAR":
		return "text"
	case strings.HasPrefix(t, "DECIMAL"):
		return "numeric" + strings.TrimPrefix(t, "DECIMAL")
	case t == "INTEGER", t == "BIGINT", t == "DATE", t == "BOOLEAN", t == "TIMESTAMP":
		return strings.ToLower(t)
	case t == "DOUBLE":
		return "double precision"
	}
	return "text"
}

// loadPostgres copies the release's procurement table into PostgreSQL (the
// Parquet file written as CSV by DuckDB, then COPY FROM STDIN), makes its
// indexes and analyses it. It returns the seconds it took and the rows.
func loadPostgres(ctx context.Context, dir, work string, conn *pgx.Conn) (float64, int64, error) {
	t0 := time.Now()
	man, err := release.ReadManifest(dir)
	if err != nil {
		return 0, 0, err
	}
	i := slices.IndexFunc(man.Datasets, func(d models.ManifestDataset) bool { return d.Name == "procurement" })
	if i < 0 {
		return 0, 0, fmt.Errorf("the release has no procurement dataset")
	}
	ds := &man.Datasets[i]
	file, ok := ds.File("parquet")
	if !ok {
		return 0, 0, fmt.Errorf("procurement has no Parquet file")
	}
	var cols, names []string
	for _, c := range ds.Schema {
		cols = append(cols, fmt.Sprintf("%s %s", c.Name, pgType(c.Type)))
		names = append(names, c.Name)
	}
	csvPath := filepath.Join(work, "procurement.csv")
	defer os.Remove(csvPath)
	duck, err := sql.Open("duckdb", "")
	if err != nil {
		return 0, 0, err
	}
	_, err = duck.ExecContext(ctx, fmt.Sprintf(`COPY (SELECT %s FROM read_parquet('%s')) TO '%s' (FORMAT csv, HEADER true)`,
		strings.Join(names, ", "), filepath.Join(dir, file.Path), csvPath))
	duck.Close()
	if err != nil {
		return 0, 0, err
	}
	for _, stmt := range []string{
		`CREATE EXTENSION IF NOT EXISTS pg_trgm`,
		`DROP TABLE IF EXISTS procurement`,
		`CREATE TABLE procurement (` + strings.Join(cols, ", ") + `)`,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return 0, 0, fmt.Errorf("%s: %w", stmt, err)
		}
	}
	f, err := os.Open(csvPath)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	tag, err := conn.PgConn().CopyFrom(ctx, f, `COPY procurement FROM STDIN (FORMAT csv, HEADER true)`)
	if err != nil {
		return 0, 0, fmt.Errorf("COPY procurement: %w", err)
	}
	for _, stmt := range []string{
		`CREATE INDEX ON procurement (supplier_cui)`,
		`CREATE INDEX ON procurement (year, award_date)`,
		`CREATE INDEX ON procurement (buyer_cui, year)`,
		`CREATE INDEX ON procurement USING gin (supplier_name gin_trgm_ops)`,
		`VACUUM ANALYZE procurement`,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return 0, 0, fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return time.Since(t0).Seconds(), tag.RowsAffected(), nil
}

// queryTimes is one query's latencies on both sides, and the rows each
// side answered over all runs (the same on both, or the comparison is void).
type queryTimes struct {
	ID               string
	Duck, PG         []float64 // ms
	DuckRows, PGRows int64
}

// timeQueries runs every query runs times on each side, alternating, after
// two unmeasured runs; every run's two answers must be the same rows. Each
// query reads the release opened afresh (open): the reader keeps the answers
// of its prepared aggregate by filter, so a query after another of the same
// filters would be answered from memory.
func timeQueries(ctx context.Context, open func() (*release.DB, error), pg *pgx.Conn, p *params, runs int) ([]queryTimes, error) {
	var out []queryTimes
	for _, q := range queries {
		qt, err := timeQuery(ctx, open, pg, p, runs, q)
		if err != nil {
			return nil, err
		}
		out = append(out, qt)
	}
	return out, nil
}

func timeQuery(ctx context.Context, open func() (*release.DB, error), pg *pgx.Conn, p *params, runs int, q query) (queryTimes, error) {
	rel, err := open()
	if err != nil {
		return queryTimes{}, err
	}
	defer rel.Close()
	qt := queryTimes{ID: q.ID}
	for i := -2; i < runs; i++ { // two unmeasured runs first
		a := p.of(q, max(i, 0))
		var answers [2][][]string
		for side := range 2 {
			if (i+side)%2 == 0 {
				d, got, err := duckRead(ctx, rel, q, a)
				if err != nil {
					return qt, fmt.Errorf("%s on DuckDB: %w", q.ID, err)
				}
				answers[0] = got
				if i >= 0 {
					qt.Duck, qt.DuckRows = append(qt.Duck, ms(d)), qt.DuckRows+int64(len(got))
				}
			} else {
				d, got, err := pgQuery(ctx, pg, q, a)
				if err != nil {
					return qt, fmt.Errorf("%s on PostgreSQL: %w", q.ID, err)
				}
				answers[1] = got
				if i >= 0 {
					qt.PG, qt.PGRows = append(qt.PG, ms(d)), qt.PGRows+int64(len(got))
				}
			}
		}
		if err := sameRows(answers[0], answers[1]); err != nil {
			return qt, fmt.Errorf("%s with %+v: the two sides differ: %w", q.ID, a, err)
		}
	}
	return qt, nil
}

// sameRows says where two answers first differ.
func sameRows(duck, pg [][]string) error {
	for i := range max(len(duck), len(pg)) {
		switch {
		case i >= len(duck):
			return fmt.Errorf("PostgreSQL's row %d %q is not in DuckDB's %d rows", i+1, pg[i], len(duck))
		case i >= len(pg):
			return fmt.Errorf("DuckDB's row %d %q is not in PostgreSQL's %d rows", i+1, duck[i], len(pg))
		case !slices.Equal(duck[i], pg[i]):
			return fmt.Errorf("row %d: DuckDB %q, PostgreSQL %q", i+1, duck[i], pg[i])
		}
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// duckRead is q's read on the release: the site's method, or its SQL
// through the reader's QueryContext when the site has none.
func duckRead(ctx context.Context, rel *release.DB, q query, a arg) (time.Duration, [][]string, error) {
	t0 := time.Now()
	if q.Site != nil {
		got, err := q.Site(ctx, rel, a)
		return time.Since(t0), got, err
	}
	rows, err := rel.QueryContext(ctx, q.SQL, a.sqlArgs(q.Args)...)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out [][]string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, nil, err
		}
		out = append(out, cells(vals, len(vals)))
	}
	return time.Since(t0), out, rows.Err()
}

// pgQuery is q's plain SQL on PostgreSQL; every row is read whole, the
// compared cells kept (a contract list's key, every cell of the others).
func pgQuery(ctx context.Context, conn *pgx.Conn, q query, a arg) (time.Duration, [][]string, error) {
	t0 := time.Now()
	rows, err := conn.Query(ctx, q.SQL, a.sqlArgs(q.Args)...)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return 0, nil, err
		}
		n := len(vals)
		if strings.Contains(q.SQL, contractCols) {
			n = keyCols
		}
		out = append(out, cells(vals, n))
	}
	return time.Since(t0), out, rows.Err()
}

// measured names what the DuckDB side of q runs.
func (q query) measured() string {
	if q.Site == nil {
		return "DuckDB, plain SQL on the release's tables (release.Open's QueryContext): the site has no read for this figure"
	}
	return "DuckDB, the site's read (release.Open): " + q.Read
}

func benchQueries(s *scaleRun, dir string) ([]Figure, *params, error) {
	ctx := context.Background()
	t0 := time.Now()
	rel, err := release.Open(ctx, dir, release.Tables)
	if err != nil {
		return nil, nil, err
	}
	defer rel.Close()
	s.logf("queries: release opened with release.Open in %.2f s", time.Since(t0).Seconds())
	conn, err := pgx.Connect(ctx, s.opt.pg.DSN())
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close(ctx)
	secs, rows, err := loadPostgres(ctx, dir, s.work, conn)
	if err != nil {
		return nil, nil, err
	}
	s.logf("queries: %d procurement rows copied into PostgreSQL and indexed in %.1f s", rows, secs)
	p, err := drawParams(ctx, rel)
	if err != nil {
		return nil, nil, err
	}
	open := func() (*release.DB, error) { return release.Open(ctx, dir, release.Tables) }
	times, err := timeQueries(ctx, open, conn, p, s.opt.queryRuns)
	if err != nil {
		return nil, nil, err
	}
	var out []Figure
	for _, qt := range times {
		if qt.DuckRows != qt.PGRows {
			return nil, nil, fmt.Errorf("%s: DuckDB answered %d rows, PostgreSQL %d: not the same query", qt.ID, qt.DuckRows, qt.PGRows)
		}
		measured := queryByID(qt.ID).measured()
		against := fmt.Sprintf("PostgreSQL 15, indexed (%d rows), plain SQL on the raw table", rows)
		for _, q := range []float64{0.5, 0.99} {
			name := fmt.Sprintf("queries/%s/p%.0f", qt.ID, q*100)
			out = append(out, newFigure(name, s.scale, "ms", benchkit.Quantile(qt.Duck, q), benchkit.Quantile(qt.PG, q), len(qt.Duck), measured, against))
		}
		s.logf("queries %-24s DuckDB p50 %8.2f ms p99 %8.2f ms | PostgreSQL p50 %8.2f ms p99 %8.2f ms", qt.ID,
			benchkit.Quantile(qt.Duck, .5), benchkit.Quantile(qt.Duck, .99), benchkit.Quantile(qt.PG, .5), benchkit.Quantile(qt.PG, .99))
	}
	return out, p, nil
}

func queryByID(id string) query {
	i := slices.IndexFunc(queries, func(q query) bool { return q.ID == id })
	return queries[i]
}
