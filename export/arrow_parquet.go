package export

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/deschis/deschis/models"
)

// ArrowFromParquet writes the rows of the Parquet file at path, whose
// columns are cols (DuckDB's types, ArrowSchema), as an Arrow IPC stream on
// out: arrow-go's Parquet reader decodes it a column at a time into record
// batches of ArrowBatchRows rows, and each row of a batch goes to the same
// writer the API streams with (NewArrow), so a download and the API's rows
// of it are the same bytes; memory holds one batch. A column whose Arrow
// type is not ArrowSchema's is an error. each, when not nil, gets every row
// in order as the values XLSX.WriteRow takes (nil for NULL, string, int32,
// int64, time.Time at UTC midnight for a DATE, bool, Decimal), from the same
// batch: one pass over the file for both.
func ArrowFromParquet(ctx context.Context, path string, cols []models.Column, out io.Writer, each func([]any) error) error {
	schema, err := ArrowSchema(cols)
	if err != nil {
		return err
	}
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return err
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: ArrowBatchRows}, memory.DefaultAllocator)
	if err != nil {
		return err
	}
	rr, err := fr.GetRecordReader(ctx, nil, nil)
	if err != nil {
		return err
	}
	defer rr.Release()
	if n := rr.Schema().NumFields(); n != len(cols) {
		return fmt.Errorf("export: %s has %d columns, the schema %d", path, n, len(cols))
	}
	for i, f := range rr.Schema().Fields() {
		want := schema.Field(i)
		if f.Name != want.Name || !arrow.TypeEqual(f.Type, want.Type) {
			return fmt.Errorf("export: %s: column %d is %s %s, the schema's %s %s", path, i, f.Name, f.Type, want.Name, want.Type)
		}
	}
	aw, err := NewArrow(out, cols)
	if err != nil {
		return err
	}
	row := aw.WriteRow
	if each != nil {
		row = func(vals []any) error {
			if err := aw.WriteRow(vals); err != nil {
				return err
			}
			return each(vals)
		}
	}
	vals := make([]any, len(cols))
	for rr.Next() {
		if err := eachRow(rr.RecordBatch(), vals, row); err != nil {
			aw.Close()
			return err
		}
	}
	if err := rr.Err(); err != nil && err != io.EOF {
		aw.Close()
		return err
	}
	return aw.Close()
}

// eachRow hands each row of rec to each as XLSX.WriteRow's values.
func eachRow(rec arrow.RecordBatch, vals []any, each func([]any) error) error {
	cols := rec.Columns()
	for r := 0; r < int(rec.NumRows()); r++ {
		for i, c := range cols {
			if c.IsNull(r) {
				vals[i] = nil
				continue
			}
			switch c := c.(type) {
			case *array.String:
				vals[i] = c.Value(r)
			case *array.Int32:
				vals[i] = c.Value(r)
			case *array.Int64:
				vals[i] = c.Value(r)
			case *array.Date32:
				vals[i] = c.Value(r).ToTime()
			case *array.Boolean:
				vals[i] = c.Value(r)
			case *array.Decimal128:
				n, scale := c.Value(r), c.DataType().(*arrow.Decimal128Type).Scale
				lo, hi := n.LowBits(), n.HighBits()
				if (hi != 0 || lo >= 1<<63) && (hi != -1 || lo < 1<<63) {
					return fmt.Errorf("export: column %s: %s does not fit 64 bits", rec.ColumnName(i), n.ToString(scale))
				}
				vals[i] = Decimal{Value: int64(lo), Scale: scale}
			default:
				return fmt.Errorf("export: column %s: no value for %s", rec.ColumnName(i), c.DataType())
			}
		}
		if err := each(vals); err != nil {
			return err
		}
	}
	return nil
}
