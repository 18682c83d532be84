package warehouse

import (
	"context"
	"os"
)

// prescan is a file's pre-scan for the SQL load path (LoadFile.SQL), run
// while the load computes the file's checksum: both read the whole file,
// and on two cores the checksum (0,7 s for 1 GB) fits beside the scan's
// parts instead of before them. A file the checksum shows already loaded
// has its scan cancelled and its copies removed (drop).
type prescan struct {
	cancel context.CancelFunc
	done   chan struct{}
	file   *CSVFile
	err    error
}

// startPrescan starts f's pre-scan, nil when the load of dataset does not
// offer f to the SQL path.
func startPrescan(ctx context.Context, dataset string, f LoadFile) *prescan {
	if f.SQL == nil || !SQLPath(dataset) {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	p := &prescan{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.file, p.err = f.SQL(ctx)
	}()
	return p
}

// wait is the scan's result (what LoadFile.SQL returned).
func (p *prescan) wait() (*CSVFile, error) {
	<-p.done
	p.cancel()
	return p.file, p.err
}

// drop cancels the scan of a file that is not read, waits for it, and
// removes the copies it made. A nil prescan drops nothing.
func (p *prescan) drop() {
	if p == nil {
		return
	}
	p.cancel()
	if c, _ := p.wait(); c != nil {
		c.removeCopies()
	}
}

// removeCopies removes the file's numbered and transcoded copies.
func (f *CSVFile) removeCopies() {
	if f.Transcoded != "" {
		os.Remove(f.Transcoded)
	}
	if f.Numbered != "" {
		os.Remove(f.Numbered)
	}
}
