package release_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// A filter's pages read from the rows its answer kept are the pages read by
// selecting the rows again (what a filter selecting more than the bound
// does), in every order and at any offset; filters selecting few rows keep
// them, and one selecting more than the bound keeps none.
func TestAnAnswersKeptRowsPageAsTheFilter(t *testing.T) {
	r, _ := openDemo(t)
	ctx := context.Background()
	year := r.DefaultYear("9991004")
	filters := []models.ContractFilter{{Buyer: "9991004", Year: year}, {Buyer: "9991004", Year: year, Supplier: "construct"},
		{Buyer: "9991004", Year: year, Supplier: "a"}, {Supplier: "vest"}, {CPV: "45"}, {Buyer: "9991004", Supplier: "srl"}, {}}
	pages := func() (out []string, kept []int) {
		for _, f := range filters {
			n, err := release.AnswerKeptRows(ctx, r, f)
			if err != nil {
				t.Fatal(err)
			}
			kept = append(kept, n)
			for _, s := range []models.ContractSort{models.SortDateDesc, models.SortDateAsc, models.SortValueDesc, models.SortValueAsc} {
				for _, offset := range []int{0, 50, 1000} {
					f.Sort, f.Limit, f.Offset = s, 50, offset
					rows, err := r.Contracts(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					out = append(out, fmt.Sprintf("%+v", rows))
				}
			}
		}
		return out, kept
	}
	withKept, kept := pages()
	old := release.SetKeptRowsMax(r, 0)
	defer release.SetKeptRowsMax(r, old)
	walked, none := pages()
	some, all := 0, false
	for i := range filters {
		tot, err := r.ContractTotals(ctx, filters[i])
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case none[i] != -1:
			t.Fatalf("%+v: kept %d rows with the bound 0", filters[i], none[i])
		case tot.Rows <= int64(old) && kept[i] != int(tot.Rows):
			t.Fatalf("%+v: %d rows, %d kept", filters[i], tot.Rows, kept[i])
		case tot.Rows > int64(old) && kept[i] != -1:
			t.Fatalf("%+v: %d rows (more than %d), %d kept", filters[i], tot.Rows, old, kept[i])
		case kept[i] > 50:
			some++
		case kept[i] == -1:
			all = true
		}
	}
	if some < 3 || !all {
		t.Fatalf("kept rows %v: the test must page filters that keep many rows and one that keeps none", kept)
	}
	for i := range withKept {
		if withKept[i] != walked[i] {
			t.Fatalf("page %d: from the kept rows\n%s\nselected again\n%s", i, withKept[i], walked[i])
		}
	}
}

// monthOfDay is the month time.Time gives, every day from 1800 to 2200.
func TestMonthOfDayIsTheCalendarsMonth(t *testing.T) {
	from := int32(time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	to := int32(time.Date(2200, 12, 31, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	for d := from; d <= to; d++ {
		if got, want := release.MonthOfDay(d), int(time.Unix(int64(d)*86400, 0).UTC().Month()); got != want {
			t.Fatalf("day %d (%s): month %d, want %d", d, time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly), got, want)
		}
	}
}
