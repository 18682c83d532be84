package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/deschis/deschis/warehouse"
)

const sharedData = "../../../shared/data"

// TestLoadRealSICAPExportRegistersItsBuyers loads the real SICAP sample
// (105 direct-purchase notices of many buyers) without --entity: every buyer
// is registered, from the reference list of administrative units when it is
// one, and the good rows load with the exact total.
//
// Expected values computed independently with python3's csv module: 105
// rows summing to 4,995,757.33 lei; one buyer code is written R4278337
// (line 22), a lone R before the code of Municipiul Bacău, which the fiscal
// code rule removes (docs/mapping.md); the rows name 75 distinct buyers, 60
// of which are in the UAT reference list.
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
	if f := res.Files[0]; f.RowsRead != 105 || f.RowsLoaded != 105 || f.RowsRejected != 0 {
		t.Fatalf("rows: %+v", f)
	}
	uat := 0
	for _, e := range res.EntitiesRegistered {
		if e.Source == "uat" {
			uat++
		}
	}
	if len(res.EntitiesRegistered) != 75 || uat != 60 {
		t.Errorf("registered %d institutions (%d from the UAT list), want 75 (60)", len(res.EntitiesRegistered), uat)
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
	if total != "4995757.33" || entities != 75 {
		t.Errorf("total %s over %d institutions, want 4995757.33 over 75", total, entities)
	}
}

// TestLoadWithMapping loads real files through the generic CSV reader and
// their mappings from docs/mappings, the way a city's IT person would.
//
// Expected values computed independently with python3's csv and Decimal:
// Timișoara's 2024 budget has 31 chapter lines, revenues 2,261,482,130.00
// lei and expenses 2,352,378,930.00 lei (thousand lei × 1000); the LA 311
// subset has 9,999 requests of which 2,024 come through channels that are not
// citizens' own (2,019 "Driver Self Report", 5 "Council's Office").
func TestLoadWithMapping(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	// Timișoara is not in the warehouse: --entity registers it from the
	// reference list of administrative units.
	code, out, stderr := run(t, "load", "--db", db, "--entity", "14756536", "--dataset", "budget", "--format", "csv",
		"--mapping", "../../docs/mappings/ro_timisoara_buget_2024_capitole.yaml",
		filepath.Join(sharedData, "ro_timisoara_buget_2024_capitole.csv"), "--json")
	if code != exitOK {
		t.Fatalf("Timișoara: exit %d: %s %s", code, out, stderr)
	}
	var res warehouse.LoadResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if f := res.Files[0]; f.RowsLoaded != 31 || f.RowsRejected != 0 || len(res.EntitiesRegistered) != 1 || res.EntitiesRegistered[0].Name != "Municipiul Timișoara" {
		t.Fatalf("Timișoara: %s", out)
	}

	// LA 311: a fifth of the rows come through channels that are not
	// citizens' channels; the mapping names them "altul" (another channel,
	// not online), so every row loads at the default 5 %.
	la := []string{"load", "--db", db, "--entity", "14756536", "--dataset", "requests", "--format", "csv",
		"--mapping", "../../docs/mappings/la_myla311_requests.yaml",
		filepath.Join(sharedData, "la_myla311_service_requests_2017_subset.csv"), "--json"}
	code, out, _ = run(t, la...)
	res = warehouse.LoadResult{}
	json.Unmarshal([]byte(out), &res)
	if code != exitOK || res.Files[0].RowsRead != 9999 || res.Files[0].RowsLoaded != 9999 || res.Files[0].RowsRejected != 0 {
		t.Fatalf("LA 311: exit %d, %s", code, out[:min(len(out), 400)])
	}

	w, err := warehouse.OpenReadOnly(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var revenues, expenses string
	if err := w.DB().QueryRow(`SELECT sum(initial_budget) FILTER (WHERE kind = 'venituri')::VARCHAR,
		sum(initial_budget) FILTER (WHERE kind = 'cheltuieli')::VARCHAR FROM fact_budget`).Scan(&revenues, &expenses); err != nil {
		t.Fatal(err)
	}
	if revenues != "2261482130.00" || expenses != "2352378930.00" {
		t.Errorf("Timișoara 2024: revenues %s, expenses %s", revenues, expenses)
	}
}

func TestMappingCheck(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.yaml", "dataset: requests\nformat: csv\nentity: \""+cityCUI+"\"\nfields:\n"+
		"  request_id: {column: Nr}\n  received: {column: Data}\n  channel: {constant: online}\n  category: {constant: x}\n"+
		"  type: {constant: petitie}\n  department: {constant: Registratură}\n  status: {constant: deschisă}\n")
	sample := writeFile(t, dir, "s.csv", "Nr;Data\n1;23.11.2026\n")
	if code, out, _ := run(t, "mapping", "check", good, sample); code != exitOK || !strings.Contains(out, "este bună") {
		t.Fatalf("good mapping: exit %d, %s", code, out)
	}
	bad := writeFile(t, dir, "bad.yaml", "dataset: requests\nformat: csv\nfields:\n  request_id: {column: Nr}\n"+
		"  channel: {column: Canal, map: {Portal: fax}}\n  colour: {constant: red}\n")
	code, out, _ := run(t, "mapping", "check", bad, "--json")
	if code != exitFailed {
		t.Fatalf("bad mapping: exit %d, want 1", code)
	}
	var res MappingCheck
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	all := strings.Join(res.Errors, "\n")
	for _, want := range []string{"bad.yaml:5", "fax", "bad.yaml:6", "colour", "received"} {
		if !strings.Contains(all, want) {
			t.Errorf("errors lack %q:\n%s", want, all)
		}
	}
	if res.Valid {
		t.Error("valid = true for a bad mapping")
	}
	if code, _, _ := run(t, "mapping", "check", filepath.Join(dir, "nu-exista.yaml")); code != exitUsage {
		t.Errorf("missing file: exit %d, want 2", code)
	}
}

