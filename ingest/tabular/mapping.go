// Package tabular reads CSV, XLSX and JSON files of any shape, driven by a
// declarative YAML mapping from the source's columns to the fields of a
// Deschis dataset (models.SourceFields). See docs/mapping.md.
//
// A Mapping is plain data (no compiled state): the same value is what the
// readers here interpret row by row and what the warehouse can compile into
// set-based SQL.
package tabular

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// Formats a mapping can read.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
	FormatJSON = "json"
)

// Mapping says how to read one kind of source file into one dataset.
type Mapping struct {
	File    string // where the mapping was read from, for messages
	Dataset string // one of models.SourceDatasets
	Format  string // FormatCSV, FormatXLSX or FormatJSON
	// Entity is a constant fiscal code (CUI) for the dataset's entity field
	// (entity_cui, or buyer_cui for procurement); "" when the file has a
	// column for it or the load gives --entity.
	Entity  string
	Source  Source
	Numbers string   // default number notation: rules.NumbersRO (default), rules.NumbersIntl, rules.NumbersAuto
	Dates   []string // default date notations, tried in order; default [dmy, iso]
	Scale   int64    // default multiplier of amounts (1000 for "mii lei"); default 1
	Fields  []FieldMap
	// Terms gives the legal term in days of request types the law table
	// (models.DefaultTerms) does not know, or overrides it: used for a
	// request whose term_days is missing (requests only).
	Terms map[string]int64

	lines map[string]int // YAML line of each key ("fields.channel.map"), for messages
}

// Source says where the records are in the file.
type Source struct {
	Encoding  string // EncodingAuto (default), EncodingUTF8, EncodingWin1250, EncodingLatin2
	Delimiter string // "auto" (default) or one character (csv)
	// HeaderRow is the 1-based row of the header, as a text editor or a
	// spreadsheet numbers rows (blank lines count); 0: no header, columns are
	// given by position. Default 1. Not used for json.
	HeaderRow     int
	Sheet         string     // xlsx: sheet name; "" = the first sheet
	Records       string     // json: dot path to the array of records; "" = a top-level array or NDJSON
	SkipRowsWhere []SkipRule // rows skipped (not rejected), e.g. totals
	SkipBlankRows bool       // default true
}

// SkipRule skips the rows whose raw cell in Column matches the Go regexp.
type SkipRule struct {
	Column  Column
	Matches string
	Line    int
}

// Column names a source column: by header text (matched trimmed, ignoring
// case, diacritics and repeated spaces), by 1-based position, or, for json,
// by dot path inside the record ("buyer.fiscalCode").
type Column struct {
	Name     string
	Position int
}

// IsZero reports whether no column is named.
func (c Column) IsZero() bool { return c.Name == "" && c.Position == 0 }

// String is the column as messages show it: its name, or #3 by position.
func (c Column) String() string {
	if c.Position > 0 {
		return "#" + strconv.Itoa(c.Position)
	}
	return c.Name
}

// FieldMap says where one field of the dataset comes from.
type FieldMap struct {
	Field    string  // the target: a field of the dataset
	Column   Column  // the source column; zero when Constant is set
	Constant *string // the same value on every row
	Default  *string // the value taken when the cell is empty (after extract and map)
	// Map replaces source values (keys matched ignoring case and diacritics)
	// before parsing; values not in it are parsed as they are. A key mapped
	// to "" empties the cell.
	Map map[string]string
	// Extract is a Go regexp with one group: the cell is replaced by what the
	// group matched ("^(\d{2})" keeps a chapter out of "510110"); a cell that
	// does not match is a reject.
	Extract string
	Numbers string   // overrides Mapping.Numbers for this field
	Dates   []string // overrides Mapping.Dates
	Scale   int64    // overrides Mapping.Scale; 0 = inherit
	Line    int      // YAML line, for messages
	// misshapen: a value of it has the wrong shape (reported by
	// ParseMapping); Check and CheckAgainst say nothing more about it.
	misshapen bool
}

// MappingError is one problem of a mapping, at a line of its YAML file.
type MappingError struct {
	File string
	Line int
	Msg  string
}

func (e *MappingError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Unwrap makes every mapping problem a models.ErrInvalid (exit code 2).
func (e *MappingError) Unwrap() error { return models.ErrInvalid }

// LoadMapping reads and parses a mapping file (see ParseMapping).
func LoadMapping(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: maparea %s nu poate fi citită: %v", models.ErrInvalid, path, err)
	}
	return ParseMapping(path, data)
}

