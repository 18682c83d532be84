package ocds

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

const sibiu = "4270740" // fiscal code of Municipiul Sibiu (shared/data/ro_uat_cif_siruta_population_2021.csv)

type result struct {
	recs []*models.Record
	err  error // the error that ended the read, nil at io.EOF
}

func read(t *testing.T, r io.Reader, opt ingest.Options, cfg Config) (result, *Reader) {
	t.Helper()
	if opt.File == "" {
		opt.File = "test.json"
	}
	opt.Dataset = models.DatasetProcurement
	rd, err := OpenWith(r, opt, cfg)
	if err != nil {
		return result{err: err}, nil
	}
	defer rd.Close()
	var res result
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			return res, rd
		}
		if err != nil {
			res.err = err
			return res, rd
		}
		if len(rec.Values) != len(procurementFields) {
			t.Fatalf("record with %d values, want %d", len(rec.Values), len(procurementFields))
		}
		res.recs = append(res.recs, rec)
	}
}

func readFixture(t *testing.T, name string, opt ingest.Options, cfg Config) result {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opt.File = name
	res, _ := read(t, f, opt, cfg)
	if res.err != nil {
		t.Fatalf("%s: %v", name, res.err)
	}
	return res
}

func val(rec *models.Record, field string) any { return rec.Values[fieldIdx(field)] }

// row is the expectation for one good row; fields left zero are not checked
// except where noted.
type row struct {
	line                    int
	id, kind, parent        string
	buyer, supplier, supNam string
	title, cpv              string
	value                   models.Amount
	currency                string
	date                    time.Time
	procedure               string
	offers                  any // int64 or nil
	eu                      any // bool or nil
}

func checkRow(t *testing.T, rec *models.Record, w row) {
	t.Helper()
	if len(rec.Errors) > 0 {
		t.Fatalf("row %s rejected: %+v", w.id, rec.Errors)
	}
	if rec.Line != w.line {
		t.Errorf("%s: line %d, want %d", w.id, rec.Line, w.line)
	}
	want := map[string]any{
		"contract_id": w.id, "kind": w.kind, "buyer_cui": w.buyer, "supplier_cui": w.supplier, "supplier_name": w.supNam,
		"title": w.title, "cpv": w.cpv, "value": w.value, "currency": w.currency, "award_date": w.date,
		"procedure": w.procedure, "offers": w.offers, "eu_funded": w.eu,
	}
	if w.parent != "" {
		want["parent_id"] = w.parent
	} else {
		want["parent_id"] = nil
	}
	if w.procedure == "" {
		want["procedure"] = nil
	}
	for f, v := range want {
		if got := val(rec, f); got != v {
			t.Errorf("%s: %s = %#v, want %#v", w.id, f, got, v)
		}
	}
}

