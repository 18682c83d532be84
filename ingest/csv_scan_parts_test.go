package ingest

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestScanInPartsIsTheSerialScan: a file scanned in parts gives the shape
// and the numbered copy of the scan on one core, whatever the parts' cuts
// fall on: quoted line breaks (a part that begins inside quotes), \r\n,
// records spanning lines (their numbers across the parts), a BOM, edge
// spaces and cedillas in one part only, and irregular files (a blank line,
// a bare quote, a short row) in any part.
func TestScanInPartsIsTheSerialScan(t *testing.T) {
	from, of := scanPartsFrom, scanPartsOf
	t.Cleanup(func() { scanPartsFrom, scanPartsOf = from, of })
	scanPartsFrom = 1
	r := rand.New(rand.NewPCG(13, 17))
	dir := t.TempDir()
	cells := []string{"a", "bc", `"x,y"`, "\"l1\nl2\"", "\"l1\r\nl2\"", `"q""q"`, " sp", "paş", "școală", `""`, "12.50", "\"\n\n\""}
	irregular := []string{"", `a"b`, "x"}
	parts, scans := 0, 0
	for i := range 150 {
		eol := []string{"\n", "\r\n"}[r.IntN(2)]
		var b strings.Builder
		if r.IntN(5) == 0 {
			b.WriteString("\xEF\xBB\xBF")
		}
		b.WriteString("h1,h2,h3" + eol)
		rows := 1 + r.IntN(40)
		bad := -1
		if r.IntN(4) == 0 {
			bad = r.IntN(rows)
		}
		for k := range rows {
			if k == bad {
				b.WriteString(irregular[r.IntN(len(irregular))] + eol)
				continue
			}
			for c := range 3 {
				if c > 0 {
					b.WriteByte(',')
				}
				b.WriteString(cells[r.IntN(len(cells))])
			}
			if k < rows-1 || r.IntN(3) > 0 {
				b.WriteString(eol)
			}
		}
		text := b.String()
		path := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var serialCopy bytes.Buffer
		want, err := scanCSV(strings.NewReader(text), 3, ',', 1, &serialCopy)
		if err != nil {
			t.Fatal(err)
		}
		for n := 2; n <= 4; n++ {
			scans++
			scanPartsOf = func() int { return n }
			out, err := os.Create(filepath.Join(dir, "numbered.csv"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := scanFile(path, 3, ',', nil, out)
			out.Close()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("file %d in %d parts: shape\n%+v\nwant\n%+v\n%q", i, n, got, want, text)
			}
			copied, _ := os.ReadFile(out.Name())
			if want.regular && !bytes.Equal(copied, serialCopy.Bytes()) {
				t.Fatalf("file %d in %d parts: numbered copy\n%q\nwant\n%q", i, n, copied, serialCopy.Bytes())
			}
			cuts, _ := lineStartsOf(t, path, n)
			if len(cuts) > 2 {
				parts++
			}
		}
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "deschis-lines-part-*")); len(left) > 0 {
		t.Errorf("pieces left behind: %v", left)
	}
	if parts < scans*2/3 {
		t.Fatalf("only %d of %d scans were cut into parts", parts, scans)
	}
}

func lineStartsOf(t *testing.T, path string, n int) ([]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	return lineStarts(f, st.Size(), n)
}
