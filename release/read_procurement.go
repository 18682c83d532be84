package release

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

var contractOrder = map[models.ContractSort]string{
	models.SortDateDesc:  "award_date DESC NULLS LAST, contract_id",
	models.SortDateAsc:   "award_date ASC NULLS LAST, contract_id",
	models.SortValueDesc: "value DESC NULLS LAST, contract_id",
	models.SortValueAsc:  "value ASC NULLS LAST, contract_id",
}

// contractWhere is the SQL of a filter; m is its supplier term resolved
// (whereOf), nil to match the term against supplier_names in the query.
func contractWhere(f models.ContractFilter, m *supplierMatch) (string, []any) {
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
	if s := strings.TrimSpace(f.Supplier); s != "" && m != nil {
		cond, a := supplierCondition(s, *m)
		add(cond, a...)
	} else if s != "" {
		// Matched on the suppliers' names folded once at open
		// (supplierNames), not on every contract's: a search costs a scan of
		// the distinct names and a hash join, not a fold per contract.
		add(`(supplier_cui, supplier_name) IN (SELECT supplier_cui, supplier_name FROM supplier_names
			WHERE supplier_cui = ? OR contains(folded, strip_accents(lower(?))))`, s, s)
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

const contractColumns = `buyer_cui, coalesce(buyer_name, ''), contract_id, kind, coalesce(parent_id, ''),
	coalesce(supplier_cui, ''), coalesce(supplier_name, ''), coalesce(title, ''),
	coalesce(cpv, ''), coalesce(cpv_division, ''), coalesce(cpv_division_name, ''),
	CAST(round(coalesce(value, 0) * 100) AS BIGINT), coalesce(currency, ''), award_date, coalesce(year, 0),
	coalesce(procedure, ''), coalesce(offers, 0), coalesce(eu_funded, false), coalesce(investment_code, ''), coalesce(counts_in_total, true)`

// Contracts lists the rows a filter selects, Limit at a time from Offset
// (Limit 0: every row). Framework agreements are listed: CountsInTotal says
// they are not added to totals.
func (r *DB) Contracts(ctx context.Context, f models.ContractFilter) (out []models.Contract, err error) {
	defer models.Wrap(&err, "contracte")
	order, ok := contractOrder[f.Sort]
	if !ok {
		return nil, fmt.Errorf("%w: ordine necunoscută", models.ErrInvalid)
	}
	if mq, margs, ok := r.martList(f); ok {
		// A supplier's or a year's page, prepared at publish
		// (read_marts.go): its rows numbered in the list's order.
		return r.contractRows(ctx, mq, margs)
	}
	if r.index != nil && f.Limit > 0 {
		// The page's rows chosen on the index, then read by rowid.
		a, err := r.indexAnswerOf(ctx, f)
		if err != nil {
			return nil, err
		}
		return r.contractsAt(ctx, r.index.page(a, f.Sort, f.Limit, f.Offset))
	}
	w, args, none, err := r.whereOf(ctx, f)
	if err != nil || none {
		return nil, err
	}
	q := `SELECT ` + contractColumns + ` FROM procurement WHERE ` + w + ` ORDER BY ` + order
	switch {
	case f.Limit > 0 && r.mode == Tables:
		// A page is chosen on the sort columns alone, then only its rows
		// are read whole: sorting every matching row with all its columns
		// costs 3-5x more on a large list (BenchmarkReleaseQuery). The rowid
		// ends the order, so pages never overlap.
		q = `SELECT ` + contractColumns + ` FROM procurement WHERE rowid IN (
			SELECT rowid FROM procurement WHERE ` + w + ` ORDER BY ` + order + `, rowid LIMIT ? OFFSET ?)
			ORDER BY ` + order + `, rowid`
		args = append(args, f.Limit, f.Offset)
	case f.Limit > 0:
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	return r.contractRows(ctx, q, args)
}

// contractRows runs a query of contractColumns.
func (r *DB) contractRows(ctx context.Context, q string, args []any) (out []models.Contract, err error) {
	err = queryRows(ctx, r.db, q, args, func(rows *sql.Rows) error {
		c, err := scanContract(rows)
		out = append(out, c)
		return err
	})
	return out, err
}

func scanContract(rows *sql.Rows) (models.Contract, error) {
	var c models.Contract
	var award sql.NullTime
	err := rows.Scan(&c.BuyerCUI, &c.BuyerName, &c.ContractID, &c.Kind, &c.ParentID, &c.SupplierCUI, &c.SupplierName, &c.Title,
		&c.CPV, &c.CPVDivision, &c.CPVDivisionName, &c.Value, &c.Currency, &award, &c.Year,
		&c.Procedure, &c.Offers, &c.EUFunded, &c.InvestmentCode, &c.CountsInTotal)
	c.AwardDate = dateOrZero(award)
	return c, err
}

// contractsAt reads the contracts at rowids, in their order: with an index
// of version 2 every column from it and the store (contractsFromStore), no
// query; with one of version 1 what the index holds (codes, names, value,
// date) from it, pageColumns with one
// query whose rowid range and list DuckDB pushes into the scan, so it reads
// only the vectors (2.048 rows) that hold them, from procurement or from
// contractPages, whichever has them in fewer vectors (a search's rows are
// together in contractPages, an institution's year in procurement).
func (r *DB) contractsAt(ctx context.Context, at []uint32) ([]models.Contract, error) {
	if len(at) == 0 {
		return nil, nil
	}
	x := r.index
	if x.version >= 2 {
		return r.contractsFromStore(at)
	}
	table, key, rowids := "procurement", "rowid", at
	if pages := x.pageRows(at); vectors(pages) < vectors(at) {
		table, key, rowids = contractPages, "source_rowid", pages
	}
	list := make([]string, len(at))
	place := make(map[int64]int, len(at))
	out := make([]models.Contract, len(at))
	for i, a := range at {
		list[i], place[int64(a)] = strconv.FormatUint(uint64(rowids[i]), 10), i
		x.fill(&out[i], a)
	}
	q := `SELECT ` + pageColumns + `, ` + key + ` FROM ` + table + ` WHERE rowid BETWEEN ? AND ? AND rowid IN (` + strings.Join(list, ",") + `)`
	seen := make([]bool, len(at))
	err := queryRows(ctx, r.db, q, []any{int64(slices.Min(rowids)), int64(slices.Max(rowids))}, func(rows *sql.Rows) error {
		var rowid int64
		var c models.Contract
		if err := rows.Scan(&c.BuyerName, &c.ContractID, &c.ParentID, &c.Title, &c.CPVDivisionName, &c.Currency, &c.Offers, &c.EUFunded, &c.CountsInTotal, &rowid); err != nil {
			return err
		}
		i, ok := place[rowid]
		if !ok || seen[i] {
			return fmt.Errorf("indexul contractelor nu se potrivește cu tabelul %s: rândul %d", table, rowid)
		}
		seen[i] = true
		o := &out[i]
		o.BuyerName, o.ContractID, o.ParentID, o.Title, o.CPVDivisionName = c.BuyerName, c.ContractID, c.ParentID, c.Title, c.CPVDivisionName
		o.Currency, o.Offers, o.EUFunded, o.CountsInTotal = c.Currency, c.Offers, c.EUFunded, c.CountsInTotal
		return nil
	})
	if err == nil && slices.Contains(seen, false) {
		err = fmt.Errorf("indexul contractelor nu se potrivește cu tabelul %s", table)
	}
	return out, err
}

// contractsFromStore reads the contracts at rowids, in their order, from
// the index (version 2) and the text store: two ReadAt calls a contract.
func (r *DB) contractsFromStore(at []uint32) ([]models.Contract, error) {
	x := r.index
	out := make([]models.Contract, len(at))
	var buf []byte
	for i, a := range at {
		c := &out[i]
		x.fill(c, a)
		c.BuyerName, c.CPVDivisionName, c.Currency = x.code("buyer_name", x.buyerName[a]), x.code("division_name", uint32(x.divisNm[a])), x.code("currency", uint32(x.currency[a]))
		c.Offers, c.EUFunded, c.CountsInTotal = int64(x.offers[a]), x.flags[a]&flagEU != 0, x.flags[a]&flagListed != 0
		t, err := r.rows.read(int(a), &buf)
		if err != nil {
			return nil, err
		}
		c.ContractID, c.ParentID, c.Title = t.id, t.parent, t.title
	}
	return out, nil
}

// ContractTotals sums the rows a filter selects.
func (r *DB) ContractTotals(ctx context.Context, f models.ContractFilter) (s models.ContractSummary, err error) {
	defer models.Wrap(&err, "totaluri contracte")
	if r.index != nil {
		a, err := r.indexAnswerOf(ctx, f)
		if err != nil {
			return s, err
		}
		return a.tot, nil
	}
	w, args, none, err := r.whereOf(ctx, f)
	if err != nil || none {
		return s, err
	}
	if r.cubeServes(f) {
		a, err := r.cubeAnswerOf(ctx, f, w, args)
		if err != nil {
			return s, err
		}
		return a.tot, nil
	}
	err = r.db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE counts_in_total),
		`+bani("sum(value) FILTER (WHERE counts_in_total)")+` FROM procurement WHERE `+w, args...).Scan(&s.Rows, &s.Count, &s.Value)
	return s, err
}

var contractDims = map[models.ContractDim]struct{ code, name string }{
	models.ContractsByProcedure:   {"coalesce(procedure, '')", "''"},
	models.ContractsByCPVDivision: {"coalesce(cpv_division, '')", "coalesce(any_value(cpv_division_name), '')"},
	models.ContractsByKind:        {"kind", "''"},
	models.ContractsByMonth:       {"CAST(coalesce(month(award_date), 0) AS VARCHAR)", "''"},
}

// ContractsBy breaks a filter's rows that enter totals down by procedure,
// CPV division, kind or month, largest value first (months in order).
func (r *DB) ContractsBy(ctx context.Context, f models.ContractFilter, dim models.ContractDim) (out []models.ContractGroup, err error) {
	defer models.Wrap(&err, "contracte pe %s", dim)
	d, ok := contractDims[dim]
	if !ok {
		return nil, errInvalidDim(string(dim))
	}
	if r.index != nil {
		a, err := r.indexAnswerOf(ctx, f)
		if err != nil {
			return nil, err
		}
		return slices.Clone(a.by[dim]), nil
	}
	w, args, none, err := r.whereOf(ctx, f)
	if err != nil || none {
		return nil, err
	}
	order := "4 DESC, code"
	if dim == models.ContractsByMonth {
		order = "CAST(code AS INTEGER)"
	}
	if dim != models.ContractsByMonth && r.cubeServes(f) { // the cube has no month
		a, err := r.cubeAnswerOf(ctx, f, w, args)
		if err != nil {
			return nil, err
		}
		return slices.Clone(a.by[dim]), nil
	}
	err = queryRows(ctx, r.db, `SELECT `+d.code+` AS code, `+d.name+`, count(*), `+bani("sum(value)")+`
		FROM procurement WHERE `+w+` AND counts_in_total GROUP BY code ORDER BY `+order, args, func(rows *sql.Rows) error {
		var g models.ContractGroup
		if err := rows.Scan(&g.Code, &g.Name, &g.Count, &g.Value); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// Procedures lists the procedure types of the release, for the filter:
// read once when the release opens (readProcedures), as every /achizitii
// page lists them.
func (r *DB) Procedures(ctx context.Context) ([]string, error) {
	return slices.Clone(r.procedures), nil
}

// readProcedures reads the procedure types of the release.
func (r *DB) readProcedures(ctx context.Context) (out []string, err error) {
	defer models.Wrap(&err, "proceduri")
	q := `SELECT DISTINCT procedure FROM procurement WHERE procedure IS NOT NULL ORDER BY 1`
	if r.file { // prepared at publish (publish_database.go): no scan of the contracts per page
		q = `SELECT procedure FROM procedures ORDER BY 1`
	}
	err = queryRows(ctx, r.db, q, nil,
		func(rows *sql.Rows) error {
			var s string
			err := rows.Scan(&s)
			out = append(out, s)
			return err
		})
	return out, err
}

// Supplier returns one supplier, or ErrNotFound.
func (r *DB) Supplier(ctx context.Context, cui string) (s models.Supplier, err error) {
	defer models.Wrap(&err, "furnizorul %s", cui)
	var first, last sql.NullTime
	err = r.db.QueryRowContext(ctx, `SELECT supplier_cui, coalesce(supplier_name, ''), coalesce(contracts, 0), coalesce(direct_purchases, 0),
		coalesce(framework_agreements, 0), `+bani("total_value")+`, `+bani("direct_purchase_value")+`, coalesce(buyers, 0), first_award, last_award
		FROM suppliers WHERE supplier_cui = ?`, cui).Scan(&s.CUI, &s.Name, &s.Contracts, &s.DirectPurchases, &s.Frameworks,
		&s.TotalValue, &s.DirectPurchaseValue, &s.Buyers, &first, &last)
	s.FirstAward, s.LastAward = dateOrZero(first), dateOrZero(last)
	return s, notFound(err, "furnizorul "+cui)
}

// ContractsByYear counts a filter's rows by award year: Count is every row
// (framework agreements included), Value only what enters totals.
func (r *DB) ContractsByYear(ctx context.Context, f models.ContractFilter) (out []models.ContractGroup, err error) {
	defer models.Wrap(&err, "contracte pe ani")
	if r.index != nil {
		a, err := r.indexAnswerOf(ctx, f)
		if err != nil {
			return nil, err
		}
		return slices.Clone(a.years), nil
	}
	w, args, none, err := r.whereOf(ctx, f)
	if err != nil || none {
		return nil, err
	}
	q := `SELECT CAST(year AS VARCHAR) AS code, count(*), ` + bani("sum(value) FILTER (WHERE counts_in_total)") + `
		FROM procurement WHERE ` + w + ` AND year IS NOT NULL GROUP BY year ORDER BY year`
	if r.cubeServes(f) {
		q = `SELECT CAST(year AS VARCHAR) AS code, CAST(sum(n) AS BIGINT), ` + bani("sum(value_total)") + `
			FROM ` + contractCube + ` WHERE ` + w + ` AND year IS NOT NULL GROUP BY year ORDER BY year`
	}
	err = queryRows(ctx, r.db, q, args, func(rows *sql.Rows) error {
		var g models.ContractGroup
		if err := rows.Scan(&g.Code, &g.Count, &g.Value); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}
