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
