package ingest

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// The canonical format reads amounts in machine notation (rules.MachineNumber):
// a decimal point, no grouping; a third decimal is rounded like everywhere
// (docs/mapping.md, "Numbers"), so 1.234 is 1,23 lei here.
func TestCanonicalAmounts(t *testing.T) {
	f := models.Field{Name: "value", Type: models.TypeAmount}
	tests := []struct {
		name, in string
		want     models.Amount
		err      string
	}{
		{"integer", "1234567", 123456700, ""},
		{"two decimals", "1234567.89", 123456789, ""},
		{"one decimal", "0.5", 50, ""},
		{"negative", "-12.30", -1230, ""},
		{"third decimal rounded", "1.235", 124, ""},
		{"comma decimal", "1234,56", 0, "nu este o sumă"},
		{"romanian full", "1.234.567,89", 0, "nu este o sumă"},
		{"grouping space", "1 234", 0, "nu este o sumă"},
		{"letters", "12a", 0, "nu este o sumă"},
		{"trailing point", "12.", 0, "nu este o sumă"},
		{"too large", "999999999999999999999", 0, "prea mare"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseValue(f, tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("parseValue(%q) = %v, %v; want error ~%q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("parseValue(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func readAll(t *testing.T, dataset, entity, content string) ([]*models.Record, error) {
	t.Helper()
	rr, err := Open("deschis", strings.NewReader(content), Options{Dataset: dataset, File: "f.csv", Entity: entity})
	if err != nil {
		return nil, err
	}
	var out []*models.Record
	for {
		rec, err := rr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
}

func TestCanonicalReaderShapes(t *testing.T) {
	// Reordered and extra columns, a BOM, a quoted newline, CRLF endings, and
	// the entity coming from --entity.
	content := "\uFEFFnote,received,request_id,channel,category,type,department,answered,status\r\n" +
		"x,2026-11-02,2026/1,online,Urbanism,info_544,Direcția Urbanism,2026-11-05,rezolvată\r\n" +
		"\"două\r\nlinii\",2026-11-03,2026/2,ghiseu,Urbanism,petitie,Direcția Urbanism,,deschisă\r\n" +
		"y,2026-11-04,2026/3,fax,Urbanism,nou,Direcția Urbanism,2026-11-01,rezolvată\r\n"
	recs, err := readAll(t, models.DatasetRequests, "4270740", content)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	first := recs[0]
	v := func(r *models.Record, name string) any {
		return r.Values[models.FieldIndex(models.DatasetRequests, name)]
	}
	if first.Line != 2 || len(first.Errors) != 0 || v(first, "entity_cui") != "4270740" || v(first, "term_days") != int64(10) ||
		v(first, "received") != time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC) {
		t.Fatalf("first record: %+v", first)
	}
	if recs[1].Line != 3 || v(recs[1], "channel") != "ghișeu" || v(recs[1], "term_days") != int64(30) || v(recs[1], "answered") != nil {
		t.Fatalf("second record (quoted newline on line 3): %+v", recs[1])
	}
	third := recs[2]
	if third.Line != 5 {
		t.Fatalf("third record starts on line 5, got %d", third.Line)
	}
	var cols []string
	for _, e := range third.Errors {
		cols = append(cols, e.Column)
		if e.File != "f.csv" || e.Line != 5 {
			t.Errorf("error without file/line: %+v", e)
		}
	}
	// The channel is unknown; the type is unknown so it has no legal term; the
	// answer precedes the request. The cross-field checks run only on a row
	// whose fields all parsed, so the channel error stands alone.
	if strings.Join(cols, ",") != "channel" {
		t.Fatalf("third record errors: %+v", third.Errors)
	}
}

// A contract register without CPV codes loads: the column may be absent or
// a cell empty (the code is unknown); a code that is there is still checked.
func TestCanonicalContractsWithoutCPV(t *testing.T) {
	for _, content := range []string{
		"contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,value,award_date\n" +
			"12/2026,direct_purchase,4270740,4267117,Curat SRL,Servicii de curățenie,1200.50,2026-03-15\n",
		"contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,cpv,value,award_date\n" +
			"12/2026,direct_purchase,4270740,4267117,Curat SRL,Servicii de curățenie,,1200.50,2026-03-15\n" +
			"13/2026,direct_purchase,4270740,4267117,Curat SRL,Servicii de curățenie,9091000-9,1200.50,2026-03-15\n",
	} {
		recs, err := readAll(t, models.DatasetProcurement, "", content)
		if err != nil {
			t.Fatal(err)
		}
		r := recs[0]
		if len(r.Errors) != 0 || r.Values[models.FieldIndex(models.DatasetProcurement, "cpv")] != nil ||
			r.Values[models.FieldIndex(models.DatasetProcurement, "value")] != models.Amount(1200_50) {
			t.Errorf("contract without CPV: %+v", r)
		}
		if len(recs) == 2 && (len(recs[1].Errors) != 1 || recs[1].Errors[0].Column != "cpv" || recs[1].Errors[0].Line != 3) {
			t.Errorf("a malformed code is a reject on cpv, line 3: %+v", recs[1].Errors)
		}
	}
}

func TestCrossFieldChecks(t *testing.T) {
	content := "entity_cui,request_id,received,channel,category,type,department,answered,status\n" +
		"4270740,1,2026-11-04,online,U,nou,D,2026-11-01,rezolvată\n" +
		"4267117,2,2026-11-04,online,U,petitie,D,,deschisă\n"
	recs, err := readAll(t, models.DatasetRequests, "4270740", content)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		for _, e := range r.Errors {
			got = append(got, e.Column+": "+e.Reason)
		}
	}
	want := []string{
		"answered: răspunsul (01.11.2026) este datat înaintea înregistrării (04.11.2026)",
		"term_days: termen legal necunoscut pentru tipul nou; completați term_days",
		"entity_cui: rândul aparține altei instituții decât --entity 4270740",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestUnreadableFiles(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"empty", "", "gol"},
		{"missing required", "request_id,received\n1,2026-01-01\n", "lipsesc coloanele obligatorii"},
		{"unterminated quote", "entity_cui,request_id,received,channel,category,type,department,status\n4270740,\"1,2026-01-01,online,U,petitie,D,x\n", "CSV invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, models.DatasetRequests, "", tt.content)
			var fe *models.FileError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) || fe.File != "f.csv" {
				t.Fatalf("err = %v, want a FileError ~%q", err, tt.want)
			}
		})
	}
}

func TestInvalidUTF8IsARowError(t *testing.T) {
	content := "entity_cui,request_id,received,channel,category,type,department,status\n4270740,1,2026-01-01,online,Urbanism \xba\xfe,petitie,D,deschisă\n"
	recs, err := readAll(t, models.DatasetRequests, "", content)
	if err != nil || len(recs) != 1 || len(recs[0].Errors) != 1 || recs[0].Errors[0].Column != "category" ||
		!strings.Contains(recs[0].Errors[0].Reason, "UTF-8") {
		t.Fatalf("recs %+v err %v", recs, err)
	}
}

// FuzzCanonical: whatever the bytes, the reader returns records or a file
// error, never panics, and every error names the file and a line of it.
func FuzzCanonical(f *testing.F) {
	f.Add("contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,cpv,value,award_date\nA,direct_purchase,4270740,123,X,\"t\nt\",45233140-2,1.5,2026-01-01\n")
	f.Add("cui,name,kind,county\n4270740,Sibiu,municipiu,SB\n")
	f.Add("\xef\xbb\xbfa,b\n\"x")
	f.Fuzz(func(t *testing.T, content string) {
		for _, ds := range []string{models.DatasetProcurement, models.DatasetEntities} {
			rr, err := Open("deschis", strings.NewReader(content), Options{Dataset: ds, File: "fuzz.csv"})
			if err != nil {
				var fe *models.FileError
				if !errors.As(err, &fe) {
					t.Fatalf("open error is not a FileError: %v", err)
				}
				continue
			}
			lines := strings.Count(content, "\n") + 1
			for {
				rec, err := rr.Next()
				if err != nil {
					var fe *models.FileError
					if err != io.EOF && (!errors.As(err, &fe) || fe.File != "fuzz.csv") {
						t.Fatalf("read error is neither the end nor a refusal of the file: %v", err)
					}
					break
				}
				if rec.Line < 2 || rec.Line > lines {
					t.Fatalf("record line %d outside 2..%d", rec.Line, lines)
				}
				for _, e := range rec.Errors {
					if e.File != "fuzz.csv" || e.Line != rec.Line || e.Reason == "" {
						t.Fatalf("incomplete error %+v", e)
					}
				}
			}
		}
	})
}

// TestCanonicalFileCutMidRowIsRefused: a canonical file whose last row stops
// short without a line break is refused as truncated; with the line break,
// the short row is one reject.
func TestCanonicalFileCutMidRowIsRefused(t *testing.T) {
	text := "request_id,entity_cui,received,channel,category,type,department,status\n" +
		"R1,4270740,2026-01-05,online,Urbanism,petitie,Registratură,deschisă\n" +
		"R2,4270740,2026-01-0"
	read := func(text string) ([]*models.Record, error) {
		rr, err := Open("deschis", strings.NewReader(text), Options{Dataset: models.DatasetRequests, File: "c.csv"})
		if err != nil {
			t.Fatal(err)
		}
		var recs []*models.Record
		for {
			rec, err := rr.Next()
			if err == io.EOF {
				return recs, nil
			}
			if err != nil {
				return recs, err
			}
			recs = append(recs, rec)
		}
	}
	_, err := read(text)
	var fe *models.FileError
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "fișier trunchiat: ultimul rând (linia 3) are 3 din cele 8 coloane") {
		t.Fatalf("err = %v, want the file refused as truncated", err)
	}
	recs, err := read(text + "\n")
	if err != nil || len(recs) != 2 || len(recs[0].Errors) != 0 || len(recs[1].Errors) != 1 || recs[1].Errors[0].Column != "*" {
		t.Fatalf("with a final line break: %v, %+v", err, recs)
	}
}
