package warehouse

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// loadSmallCity loads one of each dataset, enough for every release dataset
// to have rows.
func loadSmallCity(t *testing.T, w *Warehouse, supplierName string) {
	t.Helper()
	loadEntities(t, w)
	dir := t.TempDir()
	load(t, w, models.DatasetBudget, report(t, dir, "b.csv", 2025, 3, "2025-04-07",
		cityCUI+",cheltuieli,65.02.04,51.01.01,700.00", schoolCUI+",venituri,43.10.09,,700.00", cityCUI+",venituri,04.02.01,,5000.00"))
	load(t, w, models.DatasetInvestments, writeCSV(t, dir, "i.csv",
		"entity_cui,code,year,name,functional_code,funding,status,total_value,planned_year,spent_year,spent_to_date,progress_pct,planned_start,planned_end,actual_start,actual_end",
		cityCUI+",INV-1,2025,Modernizare strada Gheorghe Lazăr,84.02.03,local,în execuție,1000000.00,400000.00,250000.00,250000.00,25.5,2025-03-01,2026-06-30,2025-04-01,"))
	load(t, w, models.DatasetProcurement, writeCSV(t, dir, "p.csv", procurementHeader,
		"AC1,framework_agreement,,"+cityCUI+","+cui("1234567")+",\""+supplierName+"\",Acord-cadru hârtie,30192000-1,90000.00,RON,2025-01-10,licitație deschisă,2,false,",
		"CS1,call_off,AC1,"+cityCUI+","+cui("1234567")+",\""+supplierName+"\",Subsecvent 1,30192000-1,30000.00,RON,2025-02-10,,,false,",
		"CAN1,procedure_award,,"+cityCUI+","+cui("7654321")+",Drumuri SA,Lucrări stradă,45233140-2,800000.00,RON,2025-03-10,licitație deschisă,1,false,INV-1"))
	load(t, w, models.DatasetRequests, writeCSV(t, dir, "r.csv",
		"entity_cui,request_id,received,channel,category,type,department,term_days,extended,answered,status",
		cityCUI+",2025/1,2025-03-03,online,Urbanism,info_544,Direcția Urbanism,,,2025-03-10,rezolvată",
		cityCUI+",2025/2,2025-03-03,ghiseu,Urbanism,petitie,Direcția Urbanism,,,2025-04-20,rezolvată",
		cityCUI+",2025/3,2025-03-04,e-mail,Taxe și impozite locale,petitie,Direcția Fiscală,,,,deschisă"))
}

