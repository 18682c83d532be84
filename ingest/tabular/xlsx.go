package tabular

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// xlsxReader reads one sheet. An XLSX file is a ZIP archive, which needs
// random access: Open reads the whole file into memory (excelize does so even
// from a file), so an XLSX source must fit in memory. Rows are then iterated
// one at a time; cells of numeric and date fields also have their type looked
// up, which makes excelize keep the sheet's XML tree in memory too.
type xlsxReader struct {
	p       *plan
	f       *excelize.File
	sheet   string
	rows    *excelize.Rows
	row     int    // sheet row number of the last row read
	typed   []bool // cells (by source index) whose type matters: numeric and date fields
	cells   []cell
	skipped models.Skips

	pending    []string // first data row of a sheet without header
	hasPending bool
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

func openXLSXFile(m *Mapping, file string, r io.Reader) (*xlsxReader, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &models.FileError{File: file, Reason: "citire întreruptă", Err: err}
	}
	switch {
	case len(data) == 0:
		return nil, &models.FileError{File: file, Reason: "fișierul este gol"}
	case bytes.HasPrefix(data, oleMagic):
		return nil, &models.FileError{File: file, Reason: "fișier Excel 97–2003 (.xls), nu XLSX: deschideți-l în Excel sau LibreOffice și salvați-l ca .xlsx"}
	case !bytes.HasPrefix(data, zipMagic):
		return nil, &models.FileError{File: file, Reason: "nu este un fișier XLSX (lipsește semnătura ZIP); pentru CSV folosiți format: csv"}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, &models.FileError{File: file, Reason: "fișier XLSX deteriorat sau trunchiat", Err: err}
	}
	sheets := f.GetSheetList()
	sheet := m.Source.Sheet
	if sheet == "" {
		if len(sheets) == 0 {
			f.Close()
			return nil, &models.FileError{File: file, Reason: "fișierul XLSX nu are nicio foaie"}
		}
		sheet = sheets[0]
	} else if !slices.Contains(sheets, sheet) {
		found := false
		for _, s := range sheets {
			if rules.Fold(s) == rules.Fold(sheet) {
				sheet, found = s, true
				break
			}
		}
		if !found {
			f.Close()
			return nil, &models.FileError{File: file, Reason: fmt.Sprintf("foaia %q nu există (foile fișierului: %s)", m.Source.Sheet, strings.Join(sheets, ", "))}
		}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, &models.FileError{File: file, Reason: fmt.Sprintf("foaia %q nu poate fi citită", sheet), Err: err}
	}
	return &xlsxReader{f: f, sheet: sheet, rows: rows, p: &plan{m: m, opt: ingestOptions(file)}, skipped: models.Skips{}}, nil
}

func openXLSX(p *plan, r io.Reader) (*xlsxReader, error) {
	x, err := openXLSXFile(p.m, p.opt.File, r)
	if err != nil {
		return nil, err
	}
	x.p = p
	header, _, err := x.readToHeader()
	if err != nil {
		x.Close()
		return nil, err
	}
	if p.m.Source.HeaderRow == 0 {
		header = nil
	}
	if err := p.resolve(header); err != nil {
		x.Close()
		return nil, err
	}
	for _, fp := range p.fps {
		if fp == nil || fp.col < 0 {
			continue
		}
		switch fp.field.Type {
		case models.TypeAmount, models.TypeInt, models.TypeDate, models.TypeBool:
			i := p.index[fp.col]
			for len(x.typed) <= i {
				x.typed = append(x.typed, false)
			}
			x.typed[i] = true
		}
	}
	return x, nil
}

// next returns the next sheet row, empty rows included (nil cells).
func (x *xlsxReader) next() ([]string, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, &models.FileError{File: x.p.opt.File, Reason: fmt.Sprintf("foaia %q nu poate fi citită după rândul %d", x.sheet, x.row), Err: err}
		}
		return nil, io.EOF
	}
	x.row++
	cols, err := x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &models.FileError{File: x.p.opt.File, Reason: fmt.Sprintf("rândul %d al foii %q nu poate fi citit", x.row, x.sheet), Err: err}
	}
	return cols, nil
}

// readToHeader returns the header row (the first non-empty row when there is
// no header) and its width.
func (x *xlsxReader) readToHeader() ([]string, int, error) {
	for {
		cols, err := x.next()
		if err == io.EOF {
			if x.row == 0 {
				return nil, 0, &models.FileError{File: x.p.opt.File, Reason: fmt.Sprintf("foaia %q este goală", x.sheet)}
			}
			return nil, 0, &models.FileError{File: x.p.opt.File, Reason: fmt.Sprintf("antetul lipsește: foaia %q se termină înainte de rândul %d (header_row)", x.sheet, x.p.m.Source.HeaderRow)}
		}
		if err != nil {
			return nil, 0, err
		}
		hr := x.p.m.Source.HeaderRow
		if x.row == hr || (hr == 0 && len(cols) > 0) {
			if hr == 0 {
				x.pendingRow(cols)
			}
			return cols, len(cols), nil
		}
	}
}

// pendingRow keeps the first data row of a sheet without header: it is read
// again by Next. excelize cannot step back, so the row is remembered.
func (x *xlsxReader) pendingRow(cols []string) {
	x.pending = append([]string(nil), cols...)
	x.hasPending = true
}

func (x *xlsxReader) Next() (*models.Record, error) {
	for {
		var (
			cols []string
			err  error
		)
		if x.hasPending {
			cols, x.hasPending = x.pending, false
		} else if cols, err = x.next(); err != nil {
			return nil, err
		}
		if cap(x.cells) < len(cols) {
			x.cells = make([]cell, len(cols))
		}
		x.cells = x.cells[:len(cols)]
		for i, s := range cols {
			x.cells[i] = cell{s: s}
			if i < len(x.typed) && x.typed[i] && s != "" {
				x.cells[i].kind = x.cellKind(i, s)
			}
		}
		// XLSX rows omit trailing empty cells: no width check.
		rec, skip := x.p.record(x.row, x.cells, 0)
		if skip != "" {
			x.skipped.Add(skip)
			continue
		}
		return rec, nil
	}
}

func (x *xlsxReader) cellKind(col int, raw string) cellKind {
	name, err := excelize.CoordinatesToCellName(col+1, x.row)
	if err != nil {
		return kindText
	}
	t, err := x.f.GetCellType(x.sheet, name)
	if err != nil {
		return kindText
	}
	switch t {
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		if _, err := rules.MachineNumber(raw); err == nil {
			return kindNumber
		}
	case excelize.CellTypeDate:
		return kindDate
	case excelize.CellTypeBool:
		return kindBool
	}
	return kindText
}

func (x *xlsxReader) SkippedRows() models.Skips { return x.skipped }

func (x *xlsxReader) Close() error {
	x.rows.Close()
	return x.f.Close()
}
