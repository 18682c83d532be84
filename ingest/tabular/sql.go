package tabular

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"regexp/syntax"
	"strings"
	"sync"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// The SQL load path for the csv format with a mapping (docs/mapping.md, "The
// SQL load path"): SQLFile describes a mapped file for the warehouse, which
// reads it with read_csv and the value rules as SQL macros; a row those do
// not pass is read by the mapping's Go rules (plan.record). What SQL cannot
// read alike goes to the Go path whole, so the two paths always give the same
// rows and rejects: a mapping that cannot be read or checked, a file whose
// header cannot be read (the Go path says why), a header_row of 0, regular
// expressions outside the syntax Go and DuckDB read alike, amounts scaled by
// more than 92 (their bani could overflow the plain shapes' arithmetic),
// terms outside 1–365 days, and a file the scan finds irregular
// (ingest.ScanCSV) or holding a misdecoded character (rules.Misdecoded).

// SQLFile prepares the file opt names, of the csv format with the mapping
// opt.Mapping, for the SQL load path, or returns nil (and no error) when the
// Go path must read it. A file whose text is not UTF-8 as it is on disk (its
// encoding, a byte order mark above title rows) is transcoded to a UTF-8 copy
// in tmpDir, streaming, its physical lines kept (Transcoded; the reader
// removes it). wrap, when not nil, sees the bytes read (the progress bar).
func SQLFile(opt ingest.Options, tmpDir string, wrap func(io.Reader) io.Reader) (*ingest.CanonicalCSV, error) {
	if opt.Mapping == "" {
		return nil, nil
	}
	m, err := LoadMapping(opt.Mapping)
	if err != nil || m.Format != FormatCSV || errCheck(m.Check()) != nil {
		return nil, nil
	}
	if opt.Dataset == "" {
		opt.Dataset = m.Dataset
	}
	if opt.Dataset != m.Dataset || m.Source.HeaderRow < 1 {
		return nil, nil
	}
	p, err := compile(m, opt)
	if err != nil || !sqlReadable(p) {
		return nil, nil
	}
	f, err := os.Open(opt.File)
	if err != nil {
		return nil, nil
	}
	cr, delim, _, err := newCSV(m, opt.File, f)
	if err != nil || delim >= 0x80 {
		f.Close()
		return nil, nil
	}
	p.delim = delim
	c := &csvReader{p: p, cr: cr, skipped: models.Skips{}}
	header, headerLine, err := c.readToHeader()
	f.Close()
	if err != nil || p.resolve(header) != nil {
		return nil, nil
	}
	width := len(header)
	for _, i := range p.index {
		if i >= width {
			return nil, nil // a position past the header: the Go reader reads it empty
		}
	}

	sc, err := scanMappedNumbered(m, opt.File, tmpDir, headerLine-1, width, byte(delim), wrap)
	if err != nil || sc == nil {
		return nil, err
	}
	fields := models.SourceFields[opt.Dataset]
	out := &ingest.CanonicalCSV{Path: opt.File, Width: width, HeaderLines: sc.shape.HeaderLines,
		ColOf: make([]int, len(fields)), EntityField: p.entity, Entity: opt.Entity,
		CRLF: sc.shape.CRLF, QuotedNewlines: sc.shape.QuotedNewlines, CRInQuotes: sc.shape.CRInQuotes, Rows: sc.shape.Rows,
		EdgeSpaceCols: sc.shape.EdgeSpaceCols, CedillaCols: sc.shape.CedillaCols,
		LineSpans: sc.shape.LineSpans, ManySpans: sc.shape.ManySpans}
	out.Delim, out.SkipLines, out.SkipBlank, out.Terms, out.Numbered = byte(delim), headerLine-1, m.Source.SkipBlankRows, m.Terms, sc.numbered
	out.Fields = make([]*ingest.MappedField, len(fields))
	for i := range fields {
		out.ColOf[i] = -1
		fp := p.fps[i]
		switch {
		case fp == nil && i == p.entity:
			v := p.entityV
			out.Fields[i] = &ingest.MappedField{Constant: &v}
			continue
		case fp == nil:
			continue
		}
		mf := &ingest.MappedField{Default: fp.def, Numbers: fp.numbers, Dates: fp.dates, Scale: fp.scale, Map: fp.vmap, Spellings: fp.spell}
		if fp.col < 0 {
			v := fp.constant
			mf.Constant = &v
		} else {
			out.ColOf[i] = p.index[fp.col]
		}
		if fp.extract != nil {
			mf.Extract = fp.extract.String()
		}
		out.Fields[i] = mf
	}
	for _, s := range p.skips {
		out.SkipWhere = append(out.SkipWhere, ingest.SkipWhere{Col: p.index[s.col], Matches: s.re.String()})
	}
	skipped := models.Skips{}
	out.Skipped = func() models.Skips { return skipped }
	out.Row = func(line int, cells []string) *models.Record {
		cs := make([]cell, len(cells))
		for k, s := range cells {
			cs[k] = cell{s: s}
		}
		rec, skip := p.record(line, cs, width)
		if skip != "" {
			skipped.Add(skip)
			return nil
		}
		return rec
	}
	return out, nil
}

