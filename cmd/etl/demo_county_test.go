package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/warehouse"
)

// TestDemoCounty runs `etl demo --county --units 6` as a user does: the
// county council, its two units and six administrative units land in the
// warehouse as the deployment's tree, with every file loaded cleanly.
func TestDemoCounty(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "judet.duckdb")
	code, stdout, stderr := run(t, "demo", "--db", db, "--county", "--units", "6", "--json")
	if code != exitOK {
		t.Fatalf("demo --county: exit %d %s", code, stderr)
	}
	var sum DemoSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if !sum.County || sum.Units != 6 || sum.Scale != 1 || sum.Rejected != 0 {
		t.Fatalf("summary %+v", sum)
	}
	for _, d := range []string{"entities", "budget", "investments", "procurement", "requests"} {
		if sum.Rows[d] == 0 {
			t.Errorf("no %s row loaded: %v", d, sum.Rows)
		}
	}

	w, err := warehouse.Open(context.Background(), db, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	rows, err := w.DB().Query(`SELECT kind, count(*), count(parent_cui), count(DISTINCT county) FROM dim_entity GROUP BY kind ORDER BY kind`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][3]int{}
	for rows.Next() {
		var kind string
		var n [3]int
		if err := rows.Scan(&kind, &n[0], &n[1], &n[2]); err != nil {
			t.Fatal(err)
		}
		got[kind] = n
	}
	rows.Close()
	want := map[string][3]int{"județ": {1, 0, 1}, "municipiu": {2, 0, 1}, "oraș": {3, 0, 1}, "comună": {1, 0, 1}, "unitate subordonată": {2, 2, 1}}
	if len(got) != len(want) {
		t.Fatalf("entities by kind %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: (count, with a parent, counties) = %v, want %v", k, got[k], n)
		}
	}
	// Every administrative unit has awards and requests of its own.
	var withBoth int
	w.DB().QueryRow(`SELECT count(*) FROM dim_entity e WHERE kind <> 'unitate subordonată'
		AND EXISTS (SELECT 1 FROM fact_procurement p WHERE p.buyer_cui = e.cui)
		AND EXISTS (SELECT 1 FROM fact_request r WHERE r.entity_cui = e.cui)`).Scan(&withBoth)
	if withBoth != 7 {
		t.Errorf("%d of 7 authorities have both awards and requests", withBoth)
	}

	// Consolidation stays per authority: the council's transfers to its two
	// units equal what they received, in every month.
	var groups, unbalanced int64
	w.DB().QueryRow(`SELECT count(*), count(*) FILTER (WHERE difference <> 0) FROM mart_consolidation_check`).Scan(&groups, &unbalanced)
	if groups == 0 || unbalanced != 0 {
		t.Errorf("consolidation check: %d group-months, %d unbalanced", groups, unbalanced)
	}

	// The text output names the county.
	code, stdout, stderr = run(t, "demo", "--db", filepath.Join(dir, "text.duckdb"), "--county", "--units", "6", "--dir", filepath.Join(dir, "src"))
	if code != exitOK || !strings.Contains(stdout, "Județul Demo (consiliul județean și 6 unități administrativ-teritoriale) (scara 1)") {
		t.Fatalf("demo --county: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestDemoCountyUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.duckdb")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--county", "--units", "5"}, "--units 5: județul demo are între 6 și 150"},
		{[]string{"--county", "--units", "151"}, "--units 151"},
		{[]string{"--units", "10"}, "se folosește împreună cu --county"},
	} {
		code, _, stderr := run(t, append([]string{"demo", "--db", db}, c.args...)...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("demo %v: exit %d, %s", c.args, code, stderr)
		}
	}
}
