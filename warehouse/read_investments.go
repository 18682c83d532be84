package warehouse

import (
	"context"
	"database/sql"
	"time"

	"github.com/deschis/deschis/models"
)

// InvestmentFilter selects investment objectives of one year's list.
// Empty fields do not filter; Chapter is the first segment ("84").
type InvestmentFilter struct {
	Entity, Status, Chapter, Funding string
	Year                             int
}

func (f InvestmentFilter) where() (string, []any) {
	w, args := "entity_cui = ? AND year = ?", []any{f.Entity, f.Year}
	if f.Status != "" {
		w += " AND status = ?"
		args = append(args, f.Status)
	}
	if f.Chapter != "" {
		w += " AND split_part(chapter_code, '.', 1) = ?"
		args = append(args, f.Chapter)
	}
	if f.Funding != "" {
		w += " AND funding = ?"
		args = append(args, f.Funding)
	}
	return w, args
}

// InvestmentRow is one objective in one year's list. ProgressBasisPoints is
// the physical progress in hundredths of a percent (8082 = 80.82 %).
type InvestmentRow struct {
	EntityCUI, EntityName, Code, Name string
	Year                              int
	FunctionalCode, ChapterCode       string
	ChapterName, Funding, Status      string
	TotalValue, PlannedYear           models.Amount
	SpentYear, SpentToDate            models.Amount
	ProgressBasisPoints               int64
	PlannedStart, PlannedEnd          time.Time // zero when unknown
	ActualStart, ActualEnd            time.Time
	Contracts                         int64
}

const investmentColumns = `entity_cui, coalesce(entity_name, ''), code, year, coalesce(name, ''), coalesce(functional_code, ''),
	coalesce(chapter_code, ''), coalesce(chapter_name, ''), coalesce(funding, ''), coalesce(status, ''),
	CAST(round(coalesce(total_value, 0) * 100) AS BIGINT), CAST(round(coalesce(planned_year, 0) * 100) AS BIGINT),
	CAST(round(coalesce(spent_year, 0) * 100) AS BIGINT), CAST(round(coalesce(spent_to_date, 0) * 100) AS BIGINT),
	CAST(round(coalesce(progress_pct, 0) * 100) AS BIGINT),
	planned_start, planned_end, actual_start, actual_end, coalesce(contracts, 0)`

func scanInvestment(rows interface{ Scan(...any) error }) (InvestmentRow, error) {
	var v InvestmentRow
	var ps, pe, as, ae sql.NullTime
	err := rows.Scan(&v.EntityCUI, &v.EntityName, &v.Code, &v.Year, &v.Name, &v.FunctionalCode,
		&v.ChapterCode, &v.ChapterName, &v.Funding, &v.Status,
		&v.TotalValue, &v.PlannedYear, &v.SpentYear, &v.SpentToDate, &v.ProgressBasisPoints,
		&ps, &pe, &as, &ae, &v.Contracts)
	v.PlannedStart, v.PlannedEnd, v.ActualStart, v.ActualEnd = dateOrZero(ps), dateOrZero(pe), dateOrZero(as), dateOrZero(ae)
	return v, err
}

// Investments lists the objectives a filter selects, largest first.
func (r *ReleaseDB) Investments(ctx context.Context, f InvestmentFilter) (out []InvestmentRow, err error) {
	defer wrap(&err, "investiții %s %d", f.Entity, f.Year)
	w, args := f.where()
	err = queryRows(ctx, r.db, `SELECT `+investmentColumns+` FROM investments WHERE `+w+` ORDER BY total_value DESC, code`, args,
		func(rows *sql.Rows) error {
			v, err := scanInvestment(rows)
			out = append(out, v)
			return err
		})
	return out, err
}

// InvestmentSummary counts the objectives of a filter and sums their value.
type InvestmentSummary struct {
	Count                              int64
	TotalValue, PlannedYear, SpentYear models.Amount
}

