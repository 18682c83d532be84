package browser

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // the expected numbers come from the Parquet files, not from the site's code

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// KPI is one headline number a page must show as
// <data data-kpi="Name" value="Raw">one of Text[lang]</data>.
type KPI struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // amount, count, share, days, percent
	Raw  string `json:"raw"`
	// Tol > 0: the value attribute may differ from Raw by this much (shares,
	// where the exact ratio may sit on a rounding boundary).
	Tol  float64             `json:"tol,omitempty"`
	Text map[string][]string `json:"text"` // accepted formatted texts by language
	// Unit: the formatted number may be followed by a word (“12 zile”).
	Unit bool `json:"unit,omitempty"`
}

// Page is one page type the script visits in both languages.
type Page struct {
	ID     string `json:"id"`
	Path   string `json:"path"` // Romanian path and query; English is /en + Path (site.mjs EN_PATHS: /judet is /en/county)
	Status int    `json:"status"`
	Kind   string `json:"kind"` // data (entity-scoped, tables expected), detail, text, error
	KPIs   []KPI  `json:"kpis"`
	// Peers > 0: the page has the peer comparison (an administrative unit's
	// home page) with its table, stating this many peers.
	Peers int `json:"peers,omitempty"`
}

// FormCheck: a filter form submitted on From must land on a URL that keeps
// the filters and shows KPIs.
type FormCheck struct {
	ID    string            `json:"id"`
	From  string            `json:"from"`
	Field string            `json:"field"` // the control's name
	Value string            `json:"value"`
	Keep  map[string]string `json:"keep"` // query parameters the result must keep
	KPIs  []KPI             `json:"kpis"`
}

// Expected is everything site.mjs checks, written to a JSON file.
type Expected struct {
	Base        string                       `json:"base"`
	Release     string                       `json:"release"`
	Entity      string                       `json:"entity"`
	Year        int                          `json:"year"`
	Entities    int                          `json:"entities"`
	Echarts     bool                         `json:"echarts"`
	AxeTags     []string                     `json:"axe_tags"`
	Pages       []Page                       `json:"pages"`
	StatusOnly  []Page                       `json:"status_only"`
	Forms       []FormCheck                  `json:"forms"`
	Chapter     string                       `json:"chapter_from"`    // /buget page whose chapter links are followed
	Investments string                       `json:"investment_from"` // /investitii page whose first investment link is followed
	Procurement string                       `json:"supplier_from"`   // /achizitii page whose first supplier link is followed
	ByCode      map[string]map[string][]KPI  `json:"investment_kpis"` // code -> year -> KPIs
	LatestYear  map[string]int               `json:"investment_latest"`
	BySupplier  map[string][]KPI             `json:"supplier_kpis"`
	Extra       map[string]map[string]string `json:"extra,omitempty"`
}

// --- formatting: the texts a person may see for a value -------------------

var langs = []string{"ro", "en"}

// group inserts sep every three digits of an unsigned integer string.
func group(digits, sep string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// number formats a decimal string (“-1234567.89”) in a language: Romanian
// groups with “.” and uses “,” for decimals; English the other way round.
func number(raw, lang string) string {
	sign := ""
	if strings.HasPrefix(raw, "-") {
		sign, raw = "-", raw[1:]
	}
	ip, fp, _ := strings.Cut(raw, ".")
	gs, ds := ".", ","
	if lang == "en" {
		gs, ds = ",", "."
	}
	s := sign + group(ip, gs)
	if fp != "" {
		s += ds + fp
	}
	return s
}

// roundHalfUp returns x rounded half away from zero to d decimals, as a
// decimal string with exactly d decimals.
func roundHalfUp(x *big.Rat, d int) string {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil)
	v := new(big.Rat).Mul(x, new(big.Rat).SetInt(scale))
	neg := v.Sign() < 0
	v.Abs(v)
	v.Add(v, big.NewRat(1, 2))
	n := new(big.Int).Quo(v.Num(), v.Denom()) // floor for non-negative
	s := n.String()
	if d > 0 {
		if len(s) <= d {
			s = strings.Repeat("0", d-len(s)+1) + s
		}
		s = s[:len(s)-d] + "." + s[len(s)-d:]
	}
	if neg && strings.Trim(s, "0.") != "" {
		s = "-" + s
	}
	return s
}

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("not a decimal: " + s)
	}
	return r
}

