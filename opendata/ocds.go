package opendata

// Procurement as an OCDS 1.1 release package, at
//
//	GET /api/v1/ocds/releases.json
//
// One compiled release per contracting process: a row of the release's
// procurement dataset is one (its key is the buyer and the contract
// number), read from the release's own procurement.ndjson, so the package
// holds the numbers of the downloads. A procedure award or a direct
// purchase is a process with its tender, award and contract; a framework
// agreement is the process that sets it up (its value is the agreement's
// ceiling, never counted in totals); each call-off is a process of its own
// whose relatedProcesses names the framework's ocid with the relationship
// "framework", as OCDS models them. Parties: the buyer (buyer,
// procuringEntity) and the supplier (supplier, tenderer), identified by
// fiscal code (scheme RO-CUI, as publishers of SEAP data use it; a foreign
// supplier's code has no scheme). Items carry the CPV code (scheme CPV,
// without its check digit). No person is named but the suppliers the
// procurement dataset already publishes; no address, e-mail or phone is.
//
// ocid = <prefix>-<buyer CUI>-<contract number>. OCDS wants a prefix
// registered with the Open Contracting Partnership; Deschis has none, so
// the default, LocalOCIDPrefix, is a local one that says so, and a city
// that registers its own sets it (ocid_prefix).
//
// The package is streamed: a release is written as its row is read, in
// flat memory whatever the size.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/deschis/deschis/models"
)

// LocalOCIDPrefix is the default ocid prefix: local, not registered with
// the Open Contracting Partnership (there is no registered one for Deschis).
const LocalOCIDPrefix = "ocds-local0"

var ocidPrefix = regexp.MustCompile(`^ocds-[a-z0-9]{6}$`)

// ValidOCIDPrefix reports whether p has the form of an OCDS prefix.
func ValidOCIDPrefix(p string) bool { return ocidPrefix.MatchString(p) }

// ocdsRow is a row of procurement.ndjson, as DuckDB wrote it.
type ocdsRow struct {
	BuyerCUI     string      `json:"buyer_cui"`
	BuyerName    string      `json:"buyer_name"`
	ContractID   string      `json:"contract_id"`
	Kind         string      `json:"kind"`
	ParentID     string      `json:"parent_id"`
	SupplierCUI  string      `json:"supplier_cui"`
	SupplierName string      `json:"supplier_name"`
	Title        string      `json:"title"`
	CPV          string      `json:"cpv"`
	Value        json.Number `json:"value"`
	Currency     string      `json:"currency"`
	AwardDate    string      `json:"award_date"`
	Procedure    string      `json:"procedure"`
	Offers       *int64      `json:"offers"`
}