// InvestmentTotals sums the objectives a filter selects.
func (r *ReleaseDB) InvestmentTotals(ctx context.Context, f InvestmentFilter) (s InvestmentSummary, err error) {
	defer wrap(&err, "totaluri investiții %s %d", f.Entity, f.Year)
	w, args := f.where()
	err = r.db.QueryRowContext(ctx, `SELECT count(*), `+bani("sum(total_value)")+`, `+bani("sum(planned_year)")+`, `+bani("sum(spent_year)")+`
		FROM investments WHERE `+w, args...).Scan(&s.Count, &s.TotalValue, &s.PlannedYear, &s.SpentYear)
	return s, err
}

// InvestmentsBy groups a filter's objectives by "status", "funding" or
// "chapter" with their count (Kind holds the count as text is not needed:
// the count is returned in Count) and total value.
func (r *ReleaseDB) InvestmentsBy(ctx context.Context, f InvestmentFilter, dim string) (out []InvestmentGroup, err error) {
	defer wrap(&err, "investiții pe %s", dim)
	expr := map[string]string{"status": "status", "funding": "funding", "chapter": "chapter_code"}[dim]
	if expr == "" {
		return nil, errInvalidDim(dim)
	}
	w, args := f.where()
	err = queryRows(ctx, r.db, `SELECT coalesce(`+expr+`, '') AS k, coalesce(any_value(chapter_name), ''), count(*), `+bani("sum(total_value)")+`
		FROM investments WHERE `+w+` GROUP BY k ORDER BY 4 DESC, k`, args, func(rows *sql.Rows) error {
		var g InvestmentGroup
		if err := rows.Scan(&g.Code, &g.Name, &g.Count, &g.TotalValue); err != nil {
			return err
		}
		if dim != "chapter" {
			g.Name = ""
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// InvestmentGroup is one row of InvestmentsBy.
type InvestmentGroup struct {
	Code, Name string
	Count      int64
	TotalValue models.Amount
}

// Investment returns objective code as it stands in year's list (the latest
// list that has it when year is 0), or ErrNotFound.
func (r *ReleaseDB) Investment(ctx context.Context, code string, year int) (v InvestmentRow, err error) {
	defer wrap(&err, "investiția %s", code)
	row := r.db.QueryRowContext(ctx, `SELECT `+investmentColumns+` FROM investments WHERE code = ? AND (? = 0 OR year = ?)
		ORDER BY year DESC LIMIT 1`, code, year, year)
	v, err = scanInvestment(row)
	return v, notFound(err, "investiția "+code)
}

// InvestmentHistory is every year's list entry of an objective, oldest first.
func (r *ReleaseDB) InvestmentHistory(ctx context.Context, code string) (out []InvestmentRow, err error) {
	defer wrap(&err, "istoricul investiției %s", code)
	err = queryRows(ctx, r.db, `SELECT `+investmentColumns+` FROM investments WHERE code = ? ORDER BY year`, []any{code},
		func(rows *sql.Rows) error {
			v, err := scanInvestment(rows)
			out = append(out, v)
			return err
		})
	return out, err
}

// InvestmentFacets are the values the investment filters offer for an entity
// (over every year): statuses, funding sources and chapters ("84" with name).
func (r *ReleaseDB) InvestmentFacets(ctx context.Context, entity string) (statuses, funding []string, chapters []CodeName, err error) {
	defer wrap(&err, "filtre investiții %s", entity)
	for _, q := range []struct {
		sql string
		dst *[]string
	}{
		{`SELECT DISTINCT status FROM investments WHERE entity_cui = ? AND status IS NOT NULL ORDER BY 1`, &statuses},
		{`SELECT DISTINCT funding FROM investments WHERE entity_cui = ? AND funding IS NOT NULL ORDER BY 1`, &funding},
	} {
		if err := queryRows(ctx, r.db, q.sql, []any{entity}, func(rows *sql.Rows) error {
			var s string
			err := rows.Scan(&s)
			*q.dst = append(*q.dst, s)
			return err
		}); err != nil {
			return nil, nil, nil, err
		}
	}
	err = queryRows(ctx, r.db, `SELECT split_part(chapter_code, '.', 1) AS c, min(chapter_name) FROM investments
		WHERE entity_cui = ? AND chapter_code IS NOT NULL GROUP BY c ORDER BY c`, []any{entity}, func(rows *sql.Rows) error {
		var c CodeName
		err := rows.Scan(&c.Code, &c.Name)
		chapters = append(chapters, c)
		return err
	})
	return statuses, funding, chapters, err
}
