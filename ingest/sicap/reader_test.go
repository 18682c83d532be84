package sicap_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/sicap"
	"github.com/deschis/deschis/models"
)

const realSample = "../../../shared/data/ro_sicap_achizitii_directe_offline_sample.csv"

func field(name string) int { return models.FieldIndex(models.DatasetProcurement, name) }

// readAll reads every record of r; a file error ends the reading and is returned.
func readAll(t *testing.T, rr models.RowReader) ([]*models.Record, error) {
	t.Helper()
	var out []*models.Record
	for {
		rec, err := rr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
}

func openFile(t *testing.T, path string, opt ingest.Options, keepOnly bool) (*sicap.Reader, []*models.Record) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	opt.Dataset, opt.File = models.DatasetProcurement, path
	r, err := sicap.OpenFiltered(f, opt, keepOnly)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	recs, err := readAll(t, r)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return r, recs
}

// byLine indexes records by the line where they start.
func byLine(recs []*models.Record) map[int]*models.Record {
	m := map[int]*models.Record{}
	for _, r := range recs {
		m[r.Line] = r
	}
	return m
}

// want checks the named fields of a record that loaded.
func want(t *testing.T, rec *models.Record, fields map[string]any) {
	t.Helper()
	if rec == nil {
		t.Fatal("record missing")
	}
	if len(rec.Errors) > 0 {
		t.Fatalf("line %d rejected: %v", rec.Line, rec.Errors)
	}
	for name, w := range fields {
		got := rec.Values[field(name)]
		if wt, ok := w.(time.Time); ok {
			if gt, _ := got.(time.Time); !gt.Equal(wt) {
				t.Errorf("line %d %s = %v, want %v", rec.Line, name, got, w)
			}
			continue
		}
		if got != w {
			t.Errorf("line %d %s = %#v, want %#v", rec.Line, name, got, w)
		}
	}
}

// wantReject checks that a record was rejected on the named source column.
func wantReject(t *testing.T, rec *models.Record, column, reasonPart string) {
	t.Helper()
	if rec == nil {
		t.Fatal("record missing")
	}
	for _, e := range rec.Errors {
		if e.Column == column && strings.Contains(e.Reason, reasonPart) {
			if e.Line != rec.Line || e.File == "" {
				t.Errorf("error %+v: line/file not set", e)
			}
			return
		}
	}
	t.Errorf("line %d: want an error on column %q containing %q, got %+v", rec.Line, column, reasonPart, rec.Errors)
}

