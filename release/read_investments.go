package release

import (
	"context"
	"database/sql"

	"github.com/deschis/deschis/models"
)

func investmentWhere(f models.InvestmentFilter) (string, []any) {
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

const investmentColumns = `entity_cui, coalesce(entity_name, ''), code, year, coalesce(name, ''), coalesce(functional_code, ''),
	coalesce(chapter_code, ''), coalesce(chapter_name, ''), coalesce(funding, ''), coalesce(status, ''),
	CAST(round(coalesce(total_value, 0) * 100) AS BIGINT), CAST(round(coalesce(planned_year, 0) * 100) AS BIGINT),
	CAST(round(coalesce(spent_year, 0) * 100) AS BIGINT), CAST(round(coalesce(spent_to_date, 0) * 100) AS BIGINT),
	CAST(round(coalesce(progress_pct, 0) * 100) AS BIGINT), progress_pct IS NOT NULL,
	planned_start, planned_end, actual_start, actual_end, coalesce(contracts, 0)`

func scanInvestment(rows interface{ Scan(...any) error }) (models.Investment, error) {
	var v models.Investment
	var ps, pe, as, ae sql.NullTime
	err := rows.Scan(&v.EntityCUI, &v.EntityName, &v.Code, &v.Year, &v.Name, &v.FunctionalCode,
		&v.ChapterCode, &v.ChapterName, &v.Funding, &v.Status,
		&v.TotalValue, &v.PlannedYear, &v.SpentYear, &v.SpentToDate, &v.ProgressBasisPoints, &v.ProgressKnown,
		&ps, &pe, &as, &ae, &v.Contracts)
	v.PlannedStart, v.PlannedEnd, v.ActualStart, v.ActualEnd = dateOrZero(ps), dateOrZero(pe), dateOrZero(as), dateOrZero(ae)
	return v, err
}

// Investments lists the objectives a filter selects, largest first.
func (r *DB) Investments(ctx context.Context, f models.InvestmentFilter) (out []models.Investment, err error) {
	defer models.Wrap(&err, "investiții %s %d", f.Entity, f.Year)
	w, args := investmentWhere(f)
	page := ""
	if f.Limit > 0 {
		page = " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, f.Offset)
	}
	// Largest first; the code breaks ties (an objective's code is unique
	// within an entity and year), so pages never overlap.
	err = queryRows(ctx, r.db, `SELECT `+investmentColumns+` FROM investments WHERE `+w+` ORDER BY total_value DESC, code`+page, args,
		func(rows *sql.Rows) error {
			v, err := scanInvestment(rows)
			out = append(out, v)
			return err
		})
	return out, err
}

// InvestmentTotals sums the objectives a filter selects.
func (r *DB) InvestmentTotals(ctx context.Context, f models.InvestmentFilter) (s models.InvestmentSummary, err error) {
	defer models.Wrap(&err, "totaluri investiții %s %d", f.Entity, f.Year)
	w, args := investmentWhere(f)
	err = r.db.QueryRowContext(ctx, `SELECT count(*), `+bani("sum(total_value)")+`, `+bani("sum(planned_year)")+`, `+bani("sum(spent_year)")+`
		FROM investments WHERE `+w, args...).Scan(&s.Count, &s.TotalValue, &s.PlannedYear, &s.SpentYear)
	return s, err
}

var investmentDims = map[models.InvestmentDim]string{
	models.InvestmentsByStatus:  "status",
	models.InvestmentsByFunding: "funding",
	models.InvestmentsByChapter: "chapter_code",
}

// InvestmentsBy groups a filter's objectives by status, funding or chapter
// with their count and total value, largest first.
func (r *DB) InvestmentsBy(ctx context.Context, f models.InvestmentFilter, dim models.InvestmentDim) (out []models.InvestmentGroup, err error) {
	defer models.Wrap(&err, "investiții pe %s", dim)
	expr, ok := investmentDims[dim]
	if !ok {
		return nil, errInvalidDim(string(dim))
	}
	w, args := investmentWhere(f)
	err = queryRows(ctx, r.db, `SELECT coalesce(`+expr+`, '') AS k, coalesce(any_value(chapter_name), ''), count(*), `+bani("sum(total_value)")+`
		FROM investments WHERE `+w+` GROUP BY k ORDER BY 4 DESC, k`, args, func(rows *sql.Rows) error {
		var g models.InvestmentGroup
		if err := rows.Scan(&g.Code, &g.Name, &g.Count, &g.TotalValue); err != nil {
			return err
		}
		if dim != models.InvestmentsByChapter {
			g.Name = ""
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// Investment returns objective code as it stands in year's list (the latest
// list that has it when year is 0), or ErrNotFound.
func (r *DB) Investment(ctx context.Context, code string, year int) (v models.Investment, err error) {
	defer models.Wrap(&err, "investiția %s", code)
	row := r.db.QueryRowContext(ctx, `SELECT `+investmentColumns+` FROM investments WHERE code = ? AND (? = 0 OR year = ?)
		ORDER BY year DESC LIMIT 1`, code, year, year)
	v, err = scanInvestment(row)
	return v, notFound(err, "investiția "+code)
}

// InvestmentHistory is every year's list entry of an objective, oldest first.
func (r *DB) InvestmentHistory(ctx context.Context, code string) (out []models.Investment, err error) {
	defer models.Wrap(&err, "istoricul investiției %s", code)
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
func (r *DB) InvestmentFacets(ctx context.Context, entity string) (f models.InvestmentFacets, err error) {
	defer models.Wrap(&err, "filtre investiții %s", entity)
	for _, q := range []struct {
		sql string
		dst *[]string
	}{
		{`SELECT DISTINCT status FROM investments WHERE entity_cui = ? AND status IS NOT NULL ORDER BY 1`, &f.Statuses},
		{`SELECT DISTINCT funding FROM investments WHERE entity_cui = ? AND funding IS NOT NULL ORDER BY 1`, &f.Funding},
	} {
		if err := queryRows(ctx, r.db, q.sql, []any{entity}, func(rows *sql.Rows) error {
			var s string
			err := rows.Scan(&s)
			*q.dst = append(*q.dst, s)
			return err
		}); err != nil {
			return f, err
		}
	}
	err = queryRows(ctx, r.db, `SELECT split_part(chapter_code, '.', 1) AS c, min(chapter_name) FROM investments
		WHERE entity_cui = ? AND chapter_code IS NOT NULL GROUP BY c ORDER BY c`, []any{entity}, func(rows *sql.Rows) error {
		var c models.CodeName
		err := rows.Scan(&c.Code, &c.Name)
		f.Chapters = append(f.Chapters, c)
		return err
	})
	return f, err
}