// sqlReadable says whether the SQL macros can read what the plan asks: every
// regular expression in the syntax both engines read alike, the notations
// the macros know, amounts that cannot overflow, terms of 1–365 days.
func sqlReadable(p *plan) bool {
	for _, s := range p.skips {
		if !sameInRE2(s.re.String()) {
			return false
		}
	}
	for _, fp := range p.fps {
		if fp == nil {
			continue
		}
		if fp.extract != nil && !sameInRE2(fp.extract.String()) {
			return false
		}
		if fp.field.Type == models.TypeAmount && (fp.scale < 1 || fp.scale > 92) {
			return false
		}
		switch fp.numbers {
		case rules.NumbersRO, rules.NumbersIntl, rules.NumbersAuto:
		default:
			return false
		}
		for _, d := range fp.dates {
			switch d {
			case rules.DatesDMY, rules.DatesISO, rules.DatesUS, rules.DatesExcel:
			default:
				return false
			}
		}
	}
	for _, d := range p.m.Terms {
		if d < 1 || d > 365 {
			return false
		}
	}
	return true
}

// sameInRE2 says whether a Go regular expression means the same in DuckDB's
// RE2: Go's regexp is a port of RE2 and both match leftmost-first on UTF-8,
// but the syntax differs at the edges, so only the plain part of it is
// offered: literals, classes, the dot, text anchors, groups, repetitions and
// alternations, without flags (no (?i), whose case folding follows each
// library's Unicode tables), Unicode classes, \Q…\E or named groups.
func sameInRE2(pat string) bool {
	for _, s := range []string{`(?`, `\p`, `\P`, `\Q`, `\C`, `\b`, `\B`, `[[:`} {
		if strings.Contains(pat, s) {
			return false
		}
	}
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return false
	}
	var ok func(*syntax.Regexp) bool
	ok = func(r *syntax.Regexp) bool {
		switch r.Op {
		case syntax.OpLiteral, syntax.OpCharClass:
			if r.Flags&syntax.FoldCase != 0 {
				return false
			}
		case syntax.OpAnyCharNotNL, syntax.OpBeginText, syntax.OpEndText, syntax.OpEmptyMatch,
			syntax.OpCapture, syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat, syntax.OpConcat, syntax.OpAlternate:
		default:
			return false
		}
		for _, s := range r.Sub {
			if !ok(s) {
				return false
			}
		}
		return true
	}
	return ok(re)
}

// mappedScan is what scanMapped found.
type mappedScan struct {
	shape      ingest.CSVShape
	transcoded string
	numbered   string
}

