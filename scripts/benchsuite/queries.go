package main

// queries: the site's page and KPI queries over the release as the site
// holds it (release.Open, the reader cmd/publicsite uses, and its
// QueryContext: when the reader changes, this measures the new one), against
// the same SQL on the same rows in PostgreSQL 15 with the indexes a city's
// IT department would make (supplier, year, buyer and year, pg_trgm on the
// supplier name), VACUUM ANALYZEd. The SQL text is the same on both sides
// ($1 parameters, ILIKE, FILTER: both dialects). Each query runs --query-runs
// times on each side, alternating, each run with the next parameter (a
// different name fragment, supplier or year), after two unmeasured runs;
// every row of every answer is read.

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

// query is one query of the site or the dashboards; param names which
// parameter list it takes ("" none).
type query struct {
	ID, Param, SQL string
}

const contractCols = `contract_id, buyer_name, supplier_name, title, value, award_date`

var queries = []query{
	{"supplier-search", "term", `SELECT ` + contractCols + ` FROM procurement WHERE supplier_name ILIKE '%' || $1 || '%'
		ORDER BY award_date DESC, contract_id, buyer_cui LIMIT 50`},
	{"supplier-contracts", "cui", `SELECT ` + contractCols + ` FROM procurement WHERE supplier_cui = $1
		ORDER BY award_date DESC, contract_id, buyer_cui LIMIT 50`},
	{"year-contracts-page", "year", `SELECT ` + contractCols + ` FROM procurement WHERE year = $1
		ORDER BY award_date DESC, contract_id, buyer_cui LIMIT 50`},
	{"top-10-suppliers", "", `SELECT supplier_cui, supplier_name, count(*) AS contracts, sum(value) AS total
		FROM procurement WHERE counts_in_total GROUP BY supplier_cui, supplier_name ORDER BY total DESC, supplier_cui LIMIT 10`},
	{"totals-by-month", "", `SELECT date_trunc('month', award_date) AS month, count(*) AS contracts, sum(value) AS total
		FROM procurement WHERE counts_in_total GROUP BY 1 ORDER BY 1`},
	{"totals-by-cpv-division", "", `SELECT cpv_division, count(*) AS contracts, sum(value) AS total
		FROM procurement WHERE counts_in_total GROUP BY 1 ORDER BY total DESC NULLS LAST, 1`},
	{"sum-by-buyer-and-year", "", `SELECT buyer_cui, year, count(*) AS contracts, sum(value) AS total
		FROM procurement WHERE counts_in_total GROUP BY 1, 2 ORDER BY 1, 2`},
	{"kpi-procurement-year", "year", `SELECT count(*) AS contracts,
		count(*) FILTER (WHERE kind = 'direct_purchase') AS direct,
		sum(value) FILTER (WHERE kind = 'direct_purchase') AS direct_value,
		count(*) FILTER (WHERE kind = 'procedure_award') AS procedures,
		count(*) FILTER (WHERE kind = 'procedure_award' AND offers = 1) AS single_offer,
		count(DISTINCT supplier_cui) AS suppliers, sum(value) AS total
		FROM procurement WHERE counts_in_total AND year = $1`},
}

// params are the parameter lists, drawn from the release once.
type params struct {
	term, cui, year []any
}

func (p *params) of(q query, i int) []any {
	var list []any
	switch q.Param {
	case "term":
		list = p.term
	case "cui":
		list = p.cui
	case "year":
		list = p.year
	default:
		return nil
	}
	return []any{list[i%len(list)]}
}

// asciiWord is a name fragment both engines fold the same way.
var asciiWord = regexp.MustCompile(`^[a-z]+$`)

