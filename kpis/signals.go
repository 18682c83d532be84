package kpis

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// The procurement integrity signals: SQL over the release's public
// procurement dataset (models.SQLReader), for one buyer (the scope's
// entity) and the awards of a period (a year, or its months up to
// Scope.Through). Each is a signal to check, not a conclusion. Framework
// agreements do not count in totals (counts_in_total): their call-offs do.
// A supplier's fiscal code is compared without its RO prefix; private
// persons (the masked code PF) are different people and are never one
// supplier.

// Signal ids: the drill-down's semnal parameter and the texts'
// signal.<id> keys.
const (
	SignalDirect        = "directe"
	SignalSingleOffer   = "oferta-unica"
	SignalConcentration = "concentrare"
	SignalThreshold     = "sub-prag"
	SignalSplitting     = "divizare"
	SignalPair          = "perechi"
)

// Signal is one signal of the page: its id, the KPIs that measure it, and
// whether its rows are alerts (each flagged row is a signal raised; the
// direct purchases and the top suppliers' contracts are the rows behind a
// share, not alerts).
type Signal struct {
	ID    string
	KPIs  []string
	Alert bool
}

// Signals are the signals in the order of the page.
var Signals = []Signal{
	{SignalDirect, []string{models.KPIDirectCountShare, models.KPIDirectValueShare}, false},
	{SignalSingleOffer, []string{models.KPISingleOfferShare}, true},
	{SignalConcentration, []string{models.KPITop1Share, models.KPITop5Share, models.KPISupplierHHI}, false},
	{SignalThreshold, []string{models.KPIThresholdBand}, true},
	{SignalSplitting, []string{models.KPISplitting}, true},
	{SignalPair, []string{models.KPIPairOverThreshold}, true},
}

// SignalKPIs are the KPIs of the signals, which targets may name.
var SignalKPIs = func() []string {
	var out []string
	for _, s := range Signals {
		out = append(out, s.KPIs...)
	}
	return out
}()

// LookupSignal is the signal with id.
func LookupSignal(id string) (Signal, bool) {
	for _, s := range Signals {
		if s.ID == id {
			return s, true
		}
	}
	return Signal{}, false
}

// Reasons a signal's figure is missing.
const (
	NoContracts     Reason = "no-contracts"      // the period has no contract of the buyer
	NoCompetitive   Reason = "no-competitive"    // no competitive procedure with a known number of offers
	NoDirect        Reason = "no-direct"         // no direct purchase
	SignalsByPeriod Reason = "signals-by-period" // signals are computed for the period, not month by month
	NoSQL           Reason = "no-sql"            // the release cannot be read with SQL
)

// Flag is a contract a signal flags, with what the signal found: the
// series or pair it belongs to (Group, the first contract of its window,
// or the supplier for the concentration), the threshold it was measured
// against, the series' count and sum, its first and last award dates, and
// the supplier's rank and part (the concentration).
type Flag struct {
	Signal      string
	Contract    models.Contract
	Group       string
	Threshold   models.Amount
	Works       bool
	Count       int64
	Sum         models.Amount
	First, Last time.Time
	Rank        int
	Part        Point
}

// Key identifies a flag across releases: the signal and the contract.
func (f Flag) Key() string { return f.Signal + "|" + f.Contract.BuyerCUI + "|" + f.Contract.ContractID }

// Concentration is the suppliers' concentration of a period: ByValue
// (false: by number, some contract has no value), the total it is a part
// of (bani or contracts) and the top five suppliers.
type Concentration struct {
	ByValue bool
	Total   int64
	HHI     Point
	Top     []TopSupplier
}

// TopSupplier is one of the largest suppliers: its weight (bani or
// contracts) and its part of the total.
type TopSupplier struct {
	CUI, Name string
	Contracts int64
	Value     models.Amount
	Weight    int64
	Part      Point
}

