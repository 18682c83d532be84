package opendata

// The DCAT-AP 3.0.1 catalogue of the current release, for data portals
// (data.gov.ro runs CKAN with ckanext-dcat; data.europa.eu harvests
// DCAT-AP):
//
//	/catalog.ttl      Turtle
//	/catalog.jsonld   JSON-LD (the same triples)
//
// A Catalogue with one Dataset per public dataset, one Distribution per
// download format (dcat:accessURL the stable /date/<file>, which always
// serves the current release; dcat:downloadURL the dated
// /date/editii/<id>/<file>, whose bytes are the checksum's until the release
// is pruned; media type, byte size, spdx:checksum), the publisher (the
// deployment's main institution), its public contact point, the licence,
// temporal and spatial coverage, themes, and the API as a DataService.
// Every resource the shapes want typed (licence, media types, file types,
// themes, languages, location, frequency) is typed in the catalogue, as
// the DCAT-AP SHACL shapes check it without dereferencing anything.
//
// Vocabularies (the EU Publications Office's authority tables unless said):
//   - themes: data-theme (GOVE government and public sector, ECON economy
//     and finance, REGI regions and cities, SOCI population and society);
//   - file types: file-type CSV, JSON, PARQUET, XLSX; the Arrow IPC stream
//     and NDJSON have no code there, so Arrow's dct:format is its IANA media
//     type and NDJSON's a described (blank) media type;
//   - media types: IANA's registry (text/csv, application/json,
//     application/vnd.apache.parquet, application/vnd.apache.arrow.stream,
//     the XLSX type); application/x-ndjson is not registered, so NDJSON has
//     no dcat:mediaType;
//   - licence: OGL-ROU-1.0 has no code in the EU licence table, so its IRI
//     is the document data.gov.ro publishes (models.DefaultLicence.URL),
//     typed dct:LicenseDocument, of ADMS licence type Attribution;
//   - spatial: the EU country table's ROU (Romania), with its bounding box
//     and centroid. A NUTS 3 code (the county) or a SIRUTA code would be
//     finer, but DCAT-AP wants each dct:Location with a bbox and a centroid,
//     and the release has no geometry to give them;
//   - frequency: the EU frequency table, from the dataset's declared frequency;
//   - publisher type: ADMS publishertype LocalAuthority.

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// Portal is what the portal metadata says beyond the release: the site's
// public address and the institution's public contact point, set by
// cmd/publicsite from its configuration.
type Portal struct {
	// BaseURL is the site's public address (https://date.primarie.ro, no
	// trailing slash): absolute URLs of the metadata start with it. Empty:
	// the address the request came to (its Host header).
	BaseURL string
	// ContactEmail and ContactURL are the institution's public contact
	// point (a registry address, a contact page), never a person's; empty
	// ones are left out, and the contact point is then the site's address.
	ContactEmail, ContactURL string
	// OCIDPrefix starts every OCDS ocid (ocds.go).
	OCIDPrefix string
}

// SetPortal sets what the portal metadata says beyond the release.
func (s *Server) SetPortal(p Portal) { s.portal = p }

// baseURL is the configured public address, else the request's.
func (s *Server) baseURL(r *http.Request) string {
	if s.portal.BaseURL != "" {
		return strings.TrimRight(s.portal.BaseURL, "/")
	}
	return dashboards.Origin(r)
}

// Namespaces of the catalogue.
var catalogPrefixes = map[string]string{
	"adms":   "http://www.w3.org/ns/adms#",
	"dcat":   "http://www.w3.org/ns/dcat#",
	"dcatap": "http://data.europa.eu/r5r/",
	"dct":    "http://purl.org/dc/terms/",
	"foaf":   "http://xmlns.com/foaf/0.1/",
	"gsp":    "http://www.opengis.net/ont/geosparql#",
	"rdf":    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	"rdfs":   "http://www.w3.org/2000/01/rdf-schema#",
	"skos":   "http://www.w3.org/2004/02/skos/core#",
	"spdx":   "http://spdx.org/rdf/terms#",
	"vcard":  "http://www.w3.org/2006/vcard/ns#",
	"xsd":    "http://www.w3.org/2001/XMLSchema#",
}

func ns(prefix, local string) term { return iri(catalogPrefixes[prefix] + local) }

const (
	euAuthority = "http://publications.europa.eu/resource/authority/"
	ianaTypes   = "http://www.iana.org/assignments/media-types/"
)

// A concept of a vocabulary, with its labels.
type concept struct{ iri, en, ro string }

