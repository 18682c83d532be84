package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// partial returns the .tmp-… directories of a releases directory.
func partial(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			names = append(names, e.Name())
		}
	}
	return names
}

// caughtPublishing starts `etl publish` in a child process and sends it sig
// while its partial release exists; it retries when the publish ends
// first. The child is returned stopped or killed, its partial release left,
// with a function that waits for its end.
func caughtPublishing(t *testing.T, db, out string, sig syscall.Signal) (*exec.Cmd, func() error, string) {
	t.Helper()
	for range 30 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "DESCHIS_ETL_CHILD="+strings.Join([]string{"publish", "--db", db, "--out", out}, "\x1f"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		var waitErr error
		go func() { waitErr = cmd.Wait(); close(done) }()
		wait := func() error { <-done; return waitErr }
		for {
			select {
			case <-done:
			default:
				if p := partial(t, out); len(p) == 1 {
					cmd.Process.Signal(sig)
					if p := partial(t, out); len(p) == 1 { // still there once the signal landed
						if sig == syscall.SIGKILL {
							<-done
						}
						return cmd, wait, p[0]
					}
					if sig == syscall.SIGSTOP {
						cmd.Process.Signal(syscall.SIGCONT)
					}
					<-done
				} else {
					continue
				}
			}
			break
		}
	}
	t.Fatal("no publish caught while writing its partial release in 30 tries")
	return nil, nil, ""
}

// TestPartialReleasesOfKilledPublishesAreCleanedAndReported: with real
// child processes, a running (stopped) publish keeps its partial release
// through etl prune and completes; a killed one's is reported by etl verify
// on the releases directory and removed by etl prune and etl publish.
func TestPartialReleasesOfKilledPublishesAreCleanedAndReported(t *testing.T) {
	if testing.Short() {
		t.Skip("stops and kills child processes; skipped with -short")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	run(t, "load", "--db", db, "--dataset", "entities", "--format", "deschis", entitiesCSV(t, dir))
	run(t, "load", "--db", db, "--dataset", "procurement", "--format", "deschis", procurementCSV(t, dir, "p.csv", 0, 20_000))
	out := filepath.Join(dir, "releases")
	if code, _, stderr := run(t, "publish", "--db", db, "--out", out); code != exitOK {
		t.Fatalf("publish: %s", stderr)
	}
	if code, _, stderr := run(t, "verify", filepath.Join(out, "current")); code != exitOK {
		t.Fatalf("verify DIR/current: exit %d: %s", code, stderr)
	}

	// A running publish owns its partial release: prune leaves it, verify
	// does not report it, and the publish completes.
	cmd, wait, owned := caughtPublishing(t, db, out, syscall.SIGSTOP)
	if code, stdout, stderr := run(t, "prune", "--out", out, "--keep", "10"); code != exitOK || strings.Contains(stdout, owned) {
		t.Fatalf("prune beside a running publish: exit %d %s %s", code, stdout, stderr)
	}
	if p := partial(t, out); len(p) != 1 || p[0] != owned {
		t.Fatalf("prune removed the partial release of a running publish: %v", p)
	}
	if code, _, stderr := run(t, "verify", out); code != exitOK {
		t.Fatalf("verify beside a running publish: exit %d %s", code, stderr)
	}
	cmd.Process.Signal(syscall.SIGCONT)
	if err := wait(); err != nil {
		t.Fatalf("the stopped publish did not complete: %v", err)
	}
	if p := partial(t, out); len(p) != 0 {
		t.Fatalf("a completed publish left %v", p)
	}

	// A killed publish leaves its partial release: verify reports it,
	// prune removes it.
	_, _, stray := caughtPublishing(t, db, out, syscall.SIGKILL)
	code, _, stderr := run(t, "verify", out)
	if code != exitFailed || !strings.Contains(stderr, stray+": ediție parțială lăsată de o publicare întreruptă") {
		t.Fatalf("verify of the releases directory: exit %d:\n%s", code, stderr)
	}
	code, stdout, _ := run(t, "prune", "--out", out, "--keep", "10")
	if code != exitOK || !strings.Contains(stdout, stray) || len(partial(t, out)) != 0 {
		t.Fatalf("prune: exit %d %s; left %v", code, stdout, partial(t, out))
	}
	if code, _, stderr := run(t, "verify", out); code != exitOK {
		t.Fatalf("verify after prune: exit %d %s", code, stderr)
	}

	// So does the next publish.
	_, _, stray = caughtPublishing(t, db, out, syscall.SIGKILL)
	code, stdout, stderr = run(t, "publish", "--db", db, "--out", out)
	if code != exitOK || !strings.Contains(stdout, "ediție parțială ștearsă (publicare întreruptă): "+stray) || len(partial(t, out)) != 0 {
		t.Fatalf("publish after a killed one: exit %d %s %s; left %v", code, stdout, stderr, partial(t, out))
	}
}
