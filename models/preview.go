package models

import "context"

// Preview is the first rows of a public dataset in the order of its file,
// as the catalogue page shows them: every cell as DuckDB writes it as text
// (1234.50, 2026-11-23, true), Null when the row has no value.
type Preview struct {
	Columns []Column
	Rows    [][]PreviewCell
}

// PreviewCell is one value of a preview.
type PreviewCell struct {
	Value string
	Null  bool
}

// PreviewReader reads the first rows of a public dataset: the rows its
// downloads begin with. An unknown or internal dataset is ErrNotFound.
type PreviewReader interface {
	Preview(ctx context.Context, dataset string, limit int) (Preview, error)
}
