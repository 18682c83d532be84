package warehouse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
)

const budgetHeader = "entity_cui,year,month,report_date,kind,section,funding_source,functional_code,economic_code,initial_budget,final_budget,commitments,executed"

// report writes one cumulative report: each line is "entity,kind,functional,economic,executed".
func report(t *testing.T, dir, name string, year, month int, reportDate string, lines ...string) string {
	t.Helper()
	rows := []string{budgetHeader}
	for _, l := range lines {
		f := strings.Split(l, ",")
		rows = append(rows, fmt.Sprintf("%s,%d,%d,%s,%s,functionare,A,%s,%s,1000000.00,1000000.00,%s,%s",
			f[0], year, month, reportDate, f[1], f[2], f[3], f[4], f[4]))
	}
	return writeCSV(t, dir, name, rows...)
}

func executed(t *testing.T, w *Warehouse, table, where string) string {
	t.Helper()
	var s string
	if err := w.DB().QueryRow(`SELECT coalesce(sum(executed), 0)::VARCHAR FROM ` + table + ` WHERE ` + where).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNewerReportReplacesOlderForTheSamePeriod(t *testing.T) {
	w := openTemp(t)
	loadEntities(t, w)
	dir := t.TempDir()
	june := report(t, dir, "2025-06.csv", 2025, 6, "2025-07-08",
		cityCUI+",cheltuieli,65.02.04,10.01.01,500.00",
		cityCUI+",cheltuieli,84.02.03,20.01.30,300.00")
	load(t, w, models.DatasetBudget, june)
	revised := report(t, dir, "2025-06-rectificat.csv", 2025, 6, "2025-07-25",
		cityCUI+",cheltuieli,65.02.04,10.01.01,550.00")
	res := load(t, w, models.DatasetBudget, revised)
	if res.Files[0].RowsLoaded != 1 {
		t.Fatalf("revised report: %+v", res.Files[0])
	}
	// The revision replaces the whole period: its 84.02 line is gone too.
	if got := executed(t, w, "fact_budget", "year = 2025 AND month = 6"); got != "550.00" {
		t.Fatalf("June after revision = %s, want 550.00", got)
	}
	// An older report arriving late does not overwrite the newer one.
	stale := report(t, dir, "2025-06-vechi.csv", 2025, 6, "2025-07-01",
		cityCUI+",cheltuieli,65.02.04,10.01.01,1.00")
	res = load(t, w, models.DatasetBudget, stale)
	if res.Files[0].RowsLoaded != 0 || res.Files[0].RowsSuperseded != 1 {
		t.Fatalf("stale report: %+v; want 0 loaded, 1 superseded", res.Files[0])
	}
	if got := executed(t, w, "fact_budget", "year = 2025 AND month = 6"); got != "550.00" {
		t.Fatalf("June after a stale report = %s, want 550.00", got)
	}
	// Another institution's report for the same period is independent.
	school := report(t, dir, "school.csv", 2025, 6, "2025-07-02", schoolCUI+",cheltuieli,65.02.04,10.01.01,70.00")
	load(t, w, models.DatasetBudget, school)
	if got := executed(t, w, "fact_budget", "year = 2025 AND month = 6"); got != "620.00" {
		t.Fatalf("June with the school = %s, want 620.00", got)
	}
}

func TestMonthlyValuesFromCumulativeReports(t *testing.T) {
	w := openTemp(t)
	loadEntities(t, w)
	dir := t.TempDir()
	load(t, w, models.DatasetBudget,
		report(t, dir, "01.csv", 2025, 1, "2025-02-06", cityCUI+",cheltuieli,65.02.04,10.01.01,100.00", cityCUI+",cheltuieli,84.02.03,20.01.30,40.00"),
		report(t, dir, "02.csv", 2025, 2, "2025-03-06", cityCUI+",cheltuieli,65.02.04,10.01.01,250.00", cityCUI+",cheltuieli,84.02.03,20.01.30,40.00"),
		// March is missing: April covers two months. The 84.02 line disappears
		// (a correction moved it), so its April figure is -40.
		report(t, dir, "04.csv", 2025, 4, "2025-05-07", cityCUI+",cheltuieli,65.02.04,10.01.01,400.00", cityCUI+",venituri,04.02.01,,90.00"),
		// A new year starts from zero.
		report(t, dir, "2026-01.csv", 2026, 1, "2026-02-05", cityCUI+",cheltuieli,65.02.04,10.01.01,30.00"),
	)
	rows, err := w.DB().Query(`SELECT year, month, months_covered, functional_code, executed::VARCHAR, executed_cumulative::VARCHAR
		FROM mart_budget_monthly ORDER BY year, month, functional_code`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var y, m, c int
		var code, ex, cum string
		if err := rows.Scan(&y, &m, &c, &code, &ex, &cum); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d-%02d/%d %s %s (%s)", y, m, c, code, ex, cum))
	}
	want := []string{
		"2025-01/1 65.02.04 100.00 (100.00)",
		"2025-01/1 84.02.03 40.00 (40.00)",
		"2025-02/1 65.02.04 150.00 (250.00)",
		"2025-02/1 84.02.03 0.00 (40.00)",
		"2025-04/2 04.02.01 90.00 (90.00)", // covers March too: no March report
		"2025-04/2 65.02.04 150.00 (400.00)",
		"2025-04/2 84.02.03 -40.00 (0.00)",
		"2026-01/1 65.02.04 30.00 (30.00)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("monthly values:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The months of a year add up to the latest cumulative figure.
	if a, b := executed(t, w, "mart_budget_monthly", "year = 2025"), executed(t, w, "fact_budget", "year = 2025 AND month = 4"); a != b {
		t.Fatalf("sum of monthly values %s != cumulative %s", a, b)
	}
}

func TestConsolidationEliminatesTransfersInsideTheGroup(t *testing.T) {
	w := openTemp(t)
	loadEntities(t, w)
	dir := t.TempDir()
	load(t, w, models.DatasetBudget, report(t, dir, "r.csv", 2025, 3, "2025-04-07",
		// The city pays salaries and transfers 700 to the school, 200 to the other unit.
		cityCUI+",cheltuieli,51.02.01,10.01.01,1000.00",
		cityCUI+",cheltuieli,65.02.04,51.01.01,700.00",
		cityCUI+",cheltuieli,68.02.05,51.01.01,200.00",
		cityCUI+",venituri,04.02.01,,5000.00",
		// The school receives the 700 as a subsidy and spends 650 of it.
		schoolCUI+",venituri,43.10.09,,700.00",
		schoolCUI+",cheltuieli,65.10.04,10.01.01,650.00",
		// The other unit receives only 150 of its 200 in this report.
		otherCUI+",venituri,43.10.09,,150.00",
	))
	// Plain sum of expenses: 1000+700+200+650 = 2550; consolidated: 1000+650.
	if got := executed(t, w, "v_budget_lines", "kind = 'cheltuieli'"); got != "2550.00" {
		t.Fatalf("plain expenses = %s, want 2550.00", got)
	}
	if got := executed(t, w, "mart_budget_consolidated", "kind = 'cheltuieli' AND group_cui = '"+cityCUI+"'"); got != "1650.00" {
		t.Fatalf("consolidated expenses = %s, want 1650.00", got)
	}
	if got := executed(t, w, "mart_budget_consolidated", "kind = 'venituri' AND group_cui = '"+cityCUI+"'"); got != "5000.00" {
		t.Fatalf("consolidated revenues = %s, want 5000.00 (subsidies eliminated)", got)
	}
	var out, in, diff string
	if err := w.DB().QueryRow(`SELECT transfers_out::VARCHAR, transfers_in::VARCHAR, difference::VARCHAR FROM mart_consolidation_check`).Scan(&out, &in, &diff); err != nil {
		t.Fatal(err)
	}
	if out != "900.00" || in != "850.00" || diff != "50.00" {
		t.Fatalf("consolidation check = out %s in %s diff %s; want 900.00, 850.00, 50.00", out, in, diff)
	}
}

// The Treasury publishes two reports per month: execution (payments and
// receipts, no appropriations) and commitments (expenses only, with
// appropriations). Loaded one after the other, in either order, they
// complement each other instead of one erasing the other.
func TestReportsOfTheSameDateComplementEachOther(t *testing.T) {
	var (
		execution = cityCUI + ",2025,1,2025-01-31,%s,functionare,A,%s,%s,,,,%s"
		commit    = cityCUI + ",2025,1,2025-01-31,cheltuieli,functionare,A,65.02.04,10.01.01,900.00,1000.00,700.00,%s"
	)
	for _, order := range []string{"execution first", "commitments first"} {
		t.Run(order, func(t *testing.T) {
			w := openTemp(t)
			loadEntities(t, w)
			dir := t.TempDir()
			ex := writeCSV(t, dir, "exec.csv", budgetHeader,
				fmt.Sprintf(execution, "cheltuieli", "65.02.04", "10.01.01", "500.00"),
				fmt.Sprintf(execution, "venituri", "07.02.01", "", "800.00"))
			cm := writeCSV(t, dir, "commit.csv", budgetHeader, fmt.Sprintf(commit, "500.00"))
			files := []string{ex, cm}
			if order == "commitments first" {
				files = []string{cm, ex}
			}
			for _, f := range files {
				if res := load(t, w, models.DatasetBudget, f); res.Outcome != "loaded" {
					t.Fatalf("%s: %+v", f, res)
				}
			}
			var got string
			if err := w.DB().QueryRow(`SELECT string_agg(concat_ws('|', kind, initial_budget, final_budget, commitments, executed), ';' ORDER BY kind) FROM fact_budget`).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if want := "cheltuieli|900.00|1000.00|700.00|500.00;venituri|800.00"; got != want {
				t.Errorf("fact_budget = %s, want %s", got, want)
			}
		})
	}
}

// A key may hold NULLs (revenue lines have no economic code): two identical
// revenue lines are still duplicates, the second naming the first.
func TestDuplicateRevenueLinesAreRejected(t *testing.T) {
	w := openTemp(t)
	loadEntities(t, w)
	dir := t.TempDir()
	line := cityCUI + ",2025,1,2025-01-31,venituri,functionare,A,07.02.01,,,,,800.00"
	p := writeCSV(t, dir, "r.csv", budgetHeader, line, cityCUI+",2025,1,2025-01-31,venituri,functionare,A,07.02.02,,,,,10.00", line)
	res, err := w.Load(t.Context(), LoadSpec{Dataset: models.DatasetBudget, Format: "deschis", MaxRejectShare: 0.5}, canonicalFiles(models.DatasetBudget, "", p))
	if err != nil {
		t.Fatal(err)
	}
	if res.Files[0].RowsLoaded != 2 || len(res.Rejects) != 1 || res.Rejects[0].Line != 4 || !strings.Contains(res.Rejects[0].Reason, "linia 2") {
		t.Fatalf("loaded %d, rejects %+v", res.Files[0].RowsLoaded, res.Rejects)
	}
}
