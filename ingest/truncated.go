package ingest

import (
	"fmt"
	"io"
	"strings"

	"github.com/deschis/deschis/models"
)

// A file cut mid-row (a download or an export interrupted) ends with a
// record shorter than the header and no line break. Every CSV reader refuses
// such a file as truncated, as it refuses one cut inside quotes: loading the
// rows before the cut would pass half a register off as the whole.

// EndReader passes a file through and remembers its last byte.
type EndReader struct {
	r    io.Reader
	last byte
	any  bool
}

// NewEndReader wraps r; put it under the CSV reader's buffering.
func NewEndReader(r io.Reader) *EndReader { return &EndReader{r: r} }

func (e *EndReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if n > 0 {
		e.last, e.any = p[n-1], true
	}
	return n, err
}

// EndsWithLineBreak reports whether what was read so far ends with \n (or
// \r); an empty file does.
func (e *EndReader) EndsWithLineBreak() bool { return !e.any || e.last == '\n' || e.last == '\r' }

// LastRow tracks the last record a CSV reader returned, to judge at the end
// of the file whether it was cut.
type LastRow struct {
	line, cells, width int
}

// Saw records a record of cells cells starting at line, in a file whose rows
// have width cells. Blank records (a last line of spaces) are not rows.
func (l *LastRow) Saw(line int, row []string, width int) {
	l.line, l.cells, l.width = line, len(row), width
	if len(row) < width && strings.TrimSpace(strings.Join(row, "")) == "" {
		l.cells = width
	}
}

// Truncated returns the *models.FileError refusing file when its last
// record is short and the file does not end with a line break, else nil.
func (l *LastRow) Truncated(file string, end *EndReader) error {
	if l.line == 0 || l.cells >= l.width || end.EndsWithLineBreak() {
		return nil
	}
	return &models.FileError{File: file, Reason: fmt.Sprintf(
		"fișier trunchiat: ultimul rând (linia %d) are %d din %s și fișierul nu se termină cu un sfârșit de linie "+
			"(exportul sau descărcarea s-a întrerupt?): exportați sau descărcați fișierul din nou", l.line, l.cells, columns(l.width))}
}

// columns writes "cele 9 coloane", "cele 33 de coloane": Romanian puts "de"
// after numbers past 19 whose last two digits are not 01–19.
func columns(n int) string {
	if n%100 >= 20 || n >= 100 && n%100 == 0 {
		return fmt.Sprintf("cele %d de coloane", n)
	}
	return fmt.Sprintf("cele %d coloane", n)
}