// The real sample: 105 award notices of offline direct purchases. The
// expected numbers were computed apart from this code, with Python's csv
// module and decimal.Decimal over item.awardedValue: 105 rows summing to
// 4,995,757.33 lei; the one row whose authority.fiscalNumber is "R4278337"
// (DAN2226025, 11,950 lei, starting on physical line 22) loads too: a lone R
// before a code that passes the check digit is a decoration.
func TestRealSampleDirectPurchases(t *testing.T) {
	f, err := os.Open(realSample)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rr, err := ingest.Open("sicap", f, ingest.Options{Dataset: models.DatasetProcurement, File: "sample.csv"})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := readAll(t, rr)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 105 {
		t.Fatalf("records = %d, want 105", len(recs))
	}
	var loaded int
	var total models.Amount
	for _, r := range recs {
		if len(r.Errors) > 0 {
			continue
		}
		loaded++
		total += r.Values[field("value")].(models.Amount)
		if k := r.Values[field("kind")]; k != string(models.DirectPurchase) {
			t.Errorf("line %d kind %v", r.Line, k)
		}
		if r.Values[field("buyer_name")] == nil || r.Values[field("currency")] != "RON" {
			t.Errorf("line %d: buyer name or currency missing: %v", r.Line, r.Values)
		}
	}
	if loaded != 105 || total != 499575733 {
		t.Errorf("loaded %d rows for %s lei, want 105 for 4995757.33", loaded, total)
	}
	lines := byLine(recs)
	// "R4278337": a lone R before a code that passes the check digit is a
	// decoration (rules.FiscalCode), no longer a reject.
	want(t, lines[22], map[string]any{"buyer_cui": "4278337", "value": models.Amount(11950_00)})
	want(t, lines[2], map[string]any{
		"contract_id": "DAN2304786", "buyer_cui": "11316859", "buyer_name": "URBAN SA SLOBOZIA",
		"supplier_cui": "14403470", "supplier_name": "S.C. UNIX S.R.L.", "cpv": "71356200-0",
		"value": models.Amount(105000_00), "award_date": models.Date(2024, 11, 1), "eu_funded": true,
	})
	// A decimal value, a multi-line neighbour above, the finalisation date
	// (2024-03-26) rather than the publication date (2024-10-23).
	want(t, lines[4], map[string]any{
		"contract_id": "DAN2297119", "buyer_cui": "26691155", "supplier_cui": "40313368",
		"supplier_name": "S.C. GAMCOM SERVICES S.R.L. S.R.L.", "cpv": "80500000-9",
		"value": models.Amount(630_25), "award_date": models.Date(2024, 3, 26), "eu_funded": true,
	})
	// "RO 4317754" as the buyer's code.
	want(t, lines[50], map[string]any{"contract_id": "DAN2068609", "buyer_cui": "4317754", "value": models.Amount(573_00),
		"supplier_cui": "30394080", "award_date": models.Date(2023, 11, 7)})
	// "RO 15016137" as the supplier's code; "-" as the European fund.
	want(t, lines[77], map[string]any{"contract_id": "DAN1920735", "supplier_cui": "15016137",
		"supplier_name": "SC ALEXPROIECT SRL", "value": models.Amount(5700_00), "eu_funded": false,
		"cpv": "71328000-3", "award_date": models.Date(2023, 4, 25)})
	if title := lines[2].Values[field("title")].(string); !strings.Contains(title, "obiectul de investiții") {
		t.Errorf("cedilla ţ not rewritten to ț: %q", title)
	}
	if s := rr.(*sicap.Reader).Shape(); s != "api-anunturi-achizitii-directe" {
		t.Errorf("shape %s", s)
	}
}

func TestProcedureAwardAPI(t *testing.T) {
	r, recs := openFile(t, "testdata/api_anunturi_atribuire.csv", ingest.Options{}, false)
	if r.Shape() != "api-anunturi-atribuire" {
		t.Fatalf("shape %s", r.Shape())
	}
	if len(recs) != 6 || r.SkippedRows()[models.SkipNotAwarded] != 1 {
		t.Fatalf("records %d, skipped %+v; want 6 and one cancelled notice", len(recs), r.SkippedRows())
	}
	lines := byLine(recs)
	want(t, lines[2], map[string]any{
		"contract_id": "CAN1093451/112", "kind": "procedure_award", "buyer_cui": "4267117",
		"buyer_name": "MUNICIPIUL TIMISOARA", "supplier_cui": "14311864", "supplier_name": "SC DRUMURI SA",
		"title": `Modernizare strada Lot 1 - "Calea Sagului"`, "cpv": "45233140-2",
		"value": models.Amount(2000000_25), "currency": "RON", "award_date": models.Date(2024, 3, 1),
		"procedure": "Licitatie deschisa", "offers": int64(3), "eu_funded": true,
	})
	// The second lot of the same notice: its own key, value and winner.
	want(t, lines[3], map[string]any{
		"contract_id": "CAN1093451/113", "supplier_cui": "15987652", "value": models.Amount(1500000_25),
		"title": "Modernizare strada Lot 2\n(pod peste Bega)", "offers": int64(1), "eu_funded": false,
	})
	want(t, lines[5], map[string]any{"contract_id": "CAN1100001/AC-7", "kind": "framework_agreement",
		"value": models.Amount(800000_00), "cpv": "09134100-8"})
	// A contract in euro: the contract's value with its currency, not the
	// notice's total in lei; a foreign supplier code kept as written.
	want(t, lines[7], map[string]any{"contract_id": "CAN1100003/S-19", "buyer_cui": "4270740",
		"value": models.Amount(20000_00), "currency": "EUR", "supplier_cui": "DE123456789"})
	wantReject(t, lines[8], "noticeContracts.items.winner.fiscalNumber", "mai mulți câștigători")
	// A call-off whose notice does not name its framework agreement.
	wantReject(t, lines[9], "acordul-cadru părinte", "trebuie să numească acordul-cadru")
	if lines[6] != nil {
		t.Error("the cancelled notice (line 6) was not skipped")
	}
}

