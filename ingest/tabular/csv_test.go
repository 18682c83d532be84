package tabular

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// registryMapping reads a citizens' requests export of a legacy registry
// program; the tests feed it the same rows in many shapes.
const registryMapping = `
dataset: requests
format: csv
entity: "14756536"
source:
  encoding: %ENC%
  delimiter: auto
  header_row: %HDR%
  skip_rows_where:
    - {column: "Nr. înregistrare", matches: "^(Total|TOTAL)"}
fields:
  request_id: {column: "Nr. înregistrare"}
  received:   {column: "Data înregistrării"}
  channel:    {column: "Mod depunere", map: {"Portal": "online", "Registratură": "ghișeu", "Email": "e-mail"}}
  category:   {column: "Categorie"}
  type:       {constant: "petitie"}
  department: {column: "Compartiment", default: "Registratură"}
  answered:   {column: "Data răspuns"}
  status:     {column: "Stare"}
  extended:   {column: "Prelungit"}
`

func registry(enc string, headerRow string) string {
	return strings.NewReplacer("%ENC%", enc, "%HDR%", headerRow).Replace(registryMapping)
}

const registryRows = "Nr. înregistrare;Data înregistrării;Mod depunere;Categorie;Compartiment;Data răspuns;Stare;Prelungit\n" +
	"1201;05.01.2026;Registratură;Urbanism – certificat;Direcția Urbanism;20.01.2026;rezolvată;nu\n" +
	"1202;06.01.2026;Portal;Salubrizare, străzi;;;deschisă;\n" +
	"1203;07.01.2026;Email;Spații verzi, întreținere;Serviciul Spații Verzi;08.01.2026;rezolvată;DA\n" +
	"TOTAL;;;;;;;\n"

