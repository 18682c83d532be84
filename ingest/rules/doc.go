// Package rules is the one home of the value rules every reader uses
// (ingest's canonical CSV, ingest/tabular's mappings, ingest/sicap,
// ingest/forexebug and ingest/ocds), so that a cell means the same thing
// whichever reader read it:
//
//   - number.go: amounts and integers in Romanian (1.234.567,89), international
//     (1,234,567.89) and machine notation (1234567.89, 1.5E6), with the rule of
//     the third decimal (rounded half away from zero, after the scale) and of
//     the ambiguous 1.234 (decided per cell: refused unless the notation says);
//   - date.go: dates in Romanian (23.11.2026), ISO, US, Excel serial (with the
//     phantom 29.02.1900 refused) and Oracle (31-JAN-25) notations;
//   - identifiers.go: fiscal codes with the decorations national exports
//     write (RO, R, CIF/CUI labels, dots, spaces), supplier codes, CPV codes;
//   - text.go: folding (case, diacritics, cedillas), header keys, enum values
//     with and without diacritics, yes/no cells;
//   - encoding.go: the text encoding (BOM, UTF-8, Windows-1250, ISO-8859-2,
//     UTF-16) and the CSV delimiter of a file.
//
// Each rule is written down, for people, in docs/mapping.md. Errors are
// Romanian sentences that say what is wrong and what was expected.
package rules
