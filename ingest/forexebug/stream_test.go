package forexebug

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// TestStreamingMemory streams a generated report of 300,000 rows (about 150
// MB of XML) through an io.Pipe and checks that the heap in use stays far
// below the size of the document: a reader that loaded the document, or kept
// the rows, would exceed the bound.
func TestStreamingMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 150 MB of XML")
	}
	const rows = 300_000
	const bound = 32 << 20 // 32 MiB: under a third of the document
	pr, pw := io.Pipe()
	var written int64
	go func() {
		w := bufio.NewWriterSize(pw, 64<<10)
		fmt.Fprint(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DATA_DS>\n<P_ZI>31-DEC-2024</P_ZI><P_SECB>02</P_SECB><P_CUI>4270740</P_CUI><P_STARE>Final</P_STARE>\n")
		fmt.Fprint(w, "<G_5><COD_FISCAL>4270740</COD_FISCAL><NUME>MUNICIPIUL SIBIU</NUME></G_5>\n<G_4><NIVEL>1</NIVEL><G_10>\n")
		econ := []string{"100101", "200101", "200130", "710101", "570201"}
		for i := range rows {
			fmt.Fprintf(w, "<G_11>\n  <CATEG_CONT>ch</CATEG_CONT>\n  <COD_FUNCTIONAL>510103</COD_FUNCTIONAL>\n  <DENUMIRE_CF>Autoritati executive</DENUMIRE_CF>\n"+
				"  <COD_ECONOMIC>%s</COD_ECONOMIC>\n  <DENUMIRE_CE>Denumire indicator economic pentru randul %07d, cu text ca in rapoartele reale</DENUMIRE_CE>\n"+
				"  <SURSA_FINANTARE>A-Integral de la buget</SURSA_FINANTARE>\n  <RULAJ_CH_VN>%d.%02d</RULAJ_CH_VN>\n</G_11>\n", econ[i%len(econ)], i, i, i%100)
		}
		fmt.Fprint(w, "</G_10></G_4>\n</DATA_DS>\n")
		w.Flush()
		pw.Close()
	}()
	counted := &countingReader{r: pr, n: &written}
	runtime.GC()
	rd, err := Open(counted, ingest.Options{Dataset: models.DatasetBudget, File: "mare.xml"})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var n int
	var sum models.Amount
	var peak uint64
	var ms runtime.MemStats
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Errors) > 0 {
			t.Fatalf("line %d: %v", rec.Line, rec.Errors)
		}
		sum += rec.Values[models.FieldIndex(models.DatasetBudget, "executed")].(models.Amount)
		n++
		if n%20_000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	// sum of i lei + (i%100) bani for i < 300000
	var want models.Amount
	for i := range rows {
		want += models.Amount(i)*100 + models.Amount(i%100)
	}
	if n != rows || sum != want {
		t.Errorf("%d records, sum %v; want %d, %v", n, sum, rows, want)
	}
	t.Logf("%d rows, %d MB of XML, peak HeapInuse %.1f MiB", n, written>>20, float64(peak)/(1<<20))
	if written < 3*bound {
		t.Fatalf("the document (%d bytes) is too small to tell streaming from reading it whole", written)
	}
	if peak > bound {
		t.Errorf("peak HeapInuse %d MiB > %d MiB: the reader holds the document", peak>>20, bound>>20)
	}
}

type countingReader struct {
	r io.Reader
	n *int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// FuzzOpen feeds arbitrary bytes to the reader: it must never panic, and
// every error must be a refusal of the file or a row error with a line.
func FuzzOpen(f *testing.F) {
	for _, name := range []string{"executie_900_sibiu.xml", "executie_doua_institutii.xml", "executie_subtotaluri.xml", "angajamente_sibiu.xml", "executie_win1250.xml"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte(doc("", "<G_4 NIVEL=\"1\">"+goodRow+"</G_4>")))
	f.Add([]byte("PK\x03\x04"))
	f.Add(buildXLSX(f, [][]any{{"P_ZI", "31-JAN-2025"}, {"COD_FUNCTIONAL", "RULAJ_CH_VN", "CATEG_CONT", "SURSA"}, {"510103", 12.5, "ch", "A"}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := Open(bytes.NewReader(data), ingest.Options{Dataset: models.DatasetBudget, File: "fuzz", Entity: "4270740"})
		if err != nil {
			var fe *models.FileError
			if !errors.As(err, &fe) || fe.File != "fuzz" {
				t.Fatalf("open error does not refuse the file by name: %v", err)
			}
			return
		}
		defer rd.Close()
		for i := 0; i < 10_000; i++ {
			rec, err := rd.Next()
			if err != nil {
				var fe *models.FileError
				if err != io.EOF && (!errors.As(err, &fe) || fe.File != "fuzz") {
					t.Fatalf("read error is neither the end nor a refusal of the file: %v", err)
				}
				return
			}
			for _, e := range rec.Errors {
				if e.File != "fuzz" || e.Line < 1 || e.Column == "" || e.Reason == "" {
					t.Fatalf("incomplete row error %+v", e)
				}
			}
		}
	})
}
