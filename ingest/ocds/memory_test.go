package ocds

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// TestMemoryBounded streams a generated release package of 200,000 releases
// (about 150 MB of JSON) through an io.Pipe and samples the heap while
// reading: it must stay far below the size of the file. A reader that decoded
// the whole package first (json.Unmarshal of the file, or a slice of every
// release) would need several times the 150 MB.
func TestMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 150 MB")
	}
	const n = 200_000
	const limit = 64 << 20
	pr, pw := io.Pipe()
	written := make(chan int64, 1)
	go func() {
		cw := &countingWriter{w: pw}
		w := bufio.NewWriterSize(cw, 64<<10)
		fmt.Fprint(w, `{"uri":"https://example.ro/all.json","version":"1.1","publishedDate":"2024-01-01T00:00:00Z","publisher":{"name":"Test"},"releases":[`)
		for i := range n {
			if i > 0 {
				w.WriteString(",\n")
			}
			// amount i + 0.25 lei: the sum is checkable without the reader.
			fmt.Fprintf(w, `{"ocid":"ocds-mem-%d","id":"%d","date":"2024-01-01T00:00:00Z","tag":["award"],"initiationType":"tender",`+
				`"parties":[{"id":"B","name":"MUNICIPIUL SIBIU","identifier":{"scheme":"RO-CUI","id":"4270740"},"roles":["buyer"],"address":{"streetAddress":"Piața Mare nr. 2","locality":"Sibiu","countryName":"România"}},`+
				`{"id":"S%d","name":"Furnizor %d SRL","identifier":{"scheme":"RO-CUI","id":"12345674"},"roles":["supplier"],"address":{"locality":"Sibiu"}}],`+
				`"buyer":{"id":"B","name":"MUNICIPIUL SIBIU"},`+
				`"tender":{"id":"t%d","title":"Achiziție de test numărul %d, cu un titlu lung cât unul real","procurementMethod":"open","procurementMethodDetails":"Licitație deschisă","numberOfTenderers":2,`+
				`"items":[{"id":"1","description":"Articol","classification":{"scheme":"CPV","id":"45233140-2","description":"Lucrări de drumuri"},"quantity":1}]},`+
				`"awards":[{"id":"A","status":"active","date":"2024-01-02T10:00:00Z","value":{"amount":%d.25,"currency":"RON"},"suppliers":[{"id":"S%d","name":"Furnizor %d SRL"}]}]}`,
				i, i, i, i, i, i, i, i, i)
		}
		w.WriteString("]}\n")
		w.Flush()
		written <- cw.n
		pw.Close()
	}()

	rd, err := OpenWith(pr, ingest.Options{Dataset: models.DatasetProcurement, File: "gen.json"}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var ms runtime.MemStats
	var peak uint64
	var rows int
	var sum models.Amount
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Errors) > 0 {
			t.Fatalf("row %d rejected: %+v", rows, rec.Errors)
		}
		sum += rec.Values[fValue].(models.Amount)
		rows++
		if rows%2000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	size := <-written
	// Σ (i lei + 25 bani) for i < n = 100·n(n−1)/2 + 25·n bani.
	want := models.Amount(100*int64(n)*(n-1)/2 + 25*int64(n))
	if rows != n || sum != want {
		t.Fatalf("%d rows summing %v, want %d summing %v", rows, sum, n, want)
	}
	t.Logf("%d MB streamed, peak HeapInuse %.1f MiB", size>>20, float64(peak)/(1<<20))
	if size < 2*limit {
		t.Fatalf("generated only %d bytes: the test would not tell a streaming reader from one that reads everything", size)
	}
	if peak > limit {
		t.Errorf("peak HeapInuse %d MiB, want < %d MiB", peak>>20, limit>>20)
	}
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
