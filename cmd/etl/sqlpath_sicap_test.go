package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

// The differential test of the SQL load path for SICAP's CSV shapes: the same
// files loaded by the SQL path (ingest/sicap's SQLFile) and by the SICAP
// reader alone into two warehouses on disk give the same rows (every column,
// with source file and line), the same rejects, the same skips by reason and
// the same outcome (sqlpath_test.go's twin), and the same `etl status`.

const sicapSample = "../../../shared/data/ro_sicap_achizitii_directe_offline_sample.csv"

// sicapCase is a file, the --entity and --only-entity it is loaded with, and
// whether the SQL path must read it itself.
type sicapCase struct {
	file   string
	entity string
	only   bool
	sql    bool
}

func newSicapTwin(t testing.TB) *twin {
	tw := newTwin(t)
	tw.format = "sicap"
	return tw
}

// sameSicap loads c by both paths and fails when they differ, or when the
// SQL path was to read the file and did not.
func (tw *twin) sameSicap(t *testing.T, c sicapCase) loadOutcome {
	t.Helper()
	before := tw.sqlUsed
	out := tw.same(t, ingest.Options{Dataset: models.DatasetProcurement, Entity: c.entity, OnlyEntity: c.only}, c.file)
	if c.sql && tw.sqlUsed == before {
		t.Fatalf("%s (--entity %q, only %v): the SQL path did not read the file (outcome %+v, %s)", c.file, c.entity, c.only, out.Result, out.Err)
	}
	return out
}

// sameStatus fails when the two warehouses' `etl status` differ (its skips
// by reason included).
func (tw *twin) sameStatus(t *testing.T) {
	t.Helper()
	a, err := tw.sql.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := tw.goPath.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []*warehouse.Status{a, b} {
		for i := range st.Datasets {
			st.Datasets[i].LastLoad = time.Time{}
		}
	}
	if len(a.Datasets) == 0 {
		t.Fatal("etl status: no dataset loaded")
	}
	if !reflect.DeepEqual(a.Datasets, b.Datasets) || a.Entities != b.Entities {
		t.Fatalf("etl status differs:\nsql %+v\ngo  %+v", a.Datasets, b.Datasets)
	}
}

// TestSicapSQLPathMatchesGoReader loads the real SICAP sample, every file of
// ingest/sicap/testdata and every CSV of ../shared/data as the sicap format,
// without --entity, with it, and with --only-entity, by both paths. On the
// sample the SQL path must read the file and pass most rows itself.
func TestSicapSQLPathMatchesGoReader(t *testing.T) {
	dir := t.TempDir()
	// Each load in a warehouse pair of its own: a file loaded twice is
	// skipped as already loaded.
	fresh := func() *twin {
		tw := newSicapTwin(t)
		for _, e := range []struct{ cui, name string }{{"4365077", "Spitalul Demo"}, {"4267117", "Municipiul Timișoara"}} {
			tw.loadEntity(t, dir, e.cui, e.name)
		}
		return tw
	}
	// The sample: 105 awards of 100 buyers.
	tw := fresh()
	out := tw.sameSicap(t, sicapCase{file: sicapSample, sql: true})
	if out.Result.Outcome != "loaded" || len(out.Facts) != 105 {
		t.Fatalf("sample: %+v %s, %d rows", out.Result, out.Err, len(out.Facts))
	}
	// SQL reads every row of the sample, its decorated codes (RO 15016137,
	// RO13221445, R4278337) and its German supplier code (49/740/01441)
	// included: the Go rules see none.
	if tw.handed != 0 {
		t.Fatalf("sample: the SQL path handed %d rows to the Go rules, want none", tw.handed)
	}
	tw.sameStatus(t)
	tw = fresh()
	only := tw.sameSicap(t, sicapCase{file: sicapSample, entity: "4365077", only: true, sql: true})
	if f := only.Result.Files[0]; f.RowsLoaded != 12 || f.SkippedBy[models.SkipOtherEntity] != 93 {
		t.Fatalf("sample --only-entity: %+v, want 12 loaded and 93 skipped as other buyers'", f)
	}
	tw.sameStatus(t)
	fresh().sameSicap(t, sicapCase{file: sicapSample, entity: "4365077", sql: true}) // others' rows rejected: refused alike

	testdata, _ := filepath.Glob("../../ingest/sicap/testdata/*.csv")
	if len(testdata) < 3 {
		t.Fatalf("ingest/sicap/testdata: %v", testdata)
	}
	for _, p := range testdata {
		for _, c := range []sicapCase{{file: p, sql: true}, {file: p, entity: "4267117", only: true, sql: true}, {file: p, entity: "4267117", sql: true}} {
			tw := fresh()
			if o := tw.sameSicap(t, c); len(o.Facts)+len(o.Rejects) == 0 && o.Result.Outcome == "loaded" {
				t.Fatalf("%s: nothing compared (%+v)", p, o.Result)
			}
			tw.sameStatus(t)
		}
	}
	// The export `go run ./scripts/bench ingest-sicap` writes for the
	// measurement (the sample's rows repeated and varied): all of it read
	// by SQL, alike.
	cmd := exec.Command("go", "run", "../../scripts/bench", "ingest-sicap", "--rows", "3000", "--dir", filepath.Join(dir, "bench"), "--sample", sicapSample)
	cmd.Stderr = os.Stderr
	gen, err := cmd.Output()
	if err != nil {
		t.Fatalf("bench ingest-sicap: %v", err)
	}
	tw = fresh()
	if o := tw.sameSicap(t, sicapCase{file: strings.TrimSpace(string(gen)), sql: true}); len(o.Facts) != 3000 || tw.handed != 0 {
		t.Fatalf("bench export: %d rows loaded, %d handed to the Go rules; want 3000 and none (%+v)", len(o.Facts), tw.handed, o.Result)
	}
	// Every CSV of ../shared/data offered as a SICAP export: read or
	// refused alike.
	paths, _ := filepath.Glob("../../../shared/data/*.csv")
	tw, tw2 := fresh(), fresh()
	for _, p := range paths {
		tw.sameSicap(t, sicapCase{file: p})
		tw2.sameSicap(t, sicapCase{file: p, entity: "4267117", only: true})
	}
	tw.sameStatus(t)
	tw2.sameStatus(t)
}

