package tabular

import (
	"io"

	"github.com/deschis/deschis/ingest"
)

// ScanText scans a delimited file for the SQL load path as a mapped file's
// is scanned (scanMapped, without lines above the header): its text decoded
// in encoding (rules.Decode), whether DuckDB and Go read it alike
// (ingest.ScanCSV), and, when the text is not the file's bytes, a UTF-8 copy
// in tmpDir with the same physical lines (transcoded; the reader removes
// it). ok false: the Go path must read the file. Other readers of delimited
// text (ingest/sicap) share it.
func ScanText(file, tmpDir, encoding string, width int, delim byte, wrap func(io.Reader) io.Reader) (shape ingest.CSVShape, transcoded string, ok bool, err error) {
	m := &Mapping{Source: Source{Encoding: encoding}}
	sc, err := scanMapped(m, file, tmpDir, 0, width, delim, wrap)
	if err != nil || sc == nil {
		return ingest.CSVShape{}, "", false, err
	}
	return sc.shape, sc.transcoded, true, nil
}
