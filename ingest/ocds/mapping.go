package ocds

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

var procurementFields = models.SourceFields[models.DatasetProcurement]

func fieldIdx(name string) int {
	i := models.FieldIndex(models.DatasetProcurement, name)
	if i < 0 {
		panic("ocds: unknown procurement field " + name)
	}
	return i
}

var (
	fContractID   = fieldIdx("contract_id")
	fKind         = fieldIdx("kind")
	fParentID     = fieldIdx("parent_id")
	fBuyerCUI     = fieldIdx("buyer_cui")
	fBuyerName    = fieldIdx("buyer_name")
	fSupplierCUI  = fieldIdx("supplier_cui")
	fSupplierName = fieldIdx("supplier_name")
	fTitle        = fieldIdx("title")
	fCPV          = fieldIdx("cpv")
	fValue        = fieldIdx("value")
	fCurrency     = fieldIdx("currency")
	fAwardDate    = fieldIdx("award_date")
	fProcedure    = fieldIdx("procedure")
	fOffers       = fieldIdx("offers")
	fEUFunded     = fieldIdx("eu_funded")
)

// mapRecord maps one record of a record package (or of JSON Lines): its
// compiledRelease when there is one, else its embedded releases compiled.
func (rd *Reader) mapRecord(u unit) []*models.Record {
	prefix := join(u.path, "")
	ocid := u.obj["ocid"]
	if cr := getObj(u.obj, "compiledRelease"); cr != nil {
		if cr["ocid"] == nil {
			cr["ocid"] = ocid
		}
		return rd.mapProcess(cr, u.line, prefix+"compiledRelease")
	}
	var rels []obj
	linked := 0
	for _, e := range getArr(u.obj, "releases") {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		// A linked release is only {url, date, tag}: its content is elsewhere.
		if m["ocid"] == nil && m["id"] == nil && m["url"] != nil {
			linked++
			continue
		}
		rels = append(rels, m)
	}
	if len(rels) == 0 {
		reason := "înregistrarea nu are compiledRelease și nici publicații incluse în releases"
		if linked > 0 {
			reason = fmt.Sprintf("înregistrarea nu are compiledRelease, iar cele %d publicații din releases sunt doar legături (url): publicați înregistrarea cu compiledRelease sau cu publicațiile incluse", linked)
		}
		return []*models.Record{rd.badUnit(unit{line: u.line, path: prefix + "releases", value: ocid, reason: reason})}
	}
	cr := compile(rels)
	if cr["ocid"] == nil {
		cr["ocid"] = ocid
	}
	return rd.mapProcess(cr, u.line, prefix+"releases[*]")
}

// join builds a JSON path: join("releases[3]", "awards[0]") is
// "releases[3].awards[0]"; join(p, "") is the prefix to put before a field.
func join(prefix, rest string) string {
	switch {
	case prefix == "":
		return rest
	case rest == "":
		return prefix + "."
	}
	return prefix + "." + rest
}

// org is a party as far as Deschis needs it.
type org struct {
	name, namePath string
	ids            []ident // identifier first, then additionalIdentifiers
	path           string  // where the organization was found
}

type ident struct{ scheme, id, path string }

// process holds what all the rows of one contracting process share.
type process struct {
	rd       *Reader
	rel      obj
	p        string // path prefix of the release, with its trailing dot
	line     int
	ocid     string
	parties  map[string]int
	partyArr []any
}

