package main

// `go run ./scripts/bench ingest` measures the ingest path on a large
// procurement register exported by a legacy Windows program (Windows-1250,
// `;`, Romanian numbers and dates; see ingest_gen.go): the real `etl load
// --format csv --mapping` as a child process, against DuckDB's own read_csv of
// the same cells already in UTF-8 into a table, in the same run, alternating;
// then the same register as the canonical CSV (ingest_deschis.go), the path
// `etl demo`'s files take.

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/deschis/deschis/warehouse"
)

type ingestResult struct {
	Rows            int       `json:"rows"`
	Bytes1250       int64     `json:"bytes_windows_1250"`
	BytesUTF8       int64     `json:"bytes_utf8"`
	LoadSeconds     []float64 `json:"etl_load_seconds"`
	LoadPeakMiB     float64   `json:"etl_load_peak_mib"`
	RowsLoaded      int64     `json:"rows_loaded"`
	RowsPerSecond   float64   `json:"etl_rows_per_second"`
	ReadCSVSeconds  []float64 `json:"read_csv_seconds"`
	ReadCSVPeakMiB  float64   `json:"read_csv_peak_mib"`
	LoadOverReadCSV float64   `json:"etl_load_over_read_csv"`
	// Deschis is the same register as the canonical CSV (ingest_deschis.go).
	Deschis *deschisResult `json:"deschis_csv,omitempty"`
}

const benchMapping = `# The benchmark's procurement register: Windows-1250, ';', Romanian formats.
dataset: procurement
format: csv
source:
  encoding: windows-1250
  delimiter: ";"
numbers: ro
dates: [dmy]
fields:
  contract_id: {column: "Nr. contract"}
  kind:
    column: "Tip"
    map: {"Achiziție directă": direct_purchase, "Procedură": procedure_award, "Acord-cadru": framework_agreement}
  buyer_cui: {column: "CUI autoritate"}
  buyer_name: {column: "Autoritate"}
  supplier_cui: {column: "CUI furnizor"}
  supplier_name: {column: "Furnizor"}
  title: {column: "Obiectul contractului"}
  cpv: {column: "Cod CPV"}
  value: {column: "Valoare (lei)"}
  currency: {column: "Moneda"}
  award_date: {column: "Data atribuirii"}
  procedure: {column: "Procedura"}
  offers: {column: "Nr. oferte"}
  eu_funded: {column: "Fonduri UE"}
`

