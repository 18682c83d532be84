// Package ocds reads procurement data published in the Open Contracting Data
// Standard (OCDS) JSON and maps it to the procurement dataset
// (models.SourceFields["procurement"]). It registers the format "ocds".
//
// # Shapes read
//
// Release packages and record packages, OCDS 1.0 and 1.1, and JSON Lines (or
// any concatenation) of releases, records or packages; also a top-level array
// of them. The file is streamed with encoding/json's Decoder token API: one
// release or record is decoded at a time, so a package of several gigabytes
// needs no more memory than its largest contracting process. Extra fields and
// extensions are ignored, except the few listed below that carry a field
// Deschis needs.
//
// Releases of the same ocid that follow one another (a package with one
// release per stage: tender, award, contract) are compiled into one process
// before mapping, as ocds-merge does (see compile). Releases of one ocid
// scattered through the file are not brought together (that would need the
// whole file in memory): compile them first (ocdskit compile) or publish
// records. A record uses its compiledRelease; without one, its embedded
// releases are compiled.
//
// # One row per contract, else per award
//
// Each award of a process gives one row; when contracts point to the award
// (contracts[].awardID), each of them gives a row instead, with the
// contract's value and dateSigned, so an award and its contract are never
// counted twice. A contract whose awardID matches no award still gives a row
// (its suppliers from the contracts[].suppliers that some publishers add).
// Not rows: awards with status cancelled or unsuccessful that have no
// contract (nothing was awarded) and contracts with status cancelled (never
// signed). See mapProcess for each field.
//
// # Foreign data
//
// buyer_cui is a Romanian fiscal code. A buyer known only by a foreign
// identifier is rejected unless Config.KeepForeignIDs; suppliers keep any
// identifier ("SCHEME-id" when foreign). Paraguay's DNCP package in
// shared/data shows what foreign files look like: its contract release has
// no buyer, no supplier identifier and no CPV (the DNCP catalogue instead),
// so its one row is rejected for the first two (a contract without a CPV
// code is read with the code unknown), with the values that could be read
// (17875000 PYG, the supplier's name) kept for the report.
//
// # Lines and columns
//
// JSON has no rows: a row's Line is the line of the opening brace of its
// release or record (of the first release, for releases compiled together),
// and a reject's Column is the JSON path of the value from the top of the
// file, e.g. releases[12].awards[0].value.amount, so that a minified file,
// all on one line, can still be searched.
package ocds

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

func init() {
	ingest.Register(ingest.Format{
		Name: "ocds",
		Description: "OCDS JSON (Open Contracting Data Standard 1.0/1.1): pachete de publicații sau de înregistrări, " +
			"sau JSON Lines; un rând pentru fiecare contract (sau atribuire fără contract)",
		Datasets: []string{models.DatasetProcurement},
		Open:     Open,
	})
}

// Config chooses what the reader does where no single behaviour is right for
// every deployment. The zero Config is what the registered format uses.
type Config struct {
	// SkipOtherBuyers drops, instead of rejecting, the rows of buyers other
	// than Options.Entity. National OCDS files hold every buyer of a country:
	// loading one city's contracts from them with --entity would otherwise
	// put thousands of other institutions' contracts among the rejects. Rows
	// whose buyer cannot be read are still rejected, never dropped.
	SkipOtherBuyers bool
	// KeepForeignIDs keeps a buyer identified only in a non-Romanian scheme
	// (e.g. PY-PGE in Paraguay) as "SCHEME-id" in buyer_cui, instead of
	// rejecting the row because it has no Romanian fiscal code. For tests and
	// foreign data only: such a buyer_cui is not a CUI.
	KeepForeignIDs bool
}

// Open is the registered reader: OpenWith with the zero Config, skipping
// other buyers when opt.OnlyEntity (etl load --only-entity) asks for it.
func Open(r io.Reader, opt ingest.Options) (models.RowReader, error) {
	rd, err := OpenWith(r, opt, Config{SkipOtherBuyers: opt.OnlyEntity})
	if err != nil {
		return nil, err
	}
	return rd, nil
}

// OpenFiltered reads like Open but skips the rows of buyers other than
// opt.Entity instead of rejecting them (Config.SkipOtherBuyers); Skipped
// counts them.
func OpenFiltered(r io.Reader, opt ingest.Options) (models.RowReader, error) {
	rd, err := OpenWith(r, opt, Config{SkipOtherBuyers: true})
	if err != nil {
		return nil, err
	}
	return rd, nil
}

