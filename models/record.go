package models

import (
	"strconv"
	"time"
)

// Amount is a sum of money in bani (hundredths of a leu): money is never a float.
type Amount int64

// String formats a as a canonical decimal with a point: "-1234567.89".
func (a Amount) String() string {
	neg := a < 0
	if neg {
		a = -a
	}
	b := strconv.AppendInt(nil, int64(a/100), 10)
	b = append(b, '.', byte('0'+a%100/10), byte('0'+a%10))
	if neg {
		return "-" + string(b)
	}
	return string(b)
}

// Record is one source row mapped to the fields of its dataset (SourceFields),
// typed: each value is nil (missing), string, int64, Amount, time.Time or bool.
// A record with Errors is rejected: each error names the file, line, column,
// value and reason.
type Record struct {
	Line   int // physical line (1-based) where the record starts
	Values []any
	Errors []RowError
}

// RowReader yields the records of one source file. Next returns io.EOF at the
// end; any other error refuses the whole file (a *FileError names it).
type RowReader interface {
	Next() (*Record, error)
	Close() error
}

// Date is a calendar day in UTC, the way every date of the domain is kept.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// FieldIndex returns the position of the named field of a dataset, or -1.
func FieldIndex(dataset, name string) int {
	for i, f := range SourceFields[dataset] {
		if f.Name == name {
			return i
		}
	}
	return -1
}
