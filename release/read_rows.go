package release

// The rows of a public dataset a page at a time, for the API's
// GET /api/v1/datasets/{name}/rows: filters bound as parameters, column
// names checked against the declared schema, and keyset pagination: a page
// starts after the key of the previous page's last row (the order asked
// for, completed by the dataset's total order SortKey), so page 10,000
// costs what page 1 does: no OFFSET over the dataset.
//
// The pages are read from the release's Parquet file, the download itself,
// not from the reader's in-memory table: the file is sorted by SortKey with
// row groups of a fixed size and their statistics, so in the default order
// DuckDB's TOP_N reads the first row groups after the key and skips the
// rest (measured at scale 10: page 1 of procurement in 14–42 ms from the
// file, 210–260 ms from the table sorted for the pages), and the table's
// order stays the one the pages need.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/export"
	"github.com/deschis/deschis/models"
)

// RowsKey is the key of a page of dataset in order sort: the sort's
// columns, then those of the dataset's SortKey not among them (ascending).
func (r *DB) RowsKey(dataset string, sort []models.RowSort) ([]models.RowSort, error) {
	ds, _, err := r.rowsDataset(dataset)
	if err != nil {
		return nil, err
	}
	return rowsKey(ds, sort)
}

func rowsKey(ds Dataset, sort []models.RowSort) ([]models.RowSort, error) {
	key := append([]models.RowSort(nil), sort...)
	seen := map[string]bool{}
	for _, s := range sort {
		seen[s.Column] = true
	}
	for _, c := range strings.Split(ds.SortKey, ",") {
		if c = strings.TrimSpace(c); c != "" && !seen[c] {
			key = append(key, models.RowSort{Column: c})
			seen[c] = true
		}
	}
	return key, nil
}

// rowsDataset is the declaration and published schema of a public dataset
// the reader holds a table of.
func (r *DB) rowsDataset(name string) (Dataset, map[string]models.Column, error) {
	decl, ok := Lookup(name)
	d, inManifest := r.manifest.Dataset(name)
	if !ok || !inManifest || decl.Access != models.Public || d.Access != models.Public {
		return Dataset{}, nil, fmt.Errorf("%w: setul de date %q nu este public în ediție", models.ErrNotFound, name)
	}
	cols := map[string]models.Column{}
	for _, c := range d.Schema {
		cols[c.Name] = c
	}
	decl.Schema = d.Schema // the release's own, should the declaration have moved on
	return decl, cols, nil
}

// rowsFile is the Parquet file of a public dataset; a release pruned while
// a request still reads it is fs.ErrNotExist.
func (r *DB) rowsFile(name string) (string, error) {
	d, _ := r.manifest.Dataset(name)
	f, ok := d.File("parquet")
	if !ok {
		return "", fmt.Errorf("%w: setul %s nu are fișier Parquet", models.ErrNotFound, name)
	}
	path := filepath.Join(r.dir, filepath.FromSlash(f.Path))
	if _, err := os.Stat(path); err != nil {
		return "", err
	}
	return path, nil
}

// rowsSQL is the SELECT of a page (without its LIMIT) and its arguments:
// the columns selected are the fields, then the key, then the JSON object.
type rowsSQL struct {
	fields []models.Column
	key    []models.Column
	sort   []models.RowSort
	from   string // FROM ... WHERE ...
	order  string // ORDER BY ...
	args   []any
}

