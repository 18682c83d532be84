package release

// The large datasets are also written as Hive-partitioned Parquet, beside
// their single file, for readers past one machine (Spark, Trino, BigQuery
// external tables, DuckDB's hive_partitioning): a directory per dataset,
// one per year inside it, one per county of the row's institution inside
// that, and one file in each:
//
//	public/procurement/year=2024/county=TM/part-0.parquet
//
// A part holds its partition's rows of the dataset's single file, in the
// same order (the dataset's SortKey), without the partition columns (the
// path carries them, as Hive does): read with hive_partitioning the parts
// are the single file's rows, with year read back from the path and county
// added. The county is the entities dataset's for the row's institution
// (Dataset.PartitionEntity); a row whose institution has none goes to
// county=__HIVE_DEFAULT_PARTITION__, Hive's name for a NULL, which Spark,
// Trino and DuckDB read back as NULL. Every part is listed in the manifest
// (ManifestDataset.Parts: path, bytes, sha256, rows, partition values),
// checked before the release goes live (rows) and by etl verify (bytes,
// sha256, rows). The single file is read once for all its parts, and
// each part sorted by the SortKey (writePartitions), so publishing the same
// warehouse twice writes the same bytes.

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/deschis/deschis/models"
)

// HiveNull is the partition value of a NULL, Hive's convention.
const HiveNull = "__HIVE_DEFAULT_PARTITION__"

// partitionValue is what a county code may be in a path.
var partitionValue = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// writePartitions writes the Hive-partitioned copy of a dataset from its
// Parquet file parquet, with the counties of the release's entities file.
// The single file is read once: one COPY … (PARTITION_BY (year, county))
// splits its rows into a scratch directory (partitionScratch), in no
// promised order (DuckDB's partitioned writer keeps none), and each part
// is then written from its own scratch rows, sorted by the SortKey (a
// total order, so the same bytes every time), and the scratch removed.
// Each part's rows are read back from its Parquet footer.
func writePartitions(ctx context.Context, conn *sql.Conn, dir string, ds Dataset, parquet string) ([]models.PartFile, error) {
	entities := filepath.Join(dir, models.Public, "entities.parquet")
	var bad sql.NullString // a county that cannot name a directory: refused before anything is written
	if err := conn.QueryRowContext(ctx, `SELECT min(county) FROM read_parquet(?) WHERE NOT regexp_full_match(county, ?)`,
		entities, partitionValue.String()[1:len(partitionValue.String())-1]).Scan(&bad); err != nil {
		return nil, err
	}
	if bad.Valid {
		return nil, fmt.Errorf("setul %s: județul %q nu poate numi un director de partiție", ds.Name, bad.String)
	}
	scratch := filepath.Join(dir, partitionScratch+ds.Name)
	defer os.RemoveAll(scratch)
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`COPY (SELECT d.*, coalesce(e.county, %s) AS county FROM read_parquet(%s) d
		LEFT JOIN (SELECT cui, min(county) AS county FROM read_parquet(%s) GROUP BY cui) e ON e.cui = d.%s)
		TO %s (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (year, county))`,
		sqlString(HiveNull), sqlString(parquet), sqlString(entities), quoteIdent(ds.PartitionEntity), sqlString(scratch))); err != nil {
		return nil, fmt.Errorf("export %s (partiții): %w", ds.Name, err)
	}
	dirs, err := filepath.Glob(filepath.Join(scratch, "year=*", "county=*"))
	if err != nil {
		return nil, err
	}
	var parts []models.PartFile
	for _, from := range dirs {
		year := strings.TrimPrefix(filepath.Base(filepath.Dir(from)), "year=")
		county := strings.TrimPrefix(filepath.Base(from), "county=")
		if _, err := strconv.Atoi(year); err != nil || !partitionValue.MatchString(county) {
			return nil, fmt.Errorf("setul %s: partiția %s nu are un an și un județ", ds.Name, from)
		}
		rel := filepath.Join(ds.Access, ds.Name, "year="+year, "county="+county, "part-0.parquet")
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		q := fmt.Sprintf(`COPY (SELECT * EXCLUDE (year, county) FROM read_parquet(%s, hive_partitioning = true) ORDER BY %s) TO %s (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 65536)`,
			sqlString(filepath.Join(from, "*.parquet")), ds.SortKey, sqlString(path))
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("export %s (%s): %w", ds.Name, rel, err)
		}
		f, err := releaseFile(dir, rel, "parquet")
		if err != nil {
			return nil, err
		}
		p := models.PartFile{ReleaseFile: f, Partition: map[string]string{"year": year, "county": county}}
		if err := conn.QueryRowContext(ctx, "SELECT num_rows FROM parquet_file_metadata(?)", path).Scan(&p.Rows); err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	// The manifest lists the parts by year (a number), then county, Hive's
	// NULL last: the order of the years and counties, not of the names.
	slices.SortFunc(parts, func(a, b models.PartFile) int {
		ya, _ := strconv.Atoi(a.Partition["year"])
		yb, _ := strconv.Atoi(b.Partition["year"])
		if ya != yb {
			return ya - yb
		}
		if an, bn := a.Partition["county"] == HiveNull, b.Partition["county"] == HiveNull; an != bn {
			if an {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Partition["county"], b.Partition["county"])
	})
	return parts, nil
}

// partitionScratch begins the name of the directory in a release being
// written where writePartitions splits a dataset's rows: removed once its
// parts are written, so never in a release.
const partitionScratch = ".partitions-"

// checkParts: a dataset's parts hold its rows, each the rows the manifest says.
func checkParts(ctx context.Context, conn *sql.Conn, dir string, d *models.ManifestDataset) error {
	if len(d.Parts) == 0 {
		return nil
	}
	var total int64
	for _, p := range d.Parts {
		var n int64
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM read_parquet(?)", filepath.Join(dir, filepath.FromSlash(p.Path))).Scan(&n); err != nil {
			return err
		}
		if n != p.Rows {
			return &CheckError{Dataset: d.Name, Reason: ro.Sprintf("partiția %s are %d rânduri, manifestul %d", p.Path, n, p.Rows)}
		}
		total += n
	}
	if total != d.Rows {
		return &CheckError{Dataset: d.Name, Reason: ro.Sprintf("partițiile au împreună %d rânduri, setul %d", total, d.Rows)}
	}
	return nil
}