// mapProcess maps one (compiled) release to rows. The rules, field by field:
//
//   - contract_id: ocid + "/" + the contract's id, or the award's id for an
//     award without contract.
//   - kind: call_off when relatedProcesses (of the contract or the release)
//     has relationship "framework", with parent_id the related process's
//     identifier (its ocid: the framework agreement's rows have contract_ids
//     that start with that ocid + "/"); framework_agreement when
//     tender.techniques.hasFrameworkAgreement is true or
//     procurementMethodDetails speaks of a framework agreement (acord-cadru)
//     (but details that speak of a call-off, "contract subsecvent", make a
//     call_off, rejected when no relatedProcesses names its framework);
//     direct_purchase when procurementMethod is direct, or limited with
//     details that say direct (achiziție directă); else procedure_award.
//   - buyer_cui, buyer_name: the buyer (1.1: buyer, resolved in parties by id;
//     1.0: buyer with its identifier inline), else the party with role buyer,
//     else tender.procuringEntity, else the party with role procuringEntity.
//     The fiscal code is the first identifier (identifier, then
//     additionalIdentifiers) in a Romanian fiscal scheme (RO-CUI, RO-CIF,
//     RO-VAT) or with no scheme, read as a CUI (check digit verified). A buyer
//     known only by a foreign scheme is rejected, unless KeepForeignIDs.
//   - supplier_cui, supplier_name: awards[].suppliers[], resolved in parties
//     (1.1) or inline (1.0); the code chosen like the buyer's but kept as
//     written (a foreign one as "SCHEME-id"). One row per supplier; an award
//     to several suppliers (a consortium) has one value for all of them, and
//     neither copying it on each row (totals counted several times) nor
//     splitting it (shares the source does not give) is true, so each of
//     those rows is rejected with a reason that says so.
//   - title: the contract's title, else the award's, else the tender's.
//   - cpv: the first CPV code (classification or additionalClassifications
//     with scheme CPV) among the items of the contract, then the award, then
//     the tender. A contract classified in no CPV item (another scheme
//     only, or no items) is read with cpv unknown: it counts in every total
//     and is shown as "fără cod CPV". A CPV code that cannot be read (no
//     check digit) is still a reject.
//   - value, currency: the contract's value, else the award's (a contract
//     without value takes the award's only when it is the award's single
//     contract). A currency other than RON is kept with the amount in that
//     currency: nothing is converted. A missing currency is RON (Finish).
//   - award_date: the contract's dateSigned, else the award's date.
//   - procedure: procurementMethodDetails (procurementMethod).
//   - offers: tender.numberOfTenderers.
//   - eu_funded: only on an explicit signal: a party with role funder named
//     European Union (the OCDS for eForms mapping of BT-60), or
//     planning.budget's europeanUnionFunding / isEuropeanUnionFunded (EU
//     extensions). Otherwise unknown (empty), never false by default.
func (rd *Reader) mapProcess(rel obj, line int, path string) []*models.Record {
	pr := &process{rd: rd, rel: rel, p: join(path, ""), line: line, parties: map[string]int{}}
	pr.ocid, _ = idText(rel["ocid"])
	pr.partyArr = getArr(rel, "parties")
	for i, e := range pr.partyArr {
		if m, ok := e.(map[string]any); ok {
			if id, ok := idText(m["id"]); ok {
				if _, dup := pr.parties[id]; !dup {
					pr.parties[id] = i
				}
			}
		}
	}

	awards := getArr(rel, "awards")
	contracts := getArr(rel, "contracts")
	awardAt := map[string]int{}
	for i, a := range awards {
		if m, ok := a.(map[string]any); ok {
			if id, ok := idText(m["id"]); ok {
				awardAt[id] = i
			}
		}
	}
	byAward := map[int][]int{} // award index -> indexes of its live contracts
	var orphans []int
	for j, c := range contracts {
		m, ok := c.(map[string]any)
		if !ok {
			continue
		}
		aid, _ := idText(m["awardID"])
		i, linked := awardAt[aid]
		if linked {
			byAward[i] = append(byAward[i], -1) // the award has contracts, even cancelled ones
		}
		if s, _ := m["status"].(string); s == "cancelled" {
			continue
		}
		if linked {
			byAward[i] = append(byAward[i], j)
		} else {
			orphans = append(orphans, j)
		}
	}

	var out []*models.Record
	for i, a := range awards {
		am, ok := a.(map[string]any)
		if !ok {
			out = append(out, pr.bad(fmt.Sprintf("awards[%d]", i), a, "atribuirea trebuie să fie un obiect, nu "+jsonKind(a)))
			continue
		}
		cs, hasContracts := byAward[i]
		live := 0
		for _, j := range cs {
			if j >= 0 {
				live++
			}
		}
		if !hasContracts {
			if s, _ := am["status"].(string); s == "cancelled" || s == "unsuccessful" {
				continue
			}
			out = append(out, pr.rows(am, i, nil, -1, 1)...)
			continue
		}
		for _, j := range cs {
			if j >= 0 {
				out = append(out, pr.rows(am, i, contracts[j].(map[string]any), j, live)...)
			}
		}
	}
	for _, j := range orphans {
		out = append(out, pr.rows(nil, -1, contracts[j].(map[string]any), j, 1)...)
	}
	return out
}

