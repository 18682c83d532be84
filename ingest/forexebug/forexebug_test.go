package forexebug

import (
	"bytes"
	"errors"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// readAll reads every record of r; err is the error that stopped the reader.
func readAll(t testing.TB, r io.Reader, opt ingest.Options) ([]*models.Record, *Reader, error) {
	t.Helper()
	if opt.File == "" {
		opt.File = "raport.xml"
	}
	rd, err := Open(r, opt)
	if err != nil {
		return nil, nil, err
	}
	defer rd.Close()
	var out []*models.Record
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			return out, rd, nil
		}
		if err != nil {
			return out, rd, err
		}
		out = append(out, rec)
	}
}

func readFixture(t *testing.T, name string) ([]*models.Record, *Reader) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, rd, err := readAll(t, f, ingest.Options{Dataset: models.DatasetBudget, File: name})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, r := range recs {
		if len(r.Errors) > 0 {
			t.Errorf("%s line %d: unexpected errors %v", name, r.Line, r.Errors)
		}
	}
	return recs, rd
}

func get(rec *models.Record, field string) any {
	return rec.Values[models.FieldIndex(models.DatasetBudget, field)]
}

func str(rec *models.Record, field string) string { s, _ := get(rec, field).(string); return s }

func amt(rec *models.Record, field string) (models.Amount, bool) {
	a, ok := get(rec, field).(models.Amount)
	return a, ok
}

// totals sums a measure by kind.
func totals(recs []*models.Record, field string) map[string]models.Amount {
	out := map[string]models.Amount{}
	for _, r := range recs {
		if a, ok := amt(r, field); ok {
			out[str(r, "kind")] += a
		}
	}
	return out
}

// lineOf returns the 1-based line of the n-th (0-based) occurrence of s in the file.
func lineOf(t *testing.T, content []byte, s string, n int) int {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := bytes.Index(content[off:], []byte(s))
		if j < 0 {
			t.Fatalf("%q occurrence %d not found", s, n)
		}
		if i == n {
			return bytes.Count(content[:off+j], []byte("\n")) + 1
		}
		off += j + len(s)
	}
}

type wantLine struct {
	line                             int
	kind, section, funding, fn, econ string
	executed                         models.Amount
}

