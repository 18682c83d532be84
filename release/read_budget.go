package release

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/deschis/deschis/models"
)

// budgetWhere returns the filter of a scope and its arguments.
func budgetWhere(s models.BudgetScope) (string, []any) {
	w, args := "entity_cui = ? AND year = ?", []any{s.Entity, s.Year}
	if s.Consolidated {
		w = "group_cui = ? AND year = ? AND NOT coalesce(intra_group, false)"
	}
	if s.Chapter != "" {
		w += " AND split_part(chapter_code, '.', 1) = ?"
		args = append(args, s.Chapter)
	}
	return w, args
}

// BudgetTotals sums a scope's budget by kind.
func (r *DB) BudgetTotals(ctx context.Context, s models.BudgetScope) (t models.BudgetTotals, err error) {
	defer models.Wrap(&err, "totaluri buget %s %d", s.Entity, s.Year)
	w, args := budgetWhere(s)
	err = queryRows(ctx, r.db, `SELECT kind, `+bani("sum(initial_budget)")+`, `+bani("sum(final_budget)")+`, `+bani("sum(executed)")+`, count(*)
		FROM budget WHERE `+w+` GROUP BY kind`, args, func(rows *sql.Rows) error {
		var kind string
		var b models.BudgetSums
		if err := rows.Scan(&kind, &b.Initial, &b.Final, &b.Executed, &b.Lines); err != nil {
			return err
		}
		switch models.BudgetKind(kind) {
		case models.Expense:
			t.Expenses = b
		case models.Revenue:
			t.Revenues = b
		}
		return nil
	})
	return t, err
}

// budgetDims are the SQL of each breakdown: code and name expressions.
var budgetDims = map[models.BudgetDim]struct{ code, name string }{
	models.ByChapter:       {"chapter_code", "any_value(chapter_name)"},
	models.BySubchapter:    {"coalesce(nullif(regexp_extract(functional_code, '^[0-9]+\\.[0-9]+\\.[0-9]+'), ''), functional_code)", "''"},
	models.ByEconomicTitle: {"coalesce(economic_title, '')", "coalesce(any_value(economic_title_name), '')"},
	models.BySection:       {"section", "''"},
	models.ByFunding:       {"funding_source", "''"},
}