func (pr *process) bad(path string, v any, reason string) *models.Record {
	rec := &models.Record{Line: pr.line, Values: make([]any, len(procurementFields))}
	pr.fail(rec, path, v, reason)
	return rec
}

func (pr *process) fail(rec *models.Record, path string, v any, reason string) {
	rec.Errors = append(rec.Errors, models.RowError{File: pr.rd.opt.File, Line: pr.line, Column: pr.p + path,
		Value: ingest.Truncate(raw(v), 200), Reason: reason})
}

// setText parses a text value through the field's canonical rules.
func (pr *process) setText(rec *models.Record, f int, path string, s string) {
	v, err := ingest.ParseValue(procurementFields[f], s)
	if err != nil {
		pr.fail(rec, path, s, err.Error())
		return
	}
	rec.Values[f] = v
}

// rows maps one award (am, index ai; nil for a contract without award) and
// optionally one of its contracts (cm, index ci), live being the number of
// live contracts of the award.
func (pr *process) rows(am obj, ai int, cm obj, ci int, live int) []*models.Record {
	aPath := fmt.Sprintf("awards[%d]", ai)
	cPath := fmt.Sprintf("contracts[%d]", ci)
	base := &models.Record{Line: pr.line, Values: make([]any, len(procurementFields))}

	// contract_id
	switch {
	case pr.ocid == "":
		pr.fail(base, "ocid", pr.rel["ocid"], "procesul nu are ocid: identificatorul contractului nu poate fi format")
	case cm != nil:
		if id, ok := idText(cm["id"]); ok {
			base.Values[fContractID] = pr.ocid + "/" + id
		} else {
			pr.fail(base, cPath+".id", cm["id"], "contractul nu are id")
		}
	default:
		if id, ok := idText(am["id"]); ok {
			base.Values[fContractID] = pr.ocid + "/" + id
		} else {
			pr.fail(base, aPath+".id", am["id"], "atribuirea nu are id")
		}
	}

	pr.kind(base, cm, cPath)
	pr.buyer(base)

	// title
	titled := false
	for _, src := range []struct {
		m    obj
		path string
	}{{cm, cPath}, {am, aPath}, {getObj(pr.rel, "tender"), "tender"}} {
		if src.m == nil {
			continue
		}
		s, err := text(src.m, "title")
		if err != nil {
			pr.fail(base, src.path+".title", src.m["title"], err.Error())
			titled = true
			break
		}
		if s != "" {
			pr.setText(base, fTitle, src.path+".title", s)
			titled = true
			break
		}
	}
	if !titled {
		pr.fail(base, "tender.title", nil, "lipsește obiectul contractului: nici contractul, nici atribuirea, nici procedura nu au title")
	}

	pr.cpv(base, am, aPath, cm, cPath)
	pr.value(base, am, aPath, cm, cPath, live)

	// award_date
	switch {
	case cm != nil && cm["dateSigned"] != nil:
		pr.setDate(base, cPath+".dateSigned", cm["dateSigned"])
	case am != nil && am["date"] != nil:
		pr.setDate(base, aPath+".date", am["date"])
	case cm != nil && am == nil:
		pr.fail(base, cPath+".dateSigned", nil, "contractul nu are dateSigned și nu are o atribuire cu dată")
	default:
		p := aPath + ".date"
		if cm != nil {
			p = cPath + ".dateSigned"
		}
		pr.fail(base, p, nil, "lipsește data atribuirii: nici dateSigned al contractului, nici date al atribuirii")
	}

	tender := getObj(pr.rel, "tender")
	// procedure
	method, errM := text(tender, "procurementMethod")
	details, errD := text(tender, "procurementMethodDetails")
	switch {
	case errM != nil:
		pr.fail(base, "tender.procurementMethod", tender["procurementMethod"], errM.Error())
	case errD != nil:
		pr.fail(base, "tender.procurementMethodDetails", tender["procurementMethodDetails"], errD.Error())
	case method != "" && details != "":
		pr.setText(base, fProcedure, "tender.procurementMethodDetails", details+" ("+method+")")
	case method != "":
		pr.setText(base, fProcedure, "tender.procurementMethod", method)
	case details != "":
		pr.setText(base, fProcedure, "tender.procurementMethodDetails", details)
	}
	// offers
	if v := tender["numberOfTenderers"]; v != nil {
		if n, err := integer(v); err != nil {
			pr.fail(base, "tender.numberOfTenderers", v, err.Error())
		} else {
			base.Values[fOffers] = n
		}
	}
	if eu, ok := pr.euFunded(); ok {
		base.Values[fEUFunded] = eu
	}

	// suppliers: one row each
	var sups []any
	supPath := aPath + ".suppliers"
	if am != nil {
		sups = getArr(am, "suppliers")
	}
	if len(sups) == 0 && cm != nil && getArr(cm, "suppliers") != nil {
		// Not in the standard: some publishers name the suppliers on the
		// contract (a contract without award, as in Paraguay's DNCP data).
		sups, supPath = getArr(cm, "suppliers"), cPath+".suppliers"
	}
	if len(sups) == 0 {
		p := supPath
		if am == nil {
			p = cPath + ".awardID"
		}
		pr.fail(base, p, nil, "lipsește ofertantul câștigător (suppliers)")
		return []*models.Record{base}
	}
	out := make([]*models.Record, 0, len(sups))
	for k, s := range sups {
		rec := &models.Record{Line: base.Line, Values: append([]any(nil), base.Values...), Errors: append([]models.RowError(nil), base.Errors...)}
		sp := fmt.Sprintf("%s[%d]", supPath, k)
		pr.supplier(rec, s, sp)
		if len(sups) > 1 {
			pr.fail(rec, supPath, strconv.Itoa(len(sups)), fmt.Sprintf(
				"atribuire către %d ofertanți (asociere): valoarea este una pentru toți și nu poate fi împărțită pe ofertanți, iar repetarea ei pe fiecare rând ar număra-o de %d ori", len(sups), len(sups)))
		}
		out = append(out, rec)
	}
	return out
}

