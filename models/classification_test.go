package models

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestNormalizeCode(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"six digits, Treasury style", "510103", "51.01.03", true},
		{"dotted", "51.01.03", "51.01.03", true},
		{"spaces", "51 01 03", "51.01.03", true},
		{"four digits", "5101", "51.01", true},
		{"surrounding spaces", " 65.02 ", "65.02", true},
		{"ten digits", "6502030101", "65.02.03.01.01", true},
		{"chapter alone", "65", "65", true},
		{"mixed separators", "65.02 03", "65.02.03", true},
		{"leading zero dropped by a spreadsheet", "4.02.01", "04.02.01", true},
		{"non-breaking space", "65\u00a002", "65.02", true},
		{"odd digit count", "51010", "", false},
		{"one digit", "5", "", false},
		{"too long", "650203010101", "", false},
		{"letters", "65.0a", "", false},
		{"dash", "65-02", "", false},
		{"empty", "", "", false},
		{"only spaces", "   ", "", false},
		{"only dots", "..", "", false},
		{"one-digit inner group", "65.2.03", "", false},
		{"three-digit group", "65.020", "", false},
		{"unicode digits", "٦٥", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeCode(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Fatalf("NormalizeCode(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
			}
			if err != nil {
				if !errors.Is(err, ErrInvalid) {
					t.Errorf("error %v does not match ErrInvalid", err)
				}
				if !strings.Contains(err.Error(), "codul de clasificație") || !strings.Contains(err.Error(), `"`+tt.in+`"`) {
					t.Errorf("error %q does not name the value", err)
				}
			}
		})
	}
}

func TestNormalizeCodeReasons(t *testing.T) {
	tests := []struct{ name, in, reason string }{
		{"odd", "51010", "număr impar de cifre"},
		{"short", "5", "prea puține cifre"},
		{"long", "650203010101", "prea multe cifre"},
		{"letters", "65a", "alte caractere decât cifre"},
		{"empty", "", "este gol"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NormalizeCode(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.reason) {
				t.Fatalf("NormalizeCode(%q) error = %v; want it to say %q", tt.in, err, tt.reason)
			}
		})
	}
}

