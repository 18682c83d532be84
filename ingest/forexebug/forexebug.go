// Package forexebug reads the Treasury's monthly budget execution reports
// (Forexebug) into the budget dataset (models.SourceFields["budget"]).
//
// # What it reads
//
// Romanian public institutions report budget execution monthly through the
// Treasury; the reports are published as XML, XLSX and PDF
// (<date>_FXB-EXB-90N_TREZ<nnn>_<CUI>_..._.xml). The shape followed here is the
// one documented by the projects that parse them (transparenta.eu /
// hack-for-facts):
//
//   - the execution report (900 detailed, 901 and 902 aggregated at the main
//     and secondary authoriser): root DATA_DS, header P_ZI (report date,
//     "31-JAN-2025"), P_SECB (budget sector, "02" local), P_CUI, P_STARE;
//     the institution in G_5 (COD_FISCAL, NUME); rows under G_4 (with its
//     NIVEL) / G_10 / G_11 with CATEG_CONT (vn revenue, ch expense),
//     COD_FUNCTIONAL + DENUMIRE_CF, COD_ECONOMIC + DENUMIRE_CE, SURSA_FINANTARE
//     ("A-Integral de la buget") and RULAJ_CH_VN, the amount since 1 January;
//   - the commitments report ("Execuție – angajamente bugetare"): the same
//     frame, expense rows with CREDITEBUGETAREINITIALE,
//     CREDITEBUGETAREDEFINITIVE, CREDITEANGAJAMENT, RECEPTIITOTALE,
//     PLATITREZOR, PLATINONTREZOR, RECEPTIINEPLATITE (and SURSA_SURSADEN,
//     DENUMIRE_INDICATOR_FUNCTIONAL/ECONOMIC instead of the names above,
//     which are accepted as aliases);
//   - the XLSX twins of both: the same columns in a sheet, the header row
//     found by its column names below any title rows; header values (P_ZI,
//     COD_FISCAL, NUME, P_SECB) in the title rows as "label | value" cells or
//     "label: value", or as columns of the table. Numeric cells are read raw
//     (RawCellValue): amounts as machine numbers rounded to bani, dates as
//     Excel serials, codes stored as numbers with their leading zero given
//     back (31800 is "031800").
//
// The format is detected from the content (XML declaration or root element,
// or the ZIP signature of XLSX); the kind of report from the columns of each
// row (commitment columns, else RULAJ_CH_VN). The reader is tolerant: every
// element that has the row fields is a row wherever it is nested; unknown
// elements are ignored; element order inside a row does not matter.
//
// XML is streamed with encoding/xml's token API: memory holds the open
// elements and one row, never the document. Encodings other than UTF-8
// (windows-1250, iso-8859-2, ...) are decoded through
// golang.org/x/text/encoding/charmap. XLSX is a ZIP archive that needs random
// access: the input is spooled to a temporary file (removed on Close) and
// read with excelize's streaming Rows iterator, which itself unpacks large
// worksheets to temporary files instead of memory.
//
// # Which rows are loaded
//
// A report holds detail rows and their totals; only the most detailed rows
// are loaded, so that nothing counts twice:
//
//  1. NIVEL (of the row or of an enclosing G_4): 0 is the summary and is
//     skipped; 1 is the detail by classification (functional × economic ×
//     funding source) and is loaded; 2 and above split the same figures by
//     budget program (PROGRAM_BUGETAR), a dimension Deschis does not keep, and
//     are skipped. Rows without NIVEL are loaded. NIVEL is taken when it
//     precedes the rows, as in the Treasury's files. A file whose rows are all
//     at NIVEL 2 or above is refused at the end, not silently emptied.
//  2. Totals inside a level: a row without a functional code (empty or
//     zeros); an expense row without an economic code; an economic title or
//     section total (article "00": 10.00.00 TITLUL I, 51.00.96 secțiunea de
//     funcționare); a functional chapter total ("510000") of a chapter that
//     the catalogue splits into subchapters; a row whose label (TIP_CLASIF,
//     DENUMIRE_CF, DENUMIRE_CE) starts with TOTAL or reads "TOTAL pentru"
//     ("TOTAL CHELTUIELI:", "510103 TOTAL pentru sursa de finanțare: A-...").
//
// Stats counts what was skipped and why.
//
// # How values are mapped
//
//   - entity_cui, entity_name: COD_FISCAL and NUME of the row, else of the
//     enclosing element (a G_5 that contains its rows), else of the last G_5
//     block before the row, else P_CUI (P_BUGIP) of the header, else
//     --entity. A file may hold several institutions; each record carries its
//     own. With Options.OnlyEntity the rows of other institutions are skipped
//     (Stats.OtherEntities), not rejected; with Options.Keep those of
//     institutions outside it (Stats.OutsideDeployment).
//   - year, month, report_date: from P_ZI.
//   - kind: CATEG_CONT (vn venituri, ch cheltuieli), else TIP_CLASIF, else
//     the functional chapter (00–49 revenue); commitment rows are expenses.
//   - funding_source: the letter before "-" in SURSA_FINANTARE.
//   - functional_code: the Treasury writes the general notation in six
//     digits ("510103", "031800"); it is written in the notation of the
//     catalogue and of the demo with models.BudgetFunctionalCode: expenses
//     with the local budget type, "51.02.01.03"; revenues with the local
//     budget type ("03.02.18", "04.02.01") except the revenues of funding
//     sources E, F and G, which belong to the budget of institutions financed
//     from own revenues, type "10" ("43.10.09" Subvenții pentru instituții
//     publice, the counterpart of the town hall's 51.01.01). A code that
//     already carries a budget type ("65.02.04.01") is kept.
//   - economic_code: expenses only, trailing "00" groups dropped ("200200" is
//     "20.02"); revenues have none.
//   - section: an explicit element whose name contains SECTIUN (on the row
//     or an enclosing element), else the rule of the function section, an
//     approximation of Legea 273/2006 art. 2 and 26 (the development section
//     holds capital expenses and their funding):
//     expenses: economic titles 56, 58, 60, 61 (projects with external
//     non-reimbursable funds and PNRR), 70, 71, 72 (capital) and article 51.02
//     (capital transfers) are dezvoltare; a code whose Treasury name names the
//     section ("... în secțiunea de dezvoltare a bugetului local", 85.01.02)
//     follows its name; everything else is funcționare.
//     revenues: 37.03 is funcționare and 37.04 dezvoltare (the two sides of
//     the transfer between sections); a name that names the section follows
//     it (40.11/40.13, 40.15.01/40.15.02, 43.19, 36.32.02/03); chapters 39
//     (capital revenues), 45, 46, 48 (EU funds), 40.13, 40.14, 40.15.02, the
//     investment subsidies of chapter 42 (13, 16, 20, 39, 60, 65, 69, 70, 75,
//     87, 88, 89) and 43.14, 43.19, 43.44 are dezvoltare; the rest
//     funcționare. Lines funded from loans or EU funds can still fall on the
//     wrong side: the reports themselves do not say; load the approved budget
//     with its sections when exactness matters.
//   - measures: the execution report gives only executed (RULAJ_CH_VN: plăți
//     efectuate / încasări realizate since 1 January); budgets and
//     commitments stay empty. The commitments report gives initial_budget
//     (CREDITEBUGETAREINITIALE), final_budget (CREDITEBUGETAREDEFINITIVE),
//     commitments (CREDITEANGAJAMENT) and executed (PLATITREZOR +
//     PLATINONTREZOR; a missing one counts as zero).
//
// CREDITEANGAJAMENT is the commitment appropriation ("credit de angajament",
// Legea 273/2006 art. 2 pct. 20: the ceiling up to which legal commitments
// may be entered during the year), not the commitments actually entered; the
// report has no column for those (RECEPTIITOTALE is the next stage, goods and
// services received). It is mapped to commitments as the closest measure the
// report has, and it is an upper bound of the angajamente bugetare.
//
// Amounts are lei in the notation the head of the file shows (see amount and
// xmlNotation).
// Every record without errors goes through ingest.Finish, which validates the
// codes against the classification catalogue.
package forexebug

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// Name is the format name `etl load --format` takes.
const Name = "forexebug"

