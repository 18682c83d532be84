package release

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/deschis/deschis/models"
)

// Preview reads the first limit rows of a public dataset in the order of
// its file (its SortKey, a total order: the rows every download begins
// with), each cell as DuckDB's text of it.
func (r *DB) Preview(ctx context.Context, dataset string, limit int) (models.Preview, error) {
	decl, ok := Lookup(dataset)
	d, inRelease := r.manifest.Dataset(dataset)
	if !ok || !inRelease || d.Access != models.Public || decl.ReadOrder == "" {
		return models.Preview{}, fmt.Errorf("%w: setul de date public %q nu este în ediție", models.ErrNotFound, dataset)
	}
	out := models.Preview{Columns: d.Schema}
	cols := make([]string, len(d.Schema))
	for i, c := range d.Schema {
		cols[i] = `CAST("` + strings.ReplaceAll(c.Name, `"`, `""`) + `" AS VARCHAR)`
	}
	// The table name and the columns are the declaration's and the manifest's.
	q := `SELECT ` + strings.Join(cols, ", ") + ` FROM ` + decl.Name + ` ORDER BY ` + decl.SortKey + ` LIMIT ` + strconv.Itoa(limit)
	err := queryRows(ctx, r.db, q, nil, func(rows *sql.Rows) error {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row := make([]models.PreviewCell, len(cols))
		for i, v := range vals {
			row[i] = models.PreviewCell{Value: v.String, Null: !v.Valid}
		}
		out.Rows = append(out.Rows, row)
		return nil
	})
	return out, err
}
