package models

import "testing"

// The EUR and inflation-adjusted views convert with the embedded reference
// data exactly, and a year it does not cover has no figure.
func TestPricesConvertExactly(t *testing.T) {
	if p := PricesOf(2010); p.CPITenths != 568 || p.RONPerEUR4 != 42099 {
		t.Fatalf("2010: %+v", p)
	}
	for _, c := range []struct {
		what string
		got  func() (Amount, bool)
		want Amount
		ok   bool
	}{
		{"12.800.000,00 lei of 2025 at 5,0200", func() (Amount, bool) { return InEUR(1_280_000_000, 2025) }, 254_980_080, true},
		{"1.000.000,00 lei of 2023 at 2024 prices (95,0)", func() (Amount, bool) { return AtBasePrices(100_000_000, 2023) }, 105_263_158, true},
		{"1.000,00 lei of 2010 at 2024 prices (56,8)", func() (Amount, bool) { return AtBasePrices(100_000, 2010) }, 176_056, true},
		{"2024 is the base", func() (Amount, bool) { return AtBasePrices(12_345, 2024) }, 12_345, true},
		{"no CPI for 2025", func() (Amount, bool) { return AtBasePrices(100, 2025) }, 0, false},
		{"no CPI before 2010", func() (Amount, bool) { return AtBasePrices(100, 2009) }, 0, false},
		{"no rate for 2026", func() (Amount, bool) { return InEUR(100, 2026) }, 0, false},
		{"a negative amount rounds the same way", func() (Amount, bool) { return InEUR(-1_280_000_000, 2025) }, -254_980_080, true},
	} {
		got, ok := c.got()
		if got != c.want || ok != c.ok {
			t.Errorf("%s: %d %v, want %d %v", c.what, got, ok, c.want, c.ok)
		}
	}
}