// The three header generations the cell tests and the fuzz target write:
// the API's direct-purchase award notices (the sample's, ","), the
// data.gov.ro contracts from 2020 (";", Windows-1250, amounts in the
// notation of the head) and the API's procedure award notices (the buyer as
// "CUI - denumire", a contract number, a currency, how the contract was
// concluded).
var sicapShapes = []struct {
	header  []string
	delim   string
	cp1250  bool
	rowOf   func(c sicapCells) []string
	cleanOf func(i int) sicapCells
}{
	{
		header: []string{"item.noticeNo", "item.publicationDate", "details.finalizationDate", "details.sysNoticeState.text",
			"details.sysEuropeanFund.text", "item.awardedValue", "item.contractObject", "item.cpvCode", "authority.fiscalNumber",
			"authority.entityName", "details.noticeEntityAddress.fiscalNumber", "details.noticeEntityAddress.organization"},
		delim: ",",
		rowOf: func(c sicapCells) []string {
			return []string{c.notice, c.date2, c.date1, c.state, c.eu, c.value, c.title, c.cpv, c.buyer, c.buyerName, c.supplier, c.supplierName}
		},
	},
	{
		header: []string{"Autoritate contractantă", "CUI autoritate contractantă", "Număr anunţ atribuire", "Data publicare", "Cod CPV",
			"Număr contract", "Data contract", "Denumire contract", "Valoare contract (RON)", "Ofertant câştigător", "CUI ofertant câştigător",
			"Tip încheiere contract", "Fonduri comunitare", "Număr anunţ atribuire acord cadru"},
		delim: ";", cp1250: true,
		rowOf: func(c sicapCells) []string {
			return []string{c.buyerName, c.buyer, c.notice, c.date2, c.cpv, c.contractNo, c.date1, c.title, c.value, c.supplierName, c.supplier, c.kind, c.eu, c.parent}
		},
	},
	{
		header: []string{"item.noticeNo", "item.sysProcedureState.text", "item.contractingAuthorityNameAndFN", "item.sysContractAssigmentType.text",
			"item.cpvCodeAndName", "item.noticeStateDate", "noticeContracts.items.contractNo", "noticeContracts.items.contractDate",
			"noticeContracts.items.contractTitle", "noticeContracts.items.contractValue", "noticeContracts.items.currency.text",
			"noticeContracts.items.winner.name", "noticeContracts.items.winner.fiscalNumber", "publicNotice.x.descriptionList.isEUFunded"},
		delim: ",",
		rowOf: func(c sicapCells) []string {
			both := c.buyerName
			if c.buyer != "" {
				both = c.buyer + " - " + c.buyerName
			}
			return []string{c.notice, c.state, both, c.kind, c.cpv, c.date2, c.contractNo, c.date1, c.title, c.value, c.currency, c.supplierName, c.supplier, c.eu}
		},
	},
}