// ParseMapping parses a mapping strictly: an unknown key, a value of the
// wrong shape or a duplicate key is an error naming its line (every unknown
// key and every wrong shape at once, joined). It fills the defaults but does
// not judge the content: call Check for that (Open does).
func ParseMapping(name string, data []byte) (*Mapping, error) {
	m, errs := parseMapping(name, data)
	if len(errs) == 1 {
		return nil, errs[0]
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return m, nil
}

// parseMapping parses a mapping and returns its problems of form: every
// unknown key and every value of the wrong shape. The mapping is nil only
// when the document cannot be read as a mapping at all (broken YAML, a
// duplicate key, a value of the wrong type); otherwise it is what the
// known keys say, so that Check and a sample can judge the rest in the same
// round.
func parseMapping(name string, data []byte) (*Mapping, []error) {
	if strings.TrimSpace(string(data)) == "" {
		return nil, []error{&MappingError{File: name, Msg: "maparea este goală"}}
	}
	f, err := parseYAML(data)
	if err != nil {
		return nil, []error{yamlError(name, err)}
	}
	var y yamlMapping
	if err := decodeYAML(data, &y); err != nil {
		return nil, []error{yamlError(name, err)}
	}
	var errs []error
	for _, d := range f.Docs {
		for _, u := range unknownKeys(d.Body, reflect.TypeFor[yamlMapping](), "") {
			errs = append(errs, &MappingError{File: filepath.Base(name), Line: u.line, Msg: u.msg})
		}
	}
	for _, ne := range y.shapeErrors() {
		errs = append(errs, &MappingError{File: filepath.Base(name), Line: ne.line, Msg: ne.msg})
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].(*MappingError).Line < errs[j].(*MappingError).Line })
	m := &Mapping{
		File: filepath.Base(name), Dataset: y.Dataset, Format: y.Format, Entity: y.Entity.s,
		Numbers: or(y.Numbers, rules.NumbersRO), Dates: y.Dates, Scale: 1, Terms: y.Terms,
		Source: Source{
			Encoding: or(y.Source.Encoding, EncodingAuto), Delimiter: or(y.Source.Delimiter.s, "auto"),
			HeaderRow: 1, Sheet: y.Source.Sheet.s, Records: y.Source.Records, SkipBlankRows: true,
		},
		lines: map[string]int{},
	}
	if m.Dates == nil {
		m.Dates = []string{rules.DatesDMY, rules.DatesISO}
	}
	if y.Scale != nil {
		m.Scale = *y.Scale
	}
	if y.Source.HeaderRow != nil {
		m.Source.HeaderRow = *y.Source.HeaderRow
	}
	if y.Source.SkipBlankRows != nil {
		m.Source.SkipBlankRows = *y.Source.SkipBlankRows
	}
	for _, d := range f.Docs {
		collectLines(d.Body, "", m.lines)
	}
	for i, s := range y.Source.SkipRowsWhere {
		m.Source.SkipRowsWhere = append(m.Source.SkipRowsWhere, SkipRule{
			Column: s.Column.col, Matches: s.Matches, Line: m.lines["source.skip_rows_where."+strconv.Itoa(i)]})
	}
	for name, yf := range y.Fields {
		fm := FieldMap{Field: name, Map: yf.Map.m, Extract: yf.Extract, Numbers: yf.Numbers, Dates: yf.Dates, Line: m.lines["fields."+name]}
		if yf.Column != nil {
			fm.Column = yf.Column.col
			fm.misshapen = yf.Column.err != nil
		}
		if yf.Constant != nil {
			fm.Constant = &yf.Constant.s
			fm.misshapen = fm.misshapen || yf.Constant.err != nil
		}
		if yf.Default != nil {
			fm.Default = &yf.Default.s
			fm.misshapen = fm.misshapen || yf.Default.err != nil
		}
		fm.misshapen = fm.misshapen || yf.Map.err != nil
		if yf.Scale != nil {
			fm.Scale = *yf.Scale
			if fm.Scale == 0 {
				fm.Scale = -1 // "scale: 0" is an error, not "inherit"
			}
		}
		m.Fields = append(m.Fields, fm)
	}
	sort.Slice(m.Fields, func(i, j int) bool { return m.Fields[i].Line < m.Fields[j].Line })
	return m, errs
}

// decodeYAML decodes leniently (unknown keys are found by unknownKeys, all
// of them); the YAML library panics on some malformed documents (the
// mapping fuzzer found one): such a document is refused, never a crash.
func decodeYAML(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("documentul YAML nu poate fi citit (%v)", r)
		}
	}()
	return yaml.Unmarshal(data, v)
}

func parseYAML(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("documentul YAML nu poate fi citit (%v)", r)
		}
	}()
	return parser.ParseBytes(data, 0)
}

