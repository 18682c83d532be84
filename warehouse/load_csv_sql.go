package warehouse

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/deschis/deschis/models"
)

// The SQL load path: a canonical CSV file (ingest.CanonicalSQL) is read by
// DuckDB's read_csv with every column as text, typed by the value rules
// written as SQL macros (load_csv_rules.sql) and written once, into stg_rows,
// on every core. The macros accept the plain shapes the canonical format
// writes; a row they do not pass (a decorated fiscal code, a third decimal,
// a missing value, a cross-field rule) keeps its cells and is read again by
// the Go rules (CSVFile.Row), so a reject says exactly what the Go path says.
// The set-based checks and the merge are the Go path's, in the same
// transaction.

//go:embed load_csv_rules.sql
var csvRulesTemplate string

// csvRulesSQL is the macros with the white space of strings.TrimSpace
// (unicode.IsSpace) written out: a literal is what DuckDB's trim reads
// fastest.
var csvRulesSQL = strings.NewReplacer("{{unicode_spaces}}", unicodeSpaces(false), "{{unicode_spaces_re}}", unicodeSpaces(true)).Replace(csvRulesTemplate)

// unicodeSpaces is every rune of unicode.IsSpace, as characters or as the
// \x{…} escapes of a regular expression's class.
func unicodeSpaces(re bool) string {
	var b strings.Builder
	for r := rune(0); r <= unicode.MaxRune; r++ {
		switch {
		case !unicode.IsSpace(r):
		case re:
			fmt.Fprintf(&b, `\x{%X}`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CSVFile is a canonical CSV file the warehouse reads itself (the fields of
// ingest.CanonicalCSV; cmd/etl passes one to the other).
type CSVFile struct {
	Path                             string
	Width, HeaderLines               int
	ColOf                            []int
	EntityField                      int
	Entity                           string
	CRLF, QuotedNewlines, CRInQuotes bool
	// NoEdgeSpaces, NoCedillas: no cell needs trimming, no cell holds a
	// cedilla letter (ingest.CanonicalCSV's); then those rules are left out
	// of the SQL. The zero value applies them.
	NoEdgeSpaces, NoCedillas bool
	// EdgeSpaceCols, CedillaCols: the columns that may need each rule
	// (ingest.CanonicalCSV's); nil: every column.
	EdgeSpaceCols, CedillaCols []bool
	// PlainCols: the columns whose every cell is empty or in the plain
	// shape its field's SQL rule tests with a regular expression
	// (ingest.CanonicalCSV's); the rule then leaves the expression out.
	// nil: none.
	PlainCols []bool
	Rows      int64
	// LineSpans, ManySpans: the records that span more than one physical
	// line (ingest.CanonicalCSV's), for numberLines.
	LineSpans []LineSpan
	ManySpans bool
	// Numbered: the file with each record's physical line as a first cell
	// (ingest.CanonicalCSV's), which read_csv reads instead; the load
	// removes it. Then no row is numbered after the insert.
	Numbered string
	Row      func(line int, cells []string) *models.Record
	// MappedCSV: a file of the csv format with a mapping (load_csv_mapped.go).
	MappedCSV
	// Sicap: a SICAP export, its shape's columns (load_csv_sicap.go).
	Sicap *SicapCSV
}

// sqlDatasets are the datasets the SQL path compiles (the largest files);
// the others are read by the Go path.
var sqlDatasets = []string{models.DatasetProcurement, models.DatasetRequests}

// SQLPath reports whether a load of dataset reads a LoadFile's CSV (when it
// has one) in DuckDB.
func SQLPath(dataset string) bool { return slices.Contains(sqlDatasets, dataset) }

// stageCSV reads one file by the SQL path straight into the dataset's fact
// table, as rows of the load loadID (the load's one write of its rows):
// the rows every SQL rule passes, with their file and physical line. The
// rows the macros do not pass are read again, only when there are any (the
// insert wrote fewer rows than the file has), and handed to the Go rules,
// whose records go to stg_rows like the Go path's. It returns the rows
// read; phase traces the steps.
func stageCSV(ctx context.Context, conn *sql.Conn, dataset string, fileNo int, loadID int64, asOf string, f *CSVFile, phase func(string)) (int64, error) {
	// The copies go whatever happens, a load cancelled before its first
	// statement included.
	defer f.removeCopies()
	if _, err := conn.ExecContext(ctx, csvRulesSQL+csvRulesMappedSQL+csvRulesSicapSQL); err != nil {
		return 0, fmt.Errorf("reguli SQL: %w", err)
	}
	// The rows of a numbered copy carry their line; the others are numbered
	// after the insert (numberLines) unless the file has too many records
	// spanning lines to list (ManySpans).
	numbered := f.Numbered != "" || f.QuotedNewlines && f.ManySpans
	res, err := conn.ExecContext(ctx, csvFactInsert(dataset, fileNo, loadID, asOf, f, numbered), f.readPath())
	if err != nil {
		return 0, fmt.Errorf("citire SQL %s: %w", f.Path, err)
	}
	inserted, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	phase("insert")
	var (
		recs   []*models.Record
		handed []int64 // the record numbers of the rows given to the Go rules, skipped ones included
	)
	if inserted < f.Rows {
		// The rows the macros did not pass go to the Go rules.
		rows, err := conn.QueryContext(ctx, `SELECT rn, line, raw FROM (`+csvSelect(dataset, f, true, true)+`) WHERE NOT ok ORDER BY rn`, f.readPath())
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			var (
				rn, line int64
				raw      []any
			)
			if err := rows.Scan(&rn, &line, &raw); err != nil {
				rows.Close()
				return 0, err
			}
			handed = append(handed, rn)
			cells := make([]string, len(raw))
			for i, c := range raw {
				cells[i], _ = c.(string)
			}
			if rec := f.Row(int(line), cells); rec != nil { // nil: a row the mapping skips
				recs = append(recs, rec)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
		phase("left to Go")
	}
	// read_csv must have read the records the scan counted: else the two
	// readers disagree on the file and no line number can be trusted.
	if n := inserted + int64(len(handed)); n != f.Rows {
		return 0, fmt.Errorf("citire SQL %s: read_csv a citit %d rânduri, scanarea fișierului %d", f.Path, n, f.Rows)
	}
	if !numbered {
		if err := numberLines(ctx, conn, dataset, loadID, f, inserted, handed); err != nil {
			return 0, err
		}
		phase("lines")
	}
	if err := stageNames(ctx, conn, dataset, loadID, f); err != nil {
		return 0, err
	}
	phase("names")
	if len(recs) > 0 {
		if err := stageRecords(ctx, conn, dataset, fileNo, &recordList{recs: recs}); err != nil {
			return 0, err
		}
		phase("Go rules")
	}
	return f.Rows, nil
}

// stageNames keeps, for the institutions the file's rows name that the
// warehouse does not know, the names the rows give them (stg_names, what
// registerEntities reads): the fact table has no column for them. The file
// is read a second time only when there is such an institution.
func stageNames(ctx context.Context, conn *sql.Conn, dataset string, loadID int64, f *CSVFile) error {
	entity, name := rules[dataset].entity, entityNameField[dataset]
	if name == "" {
		return nil
	}
	var unknown int64
	if err := conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %s WHERE load_id = ? AND source_file = ? AND %s NOT IN (SELECT cui FROM dim_entity)`,
		factTables[dataset].table, entity), loadID, f.Path).Scan(&unknown); err != nil || unknown == 0 {
		return err
	}
	_, err := conn.ExecContext(ctx, fmt.Sprintf(`INSERT INTO stg_names SELECT %[1]q, %[2]q, count(*) FROM (%[3]s)
		WHERE ok AND %[1]q NOT IN (SELECT cui FROM dim_entity) GROUP BY ALL`, entity, name, csvSelect(dataset, f, false, false)), f.readPath())
	return err
}

// recordList is a models.RowReader over records already read.
type recordList struct{ recs []*models.Record }

func (l *recordList) Next() (*models.Record, error) {
	if len(l.recs) == 0 {
		return nil, io.EOF
	}
	r := l.recs[0]
	l.recs = l.recs[1:]
	return r, nil
}

func (l *recordList) Close() error { return nil }

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func sqlList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = sqlString(v)
	}
	return strings.Join(q, ", ")
}

// needs reports whether a rule the scan found no use for in the whole file
// (none) or in some columns (cols, by column; nil when unknown) applies to
// column col (-1: a value that is not one column's cell, which always
// gets it).
// plain reports whether the cells of field i of a canonical file are known
// to be in the shape its rule tests (PlainCols): a column of the file,
// neither a mapped file's nor a SICAP export's, whose cells are read as
// they are written.
func (f *CSVFile) plain(i int) bool {
	if f.Fields != nil || f.Sicap != nil || i >= len(f.ColOf) {
		return false
	}
	c := f.ColOf[i]
	return c >= 0 && c < len(f.PlainCols) && f.PlainCols[c]
}

func needs(none bool, cols []bool, col int) bool {
	switch {
	case none:
		return false
	case col < 0 || col >= len(cols):
		return true
	}
	return cols[col]
}

// textCol is the column whose cell is field i's text as it is (the canonical
// format's column; a mapped field without extract, map, default or
// constant), -1 when its text may come from elsewhere (a SICAP shape's
// cells, a mapping's values).
func (f *CSVFile) textCol(i int) int {
	switch {
	case f.Sicap != nil:
		return -1
	case f.Fields != nil:
		mf := f.Fields[i]
		if mf == nil || mf.Constant != nil || mf.Extract != "" || len(mf.Map) > 0 || mf.Default != nil {
			return -1
		}
	}
	return f.ColOf[i]
}

// csvFactInsert is the statement that reads f into the dataset's fact table
// as rows of the load loadID: the rows of csvSelect every rule passes, with
// their line when numbered, else without (numberLines sets it).
func csvFactInsert(dataset string, fileNo int, loadID int64, asOf string, f *CSVFile, numbered bool) string {
	ft := factTables[dataset]
	return fmt.Sprintf(`INSERT INTO %s (%s, load_id, source_file, source_line) SELECT %s, %d, %s, line FROM (%s) WHERE ok`,
		ft.table, strings.Join(ft.columns(), ", "), strings.Join(ft.exprs(asOf), ", "), loadID, sqlString(f.Path), csvSelect(dataset, f, numbered, false))
}

// csvSelect is the query that reads f (its one parameter, the path):
// read_csv with the file's dialect; when numbered, each row's record number
// rn and physical line (the numbered copy's first cell, else the header's
// lines, the record number, and the line breaks inside the cells of the
// rows before; NULL otherwise); each field typed by its macro under the field's name, ok when
// every field and the dataset's cross-field rules pass (the typed values are
// the row's only then), and, when raw, raw: the row's cells for the Go rules
// (a list of every cell, which the insert does without: DuckDB builds it
// even when no outer query reads it).
func csvSelect(dataset string, f *CSVFile, numbered, raw bool) string {
	fields := models.SourceFields[dataset]
	var cols, cells []string
	for i := range f.Width {
		cols = append(cols, fmt.Sprintf("'c%d': 'VARCHAR'", i))
		c := fmt.Sprintf("c%d", i)
		if f.CRInQuotes { // Go's reader reads \r\n inside quotes as \n
			c = fmt.Sprintf("replace(c%d, chr(13) || chr(10), chr(10))", i)
		}
		cells = append(cells, fmt.Sprintf("coalesce(%s, '') AS c%d", c, i))
	}
	// The line ending is left to read_csv (one per file, ingest.CanonicalSQL
	// checks): DuckDB 1.5.6 reads no row of a \r\n file given new_line.
	skip := f.SkipLines
	if f.Numbered != "" {
		cols, skip = append([]string{"'line': 'BIGINT'"}, cols...), 0
	}
	read := fmt.Sprintf(`read_csv(?, header = true, auto_detect = false, columns = {%s}, delim = %s, quote = '"', escape = '"',
		strict_mode = true, null_padding = false, allow_quoted_nulls = false, max_line_size = 4194304, encoding = 'utf-8', skip = %d)`,
		strings.Join(cols, ", "), f.delim(), skip)
	line := fmt.Sprintf("rn + %d", f.HeaderLines+f.SkipLines)
	src := "SELECT row_number() OVER () AS rn, * FROM " + read
	if f.Numbered != "" {
		// Each row's line is its first cell: no window, every core.
		src, line = "SELECT line AS rn, * EXCLUDE (line) FROM "+read, "rn"
	} else if !numbered {
		// No window over read_csv: DuckDB reads the file and applies the
		// macros on every thread, the insert keeps the file's order, and
		// numberLines derives each row's line from its place.
		src, line = "SELECT NULL::BIGINT AS rn, * FROM "+read, "NULL::BIGINT"
	} else if f.QuotedNewlines {
		var nl []string
		for i := range f.Width {
			nl = append(nl, fmt.Sprintf("(strlen(coalesce(c%[1]d, '')) - strlen(replace(coalesce(c%[1]d, ''), chr(10), '')))", i))
		}
		src = fmt.Sprintf(`SELECT *, %s AS nl FROM (%s)`, strings.Join(nl, " + "), src)
		line = fmt.Sprintf("rn + %d + coalesce(sum(nl) OVER (ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)", f.HeaderLines+f.SkipLines)
	}
	lined := fmt.Sprintf(`SELECT rn, %s AS line, %s FROM (%s)`, line, strings.Join(cells, ", "), src)
	if f.Sicap != nil {
		lined = f.sicapLined(lined)
	}

	// t_i: the trimmed cell of field i (NULL when empty or absent).
	var trimmed []string
	for i := range fields {
		if f.Sicap != nil {
			trimmed = append(trimmed, f.sicapCell(i))
			continue
		}
		if f.Fields != nil {
			trimmed = append(trimmed, f.mappedCell(i))
			continue
		}
		raw := "NULL"
		switch {
		case f.ColOf[i] >= 0:
			raw = fmt.Sprintf("c%d", f.ColOf[i])
		case i == f.EntityField && f.Entity != "":
			raw = sqlString(f.Entity)
		}
		if needs(f.NoEdgeSpaces, f.EdgeSpaceCols, f.ColOf[i]) {
			raw = fmt.Sprintf("deschis_trim(%s)", raw)
		}
		trimmed = append(trimmed, fmt.Sprintf("nullif(%s, '') AS t%d", raw, i))
	}
	var all []string
	for i := range f.Width {
		all = append(all, fmt.Sprintf("c%d", i))
	}
	withT := fmt.Sprintf(`SELECT rn, line, %s, %s FROM (%s)`, strings.Join(all, ", "), strings.Join(trimmed, ", "), lined)

	// v_i: the typed value; k_i: whether the cell passes.
	var typed []string
	for i, fd := range fields {
		t := fmt.Sprintf("t%d", i)
		v, ok := t, "true"
		if f.Fields != nil {
			if mv, mok, mapped := f.mappedTyped(i, fd); mapped {
				v, ok = mv, mok
				fd.Type = "" // typed by the mapping's notation
			}
		}
		if f.Sicap != nil {
			if sv, sok, typed := f.sicapTyped(i, fd); typed {
				v, ok = sv, sok
				fd.Type = "" // typed by the shape's notation
			}
		}
		// A column wholly in its shape (PlainCols) leaves out the rule's
		// regular expression.
		plain := f.plain(i)
		switch fd.Type {
		case "":
		case models.TypeText:
			if needs(f.NoCedillas, f.CedillaCols, f.textCol(i)) {
				v = fmt.Sprintf("deschis_text(%s)", t)
			}
		case models.TypeCUI:
			ok = fmt.Sprintf("deschis_cui_ok(%s, n%d)", t, i)
			if plain {
				ok = fmt.Sprintf("deschis_cui_check(n%d)", i)
			}
		case models.TypeInt:
			v, ok = fmt.Sprintf("try_cast(%s AS BIGINT)", t), fmt.Sprintf("deschis_int_ok(%s)", t)
			if plain {
				ok = "true"
			}
		case models.TypeAmount:
			v, ok = fmt.Sprintf("deschis_amount(%s)", t), fmt.Sprintf("deschis_amount_ok(%s)", t)
			if plain {
				ok = "true"
			}
		case models.TypeDate:
			v, ok = fmt.Sprintf("try_cast(%s AS DATE)", t), fmt.Sprintf("deschis_date_ok(%s)", t)
			if plain {
				ok = v + " IS NOT NULL" // the calendar's days
			}
		case models.TypeBool:
			v = fmt.Sprintf("deschis_bool(%s)", t)
			ok = v + " IS NOT NULL"
		case models.TypeCPV:
			ok = fmt.Sprintf("deschis_cpv_ok(%s)", t)
			if plain {
				ok = "true"
			}
		case models.TypeEnum:
			// Simple CASEs, not IN lists (see deschis_bool): the value as
			// written, else folded.
			var exact, when []string
			for _, a := range fd.Enum {
				exact = append(exact, fmt.Sprintf("WHEN %[1]s THEN %[1]s", sqlString(a)))
				when = append(when, fmt.Sprintf("WHEN %s THEN %s", sqlString(models.FoldRomanian(a)), sqlString(a)))
			}
			v = fmt.Sprintf("CASE %[1]s %[2]s ELSE CASE deschis_fold(%[1]s) %[3]s END END", t, strings.Join(exact, " "), strings.Join(when, " "))
			ok = v + " IS NOT NULL"
		default:
			// functional and economic codes: no dataset of the SQL path has them.
			panic("warehouse: SQL path without a rule for " + string(fd.Type))
		}
		if fd.Required {
			ok = fmt.Sprintf("(%s IS NOT NULL AND %s)", t, ok)
		} else {
			ok = fmt.Sprintf("(%s IS NULL OR %s)", t, ok)
		}
		if f.Fields != nil || f.Sicap != nil {
			ok = fmt.Sprintf("(NOT b%d AND %s)", i, ok)
		}
		typed = append(typed, fmt.Sprintf("%s AS v%d, coalesce(%s, false) AS k%d", v, i, ok, i))
	}
	// n_i: a fiscal code's digits as a number, cast once (a macro's
	// argument is copied where the macro uses it).
	withN := withT
	for i, fd := range fields {
		if fd.Type == models.TypeCUI {
			withN = fmt.Sprintf(`SELECT *, try_cast(t%[1]d AS BIGINT) AS n%[1]d FROM (%[2]s)`, i, withN)
		}
	}
	withV := fmt.Sprintf(`SELECT rn, line, %s, %s FROM (%s)`, strings.Join(all, ", "), strings.Join(typed, ", "), withN)

	// The cross-field rules (ingest.validateRecord) on rows whose cells all
	// passed, and the values they fill.
	v := func(name string) string { return fmt.Sprintf("v%d", models.FieldIndex(dataset, name)) }
	var checks []string
	for i := range fields {
		checks = append(checks, fmt.Sprintf("k%d", i))
	}
	if e := f.EntityField; e >= 0 && f.Entity != "" {
		checks = append(checks, fmt.Sprintf("v%d = %s", e, sqlString(f.Entity)))
	}
	if f.Fields != nil {
		if skip := f.mappedSkips(); skip != "" {
			checks = append(checks, skip)
		}
	}
	out := make([]string, len(fields))
	for i := range fields {
		out[i] = fmt.Sprintf("v%d", i)
	}
	switch dataset {
	case models.DatasetProcurement:
		checks = append(checks,
			fmt.Sprintf("(%s = %s) = (%s IS NOT NULL)", v("kind"), sqlString(string(models.CallOff)), v("parent_id")),
			v("value")+" >= 0", fmt.Sprintf("coalesce(%s >= 0, true)", v("offers")),
			// A supplier code of 13 characters or more may be a CNP: the Go
			// rules mask it (ingest's maskPrivateSupplier).
			fmt.Sprintf("strlen(%s) < 13", v("supplier_cui")))
		out[models.FieldIndex(dataset, "currency")] = fmt.Sprintf("coalesce(%s, 'RON')", v("currency"))
	case models.DatasetRequests:
		var answered, open []string
		for _, s := range models.RequestStatuses {
			switch s.Outcome() {
			case models.OutcomeAnswered:
				answered = append(answered, string(s))
			case models.OutcomeOpen:
				open = append(open, string(s))
			}
		}
		var terms, known []string
		for _, t := range slices.Sorted(maps.Keys(f.Terms)) { // the mapping's first (its fillTerm)
			terms = append(terms, fmt.Sprintf("WHEN %s THEN %d", sqlString(t), f.Terms[t]))
			known = append(known, t)
		}
		for _, t := range slices.Sorted(maps.Keys(models.DefaultTerms)) {
			d := models.DefaultTerms[t]
			terms = append(terms, fmt.Sprintf("WHEN %s THEN CASE WHEN coalesce(%s, false) THEN %d ELSE %d END", sqlString(t), v("extended"), d.ExtendedDays, d.Days))
			known = append(known, t)
		}
		rec, ans, asOf := v("received"), v("answered"), v("as_of")
		checks = append(checks,
			fmt.Sprintf("(%[1]s IS NULL OR %[1]s >= %[2]s)", ans, rec),
			fmt.Sprintf("(%s NOT IN (%s) OR %s IS NOT NULL)", v("status"), sqlList(answered), ans),
			fmt.Sprintf("(%s NOT IN (%s) OR %s IS NULL)", v("status"), sqlList(open), ans),
			fmt.Sprintf("(%[1]s IS NULL OR (%[1]s >= %[2]s AND (%[3]s IS NULL OR %[1]s >= %[3]s)))", asOf, rec, ans),
			fmt.Sprintf("CASE WHEN %[1]s IS NULL THEN %[2]s IN (%[3]s) ELSE %[1]s BETWEEN 1 AND 365 END", v("term_days"), v("type"), sqlList(known)))
		out[models.FieldIndex(dataset, "extended")] = fmt.Sprintf("coalesce(%s, false)", v("extended"))
		out[models.FieldIndex(dataset, "term_days")] = fmt.Sprintf("coalesce(%s, CASE %s %s END)", v("term_days"), v("type"), strings.Join(terms, " "))
	}
	for i, fd := range fields {
		out[i] = fmt.Sprintf("%s AS %q", out[i], fd.Name)
	}
	if raw {
		out = append(out, fmt.Sprintf("[%s] AS raw", strings.Join(all, ", ")))
	}
	return fmt.Sprintf(`SELECT rn, line, ok, %s FROM (SELECT *, coalesce(%s, false) AS ok FROM (%s))`,
		strings.Join(out, ", "), strings.Join(checks, " AND "), withV)
}