func checkLines(t *testing.T, recs []*models.Record, want []wantLine) {
	t.Helper()
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i, w := range want {
		r := recs[i]
		got := wantLine{r.Line, str(r, "kind"), str(r, "section"), str(r, "funding_source"), str(r, "functional_code"), str(r, "economic_code"), 0}
		got.executed, _ = amt(r, "executed")
		if got != w {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
}

func TestExecutionReport900(t *testing.T) {
	recs, rd := readFixture(t, "executie_900_sibiu.xml")
	content, _ := os.ReadFile("testdata/executie_900_sibiu.xml")
	line := func(n int) int { return lineOf(t, content, "<G_11>", n) }
	// Codes: general notation of the Treasury -> local budget notation (expenses
	// and revenues of sources A-D: chapter.02.subchapter[.paragraph]; revenues of
	// sources E-G: chapter.10.subchapter). Amounts as written in the fixture.
	checkLines(t, recs, []wantLine{
		{line(0), "venituri", "functionare", "A", "03.02.18", "", 65349550},
		{line(1), "venituri", "functionare", "A", "04.02.01", "", 3148897339},
		{line(2), "venituri", "functionare", "A", "07.02.02.01", "", 121234567},
		{line(3), "venituri", "functionare", "A", "42.02.34", "", 1824000},
		{line(4), "venituri", "dezvoltare", "A", "39.02.07", "", 40211310},
		{line(5), "venituri", "functionare", "G", "43.10.09", "", 275000000},
		{line(6), "cheltuieli", "functionare", "A", "51.02.01.03", "10.01.01", 210345678},
		{line(7), "cheltuieli", "functionare", "A", "51.02.01.03", "20.01.01", 1532040},
		{line(8), "cheltuieli", "functionare", "A", "51.02.01.03", "85.01.01", -125000},
		{line(9), "cheltuieli", "dezvoltare", "A", "65.02.04.01", "71.01.01", 84500000},
		{line(10), "cheltuieli", "functionare", "G", "65.02.04.01", "10.01.01", 132050050},
		{line(11), "cheltuieli", "functionare", "A", "84.02.03.03", "20.02", 9678025},
		{line(12), "cheltuieli", "dezvoltare", "D", "84.02.03.03", "56.01.02", 150000000},
		{line(13), "cheltuieli", "functionare", "A", "68.02.04", "57.02.01", 5400000},
	})
	// Totals computed by hand from the fixture.
	if got := totals(recs, "executed"); got["venituri"] != 3652516766 || got["cheltuieli"] != 593380793 {
		t.Errorf("totals %v; want venituri 36525167.66, cheltuieli 5933807.93", got)
	}
	for _, r := range recs {
		if str(r, "entity_cui") != "4270740" || str(r, "entity_name") != "MUNICIPIUL SIBIU" {
			t.Errorf("line %d: entity %q %q", r.Line, str(r, "entity_cui"), str(r, "entity_name"))
		}
		if get(r, "year") != int64(2024) || get(r, "month") != int64(1) || get(r, "report_date") != models.Date(2024, time.January, 31) {
			t.Errorf("line %d: period %v %v %v", r.Line, get(r, "year"), get(r, "month"), get(r, "report_date"))
		}
		for _, f := range []string{"initial_budget", "final_budget", "commitments"} {
			if get(r, f) != nil {
				t.Errorf("line %d: the execution report has no %s, got %v", r.Line, f, get(r, f))
			}
		}
	}
	h := rd.Header()
	if h.State != "Final" || h.Sector != "02" || h.CUI != "4270740" {
		t.Errorf("header %+v", h)
	}
	if s := rd.Stats(); s != (Stats{Rows: 14, Records: 14}) {
		t.Errorf("stats %+v", s)
	}
}

func TestTwoInstitutions(t *testing.T) {
	recs, _ := readFixture(t, "executie_doua_institutii.xml")
	type key struct{ cui, name, kind string }
	got := map[key]models.Amount{}
	n := map[string]int{}
	for _, r := range recs {
		a, _ := amt(r, "executed")
		got[key{str(r, "entity_cui"), str(r, "entity_name"), str(r, "kind")}] += a
		n[str(r, "entity_cui")]++
		if get(r, "month") != int64(2) || get(r, "report_date") != models.Date(2024, time.February, 29) {
			t.Errorf("line %d: %v %v (29-FEB-24)", r.Line, get(r, "month"), get(r, "report_date"))
		}
	}
	want := map[key]models.Amount{
		{"4270740", "MUNICIPIUL SIBIU", "venituri"}:   6046532339,
		{"4270740", "MUNICIPIUL SIBIU", "cheltuieli"}: 140211860 + 23050000, // "230.500" after "60465323,39": thousands
		{"4406002", "ORAS CISNADIE", "venituri"}:      211040000,
		{"4406002", "ORAS CISNADIE", "cheltuieli"}:    41209325,
	}
	if len(got) != len(want) {
		t.Errorf("got %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%v: %v, want %v", k, got[k], v)
		}
	}
	if n["4270740"] != 3 || n["4406002"] != 2 {
		t.Errorf("records by entity %v", n)
	}
}

// totalInFile reads the amount of a total row straight from the fixture text,
// independently of the reader.
func totalInFile(t *testing.T, content []byte, label string, nth int) models.Amount {
	t.Helper()
	re := regexp.MustCompile(`(?s)<TIP_CLASIF>` + regexp.QuoteMeta(label) + `</TIP_CLASIF>.*?<RULAJ_CH_VN>([^<]*)</RULAJ_CH_VN>`)
	m := re.FindAllSubmatch(content, -1)
	if len(m) <= nth {
		t.Fatalf("total %q #%d not in fixture", label, nth)
	}
	s := strings.NewReplacer(".", "", ",", "").Replace(string(m[nth][1])) // 1.550.000,50 -> 155000050 bani
	var a models.Amount
	for _, c := range s {
		a = a*10 + models.Amount(c-'0')
	}
	return a
}

func TestSubtotalsAndLevels(t *testing.T) {
	recs, rd := readFixture(t, "executie_subtotaluri.xml")
	content, _ := os.ReadFile("testdata/executie_subtotaluri.xml")
	// The totals of NIVEL 1 ("TOTAL VENITURI:", "TOTAL CHELTUIELI:", second
	// occurrence: the first is in NIVEL 0) must equal the sum of the detail rows.
	got := totals(recs, "executed")
	if want := totalInFile(t, content, "TOTAL VENITURI:", 1); got["venituri"] != want || want != 155000050 {
		t.Errorf("revenues %v, total row says %v (1550000.50)", got["venituri"], want)
	}
	if want := totalInFile(t, content, "TOTAL CHELTUIELI:", 1); got["cheltuieli"] != want || want != 118234592 {
		t.Errorf("expenses %v, total row says %v (1182345.92)", got["cheltuieli"], want)
	}
	if s := rd.Stats(); s != (Stats{Rows: 20, Records: 8, Subtotals: 7, OtherLevels: 5}) {
		t.Errorf("stats %+v; want 20 rows: 8 detail, 7 totals in NIVEL 1, 2 in NIVEL 0 and 3 in NIVEL 2", s)
	}
	if sk := rd.SkippedRows(); sk[models.SkipSubtotal] != 7 || sk[models.SkipOtherLevel] != 5 || sk.Total() != 12 {
		t.Errorf("skipped rows %v, want 7 subtotals and 5 of other levels", sk)
	}
	var codes []string
	for _, r := range recs {
		codes = append(codes, str(r, "functional_code")+"/"+str(r, "economic_code"))
	}
	want := "04.02.01/ 07.02.02.01/ 48.02.01.01/ 51.02.01.03/10.01.01 51.02.01.03/20.01.01 51.02.01.03/71.01.01 55.02/30.02.05 65.02.04.01/10.01.01"
	if strings.Join(codes, " ") != want {
		t.Errorf("detail rows\n got %s\nwant %s", strings.Join(codes, " "), want)
	}
}

func TestCommitmentsReport(t *testing.T) {
	recs, rd := readFixture(t, "angajamente_sibiu.xml")
	if len(recs) != 4 {
		t.Fatalf("%d records, want 4", len(recs))
	}
	// Sums by hand: initial 13.2M+0.9M+20M+0.4M; final 13.2M+0.95M+22.5M+0.4M;
	// CREDITEANGAJAMENT 1124450+350000+5000000+60000; executed = PLATITREZOR +
	// PLATINONTREZOR = (1023130+0)+(110200.25+1500)+(750000+0)+(45000+missing).
	for field, want := range map[string]models.Amount{
		"initial_budget": 3450000000, "final_budget": 3705000000, "commitments": 653445000, "executed": 192983025,
	} {
		if got := totals(recs, field)["cheltuieli"]; got != want {
			t.Errorf("%s: %v, want %v", field, got, want)
		}
	}
	r := recs[1] // 51.01.03 / 20.01.30: PLATITREZOR 110200.25 + PLATINONTREZOR 1500
	if a, _ := amt(r, "executed"); a != 11170025 || str(r, "economic_code") != "20.01.30" || str(r, "section") != "functionare" {
		t.Errorf("row 2: %v", r.Values)
	}
	if str(recs[2], "section") != "dezvoltare" || str(recs[3], "funding_source") != "F" || str(recs[3], "functional_code") != "67.02.05.03" {
		t.Errorf("rows 3-4: %v / %v", recs[2].Values, recs[3].Values)
	}
	for _, r := range recs {
		if str(r, "kind") != "cheltuieli" {
			t.Errorf("line %d: kind %q", r.Line, str(r, "kind"))
		}
	}
	if s := rd.Stats(); s.Subtotals != 1 || s.OtherLevels != 3 {
		t.Errorf("stats %+v: want the source total skipped and NIVEL 0 and 2 (1+2 rows) skipped", s)
	}
	if rd.Header().CUI != "4270740" {
		t.Errorf("P_BUGIP not read: %+v", rd.Header())
	}
}

func TestWindows1250(t *testing.T) {
	recs, _ := readFixture(t, "executie_win1250.xml")
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	// Windows-1250 has only the cedilla letters; Finish turns them to comma below.
	if got := str(recs[0], "entity_name"); got != "ORAȘUL CISNĂDIE" {
		t.Errorf("entity_name %q", got)
	}
	if str(recs[0], "functional_code") != "65.02.04.02" || str(recs[1], "functional_code") != "16.02.02.02" {
		t.Errorf("codes %v / %v", recs[0].Values, recs[1].Values)
	}
	if get(recs[0], "report_date") != models.Date(2025, time.April, 30) {
		t.Errorf("date %v", get(recs[0], "report_date"))
	}
}

// doc wraps rows in a minimal report.
func doc(header, body string) string {
	if header == "" {
		header = "<P_ZI>31-JAN-2025</P_ZI><P_SECB>02</P_SECB>"
	}
	return "<?xml version=\"1.0\"?>\n<DATA_DS>\n" + header + "\n" + body + "\n</DATA_DS>\n"
}

const goodRow = `<G_11><CATEG_CONT>ch</CATEG_CONT><COD_FUNCTIONAL>510103</COD_FUNCTIONAL><COD_ECONOMIC>100101</COD_ECONOMIC><SURSA_FINANTARE>A-Integral de la buget</SURSA_FINANTARE><RULAJ_CH_VN>100</RULAJ_CH_VN></G_11>`

func TestEntityContext(t *testing.T) {
	tests := []struct {
		name, body, entity string
		only               bool
		want               []string // entity_cui of each record, "!" + column for an error
	}{
		{"per row", `<G_4><G_11><COD_FISCAL>4406002</COD_FISCAL><NUME>ORAS CISNADIE</NUME><CATEG_CONT>vn</CATEG_CONT><COD_FUNCTIONAL>040100</COD_FUNCTIONAL><SURSA_FINANTARE>A</SURSA_FINANTARE><RULAJ_CH_VN>5</RULAJ_CH_VN></G_11>` + goodRow + `</G_4>`, "", false, []string{"4406002", "!COD_FISCAL"}},
		{"nested G_5", `<G_5><COD_FISCAL>4270740</COD_FISCAL><NUME>MUNICIPIUL SIBIU</NUME><G_4><NIVEL>1</NIVEL>` + goodRow + `</G_4></G_5><G_5><COD_FISCAL>4406002</COD_FISCAL><G_4>` + goodRow + `</G_4></G_5>`, "", false, []string{"4270740", "4406002"}},
		{"from --entity", `<G_4>` + goodRow + `</G_4>`, "4270740", false, []string{"4270740"}},
		{"other than --entity", `<G_5><COD_FISCAL>4406002</COD_FISCAL></G_5><G_4>` + goodRow + `</G_4>`, "4270740", false, []string{"!entity_cui"}},
		{"only --entity", `<G_5><COD_FISCAL>4406002</COD_FISCAL></G_5><G_4>` + goodRow + `</G_4><G_5><COD_FISCAL>4270740</COD_FISCAL></G_5><G_4>` + goodRow + `</G_4>`, "4270740", true, []string{"4270740"}},
		{"bad check digit", `<G_5><COD_FISCAL>4406003</COD_FISCAL></G_5><G_4>` + goodRow + `</G_4>`, "", false, []string{"!COD_FISCAL"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, err := readAll(t, strings.NewReader(doc("", tt.body)), ingest.Options{File: "r.xml", Entity: tt.entity, OnlyEntity: tt.only})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				if len(r.Errors) > 0 {
					got = append(got, "!"+r.Errors[0].Column)
				} else {
					got = append(got, str(r, "entity_cui"))
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRowErrors(t *testing.T) {
	row := func(fields string) string { return "<G_11>" + fields + "</G_11>" }
	base := map[string]string{"CATEG_CONT": "ch", "COD_FUNCTIONAL": "510103", "COD_ECONOMIC": "100101", "SURSA_FINANTARE": "A-Integral de la buget", "RULAJ_CH_VN": "100"}
	with := func(k, v string) string {
		var b strings.Builder
		for _, f := range []string{"CATEG_CONT", "COD_FUNCTIONAL", "COD_ECONOMIC", "SURSA_FINANTARE", "RULAJ_CH_VN"} {
			val := base[f]
			if f == k {
				val = v
			}
			b.WriteString("<" + f + ">" + val + "</" + f + ">")
		}
		return row(b.String())
	}
	tests := []struct {
		name, bad, column, reason string
	}{
		{"amount", with("RULAJ_CH_VN", "12a"), "RULAJ_CH_VN", "nu este un număr"},
		{"ambiguous amount", with("RULAJ_CH_VN", "1.234"), "RULAJ_CH_VN", "ambiguu"},
		{"missing amount", with("RULAJ_CH_VN", ""), "RULAJ_CH_VN", "lipsește"},
		{"funding source", with("SURSA_FINANTARE", "X-Altceva"), "SURSA_FINANTARE", "A–G"},
		{"account category", with("CATEG_CONT", "xx"), "CATEG_CONT", "vn (venituri) sau ch"},
		{"odd code", with("COD_FUNCTIONAL", "51013"), "COD_FUNCTIONAL", "impar"},
		{"chapter not in catalogue", with("COD_FUNCTIONAL", "990100"), "functional_code", "nu există în clasificație"},
		{"revenue code as expense", with("COD_FUNCTIONAL", "040100"), "functional_code", "este de venituri"},
		{"economic code on revenue", with("CATEG_CONT", "vn"), "COD_ECONOMIC", "nu are clasificație economică"},
		{"section", strings.Replace(with("", ""), "<RULAJ_CH_VN>", "<SECTIUNE>altceva</SECTIUNE><RULAJ_CH_VN>", 1), "SECTIUNE", "funcționare"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := doc("", "<G_4>\n"+goodRow+"\n"+tt.bad+"\n"+goodRow+"\n</G_4>")
			recs, _, err := readAll(t, strings.NewReader(content), ingest.Options{File: "r.xml", Entity: "4270740"})
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 3 || len(recs[0].Errors)+len(recs[2].Errors) != 0 {
				t.Fatalf("want good rows around the bad one to load: %d records", len(recs))
			}
			errs := recs[1].Errors
			if len(errs) == 0 {
				t.Fatalf("no error; values %v", recs[1].Values)
			}
			e := errs[0]
			wantLine := lineOf(t, []byte(content), "<G_11>", 1)
			if e.File != "r.xml" || e.Line != wantLine || e.Column != tt.column || !strings.Contains(e.Reason, tt.reason) {
				t.Errorf("got %+v; want line %d column %s reason ~%q", e, wantLine, tt.column, tt.reason)
			}
		})
	}
}

// The notation of an XML report's amounts is decided once, from the head of
// the file (xmlNotation, rules.NotationOf), not learnt from the rows before:
// 1.234 reads as 1234 lei when a later amount shows a decimal comma, as
// 1,23 lei when one shows a decimal point, and is refused when both appear.
func TestNotationIsDecidedPerFile(t *testing.T) {
	row := func(amount string) string {
		return "<G_11><CATEG_CONT>ch</CATEG_CONT><COD_FUNCTIONAL>510103</COD_FUNCTIONAL><COD_ECONOMIC>100101</COD_ECONOMIC>" +
			"<SURSA_FINANTARE>A-Integral de la buget</SURSA_FINANTARE><RULAJ_CH_VN>" + amount + "</RULAJ_CH_VN></G_11>"
	}
	read := func(amounts ...string) []*models.Record {
		var rows []string
		for _, a := range amounts {
			rows = append(rows, row(a))
		}
		recs, _, err := readAll(t, strings.NewReader(doc("", "<G_4>\n"+strings.Join(rows, "\n")+"\n</G_4>")), ingest.Options{File: "r.xml", Entity: "4270740"})
		if err != nil || len(recs) != len(amounts) {
			t.Fatalf("%v: %d records, %v", amounts, len(recs), err)
		}
		return recs
	}
	executed := func(r *models.Record) any { return r.Values[models.FieldIndex(models.DatasetBudget, "executed")] }
	if recs := read("1.234", "12,5"); len(recs[0].Errors) != 0 || executed(recs[0]) != models.Amount(1234_00) {
		t.Errorf("comma file: %v %v", recs[0].Errors, executed(recs[0]))
	}
	if recs := read("1.234", "12.5"); len(recs[0].Errors) != 0 || executed(recs[0]) != models.Amount(1_23) {
		t.Errorf("point file: %v %v", recs[0].Errors, executed(recs[0]))
	}
	if recs := read("12,5", "12.5", "1.234"); len(recs[2].Errors) == 0 || !strings.Contains(recs[2].Errors[0].Reason, "ambiguu") {
		t.Errorf("mixed file: %v", recs[2].Errors)
	}
}

func TestFileErrors(t *testing.T) {
	fixture, _ := os.ReadFile("testdata/executie_900_sibiu.xml")
	tests := []struct{ name, content, reason string }{
		{"empty", "", "gol"},
		{"not xml", "COD_FUNCTIONAL;RULAJ\n510103;12\n", "nici XML, nici XLSX"},
		{"old xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "XLS"},
		{"other root", `<?xml version="1.0"?><html><body/></html>`, "<DATA_DS>"},
		{"missing P_ZI", doc("<P_SECB>02</P_SECB>", ""), "P_ZI"},
		{"row before P_ZI", doc("<P_SECB>02</P_SECB>", "<G_4>"+goodRow+"</G_4><P_ZI>31-JAN-2025</P_ZI>"), "P_ZI"},
		{"bad P_ZI", doc("<P_ZI>32-JAN-2025</P_ZI>", "<G_4>"+goodRow+"</G_4>"), "P_ZI"},
		{"state budget", doc("<P_ZI>31-JAN-2025</P_ZI><P_SECB>01</P_SECB>", "<G_4>"+goodRow+"</G_4>"), "bugetul local"},
		{"unknown encoding", `<?xml version="1.0" encoding="klingon"?><DATA_DS/>`, "XML invalid"},
		{"truncated", string(fixture[:len(fixture)*2/3]), "trunchiat"},
		{"not well formed", doc("", "<G_4>"+goodRow+"</G_5>"), "XML invalid"},
		{"only program levels", doc("", `<G_4 NIVEL="2">`+goodRow+`</G_4>`), "NIVEL 2"},
		{"broken xlsx", "PK\x03\x04 not really a zip", "XLSX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, err := readAll(t, strings.NewReader(tt.content), ingest.Options{File: "rau.xml"})
			var fe *models.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v (%d records), want a FileError", err, len(recs))
			}
			if fe.File != "rau.xml" || !strings.Contains(fe.Error(), tt.reason) || !errors.Is(err, models.ErrRefused) {
				t.Errorf("got %v; want reason ~%q", err, tt.reason)
			}
		})
	}
}

func TestRegistered(t *testing.T) {
	if err := ingest.Check(Name, models.DatasetBudget, ""); err != nil {
		t.Fatal(err)
	}
	if err := ingest.Check(Name, models.DatasetProcurement, ""); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("procurement: %v", err)
	}
	f, _ := os.Open("testdata/executie_doua_institutii.xml")
	defer f.Close()
	rr, err := ingest.Open(Name, f, ingest.Options{Dataset: models.DatasetBudget, File: "x.xml"})
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
	if n != 5 {
		t.Errorf("%d records", n)
	}
}
