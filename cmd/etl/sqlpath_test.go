package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

// twin is a pair of warehouses on disk that load the same files, one by the
// SQL load path of the canonical CSV and one by the Go rules alone.
type twin struct {
	sql, goPath *warehouse.Warehouse
	// sqlUsed counts the files the SQL path read itself.
	sqlUsed int
	// dir holds the warehouses (and the SQL path's UTF-8 copies).
	dir string
	// format, when set, is the format of the files (sqlpath_sicap_test.go);
	// handed counts the rows the SQL path gave to the Go rules.
	format string
	handed int
}

func newTwin(t testing.TB) *twin {
	t.Helper()
	dir := t.TempDir()
	open := func(name string) *warehouse.Warehouse {
		w, err := warehouse.Open(context.Background(), filepath.Join(dir, name), warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { w.Close() })
		return w
	}
	return &twin{sql: open("sql.duckdb"), goPath: open("go.duckdb"), dir: dir}
}

// loadOutcome is what a load gave: its result (without times), the error's
// text, the rows it put in the fact table and the rejects it recorded.
type loadOutcome struct {
	Result  *warehouse.LoadResult
	Err     string
	Facts   []string
	Rejects []string
}

func factTable(dataset string) string {
	return map[string]string{models.DatasetProcurement: "fact_procurement", models.DatasetRequests: "fact_request"}[dataset]
}

