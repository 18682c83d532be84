package tabular

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

func TestParseMappingDefaultsAndScalars(t *testing.T) {
	m, err := ParseMapping("m.yaml", []byte(`
dataset: budget
format: csv
fields:
  functional_code: {constant: 04.02}
  economic_code:   {column: 3, map: {cheltuieli: "00", venituri: ""}}
`))
	if err != nil {
		t.Fatal(err)
	}
	if m.Numbers != rules.NumbersRO || m.Scale != 1 || m.Source.Encoding != EncodingAuto || m.Source.Delimiter != "auto" ||
		m.Source.HeaderRow != 1 || !m.Source.SkipBlankRows || strings.Join(m.Dates, ",") != "dmy,iso" {
		t.Errorf("defaults: %+v", m)
	}
	fc := m.Field("functional_code")
	if fc == nil || fc.Constant == nil || *fc.Constant != "04.02" || fc.Line != 5 {
		t.Errorf("constant kept as written: %+v", fc)
	}
	ec := m.Field("economic_code")
	if ec.Column.Position != 3 || ec.Map["cheltuieli"] != "00" || ec.Map["venituri"] != "" || ec.Line != 6 {
		t.Errorf("economic_code: %+v", ec)
	}
}

func TestParseMappingStrict(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
		want       string
	}{
		{"unknown top key", "dataset: requests\nformat: csv\nfield: {}\n", 3, "cheie necunoscută"},
		{"unknown field key", "dataset: requests\nfields:\n  status: {column: x, colum: y}\n", 3, "cheie necunoscută"},
		{"duplicate field", "dataset: requests\nfields:\n  status: {column: x}\n  status: {column: y}\n", 4, "cheie repetată"},
		{"column as a list", "dataset: requests\nfields:\n  status: {column: [1, 2]}\n", 3, "valoare simplă"},
		{"position zero", "dataset: requests\nfields:\n  status: {column: 0}\n", 3, "de la 1"},
		{"broken yaml", "dataset: [requests\n", 1, "YAML invalid"},
		{"empty", "  \n", 0, "goală"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMapping("m.yaml", []byte(tt.yaml))
			var me *MappingError
			if !errors.As(err, &me) || !strings.Contains(me.Msg, tt.want) || (tt.line > 0 && me.Line != tt.line) || !errors.Is(err, models.ErrInvalid) {
				t.Fatalf("got %v; want line %d ~%q", err, tt.line, tt.want)
			}
		})
	}
}

func TestMappingCheck(t *testing.T) {
	yaml := `dataset: requests
format: csv
entity: "123"
source:
  sheet: Foaie
  delimiter: ";;"
  skip_rows_where:
    - {column: A, matches: "(unclosed"}
numbers: roman
dates: [dmy, julian]
fields:
  request_id: {column: "Nr."}
  received:   {column: 2, constant: "01.01.2026"}
  channel:    {column: "Canal", map: {"Portal": "online", "Fax": "fax", "portal": "online"}}
  category:   {column: "Cat", numbers: ro}
  type:       {constant: "petitie", default: "x"}
  department: {column: "Dep", extract: "(a)(b"}
  answered:   {column: "R", dates: [iso], scale: 1000}
  term_days:  {constant: "zece"}
  colour:     {column: "Culoare"}
  extended:   {column: "P", default: "poate"}
`
	m, err := ParseMapping("check.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line int
		msg  string
	}{
		{3, "entity:"},
		{5, "sheet se aplică doar la xlsx"},
		{6, "delimiter trebuie să fie auto sau un singur caracter"},
		{8, "expresia regulată \"(unclosed\" este greșită"},
		{9, "notația numerică \"roman\" nu există"},
		{10, "notația de dată \"julian\" nu există"},
		{13, "are și column și constant"},
		{14, "map \"Fax\" → \"fax\" nu este o valoare bună pentru channel"},
		{14, "map are cheile"},
		{15, "numbers se aplică doar câmpurilor numerice"},
		{16, "default, map și extract nu se aplică unei constante"},
		{17, "expresia regulată \"(a)(b\" este greșită"},
		{18, "scale se aplică doar sumelor"},
		{19, "constanta \"zece\" nu este o valoare bună pentru term_days"},
		{20, "câmpul \"colour\" nu există în setul requests"},
		{21, "valoarea implicită \"poate\" nu este o valoare bună pentru extended"},
		{11, "câmpul obligatoriu status"},
	}
	errs := m.Check()
	for _, w := range want {
		found := false
		for _, e := range errs {
			var me *MappingError
			if errors.As(e, &me) && me.Line == w.line && strings.Contains(me.Msg, w.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error at line %d ~%q", w.line, w.msg)
		}
	}
	if len(errs) != len(want) {
		t.Errorf("%d errors, want %d:\n%v", len(errs), len(want), errors.Join(errs...))
	}
	if _, err := Open(m, strings.NewReader(""), ingestOpt()); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("Open with a bad mapping: %v", err)
	}
}