func sqlOf(rel models.Reader) (models.SQLReader, error) {
	q, ok := rel.(models.SQLReader)
	if !ok {
		return nil, fmt.Errorf("%w: ediția nu poate fi citită cu SQL (semnalele achizițiilor)", models.ErrInvalid)
	}
	return q, nil
}

// The SQL's common parts. base is the buyer's awards, the supplier's code
// without its RO prefix; in the period, the awards of the scope's year up
// to its month; competitive, a competitive procedure (R018).
const (
	baseSQL = `base AS (
	SELECT buyer_cui, coalesce(buyer_name, '') AS buyer_name, contract_id, kind, coalesce(parent_id, '') AS parent_id,
		CASE WHEN upper(coalesce(supplier_cui, '')) LIKE 'RO%' THEN substr(supplier_cui, 3) ELSE coalesce(supplier_cui, '') END AS supplier,
		coalesce(supplier_name, '') AS supplier_name, coalesce(title, '') AS title, coalesce(cpv, '') AS cpv,
		coalesce(cpv_division, '') AS cpv_division, coalesce(cpv_division_name, '') AS cpv_division_name,
		value, coalesce(currency, '') AS currency, award_date, coalesce(year, 0) AS year, coalesce(procedure, '') AS procedure,
		coalesce(offers, 0) AS offers, coalesce(eu_funded, false) AS eu_funded, coalesce(investment_code, '') AS investment_code,
		coalesce(counts_in_total, true) AS counts_in_total,
		coalesce(cpv_division, '') = '45' AS works,
		year = ? AND (? = 0 OR month(award_date) <= ?) AS in_period
	FROM procurement WHERE buyer_cui = ?)`
	competitiveSQL = `(kind IN ('procedure_award', 'framework_agreement')
		AND strip_accents(lower(procedure)) NOT LIKE 'negociere fara publicare%'
		AND strip_accents(lower(procedure)) NOT IN ('achizitie directa', 'cumparare directa'))`
	flagColumns = `buyer_cui, buyer_name, contract_id, kind, parent_id, supplier, supplier_name, title, cpv, cpv_division,
		cpv_division_name, CAST(round(coalesce(value, 0) * 100) AS BIGINT), currency, award_date, year, procedure, offers,
		eu_funded, investment_code, counts_in_total`
)

// thresholdsSQL is the thresholds as a table th(since, th_goods, th_works) and
// its arguments.
func (s SignalSettings) thresholdsSQL() (string, []any) {
	var rows []string
	var args []any
	for _, t := range s.Thresholds {
		rows = append(rows, "(CAST(? AS DATE), CAST(? AS DECIMAL(18,2)), CAST(? AS DECIMAL(18,2)))")
		args = append(args, t.Since.Format(time.DateOnly), t.Goods.String(), t.Works.String())
	}
	return "th(since, th_goods, th_works) AS (VALUES " + strings.Join(rows, ", ") + ")", args
}

// with is the WITH clause of base and th and their arguments.
func (s SignalSettings) with(sc Scope) (string, []any) {
	th, args := s.thresholdsSQL()
	return "WITH " + th + ", " + baseSQL, append(args, sc.Year, sc.Through, sc.Through, sc.Entity)
}

// Shares are the counts behind the direct-purchase shares and the
// single-offer rate of a period.
type shares struct {
	contracts, direct        int64
	value, directValue       int64 // bani
	competitive, singleOffer int64
}