// TestLoadContractHoldsForEveryFormat runs `etl load --json` over the
// fixtures of the OCDS and Treasury readers: the same JSON fields and exit
// codes as the canonical format, the institutions registered from the
// reference list. Expected values are those the readers' own tests compute
// independently (ingest/ocds, ingest/forexebug).
func TestLoadContractHoldsForEveryFormat(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	load := func(args ...string) (int, warehouse.LoadResult) {
		t.Helper()
		code, out, stderr := run(t, append([]string{"load", "--db", db, "--json"}, args...)...)
		var res warehouse.LoadResult
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%v: exit %d, not JSON: %s %s", args, code, out, stderr)
		}
		return code, res
	}

	// Treasury execution report of Sibiu, January 2024: 14 detailed lines.
	code, res := load("--dataset", "budget", "--format", "forexebug", "../../ingest/forexebug/testdata/executie_900_sibiu.xml")
	if code != exitOK || res.Outcome != "loaded" || res.Files[0].RowsLoaded != 14 || len(res.EntitiesRegistered) != 1 ||
		res.EntitiesRegistered[0].Name != "Municipiul Sibiu" {
		t.Fatalf("forexebug: exit %d, %+v", code, res)
	}
	// The same file again: skipped, exit 0.
	if code, res = load("--dataset", "budget", "--format", "forexebug", "../../ingest/forexebug/testdata/executie_900_sibiu.xml"); code != exitOK || res.Outcome != "skipped" {
		t.Fatalf("forexebug again: exit %d, %+v", code, res)
	}

	// An OCDS package of Sibiu and Alba Iulia: with --only-entity the other
	// buyer is skipped; the consortium's two rows are rejected (2 of 7 read,
	// above 5 %: refused, exit 1, nothing loaded)...
	ocds := []string{"--entity", "4270740", "--only-entity", "--dataset", "procurement", "--format", "ocds", "../../ingest/ocds/testdata/ro_release_package_1.1.json"}
	if code, res = load(ocds...); code != exitFailed || res.Outcome != "refused" || res.Files[0].RowsRead != 7 || res.Files[0].RowsRejected != 2 {
		t.Fatalf("ocds at 5 %%: exit %d, %+v", code, res)
	}
	// ...and loaded with the share raised.
	if code, res = load(append(ocds, "--max-reject-share", "0.5")...); code != exitOK || res.Files[0].RowsLoaded != 5 {
		t.Fatalf("ocds at 50 %%: exit %d, %+v", code, res)
	}
	// A mapping given to a format without one is a usage error.
	if code, _, _ := run(t, "load", "--db", db, "--dataset", "procurement", "--format", "ocds", "--mapping", "x.yaml", "y.json"); code != exitUsage {
		t.Errorf("--mapping with ocds: exit %d, want 2", code)
	}

	w, err := warehouse.OpenReadOnly(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var revenues, expenses, private string
	if err := w.DB().QueryRow(`SELECT sum(executed) FILTER (WHERE kind = 'venituri')::VARCHAR, sum(executed) FILTER (WHERE kind = 'cheltuieli')::VARCHAR,
		(SELECT string_agg(supplier_cui || ' ' || supplier_name, ';') FROM fact_procurement WHERE kind = 'direct_purchase') FROM fact_budget`).
		Scan(&revenues, &expenses, &private); err != nil {
		t.Fatal(err)
	}
	if revenues != "36525167.66" || expenses != "5933807.93" {
		t.Errorf("Sibiu January 2024: revenues %s, expenses %s", revenues, expenses)
	}
	if private != "PF Persoană fizică (date personale protejate)" {
		t.Errorf("the direct purchase from a private person is stored as %q", private)
	}
}