// scanMapped reads the file's text once, decoded as the mapping says: the
// lines above the header (skipLines) are passed over, the rest is scanned
// (ingest.ScanCSV) and checked for misdecoded characters, and the text is
// compared with the bytes on disk. When they differ (another encoding, a byte
// order mark above title rows) the text is written to a UTF-8 copy in
// tmpDir from the first difference on, the bytes before it copied from the
// file. nil: the Go path reads the file. (A mapped file's scan,
// scanMappedNumbered, writes a numbered copy instead.)
func scanMapped(m *Mapping, file, tmpDir string, skipLines, width int, delim byte, wrap func(io.Reader) io.Reader) (_ *mappedScan, err error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	raw, err := os.Open(file)
	if err != nil {
		return nil, nil
	}
	defer raw.Close()
	copyFrom, err := os.Open(file)
	if err != nil {
		return nil, nil
	}
	defer copyFrom.Close()
	var r io.Reader = f
	if wrap != nil {
		r = wrap(f)
	}
	t := &textTee{raw: bufio.NewReaderSize(raw, 64<<10), file: copyFrom, dir: tmpDir}
	defer func() {
		if t.out != nil {
			t.out.Close()
			if err != nil || !t.clean {
				os.Remove(t.out.Name())
			}
		}
	}()
	t.src = rules.Decode(r, m.Source.Encoding)
	br := bufio.NewReaderSize(t, 64<<10)
	if !passLines(br, skipLines) {
		return nil, nil
	}
	shape, err := ingest.ScanCSV(br, width, delim)
	if err != nil || !shape.Regular || shape.Rows == 0 || t.bad || t.err != nil {
		return nil, nil
	}
	if t.out != nil {
		if err := t.w.Flush(); err != nil {
			return nil, err
		}
		t.clean = true
		return &mappedScan{shape: shape, transcoded: t.out.Name()}, nil
	}
	if !t.atEnd() {
		return nil, nil
	}
	return &mappedScan{shape: shape}, nil
}

// passLines reads the lines above the header; false when they are not
// there as the Go reader saw them, or one holds a lone \r (DuckDB may count
// another line) or a NUL byte.
func passLines(br *bufio.Reader, n int) bool {
	for range n {
		line, err := br.ReadSlice('\n')
		for errors.Is(err, bufio.ErrBufferFull) {
			var more []byte
			more, err = br.ReadSlice('\n')
			line = append(append([]byte(nil), line...), more...)
		}
		if err != nil {
			return false
		}
		body := bytes.TrimSuffix(line[:len(line)-1], []byte{'\r'})
		if bytes.IndexByte(body, '\r') >= 0 || bytes.IndexByte(body, 0) >= 0 {
			return false
		}
	}
	return true
}

// errNoSQL ends a scan whose file the Go path must read.
var errNoSQL = errors.New("the Go path reads the file")

// scanMappedNumbered is scanMapped with a numbered copy: the file's text
// from the header on is scanned (in parts on every core when the file is
// large and its encoding named: ingest.ScanFileNumbered) and written with
// each record's physical line into a copy in tmpDir (ingest.CanonicalCSV.
// Numbered), which read_csv reads with the rows' lines, so no line is set
// after the insert. nil: the Go path reads the file.
func scanMappedNumbered(m *Mapping, file, tmpDir string, skipLines, width int, delim byte, wrap func(io.Reader) io.Reader) (*mappedScan, error) {
	out, err := os.CreateTemp(tmpDir, "deschis-lines-*.csv")
	if err != nil {
		return nil, err
	}
	keep := false
	defer func() {
		out.Close()
		if !keep {
			os.Remove(out.Name())
		}
	}()
	var (
		mu     sync.Mutex
		checks []*textTee
	)
	parts := rules.DecodesParts(m.Source.Encoding)
	text := func(r io.Reader, start bool) (io.Reader, int64, error) {
		t := &textTee{checkOnly: true}
		mu.Lock()
		checks = append(checks, t)
		mu.Unlock()
		if !start {
			t.src, _ = rules.DecodePart(r, m.Source.Encoding)
			return t, 0, nil
		}
		t.src = rules.Decode(r, m.Source.Encoding)
		br := bufio.NewReaderSize(t, 64<<10)
		if !passLines(br, skipLines) {
			return nil, 0, errNoSQL
		}
		return br, int64(skipLines), nil
	}
	shape, err := ingest.ScanFileNumbered(file, width, delim, wrap, text, parts, out)
	if err != nil || !shape.Regular || shape.Rows == 0 {
		return nil, nil
	}
	for _, t := range checks {
		if t.bad {
			return nil, nil
		}
	}
	keep = true
	return &mappedScan{shape: shape, numbered: out.Name()}, nil
}

