package main

import (
	"strings"
	"testing"
)

// The county benchmark reads its figures from /usr/bin/time -v's report.
func TestTimed(t *testing.T) {
	out, secs, peak, err := timed("/bin/sh", "-c", "echo judet; head -c 30000000 /dev/zero | tail -c 1 >/dev/null")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(out)) != "judet" || secs <= 0 || peak <= 0 {
		t.Fatalf("stdout %q, %.3f s, peak %.1f MiB", out, secs, peak)
	}
	if _, _, _, err := timed("/bin/sh", "-c", "exit 3"); err == nil {
		t.Fatal("a failing command measured as if it succeeded")
	}
	for in, want := range map[string]float64{"0:01.50": 1.5, "2:03.25": 123.25, "1:00:02": 3602} {
		if got := clock(in); got != want {
			t.Errorf("clock(%q) = %v, want %v", in, got, want)
		}
	}
}
