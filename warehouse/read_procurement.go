package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// ContractFilter selects procurement rows. Empty fields do not filter.
// Supplier is a text search in the supplier's name (accents and case
// ignored) or its fiscal code; CPV is a prefix of the code ("45" is the
// division, "45233140-2" one code).
type ContractFilter struct {
	Buyer, SupplierCUI string
	Year               int
	Supplier, CPV      string
	Procedure, Kind    string
	InvestmentCode     string
	Min, Max           *models.Amount
	From, To           time.Time // award date, inclusive
	Sort               ContractSort
	Limit, Offset      int
}

// ContractSort orders a contract list.
type ContractSort int

const (
	SortDateDesc ContractSort = iota
	SortDateAsc
	SortValueDesc
	SortValueAsc
)

var contractOrder = map[ContractSort]string{
	SortDateDesc:  "award_date DESC NULLS LAST, contract_id",
	SortDateAsc:   "award_date ASC NULLS LAST, contract_id",
	SortValueDesc: "value DESC NULLS LAST, contract_id",
	SortValueAsc:  "value ASC NULLS LAST, contract_id",
}

func (f ContractFilter) where() (string, []any) {
	var w []string
	var args []any
	add := func(cond string, a ...any) { w = append(w, cond); args = append(args, a...) }
	if f.Buyer != "" {
		add("buyer_cui = ?", f.Buyer)
	}
	if f.SupplierCUI != "" {
		add("supplier_cui = ?", f.SupplierCUI)
	}
	if f.Year != 0 {
		add("year = ?", f.Year)
	}
	if s := strings.TrimSpace(f.Supplier); s != "" {
		add("(supplier_cui = ? OR contains(strip_accents(lower(supplier_name)), strip_accents(lower(?))))", s, s)
	}
	if f.CPV != "" {
		add("starts_with(cpv, ?)", f.CPV)
	}
	if f.Procedure != "" {
		add("procedure = ?", f.Procedure)
	}
	if f.Kind != "" {
		add("kind = ?", f.Kind)
	}
	if f.InvestmentCode != "" {
		add("investment_code = ?", f.InvestmentCode)
	}
	if f.Min != nil {
		add("value >= CAST(? AS DECIMAL(18,2))", f.Min.String())
	}
	if f.Max != nil {
		add("value <= CAST(? AS DECIMAL(18,2))", f.Max.String())
	}
	if !f.From.IsZero() {
		add("award_date >= CAST(? AS DATE)", f.From.Format(time.DateOnly))
	}
	if !f.To.IsZero() {
		add("award_date <= CAST(? AS DATE)", f.To.Format(time.DateOnly))
	}
	if len(w) == 0 {
		return "true", nil
	}
	return strings.Join(w, " AND "), args
}

// ContractRow is one award.
type ContractRow struct {
	BuyerCUI, BuyerName, ContractID, Kind, ParentID string
	SupplierCUI, SupplierName, Title                string
	CPV, CPVDivision, CPVDivisionName               string
	Value                                           models.Amount
	Currency                                        string
	AwardDate                                       time.Time
	Year                                            int
	Procedure                                       string
	Offers                                          int64
	EUFunded                                        bool
	InvestmentCode                                  string
	CountsInTotal                                   bool
}

const contractColumns = `buyer_cui, coalesce(buyer_name, ''), contract_id, kind, coalesce(parent_id, ''),
	coalesce(supplier_cui, ''), coalesce(supplier_name, ''), coalesce(title, ''),
	coalesce(cpv, ''), coalesce(cpv_division, ''), coalesce(cpv_division_name, ''),
	CAST(round(coalesce(value, 0) * 100) AS BIGINT), coalesce(currency, ''), award_date, coalesce(year, 0),
	coalesce(procedure, ''), coalesce(offers, 0), coalesce(eu_funded, false), coalesce(investment_code, ''), coalesce(counts_in_total, true)`

// Contracts lists the rows a filter selects, Limit at a time from Offset
// (Limit 0: every row). Framework agreements are listed: CountsInTotal says
// they are not added to totals.
func (r *ReleaseDB) Contracts(ctx context.Context, f ContractFilter) (out []ContractRow, err error) {
	defer wrap(&err, "contracte")
	w, args := f.where()
	order, ok := contractOrder[f.Sort]
	if !ok {
		return nil, fmt.Errorf("%w: ordine necunoscută", models.ErrInvalid)
	}
	q := `SELECT ` + contractColumns + ` FROM procurement WHERE ` + w + ` ORDER BY ` + order
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	err = queryRows(ctx, r.db, q, args, func(rows *sql.Rows) error {
		var c ContractRow
		var award sql.NullTime
		if err := rows.Scan(&c.BuyerCUI, &c.BuyerName, &c.ContractID, &c.Kind, &c.ParentID, &c.SupplierCUI, &c.SupplierName, &c.Title,
			&c.CPV, &c.CPVDivision, &c.CPVDivisionName, &c.Value, &c.Currency, &award, &c.Year,
			&c.Procedure, &c.Offers, &c.EUFunded, &c.InvestmentCode, &c.CountsInTotal); err != nil {
			return err
		}
		c.AwardDate = dateOrZero(award)
		out = append(out, c)
		return nil
	})
	return out, err
}

