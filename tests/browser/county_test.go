package browser

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/models"
)

// TestCountyReleaseInBrowser runs site.mjs on the demo county (etl demo
// --county): a commune's home page with its peer comparison, which states
// as many peers as the release has communes of its population band with a
// budget of the year (counted here from the Parquet files), and the county
// page, each in both languages with the checks of every page (axe-core,
// 360 px, no JavaScript, the KPIs against DuckDB's sums); the drill-downs
// start from the commune's pages.
func TestCountyReleaseInBrowser(t *testing.T) {
	root, chromium, node := browserTools(t)
	b, err := demo.Build(context.Background(), t.TempDir(), demo.Options{Scale: 1, County: true}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	r := openRelease(t, b.Release)
	c, y, peers := r.communeWithPeers()
	ys := strconv.Itoa(y)
	home := r.budgetKPIs(c, y, false)
	if r.count(`investments WHERE entity_cui = ? AND year = ?`, c, y) > 0 { // else "–" with the reason
		home = append(home, integerKPI("investments-active", "count",
			r.count(`investments WHERE entity_cui = ? AND year = ? AND status = 'în execuție'`, c, y)))
	}
	home = append(home, r.procurementKPIs(`buyer_cui = ? AND year = ?`, c, y)...)
	home = append(home, r.requestKPIs(c, y, false)...)
	ex := &Expected{Entity: c, Year: y, AxeTags: []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}, Release: filepath.Base(b.Release)}
	r.row(`SELECT count(DISTINCT cui) FROM entities`, nil, &ex.Entities)
	ex.Pages = []Page{
		{ID: "judet-comuna", Path: "/?entitate=" + c + "&an=" + ys, Status: 200, Kind: "data", KPIs: home, Peers: peers},
		// Not entity-scoped: its selector shows the release's main entity.
		{ID: "judet-demo", Path: "/judet?an=" + ys, Status: 200, Kind: "detail"},
	}
	ex.StatusOnly = []Page{{ID: "judet-valori-invalide", Path: "/judet?valori=toate", Status: 400}}
	ex.Forms = []FormCheck{}
	ex.Chapter = "/buget?entitate=" + c + "&an=" + ys
	// The investments' drill-down from the unit with the most of the year.
	var inv string
	r.row(`SELECT entity_cui FROM investments WHERE year = ? GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, []any{y}, &inv)
	ex.Investments = "/investitii?entitate=" + inv + "&an=" + ys
	ex.Procurement = "/achizitii?entitate=" + c + "&an=" + ys
	ex.ByCode, ex.LatestYear = r.investmentPages()
	ex.BySupplier = r.supplierPages()
	_, err = os.Stat(filepath.Join(root, "dashboards/static/vendor/echarts.min.js"))
	ex.Echarts = err == nil
	ex.Base = startSite(t, root, b.Releases)

	rep, stderr, runErr := runSiteScript(t, root, node, chromium, ex)
	t.Logf("%s: %d page visits, %d checks, %d failed, %.0f s; commune %s, %d peers", rep.Browser, rep.Visits, rep.Checks, len(rep.Failures), rep.Seconds, c, peers)
	if rep.Visits == 0 || rep.Checks == 0 {
		t.Fatalf("site.mjs checked nothing: %s", tail(stderr))
	}
	for _, f := range rep.Failures {
		t.Errorf("%s [%s] %s — %s: %s", f.Page, f.Lang, f.URL, f.Check, f.Detail)
	}
	if runErr != nil && len(rep.Failures) == 0 {
		t.Errorf("site.mjs: %v\n%s", runErr, tail(stderr))
	}
}

// communeWithPeers is the commune of the release (lowest CUI) with the most
// communes of its population band (models.PeerBands, at its population of
// the year) that have a budget of the year, its latest budget year, and
// that count.
func (r *releaseDB) communeWithPeers() (cui string, year, peers int) {
	rows, err := r.db.Query(`SELECT DISTINCT cui FROM entities WHERE kind = 'comună' ORDER BY cui`)
	if err != nil {
		r.t.Fatal(err)
	}
	var communes []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		communes = append(communes, c)
	}
	rows.Close()
	if len(communes) < 2 {
		r.t.Fatalf("the demo county has %d communes", len(communes))
	}
	r.row(`SELECT max(year) FROM budget WHERE entity_cui = ?`, []any{communes[0]}, &year)
	band := map[string]models.PeerBand{}
	for _, c := range communes {
		if r.count(`budget WHERE group_cui = ? AND year = ?`, c, year) == 0 {
			continue
		}
		if b, ok := models.PeerBandOf(models.KindComuna, r.population(c, year)); ok {
			band[c] = b
		}
	}
	for _, c := range communes {
		n := 0
		for o, b := range band {
			if o != c && b == band[c] {
				n++
			}
		}
		if _, ok := band[c]; ok && n > peers {
			cui, peers = c, n
		}
	}
	if peers == 0 {
		r.t.Fatal("no commune of the demo county has a peer")
	}
	return cui, year, peers
}