func (pr *process) setDate(rec *models.Record, path string, v any) {
	d, err := date(v)
	if err != nil {
		pr.fail(rec, path, v, err.Error())
		return
	}
	rec.Values[fAwardDate] = d
}

// kind classifies the process (see mapProcess).
func (pr *process) kind(rec *models.Record, cm obj, cPath string) {
	rps := []struct {
		arr  []any
		path string
	}{{getArr(pr.rel, "relatedProcesses"), "relatedProcesses"}}
	if cm != nil {
		rps = append([]struct {
			arr  []any
			path string
		}{{getArr(cm, "relatedProcesses"), cPath + ".relatedProcesses"}}, rps...)
	}
	for _, rp := range rps {
		for i, e := range rp.arr {
			m, ok := e.(map[string]any)
			if !ok || !hasString(m["relationship"], "framework") {
				continue
			}
			rec.Values[fKind] = string(models.CallOff)
			if id, ok := idText(m["identifier"]); ok {
				pr.setText(rec, fParentID, fmt.Sprintf("%s[%d].identifier", rp.path, i), id)
			} else {
				pr.fail(rec, fmt.Sprintf("%s[%d].identifier", rp.path, i), m["identifier"],
					"procesul-cadru (relationship framework) nu are identifier: acordul-cadru al contractului subsecvent nu se cunoaște")
			}
			return
		}
	}
	tender := getObj(pr.rel, "tender")
	method, _ := tender["procurementMethod"].(string)
	details, _ := tender["procurementMethodDetails"].(string)
	d := strings.ReplaceAll(rules.Fold(details), "-", " ")
	techniques := getObj(tender, "techniques")
	switch {
	case strings.Contains(d, "subsecvent"), strings.Contains(d, "call off"), strings.Contains(d, "mini competition"):
		// A call-off named only in words: without relatedProcesses its
		// framework agreement is unknown, and Finish rejects it for the
		// missing parent_id. Read as a framework agreement (the words
		// "acord-cadru" are in such details too) it would drop out of the
		// totals without a trace.
		rec.Values[fKind] = string(models.CallOff)
	case techniques["hasFrameworkAgreement"] == true,
		strings.Contains(d, "framework"),
		strings.Contains(d, "acord") && strings.Contains(d, "cadru"):
		rec.Values[fKind] = string(models.FrameworkAgreement)
	case method == "direct", method == "limited" && strings.Contains(d, "direct"):
		rec.Values[fKind] = string(models.DirectPurchase)
	default:
		rec.Values[fKind] = string(models.ProcedureAward)
	}
}

