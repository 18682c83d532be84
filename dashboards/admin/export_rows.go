package admin

import (
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/export"
	"github.com/deschis/deschis/models"
)

// The drill-down tables' exports: the page's own URL with format=csv or
// format=xlsx gives every row its filters select (every page, not only the
// one on screen) in the order it sorts, read by the same handler as the
// page, so through the same scope (scopeOf: outside it is a 404) and the
// same filter checks (a bad parameter is a 400, format included). The CSV
// is export's CSV for a Romanian Excel (BOM, ';', decimal comma, dates
// dd.mm.yyyy), the XLSX export's workbook (numbers and dates as such);
// text cells of both are neutralised (export.Neutralise). The headings are
// the page's, in its language. Each export that completes is written to the
// audit log (accounts.EventExport) with its filters and row count.

// Export formats of a drill-down table.
const (
	formatCSV  = "csv"
	formatXLSX = "xlsx"
)

// tableColumn is a column of a drill-down table, the page's and the
// export's: its heading's text key, the sort it offers ("" for none) and
// its type in an export (a DuckDB type name, as export's writers take).
type tableColumn struct {
	Key, Sort, Type string
}

const (
	typeText   = "VARCHAR"
	typeDate   = "DATE"
	typeCount  = "BIGINT"
	typeAmount = "DECIMAL(18,2)"
)

// Download is a link to a table's export.
type Download struct {
	Text, Href, Format string
}

// exportFormat is the format a request asks for: "" for the page itself.
func exportFormat(q *request) (string, error) {
	switch f := q.URL.Query().Get("format"); f {
	case "", formatCSV, formatXLSX:
		return f, nil
	default:
		return "", paramErr("format", f, "formatul descărcării este csv sau xlsx", "the download format is csv or xlsx")
	}
}

// downloads are the export links of a page at path whose parameters are base.
func downloads(lang, path string, base url.Values) []Download {
	var out []Download
	for _, f := range []string{formatCSV, formatXLSX} {
		v := dashboards.CloneValues(base)
		v.Set("format", f)
		out = append(out, Download{Text: dashboards.T(lang, "rows.download."+f), Href: dashboards.LinkQ(lang, path, v), Format: f})
	}
	return out
}

// tableExport is one export being written.
type tableExport struct {
	Set    string // the dataset's key: cereri, investitii
	Entity models.Entity
	Tag    string // what else the file name says (the year), or ""
	Cols   []tableColumn
	Format string
	// Filters are what the audit log keeps: the parameters the rows were
	// selected by, scope included.
	Filters url.Values
}

// countingWriter counts the bytes that reached the client.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// csvFlushRows is how often a CSV export sends what it has to the client.
const csvFlushRows = 1000

type rowWriter interface {
	WriteRow([]any) error
	Close() error
}

// writeExport streams the rows rows gives (each call of yield one row, the
// values of export's writers) to w as the export e. An error before any byte
// was sent is returned (the page adapter answers it); after, the response is
// cut off, so the client cannot take a partial file for a whole one.
func (s *Server) writeExport(w http.ResponseWriter, q *request, e tableExport, rows func(yield func([]any) error) error) error {
	lang := q.lang
	cols := make([]models.Column, len(e.Cols))
	for i, c := range e.Cols {
		cols[i] = models.Column{Name: dashboards.T(lang, c.Key), Type: c.Type}
	}
	mediaType, suffix := "", "."+e.Format
	for _, f := range models.Formats {
		if f.ID == e.Format || e.Format == formatCSV && f.ID == "csv-excel" {
			mediaType = f.MediaType
		}
	}
	name := dashboards.T(lang, "export.file."+e.Set) + "-" + e.Entity.CUI
	if e.Tag != "" {
		name += "-" + e.Tag
	}
	// The date is the release's: the day the data is of, the same whoever
	// downloads it and whenever.
	name += "-" + q.rel.Manifest().Created.UTC().Format("2006-01-02") + suffix
	h := w.Header()
	h.Set("Content-Type", mediaType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "no-store")
	out := &countingWriter{w: w}
	var rw rowWriter
	var err error
	var csvw *export.ExcelCSV
	switch e.Format {
	case formatCSV:
		csvw, err = export.NewExcelCSV(out, cols)
		rw = csvw
	default:
		rw, err = export.NewXLSX(out, dashboards.T(lang, "export.file."+e.Set), cols, 0)
	}
	var n int64
	if err == nil {
		err = rows(func(vals []any) error {
			n++
			if err := rw.WriteRow(vals); err != nil {
				return err
			}
			if csvw != nil && n%csvFlushRows == 0 {
				return csvw.Flush()
			}
			return nil
		})
		if cerr := rw.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		if out.n == 0 {
			h.Del("Content-Disposition")
			return err
		}
		s.cfg.Log.Error("descărcare întreruptă", "path", q.URL.Path, "query", q.URL.RawQuery, "rows", n, "err", err)
		panic(http.ErrAbortHandler)
	}
	d := accounts.ExportDetail{Dataset: e.Set, Format: e.Format, Rows: n, Filters: e.Filters}
	if err := s.cfg.Accounts.RecordExport(q.Context(), q.sess.User.Name, s.addr(q.Request), d); err != nil {
		s.cfg.Log.Error("descărcarea nu a intrat în jurnal", "user", q.sess.User.Name, "detail", d.String(), "err", err)
	}
	return nil
}

// exportFilters are a request's parameters as the audit log keeps them: the
// page's filters and sort, with the entity and department the scope chose.
func exportFilters(q *request, sc scope) url.Values {
	v := dashboards.CloneValues(q.URL.Query())
	v.Del("format")
	v.Del("pagina")
	v.Set("entitate", sc.Entity.CUI)
	if sc.Department != "" {
		v.Set("departament", sc.Department)
	}
	return v
}

// dateValue is a date for export's writers: nil when unknown.
func dateValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func amountValue(a models.Amount) any { return export.Decimal{Value: int64(a), Scale: 2} }

// auditDetail is an event's detail as the audit page shows it.
func auditDetail(lang string, e accounts.Event) string {
	if e.Event == accounts.EventExportChart {
		return chartAuditDetail(lang, e)
	}
	if e.Event != accounts.EventExport {
		return ""
	}
	d, err := accounts.ParseExportDetail(e.Detail)
	if err != nil {
		return e.Detail
	}
	text := dashboards.Tf(lang, "audit.export", dashboards.T(lang, "export.set."+d.Dataset), d.Format, dashboards.FormatCount(lang, d.Rows))
	if len(d.Filters) > 0 {
		keys := slices.Sorted(maps.Keys(d.Filters))
		var parts []string
		for _, k := range keys {
			parts = append(parts, k+"="+strings.Join(d.Filters[k], ","))
		}
		text = dashboards.Tf(lang, "audit.export.filters", text, strings.Join(parts, ", "))
	}
	return text
}
