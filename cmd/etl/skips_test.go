package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

// Every reader reports the rows it passed over, by reason, in etl load's
// result and in etl status. The real SICAP sample (105 notices of 75 buyers)
// read for one buyer with --only-entity: Python's csv module counts 12 rows
// of 4365077 (Municipiul Fetești), so 93 rows of other buyers are skipped.
// A mapped CSV with a TOTAL row skips it by skip_rows_where.
func TestLoadAndStatusReportSkippedRows(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	entities := writeFile(t, dir, "entities.csv", "cui,name,kind,county\n4365077,Municipiul Fetești,municipiu,IL\n")
	if code, out, stderr := run(t, "load", "--db", db, "--dataset", "entities", "--format", "deschis", entities); code != exitOK {
		t.Fatalf("entities: exit %d %s %s", code, out, stderr)
	}
	load := func(args ...string) warehouse.LoadResult {
		t.Helper()
		code, out, stderr := run(t, append([]string{"load", "--db", db, "--json"}, args...)...)
		var res warehouse.LoadResult
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitOK {
			t.Fatalf("%v: exit %d %s %s", args, code, out, stderr)
		}
		return res
	}
	sample := filepath.Join(sharedData, "ro_sicap_achizitii_directe_offline_sample.csv")
	res := load("--dataset", "procurement", "--format", "sicap", "--entity", "4365077", "--only-entity", sample)
	f := res.Files[0]
	if f.RowsRead != 12 || f.RowsLoaded != 12 || f.RowsSkipped != 93 || len(f.SkippedBy) != 1 || f.SkippedBy[models.SkipOtherEntity] != 93 {
		t.Fatalf("sicap --only-entity: %+v", f)
	}
	// The JSON names the reasons with their keys.
	_, out, _ := run(t, "status", "--db", db, "--json")
	if !strings.Contains(out, `"rows_skipped": 93`) || !strings.Contains(out, `"other_entity": 93`) {
		t.Errorf("status --json does not report the skipped rows:\n%s", out)
	}

	// The investment list of the mapping documentation: a title block above
	// the header (not rows of the file's data) and one TOTAL row, skipped.
	res = load("--dataset", "investments", "--format", "csv", "--mapping", "../../docs/mappings/example_investments.yaml",
		"../../ingest/tabular/testdata/investitii_2026_win1250.csv")
	if f := res.Files[0]; f.RowsLoaded != 3 || f.RowsSkipped != 1 || f.SkippedBy[models.SkipMatched] != 1 {
		t.Fatalf("mapped csv: %+v", f)
	}

	var s warehouse.Status
	_, out, _ = run(t, "status", "--db", db, "--json")
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	for _, d := range s.Datasets {
		want := map[string]int64{}
		switch d.Dataset {
		case models.DatasetProcurement:
			want[models.SkipOtherEntity] = 93
		case models.DatasetInvestments:
			want[models.SkipMatched] = 1
		}
		var total int64
		for r, n := range want {
			total += n
			if d.SkippedBy[r] != n {
				t.Errorf("status %s: skipped_by %v, want %v", d.Dataset, d.SkippedBy, want)
			}
		}
		if d.RowsSkipped != total || len(d.SkippedBy) != len(want) {
			t.Errorf("status %s: %d skipped %v, want %d", d.Dataset, d.RowsSkipped, d.SkippedBy, total)
		}
	}

	// What a person reads, in Romanian with the counts the Romanian way.
	_, out, _ = run(t, "status", "--db", db)
	for _, want := range []string{
		"procurement: sărite la încărcare (nu sunt date): alte instituții (--only-entity): 93 de rânduri",
		"investments: sărite la încărcare (nu sunt date): skip_rows_where (totaluri, subtotaluri): 1 rând",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("etl status lacks %q:\n%s", want, out)
		}
	}
	// A file already loaded is skipped as a whole and counts nothing again.
	code, out, _ := run(t, "load", "--db", db, "--dataset", "procurement", "--format", "sicap", "--entity", "4365077", "--only-entity", sample)
	if code != exitOK || !strings.Contains(out, "încărcat deja") {
		t.Fatalf("reload: exit %d\n%s", code, out)
	}
	// A copy with one more row of empty cells (the sample has 20 columns).
	copyOf := writeFile(t, dir, "copie.csv", readFile(t, sample)+strings.Repeat(",", 19)+"\n")
	code, out, _ = run(t, "load", "--db", db, "--dataset", "procurement", "--format", "sicap", "--entity", "4365077", "--only-entity", copyOf)
	if code != exitOK || !strings.Contains(out, "sărite (nu sunt date): alte instituții (--only-entity): 93 de rânduri; fără nicio valoare: 1 rând") {
		t.Fatalf("etl load does not say what it skipped: exit %d\n%s", code, out)
	}
}