func (r *DB) rowsSQL(q models.RowsQuery) (*rowsSQL, error) {
	ds, cols, err := r.rowsDataset(q.Dataset)
	if err != nil {
		return nil, err
	}
	column := func(name string) (models.Column, error) {
		if c, ok := cols[name]; ok {
			return c, nil
		}
		return models.Column{}, fmt.Errorf("%w: setul %s nu are coloana %q", models.ErrInvalid, q.Dataset, name)
	}
	out := &rowsSQL{}
	if len(q.Fields) == 0 {
		out.fields = ds.Schema
	}
	for _, f := range q.Fields {
		c, err := column(f)
		if err != nil {
			return nil, err
		}
		out.fields = append(out.fields, c)
	}
	for _, s := range q.Sort {
		if _, err := column(s.Column); err != nil {
			return nil, err
		}
	}
	if out.sort, err = rowsKey(ds, q.Sort); err != nil {
		return nil, err
	}
	for _, s := range out.sort {
		c, err := column(s.Column)
		if err != nil {
			return nil, err
		}
		out.key = append(out.key, c)
	}
	var where []string
	for _, f := range q.Filters {
		c, err := column(f.Column)
		if err != nil {
			return nil, err
		}
		if len(f.Values) == 0 {
			return nil, fmt.Errorf("%w: filtrul %s fără valoare", models.ErrInvalid, f.Column)
		}
		col := quoteIdent(c.Name)
		switch f.Op {
		case models.OpEq, models.OpGt, models.OpGte, models.OpLt, models.OpLte:
			op := map[models.RowOp]string{models.OpEq: "=", models.OpGt: ">", models.OpGte: ">=", models.OpLt: "<", models.OpLte: "<="}[f.Op]
			where = append(where, col+" "+op+" "+param(c))
			out.args = append(out.args, f.Values[0].Text)
		case models.OpContains:
			if c.Type != "VARCHAR" {
				return nil, fmt.Errorf("%w: __contains cere o coloană text, %s este %s", models.ErrInvalid, c.Name, c.Type)
			}
			where = append(where, "contains(lower("+col+"), lower(?))")
			out.args = append(out.args, f.Values[0].Text)
		case models.OpIn:
			ps := make([]string, len(f.Values))
			for i, v := range f.Values {
				ps[i] = param(c)
				out.args = append(out.args, v.Text)
			}
			where = append(where, col+" IN ("+strings.Join(ps, ", ")+")")
		default:
			return nil, fmt.Errorf("%w: operatorul %q", models.ErrInvalid, f.Op)
		}
	}
	if q.After != nil {
		if len(q.After) != len(out.key) {
			return nil, fmt.Errorf("%w: cheia are %d valori, ordinea %d coloane", models.ErrInvalid, len(q.After), len(out.key))
		}
		// Implied by the condition, and simple enough to reach the scan:
		// the first key column's bound skips the row groups before it.
		first, v := quoteIdent(out.key[0].Name), q.After[0]
		switch {
		case v.Null:
			where = append(where, first+" IS NULL")
		case out.sort[0].Desc:
			where = append(where, "("+first+" <= "+param(out.key[0])+" OR "+first+" IS NULL)")
			out.args = append(out.args, v.Text)
		default:
			where = append(where, "("+first+" >= "+param(out.key[0])+" OR "+first+" IS NULL)")
			out.args = append(out.args, v.Text)
		}
		cond, args := after(out.key, out.sort, q.After)
		where = append(where, cond)
		out.args = append(out.args, args...)
	}
	file, err := r.rowsFile(ds.Name)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(" FROM read_parquet(" + sqlString(file) + ")")
	if len(where) > 0 {
		b.WriteString(" WHERE " + strings.Join(where, " AND "))
	}
	out.from = b.String()
	b.Reset()
	b.WriteString(" ORDER BY ")
	for i, s := range out.sort {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIdent(s.Column))
		if s.Desc {
			b.WriteString(" DESC")
		}
		b.WriteString(" NULLS LAST")
	}
	out.order = b.String()
	return out, nil
}

// after is the condition "the row comes after the key values vals" in the
// order sort (NULLS LAST both ways): for each column in turn, either it is
// past its value, or equal to it and the rest of the key is past.
func after(key []models.Column, sort []models.RowSort, vals []models.Value) (string, []any) {
	var cond string
	var args []any
	for i := len(key) - 1; i >= 0; i-- {
		col, v := quoteIdent(key[i].Name), vals[i]
		var past, equal string
		var pastArgs, equalArgs []any
		if v.Null {
			past, equal = "false", col+" IS NULL" // nothing comes after NULLS LAST
		} else {
			op := ">"
			if sort[i].Desc {
				op = "<"
			}
			past, equal = "("+col+" "+op+" "+param(key[i])+" OR "+col+" IS NULL)", col+" = "+param(key[i])
			pastArgs, equalArgs = []any{v.Text}, []any{v.Text}
		}
		if cond == "" {
			cond, args = past, pastArgs
			continue
		}
		cond = "(" + past + " OR (" + equal + " AND " + cond + "))"
		args = append(append(append([]any{}, pastArgs...), equalArgs...), args...)
	}
	return cond, args
}

// param is the placeholder of a value of column c given in its canonical
// text: cast to the column's type (a DECIMAL to one wide enough for any
// filter), text as it is.
func param(c models.Column) string {
	switch {
	case c.Type == "VARCHAR":
		return "?"
	case strings.HasPrefix(c.Type, "DECIMAL("):
		return "CAST(? AS DECIMAL(38,10))"
	default: // INTEGER, BIGINT, DATE, BOOLEAN: names of our declarations
		return "CAST(? AS " + c.Type + ")"
	}
}

// rowsBatch is the most rows one query reads: a page is read in batches
// of it, each starting after the last key of the one before (keyset again),
// so a query's memory is that of a small TOP_N whatever the page's size
// (measured at scale 10: 30 batches of 1,000 rows of procurement +27 MiB
// of RSS, 3 pages of 10,000 in one query each +190 MiB).
const rowsBatch = 1000

// Rows calls each for the rows of the page q, in order.
func (r *DB) Rows(ctx context.Context, q models.RowsQuery, each func(models.Row) error) error {
	if q.Limit < 0 {
		return fmt.Errorf("%w: limit %d", models.ErrInvalid, q.Limit)
	}
	return r.batches(ctx, q, false, each)
}