func TestDataGov2018Caret(t *testing.T) {
	r, recs := openFile(t, "testdata/datagov_contracte_2018.csv", ingest.Options{}, false)
	if r.Shape() != "datagov-contracte-2018" || len(recs) != 5 {
		t.Fatalf("shape %s, %d records", r.Shape(), len(recs))
	}
	lines := byLine(recs)
	want(t, lines[2], map[string]any{
		"contract_id": "CAN200001/45", "kind": "procedure_award", "buyer_cui": "4267117",
		"supplier_cui": "33333338", "value": models.Amount(150000_50), "award_date": models.Date(2018, 3, 15),
		"offers": int64(4), "eu_funded": false, "procedure": "Licitatie deschisa", "cpv": "45233140-2",
	})
	want(t, lines[3], map[string]any{"contract_id": "CAN200002/AC1", "kind": "framework_agreement",
		"value": models.Amount(1000000_00), "eu_funded": true})
	// The 2018 export does not name the framework agreement of a call-off.
	wantReject(t, lines[4], "acordul-cadru părinte", "trebuie să numească acordul-cadru")
	// ValoareRON is preferred to Valoare+Moneda; no contract date: the notice's date.
	want(t, lines[5], map[string]any{"value": models.Amount(46500_00), "currency": "RON",
		"award_date": models.Date(2018, 6, 10), "supplier_cui": "DE123456789"})
	// A private person (a CNP) as supplier is masked by ingest.Finish.
	want(t, lines[6], map[string]any{"supplier_cui": ingest.PrivateSupplierCode, "supplier_name": ingest.PrivateSupplierName,
		"value": models.Amount(9000_00)})
}

func TestDataGov2020Windows1250Semicolon(t *testing.T) {
	r, recs := openFile(t, "testdata/datagov_contracte_2020_cp1250.csv", ingest.Options{}, false)
	if r.Shape() != "datagov-contracte-2020" || len(recs) != 6 {
		t.Fatalf("shape %s, %d records", r.Shape(), len(recs))
	}
	lines := byLine(recs)
	want(t, lines[2], map[string]any{
		"contract_id": "CAN300001/1", "buyer_cui": "4267117", "buyer_name": "MUNICIPIUL TIMIȘOARA",
		"supplier_name": "Construcții Ș.A.", "title": "Modernizare; etapa I", "procedure": "Licitație deschisă",
		"value": models.Amount(1234567_89), "award_date": models.Date(2021, 3, 15), "eu_funded": true, "offers": int64(3),
	})
	want(t, lines[3], map[string]any{"kind": "framework_agreement", "value": models.Amount(2500000_00)})
	want(t, lines[4], map[string]any{"kind": "call_off", "parent_id": "CAN300002/1", "value": models.Amount(120000_50)})
	// 250.000 alone could be 250 or 250000; the head of the file shows
	// decimal commas, so the file is in notation ro (rules.NotationOf).
	want(t, lines[5], map[string]any{"value": models.Amount(250000_00)})
	want(t, lines[6], map[string]any{"value": models.Amount(1234_50), "supplier_cui": "33333338"})
	// 12,345: a third decimal is rounded half away from zero (docs/mapping.md).
	want(t, lines[7], map[string]any{"value": models.Amount(12_35)})

	// Totals count call-offs and never the framework agreement: computed by
	// hand from the fixture, 1234567.89 + 120000.50 + 250000 + 1234.50 + 12.35.
	var total models.Amount
	for _, rec := range recs {
		if len(rec.Errors) == 0 && models.ContractKind(rec.Values[field("kind")].(string)).CountsInTotal() {
			total += rec.Values[field("value")].(models.Amount)
		}
	}
	if total != 1605815_24 {
		t.Errorf("total %s, want 1605815.24", total)
	}
}

