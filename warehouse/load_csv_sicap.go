package warehouse

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/deschis/deschis/models"
)

// The SQL load path of SICAP's CSV shapes (ingest/sicap's SQLFile): the same
// statement as the canonical CSV's (csvSelect), with the file's delimiter,
// each field of a contract built from the shape's columns as the SICAP
// reader builds it (the contract id from the notice and contract numbers,
// the buyer's code and name split from "CUI - denumire", the kind from how
// the contract was concluded, "NA" cells read as missing) and typed by the
// value rules, its amounts in the file's notation and its dates within
// 1990–2100 by the macros of load_csv_rules_sicap.sql. A cell SQL cannot
// decide as the Go rule (several winners in one cell, a supplier code that
// is not plain digits, a state that is not plainly an award, a shape the
// macros do not cover) marks its row for the Go reader (CSVFile.Row), as any
// cell the macros do not pass; the Go reader skips and counts what it passes
// over (CSVFile.Skipped).

//go:embed load_csv_rules_sicap.sql
var csvRulesSicapTemplate string

// csvRulesSicapSQL is the macros with the white space of strings.Fields
// (unicode.IsSpace) written out.
var csvRulesSicapSQL = strings.NewReplacer("{{unicode_spaces_re}}", unicodeSpaces(true)).Replace(csvRulesSicapTemplate)

// SicapCSV is the columns of a SICAP export's shape (the fields of
// ingest.SicapCSV, which converts to it; -1: a part the file does not have).
type SicapCSV struct {
	Notice, ContractNo                      int
	BuyerCUI, BuyerName, BuyerNameAndCUI    int
	SupplierCUI, SupplierName               int
	Title, CPV, AwardDate, NoticeDate       int
	Procedure, Offers, EU, EUFund           int
	ContractType, Parent, Investment, State int
	Value, Currency                         int
	Kind                                    string
	Numbers                                 string
	Awarded                                 []string
}

// sicapCol is the reader's cell of column k (trimmed, "NA" as empty:
// s<k>, computed once by sicapLined), empty for a column the file does not
// have.
func sicapCol(k int) string {
	if k < 0 {
		return "''"
	}
	return fmt.Sprintf("s%d", k)
}

// sicapLined adds to the query of a file's cells (c<k>) the reader's cell
// of each column the shape uses (s<k>), the folded state and fund name and
// the kind, each computed once per row: a macro's argument is copied where
// the macro uses it, and DuckDB does not share what repeats inside a CASE.
func (f *CSVFile) sicapLined(lined string) string {
	s := f.Sicap
	used := map[int]bool{}
	for _, k := range []int{s.Notice, s.ContractNo, s.BuyerCUI, s.BuyerName, s.BuyerNameAndCUI, s.SupplierCUI, s.SupplierName,
		s.Title, s.CPV, s.AwardDate, s.NoticeDate, s.Procedure, s.Offers, s.EU, s.EUFund, s.ContractType, s.Parent, s.Investment,
		s.State, s.Value} {
		if k >= 0 {
			used[k] = true
		}
	}
	var trim, missing []string
	for k := range f.Width {
		if used[k] {
			trim = append(trim, fmt.Sprintf("deschis_trim(c%d) AS s%d", k, k))
			missing = append(missing, fmt.Sprintf("deschis_sicap_missing(s%d) AS s%d", k, k))
		}
	}
	q := fmt.Sprintf("SELECT * REPLACE (%s) FROM (SELECT *, %s FROM (%s))", strings.Join(missing, ", "), strings.Join(trim, ", "), lined)
	kind := sqlString(s.Kind)
	if s.Kind == "" {
		kind = "deschis_sicap_kind_compact(sk_compact)"
	}
	q = fmt.Sprintf("SELECT *, deschis_fold(%s) AS sk_state, deschis_fold(%s) AS sk_fund, regexp_replace(deschis_fold(%s), '[^a-z0-9]', '', 'g') AS sk_compact FROM (%s)",
		sicapCol(s.State), sicapCol(s.EUFund), sicapCol(s.ContractType), q)
	return fmt.Sprintf("SELECT *, %s AS sk_kind FROM (%s)", kind, q)
}

