package tabular

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// cellKind says what a cell holds beyond its text: XLSX and JSON know when a
// value is a number, a date or a boolean, CSV never does.
type cellKind uint8

const (
	kindText      cellKind = iota
	kindNumber             // machine notation: 1234.5, 1.5E6 (XLSX number cell, JSON number)
	kindDate               // XLSX date cell stored as ISO text (t="d")
	kindBool               // XLSX boolean (1/0), JSON true/false
	kindComposite          // JSON object or array: not a value
)

type cell struct {
	s    string
	kind cellKind
}

// plan is a Mapping compiled for one file: regexps compiled, notations
// resolved, columns resolved against the header.
type plan struct {
	m       *Mapping
	opt     ingest.Options
	fields  []models.Field
	fps     []*fieldPlan // per dataset field; nil when unmapped
	skips   []skipPlan
	cols    []Column // the source columns the plan reads, resolved to indices by resolve
	index   []int    // cols[i] -> index in the row's cells (after resolve)
	names   []string // cols[i] -> name shown in errors (header text or #n)
	entity  int      // the dataset's entity field, -1 when none
	entityV string   // value of the entity field when no column gives it
	delim   rune     // CSV delimiter, to show a whole row in a reject
}

type fieldPlan struct {
	field    models.Field
	col      int // index into plan.cols, -1 for a constant
	constant string
	def      *string
	vmap     map[string]string // folded source value -> value
	spell    map[string]string // cells that fold to a key of vmap, as written -> value (mapSpellings)
	extract  *regexp.Regexp
	numbers  string
	dates    []string
	scale    int64
	xlsx     bool // cells come from an XLSX sheet
}

type skipPlan struct {
	col int
	re  *regexp.Regexp
}

// entityField is the field that names the institution a row belongs to (the
// rule of the ingest package's canonical reader).
func entityField(dataset string) int {
	switch dataset {
	case models.DatasetProcurement:
		return models.FieldIndex(dataset, "buyer_cui")
	case models.DatasetEntities:
		return -1
	}
	return models.FieldIndex(dataset, "entity_cui")
}

// compile builds the plan of a mapping that passed Check.
func compile(m *Mapping, opt ingest.Options) (*plan, error) {
	p := &plan{m: m, opt: opt, fields: models.SourceFields[m.Dataset], entity: entityField(m.Dataset)}
	p.fps = make([]*fieldPlan, len(p.fields))
	colOf := func(c Column) int {
		for i, x := range p.cols {
			if x == c {
				return i
			}
		}
		p.cols = append(p.cols, c)
		return len(p.cols) - 1
	}
	for _, fm := range m.Fields {
		i := models.FieldIndex(m.Dataset, fm.Field)
		fp, err := newFieldPlan(m, fm, p.fields[i])
		if err != nil {
			return nil, err
		}
		if fm.Constant == nil {
			fp.col = colOf(fm.Column)
		}
		p.fps[i] = fp
	}
	for _, s := range m.Source.SkipRowsWhere {
		re, err := regexp.Compile(s.Matches)
		if err != nil {
			return nil, err
		}
		p.skips = append(p.skips, skipPlan{col: colOf(s.Column), re: re})
	}
	if p.entity >= 0 && p.fps[p.entity] == nil {
		switch {
		case m.Entity != "" && opt.Entity != "" && m.Entity != opt.Entity:
			return nil, fmt.Errorf("%w: maparea %s are entity: %s, dar încărcarea dă --entity %s", models.ErrInvalid, m.File, m.Entity, opt.Entity)
		case m.Entity != "":
			p.entityV = m.Entity
		case opt.Entity != "":
			p.entityV = opt.Entity
		default:
			return nil, fmt.Errorf("%w: câmpul %s nu are sursă: dați --entity CUI la încărcare sau entity: în maparea %s", models.ErrInvalid, p.fields[p.entity].Name, m.File)
		}
	}
	return p, nil
}

func newFieldPlan(m *Mapping, fm FieldMap, f models.Field) (*fieldPlan, error) {
	fp := &fieldPlan{field: f, col: -1, def: fm.Default, xlsx: m.Format == FormatXLSX, numbers: or(fm.Numbers, m.Numbers), dates: fm.Dates, scale: fm.Scale}
	if fp.dates == nil {
		fp.dates = m.Dates
	}
	if fp.scale == 0 {
		fp.scale = m.Scale
	}
	if fm.Constant != nil {
		fp.constant = *fm.Constant
	}
	if fm.Extract != "" {
		re, err := regexp.Compile(fm.Extract)
		if err != nil {
			return nil, err
		}
		fp.extract = re
	}
	if len(fm.Map) > 0 {
		fp.vmap = make(map[string]string, len(fm.Map))
		for k, v := range fm.Map {
			fp.vmap[rules.Fold(k)] = v
		}
		fp.spell = mapSpellings(slices.Collect(maps.Keys(fm.Map)), fp.vmap)
	}
	return fp, nil
}

