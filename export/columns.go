package export

import (
	"fmt"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number: Value / 10^Scale (a DECIMAL(18,2) of
// DuckDB fits an int64 unscaled).
type Decimal struct {
	Value int64
	Scale int32
}

// Float is the decimal as a float64 (what a spreadsheet stores).
func (d Decimal) Float() float64 {
	f, _ := strconv.ParseFloat(d.String(), 64)
	return f
}

// String writes the decimal with a point and Scale digits after it.
func (d Decimal) String() string {
	s := strconv.FormatInt(d.Value, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if d.Scale > 0 {
		for len(s) <= int(d.Scale) {
			s = "0" + s
		}
		s = s[:len(s)-int(d.Scale)] + "." + s[len(s)-int(d.Scale):]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// decimalType parses "DECIMAL(p,s)" into its precision and scale.
func decimalType(typ string) (precision, scale int32, ok bool) {
	inner, found := strings.CutPrefix(typ, "DECIMAL(")
	if !found {
		return 0, 0, false
	}
	if _, err := fmt.Sscanf(strings.TrimSuffix(inner, ")"), "%d,%d", &precision, &scale); err != nil {
		return 0, 0, false
	}
	return precision, scale, true
}