// OCDS types: only the fields Deschis fills, named as the standard names them.
type (
	ocdsPackage struct {
		URI           string        `json:"uri"`
		Version       string        `json:"version"`
		PublishedDate string        `json:"publishedDate"`
		Publisher     ocdsPublisher `json:"publisher"`
		License       string        `json:"license"`
	}
	ocdsPublisher struct {
		Name   string `json:"name"`
		Scheme string `json:"scheme,omitempty"`
		UID    string `json:"uid,omitempty"`
		URI    string `json:"uri"`
	}
	ocdsRelease struct {
		OCID             string               `json:"ocid"`
		ID               string               `json:"id"`
		Date             string               `json:"date"`
		Tag              []string             `json:"tag"`
		InitiationType   string               `json:"initiationType"`
		Language         string               `json:"language"`
		Parties          []ocdsParty          `json:"parties"`
		Buyer            ocdsOrgRef           `json:"buyer"`
		Tender           ocdsTender           `json:"tender"`
		Awards           []ocdsAward          `json:"awards"`
		Contracts        []ocdsContract       `json:"contracts"`
		RelatedProcesses []ocdsRelatedProcess `json:"relatedProcesses,omitempty"`
	}
	ocdsParty struct {
		ID         string          `json:"id"`
		Name       string          `json:"name"`
		Identifier *ocdsIdentifier `json:"identifier,omitempty"`
		Roles      []string        `json:"roles"`
	}
	ocdsIdentifier struct {
		Scheme    string `json:"scheme"`
		ID        string `json:"id"`
		LegalName string `json:"legalName,omitempty"`
	}
	ocdsOrgRef struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	ocdsValue struct {
		Amount   json.Number `json:"amount"`
		Currency string      `json:"currency"`
	}
	ocdsClassification struct {
		Scheme string `json:"scheme"`
		ID     string `json:"id"`
	}
	ocdsItem struct {
		ID             string              `json:"id"`
		Description    string              `json:"description,omitempty"`
		Classification *ocdsClassification `json:"classification,omitempty"`
	}
	ocdsTender struct {
		ID                       string     `json:"id"`
		Title                    string     `json:"title,omitempty"`
		Status                   string     `json:"status"`
		ProcuringEntity          ocdsOrgRef `json:"procuringEntity"`
		Items                    []ocdsItem `json:"items"`
		ProcurementMethod        string     `json:"procurementMethod,omitempty"`
		ProcurementMethodDetails string     `json:"procurementMethodDetails,omitempty"`
		MainProcurementCategory  string     `json:"mainProcurementCategory,omitempty"`
		NumberOfTenderers        *int64     `json:"numberOfTenderers,omitempty"`
	}
	ocdsAward struct {
		ID          string       `json:"id"`
		Title       string       `json:"title,omitempty"`
		Description string       `json:"description,omitempty"`
		Status      string       `json:"status"`
		Date        string       `json:"date,omitempty"`
		Value       *ocdsValue   `json:"value,omitempty"`
		Suppliers   []ocdsOrgRef `json:"suppliers"`
		Items       []ocdsItem   `json:"items"`
	}
	ocdsContract struct {
		ID          string     `json:"id"`
		AwardID     string     `json:"awardID"`
		Title       string     `json:"title,omitempty"`
		Description string     `json:"description,omitempty"`
		Status      string     `json:"status"`
		Value       *ocdsValue `json:"value,omitempty"`
		Items       []ocdsItem `json:"items"`
	}
	ocdsRelatedProcess struct {
		ID           string   `json:"id"`
		Relationship []string `json:"relationship"`
		Title        string   `json:"title,omitempty"`
		Scheme       string   `json:"scheme"`
		Identifier   string   `json:"identifier"`
	}
)

// ocdsMethods are OCDS's procurement methods of the modalities of Legea
// 98/2016 (models.AwardProcedures); a modality not listed has none.
var ocdsMethods = map[string]string{
	"licitație deschisă":                  "open",
	"procedură simplificată":              "open",
	"licitație restrânsă":                 "selective",
	"negociere competitivă":               "selective",
	"dialog competitiv":                   "selective",
	"parteneriat pentru inovare":          "selective",
	"negociere fără publicare prealabilă": "limited",
	"achiziție directă":                   "direct",
}

var cuiDigits = regexp.MustCompile(`^(RO)?([0-9]{2,10})$`)

// party is an organisation of the release: identified by its fiscal code
// (RO-CUI) when it is a Romanian one.
func party(cui, name string, roles ...string) ocdsParty {
	p := ocdsParty{ID: "cod-" + cui, Name: name, Roles: roles}
	if m := cuiDigits.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(cui))); m != nil {
		p.ID = "RO-CUI-" + m[2]
		p.Identifier = &ocdsIdentifier{Scheme: "RO-CUI", ID: m[2], LegalName: name}
	}
	if p.Name == "" {
		p.Name = cui
	}
	return p
}

// mainCategory is OCDS's main procurement category of a CPV code: division
// 45 is works, divisions 03–44 and 48 goods, the rest services.
func mainCategory(cpv string) string {
	if len(cpv) < 2 {
		return ""
	}
	switch d := cpv[:2]; {
	case d == "45":
		return "works"
	case d == "48" || d >= "03" && d <= "44":
		return "goods"
	}
	return "services"
}

