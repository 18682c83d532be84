package release

import (
	"context"
	"database/sql"

	"github.com/deschis/deschis/models"
)

// RequestTotals sums a scope's daily aggregates.
func (r *DB) RequestTotals(ctx context.Context, s models.RequestScope) (t models.RequestTotals, err error) {
	defer models.Wrap(&err, "totaluri cereri %s %d", s.Entity, s.Year)
	var asOf, asOfFirst sql.NullTime
	err = r.db.QueryRowContext(ctx, `SELECT coalesce(sum(received), 0), coalesce(sum(answered), 0), coalesce(sum(answered_within_term), 0),
		coalesce(sum(answered_late), 0), coalesce(sum(open), 0), coalesce(sum(open_overdue), 0), coalesce(sum(extended), 0),
		coalesce(sum(received) FILTER (WHERE channel = 'online'), 0), coalesce(sum(answer_days_total), 0),
		coalesce(sum(redirected), 0), coalesce(sum(cancelled), 0), max(as_of), min(as_of)
		FROM requests_daily WHERE entity_cui = ? AND date >= make_date(?, 1, 1) AND date < make_date(? + 1, 1, 1)`,
		s.Entity, s.Year, s.Year).Scan(&t.Received, &t.Answered, &t.AnsweredWithinTerm, &t.AnsweredLate,
		&t.Open, &t.OpenOverdue, &t.Extended, &t.OnlineReceived, &t.AnswerDaysTotal,
		&t.Redirected, &t.Cancelled, &asOf, &asOfFirst)
	t.AsOf, t.AsOfFirst = asOf.Time, asOfFirst.Time
	return t, err
}

var requestDims = map[models.RequestDim]string{
	models.RequestsByChannel:    "coalesce(channel, '')",
	models.RequestsByCategory:   "coalesce(category, '')",
	models.RequestsByDepartment: "coalesce(department, '')",
	models.RequestsByType:       "coalesce(type, '')",
	models.RequestsByMonth:      "lpad(CAST(month(date) AS VARCHAR), 2, '0')",
}

// RequestsBy breaks a scope down by "channel", "category", "department",
// "type" or "month" (months in order, the others by volume).
func (r *DB) RequestsBy(ctx context.Context, s models.RequestScope, dim models.RequestDim) (out []models.RequestGroup, err error) {
	defer models.Wrap(&err, "cereri pe %s", dim)
	expr, ok := requestDims[dim]
	if !ok {
		return nil, errInvalidDim(string(dim))
	}
	order := "2 DESC, k"
	if dim == models.RequestsByMonth {
		order = "k"
	}
	err = queryRows(ctx, r.db, `SELECT `+expr+` AS k, coalesce(sum(received), 0), coalesce(sum(answered), 0), coalesce(sum(answered_within_term), 0),
		coalesce(sum(open_overdue), 0), coalesce(sum(open), 0)
		FROM requests_daily WHERE entity_cui = ? AND date >= make_date(?, 1, 1) AND date < make_date(? + 1, 1, 1)
		GROUP BY k ORDER BY `+order, []any{s.Entity, s.Year, s.Year}, func(rows *sql.Rows) error {
		var g models.RequestGroup
		if err := rows.Scan(&g.Key, &g.Received, &g.Answered, &g.AnsweredWithinTerm, &g.OpenOverdue, &g.Open); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// RequestAnswerDays computes a scope's answer-time percentiles from the
// days-to-answer histogram, in integers (no floating point rounding).
func (r *DB) RequestAnswerDays(ctx context.Context, s models.RequestScope) (a models.AnswerDays, err error) {
	defer models.Wrap(&err, "zile până la răspuns %s %d", s.Entity, s.Year)
	err = r.db.QueryRowContext(ctx, `WITH h AS (
			SELECT days_to_answer AS d, sum(requests) AS n FROM requests_answer_days
			WHERE entity_cui = ? AND year = ? AND days_to_answer IS NOT NULL GROUP BY d),
		c AS (SELECT d, sum(n) OVER (ORDER BY d) AS cum, sum(n) OVER () AS total FROM h)
		SELECT coalesce(max(total), 0),
			coalesce(min(d) FILTER (WHERE cum >= (total + 1) // 2), 0),
			coalesce(min(d) FILTER (WHERE cum >= (9 * total + 9) // 10), 0)
		FROM c`, s.Entity, s.Year).Scan(&a.Answered, &a.Median, &a.P90)
	return a, err
}

// RequestAnswerDaysBy computes the percentiles per "department" or "type".
func (r *DB) RequestAnswerDaysBy(ctx context.Context, s models.RequestScope, dim models.RequestDim) (out []models.AnswerDaysGroup, err error) {
	defer models.Wrap(&err, "zile până la răspuns pe %s", dim)
	expr, ok := requestDims[dim]
	// requests_answer_days has no category, and percentiles by month are
	// not a question the pages ask.
	if !ok || dim == models.RequestsByMonth || dim == models.RequestsByCategory {
		return nil, errInvalidDim(string(dim))
	}
	err = queryRows(ctx, r.db, `WITH h AS (
			SELECT `+expr+` AS k, days_to_answer AS d, sum(requests) AS n FROM requests_answer_days
			WHERE entity_cui = ? AND year = ? AND days_to_answer IS NOT NULL GROUP BY k, d),
		c AS (SELECT k, d, sum(n) OVER (PARTITION BY k ORDER BY d) AS cum, sum(n) OVER (PARTITION BY k) AS total FROM h)
		SELECT k, max(total), min(d) FILTER (WHERE cum >= (total + 1) // 2), min(d) FILTER (WHERE cum >= (9 * total + 9) // 10)
		FROM c GROUP BY k ORDER BY 2 DESC, k`, []any{s.Entity, s.Year}, func(rows *sql.Rows) error {
		var g models.AnswerDaysGroup
		if err := rows.Scan(&g.Key, &g.Answered, &g.Median, &g.P90); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}
