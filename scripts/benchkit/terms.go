package benchkit

import (
	"regexp"
	"strings"
)

// SupplierTerms are the supplier searches the benchmarks make (searchbench
// under wrk, termcost on the reader): every distinct fragment of 4 to 6
// letters, lower-cased, of each word of names made of 4 or more ASCII
// letters only, in the order the names and their words give them.
func SupplierTerms(names []string) []string {
	seen := map[string]bool{}
	var terms []string
	for _, name := range names {
		for _, w := range strings.Fields(name) {
			if !supplierWord.MatchString(w) {
				continue
			}
			for l := 4; l <= 6; l++ {
				for i := 0; i+l <= len(w); i++ {
					if t := strings.ToLower(w[i : i+l]); !seen[t] {
						seen[t] = true
						terms = append(terms, t)
					}
				}
			}
		}
	}
	return terms
}

var supplierWord = regexp.MustCompile(`^[A-Za-z]{4,}$`)
