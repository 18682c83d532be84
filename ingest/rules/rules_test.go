package rules

import (
	"bufio"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// The decorations national exports write around a fiscal code go when what
// remains passes the check digit; anything else is refused with its reason.
func TestFiscalCode(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"4267117", "4267117", ""},
		{"RO4267117", "4267117", ""},
		{"RO 4267117", "4267117", ""},
		{"ro4267117", "4267117", ""},
		{"R4278337", "4278337", ""}, // SICAP's sample writes a lone R
		{"R 4278337", "4278337", ""},
		{"CIF 4267117", "4267117", ""},
		{"CUI: RO 4267117", "4267117", ""},
		{"C.I.F. 4267117", "4267117", ""},
		{"cod fiscal RO4267117", "4267117", ""},
		{"4.267.117", "4267117", ""},
		{"4 267 117", "4267117", ""},
		{"RO\u00a04267117", "4267117", ""},
		{"  4270740 ", "4270740", ""},
		{"4267118", "", "cifra de control greșită (ar trebui 7)"},
		{"R4278338", "", "cifra de control"},
		{"RO-4267117", "", "alte caractere decât cifre"},
		{"ROMSOFT", "", "alte caractere decât cifre"},
		{"DE12345678", "", "alte caractere decât cifre"},
		{"1800101221144", "", "între 2 și 10 cifre"}, // a CNP is no fiscal code
		{"CIF", "", "între 2 și 10 cifre"},
		{"", "", "între 2 și 10 cifre"},
	}
	for _, tt := range tests {
		got, err := FiscalCode(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("FiscalCode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("FiscalCode(%q) = %q, %v; want an error ~%q", tt.in, got, err, tt.err)
		}
	}
}

