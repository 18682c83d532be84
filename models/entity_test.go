package models

import "testing"

// One rule for a year's population: that year's figure, else the nearest
// earlier year's, else (before any figure) the earliest; with its year.
func TestPopulationInGivesTheFigureAndItsYear(t *testing.T) {
	e := Entity{Population: map[int]int64{2021: 251_236, 2024: 248_205, 2026: 245_137}}
	for _, c := range []struct {
		year   int
		people int64
		of     int
		what   string
	}{
		{2024, 248_205, 2024, "the year's own figure"},
		{2025, 248_205, 2024, "the nearest earlier year's"},
		{2030, 245_137, 2026, "the latest, after every figure"},
		{2019, 251_236, 2021, "the earliest, before any figure"},
	} {
		if p, of := e.PopulationIn(c.year); p != c.people || of != c.of {
			t.Errorf("%d (%s): %d (%d), want %d (%d)", c.year, c.what, p, of, c.people, c.of)
		}
	}
	if p, of := (Entity{}).PopulationIn(2025); p != 0 || of != 0 {
		t.Errorf("unknown population: %d (%d)", p, of)
	}
}
