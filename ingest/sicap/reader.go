package sicap

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

func init() {
	ingest.Register(ingest.Format{
		Name: "sicap",
		Description: "achiziții publice SEAP/SICAP: exporturi CSV ale API-ului e-licitatie.ro (câmpuri cu punct) " +
			"și fișierele anuale data.gov.ro (achiziții directe, contracte); forma se recunoaște după antet",
		Datasets: []string{models.DatasetProcurement},
		Open: func(r io.Reader, opt ingest.Options) (models.RowReader, error) {
			return OpenFiltered(r, opt, opt.OnlyEntity)
		},
	})
}

// sniffSize is how much of the file is looked at to choose the encoding and
// the delimiter.
const sniffSize = 1 << 20

// Reader reads one SICAP export. It implements models.RowReader.
type Reader struct {
	opt      ingest.Options
	keepOnly bool
	gen      *generation
	csv      *csv.Reader
	header   []string
	col      map[role]int
	valueCol int    // column of the value, in lei when currencyCol < 0
	currency int    // column of the currency, -1: lei
	numbers  string // notation of the amounts (rules.NotationOf); "" for the API's machine numbers
	fields   []models.Field
	skipped  models.Skips      // rows passed over: blank, not awarded, other buyers (keepOnlyEntity)
	end      *ingest.EndReader // to tell a file cut mid-row
	last     ingest.LastRow
}

// OpenFiltered opens a reader over r. A national export has thousands of
// buyers, so what happens to the rows of other institutions is a choice (the
// registered format takes it from opt.OnlyEntity, etl load --only-entity):
//
//   - keepOnlyEntity false (the default): every
//     row is read; with opt.Entity set, ingest.Finish rejects the rows of
//     other buyers, each with its reason. Right for a file that should hold
//     only the city's own purchases: a stranger row is a mistake to see.
//   - keepOnlyEntity true, with opt.Entity set: rows whose buyer is another
//     institution are skipped without a reject and counted in SkippedRows().
//     Right for a national or county export from which the city takes its
//     own rows. A row whose buyer code cannot be read is still rejected: it
//     may be the city's.
func OpenFiltered(r io.Reader, opt ingest.Options, keepOnlyEntity bool) (*Reader, error) {
	if opt.Dataset == "" {
		opt.Dataset = models.DatasetProcurement
	}
	if opt.Dataset != models.DatasetProcurement {
		return nil, fmt.Errorf("%w: formatul sicap încarcă doar setul %q, nu %q", models.ErrInvalid, models.DatasetProcurement, opt.Dataset)
	}
	if cui, err := rules.FiscalCode(opt.Entity); err == nil {
		opt.Entity = cui // "RO 4267117" names the same buyer as the rows' 4267117
	}
	// The text encoding and the delimiter follow the rules every reader
	// shares (rules.Decode with encoding auto, rules.SniffDelimiter).
	end := ingest.NewEndReader(rules.Decode(r, rules.EncodingAuto))
	src := bufio.NewReaderSize(end, sniffSize)
	head, err := src.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, &models.FileError{File: opt.File, Reason: "fișierul nu poate fi citit", Err: err}
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, &models.FileError{File: opt.File, Reason: "fișierul este gol (lipsește antetul)"}
	}
	head = bytes.Clone(head) // the reader's buffer moves on; the head decides the notation after the header
	delim := rules.SniffDelimiter(head, 1)
	cr := csv.NewReader(src)
	cr.Comma = delim
	cr.FieldsPerRecord = -1 // a short row is a row error, not a file error
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, &models.FileError{File: opt.File, Reason: "antetul nu poate fi citit ca CSV", Err: err}
	}
	c := &Reader{opt: opt, keepOnly: keepOnlyEntity && opt.Entity != "", csv: cr, end: end, skipped: models.Skips{},
		fields: models.SourceFields[models.DatasetProcurement]}
	for _, h := range header {
		c.header = append(c.header, strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	}
	if err := c.chooseShape(); err != nil {
		return nil, err
	}
	if c.gen.Decimal != '.' {
		c.numbers = notationOfHead(head, delim, c.valueCol, len(head) == sniffSize)
	}
	return c, nil
}

// notationOfHead decides the notation of the amounts of a file written by a
// spreadsheet from the value column of the rows in its head (rules.NotationOf),
// before any row is read: the same for every row, whatever their order. cut:
// the head ends inside the file, so its last record may be cut and is left out.
func notationOfHead(head []byte, delim rune, col int, cut bool) string {
	cr := csv.NewReader(bytes.NewReader(head))
	cr.Comma, cr.FieldsPerRecord = delim, -1
	var values []string
	if _, err := cr.Read(); err == nil {
		for {
			row, err := cr.Read()
			if err != nil {
				break
			}
			if col < len(row) {
				values = append(values, row[col])
			}
		}
	}
	if cut && len(values) > 0 {
		values = values[:len(values)-1]
	}
	return rules.NotationOf(values)
}

