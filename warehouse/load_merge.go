package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/deschis/deschis/models"
)

// datasetRules are the set-based parts of a load that differ by dataset: the
// key that must be unique inside a load, the field naming the institution,
// and the statements that merge staging into core ($1 is the load id).
type datasetRules struct {
	key    []string
	entity string // field that must name a known institution; "" for none
	merge  []string
}

var rules = map[string]datasetRules{
	models.DatasetEntities: {
		key: []string{"cui", "population_year"},
		merge: []string{
			`INSERT INTO dim_entity (cui, siruta, name, kind, parent_cui, county, load_id, name_genitive)
			 SELECT cui, siruta, name, kind, parent_cui, county, $1, nullif(name_genitive, '') FROM stg_rows WHERE ok
			 QUALIFY row_number() OVER (PARTITION BY cui ORDER BY file_no DESC, line DESC) = 1
			 ON CONFLICT (cui) DO UPDATE SET siruta = excluded.siruta, name = excluded.name, kind = excluded.kind,
			   parent_cui = excluded.parent_cui, county = excluded.county, load_id = excluded.load_id,
			   name_genitive = excluded.name_genitive`,
			`INSERT INTO entity_population (cui, year, population, load_id)
			 SELECT cui, population_year, population, $1 FROM stg_rows WHERE ok AND population IS NOT NULL
			 ON CONFLICT (cui, year) DO UPDATE SET population = excluded.population, load_id = excluded.load_id`,
		},
	},
	models.DatasetBudget: {
		key:    []string{"entity_cui", "year", "month", "report_date", "kind", "section", "funding_source", "functional_code", "economic_code"},
		entity: "entity_cui",
		merge: []string{
			// A report is applied only when it is at least as new as the one in
			// core for its period, and only the newest report of a period within
			// the load; the other rows are kept out as superseded.
			// Per institution, period and kind (expenses, revenues), the
			// newest report wins: older staged rows are superseded.
			`UPDATE stg_rows SET superseded = true FROM (
			   SELECT s.entity_cui, s.year, s.month, s.kind, greatest(max(s.report_date), any_value(f.report_date)) AS newest
			   FROM stg_rows s LEFT JOIN (SELECT entity_cui, year, month, kind, max(report_date) AS report_date FROM fact_budget GROUP BY ALL) f
			     USING (entity_cui, year, month, kind)
			   WHERE s.ok GROUP BY ALL) p
			 WHERE stg_rows.ok AND stg_rows.entity_cui = p.entity_cui AND stg_rows.year = p.year AND stg_rows.month = p.month
			   AND stg_rows.kind = p.kind AND stg_rows.report_date < p.newest`,
			// Two reports of the same date complement each other: the
			// Treasury's execution report has payments but no
			// appropriations, its commitments report has both. A measure the
			// new report does not carry keeps the value of the same line in
			// the report of the same date already loaded.
			`UPDATE stg_rows SET
			   initial_budget = coalesce(stg_rows.initial_budget, (f.initial_budget * 100)::BIGINT),
			   final_budget = coalesce(stg_rows.final_budget, (f.final_budget * 100)::BIGINT),
			   commitments = coalesce(stg_rows.commitments, (f.commitments * 100)::BIGINT)
			 FROM fact_budget f
			 WHERE stg_rows.ok AND NOT stg_rows.superseded AND f.entity_cui = stg_rows.entity_cui AND f.year = stg_rows.year
			   AND f.month = stg_rows.month AND f.report_date = stg_rows.report_date AND f.kind = stg_rows.kind
			   AND f.section = stg_rows.section AND f.funding_source = stg_rows.funding_source
			   AND f.functional_code = stg_rows.functional_code AND f.economic_code IS NOT DISTINCT FROM stg_rows.economic_code`,
			`DELETE FROM fact_budget f USING (SELECT DISTINCT entity_cui, year, month, kind FROM stg_rows WHERE ok AND NOT superseded) p
			 WHERE f.entity_cui = p.entity_cui AND f.year = p.year AND f.month = p.month AND f.kind = p.kind`,
			`INSERT INTO fact_budget
			 SELECT entity_cui, year, month, report_date, kind, section, funding_source, functional_code, economic_code,
			        lei(initial_budget), lei(final_budget), lei(commitments), lei(executed), $1, path, line
			 FROM stg_rows JOIN stg_files USING (file_no) WHERE ok AND NOT superseded ORDER BY entity_cui, year, month, kind, functional_code, economic_code`,
		},
	},
	models.DatasetInvestments: {
		key:    []string{"entity_cui", "code", "year"},
		entity: "entity_cui",
		merge: []string{
			`DELETE FROM fact_investment f USING stg_rows s
			 WHERE s.ok AND f.entity_cui = s.entity_cui AND f.code = s.code AND f.year = s.year`,
			`INSERT INTO fact_investment
			 SELECT entity_cui, code, year, name, functional_code, funding, status, lei(total_value), lei(planned_year),
			        lei(spent_year), lei(spent_to_date), lei(progress_pct)::DECIMAL(5,2), planned_start, planned_end,
			        actual_start, actual_end, $1, path, line
			 FROM stg_rows JOIN stg_files USING (file_no) WHERE ok`,
		},
	},
	// The datasets staged straight into the fact table merge by
	// directMerge (load_direct.go).
	models.DatasetProcurement: {key: []string{"buyer_cui", "contract_id"}, entity: "buyer_cui"},
	models.DatasetRequests:    {key: []string{"entity_cui", "request_id"}, entity: "entity_cui"},
}