// loadCity loads the city (cityCUI) into both warehouses, as the fuzz
// targets' files name it.
func (tw *twin) loadCity(t testing.TB, dir string) {
	t.Helper()
	ents := filepath.Join(dir, "entities.csv")
	if err := os.WriteFile(ents, []byte("cui,siruta,name,kind,parent_cui,county,population_year,population\n"+
		cityCUI+",143450,Municipiul Sibiu,municipiu,,SB,2025,133900\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := ingest.Options{Dataset: models.DatasetEntities}
	tw.loadOne(t, tw.sql, false, opt, ents)
	tw.loadOne(t, tw.goPath, false, opt, ents)
}

func (tw *twin) loadOne(t testing.TB, w *warehouse.Warehouse, useSQL bool, opt ingest.Options, path string) loadOutcome {
	t.Helper()
	opt.File = path
	format := "deschis"
	if opt.Mapping != "" { // the csv format with a mapping (sqlpath_mapped_test.go)
		format = "csv"
	}
	if tw.format != "" {
		format = tw.format
	}
	files := loadFiles([]string{path}, format, opt, noProgress{}, tw.dir, true)
	offerSicapSQL(files, format, opt, noProgress{}, tw.dir)
	if useSQL {
		sql := files[0].SQL
		files[0].SQL = func(ctx context.Context) (*warehouse.CSVFile, error) {
			c, err := sql(ctx)
			if c != nil {
				tw.sqlUsed++
				row := c.Row
				c.Row = func(line int, cells []string) *models.Record { tw.handed++; return row(line, cells) }
			}
			return c, err
		}
	} else {
		files[0].SQL = nil
	}
	res, err := w.Load(context.Background(), loadSpec(format, opt, 0), files)
	var out loadOutcome
	if err != nil {
		out.Err = err.Error()
	}
	out.Result = res
	if res == nil || res.LoadID == 0 {
		return out
	}
	if table := factTable(opt.Dataset); table != "" && res.Outcome == "loaded" {
		out.Facts = rowsAsText(t, w, fmt.Sprintf(`SELECT * EXCLUDE (load_id) FROM %s WHERE load_id = ? ORDER BY source_file, source_line`, table), res.LoadID)
	}
	out.Rejects = rowsAsText(t, w, `SELECT file, line, column_name, value, reason FROM rejects WHERE load_id = ? ORDER BY ALL`, res.LoadID)
	return out
}

func rowsAsText(t testing.TB, w *warehouse.Warehouse, q string, args ...any) []string {
	t.Helper()
	rows, err := w.DB().Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		v := make([]any, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		if err := rows.Scan(p...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%q", v))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// same loads path into both warehouses and fails when anything differs.
func (tw *twin) same(t testing.TB, opt ingest.Options, path string) loadOutcome {
	t.Helper()
	a := tw.loadOne(t, tw.sql, true, opt, path)
	b := tw.loadOne(t, tw.goPath, false, opt, path)
	if !reflect.DeepEqual(a, b) {
		diff := func(x, y []string) string {
			for i := range min(len(x), len(y)) {
				if x[i] != y[i] {
					return fmt.Sprintf("first difference at %d:\n  sql: %s\n  go:  %s", i, x[i], y[i])
				}
			}
			return fmt.Sprintf("%d against %d", len(x), len(y))
		}
		t.Fatalf("%s (%s): the SQL path and the Go rules differ\nresult sql %+v err %q\nresult go  %+v err %q\nfacts: %s\nrejects: %s",
			path, opt.Dataset, a.Result, a.Err, b.Result, b.Err, diff(a.Facts, b.Facts), diff(a.Rejects, b.Rejects))
	}
	return a
}

// TestSQLPathMatchesGoRulesOnTheDemo loads every procurement and request
// file of the demo by both paths: the same rows (every column, with the
// source file and line), the same rejects, the same counts.
func TestSQLPathMatchesGoRulesOnTheDemo(t *testing.T) {
	dir := t.TempDir()
	files, err := demo.Generate(dir, demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tw := newTwin(t)
	var loaded int64
	for _, f := range files {
		opt := ingest.Options{Dataset: f.Dataset}
		if !warehouse.SQLPath(f.Dataset) {
			tw.loadOne(t, tw.sql, false, opt, f.Path)
			tw.loadOne(t, tw.goPath, false, opt, f.Path)
			continue
		}
		out := tw.same(t, opt, f.Path)
		if out.Result.Outcome != "loaded" {
			t.Fatalf("%s: %s %s", f.Path, out.Result.Outcome, out.Err)
		}
		loaded += int64(len(out.Facts))
	}
	if tw.sqlUsed == 0 || loaded == 0 {
		t.Fatalf("the SQL path read %d files, %d rows: nothing was compared", tw.sqlUsed, loaded)
	}
}

// TestSQLPathMatchesGoRulesOnSharedData offers every CSV file of
// ../shared/data to both paths as a canonical procurement and requests file:
// each is refused or read alike.
func TestSQLPathMatchesGoRulesOnSharedData(t *testing.T) {
	paths, err := filepath.Glob("../../../shared/data/*.csv")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no CSV files in ../shared/data (%v)", err)
	}
	tw := newTwin(t)
	for _, p := range paths {
		for _, ds := range []string{models.DatasetProcurement, models.DatasetRequests} {
			tw.same(t, ingest.Options{Dataset: ds}, p)
		}
	}
}

// A canonical file with what the plain shapes do not cover: decorated
// fiscal codes, a third decimal, a missing value, a call-off without its
// framework, a private person as supplier, quoted line breaks (\n and \r\n)
// before later rows, cedilla letters, an enum without diacritics, text with
// white space around it.
const sqlPathProcurement = "contract_id,kind,parent_id,buyer_cui,supplier_cui,supplier_name,title,cpv,value,currency,award_date,procedure,offers,eu_funded,investment_code\r\n" +
	"A1,direct_purchase,,4270740,RO 14399840,Alfa SRL,\"Lucrări\r\nde drumuri\",45233140-2,100.50,,2025-01-15,directă,1,da,\r\n" +
	"A2,Direct_Purchase,,RO4270740,14399840,Beta SRL,\"Servicii \"\"X\"\"\nlot 2\",,1234.567,RON,2025-02-01,,,nu,\r\n" +
	"A3,call_off,,4270740,14399840,Gamma SRL,Lot 3,45233140-2,10,RON,2025-03-01,,2,,\r\n" +
	"A4,direct_purchase,,4270741,14399840,Delta SRL,Lot 4,45233140-2,10,RON,2025-03-01,,2,,\r\n" +
	"A5,direct_purchase,,4270740,1800101221144,Ion Popescu,Lot 5,45233140-2,10,RON,2025-03-01,,2,,\r\n" +
	"A6,direct_purchase,,4270740,14399840,\u00a0Şcoala Ţara\u2003,Lot 6,45233140-2,-1,RON,2025-13-01,,x,maybe,\r\n" +
	"A7,direct_purchase,,4270740,14399840,Epsilon SRL,Lot 7,45233140-2,7,RON,2025-04-01,,3,true,\r\n"

func writeEntities(t testing.TB, tw *twin, dir string) {
	t.Helper()
	p := entitiesCSV(t.(*testing.T), dir)
	opt := ingest.Options{Dataset: models.DatasetEntities}
	tw.loadOne(t, tw.sql, false, opt, p)
	tw.loadOne(t, tw.goPath, false, opt, p)
}

// TestSQLPathRowsKeepTheirPhysicalLine: a row after cells with line breaks
// is recorded (and rejected) at the line where it starts in the file, and
// both paths agree on every row and reject of a file built to differ.
func TestSQLPathRowsKeepTheirPhysicalLine(t *testing.T) {
	dir := t.TempDir()
	tw := newTwin(t)
	writeEntities(t, tw, dir)
	p := writeFile(t, dir, "p.csv", sqlPathProcurement)
	out := tw.loadOne(t, tw.sql, true, ingest.Options{Dataset: models.DatasetProcurement}, p)
	if tw.sqlUsed != 1 {
		t.Fatalf("the SQL path did not read the file (%d)", tw.sqlUsed)
	}
	// The share of rejects is over 5 %: the load is refused by both paths
	// alike; the lines of its rejects are the file's.
	lines := map[string]int{}
	for _, r := range out.Result.Rejects {
		lines[r.Column] = r.Line
	}
	// A1 starts on line 2 and spans 2 lines, A2 starts on 4 and spans 2, so
	// A3 is on line 6, A4 on 7, A6 on 9.
	if lines["parent_id"] != 6 || lines["buyer_cui"] != 7 || lines["award_date"] != 9 {
		t.Fatalf("reject lines %v, want parent_id 6, buyer_cui 7, award_date 9 (result %+v, %s)", lines, out.Result, out.Err)
	}
	tw2 := newTwin(t)
	writeEntities(t, tw2, dir)
	tw2.same(t, ingest.Options{Dataset: models.DatasetProcurement}, p)

	// Loaded with a larger refusal threshold, the rows carry their lines.
	tw3 := newTwin(t)
	writeEntities(t, tw3, dir)
	opt := ingest.Options{Dataset: models.DatasetProcurement, File: p}
	files := loadFiles([]string{p}, "deschis", opt, noProgress{}, "", false)
	spec := loadSpec("deschis", opt, 0.9)
	res, err := tw3.sql.Load(context.Background(), spec, files)
	if err != nil {
		t.Fatal(err)
	}
	got := rowsAsText(t, tw3.sql, `SELECT contract_id || '@' || source_line || ' ' || supplier_cui || ' ' || title
		FROM fact_procurement WHERE load_id = ? ORDER BY source_line`, res.LoadID)
	want := []string{`["A1@2 RO 14399840 Lucrări\nde drumuri"]`, `["A2@4 14399840 Servicii \"X\"\nlot 2"]`,
		`["A5@8 PF Lot 5"]`, `["A7@10 14399840 Lot 7"]`}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("loaded rows\n%v\nwant\n%v", got, want)
	}
}

const sqlPathRequests = "entity_cui,request_id,received,channel,category,type,department,term_days,extended,answered,status,as_of\n" +
	"4270740,R1,2025-01-10,ghiseu,urbanism,info_544,Urbanism,,,2025-01-15,rezolvata,\n" +
	"4270740,R2,2025-01-10,online,\"taxe\nlocale\",petitie,Taxe,,da,,deschisă,2025-02-01\n" +
	"4270740,R3,2025-01-10,poștă,taxe,alt_tip,Taxe,,,,deschisă,\n" +
	"4270740,R4,2025-01-10,telefon,taxe,petitie,Taxe,400,,2025-01-09,rezolvată,\n" +
	"4270740,R5,2025-01-10,e-mail,taxe,petitie,Taxe,20,nu,,retrasă,2025-01-01\n"

// FuzzSQLPathMatchesGoRules loads fuzzed canonical files (procurement, or
// requests when the header names request_id) by both paths into a pair of
// warehouses and fails when the rows, the rejects or the outcome differ.
// Its seed corpus (testdata/fuzz) keeps the inputs fuzzing found.
func FuzzSQLPathMatchesGoRules(f *testing.F) {
	f.Add([]byte(sqlPathProcurement))
	f.Add([]byte(sqlPathRequests))
	f.Add([]byte("contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,value,award_date\n" +
		"X1,procedure_award,4270740,14399840,Alfa,Lot,1.5,2025-01-01\nX2,framework_agreement,4270740,14399840,Beta,Lot,2,2025-01-02\n"))
	dir := f.TempDir()
	tw := newTwin(f)
	tw.loadCity(f, dir)
	n := 0
	f.Fuzz(func(t *testing.T, data []byte) {
		n++
		p := filepath.Join(dir, fmt.Sprintf("f%d.csv", n))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ds := models.DatasetProcurement
		if head, _, _ := bytes.Cut(data, []byte("\n")); bytes.Contains(head, []byte("request_id")) {
			ds = models.DatasetRequests
		}
		tw.same(t, ingest.Options{Dataset: ds}, p)
		os.Remove(p)
	})
}

// FuzzSQLPathCellRules fuzzes the cells of a well-formed canonical
// procurement file (every cell quoted, so the file stays one the SQL path
// reads) and holds the SQL macros to the Go rules cell by cell: amounts,
// dates, fiscal and CPV codes, enums, yes/no, integers, white space.
func FuzzSQLPathCellRules(f *testing.F) {
	f.Add("direct_purchase", "", "4270740", "14399840", " Alfa SRL ", "45233140-2", "100.50", "2025-01-15", "1", "da")
	f.Add("Call_Off", "AC1", "RO4270740", "1800101221144", "Şcoala", "45233140-2 Lucrări", "1.5E3", "2025-02-30", "-1", "X")
	f.Add("procedură", "", "04270740", "RO 14399840", "\u00a0Beta\u2003", "", "-0.005", "0999-01-01", "007", "maybe")
	f.Add("framework_agreement", "", "4270741", "", "Gamma", "4523314-2", "12,5", "2025-1-5", "1.0", "")
	// The folding, check-digit and date rules' edges (load_csv_rules.sql):
	// white space runs and control spaces inside an enum, upper case,
	// diacritics, a letter outside ASCII; codes of 2 and 10 digits, zeros,
	// a check digit of 10 (written 0); the first and last years.
	f.Add("Direct  Purchase", "", "19", "", "A", "", "1", "1000-01-01", "0", "DA")
	f.Add("direct\tpurchase", "", "0000000000", "", "B", "", "1", "0999-12-31", "1", "Nu")
	f.Add("PROCEDURE_AWARD", "", "9999999999", "", "C", "", "1", "9999-12-31", "2", "x")
	f.Add("achiziție_directă", "", "10", "", "D", "", "1", "2024-02-29", "3", "ÎN")
	f.Add("direct_purchasé", "", "1000000012", "", "E", "", "1", "2023-02-29", "4", " yes ")
	f.Add("direct_\u00a0purchase", "", "00000000019", "", "F", "", "1", "1000-1-01", "5", "y\n")
	dir := f.TempDir()
	tw := newTwin(f)
	tw.loadCity(f, dir)
	n := 0
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	f.Fuzz(func(t *testing.T, kind, parent, buyer, supplier, name, cpv, value, date, offers, eu string) {
		n++
		var b strings.Builder
		b.WriteString("contract_id,kind,parent_id,buyer_cui,supplier_cui,supplier_name,title,cpv,value,award_date,offers,eu_funded\n")
		// The clean rows around the fuzzed one keep the load under the
		// refusal threshold only sometimes: both outcomes are compared.
		for i := range 3 {
			fmt.Fprintf(&b, "C%d-%d,direct_purchase,,%s,14399840,Alfa,Lot,45233140-2,10,2025-01-01,1,nu\n", n, i, cityCUI)
		}
		fmt.Fprintf(&b, "F%d,%s,%s,%s,%s,%s,Lot,%s,%s,%s,%s,%s\n", n, q(kind), q(parent), q(buyer), q(supplier), q(name), q(cpv), q(value), q(date), q(offers), q(eu))
		p := filepath.Join(dir, fmt.Sprintf("c%d.csv", n))
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		tw.same(t, ingest.Options{Dataset: models.DatasetProcurement}, p)
		os.Remove(p)
	})
}

// TestSQLPathRegistersAndReplacesAsTheGoRules: into empty warehouses (no
// entities file), a canonical file naming a reference administrative unit
// and an institution outside the list (under two names, the commoner one
// wins) registers the same institutions by both paths; a second file with
// some of the same contracts then replaces exactly those rows, and only
// them, by both paths.
func TestSQLPathRegistersAndReplacesAsTheGoRules(t *testing.T) {
	dir := t.TempDir()
	tw := newTwin(t)
	head := "contract_id,kind,buyer_cui,buyer_name,supplier_cui,supplier_name,title,value,award_date\n"
	first := writeFile(t, dir, "first.csv", head+
		"K1,direct_purchase,"+cityCUI+",Primăria,14399840,Alfa,Lot 1,10,2025-01-01\n"+
		"K2,direct_purchase,14399840,Școala Gimnazială 1,14399840,Alfa,Lot 2,20,2025-01-02\n"+
		"K3,direct_purchase,14399840,Școala 1,14399840,Alfa,Lot 3,30,2025-01-03\n"+
		"K4,direct_purchase,14399840,Școala Gimnazială 1,14399840,Alfa,Lot 4,40,2025-01-04\n"+
		"K5,direct_purchase,"+cui("990003")+",,14399840,Alfa,Lot 5,50,2025-01-05\n"+
		fillers(20))
	out := tw.same(t, ingest.Options{Dataset: models.DatasetProcurement}, first)
	if tw.sqlUsed != 1 || len(out.Result.EntitiesRegistered) != 2 || out.Result.EntitiesRegistered[0].Name != "Școala Gimnazială 1" {
		t.Fatalf("SQL path used %d times; registered %+v (result %+v)", tw.sqlUsed, out.Result.EntitiesRegistered, out.Result)
	}
	// K5's buyer has no name and is not in the list: rejected alike (1 of
	// 25 rows, under the 5 % refusal).
	if len(out.Facts) != 24 || len(out.Rejects) != 1 || !strings.Contains(out.Rejects[0], "instituție necunoscută") {
		t.Fatalf("facts %v rejects %v", out.Facts, out.Rejects)
	}
	second := writeFile(t, dir, "second.csv", head+
		"K2,direct_purchase,14399840,,14399840,Beta,Lot 2 bis,21,2025-02-02\n"+
		"K9,direct_purchase,"+cityCUI+",,14399840,Beta,Lot 9,90,2025-02-09\n")
	out = tw.same(t, ingest.Options{Dataset: models.DatasetProcurement}, second)
	if out.Result.Outcome != "loaded" || len(out.Facts) != 2 {
		t.Fatalf("second load %+v facts %v", out.Result, out.Facts)
	}
	for _, w := range []*warehouse.Warehouse{tw.sql, tw.goPath} {
		got := rowsAsText(t, w, `SELECT contract_id || ' ' || title || ' ' || load_id FROM fact_procurement WHERE contract_id LIKE 'K%' ORDER BY contract_id`)
		want := []string{`["K1 Lot 1 1"]`, `["K2 Lot 2 bis 2"]`, `["K3 Lot 3 1"]`, `["K4 Lot 4 1"]`, `["K9 Lot 9 2"]`}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("after the second load: %v, want %v", got, want)
		}
	}
}

// fillers are n direct purchases of the city, F01 to Fn.
func fillers(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "F%02d,direct_purchase,%s,,14399840,Alfa,Lot F,1,2025-01-01\n", i, cityCUI)
	}
	return b.String()
}

// TestSQLPathLinesAfterReplacements: into fact tables that already hold
// rows, some deleted by an earlier load's replacements, a canonical file
// and then a mapped file with quoted line breaks and rows the macros do not
// pass (decorated fiscal codes) give the same rows at the same lines by the
// SQL path and by the Go rules, and the whole tables stay equal.
func TestSQLPathLinesAfterReplacements(t *testing.T) {
	dir := t.TempDir()
	tw := newTwin(t)
	writeEntities(t, tw, dir)
	head := "contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,value,award_date\n"
	rows := func(from, to int, every func(i int) string) string {
		var b strings.Builder
		for i := from; i <= to; i++ {
			fmt.Fprintf(&b, "K%d,direct_purchase,%s,14399840,Alfa,%s,%d,2025-01-01\n", i, cityCUI, every(i), i)
		}
		return b.String()
	}
	plain := func(int) string { return "Lot" }
	opt := ingest.Options{Dataset: models.DatasetProcurement}
	tw.same(t, opt, writeFile(t, dir, "first.csv", head+rows(1, 40, plain)))
	tw.same(t, opt, writeFile(t, dir, "second.csv", head+rows(1, 10, plain)))
	var b strings.Builder
	b.WriteString(head)
	for i := 5; i <= 60; i++ {
		title, buyer := "Lot", cityCUI
		if i%7 == 0 {
			title = "\"Lot\nde\r\ndrumuri\""
		}
		if i%11 == 0 {
			buyer = "RO " + cityCUI
		}
		fmt.Fprintf(&b, "K%d,direct_purchase,%s,14399840,Alfa,%s,%d,2025-01-01\n", i, buyer, title, i)
	}
	before := tw.sqlUsed
	out := tw.same(t, opt, writeFile(t, dir, "third.csv", b.String()))
	if tw.sqlUsed != before+1 || out.Result.Outcome != "loaded" || len(out.Facts) != 56 {
		t.Fatalf("the SQL path read %d files; %+v, %d rows", tw.sqlUsed-before, out.Result, len(out.Facts))
	}
	m := writeFile(t, dir, "m.yaml", "dataset: procurement\nformat: csv\nsource:\n  delimiter: \";\"\n  header_row: 2\nnumbers: ro\nfields:\n"+
		"  contract_id: {column: Nr}\n  kind: {constant: direct_purchase}\n  buyer_cui: {column: CUI}\n  supplier_cui: {column: Furnizor CUI}\n"+
		"  supplier_name: {column: Furnizor}\n  title: {column: Obiect}\n  value: {column: Valoare}\n  award_date: {column: Data}\n")
	b.Reset()
	b.WriteString("REGISTRU;;;;;;\nNr;CUI;Furnizor CUI;Furnizor;Obiect;Valoare;Data\n")
	for i := 50; i <= 90; i++ {
		title, buyer := "Lot", cityCUI
		if i%6 == 0 {
			title = "\"Lot\nbis\""
		}
		if i%13 == 0 {
			buyer = "RO" + cityCUI
		}
		fmt.Fprintf(&b, "K%d;%s;14399840;Beta;%s;%d,50;15.03.2026\n", i, buyer, title, i)
	}
	out = tw.sameMapped(t, mappedCase{mapping: m, file: writeFile(t, dir, "mapped.csv", b.String()), sql: true})
	if out.Result.Outcome != "loaded" || len(out.Facts) != 41 {
		t.Fatalf("mapped load %+v, %d rows, %s", out.Result, len(out.Facts), out.Err)
	}
	all := `SELECT * FROM fact_procurement ORDER BY load_id, source_file, source_line`
	if a, g := rowsAsText(t, tw.sql, all), rowsAsText(t, tw.goPath, all); !reflect.DeepEqual(a, g) {
		t.Fatalf("the fact tables differ:\nsql %v\ngo  %v", a, g)
	}
}