func TestRomanianReleasePackage(t *testing.T) {
	res := readFixture(t, "ro_release_package_1.1.json", ingest.Options{}, Config{})
	d := models.Date
	good := []row{
		{15, "ocds-b5fd17-ro-sb-1001/C1", "procedure_award", "", sibiu, "RO12345674", "SC Drumuri Exemplu SRL",
			"Contract de lucrări: modernizare strada Exemplu", "45233140-2", 1234567_89, "RON", d(2024, 3, 15), "Licitație deschisă (open)", int64(3), nil},
		{115, "ocds-b5fd17-ro-sb-1002/AC1", "framework_agreement", "", sibiu, "34567892", "Birotica Demo SRL",
			"Acord-cadru pentru furnituri de birou", "30192000-1", 500000_00, "RON", d(2024, 1, 20), "Licitație deschisă pentru încheierea unui acord-cadru (open)", int64(2), nil},
		{218, "ocds-b5fd17-ro-sb-1003/CS1", "call_off", "ocds-b5fd17-ro-sb-1002", sibiu, "34567892", "Birotica Demo SRL",
			"Contract subsecvent nr. 1: furnituri de birou", "30192000-1", 45000_50, "RON", d(2024, 4, 2), "Reluarea competiției (selective)", nil, nil},
		// a private person's CNP is masked by ingest.Finish; 00:30 at +03:00 stays 6 May
		{322, "ocds-b5fd17-ro-sb-1004/A1", "direct_purchase", "", sibiu, ingest.PrivateSupplierCode, ingest.PrivateSupplierName,
			"Servicii de mentenanță a site-ului", "72212000-4", 98000_00, "RON", d(2024, 5, 6), "Achiziție directă (direct)", nil, true},
		{510, "ocds-b5fd17-ro-sb-1006/A1", "procedure_award", "", sibiu, "AT-FB-123456a", "Beispiel Software GmbH",
			"Licențe software", "48000000-8", 12500_75, "EUR", d(2024, 7, 1), "Licitație deschisă (open)", int64(4), nil},
		{596, "ocds-b5fd17-ro-ab-2001/A1", "procedure_award", "", "4562923", "23456783", "Construcții Test SA",
			"Iluminat public", "34928500-3", 300000_00, "RON", d(2024, 2, 1), "open", nil, nil},
	}
	var ok, rejected []*models.Record
	for _, r := range res.recs {
		if len(r.Errors) == 0 {
			ok = append(ok, r)
		} else {
			rejected = append(rejected, r)
		}
	}
	if len(ok) != len(good) || len(rejected) != 2 {
		t.Fatalf("%d good and %d rejected rows, want %d and 2 (the consortium's two suppliers; the unsuccessful award is no row)", len(ok), len(rejected), len(good))
	}
	for i, w := range good {
		t.Run(w.id, func(t *testing.T) { checkRow(t, ok[i], w) })
	}
	t.Run("consortium", func(t *testing.T) {
		names := []string{}
		for _, r := range rejected {
			names = append(names, val(r, "supplier_name").(string))
			if len(r.Errors) != 1 {
				t.Fatalf("errors %+v", r.Errors)
			}
			e := r.Errors[0]
			if r.Line != 413 || e.Line != 413 || e.File != "ro_release_package_1.1.json" || e.Column != "releases[4].awards[0].suppliers" ||
				e.Value != "2" || !strings.Contains(e.Reason, "asociere") {
				t.Errorf("reject %+v on line %d", e, r.Line)
			}
			if val(r, "value") != models.Amount(2000000_00) {
				t.Errorf("value %v", val(r, "value"))
			}
		}
		if strings.Join(names, "|") != "Asociat Unu SRL|Asociat Doi SRL" {
			t.Errorf("one rejected row per supplier, got %v", names)
		}
	})
}

func TestRegisteredFormat(t *testing.T) {
	f, err := os.Open("testdata/release_package_1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := ingest.Check("ocds", models.DatasetProcurement, ""); err != nil {
		t.Fatal(err)
	}
	if err := ingest.Check("ocds", models.DatasetBudget, ""); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("budget from ocds: %v", err)
	}
	rr, err := ingest.Open("ocds", f, ingest.Options{Dataset: models.DatasetProcurement, File: "p.json"})
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Close()
	n := 0
	for {
		_, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d rows, want 2", n)
	}
}

func TestOCDS10ReleasePackage(t *testing.T) {
	res := readFixture(t, "release_package_1.0.json", ingest.Options{}, Config{})
	if len(res.recs) != 2 {
		t.Fatalf("%d rows, want 2", len(res.recs))
	}
	d := models.Date
	// buyer and suppliers inline with their identifier, no parties
	checkRow(t, res.recs[0], row{9, "ocds-b5fd17-ro-sb-0901/1", "procedure_award", "", sibiu, "23456783", "Salubris Exemplu SA",
		"Salubrizare stradală", "90612000-0", 249999_99, "RON", d(2015, 5, 20), "open", int64(2), nil})
	// no buyer: tender.procuringEntity, identifier without scheme; limited + "directă" details
	checkRow(t, res.recs[1], row{80, "ocds-b5fd17-ro-sb-0902/1", "direct_purchase", "", sibiu, "34567892", "Tipografia Exemplu SRL",
		"Tipărituri", "22458000-5", 8500_00, "RON", d(2015, 6, 1), "Cumpărare directă (limited)", nil, nil})
	if got := val(res.recs[0], "buyer_name"); got != "MUNICIPIUL SIBIU" {
		t.Errorf("buyer_name %v", got)
	}
}