func percentText(p, lang string) string {
	if lang == "en" {
		return number(p, lang) + "%"
	}
	return number(p, lang) + " %"
}

func amountKPI(name, raw string) KPI {
	raw = roundHalfUp(rat(raw), 2) // “4279389” -> “4279389.00”
	k := KPI{Name: name, Kind: "amount", Raw: raw, Text: map[string][]string{}}
	for _, l := range langs {
		k.Text[l] = []string{number(raw, l) + " lei"}
	}
	return k
}

func integerKPI(name, kind string, n int64) KPI {
	raw := strconv.FormatInt(n, 10)
	k := KPI{Name: name, Kind: kind, Raw: raw, Unit: true, Text: map[string][]string{}}
	for _, l := range langs {
		k.Text[l] = []string{number(raw, l)}
		if len(strings.TrimPrefix(raw, "-")) == 4 { // 1234 may be written without a separator
			k.Text[l] = append(k.Text[l], raw)
		}
	}
	return k
}

// shareKPI: RAW is the ratio with 4 decimals; the text a percentage with one
// decimal, rounded from the exact ratio or from RAW (both are accepted when
// they differ: double rounding is not the page's fault).
func shareKPI(name string, num, den *big.Rat) KPI {
	if den.Sign() == 0 {
		panic("share " + name + " over zero")
	}
	x := new(big.Rat).Quo(num, den)
	raw := roundHalfUp(x, 4)
	k := KPI{Name: name, Kind: "share", Raw: raw, Tol: 0.00005 + 1e-9, Text: map[string][]string{}}
	hundred := big.NewRat(100, 1)
	exact := roundHalfUp(new(big.Rat).Mul(x, hundred), 1)
	fromRaw := roundHalfUp(new(big.Rat).Mul(rat(raw), hundred), 1)
	for _, l := range langs {
		k.Text[l] = []string{tenthsText(x, exact, l)}
		if fromRaw != exact {
			k.Text[l] = append(k.Text[l], tenthsText(x, fromRaw, l))
		}
	}
	return k
}

// percentKPI: a value that already is a percentage (progress_pct, 2
// decimals), shown with one decimal like every percentage of the site.
func percentKPI(name, raw string) KPI {
	r := rat(raw)
	raw = roundHalfUp(r, 2)
	k := KPI{Name: name, Kind: "percent", Raw: raw, Text: map[string][]string{}}
	for _, l := range langs {
		k.Text[l] = []string{tenthsText(r, roundHalfUp(r, 1), l)}
	}
	return k
}

// tenthsText is a percentage with one decimal; "< 0,1 %" for one that is
// not zero but rounds to 0,0 (exact is the unrounded value).
func tenthsText(exact *big.Rat, tenths, lang string) string {
	if exact.Sign() > 0 && tenths == "0.0" {
		if lang == "en" {
			return "< 0.1%"
		}
		return "< 0,1 %"
	}
	return percentText(tenths, lang)
}

// --- the numbers, from the release -----------------------------------------

type releaseDB struct {
	t  *testing.T
	db *sql.DB
}

func openRelease(t *testing.T, dir string) *releaseDB {
	t.Helper()
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1) // views live in the one in-memory database
	t.Cleanup(func() { db.Close() })
	for _, d := range man.Datasets {
		if d.Access != models.Public || len(d.Files) == 0 {
			continue
		}
		var paths []string
		for _, f := range d.Files {
			if f.Format == "parquet" { // the other download formats hold the same rows
				paths = append(paths, "'"+strings.ReplaceAll(filepath.Join(dir, f.Path), "'", "''")+"'")
			}
		}
		q := fmt.Sprintf(`CREATE VIEW %q AS SELECT * FROM read_parquet([%s])`, d.Name, strings.Join(paths, ","))
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return &releaseDB{t, db}
}