func TestEntity(t *testing.T) {
	const path = "testdata/api_anunturi_atribuire.csv"
	t.Run("other buyers rejected", func(t *testing.T) {
		_, recs := openFile(t, path, ingest.Options{Entity: "4270740"}, false)
		if len(recs) != 6 {
			t.Fatalf("%d records", len(recs))
		}
		wantReject(t, byLine(recs)[2], "item.contractingAuthorityNameAndFN", "altei instituții")
		want(t, byLine(recs)[7], map[string]any{"buyer_cui": "4270740"})
	})
	t.Run("keep only the entity", func(t *testing.T) {
		r, recs := openFile(t, path, ingest.Options{Entity: "RO 4270740"}, true)
		if len(recs) != 2 || r.SkippedRows()[models.SkipOtherEntity] != 4 {
			t.Fatalf("%d records, skipped %+v; want Sibiu's 2 and 4 of Timișoara skipped", len(recs), r.SkippedRows())
		}
		for _, rec := range recs {
			if rec.Line != 7 && rec.Line != 8 {
				t.Errorf("line %d is not Sibiu's", rec.Line)
			}
		}
	})
}

// daHeader is the header of the real sample; daRow one of its rows, as a map
// a test can spoil one cell of.
const daHeader = `"item.daAwardNoticeId","item.noticeNo","item.publicationDate","details.finalizationDate","details.sysNoticeState.text","details.sysAcquisitionContractType.text","details.sysEuropeanFund.text","item.awardedValue","item.contractObject","item.cpvCategory","item.cpvCode","authority.entityId","authority.fiscalNumber","authority.entityName","authority.city","authority.county","details.noticeEntityAddress.noticeEntityAddressID","details.noticeEntityAddress.fiscalNumber","details.noticeEntityAddress.organization","details.noticeEntityAddress.city"`

func daRow(change map[string]string) string {
	v := map[string]string{
		"item.daAwardNoticeId": "1", "item.noticeNo": "DAN1", "item.publicationDate": "2024-11-01",
		"details.finalizationDate": "2024-10-30", "details.sysNoticeState.text": "Publicat",
		"details.sysAcquisitionContractType.text": "Servicii", "details.sysEuropeanFund.text": "-",
		"item.awardedValue": "1000", "item.contractObject": "Servicii", "item.cpvCategory": "SERVICII",
		"item.cpvCode": "79341000-6 - Servicii de publicitate (Rev.2)", "authority.entityId": "1",
		"authority.fiscalNumber": "4267117", "authority.entityName": "MUNICIPIUL TIMISOARA", "authority.city": "Timisoara",
		"authority.county": "Timis", "details.noticeEntityAddress.noticeEntityAddressID": "2",
		"details.noticeEntityAddress.fiscalNumber": "14311864", "details.noticeEntityAddress.organization": "ALFA SRL",
		"details.noticeEntityAddress.city": "Timisoara",
	}
	for k, x := range change {
		v[k] = x
	}
	var cells []string
	for _, h := range strings.Split(daHeader, ",") {
		cells = append(cells, `"`+strings.ReplaceAll(v[strings.Trim(h, `"`)], `"`, `""`)+`"`)
	}
	return strings.Join(cells, ",")
}