// sicapCells are the cells of one contract, whichever shape writes them.
type sicapCells struct {
	notice, contractNo, state, buyer, buyerName, supplier, supplierName string
	title, cpv, value, currency, date1, date2, kind, eu, parent         string
}

// cleanSicap is a plain contract of the city for shape k.
func cleanSicap(k, i int) sicapCells {
	c := sicapCells{notice: fmt.Sprintf("DAN%d", 1000+i), contractNo: fmt.Sprint(i), buyer: cityCUI, buyerName: "MUNICIPIUL SIBIU",
		supplier: "14399840", supplierName: "Alfa SRL", title: "Lucrări de întreținere", cpv: "45233140-2 - Lucrari de drumuri (Rev.2)",
		value: fmt.Sprintf("%d.5", 100+i), date1: "2024-11-01", date2: "2024-11-02"}
	switch k {
	case 0:
		c.state, c.eu = "Publicat", "-"
	case 1:
		c.value, c.date1, c.date2, c.cpv, c.kind, c.eu = fmt.Sprintf("%d,5", 100+i), "01.11.2024", "02.11.2024", "45233140-2", "Contract", "NU"
	case 2:
		c.state, c.currency, c.kind, c.eu = "Atribuita", "RON", "Contract", "false"
	}
	return c
}

