package release_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// oracleWhere is a filter as plain SQL over the release's Parquet file, the
// way the contracts would be selected without any prepared structure: the
// supplier term folded on every contract's name.
func oracleWhere(f models.ContractFilter) (string, []any) {
	w, args := []string{"true"}, []any{}
	add := func(c string, a ...any) { w, args = append(w, c), append(args, a...) }
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
		add("supplier_name IS NOT NULL AND (supplier_cui = ? OR contains(strip_accents(lower(supplier_name)), strip_accents(lower(?))))", s, s)
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
	return strings.Join(w, " AND "), args
}

// oracleRows reads a query's rows as text, one string a row.
func oracleRows(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, v := range vals {
			parts = append(parts, v.String)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func groupRows(gs []models.ContractGroup, withName bool) []string {
	var out []string
	for _, g := range gs {
		name := ""
		if withName {
			name = g.Name
		}
		out = append(out, fmt.Sprintf("%s|%s|%d|%d", g.Code, name, g.Count, int64(g.Value)))
	}
	return out
}

// Every filter of /achizitii and of the supplier page answers, through the
// contract index (read_contract_index.go) and the text store
// (read_contract_rows.go), exactly what plain SQL over the release's
// Parquet file answers: totals, every breakdown, the counts by year and the
// pages of the list in each order; and so do a release published before the
// store (an index of version 1, contract_pages, the prepared lookups) and a
// release without the index, through the resolved supplier term and the
// prepared aggregate (a file published before the index).
func TestContractReadsMatchPlainSQLForAGridOfFilters(t *testing.T) {
	r, p := openDemo(t)
	if release.ContractIndexVersion(r) != 3 || !release.ContractRowsLoaded(r) {
		t.Fatalf("the demo release opens with an index of version %d, the text store loaded: %v", release.ContractIndexVersion(r), release.ContractRowsLoaded(r))
	}
	if err := contractReadsAgainstPlainSQL(t, r, p); err != nil {
		t.Fatal(err)
	}
	v1 := releaseBeforeTheStore(t)
	if release.ContractIndexVersion(v1) != 1 || release.ContractRowsLoaded(v1) {
		t.Fatalf("the release published before the store opens with an index of version %d, the store loaded: %v", release.ContractIndexVersion(v1), release.ContractRowsLoaded(v1))
	}
	if err := contractReadsAgainstPlainSQL(t, v1, p); err != nil {
		t.Fatalf("published before the store: %v", err)
	}
	older := openWithout(t, "contract_index", "contract_index_dict")
	if release.ContractIndexLoaded(older) {
		t.Fatal("a release without the index tables has an index")
	}
	if err := contractReadsAgainstPlainSQL(t, older, p); err != nil {
		t.Fatalf("without the index: %v", err)
	}
	// A page's rows, every column (read from the index and the store; from
	// the index and the table with version 1), are those the table gives
	// whole, in the same order.
	ctx := context.Background()
	year := r.DefaultYear("9991004")
	rows := 0
	for _, f := range []models.ContractFilter{{Buyer: "9991004", Year: year}, {Buyer: "9991004", Supplier: "construct"}, {CPV: "45"}, {Supplier: "vest"}} {
		for _, sort := range []models.ContractSort{models.SortDateDesc, models.SortDateAsc, models.SortValueDesc, models.SortValueAsc} {
			for _, offset := range []int{0, 150} {
				f.Sort, f.Limit, f.Offset = sort, 50, offset
				got, err := r.Contracts(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				want, err := older.Contracts(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
					t.Fatalf("%+v: the index's page\n%+v\nthe table's\n%+v", f, got, want)
				}
				before, err := v1.Contracts(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprintf("%+v", before) != fmt.Sprintf("%+v", want) {
					t.Fatalf("%+v: the version 1 index's page\n%+v\nthe table's\n%+v", f, before, want)
				}
				rows += len(got)
			}
		}
	}
	if rows < 500 {
		t.Fatalf("the pages compared hold %d rows", rows)
	}
}

// The grid catches an index that is wrong: one that counts framework
// agreements in totals, one whose orders break ties the wrong way, a text
// store whose records are not the index's contracts, and (version 1) one
// whose rows in contract_pages are not the contracts'.
func TestContractReadsCatchAWrongIndex(t *testing.T) {
	for _, how := range []string{"counts", "tiebreak", "store", "pages"} {
		r, p := openDemo(t)
		switch how {
		case "store":
			if err := release.BreakContractRows(r, t.TempDir()); err != nil {
				t.Fatal(err)
			}
		case "pages":
			r = releaseBeforeTheStore(t)
			fallthrough
		default:
			release.BreakContractIndex(r, how)
		}
		if err := contractReadsAgainstPlainSQL(t, r, p); err == nil {
			t.Errorf("an index broken by %q answers as plain SQL does", how)
		} else {
			t.Logf("broken by %q: %.200s", how, err)
		}
	}
}

// contractReadsAgainstPlainSQL is the first read of r over the grid of
// filters that differs from plain SQL, nil if none does.
func contractReadsAgainstPlainSQL(t *testing.T, r *release.DB, p *parquetSQL) error {
	t.Helper()
	ctx := context.Background()
	var procedure, supplierCUI string
	if err := p.db.QueryRow(`SELECT procedure, supplier_cui FROM procurement WHERE buyer_cui = '9991004' AND procedure IS NOT NULL
		GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1`).Scan(&procedure, &supplierCUI); err != nil {
		t.Fatal(err)
	}
	var investment string
	if err := p.db.QueryRow(`SELECT investment_code FROM procurement WHERE buyer_cui = '9991004' AND investment_code IS NOT NULL
		GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`).Scan(&investment); err != nil {
		t.Fatal(err)
	}
	year := r.DefaultYear("9991004")
	min, max := models.Amount(1000000), models.Amount(5000000)
	var filters []models.ContractFilter
	for _, term := range []string{"", "vest", "  Construcții ", "CONSTRUCTII", supplierCUI, "nimeni-nu-se-numește-așa", "a_b%", "ș"} {
		for _, cpv := range []string{"", "45", "4", "452"} {
			filters = append(filters, models.ContractFilter{Buyer: "9991004", Year: year, Supplier: term, CPV: cpv})
		}
		filters = append(filters,
			models.ContractFilter{Buyer: "9991004", Supplier: term, Procedure: procedure},
			models.ContractFilter{Buyer: "9991004", Year: year, Supplier: term, Kind: string(models.DirectPurchase)},
			models.ContractFilter{Supplier: term},
			models.ContractFilter{Buyer: "9991004", Year: year, Supplier: term, Min: &min},
			models.ContractFilter{Buyer: "9991004", Year: year, Supplier: term, From: time.Date(year, 6, 1, 0, 0, 0, 0, time.UTC)},
		)
	}
	filters = append(filters, models.ContractFilter{SupplierCUI: supplierCUI}, models.ContractFilter{SupplierCUI: supplierCUI, Year: year},
		models.ContractFilter{Buyer: "9991004", SupplierCUI: supplierCUI}, models.ContractFilter{Buyer: "9991004", Year: year, SupplierCUI: supplierCUI},
		models.ContractFilter{Buyer: "9991004", InvestmentCode: investment},
		models.ContractFilter{Buyer: "9991004", Year: year, Min: &min, Max: &max, To: time.Date(year, 9, 30, 0, 0, 0, 0, time.UTC)},
		models.ContractFilter{Buyer: "9991004", Year: year, Procedure: "nu-există"}, models.ContractFilter{Buyer: "0"})

	dims := map[models.ContractDim]string{
		models.ContractsByProcedure:   "coalesce(procedure, '')",
		models.ContractsByCPVDivision: "coalesce(cpv_division, '')",
		models.ContractsByKind:        "kind",
		models.ContractsByMonth:       "CAST(coalesce(month(award_date), 0) AS VARCHAR)",
	}
	orders := map[models.ContractSort]string{
		models.SortDateDesc:  "award_date DESC NULLS LAST, contract_id",
		models.SortDateAsc:   "award_date ASC NULLS LAST, contract_id",
		models.SortValueDesc: "value DESC NULLS LAST, contract_id",
		models.SortValueAsc:  "value ASC NULLS LAST, contract_id",
	}
	var nonEmpty, empty int
	for _, f := range filters {
		name := fmt.Sprintf("%+v", f)
		w, args := oracleWhere(f)
		tot, err := r.ContractTotals(ctx, f)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		want := oracleRows(t, p.db, `SELECT count(*), count(*) FILTER (WHERE counts_in_total),
			CAST(round(coalesce(sum(value) FILTER (WHERE counts_in_total), 0) * 100) AS BIGINT) FROM procurement WHERE `+w, args...)
		if got := fmt.Sprintf("%d|%d|%d", tot.Rows, tot.Count, int64(tot.Value)); got != want[0] {
			return fmt.Errorf("%s: totals %s, plain SQL %s", name, got, want[0])
		}
		if tot.Rows == 0 {
			empty++
		} else {
			nonEmpty++
		}
		for dim, code := range dims {
			gs, err := r.ContractsBy(ctx, f, dim)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			order := "4 DESC, code"
			if dim == models.ContractsByMonth {
				order = "CAST(code AS INTEGER)"
			}
			name := "''"
			if dim == models.ContractsByCPVDivision {
				name = "coalesce(any_value(cpv_division_name), '')"
			}
			want := oracleRows(t, p.db, `SELECT `+code+` AS code, `+name+`, count(*), CAST(round(coalesce(sum(value), 0) * 100) AS BIGINT)
				FROM procurement WHERE `+w+` AND counts_in_total GROUP BY code ORDER BY `+order, args...)
			if got := groupRows(gs, true); !slices.Equal(got, want) {
				return fmt.Errorf("%+v by %s:\n got %v\nwant %v", f, dim, got, want)
			}
		}
		years, err := r.ContractsByYear(ctx, f)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		want = oracleRows(t, p.db, `SELECT CAST(year AS VARCHAR), '', count(*), CAST(round(coalesce(sum(value) FILTER (WHERE counts_in_total), 0) * 100) AS BIGINT)
			FROM procurement WHERE `+w+` AND year IS NOT NULL GROUP BY year ORDER BY year`, args...)
		if got := groupRows(years, false); !slices.Equal(got, want) {
			return fmt.Errorf("%s by year:\n got %v\nwant %v", name, got, want)
		}
		for sort, order := range orders {
			for _, offset := range []int{0, 50, 2000} {
				f := f
				f.Sort, f.Limit, f.Offset = sort, 50, offset
				page, err := r.Contracts(ctx, f)
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				// The list's order ends with contract_id; rows that tie on it
				// (one notice, two lots) may come in either order, so a page
				// is compared as its sort keys in order and its rows as a set.
				want := oracleRows(t, p.db, `SELECT CAST(award_date AS VARCHAR), CAST(round(coalesce(value, 0) * 100) AS BIGINT), contract_id, buyer_cui, coalesce(supplier_cui, '')
					FROM procurement WHERE `+w+` ORDER BY `+order+` LIMIT 50 OFFSET ?`, append(args, offset)...)
				var got []string
				for _, c := range page {
					d := ""
					if !c.AwardDate.IsZero() {
						d = c.AwardDate.Format(time.DateOnly)
					}
					got = append(got, fmt.Sprintf("%s|%d|%s|%s|%s", d, int64(c.Value), c.ContractID, c.BuyerCUI, c.SupplierCUI))
				}
				keys := func(rows []string) []string {
					var out []string
					for _, r := range rows {
						parts := strings.Split(r, "|")
						out = append(out, strings.Join(parts[:3], "|"))
					}
					return out
				}
				if !slices.Equal(keys(got), keys(want)) {
					return fmt.Errorf("%s sorted %v from %d:\n got %v\nwant %v", name, sort, offset, got, want)
				}
			}
		}
	}
	// The grid exercises what it means to: searches that find contracts and
	// searches that find none.
	if nonEmpty < len(filters)/2 || empty < 5 {
		t.Fatalf("the grid does not exercise the reads: %d filters with contracts, %d without", nonEmpty, empty)
	}
	return nil
}

// The publish-time aggregate holds every contract once: its groups add up
// to the contracts of the release's Parquet file, rows, counted rows and
// value, for every buyer and year.
func TestContractCubeAddsUpToTheContracts(t *testing.T) {
	r, p := openDemo(t)
	cube := func(db interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	}, q string) []string {
		rows, err := db.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var a, b string
			var c, d, e int64
			if err := rows.Scan(&a, &b, &c, &d, &e); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(a, b, c, d, e))
		}
		return out
	}
	got := cube(r, `SELECT buyer_cui, coalesce(CAST(year AS VARCHAR), ''), CAST(sum(n) AS BIGINT), CAST(sum(n_total) AS BIGINT),
		CAST(round(coalesce(sum(value_total), 0) * 100) AS BIGINT) FROM contract_cube GROUP BY ALL ORDER BY ALL`)
	want := cube(p.db, `SELECT buyer_cui, coalesce(CAST(year AS VARCHAR), ''), count(*), count(*) FILTER (WHERE counts_in_total),
		CAST(round(coalesce(sum(value) FILTER (WHERE counts_in_total), 0) * 100) AS BIGINT) FROM procurement GROUP BY ALL ORDER BY ALL`)
	if len(want) < 2 || !slices.Equal(got, want) {
		t.Fatalf("the cube by buyer and year:\n got %v\nwant %v", got, want)
	}
	// Framework agreements are in the rows, never in the counted value.
	var frameworks int64
	if err := p.db.QueryRow(`SELECT count(*) FROM procurement WHERE kind = 'framework_agreement' AND NOT counts_in_total`).Scan(&frameworks); err != nil || frameworks == 0 {
		t.Fatalf("the demo has %d framework agreements outside totals (%v)", frameworks, err)
	}
	n := scalar[int64](t, r, `SELECT CAST(sum(n) AS BIGINT) FROM contract_cube WHERE kind = 'framework_agreement'`)
	counted := scalar[int64](t, r, `SELECT CAST(sum(n_total) AS BIGINT) FROM contract_cube WHERE kind = 'framework_agreement'`)
	if n < frameworks || counted != n-frameworks {
		t.Fatalf("framework agreements in the cube: %d rows, %d counted; the contracts have %d not counted", n, counted, frameworks)
	}
}
