package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// The differential test of the SQL load path for the csv format with a
// mapping: the same files loaded by the SQL path and by the Go rules alone
// into two warehouses on disk give the same rows (every column, with source
// file and line), the same rejects and the same outcome (sqlpath_test.go's
// twin).

// mappedCase is a mapping and a file it reads.
type mappedCase struct {
	mapping, file string
	entity        string
	// sql: the SQL path must read the file itself (else both warehouses
	// may be loaded by the Go path, as for datasets it does not compile).
	sql bool
}

// loadEntity registers an institution in both warehouses.
func (tw *twin) loadEntity(t testing.TB, dir, cui, name string) {
	t.Helper()
	p := filepath.Join(dir, "entity-"+cui+".csv")
	if err := os.WriteFile(p, []byte("cui,name,kind,county\n"+cui+","+name+",municipiu,DM\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := ingest.Options{Dataset: models.DatasetEntities}
	tw.loadOne(t, tw.sql, false, opt, p)
	tw.loadOne(t, tw.goPath, false, opt, p)
}

// sameMapped loads c by both paths and fails when they differ, or when the
// SQL path was to read the file and did not.
func (tw *twin) sameMapped(t *testing.T, c mappedCase) loadOutcome {
	t.Helper()
	m, err := os.ReadFile(c.mapping)
	if err != nil {
		t.Fatal(err)
	}
	var ds string
	for _, l := range strings.Split(string(m), "\n") {
		if v, ok := strings.CutPrefix(l, "dataset:"); ok {
			ds = strings.TrimSpace(v)
		}
	}
	before := tw.sqlUsed
	out := tw.same(t, ingest.Options{Dataset: ds, Entity: c.entity, Mapping: c.mapping}, c.file)
	if c.sql && tw.sqlUsed == before {
		t.Fatalf("%s with %s: the SQL path did not read the file (outcome %+v, %s)", c.file, c.mapping, out.Result, out.Err)
	}
	return out
}

// TestMappedSQLPathMatchesGoRules loads every mapping of docs/mappings with
// the file it was written for (../shared/data, ingest/tabular/testdata), the
// register of the procurement example in docs/mapping.md and the mapped
// register `make bench-ingest` writes, by both paths.
func TestMappedSQLPathMatchesGoRules(t *testing.T) {
	data := "../../../shared/data/"
	tabular := "../../ingest/tabular/testdata/"
	maps := "../../docs/mappings/"
	dir := t.TempDir()

	// The contract register without CPV codes of docs/mapping.md, with
	// a decorated code, a bad date and a total row around its example row.
	register := writeFile(t, dir, "contracte.csv", "Nr. contract;Data;Furnizor;CUI furnizor;Obiectul contractului;Valoare (lei)\n"+
		"12/2026;15.03.2026;Curat Impex SRL;4267117;Servicii de curățenie;1.200,50\n"+
		"13/2026;2026-03-16;Alfa SRL;RO 14399840;Reparații;\"1.234.567,8\"\n"+
		"14/2026;31.02.2026;Beta SRL;14399840;Lucrări;12 345,00\n"+
		"15/2026;16.3.2026;Gama SRL;14399840;Lucrări;(10,00)\n")
	registerMap := writeFile(t, dir, "contracte.yaml", "dataset: procurement\nformat: csv\nfields:\n"+
		"  contract_id:   {column: \"Nr. contract\"}\n  kind:          {constant: direct_purchase}\n"+
		"  supplier_cui:  {column: \"CUI furnizor\"}\n  supplier_name: {column: \"Furnizor\"}\n"+
		"  title:         {column: \"Obiectul contractului\"}\n  value:         {column: \"Valoare (lei)\"}\n"+
		"  award_date:    {column: \"Data\"}\n")

	// The benchmark's register, written by the benchmark itself.
	bench := filepath.Join(dir, "bench")
	cmd := exec.Command("go", "run", "../../scripts/bench", "ingest-register", "--rows", "3000", "--dir", bench)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bench ingest-register: %v", err)
	}
	benchFiles := strings.Fields(string(out))

	cases := []mappedCase{
		{mapping: maps + "ro_sicap_achizitii_directe.yaml", file: data + "ro_sicap_achizitii_directe_offline_sample.csv", sql: true},
		{mapping: maps + "la_myla311_requests.yaml", file: data + "la_myla311_service_requests_2017_subset.csv", entity: "14756536", sql: true},
		{mapping: maps + "example_requests.yaml", file: tabular + "registratura_2026.csv", entity: "14756536", sql: true},
		{mapping: registerMap, file: register, entity: cityCUI, sql: true},
		{mapping: benchFiles[1], file: benchFiles[0], sql: true},
		// Datasets the SQL path does not compile: both read by the Go rules.
		{mapping: maps + "example_investments.yaml", file: tabular + "investitii_2026_win1250.csv"},
		{mapping: maps + "ro_timisoara_buget_2024_capitole.yaml", file: data + "ro_timisoara_buget_2024_capitole.csv", entity: "14756536"},
		{mapping: maps + "ro_buget_stat_2013_institutii_capitol_titlu.yaml", file: data + "ro_buget_stat_2013_institutii_capitol_titlu.csv", entity: "14756536"},
	}
	tw := newTwin(t)
	writeEntities(t, tw, dir)
	tw.loadEntity(t, dir, "9991004", "Municipiul Demo")
	for _, c := range cases {
		o := tw.sameMapped(t, c)
		if c.sql && (o.Result == nil || len(o.Facts)+len(o.Rejects) == 0) {
			t.Fatalf("%s: nothing compared (%+v, %s)", c.file, o.Result, o.Err)
		}
	}
	// Every file of ../shared/data read with every mapping of a dataset
	// the SQL path compiles: most are refused (their header lacks the
	// columns), and both paths refuse them alike.
	paths, _ := filepath.Glob(data + "*.csv")
	for _, m := range []string{maps + "ro_sicap_achizitii_directe.yaml", maps + "la_myla311_requests.yaml", maps + "example_requests.yaml"} {
		for _, p := range paths {
			tw.sameMapped(t, mappedCase{mapping: m, file: p, entity: "14756536"})
		}
	}
	if left, _ := filepath.Glob(filepath.Join(tw.dir, "deschis-*.csv")); len(left) > 0 {
		t.Fatalf("transcoded copies left behind: %v", left)
	}
}

// TestMappedSQLPathTranscodesAndKeepsLines: a Windows-1250 register with
// title rows above its header, quoted line breaks and rows the mapping
// skips is read by the SQL path through a numbered UTF-8 copy beside the warehouse,
// removed after; its rows keep the file's physical lines and the skipped
// rows are counted as the Go path counts them.
func TestMappedSQLPathTranscodesAndKeepsLines(t *testing.T) {
	text := "REGISTRUL CONTRACTELOR 2026;;;;;\r\n(lei);;;;;\r\n" +
		"Nr. contract;Data;Furnizor;CUI furnizor;Obiectul contractului;Valoare (lei)\r\n" +
		"1/2026;15.03.2026;\"Şantier\r\nTehnic SRL\";14399840;Lucrări;1.200,50\r\n" +
		"2/2026;16.03.2026;Alfa SRL;14399840;\"Pază; curăţenie\";20,5\r\n" +
		";;;;;\r\n" +
		"TOTAL;;;;;1.221,00\r\n" +
		"3/2026;17.03.2026;Beta SRL;14399840;Reparaţii;7\r\n"
	enc, err := charmap.Windows1250.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for _, encoding := range []string{"windows-1250", "auto"} { // auto: the first byte above ASCII is not UTF-8
		t.Run(encoding, func(t *testing.T) { transcodesAndKeepsLines(t, enc, encoding) })
	}
}

func transcodesAndKeepsLines(t *testing.T, enc, encoding string) {
	dir := t.TempDir()
	p := writeFile(t, dir, "contracte.csv", enc)
	m := writeFile(t, dir, "contracte.yaml", "dataset: procurement\nformat: csv\nsource:\n  encoding: "+encoding+"\n  header_row: 3\n"+
		"  skip_rows_where:\n    - {column: \"Nr. contract\", matches: '^TOTAL'}\nfields:\n"+
		"  contract_id:   {column: \"Nr. contract\"}\n  kind:          {constant: direct_purchase}\n"+
		"  supplier_cui:  {column: \"CUI furnizor\"}\n  supplier_name: {column: \"Furnizor\"}\n"+
		"  title:         {column: \"Obiectul contractului\"}\n  value:         {column: \"Valoare (lei)\"}\n"+
		"  award_date:    {column: \"Data\"}\n")
	tw := newTwin(t)
	writeEntities(t, tw, dir)
	out := tw.sameMapped(t, mappedCase{mapping: m, file: p, entity: cityCUI, sql: true})
	if out.Result.Outcome != "loaded" {
		t.Fatalf("outcome %+v, %s", out.Result, out.Err)
	}
	f := out.Result.Files[0]
	if f.RowsLoaded != 3 || f.SkippedBy[models.SkipMatched] != 1 || f.SkippedBy[models.SkipBlank] != 1 {
		t.Fatalf("file result %+v, want 3 loaded, 1 matched and 1 blank row skipped", f)
	}
	got := rowsAsText(t, tw.sql, `SELECT contract_id || '@' || source_line || ' ' || supplier_name || ' ' || title || ' ' || value
		FROM fact_procurement ORDER BY source_line`)
	want := []string{`["1/2026@4 Șantier\nTehnic SRL Lucrări 1200.50"]`, `["2/2026@6 Alfa SRL Pază; curățenie 20.50"]`, `["3/2026@9 Beta SRL Reparații 7.00"]`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("rows\n%v\nwant\n%v", got, want)
	}
	if left, _ := filepath.Glob(filepath.Join(tw.dir, "deschis-*.csv")); len(left) > 0 {
		t.Fatalf("transcoded copies left behind: %v", left)
	}
}

// fuzzMappings are the mappings FuzzMappedSQLCellRules reads its files
// with: Romanian notations with a value map, a default, an extract and a
// skip rule, in Windows-1250; international ones with US and ISO dates; auto
// numbers with Excel serials after the day-first dates, in UTF-8.
var fuzzMappings = []string{
	"dataset: procurement\nformat: csv\nsource:\n  encoding: windows-1250\n  delimiter: \";\"\n" +
		"  skip_rows_where:\n    - {column: \"Nr\", matches: '^(Total|TOTAL)'}\nnumbers: ro\ndates: [dmy, iso]\nfields:\n" +
		"  contract_id: {column: Nr}\n  kind: {column: Tip, map: {\"Achiziție directă\": direct_purchase, \"Procedură\": procedure_award}, default: direct_purchase}\n" +
		"  parent_id: {column: Acord}\n  buyer_cui: {column: CUI}\n  supplier_cui: {column: Furnizor CUI}\n  supplier_name: {column: Furnizor}\n" +
		"  title: {constant: Lot}\n  cpv: {column: CPV, extract: '^(\\d{8}-\\d)'}\n  value: {column: Valoare}\n  award_date: {column: Data}\n" +
		"  offers: {column: Oferte}\n  eu_funded: {column: UE}\n",
	"dataset: procurement\nformat: csv\nsource:\n  delimiter: \",\"\nnumbers: intl\ndates: [us, iso]\nfields:\n" +
		"  contract_id: {column: Nr}\n  kind: {column: Tip}\n  parent_id: {column: Acord}\n  buyer_cui: {column: CUI}\n" +
		"  supplier_cui: {column: Furnizor CUI}\n  supplier_name: {column: Furnizor}\n  title: {constant: Lot}\n  cpv: {column: CPV}\n" +
		"  value: {column: Valoare, scale: 10}\n  award_date: {column: Data}\n  offers: {column: Oferte}\n  eu_funded: {column: UE, default: nu}\n",
	"dataset: procurement\nformat: csv\nsource:\n  delimiter: \"|\"\nnumbers: auto\ndates: [dmy, excel]\nfields:\n" +
		"  contract_id: {column: Nr}\n  kind: {column: Tip, map: {Directă: direct_purchase, \"\": procedure_award}}\n  parent_id: {column: Acord}\n" +
		"  buyer_cui: {column: CUI}\n  supplier_cui: {column: Furnizor CUI}\n  supplier_name: {column: Furnizor}\n  title: {constant: Lot}\n" +
		"  cpv: {column: CPV}\n  value: {column: Valoare}\n  award_date: {column: Data}\n  offers: {column: Oferte}\n  eu_funded: {column: UE}\n",
}

// FuzzMappedSQLCellRules fuzzes the cells of a well-formed mapped
// procurement file (every cell quoted, so the file stays one the SQL path
// reads) with each of fuzzMappings and holds the SQL macros to the Go rules:
// Romanian, international and automatic numbers, day-first, US, ISO and
// Excel dates, value maps with and without diacritics, defaults, extract,
// skip rules, fiscal and CPV codes, yes/no, whole numbers, white space.
func FuzzMappedSQLCellRules(f *testing.F) {
	f.Add(uint8(0), "Achiziție directă", "", "4270740", "14399840", " Alfa SRL ", "45233140-2 Lucrări", "1.234,56", "15.01.2025", "1", "DA", "C1")
	f.Add(uint8(0), "achizitie  DIRECTA", "", "RO4270740", "1800101221144", "Şcoala", "45233140-2", "1.234", "2025-02-30", "007", "x", "TOTAL")
	f.Add(uint8(0), "", "AC1", "4270740", "14399840", "Beta", "", "12.34", "1/2/2025 14:05", "1.000", "nu", "C2")
	f.Add(uint8(1), "direct_purchase", "", "4270740", "14399840", "Gamma", "45233140-2", "1,234,567.8", "11/23/2025 03:04:05 PM", "2", "", "C3")
	f.Add(uint8(1), "call_off", "AC1", "4270740", "14399840", "Delta", "45233140-2", "-0.5", "2025-1-5T10:00", "-1", "yes", "C4")
	f.Add(uint8(2), "Directă", "", "4270740", "14399840", "Eta", "45233140-2", "1.234.567", "46349", "1.234", "1", "C5")
	f.Add(uint8(2), "", "", "4270740", "14399840", "Theta", "45233140-2", "1.234,5", "23-11-2025", "1,000,000", "0", "C6")
	dir := f.TempDir()
	tw := newTwin(f)
	tw.loadCity(f, dir)
	var mappings []string
	for i, m := range fuzzMappings {
		mappings = append(mappings, filepath.Join(dir, fmt.Sprintf("m%d.yaml", i)))
		if err := os.WriteFile(mappings[i], []byte(m), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	n := 0
	f.Fuzz(func(t *testing.T, which uint8, kind, parent, buyer, supplier, name, cpv, value, date, offers, eu, nr string) {
		n++
		k := int(which) % len(fuzzMappings)
		d := []string{";", ",", "|"}[k]
		q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
		var b strings.Builder
		b.WriteString(strings.Join([]string{"Nr", "Tip", "Acord", "CUI", "Furnizor CUI", "Furnizor", "CPV", "Valoare", "Data", "Oferte", "UE"}, d) + "\r\n")
		// The clean rows around the fuzzed one keep the load under the
		// refusal threshold only sometimes: both outcomes are compared.
		clean := [][]string{
			{"Achiziție directă", "", cityCUI, "14399840", "Alfa", "45233140-2", "10", "01.01.2025", "1", "nu"},
			{"direct_purchase", "", cityCUI, "14399840", "Alfa", "45233140-2", "10", "01/01/2025", "1", "no"},
			{"Directă", "", cityCUI, "14399840", "Alfa", "45233140-2", "10", "01.01.2025", "1", "0"},
		}[k]
		for i := range 3 {
			b.WriteString(strings.Join(append([]string{fmt.Sprintf("C%d-%d", n, i)}, clean...), d) + "\r\n")
		}
		cells := []string{nr, kind, parent, buyer, supplier, name, cpv, value, date, offers, eu}
		for i := range cells {
			cells[i] = q(cells[i])
		}
		b.WriteString(strings.Join(cells, d) + "\r\n")
		data := []byte(b.String())
		if k == 0 { // Windows-1250, with the cedilla ş ţ of legacy programs
			data = legacyCP1250(b.String())
		}
		p := filepath.Join(dir, fmt.Sprintf("c%d.csv", n))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		tw.same(t, ingest.Options{Dataset: models.DatasetProcurement, Mapping: mappings[k]}, p)
		os.Remove(p)
	})
}

// TestMappedSQLIsTheDefault: etl load reads a csv file with a mapping by the
// SQL path unless --mapped-sql=false (the load's trace shows the SQL path's
// pre-scan and insert only then), and both load it alike (the same JSON
// result but for its times and ids).
func TestMappedSQLIsTheDefault(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "contracte.csv", "Nr. contract;Data;Furnizor;CUI furnizor;Obiectul contractului;Valoare (lei);Tip\n"+
		"1/2026;15.03.2026;Alfa SRL;14399840;Lucrări;1.200,50;Achiziţie directă\n"+
		"2/2026;16.03.2026;Beta SRL;14399840;Pază;20,5;PROCEDURĂ\n")
	m := writeFile(t, dir, "contracte.yaml", "dataset: procurement\nformat: csv\nsource:\n  delimiter: \";\"\nnumbers: ro\ndates: [dmy]\nfields:\n"+
		"  contract_id:   {column: \"Nr. contract\"}\n"+
		"  kind:          {column: \"Tip\", map: {\"Achiziție directă\": direct_purchase, \"Procedură\": procedure_award}}\n"+
		"  supplier_cui:  {column: \"CUI furnizor\"}\n  supplier_name: {column: \"Furnizor\"}\n"+
		"  title:         {column: \"Obiectul contractului\"}\n  value:         {column: \"Valoare (lei)\"}\n"+
		"  award_date:    {column: \"Data\"}\n")
	var results []map[string]any
	for i, flag := range []string{"", "--mapped-sql=false"} {
		db := filepath.Join(dir, fmt.Sprintf("w%d.duckdb", i))
		ent := writeFile(t, dir, "entities.csv", "cui,name,kind,county\n"+cityCUI+",Municipiul Timișoara,municipiu,TM\n")
		if code, _, stderr := run(t, "load", "--db", db, "--dataset", "entities", "--format", "deschis", ent); code != 0 {
			t.Fatalf("entities: %s", stderr)
		}
		var out, errb bytes.Buffer
		args := []string{"load", "--db", db, "--dataset", "procurement", "--format", "csv", "--mapping", m, "--entity", cityCUI, p, "--json"}
		if flag != "" {
			args = append(args, flag)
		}
		main := &Main{Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
			if k == "DESCHIS_TRACE" {
				return "1"
			}
			return ""
		}}
		if code := main.Run(context.Background(), args); code != 0 {
			t.Fatalf("%q: exit %d: %s", flag, code, errb.String())
		}
		if sql := strings.Contains(errb.String(), "pre-scan") && strings.Contains(errb.String(), "insert"); sql != (flag == "") {
			t.Fatalf("%q: SQL path %v, trace:\n%s", flag, sql, errb.String())
		}
		results = append(results, resultWithoutTimes(t, out.String()))
	}
	if !reflect.DeepEqual(results[0], results[1]) {
		t.Fatalf("the SQL path and the Go reader differ:\n%v\n%v", results[0], results[1])
	}
	if f := results[0]["files"].([]any)[0].(map[string]any); f["rows_loaded"] != float64(2) {
		t.Fatalf("file: %v", f)
	}
}