// Reader reads one OCDS file. It is a models.RowReader.
type Reader struct {
	opt     ingest.Options
	cfg     Config
	lines   *lineCounter
	dec     *json.Decoder
	next    func() (unit, bool)
	stop    func()
	queue   []*models.Record
	group   []unit // releases of the same ocid read so far
	err     error  // the file error, returned again after the first time
	eof     bool
	skipped int // rows of other buyers (SkipOtherBuyers)
	outside int // rows of buyers outside Options.Keep
}

// OpenWith opens a reader with an explicit Config. It refuses at once, with
// a *models.FileError, a file that is empty or does not start like JSON.
func OpenWith(r io.Reader, opt ingest.Options, cfg Config) (*Reader, error) {
	if opt.Dataset == "" {
		opt.Dataset = models.DatasetProcurement
	}
	if opt.Dataset != models.DatasetProcurement {
		return nil, fmt.Errorf("%w: formatul ocds produce doar setul %q, nu %q", models.ErrInvalid, models.DatasetProcurement, opt.Dataset)
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	first, err := firstByte(br)
	switch {
	case errors.Is(err, io.EOF):
		return nil, &models.FileError{File: opt.File, Reason: "fișierul este gol"}
	case err != nil:
		return nil, &models.FileError{File: opt.File, Reason: "fișierul nu poate fi citit", Err: err}
	case first != '{' && first != '[':
		return nil, &models.FileError{File: opt.File, Reason: fmt.Sprintf(
			"nu este JSON OCDS: fișierul începe cu %q, se așteaptă un obiect { (pachet, publicație sau înregistrare)", rune(first))}
	}
	rd := &Reader{opt: opt, cfg: cfg, lines: newLineCounter(br)}
	rd.dec = json.NewDecoder(rd.lines)
	rd.dec.UseNumber()
	rd.next, rd.stop = iter.Pull(rd.walk)
	return rd, nil
}

// firstByte peeks past white space at the first byte of the JSON text.
func firstByte(br *bufio.Reader) (byte, error) {
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			if err == nil {
				err = io.EOF
			}
			return 0, err
		}
		switch c := b[n-1]; c {
		case ' ', '\t', '\r', '\n':
			if n >= 4096 {
				// Keep the peek bounded; the decoder will judge the rest.
				return '{', nil
			}
		default:
			return c, nil
		}
	}
}

// SkippedRows counts the rows of other buyers dropped under SkipOtherBuyers
// (models.SkipOtherEntity) and of buyers outside Options.Keep
// (models.SkipOutsideDeployment).
func (rd *Reader) SkippedRows() models.Skips {
	return models.Skips{models.SkipOtherEntity: int64(rd.skipped), models.SkipOutsideDeployment: int64(rd.outside)}
}

// Close releases the reader; it does not close the underlying file.
func (rd *Reader) Close() error {
	rd.stop()
	return nil
}

// Next returns the next row: io.EOF at the end, a *models.FileError when the
// file cannot be read further (broken or truncated JSON, not OCDS).
func (rd *Reader) Next() (*models.Record, error) {
	for {
		if len(rd.queue) > 0 {
			rec := rd.queue[0]
			rd.queue[0] = nil
			rd.queue = rd.queue[1:]
			return rec, nil
		}
		if rd.err != nil {
			return nil, rd.err
		}
		if rd.eof {
			if len(rd.group) > 0 {
				rd.flushGroup()
				continue
			}
			return nil, io.EOF
		}
		u, ok := rd.next()
		switch {
		case !ok:
			rd.eof = true
		case u.err != nil:
			// The rows of the releases read whole before the error come
			// first, as a CSV reader returns the rows before a broken one.
			rd.err = u.err
			rd.flushGroup()
		case u.kind == unitRelease:
			ocid, _ := idText(u.obj["ocid"])
			if len(rd.group) > 0 {
				prev, _ := idText(rd.group[0].obj["ocid"])
				if ocid == "" || ocid != prev {
					rd.flushGroup()
				}
			}
			rd.group = append(rd.group, u)
		case u.kind == unitRecord:
			rd.flushGroup()
			rd.emit(rd.mapRecord(u))
		default:
			rd.flushGroup()
			rd.emit([]*models.Record{rd.badUnit(u)})
		}
	}
}