// mapSpellings are the ways a source is likely to write the keys of a
// value map (as the mapping writes them; with ş ţ for ș ț and the other way
// round, as a Windows-1250 export must; in lower and upper case; without
// diacritics), each with the value vmap gives it: the SQL load path compares
// a cell with these first, as it is, and folds only the cells that are none
// of them (folding costs most of a mapped enum's time in DuckDB). A spelling
// is kept only when rules.Fold gives one of vmap's keys, so the value is the
// Go rule's by construction.
func mapSpellings(keys []string, vmap map[string]string) map[string]string {
	out := map[string]string{}
	for _, k := range keys {
		for _, c := range []string{k, cedillaForm.Replace(k), commaForm.Replace(k), rules.Fold(k)} {
			for _, s := range []string{c, strings.ToLower(c), strings.ToUpper(c)} {
				if v, ok := vmap[rules.Fold(s)]; ok && s != "" && s == strings.TrimSpace(s) {
					out[s] = v
				}
			}
		}
	}
	return out
}

// cedillaForm writes ș ț with the cedilla (ş ţ), commaForm the other way.
var (
	cedillaForm = strings.NewReplacer("ș", "ş", "ț", "ţ", "Ș", "Ş", "Ț", "Ţ")
	commaForm   = strings.NewReplacer("ş", "ș", "ţ", "ț", "Ş", "Ș", "Ţ", "Ț")
)

// resolve binds the plan's columns to a header (nil when the file has none).
// Missing names refuse the file, all of them named at once.
func (p *plan) resolve(header []string) error {
	p.index = make([]int, len(p.cols))
	p.names = make([]string, len(p.cols))
	pos := map[string]int{}
	dup := map[string]bool{}
	for i, h := range header {
		k := rules.HeaderKey(h)
		if _, seen := pos[k]; seen {
			dup[k] = true
			continue
		}
		pos[k] = i
	}
	var missing, ambiguous []string
	for i, c := range p.cols {
		if c.Position > 0 {
			p.index[i] = c.Position - 1
			p.names[i] = c.String()
			if c.Position-1 < len(header) && strings.TrimSpace(header[c.Position-1]) != "" {
				p.names[i] = displayName(header[c.Position-1])
			}
			continue
		}
		k := rules.HeaderKey(c.Name)
		j, ok := pos[k]
		switch {
		case !ok:
			missing = append(missing, fmt.Sprintf("%q", c.Name))
		case dup[k]:
			ambiguous = append(ambiguous, fmt.Sprintf("%q", c.Name))
		}
		p.index[i] = j
		if ok {
			p.names[i] = displayName(header[j])
		}
	}
	if len(missing) > 0 {
		return &models.FileError{File: p.opt.File, Reason: fmt.Sprintf("antetul nu are coloanele %s cerute de maparea %s (antetul are: %s)",
			strings.Join(missing, ", "), p.m.File, ingest.Truncate(strings.Join(header, " | "), 1000))}
	}
	if len(ambiguous) > 0 {
		return &models.FileError{File: p.opt.File, Reason: fmt.Sprintf("antetul are de mai multe ori coloanele %s; numiți-le prin poziție în maparea %s",
			strings.Join(ambiguous, ", "), p.m.File)}
	}
	return nil
}

// displayName is a header cell as errors show it: one line, single spaces.
func displayName(h string) string { return strings.Join(strings.Fields(h), " ") }

// resolvePaths binds json paths: cells come in the order of p.cols.
func (p *plan) resolvePaths() {
	p.index = make([]int, len(p.cols))
	p.names = make([]string, len(p.cols))
	for i, c := range p.cols {
		p.index[i], p.names[i] = i, c.Name
	}
}

func (p *plan) cell(cells []cell, col int) cell {
	if i := p.index[col]; i < len(cells) {
		return cells[i]
	}
	return cell{}
}