// unknownKeys walks a YAML node against the Go type it decodes into and
// returns every key that type does not have, with the keys it has.
func unknownKeys(n ast.Node, t reflect.Type, path string) []nodeError {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(reflect.TypeFor[interface{ UnmarshalYAML(ast.Node) error }]()) {
		return nil // a value of its own shape (scalar, column, map of values)
	}
	var out []nodeError
	switch t.Kind() {
	case reflect.Struct:
		known := map[string]reflect.Type{}
		var names []string
		for i := range t.NumField() {
			if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" {
				known[tag] = t.Field(i).Type
				names = append(names, tag)
			}
		}
		for _, kv := range mappingValues(n) {
			k, _ := scalarText(kv.Key)
			ft, ok := known[k]
			if !ok {
				where := ""
				if path != "" {
					where = " în " + path
				}
				out = append(out, nodeError{kv.Key.GetToken().Position.Line, fmt.Sprintf("cheie necunoscută %q%s; se acceptă: %s", k, where, strings.Join(names, ", "))})
				continue
			}
			out = append(out, unknownKeys(kv.Value, ft, join(path, k))...)
		}
	case reflect.Map:
		for _, kv := range mappingValues(n) {
			k, _ := scalarText(kv.Key)
			out = append(out, unknownKeys(kv.Value, t.Elem(), join(path, k))...)
		}
	case reflect.Slice:
		if sn, ok := n.(*ast.SequenceNode); ok {
			for i, v := range sn.Values {
				out = append(out, unknownKeys(v, t.Elem(), join(path, strconv.Itoa(i+1)))...)
			}
		}
	}
	return out
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// mappingValues are the key-value pairs of a mapping node (a one-pair block
// mapping comes as the pair itself).
func mappingValues(n ast.Node) []*ast.MappingValueNode {
	switch n := n.(type) {
	case *ast.MappingNode:
		return n.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{n}
	}
	return nil
}

// shapeErrors are the values of the wrong shape the decoder kept going past.
func (y *yamlMapping) shapeErrors() []nodeError {
	var out []nodeError
	add := func(e *nodeError) {
		if e != nil {
			out = append(out, *e)
		}
	}
	add(y.Entity.err)
	add(y.Source.Delimiter.err)
	add(y.Source.Sheet.err)
	for _, s := range y.Source.SkipRowsWhere {
		add(s.Column.err)
	}
	for _, name := range sortedFieldNames(y.Fields) {
		f := y.Fields[name]
		if f.Column != nil {
			add(f.Column.err)
		}
		if f.Constant != nil {
			add(f.Constant.err)
		}
		if f.Default != nil {
			add(f.Default.err)
		}
		add(f.Map.err)
	}
	return out
}

func sortedFieldNames(m map[string]yamlField) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Line returns the YAML line of a key path such as "source.sheet" or
// "fields.channel.map", or 0.
func (m *Mapping) Line(path string) int { return m.lines[path] }