func init() {
	ingest.Register(ingest.Format{
		Name:        Name,
		Description: "rapoartele de execuție bugetară ale Trezoreriei (Forexebug 900/901/902 și angajamente bugetare), XML sau XLSX",
		Datasets:    []string{models.DatasetBudget},
		Open: func(r io.Reader, opt ingest.Options) (models.RowReader, error) {
			rd, err := Open(r, opt)
			if err != nil {
				return nil, err
			}
			return rd, nil
		},
	})
}

// Stats counts the rows of a report by what became of them.
type Stats struct {
	Rows        int // row elements (XML) or data rows (XLSX) seen
	Records     int // records returned (with or without errors)
	Subtotals   int // skipped: totals and subtotals (see the package documentation)
	OtherLevels int // skipped: rows of NIVEL 0 (summary) or 2 and above (by program)
	// OtherEntities are rows of other institutions, skipped because
	// Options.OnlyEntity asked for Options.Entity's rows only.
	OtherEntities int
	// OutsideDeployment are rows of institutions outside Options.Keep
	// (etl load --only-deployment).
	OutsideDeployment int
	Spooled           bool // the input was copied to a temporary file (XLSX)
}

// Header is what the report says about itself.
type Header struct {
	Date   time.Time // P_ZI
	Sector string    // P_SECB
	CUI    string    // P_CUI (or P_BUGIP), as written
	State  string    // P_STARE ("Final")
}

