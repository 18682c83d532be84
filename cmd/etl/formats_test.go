package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/deschis/deschis/warehouse"
)

const sharedData = "../../../shared/data"

// TestLoadRealSICAPExportRegistersItsBuyers loads the real SICAP sample
// (105 direct-purchase notices of many buyers) without --entity: every buyer
// is registered, from the reference list of administrative units when it is
// one, and the good rows load with the exact total.
//
// Expected values computed independently with python3's csv module: 105
// rows; one buyer code (R4278337, line 22) cannot be read; the other rows
// name 74 distinct buyers, 59 of which are in the UAT reference list; the
// 104 good rows sum to 4,983,807.33 lei (105 rows: 4,995,757.33 minus
// DAN2226025's 11,950.00).
func TestLoadRealSICAPExportRegistersItsBuyers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	code, out, stderr := run(t, "load", "--db", db, "--dataset", "procurement", "--format", "sicap",
		filepath.Join(sharedData, "ro_sicap_achizitii_directe_offline_sample.csv"), "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s %s", code, out, stderr)
	}
	var res warehouse.LoadResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if f := res.Files[0]; f.RowsRead != 105 || f.RowsLoaded != 104 || f.RowsRejected != 1 {
		t.Fatalf("rows: %+v", f)
	}
	if r := res.Rejects[0]; r.Line != 22 || r.Column != "authority.fiscalNumber" || r.Value != "R4278337" {
		t.Errorf("reject: %+v", r)
	}
	uat := 0
	for _, e := range res.EntitiesRegistered {
		if e.Source == "uat" {
			uat++
		}
	}
	if len(res.EntitiesRegistered) != 74 || uat != 59 {
		t.Errorf("registered %d institutions (%d from the UAT list), want 74 (59)", len(res.EntitiesRegistered), uat)
	}
	w, err := warehouse.OpenReadOnly(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var total string
	var entities int
	if err := w.DB().QueryRow(`SELECT sum(value)::VARCHAR, (SELECT count(*) FROM dim_entity) FROM fact_procurement`).Scan(&total, &entities); err != nil {
		t.Fatal(err)
	}
	if total != "4983807.33" || entities != 74 {
		t.Errorf("total %s over %d institutions, want 4983807.33 over 74", total, entities)
	}
}
