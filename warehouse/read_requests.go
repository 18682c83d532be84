package warehouse

import (
	"context"
	"database/sql"
)

// RequestScope is one entity's requests received in one year. The public
// datasets only hold counts: no request and no person is ever read here.
type RequestScope struct {
	Entity string
	Year   int
}

// RequestTotals are a scope's counts.
type RequestTotals struct {
	Received, Answered, AnsweredWithinTerm, AnsweredLate int64
	Open, OpenOverdue, Extended, OnlineReceived          int64
	AnswerDaysTotal                                      int64
}

// RequestTotals sums a scope's daily aggregates.
func (r *ReleaseDB) RequestTotals(ctx context.Context, s RequestScope) (t RequestTotals, err error) {
	defer wrap(&err, "totaluri cereri %s %d", s.Entity, s.Year)
	err = r.db.QueryRowContext(ctx, `SELECT coalesce(sum(received), 0), coalesce(sum(answered), 0), coalesce(sum(answered_within_term), 0),
		coalesce(sum(answered_late), 0), coalesce(sum(open), 0), coalesce(sum(open_overdue), 0), coalesce(sum(extended), 0),
		coalesce(sum(received) FILTER (WHERE channel = 'online'), 0), coalesce(sum(answer_days_total), 0)
		FROM requests_daily WHERE entity_cui = ? AND date >= make_date(?, 1, 1) AND date < make_date(? + 1, 1, 1)`,
		s.Entity, s.Year, s.Year).Scan(&t.Received, &t.Answered, &t.AnsweredWithinTerm, &t.AnsweredLate,
		&t.Open, &t.OpenOverdue, &t.Extended, &t.OnlineReceived, &t.AnswerDaysTotal)
	return t, err
}

// RequestGroup is one row of a requests breakdown.
type RequestGroup struct {
	Key                                    string
	Received, Answered, AnsweredWithinTerm int64
}

var requestDims = map[string]string{
	"channel":    "coalesce(channel, '')",
	"category":   "coalesce(category, '')",
	"department": "coalesce(department, '')",
	"type":       "coalesce(type, '')",
	"month":      "lpad(CAST(month(date) AS VARCHAR), 2, '0')",
}

// RequestsBy breaks a scope down by "channel", "category", "department",
// "type" or "month" (months in order, the others by volume).
func (r *ReleaseDB) RequestsBy(ctx context.Context, s RequestScope, dim string) (out []RequestGroup, err error) {
	defer wrap(&err, "cereri pe %s", dim)
	expr, ok := requestDims[dim]
	if !ok {
		return nil, errInvalidDim(dim)
	}
	order := "2 DESC, k"
	if dim == "month" {
		order = "k"
	}
	err = queryRows(ctx, r.db, `SELECT `+expr+` AS k, coalesce(sum(received), 0), coalesce(sum(answered), 0), coalesce(sum(answered_within_term), 0)
		FROM requests_daily WHERE entity_cui = ? AND date >= make_date(?, 1, 1) AND date < make_date(? + 1, 1, 1)
		GROUP BY k ORDER BY `+order, []any{s.Entity, s.Year, s.Year}, func(rows *sql.Rows) error {
		var g RequestGroup
		if err := rows.Scan(&g.Key, &g.Received, &g.Answered, &g.AnsweredWithinTerm); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// AnswerDays are the exact median and 90th percentile of the days to answer
// of a scope's answered requests: the smallest number of days d such that
// the requests answered in at most d days reach ceil(p·N). Answered is N;
// when it is 0 the percentiles are meaningless (0).
type AnswerDays struct {
	Answered, Median, P90 int64
}

// RequestAnswerDays computes a scope's answer-time percentiles from the
// days-to-answer histogram, in integers (no floating point rounding).
func (r *ReleaseDB) RequestAnswerDays(ctx context.Context, s RequestScope) (a AnswerDays, err error) {
	defer wrap(&err, "zile până la răspuns %s %d", s.Entity, s.Year)
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
func (r *ReleaseDB) RequestAnswerDaysBy(ctx context.Context, s RequestScope, dim string) (out []AnswerDaysGroup, err error) {
	defer wrap(&err, "zile până la răspuns pe %s", dim)
	expr := map[string]string{"department": "coalesce(department, '')", "type": "coalesce(type, '')", "channel": "coalesce(channel, '')"}[dim]
	if expr == "" {
		return nil, errInvalidDim(dim)
	}
	err = queryRows(ctx, r.db, `WITH h AS (
			SELECT `+expr+` AS k, days_to_answer AS d, sum(requests) AS n FROM requests_answer_days
			WHERE entity_cui = ? AND year = ? AND days_to_answer IS NOT NULL GROUP BY k, d),
		c AS (SELECT k, d, sum(n) OVER (PARTITION BY k ORDER BY d) AS cum, sum(n) OVER (PARTITION BY k) AS total FROM h)
		SELECT k, max(total), min(d) FILTER (WHERE cum >= (total + 1) // 2), min(d) FILTER (WHERE cum >= (9 * total + 9) // 10)
		FROM c GROUP BY k ORDER BY 2 DESC, k`, []any{s.Entity, s.Year}, func(rows *sql.Rows) error {
		var g AnswerDaysGroup
		if err := rows.Scan(&g.Key, &g.Answered, &g.Median, &g.P90); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// AnswerDaysGroup is AnswerDays for one group.
type AnswerDaysGroup struct {
	Key string
	AnswerDays
}
