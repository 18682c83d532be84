package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// The conventions of the CSV for a Romanian Excel (the release's
// "csv-excel" download, and the dashboards' CSV exports): a UTF-8 byte
// order mark, which is how Excel knows the file is UTF-8; ';' between
// fields, since the Romanian locale's list separator is ';' (its decimal
// separator being the comma); amounts with a decimal comma and no
// thousands separator; dates dd.mm.yyyy.
const (
	UTF8BOM         = "\uFEFF"
	ExcelDelimiter  = ';'
	ExcelDateLayout = "02.01.2006"
)

// ExcelCSV writes a table as a CSV for a Romanian Excel, one row at a time
// (flat memory). Text is neutralised (Neutralise); numbers, negative ones
// included, stay numbers.
type ExcelCSV struct {
	w     *csv.Writer
	cells []string
}

// NewExcelCSV writes the byte order mark and the header of cols (their
// names, as the reader should see them) to out.
func NewExcelCSV(out io.Writer, cols []models.Column) (*ExcelCSV, error) {
	if _, err := io.WriteString(out, UTF8BOM); err != nil {
		return nil, err
	}
	c := &ExcelCSV{w: csv.NewWriter(out), cells: make([]string, len(cols))}
	c.w.Comma = ExcelDelimiter
	for i, col := range cols {
		c.cells[i] = Neutralise(col.Name)
	}
	if err := c.w.Write(c.cells); err != nil {
		return nil, err
	}
	return c, nil
}

// WriteRow writes one row: the values XLSX.WriteRow takes.
func (c *ExcelCSV) WriteRow(vals []any) error {
	for i, v := range vals {
		switch v := v.(type) {
		case nil:
			c.cells[i] = ""
		case string:
			c.cells[i] = Neutralise(v)
		case Decimal:
			c.cells[i] = strings.Replace(v.String(), ".", ",", 1)
		case time.Time:
			c.cells[i] = v.Format(ExcelDateLayout)
		case int32:
			c.cells[i] = strconv.FormatInt(int64(v), 10)
		case int64:
			c.cells[i] = strconv.FormatInt(v, 10)
		case int:
			c.cells[i] = strconv.Itoa(v)
		case bool:
			c.cells[i] = strconv.FormatBool(v)
		default:
			return fmt.Errorf("export: a CSV cell cannot hold %T", v)
		}
	}
	return c.w.Write(c.cells)
}

// Flush sends the rows written so far to the writer underneath.
func (c *ExcelCSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// Close ends the file.
func (c *ExcelCSV) Close() error { return c.Flush() }
