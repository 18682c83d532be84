package models

import "strings"

// FunctionalSubchapter returns the subchapter of a functional code in budget
// notation: "65.02.03" for "65.02.03.01" and for "65.02.03"; "" when the code
// is a chapter or malformed. A code in general notation is taken to be a local
// budget's, as FunctionalChapter does.
func FunctionalSubchapter(code string) string {
	f, why := parseFunctional(code)
	if why != "" || len(f.general) < 2 {
		return ""
	}
	budget := f.budget
	if budget == "" {
		budget = BudgetLocal
	}
	return strings.Join([]string{f.general[0], budget, f.general[1]}, ".")
}
