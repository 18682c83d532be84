package models

// Rows a reader passes over without a record are not data — a blank row, a
// total, a row of another institution under --only-entity — so they are
// neither loaded nor rejected. They are still counted, by reason, so that a
// load says what it left out (etl load --json, etl status).
const (
	SkipBlank       = "blank"        // rows with no value at all
	SkipMatched     = "matched"      // rows matching the mapping's skip_rows_where (totals, subtotals, separators)
	SkipOtherEntity = "other_entity" // rows of other institutions, left out by --only-entity
	SkipNotAwarded  = "not_awarded"  // SICAP rows in a state that is not an award (cancelled procedure, refused offer)
	SkipSubtotal    = "subtotal"     // totals and subtotals of a Treasury report
	SkipOtherLevel  = "other_level"  // Treasury rows at a summary or programme level, not the detail
)

// SkipOutsideDeployment: rows of institutions the warehouse does not have,
// left out by --only-deployment (a county's national exports).
const SkipOutsideDeployment = "outside_deployment"

// SkipReasons names each reason in Romanian, for etl load and etl status,
// which write "<reason>: <n rows>" ("alte instituții (--only-entity): 1.234
// de rânduri").
var SkipReasons = map[string]string{
	SkipBlank:       "fără nicio valoare",
	SkipMatched:     "skip_rows_where (totaluri, subtotaluri)",
	SkipOtherEntity: "alte instituții (--only-entity)",
	SkipNotAwarded:  "stări care nu sunt atribuiri (procedură anulată, ofertă respinsă)",
	SkipSubtotal:    "totaluri și subtotaluri ale raportului",
	SkipOtherLevel:  "alt nivel decât detaliul (sinteză, programe)",

	SkipOutsideDeployment: "instituții neînregistrate în depozit (--only-deployment)",
}

// Skips counts skipped rows by reason.
type Skips map[string]int64

// Add counts one row skipped for reason; a nil Skips cannot count.
func (s Skips) Add(reason string) { s[reason]++ }

// Total is the number of rows skipped for any reason.
func (s Skips) Total() int64 {
	var n int64
	for _, v := range s {
		n += v
	}
	return n
}

// SkipCounter is implemented by the readers that pass rows over: the rows
// skipped so far, by reason (a reason with no row may be left out).
type SkipCounter interface {
	SkippedRows() Skips
}