// drawParams reads the release's supplier names (every 4- to 6-letter
// fragment of their words, shuffled with a fixed seed), suppliers and years.
func drawParams(ctx context.Context, rel *release.DB) (*params, error) {
	p := &params{}
	names, err := column[string](ctx, rel, `SELECT DISTINCT lower(supplier_name) FROM suppliers WHERE supplier_name IS NOT NULL ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var terms []string
	for _, n := range names {
		for _, w := range strings.Fields(n) {
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
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(terms), func(i, j int) { terms[i], terms[j] = terms[j], terms[i] })
	cuis, err := column[string](ctx, rel, `SELECT supplier_cui FROM suppliers ORDER BY hash(supplier_cui), supplier_cui LIMIT 500`)
	if err != nil {
		return nil, err
	}
	years, err := column[int32](ctx, rel, `SELECT DISTINCT year FROM procurement WHERE year IS NOT NULL ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	if len(terms) == 0 || len(cuis) == 0 || len(years) == 0 {
		return nil, fmt.Errorf("the release has no supplier names, suppliers or years to query (%d, %d, %d)", len(terms), len(cuis), len(years))
	}
	for _, t := range terms {
		p.term = append(p.term, t)
	}
	for _, c := range cuis {
		p.cui = append(p.cui, c)
	}
	for _, y := range years {
		p.year = append(p.year, y)
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

// timeQueries runs every query runs times on each side, alternating.
func timeQueries(ctx context.Context, rel *release.DB, pg *pgx.Conn, p *params, runs int) ([]queryTimes, error) {
	var out []queryTimes
	for _, q := range queries {
		qt := queryTimes{ID: q.ID}
		for i := -2; i < runs; i++ { // two unmeasured runs first
			args := p.of(q, max(i, 0))
			for side := range 2 {
				if (i+side)%2 == 0 {
					d, n, err := duckQuery(ctx, rel, q.SQL, args)
					if err != nil {
						return nil, fmt.Errorf("%s on DuckDB: %w", q.ID, err)
					}
					if i >= 0 {
						qt.Duck, qt.DuckRows = append(qt.Duck, ms(d)), qt.DuckRows+n
					}
				} else {
					d, n, err := pgQuery(ctx, pg, q.SQL, args)
					if err != nil {
						return nil, fmt.Errorf("%s on PostgreSQL: %w", q.ID, err)
					}
					if i >= 0 {
						qt.PG, qt.PGRows = append(qt.PG, ms(d)), qt.PGRows+n
					}
				}
			}
		}
		out = append(out, qt)
	}
	return out, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func duckQuery(ctx context.Context, rel *release.DB, q string, args []any) (time.Duration, int64, error) {
	t0 := time.Now()
	rows, err := rel.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, 0, err
		}
		n++
	}
	return time.Since(t0), n, rows.Err()
}

func pgQuery(ctx context.Context, conn *pgx.Conn, q string, args []any) (time.Duration, int64, error) {
	t0 := time.Now()
	rows, err := conn.Query(ctx, q, args...)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		if _, err := rows.Values(); err != nil {
			return 0, 0, err
		}
		n++
	}
	return time.Since(t0), n, rows.Err()
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
	times, err := timeQueries(ctx, rel, conn, p, s.opt.queryRuns)
	if err != nil {
		return nil, nil, err
	}
	var out []Figure
	for _, qt := range times {
		if qt.DuckRows != qt.PGRows {
			return nil, nil, fmt.Errorf("%s: DuckDB answered %d rows, PostgreSQL %d: not the same query", qt.ID, qt.DuckRows, qt.PGRows)
		}
		measured := "DuckDB, the release as the site holds it (release.Open)"
		against := fmt.Sprintf("PostgreSQL 15, indexed (%d rows)", rows)
		for _, q := range []float64{0.5, 0.99} {
			name := fmt.Sprintf("queries/%s/p%.0f", qt.ID, q*100)
			out = append(out, newFigure(name, s.scale, "ms", benchkit.Quantile(qt.Duck, q), benchkit.Quantile(qt.PG, q), len(qt.Duck), measured, against))
		}
		s.logf("queries %-24s DuckDB p50 %8.2f ms p99 %8.2f ms | PostgreSQL p50 %8.2f ms p99 %8.2f ms", qt.ID,
			benchkit.Quantile(qt.Duck, .5), benchkit.Quantile(qt.Duck, .99), benchkit.Quantile(qt.PG, .5), benchkit.Quantile(qt.PG, .99))
	}
	return out, p, nil
}
