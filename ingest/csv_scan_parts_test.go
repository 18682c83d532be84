package ingest

import (
	"bufio"
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/deschis/deschis/ingest/rules"
)

// TestScanInPartsIsTheSerialScan: a file scanned in parts gives the shape
// and the numbered copy of the scan on one core, whatever the parts' cuts
// fall on: quoted line breaks (a part that begins inside quotes), \r\n,
// records spanning lines (their numbers across the parts), a BOM, edge
// spaces and cedillas in one part only, and irregular files (a blank line,
// a bare quote, a short row) in any part, and the columns whose cells are
// all in their shape (csvShape.offShape).
func TestScanInPartsIsTheSerialScan(t *testing.T) {
	from, of := scanPartsFrom, scanPartsOf
	t.Cleanup(func() { scanPartsFrom, scanPartsOf = from, of })
	scanPartsFrom = 1
	r := rand.New(rand.NewPCG(13, 17))
	dir := t.TempDir()
	cells := []string{"a", "bc", `"x,y"`, "\"l1\nl2\"", "\"l1\r\nl2\"", `"q""q"`, " sp", "paş", "școală", `""`, "12.50", "\"\n\n\""}
	// Cells in shape, one kind per file, so that the columns of some files
	// are wholly in shape.
	inShape := []string{"12", "-3.5", "2025-01-31", "12345678"}
	shapes := []cellShape{shapeAmount, shapeDigits, shapeISODate}
	irregular := []string{"", `a"b`, "x"}
	parts, scans, plain := 0, 0, 0
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
				if r.IntN(8) > 0 && i%2 == 0 {
					b.WriteString(inShape[(i/2+c)%len(inShape)])
				} else {
					b.WriteString(cells[r.IntN(len(cells))])
				}
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
		want, err := scanPart(strings.NewReader(text), 3, ',', partOf{first: 1, start: true}, shapes, &serialCopy)
		if err != nil {
			t.Fatal(err)
		}
		if want.regular && slices.Contains(plainCols(shapes, want.offShape), true) {
			plain++
		}
		for n := 2; n <= 4; n++ {
			scans++
			scanPartsOf = func() int { return n }
			out, err := os.Create(filepath.Join(dir, "numbered.csv"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := scanFile(path, 3, ',', nil, nil, true, shapes, out)
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
	if plain < 10 {
		t.Fatalf("only %d files had a column wholly in shape", plain)
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

// TestScanInPartsDecodesEachPart: a Windows-1250 file with title rows above
// its header, scanned in parts (each part decoded alone, the first one past
// the title rows), gives the shape and the numbered copy of the same scan
// on one core, its lines counted from the top of the file.
func TestScanInPartsDecodesEachPart(t *testing.T) {
	from, of := scanPartsFrom, scanPartsOf
	t.Cleanup(func() { scanPartsFrom, scanPartsOf = from, of })
	scanPartsFrom = 1
	text := func(r io.Reader, start bool) (io.Reader, int64, error) {
		if !start {
			d, _ := rules.DecodePart(r, rules.EncodingWin1250)
			return d, 0, nil
		}
		br := bufio.NewReader(rules.Decode(r, rules.EncodingWin1250))
		for range 2 {
			if _, err := br.ReadString('\n'); err != nil {
				return nil, 0, err
			}
		}
		return br, 2, nil
	}
	rnd := rand.New(rand.NewPCG(5, 7))
	cells := []string{"Şantier", "\"Pază;\ncurăţenie\"", "1.200,50", "Achiziţie directă", " x", "\"a\"\"b\""}
	dir := t.TempDir()
	for i := range 60 {
		var b strings.Builder
		b.WriteString("REGISTRUL CONTRACTELOR;;\r\n(lei);;\r\nNr.;Furnizor;Valoare\r\n")
		for range 1 + rnd.IntN(30) {
			b.WriteString(cells[rnd.IntN(len(cells))] + ";" + cells[rnd.IntN(len(cells))] + ";" + cells[rnd.IntN(len(cells))] + "\r\n")
		}
		enc, err := charmap.Windows1250.NewEncoder().String(b.String())
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(path, []byte(enc), 0o644); err != nil {
			t.Fatal(err)
		}
		scan := func(parts bool) (CSVShape, []byte) {
			out, err := os.Create(filepath.Join(dir, "numbered.csv"))
			if err != nil {
				t.Fatal(err)
			}
			sh, err := ScanFileNumbered(path, 3, ';', nil, text, parts, out)
			out.Close()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(out.Name())
			return sh, b
		}
		want, wantCopy := scan(false)
		if !want.Regular || want.HeaderLines != 1 || !bytes.HasPrefix(wantCopy, []byte("line;Nr.;Furnizor;Valoare\r\n4;")) {
			t.Fatalf("file %d on one core: %+v\n%q", i, want, wantCopy)
		}
		for n := 2; n <= 4; n++ {
			scanPartsOf = func() int { return n }
			got, gotCopy := scan(true)
			if !reflect.DeepEqual(got, want) || !bytes.Equal(gotCopy, wantCopy) {
				t.Fatalf("file %d in %d parts:\n%+v\n%q\nwant\n%+v\n%q", i, n, got, gotCopy, want, wantCopy)
			}
		}
	}
}
