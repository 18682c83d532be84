package release

import (
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/deschis/deschis/export"
	"github.com/deschis/deschis/models"
)

// Which download formats a public dataset is written in. Every format is,
// with one rule: XLSX only while the dataset fits one Excel sheet.
//
// Excel opens at most 1,048,576 rows a sheet (export.ExcelMaxRows, the
// header included). A dataset longer than that was written as a workbook of
// several sheets, which nobody can sort, filter or pivot as one table, and
// which cost more than every other format together to write (excelize:
// about 8,000 rows a second; 3.8 million procurement rows did not finish in
// half an hour). What a person with Excel needs from such a dataset is one
// of the two things Excel can use: the CSV for a Romanian Excel (the
// -excel.csv file: Excel opens its first 1,048,576 rows, and Date → Din
// text/CSV loads every row into the data model through Power Query), or the
// rows they are after, filtered by the API as a workbook
// (/api/v1/datasets/<name>/rows?...&format=xlsx). So a dataset of more rows
// than Options.XLSXRowLimit (default: one sheet) has no XLSX file, and the
// manifest says so and why (ManifestDataset.Absent), as the dataset's
// catalogue page does. The numbers a download carries stay the same in
// every format that is written.

// DefaultXLSXRowLimit is the most rows a dataset has and still gets an
// XLSX download: what one Excel sheet holds below its header.
const DefaultXLSXRowLimit = export.ExcelMaxRows - 1

// xlsxAbsent says why a dataset of rows rows gets no XLSX file, or nil
// when it gets one.
func xlsxAbsent(ds Dataset, rows int64, opt Options) *models.AbsentFormat {
	limit := int64(opt.XLSXRowLimit)
	if limit == 0 {
		limit = DefaultXLSXRowLimit
	}
	if limit < 0 || rows <= limit {
		return nil
	}
	return &models.AbsentFormat{Format: "xlsx", Reason: text(
		ro.Sprintf("Setul are %d %s, mai multe decât încap într-o foaie Excel (%d): nu are fișier XLSX. "+
			"Folosiți fișierul CSV pentru Excel (Excel deschide primele %d %s; Date → Din text/CSV le încarcă pe toate prin Power Query) "+
			"sau cereți prin API rândurile de care aveți nevoie, filtrate: /api/v1/datasets/%s/rows?format=xlsx.",
			rows, models.Nouns(rows, "rând", "rânduri"), limit, limit, models.Nouns(limit, "rând", "rânduri"), ds.Name),
		en.Sprintf("The dataset has %d rows, more than fit in one Excel sheet (%d): it has no XLSX file. "+
			"Use the CSV for Excel (Excel opens its first %d rows; Data → From Text/CSV loads them all through Power Query) "+
			"or ask the API for the rows you need, filtered: /api/v1/datasets/%s/rows?format=xlsx.",
			rows, limit, limit, ds.Name))}
}

// en writes the numbers of messages the English way: 1,234,567.
var en = message.NewPrinter(language.English)