func mainIngest(args []string) {
	fs := flag.NewFlagSet("ingest", flag.ExitOnError)
	etl := fs.String("etl", "bin/etl", "the etl binary")
	rows := fs.Int("rows", 5_000_000, "rows of the generated register")
	runs := fs.Int("runs", 3, "runs of each side (medians are reported)")
	dir := fs.String("dir", "var/bench-ingest", "working directory (the generated files are kept and reused)")
	deschis := fs.Bool("deschis", true, "also measure the same register as the canonical CSV (etl load --format deschis)")
	mapped := fs.Bool("mapped", true, "measure the Windows-1250 register through its mapping (with --mapped=false, only the canonical CSV)")
	other := fs.String("baseline-etl", "", "another etl binary (main's) to load the canonical CSV in the same runs, alternating")
	fs.Parse(args)
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		log.Fatal(err)
	}
	src := filepath.Join(*dir, fmt.Sprintf("achizitii-%d-cp1250.csv", *rows))
	utf := filepath.Join(*dir, fmt.Sprintf("achizitii-%d-utf8.csv", *rows))
	if _, err := os.Stat(utf); err != nil {
		t := time.Now()
		if err := generate(*rows, src, utf); err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(os.Stderr, "generated %d rows in %.1f s\n", *rows, time.Since(t).Seconds())
	}
	mapping := filepath.Join(*dir, "achizitii.yaml")
	entities := filepath.Join(*dir, "entities.csv")
	must(os.WriteFile(mapping, []byte(benchMapping), 0o644))
	must(os.WriteFile(entities, []byte("cui,name,kind,county\n9991004,Municipiul Demo,municipiu,DM\n"), 0o644))
	self, err := os.Executable()
	must(err)

	r := ingestResult{Rows: *rows, Bytes1250: size(src), BytesUTF8: size(utf)}
	for i := 0; *mapped && i < *runs; i++ {
		db := filepath.Join(*dir, "etl.duckdb")
		os.Remove(db)
		if _, _, _, err := child(*etl, "load", "--db", db, "--dataset", "entities", "--format", "deschis", entities); err != nil {
			log.Fatal(err)
		}
		secs, peak, out, err := child(*etl, "load", "--db", db, "--dataset", "procurement", "--format", "csv", "--mapping", mapping, src, "--json")
		if err != nil {
			log.Fatal(err)
		}
		var res warehouse.LoadResult
		must(json.Unmarshal(out, &res))
		r.LoadSeconds = append(r.LoadSeconds, secs)
		r.LoadPeakMiB = max(r.LoadPeakMiB, peak)
		r.RowsLoaded = res.Files[0].RowsLoaded

		base := filepath.Join(*dir, "read_csv.duckdb")
		os.Remove(base)
		_, peak, out, err = child(self, "read-csv", base, utf)
		if err != nil {
			log.Fatal(err)
		}
		secs, _ = strconv.ParseFloat(string(out), 64)
		r.ReadCSVSeconds = append(r.ReadCSVSeconds, secs)
		r.ReadCSVPeakMiB = max(r.ReadCSVPeakMiB, peak)
		fmt.Fprintf(os.Stderr, "run %d: etl load %.2f s, read_csv %.2f s\n", i+1, r.LoadSeconds[i], secs)
	}
	if *deschis {
		d := benchDeschis(*etl, *other, self, *dir, *rows, *runs, entities)
		r.Deschis = &d
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if !*mapped {
		enc.Encode(r)
		return
	}
	r.RowsPerSecond = float64(r.RowsLoaded) / median(r.LoadSeconds)
	r.LoadOverReadCSV = median(r.LoadSeconds) / median(r.ReadCSVSeconds)
	fmt.Fprintf(os.Stderr, "%d rows: etl load median %.2f s (%.0f rows/s, peak %.0f MiB) vs read_csv %.2f s (peak %.0f MiB) = %.2fx\n",
		r.Rows, median(r.LoadSeconds), r.RowsPerSecond, r.LoadPeakMiB, median(r.ReadCSVSeconds), r.ReadCSVPeakMiB, r.LoadOverReadCSV)
	enc.Encode(r)
}

// mainIngestRegister writes the benchmark's mapped register and its mapping
// alone (`bench ingest-register --rows N --dir D`), for the test that holds
// the SQL load path to the Go rules on it (cmd/etl/sqlpath_mapped_test.go);
// it prints the register's path and the mapping's.
func mainIngestRegister(args []string) {
	fs := flag.NewFlagSet("ingest-register", flag.ExitOnError)
	rows := fs.Int("rows", 1000, "rows of the generated register")
	dir := fs.String("dir", "var/bench-ingest", "where to write it")
	fs.Parse(args)
	must(os.MkdirAll(*dir, 0o755))
	src := filepath.Join(*dir, fmt.Sprintf("achizitii-%d-cp1250.csv", *rows))
	must(generate(*rows, src, filepath.Join(*dir, fmt.Sprintf("achizitii-%d-utf8.csv", *rows))))
	mapping := filepath.Join(*dir, "achizitii.yaml")
	must(os.WriteFile(mapping, []byte(benchMapping), 0o644))
	fmt.Println(src)
	fmt.Println(mapping)
}

// mainReadCSV is the baseline, run as a child process so that its peak
// memory is its own: DuckDB's read_csv of the UTF-8 file into a table of a
// new database file, with DuckDB's own type detection. It prints the seconds
// the statement took (opening the database is not counted).
func mainReadCSV(args []string) {
	w, err := warehouse.Open(context.Background(), args[0], warehouse.Options{})
	must(err)
	defer w.Close()
	t := time.Now()
	_, err = w.DB().Exec(`CREATE TABLE baseline AS SELECT * FROM read_csv(?)`, args[1])
	must(err)
	fmt.Print(time.Since(t).Seconds())
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
