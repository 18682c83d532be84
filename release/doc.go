// Package release is the life of a release, in one place: how it is written
// and checked (publish.go, check.go, check_personal_data.go, verify.go), how
// it lies on disk (layout.go, manifest.go), what it holds (datasets.go: every
// published dataset declared once), how the servers read it (reader.go,
// read_*.go: models.Reader over the Parquet files) and how they follow the
// current one without dropping a request (swap.go).
//
// The warehouse writes releases (cmd/etl publish); the servers only read
// them. It is, with warehouse, one of the two packages that import DuckDB.
package release