// record maps one source row. skip: why the row is to be skipped, not
// returned (models.SkipMatched, models.SkipBlank); "" for a record.
// width > 0 asks for a row of exactly that many cells (CSV); extra cells that
// are all empty are tolerated (spreadsheets pad rows with ;;;).
func (p *plan) record(line int, cells []cell, width int) (rec *models.Record, skip string) {
	for _, s := range p.skips {
		if s.re.MatchString(p.cell(cells, s.col).s) {
			return nil, models.SkipMatched
		}
	}
	if p.m.Source.SkipBlankRows && blank(cells) {
		return nil, models.SkipBlank
	}
	rec = &models.Record{Line: line, Values: make([]any, len(p.fields))}
	if width > 0 && (len(cells) < width || (len(cells) > width && !blank(cells[width:]))) {
		parts := make([]string, len(cells))
		for i, c := range cells {
			parts[i] = c.s
		}
		reason := fmt.Sprintf("rândul are %d coloane, antetul are %d", len(cells), width)
		if len(cells) < width {
			reason += " (rând scurt)"
		} else {
			reason += " (valori în plus după ultima coloană)"
		}
		rec.Errors = append(rec.Errors, models.RowError{File: p.opt.File, Line: line, Column: "*",
			Value: ingest.Truncate(strings.Join(parts, string(p.delimiter())), 200), Reason: reason})
		return rec, ""
	}
	for i, fp := range p.fps {
		var (
			c    cell
			name string
		)
		switch {
		case fp == nil && i == p.entity:
			c, name = cell{s: p.entityV}, p.fields[i].Name
		case fp == nil:
			continue
		case fp.col < 0:
			c, name = cell{s: fp.constant}, p.fields[i].Name
		default:
			c, name = p.cell(cells, fp.col), p.names[fp.col]
			if r, bad := rules.Misdecoded(c.s); bad {
				rec.Errors = append(rec.Errors, models.RowError{File: p.opt.File, Line: line, Column: name,
					Value: ingest.Truncate(c.s, 200), Reason: p.m.misdecodedReason(r)})
				continue
			}
		}
		if fp == nil {
			fp = &fieldPlan{field: p.fields[i]}
		}
		v, err := fp.value(c)
		if err != nil {
			rec.Errors = append(rec.Errors, models.RowError{File: p.opt.File, Line: line, Column: name,
				Value: ingest.Truncate(c.s, 200), Reason: err.Error()})
			continue
		}
		rec.Values[i] = v
	}
	if len(rec.Errors) == 0 {
		p.fillTerm(rec)
		ingest.Finish(p.opt, rec)
		// Finish names fields; a reject names the source column.
		for k := range rec.Errors {
			if i := models.FieldIndex(p.opt.Dataset, rec.Errors[k].Column); i >= 0 && p.fps[i] != nil && p.fps[i].col >= 0 {
				rec.Errors[k].Column = p.names[p.fps[i].col]
			}
		}
	}
	return rec, ""
}

// mappingHint adds to an ambiguous number what the mapping can do about it.
// (Apart from value, so that the hot path does not allocate the target of
// errors.As for every cell.)
func mappingHint(err error) error {
	var amb *rules.AmbiguousError
	if errors.As(err, &amb) {
		return fmt.Errorf("%w; alegeți numbers: ro sau intl în mapare", err)
	}
	return err
}

// fillTerm gives a request without term_days the term the mapping's terms
// table sets for its type; types it does not list get the legal default
// in ingest.Finish.
func (p *plan) fillTerm(rec *models.Record) {
	if p.m.Dataset != models.DatasetRequests || len(p.m.Terms) == 0 {
		return
	}
	ti, yi := models.FieldIndex(models.DatasetRequests, "term_days"), models.FieldIndex(models.DatasetRequests, "type")
	if rec.Values[ti] != nil {
		return
	}
	if t, ok := rec.Values[yi].(string); ok {
		if days, ok := p.m.Terms[t]; ok {
			rec.Values[ti] = days
		}
	}
}

func (p *plan) delimiter() rune {
	if p.delim == 0 {
		return ','
	}
	return p.delim
}

func blank(cells []cell) bool {
	for _, c := range cells {
		if strings.TrimSpace(c.s) != "" {
			return false
		}
	}
	return true
}

var errRequired = errors.New("valoare obligatorie lipsă")

// value turns one cell into the typed value of the field: extract, value
// map, default (when the value is still empty), then the field's type.
func (fp *fieldPlan) value(c cell) (any, error) {
	if c.kind == kindComposite {
		return nil, errors.New("valoare compusă (obiect sau listă JSON); se așteaptă o valoare simplă: alegeți o cale mai lungă")
	}
	s := c.s
	if fp.extract != nil && strings.TrimSpace(s) != "" {
		m := fp.extract.FindStringSubmatch(s)
		if m == nil {
			return nil, fmt.Errorf("valoarea nu are forma cerută de extract: %s", fp.extract)
		}
		s, c.kind = m[0], kindText
		if len(m) > 1 {
			s = m[1]
		}
	}
	if fp.vmap != nil {
		if v, ok := fp.vmap[rules.Fold(s)]; ok {
			s, c.kind = v, kindText
		}
	}
	if strings.TrimSpace(s) == "" && fp.def != nil {
		s, c.kind = *fp.def, kindText
	}
	f := fp.field
	if strings.TrimSpace(s) == "" {
		if f.Required {
			return nil, errRequired
		}
		return nil, nil
	}
	switch f.Type {
	case models.TypeAmount, models.TypeInt:
		var (
			d   rules.Decimal
			err error
		)
		if c.kind == kindNumber || c.kind == kindBool {
			d, err = rules.MachineNumber(s)
		} else {
			d, err = rules.Number(s, fp.numbers)
		}
		if err != nil {
			return nil, mappingHint(err)
		}
		if f.Type == models.TypeInt {
			return d.Int()
		}
		return d.Amount(fp.scale)
	case models.TypeDate:
		switch c.kind {
		case kindNumber:
			if !fp.xlsx {
				break // a JSON number: only the notations decide (excel for serials)
			}
			// An XLSX date cell is a serial day number; so is any number
			// cell in a date column: no other reading makes sense.
			return rules.ExcelSerial(s)
		case kindDate:
			return rules.Date(s, []string{rules.DatesISO})
		}
		return rules.Date(s, fp.dates)
	case models.TypeBool:
		if t := strings.TrimSpace(s); t == "x" || t == "X" {
			s = "true"
		}
	}
	return ingest.ParseValue(f, s)
}