// row scans one row; NULL sums are 0.
func (r *releaseDB) row(q string, args []any, dst ...any) {
	r.t.Helper()
	if err := r.db.QueryRowContext(context.Background(), q, args...).Scan(dst...); err != nil {
		r.t.Fatalf("%s %v: %v", q, args, err)
	}
}

// sum returns a DECIMAL aggregate as its decimal string (“0.00” when NULL).
func (r *releaseDB) sum(expr, from string, args ...any) string {
	r.t.Helper()
	var s string
	r.row(`SELECT CAST(coalesce(`+expr+`, 0) AS VARCHAR) FROM `+from, args, &s)
	return s
}

func (r *releaseDB) count(from string, args ...any) int64 {
	r.t.Helper()
	var n int64
	r.row(`SELECT count(*) FROM `+from, args, &n)
	return n
}

// mainEntity: the entity without a parent, preferring a kind other than
// 'unitate subordonată', lowest cui; its latest budget year.
func (r *releaseDB) mainEntity() (string, int) {
	var e string
	var y int
	r.row(`SELECT cui FROM entities WHERE parent_cui IS NULL
		ORDER BY kind = 'unitate subordonată', cui LIMIT 1`, nil, &e)
	r.row(`SELECT max(year) FROM budget WHERE entity_cui = ?`, []any{e}, &y)
	return e, y
}

// population of e for year y: that year's figure, else the latest before it,
// else the earliest after it (entities has one row per population year).
func (r *releaseDB) population(e string, y int) int64 {
	var p sql.NullInt64
	r.row(`SELECT population FROM entities WHERE cui = ? AND population IS NOT NULL
		ORDER BY population_year > ?, abs(population_year - ?) LIMIT 1`, []any{e, y, y}, &p)
	if !p.Valid || p.Int64 == 0 {
		r.t.Fatalf("entity %s has no population", e)
	}
	return p.Int64
}

func (r *releaseDB) budgetKPIs(e string, y int, perCapita bool) []KPI {
	const where = `budget WHERE entity_cui = ? AND year = ? AND kind = ?`
	initial := r.sum(`sum(initial_budget)`, where, e, y, "cheltuieli")
	final := r.sum(`sum(final_budget)`, where, e, y, "cheltuieli")
	executed := r.sum(`sum(executed)`, where, e, y, "cheltuieli")
	revenue := r.sum(`sum(executed)`, where, e, y, "venituri")
	ks := []KPI{amountKPI("budget-initial", initial), amountKPI("budget-final", final), amountKPI("budget-executed", executed), amountKPI("revenue-executed", revenue)}
	if perCapita {
		ks = append(ks, shareKPI("execution-rate", rat(executed), rat(final)))
		pc := new(big.Rat).Quo(rat(executed), new(big.Rat).SetInt64(r.population(e, y)))
		ks = append(ks, amountKPI("per-capita-executed", roundHalfUp(pc, 2)))
	}
	return ks
}

func (r *releaseDB) requestKPIs(e string, y int, detail bool) []KPI {
	const daily = `requests_daily WHERE entity_cui = ? AND year(date) = ?`
	received := r.sum(`sum(received)`, daily, e, y)
	within := r.sum(`sum(answered_within_term)`, daily, e, y)
	answered := r.sum(`sum(answered)`, daily, e, y)
	n, _ := strconv.ParseInt(received, 10, 64)
	// A request open past its term is late: it counts in the denominator.
	var open, overdue int64
	r.row(`SELECT coalesce(sum(open), 0), coalesce(sum(open_overdue), 0) FROM `+daily, []any{e, y}, &open, &overdue)
	decided := new(big.Rat).Add(rat(answered), new(big.Rat).SetInt64(overdue))
	ks := []KPI{integerKPI("requests-received", "count", n), shareKPI("requests-within-term-share", rat(within), decided),
		integerKPI("requests-open", "count", open), integerKPI("requests-open-overdue", "count", overdue)}
	if !detail {
		return ks
	}
	// The smallest d whose cumulative count reaches ceil(q·N), in integers.
	var median, p90 int64
	r.row(`WITH d AS (SELECT days_to_answer AS d, sum(requests) AS n FROM requests_answer_days
			WHERE entity_cui = ? AND year = ? GROUP BY 1),
		c AS (SELECT d, sum(n) OVER (ORDER BY d) AS cum, sum(n) OVER () AS total FROM d)
		SELECT min(d) FILTER (WHERE cum >= (total + 1) // 2), min(d) FILTER (WHERE cum >= (9 * total + 9) // 10) FROM c`,
		[]any{e, y}, &median, &p90)
	online := r.sum(`sum(received) FILTER (WHERE channel = 'online')`, daily, e, y)
	return append(ks, integerKPI("requests-median-days", "days", median), integerKPI("requests-p90-days", "days", p90),
		shareKPI("requests-online-share", rat(online), rat(received)))
}

