package ingest

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// The canonical format: what `etl demo` writes and what any export can be
// turned into without a mapping. UTF-8 (a BOM is tolerated), comma-separated,
// a header row with the field names of models.SourceFields (any order; unknown
// columns are ignored), amounts with a decimal point, ISO dates.
func init() {
	Register(Format{
		Name:        "deschis",
		Description: "CSV canonic Deschis: UTF-8, virgulă, antet cu numele câmpurilor, sume 1234567.89, date AAAA-LL-ZZ",
		Datasets:    models.SourceDatasets,
		Open:        openCanonical,
	})
}

type canonicalReader struct {
	opt     Options
	fields  []models.Field
	csv     *csv.Reader
	colOf   []int // field index -> column index in the file, -1 when absent
	header  []string
	entity  int // index of the field naming the institution, -1 when none
	closeFn func() error
	end     *EndReader
	last    LastRow
	outside int64 // rows of institutions outside opt.Keep, skipped
}

func openCanonical(r io.Reader, opt Options) (models.RowReader, error) {
	end := NewEndReader(r)
	br := bufio.NewReaderSize(end, 1<<20)
	rules.SkipBOM(br)
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // a short row is a row error, not a file error
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &models.FileError{File: opt.File, Reason: "fișierul este gol (lipsește antetul)"}
	}
	if err != nil {
		return nil, &models.FileError{File: opt.File, Reason: "antetul nu poate fi citit ca CSV", Err: err}
	}
	fields := models.SourceFields[opt.Dataset]
	c := &canonicalReader{opt: opt, fields: fields, csv: cr, header: append([]string(nil), header...),
		colOf: make([]int, len(fields)), entity: entityField(opt.Dataset), end: end}
	pos := map[string]int{}
	for i, h := range header {
		pos[rules.HeaderKey(h)] = i
	}
	var missing []string
	for i, f := range fields {
		col, ok := pos[rules.HeaderKey(f.Name)]
		if !ok {
			col = -1
			if f.Required && !(i == c.entity && opt.Entity != "") {
				missing = append(missing, f.Name)
			}
		}
		c.colOf[i] = col
	}
	if len(missing) > 0 {
		return nil, &models.FileError{File: opt.File, Reason: fmt.Sprintf(
			"lipsesc coloanele obligatorii %s pentru setul %q (antetul are: %s)",
			strings.Join(missing, ", "), opt.Dataset, strings.Join(header, ", "))}
	}
	return c, nil
}

// entityField is the field that names the institution a row belongs to.
func entityField(dataset string) int {
	switch dataset {
	case models.DatasetProcurement:
		return models.FieldIndex(dataset, "buyer_cui")
	case models.DatasetEntities:
		return -1
	}
	return models.FieldIndex(dataset, "entity_cui")
}

func (c *canonicalReader) Next() (*models.Record, error) {
	for {
		rec, err := c.next()
		if err != nil || rec != nil {
			return rec, err
		}
		c.outside++
	}
}

// SkippedRows counts the rows of institutions outside Options.Keep
// (models.SkipOutsideDeployment).
func (c *canonicalReader) SkippedRows() models.Skips {
	return models.Skips{models.SkipOutsideDeployment: c.outside}
}

// next reads one row; a nil record without error is a row of an
// institution outside Options.Keep.
func (c *canonicalReader) next() (*models.Record, error) {
	row, err := c.csv.Read()
	if err == io.EOF {
		if err := c.last.Truncated(c.opt.File, c.end); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		// A broken quote runs to the end of the file: what follows cannot be
		// trusted, so the file is refused rather than half read.
		return nil, &models.FileError{File: c.opt.File, Reason: fmt.Sprintf("CSV invalid la linia %d, coloana %d", pe.StartLine, pe.Column), Err: pe.Err}
	}
	if err != nil {
		return nil, &models.FileError{File: c.opt.File, Reason: "citire întreruptă", Err: err}
	}
	line, _ := c.csv.FieldPos(0)
	c.last.Saw(line, row, len(c.header))
	return c.record(line, row), nil
}

// record maps one row of cells starting at physical line to its record with
// the value rules: the Go path of every row, and of the rows the SQL path
// (CanonicalSQL) hands back; nil for a row of an institution outside
// Options.Keep (the SQL path never runs with a kept set).
func (c *canonicalReader) record(line int, row []string) *models.Record {
	rec := &models.Record{Line: line, Values: make([]any, len(c.fields))}
	if len(row) != len(c.header) {
		rec.Errors = append(rec.Errors, models.RowError{File: c.opt.File, Line: line, Column: "*",
			Value: truncate(strings.Join(row, ","), 200), Reason: fmt.Sprintf("rândul are %d coloane, antetul are %d", len(row), len(c.header))})
		return rec
	}
	for i, f := range c.fields {
		cell := ""
		if col := c.colOf[i]; col >= 0 {
			cell = row[col]
		} else if i == c.entity {
			cell = c.opt.Entity
		}
		v, err := parseValue(f, cell)
		if err != nil {
			rec.Errors = append(rec.Errors, models.RowError{File: c.opt.File, Line: line, Column: f.Name, Value: truncate(cell, 200), Reason: err.Error()})
			continue
		}
		rec.Values[i] = v
	}
	if c.entity >= 0 {
		if cui, ok := rec.Values[c.entity].(string); ok && c.opt.Outside(cui) {
			return nil // outside Options.Keep: skipped, counted by Next
		}
	}
	if len(rec.Errors) == 0 {
		Finish(c.opt, rec)
	}
	return rec
}

func (c *canonicalReader) Close() error { return nil }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