// Reader reads one report. It implements models.RowReader.
type Reader struct {
	opt   ingest.Options
	src   source
	m     *mapper
	stats Stats
}

// source yields raw rows, already placed in their context.
type source interface {
	next() (*rawRow, error)
	header() *Header
	close() error
}

// rawRow is one row element or spreadsheet row with what encloses it.
type rawRow struct {
	line int               // XML line of the row element, or spreadsheet row number
	cols map[string]string // canonical column name -> text
	// Context from enclosing elements, earlier G_5 blocks or title rows.
	entityCUI, entityName string
	nivel                 string
	section, sectionCol   string
	machine               bool // numeric spreadsheet cells: raw machine numbers
}

// Open detects the format of r (XML or XLSX) and returns a reader. A file that
// is neither, or whose header cannot be read, is refused with a
// *models.FileError naming opt.File.
func Open(r io.Reader, opt ingest.Options) (*Reader, error) {
	if opt.Dataset != "" && opt.Dataset != models.DatasetBudget {
		return nil, fmt.Errorf("%w: formatul %s încarcă doar setul %q", models.ErrInvalid, Name, models.DatasetBudget)
	}
	opt.Dataset = models.DatasetBudget
	br := bufio.NewReaderSize(r, notationHead)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, &models.FileError{File: opt.File, Reason: "fișierul nu poate fi citit", Err: err}
	}
	rd := &Reader{opt: opt}
	numbers := rules.NumbersAuto
	switch kind := sniff(head); kind {
	case "xml":
		numbers = xmlNotation(br) // before the decoder reads a byte
		rd.src, err = openXML(br, opt)
	case "xlsx":
		rd.stats.Spooled = true
		rd.src, err = openXLSX(br, opt)
	case "xls":
		return nil, &models.FileError{File: opt.File, Reason: "fișier Excel vechi (XLS); salvați-l ca XLSX sau folosiți XML-ul raportului"}
	case "":
		return nil, &models.FileError{File: opt.File, Reason: "fișierul este gol"}
	default:
		return nil, &models.FileError{File: opt.File, Reason: "nu este un raport Forexebug: nici XML, nici XLSX"}
	}
	if err != nil {
		return nil, err
	}
	rd.m = &mapper{opt: opt, hdr: rd.src.header(), stats: &rd.stats, numbers: numbers}
	return rd, nil
}

// notationHead is how much of an XML report is looked at to decide the
// notation of its amounts.
const notationHead = 1 << 20

// amountElement is an element with its text, in the head of an XML report.
var amountElement = regexp.MustCompile(`<([A-Za-z_][A-Za-z0-9_]*)>([^<]*)</`)

// xmlNotation decides the number notation of an XML report from the amounts
// in its head (rules.NotationOf), before any row is read, so that every row
// of the file is read the same way whatever their order: a report that
// writes 1.402.118,6 also means 230.500 as 230500 lei.
func xmlNotation(br *bufio.Reader) string {
	head, _ := br.Peek(notationHead)
	var values []string
	for _, m := range amountElement.FindAllSubmatch(head, -1) {
		if amountColumns[canonical(string(m[1]))] {
			values = append(values, string(m[2]))
		}
	}
	return rules.NotationOf(values)
}

