package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// etl init --county registers the county council and every administrative
// unit of the county from the reference list, as a load of the entities
// dataset: the same units, SIRUTA codes and 2021 populations as the public
// census list in ../shared/data, read here independently; a second run
// changes nothing, and an unknown code is a usage error that lists the
// codes.
func TestInitCountyRegistersEveryUnitOfTheCounty(t *testing.T) {
	f, err := os.Open("../../../shared/data/ro_uat_cif_siruta_population_2021.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	type unit struct {
		siruta string
		pop    int64
	}
	want := map[string]unit{} // cui -> unit, for Brașov (judet_uat BV)
	for _, r := range rows[1:] {
		if r[5] == "BV" {
			pop, _ := strconv.ParseInt(r[3], 10, 64)
			siruta := r[1]
			if strings.HasPrefix(r[2], "JUDE") { // the council's row has the county code as SIRUTA
				siruta = ""
			}
			want[r[6]] = unit{siruta, pop}
		}
	}
	if len(want) < 50 {
		t.Fatalf("the census list has %d rows for BV", len(want))
	}

	db := filepath.Join(t.TempDir(), "w.duckdb")
	code, stdout, stderr := run(t, "init", "--db", db, "--county", "bv")
	if code != exitOK || !strings.Contains(stdout, "Județul Brașov: consiliul județean și 58 de unități administrativ-teritoriale (4 municipii, 6 orașe, 48 de comune), 546.615 locuitori la recensământul din 2021.") {
		t.Fatalf("init --county bv: exit %d\n%s%s", code, stdout, stderr)
	}
	conn, err := sql.Open("duckdb", db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]unit{}
	q, err := conn.QueryContext(context.Background(), `SELECT e.cui, coalesce(CAST(e.siruta AS VARCHAR), ''), p.population, e.county, e.kind, coalesce(e.parent_cui, '')
		FROM dim_entity e JOIN entity_population p ON p.cui = e.cui AND p.year = 2021`)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for q.Next() {
		var cui, siruta, county, kind, parent string
		var pop int64
		if err := q.Scan(&cui, &siruta, &pop, &county, &kind, &parent); err != nil {
			t.Fatal(err)
		}
		if county != "BV" || parent != "" {
			t.Errorf("%s: county %q, parent %q: a commune is not subordinated to the county", cui, county, parent)
		}
		got[cui] = unit{siruta, pop}
		kinds[kind]++
	}
	q.Close()
	conn.Close()
	if len(got) != len(want) {
		t.Fatalf("%d units registered, the census list has %d", len(got), len(want))
	}
	for cui, u := range want {
		if got[cui] != u {
			t.Errorf("%s: registered %+v, the census list says %+v", cui, got[cui], u)
		}
	}
	if kinds["județ"] != 1 || kinds["municipiu"] != 4 || kinds["oraș"] != 6 || kinds["comună"] != 48 {
		t.Errorf("kinds %v", kinds)
	}

	code, stdout, _ = run(t, "init", "--db", db, "--county", "BV", "--json")
	var res struct {
		County struct {
			Units int `json:"units"`
		} `json:"county"`
		Load struct {
			Outcome string `json:"outcome"`
		} `json:"load"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || code != exitOK || res.Load.Outcome != "skipped" || res.County.Units != 58 {
		t.Fatalf("second run: exit %d, %+v, %v\n%s", code, res, err, stdout)
	}

	code, _, stderr = run(t, "init", "--db", db, "--county", "XX")
	if code != exitUsage || !strings.Contains(stderr, `--county "XX"`) || !strings.Contains(stderr, "BV") {
		t.Fatalf("unknown county: exit %d: %s", code, stderr)
	}
}
