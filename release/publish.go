package release

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// Options configure a release.
type Options struct {
	Out       string // releases directory
	Keep      int    // keep this many newest releases, 0 keeps all
	Generator string // program and version, written in the manifest
	// SchemaVersion is the warehouse schema the release is written from.
	SchemaVersion int
	Now           func() time.Time
	// XLSXMaxRows is the row limit of a sheet of the XLSX downloads, its
	// header included (0: Excel's, export.ExcelMaxRows); a longer dataset
	// goes on in further sheets.
	XLSXMaxRows int
	// XLSXRowLimit: a dataset of more rows has no XLSX download, and its
	// manifest says why (publish_rules.go; 0: DefaultXLSXRowLimit, one
	// Excel sheet; -1: no limit).
	XLSXRowLimit int
	// MemoryLimit is DuckDB's memory limit while publishing ("" :
	// DefaultPublishMemory), TempDir where it spills past it ("": DuckDB's,
	// <warehouse>.tmp beside the warehouse file); publish_bounds.go.
	MemoryLimit, TempDir string
}

// Result is what `etl publish --json` prints.
type Result struct {
	ReleaseID string             `json:"release_id"`
	Path      string             `json:"path"`
	Datasets  []PublishedSummary `json:"datasets"`
	Pruned    []string           `json:"pruned,omitempty"`
	// RemovedPartial are the partial releases of killed publishes removed
	// before this one was written (.tmp-… directories no publish owned).
	RemovedPartial []string `json:"removed_partial,omitempty"`
	// Manifest is the new release's manifest.
	Manifest *models.Manifest `json:"-"`
	// Timings are how long each step took (publish_timings.go).
	Timings []StepTiming `json:"timings"`
}

// PublishedSummary is one dataset of a published release.
type PublishedSummary struct {
	Name   string   `json:"name"`
	Access string   `json:"access"`
	Rows   int64    `json:"rows"`
	Files  []string `json:"files"`
}

// Publish writes an immutable release of every dataset (Datasets) from the
// warehouse connection conn, checks it, and makes it live by swapping the
// current link. Every dataset is read in one read transaction, so all come
// from the same snapshot. A release that fails a check is deleted and never
// goes live: the error is a *CheckError.
func Publish(ctx context.Context, conn *sql.Conn, opt Options) (res *Result, err error) {
	defer models.Wrap(&err, "publicare în %s", opt.Out)
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return nil, err
	}
	removed, err := RemoveStray(opt.Out)
	if err != nil {
		return nil, err
	}
	created := opt.Now().UTC().Truncate(time.Second)
	id := created.Format("20060102T150405Z")
	for n := 2; exists(filepath.Join(opt.Out, id)); n++ {
		id = fmt.Sprintf("%s-%d", created.Format("20060102T150405Z"), n)
	}
	tmp := filepath.Join(opt.Out, tmpPrefix+id+"-"+randomSuffix())
	unlock, err := makeTmpDir(opt.Out, tmp)
	if err != nil {
		return nil, err
	}
	defer unlock()          // after the rename: the lock follows the directory
	defer os.RemoveAll(tmp) // a no-op once renamed
	man := &models.Manifest{ReleaseID: id, Created: created, Generator: opt.Generator, SchemaVersion: opt.SchemaVersion, Licence: models.DefaultLicence}

	restore, err := bound(ctx, conn, opt)
	if err != nil {
		return nil, err
	}
	defer restore()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return nil, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	tm := &timings{}
	gw, err := newGoWriter(ctx, opt, tm)
	if err != nil {
		return nil, err
	}
	for _, ds := range Datasets {
		md, err := publishDataset(ctx, conn, tmp, ds, gw)
		if err != nil {
			gw.wait()
			return nil, err
		}
		man.Datasets = append(man.Datasets, *md)
	}
	if man.Loads, err = manifestLoads(ctx, conn, man.Datasets); err != nil {
		gw.wait()
		return nil, err
	}
	conn.ExecContext(ctx, "ROLLBACK")
	more, err := gw.wait()
	if err != nil {
		return nil, err
	}
	for i := range man.Datasets {
		d := &man.Datasets[i]
		d.Files = append(d.Files, more[d.Name]...)
		sortFiles(d.Files)
	}
	dp, err := writeDataPackage(tmp, man)
	if err != nil {
		return nil, err
	}
	man.Files = append(man.Files, dp)
	start := time.Now()
	if err := check(ctx, conn, tmp, man); err != nil {
		return nil, err
	}
	tm.since("", "check", start)
	// The databases the site reads the release from, from the checked files.
	start = time.Now()
	if man.Databases, err = publishDatabases(ctx, conn, tmp, man); err != nil {
		return nil, err
	}
	tm.since("", "databases", start)
	// The budgets' Fiscal Data Package, from their checked files.
	start = time.Now()
	fdp, err := publishFDP(ctx, conn, tmp, man)
	if err != nil {
		return nil, err
	}
	tm.since("", "fdp", start)
	man.Files = append(man.Files, fdp...)
	if err := writeManifest(filepath.Join(tmp, ManifestFile), man); err != nil {
		return nil, err
	}
	final := filepath.Join(opt.Out, id)
	if err := os.Rename(tmp, final); err != nil {
		return nil, err
	}
	if err := syncDir(opt.Out); err != nil {
		return nil, err
	}
	if err := SwapCurrent(opt.Out, id); err != nil {
		return nil, err
	}
	res = &Result{ReleaseID: id, Path: final, Manifest: man, RemovedPartial: removed, Timings: tm.list()}
	for _, d := range man.Datasets {
		s := PublishedSummary{Name: d.Name, Access: d.Access, Rows: d.Rows}
		for _, f := range d.Files {
			s.Files = append(s.Files, f.Path)
		}
		res.Datasets = append(res.Datasets, s)
	}
	if opt.Keep > 0 {
		if res.Pruned, err = Prune(opt.Out, opt.Keep); err != nil {
			return res, err
		}
	}
	return res, nil
}

