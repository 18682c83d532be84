package kpis

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// The fixture is a small release made the real way: CSV files loaded into
// a DuckDB warehouse on disk and published. Its figures are small enough
// to work out by hand (see values_test.go).

const city = "4270740" // Municipiul Sibiu

const budgetHeader = "entity_cui,year,month,report_date,kind,section,funding_source,functional_code,economic_code,initial_budget,final_budget,commitments,executed"

// budgetLine is "kind,functional,economic,final,executed".
func budgetReport(year, month int, reportDate string, lines ...string) []string {
	out := []string{budgetHeader}
	for _, l := range lines {
		f := strings.Split(l, ",")
		section := "functionare"
		if strings.HasPrefix(f[2], "71") {
			section = "dezvoltare"
		}
		out = append(out, strings.Join([]string{city, strconv.Itoa(year), strconv.Itoa(month), reportDate, f[0], section, "A", f[1], f[2], f[3], f[3], f[4], f[4]}, ","))
	}
	return out
}

func writeLines(t *testing.T, dir, name string, lines []string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fixture builds the release once per test binary run.
func fixture(t *testing.T) models.Reader {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	w, err := warehouse.Open(ctx, filepath.Join(dir, "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	load := func(dataset, path string) {
		t.Helper()
		res, err := w.Load(ctx, warehouse.LoadSpec{Dataset: dataset, Format: "deschis"}, []warehouse.LoadFile{{Path: path,
			Open: func() (models.RowReader, error) {
				return ingest.OpenFile("deschis", ingest.Options{Dataset: dataset, File: path}, nil)
			}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Files {
			if f.RowsRejected != 0 {
				t.Fatalf("%s: %d rows rejected", path, f.RowsRejected)
			}
		}
	}
	load(models.DatasetEntities, writeLines(t, dir, "e.csv", []string{"cui,name,kind,county", city + ",Municipiul Sibiu,municipiu,SB"}))
	// 2025: one report, March.
	load(models.DatasetBudget, writeLines(t, dir, "2025-03.csv", budgetReport(2025, 3, "2025-04-08",
		"cheltuieli,65.02.04,10.01.01,800.00,200.00",
		"cheltuieli,84.02.03,71.01.30,200.00,20.00",
		"venituri,04.02.01,,1000.00,500.00",
		"venituri,11.02.02,,1000.00,500.00")))
	// 2026: January and March; no report for February. Chapter 67 has a
	// line without appropriations.
	load(models.DatasetBudget, writeLines(t, dir, "2026-01.csv", budgetReport(2026, 1, "2026-02-08",
		"cheltuieli,65.02.04,10.01.01,1000.00,100.00",
		"cheltuieli,84.02.03,71.01.30,500.00,50.00",
		"cheltuieli,67.02.03.02,20.01.01,0.00,0.00",
		"venituri,04.02.01,,2000.00,300.00",
		"venituri,11.02.02,,1000.00,100.00")))
	load(models.DatasetBudget, writeLines(t, dir, "2026-03.csv", budgetReport(2026, 3, "2026-04-08",
		"cheltuieli,65.02.04,10.01.01,1000.00,250.00",
		"cheltuieli,84.02.03,71.01.30,500.00,150.00",
		"cheltuieli,67.02.03.02,20.01.01,0.00,0.00",
		"venituri,04.02.01,,2000.00,900.00",
		"venituri,11.02.02,,1000.00,300.00")))
	// Petitions (30 days), the register exported on 31.03.2026.
	load(models.DatasetRequests, writeLines(t, dir, "cereri.csv", []string{
		"entity_cui,request_id,received,channel,category,type,department,term_days,extended,answered,status,as_of",
		city + ",1,2026-01-05,online,A,petitie,Direcția Urbanism,,,2026-02-04,rezolvată,2026-03-31", // answered on its deadline day: on time
		city + ",2,2026-01-10,ghișeu,A,petitie,Direcția Urbanism,,,2026-03-01,respinsă,2026-03-31",  // 50 days: late
		city + ",3,2026-02-01,online,A,petitie,Direcția Urbanism,,,,deschisă,2026-03-31",            // due 03.03, still open: late
		city + ",4,2026-03-20,e-mail,A,petitie,Direcția Fiscală,,,,deschisă,2026-03-31",             // due 19.04: open within term
		city + ",5,2026-03-02,online,A,petitie,Direcția Fiscală,,,2026-03-05,rezolvată,2026-03-31",  // 3 days
		city + ",6,2025-02-10,online,A,petitie,Direcția Urbanism,,,2025-02-20,rezolvată,2026-03-31", // 10 days
		city + ",7,2025-03-01,ghișeu,A,petitie,Direcția Urbanism,,,2025-04-15,rezolvată,2026-03-31", // 45 days: late
	}))
	res, err := w.Publish(ctx, release.Options{Out: filepath.Join(dir, "releases"), Now: func() time.Time { return time.Date(2026, 4, 10, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	r, err := release.Open(ctx, res.Path, release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}