func TestPublishWritesACheckedReleaseAndVerifyFindsTampering(t *testing.T) {
	w := openTemp(t)
	loadSmallCity(t, w, "Alfa Birotică SRL")
	out := t.TempDir()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	res, err := w.Publish(context.Background(), release.Options{Out: out, Generator: "test", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if res.ReleaseID != "20261123T100000Z" {
		t.Fatalf("release id %s", res.ReleaseID)
	}
	if cur, _ := release.Current(out); cur != res.ReleaseID {
		t.Fatalf("current = %q, want %s", cur, res.ReleaseID)
	}
	man, err := release.ReadManifest(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	if len(man.Datasets) != len(release.Datasets) {
		t.Fatalf("manifest has %d datasets", len(man.Datasets))
	}
	wantRows := map[string]int64{"procurement": 3, "suppliers": 2, "investments": 1, "requests": 3, "entities": 4}
	for name, n := range wantRows {
		d, ok := man.Dataset(name)
		if !ok || d.Rows != n {
			t.Errorf("dataset %s: %+v, want %d rows", name, d, n)
		}
	}
	req, _ := man.Dataset("requests")
	if req.Access != models.Internal || !strings.HasPrefix(req.Files[0].Path, "internal/") {
		t.Errorf("requests must be internal: %+v", req.Files)
	}
	proc, _ := man.Dataset("procurement")
	if proc.Coverage.From != "2025-01-10" || proc.Coverage.To != "2025-03-10" || len(proc.Loads) != 1 || proc.Files[0].SHA256 == "" {
		t.Errorf("procurement manifest entry: %+v", proc)
	}
	// The numbers read back from Parquet are the warehouse's: the supplier
	// total counts the call-off, not the framework agreement.
	var total string
	if err := w.DB().QueryRow(`SELECT total_value::VARCHAR FROM read_parquet(?) WHERE supplier_cui = ?`,
		filepath.Join(res.Path, "public", "suppliers.parquet"), cui("1234567")).Scan(&total); err != nil {
		t.Fatal(err)
	}
	if total != "30000.00" {
		t.Fatalf("supplier total from Parquet = %s, want 30000.00 (framework agreement not counted)", total)
	}
	if problems, err := release.Verify(context.Background(), res.Path); err != nil || len(problems) != 0 {
		t.Fatalf("verify of a fresh release: %v %v", problems, err)
	}
	// Tamper with one byte and add a stray file: verify names both.
	p := filepath.Join(res.Path, "public", "budget.parquet")
	b, _ := os.ReadFile(p)
	b[len(b)/2] ^= 0xFF
	os.WriteFile(p, b, 0o644)
	os.WriteFile(filepath.Join(res.Path, "public", "extra.csv"), []byte("x"), 0o644)
	problems, err := release.Verify(context.Background(), res.Path)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range problems {
		paths = append(paths, p.Path)
	}
	if strings.Join(paths, ",") != "public/budget.parquet,public/extra.csv" {
		t.Fatalf("verify problems = %+v", problems)
	}

	// A second release goes live; pruning keeps the newest and never the
	// current one away.
	now = now.Add(time.Hour)
	res2, err := w.Publish(context.Background(), release.Options{Out: out, Keep: 1, Generator: "test", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if cur, _ := release.Current(out); cur != res2.ReleaseID {
		t.Fatalf("current after second publish = %s", cur)
	}
	if ids, _ := release.List(out); len(ids) != 1 || ids[0] != res2.ReleaseID || len(res2.Pruned) != 1 {
		t.Fatalf("after --keep 1: releases %v, pruned %v", ids, res2.Pruned)
	}
}

func TestPublishRefusesPersonalDataInPublic(t *testing.T) {
	first12 := "180010122114"
	cnp := first12 + string(models.CNPCheckDigit(first12))
	tests := []struct {
		name, supplier, column, want string
	}{
		{"CNP with a valid check digit", "Ion Popescu PFA " + cnp, "supplier_name", "CNP"},
		{"e-mail address", "Alfa SRL contact ion.popescu@example.ro", "supplier_name", "e-mail"},
		{"mobile phone number", "Alfa SRL tel. 0722 123 456", "supplier_name", "telefon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := openTemp(t)
			loadSmallCity(t, w, tt.supplier)
			out := t.TempDir()
			// A clean release is live first: a refused one must not replace it.
			_, err := w.Publish(context.Background(), release.Options{Out: out, Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
			var ce *release.CheckError
			if !errors.As(err, &ce) || !errors.Is(err, models.ErrRefused) {
				t.Fatalf("publish with %s: err = %v, want a CheckError", tt.name, err)
			}
			if ce.Dataset != "procurement" || ce.Column != tt.column || !strings.Contains(ce.Reason, tt.want) || !strings.Contains(ce.Example, `"contract_id":"AC1"`) {
				t.Fatalf("check error = %+v; want dataset procurement, column %s, reason ~%s and an example row", ce, tt.column, tt.want)
			}
			if ids, _ := release.List(out); len(ids) != 0 {
				t.Fatalf("a refused release was left behind: %v", ids)
			}
			if _, err := release.Current(out); !errors.Is(err, models.ErrNotFound) {
				t.Fatalf("current link after a refused release: %v", err)
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != 0 {
				t.Fatalf("temporary files left in %s: %v", out, entries)
			}
		})
	}
}

func TestPersonalDataPatternsDoNotFlagOrdinaryValues(t *testing.T) {
	w := openTemp(t)
	// Contract numbers, fiscal codes, CPV codes, amounts and dates in text
	// are not personal data.
	loadSmallCity(t, w, "Alfa SRL CUI RO4270740, contract DA0722123456, CPV 45233140-2, 1.234.567,89 lei, 23.11.2026, 1800101221145")
	if _, err := w.Publish(context.Background(), release.Options{Out: t.TempDir()}); err != nil {
		t.Fatalf("false positive: %v", err)
	}
}
