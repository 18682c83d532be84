package main

// ingest: the demo's procurement and requests files through the real `etl
// load --format deschis` (a child process, a new warehouse each run, its
// entities loaded first and not timed), against DuckDB's bare read_csv of
// the same files into a table of a new database (this program re-run as
// `benchsuite read-csv DB FILE...`, so its memory is its own). Both sides
// are timed from process start to exit; runs alternate.

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/scripts/benchkit"
	"github.com/deschis/deschis/warehouse"
)

func benchIngest(s *scaleRun, files []demo.File, runs int) ([]Figure, error) {
	var entities string
	byDataset := map[string][]string{}
	for _, f := range files {
		if f.Dataset == "entities" {
			entities = f.Path
		}
		byDataset[f.Dataset] = append(byDataset[f.Dataset], f.Path)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	var out []Figure
	for _, ds := range []string{"procurement", "requests"} {
		paths := byDataset[ds]
		if len(paths) == 0 {
			return nil, fmt.Errorf("the demo wrote no %s file", ds)
		}
		var etlSecs, baseSecs, etlPeak, basePeak []float64
		var rows int64
		for i := 0; i < runs; i++ {
			db := filepath.Join(s.work, "ingest.duckdb")
			os.Remove(db)
			if _, _, _, err := benchkit.Run(s.opt.etl, "load", "--db", db, "--dataset", "entities", "--format", "deschis", entities); err != nil {
				return nil, err
			}
			secs, peak, stdout, err := benchkit.Run(s.opt.etl, append([]string{"load", "--db", db, "--dataset", ds, "--format", "deschis", "--json"}, paths...)...)
			if err != nil {
				return nil, err
			}
			var res warehouse.LoadResult
			if err := json.Unmarshal(stdout, &res); err != nil {
				return nil, fmt.Errorf("etl load --json: %w", err)
			}
			rows = 0
			for _, f := range res.Files {
				rows += f.RowsLoaded
			}
			etlSecs, etlPeak = append(etlSecs, secs), append(etlPeak, peak)
			os.Remove(db)

			base := filepath.Join(s.work, "read_csv.duckdb")
			os.Remove(base)
			secs, peak, stdout, err = benchkit.Run(self, append([]string{"read-csv", base}, paths...)...)
			if err != nil {
				return nil, err
			}
			if got := strings.TrimSpace(string(stdout)); got != fmt.Sprint(rows) {
				return nil, fmt.Errorf("read_csv read %s rows of %s, etl load %d", got, ds, rows)
			}
			baseSecs, basePeak = append(baseSecs, secs), append(basePeak, peak)
			os.Remove(base)
			s.logf("ingest %s run %d: etl load %.2f s (%.0f MiB), read_csv %.2f s (%.0f MiB)", ds, i+1, etlSecs[i], etlPeak[i], secs, peak)
		}
		n := float64(rows)
		out = append(out,
			newFigure("ingest/"+ds+"/rows-per-second", s.scale, "rows/s", n/benchkit.Median(etlSecs), n/benchkit.Median(baseSecs), runs,
				fmt.Sprintf("etl load --format deschis, %d files, %d rows", len(paths), rows), "DuckDB read_csv of the same files into a table"),
			newFigure("ingest/"+ds+"/peak-memory", s.scale, "MiB", benchkit.Median(etlPeak), benchkit.Median(basePeak), runs,
				"etl load (peak RSS of the process)", "read_csv (peak RSS of the process)"))
	}
	return out, nil
}

// mainReadCSV is the ingest baseline: DuckDB's read_csv of the files, with
// its own type detection, into a table of a new database file; it prints
// the rows read.
func mainReadCSV(args []string) error {
	db, err := sql.Open("duckdb", args[0])
	if err != nil {
		return err
	}
	defer db.Close()
	list := make([]string, len(args)-1)
	for i, p := range args[1:] {
		list[i] = "'" + strings.ReplaceAll(p, "'", "''") + "'"
	}
	if _, err := db.Exec(`CREATE TABLE baseline AS SELECT * FROM read_csv([` + strings.Join(list, ", ") + `])`); err != nil {
		return err
	}
	var n int64
	if err := db.QueryRow(`SELECT count(*) FROM baseline`).Scan(&n); err != nil {
		return err
	}
	fmt.Print(n)
	return nil
}