// chooseShape finds the generation that recognises the most columns of the
// header and checks it gives every required field.
func (c *Reader) chooseShape() error {
	// Headers compare by rules.HeaderKey; an alias "*.x.y" matches a header
	// whose last dotted parts are x.y.
	norm := make([]string, len(c.header))
	for i, h := range c.header {
		norm[i] = rules.HeaderKey(h)
	}
	endsWith := func(h, rest string) bool {
		parts := strings.Split(h, ".")
		n := strings.Count(rest, ".") + 1
		return len(parts) >= n && rules.HeaderKey(strings.Join(parts[len(parts)-n:], ".")) == rules.HeaderKey(rest)
	}
	find := func(aliases []string) int {
		for _, a := range aliases {
			rest, suffix := strings.CutPrefix(a, "*.")
			na := rules.HeaderKey(rest)
			for i, h := range c.header {
				if norm[i] != "" && (!suffix && norm[i] == na || suffix && endsWith(h, rest)) {
					return i
				}
			}
		}
		return -1
	}
	bestScore := -1
	for gi := range generations {
		g := &generations[gi]
		cols := map[role]int{}
		score := 0
		for r, aliases := range g.Columns {
			if i := find(aliases); i >= 0 {
				cols[r] = i
				score++
			}
		}
		recognised := true
		for _, r := range g.Key {
			if _, ok := cols[r]; !ok {
				recognised = false
			}
		}
		valueCol, currency := -1, -1
		for _, v := range g.Values {
			if i := find(v.Column); i >= 0 {
				valueCol = i
				if v.Currency != nil {
					currency = find(v.Currency)
				}
				score++
				break
			}
		}
		if recognised && score > bestScore {
			bestScore = score
			c.gen, c.col, c.valueCol, c.currency = g, cols, valueCol, currency
		}
	}
	if c.gen == nil {
		var known []string
		for _, g := range generations {
			known = append(known, g.Name+" — "+g.Description)
		}
		return &models.FileError{File: c.opt.File, Reason: fmt.Sprintf(
			"antetul nu corespunde niciunei forme SICAP cunoscute (antetul are: %s). Forme cunoscute: %s",
			ingest.Truncate(strings.Join(c.header, ", "), 500), strings.Join(known, "; "))}
	}
	var missing []string
	need := func(ok bool, what string) {
		if !ok {
			missing = append(missing, what)
		}
	}
	has := func(r role) bool { _, ok := c.col[r]; return ok }
	need(has(roleBuyerCUI) || has(roleBuyerNameAndCUI) || c.opt.Entity != "", string(roleBuyerCUI))
	need(has(roleSupplierCUI), string(roleSupplierCUI))
	need(has(roleSupplierName), string(roleSupplierName))
	need(has(roleTitle), string(roleTitle))
	need(has(roleCPV), string(roleCPV))
	need(c.valueCol >= 0, "valoarea")
	need(has(roleAwardDate) || has(roleNoticeDate), string(roleAwardDate))
	if len(missing) > 0 {
		return &models.FileError{File: c.opt.File, Reason: fmt.Sprintf(
			"fișierul pare de forma %s (%s), dar lipsesc coloanele pentru: %s",
			c.gen.Name, c.gen.Description, strings.Join(missing, ", "))}
	}
	return nil
}

// Shape names the recognised shape (a generation of shapes.go).
func (c *Reader) Shape() string { return c.gen.Name }

// SkippedRows counts the rows passed over so far, by reason.
func (c *Reader) SkippedRows() models.Skips { return c.skipped }

// Close releases nothing: the caller owns the underlying reader.
func (c *Reader) Close() error { return nil }

// Next returns the next record, io.EOF at the end, or a *models.FileError
// when the rest of the file cannot be trusted (a quote left open, which is
// also what a truncated file looks like).
func (c *Reader) Next() (*models.Record, error) {
	for {
		row, err := c.csv.Read()
		if errors.Is(err, io.EOF) {
			if err := c.last.Truncated(c.opt.File, c.end); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if errors.Is(pe.Err, csv.ErrBareQuote) {
				// The line is over: the next record can be read.
				return &models.Record{Line: pe.StartLine, Errors: []models.RowError{{File: c.opt.File, Line: pe.StartLine,
					Column: "*", Value: "",
					Reason: "ghilimele în interiorul unui câmp fără ghilimele (câmpul trebuie pus între ghilimele, cu ghilimelele dublate)"}}}, nil
			}
			return nil, &models.FileError{File: c.opt.File, Reason: fmt.Sprintf(
				"CSV invalid de la linia %d: ghilimele deschise și neînchise (fișier trunchiat?)", pe.StartLine), Err: pe.Err}
		}
		if err != nil {
			return nil, &models.FileError{File: c.opt.File, Reason: "citire întreruptă", Err: err}
		}
		line, _ := c.csv.FieldPos(0)
		c.last.Saw(line, row, len(c.header))
		if rec := c.record(row, line); rec != nil {
			return rec, nil
		}
	}
}

