package warehouse

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// CurrentLink is the symbolic link in a releases directory that names the
// live release. Readers resolve it; publish swaps it atomically.
const CurrentLink = "current"

// releaseQuery says how a published dataset is made from the marts: the query,
// the order its pages look rows up by (so Parquet row groups prune), the date
// column its coverage is measured on, and the core tables it comes from.
type releaseQuery struct {
	sql, orderBy, dateExpr, entityExpr string
	facts                              []string
}

var releaseQueries = map[string]releaseQuery{
	"entities":                 {"SELECT * FROM mart_entities", "cui, population_year", "", "cui", []string{"dim_entity", "entity_population"}},
	"budget":                   {"SELECT * FROM mart_budget", "entity_cui, year, kind, functional_code, economic_code", "report_date", "entity_cui", []string{"fact_budget"}},
	"budget_execution_monthly": {"SELECT * FROM mart_budget_monthly", "entity_cui, year, month, kind, functional_code, economic_code", "make_date(year, month, 1)", "entity_cui", []string{"fact_budget"}},
	"investments":              {"SELECT * FROM mart_investments", "entity_cui, code, year", "make_date(year, 1, 1)", "entity_cui", []string{"fact_investment"}},
	"procurement":              {"SELECT * FROM mart_procurement", "supplier_cui, award_date, contract_id", "award_date", "buyer_cui", []string{"fact_procurement"}},
	"suppliers":                {"SELECT * FROM mart_suppliers", "supplier_cui", "last_award", "", []string{"fact_procurement"}},
	"requests_daily":           {"SELECT * FROM mart_requests_daily", "entity_cui, date, department", "date", "entity_cui", []string{"fact_request"}},
	"requests_answer_days":     {"SELECT * FROM mart_requests_answer_days", "entity_cui, year, month, department", "make_date(year, month, 1)", "entity_cui", []string{"fact_request"}},
	"requests":                 {"SELECT * FROM mart_requests", "entity_cui, received, request_id", "received", "entity_cui", []string{"fact_request"}},
}

// ReleaseSQL is the query a published dataset is made from (benchmarks
// compare publishing with a bare COPY of it).
func ReleaseSQL(dataset string) string { return releaseQueries[dataset].sql }

// PublishOptions configure a release.
type PublishOptions struct {
	Out       string // releases directory
	Keep      int    // keep this many newest releases, 0 keeps all
	Generator string // program and version, written in the manifest
	Now       func() time.Time
}

// PublishResult is what `etl publish --json` prints.
type PublishResult struct {
	ReleaseID string             `json:"release_id"`
	Path      string             `json:"path"`
	Datasets  []PublishedSummary `json:"datasets"`
	Pruned    []string           `json:"pruned,omitempty"`
}

// PublishedSummary is one dataset of a published release.
type PublishedSummary struct {
	Name   string   `json:"name"`
	Access string   `json:"access"`
	Rows   int64    `json:"rows"`
	Files  []string `json:"files"`
}

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

// Publish writes an immutable release of every published dataset, checks it,
// and makes it live by swapping the current link. A release that fails a
// check is deleted and never goes live: the error is a *CheckError.
func (w *Warehouse) Publish(ctx context.Context, opt PublishOptions) (res *PublishResult, err error) {
	defer wrap(&err, "publicare în %s", opt.Out)
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return nil, err
	}
	created := opt.Now().UTC().Truncate(time.Second)
	id := created.Format("20060102T150405Z")
	for n := 2; exists(filepath.Join(opt.Out, id)); n++ {
		id = fmt.Sprintf("%s-%d", created.Format("20060102T150405Z"), n)
	}
	tmp := filepath.Join(opt.Out, ".tmp-"+id+"-"+randomSuffix())
	defer os.RemoveAll(tmp) // a no-op once renamed
	version, err := w.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	man := &models.Manifest{ReleaseID: id, Created: created, Generator: opt.Generator, SchemaVersion: version, Licence: models.DefaultLicence}

	// One read transaction: every dataset comes from the same snapshot.
	conn, err := w.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	for _, ds := range models.PublishedDatasets {
		md, err := exportDataset(ctx, conn, tmp, ds)
		if err != nil {
			return nil, err
		}
		man.Datasets = append(man.Datasets, *md)
	}
	conn.ExecContext(ctx, "ROLLBACK")
	if err := checkRelease(ctx, conn, tmp, man); err != nil {
		return nil, err
	}
	if err := writeManifest(filepath.Join(tmp, "manifest.json"), man); err != nil {
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
	res = &PublishResult{ReleaseID: id, Path: final}
	var rows, bytes int64
	for _, d := range man.Datasets {
		s := PublishedSummary{Name: d.Name, Access: d.Access, Rows: d.Rows}
		for _, f := range d.Files {
			s.Files = append(s.Files, f.Path)
			bytes += f.Bytes
		}
		rows += d.Rows
		res.Datasets = append(res.Datasets, s)
	}
	if _, err := w.db.ExecContext(ctx, `INSERT INTO releases VALUES (?, ?, ?, ?, ?, ?)`,
		id, final, created, len(man.Datasets), rows, bytes); err != nil {
		return nil, err
	}
	if opt.Keep > 0 {
		if res.Pruned, err = Prune(opt.Out, opt.Keep); err != nil {
			return res, err
		}
	}
	return res, nil
}