func TestRecordPackages(t *testing.T) {
	d := models.Date
	t.Run("compiledRelease", func(t *testing.T) {
		res := readFixture(t, "record_package_compiled.json", ingest.Options{}, Config{})
		if len(res.recs) != 2 {
			t.Fatalf("%d rows, want 2", len(res.recs))
		}
		checkRow(t, res.recs[0], row{13, "ocds-b5fd17-ro-sb-1001/C1", "procedure_award", "", sibiu, "RO12345674", "SC Drumuri Exemplu SRL",
			"Contract de lucrări: modernizare strada Exemplu", "45233140-2", 1234567_89, "RON", d(2024, 3, 15), "Licitație deschisă (open)", int64(3), nil})
		checkRow(t, res.recs[1], row{125, "ocds-b5fd17-ro-sb-1004/A1", "direct_purchase", "", sibiu, ingest.PrivateSupplierCode, ingest.PrivateSupplierName,
			"Servicii de mentenanță a site-ului", "72212000-4", 98000_00, "RON", d(2024, 5, 6), "Achiziție directă (direct)", nil, true})
	})
	t.Run("embedded releases merged", func(t *testing.T) {
		// Releases listed newest first: the merge orders them by date. The
		// awardUpdate changes the amount (100000 -> 120000) and sets a
		// title, keeps the currency; the award release's tender update sets
		// numberOfTenderers 3 and keeps the tender's title and items.
		res := readFixture(t, "record_package_embedded.json", ingest.Options{}, Config{})
		if len(res.recs) != 1 {
			t.Fatalf("%d rows, want 1", len(res.recs))
		}
		checkRow(t, res.recs[0], row{10, "ocds-b5fd17-ro-sb-1101/A1", "procedure_award", "", sibiu, "12345674", "SC Drumuri Exemplu SRL",
			"Atribuire corectată", "39160000-1", 120000_00, "RON", d(2024, 3, 1), "Licitație deschisă (open)", int64(3), nil})
	})
}

func TestJSONLines(t *testing.T) {
	// Line 1-3: tender, award and contract releases of one process, compiled
	// into one contract row (not an award row plus a contract row); line 4 a
	// package; line 5 a lone release.
	res := readFixture(t, "releases.jsonl", ingest.Options{}, Config{})
	want := []struct {
		line  int
		id    string
		value models.Amount
	}{{1, "ocds-b5fd17-ro-sb-1201/C1", 650000_00}, {4, "ocds-b5fd17-ro-sb-1001/C1", 1234567_89}, {5, "ocds-b5fd17-ro-sb-1004/A1", 98000_00}}
	if len(res.recs) != len(want) {
		t.Fatalf("%d rows, want %d", len(res.recs), len(want))
	}
	for i, w := range want {
		r := res.recs[i]
		if len(r.Errors) > 0 || r.Line != w.line || val(r, "contract_id") != w.id || val(r, "value") != w.value {
			t.Errorf("row %d: line %d id %v value %v errors %+v; want %+v", i, r.Line, val(r, "contract_id"), val(r, "value"), r.Errors, w)
		}
	}
	if got := val(res.recs[0], "award_date"); got != models.Date(2024, 3, 20) {
		t.Errorf("compiled process date %v, want the contract's dateSigned", got)
	}
	if got := val(res.recs[0], "title"); got != "Deszăpezire" {
		t.Errorf("compiled process title %v, want the tender's", got)
	}
}

// TestParaguay reads the real DNCP release package. Expected values were
// computed with python3 (json.load with parse_float=Decimal): 1 release,
// ocid ocds-03ad3f-246807, no awards, buyer, parties or tender; 1 contract
// 246807-11-setiembre-srl-4 for awardID 246807-adqusicion-guantes-otros-
// insumos-medicos (an award not in the file), value 17875000 PYG
// (1787500000 bani), dateSigned 2013-04-05, contracts[0].suppliers (not in
// the standard) [{"name": "11 DE SETIEMBRE SRL"}], items classified in the
// DNCP catalogue under a key "schema" (not "scheme", and not CPV).
//
// How the file behaves: one row, for the contract, rejected: no buyer at
// all (KeepForeignIDs cannot help: there is no identifier to keep), no
// supplier fiscal code. It has no CPV either, which is no reason to reject
// (the code is unknown). The values that could be read are on the rejected
// row for the reject report.
func TestParaguay(t *testing.T) {
	for _, cfg := range []Config{{}, {KeepForeignIDs: true}} {
		f, err := os.Open("../../../shared/data/ocds_paraguay_dncp_release_package_1.1.json")
		if err != nil {
			t.Fatal(err)
		}
		res, _ := read(t, f, ingest.Options{File: "py.json"}, cfg)
		f.Close()
		if res.err != nil {
			t.Fatal(res.err)
		}
		if len(res.recs) != 1 {
			t.Fatalf("%d rows, want 1", len(res.recs))
		}
		r := res.recs[0]
		for f, v := range map[string]any{
			"contract_id":   "ocds-03ad3f-246807/246807-11-setiembre-srl-4",
			"value":         models.Amount(1787500000),
			"currency":      "PYG",
			"award_date":    models.Date(2013, 4, 5),
			"supplier_name": "11 DE SETIEMBRE SRL",
			"title":         "ADQUSICION DE GUANTES Y OTROS INSUMOS MEDICOS",
			"buyer_cui":     nil,
			"cpv":           nil,
		} {
			if got := val(r, f); got != v {
				t.Errorf("%s = %#v, want %#v", f, got, v)
			}
		}
		cols := []string{}
		for _, e := range r.Errors {
			cols = append(cols, e.Column)
			if e.Line != 1 || e.File != "py.json" {
				t.Errorf("error position %+v", e)
			}
		}
		want := "releases[0].buyer|releases[0].contracts[0].suppliers[0].identifier"
		if strings.Join(cols, "|") != want {
			t.Errorf("rejected on %v, want %s", cols, want)
		}
	}
}