// TestWrongDeclaredEncodingNeverCorruptsLoadedText: the real SICAP register
// loads from its UTF-8 export; a Windows-1250 export of the same register
// declared as ISO-8859-2 is refused (half its rows carry „ ” – and are
// rejected with the encoding to declare), and even forced through with
// --max-reject-share 1 it replaces no title with corrupted text.
func TestWrongDeclaredEncodingNeverCorruptsLoadedText(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	mapping := readFile(t, "../../docs/mappings/ro_sicap_achizitii_directe.yaml")
	utf8Mapping := writeFile(t, dir, "utf8.yaml", mapping)
	latin2 := writeFile(t, dir, "latin2.yaml", mapping+"source:\n  encoding: iso-8859-2\n")
	sample := readFile(t, filepath.Join(sharedData, "ro_sicap_achizitii_directe_offline_sample.csv"))
	cp1250, err := charmap.Windows1250.NewEncoder().String(strings.NewReplacer("ș", "ş", "ț", "ţ", "Ș", "Ş", "Ț", "Ţ").Replace(sample))
	if err != nil {
		t.Fatal(err)
	}
	export := writeFile(t, dir, "export-1250.csv", cp1250)
	titles := func() map[string]string {
		w, err := warehouse.OpenReadOnly(t.Context(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		rows, err := w.DB().Query(`SELECT contract_id, title FROM fact_procurement`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]string{}
		for rows.Next() {
			var id, title string
			rows.Scan(&id, &title)
			out[id] = title
		}
		return out
	}
	load := func(mapping, file string, extra ...string) (int, string) {
		code, out, _ := run(t, append([]string{"load", "--db", db, "--dataset", "procurement", "--format", "csv", "--mapping", mapping, file}, extra...)...)
		return code, out
	}
	if code, out := load(utf8Mapping, filepath.Join(sharedData, "ro_sicap_achizitii_directe_offline_sample.csv")); code != exitOK {
		t.Fatalf("UTF-8 export: exit %d\n%s", code, out)
	}
	before := titles()
	code, out := load(latin2, export)
	if code != exitFailed || !strings.Contains(out, "REFUZATĂ") || !strings.Contains(out, "declarați encoding: windows-1250 sau auto") {
		t.Fatalf("Windows-1250 export declared iso-8859-2: exit %d\n%s", code, out)
	}
	if code, out = load(latin2, export, "--max-reject-share", "1"); code != exitOK {
		t.Fatalf("forced: exit %d\n%s", code, out)
	}
	after := titles()
	if len(before) != 105 || len(after) != len(before) {
		t.Fatalf("%d contracts before, %d after; want 105", len(before), len(after))
	}
	for id, title := range before {
		if after[id] != title {
			t.Fatalf("%s: title %q became %q", id, title, after[id])
		}
	}
}

// TestMappingCheckReportsEveryProblemAtOnce: unknown keys, a value of the
// wrong shape, what the content check finds and a column the sample lacks
// come in one run, each with its line.
func TestMappingCheckReportsEveryProblemAtOnce(t *testing.T) {
	dir := t.TempDir()
	mapping := writeFile(t, dir, "m.yaml", `dataset: requests
format: csv
entitate: "4270740"
fields:
  request_id: {column: "Nr. înregistrare"}
  received:   {column: "Data", colum: "Data înregistrării"}
  channel:    {column: "Mod depunere", map: {Portal: fax}}
  category:   {column: [1, 2]}
  type:       {constant: petitie}
  department: {constant: Registratură}
`)
	sample := writeFile(t, dir, "s.csv", "Nr. înregistrare;Mod depunere;Stare\n1;Portal;deschisă\n")
	code, out, _ := run(t, "mapping", "check", mapping, sample, "--json")
	var res MappingCheck
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := []string{
		`m.yaml:3: cheie necunoscută "entitate"`,
		`m.yaml:6: cheie necunoscută "colum" în fields.received`,
		`m.yaml:7: map "Portal" → "fax" nu este o valoare bună pentru channel`,
		`m.yaml:8: se așteaptă o valoare simplă`,
		`câmpul obligatoriu status`,
		`m.yaml:6: coloana "Data" a câmpului received nu există în eșantion`,
	}
	all := strings.Join(res.Errors, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("one run of mapping check does not report %q:\n%s", w, all)
		}
	}
	if len(res.Errors) != len(want) {
		t.Errorf("%d problems, want %d (one each):\n%s", len(res.Errors), len(want), all)
	}
	if code != exitFailed || res.Valid || res.Dataset != "requests" {
		t.Fatalf("exit %d, %+v", code, res)
	}
}
