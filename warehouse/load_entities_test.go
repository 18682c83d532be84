package warehouse

import (
	"context"
	"testing"

	"github.com/deschis/deschis/models"
)

// A national procurement export names its buyers by fiscal code: without
// --entity the load registers the ones it does not know, from the reference
// list of administrative units or under the name in the data.
func TestUnknownBuyersAreRegisteredFromTheReferenceListOrTheData(t *testing.T) {
	w := openTemp(t)
	dir := t.TempDir()
	const header = "contract_id,kind,buyer_cui,buyer_name,supplier_cui,supplier_name,title,cpv,value,award_date"
	school := cui("2669108")
	p := writeCSV(t, dir, "p.csv", header,
		"DA1,direct_purchase,4562923,PRIMARIA MUNICIPIULUI ALBA IULIA,"+cui("1234567")+",Alfa SRL,Hârtie,30192000-1,1200.50,2025-03-04",
		"DA2,direct_purchase,4562923,Primăria Alba Iulia,"+cui("1234567")+",Alfa SRL,Toner,30192000-1,99.99,2025-03-05",
		"DA3,direct_purchase,"+school+",Școala Gimnazială nr. 1,"+cui("1234567")+",Alfa SRL,Cretă,30192000-1,10.00,2025-03-05",
		"DA4,direct_purchase,"+cui("7777777")+",,"+cui("1234567")+",Alfa SRL,Bănci,30192000-1,10.00,2025-03-06",
	)
	spec := LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis", RegisterEntities: true, MaxRejectShare: 0.5}
	res, err := w.Load(context.Background(), spec, canonicalFiles(models.DatasetProcurement, "", p))
	if err != nil {
		t.Fatal(err)
	}
	if res.Files[0].RowsLoaded != 3 || res.Files[0].RowsRejected != 1 {
		t.Fatalf("loaded %d rejected %d, want 3 and 1 (the buyer without a name): %+v", res.Files[0].RowsLoaded, res.Files[0].RowsRejected, res.Rejects)
	}
	if len(res.Rejects) != 1 || res.Rejects[0].Line != 5 || res.Rejects[0].Column != "buyer_cui" {
		t.Errorf("rejects = %+v", res.Rejects)
	}
	want := []RegisteredEntity{
		{school, "Școala Gimnazială nr. 1", "altă instituție", "data"},
		{"4562923", "Municipiul Alba Iulia", "municipiu", "uat"},
	}
	if len(res.EntitiesRegistered) != 2 || res.EntitiesRegistered[0] != want[0] && res.EntitiesRegistered[1] != want[0] {
		t.Errorf("registered = %+v, want %+v", res.EntitiesRegistered, want)
	}
	var name, county string
	var siruta, pop int64
	if err := w.DB().QueryRow(`SELECT e.name, e.county, e.siruta, p.population FROM dim_entity e JOIN entity_population p USING (cui) WHERE cui = '4562923'`).
		Scan(&name, &county, &siruta, &pop); err != nil {
		t.Fatal(err)
	}
	if name != "Municipiul Alba Iulia" || county != "AB" || siruta != 1017 || pop != 64227 {
		t.Errorf("Alba Iulia registered as %q %q %d %d", name, county, siruta, pop)
	}

	// Without the option (etl load --entity ...), an unknown buyer is a reject.
	w2 := openTemp(t)
	res, err = w2.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis", MaxRejectShare: 1},
		canonicalFiles(models.DatasetProcurement, "", p))
	if err != nil {
		t.Fatal(err)
	}
	if res.Files[0].RowsLoaded != 0 || len(res.EntitiesRegistered) != 0 {
		t.Errorf("without RegisterEntities: %+v", res)
	}
}

// The genitive-dative of each name: the entities file's when it gives one,
// derived for the kinds of the reference list when it does not, none for
// the others; a buyer registered from the reference list gets its own.
func TestEntityGenitivesGivenOrDerived(t *testing.T) {
	w := openTemp(t)
	dir := t.TempDir()
	hospital := cui("990003")
	load(t, w, models.DatasetEntities, writeCSV(t, dir, "e.csv", "cui,name,kind,parent_cui,county,name_genitive",
		cityCUI+",Municipiul Sibiu,municipiu,,SB,",
		schoolCUI+",Școala Gimnazială nr. 5 Sibiu,unitate subordonată,"+cityCUI+",SB,Școlii Gimnaziale nr. 5 Sibiu",
		hospital+",Spitalul de Pneumoftiziologie Sibiu,unitate subordonată,"+cityCUI+",SB,"))
	// An older file without the column: the derived form stays.
	load(t, w, models.DatasetEntities, writeCSV(t, dir, "old.csv", "cui,name,kind,county",
		cui("990004")+",Comuna Șelimbăr,comună,SB"))
	_, err := w.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis", RegisterEntities: true},
		canonicalFiles(models.DatasetProcurement, "", writeCSV(t, dir, "p.csv", "contract_id,kind,buyer_cui,buyer_name,supplier_cui,supplier_name,title,cpv,value,award_date",
			"DA1,direct_purchase,4562923,PRIMARIA MUNICIPIULUI ALBA IULIA,"+cui("1234567")+",Alfa SRL,Hârtie,30192000-1,1200.50,2025-03-04")))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		cityCUI:       "Municipiului Sibiu",
		schoolCUI:     "Școlii Gimnaziale nr. 5 Sibiu",
		hospital:      "",
		cui("990004"): "Comunei Șelimbăr",
		"4562923":     "Municipiului Alba Iulia",
	}
	rows, err := w.DB().Query(`SELECT DISTINCT cui, coalesce(name_genitive, '') FROM mart_entities`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]string{}
	for rows.Next() {
		var c, g string
		if err := rows.Scan(&c, &g); err != nil {
			t.Fatal(err)
		}
		got[c] = g
	}
	for c, g := range want {
		if got[c] != g {
			t.Errorf("%s: name_genitive %q, want %q", c, got[c], g)
		}
	}
}
