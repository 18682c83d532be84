package tabular

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// csvReader streams a delimited text file: memory does not grow with the
// file (one record at a time, fields reused).
type csvReader struct {
	p       *plan
	cr      *csv.Reader
	end     *ingest.EndReader // the decoded text, to tell a file cut mid-row
	last    ingest.LastRow
	width   int      // cells a row must have (the header's, or the first row's)
	pending []string // the first data row of a file without header, read early
	pline   int
	skipped models.Skips
	par     *parallelRows // records built on every core (csv_parallel.go)
}

// openCSV reads up to the header and resolves the mapping's columns.
func openCSV(p *plan, r io.Reader) (*csvReader, error) {
	cr, delim, end, err := newCSV(p.m, p.opt.File, r)
	if err != nil {
		return nil, err
	}
	p.delim = delim
	c := &csvReader{p: p, cr: cr, end: end, skipped: models.Skips{}}
	header, line, err := c.readToHeader()
	if err != nil {
		return nil, err
	}
	if p.m.Source.HeaderRow == 0 {
		c.pending, c.pline, c.width = header, line, len(header)
		header = nil
	} else {
		c.width = len(header)
	}
	if err := p.resolve(header); err != nil {
		return nil, err
	}
	c.startParallel()
	return c, nil
}

// newCSV decodes the text and sets up encoding/csv with the delimiter given
// or sniffed; the EndReader tells at the end whether the text ended with a
// line break.
func newCSV(m *Mapping, file string, r io.Reader) (*csv.Reader, rune, *ingest.EndReader, error) {
	end := ingest.NewEndReader(rules.Decode(r, m.Source.Encoding))
	br := bufio.NewReaderSize(end, 256<<10)
	delim := ','
	if m.Source.Delimiter == "auto" {
		peek, err := br.Peek(64 << 10)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, 0, nil, readError(file, err)
		}
		delim = rules.SniffDelimiter(peek, m.Source.HeaderRow)
	} else {
		var err error
		if delim, err = delimiterRune(m.Source.Delimiter); err != nil {
			return nil, 0, nil, fmt.Errorf("%w: %v", models.ErrInvalid, err)
		}
	}
	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // a short or long row is a row reject
	return cr, delim, end, nil
}

// readToHeader returns the first record that starts on or after the header
// row (the first record at all when there is no header) and its line.
func (c *csvReader) readToHeader() ([]string, int, error) {
	file := c.p.opt.File
	for n := 0; ; n++ {
		row, err := c.cr.Read()
		if err == io.EOF {
			if n == 0 {
				return nil, 0, &models.FileError{File: file, Reason: "fișierul este gol"}
			}
			return nil, 0, &models.FileError{File: file, Reason: fmt.Sprintf(
				"antetul lipsește: fișierul se termină înainte de rândul %d (header_row)", c.p.m.Source.HeaderRow)}
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote) && pe.StartLine < c.p.m.Source.HeaderRow {
			continue // a title line above the header
		}
		if err != nil {
			return nil, 0, c.fileError(err)
		}
		line, _ := c.cr.FieldPos(0)
		if line >= c.p.m.Source.HeaderRow {
			return append([]string(nil), row...), line, nil
		}
	}
}

// Next returns the records in file order; they are built on every core
// (csv_parallel.go).
func (c *csvReader) Next() (*models.Record, error) { return c.nextParallel() }

// fileError refuses the file for an error that leaves the rest unreadable.
func (c *csvReader) fileError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &models.FileError{File: c.p.opt.File, Reason: fmt.Sprintf(
			"ghilimele neînchise sau în plus în rândul care începe la linia %d (fișier trunchiat sau ghilimele greșite)", pe.StartLine), Err: pe.Err}
	}
	return readError(c.p.opt.File, err)
}

func readError(file string, err error) error {
	var ue *rules.InvalidUTF8Error
	if errors.As(err, &ue) {
		return &models.FileError{File: file, Reason: fmt.Sprintf(
			"textul nu este UTF-8 valid (linia %d), deși maparea cere encoding: utf-8; încercați encoding: auto sau windows-1250", ue.Line)}
	}
	return &models.FileError{File: file, Reason: "citire întreruptă", Err: err}
}

func (c *csvReader) SkippedRows() models.Skips { return c.skipped }
func (c *csvReader) Close() error              { c.closeParallel(); return nil }

// sampleHeader reads the header of a sample file (CheckAgainst).
func sampleHeader(m *Mapping, r io.Reader) ([]string, int, error) {
	if m.Format == FormatXLSX {
		x, err := openXLSXFile(m, "eșantion", r)
		if err != nil {
			return nil, 0, err
		}
		defer x.Close()
		header, width, err := x.readToHeader()
		if m.Source.HeaderRow == 0 {
			header = nil
		}
		return header, width, err
	}
	p := &plan{m: m, opt: ingest.Options{File: "eșantion"}}
	cr, _, _, err := newCSV(m, "eșantion", r)
	if err != nil {
		return nil, 0, err
	}
	c := &csvReader{p: p, cr: cr, skipped: models.Skips{}}
	header, _, err := c.readToHeader()
	if err != nil {
		return nil, 0, err
	}
	if m.Source.HeaderRow == 0 {
		return nil, len(header), nil
	}
	return header, len(header), nil
}