// sicapCell is the text field i of a SICAP export takes before its type is
// read, as nullif(text, empty) AS t<i>, and b<i>, true when SQL cannot decide
// it as the Go reader (the row-level tests, the award state, are field 0's).
func (f *CSVFile) sicapCell(i int) string {
	s := f.Sicap
	x, b := "''", "false"
	switch models.SourceFields[models.DatasetProcurement][i].Name {
	case "contract_id":
		n, no := sicapCol(s.Notice), sicapCol(s.ContractNo)
		x = fmt.Sprintf("CASE WHEN %[1]s <> '' AND %[2]s <> '' THEN %[1]s || '/' || %[2]s ELSE %[1]s END", n, no)
		if s.State >= 0 && len(s.Awarded) > 0 {
			var when []string
			for _, a := range s.Awarded {
				when = append(when, fmt.Sprintf("WHEN %s THEN false", sqlString(a)))
			}
			b = fmt.Sprintf("(%s <> '' AND CASE sk_state %s ELSE true END)", sicapCol(s.State), strings.Join(when, " "))
		}
	case "kind":
		x = "sk_kind"
	case "parent_id":
		x = fmt.Sprintf("CASE WHEN sk_kind = %s THEN %s END", sqlString(string(models.CallOff)), sicapCol(s.Parent))
	case "buyer_cui":
		cui, nac := sicapCol(s.BuyerCUI), sicapCol(s.BuyerNameAndCUI)
		none := "''" // the shape has no buyer column: the file is --entity's
		if s.BuyerCUI < 0 && f.Entity != "" {
			none = sqlString(f.Entity)
		}
		x = fmt.Sprintf("deschis_sicap_ro(CASE WHEN %[1]s <> '' THEN %[1]s WHEN %[2]s <> '' THEN deschis_sicap_code_of(%[2]s) ELSE %[3]s END)", cui, nac, none)
	case "buyer_name":
		cui, nac, name := sicapCol(s.BuyerCUI), sicapCol(s.BuyerNameAndCUI), sicapCol(s.BuyerName)
		x = fmt.Sprintf("deschis_sicap_words(CASE WHEN %[3]s <> '' THEN %[3]s WHEN %[1]s = '' AND %[2]s <> '' THEN deschis_sicap_name_of(%[2]s) ELSE '' END)", cui, nac, name)
	case "supplier_cui":
		// A comma (several winners), a label or a foreign code go to the
		// Go reader.
		x = fmt.Sprintf("deschis_sicap_supplier(%s)", sicapCol(s.SupplierCUI))
		b = fmt.Sprintf("(t%d IS NULL AND %s <> '')", i, sicapCol(s.SupplierCUI))
	case "supplier_name":
		x = fmt.Sprintf("deschis_sicap_words(%s)", sicapCol(s.SupplierName))
	case "title":
		x = sicapCol(s.Title)
	case "cpv":
		// SICAP gives every notice a code: an empty one is a reject.
		x = fmt.Sprintf("deschis_sicap_cpv(%s)", sicapCol(s.CPV))
		b = fmt.Sprintf("t%d IS NULL", i) // the alias: DuckDB reads one of the same select list
	case "value":
		x = sicapCol(s.Value)
	case "currency":
		x = "'RON'"
		if s.Currency >= 0 {
			x = fmt.Sprintf("deschis_sicap_currency(deschis_trim(c%d))", s.Currency)
			b = fmt.Sprintf("t%d IS NULL", i)
		}
	case "award_date":
		x = fmt.Sprintf("CASE WHEN %[1]s <> '' THEN %[1]s ELSE %[2]s END", sicapCol(s.AwardDate), sicapCol(s.NoticeDate))
	case "procedure":
		x = sicapCol(s.Procedure)
	case "offers":
		x = sicapCol(s.Offers)
	case "eu_funded":
		// A yes/no cell (several lots joined by commas go to the Go
		// reader), else the name of the fund.
		eu, fund := sicapCol(s.EU), sicapCol(s.EUFund)
		x = fmt.Sprintf("CASE WHEN %[1]s <> '' THEN %[1]s WHEN %[2]s <> '' THEN deschis_sicap_fund(sk_fund) END", eu, fund)
		b = fmt.Sprintf("(%[1]s <> '' AND strpos(%[1]s, ',') > 0 OR %[1]s = '' AND %[2]s <> '' AND sk_fund IS NULL)", eu, fund)
	case "investment_code":
		x = sicapCol(s.Investment)
	}
	return fmt.Sprintf("nullif(%s, '') AS t%d, coalesce(%s, true) AS b%d", x, i, b, i)
}

// sicapTyped is the value and the test of field i of a SICAP export for the
// types the shape reads its own way (amounts in the file's notation, dates
// within 1990–2100); ok false for the others, which read as in the
// canonical format.
func (f *CSVFile) sicapTyped(i int, fd models.Field) (v, pass string, ok bool) {
	t := fmt.Sprintf("t%d", i)
	switch {
	case fd.Type == models.TypeAmount && f.Sicap.Numbers != "":
		v = fmt.Sprintf("deschis_%s_amount(%s, 1)", f.Sicap.Numbers, t)
	case fd.Type == models.TypeDate:
		// The window is the test, so that the day is computed once.
		return fmt.Sprintf("deschis_sicap_date(%s)", t), fmt.Sprintf("v%d BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'", i), true
	default:
		return "", "", false
	}
	return v, fmt.Sprintf("v%d IS NOT NULL", i), true
}