// flushGroup compiles the releases of one ocid read so far and queues rows.
func (rd *Reader) flushGroup() {
	g := rd.group
	rd.group = nil
	switch len(g) {
	case 0:
		return
	case 1:
		rd.emit(rd.mapProcess(g[0].obj, g[0].line, g[0].path))
		return
	}
	rels := make([]obj, len(g))
	for i, u := range g {
		rels[i] = u.obj
	}
	path := g[0].path
	if p, q := g[0].index, g[len(g)-1].index; p >= 0 && q >= 0 && g[0].parent == g[len(g)-1].parent {
		path = fmt.Sprintf("%sreleases[%d..%d]", g[0].parent, p, q)
	}
	rd.emit(rd.mapProcess(compile(rels), g[0].line, path))
}

// emit queues rows, dropping those of other buyers under SkipOtherBuyers and
// finishing the good ones.
func (rd *Reader) emit(recs []*models.Record) {
	buyer := models.FieldIndex(models.DatasetProcurement, "buyer_cui")
	for _, rec := range recs {
		if rd.cfg.SkipOtherBuyers && rd.opt.Entity != "" {
			if b, ok := rec.Values[buyer].(string); ok && b != "" && b != rd.opt.Entity {
				rd.skipped++
				continue
			}
		}
		if b, ok := rec.Values[buyer].(string); ok && rd.opt.Outside(b) {
			rd.outside++
			continue
		}
		if len(rec.Errors) == 0 {
			ingest.Finish(rd.opt, rec)
		}
		rd.queue = append(rd.queue, rec)
	}
}

func (rd *Reader) badUnit(u unit) *models.Record {
	rec := &models.Record{Line: u.line, Values: make([]any, len(models.SourceFields[models.DatasetProcurement]))}
	rec.Errors = append(rec.Errors, models.RowError{File: rd.opt.File, Line: u.line, Column: orStar(u.path),
		Value: ingest.Truncate(raw(u.value), 200), Reason: u.reason})
	return rec
}

func orStar(s string) string {
	if s == "" {
		return "*"
	}
	return s
}

type unitKind int

const (
	unitRelease unitKind = iota
	unitRecord
	unitBad // a value where a release or record was expected
)

// unit is what the walk over the file yields: one release or record, with
// where it is, or a file error that ends the walk.
type unit struct {
	kind   unitKind
	obj    obj
	line   int
	path   string // JSON path of the object from the top of the file, "" for a top-level value
	parent string // the package's path prefix, for releases[i]
	index  int    // the index in releases[], -1 elsewhere
	value  any    // for unitBad
	reason string // for unitBad
	err    error
}

// walk goes through the top-level values of the file and yields each
// release or record. It stops at the first error that leaves the rest of the
// file unreadable.
func (rd *Reader) walk(yield func(unit) bool) {
	for first := true; ; first = false {
		tok, err := rd.dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			yield(unit{err: rd.jsonError(err)})
			return
		}
		switch tok {
		case json.Delim('{'):
			line := rd.lines.at(rd.dec.InputOffset() - 1)
			if !rd.walkObject(yield, line, "", first) {
				return
			}
		case json.Delim('['):
			for i := 0; rd.dec.More(); i++ {
				line := rd.lineOfNext()
				tok, err := rd.dec.Token()
				if err != nil {
					yield(unit{err: rd.jsonError(err)})
					return
				}
				if tok != json.Delim('{') {
					yield(unit{err: rd.fileError(line, fmt.Sprintf("nu este OCDS: elementul [%d] al listei de nivel superior nu este un obiect, ci %v", i, tok))})
					return
				}
				if !rd.walkObject(yield, line, fmt.Sprintf("[%d]", i), first && i == 0) {
					return
				}
			}
			if _, err := rd.dec.Token(); err != nil {
				yield(unit{err: rd.jsonError(err)})
				return
			}
		default:
			yield(unit{err: rd.fileError(rd.lines.at(rd.dec.InputOffset()),
				fmt.Sprintf("nu este OCDS: valoare de nivel superior %v în loc de obiect", tok))})
			return
		}
	}
}