// textTee reads the decoded text (src) and, on the way, checks it for
// misdecoded characters and compares it with the file's bytes (raw): from
// the first difference it writes the text to a temporary UTF-8 file.
type textTee struct {
	src   io.Reader
	raw   *bufio.Reader
	file  *os.File // the file again, to copy the bytes before a difference
	dir   string
	bom   int64 // 3 when the file starts with a UTF-8 BOM
	same  int64 // bytes of text equal to the file's (after the BOM) so far
	carry []byte
	bad   bool // a misdecoded character
	// checkOnly: only the misdecoded characters are looked for (the
	// numbered copy is the text's copy).
	checkOnly bool
	err       error
	out       *os.File
	w         *bufio.Writer
	clean     bool
	cmp       []byte
}

func (t *textTee) Read(p []byte) (int, error) {
	n, err := t.src.Read(p)
	if n > 0 {
		b := p[:n]
		chk := append(t.carry, b...)
		if _, bad := rules.Misdecoded(string(chk)); bad {
			t.bad = true
		}
		t.carry = append(t.carry[:0], chk[max(0, len(chk)-2):]...)
		if t.checkOnly {
			return n, err
		}
		if e := t.tee(b); e != nil {
			t.err = e
			return n, e
		}
	}
	return n, err
}

// tee compares b with the file's next bytes, or writes it to the copy.
func (t *textTee) tee(b []byte) error {
	if t.out != nil {
		_, err := t.w.Write(b)
		return err
	}
	if t.cmp == nil {
		t.cmp = make([]byte, 64<<10)
		if h, _ := t.raw.Peek(3); bytes.Equal(h, []byte{0xEF, 0xBB, 0xBF}) {
			t.raw.Discard(3) // a BOM the decoder drops: read_csv drops it too
			t.bom = 3
		}
	}
	for off := 0; off < len(b); {
		k := min(len(b)-off, len(t.cmp))
		got, _ := io.ReadFull(t.raw, t.cmp[:k])
		i := 0
		for i < got && t.cmp[i] == b[off+i] {
			i++
		}
		if i < k {
			return t.startCopy(t.same+int64(off+i), b[off+i:])
		}
		off += k
	}
	t.same += int64(len(b))
	return nil
}

// startCopy opens the UTF-8 copy: the first n bytes of text, equal to the
// file's (after its BOM), copied from the file, then rest.
func (t *textTee) startCopy(n int64, rest []byte) error {
	out, err := os.CreateTemp(t.dir, "deschis-utf8-*.csv")
	if err != nil {
		return err
	}
	t.out, t.w = out, bufio.NewWriterSize(out, 1<<20)
	if _, err := io.Copy(t.w, io.NewSectionReader(t.file, t.bom, n)); err != nil {
		return err
	}
	_, err = t.w.Write(rest)
	return err
}

// atEnd says whether the file had no bytes after the text (so the text is
// the file).
func (t *textTee) atEnd() bool {
	_, err := t.raw.Peek(1)
	return err == io.EOF
}
