package ingest

import "github.com/deschis/deschis/models"

// cellShape is a plain shape the SQL load path's value rules test with a
// regular expression (warehouse/load_csv_rules.sql: deschis_cui_ok,
// deschis_int_ok, deschis_amount_ok, deschis_date_ok, deschis_cpv_ok). The
// pre-scan of a canonical file already reads every byte: it checks each
// cell of the columns of these types against its shape, and when every
// cell of a column is empty or in shape (CanonicalCSV.PlainCols), the SQL
// path drops the column's regular expression, whose answer it knows.
// The shapes say nothing of the value (a check digit, a day the calendar
// has): those rules stay in SQL.
type cellShape uint8

const (
	shapeNone    cellShape = iota
	shapeDigits            // a fiscal code's digits: [0-9]{2,10}
	shapeInt               // -?[0-9]{1,18}
	shapeAmount            // -?[0-9]{1,15}(\.[0-9]{1,2})?
	shapeISODate           // [1-9][0-9]{3}-[0-9]{2}-[0-9]{2}
	shapeCPV               // [0-9]{8}-[0-9]
)

// maxShapeLen is the longest cell any shape matches (an amount: a sign,
// 15 digits, a point and 2 decimals); a longer cell is out of shape
// without being looked at.
const maxShapeLen = 19

// shapeOf is the shape the SQL rules test for a field of type t.
func shapeOf(t models.FieldType) cellShape {
	switch t {
	case models.TypeCUI:
		return shapeDigits
	case models.TypeInt:
		return shapeInt
	case models.TypeAmount:
		return shapeAmount
	case models.TypeDate:
		return shapeISODate
	case models.TypeCPV:
		return shapeCPV
	}
	return shapeNone
}

// digits is how many bytes of b, from its start, are ASCII digits.
func digits(b []byte) int {
	n := 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	return n
}

// match reports whether the whole of b is in shape s (shapeNone matches
// nothing).
func (s cellShape) match(b []byte) bool {
	switch s {
	case shapeDigits:
		return len(b) >= 2 && len(b) <= 10 && digits(b) == len(b)
	case shapeInt:
		if len(b) > 0 && b[0] == '-' {
			b = b[1:]
		}
		return len(b) >= 1 && len(b) <= 18 && digits(b) == len(b)
	case shapeAmount:
		if len(b) > 0 && b[0] == '-' {
			b = b[1:]
		}
		n := digits(b)
		if n < 1 || n > 15 {
			return false
		}
		if n == len(b) {
			return true
		}
		frac := b[n:]
		return frac[0] == '.' && len(frac) >= 2 && len(frac) <= 3 && digits(frac[1:]) == len(frac)-1
	case shapeISODate:
		return len(b) == 10 && b[0] >= '1' && b[0] <= '9' && digits(b[:4]) == 4 && b[4] == '-' &&
			digits(b[5:7]) == 2 && b[7] == '-' && digits(b[8:]) == 2
	case shapeCPV:
		return len(b) == 10 && digits(b[:8]) == 8 && b[8] == '-' && b[9] >= '0' && b[9] <= '9'
	}
	return false
}
