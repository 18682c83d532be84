package tabular

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/deschis/deschis/ingest"
)

const benchMapping = `
dataset: procurement
format: csv
entity: "14756536"
source: {encoding: windows-1250, delimiter: ";"}
numbers: ro
dates: [dmy]
fields:
  contract_id:   {column: "Nr. anunț"}
  kind:          {constant: direct_purchase}
  supplier_cui:  {column: "CUI ofertant"}
  supplier_name: {column: "Ofertant"}
  title:         {column: "Obiect"}
  cpv:           {column: "Cod CPV"}
  value:         {column: "Valoare (lei)"}
  award_date:    {column: "Data atribuirii"}
`

// benchFile builds n procurement-like rows in Windows-1250 with Romanian
// numbers and dates.
func benchFile(b *testing.B, n int) []byte {
	var buf bytes.Buffer
	buf.WriteString("Nr. anunţ;CUI ofertant;Ofertant;Obiect;Cod CPV;Valoare (lei);Data atribuirii\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&buf, "DA%08d;RO%d;SC Construcţii Şantier %d SRL;Lucrări de reparaţii la şcoala nr. %d;45233140-2;%d.%03d,%02d;%02d.%02d.2026\n",
			i, 4267117, i%997, i%31, 1+i%900, i%1000, i%100, 1+i%28, 1+i%12)
	}
	out, err := charmap.Windows1250.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func BenchmarkCSVWindows1250(b *testing.B) {
	const rows = 100_000
	data := benchFile(b, rows)
	m, err := ParseMapping("bench.yaml", []byte(benchMapping))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rr, err := Open(m, bytes.NewReader(data), ingest.Options{File: "bench.csv"})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			rec, err := rr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if len(rec.Errors) > 0 {
				b.Fatalf("reject %v", rec.Errors)
			}
			n++
		}
		if n != rows {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
