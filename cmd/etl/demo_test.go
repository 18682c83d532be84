package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// TestDemoEndToEnd runs `etl demo` and `etl publish` as a user does and checks
// what the warehouse and the release hold.
func TestDemoEndToEnd(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.duckdb")
	code, stdout, stderr := run(t, "demo", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("demo: exit %d %s", code, stderr)
	}
	var sum DemoSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Rejected != 0 {
		t.Fatalf("the demo has %d rejected rows: its files must load cleanly", sum.Rejected)
	}
	if sum.Rows["procurement"]+sum.Rows["requests"] < 100_000 || sum.Rows["budget"] == 0 || sum.Rows["investments"] == 0 || sum.Rows["entities"] == 0 {
		t.Fatalf("demo rows: %v", sum.Rows)
	}
	// Running the demo again loads nothing new: every file is skipped.
	if code, _, _ := run(t, "demo", "--db", db); code != 0 {
		t.Fatal("second demo run failed")
	}

	w, err := warehouse.Open(context.Background(), db, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var n int64
	w.DB().QueryRow(`SELECT count(*) FROM fact_procurement`).Scan(&n)
	if n != sum.Rows["procurement"] {
		t.Fatalf("after a second demo run: %d contracts, want %d", n, sum.Rows["procurement"])
	}
	// The city's transfers to its units equal what the units received, in
	// every month: consolidation eliminates exactly.
	var groups, unbalanced int64
	w.DB().QueryRow(`SELECT count(*), count(*) FILTER (WHERE difference <> 0) FROM mart_consolidation_check`).Scan(&groups, &unbalanced)
	if groups == 0 || unbalanced != 0 {
		t.Fatalf("consolidation check: %d group-months, %d unbalanced", groups, unbalanced)
	}
	// The revised June 2025 report (drawn up 2025-07-25) replaced the first one.
	var reportDate string
	w.DB().QueryRow(`SELECT DISTINCT report_date::VARCHAR FROM fact_budget f JOIN dim_entity e ON e.cui = f.entity_cui
		WHERE year = 2025 AND month = 6 AND e.kind = 'municipiu'`).Scan(&reportDate)
	if reportDate != "2025-07-25" {
		t.Fatalf("June 2025 report date = %s, want the revision of 2025-07-25", reportDate)
	}
	w.Close()

	out := filepath.Join(dir, "releases")
	if code, _, stderr := run(t, "publish", "--db", db, "--out", out); code != 0 {
		t.Fatalf("publish of the demo refused: %s", stderr)
	}
	id, _ := release.Current(out)
	if code, _, stderr := run(t, "verify", filepath.Join(out, id)); code != 0 {
		t.Fatalf("verify: %s", stderr)
	}
}
