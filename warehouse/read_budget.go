package warehouse

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/deschis/deschis/models"
)

// Budget kinds as the budget dataset spells them.
const (
	KindExpenses = "cheltuieli"
	KindRevenues = "venituri"
)

// BudgetScope selects the budget lines a page sums: one entity's own budget,
// or (Consolidated) the budgets of the entity and its subordinate units
// without the transfers between them; optionally one functional chapter
// ("65": every chapter whose code starts with 65).
type BudgetScope struct {
	Entity       string
	Year         int
	Consolidated bool
	Chapter      string
}

// where returns the filter of a scope and its arguments.
func (s BudgetScope) where() (string, []any) {
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

// BudgetSums are the appropriations and execution of a set of budget lines, in bani.
type BudgetSums struct {
	Initial, Final, Executed models.Amount
	Lines                    int64
}

// BudgetTotals are a scope's expenses and revenues.
type BudgetTotals struct {
	Expenses, Revenues BudgetSums
}

// BudgetTotals sums a scope's budget by kind.
func (r *ReleaseDB) BudgetTotals(ctx context.Context, s BudgetScope) (t BudgetTotals, err error) {
	defer wrap(&err, "totaluri buget %s %d", s.Entity, s.Year)
	w, args := s.where()
	err = queryRows(ctx, r.db, `SELECT kind, `+bani("sum(initial_budget)")+`, `+bani("sum(final_budget)")+`, `+bani("sum(executed)")+`, count(*)
		FROM budget WHERE `+w+` GROUP BY kind`, args, func(rows *sql.Rows) error {
		var kind string
		var b BudgetSums
		if err := rows.Scan(&kind, &b.Initial, &b.Final, &b.Executed, &b.Lines); err != nil {
			return err
		}
		switch kind {
		case KindExpenses:
			t.Expenses = b
		case KindRevenues:
			t.Revenues = b
		}
		return nil
	})
	return t, err
}

// BudgetDim is a breakdown of the budget.
type BudgetDim int

const (
	ByChapter       BudgetDim = iota // functional chapter (65.02 Învățământ)
	BySubchapter                     // functional subchapter (65.02.04)
	ByEconomicTitle                  // economic title (10 Cheltuieli de personal)
	BySection                        // funcționare / dezvoltare
	ByFunding                        // funding source A–G
)

// budgetDims are the SQL of each breakdown: code and name expressions.
var budgetDims = map[BudgetDim]struct{ code, name string }{
	ByChapter:       {"chapter_code", "any_value(chapter_name)"},
	BySubchapter:    {"coalesce(nullif(regexp_extract(functional_code, '^[0-9]+\\.[0-9]+\\.[0-9]+'), ''), functional_code)", "''"},
	ByEconomicTitle: {"coalesce(economic_title, '')", "coalesce(any_value(economic_title_name), '')"},
	BySection:       {"section", "''"},
	ByFunding:       {"funding_source", "''"},
}

// BudgetGroup is one row of a breakdown, in bani.
type BudgetGroup struct {
	Code, Name      string
	Final, Executed models.Amount
}

// BudgetBy breaks a scope's expenses or revenues (kind) down by dim, largest
// execution first. Subchapter names come from the classification catalogue.
func (r *ReleaseDB) BudgetBy(ctx context.Context, s BudgetScope, kind string, dim BudgetDim) (out []BudgetGroup, err error) {
	defer wrap(&err, "buget pe %d %s %d", dim, s.Entity, s.Year)
	d, ok := budgetDims[dim]
	if !ok {
		return nil, fmt.Errorf("defalcare necunoscută %d", dim)
	}
	w, args := s.where()
	args = append(args, kind)
	err = queryRows(ctx, r.db, `SELECT `+d.code+` AS code, `+d.name+`, `+bani("sum(final_budget)")+`, `+bani("sum(executed)")+`
		FROM budget WHERE `+w+` AND kind = ? GROUP BY code ORDER BY 4 DESC, code`, args, func(rows *sql.Rows) error {
		var g BudgetGroup
		if err := rows.Scan(&g.Code, &g.Name, &g.Final, &g.Executed); err != nil {
			return err
		}
		if dim == BySubchapter {
			if cc, ok := models.LookupFunctional(g.Code); ok {
				g.Name = cc.Name
			}
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// BudgetMonth is one month of a year's execution, in bani: the month's
// payments (receipts), the cumulative execution and the appropriations in
// force at the end of the month.
type BudgetMonth struct {
	Month                               int
	Final, Executed, ExecutedCumulative models.Amount
}

// BudgetMonthly is the monthly execution of a scope's expenses or revenues.
func (r *ReleaseDB) BudgetMonthly(ctx context.Context, s BudgetScope, kind string) (out []BudgetMonth, err error) {
	defer wrap(&err, "execuție lunară %s %d", s.Entity, s.Year)
	w, args := s.where()
	args = append(args, kind)
	err = queryRows(ctx, r.db, `SELECT month, `+bani("sum(final_budget)")+`, `+bani("sum(executed)")+`, `+bani("sum(executed_cumulative)")+`
		FROM budget_execution_monthly WHERE `+w+` AND kind = ? GROUP BY month ORDER BY month`, args, func(rows *sql.Rows) error {
		var m BudgetMonth
		if err := rows.Scan(&m.Month, &m.Final, &m.Executed, &m.ExecutedCumulative); err != nil {
			return err
		}
		out = append(out, m)
		return nil
	})
	return out, err
}

// BudgetYear is one year of a scope (the Year of the scope is ignored).
type BudgetYear struct {
	Year                            int
	ExpensesFinal, ExpensesExecuted models.Amount
	RevenuesFinal, RevenuesExecuted models.Amount
	ReportedMonth                   int
}

// BudgetByYear is every year of a scope, for year-over-year comparison.
func (r *ReleaseDB) BudgetByYear(ctx context.Context, s BudgetScope) (out []BudgetYear, err error) {
	defer wrap(&err, "buget pe ani %s", s.Entity)
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
		var y BudgetYear
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
func (r *ReleaseDB) BudgetChapters(ctx context.Context, entity string) (out []CodeName, err error) {
	defer wrap(&err, "capitole buget %s", entity)
	err = queryRows(ctx, r.db, `SELECT split_part(chapter_code, '.', 1) AS c, min(chapter_name), min(kind)
		FROM budget WHERE entity_cui = ? OR group_cui = ? GROUP BY c ORDER BY c`, []any{entity, entity}, func(rows *sql.Rows) error {
		var c CodeName
		if err := rows.Scan(&c.Code, &c.Name, &c.Kind); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// CodeName is a code with its name (a chapter, a status, a procedure).
type CodeName struct {
	Code, Name, Kind string
}
