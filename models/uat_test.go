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
