package tabular

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

const investmentsMapping = `
dataset: investments
format: xlsx
source:
  sheet: "Investiții 2026"
  header_row: 3
  skip_rows_where:
    - {column: "Cod", matches: "^TOTAL"}
scale: 1
fields:
  code:            {column: "Cod"}
  name:            {column: "Denumire obiectiv"}
  year:            {constant: "2026"}
  functional_code: {column: "Capitol"}
  funding:         {column: "Sursa", map: {"Buget local": local, "PNRR": pnrr, "Fonduri UE": ue}}
  status:          {column: "Stadiu"}
  total_value:     {column: "Valoare totală (lei)"}
  spent_year:      {column: "Plăți 2026 (mii lei)", scale: 1000}
  progress_pct:    {column: "Progres %"}
  planned_start:   {column: "Început"}
  planned_end:     {column: "Finalizare", dates: [dmy]}
`

// buildInvestmentsXLSX writes a workbook the way a finance department keeps
// its investment list: a title, a blank row, the header on row 3, date
// cells, number cells, numbers typed as text, a totals row.
func buildInvestmentsXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Investiții 2026"
	f.SetSheetName("Sheet1", "Cuprins")
	if _, err := f.NewSheet(sh); err != nil {
		t.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Lista obiectivelor de investiții 2026 — Primăria Municipiului Timișoara"},
		nil,
		{"Cod", "Denumire obiectiv", "Capitol", "Sursa", "Stadiu", "Valoare totală (lei)", "Plăți 2026 (mii lei)", "Progres %", "Început", "Finalizare"},
		{"INV-01", "Reabilitare Școala Gimnazială nr. 7", "65.02", "Buget local", "în execuție", 1234567.89, 250.5, 45, models.Date(2026, 3, 1), "15.12.2026"},
		{"INV-02", "Pistă de biciclete Bega", "84.02", "PNRR", "planificat", "2.500.000,00", "1.000", "0", "2026-05-04", nil},
		{"INV-03", "Iluminat public", "70.02", "Fonduri UE", "in executie", 300000, 12.345, 10.5, models.Date(2026, 2, 2), "31.11.2026"},
		{"TOTAL", nil, nil, nil, nil, 4034567.89},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []string{"I4", "I6"} {
		f.SetCellStyle(sh, c, c, dateStyle)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	data := buildInvestmentsXLSX(t)
	res, err := run(t, investmentsMapping, bytes.NewReader(data), ingest.Options{File: "inv.xlsx", Entity: "14756536"})
	if err != nil {
		t.Fatal(err)
	}
	ds := models.DatasetInvestments
	if len(res.good) != 2 || res.skipped != 1 || len(res.rejects) != 1 {
		t.Fatalf("good %d skipped %d rejects %v; want 2, 1 (TOTAL), 1", len(res.good), res.skipped, res.rejects)
	}
	a, b := res.good[0], res.good[1]
	if a.Line != 4 || b.Line != 5 {
		t.Errorf("lines %d %d; want sheet rows 4 and 5", a.Line, b.Line)
	}
	checks := []struct {
		rec   *models.Record
		field string
		want  any
	}{
		{a, "total_value", models.Amount(123456789)},       // number cell
		{a, "spent_year", models.Amount(25050000)},         // 250.5 mii lei
		{a, "progress_pct", models.Amount(4500)},           // 45
		{a, "planned_start", models.Date(2026, 3, 1)},      // date cell
		{a, "planned_end", models.Date(2026, 12, 15)},      // text date
		{a, "funding", "local"},                            // mapped
		{a, "status", "în execuție"},                       // enum
		{a, "name", "Reabilitare Școala Gimnazială nr. 7"}, //
		{b, "total_value", models.Amount(250000000)},       // text number, Romanian notation
		{b, "spent_year", models.Amount(100000000)},        // "1.000" mii lei, as text
		{b, "planned_start", models.Date(2026, 5, 4)},      // ISO text
		{b, "planned_end", nil},                            // empty
		{b, "entity_cui", "14756536"},                      // --entity
	}
	for _, c := range checks {
		got := value(c.rec, ds, c.field)
		if tm, ok := c.want.(time.Time); ok {
			if g, ok := got.(time.Time); !ok || !g.Equal(tm) {
				t.Errorf("line %d %s = %v, want %v", c.rec.Line, c.field, got, c.want)
			}
			continue
		}
		if got != c.want {
			t.Errorf("line %d %s = %#v, want %#v", c.rec.Line, c.field, got, c.want)
		}
	}
	// Row 6: 31.11.2026 is not a day.
	r := res.rejects[0]
	if r.Line != 6 || r.Column != "Finalizare" || r.Value != "31.11.2026" || r.Reason != "dată imposibilă: ziua 31 nu există în noiembrie 2026" {
		t.Errorf("reject %+v", r)
	}
}

func TestXLSXRefusals(t *testing.T) {
	data := buildInvestmentsXLSX(t)
	tests := []struct {
		name, mapping string
		content       []byte
		want          string
	}{
		{"sheet not found", strings.Replace(investmentsMapping, "Investiții 2026", "Investiții 2025", 1), data, `foaia "Investiții 2025" nu există (foile fișierului: Cuprins, Investiții 2026)`},
		{"not an xlsx", investmentsMapping, []byte("Cod;Denumire\n1;2\n"), "nu este un fișier XLSX"},
		{"old xls", investmentsMapping, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "Excel 97–2003"},
		{"truncated", investmentsMapping, data[:len(data)/2], "XLSX deteriorat sau trunchiat"},
		{"empty", investmentsMapping, nil, "fișierul este gol"},
		{"missing column", strings.Replace(investmentsMapping, `"Progres %"`, `"Progres fizic"`, 1), data, `antetul nu are coloanele "Progres fizic"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := run(t, tt.mapping, bytes.NewReader(tt.content), ingest.Options{File: "inv.xlsx", Entity: "14756536"})
			fileError(t, err, tt.want)
		})
	}
}
