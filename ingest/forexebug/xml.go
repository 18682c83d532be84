package forexebug

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// Bounds that keep a hostile or broken file from growing memory: the reader
// holds the open elements only, each with its simple children.
const (
	maxDepth     = 64
	maxFields    = 512  // simple children kept per element
	maxTextBytes = 4096 // text kept per simple element
)

// frame is one open XML element.
type frame struct {
	name      string // canonical name
	line      int    // line of the start tag
	text      []byte
	fields    map[string]string // simple children (and attributes), canonical name -> text
	container bool              // has child elements
}

func (f *frame) set(name, value string) {
	if f.fields == nil {
		f.fields = make(map[string]string, 16)
	}
	if _, ok := f.fields[name]; ok || len(f.fields) < maxFields {
		f.fields[name] = value
	}
}

// xmlSource streams the rows of an XML report.
type xmlSource struct {
	opt      ingest.Options
	d        *xml.Decoder
	stack    []*frame
	hdr      Header
	lastCUI  string // COD_FISCAL and NUME of the last G_5 block that ended
	lastName string
}

func openXML(r io.Reader, opt ingest.Options) (*xmlSource, error) {
	d := xml.NewDecoder(r)
	d.CharsetReader = charsetReader
	s := &xmlSource{opt: opt, d: d}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil, &models.FileError{File: opt.File, Reason: "XML fără element rădăcină"}
		}
		if err != nil {
			return nil, s.invalid(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if !strings.EqualFold(se.Name.Local, "DATA_DS") {
				return nil, &models.FileError{File: opt.File, Reason: fmt.Sprintf("elementul rădăcină este <%s>, nu <DATA_DS>: nu este un raport de execuție Forexebug", se.Name.Local)}
			}
			s.push(se)
			return s, nil
		}
	}
}

// charsetReader decodes the single-byte encodings Romanian files come in.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "windows-1250", "cp1250", "x-cp1250", "win-1250", "cp-1250":
		return charmap.Windows1250.NewDecoder().Reader(input), nil
	case "iso-8859-2", "iso8859-2", "iso_8859-2", "latin2", "l2", "iso-ir-101":
		return charmap.ISO8859_2.NewDecoder().Reader(input), nil
	case "iso-8859-16", "iso8859-16", "latin10":
		return charmap.ISO8859_16.NewDecoder().Reader(input), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(input), nil
	case "iso-8859-1", "iso8859-1", "latin1", "l1":
		return charmap.ISO8859_1.NewDecoder().Reader(input), nil
	case "us-ascii", "ascii":
		return input, nil
	}
	return nil, fmt.Errorf("codificarea %q nu este cunoscută (se acceptă UTF-8, windows-1250, iso-8859-2)", label)
}

func (s *xmlSource) header() *Header { return &s.hdr }

func (s *xmlSource) close() error { return nil }

func (s *xmlSource) invalid(err error) error {
	line, _ := s.d.InputPos()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line = se.Line
	}
	reason := fmt.Sprintf("XML invalid sau trunchiat la linia %d", line)
	if strings.Contains(err.Error(), "unexpected EOF") {
		reason = fmt.Sprintf("XML trunchiat: fișierul se termină la linia %d înainte de închiderea elementelor", line)
	}
	return &models.FileError{File: s.opt.File, Reason: reason, Err: err}
}

func (s *xmlSource) push(se xml.StartElement) {
	line, _ := s.d.InputPos()
	f := &frame{name: canonical(se.Name.Local), line: line}
	for _, a := range se.Attr {
		f.set(canonical(a.Name.Local), strings.TrimSpace(a.Value)) // <G_4 NIVEL="1">
	}
	s.stack = append(s.stack, f)
}

func (s *xmlSource) top() *frame {
	if len(s.stack) == 0 {
		return nil
	}
	return s.stack[len(s.stack)-1]
}

