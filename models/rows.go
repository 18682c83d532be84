package models

import "context"

// RowsQuery asks for one page of a public dataset's rows, as the API's
// GET /api/v1/datasets/{name}/rows does: filters on its columns, an order,
// the columns to return, and where the page starts (keyset pagination: the
// key of the previous page's last row, never an offset).
type RowsQuery struct {
	Dataset string
	Filters []RowFilter // all must hold (AND)
	// Sort is the order asked for; the reader completes it with the
	// dataset's total order (release.Dataset.SortKey) into the page's key.
	Sort   []RowSort
	Fields []string // the columns to return, in this order; nil: every column in schema order
	// After is the key (RowsReader.RowsKey) of the row the page starts
	// after, one value a key column (nil for NULL); nil: the first page.
	After []Value
	Limit int
	// JSON asks each row also as the JSON object of its fields, serialised
	// as the release's NDJSON download serialises it (the same bytes).
	JSON bool
}

// RowFilter is one filter of a RowsQuery: Column Op Values.
type RowFilter struct {
	Column string
	Op     RowOp
	Values []Value // one, or several for OpIn
}

// RowOp is how a RowFilter compares.
type RowOp string

const (
	OpEq       RowOp = "eq"       // col=v
	OpGt       RowOp = "gt"       // col__gt=v
	OpGte      RowOp = "gte"      // col__gte=v
	OpLt       RowOp = "lt"       // col__lt=v
	OpLte      RowOp = "lte"      // col__lte=v
	OpContains RowOp = "contains" // col__contains=v: text containing v, whatever the case
	OpIn       RowOp = "in"       // col__in=a,b,c
)

// RowOps are the filter suffixes the API knows, "" being equality.
var RowOps = map[string]RowOp{"": OpEq, "gt": OpGt, "gte": OpGte, "lt": OpLt, "lte": OpLte, "contains": OpContains, "in": OpIn}

// RowSort is one column of an order.
type RowSort struct {
	Column string
	Desc   bool
}

// Value is a value of a column in its canonical text (the text the
// release's CSV download writes: 1234.50, 2026-11-23, true); Null for NULL.
type Value struct {
	Text string
	Null bool
}

// Row is one row of a page: the values of the fields asked for (string,
// int32, int64, bool, time.Time, export's Decimal, or nil), the row's key
// (to continue after it) and, when asked, its JSON object.
type Row struct {
	Values []any
	Key    []Value
	JSON   string
}

// RowsReader reads pages of a release's public datasets.
type RowsReader interface {
	// RowsKey is the key of a page of dataset in order sort: the sort's
	// columns, then those of the dataset's total order not among them.
	RowsKey(dataset string, sort []RowSort) ([]RowSort, error)
	// Rows calls each for the rows of the page q, in order, at most
	// q.Limit. A query naming a column the dataset does not have, or an
	// internal or unknown dataset, is ErrInvalid or ErrNotFound.
	Rows(ctx context.Context, q RowsQuery, each func(Row) error) error
	// RowsEnd is the key of the page's last row (the q.Limit-th) and
	// whether any row follows it; ok is false when the page has fewer rows.
	RowsEnd(ctx context.Context, q RowsQuery) (key []Value, more bool, err error)
}