func (r *releaseDB) procurementKPIs(where string, args ...any) []KPI {
	from := `procurement WHERE counts_in_total AND ` + where
	return []KPI{integerKPI("contracts-count", "count", r.count(from, args...)), amountKPI("contracts-value", r.sum(`sum(value)`, from, args...))}
}

func (r *releaseDB) investmentListKPIs(where string, args ...any) []KPI {
	from := `investments WHERE ` + where
	return []KPI{integerKPI("investments-count", "count", r.count(from, args...)),
		amountKPI("investments-total-value", r.sum(`sum(total_value)`, from, args...))}
}

// investmentPages: code -> year -> the KPIs of /investitii/{code}?an=year.
func (r *releaseDB) investmentPages() (map[string]map[string][]KPI, map[string]int) {
	rows, err := r.db.Query(`SELECT code, year, CAST(total_value AS VARCHAR), CAST(coalesce(spent_to_date, 0) AS VARCHAR),
		CAST(coalesce(progress_pct, 0) AS VARCHAR) FROM investments ORDER BY code, year`)
	if err != nil {
		r.t.Fatal(err)
	}
	defer rows.Close()
	by, latest := map[string]map[string][]KPI{}, map[string]int{}
	for rows.Next() {
		var code, total, spent, progress string
		var year int
		if err := rows.Scan(&code, &year, &total, &spent, &progress); err != nil {
			r.t.Fatal(err)
		}
		if by[code] == nil {
			by[code] = map[string][]KPI{}
		}
		by[code][strconv.Itoa(year)] = []KPI{amountKPI("total-value", total), amountKPI("spent-to-date", spent), percentKPI("progress", progress)}
		latest[code] = max(latest[code], year)
	}
	return by, latest
}

func (r *releaseDB) supplierPages() map[string][]KPI {
	rows, err := r.db.Query(`SELECT supplier_cui, count(*), CAST(coalesce(sum(value) FILTER (WHERE counts_in_total), 0) AS VARCHAR)
		FROM procurement WHERE supplier_cui IS NOT NULL GROUP BY 1`)
	if err != nil {
		r.t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]KPI{}
	for rows.Next() {
		var cui, value string
		var n int64
		if err := rows.Scan(&cui, &n, &value); err != nil {
			r.t.Fatal(err)
		}
		out[cui] = []KPI{integerKPI("supplier-contracts", "count", n), amountKPI("supplier-value", value)}
	}
	return out
}

var asciiWord = regexp.MustCompile(`^[A-Za-z]{4,}$`)