func TestLookupFunctional(t *testing.T) {
	tests := []struct {
		name, in                      string
		code, wantName, parent, match string
		level                         int
		ok                            bool
	}{
		{"local chapter", "65.02", "65.02", "Învățământ", "", "65", 1, true},
		{"local subchapter", "65.02.03", "65.02.03", "Învățământ preșcolar și primar", "65.02", "65.03", 2, true},
		{"local paragraph known", "65.02.04.01", "65.02.04.01", "Învățământ secundar inferior", "65.02.04", "65.04.01", 3, true},
		{"local paragraph unknown falls back to subchapter", "65.02.03.99", "65.02.03.99", "Învățământ preșcolar și primar", "65.02.03", "65.03", 3, true},
		{"local unknown subchapter falls back to chapter", "65.02.99", "65.02.99", "Învățământ", "65.02", "65", 2, true},
		{"six digits", "650203", "65.02.03", "Învățământ preșcolar și primar", "65.02", "65.03", 2, true},
		{"general subchapter", "65.03", "65.03", "Învățământ preșcolar și primar", "65", "65.03", 2, true},
		{"general paragraph", "74.05.01", "74.05.01", "Salubritate", "74.05", "74.05.01", 3, true},
		{"local salubritate", "74.02.05.01", "74.02.05.01", "Salubritate", "74.02.05", "74.05.01", 3, true},
		{"local street lighting", "70.02.06", "70.02.06", "Iluminat public și electrificări", "70.02", "70.06", 2, true},
		{"local roads", "84.02.03.01", "84.02.03.01", "Drumuri și poduri", "84.02.03", "84.03.01", 3, true},
		{"revenue chapter, local name", "04.02", "04.02", "Cote și sume defalcate din impozitul pe venit", "", "04", 1, true},
		{"revenue subchapter, local name", "04.02.01", "04.02.01", "Cote defalcate din impozitul pe venit", "04.02", "04.01", 2, true},
		{"revenue general keeps se scad", "04.01", "04.01", "Cote defalcate din impozitul pe venit (se scad)", "04", "04.01", 2, true},
		{"building tax from people", "07.02.01.01", "07.02.01.01", "Impozit pe clădiri de la persoane fizice", "07.02.01", "07.01.01", 3, true},
		{"VAT shares, local", "11.02.02", "11.02.02", "Sume defalcate din taxa pe valoarea adăugată pentru finanțarea cheltuielilor descentralizate la nivelul comunelor, orașelor, municipiilor, sectoarelor și Municipiului București", "11.02", "11.02", 2, true},
		{"state subsidies, local", "42.02", "42.02", "Subvenții de la bugetul de stat", "", "42", 1, true},
		{"own-revenue institution subsidy", "43.10.09", "43.10.09", "Subvenții pentru instituții publice", "43.10", "43.09", 2, true},
		{"own-revenue institution, health", "43.10.10", "43.10.10", "Subvenții din bugetele locale pentru finanțarea cheltuielilor curente din domeniul sănătății", "43.10", "43.10", 2, true},
		{"own-revenue school", "65.10.04.01", "65.10.04.01", "Învățământ secundar inferior", "65.10.04", "65.04.01", 3, true},
		{"unknown chapter", "08.02", "", "", "", "", 0, false},
		{"malformed", "65.0x", "", "", "", "", 0, false},
		{"empty", "", "", "", "", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LookupFunctional(tt.in)
			if ok != tt.ok {
				t.Fatalf("LookupFunctional(%q) ok = %v, want %v (%+v)", tt.in, ok, tt.ok, got)
			}
			want := ClassCode{Code: tt.code, Name: tt.wantName, Parent: tt.parent, Level: tt.level, Match: tt.match}
			if got != want {
				t.Fatalf("LookupFunctional(%q) =\n  %+v\nwant\n  %+v", tt.in, got, want)
			}
		})
	}
}

func TestLookupEconomic(t *testing.T) {
	tests := []struct {
		name, in                      string
		code, wantName, parent, match string
		level                         int
		ok                            bool
	}{
		{"title", "10", "10", "Cheltuieli de personal", "", "10", 1, true},
		{"article", "10.01", "10.01", "Cheltuieli salariale în bani", "10", "10.01", 2, true},
		{"base salaries", "10.01.01", "10.01.01", "Salarii de bază", "10.01", "10.01.01", 3, true},
		{"Treasury digits", "100101", "10.01.01", "Salarii de bază", "10.01", "10.01.01", 3, true},
		{"other bonuses", "10.01.06", "10.01.06", "Alte sporuri", "10.01", "10.01.06", 3, true},
		{"work insurance contribution", "10.03.07", "10.03.07", "Contribuția asiguratorie pentru muncă", "10.03", "10.03.07", 3, true},
		{"office supplies", "20.01.01", "20.01.01", "Furnituri de birou", "20.01", "20.01.01", 3, true},
		{"heating and lighting", "20.01.03", "20.01.03", "Încălzit, iluminat și forță motrică", "20.01", "20.01.03", 3, true},
		{"functional materials", "20.01.09", "20.01.09", "Materiale și prestări de servicii cu caracter funcțional", "20.01", "20.01.09", 3, true},
		{"other goods", "20.01.30", "20.01.30", "Alte bunuri și servicii pentru întreținere și funcționare", "20.01", "20.01.30", 3, true},
		{"current repairs", "20.02", "20.02", "Reparații curente", "20", "20.02", 2, true},
		{"transfers to institutions", "51.01.01", "51.01.01", "Transferuri către instituții publice", "51.01", "51.01.01", 3, true},
		{"capital transfer unknown paragraph", "51.02.12", "51.02.12", "Transferuri de capital", "51.02", "51.02", 3, true},
		{"social aid in cash", "57.02.01", "57.02.01", "Ajutoare sociale în numerar", "57.02", "57.02.01", 3, true},
		{"buildings", "71.01.01", "71.01.01", "Construcții", "71.01", "71.01.01", 3, true},
		{"other fixed assets", "71.01.30", "71.01.30", "Alte active fixe", "71.01", "71.01.30", 3, true},
		{"transfers title", "51", "51", "Transferuri între unități ale administrației publice", "", "51", 1, true},
		{"no classification", "00.00", "00.00", "Fără clasificație economică", "00", "00.00", 2, true},
		{"unknown title", "99.01", "", "", "", "", 0, false},
		{"malformed", "2001a", "", "", "", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LookupEconomic(tt.in)
			if ok != tt.ok {
				t.Fatalf("LookupEconomic(%q) ok = %v, want %v (%+v)", tt.in, ok, tt.ok, got)
			}
			want := ClassCode{Code: tt.code, Name: tt.wantName, Parent: tt.parent, Level: tt.level, Match: tt.match}
			if got != want {
				t.Fatalf("LookupEconomic(%q) =\n  %+v\nwant\n  %+v", tt.in, got, want)
			}
		})
	}
}