func TestSupplierCode(t *testing.T) {
	for in, want := range map[string]string{"RO 15016137": "15016137", "R4278337": "4278337", "49/740/01441": "49/740/01441",
		"DE 123456789": "DE123456789", "ROMSOFT": "ROMSOFT", "RO12345678": "RO12345678" /* no check digit: as written */} {
		if got := SupplierCode(in); got != want {
			t.Errorf("SupplierCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCPV(t *testing.T) {
	for in, want := range map[string]string{"45233140-2": "45233140-2", " 71356200-0 Servicii de asistență": "71356200-0"} {
		if got, err := CPV(in); err != nil || got != want {
			t.Errorf("CPV(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"45233140", "45233140-23", "4523314A-2", ""} {
		if _, err := CPV(in); err == nil {
			t.Errorf("CPV(%q) accepted", in)
		}
	}
}

func TestEnumAcceptsMissingDiacritics(t *testing.T) {
	allowed := append(append([]string{}, models.Channels...), models.InvestmentFunding...)
	for _, s := range models.InvestmentStatuses {
		allowed = append(allowed, string(s))
	}
	for in, want := range map[string]string{"ghiseu": "ghișeu", "Poşta": "poștă", "In Executie": "în execuție", "în  execuţie": "în execuție", "online": "online"} {
		if got, err := Enum(allowed, in); err != nil || got != want {
			t.Errorf("Enum(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Enum(models.Channels, "fax"); err == nil || !strings.Contains(err.Error(), "online, ghișeu") {
		t.Errorf("unknown channel: %v", err)
	}
}

func TestBool(t *testing.T) {
	for in, want := range map[string]bool{"DA": true, "nu": false, "True": true, "false": false, "yes": true, "N": false, "1": true, "0": false, "x": true, " Da ": true} {
		if got, err := Bool(in); err != nil || got != want {
			t.Errorf("Bool(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "poate", "2"} {
		if _, err := Bool(in); err == nil {
			t.Errorf("Bool(%q) accepted", in)
		}
	}
}

func TestHeaderKeyAndFold(t *testing.T) {
	same := [][]string{
		{"\ufeffCUI autoritate contractantă", "CuiAutoritateContractanta", "cui_autoritate_contractanta", "CUI autoritate\ncontractantă"},
		{"Nr. crt.", "Nr crt", "NR_CRT"},
		{"Plăţi 2026", "Plăți 2026", "PLATI-2026"},
		{"item.noticeNo", "itemNoticeNo"},
	}
	for _, g := range same {
		for _, h := range g[1:] {
			if HeaderKey(h) != HeaderKey(g[0]) {
				t.Errorf("HeaderKey(%q) = %q, HeaderKey(%q) = %q", h, HeaderKey(h), g[0], HeaderKey(g[0]))
			}
		}
	}
	if HeaderKey("Valoare") == HeaderKey("Valoare RON") {
		t.Error("different headers fold alike")
	}
	if f := Fold("  În  EXECUŢIE "); f != "in executie" {
		t.Errorf("Fold = %q", f)
	}
}

// The notation of a file is what its values show, whatever their order.
func TestNotationOf(t *testing.T) {
	tests := []struct {
		values []string
		want   string
	}{
		{[]string{"1.234", "250.000", "12,5"}, NumbersRO},
		{[]string{"1.234.567,89"}, NumbersRO},
		{[]string{"1,234,567"}, NumbersIntl}, // repeated commas group thousands: the point is decimal
		{[]string{"1,234", "7.5"}, NumbersIntl},
		{[]string{"1.234.567"}, NumbersRO},
		{[]string{"0,123"}, NumbersRO},
		{[]string{"1234.567"}, NumbersIntl},
		{[]string{"1.234", "250.000"}, NumbersAuto}, // nothing shown
		{[]string{"12,5", "7.5"}, NumbersAuto},      // both shown
		{[]string{"", "NA", "12 lei", "105000"}, NumbersAuto},
		{nil, NumbersAuto},
	}
	for _, tt := range tests {
		if got := NotationOf(tt.values); got != tt.want {
			t.Errorf("NotationOf(%q) = %s, want %s", tt.values, got, tt.want)
		}
	}
}

func TestOracleAndExcelDates(t *testing.T) {
	tests := []struct {
		in        string
		notations []string
		want      time.Time
		err       string
	}{
		{"31-JAN-2025", []string{DatesOracle}, models.Date(2025, 1, 31), ""},
		{"29-FEB-24", []string{DatesOracle}, models.Date(2024, 2, 29), ""},
		{"01-jan-99", []string{DatesOracle}, models.Date(1999, 1, 1), ""},
		{"31-ian-2025", []string{DatesOracle}, models.Date(2025, 1, 31), ""},
		{"30-NOI-2024 00:00:00", []string{DatesOracle}, models.Date(2024, 11, 30), ""},
		{"31-FEB-2025", []string{DatesOracle}, time.Time{}, "ziua 31 nu există în februarie 2025"},
		{"31-XYZ-2025", []string{DatesOracle}, time.Time{}, "ZZ-LUN-AAAA"},
		{"31.03.2025", []string{DatesOracle, DatesDMY}, models.Date(2025, 3, 31), ""},
	}
	for _, tt := range tests {
		got, err := Date(tt.in, tt.notations)
		switch {
		case tt.err == "" && (err != nil || !got.Equal(tt.want)):
			t.Errorf("Date(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("Date(%q) = %v, %v; want an error ~%q", tt.in, got, err, tt.err)
		}
	}
	for in, want := range map[string]time.Time{"46349": models.Date(2026, 11, 23), "46349.75": models.Date(2026, 11, 23),
		"4.6349E4": models.Date(2026, 11, 23), "59": models.Date(1900, 2, 28), "61": models.Date(1900, 3, 1), "1": models.Date(1900, 1, 1)} {
		if got, err := ExcelSerial(in); err != nil || !got.Equal(want) {
			t.Errorf("ExcelSerial(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, reason := range map[string]string{"60": "29 februarie 1900", "0": "în afara calendarului", "-5": "invalid", "abc": "invalid", "9999999": "în afara calendarului"} {
		if _, err := ExcelSerial(in); err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("ExcelSerial(%q): %v, want ~%q", in, err, reason)
		}
	}
}

func TestInteger(t *testing.T) {
	for in, want := range map[string]int64{"12": 12, " 12.0 ": 12, "-3": -3, "1.2E1": 12, "007": 7} {
		if got, err := Integer(in); err != nil || got != want {
			t.Errorf("Integer(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, reason := range map[string]string{"12.5": "întreg", "1.234": "întreg", "12a": "întreg", "": "întreg", "99999999999999999999": "prea mare"} {
		if _, err := Integer(in); err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("Integer(%q): %v, want ~%q", in, err, reason)
		}
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		head      string
		headerRow int
		want      rune
	}{
		{"a^b^\"c,d,e\"\n1,2,3,4,5,6", 1, '^'},
		{"a;b;c\tx", 1, ';'},
		{"a\tb\tc\n", 1, '\t'},
		{"a|b|c\n", 1, '|'},
		{"TITLU, cu virgulă\n\na;b;c\n", 3, ';'},
		{"x\n", 1, ','},
	}
	for _, tt := range tests {
		if got := SniffDelimiter([]byte(tt.head), tt.headerRow); got != tt.want {
			t.Errorf("SniffDelimiter(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	read := func(b []byte, enc string) (string, error) {
		out, err := io.ReadAll(Decode(strings.NewReader(string(b)), enc))
		return string(out), err
	}
	tests := []struct {
		name string
		in   []byte
		enc  string
		want string
	}{
		{"utf-8 with BOM", []byte("\xEF\xBB\xBFȘcoală"), EncodingAuto, "Școală"},
		{"windows-1250 detected, cedilla to comma", []byte("Pl\xe3\xfei \xaacoal\xe3"), EncodingAuto, "Plăți Școală"},
		{"windows-1250 declared", []byte("\xba\xfe"), EncodingWin1250, "șț"},
		{"iso-8859-2", []byte("\xba\xfe"), EncodingLatin2, "șț"},
		{"utf-16 BOM", []byte("\xFF\xFEa\x00\x19\x02"), EncodingAuto, "aș"},
	}
	for _, tt := range tests {
		got, err := read(tt.in, tt.enc)
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	_, err := read([]byte("a\nb\xff"), EncodingUTF8)
	if ue, ok := err.(*InvalidUTF8Error); !ok || ue.Line != 2 {
		t.Errorf("strict utf-8: %v", err)
	}
	br := bufio.NewReader(strings.NewReader("\xEF\xBB\xBFa,b"))
	SkipBOM(br)
	if rest, _ := io.ReadAll(br); string(rest) != "a,b" {
		t.Errorf("SkipBOM left %q", rest)
	}
}
