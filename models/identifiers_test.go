package models

import (
	"strconv"
	"strings"
	"testing"
)

func TestNormalizeCUI(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"Sibiu town hall", "4270740", "4270740", true},
		{"Bucharest town hall", "4267117", "4267117", true},
		{"VAT prefix and space", "RO 4270740", "4270740", true},
		{"wrong check digit", "4270741", "", false},
		{"letters", "42A0740", "", false},
		{"too short", "4", "", false},
		{"too long", "12345678901", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeCUI(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Fatalf("NormalizeCUI(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestValidCNP(t *testing.T) {
	// 1800101221144 is the example CNP used in Romanian documentation.
	first12 := "180010122114"
	good := first12 + string(CNPCheckDigit(first12))
	if !ValidCNP(good) {
		t.Fatalf("ValidCNP(%s) = false", good)
	}
	bad := first12 + string('0'+(CNPCheckDigit(first12)-'0'+1)%10)
	if ValidCNP(bad) {
		t.Fatalf("ValidCNP(%s) = true with a wrong check digit", bad)
	}
	for _, s := range []string{"0800101221144", "1801301221144", "18001012211", "180010122114x"} {
		if ValidCNP(s) {
			t.Errorf("ValidCNP(%s) = true", s)
		}
	}
}

func FuzzNormalizeCUI(f *testing.F) {
	for _, s := range []string{"4270740", "RO4267117", "", "RO", "0000000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := NormalizeCUI(s)
		if err != nil {
			// A refusal quotes the value it refused and returns no code.
			if c != "" || !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Fatalf("NormalizeCUI(%q) = %q, %v", s, c, err)
			}
			return
		}
		if !ValidCUI(c) || len(c) < 2 || len(c) > 10 {
			t.Fatalf("NormalizeCUI(%q) = %q: not a valid code", s, c)
		}
		if c2, err := NormalizeCUI(c); err != nil || c2 != c {
			t.Fatalf("normalised %q to %q, which does not normalise to itself: %q %v", s, c, c2, err)
		}
	})
}