func TestForeignBuyer(t *testing.T) {
	res := readFixture(t, "foreign_buyer.json", ingest.Options{}, Config{})
	if len(res.recs) != 1 || len(res.recs[0].Errors) != 1 {
		t.Fatalf("want one row with one error, got %+v", res.recs)
	}
	e := res.recs[0].Errors[0]
	if e.Column != "releases[0].parties[0].identifier.id" || e.Value != "12-1" || !strings.Contains(e.Reason, `"PY-PGE"`) {
		t.Errorf("reject %+v", e)
	}
	res = readFixture(t, "foreign_buyer.json", ingest.Options{}, Config{KeepForeignIDs: true})
	r := res.recs[0]
	if len(r.Errors) != 0 || val(r, "buyer_cui") != "PY-PGE-12-1" || val(r, "supplier_cui") != "PY-RUC-80012345-6" ||
		val(r, "value") != models.Amount(17875000_00) || val(r, "currency") != "PYG" || val(r, "award_date") != models.Date(2018, 1, 9) {
		t.Errorf("kept foreign ids: %v %+v", r.Values, r.Errors)
	}
}

func TestOtherBuyers(t *testing.T) {
	opt := ingest.Options{Entity: sibiu}
	res := readFixture(t, "ro_release_package_1.1.json", opt, Config{})
	alba := res.recs[len(res.recs)-1]
	if len(res.recs) != 8 || len(alba.Errors) != 1 || alba.Errors[0].Column != "buyer_cui" || !strings.Contains(alba.Errors[0].Reason, "altei instituții") {
		t.Fatalf("default: %d rows, last %+v", len(res.recs), alba.Errors)
	}

	f, err := os.Open("testdata/ro_release_package_1.1.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rr, err := OpenFiltered(f, ingest.Options{Dataset: models.DatasetProcurement, File: "x", Entity: sibiu})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		rec, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if val(rec, "buyer_cui") != sibiu {
			t.Errorf("row of buyer %v not skipped", val(rec, "buyer_cui"))
		}
		n++
	}
	if n != 7 || rr.(*Reader).SkippedRows()[models.SkipOtherEntity] != 1 {
		t.Errorf("filtered: %d rows, %v skipped; want 7 and 1", n, rr.(*Reader).SkippedRows())
	}
}

// release returns a minimal valid release package (one release, one award)
// after edit changes its release.
func release(edit func(r map[string]any)) string {
	r := map[string]any{
		"ocid": "ocds-x-1", "id": "1", "date": "2024-01-01T00:00:00Z", "tag": []any{"award"}, "initiationType": "tender",
		"parties": []any{
			map[string]any{"id": "B", "name": "Primăria", "identifier": map[string]any{"scheme": "RO-CUI", "id": sibiu}, "roles": []any{"buyer"}},
			map[string]any{"id": "S", "name": "Furnizor SRL", "identifier": map[string]any{"scheme": "RO-CUI", "id": "12345674"}},
		},
		"buyer":  map[string]any{"id": "B", "name": "Primăria"},
		"tender": map[string]any{"title": "Obiect", "items": []any{map[string]any{"id": "1", "classification": map[string]any{"scheme": "CPV", "id": "45233140-2"}}}},
		"awards": []any{map[string]any{"id": "A", "date": "2024-01-01T00:00:00Z", "value": map[string]any{"amount": json.Number("100.5"), "currency": "RON"},
			"suppliers": []any{map[string]any{"id": "S", "name": "Furnizor SRL"}}}},
	}
	if edit != nil {
		edit(r)
	}
	b, err := json.Marshal(map[string]any{"uri": "u", "publisher": map[string]any{"name": "p"}, "publishedDate": "2024-01-01T00:00:00Z", "version": "1.1", "releases": []any{r}})
	if err != nil {
		panic(err)
	}
	return string(b)
}

