package models

import "testing"

func TestLookupUAT(t *testing.T) {
	if n := len(uats()); n != 3228 {
		t.Fatalf("%d units, want the 3,228 units of the 2021 list", n)
	}
	tests := []struct {
		name, cui, wantName string
		kind                EntityKind
		county              string
		siruta              int
		pop                 int64
	}{
		{"capital", "4267117", "Municipiul București", KindMunicipiu, "B", 179132, 1716983},
		{"sector", "4505359", "Sectorul 1", KindSector, "B", 179141, 224764},
		{"municipality", "4562923", "Municipiul Alba Iulia", KindMunicipiu, "AB", 1017, 64227},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ok := LookupUAT(tt.cui)
			if !ok {
				t.Fatalf("LookupUAT(%s) not found", tt.cui)
			}
			if u.Name != tt.wantName || u.Kind != tt.kind || u.County != tt.county || u.SIRUTA != tt.siruta || u.Population != tt.pop {
				t.Errorf("LookupUAT(%s) = %+v", tt.cui, u)
			}
		})
	}
	if _, ok := LookupUAT("9991004"); ok {
		t.Error("the demo city is not a real UAT")
	}
	kinds := map[EntityKind]int{}
	for _, u := range uats() {
		kinds[u.Kind]++
		if !u.Kind.Valid() || u.County == "" || u.Population <= 0 || !ValidCUI(u.CUI) {
			t.Errorf("bad reference row %+v (valid CUI: %v)", u, ValidCUI(u.CUI))
			break
		}
	}
	// 103 municipalities include Bucharest; 41 counties; 6 sectors.
	if kinds[KindMunicipiu] != 103 || kinds[KindOras] != 216 || kinds[KindJudet] != 41 || kinds[KindSector] != 6 || kinds[KindComuna] != 2862 {
		t.Errorf("kinds = %v", kinds)
	}
}

// The genitive-dative of every kind of the reference list, derived from the
// official name; other kinds have none to derive (their file gives it).
func TestGenitiveNameOfEachKind(t *testing.T) {
	for _, c := range []struct {
		kind       EntityKind
		name, want string
	}{
		{KindMunicipiu, "Municipiul Alba Iulia", "Municipiului Alba Iulia"},
		{KindOras, "Orașul Abrud", "Orașului Abrud"},
		{KindComuna, "Comuna Ciugud", "Comunei Ciugud"},
		{KindJudet, "Județul Alba", "Județului Alba"},
		{KindSector, "Sectorul 3", "Sectorului 3"},
		{KindSubordinat, "Școala Gimnazială nr. 1 Demo", ""},
		{KindAlta, "Direcția Silvică Alba", ""},
		{KindMunicipiu, "Primăria Alba Iulia", ""}, // not the official form: nothing to derive from
	} {
		if got := GenitiveName(c.kind, c.name); got != c.want {
			t.Errorf("GenitiveName(%s, %q) = %q, want %q", c.kind, c.name, got, c.want)
		}
	}
	// Every UAT of the reference list has one.
	for _, cui := range []string{"4562923", "4331081"} {
		if u, ok := LookupUAT(cui); ok && GenitiveName(u.Kind, u.Name) == "" {
			t.Errorf("%s %q (%s): no genitive", cui, u.Name, u.Kind)
		}
	}
	for _, c := range []struct {
		e    Entity
		want string
	}{
		{Entity{Name: "Municipiul Demo", Kind: KindMunicipiu}, "Municipiului Demo"},
		{Entity{Name: "Școala Gimnazială nr. 1 Demo", NameGenitive: "Școlii Gimnaziale nr. 1 Demo", Kind: KindSubordinat}, "Școlii Gimnaziale nr. 1 Demo"},
		{Entity{Name: "Liceul Teoretic X", Kind: KindSubordinat}, "instituției Liceul Teoretic X"},
	} {
		if got := c.e.Genitive(); got != c.want {
			t.Errorf("%q.Genitive() = %q, want %q", c.e.Name, got, c.want)
		}
	}
}

// Every chapter and economic title of the catalogue has an English name.
func TestClassificationHasEnglishNames(t *testing.T) {
	for _, c := range FunctionalCatalogue() {
		if c.Level == 1 && ChapterNameEN(c.Code) == "" {
			t.Errorf("chapter %s %s has no English name", c.Code, c.Name)
		}
	}
	for _, c := range EconomicCatalogue() {
		if c.Level == 1 && EconomicTitleNameEN(c.Code) == "" {
			t.Errorf("title %s %s has no English name", c.Code, c.Name)
		}
	}
	if ChapterNameEN("65.02.03") != "Education" || EconomicTitleNameEN("10.01.01") != "Staff costs" {
		t.Error("codes below a chapter or title do not find its English name")
	}
}

// A source's procedure text finds the modality of award of Legea nr. 98/2016.
func TestLookupProcedure(t *testing.T) {
	for typed, want := range map[string]string{
		"Cumparare directa":        "achiziție directă",
		"cumpărare directă":        "achiziție directă",
		"Licitatie deschisa":       "licitație deschisă",
		"negociere fără publicare": "negociere fără publicare prealabilă",
		"Procedură simplificată":   "procedură simplificată",
	} {
		p, ok := LookupProcedure(typed)
		if !ok || p.Name.RO != want || p.Name.EN == "" {
			t.Errorf("LookupProcedure(%q) = %+v %v, want %q", typed, p, ok, want)
		}
	}
	if _, ok := LookupProcedure("procedură inventată"); ok {
		t.Error("an unknown text found a procedure")
	}
	for _, p := range AwardProcedures {
		if q, ok := LookupProcedure(p.Name.RO); !ok || q != p {
			t.Errorf("%q does not find itself", p.Name.RO)
		}
	}
}

// Every expense subchapter has an English name, found from a local code.
func TestExpenseSubchaptersHaveEnglishNames(t *testing.T) {
	for _, c := range FunctionalCatalogue() {
		if c.Level == 2 && c.Code >= "50" && SubchapterNameEN(c.Code) == "" {
			t.Errorf("subchapter %s %s has no English name", c.Code, c.Name)
		}
	}
	if got := SubchapterNameEN("65.02.03"); got != "Pre-primary and primary education" {
		t.Errorf("local 65.02.03: %q", got)
	}
	if got := SubchapterNameEN("65.02.04.01"); got != "Secondary education" {
		t.Errorf("a paragraph of local 65.02.04: %q", got)
	}
}
