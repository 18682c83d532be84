package accounts

import (
	"context"
	"database/sql"
	"net/url"
	"strconv"
	"time"
)

// The events of the audit log.
const (
	EventSuccess   = "signin-success"
	EventFailure   = "signin-failure"
	EventThrottled = "signin-throttled"
	EventSignOut   = "signout"
	// EventExport is a drill-down table downloaded from the dashboards; its
	// detail says what (ExportDetail).
	EventExport = "export"
	// EventExportChart is a chart of the dashboards downloaded as PNG; its
	// detail (ExportDetail) names the chart (Dataset), "png" and its size.
	EventExportChart = "export-chart"
)

// ExportDetail is what the audit log keeps of an export: the dataset, the
// format, the rows written and the filters (the request's parameters).
type ExportDetail struct {
	Dataset, Format string
	Rows            int64
	Filters         url.Values
}

// String encodes the detail as a query string: set, format, rows, then the
// filters under their own names.
func (d ExportDetail) String() string {
	v := url.Values{}
	for k, vs := range d.Filters {
		v[k] = vs
	}
	v.Set("set", d.Dataset)
	v.Set("format", d.Format)
	v.Set("rows", strconv.FormatInt(d.Rows, 10))
	return v.Encode()
}

// ParseExportDetail reads back what ExportDetail.String wrote.
func ParseExportDetail(s string) (ExportDetail, error) {
	v, err := url.ParseQuery(s)
	if err != nil {
		return ExportDetail{}, err
	}
	d := ExportDetail{Dataset: v.Get("set"), Format: v.Get("format")}
	if d.Rows, err = strconv.ParseInt(v.Get("rows"), 10, 64); err != nil {
		return d, err
	}
	v.Del("set")
	v.Del("format")
	v.Del("rows")
	d.Filters = v
	return d, nil
}

// RecordExport writes an export to the audit log.
func (s *Store) RecordExport(ctx context.Context, user, addr string, d ExportDetail) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO audit(at, event, user, addr, detail) VALUES (?, ?, ?, ?, ?)`,
		ms(s.now()), EventExport, user, addr, d.String())
	return err
}

// RecordChartExport writes a chart's PNG download to the audit log.
func (s *Store) RecordChartExport(ctx context.Context, user, addr string, d ExportDetail) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO audit(at, event, user, addr, detail) VALUES (?, ?, ?, ?, ?)`,
		ms(s.now()), EventExportChart, user, addr, d.String())
	return err
}

// Event is one line of the audit log.
type Event struct {
	At     time.Time
	Event  string
	User   string // the account name as typed (it may not exist)
	Addr   string
	Detail string
}

func (s *Store) record(ctx context.Context, tx *sql.Tx, event, user, addr, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit(at, event, user, addr, detail) VALUES (?, ?, ?, ?, ?)`,
		ms(s.now()), event, user, addr, detail)
	return err
}

// Audit returns the newest limit events of the audit log, newest first.
func (s *Store) Audit(ctx context.Context, limit int) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, event, user, addr, detail FROM audit ORDER BY at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at int64
		if err := rows.Scan(&at, &e.Event, &e.User, &e.Addr, &e.Detail); err != nil {
			return nil, err
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
