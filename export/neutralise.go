// Package export holds what every tabular writer of the project shares: the
// rule that keeps a spreadsheet from running a text cell as a formula
// (neutralise.go), and the writers Go has to write itself because DuckDB
// cannot: XLSX through excelize's streaming writer (xlsx.go) and the Arrow IPC
// stream through arrow-go (arrow.go). The release writes its downloads with
// them at publish; the dashboards' exports reuse the same rule.
package export

import "strings"

// FormulaPrefixes are the first characters that make a spreadsheet read a
// text cell as a formula (OWASP "CSV injection"): = + - @, tab and carriage
// return.
const FormulaPrefixes = "=+-@\t\r"

// Neutralise returns a text cell a spreadsheet will not run: a text that
// begins with one of FormulaPrefixes gets a leading apostrophe, which
// spreadsheets read as "this is text". Only text goes through it: numbers,
// negative amounts included, stay numbers.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune(FormulaPrefixes, rune(s[0])) {
		return "'" + s
	}
	return s
}

// NeutraliseSQL is Neutralise as a SQL expression over the text expression
// expr, for writers that let DuckDB write the file (COPY ... TO csv): the
// same rule, the same apostrophe.
func NeutraliseSQL(expr string) string {
	return "CASE WHEN left(" + expr + ", 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || " + expr + " ELSE " + expr + " END"
}