func hasString(v any, want string) bool {
	switch x := v.(type) {
	case string:
		return x == want
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && s == want {
				return true
			}
		}
	}
	return false
}

// resolve reads an organization reference: in 1.1 {id, name} pointing into
// parties, in 1.0 with identifier and name inline. A party found by id gives
// its identifiers; inline ones are used when the party has none.
func (pr *process) resolve(ref obj, path string) org {
	o := org{path: path}
	src, srcPath := ref, path
	if id, ok := idText(ref["id"]); ok {
		if i, ok := pr.parties[id]; ok {
			src, srcPath = pr.partyArr[i].(map[string]any), fmt.Sprintf("parties[%d]", i)
			o.path = srcPath
		}
	}
	if s, _ := src["name"].(string); strings.TrimSpace(s) != "" {
		o.name, o.namePath = strings.TrimSpace(s), srcPath+".name"
	} else if s, _ := ref["name"].(string); strings.TrimSpace(s) != "" {
		o.name, o.namePath = strings.TrimSpace(s), path+".name"
	}
	o.ids = identifiers(src, srcPath)
	if len(o.ids) == 0 && srcPath != path {
		o.ids = identifiers(ref, path)
	}
	return o
}

func identifiers(m obj, path string) []ident {
	var out []ident
	add := func(v any, p string) {
		im, ok := v.(map[string]any)
		if !ok {
			return
		}
		id, ok := idText(im["id"])
		if !ok {
			return
		}
		scheme, _ := im["scheme"].(string)
		out = append(out, ident{scheme: strings.TrimSpace(scheme), id: id, path: p + ".id"})
	}
	add(m["identifier"], path+".identifier")
	for i, v := range getArr(m, "additionalIdentifiers") {
		add(v, fmt.Sprintf("%s.additionalIdentifiers[%d]", path, i))
	}
	return out
}

// romanianScheme reports whether an identifier scheme holds a Romanian fiscal
// code (CUI/CIF, or the VAT code RO + CUI). No scheme is taken as one too:
// Romanian publishers often leave it out.
func romanianScheme(s string) bool {
	switch strings.ToUpper(s) {
	case "", "RO-CUI", "RO-CIF", "RO-VAT", "RO-CUI/CIF":
		return true
	}
	return false
}

