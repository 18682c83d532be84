package dashboards

import (
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// PreviewCell is a value of a published column (models.Preview: DuckDB's
// text of it) as a table cell of the page's language: amounts and counts
// grouped with the page's separators (1.234.567,89 in Romanian, 1,234,567.89
// in English), dates 23.11.2026 (23 Nov 2026), booleans da/nu (yes/no),
// years, months, codes and ids as written, texts from the data marked
// Romanian on English pages, a missing value "–". Raw keeps the value as
// the downloads have it.
func PreviewCell(lang string, c models.Column, v models.PreviewCell) Cell {
	if v.Null {
		return Cell{Text: "–"}
	}
	typ, s := c.Type, v.Value
	out := Cell{Text: s, Raw: s}
	switch {
	case strings.HasPrefix(typ, "DECIMAL"):
		if t, ok := formatDecimal(lang, s); ok {
			out.Text, out.Num = t, true
		}
	case typ == "BIGINT" || typ == "INTEGER" || typ == "SMALLINT":
		out.Num = true
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && !isIdentifier(c.Name) {
			out.Text = FormatCount(lang, n)
		}
	case typ == "DATE":
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			out.Text = FormatDate(lang, t)
		}
	case typ == "BOOLEAN":
		out.Text = map[bool]string{true: T(lang, "yes"), false: T(lang, "no")}[s == "true"]
	default:
		if lang == EN {
			out.Lang = RO
		}
	}
	return out
}

// isIdentifier: an integer column that is a year, a month, a code or an id,
// written without thousands separators.
func isIdentifier(name string) bool {
	return name == "year" || name == "month" || name == "siruta" ||
		strings.HasSuffix(name, "_year") || strings.HasSuffix(name, "_month") || strings.HasSuffix(name, "_id")
}

// formatDecimal writes a canonical decimal ("-1234567.89") with the page's
// separators.
func formatDecimal(lang, s string) (string, bool) {
	sign := ""
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, s = "-", rest
	}
	ip, fp, _ := strings.Cut(s, ".")
	n, err := strconv.ParseUint(ip, 10, 64)
	if err != nil || strings.Trim(fp, "0123456789") != "" {
		return "", false
	}
	th, dec := seps(lang)
	out := sign + groupDigits(n, th)
	if fp != "" {
		out += string(dec) + fp
	}
	return out, true
}
