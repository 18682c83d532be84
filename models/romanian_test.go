package models

import "testing"

func TestNouns(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{0, "rânduri"}, {1, "rând"}, {2, "rânduri"}, {19, "rânduri"}, {20, "de rânduri"}, {101, "rânduri"},
		{112, "rânduri"}, {119, "rânduri"}, {120, "de rânduri"}, {100, "de rânduri"}, {1200, "de rânduri"}, {9999, "de rânduri"},
		{1_000_001, "rânduri"}, {-25, "de rânduri"},
	} {
		if got := Nouns(c.n, "rând", "rânduri"); got != c.want {
			t.Errorf("Nouns(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
