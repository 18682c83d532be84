package release

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/deschis/deschis/models"
)

// The publish's memory limit and spill directory reach DuckDB, and the
// warehouse's own settings are back once it is done; a limit that is no
// size is refused with what to write instead, and changes nothing.
func TestPublishBoundsReachDuckDBAndAreRestored(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	setting := func(name string) string {
		var v string
		if err := conn.QueryRowContext(ctx, "SELECT current_setting('"+name+"')").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	// What DuckDB shows for 300MB, measured on a database of its own.
	other, err := sql.Open("duckdb", "?memory_limit=300MB")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var want string
	if err := other.QueryRow("SELECT current_setting('memory_limit')").Scan(&want); err != nil {
		t.Fatal(err)
	}
	before := setting("memory_limit")
	if before == want {
		t.Fatalf("the default limit is already %s", want)
	}
	tmp := t.TempDir()
	restore, err := bound(ctx, conn, Options{MemoryLimit: "300MB", TempDir: tmp})
	if err != nil {
		t.Fatal(err)
	}
	if got := setting("memory_limit"); got != want {
		t.Errorf("memory_limit while publishing is %s, want %s", got, want)
	}
	if got := setting("temp_directory"); got != tmp {
		t.Errorf("temp_directory while publishing is %s, want %s", got, tmp)
	}
	restore()
	if got := setting("memory_limit"); got != before {
		t.Errorf("memory_limit after publishing is %s, want the warehouse's %s", got, before)
	}
	// The default, when none is given.
	restore, err = bound(ctx, conn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := setting("memory_limit")
	restore()
	var def string
	d2, err := sql.Open("duckdb", "?memory_limit="+DefaultPublishMemory)
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	if err := d2.QueryRow("SELECT current_setting('memory_limit')").Scan(&def); err != nil {
		t.Fatal(err)
	}
	if got != def {
		t.Errorf("the default memory_limit while publishing is %s, want %s (%s)", got, def, DefaultPublishMemory)
	}
	_, err = bound(ctx, conn, Options{MemoryLimit: "a lot"})
	if !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("memory limit %q: %v, want ErrInvalid", "a lot", err)
	}
	if got := setting("memory_limit"); got != before {
		t.Errorf("a refused limit left memory_limit at %s, want %s", got, before)
	}
}
