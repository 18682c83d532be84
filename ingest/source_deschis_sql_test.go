package ingest

import (
	"strings"
	"testing"
)

// TestScanCSVNotesWhatTheSQLRulesMaySkip: the scan says whether some cell
// starts or ends with white space (any unicode.IsSpace, inside quotes too,
// a quoted line break included) and whether some cell holds ş ţ Ş Ţ; cells
// with such runes inside, or with the comma-below letters, need neither.
func TestScanCSVNotesWhatTheSQLRulesMaySkip(t *testing.T) {
	for _, c := range []struct {
		cells            string
		edge, cedillaRow bool
	}{
		{`a,b c,"d, e"`, false, false},
		{`a,școală,ȚARA Ă`, false, false},
		{`a, b,c`, true, false},
		{`a,b ,c`, true, false},
		{"a,\u00a0b,c", true, false},
		{"a,b\u2003,c", true, false},
		{"a,b,c\u3000", true, false},
		{`a,"b ",c`, true, false},
		{"a,\"b\nc\",d", false, false},
		{"a,\"b\n\",d", true, false},
		{"a,b\u00a0c,d", false, false},
		{`a,Şcoala,c`, false, true},
		{`a,"Ţara",c`, false, true},
		{`a,paş,ţ`, false, true},
		{`a,"x""",c`, false, false},
	} {
		s, err := scanCSV(strings.NewReader("x,y,z\n"+c.cells+"\n"), 3, ',')
		if err != nil || !s.regular {
			t.Fatalf("%q: not regular (%v)", c.cells, err)
		}
		if s.edgeSpaces != c.edge || s.cedillas != c.cedillaRow {
			t.Errorf("%q: edge spaces %v, cedillas %v; want %v, %v", c.cells, s.edgeSpaces, s.cedillas, c.edge, c.cedillaRow)
		}
	}
	// The last cell of a file without a final line break.
	if s, err := scanCSV(strings.NewReader("x,y,z\na,b,c "), 3, ','); err != nil || !s.regular || !s.edgeSpaces {
		t.Errorf("a last cell with a space and no line break: %+v, %v", s, err)
	}
}
