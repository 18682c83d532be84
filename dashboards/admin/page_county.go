package admin

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/dashboards/public"
	"github.com/deschis/deschis/models"
)

// PathCounty is the county page of the dashboards (English
// /en/admin/county): the public county table, read by the same code
// (public.CountyTableFor), with each unit's alerts of today beside it.
const PathCounty = "/admin/judet"

// countyView is the dashboards' county page.
type countyView struct {
	*Page
	Form     dashboards.Form
	Table    public.CountyTable
	Rows     []countyRow
	Foot     *public.CountyRow
	ViewNote string
	Rules    string
	Public   string // the public county page, when it is served beside
	None     string // why there is no table: the release has no county tree
}

// countyRow is a unit's row of the public table with its alerts.
type countyRow struct {
	public.CountyRow
	CUI    string
	Alerts unitAlerts
}

// unitAlerts are a unit's alerts of today as its row shows them: how many,
// by kind (each kind's count is what its alerts count: requests, chapters,
// objectives), and the most urgent one; Href is the unit's dashboard.
type unitAlerts struct {
	Lang  string
	Href  string
	Total int
	Text  string // "3 alerte; cea mai urgentă:"
	Kinds []alertKind
	Top   *Alert
	// Peers are its figures far from its peers' median (attention_peers.go).
	Peers []PeerFlag
}

type alertKind struct {
	Key, Text string
	Count     int64
}

// county is every administrative unit of the release side by side with its
// alerts, for an account of every institution. An account scoped to one
// institution, the county council's included, gets the 404 of an
// institution outside its scope: the communes are authorities of their own,
// not the county council's, and a scoped account sees its institution only.
func (s *Server) county(q *request) (string, any, error) {
	lang, rel := q.lang, q.rel
	if q.sess.User.Scoped() {
		return "", nil, fmt.Errorf("%w: pagina județului este a conturilor tuturor instituțiilor", models.ErrNotFound)
	}
	q.page.SetActive("admin.county")
	q.page.ScopeText = scopeText(lang, q.sess.User, rel)
	v := &countyView{Page: q.page}
	if !public.HasCountyTree(rel) {
		q.page.SetTitle("admin.county.title.none")
		v.None = dashboards.T(lang, "admin.county.none")
		return "county", v, nil
	}
	t, err := public.CountyTableFor(q.Request, rel, PathCounty)
	if err != nil {
		return "", nil, err
	}
	if t.County != nil {
		q.page.SetTitle("admin.county.title", dashboards.EntityName(lang, *t.County), t.Year)
	} else {
		q.page.SetTitle("admin.county.title.plain", t.Year)
	}
	v.Form = dashboards.Form{Lang: lang, Action: dashboards.Link(lang, PathCounty), Reset: dashboards.Link(lang, PathCounty), Fields: t.Fields}
	v.ViewNote = t.ViewNote
	set := s.attention()
	v.Rules = dashboards.Tf(lang, "admin.county.alerts.rule", dashboards.Tf(lang, "attention.rules", dashboards.FormatDays(lang, int64(set.DueWithinDays)), pointsNoun(lang, set.ChapterLagPoints),
		dashboards.CountNoun(lang, int64(set.StalledMonths), dashboards.T(lang, "attention.month"), dashboards.T(lang, "attention.months")))) +
		" " + dashboards.Tf(lang, "admin.county.peer.rule", dashboards.FormatCount(lang, int64(set.PeerFarPercent)))
	if s.cfg.PublicPages {
		v.Public = dashboards.LinkQ(lang, "/judet", t.Keep)
	}
	alerts, err := s.countyAlerts(q, t.Units, t.Year)
	if err != nil {
		return "", nil, err
	}
	v.Table = t.Table
	for i, r := range t.Table.Rows {
		e := t.Units[i]
		a := alerts[e.CUI]
		a.Peers = peerFlags(lang, set, t.Figures, t.Figures[i])
		r.Head.Href = a.Href
		r.Cells = s.publicLinks(r.Cells)
		v.Rows = append(v.Rows, countyRow{CountyRow: r, CUI: e.CUI, Alerts: a})
	}
	if f := t.Table.Foot; f != nil {
		foot := *f
		foot.Cells = s.publicLinks(foot.Cells)
		v.Foot = &foot
	}
	return "county", v, nil
}

// publicLinks keeps the cells' links to the public pages only when those
// are served beside the dashboards.
func (s *Server) publicLinks(cells []public.CountyCell) []public.CountyCell {
	if s.cfg.PublicPages {
		return cells
	}
	out := make([]public.CountyCell, len(cells))
	for i, c := range cells {
		c.Href = ""
		out[i] = c
	}
	return out
}

// unitHome is a unit's dashboard for year: ?entitate=CUI, with the year
// when it is not the one the dashboard opens on, so the alerts there are
// the ones its row shows.
func unitHome(lang string, rel models.Reader, cui string, year int) string {
	v := url.Values{"entitate": {cui}}
	if year != rel.DefaultYear(cui) {
		v.Set("an", strconv.Itoa(year))
	}
	return dashboards.LinkQ(lang, PathHome, v)
}

// countyAlerts are each unit's alerts of year: attentionOf for the unit as
// an account of it sees them (own late report only), the release's latest
// reports read once for all units. Kept per release, language, year and
// day (countyCache).
func (s *Server) countyAlerts(q *request, units []models.Entity, year int) (map[string]unitAlerts, error) {
	lang, rel := q.lang, q.rel
	key := countyKey{release: rel.Manifest().ReleaseID, lang: lang, day: s.now().Format(time.DateOnly), year: year}
	if m, ok := s.countyAlertsCache.get(key); ok {
		return m, nil
	}
	reports, err := latestReports(q.Context(), rel)
	if err != nil {
		return nil, err
	}
	out := map[string]unitAlerts{}
	for _, e := range units {
		av, err := s.attentionOf(q, scope{Entity: e, Year: year, Asked: url.Values{}}, reports, true)
		if err != nil {
			return nil, err
		}
		out[e.CUI] = summarise(lang, av.Alerts, unitHome(lang, rel, e.CUI, year))
	}
	s.countyAlertsCache.put(key, out)
	return out, nil
}

// summarise counts alerts (sorted, most urgent first) by kind, in the
// order of urgency.
func summarise(lang string, as []Alert, href string) unitAlerts {
	u := unitAlerts{Lang: lang, Href: href, Total: len(as)}
	if len(as) == 0 {
		return u
	}
	top := as[0]
	u.Top = &top
	u.Text = dashboards.Tf(lang, "admin.county.alerts.n",
		dashboards.CountNoun(lang, int64(len(as)), dashboards.T(lang, "admin.county.alert"), dashboards.T(lang, "admin.county.alert.many")))
	for _, a := range as {
		if n := len(u.Kinds); n > 0 && u.Kinds[n-1].Key == a.Key() {
			u.Kinds[n-1].Count += a.Count
			continue
		}
		u.Kinds = append(u.Kinds, alertKind{Key: a.Key(), Text: dashboards.T(lang, "admin.county.kind."+a.Key()), Count: a.Count})
	}
	for i, k := range u.Kinds {
		u.Kinds[i].Text = k.Text + ": " + dashboards.FormatCount(lang, k.Count)
	}
	return u
}
