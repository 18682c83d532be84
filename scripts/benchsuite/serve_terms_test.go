package main

import (
	"strings"
	"testing"

	"github.com/deschis/deschis/release"
)

// A search run is every request a search when no term came back, or when
// each came back only after more others than the reader keeps answers of.
func TestTermReuseSaysWhetherEveryRequestWasASearch(t *testing.T) {
	for _, c := range []struct {
		handed             int64
		terms, connections int
		want               string
	}{
		{900, 900, 64, "no term asked twice"},
		{40000, 900, 64, "every request a search"},
		{40000, release.AnswersKept + 64, 64, "terms repeat"},
		{1000, 200, 8, "terms repeat"},
	} {
		if got := termReuse(c.handed, c.terms, c.connections); !strings.Contains(got, c.want) {
			t.Errorf("termReuse(%d, %d, %d) = %q, want %q", c.handed, c.terms, c.connections, got, c.want)
		}
	}
}