func award(r map[string]any) map[string]any { return r["awards"].([]any)[0].(map[string]any) }

func TestRowErrors(t *testing.T) {
	tests := []struct {
		name         string
		edit         func(r map[string]any)
		column, text string
	}{
		{"valid", nil, "", ""},
		{"no CPV", func(r map[string]any) {
			r["tender"].(map[string]any)["items"] = []any{map[string]any{"id": "1", "classification": map[string]any{"scheme": "UNSPSC", "id": "1"}}}
		}, "", ""},
		{"no items at all", func(r map[string]any) { delete(r["tender"].(map[string]any), "items") }, "", ""},
		{"CPV without check digit", func(r map[string]any) {
			r["tender"].(map[string]any)["items"].([]any)[0].(map[string]any)["classification"].(map[string]any)["id"] = "45233140"
		}, "releases[0].tender.items[0].classification.id", "cifra de control"},
		{"amount text", func(r map[string]any) { award(r)["value"].(map[string]any)["amount"] = "abc" }, "releases[0].awards[0].value.amount", "nu este un număr"},
		{"amount bool", func(r map[string]any) { award(r)["value"].(map[string]any)["amount"] = true }, "releases[0].awards[0].value.amount", "număr JSON"},
		{"amount missing", func(r map[string]any) { delete(award(r)["value"].(map[string]any), "amount") }, "releases[0].awards[0].value.amount", "lipsește valoarea"},
		{"negative amount", func(r map[string]any) { award(r)["value"].(map[string]any)["amount"] = json.Number("-5") }, "value", "valoare negativă"},
		{"bad date", func(r map[string]any) { award(r)["date"] = "01.02.2024" }, "releases[0].awards[0].date", "ISO 8601"},
		{"no date", func(r map[string]any) { delete(award(r), "date") }, "releases[0].awards[0].date", "lipsește data"},
		{"bad buyer CUI", func(r map[string]any) {
			r["parties"].([]any)[0].(map[string]any)["identifier"].(map[string]any)["id"] = "4270741"
		}, "releases[0].parties[0].identifier.id", "cifra de control"},
		{"no buyer", func(r map[string]any) { delete(r, "buyer"); r["parties"] = r["parties"].([]any)[1:] }, "releases[0].buyer", "autoritatea contractantă"},
		{"no supplier", func(r map[string]any) { delete(award(r), "suppliers") }, "releases[0].awards[0].suppliers", "ofertantul"},
		{"no ocid", func(r map[string]any) { delete(r, "ocid"); r["id"] = "x" }, "", ""}, // a top-level release needs an ocid; in a package it is read
		{"title not text", func(r map[string]any) { r["tender"].(map[string]any)["title"] = true }, "", ""},
		{"offers not integer", func(r map[string]any) { r["tender"].(map[string]any)["numberOfTenderers"] = json.Number("2.5") }, "releases[0].tender.numberOfTenderers", "întreg"},
		{"call-off without identifier", func(r map[string]any) {
			r["relatedProcesses"] = []any{map[string]any{"id": "1", "relationship": []any{"framework"}}}
		}, "releases[0].relatedProcesses[0].identifier", "acordul-cadru"},
		{"call-off named in words only", func(r map[string]any) {
			r["tender"].(map[string]any)["procurementMethodDetails"] = "Contract subsecvent la acordul-cadru nr. 12"
		}, "parent_id", "acordul-cadru"},
		{"award not an object", func(r map[string]any) { r["awards"] = []any{"x"} }, "releases[0].awards[0]", "obiect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := read(t, strings.NewReader(release(tt.edit)), ingest.Options{File: "r.json"}, Config{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if len(res.recs) != 1 {
				t.Fatalf("%d rows, want 1", len(res.recs))
			}
			errs := res.recs[0].Errors
			if tt.column == "" {
				switch tt.name {
				case "valid":
					if len(errs) > 0 || val(res.recs[0], "value") != models.Amount(100_50) || val(res.recs[0], "cpv") != "45233140-2" {
						t.Fatalf("valid row: %v %+v", res.recs[0].Values, errs)
					}
				case "no CPV", "no items at all":
					// A contract without a CPV code is read, the code unknown.
					if len(errs) > 0 || val(res.recs[0], "cpv") != nil || val(res.recs[0], "value") != models.Amount(100_50) {
						t.Fatalf("row without CPV: %v %+v", res.recs[0].Values, errs)
					}
				case "no ocid":
					if len(errs) != 1 || errs[0].Column != "releases[0].ocid" {
						t.Fatalf("errors %+v", errs)
					}
				case "title not text":
					if len(errs) != 1 || errs[0].Column != "releases[0].tender.title" || errs[0].Value != "true" {
						t.Fatalf("errors %+v", errs)
					}
				}
				return
			}
			found := false
			for _, e := range errs {
				if e.Column == tt.column && strings.Contains(e.Reason, tt.text) && e.File == "r.json" && e.Line == 1 {
					found = true
				}
			}
			if !found {
				t.Errorf("want error on %s ~%q, got %+v", tt.column, tt.text, errs)
			}
		})
	}
}

