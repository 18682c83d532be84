package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

// ialomitaTree is the deployment of TestOnlyDeployment, read independently
// of the program: every administrative unit of Ialomița in the census list
// of ../shared/data, the county council's CUI, and one subordinate unit.
func ialomitaTree(t *testing.T) (kept map[string]bool, council string) {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedData, "ro_uat_cif_siruta_population_2021.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	kept = map[string]bool{}
	for _, r := range recs[1:] { // judet,cod_siruta,localitate,pop,localitate_clean,judet_uat,uat_cod
		if r[5] == "IL" {
			kept[r[6]] = true
			if strings.HasPrefix(r[2], "JUDE") {
				council = r[6]
			}
		}
	}
	if len(kept) < 60 || council == "" {
		t.Fatalf("Ialomița: %d units, council %q", len(kept), council)
	}
	kept[urbanSlobozia] = true
	return kept, council
}

// urbanSlobozia is a buyer of the SICAP sample registered as a unit of the
// county council by an entities file: the tree holds units, not only UATs.
const urbanSlobozia = "11316859"

// sicapBuyers counts the real SICAP sample's rows by whether their buyer is
// in kept (Python's csv module reads the same 105 rows).
func sicapBuyers(t *testing.T, kept map[string]bool) (in, out int64) {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedData, "ro_sicap_achizitii_directe_offline_sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "authority.fiscalNumber" {
			col = i
		}
	}
	for _, r := range recs[1:] {
		if kept[strings.TrimSpace(strings.TrimPrefix(r[col], "RO"))] {
			in++
		} else {
			out++
		}
	}
	return in, out
}

// A county's deployment loads a national SICAP export once for its whole
// tree: the rows of the county's administrative units and of its registered
// units are kept, every other buyer's are skipped and counted, nothing else
// is registered.
func TestOnlyDeployment(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "il.duckdb")
	if code, out, stderr := run(t, "init", "--db", db, "--county", "IL"); code != exitOK {
		t.Fatalf("init: exit %d %s %s", code, out, stderr)
	}
	kept, council := ialomitaTree(t)
	units := writeFile(t, dir, "unitati.csv", "cui,name,kind,parent_cui,county\n"+urbanSlobozia+",Urban SA Slobozia,unitate subordonată,"+council+",IL\n")
	if code, out, stderr := run(t, "load", "--db", db, "--dataset", "entities", "--format", "deschis", units); code != exitOK {
		t.Fatalf("entities: exit %d %s %s", code, out, stderr)
	}
	in, out := sicapBuyers(t, kept)
	if in < 10 || out < 50 {
		t.Fatalf("the sample has %d rows of the tree and %d of others: not a test", in, out)
	}
	sample := filepath.Join(sharedData, "ro_sicap_achizitii_directe_offline_sample.csv")
	code, stdout, stderr := run(t, "load", "--db", db, "--dataset", "procurement", "--format", "sicap", "--only-deployment", sample, "--json")
	var res warehouse.LoadResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || code != exitOK {
		t.Fatalf("load --only-deployment: exit %d %v\n%s%s", code, err, stdout, stderr)
	}
	f := res.Files[0]
	if f.RowsLoaded != in || f.RowsRejected != 0 || f.RowsSkipped != out || f.SkippedBy[models.SkipOutsideDeployment] != out || len(f.SkippedBy) != 1 {
		t.Fatalf("sicap --only-deployment: %+v, want %d loaded and %d skipped", f, in, out)
	}
	if len(res.EntitiesRegistered) != 0 {
		t.Errorf("the load registered %v: it keeps only the deployment's rows", res.EntitiesRegistered)
	}
	w, err := warehouse.OpenReadOnly(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := w.DB().Query(`SELECT DISTINCT buyer_cui FROM fact_procurement`)
	if err != nil {
		t.Fatal(err)
	}
	buyers := 0
	for rows.Next() {
		var cui string
		rows.Scan(&cui)
		buyers++
		if !kept[cui] {
			t.Errorf("buyer %s loaded: not in the tree", cui)
		}
	}
	rows.Close()
	var registered int
	w.DB().QueryRow(`SELECT count(*) FROM dim_entity`).Scan(&registered)
	w.Close()
	if buyers < 2 || registered != len(kept) {
		t.Errorf("%d buyers loaded, %d entities registered (the tree has %d)", buyers, registered, len(kept))
	}

	// etl status says what the load left out, with its key and in Romanian.
	_, stdout, _ = run(t, "status", "--db", db, "--json")
	var s warehouse.Status
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	for _, d := range s.Datasets {
		if d.Dataset == models.DatasetProcurement && d.SkippedBy[models.SkipOutsideDeployment] != out {
			t.Errorf("status: %+v", d)
		}
	}
	_, stdout, _ = run(t, "status", "--db", db)
	if want := fmt.Sprintf("instituții neînregistrate în depozit (--only-deployment): %d %s", out, models.Nouns(out, "rând", "rânduri")); !strings.Contains(stdout, want) {
		t.Errorf("etl status lacks %q:\n%s", want, stdout)
	}

	// The same with etl run's only_deployment, into a fresh county warehouse.
	db2 := filepath.Join(dir, "run.duckdb")
	if code, _, stderr := run(t, "init", "--db", db2, "--county", "IL"); code != exitOK {
		t.Fatal(stderr)
	}
	abs, err := filepath.Abs(sample)
	if err != nil {
		t.Fatal(err)
	}
	config := writeFile(t, dir, "judet.yaml", `pipelines:
  - name: unitati
    dataset: entities
    format: deschis
    path: unitati.csv
  - name: sicap-national
    dataset: procurement
    format: sicap
    path: `+abs+`
    only_deployment: true
`)
	code, stdout, stderr = run(t, "run", "--config", config, "--db", db2, "--json")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var line struct {
		Load *warehouse.LoadResult `json:"load"`
	}
	if code != exitOK || len(lines) != 2 || json.Unmarshal([]byte(lines[1]), &line) != nil || line.Load == nil {
		t.Fatalf("run: exit %d\n%s%s", code, stdout, stderr)
	}
	if f := line.Load.Files[0]; f.RowsLoaded != in || f.SkippedBy[models.SkipOutsideDeployment] != out {
		t.Errorf("run only_deployment: %+v, want %d loaded, %d skipped", f, in, out)
	}
}