// amountColumns are the canonical names of the measures.
var amountColumns = map[string]bool{"RULAJ_CH_VN": true, "CREDITEBUGETAREINITIALE": true, "CREDITEBUGETAREDEFINITIVE": true,
	"CREDITEANGAJAMENT": true, "RECEPTIITOTALE": true, "PLATITREZOR": true, "PLATINONTREZOR": true, "RECEPTIINEPLATITE": true}

// sniff names the format from the first bytes.
func sniff(head []byte) string {
	b := bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	switch {
	case len(head) == 0:
		return ""
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "xlsx"
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "xls"
	}
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && t[0] == '<' {
		return "xml"
	}
	return "other"
}

// Next returns the next detail row as a record; io.EOF at the end. Totals and
// rows of other levels are skipped (see Stats).
func (r *Reader) Next() (*models.Record, error) {
	for {
		raw, err := r.src.next()
		if err == io.EOF {
			if r.stats.Records == 0 && r.stats.OtherLevels > 0 && r.m.detailLevels == 0 {
				return nil, &models.FileError{File: r.opt.File, Reason: fmt.Sprintf(
					"raportul are doar rânduri de sumar (NIVEL 0) sau defalcate pe programe (NIVEL 2 și peste): %d rânduri, niciunul de detaliu (NIVEL 1)", r.stats.OtherLevels)}
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, err
		}
		r.stats.Rows++
		rec := r.m.build(raw)
		if rec == nil {
			continue
		}
		r.stats.Records++
		return rec, nil
	}
}

// Close releases the reader (and removes the spooled copy of an XLSX).
func (r *Reader) Close() error { return r.src.close() }

// Stats returns the counts so far; complete after Next returned io.EOF.
func (r *Reader) Stats() Stats { return r.stats }

// SkippedRows counts the rows passed over, by reason (models.SkipCounter).
func (r *Reader) SkippedRows() models.Skips {
	return models.Skips{models.SkipSubtotal: int64(r.stats.Subtotals), models.SkipOtherLevel: int64(r.stats.OtherLevels),
		models.SkipOtherEntity: int64(r.stats.OtherEntities), models.SkipOutsideDeployment: int64(r.stats.OutsideDeployment)}
}

// Header returns the report's header as read so far (complete once the first
// record was returned).
func (r *Reader) Header() Header { return *r.src.header() }

// Canonical column names (the XML element names) and the aliases that the
// commitments report, other report versions and spreadsheets use. Keys are
// squashed: folded, upper case, letters and digits only.
var aliases = map[string]string{
	"PZI": "P_ZI", "DATA": "P_ZI", "DATARAPORT": "P_ZI", "DATARAPORTULUI": "P_ZI", "LADATA": "P_ZI",
	"PSECB": "P_SECB", "SECTORBUGETAR": "P_SECB", "SECTOR": "P_SECB",
	"PCUI": "P_CUI", "PBUGIP": "P_BUGIP", "PSTARE": "P_STARE", "STARE": "P_STARE",
	"CODFISCAL": "COD_FISCAL", "CUI": "COD_FISCAL", "CIF": "COD_FISCAL", "CODFISCALINSTITUTIE": "COD_FISCAL",
	"NUME": "NUME", "DENUMIREINSTITUTIE": "NUME", "INSTITUTIE": "NUME", "NUMEINSTITUTIE": "NUME",
	"NIVEL":     "NIVEL",
	"CATEGCONT": "CATEG_CONT", "CATEGORIECONT": "CATEG_CONT", "TIPCLASIF": "TIP_CLASIF",
	"CODFUNCTIONAL": "COD_FUNCTIONAL", "CLASIFICATIEFUNCTIONALA": "COD_FUNCTIONAL", "CODCLASIFICATIEFUNCTIONALA": "COD_FUNCTIONAL",
	"DENUMIRECF": "DENUMIRE_CF", "DENUMIREINDICATORFUNCTIONAL": "DENUMIRE_CF", "DENUMIREFUNCTIONAL": "DENUMIRE_CF",
	"CODECONOMIC": "COD_ECONOMIC", "CLASIFICATIEECONOMICA": "COD_ECONOMIC", "CODCLASIFICATIEECONOMICA": "COD_ECONOMIC",
	"DENUMIRECE": "DENUMIRE_CE", "DENUMIREINDICATORECONOMIC": "DENUMIRE_CE", "DENUMIREECONOMIC": "DENUMIRE_CE",
	"SURSAFINANTARE": "SURSA_FINANTARE", "SURSASURSADEN": "SURSA_FINANTARE", "SURSA": "SURSA_FINANTARE", "SURSADEFINANTARE": "SURSA_FINANTARE",
	"RULAJCHVN": "RULAJ_CH_VN", "RULAJCH": "RULAJ_CH_VN", "RULAJVN": "RULAJ_CH_VN", "RULAJ": "RULAJ_CH_VN",
	"CREDITEBUGETAREINITIALE": "CREDITEBUGETAREINITIALE", "CREDITEBUGETAREDEFINITIVE": "CREDITEBUGETAREDEFINITIVE",
	"CREDITEANGAJAMENT": "CREDITEANGAJAMENT", "CREDITEDEANGAJAMENT": "CREDITEANGAJAMENT",
	"RECEPTIITOTALE": "RECEPTIITOTALE", "PLATITREZOR": "PLATITREZOR", "PLATINONTREZOR": "PLATINONTREZOR",
	"RECEPTIINEPLATITE": "RECEPTIINEPLATITE", "PROGRAMBUGETAR": "PROGRAM_BUGETAR",
}

// commitmentColumns mark a row of the commitments report.
var commitmentColumns = []string{"CREDITEBUGETAREINITIALE", "CREDITEBUGETAREDEFINITIVE", "CREDITEANGAJAMENT", "RECEPTIITOTALE", "PLATITREZOR", "PLATINONTREZOR", "RECEPTIINEPLATITE"}

// squash folds a column or element name to letters and digits in upper case
// (rules.HeaderKey).
func squash(s string) string { return strings.ToUpper(rules.HeaderKey(s)) }

// canonical returns the canonical name of an element or column: an alias
// target, else the name in upper case.
func canonical(name string) string {
	if n, ok := nameCache.Load(name); ok {
		return n.(nameInfo).canonical
	}
	return cacheName(name).canonical
}

// isSectionColumn reports whether a name is an explicit section.
func isSectionColumn(name string) bool {
	if n, ok := nameCache.Load(name); ok {
		return n.(nameInfo).section
	}
	return cacheName(name).section
}

type nameInfo struct {
	canonical string
	section   bool
}

// nameCache remembers what the element names of the reports mean: a report
// repeats a few dozen names millions of times. It stops growing at
// maxCachedNames, so that a hostile file cannot fill memory with names.
var (
	nameCache   sync.Map
	cachedNames atomic.Int64
)

const maxCachedNames = 4096

func cacheName(name string) nameInfo {
	sq := squash(name)
	info := nameInfo{canonical: strings.ToUpper(strings.TrimSpace(name)), section: strings.Contains(sq, "SECTIUN")}
	if c, ok := aliases[sq]; ok {
		info.canonical = c
	}
	if cachedNames.Load() < maxCachedNames {
		if _, loaded := nameCache.LoadOrStore(name, info); !loaded {
			cachedNames.Add(1)
		}
	}
	return info
}

// isRowFields reports whether the fields of an element make it a row.
func isRowFields(has func(string) bool) bool {
	if has("COD_FUNCTIONAL") || has("RULAJ_CH_VN") {
		return true
	}
	for _, c := range commitmentColumns {
		if has(c) {
			return true
		}
	}
	return false
}

// mapper turns raw rows into records.
type mapper struct {
	opt          ingest.Options
	hdr          *Header
	stats        *Stats
	numbers      string // notation of text amounts: xmlNotation, else rules.NumbersAuto
	detailLevels int    // rows seen at NIVEL 1 or without NIVEL
}

var budgetFields = models.SourceFields[models.DatasetBudget]

func idx(name string) int { return models.FieldIndex(models.DatasetBudget, name) }

var (
	iEntity   = idx("entity_cui")
	iName     = idx("entity_name")
	iYear     = idx("year")
	iMonth    = idx("month")
	iDate     = idx("report_date")
	iKind     = idx("kind")
	iSection  = idx("section")
	iFunding  = idx("funding_source")
	iFunc     = idx("functional_code")
	iEcon     = idx("economic_code")
	iInitial  = idx("initial_budget")
	iFinal    = idx("final_budget")
	iCommit   = idx("commitments")
	iExecuted = idx("executed")
)

// build maps one raw row; nil when the row is skipped (a total or another
// level).
func (m *mapper) build(raw *rawRow) *models.Record {
	col := func(name string) string { return strings.TrimSpace(raw.cols[name]) }
	has := func(name string) bool { _, ok := raw.cols[name]; return ok }
	rec := &models.Record{Line: raw.line, Values: make([]any, len(budgetFields))}
	fail := func(column, value, reason string) {
		rec.Errors = append(rec.Errors, models.RowError{File: m.opt.File, Line: raw.line, Column: column, Value: ingest.Truncate(value, 200), Reason: reason})
	}

	// Levels.
	nivel, nivelCol := col("NIVEL"), "NIVEL"
	if nivel == "" {
		nivel = strings.TrimSpace(raw.nivel)
	}
	if nivel != "" {
		n, err := strconv.Atoi(nivel)
		if err != nil {
			fail(nivelCol, nivel, "NIVEL nu este un număr (0 sumar, 1 detaliu, 2 pe programe)")
			return rec
		}
		if n != 1 {
			m.stats.OtherLevels++
			return nil
		}
	}
	m.detailLevels++

	// Kind of report and of line.
	commitment := false
	for _, c := range commitmentColumns {
		if has(c) {
			commitment = true
		}
	}
	kind, kindKnown := budgetKind(col("CATEG_CONT"))
	if !kindKnown && col("CATEG_CONT") == "" {
		kind, kindKnown = budgetKind(col("TIP_CLASIF"))
	}

	// Totals.
	fraw, eraw := col("COD_FUNCTIONAL"), col("COD_ECONOMIC")
	if raw.machine {
		fraw, eraw = numericCode(fraw), numericCode(eraw)
	}
	if isZeroCode(fraw) || isTotalLabel(col("TIP_CLASIF")) || isTotalLabel(col("DENUMIRE_CF")) || isTotalLabel(col("DENUMIRE_CE")) {
		m.stats.Subtotals++
		return nil
	}
	fgen := generalGroups(fraw)
	if !kindKnown && col("CATEG_CONT") == "" {
		switch {
		case commitment:
			kind, kindKnown = models.Expense, true
		case len(fgen) > 0 && models.IsRevenueChapter(fgen[0]):
			kind, kindKnown = models.Revenue, true
		case len(fgen) > 0:
			kind, kindKnown = models.Expense, true
		}
	}
	if kindKnown && kind == models.Expense && isZeroCode(eraw) {
		m.stats.Subtotals++
		return nil
	}
	egen := generalGroups(eraw)
	if eg := generalGroupsKeep(eraw); kindKnown && kind == models.Expense && (len(eg) == 1 || len(eg) >= 2 && eg[1] == "00") {
		m.stats.Subtotals++ // 10.00.00 TITLUL I, 51.00.96 secțiunea de funcționare
		return nil
	}
	if len(fgen) == 1 && chaptersWithSubchapters()[fgen[0]] {
		m.stats.Subtotals++ // 51.00.00: the chapter's total
		return nil
	}

	// Kind.
	switch {
	case !kindKnown:
		fail("CATEG_CONT", col("CATEG_CONT"), "categoria contului nu este vn (venituri) sau ch (cheltuieli)")
	case commitment && kind == models.Revenue:
		fail("CATEG_CONT", col("CATEG_CONT"), "raportul de angajamente bugetare are doar cheltuieli; rândul este marcat venit")
	default:
		rec.Values[iKind] = string(kind)
	}

	// Entity.
	cui, name := col("COD_FISCAL"), col("NUME")
	if cui == "" {
		cui, name = raw.entityCUI, raw.entityName
	}
	if cui == "" && m.hdr.CUI != "" {
		cui = m.hdr.CUI
	}
	cuiCol := "COD_FISCAL"
	if cui == "" {
		cui, cuiCol = m.opt.Entity, "entity_cui"
	}
	if cui == "" {
		fail("COD_FISCAL", "", "rândul nu are instituție: lipsesc COD_FISCAL (G_5), P_CUI și --entity")
	} else if v, err := rules.FiscalCode(cui); err != nil {
		fail(cuiCol, cui, err.Error())
	} else {
		if m.opt.OnlyEntity && m.opt.Entity != "" && v != m.opt.Entity {
			m.stats.OtherEntities++ // --only-entity: another institution's row
			return nil
		}
		if m.opt.Outside(v) {
			m.stats.OutsideDeployment++ // --only-deployment: an institution the warehouse does not have
			return nil
		}
		rec.Values[iEntity] = v
	}
	if name != "" {
		rec.Values[iName] = name
	}

	// Period.
	date := m.hdr.Date
	if d := col("P_ZI"); d != "" {
		dd, err := parseReportDate(d, raw.machine)
		if err != nil {
			fail("P_ZI", d, err.Error())
		}
		date = dd
	}
	if !date.IsZero() {
		rec.Values[iDate] = date
		rec.Values[iYear] = int64(date.Year())
		rec.Values[iMonth] = int64(date.Month())
	} else if col("P_ZI") == "" {
		fail("P_ZI", "", "data raportului lipsește")
	}

	// Funding source.
	funding, err := fundingLetter(col("SURSA_FINANTARE"))
	if err != nil {
		fail("SURSA_FINANTARE", col("SURSA_FINANTARE"), err.Error())
	} else {
		rec.Values[iFunding] = funding
	}

	// Codes.
	if kindKnown {
		if fc, err := functionalCode(fraw, kind, funding); err != nil {
			fail("COD_FUNCTIONAL", fraw, err.Error())
		} else {
			rec.Values[iFunc] = fc
		}
		switch {
		case kind == models.Expense:
			if ec, err := economicCode(eraw); err != nil {
				fail("COD_ECONOMIC", eraw, err.Error())
			} else {
				rec.Values[iEcon] = ec
			}
		case !isZeroCode(eraw):
			fail("COD_ECONOMIC", eraw, "un rând de venit nu are clasificație economică")
		}
	}

	// Section.
	secVal, secCol := raw.section, raw.sectionCol
	for c, v := range raw.cols {
		if isSectionColumn(c) && strings.TrimSpace(v) != "" {
			secVal, secCol = v, c
		}
	}
	if strings.TrimSpace(secVal) != "" {
		if s, err := explicitSection(secVal); err != nil {
			fail(secCol, secVal, err.Error())
		} else {
			rec.Values[iSection] = string(s)
		}
	} else if kindKnown {
		rec.Values[iSection] = string(section(kind, fgen, egen, col("DENUMIRE_CE"), col("DENUMIRE_CF")))
	}

	// Measures.
	amount := func(column string) (models.Amount, bool) {
		v := col(column)
		if v == "" {
			return 0, false
		}
		a, err := amount(v, m.numbers, raw.machine)
		if err != nil {
			fail(column, v, err.Error())
			return 0, false
		}
		return a, true
	}
	if commitment {
		if a, ok := amount("CREDITEBUGETAREINITIALE"); ok {
			rec.Values[iInitial] = a
		}
		if a, ok := amount("CREDITEBUGETAREDEFINITIVE"); ok {
			rec.Values[iFinal] = a
		}
		if a, ok := amount("CREDITEANGAJAMENT"); ok {
			rec.Values[iCommit] = a
		}
		t, okT := amount("PLATITREZOR")
		n, okN := amount("PLATINONTREZOR")
		switch {
		case okT || okN:
			rec.Values[iExecuted] = t + n
		case col("PLATITREZOR") == "" && col("PLATINONTREZOR") == "":
			fail("PLATITREZOR", "", "plățile lipsesc (PLATITREZOR, PLATINONTREZOR)")
		}
	} else {
		if a, ok := amount("RULAJ_CH_VN"); ok {
			rec.Values[iExecuted] = a
		} else if col("RULAJ_CH_VN") == "" {
			fail("RULAJ_CH_VN", "", "suma executată (RULAJ_CH_VN) lipsește")
		}
	}

	if len(rec.Errors) == 0 {
		ingest.Finish(m.opt, rec)
	}
	return rec
}

// generalGroupsKeep returns all the groups of a normalised code, keeping the
// trailing zeros ("510096" gives ["51" "00" "96"]).
func generalGroupsKeep(raw string) []string {
	c, err := models.NormalizeCode(raw)
	if err != nil {
		return nil
	}
	return strings.Split(c, ".")
}