// checkStaged applies the checks that need the whole load or the warehouse:
// the institution of each row must be known, and a key may appear once in a
// load (the later rows are rejected, naming the first).
func (w *Warehouse) checkStaged(ctx context.Context, conn *sql.Conn, dataset string) error {
	r := rules[dataset]
	var q []string
	if r.entity != "" {
		q = append(q, fmt.Sprintf(`INSERT INTO stg_rejects
			SELECT s.file_no, f.path, s.line, '%[1]s', s.%[1]s,
			       'instituție necunoscută: încărcați-o întâi cu etl load --dataset entities'
			FROM stg_rows s JOIN stg_files f USING (file_no)
			WHERE s.ok AND s.%[1]s NOT IN (SELECT cui FROM dim_entity)`, r.entity))
	}
	if dataset == models.DatasetEntities {
		q = append(q, `INSERT INTO stg_rejects
			SELECT s.file_no, f.path, s.line, 'parent_cui', s.parent_cui,
			       'ordonatorul principal nu este cunoscut: încărcați-l în același fișier sau înainte'
			FROM stg_rows s JOIN stg_files f USING (file_no)
			WHERE s.ok AND s.parent_cui IS NOT NULL
			  AND s.parent_cui NOT IN (SELECT cui FROM dim_entity UNION SELECT cui FROM stg_rows WHERE ok)`)
	}
	q = append(q, duplicateKeyRejects(r.key, `SELECT * FROM stg_rows WHERE ok`))
	phase := w.tracer("check " + dataset)
	for i, s := range q {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("verificare %s: %w", dataset, err)
		}
		phase(fmt.Sprintf("query %d", i+1))
		if _, err := conn.ExecContext(ctx, `UPDATE stg_rows SET ok = false FROM (SELECT DISTINCT file_no, line FROM stg_rejects) r
			WHERE stg_rows.ok AND stg_rows.file_no = r.file_no AND stg_rows.line = r.line`); err != nil {
			return err
		}
	}
	return nil
}

// duplicateKeyRejects is the statement that rejects the rows of a load whose
// key an earlier row of the load has (by file, then line), naming that
// first row. rows is the load's rows: file_no, line and the key's columns.
// The keys that repeat are found first, by a hash aggregate that grows with
// the rows; only their rows are then ordered (a window over every row of
// the load, partitioned by key, grew faster than the rows: 0,75 s at 1 M,
// 7,1 s at 5 M). The aggregate groups the keys' hashes, not the keys (one
// integer a row): only the rows of a hash seen twice are grouped by their
// keys, which tells a repeated key from two keys of one hash.
func duplicateKeyRejects(key []string, rows string) string {
	keyCols := strings.Join(key, ", ")
	// A key may hold NULLs (a revenue line has no economic code): NULL
	// matches NULL, as in GROUP BY and PARTITION BY.
	var same []string
	for _, k := range key {
		same = append(same, fmt.Sprintf("r.%[1]s IS NOT DISTINCT FROM dup.%[1]s", k))
	}
	return fmt.Sprintf(`INSERT INTO stg_rejects
		WITH r AS (SELECT file_no, line, %[1]s FROM (%[3]s)),
		     twice AS (SELECT hash(%[1]s) AS h FROM r GROUP BY ALL HAVING count(*) > 1),
		     dup AS (SELECT %[1]s FROM r WHERE hash(%[1]s) IN (SELECT h FROM twice) GROUP BY ALL HAVING count(*) > 1)
		SELECT d.file_no, f.path, d.line, '%[2]s', '', 'cheie duplicată în încărcare (%[1]s): aceeași cheie apare la ' ||
		       CASE WHEN d.first_file = d.file_no THEN 'linia ' || d.first_line ELSE fp.path || ' linia ' || d.first_line END
		FROM (SELECT file_no, line, row_number() OVER k AS n, first_value(file_no) OVER k AS first_file,
		             first_value(line) OVER k AS first_line
		      FROM r SEMI JOIN dup ON %[4]s WINDOW k AS (PARTITION BY %[1]s ORDER BY file_no, line)) d
		JOIN stg_files f ON f.file_no = d.file_no JOIN stg_files fp ON fp.file_no = d.first_file
		WHERE d.n > 1`, keyCols, key[len(key)-1], rows, strings.Join(same, " AND "))
}