var themes = map[string]concept{
	"GOVE": {euAuthority + "data-theme/GOVE", "Government and public sector", "Guvern și sector public"},
	"ECON": {euAuthority + "data-theme/ECON", "Economy and finance", "Economie și finanțe"},
	"REGI": {euAuthority + "data-theme/REGI", "Regions and cities", "Regiuni și orașe"},
	"SOCI": {euAuthority + "data-theme/SOCI", "Population and society", "Populație și societate"},
}

// datasetThemes are each dataset's themes; a dataset not listed is GOVE.
var datasetThemes = map[string][]string{
	"entities":                 {"GOVE", "REGI", "SOCI"},
	"budget":                   {"ECON", "GOVE"},
	"budget_execution_monthly": {"ECON", "GOVE"},
	"investments":              {"ECON", "GOVE", "REGI"},
	"procurement":              {"ECON", "GOVE"},
	"suppliers":                {"ECON", "GOVE"},
	"requests_daily":           {"GOVE", "SOCI"},
	"requests_answer_days":     {"GOVE", "SOCI"},
}

// frequencies are the EU frequency codes of the declared frequencies (by
// their Romanian words); a frequency not listed is left out.
var frequencies = map[string]concept{
	"zilnic": {euAuthority + "frequency/DAILY", "daily", "zilnic"},
	"lunar":  {euAuthority + "frequency/MONTHLY", "monthly", "lunar"},
	"anual":  {euAuthority + "frequency/ANNUAL", "annual", "anual"},
	"la aprobarea și rectificarea bugetului": {euAuthority + "frequency/IRREG", "irregular", "neregulat"},
}

// distributionFormat is how the catalogue names a download format.
type distributionFormat struct {
	fileType  string // dct:format: an IRI, or "" for a described blank node
	mediaType string // dcat:mediaType (IANA); "" when unregistered
	ro, en    string // what the file is
}

