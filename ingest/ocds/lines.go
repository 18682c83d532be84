package ocds

import (
	"bytes"
	"io"
)

// lineCounter sits between the file and the JSON decoder and notes where the
// newlines are, so that a byte offset the decoder reports (InputOffset) can be
// turned into a line number. Offsets are asked for in increasing order, so the
// newlines before the last one asked for are forgotten: it remembers only the
// newlines of the decoder's look-ahead, never the whole file.
type lineCounter struct {
	r        io.Reader
	read     int64   // bytes passed to the decoder so far
	newlines []int64 // offsets of the newlines not yet counted
	head     int     // newlines[:head] are counted
	line     int     // line of offset `last`
	last     int64
}

func newLineCounter(r io.Reader) *lineCounter { return &lineCounter{r: r, line: 1} }

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for b, off := p[:n], c.read; ; {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			break
		}
		c.newlines = append(c.newlines, off+int64(i))
		b, off = b[i+1:], off+int64(i)+1
	}
	c.read += int64(n)
	return n, err
}

// at returns the 1-based line of byte offset off. An offset before the last
// one asked for gets the last line (never happens with the decoder's offsets,
// which only grow).
func (c *lineCounter) at(off int64) int {
	if off <= c.last {
		return c.line
	}
	for c.head < len(c.newlines) && c.newlines[c.head] < off {
		c.head++
		c.line++
	}
	c.last = off
	if c.head > 1024 && c.head*2 > len(c.newlines) {
		c.newlines = append(c.newlines[:0], c.newlines[c.head:]...)
		c.head = 0
	}
	return c.line
}