func TestFunctionalChapter(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"local paragraph", "65.02.03.01", "65.02"},
		{"local chapter", "65.02", "65.02"},
		{"Treasury digits", "6502030101", "65.02"},
		{"revenue", "04.02.01", "04.02"},
		{"own-revenue institution", "43.10.09", "43.10"},
		{"general code read as local", "65.04.01", "65.02"},
		{"general chapter read as local", "84", "84.02"},
		{"malformed", "6x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FunctionalChapter(tt.in); got != tt.want {
				t.Fatalf("FunctionalChapter(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBudgetFunctionalCode(t *testing.T) {
	tests := []struct {
		name, in, budget, want string
		ok                     bool
	}{
		{"Treasury paragraph", "650401", BudgetLocal, "65.02.04.01", true},
		{"Treasury subchapter", "54.10.00", BudgetLocal, "54.02.10", true},
		{"Treasury chapter", "65.00.00", BudgetLocal, "65.02", true},
		{"revenue", "04.01.00", BudgetLocal, "04.02.01", true},
		{"building tax", "07.01.01", BudgetLocal, "07.02.01.01", true},
		{"general subchapter 02", "65.02.00", BudgetLocal, "65.02.02", true},
		{"own revenues", "43.09.00", BudgetOwnRevenue, "43.10.09", true},
		{"unknown budget", "65.04.01", "03", "", false},
		{"malformed", "65.4", BudgetLocal, "", false},
		{"too deep", "65.04.01.01.01", BudgetLocal, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := BudgetFunctionalCode(tt.in, tt.budget)
			if (err == nil) != tt.ok || got != tt.want {
				t.Fatalf("BudgetFunctionalCode(%q, %q) = %q, %v; want %q ok=%v", tt.in, tt.budget, got, err, tt.want, tt.ok)
			}
			if err == nil {
				// What it writes reads back, by the notation rule, as the
				// general code it was given.
				f, why := parseFunctional(got)
				general, _ := NormalizeCode(tt.in)
				for strings.HasSuffix(general, ".00") {
					general = strings.TrimSuffix(general, ".00")
				}
				if why != "" || f.budget != tt.budget || strings.Join(f.general, ".") != general {
					t.Errorf("%s reads back as %+v, want budget %s general %s", got, f, tt.budget, general)
				}
			}
		})
	}
}

