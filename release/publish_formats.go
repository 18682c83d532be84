package release

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/deschis/deschis/export"
	"github.com/deschis/deschis/models"
)

// writeFormats writes a public dataset's downloads beside its Parquet file,
// read back from that file so every format holds exactly its rows in its
// order: DuckDB writes the CSVs and the JSONs (COPY ... TO) here, and the
// Arrow IPC stream and the XLSX workbook go to goWriter, which writes them in
// Go meanwhile. Text cells of both CSVs go through export.NeutraliseSQL, of
// the XLSX through export.Neutralise. It returns the files DuckDB wrote.
func writeFormats(ctx context.Context, conn *sql.Conn, dir string, ds Dataset, parquet string, tm *timings) ([]models.ReleaseFile, error) {
	src := "read_parquet(" + sqlString(parquet) + ")"
	neutral, excel := csvColumns(ds)
	copies := map[string]string{
		"csv":       "COPY (SELECT " + strings.Join(neutral, ", ") + " FROM " + src + ") TO {out} (FORMAT csv, HEADER true)",
		"csv-excel": "COPY (SELECT " + strings.Join(excel, ", ") + " FROM " + src + ") TO {out} (FORMAT csv, HEADER true, DELIMITER '" + string(export.ExcelDelimiter) + "')",
		"ndjson":    `COPY (SELECT * FROM ` + src + `) TO {out} (FORMAT json)`,
		"json":      "", // the NDJSON's lines as an array (ndjsonToArray)
	}
	// Parquet is written already, Arrow and XLSX by goWriter; the JSON
	// array after the NDJSON it is made from.
	var files []models.ReleaseFile
	for _, id := range []string{"csv", "csv-excel", "ndjson", "json"} {
		f, _ := formatByID(id)
		q := copies[id]
		rel := filepath.Join(ds.Access, ds.Name+f.Suffix)
		path := filepath.Join(dir, rel)
		start := time.Now()
		var err error
		switch f.ID {
		case "csv-excel":
			// Excel recognises UTF-8 by its byte order mark, which DuckDB does not write.
			tmp := path + ".nobom"
			if _, err = conn.ExecContext(ctx, strings.Replace(q, "{out}", sqlString(tmp), 1)); err == nil {
				err = prependBOM(tmp, path)
			}
		case "json":
			err = ndjsonToArray(filepath.Join(dir, ds.Access, ds.Name+".ndjson"), path)
		default:
			_, err = conn.ExecContext(ctx, strings.Replace(q, "{out}", sqlString(path), 1))
		}
		if err != nil {
			return nil, fmt.Errorf("export %s (%s): %w", ds.Name, f.ID, err)
		}
		tm.since(ds.Name, f.ID, start)
		file, err := releaseFile(dir, rel, f.ID)
		if err != nil {
			return nil, err
		}
		files = append(files, file)
	}
	return files, nil
}

// csvColumns are the select lists of a dataset's CSV (text cells
// neutralised) and of its CSV for a Romanian Excel: decimal comma (DuckDB
// writes only the point, so the number is written as text, and left alone
// by the neutralisation, which sees only text columns), dates dd.mm.yyyy.
func csvColumns(ds Dataset) (neutral, excel []string) {
	for _, c := range ds.Schema {
		q := `"` + c.Name + `"`
		n, e := q, q
		switch {
		case c.Type == "VARCHAR":
			n = export.NeutraliseSQL(q) + " AS " + q
			e = n
		case c.Type == "DATE":
			e = "strftime(" + q + ", '%d.%m.%Y') AS " + q // export.ExcelDateLayout
		case strings.HasPrefix(c.Type, "DECIMAL("):
			e = "replace(" + q + "::VARCHAR, '.', ',') AS " + q
		}
		neutral, excel = append(neutral, n), append(excel, e)
	}
	return neutral, excel
}

func formatByID(id string) (models.Format, bool) {
	for _, f := range models.Formats {
		if f.ID == id {
			return f, true
		}
	}
	return models.Format{}, false
}

func releaseFile(dir, rel, format string) (models.ReleaseFile, error) {
	sum, size, err := models.FileSHA256(filepath.Join(dir, rel))
	return models.ReleaseFile{Path: filepath.ToSlash(rel), Format: format, Bytes: size, SHA256: sum}, err
}

// sortFiles orders a dataset's files as models.Formats lists their formats.
func sortFiles(files []models.ReleaseFile) {
	rank := map[string]int{}
	for i, f := range models.Formats {
		rank[f.ID] = i
	}
	slices.SortStableFunc(files, func(a, b models.ReleaseFile) int { return rank[a.Format] - rank[b.Format] })
}

// goWriter writes the formats Go writes itself (Arrow, XLSX) in goLanes
// goroutines of its own, a dataset at a time each, from the dataset's
// Parquet file read with arrow-go's Parquet reader (export.ArrowFromParquet:
// a record batch at a time, its rows to the API's own Arrow writer, no row
// through database/sql),
// while the publish's connection goes on with DuckDB's formats: they
// overlap. Each file is written by one goroutine from its Parquet file's
// rows in order, so which lane writes it changes no byte.
type goWriter struct {
	jobs chan goJob
	done chan struct{}
	opt  Options
	tm   *timings
	mu   sync.Mutex
	err  error
	out  map[string][]models.ReleaseFile // by dataset
}

// goLanes is how many datasets' Go formats are written at once: they
// stream (a record batch at a time, the XLSX sheets through temporary
// files), so memory allows two, and two is what a 2-core machine runs.
const goLanes = 2

type goJob struct {
	dir, parquet string
	ds           Dataset
	xlsx         bool // the dataset has an XLSX download (publish_rules.go)
}

