package export

import (
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/deschis/deschis/models"
)

// ArrowBatchRows is how many rows an Arrow record batch holds: the memory
// the writer needs, whatever the table's size.
const ArrowBatchRows = 65_536

// Arrow writes a table as an Arrow IPC stream (the .arrows file pandas,
// polars and R's arrow read), one record batch per ArrowBatchRows rows.
type Arrow struct {
	w *ipc.Writer
	b *array.RecordBuilder
	n int
}

// ArrowSchema is the Arrow schema of columns of DuckDB types (VARCHAR,
// INTEGER, BIGINT, DECIMAL(p,s), DATE, BOOLEAN).
func ArrowSchema(cols []models.Column) (*arrow.Schema, error) {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		var t arrow.DataType
		switch c.Type {
		case "VARCHAR":
			t = arrow.BinaryTypes.String
		case "INTEGER":
			t = arrow.PrimitiveTypes.Int32
		case "BIGINT":
			t = arrow.PrimitiveTypes.Int64
		case "DATE":
			t = arrow.FixedWidthTypes.Date32
		case "BOOLEAN":
			t = arrow.FixedWidthTypes.Boolean
		default:
			p, s, ok := decimalType(c.Type)
			if !ok {
				return nil, fmt.Errorf("export: column %s: type %s has no Arrow type here", c.Name, c.Type)
			}
			t = &arrow.Decimal128Type{Precision: p, Scale: s}
		}
		fields[i] = arrow.Field{Name: c.Name, Type: t, Nullable: true}
	}
	return arrow.NewSchema(fields, nil), nil
}

// NewArrow starts an Arrow IPC stream of the columns cols on out.
func NewArrow(out io.Writer, cols []models.Column) (*Arrow, error) {
	schema, err := ArrowSchema(cols)
	if err != nil {
		return nil, err
	}
	return &Arrow{w: ipc.NewWriter(out, ipc.WithSchema(schema)), b: array.NewRecordBuilder(memory.DefaultAllocator, schema)}, nil
}

// WriteRow appends one row (the values XLSX.WriteRow takes).
func (a *Arrow) WriteRow(vals []any) error {
	for i, v := range vals {
		f := a.b.Field(i)
		if v == nil {
			f.AppendNull()
			continue
		}
		var ok bool
		switch f := f.(type) {
		case *array.StringBuilder:
			var s string
			if s, ok = v.(string); ok {
				f.Append(s)
			}
		case *array.Int32Builder:
			var n int32
			if n, ok = v.(int32); ok {
				f.Append(n)
			}
		case *array.Int64Builder:
			var n int64
			if n, ok = v.(int64); ok {
				f.Append(n)
			}
		case *array.Date32Builder:
			var t time.Time
			if t, ok = v.(time.Time); ok {
				f.Append(arrow.Date32FromTime(t))
			}
		case *array.BooleanBuilder:
			var b bool
			if b, ok = v.(bool); ok {
				f.Append(b)
			}
		case *array.Decimal128Builder:
			var d Decimal
			if d, ok = v.(Decimal); ok {
				f.Append(decimal128.FromI64(d.Value))
			}
		}
		if !ok {
			return fmt.Errorf("export: column %s: value %v (%T) does not fit %s", a.b.Schema().Field(i).Name, v, v, a.b.Schema().Field(i).Type)
		}
	}
	if a.n++; a.n == ArrowBatchRows {
		return a.flush()
	}
	return nil
}

func (a *Arrow) flush() error {
	rec := a.b.NewRecordBatch()
	defer rec.Release()
	a.n = 0
	return a.w.Write(rec)
}

// Close writes the last batch and the end of the stream; a table of no rows
// is a stream with its schema and no batch.
func (a *Arrow) Close() error {
	defer a.b.Release()
	if a.n > 0 {
		if err := a.flush(); err != nil {
			a.w.Close()
			return err
		}
	}
	return a.w.Close()
}
