package rules

import (
	"testing"
	"unicode/utf8"

	"github.com/deschis/deschis/models"
)

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"1.234.567,89", "1 234,5", "(1.234,56)", "-0,005", "1,234,567.89", "1.234", "1e5", "", "−7", "1\u00a0234", "99999999999999999999,9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range []string{NumbersRO, NumbersIntl, NumbersAuto} {
			d, err := Number(s, n)
			if err != nil {
				if err.Error() == "" || !utf8.ValidString(err.Error()) {
					t.Fatalf("empty or invalid reason for %q", s)
				}
				continue
			}
			if d.Places < 0 || d.Places > maxDigits {
				t.Fatalf("Number(%q, %s) places %d", s, n, d.Places)
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
		if d, err := MachineNumber(s); err == nil {
			d.Amount(1)
		}
	})
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"23.11.2026", "2026-11-23T10:00:00+02:00", "11/23/2026 03:04:05 PM", "46349.5", "60", "30.02.2026", "23.11.26", "0000-00-00"} {
		f.Add(s)
	}
	all := []string{DatesDMY, DatesISO, DatesUS, DatesExcel}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Date(s, all)
		if err != nil {
			if !d.IsZero() || err.Error() == "" || !utf8.ValidString(err.Error()) {
				t.Fatalf("Date(%q) refused with %v, %v", s, d, err)
			}
			return
		}
		if d.Location() != models.Date(2000, 1, 1).Location() || d.Hour() != 0 || d.Minute() != 0 || d.Year() < 1 || d.Year() > 9999 {
			t.Fatalf("Date(%q) = %v", s, d)
		}
	})
}

// A fiscal code read once reads again to itself and passes its check digit;
// a refusal always says why.
func FuzzFiscalCode(f *testing.F) {
	for _, s := range []string{"RO 4267117", "R4278337", "CIF: 4.267.117", "C.U.I. RO4267117", "1800101221144", "ROMSOFT", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := FiscalCode(s)
		if err != nil {
			if c != "" || err.Error() == "" || !utf8.ValidString(err.Error()) {
				t.Fatalf("FiscalCode(%q) = %q, %v", s, c, err)
			}
			return
		}
		if c2, err := FiscalCode(c); err != nil || c2 != c || !models.ValidCUI(c) {
			t.Fatalf("FiscalCode(%q) = %q, which reads again as %q, %v", s, c, c2, err)
		}
	})
}

// What notation auto reads, the notation it chose reads the same; and the
// notation of a file does not depend on the order of its values.
func FuzzNotationOf(f *testing.F) {
	for _, s := range [][2]string{{"1.234", "12,5"}, {"1,234", "7.5"}, {"1.234.567,89", "250.000"}, {"", "NA"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if NotationOf([]string{a, b}) != NotationOf([]string{b, a}) {
			t.Fatalf("NotationOf(%q, %q) depends on the order", a, b)
		}
		n := NotationOf([]string{a, b})
		for _, s := range []string{a, b} {
			auto, err := Number(s, NumbersAuto)
			if err != nil || n == NumbersAuto {
				continue
			}
			if d, err := Number(s, n); err != nil || d != auto {
				t.Fatalf("%q: auto %v, %s %v %v (values %q, %q)", s, auto, n, d, err, a, b)
			}
		}
	})
}
