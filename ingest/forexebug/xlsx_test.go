package forexebug

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// buildXLSX writes rows to the first sheet of a new workbook.
func buildXLSX(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The XLSX twin of an execution report: title rows, a header row with readable
// Romanian column names, numbers as numeric cells (and one as Romanian text),
// codes as text except one stored as a number (its leading zero lost).
func TestXLSXExecutionTwin(t *testing.T) {
	A := "A-Integral de la buget"
	rows := [][]any{
		{"Contul de execuție a bugetului local (FXB-EXB-900)"},
		{"P_ZI", "31-JAN-2024", nil, "P_SECB", "02"},
		{"Cod fiscal: 4270740", nil, "Nume", "MUNICIPIUL SIBIU"},
		{},
		{"Categorie cont", "Cod funcțional", "Denumire indicator funcțional", "Cod economic", "Denumire indicator economic", "Sursa de finanțare", "Rulaj", "Coloană necunoscută"},
		{"vn", 31800, "Impozitul pe veniturile din transferul proprietatilor imobiliare", nil, nil, A, 653495.5, "x"},
		{"vn", "040100", "Cote defalcate din impozitul pe venit(se scad)", nil, nil, A, 31488973.39},
		{"vn", "070201", "Impozit pe terenuri de la persoane fizice", nil, nil, A, "1.212.345,67"},
		{},
		{"ch", "510103", "Autoritati executive", "100101", "Salarii de baza", A, 2103456.78},
		{"ch", "510103", "Autoritati executive", "200101", "Furnituri de birou", A, "abc"},
		{"ch", "650401", "Invatamant secundar inferior", "710101", "Constructii", A, 845000},
		{"ch", "510103", "510103 TOTAL pentru sursa de finantare: A-Integral de la buget", "0", nil, A, 2103456.78},
	}
	recs, rd, err := readAll(t, bytes.NewReader(buildXLSX(t, rows)), ingest.Options{File: "raport.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 {
		t.Fatalf("%d records, want 6 (the empty rows and the total skipped)", len(recs))
	}
	bad := recs[4]
	if len(bad.Errors) != 1 || bad.Errors[0].Line != 11 || bad.Errors[0].Column != "RULAJ_CH_VN" || bad.Errors[0].Value != "abc" {
		t.Errorf("bad row: %+v", bad.Errors)
	}
	var good []*models.Record
	for _, r := range recs {
		if len(r.Errors) == 0 {
			good = append(good, r)
		}
	}
	checkLines(t, good, []wantLine{
		{6, "venituri", "functionare", "A", "03.02.18", "", 65349550},
		{7, "venituri", "functionare", "A", "04.02.01", "", 3148897339},
		{8, "venituri", "functionare", "A", "07.02.02.01", "", 121234567},
		{10, "cheltuieli", "functionare", "A", "51.02.01.03", "10.01.01", 210345678},
		{12, "cheltuieli", "dezvoltare", "A", "65.02.04.01", "71.01.01", 84500000},
	})
	if got := totals(good, "executed"); got["venituri"] != 3335481456 || got["cheltuieli"] != 294845678 {
		t.Errorf("totals %v", got)
	}
	for _, r := range good {
		if str(r, "entity_cui") != "4270740" || str(r, "entity_name") != "MUNICIPIUL SIBIU" || get(r, "report_date") != models.Date(2024, time.January, 31) {
			t.Errorf("row %d: %v", r.Line, r.Values)
		}
	}
	if s := rd.Stats(); !s.Spooled || s.Subtotals != 1 || s.Rows != 7 {
		t.Errorf("stats %+v", s)
	}
}

// The XLSX twin of a commitments report for two institutions: the element
// names as headers, the institution on each row, the date as "La data: ...".
func TestXLSXCommitmentsTwin(t *testing.T) {
	head := []any{"COD_FISCAL", "NUME", "NIVEL", "SURSA_SURSADEN", "COD_FUNCTIONAL", "DENUMIRE_INDICATOR_FUNCTIONAL", "COD_ECONOMIC", "DENUMIRE_INDICATOR_ECONOMIC",
		"CREDITEANGAJAMENT", "CREDITEBUGETAREINITIALE", "CREDITEBUGETAREDEFINITIVE", "RECEPTIITOTALE", "PLATITREZOR", "PLATINONTREZOR", "RECEPTIINEPLATITE"}
	A := "A-Integral de la buget"
	rows := [][]any{
		{"Execuție – angajamente bugetare"},
		{"La data: 31.01.2025"},
		head,
		{4270740, "MUNICIPIUL SIBIU", 1, A, "510103", "Autoritati executive", "100101", "Salarii de baza", 1124450, 13200000, 13200000, 1100000, 1023130, 0, 76870},
		{4270740, "MUNICIPIUL SIBIU", 2, A, "510103", "Autoritati executive", "100101", "Salarii de baza", 1124450, 13200000, 13200000, 1100000, 1023130, 0, 76870},
		{4406002, "ORAS CISNADIE", 1, A, "650301", "Invatamant prescolar", "200130", "Alte bunuri si servicii", 80000.5, 300000, 310000, 52000, 50000.25, 1000, 1000},
		{4406002, "ORAS CISNADIE", 1, A, "650301", "Invatamant prescolar", "710130", "Alte active fixe", 0, 50000, 50000, 0, 0, nil, 0},
	}
	recs, rd, err := readAll(t, bytes.NewReader(buildXLSX(t, rows)), ingest.Options{File: "angajamente.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || rd.Stats().OtherLevels != 1 {
		t.Fatalf("%d records, stats %+v", len(recs), rd.Stats())
	}
	type sums struct{ initial, final, commit, exec models.Amount }
	got := map[string]sums{}
	for _, r := range recs {
		if len(r.Errors) > 0 {
			t.Fatalf("row %d: %v", r.Line, r.Errors)
		}
		s := got[str(r, "entity_cui")]
		a, _ := amt(r, "initial_budget")
		b, _ := amt(r, "final_budget")
		c, _ := amt(r, "commitments")
		d, _ := amt(r, "executed")
		got[str(r, "entity_cui")] = sums{s.initial + a, s.final + b, s.commit + c, s.exec + d}
		if get(r, "report_date") != models.Date(2025, time.January, 31) || str(r, "kind") != "cheltuieli" {
			t.Errorf("row %d: %v", r.Line, r.Values)
		}
	}
	want := map[string]sums{
		"4270740": {1320000000, 1320000000, 112445000, 102313000},
		"4406002": {35000000, 36000000, 8000050, 5100025},
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %+v, want %+v", k, got[k], w)
		}
	}
	if str(recs[2], "section") != "dezvoltare" || str(recs[2], "functional_code") != "65.02.03.01" {
		t.Errorf("row %d: %v", recs[2].Line, recs[2].Values)
	}
}

func TestXLSXFileErrors(t *testing.T) {
	tests := []struct {
		name   string
		rows   [][]any
		reason string
	}{
		{"no header row", [][]any{{"P_ZI", "31-JAN-2025"}, {"a", "b"}, {1, 2}}, "rândul de antet"},
		{"no report date", [][]any{{"Raport"}, {"COD_FUNCTIONAL", "RULAJ_CH_VN"}, {"510103", 1}}, "P_ZI"},
		{"bad report date", [][]any{{"P_ZI", "ieri"}, {"COD_FUNCTIONAL", "RULAJ_CH_VN"}, {"510103", 1}}, "P_ZI"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, bytes.NewReader(buildXLSX(t, tt.rows)), ingest.Options{File: "f.xlsx"})
			var fe *models.FileError
			if !errors.As(err, &fe) || fe.File != "f.xlsx" || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("got %v; want a FileError ~%q", err, tt.reason)
			}
		})
	}
}

// The spooled copy of an XLSX is removed on Close.
func TestXLSXSpoolRemoved(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	content := buildXLSX(t, [][]any{{"P_ZI", "31-JAN-2025"}, {"COD_FUNCTIONAL", "RULAJ_CH_VN"}})
	rd, err := Open(bytes.NewReader(content), ingest.Options{File: "f.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "deschis-forexebug-*")); len(m) != 1 {
		t.Fatalf("spooled files %v", m)
	}
	rd.Close()
	if m, _ := filepath.Glob(filepath.Join(dir, "deschis-forexebug-*")); len(m) != 0 {
		t.Errorf("left behind: %v", m)
	}
}
