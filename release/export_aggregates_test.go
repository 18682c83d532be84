package release

// AggregatesLoaded reports whether r holds the whole release's contract
// aggregates in memory (read from the release's tables at open).
func AggregatesLoaded(r *DB) bool { return r.aggs != nil }
