package sicap

import (
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

func TestAmountColumn(t *testing.T) {
	type step struct {
		in   string
		want models.Amount // when err == ""
		err  string
	}
	cases := []struct {
		name  string
		fixed bool
		steps []step
	}{
		{"api export", true, []step{{"105000", 105000_00, ""}, {"630.25", 630_25, ""}, {"458.4", 458_40, ""},
			{"105000.000", 105000_00, ""}, {"1.234", 1_23, "două zecimale"}, {"1,5", 0, "API"}, {"1.2.3", 0, "API"}}},
		{"romanian grouping", false, []step{{"1.234,56", 1234_56, ""}, {"250.000", 250000_00, ""}, {"1234,56", 1234_56, ""},
			{"12,345", 0, "două zecimale"}, {"1.234.567", 1234567_00, ""}}},
		{"point decimals", false, []step{{"1234.5", 1234_50, ""}, {"1,234", 1234_00, ""}, {"1,234,567.89", 1234567_89, ""}}},
		{"ambiguous before learning", false, []step{{"1.234", 0, "ambiguă"}, {"1,234", 0, "ambiguă"}, {"7,5", 7_50, ""}, {"1.234", 1234_00, ""}}},
		{"mixed conventions", false, []step{{"1,5", 1_50, ""}, {"2.5", 2_50, ""}, {"1.234", 0, "ambiguă"}}},
		{"garbage", false, []step{{"", 0, "nu este o sumă"}, {"-", 0, "nu este o sumă"}, {"12 lei", 0, "nu este o sumă"},
			{"1.2,3.4", 0, "nu este o sumă"}, {"12.34.5", 0, "grupe"}, {",5", 0, "nu este o sumă"}, {"1234.567,5", 0, "nu este o sumă"},
			{"99999999999999999", 0, "prea mare"}}},
		{"negative", false, []step{{"-1.234,50", -1234_50, ""}, {"- 12", -12_00, ""}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := amountColumn{fixed: tc.fixed}
			for _, s := range tc.steps {
				got, err := c.parse(s.in)
				switch {
				case s.err == "" && err != nil:
					t.Errorf("%q: %v", s.in, err)
				case s.err == "" && got != s.want:
					t.Errorf("%q = %s, want %s", s.in, got, s.want)
				case s.err != "" && (err == nil || !strings.Contains(err.Error(), s.err)):
					t.Errorf("%q: err %v, want one containing %q", s.in, err, s.err)
				}
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2024-11-01", models.Date(2024, 11, 1), true},
		{"2024-11-01T00:00:00", models.Date(2024, 11, 1), true},
		{"2024-03-15T23:12:33.19+02:00", models.Date(2024, 3, 15), true},
		{"2024-03-15 10:00", models.Date(2024, 3, 15), true},
		{"01.11.2024", models.Date(2024, 11, 1), true},
		{"1.2.2024 10:00:00", models.Date(2024, 2, 1), true},
		{"15-03-2018 00:00:00", models.Date(2018, 3, 15), true},
		{"2024-02-30", time.Time{}, false},
		{"31.04.2024", time.Time{}, false},
		{"03/15/2024", time.Time{}, false},
		{"2024-11-01Tabc", time.Time{}, false},
		{"1899-01-01", time.Time{}, false},
		{"ieri", time.Time{}, false},
	}
	for _, tc := range cases {
		got, err := parseDate(tc.in)
		if (err == nil) != tc.ok || tc.ok && !got.Equal(tc.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestContractTypeOf(t *testing.T) {
	cases := []struct {
		in   string
		want models.ContractKind
	}{
		{"Contract", models.ProcedureAward},
		{"", models.ProcedureAward},
		{"Contract de achiziție publică", models.ProcedureAward},
		{"Acord cadru", models.FrameworkAgreement},
		{"Acord-cadru", models.FrameworkAgreement},
		{"ACORD CADRU", models.FrameworkAgreement},
		{"Contract subsecvent", models.CallOff},
		{"Contract subsecvent acordului-cadru", models.CallOff},
		{"Concesiune", ""},
	}
	for _, tc := range cases {
		got, err := contractTypeOf(tc.in)
		if got != tc.want || (tc.want == "") != (err != nil) {
			t.Errorf("contractTypeOf(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestSmallParsers(t *testing.T) {
	if d := sniffDelimiter([]byte("a^b^\"c,d,e\"\n1,2,3,4,5,6")); d != '^' {
		t.Errorf("delimiter %q", d)
	}
	if d := sniffDelimiter([]byte("a;b;c\tx")); d != ';' {
		t.Errorf("delimiter %q", d)
	}
	for in, want := range map[string]string{"RO 15016137": "15016137", "ro123": "123", "49/740/01441": "49/740/01441",
		"DE123456789": "DE123456789", "ROMSOFT": "ROMSOFT"} {
		if got := normalizeSupplierCode(in); got != want {
			t.Errorf("normalizeSupplierCode(%q) = %q, want %q", in, got, want)
		}
	}
	if cui, name, ok := splitNameAndCUI("4267117 - MUNICIPIUL TIMISOARA - PRIMARIA"); !ok || cui != "4267117" || name != "MUNICIPIUL TIMISOARA - PRIMARIA" {
		t.Errorf("splitNameAndCUI = %q %q %v", cui, name, ok)
	}
	for in, want := range map[string]bool{"-": false, "Alte programe/proiecte": true, "Nu": false, "PNRR": true} {
		if got := euFundNamed(in); got != want {
			t.Errorf("euFundNamed(%q) = %v", in, got)
		}
	}
	if b, err := parseBool("false,TRUE"); err != nil || !b {
		t.Errorf("parseBool lots = %v %v", b, err)
	}
	if _, err := parseBool("poate"); err == nil {
		t.Error("parseBool accepted poate")
	}
	if h := normHeader("\ufeffCUI autoritate contractantă"); h != "cuiautoritatecontractanta" {
		t.Errorf("normHeader = %q", h)
	}
}

// Every generation must be recognisable from its own aliases: a header made
// of the first alias of each of its columns picks that generation.
func TestGenerationsRecogniseThemselves(t *testing.T) {
	for _, g := range generations {
		var header []string
		for _, aliases := range g.Columns {
			header = append(header, strings.TrimPrefix(aliases[0], "*"))
		}
		header = append(header, g.Values[0].Column[0])
		c := &Reader{header: header}
		if err := c.chooseShape(); err != nil {
			t.Errorf("%s: %v", g.Name, err)
			continue
		}
		if c.gen.Name != g.Name {
			t.Errorf("%s: recognised as %s", g.Name, c.gen.Name)
		}
	}
}