// Field returns the mapping of a target field, or nil.
func (m *Mapping) Field(name string) *FieldMap {
	for i := range m.Fields {
		if m.Fields[i].Field == name {
			return &m.Fields[i]
		}
	}
	return nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// The YAML shapes. Scalars keep their text as written (04.02 stays "04.02",
// not the float 4.02).
type yamlMapping struct {
	Dataset string               `yaml:"dataset"`
	Format  string               `yaml:"format"`
	Entity  scalar               `yaml:"entity"`
	Source  yamlSource           `yaml:"source"`
	Numbers string               `yaml:"numbers"`
	Dates   []string             `yaml:"dates"`
	Scale   *int64               `yaml:"scale"`
	Terms   map[string]int64     `yaml:"terms"`
	Fields  map[string]yamlField `yaml:"fields"`
}

type yamlSource struct {
	Encoding      string     `yaml:"encoding"`
	Delimiter     scalar     `yaml:"delimiter"`
	HeaderRow     *int       `yaml:"header_row"`
	Sheet         scalar     `yaml:"sheet"`
	Records       string     `yaml:"records"`
	SkipRowsWhere []yamlSkip `yaml:"skip_rows_where"`
	SkipBlankRows *bool      `yaml:"skip_blank_rows"`
}

type yamlSkip struct {
	Column  column `yaml:"column"`
	Matches string `yaml:"matches"`
}

type yamlField struct {
	Column   *column  `yaml:"column"`
	Constant *scalar  `yaml:"constant"`
	Default  *scalar  `yaml:"default"`
	Map      valueMap `yaml:"map"`
	Extract  string   `yaml:"extract"`
	Numbers  string   `yaml:"numbers"`
	Dates    []string `yaml:"dates"`
	Scale    *int64   `yaml:"scale"`
}

// scalar is any YAML scalar, kept as the text written. A value of another
// shape is kept as err, so that decoding goes on and every problem of the
// mapping is reported at once (shapeErrors); so are column's and valueMap's.
type scalar struct {
	s   string
	err *nodeError
}

func (v *scalar) UnmarshalYAML(n ast.Node) error {
	s, err := scalarText(n)
	v.s, v.err = s, asNodeError(err)
	return nil
}

func asNodeError(err error) *nodeError {
	var ne *nodeError
	if errors.As(err, &ne) {
		return ne
	}
	return nil
}

func scalarText(n ast.Node) (string, error) {
	switch n := n.(type) {
	case *ast.StringNode:
		return n.Value, nil
	case *ast.LiteralNode:
		return n.Value.Value, nil
	case *ast.NullNode:
		return "", nil
	case *ast.MappingNode, *ast.MappingValueNode:
		return "", &nodeError{n.GetToken().Position.Line, "se așteaptă o valoare simplă, nu perechi cheie: valoare"}
	case *ast.SequenceNode:
		return "", &nodeError{n.GetToken().Position.Line, "se așteaptă o valoare simplă, nu o listă"}
	case *ast.TagNode, *ast.AnchorNode, *ast.AliasNode:
		return "", &nodeError{n.GetToken().Position.Line, "se așteaptă o valoare simplă, fără etichete, ancore sau trimiteri YAML"}
	}
	return n.GetToken().Value, nil
}

// column is a header name (a YAML string) or a 1-based position (an integer).
type column struct {
	col Column
	err *nodeError
}

func (c *column) UnmarshalYAML(n ast.Node) error {
	if in, ok := n.(*ast.IntegerNode); ok {
		p, err := strconv.Atoi(in.GetToken().Value)
		if err != nil || p < 1 {
			c.err = &nodeError{n.GetToken().Position.Line, "poziția coloanei începe de la 1"}
			return nil
		}
		c.col.Position = p
		return nil
	}
	s, err := scalarText(n)
	c.col.Name, c.err = s, asNodeError(err)
	return nil
}

// valueMap is a map of scalars to scalars, keys kept as written.
type valueMap struct {
	m   map[string]string
	err *nodeError
}

func (v *valueMap) UnmarshalYAML(n ast.Node) error {
	v.err = asNodeError(v.unmarshal(n))
	return nil
}

func (v *valueMap) unmarshal(n ast.Node) error {
	mn, ok := n.(*ast.MappingNode)
	if !ok {
		if mv, ok := n.(*ast.MappingValueNode); ok { // a one-entry block mapping
			mn = &ast.MappingNode{Values: []*ast.MappingValueNode{mv}}
		} else if _, null := n.(*ast.NullNode); null {
			return nil
		} else {
			return &nodeError{n.GetToken().Position.Line, "map cere perechi valoare-din-sursă: valoare-a-câmpului"}
		}
	}
	v.m = map[string]string{}
	for _, e := range mn.Values {
		k, err := scalarText(e.Key)
		if err != nil {
			return err
		}
		val, err := scalarText(e.Value)
		if err != nil {
			return err
		}
		v.m[k] = val
	}
	return nil
}

// collectLines records the line of every key of the document by its dotted
// path, and of every sequence item by its index.
func collectLines(n ast.Node, path string, lines map[string]int) {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, v := range n.Values {
			collectLines(v, path, lines)
		}
	case *ast.MappingValueNode:
		k, _ := scalarText(n.Key)
		p := join(k)
		lines[p] = n.Key.GetToken().Position.Line
		collectLines(n.Value, p, lines)
	case *ast.SequenceNode:
		for i, v := range n.Values {
			p := join(strconv.Itoa(i))
			lines[p] = v.GetToken().Position.Line
			collectLines(v, p, lines)
		}
	}
}

// nodeError is a shape error of one YAML node found by our unmarshalers.
type nodeError struct {
	line int
	msg  string
}

func (e *nodeError) Error() string { return e.msg }

// yamlError turns a YAML parse error into a MappingError with its line.
func yamlError(name string, err error) error {
	var ne *nodeError
	if errors.As(err, &ne) {
		return &MappingError{File: filepath.Base(name), Line: ne.line, Msg: ne.msg}
	}
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		msg := ye.GetMessage()
		var uf *yaml.UnknownFieldError
		var dk *yaml.DuplicateKeyError
		switch {
		case errors.As(err, &uf):
			msg = "cheie necunoscută (" + msg + ")"
		case errors.As(err, &dk) || strings.Contains(msg, "already defined"):
			msg = "cheie repetată (" + msg + ")"
		default:
			msg = "YAML invalid: " + msg
		}
		return &MappingError{File: filepath.Base(name), Line: ye.GetToken().Position.Line, Msg: msg}
	}
	return &MappingError{File: filepath.Base(name), Msg: "YAML invalid: " + err.Error()}
}
