package tabular

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/deschis/deschis/models"
)

// Turning cells into typed, checked records costs about two thirds of the
// reader's time; on a file of millions of rows it runs on every core. One
// goroutine reads rows in order (encoding/csv is sequential), workers build
// the records of whole batches, and Next hands them out in file order, so
// lines, rejects and skips are exactly what the sequential reader gives.
// Memory stays bounded: a few batches per worker are in flight.

// parallelBatch is how many rows a worker builds at a time.
const parallelBatch = 512

type rowItem struct {
	row  []string
	line int
	rec  *models.Record // the record (or one the reader built itself: a bare-quote reject)
	skip string         // why the row is skipped; "" for a record
}

type rowBatch struct {
	items []rowItem
	err   error // after the items: io.EOF or the error that refuses the file
	done  chan struct{}
}

type parallelRows struct {
	out      chan *rowBatch
	stop     chan struct{}
	stopOnce sync.Once
	cur      *rowBatch
	pos      int
}

// startParallel starts the reading goroutine and the workers.
func (c *csvReader) startParallel() {
	workers := runtime.GOMAXPROCS(0)
	c.cr.ReuseRecord = false // rows travel to the workers
	pr := &parallelRows{out: make(chan *rowBatch, 2*workers), stop: make(chan struct{})}
	jobs := make(chan *rowBatch, 2*workers)
	for range workers {
		go func() {
			for b := range jobs {
				c.build(b)
				close(b.done)
			}
		}()
	}
	go func() {
		defer close(pr.out)
		defer close(jobs)
		for {
			b := &rowBatch{done: make(chan struct{})}
			for len(b.items) < parallelBatch {
				it, err := c.readRow()
				if err != nil {
					b.err = err
					break
				}
				b.items = append(b.items, it)
			}
			select {
			case jobs <- b:
			case <-pr.stop:
				return
			}
			select {
			case pr.out <- b:
			case <-pr.stop:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	c.par = pr
}

// readRow reads the next row and its line; a stray quote inside an unquoted
// field becomes that row's reject.
func (c *csvReader) readRow() (rowItem, error) {
	if c.pending != nil {
		it := rowItem{row: c.pending, line: c.pline}
		c.last.Saw(it.line, it.row, c.width)
		c.pending = nil
		return it, nil
	}
	row, err := c.cr.Read()
	if err == io.EOF {
		if err := c.last.Truncated(c.p.opt.File, c.end); err != nil {
			return rowItem{}, err
		}
		return rowItem{}, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote) {
		return rowItem{line: pe.StartLine, rec: &models.Record{Line: pe.StartLine, Values: make([]any, len(c.p.fields)), Errors: []models.RowError{{File: c.p.opt.File, Line: pe.StartLine,
			Column: fmt.Sprintf("#%d", pe.Column), Value: "", Reason: "ghilimele în mijlocul unui câmp fără ghilimele; puneți câmpul între ghilimele și dublați ghilimelele din el (\"\")"}}}}, nil
	}
	if err != nil {
		return rowItem{}, c.fileError(err)
	}
	line, _ := c.cr.FieldPos(0)
	c.last.Saw(line, row, c.width)
	return rowItem{row: row, line: line}, nil
}

func (c *csvReader) build(b *rowBatch) {
	for i := range b.items {
		it := &b.items[i]
		if it.rec != nil {
			continue
		}
		cells := make([]cell, len(it.row))
		for k, s := range it.row {
			cells[k] = cell{s: s}
		}
		it.rec, it.skip = c.p.record(it.line, cells, c.width)
		it.row = nil
	}
}

func (c *csvReader) nextParallel() (*models.Record, error) {
	pr := c.par
	for {
		if pr.cur != nil && pr.pos < len(pr.cur.items) {
			it := pr.cur.items[pr.pos]
			pr.cur.items[pr.pos] = rowItem{}
			pr.pos++
			if it.skip != "" {
				c.skipped.Add(it.skip)
				continue
			}
			return it.rec, nil
		}
		if pr.cur != nil && pr.cur.err != nil {
			return nil, pr.cur.err
		}
		b, ok := <-pr.out
		if !ok {
			return nil, io.EOF
		}
		<-b.done
		pr.cur, pr.pos = b, 0
	}
}

func (c *csvReader) closeParallel() {
	c.par.stopOnce.Do(func() { close(c.par.stop) })
}
