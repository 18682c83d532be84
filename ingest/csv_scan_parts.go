package ingest

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"runtime"
	"sync"
)

// The pre-scan of a large file on every core. The file is cut into parts at
// line breaks, and each part is scanned at once, on the guess that its first
// byte starts a record: a line break inside a quoted cell would make the
// guess wrong, and the part before it then ends inside its quotes, which
// its scan reports as irregular. A part's first physical line is known
// beforehand (the line breaks before it, counted in parallel first: a
// physical line is one more than the line breaks before it, quoted or not),
// so each part writes its records' lines into its own piece of the numbered
// copy, and the pieces are appended in order. When a part before the last
// is irregular (a wrong guess, or an irregular file), the file is scanned
// again from its start on one core, whose answer is the serial scan's by
// construction.

// scanPartsFrom is the size from which a file is scanned in parts (smaller
// files are scanned on one core), and scanPartsOf how many parts; variables
// for the tests.
var (
	scanPartsFrom int64 = 64 << 20
	scanPartsOf         = func() int { return min(runtime.GOMAXPROCS(0), 8) }
)

// TextOf turns a part of a file's bytes into the text a scan reads: the
// part at the file's start (start) with the lines above its header passed
// over (skipped, their number), another part from its first byte on (no BOM
// looked for, no encoding sniffed).
type TextOf func(r io.Reader, start bool) (text io.Reader, skipped int64, err error)

// ScanFileNumbered scans the delimited text of the file at path as ScanCSV
// does, in parts on every core when the file is large, and writes the
// numbered copy to numbered (CanonicalCSV.Numbered). wrap, when not nil,
// sees every read of the file's bytes; text decodes them (nil: the bytes
// are UTF-8 text). parts false: the file is scanned on one core (its
// encoding is sniffed from its start, so a part after it cannot be
// decoded alone).
func ScanFileNumbered(path string, width int, delim byte, wrap func(io.Reader) io.Reader, text TextOf, parts bool, numbered *os.File) (CSVShape, error) {
	s, err := scanFile(path, width, delim, wrap, text, parts, nil, numbered)
	if err != nil || !s.regular {
		return CSVShape{}, err
	}
	return exported(s), nil
}

// scanFile is scanCSV over the file at path (wrap, when not nil, sees every
// read: the progress bar, a cancelled load's context; text, when not nil,
// decodes the bytes), the cells checked against shapes (scanPart), the
// numbered copy written to numbered.
func scanFile(path string, width int, delim byte, wrap func(io.Reader) io.Reader, text TextOf, parts bool, shapes []cellShape, numbered *os.File) (csvShape, error) {
	f, err := os.Open(path)
	if err != nil {
		return csvShape{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return csvShape{}, err
	}
	if text == nil {
		text = func(r io.Reader, _ bool) (io.Reader, int64, error) { return r, 0, nil }
	}
	n := scanPartsOf()
	if st.Size() >= scanPartsFrom && n > 1 && parts {
		sh, ok, err := scanParts(f, st.Size(), n, width, delim, wrap, text, shapes, numbered)
		if err != nil || ok {
			return sh, err
		}
		// A part began inside quotes, or the file is irregular: from the
		// start, on one core.
		if err := numbered.Truncate(0); err != nil {
			return csvShape{}, err
		}
		if _, err := numbered.Seek(0, io.SeekStart); err != nil {
			return csvShape{}, err
		}
	}
	var r io.Reader = io.NewSectionReader(f, 0, st.Size())
	if wrap != nil {
		r = wrap(r)
	}
	r, skipped, err := text(r, true)
	if err != nil {
		return csvShape{}, err
	}
	w := bufio.NewWriterSize(numbered, 1<<20)
	sh, err := scanPart(r, width, delim, partOf{first: skipped + 1, start: true}, shapes, w)
	if err == nil {
		err = w.Flush()
	}
	return sh, err
}

// scanParts scans f (size bytes) in n parts at once, its cells checked
// against cells (scanPart). ok false: a part
// before the last was irregular, and the caller scans the file again.
func scanParts(f *os.File, size int64, n, width int, delim byte, wrap func(io.Reader) io.Reader, text TextOf, cells []cellShape, numbered *os.File) (csvShape, bool, error) {
	cuts, err := lineStarts(f, size, n)
	if err != nil || len(cuts) < 3 {
		return csvShape{}, false, err
	}
	parts := len(cuts) - 1
	breaks := make([]int64, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for i := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			breaks[i], errs[i] = countLineBreaks(io.NewSectionReader(f, cuts[i], cuts[i+1]-cuts[i]))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return csvShape{}, false, err
		}
	}
	// Each part's piece of the numbered copy: the first is the copy itself.
	pieces := make([]*os.File, parts)
	pieces[0] = numbered
	defer func() {
		for _, p := range pieces[1:] {
			if p != nil {
				p.Close()
				os.Remove(p.Name())
			}
		}
	}()
	for i := 1; i < parts; i++ {
		if pieces[i], err = os.CreateTemp("", "deschis-lines-part-*.csv"); err != nil {
			return csvShape{}, false, err
		}
	}
	shapes := make([]csvShape, parts)
	textless := make([]bool, parts)
	first := int64(1)
	for i := range parts {
		wg.Add(1)
		go func(first int64) {
			defer wg.Done()
			var r io.Reader = io.NewSectionReader(f, cuts[i], cuts[i+1]-cuts[i])
			if wrap != nil {
				r = wrap(r)
			}
			r, skipped, err := text(r, i == 0)
			if err != nil {
				// The lines above the header run past the first part, or
				// the part cannot be read: the scan on one core says.
				textless[i] = true
				return
			}
			w := bufio.NewWriterSize(pieces[i], 1<<20)
			shapes[i], errs[i] = scanPart(r, width, delim, partOf{first: first + skipped, start: i == 0}, cells, w)
			if errs[i] == nil {
				errs[i] = w.Flush()
			}
		}(first)
		first += breaks[i]
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return csvShape{}, false, err
		}
	}
	for i := range parts {
		if textless[i] || i < parts-1 && !shapes[i].regular {
			return csvShape{}, false, nil
		}
	}
	sh := joinShapes(shapes)
	if !sh.regular {
		return sh, true, nil // the last part, begun at a record: the file is irregular
	}
	for _, p := range pieces[1:] {
		if _, err := p.Seek(0, io.SeekStart); err != nil {
			return csvShape{}, false, err
		}
		if _, err := numbered.ReadFrom(p); err != nil {
			return csvShape{}, false, err
		}
	}
	return sh, true, nil
}

