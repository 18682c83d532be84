package release

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/deschis/deschis/models"
)

// VerifyProblem is one mismatch found by Verify.
type VerifyProblem struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Verify recomputes every checksum and size of a release against its
// manifest, counts the rows of each Parquet file, and reports files the
// manifest does not list. No problems means the release is intact.
func Verify(ctx context.Context, releaseDir string) ([]VerifyProblem, error) {
	man, err := ReadManifest(releaseDir)
	if err != nil {
		return nil, err
	}
	// An in-memory DuckDB reads the Parquet files.
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		return nil, err
	}
	defer connector.Close()
	db := sql.OpenDB(connector)
	defer db.Close()
	var problems []VerifyProblem
	listed := map[string]bool{ManifestFile: true}
	for _, d := range man.Datasets {
		for _, f := range d.Files {
			listed[f.Path] = true
			path := filepath.Join(releaseDir, filepath.FromSlash(f.Path))
			sum, size, err := models.FileSHA256(path)
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
				if err := db.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(?)`, path).Scan(&n); err != nil {
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
