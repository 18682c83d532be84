package export_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/export"
	"github.com/deschis/deschis/models"
)

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1)": "'=SUM(A1)", "+40 721": "'+40 721", "-5 lei": "'-5 lei", "@cmd": "'@cmd",
		"\tx": "'\tx", "\rx": "'\rx", "": "", "Școala 5": "Școala 5", "a=b": "a=b", "'=x": "'=x",
	} {
		if got := export.Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

var cols = []models.Column{
	{Name: "name", Type: "VARCHAR"}, {Name: "n", Type: "INTEGER"}, {Name: "big", Type: "BIGINT"},
	{Name: "amount", Type: "DECIMAL(18,2)"}, {Name: "day", Type: "DATE"}, {Name: "ok", Type: "BOOLEAN"},
}

func row(i int) []any {
	return []any{fmt.Sprintf("rând %d", i), int32(i), int64(i) * 1_000_000_000, export.Decimal{Value: int64(-500 + i), Scale: 2},
		time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), i%2 == 0}
}

func writeXLSX(t *testing.T, rows, maxRows int) []byte {
	t.Helper()
	var buf bytes.Buffer
	x, err := export.NewXLSX(&buf, "procurement", cols, maxRows)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		if err := x.WriteRow(row(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A table longer than a sheet goes on in further sheets, each with the
// header, and no row is lost; the same rows give the same bytes.
func TestXLSXSplitsAcrossSheetsAndIsReproducible(t *testing.T) {
	const rows, limit = 10, 4 // 3 rows a sheet after the header: 4 sheets
	b := writeXLSX(t, rows, limit)
	if again := writeXLSX(t, rows, limit); !bytes.Equal(b, again) {
		t.Fatal("the same rows wrote two different workbooks")
	}
	path := filepath.Join(t.TempDir(), "t.xlsx")
	os.WriteFile(path, b, 0o644)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if want := []string{"procurement", "procurement (2)", "procurement (3)", "procurement (4)"}; fmt.Sprint(sheets) != fmt.Sprint(want) {
		t.Fatalf("sheets %q, want %q", sheets, want)
	}
	var got []string
	for _, s := range sheets {
		all, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) > limit || all[0][0] != "name" || all[0][3] != "amount" {
			t.Fatalf("sheet %s: %d rows, header %v", s, len(all), all[0])
		}
		for _, r := range all[1:] {
			got = append(got, r[0])
		}
	}
	if len(got) != rows || got[0] != "rând 0" || got[rows-1] != fmt.Sprintf("rând %d", rows-1) {
		t.Fatalf("rows read back: %q", got)
	}
	// Numbers stay numbers, negative ones too; dates are dates.
	if typ, _ := f.GetCellType("procurement", "D2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("amount cell type %v, want a number", typ)
	}
	raw, _ := f.GetCellValue("procurement", "D2", excelize.Options{RawCellValue: true})
	if raw != "-5" {
		t.Errorf("amount -5.00 stored as %q", raw)
	}
	raw, _ = f.GetCellValue("procurement", "E2", excelize.Options{RawCellValue: true})
	if want := fmt.Sprint(46349); raw != want { // 23.11.2026 as an Excel serial
		t.Errorf("date stored as %q, want the serial %s", raw, want)
	}
	if typ, _ := f.GetCellType("procurement", "A2"); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
		t.Errorf("text cell type %v, want a string", typ)
	}
}

func TestXLSXRefusesARowLimitWithoutRoomForARow(t *testing.T) {
	if _, err := export.NewXLSX(&bytes.Buffer{}, "t", cols, 1); err == nil {
		t.Fatal("a sheet of one row was accepted")
	}
}

func TestArrowStreamReadsBack(t *testing.T) {
	var buf bytes.Buffer
	w, err := export.NewArrow(&buf, cols)
	if err != nil {
		t.Fatal(err)
	}
	const rows = export.ArrowBatchRows + 10 // two batches
	for i := range rows {
		r := row(i)
		if i == 3 {
			r[0] = nil
		}
		if err := w.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rd, err := ipc.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Release()
	var n, batches int
	var sum int64
	for rd.Next() {
		rec := rd.RecordBatch()
		batches++
		amounts := rec.Column(3).(*array.Decimal128)
		for i := range int(rec.NumRows()) {
			sum += int64(amounts.Value(i).LowBits())
		}
		if batches == 1 && !rec.Column(0).IsNull(3) {
			t.Error("a NULL name read back as a value")
		}
		n += int(rec.NumRows())
	}
	if rd.Err() != nil {
		t.Fatal(rd.Err())
	}
	var want int64
	for i := range rows {
		want += int64(-500 + i)
	}
	if n != rows || batches != 2 || sum != want || rd.Schema().Field(3).Type.String() != "decimal(18, 2)" {
		t.Fatalf("%d rows in %d batches, sum %d (want %d rows, 2 batches, %d), schema %s", n, batches, sum, rows, want, rd.Schema())
	}
}

func TestArrowRefusesAValueOfTheWrongType(t *testing.T) {
	w, err := export.NewArrow(&bytes.Buffer{}, cols)
	if err != nil {
		t.Fatal(err)
	}
	r := row(0)
	r[1] = "not a number"
	if err := w.WriteRow(r); err == nil {
		t.Fatal("a text in an INTEGER column was accepted")
	}
}

// The CSV for a Romanian Excel: BOM, ';', decimal comma, dd.mm.yyyy, text
// neutralised and numbers left numbers; encoding/csv reads it back.
func TestExcelCSVReadsBack(t *testing.T) {
	var buf bytes.Buffer
	w, err := export.NewExcelCSV(&buf, cols)
	if err != nil {
		t.Fatal(err)
	}
	r0 := row(0)
	r0[0] = "=HYPERLINK(\"x\")"
	for _, r := range [][]any{r0, row(7), {nil, nil, nil, nil, nil, nil}} {
		if err := w.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b, ok := bytes.CutPrefix(buf.Bytes(), []byte(export.UTF8BOM))
	if !ok {
		t.Fatal("no byte order mark")
	}
	rd := csv.NewReader(bytes.NewReader(b))
	rd.Comma = ';'
	got, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"name", "n", "big", "amount", "day", "ok"},
		{`'=HYPERLINK("x")`, "0", "0", "-5,00", "23.11.2026", "true"},
		{"rând 7", "7", "7000000000", "-4,93", "30.11.2026", "false"},
		{"", "", "", "", "", ""}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("read back %q, want %q", got, want)
	}
	if err := w.WriteRow([]any{struct{}{}, nil, nil, nil, nil, nil}); err == nil {
		t.Error("a value of no column type was written")
	}
}
