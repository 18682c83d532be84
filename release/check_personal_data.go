package release

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/deschis/deschis/models"
)

// The personal-data gate: before a release goes live, every text column of
// every file in public/ is searched for e-mail addresses, phone numbers and
// personal numeric codes (CNP) with a valid check digit. One found refuses
// the release, naming the dataset, the column and an example row.

// Patterns of personal data that must never reach public/. RE2 syntax, as
// DuckDB's regexp functions use. A phone number is Romanian (07xx mobile,
// 02x/03x landline) with the +40/0040 prefix or a leading 0, separators
// allowed; it must not be glued to letters or digits (contract numbers).
const (
	emailPattern = `[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`
	phonePattern = `(^|[^0-9A-Za-z])(\+40|0040|0)[ .-]?[237][0-9]{2}[ .-]?[0-9]{3}[ .-]?[0-9]{3}([^0-9]|$)`
	// A CNP candidate: 13 digits standing alone; models.ValidCNP decides.
	cnpCandidate = `(^|[^0-9])([1-9][0-9]{12})([^0-9]|$)`
)

// checkPersonalData scans every text column of a public file for e-mail
// addresses, phone numbers and CNPs with a valid check digit.
func checkPersonalData(ctx context.Context, conn *sql.Conn, path string, d *models.ManifestDataset) error {
	for _, c := range d.Schema {
		if c.Type != "VARCHAR" {
			continue
		}
		col := `"` + c.Name + `"`
		for _, p := range []struct{ pattern, what string }{
			{emailPattern, "adresă de e-mail"},
			{phonePattern, "număr de telefon"},
		} {
			var v string
			err := conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT %s FROM read_parquet(?) WHERE regexp_matches(%s, ?) LIMIT 1`, col, col),
				path, p.pattern).Scan(&v)
			if err == sql.ErrNoRows {
				continue
			}
			if err != nil {
				return err
			}
			return &CheckError{Dataset: d.Name, Column: c.Name, Reason: "date personale în public/: " + p.what + " " + v,
				Example: exampleRow(ctx, conn, path, col, v)}
		}
		rows, err := conn.QueryContext(ctx, fmt.Sprintf(`SELECT DISTINCT unnest(regexp_extract_all(%s, ?, 2)) FROM read_parquet(?)
			WHERE regexp_matches(%s, ?)`, col, col), cnpCandidate, path, cnpCandidate)
		if err != nil {
			return err
		}
		var found string
		for rows.Next() && found == "" {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return err
			}
			if models.ValidCNP(s) {
				found = s
			}
		}
		rows.Close()
		if found != "" {
			return &CheckError{Dataset: d.Name, Column: c.Name, Reason: "date personale în public/: cod numeric personal (CNP) valid " + found,
				Example: exampleRow(ctx, conn, path, col, found)}
		}
	}
	return nil
}

// exampleRow returns, as JSON, the first row whose column contains value.
func exampleRow(ctx context.Context, conn *sql.Conn, path, col, value string) string {
	rows, err := conn.QueryContext(ctx, fmt.Sprintf(`SELECT * FROM read_parquet(?) WHERE contains(%s, ?) LIMIT 1`, col), path, value)
	if err != nil {
		return ""
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	if !rows.Next() {
		return ""
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if rows.Scan(ptrs...) != nil {
		return ""
	}
	m := map[string]any{}
	for i, c := range cols {
		m[c] = fmt.Sprint(vals[i])
		if vals[i] == nil {
			m[c] = nil
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}
