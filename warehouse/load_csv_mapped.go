package warehouse

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/deschis/deschis/models"
)

// The SQL load path of the csv format with a mapping: the same statement as
// the canonical CSV's (csvInsert), with the file's delimiter and title lines,
// each field's cell taken through the mapping's extract, map and default, and
// its amounts, whole numbers and dates read in the mapping's notations by the
// macros of load_csv_rules_mapped.sql. A cell those cannot decide as the Go
// rule would (a regular expression that does not match, a text the SQL fold
// cannot compare, a notation's shape the macros do not cover) marks its row
// for the Go rules, as any cell the macros do not pass; so do the rows the
// mapping may skip (skip_rows_where, blank rows), which CSVFile.Row skips.

//go:embed load_csv_rules_mapped.sql
var csvRulesMappedSQL string

// MappedCSV is how a mapped file is written and read (the fields of
// ingest.MappedCSV; cmd/etl passes one to the other). The canonical format
// leaves it zero.
type MappedCSV struct {
	Delim      byte // 0: ','
	SkipLines  int  // physical lines above the header
	Fields     []*MappedField
	SkipWhere  []SkipWhere
	SkipBlank  bool
	Terms      map[string]int64
	Transcoded string // a UTF-8 copy read instead of Path, removed after the read
	Skipped    func() models.Skips
}

// MappedField is how one field is read (ingest.MappedField).
type MappedField struct {
	Constant *string
	Extract  string
	Map      map[string]string // folded source value -> value
	// Spellings: cells, as written, and the value Map gives them
	// (ingest.MappedField's), compared before any folding.
	Spellings map[string]string
	Default   *string
	Numbers   string
	Dates     []string
	Scale     int64
}

// SkipWhere is a skip_rows_where rule over column Col.
type SkipWhere struct {
	Col     int
	Matches string
}

func (f *CSVFile) delim() string {
	if f.Delim == 0 {
		return sqlString(",")
	}
	return sqlString(string(rune(f.Delim)))
}

// readPath is the file read_csv reads.
func (f *CSVFile) readPath() string {
	if f.Numbered != "" {
		return f.Numbered
	}
	if f.Transcoded != "" {
		return f.Transcoded
	}
	return f.Path
}

// mappedCell is the text field i takes before its type is read (extract,
// map, default: fieldPlan.value's order), as nullif(trimmed, ”) AS t<i>,
// and b<i>, true when SQL cannot decide it as the Go rule.
func (f *CSVFile) mappedCell(i int) string {
	mf := f.Fields[i]
	if mf == nil {
		return fmt.Sprintf("NULL AS t%d, false AS b%d", i, i)
	}
	x := "''"
	switch {
	case mf.Constant != nil:
		x = sqlString(*mf.Constant)
	case f.ColOf[i] >= 0:
		x = fmt.Sprintf("c%d", f.ColOf[i])
	}
	bail := []string{}
	if mf.Extract != "" {
		re := sqlString(mf.Extract)
		ex := fmt.Sprintf("CASE WHEN deschis_trim(%[1]s) = '' THEN %[1]s WHEN regexp_matches(%[1]s, %[2]s) THEN regexp_extract(%[1]s, %[2]s, 1) END", x, re)
		bail = append(bail, fmt.Sprintf("(%s) IS NULL", ex))
		x = ex
	}
	if len(mf.Map) > 0 {
		var when []string
		for _, k := range slices.Sorted(maps.Keys(mf.Map)) {
			when = append(when, fmt.Sprintf("WHEN %s THEN %s", sqlString(k), sqlString(mf.Map[k])))
		}
		key := fmt.Sprintf("deschis_map_key(%s)", x)
		folded := fmt.Sprintf("CASE %s %s ELSE %s END", key, strings.Join(when, " "), x)
		if len(mf.Spellings) == 0 {
			bail = append(bail, key+" IS NULL")
			x = folded
		} else {
			// A cell written as one of the spellings is mapped as it is;
			// only the others are folded (CASE evaluates its ELSE on the
			// rows no WHEN took; an OR would fold every cell).
			var exact, spelt []string
			for _, s := range slices.Sorted(maps.Keys(mf.Spellings)) {
				exact = append(exact, fmt.Sprintf("WHEN %s THEN %s", sqlString(s), sqlString(mf.Spellings[s])))
				spelt = append(spelt, sqlString(s))
			}
			bail = append(bail, fmt.Sprintf("CASE WHEN %s IN (%s) THEN false ELSE %s IS NULL END", x, strings.Join(spelt, ", "), key))
			x = fmt.Sprintf("CASE %s %s ELSE %s END", x, strings.Join(exact, " "), folded)
		}
	}
	if mf.Default != nil {
		x = fmt.Sprintf("CASE WHEN deschis_trim(%[1]s) = '' THEN %[2]s ELSE %[1]s END", x, sqlString(*mf.Default))
	}
	b := "false"
	if len(bail) > 0 {
		b = "coalesce(" + strings.Join(bail, " OR ") + ", true)"
	}
	if !needs(f.NoEdgeSpaces, f.EdgeSpaceCols, f.textCol(i)) {
		return fmt.Sprintf("nullif(%s, '') AS t%d, %s AS b%d", x, i, b, i)
	}
	return fmt.Sprintf("nullif(deschis_trim(%s), '') AS t%d, %s AS b%d", x, i, b, i)
}

