package forexebug

import (
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// Amounts follow rules.Number (notation auto, per cell) and
// rules.MachineNumber for numeric spreadsheet cells (docs/mapping.md).
func TestAmount(t *testing.T) {
	tests := []struct {
		name    string
		machine bool
		in      string
		want    models.Amount
		err     string
	}{
		{"integer", false, "102313", 10231300, ""},
		{"point decimal", false, "653495.5", 65349550, ""},
		{"comma decimal", false, "653495,50", 65349550, ""},
		{"romanian grouping", false, "1.234.567,89", 123456789, ""},
		{"english grouping", false, "1,234,567.89", 123456789, ""},
		{"grouping only", false, "1.234.567", 123456700, ""},
		{"negative", false, "-1.250,00", -125000, ""},
		{"spaces and nbsp", false, "1 234\u00a0567,8", 123456780, ""},
		{"ambiguous, per cell", false, "1.234", 0, "ambiguu"},
		{"many decimals rounded", false, "0.12345", 12, ""},
		{"machine float tail", true, "102313.00000000001", 10231300, ""},
		{"machine exponent", true, "1.2345E+7", 1234500000, ""},
		{"machine half up", true, "0.125", 13, ""},
		{"machine huge exponent", true, "1E999999999", 0, "nu este un număr"},
		{"bad groups", false, "12.34.567", 0, "grupează"},
		{"two decimal commas", false, "1.234,5,6", 0, "nu grupează"},
		{"letters", false, "12a", 0, "nu este un număr"},
		{"trailing separator", false, "12.", 0, "nu este un număr"},
		{"empty", false, " ", 0, "lipsă"},
		{"too large", false, "99999999999999999999", 0, "prea mare"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := amount(tt.in, rules.NumbersAuto, tt.machine)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("amount(%q) = %v, %v; want error ~%q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("amount(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseReportDate(t *testing.T) {
	tests := []struct {
		in     string
		serial bool
		want   time.Time
		ok     bool
	}{
		{"31-JAN-2025", false, models.Date(2025, 1, 31), true},
		{"29-FEB-24", false, models.Date(2024, 2, 29), true},
		{"31-ian-2025", false, models.Date(2025, 1, 31), true},
		{"30-NOI-2024", false, models.Date(2024, 11, 30), true},
		{"31.03.2025", false, models.Date(2025, 3, 31), true},
		{"2025-03-31T00:00:00", false, models.Date(2025, 3, 31), true},
		{"45688", true, models.Date(2025, 1, 31), true},
		{"45688", false, time.Time{}, false},
		{"31-FEB-2025", false, time.Time{}, false},
		{"", false, time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := parseReportDate(tt.in, tt.serial)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseReportDate(%q, %v) = %v, %v", tt.in, tt.serial, got, err)
		}
	}
}

func TestSectionRule(t *testing.T) {
	tests := []struct {
		name      string
		kind      models.BudgetKind
		fn, econ  string
		treasName string
		want      models.Section
	}{
		{"salaries", models.Expense, "510103", "100101", "Salarii de baza", models.Operating},
		{"goods", models.Expense, "840303", "200200", "Reparatii curente", models.Operating},
		{"constructions", models.Expense, "650401", "710101", "Constructii", models.Development},
		{"capital title", models.Expense, "650401", "700000", "", models.Development},
		{"financial assets", models.Expense, "510103", "720101", "Participare la capitalul social", models.Development},
		{"EU project", models.Expense, "840303", "560102", "Finantarea externa nerambursabila", models.Development},
		{"2014-2020 project", models.Expense, "840303", "580101", "Finantarea nationala", models.Development},
		{"PNRR", models.Expense, "650401", "600100", "Fonduri europene nerambursabile", models.Development},
		{"PNRR loan", models.Expense, "650401", "610100", "Fonduri din imprumut rambursabil", models.Development},
		{"capital transfer", models.Expense, "660601", "510228", "Transferuri ... cheltuielilor de capital", models.Development},
		{"current transfer", models.Expense, "510103", "510101", "Transferuri catre institutii publice", models.Operating},
		{"recovered, development", models.Expense, "510103", "850102", "Plati efectuate in anii precedenti si recuperate in anul curent in sectiunea de dezvoltare a bugetului local", models.Development},
		{"recovered, operating", models.Expense, "510103", "850101", "Plati efectuate in anii precedenti si recuperate in anul curent in sectiunea de functionare a bugetului local", models.Operating},
		{"income tax share", models.Revenue, "040100", "", "Cote defalcate din impozitul pe venit", models.Operating},
		{"capital revenue", models.Revenue, "390700", "", "Venituri din vanzarea unor bunuri", models.Development},
		{"heating subsidy", models.Revenue, "423400", "", "Subventii pentru ... incalzirea locuintei", models.Operating},
		{"EU subsidy", models.Revenue, "426900", "", "Subventii ... FEN", models.Development},
		{"Anghel Saligny", models.Revenue, "428700", "", "Programul national de investitii Anghel Saligny", models.Development},
		{"EU funds", models.Revenue, "480101", "", "Sume primite in contul platilor efectuate in anul curent", models.Development},
		{"surplus operating", models.Revenue, "401501", "", "Sume utilizate ... pentru sectiunea de functionare", models.Operating},
		{"surplus development", models.Revenue, "401502", "", "Sume utilizate ... pentru sectiunea de dezvoltare", models.Development},
		{"cash gap development", models.Revenue, "401300", "", "Sume din excedentul anului precedent pentru acoperirea golurilor temporare de casa ale sectiunii de dezvoltare", models.Development},
		{"transfer out of operating", models.Revenue, "370300", "", "Varsaminte din sectiunea de functionare pentru finantarea sectiunii de dezvoltare a bugetului local", models.Operating},
		{"transfer into development", models.Revenue, "370400", "", "Varsaminte din sectiunea de functionare", models.Development},
		{"subsidy for development", models.Revenue, "431900", "", "Subventii pentru institutii publice destinate sectiunii de dezvoltare", models.Development},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := section(tt.kind, generalGroups(tt.fn), generalGroups(tt.econ), tt.treasName)
			if got != tt.want {
				t.Errorf("section(%s %s %s) = %s, want %s", tt.kind, tt.fn, tt.econ, got, tt.want)
			}
		})
	}
}
