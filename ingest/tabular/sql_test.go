package tabular

import "testing"

// sameInRE2 offers DuckDB only the regular expressions both engines read
// alike; the others send the file to the Go path.
func TestSameInRE2(t *testing.T) {
	for pat, want := range map[string]bool{
		`^(Total|TOTAL)`:               true,
		`^(\d{8}-\d)`:                  true,
		`^((?:MUNICIPIUL|ORA[ȘŞS]) )?`: false, // a flag group
		`^[A-Z]+\s*[0-9]{2,}.*$`:       true,
		`(?i)^total`:                   false,
		`\bTotal\b`:                    false,
		`^\p{Lu}`:                      false,
		`\QTotal\E`:                    false,
		`(?P<cod>\d+)`:                 false,
		`[[:alpha:]]+`:                 false,
		`^(`:                           false, // does not compile
		`a|b*?c`:                       true,
	} {
		if got := sameInRE2(pat); got != want {
			t.Errorf("sameInRE2(%q) = %v, want %v", pat, got, want)
		}
	}
}
