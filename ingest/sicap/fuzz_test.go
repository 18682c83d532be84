package sicap

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// FuzzReader feeds arbitrary bytes to the reader: it must never panic, and
// every record it returns is either rejected with reasons or carries values
// of the types its fields promise.
func FuzzReader(f *testing.F) {
	for _, p := range []string{"testdata/api_anunturi_atribuire.csv", "testdata/datagov_contracte_2018.csv",
		"testdata/datagov_contracte_2020_cp1250.csv", "../../../shared/data/ro_sicap_achizitii_directe_offline_sample.csv"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b[:min(len(b), 1500)], false)
	}
	f.Add([]byte("NumarAnunt^CastigatorCUI\n1^2\n"), true)
	fields := models.SourceFields[models.DatasetProcurement]
	f.Fuzz(func(t *testing.T, data []byte, keepOnly bool) {
		r, err := OpenFiltered(bytes.NewReader(data), ingest.Options{File: "fuzz.csv", Entity: "4267117"}, keepOnly)
		if err != nil {
			var fe *models.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("open error is not a *FileError: %v", err)
			}
			return
		}
		for i := 0; i < 10000; i++ {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			var fe *models.FileError
			if err != nil {
				if !errors.As(err, &fe) {
					t.Fatalf("next error is not a *FileError: %v", err)
				}
				return
			}
			if len(rec.Errors) > 0 {
				for _, e := range rec.Errors {
					if e.File != "fuzz.csv" || e.Line != rec.Line || e.Column == "" || e.Reason == "" {
						t.Fatalf("incomplete reject %+v", e)
					}
				}
				continue
			}
			for j, v := range rec.Values {
				ok := v == nil && !fields[j].Required
				switch v.(type) {
				case string:
					ok = fields[j].Type != models.TypeAmount && fields[j].Type != models.TypeDate
				case models.Amount:
					ok = fields[j].Type == models.TypeAmount
				case time.Time:
					ok = fields[j].Type == models.TypeDate
				case int64:
					ok = fields[j].Type == models.TypeInt
				case bool:
					ok = fields[j].Type == models.TypeBool
				}
				if !ok {
					t.Fatalf("field %s = %#v (%T)", fields[j].Name, v, v)
				}
			}
		}
	})
}

func FuzzAmount(f *testing.F) {
	for _, s := range []string{"105000", "630.25", "1.234,56", "1234,56", "1.234", "-0,5", "1,234,567.89"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, fixed bool) {
		numbers := rules.NumbersAuto
		if fixed {
			numbers = ""
		}
		a, err := amount(s, numbers)
		if err != nil {
			// A refusal says why.
			if err.Error() == "" || !utf8.ValidString(err.Error()) {
				t.Fatalf("%q: refused without a reason", s)
			}
			return
		}
		// An amount read in either convention prints back as the same
		// number, which both kinds of column read again: its two decimals
		// after a point cannot be a thousands group.
		for _, again := range []string{"", rules.NumbersAuto, rules.NumbersIntl} {
			b, err := amount(a.String(), again)
			if err != nil || b != a {
				t.Fatalf("%q -> %s -> %s, %v (fixed %v)", s, a, b, err, again)
			}
		}
	})
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"2024-11-01", "01.11.2024", "15-03-2018 00:00:00", "2024-03-15T10:12:33.19+02:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDate(s)
		if err != nil {
			if !d.IsZero() || err.Error() == "" {
				t.Fatalf("%q refused with %v, %v", s, d, err)
			}
			return
		}
		if d.Year() < 1990 || d.Year() > 2100 || d.Hour() != 0 || d.Location() != time.UTC {
			t.Fatalf("%q -> %v", s, d)
		}
	})
}
