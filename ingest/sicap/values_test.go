package sicap

import (
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// Amounts follow rules.Number and rules.MachineNumber (docs/mapping.md,
// "Numbers"); what is SICAP's own is which notation a shape has.
func TestAmount(t *testing.T) {
	cases := []struct {
		in, numbers string
		want        models.Amount // when err == ""
		err         string
	}{
		{"105000", "", 105000_00, ""},
		{"630.25", "", 630_25, ""},
		{"105000.000", "", 105000_00, ""},
		{"1.235", "", 1_24, ""}, // a third decimal is rounded
		{"1,5", "", 0, "API"},
		{"1.2.3", "", 0, "API"},
		{"1.234,56", rules.NumbersAuto, 1234_56, ""},
		{"1234,56", rules.NumbersAuto, 1234_56, ""},
		{"1.234.567", rules.NumbersAuto, 1234567_00, ""},
		{"1,234,567.89", rules.NumbersAuto, 1234567_89, ""},
		{"1.234", rules.NumbersAuto, 0, "ambiguu"}, // the head showed nothing clear
		{"1.234", rules.NumbersRO, 1234_00, ""},    // the head showed decimal commas
		{"12 lei", rules.NumbersAuto, 0, "nu este un număr"},
		{"-1.234,50", rules.NumbersRO, -1234_50, ""},
	}
	for _, tc := range cases {
		got, err := amount(tc.in, tc.numbers)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.err == "" && got != tc.want:
			t.Errorf("%q = %s, want %s", tc.in, got, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: err %v, want one containing %q", tc.in, err, tc.err)
		}
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