func (s *Server) ocid(buyer, contract string) string {
	p := s.portal.OCIDPrefix
	if p == "" {
		p = LocalOCIDPrefix
	}
	return p + "-" + buyer + "-" + contract
}

// ocdsDate is a date of the dataset (YYYY-MM-DD) as an OCDS date-time.
func ocdsDate(d string) string {
	if t, err := time.Parse(time.DateOnly, d); err == nil {
		return t.Format(time.RFC3339)
	}
	return ""
}

// compiledRelease is the release of one contracting process.
func (s *Server) compiledRelease(row ocdsRow, releaseID, created string) ocdsRelease {
	ocid := s.ocid(row.BuyerCUI, row.ContractID)
	buyer := party(row.BuyerCUI, row.BuyerName, "buyer", "procuringEntity")
	supplier := party(row.SupplierCUI, row.SupplierName, "supplier", "tenderer")
	item := ocdsItem{ID: "1", Description: row.Title}
	if code, _, _ := strings.Cut(row.CPV, "-"); code != "" {
		item.Classification = &ocdsClassification{Scheme: "CPV", ID: code}
	}
	items := []ocdsItem{item}
	currency := row.Currency
	if currency == "" {
		currency = "RON"
	}
	var value *ocdsValue
	if row.Value != "" {
		value = &ocdsValue{Amount: row.Value, Currency: currency}
	}
	date := ocdsDate(row.AwardDate)
	if date == "" {
		date = created
	}
	rel := ocdsRelease{
		OCID: ocid, ID: ocid + "-" + releaseID, Date: date, Tag: []string{"compiled"},
		InitiationType: "tender", Language: "ro",
		Parties: []ocdsParty{buyer, supplier},
		Buyer:   ocdsOrgRef{ID: buyer.ID, Name: buyer.Name},
		Tender: ocdsTender{ID: row.ContractID, Title: row.Title, Status: "complete",
			ProcuringEntity: ocdsOrgRef{ID: buyer.ID, Name: buyer.Name}, Items: items,
			ProcurementMethodDetails: row.Procedure, MainProcurementCategory: mainCategory(row.CPV)},
	}
	if buyer.ID == supplier.ID { // one organisation, both roles
		rel.Parties = []ocdsParty{{ID: buyer.ID, Name: buyer.Name, Identifier: buyer.Identifier, Roles: append(buyer.Roles, supplier.Roles...)}}
	}
	if p, ok := models.LookupProcedure(row.Procedure); ok {
		rel.Tender.ProcurementMethod = ocdsMethods[p.Name.RO]
	}
	if row.Kind == string(models.DirectPurchase) {
		rel.Tender.ProcurementMethod = "direct"
	}
	if row.Offers != nil && *row.Offers > 0 {
		rel.Tender.NumberOfTenderers = row.Offers
	}
	award := ocdsAward{ID: row.ContractID, Status: "active", Date: ocdsDate(row.AwardDate), Value: value,
		Suppliers: []ocdsOrgRef{{ID: supplier.ID, Name: supplier.Name}}, Items: items}
	contract := ocdsContract{ID: row.ContractID, AwardID: award.ID, Title: row.Title, Status: "active", Value: value, Items: items}
	switch models.ContractKind(row.Kind) {
	case models.FrameworkAgreement:
		award.Title = "Acord-cadru"
		award.Description = "Acord-cadru: valoarea este plafonul acordului; cheltuielile sunt contractele subsecvente, fiecare un proces de contractare cu relatedProcesses „framework” către acesta."
		contract.Description = award.Description
	case models.CallOff:
		contract.Description = "Contract subsecvent acordului-cadru " + row.ParentID + "."
		if row.ParentID != "" {
			rel.RelatedProcesses = []ocdsRelatedProcess{{ID: "1", Relationship: []string{"framework"},
				Title: "Acordul-cadru " + row.ParentID, Scheme: "ocid", Identifier: s.ocid(row.BuyerCUI, row.ParentID)}}
		}
	}
	rel.Awards = []ocdsAward{award}
	rel.Contracts = []ocdsContract{contract}
	return rel
}

