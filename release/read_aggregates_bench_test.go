package release_test

import (
	"context"
	"testing"

	"github.com/deschis/deschis/release"
)

// What holding the aggregates costs a release's open, three ways: reading
// the tables written at publish and checking them against the contract
// index (what Open does), grouping the contract index in Go, or the SQL of
// a release without the tables. DESCHIS_TEST_RELEASE names a larger
// release (the demo at scale 10) to measure on.
func BenchmarkAggregatesAtOpen(b *testing.B) {
	ctx := context.Background()
	r, err := release.Open(ctx, demoReleaseDir(b), release.Tables)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	b.Run("tables", func(b *testing.B) {
		for b.Loop() {
			if err := release.ReadAggregates(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			if release.AggregatesFromIndex(r) == 0 {
				b.Fatal("no group")
			}
		}
	})
	b.Run("sql", func(b *testing.B) {
		for b.Loop() {
			if err := release.AggregatesFromSQL(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
	})
}