func exportDataset(ctx context.Context, conn *sql.Conn, dir string, ds models.PublishedDataset) (*models.ManifestDataset, error) {
	q, ok := releaseQueries[ds.Name]
	if !ok {
		return nil, fmt.Errorf("setul publicat %s nu are interogare", ds.Name)
	}
	rel := filepath.Join(ds.Access, ds.Name+".parquet")
	path := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	// COPY cannot take a bound parameter for its target; the path is ours
	// (release dir + dataset name), quoted as a SQL string literal.
	copySQL := fmt.Sprintf(`COPY (%s ORDER BY %s) TO %s (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 65536)`,
		q.sql, q.orderBy, sqlString(path))
	if _, err := conn.ExecContext(ctx, copySQL); err != nil {
		return nil, fmt.Errorf("export %s: %w", ds.Name, err)
	}
	md := &models.ManifestDataset{PublishedDataset: ds, Licence: models.DefaultLicence, Loads: []int64{}}
	md.Coverage.Entities = []string{}
	// One pass over the mart for the count and the coverage.
	dateExpr, entityExpr := "NULL::DATE", "NULL::VARCHAR"
	if q.dateExpr != "" {
		dateExpr = q.dateExpr
	}
	if q.entityExpr != "" {
		entityExpr = q.entityExpr
	}
	var from, to sql.NullTime
	var entities sql.NullString
	if err := conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*), min(%[1]s)::DATE, max(%[1]s)::DATE,
		string_agg(DISTINCT %[2]s, ',' ORDER BY %[2]s) FROM (%[3]s)`, dateExpr, entityExpr, q.sql)).
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
	for _, t := range q.facts {
		loads = append(loads, fmt.Sprintf("SELECT load_id FROM %s", t))
	}
	if err := scanColumn(ctx, conn, &md.Loads, "SELECT DISTINCT load_id FROM ("+strings.Join(loads, " UNION ")+") ORDER BY 1"); err != nil {
		return nil, err
	}
	sum, size, err := FileSHA256(path)
	if err != nil {
		return nil, err
	}
	md.Files = []models.ReleaseFile{{Path: filepath.ToSlash(rel), Format: "parquet", Bytes: size, SHA256: sum}}
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

func writeManifest(path string, m *models.Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// SwapCurrent points the current link of a releases directory at release id,
// atomically: a new link is made beside it and renamed over the old one, so a
// reader sees the old release or the new one, never neither.
func SwapCurrent(out, id string) error {
	tmp := filepath.Join(out, ".current-"+randomSuffix())
	if err := os.Symlink(id, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(out, CurrentLink)); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(out)
}

// Current returns the id of the live release of a releases directory.
func Current(out string) (string, error) {
	id, err := os.Readlink(filepath.Join(out, CurrentLink))
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("%w: nicio ediție publicată în %s", models.ErrNotFound, out)
	}
	return filepath.Base(id), err
}

// Releases lists the release ids of a directory, oldest first.
func Releases(out string) ([]string, error) {
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && exists(filepath.Join(out, e.Name(), "manifest.json")) {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids) // ids are UTC timestamps
	return ids, nil
}

// Prune deletes all but the newest keep releases; the live one always stays.
func Prune(out string, keep int) ([]string, error) {
	ids, err := Releases(out)
	if err != nil {
		return nil, err
	}
	cur, _ := Current(out)
	var pruned []string
	for i := 0; i < len(ids)-keep; i++ {
		if ids[i] == cur {
			continue
		}
		if err := os.RemoveAll(filepath.Join(out, ids[i])); err != nil {
			return pruned, err
		}
		pruned = append(pruned, ids[i])
	}
	return pruned, nil
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

func randomSuffix() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// sqlString quotes s as a SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