// walkObject reads an object whose '{' was just read: a package, whose
// releases or records are streamed one by one, or a release or record,
// decoded whole. It reports whether the walk goes on.
func (rd *Reader) walkObject(yield func(unit) bool, line int, path string, first bool) bool {
	meta := obj{}
	streamed := false
	for rd.dec.More() {
		tok, err := rd.dec.Token()
		if err != nil {
			yield(unit{err: rd.jsonError(err)})
			return false
		}
		key, _ := tok.(string)
		// A record has an ocid and releases too: only an object that has
		// not shown an ocid yet is streamed as a package. (A record written
		// with its releases before its ocid is read as a package.)
		if (key == "releases" || key == "records") && meta["ocid"] == nil {
			ok, goOn := rd.streamArray(yield, key, path)
			if !goOn {
				return false
			}
			streamed = streamed || ok
			continue
		}
		var v any
		if err := rd.dec.Decode(&v); err != nil {
			yield(unit{err: rd.jsonError(err)})
			return false
		}
		meta[key] = v
	}
	if _, err := rd.dec.Token(); err != nil { // the closing brace
		yield(unit{err: rd.jsonError(err)})
		return false
	}
	switch {
	case streamed:
		return true
	case meta["ocid"] != nil && (meta["compiledRelease"] != nil || meta["releases"] != nil):
		return yield(unit{kind: unitRecord, obj: meta, line: line, path: path, index: -1})
	case meta["ocid"] != nil:
		return yield(unit{kind: unitRelease, obj: meta, line: line, path: path, index: -1})
	case first:
		yield(unit{err: rd.fileError(line, "nu este un pachet OCDS: obiectul nu are releases, records sau ocid")})
		return false
	}
	return yield(unit{kind: unitBad, line: line, path: path, reason: "obiectul nu este un pachet, o publicație sau o înregistrare OCDS (nu are releases, records sau ocid)"})
}

// streamArray reads the releases or records of a package one at a time. ok
// says whether the value was an array (null is read as an empty one).
func (rd *Reader) streamArray(yield func(unit) bool, key, path string) (ok, goOn bool) {
	line := rd.lineOfNext()
	tok, err := rd.dec.Token()
	if err != nil {
		yield(unit{err: rd.jsonError(err)})
		return false, false
	}
	prefix := path
	if prefix != "" {
		prefix += "."
	}
	if tok == nil {
		return true, true
	}
	if tok != json.Delim('[') {
		yield(unit{err: rd.fileError(line, fmt.Sprintf("nu este un pachet OCDS: %s%s trebuie să fie o listă, nu %v", prefix, key, tok))})
		return false, false
	}
	kind := unitRelease
	if key == "records" {
		kind = unitRecord
	}
	for i := 0; rd.dec.More(); i++ {
		line := rd.lineOfNext()
		var v any
		if err := rd.dec.Decode(&v); err != nil {
			yield(unit{err: rd.jsonError(err)})
			return false, false
		}
		p := fmt.Sprintf("%s%s[%d]", prefix, key, i)
		u := unit{kind: kind, line: line, path: p, parent: prefix, index: -1}
		if m, isObj := v.(map[string]any); isObj {
			u.obj = m
			if kind == unitRelease {
				u.index = i
			}
		} else {
			u.kind, u.value, u.reason = unitBad, v, fmt.Sprintf("elementul din %s trebuie să fie un obiect, nu %s", key, jsonKind(v))
		}
		if !yield(u) {
			return false, false
		}
	}
	if _, err := rd.dec.Token(); err != nil { // ']'
		yield(unit{err: rd.jsonError(err)})
		return false, false
	}
	return true, true
}

// lineOfNext is the line of the next value's first byte: the decoder stands
// before the white space and comma that precede it, which are skipped in its
// buffer without consuming them.
func (rd *Reader) lineOfNext() int {
	off := rd.dec.InputOffset()
	if br, ok := rd.dec.Buffered().(*bytes.Reader); ok {
		for {
			c, err := br.ReadByte()
			if err != nil || (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != ':') {
				break
			}
			off++
		}
	}
	return rd.lines.at(off)
}

func (rd *Reader) fileError(line int, reason string) error {
	return &models.FileError{File: rd.opt.File, Reason: fmt.Sprintf("linia %d: %s", line, reason)}
}

// jsonError turns a decoder error into the error that refuses the file.
func (rd *Reader) jsonError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		start := rd.lineOfNext()
		end := rd.lines.at(rd.lines.read)
		return &models.FileError{File: rd.opt.File, Reason: fmt.Sprintf(
			"fișier JSON trunchiat: se termină la linia %d, înainte de închiderea valorii începute la linia %d", end, start), Err: err}
	}
	off := rd.dec.InputOffset()
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		if syn.Offset > off {
			off = syn.Offset
		}
		return &models.FileError{File: rd.opt.File, Reason: fmt.Sprintf("JSON invalid la linia %d", rd.lines.at(off)), Err: err}
	}
	return &models.FileError{File: rd.opt.File, Reason: fmt.Sprintf("citire întreruptă la linia %d", rd.lines.at(off)), Err: err}
}