// fiscalID picks the identifier that holds the fiscal code: the first in a
// Romanian scheme, else the first at all (foreign).
func fiscalID(ids []ident) (ident, bool) {
	for _, id := range ids {
		if romanianScheme(id.scheme) {
			return id, true
		}
	}
	if len(ids) > 0 {
		return ids[0], false
	}
	return ident{}, false
}

func (pr *process) partyWithRole(role string) int {
	for i, e := range pr.partyArr {
		if m, ok := e.(map[string]any); ok && hasString(m["roles"], role) {
			return i
		}
	}
	return -1
}

// buyer fills buyer_cui and buyer_name.
func (pr *process) buyer(rec *models.Record) {
	var o org
	found := true
	if b := getObj(pr.rel, "buyer"); b != nil {
		o = pr.resolve(b, "buyer")
	} else if i := pr.partyWithRole("buyer"); i >= 0 {
		o = pr.resolve(pr.partyArr[i].(map[string]any), fmt.Sprintf("parties[%d]", i))
	} else if pe := getObj(getObj(pr.rel, "tender"), "procuringEntity"); pe != nil {
		o = pr.resolve(pe, "tender.procuringEntity")
	} else if i := pr.partyWithRole("procuringEntity"); i >= 0 {
		o = pr.resolve(pr.partyArr[i].(map[string]any), fmt.Sprintf("parties[%d]", i))
	} else {
		found = false
	}
	if !found {
		pr.fail(rec, "buyer", nil, "lipsește autoritatea contractantă (buyer, o parte cu rolul buyer sau tender.procuringEntity)")
		return
	}
	if o.name != "" {
		pr.setText(rec, fBuyerName, o.namePath, o.name)
	}
	id, romanian := fiscalID(o.ids)
	switch {
	case id.id == "":
		pr.fail(rec, o.path+".identifier", nil, "autoritatea contractantă nu are identificator (identifier.id): CUI-ul ei lipsește")
	case romanian:
		pr.setText(rec, fBuyerCUI, id.path, id.id)
	case pr.rd.cfg.KeepForeignIDs:
		rec.Values[fBuyerCUI] = id.scheme + "-" + id.id
	default:
		pr.fail(rec, id.path, id.id, fmt.Sprintf(
			"autoritatea contractantă are doar un identificator în schema străină %q, nu un cod fiscal românesc (RO-CUI)", id.scheme))
	}
}

// supplier fills supplier_cui and supplier_name from one element of
// suppliers[].
func (pr *process) supplier(rec *models.Record, v any, path string) {
	ref, ok := v.(map[string]any)
	if !ok {
		pr.fail(rec, path, v, "ofertantul trebuie să fie un obiect, nu "+jsonKind(v))
		return
	}
	o := pr.resolve(ref, path)
	if o.name == "" {
		pr.fail(rec, path+".name", nil, "ofertantul câștigător nu are nume")
	} else {
		pr.setText(rec, fSupplierName, o.namePath, o.name)
	}
	id, romanian := fiscalID(o.ids)
	switch {
	case id.id == "":
		pr.fail(rec, o.path+".identifier", nil, "ofertantul câștigător nu are identificator (identifier.id): codul lui fiscal lipsește")
	case romanian:
		pr.setText(rec, fSupplierCUI, id.path, id.id)
	default:
		pr.setText(rec, fSupplierCUI, id.path, id.scheme+"-"+id.id)
	}
}

