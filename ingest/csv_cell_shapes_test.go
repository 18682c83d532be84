package ingest

import (
	"regexp"
	"strings"
	"testing"
)

// shapeRegexps are the regular expressions of warehouse/load_csv_rules.sql
// that each shape stands for (DuckDB's regexp_full_match, RE2 as Go's).
var shapeRegexps = map[cellShape]*regexp.Regexp{
	shapeDigits:  regexp.MustCompile(`^[0-9]{2,10}$`),
	shapeInt:     regexp.MustCompile(`^-?[0-9]{1,18}$`),
	shapeAmount:  regexp.MustCompile(`^-?[0-9]{1,15}(\.[0-9]{1,2})?$`),
	shapeISODate: regexp.MustCompile(`^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$`),
	shapeCPV:     regexp.MustCompile(`^[0-9]{8}-[0-9]$`),
}

// TestCellShapesAreTheirRegexps: each shape matches what its regular
// expression does, on the edges of every shape.
func TestCellShapesAreTheirRegexps(t *testing.T) {
	cells := []string{"", "0", "12", "-12", "1234567890", "12345678901", "-", "--1", "1.", "1.5", "-1.55", "1.555", ".5",
		"123456789012345", "1234567890123456", "123456789012345.99", "-123456789012345.99", "123456789012345678", "1234567890123456789",
		"2025-01-31", "0025-01-31", "2025-1-31", "2025-01-31 ", " 2025-01-31", "2025/01/31", "12345678-9", "12345678-", "1234567-89",
		"١٢", "1\n2", "12\x00", "1,5", "+1", "99999999-99"}
	for s, re := range shapeRegexps {
		for _, c := range cells {
			if got, want := s.match([]byte(c)), re.MatchString(c); got != want {
				t.Errorf("shape %d on %q: %v, its regexp %v", s, c, got, want)
			}
		}
	}
	if shapeNone.match([]byte("1")) {
		t.Error("shapeNone matched a cell")
	}
	for s, re := range shapeRegexps {
		// No cell longer than maxShapeLen is in any shape.
		if long := strings.Repeat("1", maxShapeLen+1); re.MatchString(long) || s.match([]byte(long)) {
			t.Errorf("shape %d matches a cell of %d bytes", s, len(long))
		}
	}
}

// FuzzCellShapes: on any bytes, each shape is its regular expression.
func FuzzCellShapes(f *testing.F) {
	for _, c := range []string{"12", "-1.5", "2025-01-31", "12345678-9", "1.555"} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) {
		for s, re := range shapeRegexps {
			if got, want := s.match([]byte(c)), re.MatchString(c); got != want {
				t.Fatalf("shape %d on %q: %v, its regexp %v", s, c, got, want)
			}
		}
	})
}