func (s SignalSettings) shares(ctx context.Context, db models.SQLReader, sc Scope) (out shares, err error) {
	w, args := s.with(sc)
	rows, err := db.QueryContext(ctx, w+`
	SELECT count(*) FILTER (WHERE counts_in_total),
		count(*) FILTER (WHERE counts_in_total AND kind = 'direct_purchase'),
		CAST(round(coalesce(sum(value) FILTER (WHERE counts_in_total), 0) * 100) AS BIGINT),
		CAST(round(coalesce(sum(value) FILTER (WHERE counts_in_total AND kind = 'direct_purchase'), 0) * 100) AS BIGINT),
		count(*) FILTER (WHERE `+competitiveSQL+` AND offers > 0),
		count(*) FILTER (WHERE `+competitiveSQL+` AND offers = 1)
	FROM base WHERE in_period`, args...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&out.contracts, &out.direct, &out.value, &out.directValue, &out.competitive, &out.singleOffer); err != nil {
			return out, err
		}
	}
	return out, rows.Err()
}

// concentrationRows are the suppliers ranked by weight (value, or count
// when a contract of the period has no value), the top five.
const concentrationSQL = `,
	c AS (SELECT supplier, supplier_name, value FROM base WHERE in_period AND counts_in_total),
	b AS (SELECT coalesce(bool_and(value IS NOT NULL AND value > 0), true) AS by_value, count(*) AS n,
		CAST(round(coalesce(sum(value), 0) * 100) AS BIGINT) AS v FROM c),
	s AS (SELECT supplier, min(supplier_name) AS name, count(*) AS k, CAST(round(coalesce(sum(value), 0) * 100) AS BIGINT) AS v
		FROM c WHERE supplier NOT IN ('', 'PF') GROUP BY supplier),
	r AS (SELECT s.*, CASE WHEN b.by_value THEN s.v ELSE s.k END AS w, CASE WHEN b.by_value THEN b.v ELSE b.n END AS t, b.by_value FROM s, b)
	SELECT supplier, name, k, v, w, t, by_value,
		sum(CAST(w AS DOUBLE) * CAST(w AS DOUBLE)) OVER () / (CAST(t AS DOUBLE) * CAST(t AS DOUBLE)) * 10000,
		row_number() OVER (ORDER BY w DESC, supplier)
	FROM r WHERE t > 0 ORDER BY w DESC, supplier LIMIT 5`

