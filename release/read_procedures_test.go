package release_test

import (
	"context"
	"slices"
	"testing"

	"github.com/deschis/deschis/release"
)

// The procedure types every /achizitii page lists are read once, when the
// release opens: a page's call makes no query (a cancelled context still
// answers), the list is the distinct procedures of the Parquet file, and a
// caller changing its copy changes nothing for the next page.
func TestProceduresAreReadOnceWhenTheReleaseOpens(t *testing.T) {
	r, p := openDemo(t)
	rows, err := p.db.Query(`SELECT DISTINCT procedure FROM procurement WHERE procedure IS NOT NULL ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		want = append(want, s)
	}
	rows.Close()
	if len(want) < 2 {
		t.Fatalf("the demo has %d procedures", len(want))
	}
	views, err := release.Open(context.Background(), demoReleaseDir(t), release.Views)
	if err != nil {
		t.Fatal(err)
	}
	defer views.Close()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for name, db := range map[string]*release.DB{"tables": r, "views": views} {
		got, err := db.Procedures(cancelled)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("%s: %v (%v), want %v", name, got, err, want)
		}
		got[0] = "schimbat"
		if again, _ := db.Procedures(cancelled); !slices.Equal(again, want) {
			t.Errorf("%s: a caller's change reached the next call: %v", name, again)
		}
	}
}
