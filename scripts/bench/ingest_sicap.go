package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// mainIngestSicap writes a large SICAP export for the sicap format's load
// (etl load --format sicap, the SQL path against the Go reader): the rows of
// the real sample (../shared/data/ro_sicap_achizitii_directe_offline_sample.csv)
// repeated until --rows, each with its own notice number and id, a value and
// dates varied, every other cell as the sample writes it (its buyers, its
// suppliers' codes decorated or not, its quoted line breaks). It prints the
// file's path.
func mainIngestSicap(args []string) {
	fs := flag.NewFlagSet("ingest-sicap", flag.ExitOnError)
	rows := fs.Int("rows", 1000000, "rows of the generated export")
	dir := fs.String("dir", "var/bench-ingest", "where to write it")
	sample := fs.String("sample", "../shared/data/ro_sicap_achizitii_directe_offline_sample.csv", "the SICAP sample whose rows are repeated")
	fs.Parse(args)
	must(os.MkdirAll(*dir, 0o755))
	f, err := os.Open(*sample)
	must(err)
	recs, err := csv.NewReader(bufio.NewReader(f)).ReadAll()
	f.Close()
	must(err)
	header, body := recs[0], recs[1:]
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	out := filepath.Join(*dir, fmt.Sprintf("sicap-%d.csv", *rows))
	o, err := os.Create(out)
	must(err)
	bw := bufio.NewWriterSize(o, 1<<20)
	w := csv.NewWriter(bw)
	must(w.Write(header))
	row := make([]string, len(header))
	for i := range *rows {
		copy(row, body[i%len(body)])
		row[col["item.daAwardNoticeId"]] = strconv.Itoa(100000000 + i)
		row[col["item.noticeNo"]] = fmt.Sprintf("DAN%07d", i)
		row[col["item.awardedValue"]] = fmt.Sprintf("%d.%02d", 100+i%250000, i%100)
		day := fmt.Sprintf("%d-%02d-%02d", 2020+i%5, 1+i%12, 1+i%28)
		row[col["item.publicationDate"]] = day
		row[col["details.finalizationDate"]] = day
		must(w.Write(row))
	}
	w.Flush()
	must(w.Error())
	must(bw.Flush())
	must(o.Close())
	fmt.Println(out)
}