// BudgetBy breaks a scope's expenses or revenues (kind) down by dim, largest
// execution first. Subchapter names come from the classification catalogue.
func (r *DB) BudgetBy(ctx context.Context, s models.BudgetScope, kind models.BudgetKind, dim models.BudgetDim) (out []models.BudgetGroup, err error) {
	defer models.Wrap(&err, "buget pe %d %s %d", dim, s.Entity, s.Year)
	d, ok := budgetDims[dim]
	if !ok {
		return nil, fmt.Errorf("defalcare necunoscută %d", dim)
	}
	w, args := budgetWhere(s)
	args = append(args, string(kind))
	err = queryRows(ctx, r.db, `SELECT `+d.code+` AS code, `+d.name+`, `+bani("sum(initial_budget)")+`, `+bani("sum(final_budget)")+`, `+bani("sum(executed)")+`
		FROM budget WHERE `+w+` AND kind = ? GROUP BY code ORDER BY 5 DESC, code`, args, func(rows *sql.Rows) error {
		var g models.BudgetGroup
		if err := rows.Scan(&g.Code, &g.Name, &g.Initial, &g.Final, &g.Executed); err != nil {
			return err
		}
		if dim == models.BySubchapter {
			if cc, ok := models.LookupFunctional(g.Code); ok {
				g.Name = cc.Name
			}
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// BudgetThrough is a scope's execution from 1 January to the end of month
// through, by dim: the sum of the monthly figures up to it (which is the
// cumulative figure of the latest report at or before it), from the monthly
// dataset, with the month of that report (0 when there is none).
func (r *DB) BudgetThrough(ctx context.Context, s models.BudgetScope, kind models.BudgetKind, dim models.BudgetDim, through int) (out []models.BudgetGroup, reported int, err error) {
	defer models.Wrap(&err, "buget până în luna %d pe %d %s %d", through, dim, s.Entity, s.Year)
	d, ok := budgetDims[dim]
	if !ok {
		return nil, 0, fmt.Errorf("defalcare necunoscută %d", dim)
	}
	w, args := budgetWhere(s)
	args = append(args, string(kind), through)
	err = queryRows(ctx, r.db, `SELECT `+d.code+` AS code, `+bani("sum(executed)")+`, max(month)
		FROM budget_execution_monthly WHERE `+w+` AND kind = ? AND month <= ? GROUP BY code ORDER BY 2 DESC, code`, args, func(rows *sql.Rows) error {
		var g models.BudgetGroup
		var m int
		if err := rows.Scan(&g.Code, &g.Executed, &m); err != nil {
			return err
		}
		reported = max(reported, m)
		out = append(out, g)
		return nil
	})
	return out, reported, err
}

// BudgetMonthlyBy is the monthly execution of the years from..s.Year of a
// scope, expenses by expenseDim and revenues by revenueDim, in one query
// over the monthly dataset: a row per year, kind, reported month and code.
func (r *DB) BudgetMonthlyBy(ctx context.Context, s models.BudgetScope, from int, expenseDim, revenueDim models.BudgetDim) (out []models.BudgetMonthGroup, err error) {
	defer models.Wrap(&err, "execuție lunară pe %d/%d %s %d–%d", expenseDim, revenueDim, s.Entity, from, s.Year)
	de, ok := budgetDims[expenseDim]
	dr, ok2 := budgetDims[revenueDim]
	if !ok || !ok2 {
		return nil, fmt.Errorf("defalcare necunoscută %d/%d", expenseDim, revenueDim)
	}
	w, wargs := budgetWhere(s)
	w = strings.Replace(w, "year = ?", "year BETWEEN ? AND ?", 1)
	args := append([]any{string(models.Expense), wargs[0], from}, wargs[1:]...)
	err = queryRows(ctx, r.db, `SELECT year, kind, month, CASE WHEN kind = ? THEN `+de.code+` ELSE `+dr.code+` END AS code,
		`+bani("sum(final_budget)")+`, `+bani("sum(executed)")+`, `+bani("sum(executed_cumulative)")+`
		FROM budget_execution_monthly WHERE `+w+` GROUP BY ALL ORDER BY year, kind, month, code`,
		args, func(rows *sql.Rows) error {
			var g models.BudgetMonthGroup
			var kind string
			if err := rows.Scan(&g.Year, &kind, &g.Month, &g.Code, &g.Final, &g.Executed, &g.ExecutedCumulative); err != nil {
				return err
			}
			g.Kind = models.BudgetKind(kind)
			out = append(out, g)
			return nil
		})
	return out, err
}

// BudgetMonthly is the monthly execution of a scope's expenses or revenues.
func (r *DB) BudgetMonthly(ctx context.Context, s models.BudgetScope, kind models.BudgetKind) (out []models.BudgetMonth, err error) {
	defer models.Wrap(&err, "execuție lunară %s %d", s.Entity, s.Year)
	w, args := budgetWhere(s)
	args = append(args, string(kind))
	err = queryRows(ctx, r.db, `SELECT month, `+bani("sum(final_budget)")+`, `+bani("sum(executed)")+`, `+bani("sum(executed_cumulative)")+`
		FROM budget_execution_monthly WHERE `+w+` AND kind = ? GROUP BY month ORDER BY month`, args, func(rows *sql.Rows) error {
		var m models.BudgetMonth
		if err := rows.Scan(&m.Month, &m.Final, &m.Executed, &m.ExecutedCumulative); err != nil {
			return err
		}
		out = append(out, m)
		return nil
	})
	return out, err
}

// BudgetByYear is every year of a scope, for year-over-year comparison.
func (r *DB) BudgetByYear(ctx context.Context, s models.BudgetScope) (out []models.BudgetYear, err error) {
	defer models.Wrap(&err, "buget pe ani %s", s.Entity)
	w, args := "entity_cui = ?", []any{s.Entity}
	if s.Consolidated {
		w = "group_cui = ? AND NOT coalesce(intra_group, false)"
	}
	if s.Chapter != "" {
		w += " AND split_part(chapter_code, '.', 1) = ?"
		args = append(args, s.Chapter)
	}
	err = queryRows(ctx, r.db, `SELECT year,
		`+bani("sum(final_budget) FILTER (WHERE kind = 'cheltuieli')")+`, `+bani("sum(executed) FILTER (WHERE kind = 'cheltuieli')")+`,
		`+bani("sum(final_budget) FILTER (WHERE kind = 'venituri')")+`, `+bani("sum(executed) FILTER (WHERE kind = 'venituri')")+`,
		max(reported_month)
		FROM budget WHERE `+w+` GROUP BY year ORDER BY year`, args, func(rows *sql.Rows) error {
		var y models.BudgetYear
		if err := rows.Scan(&y.Year, &y.ExpensesFinal, &y.ExpensesExecuted, &y.RevenuesFinal, &y.RevenuesExecuted, &y.ReportedMonth); err != nil {
			return err
		}
		out = append(out, y)
		return nil
	})
	return out, err
}

// BudgetChapters lists the chapters (first segment, e.g. "65", with the
// chapter name) an entity's budget has in any year, for the chapter filter.
func (r *DB) BudgetChapters(ctx context.Context, entity string) (out []models.CodeName, err error) {
	defer models.Wrap(&err, "capitole buget %s", entity)
	err = queryRows(ctx, r.db, `SELECT split_part(chapter_code, '.', 1) AS c, min(chapter_name), min(kind)
		FROM budget WHERE entity_cui = ? OR group_cui = ? GROUP BY c ORDER BY c`, []any{entity, entity}, func(rows *sql.Rows) error {
		var c models.CodeName
		if err := rows.Scan(&c.Code, &c.Name, &c.Kind); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}