// rowCtx builds one record.
type rowCtx struct {
	c      *Reader
	row    []string
	rec    *models.Record
	source map[string]string // field name -> source header, to name Finish's errors
}

func (x *rowCtx) cell(r role) (value, header string) {
	i, ok := x.c.col[r]
	if !ok {
		return "", string(r)
	}
	v := strings.TrimSpace(x.row[i])
	if missingCell(v) {
		v = ""
	}
	return v, x.c.header[i]
}

func (x *rowCtx) fail(header, value, reason string) {
	x.rec.Errors = append(x.rec.Errors, models.RowError{File: x.c.opt.File, Line: x.rec.Line,
		Column: header, Value: ingest.Truncate(value, 200), Reason: reason})
}

func (x *rowCtx) set(field string, v any, header string) {
	x.rec.Values[models.FieldIndex(models.DatasetProcurement, field)] = v
	x.source[field] = header
}

// parse reads a cell through the canonical rules of its field.
func (x *rowCtx) parse(field, value, header string) {
	f := x.c.fields[models.FieldIndex(models.DatasetProcurement, field)]
	v, err := ingest.ParseValue(f, value)
	if err != nil {
		x.fail(header, value, err.Error())
		return
	}
	x.set(field, v, header)
}

// record maps one row; nil means the row is skipped (and counted).
func (c *Reader) record(row []string, line int) *models.Record {
	x := &rowCtx{c: c, row: row, rec: &models.Record{Line: line, Values: make([]any, len(c.fields))}, source: map[string]string{}}
	if len(row) != len(c.header) {
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			c.skipped.Add(models.SkipBlank)
			return nil
		}
		x.fail("*", strings.Join(row, string(c.csv.Comma)), fmt.Sprintf("rândul are %d coloane, antetul are %d", len(row), len(c.header)))
		return x.rec
	}
	blank := true
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			blank = false
			break
		}
	}
	if blank {
		c.skipped.Add(models.SkipBlank)
		return nil
	}
	if state, _ := x.cell(roleState); state != "" && len(c.gen.AwardedStates) > 0 {
		awarded := false
		for _, s := range c.gen.AwardedStates {
			awarded = awarded || rules.Fold(state) == s
		}
		if !awarded {
			c.skipped.Add(models.SkipNotAwarded)
			return nil
		}
	}
	if skip := x.buyer(); skip != "" {
		c.skipped.Add(skip)
		return nil
	}

	notice, nh := x.cell(roleNotice)
	id := notice
	if no, _ := x.cell(roleContractNo); notice != "" && no != "" {
		id = notice + "/" + no
	}
	x.parse("contract_id", id, nh)

	sc, sh := x.cell(roleSupplierCUI)
	if strings.Contains(sc, ",") {
		x.fail(sh, sc, "mai mulți câștigători într-un singur rând: valoarea nu poate fi împărțită între ei; exportați câte un rând pe contract")
	} else {
		x.parse("supplier_cui", rules.SupplierCode(sc), sh)
	}
	x.parse("supplier_name", strings.Join(strings.Fields(x.must(roleSupplierName)), " "), x.header(roleSupplierName))
	x.parse("title", x.must(roleTitle), x.header(roleTitle))
	// SICAP gives every notice a CPV code: an empty one is a damaged row,
	// not a register that has none (those load through a mapping).
	if v, h := x.cell(roleCPV); v == "" {
		x.fail(h, v, "valoare obligatorie lipsă: SICAP dă fiecărui anunț un cod CPV")
	} else {
		x.parse("cpv", v, h)
	}
	x.value()
	x.awardDate()
	if v, h := x.cell(roleProcedure); v != "" {
		x.parse("procedure", v, h)
	}
	if v, h := x.cell(roleOffers); v != "" {
		if n, err := rules.Integer(v); err != nil {
			x.fail(h, v, "numărul de oferte nu este un număr întreg")
		} else {
			x.set("offers", n, h)
		}
	}
	x.euFunded()
	x.kind()
	if v, h := x.cell(roleInvestment); v != "" {
		x.parse("investment_code", v, h)
	}
	if len(x.rec.Errors) == 0 {
		ingest.Finish(c.opt, x.rec)
		for i := range x.rec.Errors {
			if h, ok := x.source[x.rec.Errors[i].Column]; ok {
				x.rec.Errors[i].Column = h
			}
		}
	}
	return x.rec
}