// Concentration is the suppliers' concentration of a scope; Total 0 when
// the period has no contract.
func (s SignalSettings) Concentration(ctx context.Context, rel models.Reader, sc Scope) (out Concentration, err error) {
	defer models.Wrap(&err, "concentrarea furnizorilor")
	db, err := sqlOf(rel)
	if err != nil {
		return out, err
	}
	w, args := s.with(sc)
	rows, err := db.QueryContext(ctx, w+concentrationSQL, args...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	out.HHI = missing(NoContracts, 0)
	for rows.Next() {
		var t TopSupplier
		var hhi float64
		var rank int
		if err := rows.Scan(&t.CUI, &t.Name, &t.Contracts, &t.Value, &t.Weight, &out.Total, &out.ByValue, &hhi, &rank); err != nil {
			return out, err
		}
		t.Part = ratio(t.Weight, out.Total, NoContracts)
		out.HHI = count(int64(math.Round(hhi)))
		out.Top = append(out.Top, t)
	}
	return out, rows.Err()
}

// The flagged rows of each signal: a SELECT over base (and th) giving
// flagColumns then group, threshold (bani), works, count, sum (bani),
// first and last dates (the window signals: flagQuery).
var flagSQL = map[string]string{
	SignalDirect: `SELECT ` + flagColumns + `, '', 0, works, 0, 0, NULL::DATE, NULL::DATE
		FROM base WHERE in_period AND counts_in_total AND kind = 'direct_purchase'`,
	SignalSingleOffer: `SELECT ` + flagColumns + `, '', 0, works, 0, 0, NULL::DATE, NULL::DATE
		FROM base WHERE in_period AND ` + competitiveSQL + ` AND offers = 1`,
	SignalThreshold: `, d AS (SELECT base.*, CASE WHEN works THEN th_works ELSE th_goods END AS lim
			FROM base ASOF JOIN th ON base.award_date >= th.since
			WHERE in_period AND counts_in_total AND kind = 'direct_purchase' AND value IS NOT NULL)
		SELECT ` + flagColumns + `, '', CAST(round(lim * 100) AS BIGINT), works, 1, CAST(round(value * 100) AS BIGINT), award_date, award_date
		FROM d WHERE value * 100 >= lim * ? AND value * 100 < lim * ?`,
}

// windowSQL flags the direct purchases of a series: from each direct
// purchase of the period (the start), those of the same supplier and key
// awarded on its day or up to days − 1 days after it, at least min of
// them, whose sum reaches the threshold in force on the start's day. A
// purchase in several series belongs to the earliest (then the lowest
// contract id). Two window passes over the supplier's purchases in date
// order (RANGE frames), never a join of every pair: the sums forward from
// each start, then the earliest qualifying start up to days − 1 back.
// days is a validated setting, written into the frame (a frame's bound
// takes no parameter). Only the purchases from the period's first day to
// the last day a window starting in it reaches are read.
func windowSQL(key, where string, min, days int, sc Scope) string {
	from := time.Date(sc.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	end := from.AddDate(1, 0, 0)
	if sc.Through > 0 {
		end = from.AddDate(0, sc.Through, 0)
	}
	to := end.AddDate(0, 0, days-1)
	return fmt.Sprintf(`, d AS (SELECT base.*, %[1]s AS k FROM base
			WHERE counts_in_total AND kind = 'direct_purchase' AND value IS NOT NULL AND award_date IS NOT NULL
			AND award_date >= DATE '%[5]s' AND award_date < DATE '%[6]s'
			AND supplier NOT IN ('', 'PF') AND %[2]s),
		w AS (SELECT d.*, CASE WHEN works THEN th_works ELSE th_goods END AS lim,
				count(*) OVER fwd AS n, sum(value) OVER fwd AS total, max(award_date) OVER fwd AS last_date
			FROM d ASOF JOIN th ON d.award_date >= th.since
			WINDOW fwd AS (PARTITION BY supplier, k ORDER BY award_date RANGE BETWEEN CURRENT ROW AND INTERVAL %[4]d DAY FOLLOWING)),
		q AS (SELECT w.*, in_period AND n >= %[3]d AND total >= lim AS starts,
				min(CASE WHEN in_period AND n >= %[3]d AND total >= lim THEN award_date END) OVER back AS start_date
			FROM w WINDOW back AS (PARTITION BY supplier, k ORDER BY award_date RANGE BETWEEN INTERVAL %[4]d DAY PRECEDING AND CURRENT ROW)),
		s AS (SELECT supplier, k, award_date AS start_date, arg_min(contract_id, contract_id) AS start_id,
				arg_min(lim, contract_id) AS s_lim, arg_min(n, contract_id) AS s_n, arg_min(total, contract_id) AS s_total,
				arg_min(last_date, contract_id) AS s_last
			FROM q WHERE starts GROUP BY ALL)
		SELECT `+flagColumns+`, s.start_id, CAST(round(s.s_lim * 100) AS BIGINT), works, s.s_n,
			CAST(round(s.s_total * 100) AS BIGINT), s.start_date, s.s_last
		FROM q JOIN s USING (supplier, k, start_date)`, key, where, min, days-1, from.Format(time.DateOnly), to.Format(time.DateOnly))
}

// Flags are the rows signal id flags in a scope, in award order.
func (s SignalSettings) Flags(ctx context.Context, rel models.Reader, sc Scope, id string) (out []Flag, err error) {
	defer models.Wrap(&err, "semnalul %s", id)
	db, err := sqlOf(rel)
	if err != nil {
		return nil, err
	}
	if id == SignalConcentration {
		return s.concentrationFlags(ctx, rel, db, sc)
	}
	q, ok := flagSQL[id]
	switch id {
	case SignalSplitting:
		q, ok = windowSQL("substr(cpv, 1, 4)", "cpv <> ''", 2, s.SplittingDays, sc), true
	case SignalPair:
		q, ok = windowSQL("works", "true", 1, s.PairDays, sc), true
	}
	if !ok {
		return nil, fmt.Errorf("%w: semnal necunoscut %q", models.ErrInvalid, id)
	}
	w, args := s.with(sc)
	if id == SignalThreshold {
		args = append(args, s.BandLow, s.BandHigh)
	}
	if strings.HasPrefix(q, "SELECT") {
		q = " " + q
	}
	rows, err := db.QueryContext(ctx, w+q+` ORDER BY award_date, contract_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		f := Flag{Signal: id}
		c := &f.Contract
		var award, first, last sql.NullTime
		if err := rows.Scan(&c.BuyerCUI, &c.BuyerName, &c.ContractID, &c.Kind, &c.ParentID, &c.SupplierCUI, &c.SupplierName, &c.Title,
			&c.CPV, &c.CPVDivision, &c.CPVDivisionName, &c.Value, &c.Currency, &award, &c.Year, &c.Procedure, &c.Offers,
			&c.EUFunded, &c.InvestmentCode, &c.CountsInTotal, &f.Group, &f.Threshold, &f.Works, &f.Count, &f.Sum, &first, &last); err != nil {
			return nil, err
		}
		c.AwardDate, f.First, f.Last = award.Time, first.Time, last.Time
		out = append(out, f)
	}
	return out, rows.Err()
}

// concentrationFlags are the contracts of the top five suppliers.
func (s SignalSettings) concentrationFlags(ctx context.Context, rel models.Reader, db models.SQLReader, sc Scope) ([]Flag, error) {
	conc, err := s.Concentration(ctx, rel, sc)
	if err != nil || len(conc.Top) == 0 {
		return nil, err
	}
	rank := map[string]int{}
	var marks []string
	var extra []any
	for i, t := range conc.Top {
		rank[t.CUI] = i + 1
		marks = append(marks, "?")
		extra = append(extra, t.CUI)
	}
	w, args := s.with(sc)
	rows, err := db.QueryContext(ctx, w+` SELECT `+flagColumns+` FROM base WHERE in_period AND counts_in_total AND supplier IN (`+
		strings.Join(marks, ", ")+`) ORDER BY award_date, contract_id`, append(args, extra...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Flag
	for rows.Next() {
		f := Flag{Signal: SignalConcentration}
		c := &f.Contract
		var award sql.NullTime
		if err := rows.Scan(&c.BuyerCUI, &c.BuyerName, &c.ContractID, &c.Kind, &c.ParentID, &c.SupplierCUI, &c.SupplierName, &c.Title,
			&c.CPV, &c.CPVDivision, &c.CPVDivisionName, &c.Value, &c.Currency, &award, &c.Year, &c.Procedure, &c.Offers,
			&c.EUFunded, &c.InvestmentCode, &c.CountsInTotal); err != nil {
			return nil, err
		}
		c.AwardDate = award.Time
		f.Group, f.Rank = c.SupplierCUI, rank[c.SupplierCUI]
		f.Part = conc.Top[f.Rank-1].Part
		out = append(out, f)
	}
	return out, rows.Err()
}

// groups counts the distinct groups among flags, by key.
func groups(fs []Flag, key func(Flag) string) int64 {
	seen := map[string]bool{}
	for _, f := range fs {
		seen[key(f)] = true
	}
	return int64(len(seen))
}

// figures are the signals' KPIs of a period.
func (s SignalSettings) figures(ctx context.Context, rel models.Reader, db models.SQLReader, sc Scope) (map[string]Point, error) {
	sh, err := s.shares(ctx, db, sc)
	if err != nil {
		return nil, err
	}
	out := map[string]Point{
		models.KPIDirectCountShare: ratio(sh.direct, sh.contracts, NoContracts),
		models.KPIDirectValueShare: ratio(sh.directValue, sh.value, NoContracts),
		models.KPISingleOfferShare: ratio(sh.singleOffer, sh.competitive, NoCompetitive),
	}
	conc, err := s.Concentration(ctx, rel, sc)
	if err != nil {
		return nil, err
	}
	out[models.KPISupplierHHI] = conc.HHI
	top1, top5 := missing(NoContracts, 0), missing(NoContracts, 0)
	var sum int64
	for i, t := range conc.Top {
		sum += t.Weight
		if i == 0 {
			top1 = t.Part
		}
		top5 = ratio(sum, conc.Total, NoContracts)
	}
	out[models.KPITop1Share], out[models.KPITop5Share] = top1, top5
	counts := []struct {
		kpi, signal string
		key         func(Flag) string
	}{
		{models.KPIThresholdBand, SignalThreshold, func(f Flag) string { return f.Contract.ContractID }},
		{models.KPISplitting, SignalSplitting, func(f Flag) string { return f.Group }},
		{models.KPIPairOverThreshold, SignalPair, func(f Flag) string { return fmt.Sprint(f.Contract.SupplierCUI, f.Works) }},
	}
	for _, c := range counts {
		fs, err := s.Flags(ctx, rel, sc, c.signal)
		if err != nil {
			return nil, err
		}
		out[c.kpi] = count(groups(fs, c.key))
		if sh.direct == 0 {
			out[c.kpi] = missing(NoDirect, 0)
		}
	}
	return out, nil
}

// SignalThrough is the last month of a year the signals cover: the
// scope's Through, December for a year before the release's, else the
// month of the buyer's latest award in the year (0 without one).
func SignalThrough(ctx context.Context, rel models.Reader, sc Scope) (int, error) {
	if sc.Through > 0 {
		return sc.Through, nil
	}
	db, err := sqlOf(rel)
	if err != nil {
		return 0, err
	}
	var m sql.NullInt64
	rows, err := db.QueryContext(ctx, `SELECT max(month(award_date)) FROM procurement WHERE buyer_cui = ? AND year = ?`, sc.Entity, sc.Year)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&m); err != nil {
			return 0, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if !m.Valid {
		return 0, nil
	}
	if sc.Year < rel.Manifest().Created.Year() {
		return 12, nil
	}
	return int(m.Int64), nil
}

// Values are the signals' KPIs of a scope (the entity's awards; the
// procurement has no department): the period's figure, and the same
// months of the previous year. Signals are computed for a period, not
// month by month: no earlier month, no monthly series.
func (s SignalSettings) Values(ctx context.Context, rel models.Reader, sc Scope) (out []Value, err error) {
	defer models.Wrap(&err, "semnalele achizițiilor")
	db, err := sqlOf(rel)
	if err != nil {
		return nil, err
	}
	through, err := SignalThrough(ctx, rel, sc)
	if err != nil {
		return nil, err
	}
	now, last := map[string]Point{}, map[string]Point{}
	lastThrough := 0
	if through > 0 {
		period := Scope{Entity: sc.Entity, Year: sc.Year, Through: through}
		if now, err = s.figures(ctx, rel, db, period); err != nil {
			return nil, err
		}
		if last, err = s.figures(ctx, rel, db, Scope{Entity: sc.Entity, Year: sc.Year - 1, Through: through}); err != nil {
			return nil, err
		}
		lastThrough = through
	}
	for _, id := range SignalKPIs {
		v := Value{KPI: kpi(id), Year: sc.Year, Through: through, Prev: missing(SignalsByPeriod, 0), SeriesWhy: SignalsByPeriod}
		if through == 0 {
			v.Now, v.LastYear, v.SeriesWhy = missing(NoYear, 0), missing(NoYear, 0), NoYear
		} else {
			v.Now, v.LastYear, v.LastThrough = now[id], last[id], lastThrough
		}
		out = append(out, v)
	}
	return out, nil
}