func (s *xmlSource) next() (*rawRow, error) {
	for {
		tok, err := s.d.Token()
		if err == io.EOF {
			if len(s.stack) > 0 {
				return nil, s.invalid(io.ErrUnexpectedEOF)
			}
			if s.hdr.Date.IsZero() {
				return nil, &models.FileError{File: s.opt.File, Reason: "lipsește antetul P_ZI (data raportului)"}
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, s.invalid(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(s.stack) == 0 {
				return nil, &models.FileError{File: s.opt.File, Reason: "XML cu mai multe elemente rădăcină"}
			}
			if len(s.stack) >= maxDepth {
				return nil, &models.FileError{File: s.opt.File, Reason: fmt.Sprintf("XML imbricat prea adânc (peste %d niveluri)", maxDepth)}
			}
			s.top().container = true
			s.push(t)
		case xml.CharData:
			if f := s.top(); f != nil && !f.container && len(f.text) < maxTextBytes {
				n := min(len(t), maxTextBytes-len(f.text))
				f.text = append(f.text, t[:n]...)
			}
		case xml.EndElement:
			f := s.top()
			s.stack = s.stack[:len(s.stack)-1]
			parent := s.top()
			if !f.container {
				v := strings.TrimSpace(string(f.text))
				if parent != nil {
					parent.set(f.name, v)
				}
				if err := s.headerField(f.name, v); err != nil {
					return nil, err
				}
				continue
			}
			has := func(n string) bool { _, ok := f.fields[n]; return ok }
			if isRowFields(has) {
				return s.row(f)
			}
			if cui := strings.TrimSpace(f.fields["COD_FISCAL"]); cui != "" {
				s.lastCUI, s.lastName = cui, strings.TrimSpace(f.fields["NUME"])
			}
		}
	}
}

// headerField takes the report's header elements, wherever they are.
func (s *xmlSource) headerField(name, v string) error {
	switch name {
	case "P_ZI":
		if !s.hdr.Date.IsZero() {
			return nil
		}
		d, err := parseReportDate(v, false)
		if err != nil {
			return &models.FileError{File: s.opt.File, Reason: "data raportului (P_ZI) nu poate fi citită: " + err.Error()}
		}
		s.hdr.Date = d
	case "P_SECB":
		s.hdr.Sector = v
		return checkSector(s.opt, v)
	case "P_CUI":
		s.hdr.CUI = v
	case "P_BUGIP":
		if s.hdr.CUI == "" {
			s.hdr.CUI = v
		}
	case "P_STARE":
		s.hdr.State = v
	}
	return nil
}

// checkSector refuses the reports of other budgets than the local one:
// Deschis holds local budgets and writes their codes with the local budget
// type. "02" (or a name saying "local") is the local budget sector.
func checkSector(opt ingest.Options, v string) error {
	t := strings.TrimSpace(v)
	if t == "" || strings.TrimLeft(t, "0") == "2" || strings.Contains(rules.Fold(t), "local") {
		return nil
	}
	return &models.FileError{File: opt.File, Reason: fmt.Sprintf("sectorul bugetar P_SECB %q nu este bugetul local (02): Deschis încarcă doar bugete locale", t)}
}

// row places a row element in its context.
func (s *xmlSource) row(f *frame) (*rawRow, error) {
	if _, ok := f.fields["P_ZI"]; !ok && s.hdr.Date.IsZero() {
		return nil, &models.FileError{File: s.opt.File, Reason: fmt.Sprintf("lipsește antetul P_ZI (data raportului) înaintea primului rând (linia %d)", f.line)}
	}
	r := &rawRow{line: f.line, cols: f.fields}
	for i := len(s.stack) - 1; i >= 0; i-- {
		a := s.stack[i]
		if r.entityCUI == "" && strings.TrimSpace(a.fields["COD_FISCAL"]) != "" {
			r.entityCUI, r.entityName = strings.TrimSpace(a.fields["COD_FISCAL"]), strings.TrimSpace(a.fields["NUME"])
		}
		if r.nivel == "" && strings.TrimSpace(a.fields["NIVEL"]) != "" {
			r.nivel = a.fields["NIVEL"]
		}
		if r.section == "" {
			for c, v := range a.fields {
				if isSectionColumn(c) && strings.TrimSpace(v) != "" {
					r.section, r.sectionCol = v, c
				}
			}
		}
	}
	if r.entityCUI == "" {
		r.entityCUI, r.entityName = s.lastCUI, s.lastName
	}
	return r, nil
}
