package warehouse

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/deschis/deschis/models"
)

// TestLineFixes: the corrections of the rows inserted, for records left out
// and records spanning lines, alone and together.
func TestLineFixes(t *testing.T) {
	for _, c := range []struct {
		left  []int64
		spans []LineSpan
		want  []lineFix
	}{
		{nil, nil, nil},
		// record 2 left out: the rows from the second inserted on are one later.
		{[]int64{2}, nil, []lineFix{{1, 1}}},
		// record 1 left out, record 3 spans two more lines.
		{[]int64{1}, []LineSpan{{3, 2}}, []lineFix{{0, 1}, {2, 3}}},
		// record 2 left out and spanning a line, then records 3 and 4 left out.
		{[]int64{2, 3, 4}, []LineSpan{{2, 1}}, []lineFix{{1, 4}}},
		// spans alone.
		{nil, []LineSpan{{1, 1}, {5, 3}}, []lineFix{{1, 1}, {5, 4}}},
	} {
		if got := lineFixes(c.left, c.spans); !reflect.DeepEqual(got, c.want) {
			t.Errorf("lineFixes(%v, %v) = %v, want %v", c.left, c.spans, got, c.want)
		}
	}
}

// TestSQLPathLinesAfterEarlierLoadsAndDeletions: a file large enough for
// DuckDB to read and insert on several threads, with quoted line breaks
// spread through it and rows the macros do not pass (read by the Go rules),
// loaded into a fact table that already holds rows, some of them deleted
// by an earlier load's replacements and some replaced by this load: every
// row carries the physical line where it starts (each contract's id is its
// line, written by the generator). Both ways of numbering: read from the
// scan's numbered copy (a canonical file; the copy is removed after the
// load) and derived after the insert (a mapped file).
func TestSQLPathLinesAfterEarlierLoadsAndDeletions(t *testing.T) {
	t.Run("numbered copy", func(t *testing.T) { testSQLPathLines(t, true) })
	t.Run("numbered after the insert", func(t *testing.T) { testSQLPathLines(t, false) })
}

func testSQLPathLines(t *testing.T, numbered bool) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	w := openTemp(t)
	dir := t.TempDir()
	load(t, w, models.DatasetEntities, writeCSV(t, dir, "e.csv", "cui,name,kind,county", cityCUI+",Municipiul Sibiu,municipiu,SB"))
	head := "contract_id,kind,buyer_cui,supplier_cui,supplier_name,title,value,award_date"
	// write writes rows records (ids L<line>, titles of ~200 bytes); every
	// 997th spans lines, every 1009th has a decorated fiscal code.
	write := func(name string, rows int) (path string, spans, decorated int) {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		b := bufio.NewWriter(f)
		fmt.Fprintln(b, head)
		line := 2
		pad := fmt.Sprintf("%0180d", 0)
		for i := 1; i <= rows; i++ {
			title, extra := "Lot "+pad, 0
			if i%997 == 0 {
				title, extra = "\"Lot\nde "+pad+"\nbis\"", 2
				spans++
			}
			buyer := cityCUI
			if i%1009 == 0 {
				buyer = "RO " + cityCUI
				decorated++
			}
			fmt.Fprintf(b, "L%d,direct_purchase,%s,14399840,Alfa,%s,%d.%02d,2025-01-%02d\n", line, buyer, title, i, i%100, 1+i%28)
			line += 1 + extra
		}
		if err := b.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p, spans, decorated
	}
	var goRows []int
	loadSQL := func(p string) *LoadResult {
		t.Helper()
		res, err := w.Load(context.Background(), LoadSpec{Dataset: models.DatasetProcurement, Format: "deschis"}, sqlFilesNumbered(t, models.DatasetProcurement, &goRows, numbered, p))
		if err != nil || res.Outcome != "loaded" {
			t.Fatalf("load %s: %+v, %v", p, res, err)
		}
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Fatalf("the load left %s in $TMPDIR", left[0].Name())
		}
		return res
	}
	first, _, _ := write("first.csv", 30_000)
	loadSQL(first)
	// The second load replaces the first 2,000 contracts (L2 to L2007, the
	// same ids): the first load's rows of them are deleted.
	second, _, _ := write("second.csv", 2_000)
	loadSQL(second)
	if _, err := w.DB().Exec(`CHECKPOINT`); err != nil {
		t.Fatal(err)
	}
	goRows = nil
	big, spans, decorated := write("big.csv", 120_000)
	if st, _ := os.Stat(big); st.Size() < 24<<20 {
		t.Fatalf("%s has %d bytes: too small for DuckDB to read it on several threads", big, st.Size())
	}
	res := loadSQL(big)
	if res.Files[0].RowsLoaded != 120_000 || len(goRows) != decorated || spans == 0 {
		t.Fatalf("loaded %+v; the Go rules read %d rows, want %d; %d rows span lines", res.Files[0], len(goRows), decorated, spans)
	}
	var n, wrong int64
	var sample string
	if err := w.DB().QueryRow(`SELECT count(*), count(*) FILTER (WHERE contract_id <> 'L' || source_line),
		coalesce(any_value(contract_id || ' at ' || source_line) FILTER (WHERE contract_id <> 'L' || source_line), '')
		FROM fact_procurement WHERE load_id = ?`, res.LoadID).Scan(&n, &wrong, &sample); err != nil {
		t.Fatal(err)
	}
	if n != 120_000 || wrong != 0 {
		t.Fatalf("%d rows of the load, %d at another line than their own (%s)", n, wrong, sample)
	}
	// The earlier loads' rows kept their lines too, and the big load
	// replaced them all (the same ids).
	var older int64
	if err := w.DB().QueryRow(`SELECT count(*) FROM fact_procurement WHERE load_id <> ?`, res.LoadID).Scan(&older); err != nil {
		t.Fatal(err)
	}
	if older != 0 {
		t.Fatalf("%d rows of the earlier loads left", older)
	}
}
