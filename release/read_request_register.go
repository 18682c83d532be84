package release

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/deschis/deschis/models"
)

// The request register (internal/requests.parquet), loaded by OpenInternal
// only. Every query is parameterised; the only SQL taken from a filter is a
// sort expression looked up in requestSorts and a state condition looked up
// in requestStates, both written here.

var requestSorts = map[models.RequestSort]string{
	models.SortReceived:   "received",
	models.SortDue:        "due",
	models.SortAnswered:   "answered",
	models.SortDays:       "days_to_answer",
	models.SortDepartment: "department",
}

// requestStates are the conditions of each state; "?" is DueWithin for
// StateDueSoon. The outcomes are the ones of warehouse/marts/v_requests.sql.
var requestStates = map[models.RequestState]string{
	models.StateOpen:       "outcome = 'deschisă'",
	models.StateOverdue:    "outcome = 'deschisă' AND late",
	models.StateDueSoon:    "outcome = 'deschisă' AND NOT late AND due <= as_of + CAST(? AS INTEGER)",
	models.StateAnswered:   "outcome = 'răspuns'",
	models.StateLate:       "late",
	models.StateRedirected: "outcome = 'redirecționată'",
	models.StateCancelled:  "outcome = 'anulată'",
}

func (r *DB) noRegister() error {
	if r.internal {
		return nil
	}
	return fmt.Errorf("%w: ediția a fost deschisă fără datele interne (registrul cererilor)", models.ErrNotFound)
}

// requestWhere is the WHERE clause of a filter and its arguments.
func requestWhere(f models.RequestRowFilter) (string, []any, error) {
	if f.Entity == "" {
		return "", nil, fmt.Errorf("%w: registrul cererilor se citește pentru o instituție", models.ErrInvalid)
	}
	where := []string{"entity_cui = ?"}
	args := []any{f.Entity}
	if f.Department != "" {
		where, args = append(where, "department = ?"), append(args, f.Department)
	}
	if f.Category != "" {
		where, args = append(where, "category = ?"), append(args, f.Category)
	}
	if f.Type != "" {
		where, args = append(where, "type = ?"), append(args, f.Type)
	}
	switch {
	case f.Month != 0 && f.Year == 0:
		return "", nil, fmt.Errorf("%w: luna %d cere și anul", models.ErrInvalid, f.Month)
	case f.Month != 0:
		where, args = append(where, "received >= make_date(?, ?, 1) AND received < make_date(?, ?, 1) + INTERVAL 1 MONTH"), append(args, f.Year, f.Month, f.Year, f.Month)
	case f.Year != 0:
		where, args = append(where, "received >= make_date(?, 1, 1) AND received < make_date(? + 1, 1, 1)"), append(args, f.Year, f.Year)
	}
	if f.State != models.StateAny {
		cond, ok := requestStates[f.State]
		if !ok {
			return "", nil, fmt.Errorf("%w: starea %q a cererilor nu există", models.ErrInvalid, f.State)
		}
		where = append(where, cond)
		if f.State == models.StateDueSoon {
			args = append(args, f.DueWithin)
		}
	}
	return strings.Join(where, " AND "), args, nil
}