var distributionFormats = map[string]distributionFormat{
	"parquet":   {euAuthority + "file-type/PARQUET", ianaTypes + "application/vnd.apache.parquet", "Parquet (fișierul ediției, comprimat zstd)", "Parquet (the release's file, zstd-compressed)"},
	"csv":       {euAuthority + "file-type/CSV", ianaTypes + "text/csv", "CSV (UTF-8, separator virgulă, antet, punct zecimal)", "CSV (UTF-8, comma-separated, header, decimal point)"},
	"csv-excel": {euAuthority + "file-type/CSV", ianaTypes + "text/csv", "CSV pentru Excel în limba română (UTF-8 cu BOM, separator punct și virgulă, virgulă zecimală, date zz.ll.aaaa)", "CSV for a Romanian-locale Excel (UTF-8 with BOM, semicolon-separated, decimal comma, dd.mm.yyyy dates)"},
	"json":      {euAuthority + "file-type/JSON", ianaTypes + "application/json", "JSON (un tablou de obiecte)", "JSON (an array of objects)"},
	"ndjson":    {"", "", "NDJSON (un obiect JSON pe linie)", "NDJSON (one JSON object a line)"},
	"arrow":     {ianaTypes + "application/vnd.apache.arrow.stream", ianaTypes + "application/vnd.apache.arrow.stream", "Arrow IPC stream", "Arrow IPC stream"},
	"xlsx":      {euAuthority + "file-type/XLSX", ianaTypes + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX (foi de câte cel mult 1.048.576 de rânduri)", "XLSX (sheets of at most 1,048,576 rows)"},
}

// Romania, as the EU country table names it, with its extent (WGS 84,
// longitude latitude): west Beba Veche 20.26, east Sulina 29.76, south
// Zimnicea 43.62, north Horodiștea 48.27.
const (
	spatialIRI      = euAuthority + "country/ROU"
	spatialBBox     = "POLYGON((20.26 43.62,29.76 43.62,29.76 48.27,20.26 48.27,20.26 43.62))"
	spatialCentroid = "POINT(24.97 45.94)"
)

// catalog is the DCAT-AP graph of a release.
func (s *Server) catalog(r *http.Request, m *models.Manifest, publisher models.Entity) *graph {
	base := s.baseURL(r)
	g := newGraph(catalogPrefixes)
	a := func(subject term, classes ...term) {
		for _, c := range classes {
			g.add(subject, iri(rdfType), c)
		}
	}
	text := func(subject, pred term, t models.Text) {
		if t.RO != "" {
			g.add(subject, pred, langStr(t.RO, "ro"))
		}
		if t.EN != "" {
			g.add(subject, pred, langStr(t.EN, "en"))
		}
	}
	dateTime := typedLit(m.Created.UTC().Format(time.RFC3339), catalogPrefixes["xsd"]+"dateTime")
	doc := "/catalog#"
	cat, pub, contact, api := iri(base+doc+"catalog"), iri(base+doc+"publisher"), iri(base+doc+"contact"), iri(base+doc+"api")

	// The vocabularies' terms, typed as the shapes check them.
	typed := map[string]bool{}
	vocab := func(c concept, classes ...term) term {
		t := iri(c.iri)
		if !typed[c.iri] {
			typed[c.iri] = true
			a(t, classes...)
			if c.en != "" {
				g.add(t, ns("skos", "prefLabel"), langStr(c.en, "en"))
			}
			if c.ro != "" {
				g.add(t, ns("skos", "prefLabel"), langStr(c.ro, "ro"))
			}
		}
		return t
	}
	document := func(u string) term {
		t := iri(u)
		if !typed[u] {
			typed[u] = true
			a(t, ns("foaf", "Document"))
		}
		return t
	}
	themeScheme := euAuthority + "data-theme"
	theme := func(code string) term {
		t := vocab(themes[code], ns("skos", "Concept"))
		if !typed[themeScheme+"#"+code] {
			typed[themeScheme+"#"+code] = true
			g.add(t, ns("skos", "inScheme"), iri(themeScheme))
		}
		return t
	}
	langs := []term{
		vocab(concept{iri: euAuthority + "language/RON"}, ns("dct", "LinguisticSystem")),
		vocab(concept{iri: euAuthority + "language/ENG"}, ns("dct", "LinguisticSystem")),
	}
	lic := m.Licence
	if lic.URL == "" {
		lic = models.DefaultLicence
	}
	licence := func(l models.Licence) term {
		if l.URL == "" {
			l = lic
		}
		t := iri(l.URL)
		if !typed[l.URL] {
			typed[l.URL] = true
			a(t, ns("dct", "LicenseDocument"))
			g.add(t, ns("dct", "title"), str(l.Title))
			g.add(t, ns("dct", "identifier"), str(l.ID))
			g.add(t, ns("dct", "type"), vocab(concept{"http://purl.org/adms/licencetype/Attribution", "Attribution", "Atribuire"}, ns("skos", "Concept")))
		}
		return t
	}
	spatial := iri(spatialIRI)
	stable := vocab(concept{euAuthority + "planned-availability/STABLE", "stable", "stabilă"}, ns("skos", "Concept"))

	// The catalogue.
	a(cat, ns("dcat", "Catalog"))
	text(cat, ns("dct", "title"), models.Text{RO: "Date deschise – " + publisher.Name, EN: "Open data – " + publisher.Name})
	text(cat, ns("dct", "description"), models.Text{
		RO: "Seturile de date publice ale ediției " + m.ReleaseID + ": bugete, execuție bugetară, investiții, achiziții publice și cereri, fiecare în toate formatele, cu sha256.",
		EN: "The public datasets of release " + m.ReleaseID + ": budgets, budget execution, investments, public procurement and requests, each in every format, with sha256."})
	g.add(cat, ns("dct", "publisher"), pub)
	g.add(cat, ns("foaf", "homepage"), document(base+"/"))
	for _, l := range langs {
		g.add(cat, ns("dct", "language"), l)
	}
	g.add(cat, ns("dct", "issued"), dateTime)
	g.add(cat, ns("dct", "modified"), dateTime)
	g.add(cat, ns("dct", "license"), licence(lic))
	g.add(cat, ns("dct", "spatial"), spatial)
	g.add(cat, ns("dcat", "themeTaxonomy"), iri(themeScheme))
	g.add(cat, ns("dcat", "service"), api)

	// The publisher and its public contact point.
	a(pub, ns("foaf", "Agent"), ns("foaf", "Organization"))
	g.add(pub, ns("foaf", "name"), langStr(publisher.Name, "ro"))
	if publisher.CUI != "" {
		g.add(pub, ns("dct", "identifier"), str(publisher.CUI))
	}
	g.add(pub, ns("dct", "type"), vocab(concept{"http://purl.org/adms/publishertype/LocalAuthority", "Local Authority", "Autoritate locală"}, ns("skos", "Concept")))
	a(contact, ns("vcard", "Kind"), ns("vcard", "Organization"))
	g.add(contact, ns("vcard", "fn"), langStr(publisher.Name, "ro"))
	if s.portal.ContactEmail != "" {
		g.add(contact, ns("vcard", "hasEmail"), iri("mailto:"+s.portal.ContactEmail))
	}
	contactURL := s.portal.ContactURL
	if contactURL == "" {
		contactURL = base + "/"
	}
	g.add(contact, ns("vcard", "hasURL"), iri(contactURL))

	// The location, the theme scheme.
	a(spatial, ns("dct", "Location"))
	g.add(spatial, ns("skos", "prefLabel"), langStr("România", "ro"))
	g.add(spatial, ns("skos", "prefLabel"), langStr("Romania", "en"))
	g.add(spatial, ns("dcat", "bbox"), typedLit(spatialBBox, catalogPrefixes["gsp"]+"wktLiteral"))
	g.add(spatial, ns("dcat", "centroid"), typedLit(spatialCentroid, catalogPrefixes["gsp"]+"wktLiteral"))
	a(iri(themeScheme), ns("skos", "ConceptScheme"))
	g.add(iri(themeScheme), ns("dct", "title"), langStr("Data theme", "en"))

	// The API.
	a(api, ns("dcat", "DataService"))
	text(api, ns("dct", "title"), models.Text{RO: "API-ul datelor deschise", EN: "The open data API"})
	text(api, ns("dct", "description"), models.Text{
		RO: "Seturile de date ale ediției curente ca JSON: lista, metadatele fiecăruia și descărcările lor.",
		EN: "The current release's datasets as JSON: the list, each one's metadata and their downloads."})
	g.add(api, ns("dcat", "endpointURL"), iri(base+APIPrefix))
	g.add(api, ns("dcat", "endpointDescription"), iri(base+APIPrefix+"/openapi.json"))
	oas := iri("https://spec.openapis.org/oas/v3.1.0")
	g.add(api, ns("dct", "conformsTo"), oas)
	a(oas, ns("dct", "Standard"))
	g.add(oas, ns("dct", "title"), str("OpenAPI Specification 3.1.0"))
	g.add(api, ns("dcat", "contactPoint"), contact)
	g.add(api, ns("dct", "publisher"), pub)
	g.add(api, ns("dcat", "theme"), theme("GOVE"))
	g.add(api, ns("dcat", "keyword"), langStr("API", "ro"))
	g.add(api, ns("dcat", "keyword"), langStr("date deschise", "ro"))
	g.add(api, ns("dcat", "keyword"), langStr("open data", "en"))
	g.add(api, ns("dct", "license"), licence(lic))

	// The datasets and their distributions.
	landing := document(base + "/date")
	for _, d := range m.Datasets {
		if d.Access != models.Public {
			continue
		}
		ds := iri(base + doc + "dataset-" + d.Name)
		g.add(cat, ns("dcat", "dataset"), ds)
		g.add(api, ns("dcat", "servesDataset"), ds)
		a(ds, ns("dcat", "Dataset"))
		text(ds, ns("dct", "title"), d.Title)
		text(ds, ns("dct", "description"), d.Description)
		g.add(ds, ns("dct", "identifier"), str(d.Name))
		text(ds, ns("dcat", "keyword"), d.Title)
		g.add(ds, ns("dcat", "keyword"), str(d.Name))
		g.add(ds, ns("dct", "publisher"), pub)
		g.add(ds, ns("dcat", "contactPoint"), contact)
		g.add(ds, ns("dcat", "landingPage"), landing)
		for _, l := range langs {
			g.add(ds, ns("dct", "language"), l)
		}
		g.add(ds, ns("dct", "spatial"), spatial)
		if from, to, ok := coverageDates(d); ok {
			period := g.newBlank()
			g.add(ds, ns("dct", "temporal"), period)
			a(period, ns("dct", "PeriodOfTime"))
			g.add(period, ns("dcat", "startDate"), typedLit(from, catalogPrefixes["xsd"]+"date"))
			g.add(period, ns("dcat", "endDate"), typedLit(to, catalogPrefixes["xsd"]+"date"))
		}
		if f, ok := frequencies[d.Frequency.RO]; ok {
			g.add(ds, ns("dct", "accrualPeriodicity"), vocab(f, ns("dct", "Frequency"), ns("skos", "Concept")))
		}
		codes := datasetThemes[d.Name]
		if len(codes) == 0 {
			codes = []string{"GOVE"}
		}
		for _, c := range codes {
			g.add(ds, ns("dcat", "theme"), theme(c))
		}
		g.add(ds, ns("dct", "modified"), dateTime)
		if d.Source.RO != "" {
			prov := g.newBlank()
			g.add(ds, ns("dct", "provenance"), prov)
			a(prov, ns("dct", "ProvenanceStatement"))
			text(prov, ns("rdfs", "label"), d.Source)
		}
		for _, f := range models.Formats {
			file, ok := d.File(f.ID)
			if !ok {
				continue
			}
			df := distributionFormats[f.ID]
			dist := iri(base + doc + "distribution-" + d.Name + "-" + f.ID)
			g.add(ds, ns("dcat", "distribution"), dist)
			a(dist, ns("dcat", "Distribution"))
			text(dist, ns("dct", "title"), models.Text{RO: d.Title.RO + " – " + f.Label, EN: d.Title.EN + " – " + f.Label})
			text(dist, ns("dct", "description"), models.Text{RO: df.ro, EN: df.en})
			g.add(dist, ns("dcat", "accessURL"), iri(base+"/date/"+d.Name+f.Suffix))
			g.add(dist, ns("dcat", "downloadURL"), iri(base+"/date/editii/"+m.ReleaseID+"/"+d.Name+f.Suffix))
			if df.mediaType != "" {
				g.add(dist, ns("dcat", "mediaType"), vocab(concept{iri: df.mediaType}, ns("dct", "MediaType"), ns("dct", "MediaTypeOrExtent")))
			}
			if df.fileType != "" {
				g.add(dist, ns("dct", "format"), vocab(concept{iri: df.fileType}, ns("dct", "MediaTypeOrExtent")))
			} else {
				described := g.newBlank()
				g.add(dist, ns("dct", "format"), described)
				a(described, ns("dct", "MediaTypeOrExtent"))
				g.add(described, ns("rdfs", "label"), str(f.Label))
			}
			g.add(dist, ns("dcat", "byteSize"), typedLit(strconv.FormatInt(file.Bytes, 10), catalogPrefixes["xsd"]+"nonNegativeInteger"))
			sum := g.newBlank()
			g.add(dist, ns("spdx", "checksum"), sum)
			a(sum, ns("spdx", "Checksum"))
			g.add(sum, ns("spdx", "algorithm"), ns("spdx", "checksumAlgorithm_sha256"))
			g.add(sum, ns("spdx", "checksumValue"), typedLit(file.SHA256, catalogPrefixes["xsd"]+"hexBinary"))
			g.add(dist, ns("dct", "license"), licence(d.Licence))
			g.add(dist, ns("dcatap", "availability"), stable)
			g.add(dist, ns("dct", "issued"), dateTime)
		}
	}
	return g
}

// coverageDates are the first and last day a dataset covers: a coverage
// date of a dataset by month or by year stands for its whole month or year.
func coverageDates(d models.ManifestDataset) (from, to string, ok bool) {
	if d.Coverage.From == "" || d.Coverage.To == "" {
		return "", "", false
	}
	end, err := time.Parse(time.DateOnly, d.Coverage.To)
	if err != nil {
		return "", "", false
	}
	switch d.Period {
	case models.PeriodMonth:
		end = end.AddDate(0, 1, -end.Day())
	case models.PeriodYear:
		end = time.Date(end.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return d.Coverage.From, end.Format(time.DateOnly), true
}

// serveCatalog writes the catalogue of the request's release in Turtle or JSON-LD.
func (s *Server) serveCatalog(turtle bool) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		rel := s.release(r)
		m := rel.Manifest
		var publisher models.Entity
		if rel.Reader != nil {
			if e, err := rel.Reader.Entity(rel.Reader.MainEntity()); err == nil {
				publisher = e
			}
		}
		if publisher.Name == "" {
			publisher.Name = "Deschis"
		}
		ctype := "application/ld+json"
		if turtle {
			ctype = "text/turtle; charset=utf-8"
		}
		g := s.catalog(r, m, publisher)
		var b bytes.Buffer
		var err error
		if turtle {
			err = g.writeTurtle(&b)
		} else {
			err = g.writeJSONLD(&b)
		}
		if err != nil {
			return err
		}
		// Made from the release, the settings and (without base_url) the
		// address the request came to: its ETag is its bytes'.
		etag := etagOf(b.Bytes())
		h := w.Header()
		h.Set("Content-Type", ctype)
		h.Set("Cache-Control", "public, max-age=60")
		if s.portal.BaseURL == "" {
			h.Set("Vary", "Host")
		}
		h.Set("ETag", etag)
		if noneMatch(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return nil
		}
		_, err = w.Write(b.Bytes())
		return err
	}
}