// publishDataset writes one dataset's file from its mart, sorted by its key, and a
// public dataset's downloads in every other format (publish_formats.go), and
// measures its rows, coverage and lineage.
func publishDataset(ctx context.Context, conn *sql.Conn, dir string, ds Dataset, gw *goWriter) (*models.ManifestDataset, error) {
	query := "SELECT * FROM " + ds.Mart
	rel := filepath.Join(ds.Access, ds.Name+".parquet")
	path := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	start := time.Now()
	copySQL := fmt.Sprintf(`COPY (%s ORDER BY %s) TO %s (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 65536)`,
		query, ds.SortKey, sqlString(path))
	if _, err := conn.ExecContext(ctx, copySQL); err != nil {
		return nil, fmt.Errorf("export %s: %w", ds.Name, err)
	}
	gw.tm.since(ds.Name, "parquet", start)
	start = time.Now()
	md := &models.ManifestDataset{PublishedDataset: ds.PublishedDataset, Licence: models.DefaultLicence, Loads: []int64{}}
	md.Coverage.Entities = []string{}
	// One pass over the file just written (not the mart's view again) for
	// the count and the coverage: the same rows, read from the same snapshot.
	dateExpr, toExpr, entityExpr := "NULL::DATE", "", "NULL::VARCHAR"
	if ds.CoverageDate != "" {
		dateExpr = ds.CoverageDate
	}
	if toExpr = ds.CoverageTo; toExpr == "" {
		toExpr = dateExpr
	}
	if ds.CoverageEntity != "" {
		entityExpr = ds.CoverageEntity
	}
	var from, to sql.NullTime
	var entities sql.NullString
	if err := conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*), min(%[1]s)::DATE, max(%[4]s)::DATE,
		string_agg(DISTINCT %[2]s, ',' ORDER BY %[2]s) FROM read_parquet(%[3]s)`, dateExpr, entityExpr, sqlString(path), toExpr)).
		Scan(&md.Rows, &from, &to, &entities); err != nil {
		return nil, err
	}
	if from.Valid {
		md.Coverage.From, md.Coverage.To = from.Time.Format(time.DateOnly), to.Time.Format(time.DateOnly)
	}
	if entities.Valid {
		md.Coverage.Entities = strings.Split(entities.String, ",")
	}
	var loads []string
	for _, t := range ds.Lineage {
		loads = append(loads, fmt.Sprintf("SELECT load_id FROM %s", t))
	}
	if err := scanColumn(ctx, conn, &md.Loads, "SELECT DISTINCT load_id FROM ("+strings.Join(loads, " UNION ")+") ORDER BY 1"); err != nil {
		return nil, err
	}
	sum, size, err := models.FileSHA256(path)
	if err != nil {
		return nil, err
	}
	md.Files = []models.ReleaseFile{{Path: filepath.ToSlash(rel), Format: "parquet", Bytes: size, SHA256: sum}}
	gw.tm.since(ds.Name, "measure", start)
	if ds.Access == models.Public {
		absent := xlsxAbsent(ds, md.Rows, gw.opt)
		if absent != nil {
			md.Absent = append(md.Absent, *absent)
		}
		gw.add(dir, ds, path, absent == nil)
		more, err := writeFormats(ctx, conn, dir, ds, path, gw.tm)
		if err != nil {
			return nil, err
		}
		md.Files = append(md.Files, more...)
	}
	if ds.PartitionEntity != "" {
		start = time.Now()
		if md.Parts, err = writePartitions(ctx, conn, dir, ds, path); err != nil {
			return nil, err
		}
		gw.tm.since(ds.Name, "partitions", start)
	}
	return md, nil
}

func scanColumn[T any](ctx context.Context, conn *sql.Conn, dst *[]T, query string) error {
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return err
		}
		*dst = append(*dst, v)
	}
	return rows.Err()
}
