package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // the test's own SQL over the release files
	"golang.org/x/net/html"

	"github.com/deschis/deschis/demo"
	"github.com/deschis/deschis/release"
)

// The demo site: the demo municipality published once per test binary and
// served by the real program. DESCHIS_TEST_RELEASES names a releases
// directory already published from the demo, for faster local runs.
var (
	siteOnce sync.Once
	siteErr  error
	theSite  *demoSite
)

type demoSite struct {
	base     string // http://127.0.0.1:port
	releases string
	release  string // current release directory
	main     *Main
	db       *sql.DB // the test's own DuckDB over the release's Parquet files
	cleanup  func()
}

func site(t testing.TB) *demoSite {
	t.Helper()
	siteOnce.Do(func() {
		s := &demoSite{cleanup: func() {}}
		s.releases = os.Getenv("DESCHIS_TEST_RELEASES")
		if s.releases == "" {
			root, err := os.MkdirTemp("", "deschis-site-test-")
			if err != nil {
				siteErr = err
				return
			}
			s.cleanup = func() { os.RemoveAll(root) }
			b, err := demo.Build(context.Background(), root, demo.Options{}, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
			if err != nil {
				siteErr = err
				return
			}
			s.releases = b.Releases
		}
		id, err := release.Current(s.releases)
		if err != nil {
			siteErr = err
			return
		}
		s.release = filepath.Join(s.releases, id)
		s.main = &Main{}
		if siteErr = s.main.ParseFlags([]string{"--releases", s.releases, "--addr", "127.0.0.1:0", "--reload", "1h"}, func(string) string { return "" }, io.Discard); siteErr != nil {
			return
		}
		if siteErr = s.main.Run(); siteErr != nil {
			return
		}
		s.base = "http://" + s.main.Addr()
		if s.db, siteErr = sql.Open("duckdb", ""); siteErr != nil {
			return
		}
		for _, d := range []string{"entities", "budget", "budget_execution_monthly", "investments", "procurement", "suppliers", "requests_daily", "requests_answer_days"} {
			p := strings.ReplaceAll(filepath.Join(s.release, "public", d+".parquet"), "'", "''")
			if _, siteErr = s.db.Exec(`CREATE VIEW ` + d + ` AS SELECT * FROM read_parquet('` + p + `')`); siteErr != nil {
				return
			}
		}
		theSite = s
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return theSite
}

func TestMain(m *testing.M) {
	code := m.Run()
	if theSite != nil {
		theSite.main.Close()
		theSite.db.Close()
		theSite.cleanup()
	}
	if theCounty != nil {
		theCounty.main.Close()
		theCounty.db.Close()
	}
	countyCleanup()
	os.Exit(code)
}

// str runs a query returning one value as text ("" for NULL).
func (s *demoSite) str(t *testing.T, q string, args ...any) string {
	t.Helper()
	var v sql.NullString
	if err := s.db.QueryRow(`SELECT CAST((`+q+`) AS VARCHAR)`, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v.String
}

func (s *demoSite) int(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s.str(t, q, args...), 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// lei2 normalises a DECIMAL's text to two decimals ("12.5" -> "12.50", "" -> "0.00").
func lei2(s string) string {
	if s == "" {
		return "0.00"
	}
	whole, frac, _ := strings.Cut(s, ".")
	for len(frac) < 2 {
		frac += "0"
	}
	return whole + "." + frac[:2]
}

// ratio4 is num/den with 4 decimals, rounded half up.
func ratio4(num, den int64) string {
	v := (num*20000 + den) / (2 * den)
	return fmt.Sprintf("%d.%04d", v/10000, v%10000)
}

// fetch gets a page and parses it.
func (s *demoSite) fetch(t *testing.T, path string) (*http.Response, *node, string) {
	t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, parseHTML(t, string(b)), string(b)
}

// kpis returns the headline numbers of a page: name -> [raw, formatted].
func kpis(doc *node) map[string][2]string {
	out := map[string][2]string{}
	for _, d := range all(doc, "data[data-kpi]") {
		name, _ := attr(d, "data-kpi")
		raw, _ := attr(d, "value")
		out[name] = [2]string{raw, textOf(d)}
	}
	return out
}

var (
	roLei   = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})*,\d{2} lei$`)
	enLei   = regexp.MustCompile(`^-?\d{1,3}(,\d{3})*\.\d{2} lei$`)
	roCount = regexp.MustCompile(`^\d{1,3}(\.\d{3})*$`)
	enCount = regexp.MustCompile(`^\d{1,3}(,\d{3})*$`)
	roShare = regexp.MustCompile(`^\d{1,3},\d %$`)
	enShare = regexp.MustCompile(`^\d{1,3}\.\d%$`)
	digits  = regexp.MustCompile(`[^0-9]`)
)

// checkFormatted checks that FORMATTED is RAW written the language's way.
func checkFormatted(t *testing.T, lang, name, kind, raw, text string) {
	t.Helper()
	switch kind {
	case "lei":
		re := roLei
		if lang == "en" {
			re = enLei
		}
		if !re.MatchString(text) || digits.ReplaceAllString(text, "") != digits.ReplaceAllString(raw, "") {
			t.Errorf("%s %s: %q is not %s written in %s", lang, name, text, raw, lang)
		}
	case "count":
		re := roCount
		if lang == "en" {
			re = enCount
		}
		if !re.MatchString(text) || digits.ReplaceAllString(text, "") != raw {
			t.Errorf("%s %s: %q is not %s written in %s", lang, name, text, raw, lang)
		}
	case "share":
		re := roShare
		if lang == "en" {
			re = enShare
		}
		r, _ := strconv.ParseFloat(raw, 64)
		want := fmt.Sprintf("%.1f", r*100)
		got := strings.NewReplacer(",", ".", " %", "", "%", "").Replace(text)
		if !re.MatchString(text) || got != want {
			t.Errorf("%s %s: %q for ratio %s", lang, name, text, raw)
		}
	}
}

// expectKPIs compares a page's headline numbers with the expected raw values.
func expectKPIs(t *testing.T, lang, path string, got map[string][2]string, want map[string]string, kinds map[string]string) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: no data-kpi=%q", path, name)
			continue
		}
		if g[0] != w {
			t.Errorf("%s %s: raw %q, want %q", path, name, g[0], w)
		}
		checkFormatted(t, lang, name, kinds[name], g[0], g[1])
	}
}

var kpiKinds = map[string]string{
	"budget-final": "lei", "budget-executed": "lei", "revenue-executed": "lei", "per-capita-executed": "lei",
	"execution-rate": "share", "investments-active": "count", "contracts-count": "count", "contracts-value": "lei",
	"requests-received": "count", "requests-within-term-share": "share", "investments-count": "count",
	"investments-total-value": "lei", "total-value": "lei", "spent-to-date": "lei", "supplier-contracts": "count",
	"supplier-value": "lei", "requests-online-share": "share", "requests-open": "count", "requests-open-overdue": "count",
}

func TestHeadlineNumbersMatchTheReleaseFiles(t *testing.T) {
	s := site(t)
	// E and Y as the contract defines them, straight from the files.
	e := s.str(t, `SELECT cui FROM entities WHERE parent_cui IS NULL ORDER BY kind = 'unitate subordonată', cui LIMIT 1`)
	y := s.int(t, `SELECT max(year) FROM budget WHERE entity_cui = ?`, e)
	if e != "9991004" || y != 2026 {
		t.Fatalf("E=%s Y=%d", e, y)
	}
	sum := func(col, kind string, year int64) string {
		return lei2(s.str(t, `SELECT sum(`+col+`) FROM budget WHERE entity_cui = ? AND year = ? AND kind = ?`, e, year, kind))
	}
	bani := func(lei string) int64 { n, _ := strconv.ParseInt(strings.Replace(lei, ".", "", 1), 10, 64); return n }
	within := s.int(t, `SELECT sum(answered_within_term) FROM requests_daily WHERE entity_cui = ? AND year(date) = ?`, e, y)
	answered := s.int(t, `SELECT sum(answered) FROM requests_daily WHERE entity_cui = ? AND year(date) = ?`, e, y)
	received := s.int(t, `SELECT sum(received) FROM requests_daily WHERE entity_cui = ? AND year(date) = ?`, e, y)
	// A request open past its term counts as late: in the denominator.
	overdue := s.int(t, `SELECT sum(open_overdue) FROM requests_daily WHERE entity_cui = ? AND year(date) = ?`, e, y)
	home := map[string]string{
		"budget-final":               sum("final_budget", "cheltuieli", y),
		"budget-executed":            sum("executed", "cheltuieli", y),
		"revenue-executed":           sum("executed", "venituri", y),
		"investments-active":         s.str(t, `SELECT count(*) FROM investments WHERE entity_cui = ? AND year = ? AND status = 'în execuție'`, e, y),
		"contracts-count":            s.str(t, `SELECT count(*) FROM procurement WHERE buyer_cui = ? AND year = ? AND counts_in_total`, e, y),
		"contracts-value":            lei2(s.str(t, `SELECT sum(value) FROM procurement WHERE buyer_cui = ? AND year = ? AND counts_in_total`, e, y)),
		"requests-received":          strconv.FormatInt(received, 10),
		"requests-within-term-share": ratio4(within, answered+overdue),
		"requests-open":              s.str(t, `SELECT sum(open) FROM requests_daily WHERE entity_cui = ? AND year(date) = ?`, e, y),
		"requests-open-overdue":      strconv.FormatInt(overdue, 10),
	}
	// /buget for 2025: per capita with the 2025 population.
	y2 := int64(2025)
	exec25 := sum("executed", "cheltuieli", y2)
	pop := s.int(t, `SELECT population FROM entities WHERE cui = ? AND population_year = ?`, e, y2)
	perCapita := (2*bani(exec25) + pop) / (2 * pop)
	budget := map[string]string{
		"budget-final":        sum("final_budget", "cheltuieli", y2),
		"budget-executed":     exec25,
		"revenue-executed":    sum("executed", "venituri", y2),
		"execution-rate":      ratio4(bani(exec25), bani(sum("final_budget", "cheltuieli", y2))),
		"per-capita-executed": fmt.Sprintf("%d.%02d", perCapita/100, perCapita%100),
	}
	// /investitii with filters.
	invWhere := `entity_cui = ? AND year = 2024 AND status = 'finalizat' AND funding = 'local'`
	investments := map[string]string{
		"investments-count":       s.str(t, `SELECT count(*) FROM investments WHERE `+invWhere, e),
		"investments-total-value": lei2(s.str(t, `SELECT sum(total_value) FROM investments WHERE `+invWhere, e)),
	}
	code := s.str(t, `SELECT code FROM investments WHERE entity_cui = ? AND status = 'în execuție' ORDER BY total_value DESC LIMIT 1`, e)
	codeYear := s.int(t, `SELECT max(year) FROM investments WHERE code = ?`, code)
	investment := map[string]string{
		"total-value":   lei2(s.str(t, `SELECT total_value FROM investments WHERE code = ? AND year = ?`, code, codeYear)),
		"spent-to-date": lei2(s.str(t, `SELECT spent_to_date FROM investments WHERE code = ? AND year = ?`, code, codeYear)),
		"progress":      lei2(s.str(t, `SELECT progress_pct FROM investments WHERE code = ? AND year = ?`, code, codeYear)),
	}
	// /achizitii with every filter.
	procQuery := "an=2024&furnizor=vest+business&cpv=79&min=262000&max=270120&de_la=2024-01-01&pana_la=2024-12-31"
	procWhere := `buyer_cui = ? AND year = 2024 AND counts_in_total AND strip_accents(lower(supplier_name)) LIKE '%vest business%'
		AND cpv LIKE '79%' AND value BETWEEN 262000 AND 270120 AND award_date BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'`
	procurement := map[string]string{
		"contracts-count": s.str(t, `SELECT count(*) FROM procurement WHERE `+procWhere, e),
		"contracts-value": lei2(s.str(t, `SELECT sum(value) FROM procurement WHERE `+procWhere, e)),
	}
	if procurement["contracts-count"] != "6" {
		t.Fatalf("the planted threshold clustering should give 6 contracts, the files have %s", procurement["contracts-count"])
	}
	supplier := s.str(t, `SELECT supplier_cui FROM procurement GROUP BY 1 HAVING count(DISTINCT kind) > 1 ORDER BY count(*) DESC LIMIT 1`)
	supplierKPIs := map[string]string{
		"supplier-contracts": s.str(t, `SELECT count(*) FROM procurement WHERE supplier_cui = ?`, supplier),
		"supplier-value":     lei2(s.str(t, `SELECT sum(value) FROM procurement WHERE supplier_cui = ? AND counts_in_total`, supplier)),
	}
	// /cereri for 2025: percentiles from the histogram, as the contract defines them.
	pct := func(p int) string {
		return s.str(t, `WITH h AS (SELECT days_to_answer d, sum(requests) n FROM requests_answer_days WHERE entity_cui = ? AND year = 2025 GROUP BY d),
			c AS (SELECT d, sum(n) OVER (ORDER BY d) cum, sum(n) OVER () total FROM h)
			SELECT min(d) FROM c WHERE cum >= ceil(total * ? / 100)`, e, p)
	}
	w25 := s.int(t, `SELECT sum(answered_within_term) FROM requests_daily WHERE entity_cui = ? AND year(date) = 2025`, e)
	a25 := s.int(t, `SELECT sum(answered) FROM requests_daily WHERE entity_cui = ? AND year(date) = 2025`, e)
	r25 := s.int(t, `SELECT sum(received) FROM requests_daily WHERE entity_cui = ? AND year(date) = 2025`, e)
	online25 := s.int(t, `SELECT sum(received) FROM requests_daily WHERE entity_cui = ? AND year(date) = 2025 AND channel = 'online'`, e)
	o25 := s.int(t, `SELECT sum(open_overdue) FROM requests_daily WHERE entity_cui = ? AND year(date) = 2025`, e)
	requests := map[string]string{
		"requests-received":          strconv.FormatInt(r25, 10),
		"requests-within-term-share": ratio4(w25, a25+o25),
		"requests-open":              s.str(t, `SELECT sum(open) FROM requests_daily WHERE entity_cui = ? AND year(date) = 2025`, e),
		"requests-open-overdue":      strconv.FormatInt(o25, 10),
		"requests-median-days":       pct(50),
		"requests-p90-days":          pct(90),
		"requests-online-share":      ratio4(online25, r25),
	}

	for _, lang := range []string{"ro", "en"} {
		prefix := ""
		if lang == "en" {
			prefix = "/en"
		}
		for _, c := range []struct {
			path string
			want map[string]string
		}{
			{"/", home},
			{"/buget?an=2025", budget},
			{"/investitii?an=2024&stare=finalizat&finantare=local", investments},
			{"/investitii/" + url.PathEscape(code), investment},
			{"/achizitii?" + procQuery, procurement},
			{"/achizitii/furnizori/" + supplier, supplierKPIs},
			{"/cereri?an=2025", requests},
		} {
			path := prefix + c.path
			if prefix != "" && c.path == "/" {
				path = "/en"
			}
			resp, doc, _ := s.fetch(t, path)
			if resp.StatusCode != 200 {
				t.Errorf("%s: %d", path, resp.StatusCode)
				continue
			}
			expectKPIs(t, lang, path, kpis(doc), c.want, kpiKinds)
		}
	}
	// The consolidated view is smaller than the sum of the group's budgets
	// (transfers removed) and larger than the town hall alone.
	_, doc, _ := s.fetch(t, "/buget?an=2025&vedere=consolidat")
	cons := kpis(doc)["budget-executed"][0]
	group := lei2(s.str(t, `SELECT sum(executed) FROM budget WHERE group_cui = ? AND year = 2025 AND kind = 'cheltuieli' AND NOT intra_group`, e))
	if cons != group {
		t.Errorf("consolidated payments %s, want %s", cons, group)
	}
	// The drill-down into chapter 65 sums its lines only.
	_, doc, _ = s.fetch(t, "/buget?an=2025&capitol=65")
	if got, want := kpis(doc)["budget-executed"][0], lei2(s.str(t, `SELECT sum(executed) FROM budget WHERE entity_cui = ? AND year = 2025 AND kind = 'cheltuieli' AND chapter_code LIKE '65.%'`, e)); got != want {
		t.Errorf("chapter 65: %s, want %s", got, want)
	}
}

// Every page type, in both languages, has the markup the contract promises.
func TestEveryPageFollowsTheMarkupContract(t *testing.T) {
	s := site(t)
	id := filepath.Base(s.release)
	// The footer names the edition by when it was made, in Romanian time
	// ("Ediția din 23.11.2026, 11:00"), not by its identifier.
	created, err := time.Parse("20060102T150405Z", id)
	if err != nil {
		t.Fatalf("release id %s: %v", id, err)
	}
	bucharest, err := time.LoadLocation("Europe/Bucharest")
	if err != nil {
		t.Fatal(err)
	}
	editionRO, editionEN := "Ediția din "+created.In(bucharest).Format("02.01.2006, 15:04"), "Release of "+created.In(bucharest).Format("2 Jan 2006, 15:04")
	code := s.str(t, `SELECT min(code) FROM investments`)
	pages := []string{"/", "/buget", "/buget?an=2024&vedere=consolidat", "/buget?capitol=65", "/investitii", "/investitii/" + code,
		"/achizitii", "/achizitii?pagina=2&ordine=valoare_desc", "/achizitii/furnizori/90123459", "/cereri", "/metodologie", "/date"}
	navTargets := []string{"/", "/buget", "/investitii", "/achizitii", "/cereri", "/metodologie", "/date"}
	downloads := map[string]bool{}
	for _, lang := range []string{"ro", "en"} {
		for _, p := range pages {
			path, other := p, "en"
			if lang == "en" {
				path, other = "/en"+p, "ro"
				if p == "/" {
					path = "/en"
				}
			}
			resp, doc, body := s.fetch(t, path)
			if resp.StatusCode != 200 {
				t.Errorf("%s: %d", path, resp.StatusCode)
				continue
			}
			errorf := func(format string, args ...any) { t.Helper(); t.Errorf(path+": "+format, args...) }
			edition := editionRO
			if lang == "en" {
				edition = editionEN
			}
			if h := first(doc, "html"); h == nil {
				errorf("no html")
			} else if l, _ := attr(h, "lang"); l != lang {
				errorf("html lang=%q", l)
			}
			if first(doc, "a.skip-link[href=#continut]") == nil {
				errorf("no skip link")
			}
			nav := first(doc, "nav[aria-label]")
			if nav == nil {
				errorf("no labelled nav")
			} else {
				hrefs := map[string]bool{}
				for _, a := range all(nav, "a[href]") {
					h, _ := attr(a, "href")
					hrefs[h] = true
				}
				for _, target := range navTargets {
					want := target
					if lang == "en" {
						want = strings.TrimSuffix("/en"+target, "/")
					}
					if !hrefs[want] {
						errorf("nav has no link to %s (%v)", want, hrefs)
					}
				}
			}
			sw := first(doc, "a[hreflang="+other+"]")
			if sw == nil {
				errorf("no language switch to %s", other)
			} else {
				h, _ := attr(sw, "href")
				wantPath := strings.TrimPrefix(path, "/en")
				if lang == "ro" {
					wantPath = "/en" + path
					if path == "/" {
						wantPath = "/en"
					}
				}
				wantPath = strings.TrimSuffix(strings.SplitN(wantPath, "?", 2)[0], "/")
				if wantPath == "" {
					wantPath = "/"
				}
				if q := strings.SplitN(path, "?", 2); len(q) == 2 {
					wantPath += "?" + q[1]
				}
				if h != wantPath {
					errorf("language switch to %q, want %q", h, wantPath)
				}
			}
			mains := all(doc, "main#continut")
			if len(mains) != 1 || len(all(mains[0], "h1")) != 1 || len(all(doc, "h1")) != 1 {
				errorf("want one main#continut with exactly one h1")
			}
			if f := first(doc, "footer[data-release="+id+"]"); f == nil {
				errorf("no footer[data-release=%s]", id)
			} else if !strings.Contains(textOf(f), edition) || strings.Contains(textOf(f), id) {
				errorf("footer does not show the edition as a date and time (%q) but %s", edition, textOf(f))
			}
			if first(doc, "form.entity-select select[name=entitate]") == nil {
				errorf("no entity selector (the demo has 4 institutions)")
			} else if f := first(doc, "form.entity-select"); f != nil {
				if m, _ := attr(f, "method"); m != "get" {
					errorf("entity form method %q", m)
				}
			}
			// CSP: no inline script, no style attributes.
			for _, sc := range all(doc, "script") {
				src, hasSrc := attr(sc, "src")
				typ, _ := attr(sc, "type")
				if hasSrc && !strings.HasPrefix(src, "/static/") || !hasSrc && typ != "application/json" {
					errorf("script src=%q type=%q: only same-site files or JSON data", src, typ)
				}
			}
			walk(doc, func(n *node) {
				if _, ok := attr(n, "style"); ok && n.Type == html.ElementNode {
					errorf("style attribute on <%s>", n.Data)
				}
				if n.Type == html.ElementNode && (n.Data == "th") {
					if sc, _ := attr(n, "scope"); sc != "col" && sc != "row" {
						errorf("<th> without scope: %s", textOf(n))
					}
				}
				if n.Type == html.ElementNode && (n.Data == "select" || n.Data == "input" && !isHidden(n)) {
					id, _ := attr(n, "id")
					if id == "" || first(doc, "label[for="+id+"]") == nil {
						errorf("<%s name=%v> without a label", n.Data, n.Attr)
					}
				}
			})
			// Every chart: empty canvas, JSON options, a table with a caption, a download.
			for _, fig := range all(doc, "figure.chart[data-chart]") {
				name, _ := attr(fig, "data-chart")
				if c := first(fig, "div.chart-canvas"); c == nil || c.FirstChild != nil {
					errorf("chart %s: no empty div.chart-canvas", name)
				}
				opt := first(fig, "script.chart-options[type=application/json]")
				var v map[string]any
				if opt == nil || opt.FirstChild == nil || json.Unmarshal([]byte(opt.FirstChild.Data), &v) != nil || v["series"] == nil {
					errorf("chart %s: options are not JSON with series", name)
				}
				tbl := first(fig, "table")
				if tbl == nil || first(tbl, "caption") == nil || len(all(tbl, "tbody tr")) == 0 {
					errorf("chart %s: no table with caption and rows", name)
				}
				a := first(fig, "a.download[href]")
				if a == nil {
					errorf("chart %s: no download link", name)
				} else {
					h, _ := attr(a, "href")
					if !strings.HasPrefix(h, "/date/") || !strings.HasSuffix(h, ".parquet") {
						errorf("chart %s: download %s", name, h)
					}
					downloads[h] = true
				}
			}
			if strings.Contains(body, "goroutine") || strings.Contains(body, "Binder Error") {
				errorf("internal error text in page")
			}
		}
	}
	for h := range downloads {
		resp, err := http.Head(s.base + h)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("download %s: %v %v", h, err, resp)
		}
	}
	if len(downloads) < 4 {
		t.Errorf("only %d distinct downloads linked from charts", len(downloads))
	}
}

func isHidden(n *node) bool { t, _ := attr(n, "type"); return t == "hidden" }

func TestBadParametersAndUnknownPathsGiveClearPages(t *testing.T) {
	s := site(t)
	for _, c := range []struct {
		name, path string
		status     int
	}{
		{"year not a number", "/buget?an=abc", 400},
		{"amount not a number", "/achizitii?min=x", 400},
		{"date not in the calendar", "/achizitii?de_la=2026-02-30", 400},
		{"min above max", "/achizitii?min=10&max=1", 400},
		{"unknown status", "/investitii?stare=oricare", 400},
		{"malformed entity", "/buget?entitate=abc", 400},
		{"bad view", "/en/buget?vedere=toate", 400},
		{"bad page number", "/achizitii?pagina=0", 400},
		{"bad sort", "/achizitii?ordine=x", 400},
		{"bad cpv", "/achizitii?cpv=4", 400},
		{"unknown entity", "/buget?entitate=1234567", 404},
		{"unknown chapter", "/buget?capitol=99", 404},
		{"unknown investment", "/investitii/NU-EXISTA", 404},
		{"unknown supplier", "/achizitii/furnizori/1", 404},
		{"page past the end", "/achizitii?pagina=99999", 404},
		{"unknown path", "/nu-exista", 404},
		{"unknown english path", "/en/nope", 404},
		{"unknown dataset", "/date/nope.parquet", 404},
		{"internal dataset", "/date/requests.parquet", 404},
		{"unknown static file", "/static/nope.css", 404},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, doc, body := s.fetch(t, c.path)
			if resp.StatusCode != c.status {
				t.Fatalf("%s: %d, want %d", c.path, resp.StatusCode, c.status)
			}
			if len(all(doc, "h1")) != 1 || first(doc, "footer[data-release]") == nil || first(doc, "nav[aria-label]") == nil {
				t.Fatalf("%s: not a site page:\n%s", c.path, body)
			}
			if strings.Contains(body, "goroutine") || strings.Contains(body, "SELECT") {
				t.Fatalf("%s: internals leak", c.path)
			}
			if c.status == 400 && !strings.Contains(textOf(first(doc, "main")), strings.SplitN(strings.SplitN(c.path, "?", 2)[1], "=", 2)[0]) {
				t.Fatalf("%s: the 400 page does not name the parameter", c.path)
			}
		})
	}
}

func TestPagesAreCachedWithETagsAndAssetsForAYear(t *testing.T) {
	s := site(t)
	resp, doc, body := s.fetch(t, "/buget?an=2024")
	etag := resp.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	req, _ := http.NewRequest("GET", s.base+"/buget?an=2024", nil)
	req.Header.Set("If-None-Match", etag)
	r2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.StatusCode != http.StatusNotModified {
		t.Fatalf("If-None-Match: %d, want 304", r2.StatusCode)
	}
	_, _, again := s.fetch(t, "/buget?an=2024")
	if again != body {
		t.Fatal("the cached page differs from the first render")
	}
	css := first(doc, "link[rel=stylesheet]")
	href, _ := attr(css, "href")
	if !regexp.MustCompile(`^/static/site\.[0-9a-f]{12}\.css$`).MatchString(href) {
		t.Fatalf("stylesheet %q is not fingerprinted", href)
	}
	r3, err := http.Get(s.base + href)
	if err != nil {
		t.Fatal(err)
	}
	r3.Body.Close()
	if r3.StatusCode != 200 || r3.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || !strings.HasPrefix(r3.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("asset: %d %v", r3.StatusCode, r3.Header)
	}
}