func TestFileErrors(t *testing.T) {
	ro, err := os.ReadFile("testdata/ro_release_package_1.1.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		in     string
		rows   int // rows read before the error
		reason string
	}{
		{"empty", "", 0, "gol"},
		{"only white space", " \n\t ", 0, "gol"},
		{"not JSON", "ocid,value\n1,2\n", 0, "nu este JSON"},
		{"UTF-8 BOM then garbage", "\ufeffx", 0, "nu este JSON"},
		{"top-level array of numbers", "[1, 2]", 0, "nu este OCDS"},
		{"top-level object without releases", `{"foo": 1}`, 0, "nu este un pachet OCDS"},
		{"releases not an array", `{"uri": "u", "releases": 5}`, 0, "trebuie să fie o listă"},
		{"syntax error", "{\"releases\": [\n{\"ocid\": \"x\",,}]}", 0, "JSON invalid la linia 2"},
		{"truncated in a release", `{"releases": [{"ocid": "x", "awards": [`, 0, "trunchiat"},
		{"truncated after a release", release(nil)[:len(release(nil))-2], 1, "trunchiat"},
		// cut at line 441, inside releases[4] (line 413): the four releases
		// before it give one row each (counted with python3 on the bytes)
		{"truncated real file", string(ro[:len(ro)*2/3]), 4, "trunchiat: se termină la linia 441, înainte de închiderea valorii începute la linia 413"},
		{"top-level scalar after a release", release(nil) + "\n42\n", 1, "nu este OCDS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := read(t, strings.NewReader(tt.in), ingest.Options{File: "bad.json"}, Config{})
			var fe *models.FileError
			if !errors.As(res.err, &fe) {
				t.Fatalf("error %v (%T), want *models.FileError", res.err, res.err)
			}
			if fe.File != "bad.json" || !strings.Contains(fe.Reason, tt.reason) || !errors.Is(res.err, models.ErrRefused) {
				t.Errorf("file error %q, want ~%q naming bad.json", fe.Error(), tt.reason)
			}
			if len(res.recs) != tt.rows {
				t.Errorf("%d rows before the error, want %d", len(res.recs), tt.rows)
			}
		})
	}
}

