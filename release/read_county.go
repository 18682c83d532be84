package release

import (
	"context"
	"database/sql"
	"slices"

	"github.com/deschis/deschis/models"
)

// CountyUnits reads every administrative unit's figures of year in four
// grouped scans (budget, procurement, requests, answer days): the budget of
// the authority with its subordinate units, consolidated (group_cui,
// transfers inside the group eliminated, as /buget?vedere=consolidat); the
// contracts and requests of the authority itself, as its /achizitii and
// /cereri pages. The own-revenue and
// capital rules are models.OwnRevenueChapter and models.CapitalTitle, the
// dashboards' own.
func (r *DB) CountyUnits(ctx context.Context, year int) (out []models.CountyUnit, err error) {
	defer models.Wrap(&err, "unitățile județului %d", year)
	byCUI := map[string]*models.CountyUnit{}
	for _, e := range r.entities {
		if !e.IsAdministrativeUnit() {
			continue
		}
		u := models.CountyUnit{Entity: e, Year: year}
		u.People, u.PeopleYear = e.PopulationIn(year)
		out = append(out, u)
	}
	for i := range out {
		byCUI[out[i].Entity.CUI] = &out[i]
	}
	// The budget by group, kind and code: the revenue chapter or the
	// expense title, so the rules in Go pick own revenues and capital.
	err = queryRows(ctx, r.db, `SELECT group_cui, kind,
			CASE kind WHEN 'venituri' THEN split_part(coalesce(chapter_code, functional_code), '.', 1) ELSE coalesce(economic_title, '') END AS code,
			count(*), `+bani("sum(final_budget)")+`, `+bani("sum(executed)")+`
		FROM budget WHERE year = ? AND NOT coalesce(intra_group, false) GROUP BY ALL`, []any{year}, func(rows *sql.Rows) error {
		var g, kind, code string
		var lines int64
		var final, executed models.Amount
		if err := rows.Scan(&g, &kind, &code, &lines, &final, &executed); err != nil {
			return err
		}
		u := byCUI[g]
		if u == nil {
			return nil
		}
		u.BudgetLines += lines
		switch models.BudgetKind(kind) {
		case models.Expense:
			u.ExpensesFinal += final
			u.ExpensesExecuted += executed
			if models.CapitalTitle(code) {
				u.CapitalExecuted += executed
			}
		case models.Revenue:
			u.RevenuesExecuted += executed
			if models.OwnRevenueChapter(code) {
				u.OwnRevenues += executed
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = queryRows(ctx, r.db, `SELECT buyer_cui, count(*) FILTER (WHERE counts_in_total),
			`+bani("sum(value) FILTER (WHERE counts_in_total)")+`,
			`+bani("sum(value) FILTER (WHERE counts_in_total AND kind = 'direct_purchase')")+`
		FROM procurement WHERE year = ? GROUP BY buyer_cui`, []any{year}, func(rows *sql.Rows) error {
		var g string
		var n int64
		var value, direct models.Amount
		if err := rows.Scan(&g, &n, &value, &direct); err != nil {
			return err
		}
		if u := byCUI[g]; u != nil {
			u.Contracts, u.ContractsValue, u.DirectPurchaseValue = n, value, direct
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = queryRows(ctx, r.db, `SELECT entity_cui, coalesce(sum(received), 0), coalesce(sum(answered), 0), coalesce(sum(answered_within_term), 0), coalesce(sum(open_overdue), 0)
		FROM requests_daily WHERE date >= make_date(?, 1, 1) AND date < make_date(? + 1, 1, 1) GROUP BY entity_cui`, []any{year, year}, func(rows *sql.Rows) error {
		var g string
		var received, answered, within, overdue int64
		if err := rows.Scan(&g, &received, &answered, &within, &overdue); err != nil {
			return err
		}
		if u := byCUI[g]; u != nil {
			u.RequestsReceived, u.RequestsAnswered, u.AnsweredWithinTerm, u.OpenOverdue = received, answered, within, overdue
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The median from the days-to-answer histogram, as RequestAnswerDays.
	err = queryRows(ctx, r.db, `WITH h AS (SELECT entity_cui AS g, days_to_answer AS d, sum(requests) AS n FROM requests_answer_days
			WHERE year = ? AND days_to_answer IS NOT NULL GROUP BY g, d),
		c AS (SELECT g, d, sum(n) OVER (PARTITION BY g ORDER BY d) AS cum, sum(n) OVER (PARTITION BY g) AS total FROM h)
		SELECT g, min(d) FILTER (WHERE cum >= (total + 1) // 2) FROM c GROUP BY g`, []any{year}, func(rows *sql.Rows) error {
		var g string
		var median int64
		if err := rows.Scan(&g, &median); err != nil {
			return err
		}
		if u := byCUI[g]; u != nil {
			u.MedianDays = median
		}
		return nil
	})
	return out, err
}

// CountyYears are the years any administrative unit has a budget for,
// ascending.
func (r *DB) CountyYears() []int {
	seen := map[int]bool{}
	var out []int
	for _, e := range r.entities {
		if !e.IsAdministrativeUnit() {
			continue
		}
		for _, y := range r.years[models.DatasetBudget][e.CUI] {
			if !seen[y] {
				seen[y] = true
				out = append(out, y)
			}
		}
	}
	slices.Sort(out)
	return out
}