// mappedTyped is the value and the test of field i of a mapped file for
// the types whose notation the mapping sets (amounts, whole numbers, dates);
// ok false for the others, which read as in the canonical format.
func (f *CSVFile) mappedTyped(i int, fd models.Field) (v, pass string, ok bool) {
	mf := f.Fields[i]
	if mf == nil {
		return "", "", false
	}
	t := fmt.Sprintf("t%d", i)
	switch fd.Type {
	case models.TypeAmount:
		v = fmt.Sprintf("deschis_%s_amount(%s, %d)", mf.Numbers, t, mf.Scale)
	case models.TypeInt:
		v = fmt.Sprintf("deschis_%s_int(%s)", mf.Numbers, t)
	case models.TypeDate:
		var when []string
		for _, n := range mf.Dates {
			when = append(when, fmt.Sprintf("WHEN deschis_%[1]s_date(%[2]s) IS NOT NULL THEN deschis_%[1]s_date(%[2]s) WHEN NOT deschis_%[1]s_decided(%[2]s) THEN NULL", n, t))
		}
		v = fmt.Sprintf("CASE %s END", strings.Join(when, " "))
		if len(when) == 0 {
			v = "NULL::DATE"
		}
	default:
		return "", "", false
	}
	// The value's alias, not the expression again: DuckDB reads an alias
	// of the same select list, and the macros run once per cell.
	return v, fmt.Sprintf("v%d IS NOT NULL", i), true
}

// mappedSkips is the test that a row may be one the mapping skips: its cell
// of a skip_rows_where rule matches, or (skip_blank_rows) all its cells are
// blank.
func (f *CSVFile) mappedSkips() string {
	var may []string
	for _, s := range f.SkipWhere {
		may = append(may, fmt.Sprintf("regexp_matches(c%d, %s)", s.Col, sqlString(s.Matches)))
	}
	if f.SkipBlank { // every cell blank: their concatenation is
		var cells []string
		for i := range f.Width {
			cells = append(cells, fmt.Sprintf("c%d", i))
		}
		// A row whose first cell has text is not blank: most rows are
		// decided without concatenating them (CASE evaluates its ELSE
		// on the rows no WHEN took).
		may = append(may, fmt.Sprintf("CASE WHEN deschis_trim(c0) <> '' THEN false ELSE deschis_trim(concat(%s)) = '' END", strings.Join(cells, ", ")))
	}
	if len(may) == 0 {
		return ""
	}
	return "NOT (" + strings.Join(may, " OR ") + ")"
}

// addSkips counts in fr the rows a file's reader skipped.
func addSkips(fr *FileResult, skips models.Skips) {
	for reason, n := range skips {
		if n > 0 {
			if fr.SkippedBy == nil {
				fr.SkippedBy = map[string]int64{}
			}
			fr.SkippedBy[reason] += n
			fr.RowsSkipped += n
		}
	}
}
