package tabular

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.234.567,89", "1 234,5", "(1.234,56)", "-0,005", "1,234,567.89", "1.234", "1e5", "", "−7", "1\u00a0234", "99999999999999999999,9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range []string{NumbersRO, NumbersIntl, NumbersAuto} {
			d, err := ParseNumber(s, n)
			if err != nil {
				if err.Error() == "" || !utf8.ValidString(err.Error()) {
					t.Fatalf("empty or invalid reason for %q", s)
				}
				continue
			}
			if d.Places < 0 || d.Places > maxDigits {
				t.Fatalf("ParseNumber(%q, %s) places %d", s, n, d.Places)
			}
			a, err := d.Amount(1000)
			if err == nil && d.Places <= 2 && d.Units < 1<<40 && d.Units > -1<<40 {
				// exact when nothing is rounded
				if want := d.Units * 1000 * int64(pow10[2-d.Places]); int64(a) != want {
					t.Fatalf("%q: %v × 1000 = %v, want %d", s, d, a, want)
				}
			}
			d.Int()
		}
		if d, err := parseMachineNumber(s); err == nil {
			d.Amount(1)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"23.11.2026", "2026-11-23T10:00:00+02:00", "11/23/2026 03:04:05 PM", "46349.5", "60", "30.02.2026", "23.11.26", "0000-00-00"} {
		f.Add(s)
	}
	all := []string{DatesDMY, DatesISO, DatesUS, DatesExcel}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, all)
		if err != nil {
			if !d.IsZero() || err.Error() == "" || !utf8.ValidString(err.Error()) {
				t.Fatalf("ParseDate(%q) refused with %v, %v", s, d, err)
			}
			return
		}
		if d.Location() != models.Date(2000, 1, 1).Location() || d.Hour() != 0 || d.Minute() != 0 || d.Year() < 1 || d.Year() > 9999 {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte(registryRows))
	f.Add([]byte("Nr. înregistrare;Data înregistrării\n\"a\nb\";\"\n"))
	f.Add(win1250Seed(registryRows))
	f.Add([]byte("\xEF\xBB\xBFa,b\n\"x\"y,2\n"))
	f.Add([]byte{})
	m, err := ParseMapping("fuzz.yaml", []byte(strings.Replace(registry("auto", "1"), "header_row: 1", "header_row: 0", 1)))
	if err != nil {
		f.Fatal(err)
	}
	// Positions instead of names: with header_row 0 any file has "columns".
	for i := range m.Fields {
		if m.Fields[i].Constant == nil {
			m.Fields[i].Column = Column{Position: i + 1}
		}
	}
	m.Source.SkipRowsWhere[0].Column = Column{Position: 1}
	f.Fuzz(func(t *testing.T, data []byte) {
		rr, err := Open(m, bytes.NewReader(data), ingest.Options{File: "fuzz.csv"})
		if err != nil {
			var fe *models.FileError
			if !errors.As(err, &fe) || fe.File != "fuzz.csv" {
				t.Fatalf("open error does not refuse the file by name: %v", err)
			}
			return
		}
		defer rr.Close()
		for n := 0; n < 10000; n++ {
			rec, err := rr.Next()
			if err != nil {
				if err != io.EOF && !strings.Contains(err.Error(), "fuzz.csv") {
					t.Fatalf("error without the file name: %v", err)
				}
				return
			}
			if rec.Line < 1 {
				t.Fatalf("record at line %d", rec.Line)
			}
			for _, e := range rec.Errors {
				if e.Line < 1 || e.Reason == "" {
					t.Fatalf("reject %+v", e)
				}
			}
			if len(rec.Errors) == 0 {
				for _, v := range rec.Values {
					if s, ok := v.(string); ok && !utf8.ValidString(s) {
						t.Fatalf("invalid UTF-8 in a good record: %q", s)
					}
				}
			}
		}
	})
}

// win1250Seed writes the rows in Windows-1250 with cedillas, by hand.
func win1250Seed(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range strings.NewReplacer("ș", "ş", "ț", "ţ", "–", "-").Replace(s) {
		switch r {
		case 'ă':
			out = append(out, 0xE3)
		case 'â':
			out = append(out, 0xE2)
		case 'î':
			out = append(out, 0xEE)
		case 'ş':
			out = append(out, 0xBA)
		case 'ţ':
			out = append(out, 0xFE)
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}

func FuzzParseMapping(f *testing.F) {
	f.Add([]byte(registryMapping))
	f.Add([]byte(investmentsMapping))
	f.Add([]byte(jsonProcurementMapping))
	f.Add([]byte("dataset: budget\nfields: {a: {column: 0}}\n"))
	f.Add([]byte("fields:\n  x:\n    map:\n      a: [1]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMapping("fuzz.yaml", data)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.yaml") {
				t.Fatalf("mapping error without the file name: %v", err)
			}
			return
		}
		for _, e := range m.Check() {
			if e.Error() == "" {
				t.Fatal("empty error")
			}
		}
	})
}