// writeSicap writes the rows of shape k to a file in dir: rows, then n
// clean ones (so that a few rejects stay under the refusal threshold and
// the rows are compared too).
func writeSicap(t testing.TB, dir, name string, k int, rows []sicapCells, n int) string {
	t.Helper()
	s := sicapShapes[k]
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = rune(s.delim[0])
	w.UseCRLF = k == 2
	w.Write(s.header)
	for _, r := range rows {
		w.Write(s.rowOf(r))
	}
	for i := range n {
		w.Write(s.rowOf(cleanSicap(k, i)))
	}
	w.Flush()
	data := []byte(b.String())
	if s.cp1250 {
		data = legacyCP1250(b.String())
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSicapSQLPathHandsWhatIsNotPlainToTheGoReader: files of the three
// shapes with what the plain shapes do not cover (missing cells written NA,
// several winners, decorated and foreign codes, states that are not an
// award, day-first and out-of-window dates, amounts in the other notation,
// cedilla letters, runs of white space, a quoted line break, kinds and
// currencies of every sort, a private person as supplier) load alike by both
// paths, with and without --only-entity, and the SQL path reads them.
func TestSicapSQLPathHandsWhatIsNotPlainToTheGoReader(t *testing.T) {
	dir := t.TempDir()
	// One case a row, so that no other fault hides it.
	odd := []sicapCells{
		{buyerName: "NA"}, {notice: "NA"}, {contractNo: "NA"}, {title: "N/A"}, {supplierName: "None"},
		{supplier: "14399840, 4267117"}, {supplier: "RO 14399840"}, {supplier: "R4278337"}, {supplier: "RO 14399841"},
		{supplier: "49/740/01441"}, {supplier: "12/3 4"}, {supplier: "DE 123"}, {supplier: "1800101221144", supplierName: "Ion Popescu"},
		{buyer: "RO4270740"}, {buyer: "4267117", buyerName: "MUNICIPIUL TIMIȘOARA"}, {buyer: "", buyerName: "4270740 MUNICIPIUL SIBIU"},
		{state: "Anulat"}, {state: "  publicat "}, {state: "atribuită"},
		{supplierName: "Alfa \t  SRL"}, {supplierName: "Beta\u00a0SRL"}, {title: "Reparaţii\ncurte"},
		{eu: "Nu este cazul"}, {eu: "FEDR"}, {eu: "DA,NU"}, {eu: "nu"}, {eu: "yes"}, {eu: "Fondul Ştiinţă"},
		{date1: "01.11.2024"}, {date1: "1989-12-31"}, {date1: "2024-11-01T10:12:33.5+02:00"}, {date1: "NA", date2: "2024-11-05 10:00"},
		{date1: "NA", date2: "NA"},
		{value: "1.234,5"}, {value: "1234567"}, {value: "-3"}, {value: "12.345.678,9"}, {value: "1.234"},
		{cpv: "45233140-23"}, {cpv: "NA"}, {cpv: "45233140-2\tLucrări"},
		{currency: "eur"}, {currency: "LEI"}, {currency: "na"}, {currency: "None"}, {currency: "XX1"},
		{kind: "Acord cadru"}, {kind: "Contract subsecvent"}, {kind: "Contract subsecvent", parent: "AC-1"}, {kind: "Comandă"},
		{kind: "Concesiune"}, {kind: "Sistem dinamic de achiziții"},
	}
	for k := range sicapShapes {
		var rows []sicapCells
		for i, o := range odd {
			c := cleanSicap(k, 500+i)
			for _, f := range []struct {
				dst *string
				v   string
			}{{&c.state, o.state}, {&c.buyer, o.buyer}, {&c.buyerName, o.buyerName}, {&c.supplier, o.supplier}, {&c.supplierName, o.supplierName},
				{&c.title, o.title}, {&c.cpv, o.cpv}, {&c.value, o.value}, {&c.currency, o.currency}, {&c.date1, o.date1}, {&c.date2, o.date2},
				{&c.kind, o.kind}, {&c.eu, o.eu}, {&c.parent, o.parent}, {&c.notice, o.notice}, {&c.contractNo, o.contractNo}} {
				if f.v != "" {
					*f.dst = f.v
				}
			}
			if o.date1 == "NA" {
				c.date1 = ""
			}
			if o.buyerName != "" && strings.HasPrefix(o.buyerName, "4270740") {
				c.buyer = ""
			}
			rows = append(rows, c)
		}
		p := writeSicap(t, dir, fmt.Sprintf("shape%d.csv", k), k, rows, 1000)
		for _, c := range []sicapCase{{file: p, sql: true}, {file: p, entity: cityCUI, only: true, sql: true}} {
			tw := newSicapTwin(t)
			writeEntities(t, tw, dir)
			out := tw.sameSicap(t, c)
			if out.Result.Outcome != "loaded" || len(out.Facts) < 1000 {
				t.Fatalf("shape %d (%+v): %+v %s, %d rows", k, c, out.Result, out.Err, len(out.Facts))
			}
			if tw.handed == 0 || tw.handed >= len(odd) {
				t.Fatalf("shape %d (%+v): %d rows handed to the Go rules, want some, fewer than %d", k, c, tw.handed, len(odd))
			}
			t.Logf("shape %d (only %v): %d handed; %+v; %d rejects", k, c.only, tw.handed, out.Result.Files[0], len(out.Rejects))
			tw.sameStatus(t)
		}
	}
}

// FuzzSicapSQLCellRules fuzzes the cells of one contract written in each of
// sicapShapes between clean rows (every cell quoted by encoding/csv where it
// must be, so the file stays one the SQL path reads), loaded with or without
// --only-entity, and holds the SQL path to the SICAP reader: NA cells,
// states, codes with and without decorations, several winners, names with
// white space, CPV codes with their names, amounts in both notations, dates
// in and out of the window, kinds, currencies, yes/no and fund names. The
// seeds are rows of the real sample.
func FuzzSicapSQLCellRules(f *testing.F) {
	sample, err := os.ReadFile(sicapSample)
	if err != nil {
		f.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(sample)).ReadAll()
	if err != nil {
		f.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for i, r := range recs[1:] {
		if i%10 != 0 {
			continue
		}
		g := func(h string) string { return r[col[h]] }
		f.Add(uint8(i), g("item.noticeNo"), g("item.daAwardNoticeId"), g("details.sysNoticeState.text"), g("authority.fiscalNumber"),
			g("authority.entityName"), g("details.noticeEntityAddress.fiscalNumber"), g("details.noticeEntityAddress.organization"),
			g("item.contractObject"), g("item.cpvCode"), g("item.awardedValue"), "RON", g("details.finalizationDate"),
			g("item.publicationDate"), g("details.sysAcquisitionContractType.text"), g("details.sysEuropeanFund.text"))
	}
	f.Add(uint8(1), "CAN1", "7", "Atribuita", "", "4270740 - MUNICIPIUL SIBIU", "RO 14399840", "Şcoala  Ţara", "Lot", "45233140-2 Lucrări", "1.234,56", "eur", "15.01.2025", "NA", "Acord-cadru", "DA")
	f.Add(uint8(2), "CAN2", "NA", "atribuită", "RO4270740", "", "14399840,4267117", "Beta", "Lot", "NA", "1.234", "lei", "2025-02-30", "2025-02-01", "Contract subsecvent", "DA,NU")
	f.Add(uint8(4), "CAN3", "", "Anulata", "4270740", "X", "1800101221144", "Ion", "Lot", "45233140-23", "-1", "XX", "1989-01-01", "", "Comandă", "niciunul")
	dir := f.TempDir()
	tw := newSicapTwin(f)
	tw.loadCity(f, dir)
	n := 0
	f.Fuzz(func(t *testing.T, which uint8, notice, contractNo, state, buyer, buyerName, supplier, supplierName, title, cpv, value, currency, date1, date2, kind, eu string) {
		n++
		k := int(which) % len(sicapShapes)
		c := sicapCells{notice: notice, contractNo: contractNo, state: state, buyer: buyer, buyerName: buyerName, supplier: supplier,
			supplierName: supplierName, title: title, cpv: cpv, value: value, currency: currency, date1: date1, date2: date2, kind: kind, eu: eu, parent: contractNo}
		p := writeSicap(t, dir, fmt.Sprintf("c%d.csv", n), k, []sicapCells{c}, 3)
		tw.same(t, ingest.Options{Dataset: models.DatasetProcurement, Entity: map[bool]string{true: cityCUI}[which/3%2 == 1], OnlyEntity: which/3%2 == 1}, p)
		os.Remove(p)
	})
}

// legacyCP1250 writes text as a legacy Windows program does: in
// Windows-1250, with the cedilla letters ş ţ for ș ț, and ? for what the
// code page cannot write.
func legacyCP1250(text string) []byte {
	enc := charmap.Windows1250.NewEncoder()
	var out bytes.Buffer
	for _, r := range strings.NewReplacer("ș", "ş", "ț", "ţ", "Ș", "Ş", "Ț", "Ţ").Replace(text) {
		e, err := enc.String(string(r))
		if err != nil {
			e = "?"
		}
		out.WriteString(e)
	}
	return out.Bytes()
}

// resultWithoutTimes is etl load's --json result without what differs
// between two loads of the same file: its id, times and steps.
func resultWithoutTimes(t *testing.T, stdout string) map[string]any {
	t.Helper()
	var r map[string]any
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"load_id", "seconds", "steps"} {
		delete(r, k)
	}
	return r
}

// TestSicapSQLSwitch: etl load --sicap-sql and --sicap-sql=false load the
// sample alike (the same JSON result but for its times and ids), and the
// flag refuses what is not a yes or no.
func TestSicapSQLSwitch(t *testing.T) {
	dir := t.TempDir()
	var results []map[string]any
	for i, flag := range []string{"--sicap-sql", "--sicap-sql=false"} {
		db := filepath.Join(dir, fmt.Sprintf("w%d.duckdb", i))
		code, stdout, stderr := run(t, "load", "--db", db, "--dataset", "procurement", "--format", "sicap", flag, sicapSample, "--json")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", flag, code, stderr)
		}
		results = append(results, resultWithoutTimes(t, stdout))
	}
	if !reflect.DeepEqual(results[0], results[1]) {
		t.Fatalf("--sicap-sql and --sicap-sql=false differ:\n%v\n%v", results[0], results[1])
	}
	if f := results[0]["files"].([]any)[0].(map[string]any); f["rows_loaded"] != float64(105) {
		t.Fatalf("sample: %v", f)
	}
	if code, _, stderr := run(t, "load", "--db", filepath.Join(dir, "x.duckdb"), "--dataset", "procurement", "--format", "sicap", "--sicap-sql=poate", sicapSample); code != 2 || !strings.Contains(stderr, "sicap-sql") {
		t.Fatalf("--sicap-sql=poate: exit %d, %s", code, stderr)
	}
}