func TestBadElementsAreRowErrors(t *testing.T) {
	in := "{\"releases\": [\n5,\n" + releaseObj("ocds-x-1") + "]}"
	res, _ := read(t, strings.NewReader(in), ingest.Options{File: "b.json"}, Config{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.recs) != 2 {
		t.Fatalf("%d rows, want 2", len(res.recs))
	}
	e := res.recs[0].Errors
	if len(e) != 1 || e[0].Column != "releases[0]" || e[0].Line != 2 || e[0].Value != "5" {
		t.Errorf("bad element: %+v", e)
	}
	if len(res.recs[1].Errors) != 0 || res.recs[1].Line != 3 {
		t.Errorf("good element after it: line %d %+v", res.recs[1].Line, res.recs[1].Errors)
	}

	rec := `{"uri":"u","records":[{"ocid":"ocds-x-9","releases":[{"url":"https://x/1.json#1","date":"2024-01-01T00:00:00Z"}]}]}`
	res, _ = read(t, strings.NewReader(rec), ingest.Options{File: "r.json"}, Config{})
	if res.err != nil || len(res.recs) != 1 || len(res.recs[0].Errors) != 1 || res.recs[0].Errors[0].Column != "records[0].releases" ||
		!strings.Contains(res.recs[0].Errors[0].Reason, "doar legături") {
		t.Errorf("record with linked releases only: %v %+v", res.err, res.recs)
	}
}

func TestBOMAndDataset(t *testing.T) {
	res, _ := read(t, strings.NewReader("\ufeff\n"+release(nil)), ingest.Options{}, Config{})
	if res.err != nil || len(res.recs) != 1 || len(res.recs[0].Errors) > 0 || res.recs[0].Line != 2 {
		t.Errorf("BOM: %v %+v", res.err, res.recs)
	}
	if _, err := OpenWith(strings.NewReader("{}"), ingest.Options{Dataset: models.DatasetBudget}, Config{}); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("budget dataset: %v", err)
	}
}

