package main

import (
	"io"
	"testing"

	"github.com/deschis/deschis/release"
)

// The server reads the release from its database file within
// release_memory_mb: DuckDB's limit is the setting's.
func TestReleaseMemoryLimitIsTheSetting(t *testing.T) {
	s := site(t)
	m := &Main{Log: testLog(t)}
	if err := m.ParseFlags([]string{"--releases", s.releases, "--addr", "127.0.0.1:0", "--reload", "1h", "--admin", "off", "--release-memory-mb", "96"},
		func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	db, ok := m.releases.Current().Reader.(*release.DB)
	if !ok {
		t.Fatalf("the reader is a %T", m.releases.Current().Reader)
	}
	rows, err := db.QueryContext(t.Context(), `SELECT current_setting('memory_limit'), (SELECT count(*) FROM duckdb_databases() WHERE database_name = 'site' AND readonly)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var limit string
	var attached int
	if !rows.Next() || rows.Scan(&limit, &attached) != nil {
		t.Fatal("no setting")
	}
	if limit != "96.0 MiB" || attached != 1 {
		t.Errorf("memory_limit %s with the site database attached read-only %d times; want 96.0 MiB, once", limit, attached)
	}
}
