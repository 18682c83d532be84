package ingest

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/deschis/deschis/models"
)

// CanonicalCSV is what the SQL load path needs to read a canonical file
// inside DuckDB (warehouse's read_csv with every column as text and the value
// rules as SQL macros): the file is plain RFC 4180 CSV that DuckDB and Go's
// encoding/csv read alike, its columns, and Row, the Go rules of one row, for
// the rows the SQL rules do not pass (a reject's reason is the Go rule's
// sentence, so both paths reject alike).
type CanonicalCSV struct {
	Path string
	// Width is the number of cells of every row (the header's).
	Width int
	// HeaderLines is the physical lines of the header (more than one when a
	// header cell holds a quoted line break).
	HeaderLines int
	// ColOf is, for each field of the dataset (models.SourceFields), the
	// column that feeds it, -1 when the file has none.
	ColOf []int
	// EntityField is the field naming the institution (-1 for none) and
	// Entity the value it takes when its column is absent (--entity).
	EntityField int
	Entity      string
	// CRLF: rows end with \r\n (else \n). QuotedNewlines: some cell holds
	// a line break, so a row's physical line is not its record number plus
	// the header. CRInQuotes: some quoted cell holds \r (Go's reader reads
	// \r\n inside quotes as \n).
	CRLF, QuotedNewlines, CRInQuotes bool
	// NoEdgeSpaces: no cell starts or ends with white space
	// (unicode.IsSpace); NoCedillas: no cell holds ş ţ Ş Ţ
	// (models.FixCedilla). The SQL path then skips the trimming or the
	// cedilla rule, which would change nothing; false (the zero value)
	// applies them.
	NoEdgeSpaces, NoCedillas bool
	// EdgeSpaceCols, CedillaCols: by column, whether some cell of it (the
	// header's included) starts or ends with white space, or holds a
	// cedilla letter; the SQL path applies each rule to those columns only.
	// nil: every column may.
	EdgeSpaceCols, CedillaCols []bool
	// PlainCols: by column, whether the column feeds a field of a type
	// whose SQL rule tests a plain shape with a regular expression (a
	// fiscal code's digits, an integer, an amount, an ISO date, a CPV
	// code) and every cell of it after the header is empty or in that
	// shape (csv_cell_shapes.go): the SQL path then drops the regular
	// expression. nil: no column is known to be.
	PlainCols []bool
	// Rows is the number of records after the header.
	Rows int64
	// LineSpans are the records after the header that span more than one
	// physical line (a quoted cell holds a line break), in file order: the
	// SQL path numbers its rows by their order of insertion and adds these
	// lines (warehouse's numberLines). ManySpans: there were more than
	// MaxLineSpans of them and LineSpans is empty; the SQL path then counts
	// each row's lines in SQL (a window over the file, on one thread).
	LineSpans []LineSpan
	ManySpans bool
	// Numbered is a copy of the file (UTF-8, no BOM) in which every record
	// starts with one more cell, its physical line (the header's is
	// "line"): read_csv reads each row's line with its cells, on every core,
	// and the rows are written once (no numbering after the insert). The
	// file's reader removes it; "" when there is none (LineSpans then
	// number the rows).
	Numbered string
	// Row applies the Go value rules to one row's cells, starting at the
	// physical line given: the record the Go path would give (nil for a row
	// the reader skips, counted by Skipped).
	Row func(line int, cells []string) *models.Record

	// A mapped file (the csv format with a mapping, ingest/tabular's
	// SQLFile) also says how it is written and how each field is read; the
	// canonical format leaves these zero. See MappedCSV.
	MappedCSV
	// Sicap, for a SICAP export (ingest/sicap's SQLFile), is its shape's
	// columns; nil for the other formats. See SicapCSV.
	Sicap *SicapCSV
}