func TestBadRows(t *testing.T) {
	cases := []struct {
		name, column, value, reason string
	}{
		{"malformed CPV", "item.cpvCode", "7934100-6 - Servicii", "nu are forma 12345678-9"},
		{"impossible date", "details.finalizationDate", "2024-02-30", "dată imposibilă"},
		{"date out of range", "details.finalizationDate", "1980-01-01", "în afara intervalului"},
		{"impossible year", "details.finalizationDate", "0001-01-01", "dată imposibilă"},
		{"negative value", "item.awardedValue", "-100", "valoare negativă"},
		{"garbled value", "item.awardedValue", "12a34", "nu este o sumă"},
		{"grouped value in an API export", "item.awardedValue", "1,234.50", "export al API-ului"},
		{"missing supplier", "details.noticeEntityAddress.organization", "NA", "obligatorie lipsă"},
		{"missing value", "item.awardedValue", "", "obligatorie lipsă"},
		{"missing CPV", "item.cpvCode", "NA", "SICAP dă fiecărui anunț un cod CPV"},
		{"bad buyer check digit", "authority.fiscalNumber", "4267118", "cifra de control"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := daHeader + "\n" + daRow(map[string]string{tc.column: tc.value}) + "\n" + daRow(nil) + "\n"
			r, err := sicap.OpenFiltered(strings.NewReader(in), ingest.Options{File: "f.csv"}, false)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := readAll(t, r)
			if err != nil || len(recs) != 2 {
				t.Fatalf("%d records, %v", len(recs), err)
			}
			wantReject(t, recs[0], tc.column, tc.reason)
			if e := recs[0].Errors[0]; e.Line != 2 || e.File != "f.csv" {
				t.Errorf("error at %s line %d, want f.csv line 2", e.File, e.Line)
			}
			want(t, recs[1], map[string]any{"contract_id": "DAN1", "value": models.Amount(1000_00)})
		})
	}
}

func TestFileErrors(t *testing.T) {
	cases := []struct {
		name, in   string
		wantReason []string
	}{
		{"empty", "", []string{"gol"}},
		{"unknown header", "Nume;Suma\nx;1\n", []string{"niciunei forme SICAP", "api-anunturi-achizitii-directe", "datagov-contracte-2018", "datagov-achizitii-directe-2020", "Nume, Suma"}},
		{"required column missing", strings.Replace(daHeader, `"item.cpvCode"`, `"item.cpv"`, 1) + "\n", []string{"api-anunturi-achizitii-directe", "codul CPV"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sicap.OpenFiltered(strings.NewReader(tc.in), ingest.Options{File: "x.csv"}, false)
			var fe *models.FileError
			if !errors.As(err, &fe) || fe.File != "x.csv" || !errors.Is(err, models.ErrRefused) {
				t.Fatalf("err = %v, want a *FileError for x.csv", err)
			}
			for _, w := range tc.wantReason {
				if !strings.Contains(fe.Reason, w) {
					t.Errorf("reason %q lacks %q", fe.Reason, w)
				}
			}
		})
	}
}

func TestTruncatedFile(t *testing.T) {
	full := daHeader + "\n" + daRow(nil) + "\n" + daRow(map[string]string{"item.noticeNo": "DAN2"}) + "\n"
	t.Run("inside a quoted field", func(t *testing.T) {
		cut := full[:len(full)-40]
		r, err := sicap.OpenFiltered(strings.NewReader(cut), ingest.Options{File: "t.csv"}, false)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := readAll(t, r)
		var fe *models.FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "linia 3") {
			t.Fatalf("err = %v, want a file error naming line 3", err)
		}
		if len(recs) != 1 || len(recs[0].Errors) != 0 {
			t.Errorf("the complete row before the cut: %v", recs)
		}
	})
	t.Run("between fields", func(t *testing.T) {
		cut := full[:strings.LastIndex(full, `,"MUNICIPIUL`)] + "\n"
		r, err := sicap.OpenFiltered(strings.NewReader(cut), ingest.Options{File: "t.csv"}, false)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := readAll(t, r)
		if err != nil || len(recs) != 2 {
			t.Fatalf("%d records, %v", len(recs), err)
		}
		wantReject(t, recs[1], "*", "rândul are 13 coloane, antetul are 20")
	})
	t.Run("between fields, the file ending there", func(t *testing.T) {
		// The real sample cut after the fifth cell of its last row (line 116).
		data, err := os.ReadFile(realSample)
		if err != nil {
			t.Fatal(err)
		}
		body := bytes.TrimRight(data, "\r\n")
		at := bytes.LastIndexByte(body, '\n') + 1
		for range 5 {
			at += bytes.IndexByte(body[at:], ',') + 1
		}
		r, err := sicap.OpenFiltered(bytes.NewReader(body[:at+2]), ingest.Options{File: "t.csv"}, false)
		if err != nil {
			t.Fatal(err)
		}
		_, err = readAll(t, r)
		var fe *models.FileError
		if !errors.As(err, &fe) || !errors.Is(err, models.ErrRefused) || !strings.Contains(fe.Reason, "fișier trunchiat: ultimul rând (linia 116) are 6 din") {
			t.Fatalf("err = %v, want the file refused as truncated at line 116", err)
		}
	})
}

