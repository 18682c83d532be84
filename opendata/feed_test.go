package opendata

import (
	"context"
	"database/sql"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// atomFeed is what RFC 4287 requires of a feed and its entries, read back
// with encoding/xml in the Atom namespace.
type atomFeed struct {
	XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID       string   `xml:"id"`
	Title    string   `xml:"title"`
	Updated  string   `xml:"updated"`
	Subtitle string   `xml:"subtitle"`
	Author   []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type atomEntry struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Summary string     `xml:"summary"`
}

// feedSite serves the demo warehouse published twice into releases of its
// own, as cmd/publicsite wires the downloads.
func feedSite(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	demoAPI(t) // the demo warehouse
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "releases")
	w, err := warehouse.Open(ctx, filepath.Join(demoRoot, "demo.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for i := range 2 {
		at := time.Date(2026, 11, 24+i, 9, 0, 0, 0, time.UTC)
		if _, err := w.Publish(ctx, release.Options{Out: out, Generator: "test", Now: func() time.Time { return at }}); err != nil {
			t.Fatal(err)
		}
	}
	live, err := release.Follow(out, nil, release.OpenWith(release.Tables)) // the contracts are read through it
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	srv := httptest.NewServer(apiHandler(t, live))
	t.Cleanup(srv.Close)
	return srv, out
}

// readFeed reads a feed as a client reaching the site by host would ("":
// the test server's address).
func readFeed(t *testing.T, srv *httptest.Server, path, host string) atomFeed {
	t.Helper()
	req, err := http.NewRequest("GET", srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("%s: %d %s %.300s", path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	var f atomFeed
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatalf("%s is not Atom: %v", path, err)
	}
	return f
}

// The feed is valid Atom (every element RFC 4287 requires, absolute links,
// unique ids), lists every kept release and the newest month's contracts,
// and its ids do not change with the host or the language.
func TestAtomFeedOfReleasesAndContracts(t *testing.T) {
	srv, out := feedSite(t)
	f := readFeed(t, srv, FeedPath, "")
	origin := srv.URL
	rfc3339 := func(what, s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Errorf("%s: updated %q is not RFC 3339", what, s)
		}
		return v
	}
	if f.Lang != "ro" || f.ID == "" || f.Title == "" || len(f.Author) == 0 || f.Author[0].Name == "" {
		t.Errorf("feed: lang %q id %q title %q author %+v", f.Lang, f.ID, f.Title, f.Author)
	}
	rfc3339("feed", f.Updated)
	if !slices.ContainsFunc(f.Links, func(l atomLink) bool { return l.Rel == "self" && l.Href == origin+FeedPath }) {
		t.Errorf("feed links %+v: no rel=self to %s", f.Links, origin+FeedPath)
	}
	ids := map[string]bool{}
	var releases []string
	var contracts []atomEntry
	for _, e := range f.Entries {
		if e.ID == "" || e.Title == "" || e.Summary == "" || !strings.HasPrefix(e.ID, "urn:uuid:") || ids[e.ID] {
			t.Errorf("entry %+v: id, title and summary wanted, the id a unique urn:uuid", e)
		}
		ids[e.ID] = true
		rfc3339(e.ID, e.Updated)
		if len(e.Links) == 0 || !strings.HasPrefix(e.Links[0].Href, origin+"/") {
			t.Errorf("entry %s: links %+v, want an absolute link to this site", e.ID, e.Links)
			continue
		}
		path := strings.TrimPrefix(e.Links[0].Href, origin)
		if id, ok := strings.CutPrefix(path, "/date/editii/"); ok {
			releases = append(releases, strings.TrimSuffix(id, "/manifest.json"))
		} else if strings.HasPrefix(path, "/achizitii/furnizori/") {
			contracts = append(contracts, e)
		} else {
			t.Errorf("entry %s links to %s", e.ID, path)
		}
		if strings.HasPrefix(path, "/date/") {
			if resp, _ := do(t, srv, "GET", path); resp.StatusCode != 200 {
				t.Errorf("entry %s: %s answers %d", e.ID, path, resp.StatusCode)
			}
		}
	}
	kept, err := release.List(out)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(kept)
	if !slices.Equal(releases, kept) || len(kept) != 2 {
		t.Errorf("release entries %v, the releases kept %v (newest first)", releases, kept)
	}
	// The contracts of the newest month, counted in the release's own file.
	cur, _ := release.Current(out)
	m, err := release.ReadManifest(filepath.Join(out, cur))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := m.Dataset("procurement")
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var inMonth int
	to, _ := time.Parse(time.DateOnly, d.Coverage.To)
	from := time.Date(to.Year(), to.Month(), 1, 0, 0, 0, 0, time.UTC)
	if err := db.QueryRow(`SELECT count(*) FROM read_parquet(?) WHERE award_date BETWEEN ? AND ?`,
		filepath.Join(out, cur, "public", "procurement.parquet"), from, to).Scan(&inMonth); err != nil {
		t.Fatal(err)
	}
	if want := min(inMonth, FeedContracts); len(contracts) != want || want == 0 {
		t.Errorf("%d contract entries; %d contracts awarded from %s to %s, the feed lists %d at most", len(contracts), inMonth, from.Format(time.DateOnly), d.Coverage.To, FeedContracts)
	}
	for _, e := range contracts {
		if at := rfc3339(e.ID, e.Updated); at.Before(from) || at.After(to) {
			t.Errorf("contract entry %s awarded %s, outside %s – %s", e.Title, e.Updated, from.Format(time.DateOnly), d.Coverage.To)
		}
	}
	if !strings.Contains(f.Subtitle, " "+dashboards.FormatCount(dashboards.RO, int64(inMonth))+" ") {
		t.Errorf("subtitle %q does not say the %d contracts of the month", f.Subtitle, inMonth)
	}
	// Stable ids: another host, the English feed.
	other := readFeed(t, srv, FeedPath, "date.example.ro")
	en := readFeed(t, srv, "/en"+FeedPath, "")
	if en.Lang != "en" || en.ID == f.ID || en.Title == f.Title {
		t.Errorf("English feed: lang %q id %q title %q", en.Lang, en.ID, en.Title)
	}
	for i, e := range f.Entries {
		if i >= len(other.Entries) || other.Entries[i].ID != e.ID || i >= len(en.Entries) || en.Entries[i].ID != e.ID {
			t.Fatalf("entry %d: id %s changes with the host or the language", i, e.ID)
		}
	}
	if u, _ := url.Parse(other.Entries[0].Links[0].Href); u.Host != "date.example.ro" {
		t.Errorf("links on another host: %s", other.Entries[0].Links[0].Href)
	}
	if other.ID != f.ID {
		t.Errorf("the feed's id changes with the host: %s, %s", f.ID, other.ID)
	}
}