func encode(t *testing.T, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// checkRegistry asserts the three records of registryRows, read from any shape.
func checkRegistry(t *testing.T, res result, firstLine int) {
	t.Helper()
	if len(res.rejects) != 0 || len(res.good) != 3 || res.skipped != 1 || res.skips[models.SkipMatched] != 1 {
		t.Fatalf("good %d rejects %v skipped %v; want 3, none, 1 (TOTAL, matched)", len(res.good), res.rejects, res.skips)
	}
	ds := models.DatasetRequests
	g := res.good
	if g[0].Line != firstLine || g[2].Line != firstLine+2 {
		t.Errorf("lines %d, %d; want %d, %d", g[0].Line, g[2].Line, firstLine, firstLine+2)
	}
	if value(g[0], ds, "channel") != "ghișeu" || value(g[1], ds, "channel") != "online" || value(g[2], ds, "channel") != "e-mail" {
		t.Errorf("channels %v %v %v", value(g[0], ds, "channel"), value(g[1], ds, "channel"), value(g[2], ds, "channel"))
	}
	if value(g[0], ds, "category") != "Urbanism – certificat" && value(g[0], ds, "category") != "Urbanism - certificat" {
		t.Errorf("category %q", value(g[0], ds, "category"))
	}
	if value(g[1], ds, "category") != "Salubrizare, străzi" || value(g[2], ds, "department") != "Serviciul Spații Verzi" {
		t.Errorf("diacritics: %q, %q", value(g[1], ds, "category"), value(g[2], ds, "department"))
	}
	if value(g[1], ds, "department") != "Registratură" {
		t.Errorf("default department: %q", value(g[1], ds, "department"))
	}
	if value(g[0], ds, "status") != "rezolvată" || value(g[1], ds, "status") != "deschisă" {
		t.Errorf("status %q %q", value(g[0], ds, "status"), value(g[1], ds, "status"))
	}
	if !value(g[0], ds, "received").(time.Time).Equal(models.Date(2026, 1, 5)) || value(g[1], ds, "answered") != nil {
		t.Errorf("dates %v %v", value(g[0], ds, "received"), value(g[1], ds, "answered"))
	}
	if value(g[0], ds, "extended") != false || value(g[2], ds, "extended") != true || value(g[2], ds, "term_days") != int64(45) {
		t.Errorf("extended %v %v term %v", value(g[0], ds, "extended"), value(g[2], ds, "extended"), value(g[2], ds, "term_days"))
	}
	if value(g[0], ds, "entity_cui") != "14756536" {
		t.Errorf("entity %v", value(g[0], ds, "entity_cui"))
	}
}

func TestCSVEncodingsAndShapes(t *testing.T) {
	// ISO-8859-2 has no en dash: the Latin-2 fixture uses a hyphen.
	latin2Rows := strings.ReplaceAll(registryRows, "–", "-")
	// Legacy programs write the cedilla letters ş ţ; they come out ș ț.
	cedilla := strings.NewReplacer("ș", "ş", "ț", "ţ", "Ș", "Ş", "Ț", "Ţ")
	tab := strings.ReplaceAll(registryRows, ";", "\t")
	tests := []struct {
		name      string
		enc       string
		content   []byte
		headerRow string
		firstLine int
	}{
		{"utf-8", "auto", []byte(registryRows), "1", 2},
		{"utf-8 with BOM", "auto", append([]byte{0xEF, 0xBB, 0xBF}, registryRows...), "1", 2},
		{"utf-8 explicit with BOM", "utf-8", append([]byte{0xEF, 0xBB, 0xBF}, registryRows...), "1", 2},
		{"utf-8 cedilla", "auto", []byte(cedilla.Replace(registryRows)), "1", 2},
		// Windows-1250 and ISO-8859-2 have only the cedilla ş ţ (and ă â î).
		{"windows-1250 detected", "auto", encode(t, charmap.Windows1250, cedilla.Replace(registryRows)), "1", 2},
		{"windows-1250 explicit", "windows-1250", encode(t, charmap.Windows1250, cedilla.Replace(registryRows)), "1", 2},
		{"iso-8859-2 explicit", "iso-8859-2", encode(t, charmap.ISO8859_2, cedilla.Replace(latin2Rows)), "1", 2},
		{"tab delimiter, CRLF", "auto", []byte(strings.ReplaceAll(tab, "\n", "\r\n")), "1", 2},
		{"comma delimiter with quoted commas", "auto", []byte(commaCSV(registryRows)), "1", 2},
		{"header on row 3 after a title block", "auto",
			[]byte("Registrul general de intrare-ieșire 2026; generat la 02.02.2026\n\n" + registryRows), "3", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := run(t, registry(tt.enc, tt.headerRow), bytes.NewReader(tt.content), ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkRegistry(t, res, tt.firstLine)
		})
	}
}

// commaCSV rewrites the ;-separated rows with commas, quoting the cells
// that hold a comma.
func commaCSV(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		cells := strings.Split(strings.TrimSuffix(line, "\n"), ";")
		for i, c := range cells {
			if strings.Contains(c, ",") {
				cells[i] = `"` + c + `"`
			}
		}
		if line != "" {
			b.WriteString(strings.Join(cells, ",") + "\n")
		}
	}
	return b.String()
}