func newGoWriter(ctx context.Context, opt Options, tm *timings) (*goWriter, error) {
	g := &goWriter{jobs: make(chan goJob, len(Datasets)), done: make(chan struct{}), opt: opt, tm: tm, out: map[string][]models.ReleaseFile{}}
	var wg sync.WaitGroup
	for range goLanes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range g.jobs {
				g.mu.Lock()
				failed := g.err != nil
				g.mu.Unlock()
				if failed || ctx.Err() != nil {
					continue
				}
				start := time.Now()
				files, err := g.write(ctx, j)
				step := "arrow"
				if j.xlsx {
					step = "arrow+xlsx"
				}
				g.tm.since(j.ds.Name, step, start)
				g.mu.Lock()
				if err != nil && g.err == nil {
					g.err = fmt.Errorf("export %s (%s): %w", j.ds.Name, step, err)
				}
				g.out[j.ds.Name] = files
				g.mu.Unlock()
			}
		}()
	}
	go func() {
		wg.Wait()
		close(g.done)
	}()
	return g, nil
}

func (g *goWriter) add(dir string, ds Dataset, parquet string, xlsx bool) {
	g.jobs <- goJob{dir, parquet, ds, xlsx}
}

// wait ends the jobs and returns each dataset's files.
func (g *goWriter) wait() (map[string][]models.ReleaseFile, error) {
	close(g.jobs)
	<-g.done
	return g.out, g.err
}

func (g *goWriter) write(ctx context.Context, j goJob) ([]models.ReleaseFile, error) {
	arrowRel := filepath.Join(j.ds.Access, j.ds.Name+".arrows")
	xlsxRel, xlsxPath := "", ""
	if j.xlsx {
		xlsxRel = filepath.Join(j.ds.Access, j.ds.Name+".xlsx")
		xlsxPath = filepath.Join(j.dir, xlsxRel)
	}
	if err := writeGoFormats(ctx, j.ds, j.parquet, filepath.Join(j.dir, arrowRel), xlsxPath, g.opt); err != nil {
		return nil, err
	}
	a, err := releaseFile(j.dir, arrowRel, "arrow")
	if err != nil || !j.xlsx {
		return []models.ReleaseFile{a}, err
	}
	x, err := releaseFile(j.dir, xlsxRel, "xlsx")
	return []models.ReleaseFile{a, x}, err
}

// ndjsonToArray writes the objects of an NDJSON file, one a line, as a
// JSON array, streaming: the same values DuckDB wrote, serialised once.
func ndjsonToArray(from, to string) (err error) {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	defer closeInto(out, &err)
	r, w := bufio.NewReaderSize(in, 1<<20), bufio.NewWriterSize(out, 1<<20)
	w.WriteString("[")
	sep := "\n"
	for {
		line, err := r.ReadBytes('\n')
		if line = bytes.TrimRight(line, "\n"); len(line) > 0 {
			w.WriteString(sep)
			w.Write(line)
			sep = ",\n"
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	w.WriteString("\n]\n")
	return w.Flush()
}

// prependBOM writes the UTF-8 byte order mark and then the file from to
// the file to, streaming, and removes from.
func prependBOM(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer os.Remove(from)
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := out.WriteString(export.UTF8BOM); err != nil {
		out.Close()
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// writeGoFormats writes the Arrow stream and the XLSX workbook of the
// Parquet file parquet in one pass over its record batches; no workbook
// when xlsxPath is "".
func writeGoFormats(ctx context.Context, ds Dataset, parquet, arrowPath, xlsxPath string, opt Options) (err error) {
	arrowFile, err := os.Create(arrowPath)
	if err != nil {
		return err
	}
	defer closeInto(arrowFile, &err)
	ab := bufio.NewWriterSize(arrowFile, 1<<20)
	var xb *bufio.Writer
	var xw *export.XLSX
	var each func([]any) error
	if xlsxPath != "" {
		var xlsxFile *os.File
		if xlsxFile, err = os.Create(xlsxPath); err != nil {
			return err
		}
		defer closeInto(xlsxFile, &err)
		xb = bufio.NewWriterSize(xlsxFile, 1<<20)
		if xw, err = export.NewXLSX(xb, ds.Name, ds.Schema, opt.XLSXMaxRows); err != nil {
			return err
		}
		each = xw.WriteRow
	}
	if err := export.ArrowFromParquet(ctx, parquet, ds.Schema, ab, each); err != nil {
		return err
	}
	if err := ab.Flush(); err != nil || xw == nil {
		return err
	}
	if err := xw.Close(); err != nil {
		return err
	}
	return xb.Flush()
}

// exportValue turns what DuckDB scans into the values package export
// writes: a DECIMAL becomes an export.Decimal at its column's scale.
func exportValue(v any, c models.Column) (any, error) {
	switch v := v.(type) {
	case duckdb.Decimal:
		var scale int32
		if _, err := fmt.Sscanf(c.Type, "DECIMAL(%d,%d)", new(int), &scale); err != nil {
			return nil, fmt.Errorf("column %s: %s is not a DECIMAL(p,s)", c.Name, c.Type)
		}
		n := new(big.Int).Set(v.Value)
		for s := int32(v.Scale); s < scale; s++ {
			n.Mul(n, big.NewInt(10))
		}
		if !n.IsInt64() || int32(v.Scale) > scale {
			return nil, fmt.Errorf("column %s: %s does not fit %s", c.Name, v.String(), c.Type)
		}
		return export.Decimal{Value: n.Int64(), Scale: scale}, nil
	case time.Time:
		return time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	return v, nil
}

func closeInto(f *os.File, err *error) {
	if cerr := f.Close(); *err == nil {
		*err = cerr
	}
}
