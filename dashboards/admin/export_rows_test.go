package admin

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/models"
)

// fakeRegister is a release whose register holds the rows given: what the
// export handler reads, with the pages it was asked for.
type fakeRegister struct {
	models.Reader
	rows  []models.RequestRow
	calls []string
}

func (f *fakeRegister) Manifest() *models.Manifest {
	return &models.Manifest{Created: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
}
func (f *fakeRegister) MainEntity() string     { return "9991004" }
func (f *fakeRegister) DefaultYear(string) int { return 2026 }
func (f *fakeRegister) Entity(cui string) (models.Entity, error) {
	if cui != "9991004" {
		return models.Entity{}, models.ErrNotFound
	}
	return models.Entity{CUI: cui, Name: "Primăria Test"}, nil
}
func (f *fakeRegister) RequestFacets(context.Context, string) (models.RequestFacets, error) {
	return models.RequestFacets{}, nil
}
func (f *fakeRegister) RequestDeadlines(context.Context, string, string, int) ([]models.RequestDeadlines, error) {
	return nil, nil
}
func (f *fakeRegister) RequestRows(_ context.Context, fl models.RequestRowFilter) (models.RequestRowPage, error) {
	f.calls = append(f.calls, fmt.Sprintf("%d+%d", fl.Offset, fl.Limit))
	end := min(len(f.rows), fl.Offset+fl.Limit)
	return models.RequestRowPage{Rows: f.rows[fl.Offset:end], Total: int64(len(f.rows))}, nil
}

// exportOf runs the register's handler for path over rel and returns the answer.
func exportOf(t *testing.T, s *Server, rel models.Reader, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	q := &request{Request: httptest.NewRequest(http.MethodGet, path, nil), w: rec, lang: "ro", rel: rel,
		sess: accounts.Session{User: accounts.User{Name: "ana", Role: accounts.Admin}}}
	name, _, err := s.requestRows(q)
	if err != nil || name != "" {
		t.Fatalf("%s: template %q, %v", path, name, err)
	}
	return rec
}

// A text cell that begins like a formula is neutralised in both formats,
// numbers stay numbers, and the register is read a bounded page at a time.
func TestExportNeutralisesFormulaCellsAndReadsPageByPage(t *testing.T) {
	st, err := accounts.Open(t.TempDir(), accounts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := &Server{cfg: Config{Accounts: st, Log: slog.New(slog.DiscardHandler)}}
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	rel := &fakeRegister{}
	evil := models.RequestRow{ID: "=HYPERLINK(\"http://x\",\"y\")", Dept: "+40 721 000 000", Category: "@SUM(A1)", Type: "-2+3",
		Status: "\tx", Channel: "\rcmd", Received: day, Due: day.AddDate(0, 0, 30), Answered: day.AddDate(0, 0, 12), DaysToAnswer: 12, Outcome: models.OutcomeAnswered}
	rel.rows = append(rel.rows, evil)
	for i := range 2*models.MaxRequestRows + 7 {
		rel.rows = append(rel.rows, models.RequestRow{ID: fmt.Sprintf("R-%04d", i), Received: day, DaysToAnswer: -1, Outcome: models.OutcomeOpen})
	}

	rec := exportOf(t, s, rel, "/admin/cereri?format=csv&ordine=-zile")
	m := models.MaxRequestRows
	if want := fmt.Sprintf("0+%d %d+%d %d+%d", m, m, m, 2*m, m); strings.Join(rel.calls, " ") != want {
		t.Errorf("reader asked for %v, want pages %s", rel.calls, want)
	}
	body, ok := bytes.CutPrefix(rec.Body.Bytes(), []byte("\uFEFF"))
	if !ok {
		t.Fatal("no byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(rel.rows)+1 {
		t.Fatalf("%d CSV rows, the register has %d", len(recs)-1, len(rel.rows))
	}
	got := recs[1]
	want := []string{`'=HYPERLINK("http://x","y")`, "02.03.2026", "'+40 721 000 000", "'@SUM(A1)", "'-2+3", "'\rcmd", "01.04.2026", "14.03.2026", "12", "'\tx", "în termen"}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("CSV row\n%q\nwant\n%q", got, want)
	}
	if recs[2][7] != "" || recs[2][8] != "" {
		t.Errorf("an open request's answer and days: %q %q, want empty", recs[2][7], recs[2][8])
	}

	rel.calls = nil
	rec = exportOf(t, s, rel, "/admin/cereri?format=xlsx")
	f, err := excelize.OpenReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	for cell, want := range map[string]string{"A2": `'=HYPERLINK("http://x","y")`, "C2": "'+40 721 000 000", "D2": "'@SUM(A1)", "E2": "'-2+3", "I2": "12"} {
		if v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true}); v != want {
			t.Errorf("XLSX %s = %q, want %q", cell, v, want)
		}
	}
	if formula, _ := f.GetCellFormula(sheet, "A2"); formula != "" {
		t.Errorf("XLSX A2 holds the formula %q", formula)
	}
	if typ, _ := f.GetCellType(sheet, "I2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("days cell type %v, want a number", typ)
	}
	rows, _ := f.GetRows(sheet)
	if len(rows) != len(rel.rows)+1 || len(rel.calls) != 3 {
		t.Errorf("XLSX %d rows over %d reads, want %d over 3", len(rows)-1, len(rel.calls), len(rel.rows))
	}

	// Both exports are in the audit log, with their row counts.
	ev, err := st.Audit(context.Background(), 10)
	if err != nil || len(ev) != 2 {
		t.Fatalf("audit %+v, %v", ev, err)
	}
	for _, e := range ev {
		d, err := accounts.ParseExportDetail(e.Detail)
		if err != nil || e.Event != accounts.EventExport || e.User != "ana" || d.Rows != int64(len(rel.rows)) || d.Filters.Get("entitate") != "9991004" {
			t.Errorf("audit event %+v (%+v, %v)", e, d, err)
		}
	}
}