// CanonicalSQL prepares a canonical file for the SQL load path. The header is
// read and checked as the Go reader does (the same *models.FileError when a
// required column is missing), then the whole file is scanned once for what
// would make DuckDB and Go read it differently: a blank line (Go skips it but
// counts its line), a quote inside an unquoted cell or text after a closing
// quote (Go refuses the file), a row with another number of cells than the
// header (Go rejects the row), mixed line endings, a lone \r, a NUL byte,
// invalid UTF-8 (Go rejects the cell), a row over 1 MiB. It returns nil (and
// no error) for such a file and for a file without rows: the Go path reads
// them. wrap, when not nil, sees the bytes scanned (the progress bar); an
// error its reader returns (a cancelled load's) ends the scan, and the
// numbered copy is removed.
func CanonicalSQL(opt Options, wrap func(io.Reader) io.Reader) (*CanonicalCSV, error) {
	f, err := os.Open(opt.File)
	if err != nil {
		return nil, err
	}
	rr, err := openCanonical(f, opt)
	f.Close()
	if err != nil {
		return nil, err
	}
	c := rr.(*canonicalReader)
	out, err := os.CreateTemp("", "deschis-lines-*.csv")
	if err != nil {
		return nil, err
	}
	keep := false
	defer func() {
		if !keep {
			os.Remove(out.Name())
		}
	}()
	// Each field has its own column (its name is the header's).
	shapes := make([]cellShape, len(c.header))
	for i, fd := range models.SourceFields[opt.Dataset] {
		if col := c.colOf[i]; col >= 0 {
			shapes[col] = shapeOf(fd.Type)
		}
	}
	s, err := scanFile(opt.File, len(c.header), ',', wrap, nil, true, shapes, out)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if !s.regular || s.rows == 0 {
		return nil, nil
	}
	keep = true
	return &CanonicalCSV{Path: opt.File, Width: len(c.header), HeaderLines: s.headerLines, ColOf: c.colOf,
		EntityField: c.entity, Entity: opt.Entity, CRLF: s.crlf, QuotedNewlines: s.quotedNL, CRInQuotes: s.crInQuotes,
		NoEdgeSpaces: !s.edgeSpaces, NoCedillas: !s.cedillas, EdgeSpaceCols: s.edgeCols, CedillaCols: s.cedillaCols, Rows: s.rows, LineSpans: s.spans, ManySpans: s.manySpans,
		PlainCols: plainCols(shapes, s.offShape), Numbered: out.Name(), Row: c.record}, nil
}

// plainCols is CanonicalCSV.PlainCols: the columns given a shape of which
// no cell is out of it.
func plainCols(shapes []cellShape, off []bool) []bool {
	plain := make([]bool, len(shapes))
	for c, s := range shapes {
		plain[c] = s != shapeNone && c < len(off) && !off[c]
	}
	return plain
}

// LineSpan is a record that spans more than one physical line: its number
// (1 for the first record after the header) and the lines it has beyond its
// first.
type LineSpan struct {
	Record int64
	Extra  int64
}

// MaxLineSpans bounds the LineSpans a scan keeps (16 MiB of them).
const MaxLineSpans = 1 << 20

// csvShape is what scanCSV learnt of a file.
type csvShape struct {
	regular                    bool
	headerLines                int
	rows                       int64
	crlf, quotedNL, crInQuotes bool
	edgeSpaces, cedillas       bool
	// edgeCols, cedillaCols: the same by column (width of them).
	edgeCols, cedillaCols []bool
	// offShape: by column, whether some cell after the header is neither
	// empty nor in the shape the scan was asked to check (all false when it
	// was asked none: see plainCols).
	offShape  []bool
	spans     []LineSpan
	manySpans bool
	// ending: 0 no record ended with a line break, 1 \n, 2 \r\n (a last
	// record without one takes the others' or \n: crlf).
	ending int
}

// cedillaTail reports whether c, after 0xC5, makes ş ţ Ş Ţ.
func cedillaTail(c byte) bool { return c == 0x9F || c == 0xA3 || c == 0x9E || c == 0xA2 }

