package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/deschis/deschis/models"
)

// EntityExists returns an error wrapping models.ErrInvalid when cui is not a
// known institution.
func (w *Warehouse) EntityExists(ctx context.Context, cui string) error {
	var n int
	if err := w.db.QueryRowContext(ctx, `SELECT count(*) FROM dim_entity WHERE cui = ?`, cui).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%w: instituția %s nu este în depozit: încărcați-o întâi cu etl load --dataset entities", models.ErrInvalid, cui)
	}
	return nil
}

// DatasetStatus sums the loads of one dataset.
type DatasetStatus struct {
	Dataset      string `json:"dataset"`
	Loads        int64  `json:"loads"`
	Files        int64  `json:"files"`
	RowsRead     int64  `json:"rows_read"`
	RowsLoaded   int64  `json:"rows_loaded"`
	RowsRejected int64  `json:"rows_rejected"`
	// RowsSkipped are the rows the loaded files passed over without a
	// record, SkippedBy the same by reason (models.SkipReasons).
	RowsSkipped int64            `json:"rows_skipped"`
	SkippedBy   map[string]int64 `json:"skipped_by,omitempty"`
	Refused     int64            `json:"refused"`
	Rows        int64            `json:"rows"` // rows in core now
	LastLoad    time.Time        `json:"last_load"`
}

// ReleaseStatus is a published release.
type ReleaseStatus struct {
	ReleaseID string    `json:"release_id"`
	Path      string    `json:"path"`
	Created   time.Time `json:"created"`
	Datasets  int       `json:"datasets"`
	Rows      int64     `json:"rows"`
	Bytes     int64     `json:"bytes"`
}

// Status is what `etl status` reports.
type Status struct {
	Path           string          `json:"path"`
	SchemaVersion  int             `json:"schema_version"`
	Entities       int64           `json:"entities"`
	Datasets       []DatasetStatus `json:"datasets"`
	CurrentRelease *ReleaseStatus  `json:"current_release"`
}

var coreTable = map[string]string{
	models.DatasetEntities:    "dim_entity",
	models.DatasetBudget:      "fact_budget",
	models.DatasetInvestments: "fact_investment",
	models.DatasetProcurement: "fact_procurement",
	models.DatasetRequests:    "fact_request",
}

// Status summarises the loads, the core row counts and the latest release.
func (w *Warehouse) Status(ctx context.Context) (*Status, error) {
	s := &Status{Path: w.path}
	var err error
	if s.SchemaVersion, err = w.SchemaVersion(ctx); err != nil {
		return nil, err
	}
	if err := w.db.QueryRowContext(ctx, `SELECT count(*) FROM dim_entity`).Scan(&s.Entities); err != nil {
		return nil, err
	}
	for _, ds := range models.SourceDatasets {
		d := DatasetStatus{Dataset: ds}
		var last sql.NullTime
		if err := w.db.QueryRowContext(ctx, `SELECT count(DISTINCT load_id) FILTER (WHERE outcome = 'loaded'), count(*) FILTER (WHERE outcome = 'loaded'),
			coalesce(sum(rows_read) FILTER (WHERE outcome = 'loaded'), 0), coalesce(sum(rows_loaded), 0),
			coalesce(sum(rows_rejected) FILTER (WHERE outcome = 'loaded'), 0), count(DISTINCT load_id) FILTER (WHERE outcome = 'refused'),
			max(finished_at) FILTER (WHERE outcome = 'loaded')
			FROM loads WHERE dataset = ?`, ds).Scan(&d.Loads, &d.Files, &d.RowsRead, &d.RowsLoaded, &d.RowsRejected, &d.Refused, &last); err != nil {
			return nil, err
		}
		d.LastLoad = last.Time
		if d.SkippedBy, d.RowsSkipped, err = w.skips(ctx, ds); err != nil {
			return nil, err
		}
		if err := w.db.QueryRowContext(ctx, `SELECT count(*) FROM `+coreTable[ds]).Scan(&d.Rows); err != nil {
			return nil, err
		}
		s.Datasets = append(s.Datasets, d)
	}
	var r ReleaseStatus
	err = w.db.QueryRowContext(ctx, `SELECT release_id, path, created_at, datasets, rows, bytes FROM releases ORDER BY created_at DESC, release_id DESC LIMIT 1`).
		Scan(&r.ReleaseID, &r.Path, &r.Created, &r.Datasets, &r.Rows, &r.Bytes)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, err
	default:
		s.CurrentRelease = &r
	}
	return s, nil
}

// skips sums the rows the loaded files of a dataset skipped, by reason.
func (w *Warehouse) skips(ctx context.Context, dataset string) (map[string]int64, int64, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT s.reason, sum(s.rows)::BIGINT FROM load_skips s
		JOIN loads l ON l.load_id = s.load_id AND l.file_no = s.file_no AND l.outcome = 'loaded'
		WHERE l.dataset = ? GROUP BY s.reason ORDER BY s.reason`, dataset)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var (
		by    map[string]int64
		total int64
	)
	for rows.Next() {
		var reason string
		var n int64
		if err := rows.Scan(&reason, &n); err != nil {
			return nil, 0, err
		}
		if by == nil {
			by = map[string]int64{}
		}
		by[reason] = n
		total += n
	}
	return by, total, rows.Err()
}

// Reject is a rejected value with the load it belongs to.
type Reject struct {
	LoadID  int64  `json:"load_id"`
	Dataset string `json:"dataset"`
	Outcome string `json:"outcome"`
	models.RowError
}

// Rejects lists rejected values, newest load first; loadID 0 means every load.
func (w *Warehouse) Rejects(ctx context.Context, loadID int64, limit int) ([]Reject, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT r.load_id, l.dataset, l.outcome, r.file, r.line, r.column_name, coalesce(r.value, ''), r.reason
		FROM rejects r JOIN (SELECT DISTINCT load_id, dataset, outcome FROM loads) l USING (load_id)
		WHERE ? = 0 OR r.load_id = ?
		ORDER BY r.load_id DESC, r.file, r.line, r.column_name LIMIT ?`, loadID, loadID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Reject{}
	for rows.Next() {
		var r Reject
		if err := rows.Scan(&r.LoadID, &r.Dataset, &r.Outcome, &r.File, &r.Line, &r.Column, &r.Value, &r.Reason); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
