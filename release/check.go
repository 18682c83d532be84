package release

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/deschis/deschis/models"
)

// CheckError is a release check that failed: the release was refused.
type CheckError struct {
	Dataset, Column, Reason, Example string
}

func (e *CheckError) Error() string {
	s := fmt.Sprintf("verificarea ediției a eșuat: setul %s", e.Dataset)
	if e.Column != "" {
		s += ", coloana " + e.Column
	}
	s += ": " + e.Reason
	if e.Example != "" {
		s += "; exemplu de rând: " + e.Example
	}
	return s
}

func (e *CheckError) Unwrap() error { return models.ErrRefused }

// check reads every Parquet file back through DuckDB before the release
// goes live: the schema must be the declared one, the row count the
// warehouse's, and public/ must hold no personal data. The other formats are
// written from the Parquet file (publish_formats.go): the same rows.
func check(ctx context.Context, conn *sql.Conn, dir string, man *models.Manifest) error {
	for _, d := range man.Datasets {
		if err := checkParts(ctx, conn, dir, &d); err != nil {
			return err
		}
		for _, f := range d.Files {
			if f.Format != "parquet" {
				continue // the other formats are written from the Parquet file, once it is checked
			}
			path := filepath.Join(dir, filepath.FromSlash(f.Path))
			if err := checkSchema(ctx, conn, path, &d); err != nil {
				return err
			}
			var n int64
			if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(?)`, path).Scan(&n); err != nil {
				return err
			}
			if n != d.Rows {
				return &CheckError{Dataset: d.Name, Reason: ro.Sprintf("fișierul %s are %d rânduri, depozitul %d", f.Path, n, d.Rows)}
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
