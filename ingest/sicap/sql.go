package sicap

import (
	"io"
	"os"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/ingest/tabular"
	"github.com/deschis/deschis/models"
)

// The SQL load path for SICAP's CSV shapes (docs/mapping.md, "The SQL load
// path"): SQLFile describes an export for the warehouse, which reads it with
// read_csv and compiles the shape's columns (ingest.SicapCSV) into SQL over
// the value rules as macros (warehouse/load_csv_sicap.go). The macros pass
// only rows whose cells are plain; every other row (a decorated or foreign
// supplier code, several winners in one cell, a state that is not an award,
// another buyer than --entity, a date or an amount outside the plain shapes)
// is read by this reader's Go rules (Reader.record), which load, reject or
// skip it and count the skip. So the rows, rejects and skips are the Go
// reader's.

// SQLFile prepares the file opt names for the SQL load path, or returns nil
// (and no error) when the Go reader must read it whole: a header the reader
// refuses (it says why), a delimiter outside ASCII, rows filtered by the
// deployment (opt.Keep), and a file the scan finds irregular
// (ingest.ScanCSV) or holding a misdecoded character. A file in
// Windows-1250 is transcoded to a UTF-8 copy in tmpDir with the same
// physical lines (ingest.MappedCSV.Transcoded; the reader removes it). wrap,
// when not nil, sees the bytes scanned (the progress bar).
func SQLFile(opt ingest.Options, tmpDir string, wrap func(io.Reader) io.Reader) (*ingest.CanonicalCSV, error) {
	if opt.Keep != nil {
		return nil, nil
	}
	f, err := os.Open(opt.File)
	if err != nil {
		return nil, nil
	}
	c, err := OpenFiltered(f, opt, opt.OnlyEntity)
	f.Close()
	if err != nil || c.csv.Comma >= 0x80 {
		return nil, nil
	}
	width := len(c.header)
	shape, transcoded, ok, err := tabular.ScanText(opt.File, tmpDir, rules.EncodingAuto, width, byte(c.csv.Comma), wrap)
	if err != nil || !ok || shape.Rows == 0 {
		if transcoded != "" {
			os.Remove(transcoded)
		}
		return nil, err
	}
	fields := models.SourceFields[models.DatasetProcurement]
	out := &ingest.CanonicalCSV{Path: opt.File, Width: width, HeaderLines: shape.HeaderLines, ColOf: make([]int, len(fields)),
		EntityField: models.FieldIndex(models.DatasetProcurement, "buyer_cui"), Entity: c.opt.Entity,
		CRLF: shape.CRLF, QuotedNewlines: shape.QuotedNewlines, CRInQuotes: shape.CRInQuotes, Rows: shape.Rows,
		LineSpans: shape.LineSpans, ManySpans: shape.ManySpans}
	for i := range out.ColOf {
		out.ColOf[i] = -1
	}
	out.Delim, out.Transcoded = byte(c.csv.Comma), transcoded
	out.Skipped = c.SkippedRows
	out.Row = func(line int, cells []string) *models.Record { return c.record(cells, line) }
	col := func(r role) int {
		if i, ok := c.col[r]; ok {
			return i
		}
		return -1
	}
	out.Sicap = &ingest.SicapCSV{
		Notice: col(roleNotice), ContractNo: col(roleContractNo),
		BuyerCUI: col(roleBuyerCUI), BuyerName: col(roleBuyerName), BuyerNameAndCUI: col(roleBuyerNameAndCUI),
		SupplierCUI: col(roleSupplierCUI), SupplierName: col(roleSupplierName),
		Title: col(roleTitle), CPV: col(roleCPV), AwardDate: col(roleAwardDate), NoticeDate: col(roleNoticeDate),
		Procedure: col(roleProcedure), Offers: col(roleOffers), EU: col(roleEU), EUFund: col(roleEUFund),
		ContractType: col(roleContractType), Parent: col(roleParent), Investment: col(roleInvestment), State: col(roleState),
		Value: c.valueCol, Currency: c.currency, Kind: string(c.gen.Kind), Numbers: c.numbers, Awarded: c.gen.AwardedStates,
	}
	return out, nil
}