// mergeDirect merges the load's rows, already in the fact table, with the
// rows before them (directMerge).
func (w *Warehouse) mergeDirect(ctx context.Context, conn *sql.Conn, dataset string, loadID int64) error {
	phase := w.tracer("merge " + dataset)
	// The first load of a dataset replaces nothing: its DELETE would still
	// join every new row with the table (0,95 s at 5 M rows).
	var older bool
	if err := conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT EXISTS (SELECT 1 FROM %s WHERE load_id <> ?)`, factTables[dataset].table), loadID).Scan(&older); err != nil {
		return err
	}
	for i, s := range directMerge[dataset] {
		if i == 0 && !older {
			continue
		}
		if _, err := conn.ExecContext(ctx, s, loadID); err != nil {
			return fmt.Errorf("unire %s în nucleu: %w", dataset, err)
		}
		phase(fmt.Sprintf("statement %d", i+1))
	}
	return nil
}

// mergeStaged moves the good staged rows into core and resolves the names of
// the classification codes they use.
func (w *Warehouse) mergeStaged(ctx context.Context, conn *sql.Conn, dataset string, loadID int64) error {
	phase := w.tracer("merge " + dataset)
	for i, s := range rules[dataset].merge {
		if _, err := conn.ExecContext(ctx, s, loadID); err != nil {
			return fmt.Errorf("unire %s în nucleu: %w", dataset, err)
		}
		phase(fmt.Sprintf("statement %d", i+1))
	}
	switch dataset {
	case models.DatasetBudget, models.DatasetInvestments:
		if err := addFunctionalCodes(ctx, conn); err != nil {
			return err
		}
	}
	switch dataset {
	case models.DatasetBudget:
		return addEconomicCodes(ctx, conn)
	case models.DatasetEntities:
		return deriveGenitives(ctx, conn)
	}
	return nil
}

func newCodes(ctx context.Context, conn *sql.Conn, column, dim string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, fmt.Sprintf(`SELECT DISTINCT %[1]s FROM stg_rows
		WHERE ok AND %[1]s IS NOT NULL AND %[1]s NOT IN (SELECT code FROM %[2]s) ORDER BY 1`, column, dim))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func addFunctionalCodes(ctx context.Context, conn *sql.Conn) error {
	codes, err := newCodes(ctx, conn, "functional_code", "dim_functional")
	if err != nil {
		return err
	}
	for _, c := range codes {
		ch := models.FunctionalChapter(c)
		line, _ := models.LookupFunctional(c)
		chapter, _ := models.LookupFunctional(ch)
		var sub, subName any
		if s := models.FunctionalSubchapter(c); s != "" {
			x, _ := models.LookupFunctional(s)
			sub, subName = s, x.Name
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO dim_functional VALUES (?, ?, ?, ?, ?, ?, ?)`,
			c, line.Name, ch, chapter.Name, sub, subName, models.IsRevenueChapter(c)); err != nil {
			return err
		}
	}
	return nil
}

func addEconomicCodes(ctx context.Context, conn *sql.Conn) error {
	codes, err := newCodes(ctx, conn, "economic_code", "dim_economic")
	if err != nil {
		return err
	}
	for _, c := range codes {
		line, _ := models.LookupEconomic(c)
		t := models.EconomicTitle(c)
		title, _ := models.LookupEconomic(t)
		var art, artName any
		if a := models.EconomicArticle(c); a != "" {
			x, _ := models.LookupEconomic(a)
			art, artName = a, x.Name
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO dim_economic VALUES (?, ?, ?, ?, ?, ?)`,
			c, line.Name, t, title.Name, art, artName); err != nil {
			return err
		}
	}
	return nil
}