func TestLinesInMinifiedAndIndentedFiles(t *testing.T) {
	// The same releases indented by hand: the row's line is the line of the
	// release's opening brace, wherever the commas are.
	in := "{\n  \"releases\": [\n" + "    " + releaseObj("ocds-a-1") + "\n    ,\n\n" + releaseObj("ocds-a-2") + ",\n\t" + releaseObj("ocds-a-3") + "]}\n" +
		releaseObj("ocds-a-4") + "\n\n" + releaseObj("ocds-a-5")
	res, _ := read(t, strings.NewReader(in), ingest.Options{}, Config{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	want := []int{3, 6, 7, 8, 10}
	if len(res.recs) != len(want) {
		t.Fatalf("%d rows", len(res.recs))
	}
	for i, r := range res.recs {
		if r.Line != want[i] || len(r.Errors) > 0 {
			t.Errorf("row %d: line %d, want %d (%+v)", i, r.Line, want[i], r.Errors)
		}
	}
}

func releaseObj(ocid string) string {
	s := release(func(r map[string]any) { r["ocid"] = ocid })
	i := strings.Index(s, `"releases":[`) + len(`"releases":[`)
	j := strings.LastIndex(s, `],"uri"`)
	return s[i:j]
}

func TestBani(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want models.Amount
		err  string
	}{
		{"integer", json.Number("17875000"), 1787500000, ""},
		{"two decimals", json.Number("1234567.89"), 123456789, ""},
		{"one decimal", json.Number("0.5"), 50, ""},
		{"trailing zeros", json.Number("1.2300"), 123, ""},
		{"exponent", json.Number("1.5e6"), 150000000, ""},
		{"negative exponent", json.Number("1e-2"), 1, ""},
		{"negative", json.Number("-12.3"), -1230, ""},
		{"zero", json.Number("0"), 0, ""},
		{"quoted number", "2500.10", 250010, ""},
		// A third decimal is rounded half away from zero, as in every reader
		// (docs/mapping.md, "Numbers").
		{"three decimals", json.Number("0.005"), 1, ""},
		{"tiny exponent", json.Number("1e-3"), 0, ""},
		{"huge", json.Number("1e30"), 0, "prea mare"},
		{"huge exponent", json.Number("1e9999999"), 0, "nu este un număr"},
		{"max", json.Number("92233720368547758.07"), 0, "prea mare"},
		{"big but fits", json.Number("9999999999999999.99"), 999999999999999999, ""},
		{"thousands comma", "1,234.50", 0, "nu este un număr"},
		{"empty text", "", 0, "nu este un număr"},
		{"object", map[string]any{}, 0, "număr JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bani(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("bani(%v) = %v, %v; want error ~%q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("bani(%v) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		name, in string
		want     time.Time
		ok       bool
	}{
		{"UTC", "2024-03-15T10:00:00Z", models.Date(2024, 3, 15), true},
		{"local day kept", "2024-05-06T00:30:00+03:00", models.Date(2024, 5, 6), true},
		{"fraction", "2024-05-06T23:59:59.999-05:00", models.Date(2024, 5, 6), true},
		{"date only", "2024-02-01", models.Date(2024, 2, 1), true},
		{"no zone", "2024-02-01T10:00:00", models.Date(2024, 2, 1), true},
		{"impossible", "2024-02-30T10:00:00Z", time.Time{}, false},
		{"romanian", "01.02.2024", time.Time{}, false},
		{"garbage after", "2024-02-01Tabc", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := date(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Fatalf("date(%q) = %v, %v", tt.in, got, err)
			}
		})
	}
}

func TestCompile(t *testing.T) {
	var rels []obj
	for _, s := range []string{
		`{"ocid":"o","date":"2024-03-01T00:00:00Z","awards":[{"id":"1","value":{"amount":5}},{"id":"2","title":"b"}],"tag":["award"]}`,
		`{"ocid":"o","date":"2024-01-01T00:00:00Z","tender":{"title":"t","items":[{"id":"i"}]},"tag":["tender"],"planning":{"x":1}}`,
		`{"ocid":"o","date":"2024-04-01T00:00:00Z","awards":[{"id":"1","value":{"currency":"EUR"}},{"id":3}],"tag":["awardUpdate"],"planning":null}`,
	} {
		var m obj
		d := json.NewDecoder(strings.NewReader(s))
		d.UseNumber()
		if err := d.Decode(&m); err != nil {
			t.Fatal(err)
		}
		rels = append(rels, m)
	}
	got, err := json.Marshal(compile(rels))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"awards":[{"id":"1","value":{"amount":5,"currency":"EUR"}},{"id":"2","title":"b"},{"id":3}],"date":"2024-04-01T00:00:00Z","ocid":"o","tag":["awardUpdate"],"tender":{"items":[{"id":"i"}],"title":"t"}}`
	if string(got) != want {
		t.Errorf("compiled\n%s\nwant\n%s", got, want)
	}
}

// TestFixturesValidAgainstSchema validates every fixture against the OCDS
// 1.1.5 schemas in ../shared/data with a JSON Schema library (draft 4,
// formats asserted). Each line of a .jsonl file is validated as a release
// package when it has "releases", else as a release. The 1.0 fixture is
// validated against the 1.1.5 schemas too: 1.1 keeps the 1.0 fields
// (identifier on an organization reference) as deprecated.
func TestFixturesValidAgainstSchema(t *testing.T) {
	const dir = "../../../shared/data/ocds-1.1.5-schema"
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat()
	ids := map[string]string{}
	for _, name := range []string{"release-schema.json", "release-package-schema.json", "record-package-schema.json"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		id, _ := doc.(map[string]any)["id"].(string)
		if id == "" {
			t.Fatalf("%s has no id", name)
		}
		if err := c.AddResource(id, doc); err != nil {
			t.Fatal(err)
		}
		ids[name] = id
	}
	// The record package refers to the versioned release schema, which
	// ../shared/data does not ship (and no test reaches the network for):
	// no fixture has a versionedRelease, so it stands as a schema that
	// accepts anything.
	versioned := strings.Replace(ids["release-schema.json"], "release-schema.json", "versioned-release-validation-schema.json", 1)
	if err := c.AddResource(versioned, map[string]any{}); err != nil {
		t.Fatal(err)
	}
	schema := map[string]*jsonschema.Schema{}
	for name, id := range ids {
		sch, err := c.Compile(id)
		if err != nil {
			t.Fatalf("compile %s: %v", name, err)
		}
		schema[name] = sch
	}
	check := func(label string, data []byte) {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		m, _ := doc.(map[string]any)
		name := "release-schema.json"
		if _, ok := m["records"]; ok {
			name = "record-package-schema.json"
		} else if _, ok := m["releases"]; ok {
			name = "release-package-schema.json"
		}
		if err := schema[name].Validate(doc); err != nil {
			t.Errorf("%s is not valid against %s: %v", label, name, err)
		}
	}
	files, _ := filepath.Glob("testdata/*.json*")
	validated := 0
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(path, ".jsonl") {
			for i, line := range bytes.Split(b, []byte("\n")) {
				if len(bytes.TrimSpace(line)) > 0 {
					check(fmt.Sprintf("%s:%d", path, i+1), line)
				}
			}
		} else {
			check(path, b)
		}
		validated++
	}
	if validated != 6 {
		t.Errorf("%d fixtures validated, want 6", validated)
	}
	// The validator can fail: a release without its ocid is refused.
	if err := schema["release-schema.json"].Validate(map[string]any{"id": "r", "date": "2024-01-01T00:00:00Z", "tag": []any{"award"}, "initiationType": "tender"}); err == nil {
		t.Fatal("a release without ocid passed validation")
	}
}
