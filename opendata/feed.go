package opendata

// The Atom feed of what is new: the releases kept in the releases directory
// and the contracts awarded in the newest month the procurement data covers.
//
//	/date/noutati.atom      in Romanian
//	/en/date/noutati.atom   in English
//
// Entry ids are name-based UUIDs (RFC 9562 version 5) of the institution,
// the release id or the contract's buyer and number: the same entry keeps
// its id in every release, on every host.

import (
	"bytes"
	"encoding/xml"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/feeds"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// FeedPath is the feed's path (under /en in English).
const FeedPath = "/date/noutati.atom"

// FeedContracts is how many of the newest month's contracts the feed lists,
// most recent first; its subtitle says how many there are in all.
const FeedContracts = 100

func feedID(parts ...string) string {
	return "urn:uuid:" + uuid.NewSHA1(uuid.NameSpaceURL, []byte("deschis:"+strings.Join(parts, ":"))).String()
}

// noun is a count before its noun in lang (dashboards.CountNoun).
func noun(lang string, n int64, roOne, roMany, enOne, enMany string) string {
	if lang == dashboards.EN {
		return dashboards.CountNoun(lang, n, enOne, enMany)
	}
	return dashboards.CountNoun(lang, n, roOne, roMany)
}

// feed writes the Atom feed in the request's language.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) error {
	lang := dashboards.LangOf(r)
	rel := s.release(r)
	m := rel.Manifest
	o := s.baseURL(r) // the feed's links are absolute: base_url, else the request's address
	main := ""
	var institution string
	if rel.Reader != nil {
		main = rel.Reader.MainEntity()
		if e, err := rel.Reader.Entity(main); err == nil {
			institution = e.Name
		}
	}
	if institution == "" {
		institution = dashboards.T(lang, "site.name")
	}
	f := &feeds.Feed{
		Title:   dashboards.T(lang, "data.feed.title") + " – " + institution,
		Link:    &feeds.Link{Href: o + dashboards.Link(lang, FeedPath), Rel: "self"},
		Author:  &feeds.Author{Name: institution},
		Updated: m.Created,
	}
	manifests, err := release.Manifests(s.live.Dir())
	if err != nil {
		return err
	}
	for _, vm := range manifests {
		var rows int64
		var sets []string
		for _, d := range vm.Datasets {
			if d.Access == models.Public {
				rows += d.Rows
				sets = append(sets, dashboards.Text(lang, d.Title)+" ("+dashboards.FormatCount(lang, d.Rows)+")")
			}
		}
		f.Add(&feeds.Item{
			Id:    feedID(main, "release", vm.ReleaseID),
			Title: dashboards.Tf(lang, "feed.release", dashboards.FormatDateTime(lang, vm.Created)),
			Link:  &feeds.Link{Href: o + "/date/editii/" + vm.ReleaseID + "/manifest.json", Type: "application/json"},
			Description: html.EscapeString(dashboards.Tf(lang, "feed.release.summary", vm.ReleaseID,
				noun(lang, int64(len(sets)), "set de date public", "seturi de date publice", "public dataset", "public datasets"),
				noun(lang, rows, "rând", "rânduri", "row", "rows"), strings.Join(sets, ", "))),
			Updated: vm.Created,
		})
		if vm.Created.After(f.Updated) {
			f.Updated = vm.Created
		}
	}
	if rel.Reader != nil {
		if err := s.feedContracts(r, f, lang, o, main, m); err != nil {
			return err
		}
	}
	atom := (&feeds.Atom{Feed: f}).AtomFeed()
	atom.Id = feedID(main, "feed", lang)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(atom); err != nil {
		return err
	}
	body := bytes.Replace(buf.Bytes(), []byte(`<feed xmlns="http://www.w3.org/2005/Atom">`),
		[]byte(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="`+lang+`">`), 1)
	etag := etagOf(body)
	h := w.Header()
	h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=60")
	h.Set("ETag", etag)
	if noneMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.Write(body)
	return nil
}

// feedContracts adds the contracts awarded in the newest month of the
// procurement data, most recent first, FeedContracts at most.
func (s *Server) feedContracts(r *http.Request, f *feeds.Feed, lang, o, main string, m *models.Manifest) error {
	d, ok := m.Dataset(models.DatasetProcurement)
	if !ok || d.Coverage.To == "" {
		return nil
	}
	to, err := time.Parse(time.DateOnly, d.Coverage.To)
	if err != nil {
		return nil
	}
	from := time.Date(to.Year(), to.Month(), 1, 0, 0, 0, 0, time.UTC)
	filter := models.ContractFilter{From: from, To: to, Sort: models.SortDateDesc, Limit: FeedContracts}
	rd := s.release(r).Reader
	sum, err := rd.ContractTotals(r.Context(), filter)
	if err != nil {
		return err
	}
	cs, err := rd.Contracts(r.Context(), filter)
	if err != nil {
		return err
	}
	f.Subtitle = dashboards.Tf(lang, "feed.subtitle", noun(lang, int64(len(cs)), "contract", "contracte", "contract", "contracts"),
		dashboards.FormatCount(lang, sum.Rows), dashboards.FormatMonth(lang, from))
	f.Description = f.Subtitle
	for _, c := range cs {
		value := dashboards.FormatLei(lang, c.Value)
		f.Add(&feeds.Item{
			Id:    feedID(main, "contract", c.BuyerCUI, c.ContractID),
			Title: dashboards.Tf(lang, "feed.contract", c.Title, c.SupplierName, value),
			Link:  &feeds.Link{Href: o + dashboards.Link(lang, "/achizitii/furnizori/"+c.SupplierCUI)},
			Description: html.EscapeString(dashboards.Tf(lang, "feed.contract.summary", c.BuyerName, c.ContractID,
				c.SupplierName, c.SupplierCUI, value, dashboards.FormatDate(lang, c.AwardDate), dashboards.ProcedureName(lang, c.Procedure).Text)),
			Updated: c.AwardDate,
		})
	}
	return nil
}
