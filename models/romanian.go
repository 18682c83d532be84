package models

// Nouns is the form of a noun after the count n, as Romanian writes it: one
// (1 rând), many (19 rânduri) or "de" and many when the last two digits of
// n are 20 or more, or 00 from 100 (20 de rânduri, 112 rânduri, 1.200 de
// rânduri). The caller writes the number itself, in its own format.
func Nouns(n int64, one, many string) string {
	switch {
	case n == 1 || n == -1:
		return one
	case NeedsDe(n):
		return "de " + many
	}
	return many
}

// NeedsDe reports whether Romanian writes "de" between n and its noun.
func NeedsDe(n int64) bool {
	if n < 0 {
		n = -n
	}
	return n%100 >= 20 || n%100 == 0 && n != 0
}
