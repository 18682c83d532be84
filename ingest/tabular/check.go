package tabular

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// Check judges a parsed mapping and returns every problem found, each a
// *MappingError naming its YAML line: an unknown dataset, format or target
// field, a required field without a source, a constant, default or value-map
// target the field would refuse (an enum value it does not allow, a malformed
// date), a bad regexp, options that do not go together. An empty result
// means the mapping can be used.
func (m *Mapping) Check() []error {
	var errs []error
	add := func(line int, format string, args ...any) {
		errs = append(errs, &MappingError{File: m.File, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	fields, ok := models.SourceFields[m.Dataset]
	switch {
	case m.Dataset == "":
		add(0, "lipsește dataset: (unul dintre %s)", strings.Join(models.SourceDatasets, ", "))
	case !ok:
		add(m.Line("dataset"), "setul de date %q nu există; se acceptă: %s", m.Dataset, strings.Join(models.SourceDatasets, ", "))
	}
	if len(m.Terms) > 0 && m.Dataset != models.DatasetRequests {
		add(m.Line("terms"), "terms: se aplică doar setului requests")
	}
	for _, t := range sortedTermKeys(m.Terms) {
		if d := m.Terms[t]; d <= 0 || d > 365 {
			add(m.Line("terms"), "terms: termenul tipului %q este %d zile; se acceptă 1–365", t, d)
		}
	}
	switch m.Format {
	case FormatCSV, FormatXLSX, FormatJSON:
	case "":
		add(0, "lipsește format: (csv, xlsx sau json)")
	default:
		add(m.Line("format"), "formatul %q nu există; se acceptă: csv, xlsx, json", m.Format)
	}
	m.checkSource(add)
	if !slices.Contains([]string{rules.NumbersRO, rules.NumbersIntl, rules.NumbersAuto}, m.Numbers) {
		add(m.Line("numbers"), "notația numerică %q nu există; se acceptă: ro, intl, auto", m.Numbers)
	}
	checkDates(m.Dates, m.Line("dates"), add)
	if m.Scale < 1 {
		add(m.Line("scale"), "scale trebuie să fie un întreg pozitiv (1, sau 1000 pentru mii lei)")
	}
	entity := -1
	if ok {
		entity = entityField(m.Dataset)
	}
	if m.Entity != "" {
		switch {
		case ok && entity < 0:
			add(m.Line("entity"), "setul %s nu are câmp de instituție: entity: nu se aplică", m.Dataset)
		default:
			if _, err := rules.FiscalCode(m.Entity); err != nil {
				add(m.Line("entity"), "entity: %v", err)
			}
		}
	}
	if len(m.Fields) == 0 {
		add(m.Line("fields"), "lipsește fields: (câmpurile setului și de unde vin)")
	}
	mapped := map[string]bool{}
	for _, fm := range m.Fields {
		mapped[fm.Field] = true
		if !ok || fm.misshapen {
			continue
		}
		i := models.FieldIndex(m.Dataset, fm.Field)
		if i < 0 {
			names := make([]string, len(fields))
			for j, f := range fields {
				names[j] = f.Name
			}
			add(fm.Line, "câmpul %q nu există în setul %s; câmpurile sunt: %s", fm.Field, m.Dataset, strings.Join(names, ", "))
			continue
		}
		if i == entity && m.Entity != "" {
			add(fm.Line, "câmpul %s vine și din entity: și din fields; păstrați unul", fm.Field)
		}
		m.checkField(fm, fields[i], add)
	}
	if ok {
		for i, f := range fields {
			if f.Required && !mapped[f.Name] && i != entity {
				add(m.Line("fields"), "câmpul obligatoriu %s (%s) nu are sursă: dați column, constant sau default", f.Name, f.Description)
			}
		}
	}
	return errs
}

func (m *Mapping) checkSource(add func(int, string, ...any)) {
	s := m.Source
	switch s.Encoding {
	case EncodingAuto, EncodingUTF8, EncodingWin1250, EncodingLatin2:
		if m.Format == FormatXLSX && m.Line("source.encoding") > 0 {
			add(m.Line("source.encoding"), "encoding nu se aplică la xlsx (textul din XLSX este întotdeauna Unicode)")
		}
	default:
		add(m.Line("source.encoding"), "codificarea %q nu există; se acceptă: auto, utf-8, windows-1250, iso-8859-2", s.Encoding)
	}
	if m.Line("source.delimiter") > 0 {
		if m.Format != FormatCSV {
			add(m.Line("source.delimiter"), "delimiter se aplică doar la csv")
		} else if _, err := delimiterRune(s.Delimiter); err != nil && s.Delimiter != "auto" {
			add(m.Line("source.delimiter"), "%v", err)
		}
	}
	if s.HeaderRow < 0 {
		add(m.Line("source.header_row"), "header_row este numărul rândului antetului (de la 1) sau 0 când nu există antet")
	}
	if m.Format == FormatJSON && m.Line("source.header_row") > 0 {
		add(m.Line("source.header_row"), "header_row nu se aplică la json: coloanele sunt căi în înregistrare")
	}
	if s.Sheet != "" && m.Format != FormatXLSX {
		add(m.Line("source.sheet"), "sheet se aplică doar la xlsx")
	}
	if s.Records != "" {
		if m.Format != FormatJSON {
			add(m.Line("source.records"), "records se aplică doar la json")
		} else if !validPath(s.Records) {
			add(m.Line("source.records"), "calea %q nu este de forma a.b.c", s.Records)
		}
	}
	for _, r := range s.SkipRowsWhere {
		if r.Column.IsZero() {
			add(r.Line, "skip_rows_where cere column")
		} else {
			m.checkColumn(r.Column, r.Line, add)
		}
		if r.Matches == "" {
			add(r.Line, "skip_rows_where cere matches (o expresie regulată)")
		} else if _, err := regexp.Compile(r.Matches); err != nil {
			add(r.Line, "expresia regulată %q este greșită: %v", r.Matches, err)
		}
	}
}

func (m *Mapping) checkColumn(c Column, line int, add func(int, string, ...any)) {
	switch {
	case m.Format == FormatJSON && c.Position > 0:
		add(line, "la json coloana este o cale în înregistrare (\"buyer.fiscalCode\"), nu o poziție")
	case m.Format == FormatJSON && !validPath(c.Name):
		add(line, "calea %q nu este de forma a.b.c", c.Name)
	case c.Name != "" && m.Format != FormatJSON && m.Source.HeaderRow == 0:
		add(line, "coloana %q este dată prin nume, dar header_row: 0 spune că fișierul nu are antet; dați poziția", c.Name)
	case c.Name != "" && strings.TrimSpace(c.Name) == "":
		add(line, "numele coloanei este gol")
	}
}

func checkDates(dates []string, line int, add func(int, string, ...any)) {
	if len(dates) == 0 {
		add(line, "dates cere cel puțin o notație: dmy, iso, us, excel")
	}
	for _, d := range dates {
		if !slices.Contains(rules.DateNotations, d) {
			add(line, "notația de dată %q nu există; se acceptă: dmy, iso, us, excel", d)
		}
	}
}

func (m *Mapping) checkField(fm FieldMap, f models.Field, add func(int, string, ...any)) {
	key := "fields." + fm.Field
	line := func(sub string) int {
		if l := m.Line(key + "." + sub); l > 0 {
			return l
		}
		return fm.Line
	}
	switch {
	case fm.Constant != nil && !fm.Column.IsZero():
		add(fm.Line, "câmpul %s are și column și constant; păstrați unul", fm.Field)
	case fm.Constant == nil && fm.Column.IsZero():
		add(fm.Line, "câmpul %s cere column sau constant", fm.Field)
	case fm.Constant != nil && (fm.Default != nil || fm.Map != nil || fm.Extract != ""):
		add(fm.Line, "câmpul %s are constant: default, map și extract nu se aplică unei constante", fm.Field)
	case !fm.Column.IsZero():
		m.checkColumn(fm.Column, line("column"), add)
	}
	isNum := f.Type == models.TypeAmount || f.Type == models.TypeInt
	if fm.Numbers != "" && !isNum {
		add(line("numbers"), "numbers se aplică doar câmpurilor numerice; %s este %s", fm.Field, f.Type)
	} else if fm.Numbers != "" && !slices.Contains([]string{rules.NumbersRO, rules.NumbersIntl, rules.NumbersAuto}, fm.Numbers) {
		add(line("numbers"), "notația numerică %q nu există; se acceptă: ro, intl, auto", fm.Numbers)
	}
	if fm.Dates != nil {
		if f.Type != models.TypeDate {
			add(line("dates"), "dates se aplică doar câmpurilor de tip dată; %s este %s", fm.Field, f.Type)
		} else {
			checkDates(fm.Dates, line("dates"), add)
		}
	}
	if fm.Scale != 0 {
		if f.Type != models.TypeAmount {
			add(line("scale"), "scale se aplică doar sumelor; %s este %s", fm.Field, f.Type)
		} else if fm.Scale < 1 {
			add(line("scale"), "scale trebuie să fie un întreg pozitiv")
		}
	}
	var extractOK = true
	if fm.Extract != "" {
		re, err := regexp.Compile(fm.Extract)
		switch {
		case err != nil:
			add(line("extract"), "expresia regulată %q este greșită: %v", fm.Extract, err)
			extractOK = false
		case re.NumSubexp() > 1:
			add(line("extract"), "extract are %d grupuri; se păstrează doar primul: folosiți (?:...) pentru celelalte", re.NumSubexp())
		}
	}
	// Constants, defaults and map targets must be values the field accepts:
	// judged by the same code that reads the cells.
	fp, err := newFieldPlan(m, fm, f)
	if err != nil || !extractOK || m.Numbers == "" || len(fp.dates) == 0 {
		return
	}
	fp.extract, fp.vmap = nil, nil
	try := func(line int, what, v string) {
		if strings.TrimSpace(v) == "" && f.Required {
			add(line, "%s %s: câmpul obligatoriu %s nu poate primi o valoare goală", what, quote(v), fm.Field)
			return
		}
		if _, err := fp.value(cell{s: v}); err != nil {
			add(line, "%s %s nu este o valoare bună pentru %s (%s): %v", what, quote(v), fm.Field, f.Type, err)
		}
	}
	if fm.Constant != nil {
		try(line("constant"), "constanta", *fm.Constant)
	}
	if fm.Default != nil {
		fp.def = nil
		try(line("default"), "valoarea implicită", *fm.Default)
	}
	seen := map[string]string{}
	for _, k := range sortedKeys(fm.Map) {
		l := m.Line(key + ".map." + k)
		if l == 0 {
			l = line("map")
		}
		if prev, dup := seen[rules.Fold(k)]; dup {
			add(l, "map are cheile %q și %q, care sunt aceeași valoare fără diacritice și majuscule", prev, k)
		}
		seen[rules.Fold(k)] = k
		try(l, "map "+quote(k)+" →", fm.Map[k])
	}
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// validPath: dot-separated non-empty segments.
func validPath(p string) bool {
	for _, s := range strings.Split(p, ".") {
		if strings.TrimSpace(s) == "" {
			return false
		}
	}
	return true
}

// delimiterRune reads the delimiter option: one character, or "tab".
func delimiterRune(d string) (rune, error) {
	switch strings.ToLower(d) {
	case "tab", `\t`:
		return '\t', nil
	}
	r, n := utf8.DecodeRuneInString(d)
	if n == 0 || n != len(d) || r == utf8.RuneError {
		return 0, fmt.Errorf("delimiter trebuie să fie auto sau un singur caracter (de ex. \";\" sau tab), nu %q", d)
	}
	if r == '"' || r == '\r' || r == '\n' {
		return 0, fmt.Errorf("delimiter nu poate fi %q", d)
	}
	return r, nil
}

// CheckFile reads the mapping at path and returns every problem it has, all
// at once: unknown keys and values of the wrong shape, what Check finds and,
// given a sample (nil: none), the columns the sample lacks. The mapping is
// nil when the file cannot be read as a mapping at all.
func CheckFile(path string, sample io.Reader) (*Mapping, []error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, []error{fmt.Errorf("%w: maparea %s nu poate fi citită: %v", models.ErrInvalid, path, err)}
	}
	m, errs := parseMapping(path, data)
	if m == nil {
		return nil, errs
	}
	if sample == nil {
		errs = append(errs, m.Check()...)
	} else {
		errs = append(errs, m.CheckAgainst(sample)...)
	}
	sort.SliceStable(errs, func(i, j int) bool { return errLine(errs[i]) < errLine(errs[j]) })
	return m, errs
}

// errLine orders problems by their YAML line; the others (a sample that
// cannot be read) come last.
func errLine(err error) int {
	var me *MappingError
	if errors.As(err, &me) {
		return me.Line
	}
	return 1 << 30
}

// CheckAgainst checks the mapping (see Check) and then the header of a sample
// file: every column the mapping names must exist in it. Only the header (for
// json, the first record) is read. The sample is checked whatever Check
// found, unless the format is unknown or the options needed to read it are
// wrong (Check has said which).
func (m *Mapping) CheckAgainst(r io.Reader) []error {
	errs := m.Check()
	if !slices.Contains([]string{FormatCSV, FormatXLSX, FormatJSON}, m.Format) {
		return errs
	}
	readErr := func(err error) []error {
		if errors.Is(err, models.ErrInvalid) && len(errs) > 0 {
			return errs // an option Check refused already
		}
		return append(errs, err)
	}
	var present func(c Column) bool
	switch m.Format {
	case FormatJSON:
		first, err := firstJSONRecord(m, r)
		if err != nil {
			return readErr(err)
		}
		present = func(c Column) bool { _, ok := lookupPath(first, c.Name); return ok }
	default:
		header, width, err := sampleHeader(m, r)
		if err != nil {
			return readErr(err)
		}
		pos := map[string]bool{}
		for _, h := range header {
			pos[rules.HeaderKey(h)] = true
		}
		present = func(c Column) bool {
			if c.Position > 0 {
				return c.Position <= width
			}
			return m.Source.HeaderRow == 0 || pos[rules.HeaderKey(c.Name)] // a name without a header: Check said so
		}
	}
	for _, fm := range m.Fields {
		if fm.Constant == nil && !fm.misshapen && !present(fm.Column) {
			errs = append(errs, &MappingError{File: m.File, Line: m.Line("fields." + fm.Field + ".column"),
				Msg: fmt.Sprintf("coloana %s a câmpului %s nu există în eșantion", columnText(fm.Column), fm.Field)})
		}
	}
	for _, s := range m.Source.SkipRowsWhere {
		if !present(s.Column) {
			errs = append(errs, &MappingError{File: m.File, Line: s.Line,
				Msg: fmt.Sprintf("coloana %s din skip_rows_where nu există în eșantion", columnText(s.Column))})
		}
	}
	return errs
}

func columnText(c Column) string {
	if c.Position > 0 {
		return c.String()
	}
	return fmt.Sprintf("%q", c.Name)
}

// errCheck joins the problems of a mapping into one models.ErrInvalid error.
func errCheck(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: maparea are %d probleme:\n%w", models.ErrInvalid, len(errs), errors.Join(errs...))
}

func sortedTermKeys(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