func TestMappingCheckCombinations(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown dataset", "dataset: contracts\nformat: csv\nfields: {a: {column: x}}\n", `setul de date "contracts" nu există`},
		{"unknown format", "dataset: requests\nformat: ods\nfields: {status: {column: x}}\n", `formatul "ods" nu există`},
		{"names without header", "dataset: requests\nformat: csv\nsource: {header_row: 0}\nfields: {status: {column: Stare}}\n", "header_row: 0"},
		{"position in json", "dataset: requests\nformat: json\nfields: {status: {column: 3}}\n", "la json coloana este o cale"},
		{"header_row in json", "dataset: requests\nformat: json\nsource: {header_row: 2}\nfields: {status: {column: s}}\n", "header_row nu se aplică la json"},
		{"records in csv", "dataset: requests\nformat: csv\nsource: {records: a.b}\nfields: {status: {column: s}}\n", "records se aplică doar la json"},
		{"encoding in xlsx", "dataset: requests\nformat: xlsx\nsource: {encoding: utf-8}\nfields: {status: {column: s}}\n", "encoding nu se aplică la xlsx"},
		{"entity twice", "dataset: requests\nformat: csv\nentity: \"14756536\"\nfields: {entity_cui: {column: CUI}}\n", "vine și din entity:"},
		{"entity on entities", "dataset: entities\nformat: csv\nentity: \"14756536\"\nfields: {cui: {column: CUI}}\n", "nu are câmp de instituție"},
		{"required mapped to empty", "dataset: requests\nformat: csv\nfields: {channel: {column: c, map: {x: \"\"}}}\n", "nu poate primi o valoare goală"},
		{"zero scale", "dataset: budget\nformat: csv\nscale: 0\nfields: {executed: {column: x}}\n", "scale trebuie să fie un întreg pozitiv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMapping("c.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			errs := m.Check()
			if !strings.Contains(errors.Join(errs...).Error(), tt.want) {
				t.Fatalf("errors %v; want ~%q", errs, tt.want)
			}
		})
	}
}

func TestDocMappingsCheck(t *testing.T) {
	paths, _ := filepath.Glob("../../docs/mappings/*.yaml")
	if len(paths) < 5 {
		t.Fatalf("found %d mappings in docs/mappings, want at least 5", len(paths))
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) { loadMapping(t, p) })
	}
}

func TestCheckAgainst(t *testing.T) {
	m, err := ParseMapping("r.yaml", []byte(registry("auto", "1")))
	if err != nil {
		t.Fatal(err)
	}
	if errs := m.CheckAgainst(strings.NewReader(registryRows)); len(errs) != 0 {
		t.Fatalf("good sample: %v", errs)
	}
	sample := strings.Replace(registryRows, "Data răspuns", "Răspuns la", 1)
	errs := m.CheckAgainst(strings.NewReader(sample))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `r.yaml:18: coloana "Data răspuns" a câmpului answered nu există în eșantion`) {
		t.Fatalf("errors %v", errs)
	}
	// XLSX and JSON samples.
	xm, _ := ParseMapping("x.yaml", []byte(investmentsMapping))
	if errs := xm.CheckAgainst(bytes.NewReader(buildInvestmentsXLSX(t))); len(errs) != 0 {
		t.Errorf("xlsx sample: %v", errs)
	}
	jm, _ := ParseMapping("j.yaml", []byte(strings.Replace(jsonMapping(""), "supplier.name", "supplier.label", 1)))
	errs = jm.CheckAgainst(strings.NewReader("[" + jsonRecords + "]"))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `"supplier.label"`) {
		t.Errorf("json sample: %v", errs)
	}
}

func TestLoadMappingMissingFile(t *testing.T) {
	_, err := LoadMapping(filepath.Join(t.TempDir(), "nu-exista.yaml"))
	if !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("err %v", err)
	}
}