// RequestRows returns a page of the rows a filter selects.
func (r *DB) RequestRows(ctx context.Context, f models.RequestRowFilter) (p models.RequestRowPage, err error) {
	defer models.Wrap(&err, "registrul cererilor %s", f.Entity)
	if err := r.noRegister(); err != nil {
		return p, err
	}
	where, args, err := requestWhere(f)
	if err != nil {
		return p, err
	}
	sortBy := f.Sort
	if sortBy == "" {
		sortBy = models.SortReceived
	}
	col, ok := requestSorts[sortBy]
	if !ok {
		return p, fmt.Errorf("%w: cererile nu se pot ordona după %q", models.ErrInvalid, f.Sort)
	}
	if f.Limit < 1 || f.Limit > models.MaxRequestRows || f.Offset < 0 {
		return p, fmt.Errorf("%w: o pagină are între 1 și %d cereri, de la poziția 0 încolo", models.ErrInvalid, models.MaxRequestRows)
	}
	dir := "ASC NULLS LAST"
	if f.Desc {
		dir = "DESC NULLS LAST"
	}
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM requests WHERE `+where, args...).Scan(&p.Total); err != nil {
		return p, err
	}
	p.Rows = []models.RequestRow{}
	err = queryRows(ctx, r.db, `SELECT request_id, received, due, answered, as_of, coalesce(channel, ''), coalesce(category, ''), coalesce(type, ''),
		coalesce(department, ''), status, outcome, coalesce(term_days, 0), coalesce(days_to_answer, -1), coalesce(extended, false),
		coalesce(within_term, false), coalesce(late, false)
		FROM requests WHERE `+where+` ORDER BY `+col+` `+dir+`, request_id `+dir+` LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset), func(rows *sql.Rows) error {
			var x models.RequestRow
			var due, answered, asOf sql.NullTime
			var status, outcome string
			if err := rows.Scan(&x.ID, &x.Received, &due, &answered, &asOf, &x.Channel, &x.Category, &x.Type, &x.Dept, &status, &outcome,
				&x.TermDays, &x.DaysToAnswer, &x.Extended, &x.WithinTerm, &x.Late); err != nil {
				return err
			}
			x.Due, x.Answered, x.AsOf = dateOrZero(due), dateOrZero(answered), dateOrZero(asOf)
			x.Status, x.Outcome = models.RequestStatus(status), models.RequestOutcome(outcome)
			p.Rows = append(p.Rows, x)
			return nil
		})
	return p, err
}

// RequestDeadlines counts each department's open requests overdue and due
// within dueWithin days of the register's export, most overdue first.
func (r *DB) RequestDeadlines(ctx context.Context, entity, department string, dueWithin int) (out []models.RequestDeadlines, err error) {
	defer models.Wrap(&err, "termenele cererilor %s", entity)
	if err := r.noRegister(); err != nil {
		return nil, err
	}
	err = queryRows(ctx, r.db, `SELECT coalesce(department, ''), count(*) FILTER (WHERE late),
		count(*) FILTER (WHERE NOT late AND due <= as_of + CAST(? AS INTEGER)), max(as_of)
		FROM requests WHERE entity_cui = ? AND (? = '' OR department = ?) AND outcome = 'deschisă'
		GROUP BY 1 HAVING count(*) FILTER (WHERE late) > 0 OR count(*) FILTER (WHERE NOT late AND due <= as_of + CAST(? AS INTEGER)) > 0
		ORDER BY 2 DESC, 3 DESC, 1`, []any{dueWithin, entity, department, department, dueWithin}, func(rows *sql.Rows) error {
		var d models.RequestDeadlines
		var asOf sql.NullTime
		if err := rows.Scan(&d.Department, &d.Overdue, &d.DueSoon, &asOf); err != nil {
			return err
		}
		d.AsOf = dateOrZero(asOf)
		out = append(out, d)
		return nil
	})
	return out, err
}

// RequestFacets are the departments, categories and types of an entity's
// register: read once per entity (a release never changes), since every
// drill-down page offers them.
func (r *DB) RequestFacets(ctx context.Context, entity string) (f models.RequestFacets, err error) {
	defer models.Wrap(&err, "valorile registrului cererilor %s", entity)
	if err := r.noRegister(); err != nil {
		return f, err
	}
	if v, ok := r.facets.Load(entity); ok {
		return v.(models.RequestFacets), nil
	}
	defer func() {
		if err == nil {
			r.facets.Store(entity, f)
		}
	}()
	for _, q := range []struct {
		col string
		out *[]string
	}{{"department", &f.Departments}, {"category", &f.Categories}, {"type", &f.Types}} {
		err = queryRows(ctx, r.db, `SELECT DISTINCT `+q.col+` FROM requests WHERE entity_cui = ? AND `+q.col+` IS NOT NULL AND `+q.col+` <> '' ORDER BY 1`,
			[]any{entity}, func(rows *sql.Rows) error {
				var s string
				if err := rows.Scan(&s); err != nil {
					return err
				}
				*q.out = append(*q.out, s)
				return nil
			})
		if err != nil {
			return f, err
		}
	}
	return f, nil
}

var _ models.RequestRegisterReader = (*DB)(nil)