func (x *rowCtx) must(r role) string { v, _ := x.cell(r); return v }

func (x *rowCtx) header(r role) string { _, h := x.cell(r); return h }

// buyer reads the contracting authority; a skip reason means the row
// belongs to another institution and the reader keeps only --entity's rows
// (models.SkipOtherEntity) or the warehouse's (models.SkipOutsideDeployment).
func (x *rowCtx) buyer() (skip string) {
	cui, ch := x.cell(roleBuyerCUI)
	name, nh := x.cell(roleBuyerName)
	if cui == "" {
		if both, h := x.cell(roleBuyerNameAndCUI); both != "" {
			code, n, ok := splitNameAndCUI(both)
			if !ok {
				x.fail(h, both, "se așteaptă «CUI - denumire»")
				return ""
			}
			cui, ch = code, h
			if name == "" {
				name, nh = n, h
			}
		}
	}
	if _, has := x.c.col[roleBuyerCUI]; !has && cui == "" && x.c.opt.Entity != "" {
		cui = x.c.opt.Entity // the shape has no buyer: the file is --entity's
	}
	f := x.c.fields[models.FieldIndex(models.DatasetProcurement, "buyer_cui")]
	v, err := ingest.ParseValue(f, cui)
	if err != nil {
		x.fail(ch, cui, err.Error())
	} else {
		if x.c.keepOnly && v != x.c.opt.Entity {
			return models.SkipOtherEntity
		}
		if s, _ := v.(string); x.c.opt.Outside(s) {
			return models.SkipOutsideDeployment
		}
		x.set("buyer_cui", v, ch)
	}
	if name != "" {
		x.parse("buyer_name", strings.Join(strings.Fields(name), " "), nh)
	}
	return ""
}

// value reads the awarded value, in lei when the shape has a lei column.
func (x *rowCtx) value() {
	h := x.c.header[x.c.valueCol]
	v := strings.TrimSpace(x.row[x.c.valueCol])
	if missingCell(v) {
		x.fail(h, v, "valoare obligatorie lipsă")
		return
	}
	a, err := amount(v, x.c.numbers)
	if err != nil {
		x.fail(h, v, err.Error())
		return
	}
	x.set("value", a, h)
	currency := "RON"
	if x.c.currency >= 0 {
		ch := x.c.header[x.c.currency]
		cur := strings.ToUpper(strings.TrimSpace(x.row[x.c.currency]))
		switch {
		case missingCell(cur) || cur == "LEI" || cur == "RON":
		case len(cur) == 3 && strings.Trim(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "":
			currency = cur
		default:
			x.fail(ch, cur, "monedă necunoscută: se așteaptă un cod de trei litere (RON, EUR...)")
			return
		}
		x.set("currency", currency, ch)
		return
	}
	x.set("currency", currency, h)
}

// awardDate takes the contract or finalisation date, else the notice's date.
func (x *rowCtx) awardDate() {
	v, h := x.cell(roleAwardDate)
	if v == "" {
		if nv, nh := x.cell(roleNoticeDate); nv != "" || h == string(roleAwardDate) {
			v, h = nv, nh
		}
	}
	if v == "" {
		x.fail(h, v, "valoare obligatorie lipsă")
		return
	}
	d, err := parseDate(v)
	if err != nil {
		x.fail(h, v, err.Error())
		return
	}
	x.set("award_date", d, h)
}

// euFunded reads a yes/no column, else the name of the European fund.
func (x *rowCtx) euFunded() {
	if v, h := x.cell(roleEU); v != "" {
		b, err := parseBool(v)
		if err != nil {
			x.fail(h, v, err.Error())
			return
		}
		x.set("eu_funded", b, h)
		return
	}
	if v, h := x.cell(roleEUFund); v != "" {
		x.set("eu_funded", euFundNamed(v), h)
	}
}

// kind is fixed by the shape or read from how the contract was concluded. A
// call-off names its framework agreement when the source gives it; when it
// does not, ingest.Finish rejects the row (see the package documentation).
func (x *rowCtx) kind() {
	k := x.c.gen.Kind
	v, h := x.cell(roleContractType)
	if k == "" {
		var err error
		if k, err = contractTypeOf(v); err != nil {
			x.fail(h, v, err.Error())
			return
		}
	}
	x.set("kind", string(k), h)
	if k == models.CallOff {
		if p, ph := x.cell(roleParent); p != "" {
			x.parse("parent_id", p, ph)
		} else {
			x.source["parent_id"] = ph
		}
	}
}
