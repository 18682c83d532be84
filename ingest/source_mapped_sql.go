package ingest

import (
	"io"

	"github.com/deschis/deschis/models"
)

// MappedCSV is what the SQL load path needs beyond CanonicalCSV to read a
// file of the csv format with a mapping (ingest/tabular's SQLFile): the
// file's dialect, where its header is, how each field of the dataset is read
// from the cells, and which rows the mapping skips. The warehouse compiles it
// into read_csv and SQL expressions over the value rules as macros; a row
// whose cells those macros do not pass goes to Row, the mapping's Go rules.
type MappedCSV struct {
	// Delim is the cell separator (0 for the canonical ',').
	Delim byte
	// SkipLines is the physical lines above the header (title rows, blank
	// lines): read_csv skips them.
	SkipLines int
	// Fields is, for each field of the dataset (models.SourceFields), how the
	// mapping reads it; nil for a field the mapping does not give. The whole
	// slice is nil for the canonical format.
	Fields []*MappedField
	// SkipWhere are the mapping's skip_rows_where rules, SkipBlank its
	// skip_blank_rows: a row they may skip is handed to Row, which skips it
	// (returning nil) or reads it.
	SkipWhere []SkipWhere
	SkipBlank bool
	// Terms are the mapping's legal terms per request type (requests only).
	Terms map[string]int64
	// Transcoded, when set, is a UTF-8 copy of the file (converted from its
	// encoding, physical lines kept) that read_csv reads instead of Path;
	// whoever reads it removes it.
	Transcoded string
	// Skipped is the rows Row skipped, by reason (models.Skip*).
	Skipped func() models.Skips
}

// MappedField is how one field is read from a mapped file's cells, in the
// order of the Go rules (ingest/tabular's fieldPlan.value): the column
// (CanonicalCSV.ColOf) or Constant, then Extract, Map, Default, and the
// field's type read in Numbers, Dates and Scale.
type MappedField struct {
	Constant *string
	// Extract is a regular expression with one group whose syntax Go and
	// DuckDB (RE2) read alike; "" for none.
	Extract string
	// Map replaces a value by its rules.Fold form; nil for none.
	Map map[string]string
	// Spellings are cells that Map replaces, as a source writes them,
	// with their value (a cell the SQL path can map without folding it).
	Spellings map[string]string
	Default   *string
	Numbers   string   // rules.NumbersRO, NumbersIntl, NumbersAuto
	Dates     []string // rules.DatesDMY, ...
	Scale     int64
}

// SkipWhere is a skip_rows_where rule: the rows whose cell in column Col
// matches Matches (a regular expression Go and DuckDB read alike).
type SkipWhere struct {
	Col     int
	Matches string
}

// CSVShape is what a scan of delimited text found (ScanCSV).
type CSVShape struct {
	// Regular: DuckDB's read_csv and Go's encoding/csv read the text alike
	// (CanonicalSQL lists what makes a file irregular).
	Regular                          bool
	HeaderLines                      int
	Rows                             int64
	CRLF, QuotedNewlines, CRInQuotes bool
	// EdgeSpaceCols, CedillaCols: the columns some cell of which has white
	// space at an edge, or a cedilla letter (CanonicalCSV's).
	EdgeSpaceCols, CedillaCols []bool
	// LineSpans, ManySpans: the records spanning lines (CanonicalCSV's).
	LineSpans []LineSpan
	ManySpans bool
}

// ScanCSV scans UTF-8 delimited text from its header on, as CanonicalSQL
// scans a canonical file: whether every record has width cells and nothing
// reads differently in DuckDB and in Go.
func ScanCSV(r io.Reader, width int, delim byte) (CSVShape, error) {
	s, err := scanCSV(r, width, delim, 1, nil)
	if err != nil || !s.regular {
		return CSVShape{}, err
	}
	return exported(s), nil
}

// exported is a regular scan's shape as CSVShape.
func exported(s csvShape) CSVShape {
	return CSVShape{Regular: true, HeaderLines: s.headerLines, Rows: s.rows, CRLF: s.crlf,
		QuotedNewlines: s.quotedNL, CRInQuotes: s.crInQuotes, EdgeSpaceCols: s.edgeCols, CedillaCols: s.cedillaCols, LineSpans: s.spans, ManySpans: s.manySpans}
}
