package tabular

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// jsonReader streams records from a JSON array (at the top level or at a dot
// path inside an object) or from NDJSON (one object per line). One record is
// in memory at a time; objects skipped on the way to the records path are
// decoded and dropped.
//
// Line: the line of the record's opening brace, from json.Decoder's
// InputOffset and a count of the newlines read.
type jsonReader struct {
	p       *plan
	dec     *json.Decoder
	lc      *lineCounter
	ndjson  bool
	done    bool
	cells   []cell
	skipped models.Skips
}

func openJSON(p *plan, r io.Reader) (*jsonReader, error) {
	j, err := newJSON(p.m, p.opt.File, r)
	if err != nil {
		return nil, err
	}
	j.p = p
	p.resolvePaths()
	j.cells = make([]cell, len(p.cols))
	return j, nil
}

func newJSON(m *Mapping, file string, r io.Reader) (*jsonReader, error) {
	lc := &lineCounter{}
	br := bufio.NewReaderSize(rules.Decode(r, m.Source.Encoding), 64<<10)
	first, skippedLines, err := firstByte(br)
	if err == io.EOF {
		return nil, &models.FileError{File: file, Reason: "fișierul este gol"}
	}
	if err != nil {
		return nil, readError(file, err)
	}
	lc.r, lc.before = br, skippedLines
	j := &jsonReader{lc: lc, dec: json.NewDecoder(lc), p: &plan{m: m, opt: ingestOptions(file)}, skipped: models.Skips{}}
	j.dec.UseNumber()
	switch {
	case m.Source.Records != "":
		if first != '{' {
			return nil, &models.FileError{File: file, Reason: fmt.Sprintf("se așteaptă un obiect JSON care să conțină calea %q (records)", m.Source.Records)}
		}
		if err := j.descend(strings.Split(m.Source.Records, ".")); err != nil {
			return nil, err
		}
	case first == '[':
		j.dec.Token()
	case first == '{':
		j.ndjson = true
	default:
		return nil, &models.FileError{File: file, Reason: "nu este JSON: se așteaptă o listă de înregistrări [...] sau câte un obiect pe linie (NDJSON)"}
	}
	return j, nil
}

// firstByte peeks at the first byte that is not white space.
func firstByte(br *bufio.Reader) (b byte, newlines int, err error) {
	for {
		p, err := br.Peek(1)
		if err != nil {
			return 0, newlines, err
		}
		switch p[0] {
		case '\n':
			newlines++
			fallthrough
		case ' ', '\t', '\r':
			br.Discard(1)
			continue
		}
		return p[0], newlines, nil
	}
}

// descend walks the object tokens down the records path to its array.
func (j *jsonReader) descend(path []string) error {
	file := j.p.opt.File
	if _, err := j.dec.Token(); err != nil { // {
		return j.syntaxError(err)
	}
	for depth, seg := range path {
		for {
			if !j.dec.More() {
				return &models.FileError{File: file, Reason: fmt.Sprintf("calea records %q nu există în fișier (lipsește %q)", j.p.m.Source.Records, strings.Join(path[:depth+1], "."))}
			}
			tok, err := j.dec.Token()
			if err != nil {
				return j.syntaxError(err)
			}
			if key, _ := tok.(string); key == seg {
				break
			}
			var skip json.RawMessage
			if err := j.dec.Decode(&skip); err != nil {
				return j.syntaxError(err)
			}
		}
		tok, err := j.dec.Token()
		if err != nil {
			return j.syntaxError(err)
		}
		want := json.Delim('{')
		if depth == len(path)-1 {
			want = '['
		}
		if tok != want {
			return &models.FileError{File: file, Reason: fmt.Sprintf("la calea %q se așteaptă %s", strings.Join(path[:depth+1], "."),
				map[json.Delim]string{'{': "un obiect", '[': "o listă de înregistrări"}[want])}
		}
	}
	return nil
}