// TestDocYAMLBlocksCheck keeps docs/mapping.md honest: every complete
// mapping shown in it passes Check.
func TestDocYAMLBlocksCheck(t *testing.T) {
	doc, err := os.ReadFile("../../docs/mapping.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(doc), "```yaml\n")[1:]
	n := 0
	for i, b := range blocks {
		b = b[:strings.Index(b, "```")]
		if !strings.Contains(b, "\ndataset:") && !strings.HasPrefix(b, "dataset:") {
			continue
		}
		n++
		m, err := ParseMapping("doc", []byte(b))
		if err != nil {
			t.Errorf("block %d: %v", i, err)
			continue
		}
		if errs := m.Check(); len(errs) > 0 {
			t.Errorf("block %d: %v", i, errors.Join(errs...))
		}
	}
	if n < 7 {
		t.Errorf("%d mappings in the docs, want at least 7", n)
	}
}

// A register's own status words are mapped to the documented statuses, a
// word mapped to something else is a mapping error, and the export date is
// a constant (or a column) like any other field. The date checks name the
// source column.
func TestRequestStatusMapAndExportDate(t *testing.T) {
	yaml := `dataset: requests
format: csv
entity: "4270740"
fields:
  request_id: {column: Nr}
  received:   {column: Data}
  channel:    {column: Canal, map: {Portal: online, Intern: altul, "": necunoscut}}
  category:   {constant: Altele}
  type:       {constant: petitie}
  department: {constant: Registratură}
  answered:   {column: Răspuns}
  status:     {column: Stare, map: {Închisă: rezolvată, Anulat: anulată, Trimisă: redirecționată, "În lucru": deschisă}}
  as_of:      {constant: "15.01.2026"}
`
	content := "Nr;Data;Canal;Răspuns;Stare\n" +
		"1;05.01.2026;Portal;09.01.2026;Închisă\n" + // 2
		"2;05.01.2026;Intern;;În lucru\n" + // 3
		"3;06.01.2026;;;Anulat\n" + // 4: the channel left empty is unknown
		"4;06.01.2026;Portal;;Închisă\n" + // 5: resolved without an answer date
		"5;07.01.2026;Portal;;Arhivată\n" + // 6: a word the map does not know
		"6;16.01.2026;Portal;;În lucru\n" // 7: received after the export
	res, err := run(t, yaml, strings.NewReader(content), ingest.Options{File: "reg.csv"})
	if err != nil {
		t.Fatal(err)
	}
	assertRejects(t, res.rejects, []models.RowError{
		{File: "reg.csv", Line: 5, Column: "Răspuns", Value: "", Reason: "o cerere cu starea „rezolvată” trebuie să aibă data răspunsului"},
		{File: "reg.csv", Line: 6, Column: "Stare", Value: "Arhivată", Reason: "valoare necunoscută; se acceptă: deschisă, rezolvată, respinsă, redirecționată, anulată, retrasă"},
		{File: "reg.csv", Line: 7, Column: "as_of", Value: "2026-01-15", Reason: "registrul este exportat (15.01.2026) înaintea înregistrării cererii (16.01.2026)"},
	})
	if len(res.good) != 3 {
		t.Fatalf("%d good records, want 3", len(res.good))
	}
	get := func(r *models.Record, f string) any { return r.Values[models.FieldIndex(models.DatasetRequests, f)] }
	for i, want := range [][3]string{{"online", "rezolvată"}, {"altul", "deschisă"}, {"necunoscut", "anulată"}} {
		g := res.good[i]
		if get(g, "channel") != want[0] || get(g, "status") != want[1] || get(g, "as_of") != models.Date(2026, 1, 15) {
			t.Errorf("line %d: channel %v status %v as_of %v, want %v and 2026-01-15", g.Line, get(g, "channel"), get(g, "status"), get(g, "as_of"), want)
		}
	}

	bad := strings.Replace(yaml, "Anulat: anulată", "Anulat: închisă", 1)
	m, err := ParseMapping("test.yaml", []byte(bad))
	if err != nil {
		t.Fatal(err)
	}
	errs := m.Check()
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `test.yaml:12: map "Anulat" → "închisă" nu este o valoare bună pentru status (enum)`) {
		t.Errorf("a map to a status that does not exist: %v", errs)
	}
}