// maxSQLRowBytes bounds a row the SQL path reads (DuckDB's max_line_size
// is set above it).
const maxSQLRowBytes = 1 << 20

// scanCSV reads RFC 4180 CSV (a UTF-8 BOM skipped) delimited by delim and
// says whether every record has width cells and nothing in it reads
// differently in DuckDB's read_csv and Go's encoding/csv. numbered, when
// not nil, receives the text (without the BOM) with each record's physical
// line as a first cell ("line" for the header, which is on line first):
// CanonicalCSV.Numbered.
func scanCSV(r io.Reader, width int, delim byte, first int64, numbered io.Writer) (csvShape, error) {
	return scanPart(r, width, delim, partOf{first: first, start: true}, nil, numbered)
}

// partOf is where the text a scan reads starts: on physical line first;
// start, at the start of the file (a BOM is skipped, the first record is
// the header), else at a record after the header (scanFile's parts).
type partOf struct {
	first int64
	start bool
}

// scanPart is scanCSV over a part of the text (partOf), which also checks
// the cells of each column c after the header against shapes[c] (nil:
// none; csvShape.offShape).
func scanPart(r io.Reader, width int, delim byte, part partOf, shapes []cellShape, numbered io.Writer) (csvShape, error) {
	const (
		fieldStart = iota
		unquoted
		quoted
		quoteInQuoted // a quote inside a quoted field: the end, or the first of ""
	)
	var (
		sh        = csvShape{regular: true, edgeCols: make([]bool, width), cedillaCols: make([]bool, width), offShape: make([]bool, width)}
		state     = fieldStart
		fields    = 0 // separators seen in the current record
		recBytes  = 0
		recLines  = 1
		records   = 0 // the header's included: 1 from the start of a part after it
		ending    = 0 // 0 unknown, 1 \n, 2 \r\n
		pendingCR = false
		carry     []byte // an incomplete rune at the end of a block
		buf       = make([]byte, 1<<20)
		// The current cell's content: its length, its first bytes and its
		// last four (the edges' runes, for NoEdgeSpaces).
		cellLen int
		head    [utf8.UTFMax]byte
		tail    uint32
		// The numbered copy: the physical line of the next record, whether
		// its first byte is still to come (its line is written before it),
		// and where the block's bytes not yet copied start.
		line     = part.first
		toNumber = true
		from     int
		num      []byte
		// The shape check of the current cell: its content when its column
		// has a shape to check (span, in the block or, from a block's end
		// on, in spanBuf: spanCopied), and odd, a byte that came alone (an
		// escaped quote), which no shape has.
		span       []byte
		spanBuf    []byte
		spanCopied bool
		odd        bool
	)
	if len(shapes) != width {
		shapes = nil
	}
	// number writes the next record's line before b[i], the bytes of the
	// block from the last copied up to it first.
	number := func(b []byte, i int) error {
		toNumber = false
		// The bytes before go out as they are (no copy into num).
		if from < i {
			if _, err := numbered.Write(b[from:i]); err != nil {
				return err
			}
		}
		num = num[:0]
		if records == 0 {
			num = append(num, "line"...)
		} else {
			num = strconv.AppendInt(num, line, 10)
		}
		num = append(num, delim)
		from = i
		_, err := numbered.Write(num)
		return err
	}
	// col is the current cell's column (the last one for a row with too
	// many cells, which makes the file irregular anyway).
	col := func() int { return min(fields, width-1) }
	// checking is whether the current cell is checked against a shape.
	checking := func() bool {
		c := col()
		return shapes != nil && records > 0 && shapes[c] != shapeNone && !sh.offShape[c]
	}
	// content notes one byte of a cell's content.
	content := func(c byte) {
		if cellLen < len(head) {
			head[cellLen] = c
		}
		if byte(tail) == 0xC5 && cedillaTail(c) {
			sh.cedillas, sh.cedillaCols[col()] = true, true
		}
		tail = tail<<8 | uint32(c)
		cellLen++
		odd = true
	}
	// contentSpan is content for each byte of s, a run at once.
	contentSpan := func(s []byte) {
		for k := 0; cellLen+k < len(head) && k < len(s); k++ {
			head[cellLen+k] = s[k]
		}
		if c := col(); !sh.cedillaCols[c] {
			found := byte(tail) == 0xC5 && cedillaTail(s[0])
			for rest := s; !found; {
				k := bytes.IndexByte(rest, 0xC5)
				if k < 0 || k+1 >= len(rest) {
					break
				}
				found = cedillaTail(rest[k+1])
				rest = rest[k+1:]
			}
			if found {
				sh.cedillas, sh.cedillaCols[c] = true, true
			}
		}
		if checking() {
			switch {
			case cellLen+len(s) > maxShapeLen:
				sh.offShape[col()] = true
			case cellLen == 0:
				span, spanCopied = s, false
			default:
				if !spanCopied {
					spanBuf, spanCopied = append(spanBuf[:0], span...), true
				}
				spanBuf = append(spanBuf, s...)
				span = spanBuf
			}
		}
		if n := len(s); n >= 4 {
			tail = uint32(s[n-4])<<24 | uint32(s[n-3])<<16 | uint32(s[n-2])<<8 | uint32(s[n-1])
		} else {
			for _, c := range s {
				tail = tail<<8 | uint32(c)
			}
		}
		cellLen += len(s)
	}
	// special are the bytes that end a run of an unquoted cell's content.
	var special [256]bool
	for _, c := range []byte{delim, '\n', '\r', '"', 0} {
		special[c] = true
	}
	// endCell looks at the edges of the cell that ends.
	endCell := func() {
		// Most cells start and end with a printable ASCII byte, which is
		// no space: then no rune is decoded.
		if cellLen > 0 && !sh.edgeCols[col()] && !(head[0] > ' ' && head[0] < utf8.RuneSelf && byte(tail) > ' ' && byte(tail) < utf8.RuneSelf) {
			first, _ := utf8.DecodeRune(head[:min(cellLen, len(head))])
			t := [4]byte{byte(tail >> 24), byte(tail >> 16), byte(tail >> 8), byte(tail)}
			last, _ := utf8.DecodeLastRune(t[4-min(cellLen, 4):])
			if unicode.IsSpace(first) || unicode.IsSpace(last) {
				sh.edgeSpaces, sh.edgeCols[col()] = true, true
			}
		}
		if cellLen > 0 && checking() && (odd || !shapes[col()].match(span)) {
			sh.offShape[col()] = true
		}
		cellLen, tail = 0, 0
		span, spanCopied, odd = nil, false, false
	}
	irregular := func() (csvShape, error) { return csvShape{}, nil }
	if width < 1 {
		return irregular()
	}
	endRecord := func(crlf bool) bool {
		e := 1
		if crlf {
			e = 2
		}
		if ending == 0 {
			ending = e
		}
		if ending != e || fields+1 != width {
			return false
		}
		line += int64(recLines)
		toNumber = true
		if records == 0 {
			sh.headerLines = recLines
		} else if recLines > 1 {
			if len(sh.spans) < MaxLineSpans && !sh.manySpans {
				sh.spans = append(sh.spans, LineSpan{Record: int64(records), Extra: int64(recLines - 1)})
			} else {
				sh.spans, sh.manySpans = nil, true
			}
		}
		records++
		fields, recBytes, recLines, state = 0, 0, 1, fieldStart
		return true
	}
	if !part.start {
		records = 1
	}
	br := bufio.NewReaderSize(r, 1<<16)
	if bom, _ := br.Peek(3); part.start && string(bom) == "\xEF\xBB\xBF" {
		br.Discard(3)
	}
	for {
		n, err := br.Read(buf)
		b := buf[:n]
		// UTF-8 validity, block by block with the rune cut at the end.
		chk := append(carry, b...)
		end := len(chk)
		for k := 1; k < utf8.UTFMax && k <= len(chk); k++ {
			if utf8.RuneStart(chk[len(chk)-k]) {
				if !utf8.FullRune(chk[len(chk)-k:]) {
					end = len(chk) - k
				}
				break
			}
		}
		if !utf8.Valid(chk[:end]) {
			return irregular()
		}
		carry = append(carry[:0], chk[end:]...)
		from = 0
		for i := 0; i < len(b); i++ {
			c := b[i]
			if toNumber && numbered != nil && !pendingCR {
				if err := number(b, i); err != nil {
					return csvShape{}, err
				}
			}
			if state == quoted && c != '"' {
				// A quoted cell's content up to the next quote, at once.
				run := b[i:]
				if k := bytes.IndexByte(run, '"'); k >= 0 {
					run = run[:k]
				}
				if recBytes += len(run); recBytes > maxSQLRowBytes || bytes.IndexByte(run, 0) >= 0 {
					return irregular()
				}
				if n := bytes.Count(run, []byte{'\n'}); n > 0 {
					sh.quotedNL = true
					recLines += n
				}
				if !sh.crInQuotes && bytes.IndexByte(run, '\r') >= 0 {
					sh.crInQuotes = true
				}
				contentSpan(run)
				i += len(run) - 1
				continue
			}
			if pendingCR {
				pendingCR = false
				if c != '\n' {
					return irregular() // a lone \r outside quotes
				}
				if !endRecord(true) {
					return irregular()
				}
				continue
			}
			if recBytes++; recBytes > maxSQLRowBytes || c == 0 {
				return irregular()
			}
			switch state {
			case fieldStart, unquoted:
				switch c {
				case delim:
					endCell()
					fields++
					state = fieldStart
				case '\n':
					if state == fieldStart && fields == 0 {
						return irregular() // a blank line
					}
					endCell()
					if !endRecord(false) {
						return irregular()
					}
				case '\r':
					if state == fieldStart && fields == 0 {
						return irregular()
					}
					endCell()
					pendingCR = true
				case '"':
					if state == unquoted {
						return irregular() // a bare quote: Go refuses the file
					}
					state = quoted
				default:
					// An unquoted cell's content up to the next special
					// byte, at once.
					k := i + 1
					for k < len(b) && !special[b[k]] {
						k++
					}
					if recBytes += k - i - 1; recBytes > maxSQLRowBytes {
						return irregular()
					}
					contentSpan(b[i:k])
					i = k - 1
					state = unquoted
				}
			case quoted:
				switch c {
				case '"':
					state = quoteInQuoted
					continue
				case '\n':
					sh.quotedNL = true
					recLines++
				case '\r':
					sh.crInQuotes = true
				}
				content(c)
			case quoteInQuoted:
				switch c {
				case '"':
					content(c)
					state = quoted
				case delim:
					endCell()
					fields++
					state = fieldStart
				case '\n':
					endCell()
					if !endRecord(false) {
						return irregular()
					}
				case '\r':
					endCell()
					pendingCR = true
				default:
					return irregular() // text after a closing quote
				}
			}
		}
		if numbered != nil && from < len(b) {
			if _, err := numbered.Write(b[from:]); err != nil {
				return csvShape{}, err
			}
		}
		// A cell the next block ends keeps its content checked so far.
		if span != nil && !spanCopied {
			spanBuf, spanCopied = append(spanBuf[:0], span...), true
			span = spanBuf
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return csvShape{}, err
		}
	}
	if len(carry) > 0 || pendingCR || state == quoted {
		return irregular()
	}
	seen := ending    // the line ending of the records that ended with one
	if recBytes > 0 { // a last row without a line break
		endCell()
		e := ending
		if e == 0 {
			e = 1
		}
		if !endRecord(e == 2) {
			return irregular()
		}
	}
	if records == 0 {
		return irregular()
	}
	sh.rows = int64(records - 1)
	sh.crlf, sh.ending = ending == 2, seen
	return sh, nil
}
