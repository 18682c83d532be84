package benchkit

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
)

// The cluster starts on its socket, answers a query with pg_trgm
// available, and Stop leaves nothing behind: no server, no directory.
func TestPostgresStartsOnASocketAndStops(t *testing.T) {
	ctx := context.Background()
	pg, err := StartPostgres(ctx, "", "shared_buffers=32MB")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, pg.DSN())
	if err != nil {
		pg.Stop()
		t.Fatal(err)
	}
	var version string
	if _, err := conn.Exec(ctx, "CREATE EXTENSION pg_trgm"); err != nil {
		t.Error(err)
	}
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version_num')").Scan(&version); err != nil || version[:2] != "15" {
		t.Errorf("server version %q (%v), want 15", version, err)
	}
	var tcp string
	conn.QueryRow(ctx, "SHOW listen_addresses").Scan(&tcp)
	if tcp != "" {
		t.Errorf("listen_addresses = %q: the cluster must not open a TCP port", tcp)
	}
	conn.Close(ctx)
	pid, err := os.ReadFile(filepath.Join(pg.Dir, "data", "postmaster.pid"))
	if err != nil || len(pid) == 0 {
		t.Fatalf("no postmaster.pid: %v", err)
	}
	if err := pg.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(pg.Dir); !os.IsNotExist(err) {
		t.Errorf("%s still there after Stop (%v)", pg.Dir, err)
	}
	if _, err := pgx.Connect(ctx, pg.DSN()); err == nil {
		t.Error("the server still answers after Stop")
	}
}