// lineStarts are the offsets that cut a file of size bytes into at most n
// parts of about equal size, each after a line break (the first 0, the last
// size); fewer when a part would hold no line break.
func lineStarts(f *os.File, size int64, n int) ([]int64, error) {
	cuts := []int64{0}
	buf := make([]byte, 64<<10)
	for i := 1; i < n; i++ {
		at := max(size*int64(i)/int64(n), cuts[len(cuts)-1])
		for at < size {
			k, err := f.ReadAt(buf, at)
			if j := bytes.IndexByte(buf[:k], '\n'); j >= 0 {
				at += int64(j) + 1
				break
			}
			if err == io.EOF {
				at = size
				break
			}
			if err != nil {
				return nil, err
			}
			at += int64(k)
		}
		if at < size && at > cuts[len(cuts)-1] {
			cuts = append(cuts, at)
		}
	}
	return append(cuts, size), nil
}

// countLineBreaks counts the \n bytes of r.
func countLineBreaks(r io.Reader) (int64, error) {
	var n int64
	buf := make([]byte, 256<<10)
	for {
		k, err := r.Read(buf)
		n += int64(bytes.Count(buf[:k], []byte{'\n'}))
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// joinShapes is the shape of a file from those of its parts, in order,
// every one regular but perhaps the last.
func joinShapes(parts []csvShape) csvShape {
	sh := parts[0]
	sh.edgeCols, sh.cedillaCols = append([]bool(nil), sh.edgeCols...), append([]bool(nil), sh.cedillaCols...)
	sh.offShape = append([]bool(nil), sh.offShape...)
	sh.spans = append([]LineSpan(nil), sh.spans...)
	for _, p := range parts[1:] {
		if !p.regular || p.ending != 0 && sh.ending != 0 && p.ending != sh.ending {
			return csvShape{}
		}
		if sh.ending == 0 {
			sh.ending = p.ending
		}
		for _, s := range p.spans {
			if len(sh.spans) >= MaxLineSpans || sh.manySpans {
				sh.spans, sh.manySpans = nil, true
				break
			}
			sh.spans = append(sh.spans, LineSpan{Record: s.Record + sh.rows, Extra: s.Extra})
		}
		sh.manySpans = sh.manySpans || p.manySpans
		if sh.manySpans {
			sh.spans = nil
		}
		sh.rows += p.rows
		sh.quotedNL = sh.quotedNL || p.quotedNL
		sh.crInQuotes = sh.crInQuotes || p.crInQuotes
		sh.edgeSpaces = sh.edgeSpaces || p.edgeSpaces
		sh.cedillas = sh.cedillas || p.cedillas
		for c := range sh.edgeCols {
			sh.edgeCols[c] = sh.edgeCols[c] || p.edgeCols[c]
			sh.cedillaCols[c] = sh.cedillaCols[c] || p.cedillaCols[c]
			sh.offShape[c] = sh.offShape[c] || p.offShape[c]
		}
	}
	sh.crlf = sh.ending == 2
	return sh
}