// searchTerm picks a word of the buyer's supplier names that any reasonable
// supplier search finds in the same rows: ASCII letters only (no diacritics,
// no digits of a CUI), found only as a whole word, in no contract title, in
// 2 to half of the year's contracts. Lower case, as a person types it.
func (r *releaseDB) searchTerm(e string, y int) string {
	rows, err := r.db.Query(`SELECT DISTINCT unnest(string_split(supplier_name, ' ')) AS w FROM procurement
		WHERE buyer_cui = ? AND year = ? ORDER BY w`, e, y)
	if err != nil {
		r.t.Fatal(err)
	}
	var words []string
	for rows.Next() {
		var w string
		rows.Scan(&w)
		if asciiWord.MatchString(w) && !strings.EqualFold(w, "SRL") {
			words = append(words, strings.ToLower(w))
		}
	}
	rows.Close()
	total := r.count(`procurement WHERE buyer_cui = ? AND year = ?`, e, y)
	best, bestN := "", int64(0)
	for _, w := range words {
		like := "%" + w + "%"
		n := r.count(`procurement WHERE buyer_cui = ? AND year = ? AND supplier_name ILIKE ?`, e, y, like)
		if n < 2 || n > total/2 || n <= bestN {
			continue
		}
		whole := r.count(`procurement WHERE buyer_cui = ? AND year = ? AND regexp_matches(lower(strip_accents(supplier_name)), ?)`, e, y, `(^|[^a-z])`+w+`([^a-z]|$)`)
		anywhere := r.count(`procurement WHERE buyer_cui = ? AND year = ? AND lower(strip_accents(supplier_name)) LIKE ?`, e, y, like)
		titles := r.count(`procurement WHERE lower(strip_accents(coalesce(title, '') || ' ' || coalesce(supplier_cui, ''))) LIKE ?`, like)
		if whole == n && anywhere == n && titles == 0 {
			best, bestN = w, n
		}
	}
	if best == "" {
		r.t.Fatal("no supplier search term fits the release")
	}
	return best
}

