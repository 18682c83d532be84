package browser

import (
	"math/big"
	"slices"
	"testing"
)

// The expected texts are the contract's examples, written by hand.
func TestKPITexts(t *testing.T) {
	tests := []struct {
		name     string
		kpi      KPI
		raw      string
		ro, en   []string
		unitText bool
	}{
		{name: "amount from the contract", kpi: amountKPI("x", "1234567.89"), raw: "1234567.89",
			ro: []string{"1.234.567,89 lei"}, en: []string{"1,234,567.89 lei"}},
		{name: "amount without decimals gets two", kpi: amountKPI("x", "4279389"), raw: "4279389.00",
			ro: []string{"4.279.389,00 lei"}, en: []string{"4,279,389.00 lei"}},
		{name: "small negative amount", kpi: amountKPI("x", "-12.5"), raw: "-12.50",
			ro: []string{"-12,50 lei"}, en: []string{"-12.50 lei"}},
		{name: "share from the contract", kpi: shareKPI("x", big.NewRat(8731, 1), big.NewRat(10000, 1)), raw: "0.8731",
			ro: []string{"87,3 %"}, en: []string{"87.3%"}},
		{name: "share rounds half up", kpi: shareKPI("x", big.NewRat(1, 8), big.NewRat(1, 1)), raw: "0.1250",
			ro: []string{"12,5 %"}, en: []string{"12.5%"}},
		{name: "share with double rounding accepts both", kpi: shareKPI("x", big.NewRat(87349, 1), big.NewRat(100000, 1)), raw: "0.8735",
			ro: []string{"87,3 %", "87,4 %"}, en: []string{"87.3%", "87.4%"}},
		{name: "count of four digits may go ungrouped", kpi: integerKPI("x", "count", 3861), raw: "3861",
			ro: []string{"3.861", "3861"}, en: []string{"3,861", "3861"}, unitText: true},
		{name: "count of seven digits", kpi: integerKPI("x", "count", 1234567), raw: "1234567",
			ro: []string{"1.234.567"}, en: []string{"1,234,567"}, unitText: true},
		{name: "progress percent has one decimal, like every percentage", kpi: percentKPI("x", "45.55"), raw: "45.55",
			ro: []string{"45,6 %"}, en: []string{"45.6%"}},
		{name: "whole progress percent", kpi: percentKPI("x", "100.00"), raw: "100.00",
			ro: []string{"100,0 %"}, en: []string{"100.0%"}},
		{name: "small share is not zero", kpi: shareKPI("x", big.NewRat(17945974, 1), big.NewRat(263685430460, 1)), raw: "0.0001",
			ro: []string{"< 0,1 %"}, en: []string{"< 0.1%"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.kpi.Raw != tc.raw {
				t.Errorf("raw = %q, want %q", tc.kpi.Raw, tc.raw)
			}
			if !slices.Equal(tc.kpi.Text["ro"], tc.ro) || !slices.Equal(tc.kpi.Text["en"], tc.en) {
				t.Errorf("texts = %q / %q, want %q / %q", tc.kpi.Text["ro"], tc.kpi.Text["en"], tc.ro, tc.en)
			}
			if tc.kpi.Unit != tc.unitText {
				t.Errorf("unit = %v", tc.kpi.Unit)
			}
		})
	}
}

func TestRoundHalfUp(t *testing.T) {
	tests := []struct {
		name string
		x    *big.Rat
		d    int
		want string
	}{
		{"half goes up", big.NewRat(5, 1000), 2, "0.01"},
		{"below half goes down", big.NewRat(4999, 1000000), 2, "0.00"},
		{"negative half goes away from zero", big.NewRat(-5, 1000), 2, "-0.01"},
		{"tiny negative is zero without sign", big.NewRat(-1, 1000), 2, "0.00"},
		{"per capita", big.NewRat(154623306782, 100*245137), 2, "6307.63"}, // 1546233067.82 / 245137 = 6307.6282…
		{"no decimals", big.NewRat(7, 2), 0, "4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := roundHalfUp(tc.x, tc.d); got != tc.want {
				t.Errorf("roundHalfUp(%s, %d) = %s, want %s", tc.x.RatString(), tc.d, got, tc.want)
			}
		})
	}
}
