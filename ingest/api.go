package ingest

import (
	"strings"

	"github.com/deschis/deschis/models"
)

// The exported helpers below are what format packages (ingest/tabular,
// ingest/sicap, ingest/ocds, ingest/forexebug) build on, so that a value means
// the same thing whichever reader produced it.

// ParseValue reads one cell written in the canonical notation of its field
// (amounts 1234567.89, dates 2026-11-23, codes 51.02.01 or 510201, enums with
// or without diacritics). An empty cell is nil, or an error when required.
func ParseValue(f models.Field, cell string) (any, error) { return parseValue(f, cell) }

// Finish applies the rules that span several fields of a record whose fields
// all parsed (see validateRecord), fills derived values (legal terms, the
// default currency), rewrites legacy cedilla diacritics (ş ţ) to the correct
// comma-below forms and masks private persons among suppliers. Every reader
// calls it once per record without errors.
func Finish(opt Options, rec *models.Record) {
	for i, v := range rec.Values {
		// Assign only what changed: storing a string in an interface
		// allocates, and almost no text has cedilla letters.
		if s, ok := v.(string); ok {
			if f := models.FixCedilla(s); f != s {
				rec.Values[i] = f
			}
		}
	}
	validateRecord(opt, rec)
	if opt.Dataset == models.DatasetProcurement && len(rec.Errors) == 0 {
		maskPrivateSupplier(rec)
	}
}

// Truncate shortens a cell to n bytes on a rune boundary for a reject.
func Truncate(s string, n int) string { return truncate(s, n) }

// PrivateSupplierCode and PrivateSupplierName replace the fiscal code and name
// of a supplier who is a private person (a CNP as fiscal code): the contract
// and its value stay public, the person does not.
const (
	PrivateSupplierCode = "PF"
	PrivateSupplierName = "Persoană fizică (date personale protejate)"
)

func maskPrivateSupplier(rec *models.Record) {
	i := models.FieldIndex(models.DatasetProcurement, "supplier_cui")
	code, _ := rec.Values[i].(string)
	code = strings.TrimSpace(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(code)), "RO"))
	if len(code) == 13 && models.ValidCNP(code) {
		rec.Values[i] = PrivateSupplierCode
		rec.Values[models.FieldIndex(models.DatasetProcurement, "supplier_name")] = PrivateSupplierName
	}
}
