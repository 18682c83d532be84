package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

// cancelOnScan is a progress bar that cancels the load at the pre-scan's
// first read, after noting whether the numbered copy was in $TMPDIR then.
type cancelOnScan struct {
	cancel  context.CancelFunc
	tmp     string
	read    int64
	sawCopy bool
}

func (c *cancelOnScan) Add(n int) error {
	if c.read == 0 {
		copies, _ := filepath.Glob(filepath.Join(c.tmp, "deschis-lines-*.csv"))
		c.sawCopy = len(copies) == 1
		c.cancel()
	}
	c.read += int64(n)
	return nil
}

func (c *cancelOnScan) Finish() error { return nil }

// TestPreScanStopsWhenTheLoadIsCancelled: `etl load` of a canonical CSV
// cancelled (SIGTERM) while its pre-scan reads the file stops the scan at
// once, fails with the context's error, removes the numbered copy from
// $TMPDIR and leaves the warehouse as it was.
func TestPreScanStopsWhenTheLoadIsCancelled(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,value,award_date\n")
	for i := range 40000 {
		fmt.Fprintf(&b, "C%d,direct_purchase,4270740,14399840,\"Alfa, S.R.L.\",Lucrări de întreținere %d,%d.50,2025-01-02\n", i, i, i)
	}
	path := filepath.Join(dir, "p.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := warehouse.Open(context.Background(), filepath.Join(dir, "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bar := &cancelOnScan{cancel: cancel, tmp: tmp}
	opt := ingest.Options{Dataset: models.DatasetProcurement, File: path}
	files := loadFiles([]string{path}, "deschis", opt, bar, dir, false)
	if files[0].SQL == nil {
		t.Fatal("the canonical file is not offered to the SQL path")
	}
	if _, err := w.Load(ctx, loadSpec("deschis", opt, 0), files); !errors.Is(err, context.Canceled) {
		t.Fatalf("a load cancelled during its pre-scan: %v, want context.Canceled", err)
	}
	if !bar.sawCopy {
		t.Fatal("the pre-scan had no numbered copy in $TMPDIR when it was cancelled")
	}
	if size := int64(b.Len()); bar.read >= size {
		t.Fatalf("the cancelled pre-scan read %d bytes of %d: it did not stop", bar.read, size)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("the cancelled pre-scan left %d files in $TMPDIR: %s", len(left), left[0].Name())
	}
	var facts, loads int64
	if err := w.DB().QueryRow(`SELECT (SELECT count(*) FROM fact_procurement), (SELECT count(*) FROM loads)`).Scan(&facts, &loads); err != nil {
		t.Fatal(err)
	}
	if facts != 0 || loads != 0 {
		t.Fatalf("the cancelled load left %d contracts and %d loads", facts, loads)
	}
}
