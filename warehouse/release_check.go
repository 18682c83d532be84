package warehouse

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/deschis/deschis/models"
)

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

// checkRelease reads every file back through DuckDB before the release goes
// live: the schema must be the declared one, the row count the warehouse's,
// and public/ must hold no personal data.
func checkRelease(ctx context.Context, conn *sql.Conn, dir string, man *models.Manifest) error {
	for _, d := range man.Datasets {
		for _, f := range d.Files {
			path := filepath.Join(dir, filepath.FromSlash(f.Path))
			if err := checkSchema(ctx, conn, path, &d); err != nil {
				return err
			}
			var n int64
			if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(?)`, path).Scan(&n); err != nil {
				return err
			}
			if n != d.Rows {
				return &CheckError{Dataset: d.Name, Reason: fmt.Sprintf("fișierul %s are %d rânduri, depozitul %d", f.Path, n, d.Rows)}
			}
			if d.Access == models.Public {
				if err := checkPersonalData(ctx, conn, path, &d); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func checkSchema(ctx context.Context, conn *sql.Conn, path string, d *models.ManifestDataset) error {
	rows, err := conn.QueryContext(ctx, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))`, path)
	if err != nil {
		return err
	}
	defer rows.Close()
	var got []models.Column
	for rows.Next() {
		var c models.Column
		if err := rows.Scan(&c.Name, &c.Type); err != nil {
			return err
		}
		got = append(got, c)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(got) != len(d.Schema) {
		return &CheckError{Dataset: d.Name, Reason: fmt.Sprintf("fișierul are %d coloane, schema declarată %d (%s față de %s)",
			len(got), len(d.Schema), columnNames(got), columnNames(d.Schema))}
	}
	for i, c := range d.Schema {
		if got[i].Name != c.Name || got[i].Type != c.Type {
			return &CheckError{Dataset: d.Name, Column: c.Name, Reason: fmt.Sprintf("în fișier coloana %d este %s %s, declarată %s %s",
				i+1, got[i].Name, got[i].Type, c.Name, c.Type)}
		}
	}
	return nil
}

func columnNames(cs []models.Column) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	return strings.Join(names, ",")
}

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

// VerifyProblem is one mismatch found by Verify.
type VerifyProblem struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Verify recomputes every checksum and size of a release against its
// manifest, counts the rows of each Parquet file, and reports files the
// manifest does not list. No problems means the release is intact.
func Verify(ctx context.Context, releaseDir string) ([]VerifyProblem, error) {
	man, err := models.ReadManifest(releaseDir)
	if err != nil {
		return nil, err
	}
	w, err := Open(ctx, "") // an in-memory DuckDB to read the Parquet files
	if err != nil {
		return nil, err
	}
	defer w.Close()
	var problems []VerifyProblem
	listed := map[string]bool{"manifest.json": true}
	for _, d := range man.Datasets {
		for _, f := range d.Files {
			listed[f.Path] = true
			path := filepath.Join(releaseDir, filepath.FromSlash(f.Path))
			sum, size, err := FileSHA256(path)
			if err != nil {
				problems = append(problems, VerifyProblem{f.Path, "lipsește sau nu poate fi citit: " + err.Error()})
				continue
			}
			if size != f.Bytes {
				problems = append(problems, VerifyProblem{f.Path, fmt.Sprintf("are %d octeți, manifestul spune %d", size, f.Bytes)})
			}
			if sum != f.SHA256 {
				problems = append(problems, VerifyProblem{f.Path, fmt.Sprintf("sha256 %s, manifestul spune %s", sum, f.SHA256)})
				continue
			}
			if f.Format == "parquet" {
				var n int64
				if err := w.db.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(?)`, path).Scan(&n); err != nil {
					problems = append(problems, VerifyProblem{f.Path, "nu poate fi citit ca Parquet: " + err.Error()})
				} else if n != d.Rows {
					problems = append(problems, VerifyProblem{f.Path, fmt.Sprintf("are %d rânduri, manifestul spune %d", n, d.Rows)})
				}
			}
		}
	}
	err = filepath.WalkDir(releaseDir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(releaseDir, p)
		if !listed[filepath.ToSlash(rel)] {
			problems = append(problems, VerifyProblem{filepath.ToSlash(rel), "fișier care nu este în manifest"})
		}
		return nil
	})
	return problems, err
}