// apiOCDS streams the release package of the request's release.
func (s *Server) apiOCDS(w http.ResponseWriter, r *http.Request) {
	rel := s.release(r)
	m := rel.Manifest
	d, ok := m.Dataset(models.DatasetProcurement)
	var file models.ReleaseFile
	if ok {
		file, ok = d.File("ndjson")
	}
	if !ok || d.Access != models.Public {
		writeAPIError(w, http.StatusNotFound, "not_found", models.Text{
			RO: "Ediția " + m.ReleaseID + " nu are achiziții publice în format NDJSON, din care se face pachetul OCDS.",
			EN: "Release " + m.ReleaseID + " has no public procurement as NDJSON, which the OCDS package is made from.",
		}, nil)
		return
	}
	base := s.baseURL(r)
	// The package is a function of the file, the address and the prefix.
	etag := etagOf([]byte("ocds " + file.SHA256 + " " + base + " " + s.ocid("", "")))
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=60")
	if s.portal.BaseURL == "" {
		h.Set("Vary", "Host")
	}
	if noneMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	f, err := os.Open(filepath.Join(rel.Dir, filepath.FromSlash(file.Path)))
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "internal", models.Text{RO: "Fișierul achizițiilor nu poate fi citit.", EN: "The procurement file cannot be read."}, nil)
		return
	}
	defer f.Close()
	if d.Rows == 0 {
		writeAPIError(w, http.StatusNotFound, "not_found", models.Text{
			RO: "Ediția " + m.ReleaseID + " nu are niciun contract: un pachet OCDS are cel puțin o publicare.",
			EN: "Release " + m.ReleaseID + " has no contract: an OCDS package holds at least one release.",
		}, nil)
		return
	}
	if r.Method == http.MethodHead {
		return
	}
	var publisher models.Entity
	if rel.Reader != nil {
		publisher, _ = rel.Reader.Entity(rel.Reader.MainEntity())
	}
	pub := ocdsPublisher{Name: publisher.Name, URI: base + "/"}
	if pub.Name == "" {
		pub.Name = "Deschis"
	}
	if publisher.CUI != "" {
		pub.Scheme, pub.UID = "RO-CUI", publisher.CUI
	}
	lic := m.Licence.URL
	if lic == "" {
		lic = models.DefaultLicence.URL
	}
	created := m.Created.UTC().Format(time.RFC3339)
	head, _ := json.Marshal(ocdsPackage{URI: base + APIPrefix + "/ocds/releases.json", Version: "1.1", PublishedDate: created, Publisher: pub, License: lic})
	out := bufio.NewWriterSize(w, 64<<10)
	out.Write(head[:len(head)-1]) // the object without its closing brace
	out.WriteString(`,"releases":[` + "\n")
	in := bufio.NewReaderSize(f, 1<<20)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	first := true
	for r.Context().Err() == nil { // until the file ends or the client goes away
		line, err := in.ReadBytes('\n')
		if line = bytes.TrimSpace(line); len(line) > 0 {
			var row ocdsRow
			dec := json.NewDecoder(bytes.NewReader(line))
			dec.UseNumber()
			if dec.Decode(&row) != nil {
				return // the file is the release's, checked at publish: a broken one ends the answer short
			}
			if !first {
				out.WriteString(",")
			}
			first = false
			if enc.Encode(s.compiledRelease(row, m.ReleaseID, created)) != nil {
				return // the client went away
			}
		}
		if err != nil {
			break
		}
	}
	out.WriteString("]}\n")
	out.Flush()
}
