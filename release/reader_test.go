package release_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

var (
	demoOnce    sync.Once
	demoDir     string
	demoErr     error
	demoCleanup func()
)

// demoReleaseDir generates, loads and publishes the demo municipality once
// per test binary and returns the release directory. DESCHIS_TEST_RELEASE
// names an already published demo release to use instead (faster runs).
func demoReleaseDir(t testing.TB) string {
	t.Helper()
	demoOnce.Do(func() {
		if dir := os.Getenv("DESCHIS_TEST_RELEASE"); dir != "" {
			demoDir, demoCleanup = dir, func() {}
			return
		}
		root, err := os.MkdirTemp("", "deschis-read-test-")
		if err != nil {
			demoErr = err
			return
		}
		demoCleanup = func() { os.RemoveAll(root) }
		b, err := demo.Build(context.Background(), root, demo.Options{}, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
		if err != nil {
			demoErr = err
			return
		}
		demoDir = b.Release
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoDir
}

func TestMain(m *testing.M) {
	if dir := os.Getenv(helperEnv); dir != "" { // the second process of TestTwoProcessesOpenOneReleaseAtOnce
		os.Exit(openInSecondProcess(dir))
	}
	// The text store of every release these tests publish is written 4.093
	// rowids at a time, so its records cross many ranges, each of which
	// the grids compare with the procurement table.
	release.SetContractRowsChunk(4093)
	code := m.Run()
	if demoCleanup != nil {
		demoCleanup()
	}
	if thriceDir != "" {
		os.RemoveAll(thriceDir)
	}
	os.Exit(code)
}

// parquetSQL runs a query straight over the release files, the way a
// journalist would, to check the read API against.
type parquetSQL struct {
	t  *testing.T
	db *sql.DB
}

func newParquetSQL(t *testing.T, dir string) *parquetSQL {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, name := range []string{"entities", "budget", "budget_execution_monthly", "investments", "procurement", "suppliers", "requests_daily", "requests_answer_days"} {
		if _, err := db.Exec(`CREATE VIEW ` + name + ` AS SELECT * FROM read_parquet(` + "'" + strings.ReplaceAll(filepath.Join(dir, "public", name+".parquet"), "'", "''") + "'" + `)`); err != nil {
			t.Fatal(err)
		}
	}
	return &parquetSQL{t, db}
}

// cents returns a DECIMAL sum as bani, via its text form.
func (p *parquetSQL) cents(query string, args ...any) models.Amount {
	p.t.Helper()
	var s sql.NullString
	if err := p.db.QueryRow(`SELECT CAST((`+query+`) AS VARCHAR)`, args...).Scan(&s); err != nil {
		p.t.Fatalf("%s: %v", query, err)
	}
	if !s.Valid {
		return 0
	}
	a, err := parseLei(s.String)
	if err != nil {
		p.t.Fatal(err)
	}
	return a
}

func (p *parquetSQL) int(query string, args ...any) int64 {
	p.t.Helper()
	var n sql.NullInt64
	if err := p.db.QueryRow(query, args...).Scan(&n); err != nil {
		p.t.Fatalf("%s: %v", query, err)
	}
	return n.Int64
}

// parseLei reads "1234.5" or "-12.34" as bani without floating point.
func parseLei(s string) (models.Amount, error) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	var whole, frac int64
	digits := 0
	seenPoint := false
	for _, c := range s {
		switch {
		case c == '.':
			seenPoint = true
		case c >= '0' && c <= '9' && !seenPoint:
			whole = whole*10 + int64(c-'0')
		case c >= '0' && c <= '9' && digits < 2:
			frac = frac*10 + int64(c-'0')
			digits++
		case c >= '0' && c <= '9':
		default:
			return 0, errors.New("not a number: " + s)
		}
	}
	for ; digits < 2; digits++ {
		frac *= 10
	}
	a := models.Amount(whole*100 + frac)
	if neg {
		a = -a
	}
	return a, nil
}

func openDemo(t *testing.T) (*release.DB, *parquetSQL) {
	t.Helper()
	dir := demoReleaseDir(t)
	r, err := release.Open(context.Background(), dir, release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r, newParquetSQL(t, dir)
}

func TestDBEntitiesAndDefaults(t *testing.T) {
	r, p := openDemo(t)
	if r.MainEntity() != "9991004" {
		t.Fatalf("main entity %s, want the town hall 9991004", r.MainEntity())
	}
	if n := int64(len(r.Entities())); n != p.int(`SELECT count(DISTINCT cui) FROM entities`) || n != 4 {
		t.Fatalf("%d entities", n)
	}
	if y := r.DefaultYear("9991004"); y != 2026 {
		t.Fatalf("default year %d, want the latest budget year 2026", y)
	}
	if got, of := mustEntity(t, r, "9991004").PopulationIn(2025); got != p.int(`SELECT population FROM entities WHERE cui = '9991004' AND population_year = 2025`) || of != 2025 {
		t.Fatalf("population 2025 %d (%d)", got, of)
	}
	// A year after the last known population takes the latest one.
	if got, of := mustEntity(t, r, "9991004").PopulationIn(2030); got != p.int(`SELECT population FROM entities WHERE cui = '9991004' ORDER BY population_year DESC LIMIT 1`) ||
		int64(of) != p.int(`SELECT max(population_year) FROM entities WHERE cui = '9991004'`) {
		t.Fatalf("population 2030 %d (%d)", got, of)
	}
	if _, err := r.Entity("123"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("unknown entity: %v", err)
	}
	if os.Getenv("DESCHIS_TEST_RELEASE") == "" && r.Manifest().ReleaseID != "20261123T090000Z" {
		t.Fatalf("release %s", r.Manifest().ReleaseID)
	}
	var last time.Time
	p.db.QueryRow(`SELECT greatest((SELECT max(report_date) FROM budget), (SELECT max(award_date) FROM procurement),
		(SELECT max(date) FROM requests_daily), (SELECT max(last_award) FROM suppliers))`).Scan(&last)
	if !r.Manifest().DataThrough().Equal(last) {
		t.Fatalf("data through %s, latest date in the files %s", r.Manifest().DataThrough(), last)
	}
}

func TestDBBudgetMatchesTheParquetFiles(t *testing.T) {
	r, p := openDemo(t)
	ctx := context.Background()
	for _, year := range []int{2022, 2026} {
		s := models.BudgetScope{Entity: "9991004", Year: year}
		tot, err := r.BudgetTotals(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name      string
			got, want models.Amount
		}{
			{"expenses final", tot.Expenses.Final, p.cents(`SELECT sum(final_budget) FROM budget WHERE entity_cui = '9991004' AND year = ? AND kind = 'cheltuieli'`, year)},
			{"expenses executed", tot.Expenses.Executed, p.cents(`SELECT sum(executed) FROM budget WHERE entity_cui = '9991004' AND year = ? AND kind = 'cheltuieli'`, year)},
			{"revenues executed", tot.Revenues.Executed, p.cents(`SELECT sum(executed) FROM budget WHERE entity_cui = '9991004' AND year = ? AND kind = 'venituri'`, year)},
		} {
			if c.got != c.want || c.want == 0 {
				t.Errorf("%d %s: %s, want %s", year, c.name, c.got, c.want)
			}
		}
		// Every breakdown adds up to the total.
		for _, dim := range []models.BudgetDim{models.ByChapter, models.BySubchapter, models.ByEconomicTitle, models.BySection, models.ByFunding} {
			groups, err := r.BudgetBy(ctx, s, models.Expense, dim)
			if err != nil {
				t.Fatal(err)
			}
			var sum models.Amount
			for _, g := range groups {
				sum += g.Executed
			}
			if sum != tot.Expenses.Executed {
				t.Errorf("%d breakdown %d sums to %s, total %s", year, dim, sum, tot.Expenses.Executed)
			}
		}
		// The monthly series ends at the cumulative total of the latest report.
		months, err := r.BudgetMonthly(ctx, s, models.Expense)
		if err != nil {
			t.Fatal(err)
		}
		last := months[len(months)-1]
		if last.ExecutedCumulative != tot.Expenses.Executed {
			t.Errorf("%d: last month cumulative %s, total %s", year, last.ExecutedCumulative, tot.Expenses.Executed)
		}
		var monthly models.Amount
		for _, m := range months {
			monthly += m.Executed
		}
		if monthly != tot.Expenses.Executed {
			t.Errorf("%d: months sum to %s, total %s", year, monthly, tot.Expenses.Executed)
		}
	}
	// Drill-down into chapter 65 (Învățământ) keeps only its lines.
	edu, err := r.BudgetTotals(ctx, models.BudgetScope{Entity: "9991004", Year: 2025, Chapter: "65"})
	if err != nil {
		t.Fatal(err)
	}
	if want := p.cents(`SELECT sum(executed) FROM budget WHERE entity_cui = '9991004' AND year = 2025 AND kind = 'cheltuieli' AND chapter_code LIKE '65.%'`); edu.Expenses.Executed != want {
		t.Fatalf("chapter 65: %s, want %s", edu.Expenses.Executed, want)
	}
	// The consolidated view drops the transfers inside the group.
	cons, err := r.BudgetTotals(ctx, models.BudgetScope{Entity: "9991004", Year: 2025, Consolidated: true})
	if err != nil {
		t.Fatal(err)
	}
	want := p.cents(`SELECT sum(executed) FROM budget WHERE group_cui = '9991004' AND year = 2025 AND kind = 'cheltuieli' AND NOT intra_group`)
	all := p.cents(`SELECT sum(executed) FROM budget WHERE group_cui = '9991004' AND year = 2025 AND kind = 'cheltuieli'`)
	if cons.Expenses.Executed != want || want >= all {
		t.Fatalf("consolidated %s, want %s (< %s without elimination)", cons.Expenses.Executed, want, all)
	}
	years, err := r.BudgetByYear(ctx, models.BudgetScope{Entity: "9991004"})
	if err != nil {
		t.Fatal(err)
	}
	if len(years) != 5 || years[0].Year != 2022 || years[4].ReportedMonth != 10 {
		t.Fatalf("years: %+v", years)
	}
}

func TestDBInvestmentsProcurementRequests(t *testing.T) {
	r, p := openDemo(t)
	ctx := context.Background()
	f := models.InvestmentFilter{Entity: "9991004", Year: 2026, Status: "în execuție"}
	inv, err := r.InvestmentTotals(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if want := p.int(`SELECT count(*) FROM investments WHERE entity_cui = '9991004' AND year = 2026 AND status = 'în execuție'`); inv.Count != want || want == 0 {
		t.Fatalf("active investments %d, want %d", inv.Count, want)
	}
	list, err := r.Investments(ctx, f)
	if err != nil || int64(len(list)) != inv.Count {
		t.Fatalf("%d listed, %v", len(list), err)
	}
	// Pages of the list, read with Limit and Offset, are the list cut in
	// order: no objective on two pages, none left out.
	var paged []models.Investment
	for off := 0; ; off += 3 {
		pf := f
		pf.Limit, pf.Offset = 3, off
		page, err := r.Investments(ctx, pf)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
	}
	if len(paged) != len(list) {
		t.Fatalf("%d objectives on the pages, want %d", len(paged), len(list))
	}
	for i := range list {
		if paged[i].Code != list[i].Code {
			t.Fatalf("row %d: %s on the pages, %s in the list", i, paged[i].Code, list[i].Code)
		}
	}
	one, err := r.Investment(ctx, list[0].Code, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := p.int(`SELECT max(year) FROM investments WHERE code = ?`, list[0].Code); int64(one.Year) != want {
		t.Fatalf("investment %s year %d, want the latest %d", one.Code, one.Year, want)
	}
	if want := p.int(`SELECT CAST(round(progress_pct * 100) AS BIGINT) FROM investments WHERE code = ? AND year = ?`, one.Code, one.Year); one.ProgressBasisPoints != want {
		t.Fatalf("progress %d, want %d", one.ProgressBasisPoints, want)
	}
	if _, err := r.Investment(ctx, "INV-NU-EXISTĂ", 0); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("unknown investment: %v", err)
	}

	cf := models.ContractFilter{Buyer: "9991004", Year: 2025}
	sum, err := r.ContractTotals(ctx, cf)
	if err != nil {
		t.Fatal(err)
	}
	if want := p.int(`SELECT count(*) FROM procurement WHERE buyer_cui = '9991004' AND year = 2025 AND counts_in_total`); sum.Count != want {
		t.Fatalf("contracts %d, want %d", sum.Count, want)
	}
	if want := p.cents(`SELECT sum(value) FROM procurement WHERE buyer_cui = '9991004' AND year = 2025 AND counts_in_total`); sum.Value != want {
		t.Fatalf("contracts value %s, want %s", sum.Value, want)
	}
	if sum.Rows <= sum.Count {
		t.Fatalf("rows %d should include framework agreements beyond the %d counted", sum.Rows, sum.Count)
	}
	byProc, err := r.ContractsBy(ctx, cf, models.ContractsByProcedure)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, g := range byProc {
		n += g.Count
	}
	if n != sum.Count {
		t.Fatalf("procedure breakdown counts %d, total %d", n, sum.Count)
	}
	// Text search ignores case and accents; filters combine.
	min := models.Amount(262_000_00)
	flt := models.ContractFilter{Buyer: "9991004", Year: 2024, Supplier: "vest business", CPV: "79", Min: &min,
		From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)}
	rows, err := r.Contracts(ctx, flt)
	if err != nil {
		t.Fatal(err)
	}
	if want := p.int(`SELECT count(*) FROM procurement WHERE buyer_cui = '9991004' AND year = 2024 AND supplier_name ILIKE '%vest business%'
		AND cpv LIKE '79%' AND value >= 262000`); int64(len(rows)) != want || want < 6 {
		t.Fatalf("search found %d, want %d", len(rows), want)
	}
	page, err := r.Contracts(ctx, models.ContractFilter{Buyer: "9991004", Year: 2025, Sort: models.SortValueDesc, Limit: 50, Offset: 50})
	if err != nil || len(page) != 50 || page[0].Value < page[49].Value {
		t.Fatalf("second page: %d rows, %v", len(page), err)
	}
	sup, err := r.Supplier(ctx, "90123459")
	if err != nil || sup.Name != "Vest Business Consulting SRL" {
		t.Fatalf("supplier %+v %v", sup, err)
	}
	if _, err := r.Supplier(ctx, "1"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("unknown supplier: %v", err)
	}

	rs := models.RequestScope{Entity: "9991004", Year: 2025}
	rt, err := r.RequestTotals(ctx, rs)
	if err != nil {
		t.Fatal(err)
	}
	if want := p.int(`SELECT sum(received) FROM requests_daily WHERE entity_cui = '9991004' AND year(date) = 2025`); rt.Received != want || want == 0 {
		t.Fatalf("received %d, want %d", rt.Received, want)
	}
	if want := p.int(`SELECT sum(received) FROM requests_daily WHERE entity_cui = '9991004' AND year(date) = 2025 AND channel = 'online'`); rt.OnlineReceived != want {
		t.Fatalf("online %d, want %d", rt.OnlineReceived, want)
	}
	// Percentiles: recomputed here from the histogram rows, in Go.
	type bucket struct{ d, n int64 }
	var hist []bucket
	rows2, err := p.db.Query(`SELECT days_to_answer, requests FROM requests_answer_days WHERE entity_cui = '9991004' AND year = 2025`)
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for rows2.Next() {
		var b bucket
		rows2.Scan(&b.d, &b.n)
		hist = append(hist, b)
		total += b.n
	}
	rows2.Close()
	sort.Slice(hist, func(i, j int) bool { return hist[i].d < hist[j].d })
	pct := func(num, den int64) int64 {
		need := (num*total + den - 1) / den
		var cum int64
		for _, b := range hist {
			cum += b.n
			if cum >= need {
				return b.d
			}
		}
		return -1
	}
	ad, err := r.RequestAnswerDays(ctx, rs)
	if err != nil {
		t.Fatal(err)
	}
	if ad.Answered != total || ad.Median != pct(1, 2) || ad.P90 != pct(9, 10) {
		t.Fatalf("answer days %+v, want N=%d median %d p90 %d", ad, total, pct(1, 2), pct(9, 10))
	}
	by, err := r.RequestsBy(ctx, rs, models.RequestsByChannel)
	if err != nil {
		t.Fatal(err)
	}
	var recv int64
	for _, g := range by {
		recv += g.Received
	}
	if recv != rt.Received {
		t.Fatalf("channels sum to %d, total %d", recv, rt.Received)
	}
}

// The views mode answers the same as the tables mode.
func TestDBViewsAnswerLikeTables(t *testing.T) {
	r, _ := openDemo(t)
	v, err := release.Open(context.Background(), demoReleaseDir(t), release.Views)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	ctx := context.Background()
	a, _ := r.ContractTotals(ctx, models.ContractFilter{SupplierCUI: "90345676"})
	b, _ := v.ContractTotals(ctx, models.ContractFilter{SupplierCUI: "90345676"})
	if a != b || a.Rows == 0 {
		t.Fatalf("tables %+v, views %+v", a, b)
	}
}

func TestOpenReleaseRefusesAnIncompleteRelease(t *testing.T) {
	dir := t.TempDir()
	if _, err := release.Open(context.Background(), dir, release.Tables); err == nil {
		t.Fatal("opened a directory without manifest")
	}
	src := demoReleaseDir(t)
	b, _ := os.ReadFile(filepath.Join(src, "manifest.json"))
	os.WriteFile(filepath.Join(dir, "manifest.json"), b, 0o644)
	if _, err := release.Open(context.Background(), dir, release.Tables); err == nil {
		t.Fatal("opened a release without its Parquet files")
	}
}

// BenchmarkReleaseQuery compares page queries on sorted in-memory tables
// with the same queries on views over the Parquet files.
func BenchmarkReleaseQuery(b *testing.B) {
	dir := demoReleaseDir(b)
	for _, mode := range []struct {
		name string
		mode release.Mode
	}{{"tables", release.Tables}, {"views", release.Views}} {
		r, err := release.Open(context.Background(), dir, mode.mode)
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		b.Run(mode.name+"/budget-by-chapter", func(b *testing.B) {
			for b.Loop() {
				if _, err := r.BudgetBy(ctx, models.BudgetScope{Entity: "9991004", Year: 2025}, models.Expense, models.ByChapter); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(mode.name+"/supplier-contracts", func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Contracts(ctx, models.ContractFilter{SupplierCUI: "90345676"}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(mode.name+"/contracts-page", func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Contracts(ctx, models.ContractFilter{Buyer: "9991004", Year: 2025, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
		// A supplier-name search as /achizitii makes it (the count, then the
		// first page), every time a different string: no cache helps.
		terms := []string{"construct", "servicii", "medical", "srl", "impex", "trans", "grup", "tehnic", "com", "instal"}
		b.Run(mode.name+"/supplier-search", func(b *testing.B) {
			i := 0
			for b.Loop() {
				f := models.ContractFilter{Buyer: "9991004", Supplier: terms[i%len(terms)], Limit: 50}
				i++
				if _, err := r.ContractTotals(ctx, f); err != nil {
					b.Fatal(err)
				}
				if _, err := r.Contracts(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(mode.name+"/answer-days", func(b *testing.B) {
			for b.Loop() {
				if _, err := r.RequestAnswerDays(ctx, models.RequestScope{Entity: "9991004", Year: 2025}); err != nil {
					b.Fatal(err)
				}
			}
		})
		r.Close()
	}
}

func mustEntity(t *testing.T, r *release.DB, cui string) models.Entity {
	t.Helper()
	e, err := r.Entity(cui)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// A same-period comparison reads a year's execution up to a month: the
// cumulative figure of that month's report in the monthly file, by chapter;
// with the month it reaches, and nothing for a year without such a report.
func TestDBBudgetThroughAMonth(t *testing.T) {
	r, p := openDemo(t)
	ctx := context.Background()
	s := models.BudgetScope{Entity: "9991004", Year: 2025}
	groups, reported, err := r.BudgetThrough(ctx, s, models.Expense, models.ByChapter, 10)
	if err != nil {
		t.Fatal(err)
	}
	if reported != 10 || len(groups) == 0 {
		t.Fatalf("2025 through October: reported %d, %d chapters", reported, len(groups))
	}
	var sum models.Amount
	for _, g := range groups {
		want := p.cents(`SELECT sum(executed_cumulative) FROM budget_execution_monthly WHERE entity_cui = '9991004' AND year = 2025 AND month = 10 AND kind = 'cheltuieli' AND chapter_code = ?`, g.Code)
		if g.Executed != want || want == 0 {
			t.Errorf("chapter %s through October 2025: %s, the October report says %s", g.Code, g.Executed, want)
		}
		sum += g.Executed
	}
	full, _ := r.BudgetTotals(ctx, s)
	if sum >= full.Expenses.Executed {
		t.Errorf("January–October 2025 (%s) is not less than the whole year (%s)", sum, full.Expenses.Executed)
	}
	if groups, reported, err = r.BudgetThrough(ctx, models.BudgetScope{Entity: "9991004", Year: 2019}, models.Expense, models.ByChapter, 10); err != nil || reported != 0 || len(groups) != 0 {
		t.Errorf("a year not in the release: %d groups, reported %d, %v", len(groups), reported, err)
	}
}

// The entities dataset keeps the genitive-dative beside each name: derived
// for the town hall, given in the demo's file for its units.
func TestDBEntityGenitives(t *testing.T) {
	r, p := openDemo(t)
	for cui, want := range map[string]string{"9991004": "Municipiului Demo", "9991012": "Școlii Gimnaziale nr. 1 Demo",
		"9991020": "Spitalului Clinic Municipal Demo", "9991039": "Direcției de Asistență Socială Demo"} {
		if got := mustEntity(t, r, cui).NameGenitive; got != want {
			t.Errorf("%s: NameGenitive %q, want %q", cui, got, want)
		}
		var inFile string
		p.db.QueryRow(`SELECT any_value(name_genitive) FROM entities WHERE cui = ?`, cui).Scan(&inFile)
		if inFile != want {
			t.Errorf("%s: entities.parquet name_genitive %q, want %q", cui, inFile, want)
		}
	}
}

// The supplier-name search (folded names built at open, pages read late by
// rowid) finds what an independent fold of every contract's supplier name
// finds, in case and diacritics; its pages, read one after another, list
// each of those contracts once; and a release opened as views answers the
// same pages.
func TestSupplierSearchMatchesAFoldOfEveryContract(t *testing.T) {
	r, p := openDemo(t)
	ctx := context.Background()
	views, err := release.Open(ctx, demoReleaseDir(t), release.Views)
	if err != nil {
		t.Fatal(err)
	}
	defer views.Close()
	found := map[string]int64{}
	for _, term := range []string{"VEST", "construcții", "Constructii", "srl", "90123459", "nimeni-nu-se-numește-așa"} {
		want := p.int(`SELECT count(*) FROM procurement WHERE buyer_cui = '9991004'
			AND (supplier_cui = ? OR strip_accents(lower(supplier_name)) LIKE '%' || strip_accents(lower(?)) || '%')`, term, term)
		f := models.ContractFilter{Buyer: "9991004", Supplier: term, Sort: models.SortValueDesc}
		tot, err := r.ContractTotals(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if tot.Rows != want {
			t.Fatalf("%q: %d contracts found, an independent fold finds %d", term, tot.Rows, want)
		}
		found[term] = want
		seen := map[string]bool{}
		var listed int64
		for f.Offset = 0; ; f.Offset += 50 {
			f.Limit = 50
			page, err := r.Contracts(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			same, err := views.Contracts(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(same) != len(page) {
				t.Fatalf("%q page at %d: %d rows, %d as views", term, f.Offset, len(page), len(same))
			}
			for i, c := range page {
				key := c.BuyerCUI + "/" + c.ContractID + "/" + c.SupplierCUI + "/" + c.AwardDate.String()
				if seen[key] {
					t.Fatalf("%q: %s on two pages", term, key)
				}
				seen[key] = true
				if i > 0 && page[i-1].Value < c.Value {
					t.Fatalf("%q page at %d not sorted by value", term, f.Offset)
				}
				if same[i].Value != c.Value {
					t.Fatalf("%q page at %d row %d: value %d, %d as views", term, f.Offset, i, c.Value, same[i].Value)
				}
			}
			listed += int64(len(page))
			if len(page) < 50 {
				break
			}
		}
		if listed != want {
			t.Fatalf("%q: pages list %d contracts, want %d", term, listed, want)
		}
	}
	// The terms test what they mean to: a term with diacritics finds what
	// it finds without them, and a common one spans many pages.
	if found["construcții"] == 0 || found["construcții"] != found["Constructii"] || found["srl"] <= 200 || found["90123459"] == 0 {
		t.Fatalf("the demo's contracts do not exercise the search: %v", found)
	}
}

// The dashboards' sparklines read two years of the monthly execution in one
// query: each month's codes sum, through any month, to what BudgetThrough
// says for that month, and each month's totals are BudgetMonthly's.
func TestDBBudgetMonthlyByInOneRead(t *testing.T) {
	r, _ := openDemo(t)
	ctx := context.Background()
	s := models.BudgetScope{Entity: "9991004", Year: 2025}
	gs, err := r.BudgetMonthlyBy(ctx, s, 2024, models.ByEconomicTitle, models.ByChapter)
	if err != nil {
		t.Fatal(err)
	}
	dims := map[models.BudgetKind]models.BudgetDim{models.Expense: models.ByEconomicTitle, models.Revenue: models.ByChapter}
	seen := map[[2]int]bool{}
	for _, year := range []int{2024, 2025} {
		for kind, dim := range dims {
			months, err := r.BudgetMonthly(ctx, models.BudgetScope{Entity: s.Entity, Year: year}, kind)
			if err != nil {
				t.Fatal(err)
			}
			if len(months) == 0 {
				t.Fatalf("%d %s: no months in the demo", year, kind)
			}
			for _, want := range months {
				var got models.BudgetMonth
				cum := map[string]models.Amount{}
				for _, g := range gs {
					if g.Year != year || g.Kind != kind || g.Month > want.Month {
						continue
					}
					cum[g.Code] += g.Executed
					if g.Month == want.Month {
						got.Final += g.Final
						got.Executed += g.Executed
						got.ExecutedCumulative += g.ExecutedCumulative
						seen[[2]int{year, g.Month}] = true
					}
				}
				got.Month = want.Month
				if got != want {
					t.Errorf("%d %s month %d: %+v, BudgetMonthly says %+v", year, kind, want.Month, got, want)
				}
				through, reported, err := r.BudgetThrough(ctx, models.BudgetScope{Entity: s.Entity, Year: year}, kind, dim, want.Month)
				if err != nil || reported != want.Month {
					t.Fatalf("%d %s through %d: reported %d, %v", year, kind, want.Month, reported, err)
				}
				if len(through) != len(cum) {
					t.Errorf("%d %s through %d: %d codes, BudgetThrough has %d", year, kind, want.Month, len(cum), len(through))
				}
				for _, g := range through {
					if cum[g.Code] != g.Executed {
						t.Errorf("%d %s through %d, code %q: %s, BudgetThrough says %s", year, kind, want.Month, g.Code, cum[g.Code], g.Executed)
					}
				}
			}
		}
	}
	for _, g := range gs {
		if g.Year < 2024 || g.Year > 2025 {
			t.Fatalf("a row of %d outside 2024–2025", g.Year)
		}
	}
	if len(seen) < 13 {
		t.Errorf("only %d year-months read", len(seen))
	}
}
