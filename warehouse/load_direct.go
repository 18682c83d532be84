package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/deschis/deschis/models"
)

// Staging straight into the fact table: a load of a dataset the SQL path
// compiles (SQLPath) writes its rows once, into the dataset's fact table,
// marked with the new load's id. The SQL path's rows go there directly from
// read_csv (stageCSV); the rows the Go rules read (a file the SQL path does
// not take, a row the macros did not pass) are staged in stg_rows as for
// every dataset and moved there when every file is read (moveStaged). The
// set-based checks then reject rows of the new load only (removing them from
// the fact table), and the merge deletes the older rows the new ones
// replace. All of it is in the load's one transaction: a refused, failed or
// interrupted load leaves no row behind.

// factTable is where a dataset's rows land: the table, and the columns its
// staged fields fill (with the expression over the staged values when it is
// not the field itself; {as_of} is the day of the load).
type factTable struct {
	table string
	cols  []string
	expr  map[string]string
}

var factTables = map[string]factTable{
	models.DatasetProcurement: {
		table: "fact_procurement",
		cols: []string{"buyer_cui", "contract_id", "kind", "parent_id", "supplier_cui", "supplier_name", "title", "cpv", "value",
			"currency", "award_date", "procedure", "offers", "eu_funded", "investment_code"},
		expr: map[string]string{"value": "lei(value)"},
	},
	models.DatasetRequests: {
		table: "fact_request",
		cols: []string{"entity_cui", "request_id", "received", "channel", "category", "type", "department", "term_days", "extended",
			"answered", "status", "as_of"},
		// A request is open (or past its term) as of the moment its register
		// was exported: the rows say when (as_of), or it is the day of the
		// load, in the server's time zone, kept with the rows.
		expr: map[string]string{"as_of": "coalesce(as_of, {as_of}::DATE)"},
	},
}

func (ft factTable) columns() []string {
	out := make([]string, len(ft.cols))
	for i, c := range ft.cols {
		out[i] = fmt.Sprintf("%q", c)
	}
	return out
}

// exprs are the values of columns() over the staged fields.
func (ft factTable) exprs(asOf string) []string {
	out := make([]string, len(ft.cols))
	for i, c := range ft.cols {
		e, ok := ft.expr[c]
		if !ok {
			e = fmt.Sprintf("%q", c)
		}
		out[i] = strings.ReplaceAll(e, "{as_of}", sqlString(asOf))
	}
	return out
}

// direct reports whether a load of dataset stages into the fact table.
func direct(dataset string) bool {
	_, ok := factTables[dataset]
	return ok
}

// moveStaged writes the good rows of stg_rows (read by the Go rules) into
// the fact table as rows of the load, and the names of the institutions
// they name that the warehouse does not know into stg_names.
func moveStaged(ctx context.Context, conn *sql.Conn, dataset string, loadID int64, asOf string) error {
	ft := factTables[dataset]
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`INSERT INTO %s (%s, load_id, source_file, source_line)
		SELECT %s, %d, path, line FROM stg_rows JOIN stg_files USING (file_no) WHERE ok`,
		ft.table, strings.Join(ft.columns(), ", "), strings.Join(ft.exprs(asOf), ", "), loadID)); err != nil {
		return fmt.Errorf("staging %s: %w", dataset, err)
	}
	if name := entityNameField[dataset]; name != "" {
		entity := rules[dataset].entity
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`INSERT INTO stg_names SELECT %[1]q, %[2]q, count(*) FROM stg_rows
			WHERE ok AND %[1]q NOT IN (SELECT cui FROM dim_entity) GROUP BY ALL`, entity, name)); err != nil {
			return err
		}
	}
	return nil
}

// directCounts is, per file number, the load's rows in the fact table, and
// with read also the rows the Go rules rejected (the rows read, before the
// checks).
func directCounts(ctx context.Context, conn *sql.Conn, dataset string, loadID int64, read bool) (map[int]int64, error) {
	q := fmt.Sprintf(`SELECT f.file_no, count(*) FROM %s t JOIN stg_files f ON f.path = t.source_file WHERE t.load_id = ? GROUP BY ALL`,
		factTables[dataset].table)
	if read {
		q = fmt.Sprintf(`SELECT file_no, sum(n)::BIGINT FROM (%s UNION ALL SELECT file_no, count(*) FROM stg_rows WHERE NOT ok GROUP BY ALL) t(file_no, n)
			GROUP BY ALL`, q)
	}
	return countsByFile(ctx, conn, q, loadID)
}

