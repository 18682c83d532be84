package release

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/deschis/deschis/models"
)

// AggregateBudget sums one of the budget datasets as a checked plan says
// (models.BudgetAggregate.Plan): the cells of its page, in its order, and
// the summary over every cell. Column names come from the plan, which
// admits only the dimensions and measures of models; values are bound.
func (r *DB) AggregateBudget(ctx context.Context, p *models.AggregatePlan) (res *models.AggregateResult, err error) {
	defer models.Wrap(&err, "agregare %s", p.Dataset)
	var where []string
	var args []any
	for _, c := range p.Cuts {
		d, _ := models.LookupAggregateDim(c.Ref)
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(c.Values)), ", ")
		where = append(where, quoteIdent(c.Ref)+" IN ("+marks+")")
		for _, v := range c.Values {
			switch d.Type {
			case "INTEGER":
				n, _ := strconv.ParseInt(v, 10, 32)
				args = append(args, n)
			case "BOOLEAN":
				args = append(args, v == "true")
			default:
				args = append(args, v)
			}
		}
	}
	filtered := "SELECT * FROM " + quoteIdent(p.Dataset)
	if len(where) > 0 {
		filtered += " WHERE " + strings.Join(where, " AND ")
	}
	var attrs, sums, sumsText []string
	for _, a := range p.Attributes {
		attrs = append(attrs, quoteIdent(a))
	}
	for _, a := range p.Aggregates {
		if a == models.CountAggregate {
			sums = append(sums, "count(*) AS "+quoteIdent(a))
		} else {
			sums = append(sums, "sum("+quoteIdent(strings.TrimSuffix(a, ".sum"))+") AS "+quoteIdent(a))
		}
		sumsText = append(sumsText, asText(a))
	}
	res = &models.AggregateResult{Cells: []map[string]any{}, Summary: map[string]any{}}

	// The summary and the number of cells.
	distinct := "SELECT 1"
	if len(attrs) > 0 {
		distinct = "SELECT DISTINCT " + strings.Join(attrs, ", ") + " FROM f"
	}
	summary := "WITH f AS (" + filtered + "), s AS (SELECT " + strings.Join(sums, ", ") + ", count(DISTINCT group_cui) AS groups FROM f) " +
		"SELECT " + strings.Join(sumsText, ", ") + ", groups, (SELECT count(*) FROM (" + distinct + ")) FROM s"
	vals := make([]any, len(p.Aggregates)+2)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := r.db.QueryRowContext(ctx, summary, args...).Scan(ptrs...); err != nil {
		return nil, err
	}
	for i, a := range p.Aggregates {
		res.Summary[a] = figure(a, vals[i])
		if slices.Contains(p.NoSummary, a) {
			res.Summary[a] = nil // a level at the end of each of several months: no total
		}
	}
	res.Groups, _ = vals[len(p.Aggregates)].(int64)
	res.TotalCellCount, _ = vals[len(p.Aggregates)+1].(int64)

	// The page of cells.
	var order []string
	for _, o := range p.Order {
		dir := " ASC NULLS FIRST"
		if o.Desc {
			dir = " DESC NULLS LAST"
		}
		order = append(order, "c."+quoteIdent(o.Ref)+dir) // the number, not its text
	}
	group := ""
	if len(attrs) > 0 {
		group = " GROUP BY " + strings.Join(attrs, ", ")
	}
	cells := "WITH f AS (" + filtered + "), c AS (SELECT " + strings.Join(append(slices.Clone(attrs), sums...), ", ") + " FROM f" + group + ") " +
		"SELECT " + strings.Join(append(slices.Clone(attrs), sumsText...), ", ") + " FROM c"
	if len(order) > 0 {
		cells += " ORDER BY " + strings.Join(order, ", ")
	}
	cells += " LIMIT ? OFFSET ?"
	args = append(args, p.PageSize, (p.Page-1)*p.PageSize)
	err = queryRows(ctx, r.db, cells, args, func(rows *sql.Rows) error {
		n := len(p.Attributes) + len(p.Aggregates)
		vals := make([]any, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		cell := make(map[string]any, n)
		for i, a := range p.Attributes {
			if v, ok := vals[i].(int32); ok {
				cell[a] = int64(v)
			} else {
				cell[a] = vals[i]
			}
		}
		for i, a := range p.Aggregates {
			cell[a] = figure(a, vals[len(p.Attributes)+i])
		}
		res.Cells = append(res.Cells, cell)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// asText is the select of an aggregate of c: a sum as its exact decimal text.
func asText(a string) string {
	if a == models.CountAggregate {
		return quoteIdent(a)
	}
	return quoteIdent(a) + "::VARCHAR AS " + quoteIdent(a)
}

// figure is an aggregate's value for JSON: the count as a number, a sum as
// its exact decimal text (json.Number), null over no rows.
func figure(a string, v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		return json.Number(v)
	default:
		return v
	}
}
