package export

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/models"
)

// ExcelMaxRows is the most rows an Excel sheet holds, its header included.
const ExcelMaxRows = 1_048_576

// XLSX writes a table as an Excel workbook through excelize's streaming
// writer: rows go to disk as they come (flat memory), a table longer than
// maxRows rows per sheet (header included) goes on in a new sheet with the
// header again, never truncated, and the same rows always give the same bytes
// (zip entries in a fixed order, no timestamps).
type XLSX struct {
	out       io.Writer
	f         *excelize.File
	sw        *excelize.StreamWriter
	name      string
	cols      []models.Column
	maxRows   int
	row       int // rows written in the current sheet, its header included
	sheets    int
	dateStyle int
	decStyle  int
	cells     []any
}

// NewXLSX starts a workbook of the columns cols, written to out on Close.
// Its sheets are named after the table (name, name (2), ...); maxRows is the
// row limit of a sheet, header included (ExcelMaxRows when 0).
func NewXLSX(out io.Writer, name string, cols []models.Column, maxRows int) (*XLSX, error) {
	if maxRows == 0 {
		maxRows = ExcelMaxRows
	}
	if maxRows < 2 {
		return nil, fmt.Errorf("export: a sheet of %d rows cannot hold a header and a row", maxRows)
	}
	x := &XLSX{out: out, f: excelize.NewFile(), name: name, cols: cols, maxRows: maxRows, cells: make([]any, len(cols))}
	var err error
	// 14 is the locale's short date (dd.mm.yyyy in a Romanian Excel); 4 is #,##0.00.
	if x.dateStyle, err = x.f.NewStyle(&excelize.Style{NumFmt: 14}); err != nil {
		return nil, err
	}
	if x.decStyle, err = x.f.NewStyle(&excelize.Style{NumFmt: 4}); err != nil {
		return nil, err
	}
	if err := x.newSheet(); err != nil {
		return nil, err
	}
	return x, nil
}

func (x *XLSX) sheetName() string {
	const max = 31 // Excel's limit
	if x.sheets == 1 {
		return truncate(x.name, max)
	}
	suffix := fmt.Sprintf(" (%d)", x.sheets)
	return truncate(x.name, max-len(suffix)) + suffix
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// newSheet ends the current sheet, if any, and begins the next with the header.
func (x *XLSX) newSheet() error {
	if x.sw != nil {
		if err := x.sw.Flush(); err != nil {
			return err
		}
	}
	x.sheets++
	name := x.sheetName()
	if x.sheets == 1 {
		if err := x.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := x.f.NewSheet(name); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	x.sw, x.row = sw, 1
	header := make([]any, len(x.cols))
	for i, c := range x.cols {
		header[i] = c.Name
	}
	return sw.SetRow("A1", header)
}

// WriteRow writes one row: string, int32, int64, bool, time.Time, Decimal or
// nil per column. Text is neutralised (Neutralise); numbers and dates stay
// numbers and dates.
func (x *XLSX) WriteRow(vals []any) error {
	if x.row == x.maxRows {
		if err := x.newSheet(); err != nil {
			return err
		}
	}
	for i, v := range vals {
		switch v := v.(type) {
		case string:
			x.cells[i] = Neutralise(v)
		case Decimal:
			x.cells[i] = excelize.Cell{StyleID: x.decStyle, Value: v.Float()}
		case time.Time:
			x.cells[i] = excelize.Cell{StyleID: x.dateStyle, Value: v}
		default:
			x.cells[i] = v
		}
	}
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.cells)
}

// Close writes the workbook to out. excelize would build the whole zip in
// memory; its zip writer is replaced by one that writes straight to out.
func (x *XLSX) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	z := zip.NewWriter(x.out)
	// The fastest deflate: publishing writes every dataset, and a workbook
	// compresses well at any level.
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	zw := &orderedZip{zw: z}
	defer zw.removeTemp()
	x.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zw })
	if _, err := x.f.WriteTo(io.Discard); err != nil {
		return err
	}
	return zw.err
}

// orderedZip is the zip writer of XLSX: excelize writes its worksheets in
// the random order of a map, so they wait in temporary files and go into the
// zip sorted by name before the next entry; zip.Writer.Create sets no
// timestamp. The same workbook gives the same bytes.
type orderedZip struct {
	zw      *zip.Writer
	pending []*os.File
	names   []string
	err     error
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	if strings.HasPrefix(name, "xl/worksheets/") {
		f, err := os.CreateTemp("", "deschis-xlsx-*")
		if err != nil {
			return nil, err
		}
		z.pending, z.names = append(z.pending, f), append(z.names, name)
		return f, nil
	}
	if err := z.flush(); err != nil {
		return nil, err
	}
	return z.zw.Create(name)
}

// flush writes the waiting worksheets, sorted by name.
func (z *orderedZip) flush() error {
	order := make([]int, len(z.names))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(z.names[a], z.names[b]) })
	for _, i := range order {
		w, err := z.zw.Create(z.names[i])
		if err != nil {
			return err
		}
		f := z.pending[i]
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(w, f); err != nil {
			return err
		}
	}
	z.removeTemp()
	return nil
}

func (z *orderedZip) removeTemp() {
	for _, f := range z.pending {
		f.Close()
		os.Remove(f.Name())
	}
	z.pending, z.names = nil, nil
}

func (z *orderedZip) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

func (z *orderedZip) Close() error {
	if err := z.flush(); err != nil {
		z.err = err
		return err
	}
	z.err = z.zw.Close()
	return z.err
}
