package warehouse

import (
	"bufio"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/deschis/deschis/models"
)

// stageChunkRows is how many records one staging chunk holds. Records reach
// DuckDB as typed CSV chunks read by read_csv (parallel, vectorised) rather
// than row by row through the Appender, which costs a cgo call and an
// interface conversion per value: on a 1-million-row procurement file the
// chunk path measured several times faster (see the closing note of the
// ingest issue). While DuckDB inserts one chunk, the reader fills the next, so
// Go parsing and DuckDB loading use both cores.
const stageChunkRows = 250_000

type stageChunk struct {
	path    string
	rejects []models.RowError
	err     error
}

// stageFile streams one file's records into stg_rows (and its rejects into
// stg_rejects). The chunk files live in a private temporary directory
// ($TMPDIR) that is removed whatever happens.
// A file the SQL path reads goes straight into the fact table, as rows of
// the load loadID (load_direct.go), asOf the day of the load. phase
// traces the steps (Warehouse.tracer). pre is f's pre-scan when the SQL
// path is offered the file (startPrescan), nil otherwise.
func stageFile(ctx context.Context, conn *sql.Conn, dataset string, fileNo int, loadID int64, asOf string, f LoadFile, pre *prescan, fr *FileResult, phase func(string)) error {
	if _, err := conn.ExecContext(ctx, `INSERT INTO stg_files VALUES (?, ?)`, fileNo, f.Path); err != nil {
		pre.drop()
		return err
	}
	if pre != nil {
		c, err := pre.wait()
		if err != nil {
			return err
		}
		phase("pre-scan")
		if c != nil {
			_, err := stageCSV(ctx, conn, dataset, fileNo, loadID, asOf, c, phase)
			if err == nil && c.Skipped != nil {
				addSkips(fr, c.Skipped())
			}
			return err
		}
	}
	rr, err := f.Open()
	if err != nil {
		return err
	}
	defer rr.Close()
	if err := stageRecords(ctx, conn, dataset, fileNo, rr); err != nil {
		return err
	}
	if sc, ok := rr.(models.SkipCounter); ok {
		for reason, n := range sc.SkippedRows() {
			if n > 0 {
				if fr.SkippedBy == nil {
					fr.SkippedBy = map[string]int64{}
				}
				fr.SkippedBy[reason] = n
				fr.RowsSkipped += n
			}
		}
	}
	return nil
}

// stageRecords writes the records of rr into stg_rows (through typed CSV
// chunks) and their rejects into stg_rejects.
func stageRecords(ctx context.Context, conn *sql.Conn, dataset string, fileNo int, rr models.RowReader) error {
	dir, err := os.MkdirTemp("", "deschis-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan stageChunk, 1)
	go writeChunks(ctx, rr, fileNo, dir, chunks)
	defer func() {
		cancel()
		for range chunks { // let the writer finish before its directory goes
		}
	}()

	insert := stagingInsert(dataset)
	for c := range chunks {
		if c.err != nil {
			return c.err
		}
		if c.path != "" {
			_, err := conn.ExecContext(ctx, insert, c.path)
			os.Remove(c.path)
			if err != nil {
				return fmt.Errorf("staging: %w", err)
			}
		}
		if len(c.rejects) > 0 {
			if err := appendRejects(conn, fileNo, c.rejects); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

// stagingInsert reads one chunk with the exact types of stg_rows: no type
// sniffing, quoted strings ("" is an empty string, an empty cell is NULL).
func stagingInsert(dataset string) string {
	var cols, names strings.Builder
	cols.WriteString(`'file_no': 'INTEGER', 'line': 'BIGINT', 'ok': 'BOOLEAN', 'superseded': 'BOOLEAN'`)
	names.WriteString(`file_no, line, ok, superseded`)
	for _, f := range models.SourceFields[dataset] {
		fmt.Fprintf(&cols, ", '%s': '%s'", f.Name, sqlType(f.Type))
		fmt.Fprintf(&names, ", %q", f.Name)
	}
	return `INSERT INTO stg_rows (` + names.String() + `) SELECT * FROM read_csv(?, header = false, delim = ',', quote = '"', escape = '"',
		allow_quoted_nulls = false, auto_detect = false, columns = {` + cols.String() + `})`
}

// writeChunks reads every record and writes them as typed CSV chunk files,
// sending each finished chunk (with the rejects of its rows). It always
// closes out.
func writeChunks(ctx context.Context, rr models.RowReader, fileNo int, dir string, out chan<- stageChunk) {
	defer close(out)
	send := func(c stageChunk) bool {
		select {
		case out <- c:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var (
		w       *bufio.Writer
		file    *os.File
		rows    int
		rejects []models.RowError
		buf     []byte
		n       int
	)
	flush := func() bool {
		if file == nil && len(rejects) == 0 {
			return true
		}
		c := stageChunk{rejects: rejects}
		if file != nil {
			if err := w.Flush(); err != nil {
				file.Close()
				return send(stageChunk{err: err})
			}
			if err := file.Close(); err != nil {
				return send(stageChunk{err: err})
			}
			c.path = file.Name()
		}
		file, rows, rejects = nil, 0, nil
		return send(c)
	}
	for {
		if n%4096 == 0 && ctx.Err() != nil {
			return
		}
		n++
		rec, err := rr.Next()
		if err == io.EOF {
			flush()
			return
		}
		if err != nil {
			send(stageChunk{err: err})
			return
		}
		if file == nil {
			file, err = os.Create(filepath.Join(dir, fmt.Sprintf("chunk-%d.csv", n)))
			if err != nil {
				send(stageChunk{err: err})
				return
			}
			if w == nil {
				w = bufio.NewWriterSize(file, 1<<20)
			} else {
				w.Reset(file)
			}
		}
		ok := len(rec.Errors) == 0
		buf = strconv.AppendInt(buf[:0], int64(fileNo), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(rec.Line), 10)
		if ok {
			buf = append(buf, ",true,false"...)
		} else {
			buf = append(buf, ",false,false"...)
		}
		for _, v := range rec.Values {
			buf = append(buf, ',')
			if ok {
				buf = appendCSVValue(buf, v)
			}
		}
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			file.Close()
			send(stageChunk{err: err})
			return
		}
		rejects = append(rejects, rec.Errors...)
		if rows++; rows >= stageChunkRows {
			if !flush() {
				return
			}
		}
	}
}

// appendCSVValue writes one typed value the way stagingInsert reads it.
func appendCSVValue(buf []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return buf
	case string:
		buf = append(buf, '"')
		for i := 0; i < len(x); i++ {
			if x[i] == '"' {
				buf = append(buf, '"')
			}
			buf = append(buf, x[i])
		}
		return append(buf, '"')
	case int64:
		return strconv.AppendInt(buf, x, 10)
	case models.Amount:
		return strconv.AppendInt(buf, int64(x), 10)
	case time.Time:
		return x.AppendFormat(buf, time.DateOnly)
	case bool:
		return strconv.AppendBool(buf, x)
	}
	panic(fmt.Sprintf("warehouse: staging value of type %T", v))
}

func appendRejects(conn *sql.Conn, fileNo int, rejects []models.RowError) error {
	return conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppender(dc.(driver.Conn), "temp", "main", "stg_rejects")
		if err != nil {
			return err
		}
		for _, e := range rejects {
			if err := a.AppendRow(int32(fileNo), e.File, int64(e.Line), e.Column, e.Value, e.Reason); err != nil {
				a.Close()
				return err
			}
		}
		return a.Close()
	})
}