// directUnknownEntities are the institutions the load's rows name that the
// warehouse does not know, with the name their rows give most often (NULL
// when none): what registerEntities registers.
func directUnknownEntities(dataset string, loadID int64) string {
	r := rules[dataset]
	return fmt.Sprintf(`SELECT t.%[1]s, (SELECT first(name ORDER BY n DESC, name) FROM (SELECT name, sum(n) AS n FROM stg_names
		  WHERE cui = t.%[1]s AND name IS NOT NULL GROUP BY name))
		FROM (SELECT DISTINCT %[1]s FROM %[2]s WHERE load_id = %[3]d AND %[1]s NOT IN (SELECT cui FROM dim_entity)) t ORDER BY 1`,
		r.entity, factTables[dataset].table, loadID)
}

// checkDirect is checkStaged on the load's rows in the fact table: the
// institution of each row must be known, and a key may appear once in a
// load (the later rows are rejected, naming the first). A rejected row
// leaves the fact table.
func (w *Warehouse) checkDirect(ctx context.Context, conn *sql.Conn, dataset string, loadID int64) error {
	r, t := rules[dataset], factTables[dataset].table
	q := []string{
		fmt.Sprintf(`INSERT INTO stg_rejects
			SELECT f.file_no, f.path, s.source_line, '%[1]s', s.%[1]s,
			       'instituție necunoscută: încărcați-o întâi cu etl load --dataset entities'
			FROM %[2]s s JOIN stg_files f ON f.path = s.source_file
			WHERE s.load_id = %[3]d AND s.%[1]s NOT IN (SELECT cui FROM dim_entity)`, r.entity, t, loadID),
		duplicateKeyRejects(r.key, fmt.Sprintf(`SELECT f.file_no, s.source_line AS line, s.* EXCLUDE (source_line) FROM %s s
			JOIN stg_files f ON f.path = s.source_file WHERE s.load_id = %d`, t, loadID)),
	}
	phase := w.tracer("check " + dataset)
	for i, s := range q {
		res, err := conn.ExecContext(ctx, s)
		if err != nil {
			return fmt.Errorf("verificare %s: %w", dataset, err)
		}
		phase(fmt.Sprintf("query %d", i+1))
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			continue
		}
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`DELETE FROM %s t USING (SELECT DISTINCT f.path, r.line FROM stg_rejects r JOIN stg_files f USING (file_no)) r
			WHERE t.load_id = %d AND t.source_file = r.path AND t.source_line = r.line`, t, loadID)); err != nil {
			return err
		}
	}
	return nil
}

// directMerge are the statements that merge a load's rows with the rows
// already in core: the older rows of the same keys go (the first, a DELETE,
// which mergeDirect leaves out when the fact table has no older row), the
// dimensions the new rows name are added ($1 is the load id).
var directMerge = map[string][]string{
	models.DatasetProcurement: {
		`DELETE FROM fact_procurement f USING (SELECT buyer_cui, contract_id FROM fact_procurement WHERE load_id = $1) s
		 WHERE f.load_id <> $1 AND f.buyer_cui = s.buyer_cui AND f.contract_id = s.contract_id`,
		`INSERT INTO dim_supplier (cui, name, load_id)
		 SELECT supplier_cui, arg_max(supplier_name, award_date), $1 FROM fact_procurement WHERE load_id = $1 GROUP BY supplier_cui
		 ON CONFLICT (cui) DO UPDATE SET name = excluded.name, load_id = excluded.load_id`,
	},
	models.DatasetRequests: {
		`DELETE FROM fact_request f USING (SELECT entity_cui, request_id FROM fact_request WHERE load_id = $1) s
		 WHERE f.load_id <> $1 AND f.entity_cui = s.entity_cui AND f.request_id = s.request_id`,
		`INSERT INTO dim_department SELECT DISTINCT entity_cui, department FROM fact_request WHERE load_id = $1 ON CONFLICT DO NOTHING`,
	},
}