func TestCSVReorderedExtraColumnsAndEmbeddedNewline(t *testing.T) {
	// Columns in another order, two columns the mapping does not use, a
	// quoted cell spanning three lines, a header with a line break, and a
	// bad date after it: the reject must name the physical line 6.
	content := "Observații;Stare;\"Data\nînregistrării\";Compartiment;Nr. înregistrare;Categorie;Data răspuns;Mod depunere;Prelungit;Operator\n" + // lines 1-2
		"\"prima linie\na doua\na treia\";deschisă;05.01.2026;Urbanism;1;Altele;;Portal;;ana\n" + // lines 3-5
		";deschisă;30.02.2026;Urbanism;2;Altele;;Portal;;ion\n" + // line 6
		"\n" + // line 7, blank
		";;;;;;;;;\n" + // line 8, blank cells
		";deschisă;07.01.2026;Urbanism;3;Altele;;Fax;;ion\n" // line 9
	res, err := run(t, registry("auto", "1"), strings.NewReader(content), ingest.Options{File: "reg.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.good) != 1 || res.good[0].Line != 3 || res.skipped != 1 || res.skips[models.SkipBlank] != 1 {
		t.Fatalf("good %v skipped %v; want one record at line 3, one blank row skipped", res.good, res.skips)
	}
	want := []models.RowError{
		{File: "reg.csv", Line: 6, Column: "Data înregistrării", Value: "30.02.2026", Reason: "dată imposibilă: ziua 30 nu există în februarie 2026"},
		{File: "reg.csv", Line: 9, Column: "Mod depunere", Value: "Fax", Reason: "valoare necunoscută; se acceptă: online, ghișeu, e-mail, poștă, telefon, altul, necunoscut"},
	}
	assertRejects(t, res.rejects, want)
}

func assertRejects(t *testing.T, got, want []models.RowError) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("rejects:\n%v\nwant:\n%v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reject %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// procurementMapping: a buyer's own register of contracts, in Romanian notation.
const procurementMapping = `
dataset: procurement
format: csv
entity: "14756536"
numbers: %NUM%
fields:
  contract_id:   {column: "Nr. contract"}
  kind:          {column: "Tip", map: {"Achiziție directă": direct_purchase, "Procedură": procedure_award}}
  supplier_cui:  {column: "CUI furnizor"}
  supplier_name: {column: "Furnizor"}
  title:         {column: "Obiect"}
  cpv:           {column: "CPV"}
  value:         {column: "Valoare fără TVA"}
  award_date:    {column: "Data"}
  offers:        {column: "Oferte"}
  eu_funded:     {column: "Fonduri UE"}
  functional:    {constant: "x"}
`

func TestCSVBadValues(t *testing.T) {
	m := strings.Replace(strings.Replace(procurementMapping, "%NUM%", "auto", 1), "  functional:    {constant: \"x\"}\n", "", 1)
	content := "Nr. contract,Tip,CUI furnizor,Furnizor,Obiect,CPV,Valoare fără TVA,Data,Oferte,Fonduri UE\n" +
		"C1,Achiziție directă,RO 14756536,SC Alfa SRL,Lucrări,45233140-2,\"1.234.567,89\",23.11.2026,1,x\n" + // 2: good
		"C2,Achiziție directă,14756536,SC Alfa SRL,Lucrări,45233140-2,1.234,23.11.2026,1,\n" + // 3: ambiguous
		"C3,Achiziție directă,14756536,SC Alfa SRL,Lucrări,4523314,100,23.11.2026,1,\n" + // 4: malformed CPV
		"C4,Licitație,14756536,SC Alfa SRL,Lucrări,45233140-2,100,23.11.2026,1,\n" + // 5: enum after map
		"C5,Procedură,14756536,,Lucrări,45233140-2,100,23.11.2026,2,\n" + // 6: missing required
		"C6,Procedură,14756536,SC Alfa SRL,Lucrări,45233140-2,100\n" + // 7: short row
		"C7,Procedură,14756536,SC Alfa SRL,Lucrări,45233140-2,100,23.11.2026,2.5,nu\n" // 8: fraction offers
	res, err := run(t, m, strings.NewReader(content), ingest.Options{File: "c.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.good) != 1 || res.good[0].Line != 2 {
		t.Fatalf("good %v", res.good)
	}
	g := res.good[0]
	if value(g, models.DatasetProcurement, "value") != models.Amount(123456789) || value(g, models.DatasetProcurement, "eu_funded") != true ||
		value(g, models.DatasetProcurement, "kind") != "direct_purchase" || value(g, models.DatasetProcurement, "buyer_cui") != "14756536" {
		t.Errorf("good record %v", g.Values)
	}
	_, cpvErr := models.ParseCPV("4523314")
	assertRejects(t, res.rejects, []models.RowError{
		{File: "c.csv", Line: 3, Column: "Valoare fără TVA", Value: "1.234", Reason: "număr ambiguu: . urmat de trei cifre poate separa miile sau zecimalele; alegeți numbers: ro sau intl în mapare"},
		{File: "c.csv", Line: 4, Column: "CPV", Value: "4523314", Reason: cpvErr.Error()},
		{File: "c.csv", Line: 5, Column: "Tip", Value: "Licitație", Reason: "valoare necunoscută; se acceptă: procedure_award, direct_purchase, framework_agreement, call_off"},
		{File: "c.csv", Line: 6, Column: "Furnizor", Value: "", Reason: "valoare obligatorie lipsă"},
		{File: "c.csv", Line: 7, Column: "*", Value: "C6,Procedură,14756536,SC Alfa SRL,Lucrări,45233140-2,100", Reason: "rândul are 7 coloane, antetul are 10 (rând scurt)"},
		{File: "c.csv", Line: 8, Column: "Oferte", Value: "2.5", Reason: "nu este un număr întreg (are zecimale)"},
	})
}

func TestCSVIntlAndClassification(t *testing.T) {
	m := `
dataset: budget
format: csv
numbers: intl
fields:
  entity_cui:      {column: 1}
  year:            {constant: "2026"}
  month:           {constant: "3"}
  report_date:     {constant: "2026-04-05"}
  kind:            {constant: cheltuieli}
  section:         {constant: functionare}
  funding_source:  {constant: A}
  functional_code: {column: 2}
  economic_code:   {column: 3}
  executed:        {column: 4}
source:
  header_row: 0
`
	content := "14756536,65.02.03,20.01.01,\"1,234,567.89\"\n" + // good
		"14756536,65.02.03,20.01.01,\"1234,56\"\n" + // comma decimal under intl
		"14756536,52.02,20.01.01,100\n" + // unknown chapter
		"14756536,65.02.03,20.01.01,100,extra\n" // long row
	res, err := run(t, m, strings.NewReader(content), ingest.Options{File: "b.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.good) != 1 || value(res.good[0], models.DatasetBudget, "executed") != models.Amount(123456789) {
		t.Fatalf("good %v", res.good)
	}
	if len(res.rejects) != 3 {
		t.Fatalf("rejects %v", res.rejects)
	}
	r := res.rejects
	if r[0].Line != 2 || r[0].Column != "#4" || r[0].Value != "1234,56" || !strings.Contains(r[0].Reason, "virgulă zecimală în notația intl") {
		t.Errorf("intl reject %+v", r[0])
	}
	if r[1].Line != 3 || r[1].Column != "#2" || r[1].Value != "52.02" || !strings.Contains(r[1].Reason, "nu există în clasificație") {
		t.Errorf("classification reject %+v", r[1])
	}
	if r[2].Line != 4 || r[2].Column != "*" || !strings.Contains(r[2].Reason, "5 coloane, antetul are 4") {
		t.Errorf("long row reject %+v", r[2])
	}
}

func TestCSVTrailingEmptyCellsTolerated(t *testing.T) {
	content := strings.ReplaceAll(registryRows, "\n", ";;\n")
	content = strings.Replace(content, ";;\n", "\n", 1) // the header has none
	res, err := run(t, registry("auto", "1"), strings.NewReader(content), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkRegistry(t, res, 2)
}

func TestCSVBareQuoteRejectsOneRow(t *testing.T) {
	content := registryRows[:strings.Index(registryRows, "\n")+1] +
		"1201;05.01.2026;Portal;Sticlă 5\" spartă;Urbanism;;deschisă;\n" +
		"1202;06.01.2026;Portal;Altele;Urbanism;;deschisă;\n"
	res, err := run(t, registry("auto", "1"), strings.NewReader(content), ingest.Options{File: "q.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.good) != 1 || res.good[0].Line != 3 || len(res.rejects) != 1 || res.rejects[0].Line != 2 || !strings.Contains(res.rejects[0].Reason, "ghilimele") {
		t.Fatalf("good %v rejects %v", res.good, res.rejects)
	}
}

func TestCSVFileRefusals(t *testing.T) {
	header := registryRows[:strings.Index(registryRows, "\n")+1]
	tests := []struct {
		name, enc, content, want string
	}{
		{"empty", "auto", "", "fișierul este gol"},
		{"only a BOM", "auto", "\xEF\xBB\xBF", "fișierul este gol"},
		{"missing columns named", "auto", "Nr. înregistrare;Data;Mod depunere;Categorie;Compartiment;Stare\n1;2;3;4;5;6\n",
			`antetul nu are coloanele "Data înregistrării", "Data răspuns", "Prelungit"`},
		{"header row past the end", "auto", "titlu\n", "antetul lipsește"},
		{"unterminated quote", "auto", header + "1201;05.01.2026;Portal;\"Altele;Urbanism;;deschisă;\n1202;06.01.2026\n", "ghilimele neînchise sau în plus în rândul care începe la linia 2"},
		{"invalid utf-8 under explicit utf-8", "utf-8", header + "1201;05.01.2026;Registratur\xe3;Altele;Urbanism;;deschisă;\n", "nu este UTF-8 valid (linia 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := "1"
			if tt.name == "header row past the end" {
				hdr = "3"
			}
			_, err := run(t, registry(tt.enc, hdr), strings.NewReader(tt.content), ingest.Options{File: "x.csv"})
			fileError(t, err, tt.want)
		})
	}
}

func TestOpenNeedsEntity(t *testing.T) {
	m := strings.Replace(registry("auto", "1"), `entity: "14756536"`, "", 1)
	if _, err := run(t, m, strings.NewReader(registryRows), ingest.Options{}); err == nil || !strings.Contains(err.Error(), "--entity") {
		t.Fatalf("no entity: %v", err)
	}
	res, err := run(t, m, strings.NewReader(registryRows), ingest.Options{Entity: "14756536"})
	if err != nil {
		t.Fatal(err)
	}
	checkRegistry(t, res, 2)
	if _, err := run(t, registry("auto", "1"), strings.NewReader(registryRows), ingest.Options{Entity: "4267117"}); err == nil {
		t.Fatal("entity: and a different --entity: want an error")
	}
}

func TestRegisteredFormatsNeedAMapping(t *testing.T) {
	for _, f := range []string{"csv", "xlsx", "json"} {
		_, err := ingest.Open(f, strings.NewReader("a\n"), ingest.Options{Dataset: models.DatasetRequests})
		if err == nil || !strings.Contains(err.Error(), "--mapping") {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestCSVControlCharactersAreRejectedWithTheEncodingToDeclare: text already
// converted wrongly (a C1 control where a dash was) is a reject naming the
// character; the other rows load.
func TestCSVControlCharactersAreRejectedWithTheEncodingToDeclare(t *testing.T) {
	content := strings.Replace(registryRows, "Urbanism – certificat", "Urbanism \u0096 certificat", 1)
	res, err := run(t, registry("auto", "1"), strings.NewReader(content), ingest.Options{File: "r.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.good) != 2 || len(res.rejects) != 1 {
		t.Fatalf("good %d rejects %+v; want 2 and the row with U+0096", len(res.good), res.rejects)
	}
	r := res.rejects[0]
	if r.Line != 2 || r.Column != "Categorie" || r.Value != "Urbanism \u0096 certificat" ||
		r.Reason != "caracterul de control U+0096 în text: fișierul pare scris în altă codificare sau convertit greșit înainte de export; încercați encoding: windows-1250 sau auto" {
		t.Fatalf("reject %+v", r)
	}
}