func TestBareQuoteIsOneRow(t *testing.T) {
	lines, _ := os.ReadFile("testdata/datagov_contracte_2018.csv")
	parts := strings.SplitN(string(lines), "\r\n", 3)
	in := parts[0] + "\r\n" + strings.Replace(parts[1], "SC DRUMURI SA", `SC "DRUMURI" SA`, 1) + "\r\n" + parts[2]
	r, err := sicap.OpenFiltered(strings.NewReader(in), ingest.Options{File: "q.csv"}, false)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := readAll(t, r)
	if err != nil || len(recs) != 5 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	wantReject(t, recs[0], "*", "ghilimele")
	want(t, recs[1], map[string]any{"kind": "framework_agreement"})
}

// The notation of a spreadsheet file's amounts is decided once, from the
// head of the file, before any row is read (rules.NotationOf): an ambiguous
// value reads the same whether the values that decide come before or after
// it, and a file whose head shows both conventions refuses it.
func TestNotationIsDecidedPerFileNotLearnt(t *testing.T) {
	header := "Autoritate contractantă;CUI autoritate contractantă;Tip procedură;Număr anunț atribuire;Data publicare;Tip contract;Cod CPV;Denumire CPV;Număr contract;Data contract;Denumire contract;Valoare contract (RON);Ofertant câștigător;CUI ofertant câștigător;Număr oferte primite;Tip încheiere contract;Fonduri comunitare;Număr anunț atribuire acord cadru\n"
	row := func(notice, value string) string {
		return "MUNICIPIUL TIMIȘOARA;RO4267117;Licitație deschisă;" + notice + ";20.03.2021;Lucrări;45233140-2;Lucrări de drumuri;1;15.03.2021;Drumuri;" + value + ";Construcții SA;14311864;3;Contract;DA;\n"
	}
	dir := t.TempDir()
	read := func(name string, rows ...string) map[int]*models.Record {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(header+strings.Join(rows, "")), 0o644); err != nil {
			t.Fatal(err)
		}
		_, recs := openFile(t, p, ingest.Options{}, false)
		return byLine(recs)
	}
	// The comma decimal comes after the ambiguous value: 250.000 is 250000 lei.
	lines := read("after.csv", row("CAN1", "250.000"), row("CAN2", "12,5"))
	want(t, lines[2], map[string]any{"value": models.Amount(250000_00)})
	want(t, lines[3], map[string]any{"value": models.Amount(12_50)})
	// A point decimal in the head: 250.000 is 250 lei, wherever it is.
	lines = read("point.csv", row("CAN1", "250.000"), row("CAN2", "12.5"))
	want(t, lines[2], map[string]any{"value": models.Amount(250_00)})
	// Both conventions: the ambiguous value is refused, not guessed.
	lines = read("both.csv", row("CAN1", "12,5"), row("CAN2", "12.5"), row("CAN3", "250.000"))
	wantReject(t, lines[4], "Valoare contract (RON)", "ambiguu")
}