// buildExpected computes every page's expected numbers from the release.
func buildExpected(t *testing.T, releaseDir string) *Expected {
	r := openRelease(t, releaseDir)
	e, y := r.mainEntity()
	ex := &Expected{Entity: e, Year: y, AxeTags: []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}}
	r.row(`SELECT count(DISTINCT cui) FROM entities`, nil, &ex.Entities)
	q := func(kv ...string) string {
		var parts []string
		for i := 0; i < len(kv); i += 2 {
			parts = append(parts, kv[i]+"="+queryEscape(kv[i+1]))
		}
		return "?" + strings.Join(parts, "&")
	}
	ys, prev := strconv.Itoa(y), strconv.Itoa(y-1)

	home := append(r.budgetKPIs(e, y, false), integerKPI("investments-active", "count",
		r.count(`investments WHERE entity_cui = ? AND year = ? AND status = 'în execuție'`, e, y)))
	home = append(home, r.procurementKPIs(`buyer_cui = ? AND year = ?`, e, y)...)
	home = append(home, r.requestKPIs(e, y, false)...)

	// The most common status of the year's investments is the filter.
	var status string
	r.row(`SELECT status FROM investments WHERE entity_cui = ? AND year = ? GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, []any{e, y}, &status)
	var funding string
	r.row(`SELECT funding FROM investments WHERE entity_cui = ? AND year = ? GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, []any{e, y}, &funding)
	// One investment of the year, with the most contracts: its page has no `an`.
	var code string
	r.row(`SELECT code FROM investments WHERE entity_cui = ? AND year = ? ORDER BY contracts DESC NULLS LAST, code LIMIT 1`, []any{e, y}, &code)
	ex.ByCode, ex.LatestYear = r.investmentPages()
	ex.BySupplier = r.supplierPages()
	var supplier string
	r.row(`SELECT supplier_cui FROM procurement WHERE buyer_cui = ? AND year = ? AND supplier_cui IS NOT NULL
		GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, []any{e, y}, &supplier)
	term := r.searchTerm(e, y)

	ex.Pages = []Page{
		{ID: "home", Path: "/", Status: 200, Kind: "data", KPIs: home},
		{ID: "buget-an", Path: "/buget" + q("an", prev), Status: 200, Kind: "data", KPIs: r.budgetKPIs(e, y-1, true)},
		{ID: "buget-consolidat", Path: "/buget" + q("vedere", "consolidat"), Status: 200, Kind: "data"},
		{ID: "investitii-filtru", Path: "/investitii" + q("entitate", e, "an", ys, "finantare", funding), Status: 200, Kind: "data",
			KPIs: r.investmentListKPIs(`entity_cui = ? AND year = ? AND funding = ?`, e, y, funding)},
		{ID: "investitie", Path: "/investitii/" + pathEscape(code), Status: 200, Kind: "detail", KPIs: ex.ByCode[code][strconv.Itoa(ex.LatestYear[code])]},
		{ID: "achizitii-cautare", Path: "/achizitii" + q("an", ys, "furnizor", term), Status: 200, Kind: "data",
			KPIs: r.procurementKPIs(`buyer_cui = ? AND year = ? AND supplier_name ILIKE ?`, e, y, "%"+term+"%")},
		{ID: "furnizor", Path: "/achizitii/furnizori/" + pathEscape(supplier), Status: 200, Kind: "detail", KPIs: ex.BySupplier[supplier]},
		{ID: "cereri", Path: "/cereri", Status: 200, Kind: "data", KPIs: r.requestKPIs(e, y, true)},
		// The county page (/en/county): every administrative unit's table,
		// sorted on the server, its charts.
		{ID: "judet", Path: "/judet", Status: 200, Kind: "data"},
		{ID: "judet-ordonat", Path: "/judet" + q("ordine", "cheltuieli_desc"), Status: 200, Kind: "data"},
		{ID: "metodologie", Path: "/metodologie", Status: 200, Kind: "text"},
		{ID: "date", Path: "/date", Status: 200, Kind: "text"},
		{ID: "date-set", Path: "/date/procurement", Status: 200, Kind: "text"},
		{ID: "date-set-agregat", Path: "/date/budget_execution_monthly", Status: 200, Kind: "text"},
		{ID: "date-api", Path: "/date/api", Status: 200, Kind: "text"},
		{ID: "404", Path: "/investitii/NU-EXISTA-0", Status: 404, Kind: "error"},
		{ID: "400", Path: "/buget?an=abc", Status: 400, Kind: "error"},
	}
	// A second entity with requests: the entitate parameter is honoured.
	var other sql.NullString
	r.row(`SELECT min(entity_cui) FROM requests_daily WHERE entity_cui <> ? AND year(date) = ?`, []any{e, y}, &other)
	if other.Valid {
		ex.Pages = append(ex.Pages, Page{ID: "cereri-entitate", Path: "/cereri" + q("entitate", other.String), Status: 200, Kind: "data",
			KPIs: r.requestKPIs(other.String, y, true)})
	}
	ex.StatusOnly = []Page{
		{ID: "an-invalid", Path: "/investitii?an=abc", Status: 400},
		{ID: "judet-ordine-invalida", Path: "/judet?ordine=data_desc", Status: 400},
		{ID: "min-invalid", Path: "/achizitii?min=x", Status: 400},
		{ID: "data-invalida", Path: "/achizitii?de_la=2026-02-30", Status: 400},
		{ID: "pagina-invalida", Path: "/achizitii?pagina=abc", Status: 400},
		{ID: "cale-necunoscuta", Path: "/nu-exista", Status: 404},
		{ID: "furnizor-necunoscut", Path: "/achizitii/furnizori/0000000", Status: 404},
		{ID: "manifest", Path: "/date/manifest.json", Status: 200},
		{ID: "descarcare", Path: "/date/budget.parquet", Status: 200},
	}
	ex.Forms = []FormCheck{
		{ID: "cautare-furnizor", From: "/achizitii" + q("entitate", e, "an", ys), Field: "furnizor", Value: term,
			Keep: map[string]string{"entitate": e, "an": ys, "furnizor": term},
			KPIs: r.procurementKPIs(`buyer_cui = ? AND year = ? AND supplier_name ILIKE ?`, e, y, "%"+term+"%")},
		{ID: "filtru-stare", From: "/investitii" + q("entitate", e, "an", ys), Field: "stare", Value: status,
			Keep: map[string]string{"entitate": e, "an": ys, "stare": status},
			KPIs: r.investmentListKPIs(`entity_cui = ? AND year = ? AND status = ?`, e, y, status)},
	}
	ex.Chapter = "/buget" + q("entitate", e, "an", ys)
	ex.Investments = "/investitii" + q("entitate", e, "an", ys)
	ex.Procurement = "/achizitii" + q("entitate", e, "an", ys)
	return ex
}
