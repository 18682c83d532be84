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
// sha256, rows). Each part is its own sorted COPY, so publishing the same
// warehouse twice writes the same bytes.

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/deschis/deschis/models"
)

// HiveNull is the partition value of a NULL, Hive's convention.
const HiveNull = "__HIVE_DEFAULT_PARTITION__"

// partitionValue is what a county code may be in a path.
var partitionValue = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// writePartitions writes the Hive-partitioned copy of a dataset from its
// Parquet file parquet, with the counties of the release's entities file.
func writePartitions(ctx context.Context, conn *sql.Conn, dir string, ds Dataset, parquet string) ([]models.PartFile, error) {
	entities := filepath.Join(dir, models.Public, "entities.parquet")
	from := fmt.Sprintf(`read_parquet(%s) d LEFT JOIN (SELECT cui, min(county) AS county FROM read_parquet(%s) GROUP BY cui) e ON e.cui = d.%s`,
		sqlString(parquet), sqlString(entities), quoteIdent(ds.PartitionEntity))
	type key struct {
		year   int64
		county sql.NullString
	}
	var keys []key
	rows, err := conn.QueryContext(ctx, "SELECT DISTINCT d.year, e.county FROM "+from+" ORDER BY 1, 2 NULLS LAST")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.year, &k.county); err != nil {
			rows.Close()
			return nil, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var parts []models.PartFile
	for _, k := range keys {
		county, where := HiveNull, "e.county IS NULL"
		if k.county.Valid {
			if !partitionValue.MatchString(k.county.String) {
				return nil, fmt.Errorf("setul %s: județul %q nu poate numi un director de partiție", ds.Name, k.county.String)
			}
			county, where = k.county.String, "e.county = "+sqlString(k.county.String)
		}
		year := strconv.FormatInt(k.year, 10)
		rel := filepath.Join(ds.Access, ds.Name, "year="+year, "county="+county, "part-0.parquet")
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		q := fmt.Sprintf(`COPY (SELECT d.* EXCLUDE (year) FROM %s WHERE d.year = %s AND %s ORDER BY %s) TO %s (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 65536)`,
			from, year, where, ds.SortKey, sqlString(path))
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("export %s (%s): %w", ds.Name, rel, err)
		}
		f, err := releaseFile(dir, rel, "parquet")
		if err != nil {
			return nil, err
		}
		p := models.PartFile{ReleaseFile: f, Partition: map[string]string{"year": year, "county": county}}
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM read_parquet(?)", path).Scan(&p.Rows); err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	return parts, nil
}

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
