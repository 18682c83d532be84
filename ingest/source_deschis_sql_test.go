package ingest

import (
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// TestScanCSVNotesWhatTheSQLRulesMaySkip: the scan says in which columns
// some cell starts or ends with white space (any unicode.IsSpace, inside
// quotes too, a quoted line break included) and in which some cell holds ş
// ţ Ş Ţ; cells with such runes inside, or with the comma-below letters, need
// neither. The file's flags are whether any column has them.
func TestScanCSVNotesWhatTheSQLRulesMaySkip(t *testing.T) {
	for _, c := range []struct {
		cells     string
		edge, ced string // by column, 1 where the rule applies
	}{
		{`a,b c,"d, e"`, "000", "000"},
		{`a,școală,ȚARA Ă`, "000", "000"},
		{`a, b,c`, "010", "000"},
		{`a,b ,c`, "010", "000"},
		{"a,\u00a0b,c", "010", "000"},
		{"a,b\u2003,c", "010", "000"},
		{"a,b,c\u3000", "001", "000"},
		{" a,b,c", "100", "000"},
		{`a,"b ",c`, "010", "000"},
		{"a,\"b\nc\",d", "000", "000"},
		{"a,\"b\n\",d", "010", "000"},
		{"a,b\u00a0c,d", "000", "000"},
		{`a,Şcoala,c`, "000", "010"},
		{`a,"Ţara",c`, "000", "010"},
		{`a,paş,ţ`, "000", "011"},
		{`ş,a,b`, "000", "100"},
		{`a,"x""",c`, "000", "000"},
	} {
		// At once, and a byte at a time (the scan reads runs of a cell's
		// bytes at once: every run cut).
		for _, r := range []io.Reader{strings.NewReader("x,y,z\n" + c.cells + "\n"), iotest.OneByteReader(strings.NewReader("x,y,z\n" + c.cells + "\n"))} {
			s, err := scanCSV(r, 3, ',', 1, nil)
			if err != nil || !s.regular {
				t.Fatalf("%q: not regular (%v)", c.cells, err)
			}
			if got := ones(s.edgeCols); got != c.edge || s.edgeSpaces != strings.Contains(c.edge, "1") {
				t.Errorf("%q: edge spaces %v by column %s; want %s", c.cells, s.edgeSpaces, got, c.edge)
			}
			if got := ones(s.cedillaCols); got != c.ced || s.cedillas != strings.Contains(c.ced, "1") {
				t.Errorf("%q: cedillas %v by column %s; want %s", c.cells, s.cedillas, got, c.ced)
			}
		}
	}
	// A NUL byte inside a quoted cell or an unquoted one: the Go path reads
	// the file.
	for _, cells := range []string{"a,\"b\x00c\",d", "a,b\x00c,d"} {
		if s, err := scanCSV(strings.NewReader("x,y,z\n"+cells+"\n"), 3, ',', 1, nil); err != nil || s.regular {
			t.Errorf("%q: regular %v (%v), want not", cells, s.regular, err)
		}
	}
	// The last cell of a file without a final line break.
	if s, err := scanCSV(strings.NewReader("x,y,z\na,b,c "), 3, ',', 1, nil); err != nil || !s.regular || ones(s.edgeCols) != "001" {
		t.Errorf("a last cell with a space and no line break: %+v, %v", s, err)
	}
}

// ones writes a column flag as 0 and 1.
func ones(cols []bool) string {
	var b strings.Builder
	for _, c := range cols {
		b.WriteByte("01"[btoi(c)])
	}
	return b.String()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestScanCSVNumbersEveryRecordByItsLine: the numbered copy is the text
// without its BOM, every record led by the physical line it starts on
// (quoted line breaks, \r\n endings, a header spanning lines and a last row
// without a line break counted), the header by "line".
func TestScanCSVNumbersEveryRecordByItsLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"x,y\na,b\nc,d\n", "line,x,y\n2,a,b\n3,c,d\n"},
		{"\xEF\xBB\xBFx,\"y\r\nz\"\r\na,\"b\r\n\r\nb\"\r\nc,d", "line,x,\"y\r\nz\"\r\n3,a,\"b\r\n\r\nb\"\r\n6,c,d"},
		{"x,y\n\"a\n\",b\nc,\"\"\"d\n\"\n", "line,x,y\n2,\"a\n\",b\n4,c,\"\"\"d\n\"\n"},
	} {
		// Read at once, and a byte at a time (a record cut between blocks).
		for _, r := range []io.Reader{strings.NewReader(c.in), iotest.OneByteReader(strings.NewReader(c.in))} {
			var out strings.Builder
			s, err := scanCSV(r, 2, ',', 1, &out)
			if err != nil || !s.regular {
				t.Fatalf("scanCSV(%q): %+v, %v", c.in, s, err)
			}
			if out.String() != c.want {
				t.Errorf("scanCSV(%q) numbered\n%q, want\n%q", c.in, out.String(), c.want)
			}
		}
	}
}

// BenchmarkScanCSV is the pre-scan of the SQL load path (scanCSV with its
// numbered copy) over 100.000 rows shaped as the canonical procurement CSV
// of `bench ingest`, the copy written to io.Discard: the scan's own CPU,
// without the disk.
func BenchmarkScanCSV(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("contract_id,kind,parent_id,buyer_cui,buyer_name,supplier_cui,supplier_name,title,cpv,value,currency,award_date,procedure,offers,eu_funded,investment_code\n")
	for i := range 100000 {
		sb.WriteString("C" + strconv.Itoa(i+1) + "/2026,direct_purchase,,9991004,Municipiul Demo,1008" + strconv.Itoa(i%9999) +
			",\"ȚESĂTORIA ALFA S.R.L.\",\"Lucrări de întreținere, și reparații " + strconv.Itoa(i) + "\",45233140-2," + strconv.Itoa(i*37) + ".18,RON,2026-11-23,procedură simplificată,3,true,\n")
	}
	in := sb.String()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		s, err := scanCSV(strings.NewReader(in), 16, ',', 1, io.Discard)
		if err != nil || !s.regular || s.rows != 100000 {
			b.Fatalf("%+v, %v", s, err)
		}
	}
}
