package main

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/deschis/deschis/warehouse"
)

type snapshot struct {
	contracts, loads, rejects int64
	total                     string
}

func take(t *testing.T, db string) snapshot {
	t.Helper()
	w, err := warehouse.Open(context.Background(), db, warehouse.Options{})
	if err != nil {
		t.Fatalf("the warehouse does not open after the kill: %v", err)
	}
	defer w.Close()
	var s snapshot
	q := w.DB().QueryRow(`SELECT (SELECT count(*) FROM fact_procurement), (SELECT count(*) FROM loads),
		(SELECT count(*) FROM rejects), (SELECT coalesce(sum(value), 0)::VARCHAR FROM fact_procurement)`)
	if err := q.Scan(&s.contracts, &s.loads, &s.rejects, &s.total); err != nil {
		t.Fatalf("the warehouse cannot be read after the kill: %v", err)
	}
	return s
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
}

// TestInterruptedLoadLeavesTheWarehouseAsBefore kills `etl load` with SIGKILL
// at random moments (reading, staging, merging, committing, checkpointing)
// and checks after each kill that the warehouse opens and is exactly as
// before the load or exactly as after it, never in between.
func TestInterruptedLoadLeavesTheWarehouseAsBefore(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.duckdb")
	if code, _, e := run(t, "load", "--db", base, "--dataset", "entities", "--format", "deschis", entitiesCSV(t, dir)); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := run(t, "load", "--db", base, "--dataset", "procurement", "--format", "deschis", procurementCSV(t, dir, "first.csv", 0, 1000)); code != 0 {
		t.Fatal(e)
	}
	big := procurementCSV(t, dir, "big.csv", 1000, 150_000)
	before := take(t, base)

	// The complete load, once, gives the "after" state and its duration.
	full := filepath.Join(dir, "full.duckdb")
	copyFile(t, base, full)
	start := time.Now()
	child(t, full, big).Run()
	duration := time.Since(start)
	after := take(t, full)
	if after.contracts != before.contracts+150_000 {
		t.Fatalf("the uninterrupted load gave %d contracts, want %d", after.contracts, before.contracts+150_000)
	}
	t.Logf("an uninterrupted load of 150,000 rows takes %v", duration)

	rng := rand.New(rand.NewPCG(2026, 11))
	trials := 16
	var asBefore, asAfter int
	for i := 0; i < trials; i++ {
		db := filepath.Join(dir, "trial.duckdb")
		os.Remove(db)
		os.Remove(db + ".wal")
		copyFile(t, base, db)
		cmd := child(t, db, big)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill points spread over the whole run and a little past it.
		delay := time.Duration(rng.Float64() * 1.15 * float64(duration))
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := take(t, db)
		switch got {
		case before:
			asBefore++
		case after:
			asAfter++
		default:
			t.Fatalf("trial %d (killed after %v): the warehouse is half loaded: %+v; before %+v, after %+v", i, delay, got, before, after)
		}
		// The warehouse is usable: the same load completes after the crash
		// (or is skipped when it had committed).
		if i%4 == 0 {
			if code, _, e := run(t, "load", "--db", db, "--dataset", "procurement", "--format", "deschis", big); code != 0 {
				t.Fatalf("load after a crash: %s", e)
			}
			if got := take(t, db); got != after {
				t.Fatalf("after re-running the load: %+v, want %+v", got, after)
			}
		}
	}
	t.Logf("%d kills: %d left the warehouse as before, %d as after the load", trials, asBefore, asAfter)
}

func child(t *testing.T, db, file string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	// A killed load leaves its temporary copies (the numbered copy of the
	// file) in $TMPDIR: the test's own directory, removed after it.
	cmd.Env = append(os.Environ(), "TMPDIR="+t.TempDir(), "DESCHIS_ETL_CHILD="+strings.Join([]string{"load", "--db", db, "--dataset", "procurement", "--format", "deschis", file}, "\x1f"))
	return cmd
}
