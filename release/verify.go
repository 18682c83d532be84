package release

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/duckdb/duckdb-go/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

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
// releaseDir may be a link to the release (DIR/current): it is verified
// through the link.
func Verify(ctx context.Context, releaseDir string) ([]VerifyProblem, error) {
	if real, err := filepath.EvalSymlinks(releaseDir); err == nil {
		releaseDir = real
	}
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
	for _, d := range append(slices.Clone(man.Datasets), models.ManifestDataset{Files: man.Files}, models.ManifestDataset{Files: man.Databases}) { // the release's own files too
		problems = append(problems, verifyParts(ctx, db, releaseDir, &d, listed)...)
		for _, f := range d.Files {
			listed[f.Path] = true
			path := filepath.Join(releaseDir, filepath.FromSlash(f.Path))
			sum, size, err := models.FileSHA256(path)
			if err != nil {
				problems = append(problems, VerifyProblem{f.Path, "lipsește sau nu poate fi citit: " + err.Error()})
				continue
			}
			if size != f.Bytes {
				problems = append(problems, VerifyProblem{f.Path, ro.Sprintf("are %d octeți, manifestul spune %d", size, f.Bytes)})
			}
			if sum != f.SHA256 {
				problems = append(problems, VerifyProblem{f.Path, fmt.Sprintf("sha256 %s, manifestul spune %s", sum, f.SHA256)})
				continue
			}
			if f.Format == FormatDuckDB {
				if err := verifyDatabase(ctx, db, path, man, f.Path); err != nil {
					problems = append(problems, VerifyProblem{f.Path, err.Error()})
				}
			}
			if f.Format == FormatContractRows { // every record read back (publish_contract_rows.go)
				if err := checkContractRows(releaseDir, man); err != nil {
					problems = append(problems, VerifyProblem{f.Path, err.Error()})
				}
			}
			if f.Format == FormatContractIndex { // every column against the others (read_contract_index_file.go)
				if err := checkContractIndexFile(releaseDir, man); err != nil {
					problems = append(problems, VerifyProblem{f.Path, err.Error()})
				}
			}
			if f.Format == "parquet" {
				var n int64
				if err := db.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(?)`, path).Scan(&n); err != nil {
					problems = append(problems, VerifyProblem{f.Path, "nu poate fi citit ca Parquet: " + err.Error()})
				} else if n != d.Rows {
					problems = append(problems, VerifyProblem{f.Path, ro.Sprintf("are %d rânduri, manifestul spune %d", n, d.Rows)})
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

// verifyDatabase attaches a database file read-only and holds its tables to
// the manifest (checkTables).
func verifyDatabase(ctx context.Context, db *sql.DB, path string, man *models.Manifest, rel string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return checkDatabaseAt(ctx, conn, path, man, rel)
}

// IsRelease reports whether dir (or the release a link names) is a release:
// it has a manifest.
func IsRelease(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, ManifestFile))
	return err == nil
}

// VerifyReleases verifies every release of a releases directory (problems
// named <id>/<file>), that the current link names one of them, and reports
// the partial releases of killed publishes that no running publish owns.
func VerifyReleases(ctx context.Context, out string) ([]VerifyProblem, error) {
	ids, err := List(out)
	if err != nil {
		return nil, err
	}
	stray, err := Stray(out)
	if err != nil {
		return nil, err
	}
	cur, curErr := Current(out)
	if len(ids) == 0 && len(stray) == 0 && curErr != nil {
		return nil, fmt.Errorf("%w: %s nu este o ediție (nu are %s) și nici un director de ediții", models.ErrInvalid, out, ManifestFile)
	}
	var problems []VerifyProblem
	for _, id := range ids {
		ps, err := Verify(ctx, filepath.Join(out, id))
		if err != nil {
			problems = append(problems, VerifyProblem{id, err.Error()})
			continue
		}
		for _, p := range ps {
			problems = append(problems, VerifyProblem{id + "/" + p.Path, p.Reason})
		}
	}
	switch {
	case curErr != nil && len(ids) > 0:
		problems = append(problems, VerifyProblem{CurrentLink, "lipsește: nicio ediție nu este curentă"})
	case curErr == nil && !slices.Contains(ids, cur):
		problems = append(problems, VerifyProblem{CurrentLink, fmt.Sprintf("numește ediția %s, care nu există", cur)})
	}
	for _, s := range stray {
		problems = append(problems, VerifyProblem{s, "ediție parțială lăsată de o publicare întreruptă, pe care nu o deține nicio publicare în curs: o șterg etl publish și etl prune"})
	}
	return problems, nil
}

// ro writes the numbers of messages the Romanian way: 1.234.567.
var ro = message.NewPrinter(language.Romanian)

// verifyParts checks a dataset's Hive-partitioned parts as its files are
// checked: bytes, sha256 and each part's rows, and marks them listed.
func verifyParts(ctx context.Context, db *sql.DB, releaseDir string, d *models.ManifestDataset, listed map[string]bool) []VerifyProblem {
	var problems []VerifyProblem
	for _, p := range d.Parts {
		listed[p.Path] = true
		path := filepath.Join(releaseDir, filepath.FromSlash(p.Path))
		sum, size, err := models.FileSHA256(path)
		if err != nil {
			problems = append(problems, VerifyProblem{p.Path, "lipsește sau nu poate fi citit: " + err.Error()})
			continue
		}
		if size != p.Bytes {
			problems = append(problems, VerifyProblem{p.Path, ro.Sprintf("are %d octeți, manifestul spune %d", size, p.Bytes)})
		}
		if sum != p.SHA256 {
			problems = append(problems, VerifyProblem{p.Path, fmt.Sprintf("sha256 %s, manifestul spune %s", sum, p.SHA256)})
			continue
		}
		var n int64
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(?)`, path).Scan(&n); err != nil {
			problems = append(problems, VerifyProblem{p.Path, "nu poate fi citit ca Parquet: " + err.Error()})
		} else if n != p.Rows {
			problems = append(problems, VerifyProblem{p.Path, ro.Sprintf("are %d rânduri, manifestul spune %d", n, p.Rows)})
		}
	}
	return problems
}