// The other readers apply the same set where they read a row's institution:
// with a deployment of Sibiu alone, OCDS and the Treasury's Forexebug report
// keep and skip exactly what --only-entity keeps and skips, and the canonical
// CSV skips the rows of an institution the warehouse does not have.
func TestOnlyDeploymentEveryReader(t *testing.T) {
	dir := t.TempDir()
	sibiu := func(name string) string {
		db := filepath.Join(dir, name)
		ents := writeFile(t, dir, "sibiu.csv", "cui,name,kind,county\n"+cityCUI+",Municipiul Sibiu,municipiu,SB\n")
		if code, out, stderr := run(t, "load", "--db", db, "--dataset", "entities", "--format", "deschis", ents); code != exitOK {
			t.Fatalf("entities: exit %d %s %s", code, out, stderr)
		}
		return db
	}
	load := func(db string, args ...string) warehouse.FileResult {
		t.Helper()
		code, out, stderr := run(t, append([]string{"load", "--db", db, "--json", "--max-reject-share", "0.5"}, args...)...)
		var res warehouse.LoadResult
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitOK {
			t.Fatalf("%v: exit %d %s %s", args, code, out, stderr)
		}
		return res.Files[0]
	}
	for _, c := range []struct{ dataset, format, path string }{
		{"procurement", "ocds", "../../ingest/ocds/testdata/ro_release_package_1.1.json"},
		{"budget", "forexebug", "../../ingest/forexebug/testdata/executie_doua_institutii.xml"},
	} {
		one := load(sibiu(c.format+"-one.duckdb"), "--dataset", c.dataset, "--format", c.format, "--entity", cityCUI, "--only-entity", c.path)
		all := load(sibiu(c.format+"-all.duckdb"), "--dataset", c.dataset, "--format", c.format, "--only-deployment", c.path)
		if one.SkippedBy[models.SkipOtherEntity] == 0 || all.SkippedBy[models.SkipOutsideDeployment] != one.SkippedBy[models.SkipOtherEntity] ||
			all.RowsLoaded != one.RowsLoaded || all.RowsRejected != one.RowsRejected || all.SkippedBy[models.SkipOtherEntity] != 0 {
			t.Errorf("%s: --only-entity %+v, --only-deployment %+v", c.format, one, all)
		}
	}
	// Cisnădie (4406002) is not registered: its row is skipped, not rejected
	// and not registered from its name.
	canon := writeFile(t, dir, "achizitii.csv", "contract_id,kind,buyer_cui,buyer_name,supplier_cui,supplier_name,title,cpv,value,currency,award_date,procedure\n"+
		"DA1,direct_purchase,"+cityCUI+",Municipiul Sibiu,14403470,Unix SRL,Hârtie,30192000-1,100.00,RON,2025-03-04,cumpărare directă\n"+
		"DA2,direct_purchase,4406002,Orașul Cisnădie,14403470,Unix SRL,Hârtie,30192000-1,200.00,RON,2025-03-05,cumpărare directă\n"+
		"DA3,direct_purchase,RO"+cityCUI+",Municipiul Sibiu,14403470,Unix SRL,Toner,30192000-1,300.00,RON,2025-03-06,cumpărare directă\n")
	if f := load(sibiu("deschis.duckdb"), "--dataset", "procurement", "--format", "deschis", "--only-deployment", canon); f.RowsLoaded != 2 || f.RowsRejected != 0 ||
		f.SkippedBy[models.SkipOutsideDeployment] != 1 || f.RowsSkipped != 1 {
		t.Errorf("deschis --only-deployment: %+v", f)
	}
}

func TestOnlyDeploymentUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "gol.duckdb")
	sample := filepath.Join(sharedData, "ro_sicap_achizitii_directe_offline_sample.csv")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--dataset", "procurement", "--format", "sicap", "--only-deployment", sample}, "depozitul nu are nicio instituție înregistrată"},
		{[]string{"--dataset", "procurement", "--format", "sicap", "--only-deployment", "--entity", cityCUI, "--only-entity", sample}, "alegeți una"},
		{[]string{"--dataset", "investments", "--format", "csv", "--mapping", "../../docs/mappings/example_investments.yaml", "--only-deployment", sample}, "formatul csv nu filtrează"},
		{[]string{"--dataset", "entities", "--format", "deschis", "--only-deployment", sample}, "setul entities"},
	} {
		code, _, stderr := run(t, append([]string{"load", "--db", db}, c.args...)...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("load %v: exit %d, %s", c.args, code, stderr)
		}
	}
	config := writeFile(t, dir, "x.yaml", "pipelines:\n  - name: a\n    dataset: procurement\n    format: sicap\n    path: "+sample+"\n    entity: \""+cityCUI+"\"\n    only_entity: true\n    only_deployment: true\n")
	if code, _, stderr := run(t, "run", "--config", config, "--db", db); code != exitUsage || !strings.Contains(stderr, "alegeți una") {
		t.Errorf("run only_entity with only_deployment: exit %d, %s", code, stderr)
	}
}