// batches reads the page q in batches of rowsBatch rows (keysOnly: the key
// columns alone).
func (r *DB) batches(ctx context.Context, q models.RowsQuery, keysOnly bool, each func(models.Row) error) error {
	for left := q.Limit; left > 0; {
		b := q
		b.Limit = min(left, rowsBatch)
		n := 0
		var last []models.Value
		err := r.batch(ctx, b, keysOnly, func(row models.Row) error {
			n++
			last = append(last[:0], row.Key...)
			return each(row)
		})
		if err != nil {
			return err
		}
		if left -= n; n < b.Limit {
			return nil
		}
		q.After = append([]models.Value(nil), last...)
	}
	return nil
}

// batch reads the page q in one query.
func (r *DB) batch(ctx context.Context, q models.RowsQuery, keysOnly bool, each func(models.Row) error) error {
	s, err := r.rowsSQL(q)
	if err != nil {
		return err
	}
	if keysOnly {
		s.fields, q.JSON = nil, false
	}
	sel := make([]string, 0, len(s.fields)+len(s.key)+1)
	inner := map[string]bool{}
	for _, c := range append(append([]models.Column(nil), s.fields...), s.key...) {
		sel = append(sel, quoteIdent(c.Name))
		inner[c.Name] = true
	}
	// The page is chosen first (a TOP_N over the rows after the key: the
	// LIMIT is a literal, since DuckDB plans no TOP_N for a bound one),
	// then only its rows are serialised, in the same order again.
	cols := make([]string, 0, len(inner))
	for _, c := range s.fields {
		if inner[c.Name] {
			cols, inner[c.Name] = append(cols, quoteIdent(c.Name)), false
		}
	}
	for _, c := range s.key {
		if inner[c.Name] {
			cols, inner[c.Name] = append(cols, quoteIdent(c.Name)), false
		}
	}
	page := "(SELECT " + strings.Join(cols, ", ") + s.from + s.order + " LIMIT " + strconv.Itoa(q.Limit) + ")"
	if q.JSON {
		// DuckDB serialises the object exactly as its COPY ... (FORMAT
		// json) wrote the release's NDJSON download.
		pack := make([]string, len(s.fields))
		for i, c := range s.fields {
			pack[i] = quoteIdent(c.Name) + " := " + quoteIdent(c.Name)
		}
		sel = append(sel, "CAST(to_json(struct_pack("+strings.Join(pack, ", ")+")) AS VARCHAR)")
	}
	rows, err := r.db.QueryContext(ctx, "SELECT "+strings.Join(sel, ", ")+" FROM "+page+" AS page"+s.order, s.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	raw := make([]any, len(sel))
	ptrs := make([]any, len(raw))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	nf, nk := len(s.fields), len(s.key)
	row := models.Row{Values: make([]any, nf), Key: make([]models.Value, nk)}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, c := range s.fields {
			if row.Values[i], err = exportValue(raw[i], c); err != nil {
				return err
			}
		}
		for i, c := range s.key {
			if row.Key[i], err = keyValue(raw[nf+i], c); err != nil {
				return err
			}
		}
		if q.JSON {
			row.JSON, _ = raw[nf+nk].(string)
		}
		if err := each(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// RowsEnd is the key of the page's q.Limit-th row and whether a row
// follows it (for the formats that say where the next page starts in a
// header, before their rows): the key columns alone, in batches.
func (r *DB) RowsEnd(ctx context.Context, q models.RowsQuery) ([]models.Value, bool, error) {
	if q.Limit < 1 {
		return nil, false, fmt.Errorf("%w: limit %d", models.ErrInvalid, q.Limit)
	}
	var key []models.Value
	n := 0
	if err := r.batches(ctx, q, true, func(row models.Row) error {
		n++
		key = append(key[:0], row.Key...)
		return nil
	}); err != nil || n < q.Limit {
		return nil, false, err
	}
	q.After, q.Limit = key, 1
	more := false
	err := r.batch(ctx, q, true, func(models.Row) error { more = true; return nil })
	return key, more, err
}

// keyValue is a scanned value in its canonical text (models.Value).
func keyValue(v any, c models.Column) (models.Value, error) {
	v, err := exportValue(v, c)
	if err != nil {
		return models.Value{}, err
	}
	switch v := v.(type) {
	case nil:
		return models.Value{Null: true}, nil
	case string:
		return models.Value{Text: v}, nil
	case export.Decimal:
		return models.Value{Text: v.String()}, nil
	case time.Time:
		return models.Value{Text: v.Format(time.DateOnly)}, nil
	case int32:
		return models.Value{Text: strconv.FormatInt(int64(v), 10)}, nil
	case int64:
		return models.Value{Text: strconv.FormatInt(v, 10)}, nil
	case bool:
		return models.Value{Text: strconv.FormatBool(v)}, nil
	}
	return models.Value{}, errors.New("release: a key cannot hold " + fmt.Sprintf("%T", v))
}

var _ models.RowsReader = (*DB)(nil)
