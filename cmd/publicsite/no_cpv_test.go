package main

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	_ "github.com/deschis/deschis/ingest/tabular"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// A town's own contract register, the way a city hall keeps it: no CPV
// code, only the object of the contract.
const townRegister = "Nr. contract;Data;Furnizor;CUI furnizor;Obiectul contractului;Valoare (lei)\n" +
	"12/2026;15.03.2026;Curat Impex SRL;4267117;Servicii de curățenie;1.200,50\n" +
	"13/2026;20.03.2026;Curat Impex SRL;4267117;Servicii de curățenie a clădirilor;799,50\n"

const townMapping = `dataset: procurement
format: csv
fields:
  contract_id:   {column: "Nr. contract"}
  kind:          {constant: direct_purchase}
  supplier_cui:  {column: "CUI furnizor"}
  supplier_name: {column: "Furnizor"}
  title:         {column: "Obiectul contractului"}
  value:         {column: "Valoare (lei)"}
  award_date:    {column: "Data"}
`

// Contracts without a CPV code load (through a mapping with no cpv, and
// through the canonical format with an empty cell), are stored as unknown,
// count in every total and are shown as "fără cod CPV" ("no CPV code") in
// the CPV breakdown and the contract lists.
func TestContractsWithoutCPVAreCountedAndShown(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w, err := warehouse.Open(ctx, filepath.Join(dir, "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	loadFile(t, w, models.DatasetEntities, write("e.csv", "cui,name,kind,county\n4270740,Municipiul Sibiu,municipiu,SB\n"))
	// One contract with a code, one with an empty cell: the canonical format.
	loadFile(t, w, models.DatasetProcurement, write("p.csv", "contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,cpv,value,award_date\n"+
		"DA1,direct_purchase,4270740,4267117,Curat Impex SRL,Lucrări de drumuri,45233140-2,1000.00,2026-02-01\n"+
		"DA2,direct_purchase,4270740,4267117,Curat Impex SRL,Servicii de pază,,500.00,2026-02-02\n"))
	// The town's register through a mapping that has no cpv at all.
	reg, mapping := write("registru.csv", townRegister), write("registru.yaml", townMapping)
	opt := ingest.Options{Dataset: models.DatasetProcurement, File: reg, Entity: "4270740", Mapping: mapping}
	res, err := w.Load(ctx, warehouse.LoadSpec{Dataset: opt.Dataset, Format: "csv", Entity: opt.Entity},
		[]warehouse.LoadFile{{Path: reg, Open: func() (models.RowReader, error) { return ingest.OpenFile("csv", opt, nil) }}})
	if err != nil {
		t.Fatal(err)
	}
	if f := res.Files[0]; f.RowsLoaded != 2 || f.RowsRejected != 0 {
		t.Fatalf("the register loaded %d rows, rejected %d; want 2, 0", f.RowsLoaded, f.RowsRejected)
	}
	out := filepath.Join(dir, "releases")
	pub, err := w.Publish(ctx, release.Options{Out: out, Now: func() time.Time { return time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}

	// Stored as unknown: NULL in the published file, not an invented code.
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var unknown, published int64
	if err := db.QueryRow(`SELECT count(*) FILTER (WHERE cpv IS NULL AND cpv_division IS NULL), count(*) FROM read_parquet(?)`,
		filepath.Join(pub.Path, "public", "procurement.parquet")).Scan(&unknown, &published); err != nil {
		t.Fatal(err)
	}
	if unknown != 3 || published != 4 {
		t.Fatalf("%d of %d published contracts have no CPV code; want 3 of 4", unknown, published)
	}

	m := &Main{}
	if err := m.ParseFlags([]string{"--releases", out, "--addr", "127.0.0.1:0"}, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	for _, tc := range []struct{ lang, path, label, total, noCPV string }{
		{"ro", "/achizitii?an=2026", "fără cod CPV", "3.500,00 lei", "2.500,00 lei"},
		{"en", "/en/achizitii?an=2026", "no CPV code", "3,500.00 lei", "2,500.00 lei"},
	} {
		resp, body := get(t, "http://"+m.Addr()+tc.path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", tc.path, resp.StatusCode)
		}
		doc := parseHTML(t, body)
		sec := first(doc, `section[aria-labelledby="h-cpv"]`)
		if sec == nil {
			t.Fatalf("%s: no CPV breakdown", tc.path)
		}
		rows := map[string][]string{}
		for _, tr := range all(sec, "tr") {
			var cells []string
			for _, c := range all(tr, "td") {
				cells = append(cells, strings.TrimSpace(textOf(c)))
			}
			if th := first(tr, "th"); th != nil {
				rows[strings.TrimSpace(textOf(th))] = cells
			}
		}
		if r := rows[tc.label]; len(r) < 2 || r[0] != "3" || r[1] != tc.noCPV {
			t.Errorf("%s: the %q row of the CPV breakdown is %v; want 3 contracts, %s (rows: %v)", tc.path, tc.label, r, tc.noCPV, rows)
		}
		if r := rows["45 "+models.CPVDivisionName("45", tc.lang)]; len(r) < 2 || r[0] != "1" {
			t.Errorf("%s: division 45 row %v; want 1 contract", tc.path, r)
		}
		if !strings.Contains(textOf(doc), tc.total) {
			t.Errorf("%s: the total %s (every contract, with or without a code) is not on the page", tc.path, tc.total)
		}
		labelled := 0
		for _, td := range all(doc, "td") {
			if strings.TrimSpace(textOf(td)) == tc.label {
				labelled++
			}
		}
		if labelled != 3 {
			t.Errorf("%s: %d contracts in the list say %q; want 3", tc.path, labelled, tc.label)
		}
	}
	resp, body := get(t, "http://"+m.Addr()+"/achizitii/furnizori/4267117")
	if resp.StatusCode != 200 || strings.Count(body, "<td>fără cod CPV</td>") != 3 {
		t.Errorf("supplier page: %d, %d contracts say fără cod CPV; want 200, 3", resp.StatusCode, strings.Count(body, "<td>fără cod CPV</td>"))
	}
}