func TestEconomicTitleArticle(t *testing.T) {
	tests := []struct{ name, in, title, article string }{
		{"paragraph", "10.01.01", "10", "10.01"},
		{"article", "20.02", "20", "20.02"},
		{"title", "71", "71", ""},
		{"Treasury digits", "710101", "71", "71.01"},
		{"malformed", "7", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EconomicTitle(tt.in); got != tt.title {
				t.Errorf("EconomicTitle(%q) = %q, want %q", tt.in, got, tt.title)
			}
			if got := EconomicArticle(tt.in); got != tt.article {
				t.Errorf("EconomicArticle(%q) = %q, want %q", tt.in, got, tt.article)
			}
		})
	}
}

func TestValidateFunctional(t *testing.T) {
	tests := []struct {
		name, code string
		kind       BudgetKind
		wantErr    string // "" when valid; else the exact message
	}{
		{"expense chapter", "65.02", Expense, ""},
		{"expense subchapter", "65.02.03", Expense, ""},
		{"expense paragraph not checked", "65.02.03.99", Expense, ""},
		{"salubritate", "74.02.05.01", Expense, ""},
		{"revenue", "04.02.01", Revenue, ""},
		{"own-revenue institution", "43.10.09", Revenue, ""},
		{"building tax", "07.02.01.01", Revenue, ""},
		{"general notation", "65.03", Expense, ""},
		{"unknown subchapter", "65.02.99", Expense,
			`codul funcțional "65.02.99" nu există în clasificație (capitolul 65.02 Învățământ nu are subcapitolul 99)`},
		{"unknown revenue subchapter, local name", "04.02.77", Revenue,
			`codul funcțional "04.02.77" nu există în clasificație (capitolul 04.02 Cote și sume defalcate din impozitul pe venit nu are subcapitolul 77)`},
		{"unknown chapter", "08.02", Revenue,
			`codul funcțional "08.02" nu există în clasificație (capitolul 08.02 nu există)`},
		{"expense chapter as revenue", "65.02", Revenue,
			`codul funcțional "65.02" este de cheltuieli, nu de venituri (capitolul 65.02 Învățământ)`},
		{"revenue chapter as expense", "07.02.01", Expense,
			`codul funcțional "07.02.01" este de venituri, nu de cheltuieli (capitolul 07.02 Impozite și taxe pe proprietate)`},
		{"odd digits", "650", Expense,
			`codul funcțional "650" are un număr impar de cifre (3); codurile se scriu în perechi de cifre`},
		{"short group", "65.0", Expense,
			`codul funcțional "65.0" are grupul "0"; fiecare grup are două cifre`},
		{"empty", "", Expense, "codul funcțional lipsește"},
		{"unknown kind", "65.02", BudgetKind("x"), `tipul "x" nu este "venituri" sau "cheltuieli"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateFunctional(tt.code, tt.kind)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("ValidateFunctional(%q, %s) = %v, want nil", tt.code, tt.kind, err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("ValidateFunctional(%q, %s) = nil, want %q", tt.code, tt.kind, tt.wantErr)
			case err != nil && err.Error() != tt.wantErr:
				t.Fatalf("ValidateFunctional(%q, %s) =\n  %s\nwant\n  %s", tt.code, tt.kind, err, tt.wantErr)
			case err != nil && !errors.Is(err, ErrInvalid):
				t.Fatalf("error %v does not match ErrInvalid", err)
			}
		})
	}
}

func TestValidateEconomic(t *testing.T) {
	tests := []struct{ name, code, wantErr string }{
		{"paragraph", "10.01.01", ""},
		{"paragraph not in the catalogue", "20.01.99", ""},
		{"article", "20.02", ""},
		{"title", "71", ""},
		{"Treasury digits", "510101", ""},
		{"article under another title number", "91.01", ""},
		{"unknown article", "20.99", `codul economic "20.99" nu există în clasificație (titlul 20 Bunuri și servicii nu are articolul 99)`},
		{"unknown title", "99.01.01", `codul economic "99.01.01" nu există în clasificație (titlul 99 nu există)`},
		{"unknown title alone", "11", `codul economic "11" nu există în clasificație (titlul 11 nu există)`},
		{"empty", "", "codul economic lipsește"},
		{"spaces", "  ", "codul economic lipsește"},
		{"malformed", "10.1", `codul economic "10.1" are grupul "1"; fiecare grup are două cifre`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateEconomic(tt.code)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("ValidateEconomic(%q) = %v, want nil", tt.code, err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("ValidateEconomic(%q) = nil, want %q", tt.code, tt.wantErr)
			case err != nil && err.Error() != tt.wantErr:
				t.Fatalf("ValidateEconomic(%q) =\n  %s\nwant\n  %s", tt.code, err, tt.wantErr)
			case err != nil && !errors.Is(err, ErrInvalid):
				t.Fatalf("error %v does not match ErrInvalid", err)
			}
		})
	}
}

func TestIsRevenueChapter(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{"income tax shares", "04.02", true},
		{"property taxes paragraph", "07.02.01.01", true},
		{"subsidies, own revenues", "43.10.09", true},
		{"general revenue code", "33.05", true},
		{"education", "65.02", false},
		{"transport", "84.02.03.01", false},
		{"unknown chapter", "08.02", false},
		{"malformed", "x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsRevenueChapter(tt.in); got != tt.want {
				t.Fatalf("IsRevenueChapter(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// The catalogue's two trees agree with the numbering rule of the
// classification: revenue chapters 00–49, expense chapters 50–99.
func TestCatalogueTreesMatchChapterNumbers(t *testing.T) {
	for _, c := range FunctionalCatalogue() {
		if c.Level != 1 {
			continue
		}
		revenue := c.Code < "50"
		if IsRevenueChapter(c.Code) != revenue {
			t.Errorf("chapter %s %s: IsRevenueChapter = %v", c.Code, c.Name, !revenue)
		}
	}
}

func TestCatalogueShape(t *testing.T) {
	codeRE := regexp.MustCompile(`^\d\d(\.\d\d){0,2}$`)
	for _, cat := range []struct {
		name string
		list []ClassCode
		min  int
	}{
		{"functional", FunctionalCatalogue(), 495},
		{"economic", EconomicCatalogue(), 329},
	} {
		t.Run(cat.name, func(t *testing.T) {
			if len(cat.list) < cat.min {
				t.Fatalf("%d codes, want at least the %d of the source", len(cat.list), cat.min)
			}
			seen := map[string]bool{}
			for i, c := range cat.list {
				if !codeRE.MatchString(c.Code) {
					t.Errorf("bad code %q", c.Code)
				}
				if i > 0 && cat.list[i-1].Code >= c.Code {
					t.Errorf("not sorted or duplicate at %s", c.Code)
				}
				if c.Name == "" || c.Name != strings.TrimSpace(c.Name) || strings.Contains(c.Name, "  ") {
					t.Errorf("%s: bad name %q", c.Code, c.Name)
				}
				if c.Parent != "" && !seen[c.Parent] {
					t.Errorf("%s: parent %s missing or after it", c.Code, c.Parent)
				}
				seen[c.Code] = true
			}
		})
	}
	// The catalogue is a copy: changing it does not change the next one.
	a := FunctionalCatalogue()
	a[0].Name = "x"
	if FunctionalCatalogue()[0].Name == "x" {
		t.Fatal("FunctionalCatalogue returns shared memory")
	}
}

// Names are correct Romanian: comma-below ș ț, never the cedilla ş ţ, and
// the diacritics the economic source lacked are back.
func TestCatalogueDiacritics(t *testing.T) {
	all := append(FunctionalCatalogue(), EconomicCatalogue()...)
	for _, c := range all {
		if strings.ContainsAny(c.Name, "şţŞŢ") {
			t.Errorf("%s has a cedilla: %s", c.Code, c.Name)
		}
	}
	for _, cat := range []*catalogue{functionalCatalogue(), economicCatalogue()} {
		for _, e := range cat.byCode {
			if strings.ContainsAny(e.LocalName, "şţŞŢ") {
				t.Errorf("%s local name has a cedilla: %s", e.Code, e.LocalName)
			}
		}
	}
	// Words that exist only with diacritics must not appear without them.
	bare := regexp.MustCompile(`^(si|in|intre|catre|fara|pana|institutii|finantare|sanatate|invatamant|activitati|contributii|dobanzi|subventii|asistenta|reparatii|imprumuturi)$`)
	for _, c := range all {
		for _, w := range strings.FieldsFunc(strings.ToLower(c.Name), func(r rune) bool { return !isLetter(r) }) {
			if bare.MatchString(w) {
				t.Errorf("%s: %q without diacritics in %q", c.Code, w, c.Name)
			}
		}
	}
	key := []struct{ code, name string }{
		{"51", "Transferuri între unități ale administrației publice"},
		{"10.01", "Cheltuieli salariale în bani"},
		{"20", "Bunuri și servicii"},
		{"20.02", "Reparații curente"},
		{"57", "Asistență socială"},
		{"00", "Fără clasificație economică"},
	}
	for _, k := range key {
		if got, _ := LookupEconomic(k.code); got.Name != k.name {
			t.Errorf("economic %s = %q, want %q", k.code, got.Name, k.name)
		}
	}
	fkey := []struct{ code, name string }{
		{"65", "Învățământ"},
		{"68", "Asigurări și asistență socială"},
		{"70", "Locuințe, servicii și dezvoltare publică"},
		{"83", "Agricultură, silvicultură, piscicultură și vânătoare"},
		{"74", "Protecția mediului"},
	}
	for _, k := range fkey {
		if got, _ := LookupFunctional(k.code); got.Name != k.name {
			t.Errorf("functional %s = %q, want %q", k.code, got.Name, k.name)
		}
	}
}

func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && strings.ContainsRune("ăâîșțĂÂÎȘȚşţŞŢéèáóúüöëíç", r)
}

// The entries added to the source are marked, with their source.
func TestCatalogueAddedEntries(t *testing.T) {
	for _, code := range []string{"10.01.01", "20.01.30", "51.01.01", "71.01.30"} {
		e, ok := economicCatalogue().byCode[code]
		if !ok || !e.Added || e.Source == "" {
			t.Errorf("economic %s: %+v, want an added entry with its source", code, e)
		}
	}
	for _, code := range []string{"43.09", "07.01", "07.01.01", "74.05"} {
		e, ok := functionalCatalogue().byCode[code]
		if !ok || !e.Added || e.Source == "" {
			t.Errorf("functional %s: %+v, want an added entry with its source", code, e)
		}
	}
	for _, code := range []string{"10", "65", "65.03"} {
		if e := functionalCatalogue().byCode[code]; e.Added {
			t.Errorf("functional %s marked added", code)
		}
	}
}

func FuzzNormalizeCode(f *testing.F) {
	for _, s := range []string{"510103", "51.01.03", "51 01 03", " 65.02 ", "6502030101", "4.02", "", "5", "65..02", "٦٥", "65.0x"} {
		f.Add(s)
	}
	shape := regexp.MustCompile(`^\d\d(\.\d\d){0,4}$`)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := NormalizeCode(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not match ErrInvalid", err)
			}
			return
		}
		if !shape.MatchString(c) {
			t.Fatalf("NormalizeCode(%q) = %q: not dotted pairs", s, c)
		}
		if c2, err := NormalizeCode(c); err != nil || c2 != c {
			t.Fatalf("NormalizeCode(%q) = %q, which normalises to %q, %v", s, c, c2, err)
		}
		// Every lookup and check takes any input without panicking.
		LookupFunctional(s)
		LookupEconomic(s)
		FunctionalChapter(s)
		_ = ValidateFunctional(s, Expense)
		_ = ValidateEconomic(s)
	})
}