// ContractSummary is what a filter selects: Rows counts every row (framework
// agreements included, for pagination); Count and Value count only what
// enters totals, so a framework agreement and its call-offs are never
// counted twice.
type ContractSummary struct {
	Rows, Count int64
	Value       models.Amount
}

// ContractTotals sums the rows a filter selects.
func (r *ReleaseDB) ContractTotals(ctx context.Context, f ContractFilter) (s ContractSummary, err error) {
	defer wrap(&err, "totaluri contracte")
	w, args := f.where()
	err = r.db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE counts_in_total),
		`+bani("sum(value) FILTER (WHERE counts_in_total)")+` FROM procurement WHERE `+w, args...).Scan(&s.Rows, &s.Count, &s.Value)
	return s, err
}

// ContractGroup is one row of a procurement breakdown (totals only count
// rows that enter totals).
type ContractGroup struct {
	Code, Name string
	Count      int64
	Value      models.Amount
}

var contractDims = map[string]struct{ code, name string }{
	"procedure":    {"coalesce(procedure, '')", "''"},
	"cpv_division": {"coalesce(cpv_division, '')", "coalesce(any_value(cpv_division_name), '')"},
	"kind":         {"kind", "''"},
	"month":        {"CAST(coalesce(month(award_date), 0) AS VARCHAR)", "''"},
}

// ContractsBy breaks a filter's rows that enter totals down by "procedure",
// "cpv_division", "kind" or "month", largest value first (months in order).
func (r *ReleaseDB) ContractsBy(ctx context.Context, f ContractFilter, dim string) (out []ContractGroup, err error) {
	defer wrap(&err, "contracte pe %s", dim)
	d, ok := contractDims[dim]
	if !ok {
		return nil, errInvalidDim(dim)
	}
	w, args := f.where()
	order := "4 DESC, code"
	if dim == "month" {
		order = "CAST(code AS INTEGER)"
	}
	err = queryRows(ctx, r.db, `SELECT `+d.code+` AS code, `+d.name+`, count(*), `+bani("sum(value)")+`
		FROM procurement WHERE `+w+` AND counts_in_total GROUP BY code ORDER BY `+order, args, func(rows *sql.Rows) error {
		var g ContractGroup
		if err := rows.Scan(&g.Code, &g.Name, &g.Count, &g.Value); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// Procedures lists the procedure types of the release, for the filter.
func (r *ReleaseDB) Procedures(ctx context.Context) (out []string, err error) {
	defer wrap(&err, "proceduri")
	err = queryRows(ctx, r.db, `SELECT DISTINCT procedure FROM procurement WHERE procedure IS NOT NULL ORDER BY 1`, nil,
		func(rows *sql.Rows) error {
			var s string
			err := rows.Scan(&s)
			out = append(out, s)
			return err
		})
	return out, err
}

// SupplierRow is a supplier with what it won (the suppliers dataset).
type SupplierRow struct {
	CUI, Name                              string
	Contracts, DirectPurchases, Frameworks int64
	TotalValue, DirectPurchaseValue        models.Amount
	Buyers                                 int64
	FirstAward, LastAward                  time.Time
}

// Supplier returns one supplier, or ErrNotFound.
func (r *ReleaseDB) Supplier(ctx context.Context, cui string) (s SupplierRow, err error) {
	defer wrap(&err, "furnizorul %s", cui)
	var first, last sql.NullTime
	err = r.db.QueryRowContext(ctx, `SELECT supplier_cui, coalesce(supplier_name, ''), coalesce(contracts, 0), coalesce(direct_purchases, 0),
		coalesce(framework_agreements, 0), `+bani("total_value")+`, `+bani("direct_purchase_value")+`, coalesce(buyers, 0), first_award, last_award
		FROM suppliers WHERE supplier_cui = ?`, cui).Scan(&s.CUI, &s.Name, &s.Contracts, &s.DirectPurchases, &s.Frameworks,
		&s.TotalValue, &s.DirectPurchaseValue, &s.Buyers, &first, &last)
	s.FirstAward, s.LastAward = dateOrZero(first), dateOrZero(last)
	return s, notFound(err, "furnizorul "+cui)
}

func errInvalidDim(dim string) error {
	return fmt.Errorf("%w: defalcare necunoscută %q", models.ErrInvalid, dim)
}

// ContractsByYear counts a filter's rows by award year: Count is every row
// (framework agreements included), Value only what enters totals.
func (r *ReleaseDB) ContractsByYear(ctx context.Context, f ContractFilter) (out []ContractGroup, err error) {
	defer wrap(&err, "contracte pe ani")
	w, args := f.where()
	err = queryRows(ctx, r.db, `SELECT CAST(year AS VARCHAR) AS code, count(*), `+bani("sum(value) FILTER (WHERE counts_in_total)")+`
		FROM procurement WHERE `+w+` AND year IS NOT NULL GROUP BY year ORDER BY year`, args, func(rows *sql.Rows) error {
		var g ContractGroup
		if err := rows.Scan(&g.Code, &g.Count, &g.Value); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}