func (j *jsonReader) syntaxError(err error) error {
	line := j.lc.lineAt(j.dec.InputOffset())
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &models.FileError{File: j.p.opt.File, Reason: fmt.Sprintf("JSON trunchiat: fișierul se termină în mijlocul unei valori (linia %d)", line)}
	}
	var ue *rules.InvalidUTF8Error
	if errors.As(err, &ue) {
		return readError(j.p.opt.File, err)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line = j.lc.lineAt(se.Offset)
	}
	return &models.FileError{File: j.p.opt.File, Reason: fmt.Sprintf("JSON invalid în jurul liniei %d", line), Err: err}
}

func (j *jsonReader) Next() (*models.Record, error) {
	for {
		if j.done {
			return nil, io.EOF
		}
		if !j.ndjson && !j.dec.More() {
			if _, err := j.dec.Token(); err != nil { // ]
				return nil, j.syntaxError(err)
			}
			j.done = true
			return nil, io.EOF
		}
		var raw json.RawMessage
		if err := j.dec.Decode(&raw); err != nil {
			if j.ndjson && err == io.EOF {
				j.done = true
				return nil, io.EOF
			}
			return nil, j.syntaxError(err)
		}
		line := j.lc.lineAt(j.dec.InputOffset() - int64(len(raw)))
		if len(raw) == 0 || raw[0] != '{' {
			return &models.Record{Line: line, Values: make([]any, len(j.p.fields)), Errors: []models.RowError{{File: j.p.opt.File, Line: line, Column: "*",
				Value: truncateBytes(raw), Reason: "înregistrarea nu este un obiect JSON {...}"}}}, nil
		}
		var obj map[string]any
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&obj); err != nil {
			return nil, j.syntaxError(err)
		}
		for i, c := range j.p.cols {
			v, _ := lookupPath(obj, c.Name)
			j.cells[i] = jsonCell(v)
		}
		rec, skip := j.p.record(line, j.cells, 0)
		if skip != "" {
			j.skipped.Add(skip)
			continue
		}
		return rec, nil
	}
}

func truncateBytes(b []byte) string {
	if len(b) > 200 {
		b = b[:200]
	}
	return string(b)
}

func jsonCell(v any) cell {
	switch x := v.(type) {
	case nil:
		return cell{}
	case string:
		return cell{s: x}
	case json.Number:
		return cell{s: x.String(), kind: kindNumber}
	case bool:
		return cell{s: strconv.FormatBool(x), kind: kindBool}
	}
	return cell{s: "{…}", kind: kindComposite}
}

// lookupPath follows a dot path through objects (and arrays, by index).
func lookupPath(v any, path string) (any, bool) {
	for _, seg := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[seg]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func (j *jsonReader) SkippedRows() models.Skips { return j.skipped }
func (j *jsonReader) Close() error              { return nil }

// firstJSONRecord reads the first record of a sample (CheckAgainst).
func firstJSONRecord(m *Mapping, r io.Reader) (map[string]any, error) {
	j, err := newJSON(m, "eșantion", r)
	if err != nil {
		return nil, err
	}
	if !j.ndjson && !j.dec.More() {
		return nil, &models.FileError{File: "eșantion", Reason: "eșantionul nu are nicio înregistrare"}
	}
	var obj map[string]any
	if err := j.dec.Decode(&obj); err != nil {
		return nil, j.syntaxError(err)
	}
	return obj, nil
}

// lineCounter counts the newlines of a stream so that a byte offset read
// earlier can be turned into a line. It keeps only the newlines not yet
// passed, a window as wide as the decoder's read-ahead.
type lineCounter struct {
	r      io.Reader
	read   int64   // bytes read so far
	nl     []int64 // offsets of newlines at or after the last offset asked
	before int     // newlines before nl[0]
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; {
		k := bytes.IndexByte(p[i:n], '\n')
		if k < 0 {
			break
		}
		c.nl = append(c.nl, c.read+int64(i+k))
		i += k + 1
	}
	c.read += int64(n)
	return n, err
}

// lineAt returns the 1-based line of a byte offset; offsets must not decrease.
func (c *lineCounter) lineAt(off int64) int {
	k := 0
	for k < len(c.nl) && c.nl[k] < off {
		k++
	}
	c.before += k
	c.nl = append(c.nl[:0], c.nl[k:]...)
	return c.before + 1
}
