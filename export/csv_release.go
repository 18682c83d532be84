package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// CSV writes rows as the release's CSV downloads are written (DuckDB's
// COPY ... TO csv, HEADER): the same bytes for the same rows, so the API's
// CSV of a dataset is its download. A field is quoted, quotes doubled, when
// it is empty text (an empty field is NULL), or holds the delimiter, a quote,
// CR or LF; nothing else is. Text is neutralised (Neutralise). The plain CSV
// writes DECIMALs with a point and dates yyyy-mm-dd; the one for a Romanian
// Excel (excel: the release's -excel.csv) starts with a UTF-8 BOM, puts ';'
// between fields, a decimal comma and dates dd.mm.yyyy (ExcelCSV's
// conventions).
type CSV struct {
	w     *bufio.Writer
	comma byte
	excel bool
}

// NewCSV writes the header of cols (and, for excel, the BOM) to out.
func NewCSV(out io.Writer, cols []models.Column, excel bool) (*CSV, error) {
	c := &CSV{w: bufio.NewWriterSize(out, 64<<10), comma: ',', excel: excel}
	if excel {
		c.comma = ExcelDelimiter
		c.w.WriteString(UTF8BOM)
	}
	for i, col := range cols {
		if i > 0 {
			c.w.WriteByte(c.comma)
		}
		c.field(col.Name, true)
	}
	return c, c.w.WriteByte('\n')
}

func (c *CSV) field(s string, text bool) {
	if !(text && s == "") && !strings.ContainsAny(s, string(c.comma)+"\"\r\n") {
		c.w.WriteString(s)
		return
	}
	c.w.WriteByte('"')
	c.w.WriteString(strings.ReplaceAll(s, `"`, `""`))
	c.w.WriteByte('"')
}

// WriteRow writes one row: the values XLSX.WriteRow takes.
func (c *CSV) WriteRow(vals []any) error {
	for i, v := range vals {
		if i > 0 {
			c.w.WriteByte(c.comma)
		}
		switch v := v.(type) {
		case nil:
		case string:
			c.field(Neutralise(v), true)
		case Decimal:
			s := v.String()
			if c.excel {
				s = strings.Replace(s, ".", ",", 1)
			}
			c.field(s, false)
		case time.Time:
			if c.excel {
				c.w.WriteString(v.Format(ExcelDateLayout))
			} else {
				c.w.WriteString(v.Format(time.DateOnly))
			}
		case int32:
			c.w.WriteString(strconv.FormatInt(int64(v), 10))
		case int64:
			c.w.WriteString(strconv.FormatInt(v, 10))
		case int:
			c.w.WriteString(strconv.Itoa(v))
		case bool:
			c.w.WriteString(strconv.FormatBool(v))
		default:
			return fmt.Errorf("export: a CSV cell cannot hold %T", v)
		}
	}
	return c.w.WriteByte('\n')
}

// Flush sends the rows written so far to the writer underneath.
func (c *CSV) Flush() error { return c.w.Flush() }