// cpv fills the CPV code from the first item that has one; with none, the
// code stays unknown.
func (pr *process) cpv(rec *models.Record, am obj, aPath string, cm obj, cPath string) {
	for _, src := range []struct {
		m    obj
		path string
	}{{cm, cPath}, {am, aPath}, {getObj(pr.rel, "tender"), "tender"}} {
		if src.m == nil || src.m["items"] == nil {
			continue
		}
		for i, it := range getArr(src.m, "items") {
			im, ok := it.(map[string]any)
			if !ok {
				continue
			}
			cls := []struct {
				v    any
				path string
			}{{im["classification"], fmt.Sprintf("%s.items[%d].classification", src.path, i)}}
			for k, c := range getArr(im, "additionalClassifications") {
				cls = append(cls, struct {
					v    any
					path string
				}{c, fmt.Sprintf("%s.items[%d].additionalClassifications[%d]", src.path, i, k)})
			}
			for _, c := range cls {
				cm, ok := c.v.(map[string]any)
				if !ok {
					continue
				}
				scheme, _ := cm["scheme"].(string)
				if !strings.EqualFold(strings.TrimSpace(scheme), "CPV") {
					continue
				}
				id, _ := idText(cm["id"])
				if strings.TrimSpace(id) == "" {
					continue // a CPV scheme without a code gives none: look further
				}
				if len(id) == 8 && strings.Trim(id, "0123456789") == "" {
					pr.fail(rec, c.path+".id", id, "codul CPV nu are cifra de control (se așteaptă de forma 45233140-2): cifra nu se poate deduce sigur, deci nu se completează")
					return
				}
				pr.setText(rec, fCPV, c.path+".id", id)
				return
			}
		}
	}
}

// value fills value and currency.
func (pr *process) value(rec *models.Record, am obj, aPath string, cm obj, cPath string, live int) {
	var v obj
	var path string
	switch {
	case cm != nil && cm["value"] != nil:
		v, path = getObj(cm, "value"), cPath+".value"
		if v == nil {
			pr.fail(rec, path, cm["value"], "valoarea trebuie să fie un obiect {amount, currency}")
			return
		}
	case am != nil && am["value"] != nil && (cm == nil || live == 1):
		v, path = getObj(am, "value"), aPath+".value"
		if v == nil {
			pr.fail(rec, path, am["value"], "valoarea trebuie să fie un obiect {amount, currency}")
			return
		}
	case cm != nil && am != nil && live > 1:
		pr.fail(rec, cPath+".value", nil, fmt.Sprintf("contractul nu are valoare, iar atribuirea are %d contracte: valoarea ei nu se poate atribui unuia singur", live))
		return
	default:
		p := aPath + ".value"
		if cm != nil {
			p = cPath + ".value"
		}
		pr.fail(rec, p, nil, "lipsește valoarea atribuită (value.amount)")
		return
	}
	if v["amount"] == nil {
		pr.fail(rec, path+".amount", nil, "lipsește valoarea atribuită (value.amount)")
	} else if a, err := bani(v["amount"]); err != nil {
		pr.fail(rec, path+".amount", v["amount"], err.Error())
	} else {
		rec.Values[fValue] = a
	}
	if c, err := text(v, "currency"); err != nil {
		pr.fail(rec, path+".currency", v["currency"], err.Error())
	} else if c != "" {
		pr.setText(rec, fCurrency, path+".currency", strings.ToUpper(c))
	}
}

// euFunded looks for an explicit EU funding signal (see mapProcess).
func (pr *process) euFunded() (bool, bool) {
	for _, e := range pr.partyArr {
		m, ok := e.(map[string]any)
		if !ok || !hasString(m["roles"], "funder") {
			continue
		}
		name, _ := m["name"].(string)
		switch rules.Fold(name) {
		case "european union", "uniunea europeana", "ue", "eu", "comisia europeana", "european commission":
			return true, true
		}
	}
	budget := getObj(getObj(pr.rel, "planning"), "budget")
	if b, ok := budget["isEuropeanUnionFunded"].(bool); ok {
		return b, true
	}
	if len(getObj(budget, "europeanUnionFunding")) > 0 {
		return true, true
	}
	for _, e := range getArr(budget, "budgetBreakdown") {
		if m, ok := e.(map[string]any); ok && len(getObj(m, "europeanUnionFunding")) > 0 {
			return true, true
		}
	}
	return false, false
}
