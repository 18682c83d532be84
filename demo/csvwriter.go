package demo

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/deschis/deschis/models"
)

// csvFile writes one file in the canonical CSV format (`--format deschis`):
// UTF-8 without BOM, comma, LF, a header of models.SourceFields names, quotes
// only where encoding/csv would put them, amounts with exactly two decimals.
//
// It is hand-rolled rather than encoding/csv because the benchmarks write
// ~11 million rows: each row is appended to one reused byte slice with
// strconv.Append* and handed to a 1 MiB bufio.Writer, so a row costs no
// allocation.
type csvFile struct {
	dataset string
	path    string
	f       *os.File
	w       *bufio.Writer
	row     []byte
	fields  int // fields written in the current row
	width   int // fields per row
	rows    int64
}

// writers recycles the 1 MiB buffers: the demo writes dozens of small budget
// files, and zeroing a fresh megabyte for each costs more than writing them.
var writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 1<<20) }}

func createCSV(path, dataset string) (*csvFile, error) {
	fields, ok := models.SourceFields[dataset]
	if !ok {
		return nil, fmt.Errorf("demo: unknown dataset %q", dataset)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := writers.Get().(*bufio.Writer)
	w.Reset(f)
	c := &csvFile{dataset: dataset, path: path, f: f, w: w, row: make([]byte, 0, 1024), width: len(fields)}
	for _, fl := range fields {
		c.text(fl.Name)
	}
	c.endHeader()
	return c, nil
}

func (c *csvFile) sep() {
	if c.fields > 0 {
		c.row = append(c.row, ',')
	}
	c.fields++
}

// text writes a text field, quoted exactly when encoding/csv would quote it.
func (c *csvFile) text(s string) {
	c.sep()
	if !needsQuotes(s) {
		c.row = append(c.row, s...)
		return
	}
	c.row = append(c.row, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			c.row = append(c.row, '"')
		}
		c.row = append(c.row, s[i])
	}
	c.row = append(c.row, '"')
}

// needsQuotes mirrors encoding/csv's Writer.fieldNeedsQuotes for a comma.
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '\r', '"', ',':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func (c *csvFile) empty() { c.sep() }

func (c *csvFile) integer(v int64) {
	c.sep()
	c.row = strconv.AppendInt(c.row, v, 10)
}

// amount writes a value held in bani (1/100 leu) with exactly two decimals.
func (c *csvFile) amount(cents int64) {
	c.sep()
	c.row = appendAmount(c.row, cents)
}

func appendAmount(b []byte, cents int64) []byte {
	if cents < 0 {
		b = append(b, '-')
		cents = -cents
	}
	b = strconv.AppendInt(b, cents/100, 10)
	r := cents % 100
	return append(b, '.', byte('0'+r/10), byte('0'+r%10))
}

func (c *csvFile) date(d day) {
	c.sep()
	c.row = appendDate(c.row, d)
}

// optDate writes d, or an empty cell when d is zero (no date).
func (c *csvFile) optDate(d day) {
	if d == 0 {
		c.empty()
		return
	}
	c.date(d)
}

func (c *csvFile) boolean(v bool) {
	c.sep()
	c.row = strconv.AppendBool(c.row, v)
}

func (c *csvFile) endHeader() {
	c.row = append(c.row, '\n')
	c.w.Write(c.row) // errors are sticky in bufio.Writer and reported by close
	c.row = c.row[:0]
	c.fields = 0
}

// end finishes a data row.
func (c *csvFile) end() {
	if c.fields != c.width {
		panic(fmt.Sprintf("demo: %s row has %d fields, want %d", c.dataset, c.fields, c.width))
	}
	c.endHeader()
	c.rows++
}

// close flushes the file and describes it.
func (c *csvFile) close() (File, error) {
	err := c.w.Flush()
	c.release()
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return File{}, fmt.Errorf("demo: writing %s: %w", c.path, err)
	}
	return File{Dataset: c.dataset, Path: c.path, Rows: c.rows}, nil
}

func (c *csvFile) release() {
	c.w.Reset(nil)
	writers.Put(c.w)
	c.w = nil
}
