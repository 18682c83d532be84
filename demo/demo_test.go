package demo

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// The scale-1 demo with default options is generated once and shared by the
// tests that only read it.
var (
	defaultOnce  sync.Once
	defaultDir   string
	defaultFiles []File
	defaultErr   error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if defaultDir != "" {
		os.RemoveAll(defaultDir)
	}
	os.Exit(code)
}

func generated(t testing.TB) (string, []File) {
	t.Helper()
	defaultOnce.Do(func() {
		defaultDir, defaultErr = os.MkdirTemp("", "deschis-demo-")
		if defaultErr == nil {
			defaultFiles, defaultErr = Generate(defaultDir, Options{})
		}
	})
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultDir, defaultFiles
}

// table is a parsed canonical CSV file.
type table struct {
	path string
	cols map[string]int
	rows [][]string
}

func (tb *table) get(row []string, col string) string {
	i, ok := tb.cols[col]
	if !ok {
		panic("no column " + col)
	}
	return row[i]
}

func readTable(t testing.TB, f File) *table {
	t.Helper()
	data, err := os.ReadFile(f.Path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	recs, err := r.ReadAll() // also checks that every row has the header's width
	if err != nil {
		t.Fatalf("%s: %v", f.Path, err)
	}
	tb := &table{path: f.Path, cols: map[string]int{}, rows: recs[1:]}
	for i, c := range recs[0] {
		tb.cols[c] = i
	}
	return tb
}

func filesOf(files []File, dataset string) []File {
	var out []File
	for _, f := range files {
		if f.Dataset == dataset {
			out = append(out, f)
		}
	}
	return out
}

func readAll(t testing.TB, files []File, dataset string) []*table {
	var out []*table
	for _, f := range filesOf(files, dataset) {
		out = append(out, readTable(t, f))
	}
	return out
}

func parseCents(t testing.TB, s string) int64 {
	t.Helper()
	if s == "" {
		return 0
	}
	if !amountRe.MatchString(s) {
		t.Fatalf("amount %q is not in the canonical form", s)
	}
	v, err := strconv.ParseInt(strings.Replace(s, ".", "", 1), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func parseDate(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatalf("date %q: %v", s, err)
	}
	return d
}

var (
	amountRe = regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}$`)
	intRe    = regexp.MustCompile(`^-?[0-9]+$`)
	cpvRe    = regexp.MustCompile(`^[0-9]{8}-[0-9]$`)
	funcRe   = regexp.MustCompile(`^[0-9]{2}\.(02|10)(\.[0-9]{2}){0,2}$`)
	econRe   = regexp.MustCompile(`^[0-9]{2}\.[0-9]{2}(\.[0-9]{2})?$`)
)

func fileHash(t testing.TB, path string) [32]byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestDeterminism(t *testing.T) {
	opt := Options{Seed: 42, AsOf: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)}
	a, b := t.TempDir(), t.TempDir()
	fa, err := Generate(a, opt)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := Generate(b, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for i := range fa {
		ra, _ := filepath.Rel(a, fa[i].Path)
		rb, _ := filepath.Rel(b, fb[i].Path)
		if ra != rb || fa[i].Rows != fb[i].Rows || fa[i].Dataset != fb[i].Dataset {
			t.Fatalf("file %d: %+v then %+v", i, fa[i], fb[i])
		}
		if fileHash(t, fa[i].Path) != fileHash(t, fb[i].Path) {
			t.Errorf("%s differs between two runs with the same options", ra)
		}
	}
	// Another seed gives other data (but the same files).
	c := t.TempDir()
	fc, err := Generate(c, Options{Seed: 43, AsOf: opt.AsOf})
	if err != nil {
		t.Fatal(err)
	}
	if len(fc) != len(fa) {
		t.Fatalf("seed changed the file list: %d vs %d", len(fc), len(fa))
	}
	same := 0
	for i := range fa {
		if fileHash(t, fa[i].Path) == fileHash(t, fc[i].Path) {
			same++
		}
	}
	if same != 1 { // only entities.csv does not depend on the seed
		t.Errorf("%d files identical across seeds, want only entities.csv", same)
	}
}

func TestFileOrderAndNames(t *testing.T) {
	dir, files := generated(t)
	var got []string
	for _, f := range files {
		rel, err := filepath.Rel(dir, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.Dataset+":"+filepath.ToSlash(rel))
	}
	var want []string
	want = append(want, "entities:entities.csv")
	for y := 2022; y <= 2026; y++ {
		for m := 1; m <= 12 && !(y == 2026 && m > 10); m++ {
			want = append(want, fmt.Sprintf("budget:budget/%d-%02d.csv", y, m))
			if y == 2025 && m == 7 {
				want = append(want, "budget:budget/2025-06-rectificat.csv")
			}
		}
	}
	want = append(want, "investments:investments.csv")
	for _, ds := range []string{"procurement", "requests"} {
		for y := 2022; y <= 2026; y++ {
			want = append(want, fmt.Sprintf("%s:%s/%d.csv", ds, ds, y))
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Datasets come in models.SourceDatasets order.
	last := -1
	for _, f := range files {
		i := slices.Index(models.SourceDatasets, f.Dataset)
		if i < last {
			t.Fatalf("%s after a later dataset", f.Path)
		}
		last = i
	}
}

// TestCanonicalFormat checks the contract with the loader: encoding, header,
// line ends, quoting, and the form of every typed value.
func TestCanonicalFormat(t *testing.T) {
	_, files := generated(t)
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s starts with a BOM", f.Path)
		}
		if bytes.IndexByte(data, '\r') >= 0 {
			t.Errorf("%s has CR characters", f.Path)
		}
		if !bytes.HasSuffix(data, []byte("\n")) {
			t.Errorf("%s does not end with LF", f.Path)
		}
		fields := models.SourceFields[f.Dataset]
		var names []string
		for _, fl := range fields {
			names = append(names, fl.Name)
		}
		header, _, _ := bytes.Cut(data, []byte("\n"))
		if string(header) != strings.Join(names, ",") {
			t.Fatalf("%s header %q, want %q", f.Path, header, strings.Join(names, ","))
		}
		tb := readTable(t, f)
		if int64(len(tb.rows)) != f.Rows {
			t.Errorf("%s: File.Rows = %d, file has %d", f.Path, f.Rows, len(tb.rows))
		}
		// Re-encoding with encoding/csv gives the same bytes: quoting is exactly
		// what encoding/csv does.
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write(names)
		w.WriteAll(tb.rows)
		if !bytes.Equal(buf.Bytes(), data) {
			t.Errorf("%s is not what encoding/csv writes for the same records", f.Path)
		}
		for _, row := range tb.rows {
			for i, fl := range fields {
				checkValue(t, f.Path, fl, row[i])
			}
		}
	}
}

func checkValue(t *testing.T, path string, fl models.Field, v string) {
	t.Helper()
	if v == "" {
		if fl.Required {
			t.Fatalf("%s: required %s is empty", path, fl.Name)
		}
		return
	}
	ok := true
	switch fl.Type {
	case models.TypeAmount:
		ok = amountRe.MatchString(v)
	case models.TypeInt:
		ok = intRe.MatchString(v)
	case models.TypeDate:
		_, err := time.Parse(time.DateOnly, v)
		ok = err == nil
	case models.TypeBool:
		ok = v == "true" || v == "false"
	case models.TypeEnum:
		ok = slices.Contains(fl.Enum, v)
	case models.TypeCUI:
		ok = models.ValidCUI(v) && !strings.HasPrefix(v, "RO")
	case models.TypeCPV:
		ok = cpvRe.MatchString(v)
	case models.TypeFunc:
		ok = funcRe.MatchString(v)
	case models.TypeEcon:
		ok = econRe.MatchString(v)
	}
	if strings.ContainsAny(v[:1], "=+-@") {
		ok = false // would run as a formula in a spreadsheet
	}
	if !ok {
		t.Fatalf("%s: %s = %q is not a valid %s", path, fl.Name, v, fl.Type)
	}
}

func TestEveryCUIValid(t *testing.T) {
	_, files := generated(t)
	ents := Entities(Options{})
	known := map[string]bool{}
	for _, e := range ents {
		known[e.CUI] = true
		if !models.ValidCUI(e.CUI) {
			t.Errorf("entity %s has an invalid CUI %s", e.Name, e.CUI)
		}
	}
	// No demo fiscal code is a real town hall's.
	if data, err := os.ReadFile("../shared/data/ro_uat_cif_siruta_population_2021.csv"); err == nil {
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[1:] {
			if known[r[len(r)-1]] {
				t.Errorf("CUI %s belongs to %s", r[len(r)-1], r[2])
			}
			if r[1] == strconv.Itoa(citySIRUTA) {
				t.Errorf("SIRUTA %d belongs to %s", citySIRUTA, r[2])
			}
		}
	}
	for _, f := range files {
		tb := readTable(t, f)
		for _, fl := range models.SourceFields[f.Dataset] {
			if fl.Type != models.TypeCUI && fl.Name != "supplier_cui" {
				continue
			}
			for _, row := range tb.rows {
				v := tb.get(row, fl.Name)
				if v == "" {
					continue
				}
				if _, err := models.NormalizeCUI(v); err != nil {
					t.Fatalf("%s %s: %v", f.Path, fl.Name, err)
				}
				if fl.Name != "supplier_cui" && !known[v] {
					t.Fatalf("%s %s = %s is not a demo entity", f.Path, fl.Name, v)
				}
			}
		}
	}
}

func TestEntities(t *testing.T) {
	_, files := generated(t)
	tb := readAll(t, files, models.DatasetEntities)[0]
	ents := Entities(Options{})
	if len(ents) != 4 {
		t.Fatalf("%d entities at scale 1, want 4", len(ents))
	}
	city := ents[0]
	if city.Kind != models.KindMunicipiu || city.Name != "Municipiul Demo" || city.SIRUTA != 999991 || city.County != "TM" {
		t.Fatalf("city = %+v", city)
	}
	var prev int64 = math.MaxInt64
	for y := 2022; y <= 2026; y++ {
		p := city.Population[y]
		if p < 240_000 || p > 260_000 || p >= prev {
			t.Errorf("population %d = %d: want about 250,000, declining", y, p)
		}
		prev = p
	}
	cityRows := 0
	for _, row := range tb.rows {
		if tb.get(row, "cui") == city.CUI {
			cityRows++
			y, _ := strconv.Atoi(tb.get(row, "population_year"))
			if tb.get(row, "population") != strconv.FormatInt(city.Population[y], 10) {
				t.Errorf("population row %v does not match Entities", row)
			}
			continue
		}
		if tb.get(row, "parent_cui") != city.CUI || tb.get(row, "kind") != string(models.KindSubordinat) ||
			tb.get(row, "siruta") != "" || tb.get(row, "population") != "" {
			t.Errorf("subordinate row %v", row)
		}
	}
	if cityRows != 5 || len(tb.rows) != 8 {
		t.Errorf("%d city rows, %d rows; want 5 and 8", cityRows, len(tb.rows))
	}
	names := []string{"Școala Gimnazială nr. 1 Demo", "Spitalul Clinic Municipal Demo", "Direcția de Asistență Socială Demo"}
	for i, n := range names {
		if ents[i+1].Name != n || ents[i+1].ParentCUI != city.CUI {
			t.Errorf("unit %d = %+v, want %s", i, ents[i+1], n)
		}
	}
	three := Entities(Options{Scale: 3})
	if len(three) != 6 || three[4].Name != "Școala Gimnazială nr. 2 Demo" || three[5].Name != "Școala Gimnazială nr. 3 Demo" {
		t.Errorf("scale 3 entities: %v", three)
	}
}

// budgetKey identifies a budget line within one entity's report.
type budgetKey struct{ entity, kind, section, fund, fn, econ string }

type budgetRow struct {
	key                      budgetKey
	year, month              int
	reportDate               time.Time
	initial, final, comm, ex int64
}

func readBudget(t testing.TB, f File) []budgetRow {
	tb := readTable(t, f)
	var out []budgetRow
	for _, row := range tb.rows {
		y, _ := strconv.Atoi(tb.get(row, "year"))
		m, _ := strconv.Atoi(tb.get(row, "month"))
		out = append(out, budgetRow{
			key: budgetKey{tb.get(row, "entity_cui"), tb.get(row, "kind"), tb.get(row, "section"),
				tb.get(row, "funding_source"), tb.get(row, "functional_code"), tb.get(row, "economic_code")},
			year: y, month: m, reportDate: parseDate(t, tb.get(row, "report_date")),
			initial: parseCents(t, tb.get(row, "initial_budget")), final: parseCents(t, tb.get(row, "final_budget")),
			comm: parseCents(t, tb.get(row, "commitments")), ex: parseCents(t, tb.get(row, "executed")),
		})
	}
	return out
}

// checkTransfers verifies the consolidation pairs of every report: the city's
// 51.01.01 line of a domain equals, measure by measure, the sum of the
// 43.10.09 lines of the units of that domain (one unit per domain at scale 1).
func checkTransfers(t *testing.T, files []File, ents []models.Entity, scale int) {
	t.Helper()
	domainOf := map[string]string{}
	es := newCity(scale, 2026)
	for _, u := range es.units {
		domainOf[u.CUI] = u.domain.transferFunctional()
	}
	if len(domainOf) != len(ents)-1 {
		t.Fatalf("entities disagree: %d units, %d entities", len(domainOf), len(ents))
	}
	city := ents[0].CUI
	checked := 0
	for _, f := range filesOf(files, models.DatasetBudget) {
		type sums struct{ initial, final, comm, ex int64 }
		cityLines := map[string]sums{}
		unitLines := map[string]sums{}
		perUnit := map[string]int{}
		for _, r := range readBudget(t, f) {
			s := sums{r.initial, r.final, r.comm, r.ex}
			switch {
			case r.key.entity == city && r.key.econ == "51.01.01":
				if r.key.kind != "cheltuieli" || r.key.section != "functionare" || r.key.fund != "A" {
					t.Fatalf("%s: city transfer line %+v", f.Path, r.key)
				}
				if _, dup := cityLines[r.key.fn]; dup {
					t.Fatalf("%s: two city transfer lines for %s", f.Path, r.key.fn)
				}
				cityLines[r.key.fn] = s
			case r.key.entity != city && r.key.fn == "43.10.09":
				if r.key.kind != "venituri" || r.key.fund != "G" || r.key.econ != "" {
					t.Fatalf("%s: unit subsidy line %+v", f.Path, r.key)
				}
				if s.comm != s.ex {
					t.Fatalf("%s: unit subsidy commitments %d != executed %d", f.Path, s.comm, s.ex)
				}
				perUnit[r.key.entity]++
				d := domainOf[r.key.entity]
				u := unitLines[d]
				unitLines[d] = sums{u.initial + s.initial, u.final + s.final, u.comm + s.comm, u.ex + s.ex}
			}
		}
		for cui := range domainOf {
			if perUnit[cui] != 1 {
				t.Fatalf("%s: unit %s has %d subsidy lines", f.Path, cui, perUnit[cui])
			}
		}
		if len(cityLines) != len(unitLines) || len(cityLines) != 3 {
			t.Fatalf("%s: %d city transfer lines, %d unit domains", f.Path, len(cityLines), len(unitLines))
		}
		for fn, c := range cityLines {
			if u := unitLines[fn]; u != c {
				t.Fatalf("%s: transfers for %s: city %+v, units %+v", f.Path, fn, c, u)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no transfer checked")
	}
}

func TestTransfersMatchForConsolidation(t *testing.T) {
	_, files := generated(t)
	checkTransfers(t, files, Entities(Options{}), 1)
}

func TestBudgetReports(t *testing.T) {
	dir, files := generated(t)
	cal := newCalendar(2021, 2028)
	type state struct {
		year      int
		initial   int64
		comm, ex  int64
		lastMonth int
		byMonth   map[int]budgetRow
	}
	lines := map[budgetKey]*state{}
	months2025 := map[budgetKey]map[int]budgetRow{}
	perEntity := map[string]int{}
	var june, revised []budgetRow
	for _, f := range filesOf(files, models.DatasetBudget) {
		rows := readBudget(t, f)
		if len(rows) == 0 {
			t.Fatalf("%s is empty", f.Path)
		}
		rel, _ := filepath.Rel(dir, f.Path)
		if strings.Contains(rel, "rectificat") {
			revised = rows
			continue
		}
		seen := map[budgetKey]bool{}
		y, m := rows[0].year, rows[0].month
		if rel != fmt.Sprintf("budget/%d-%02d.csv", y, m) {
			t.Fatalf("%s holds %d-%02d", rel, y, m)
		}
		// Drawn up on the 5th to 10th working day of the following month.
		ny, nm := y, m+1
		if nm == 13 {
			ny, nm = y+1, 1
		}
		lo, hi := cal.nthWorkingDay(ny, nm, 5).time(), cal.nthWorkingDay(ny, nm, 10).time()
		if y == 2025 && m == 6 {
			june = rows
		}
		for _, r := range rows {
			if r.year != y || r.month != m || r.reportDate.Before(lo) || r.reportDate.After(hi) {
				t.Fatalf("%s: row of %d-%02d reported %s", rel, r.year, r.month, r.reportDate.Format(time.DateOnly))
			}
			if seen[r.key] {
				t.Fatalf("%s: line %+v twice", rel, r.key)
			}
			seen[r.key] = true
			if y == 2024 && m == 3 {
				perEntity[r.key.entity]++
			}
			if r.comm < r.ex && r.key.kind == "cheltuieli" {
				t.Fatalf("%s: %+v commitments %d < payments %d", rel, r.key, r.comm, r.ex)
			}
			if r.key.kind == "cheltuieli" && r.ex > r.final {
				t.Fatalf("%s: %+v payments %d above the appropriations %d", rel, r.key, r.ex, r.final)
			}
			if r.ex < 0 || r.comm < 0 || r.initial < 0 || r.final < 0 {
				t.Fatalf("%s: negative amount in %+v", rel, r)
			}
			s := lines[r.key]
			if s == nil || s.year != r.year {
				s = &state{year: r.year, initial: r.initial}
				lines[r.key] = s
			}
			// Cumulative from 1 January: never decreasing within the year.
			if r.initial != s.initial || r.ex < s.ex || r.comm < s.comm || r.month != s.lastMonth+1 && s.lastMonth != 0 {
				t.Fatalf("%s: %+v not cumulative: initial %d->%d, commitments %d->%d, payments %d->%d (month %d after %d)",
					rel, r.key, s.initial, r.initial, s.comm, r.comm, s.ex, r.ex, r.month, s.lastMonth)
			}
			s.comm, s.ex, s.lastMonth = r.comm, r.ex, r.month
			if r.year == 2025 {
				if months2025[r.key] == nil {
					months2025[r.key] = map[int]budgetRow{}
				}
				months2025[r.key][r.month] = r
			}
		}
	}
	ents := Entities(Options{})
	t.Logf("lines per entity in 2024-03: %v", perEntity)
	if n := perEntity[ents[0].CUI]; n < 250 || n > 400 {
		t.Errorf("city has %d lines, want 250–400", n)
	}
	for _, e := range ents[1:] {
		if n := perEntity[e.CUI]; n < 40 || n > 80 {
			t.Errorf("%s has %d lines, want 40–80", e.Name, n)
		}
	}

	// The revised June 2025 report: same lines, later date, a few payments
	// corrected, still cumulative between May and July.
	if len(revised) != len(june) || len(june) == 0 {
		t.Fatalf("revised report has %d rows, June %d", len(revised), len(june))
	}
	changed := 0
	for i, r := range revised {
		o := june[i]
		if r.key != o.key || r.year != 2025 || r.month != 6 || !r.reportDate.After(o.reportDate) ||
			r.reportDate.Format(time.DateOnly) != "2025-07-25" || r.initial != o.initial || r.final != o.final {
			t.Fatalf("revised row %+v vs original %+v", r, o)
		}
		if r.ex == o.ex && r.comm == o.comm {
			continue
		}
		changed++
		s := months2025[r.key]
		if r.ex < s[5].ex || r.ex > s[7].ex || r.comm < s[5].comm || r.comm > s[7].comm || r.comm < r.ex {
			t.Errorf("corrected %+v leaves May..July non-cumulative", r.key)
		}
		if r.key.econ == "51.01.01" || r.key.fn == "43.10.09" {
			t.Errorf("a transfer line was corrected: %+v", r.key)
		}
	}
	if changed < 3 || changed > 10 {
		t.Errorf("%d lines corrected in the revised report, want a few", changed)
	}
}

// TestBudgetShape checks the calibration: chapter proportions close to
// Timișoara's 2024 budget and nominal growth of a few per cent a year.
func TestBudgetShape(t *testing.T) {
	_, files := generated(t)
	city := Entities(Options{})[0].CUI
	totals := map[int]int64{}
	chapters := map[string]int64{}
	for _, f := range filesOf(files, models.DatasetBudget) {
		if strings.HasSuffix(f.Path, "-12.csv") || strings.HasSuffix(f.Path, "2026-10.csv") {
			for _, r := range readBudget(t, f) {
				if r.key.entity != city || r.key.kind != "cheltuieli" {
					continue
				}
				totals[r.year] += r.initial
				if r.year == 2024 {
					chapters[r.key.fn[:5]] += r.initial
				}
			}
		}
	}
	for y := 2023; y <= 2026; y++ {
		g := float64(totals[y])/float64(totals[y-1]) - 1
		if g < 0.03 || g > 0.12 {
			t.Errorf("expenses grew %.1f%% in %d", 100*g, y)
		}
	}
	perCapita := float64(totals[2024]) / 100 / float64(Entities(Options{})[0].Population[2024])
	if perCapita < 8000 || perCapita > 11000 {
		t.Errorf("2024 expenses %.0f lei per inhabitant, Timișoara's are ~9,400", perCapita)
	}
	// Transport is the largest chapter, education the second, as in Timișoara.
	type kv struct {
		ch string
		v  int64
	}
	var order []kv
	for ch, v := range chapters {
		order = append(order, kv{ch, v})
	}
	sort.Slice(order, func(i, j int) bool { return order[i].v > order[j].v })
	if order[0].ch != "84.02" || order[1].ch != "65.02" {
		t.Errorf("largest chapters %v", order[:3])
	}
}

func TestInvestments(t *testing.T) {
	_, files := generated(t)
	inv := readAll(t, files, models.DatasetInvestments)[0]
	type objState struct {
		lastYear    int
		toDate      int64
		progress    int64
		closed      bool
		total       int64
		executed    bool
		actualStart string
		contracts   int
	}
	objs := map[string]*objState{}
	asOf := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	for _, row := range inv.rows {
		code := inv.get(row, "code")
		y, _ := strconv.Atoi(inv.get(row, "year"))
		o := objs[code]
		if o == nil {
			o = &objState{total: parseCents(t, inv.get(row, "total_value"))}
			objs[code] = o
			if !regexp.MustCompile(`^INV-20[0-9]{2}-[0-9]{3,}$`).MatchString(code) || code[4:8] != strconv.Itoa(y) {
				t.Fatalf("code %s first listed in %d", code, y)
			}
		} else if y != o.lastYear+1 || o.closed {
			t.Fatalf("%s: year %d after %d (closed %v)", code, y, o.lastYear, o.closed)
		}
		spent := parseCents(t, inv.get(row, "spent_year"))
		o.toDate += spent
		if got := parseCents(t, inv.get(row, "spent_to_date")); got != o.toDate {
			t.Fatalf("%s %d: spent_to_date %d, sum of spent_year %d", code, y, got, o.toDate)
		}
		if o.toDate > o.total || parseCents(t, inv.get(row, "planned_year")) < spent {
			t.Fatalf("%s %d: spent %d of %d, planned %s", code, y, o.toDate, o.total, inv.get(row, "planned_year"))
		}
		p := parseCents(t, inv.get(row, "progress_pct"))
		if p < o.progress || p > 100_00 {
			t.Fatalf("%s %d: progress %d after %d", code, y, p, o.progress)
		}
		o.progress = p
		status := models.InvestmentStatus(inv.get(row, "status"))
		as, ae := inv.get(row, "actual_start"), inv.get(row, "actual_end")
		switch status {
		case models.InvCompleted:
			if p != 100_00 || ae == "" || as == "" {
				t.Fatalf("%s %d finished with progress %d, dates %q %q", code, y, p, as, ae)
			}
			o.closed, o.executed = true, true
		case models.InvInProgress, models.InvSuspended:
			if as == "" || ae != "" {
				t.Fatalf("%s %d %s with dates %q %q", code, y, status, as, ae)
			}
			o.executed = true
		case models.InvPlanned:
			if as != "" || p != 0 {
				t.Fatalf("%s %d planned but started %q, progress %d", code, y, as, p)
			}
		case models.InvCancelled:
			o.closed = true
		}
		for _, d := range []string{as, ae} {
			if d != "" && parseDate(t, d).After(asOf) {
				t.Fatalf("%s: date %s after AsOf", code, d)
			}
		}
		if as != "" {
			o.actualStart = as
		}
		o.lastYear = y
	}
	if n := len(objs); n < 30 || n > 50 {
		t.Errorf("%d objectives, want ~40", n)
	}
	statuses := map[string]int{}
	for _, row := range inv.rows {
		statuses[inv.get(row, "status")]++
	}
	t.Logf("investment rows by status: %v", statuses)
	for _, s := range models.InvestmentStatuses {
		if statuses[string(s)] == 0 && s != models.InvSuspended && s != models.InvCancelled {
			t.Errorf("no row with status %s", s)
		}
	}

	// Every objective whose works started has 1–3 works contracts (CPV
	// division 45, procedure awards) awarded before the works began.
	for _, tb := range readAll(t, files, models.DatasetProcurement) {
		for _, row := range tb.rows {
			code := tb.get(row, "investment_code")
			if code == "" {
				continue
			}
			o := objs[code]
			if o == nil {
				t.Fatalf("contract %s serves unknown objective %s", tb.get(row, "contract_id"), code)
			}
			if tb.get(row, "kind") != string(models.ProcedureAward) || !strings.HasPrefix(tb.get(row, "cpv"), "45") {
				t.Fatalf("contract %s for %s: %s %s", tb.get(row, "contract_id"), code, tb.get(row, "kind"), tb.get(row, "cpv"))
			}
			if o.actualStart == "" || tb.get(row, "award_date") >= o.actualStart {
				t.Fatalf("contract for %s awarded %s, works started %q", code, tb.get(row, "award_date"), o.actualStart)
			}
			o.contracts++
		}
	}
	for code, o := range objs {
		if o.executed && (o.contracts < 1 || o.contracts > 3) {
			t.Errorf("%s is or was in execution with %d contracts", code, o.contracts)
		}
		if !o.executed && o.contracts > 0 && o.actualStart == "" {
			t.Errorf("%s never started but has contracts", code)
		}
	}
}

// procRow is one parsed procurement row.
type procRow struct {
	id, kind, parent, buyer, supplier, supplierName, cpv, procedure, offers, inv string
	value                                                                        int64
	date                                                                         time.Time
}

func readProcurement(t testing.TB, files []File) map[int][]procRow {
	out := map[int][]procRow{}
	for _, f := range filesOf(files, models.DatasetProcurement) {
		tb := readTable(t, f)
		y, _ := strconv.Atoi(strings.TrimSuffix(filepath.Base(f.Path), ".csv"))
		for _, row := range tb.rows {
			r := procRow{id: tb.get(row, "contract_id"), kind: tb.get(row, "kind"), parent: tb.get(row, "parent_id"),
				buyer: tb.get(row, "buyer_cui"), supplier: tb.get(row, "supplier_cui"), supplierName: tb.get(row, "supplier_name"),
				cpv: tb.get(row, "cpv"), procedure: tb.get(row, "procedure"), offers: tb.get(row, "offers"),
				inv: tb.get(row, "investment_code"), value: parseCents(t, tb.get(row, "value")), date: parseDate(t, tb.get(row, "award_date"))}
			if r.date.Year() != y {
				t.Fatalf("%s: %s awarded %s", f.Path, r.id, r.date.Format(time.DateOnly))
			}
			out[y] = append(out[y], r)
		}
	}
	return out
}

func TestProcurement(t *testing.T) {
	_, files := generated(t)
	byYear := readProcurement(t, files)
	asOf := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	allowed := allowedCPVs(t)
	ids := map[[2]string]procRow{}
	callOffSum := map[[2]string]int64{}
	kinds := map[string]int{}
	var total int
	suppliers := map[string]string{}
	for y := 2022; y <= 2026; y++ {
		rows := byYear[y]
		var prev time.Time
		for _, r := range rows {
			total++
			kinds[r.kind]++
			if r.date.After(asOf) || r.date.Before(prev) {
				t.Fatalf("%s awarded %s (after %s or AsOf)", r.id, r.date.Format(time.DateOnly), prev.Format(time.DateOnly))
			}
			prev = r.date
			k := [2]string{r.buyer, r.id}
			if _, dup := ids[k]; dup {
				t.Fatalf("contract id %s twice for buyer %s", r.id, r.buyer)
			}
			ids[k] = r
			if !allowed[r.cpv] {
				t.Fatalf("%s: CPV %s is neither in the SICAP sample nor a known code", r.id, r.cpv)
			}
			if n, ok := suppliers[r.supplier]; ok && n != r.supplierName {
				t.Fatalf("supplier %s named %q and %q", r.supplier, n, r.supplierName)
			}
			suppliers[r.supplier] = r.supplierName
			switch models.ContractKind(r.kind) {
			case models.DirectPurchase:
				limit := int64(thresholdGoods)
				if strings.HasPrefix(r.cpv, "45") {
					limit = thresholdWorks
				}
				if r.value >= limit || r.procedure != "achiziție directă" || (r.offers != "" && r.offers != "1") || !strings.HasPrefix(r.id, "DA") {
					t.Fatalf("direct purchase %+v", r)
				}
			case models.CallOff:
				p, ok := ids[[2]string{r.buyer, r.parent}]
				if !ok || p.kind != string(models.FrameworkAgreement) || p.supplier != r.supplier || r.date.Before(p.date) {
					t.Fatalf("call-off %s: parent %s %+v", r.id, r.parent, p)
				}
				callOffSum[[2]string{r.buyer, r.parent}] += r.value
			case models.ProcedureAward, models.FrameworkAgreement:
				n, err := strconv.Atoi(r.offers)
				if err != nil || n < 1 || n > 8 || !strings.HasPrefix(r.id, "CAN") {
					t.Fatalf("award %+v", r)
				}
			}
		}
	}
	for k, sum := range callOffSum {
		if ceiling := ids[k].value; sum > ceiling {
			t.Errorf("call-offs of %s sum to %d, above the ceiling %d", k[1], sum, ceiling)
		}
	}
	t.Logf("procurement rows by kind: %v; %d suppliers", kinds, len(suppliers))
	if s := float64(kinds[string(models.DirectPurchase)]) / float64(total); s < 0.8 || s > 0.9 {
		t.Errorf("direct purchases are %.1f%% of awards, want ~85%%", 100*s)
	}
	if len(suppliers) < 800 || len(suppliers) > 1600 {
		t.Errorf("%d distinct suppliers", len(suppliers))
	}
	// A few suppliers win often (Zipf-like): the top 1% of suppliers win more
	// than a tenth of the awards.
	wins := map[string]int{}
	for _, rows := range byYear {
		for _, r := range rows {
			wins[r.supplier]++
		}
	}
	var counts []int
	for _, n := range wins {
		counts = append(counts, n)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	top := 0
	for _, n := range counts[:len(counts)/100] {
		top += n
	}
	if float64(top) < 0.1*float64(total) {
		t.Errorf("top 1%% of suppliers win %d of %d awards", top, total)
	}
}

// allowedCPVs are the CPV codes of the SICAP sample plus the well-known ones
// the demo may use; the test reads the sample when it is there.
func allowedCPVs(t *testing.T) map[string]bool {
	known := []string{"45233140-2", "09134200-9", "30192000-1", "33600000-6", "15800000-6", "79341000-6", "72000000-5", "90911200-8", "45453000-7"}
	ok := map[string]bool{}
	for _, k := range known {
		ok[k] = true
	}
	data, err := os.ReadFile("../shared/data/ro_sicap_achizitii_directe_offline_sample.csv")
	if err != nil {
		for _, c := range cpvCatalogue {
			ok[c.code] = true
		}
		return ok
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], "item.cpvCode")
	for _, r := range recs[1:] {
		ok[strings.Fields(r[col])[0]] = true
	}
	for _, c := range cpvCatalogue {
		if !ok[c.code] {
			t.Errorf("catalogue CPV %s is neither in the SICAP sample nor a known code", c.code)
		}
	}
	return ok
}

func TestPlantedRedFlags(t *testing.T) {
	_, files := generated(t)
	byYear := readProcurement(t, files)
	ents := Entities(Options{})
	city, school, social := ents[0].CUI, ents[1].CUI, ents[3].CUI
	for y := 2022; y <= 2026; y++ {
		yy := y % 100
		byID := map[string]procRow{}
		for _, r := range byYear[y] {
			byID[r.id] = r
		}
		// (1) Six direct purchases of 262,000–270,100 lei from one supplier.
		for i := 1; i <= 6; i++ {
			id := fmt.Sprintf("DA9%02d1%04d", yy, i)
			r, ok := byID[id]
			if !ok || r.buyer != city || r.supplier != plantedThreshold.cui || r.kind != "direct_purchase" ||
				r.value < 262_000_00 || r.value > 270_100_00 {
				t.Errorf("threshold cluster %s: %+v", id, r)
			}
		}
		// (2) Contract splitting: five purchases of CPV class 3021 from one
		// supplier within 30 days, each under the threshold, above it together.
		var sum int64
		var first, last time.Time
		for i := 1; i <= 5; i++ {
			id := fmt.Sprintf("DA9%02d2%04d", yy, i)
			r, ok := byID[id]
			if !ok || r.buyer != school || r.supplier != plantedSplitting.cui || r.cpv[:4] != "3021" || r.value >= thresholdGoods {
				t.Fatalf("splitting %s: %+v", id, r)
			}
			sum += r.value
			if i == 1 {
				first = r.date
			}
			last = r.date
		}
		if sum <= thresholdGoods || last.Sub(first) >= 30*24*time.Hour {
			t.Errorf("%d splitting: %d bani over %v", y, sum, last.Sub(first))
		}
		// (3) Six single-offer procedure awards, against a base rate of ~20%.
		for i := 1; i <= 6; i++ {
			id := fmt.Sprintf("CAN9%02d3%03d", yy, i)
			if r, ok := byID[id]; !ok || r.offers != "1" || r.supplier != plantedSingle.cui || r.kind != "procedure_award" || r.buyer != city {
				t.Errorf("single offer %s: %+v", id, r)
			}
		}
		var single, competitive int
		for _, r := range byYear[y] {
			if r.kind == "procedure_award" && r.supplier != plantedSingle.cui && r.procedure != "negociere fără publicare prealabilă" {
				competitive++
				if r.offers == "1" {
					single++
				}
			}
		}
		if rate := float64(single) / float64(competitive); rate > 0.35 {
			t.Errorf("%d: base single-offer rate %.2f", y, rate)
		}
		// (4) One supplier holds most of the social directorate's purchases.
		bySupplier := map[string]int64{}
		var all int64
		for _, r := range byYear[y] {
			if r.buyer == social && models.ContractKind(r.kind).CountsInTotal() {
				bySupplier[r.supplier] += r.value
				all += r.value
			}
		}
		share := float64(bySupplier[plantedDominant.cui]) / float64(all)
		if share < 0.5 {
			t.Errorf("%d: dominant supplier holds %.0f%% of the directorate's purchases", y, 100*share)
		}
		t.Logf("%d: dominant share %.0f%%, base single-offer rate %.0f%%", y, 100*share, 100*float64(single)/float64(competitive))
	}
}

func TestRequests(t *testing.T) {
	_, files := generated(t)
	asOf := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	cal := newCalendar(2021, 2028)
	channels := map[string]int{}
	types := map[string]int{}
	var total, answered, late, open, overdueOpen, extended, info int
	ids := map[string]bool{}
	for _, tb := range readAll(t, files, models.DatasetRequests) {
		for _, row := range tb.rows {
			total++
			id := tb.get(row, "entity_cui") + " " + tb.get(row, "request_id")
			if ids[id] {
				t.Fatalf("request %s twice", id)
			}
			ids[id] = true
			rec := parseDate(t, tb.get(row, "received"))
			if !cal.working(dayOf(rec)) || rec.After(asOf) {
				t.Fatalf("request %s received %s", id, rec.Format(time.DateOnly))
			}
			if !strings.HasPrefix(tb.get(row, "request_id"), strconv.Itoa(rec.Year())+"/") {
				t.Fatalf("request %s received in %d", id, rec.Year())
			}
			channels[tb.get(row, "channel")]++
			typ := tb.get(row, "type")
			types[typ]++
			term, _ := strconv.Atoi(tb.get(row, "term_days"))
			want := models.DefaultTerms[typ].Days
			if tb.get(row, "extended") == "true" {
				extended++
				want = 30
			}
			if typ == "info_544" {
				info++
			}
			if term != want {
				t.Fatalf("request %s of type %s has term %d", id, typ, term)
			}
			ans, status := tb.get(row, "answered"), tb.get(row, "status")
			if (ans == "") != (status == "deschisă") {
				t.Fatalf("request %s answered %q with status %q", id, ans, status)
			}
			if !slices.Contains([]string{"rezolvată", "redirecționată", "respinsă", "deschisă"}, status) {
				t.Fatalf("request %s status %q", id, status)
			}
			due := rec.AddDate(0, 0, term)
			if ans == "" {
				open++
				if due.Before(asOf.AddDate(0, 0, -30)) {
					overdueOpen++
				}
				continue
			}
			a := parseDate(t, ans)
			if a.Before(rec) || a.After(asOf) {
				t.Fatalf("request %s received %s answered %s", id, rec.Format(time.DateOnly), ans)
			}
			answered++
			if a.After(due) {
				late++
			}
		}
	}
	t.Logf("%d requests, channels %v, types %v, %d open (%d overdue), %.1f%% late", total, channels, types, open, overdueOpen, 100*float64(late)/float64(answered))
	for ch, want := range map[string]float64{"online": 0.45, "ghișeu": 0.30, "e-mail": 0.15, "poștă": 0.07, "telefon": 0.03} {
		if got := float64(channels[ch]) / float64(total); math.Abs(got-want) > 0.02 {
			t.Errorf("channel %s: %.3f, want %.2f", ch, got, want)
		}
	}
	for typ, want := range map[string]float64{"info_544": 0.15, "petitie": 0.55, "certificat_urbanism": 0.20, "autorizatie_construire": 0.10} {
		if got := float64(types[typ]) / float64(total); math.Abs(got-want) > 0.02 {
			t.Errorf("type %s: %.3f, want %.2f", typ, got, want)
		}
	}
	if s := float64(late) / float64(answered); s < 0.04 || s > 0.08 {
		t.Errorf("%.1f%% answered after the term, want 4–8%%", 100*s)
	}
	if s := float64(extended) / float64(info); s < 0.05 || s > 0.11 {
		t.Errorf("%.1f%% of info_544 requests extended", 100*s)
	}
	if open == 0 || overdueOpen == 0 || overdueOpen > open/2 {
		t.Errorf("%d open requests, %d of them long overdue", open, overdueOpen)
	}
}

func TestNoPersonalData(t *testing.T) {
	_, files := generated(t)
	digits := regexp.MustCompile(`[0-9]{13}`)
	email := regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}`)
	phone := regexp.MustCompile(`\b07[0-9]{8}\b`)
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range digits.FindAll(data, -1) {
			if models.ValidCNP(string(m)) {
				t.Errorf("%s holds a CNP-like number %s", f.Path, m)
			}
		}
		if m := email.Find(data); m != nil {
			t.Errorf("%s holds an e-mail address %s", f.Path, m)
		}
		if m := phone.Find(data); m != nil {
			t.Errorf("%s holds a phone number %s", f.Path, m)
		}
	}
}

func TestRowCounts(t *testing.T) {
	_, files := generated(t)
	rows := map[string]int64{}
	for _, f := range files {
		rows[f.Dataset] += f.Rows
	}
	t.Logf("rows at scale 1: %v", rows)
	if n := rows[models.DatasetProcurement] + rows[models.DatasetRequests]; n < 100_000 {
		t.Errorf("procurement + requests = %d rows, want at least 100,000", n)
	}
	for _, ds := range models.SourceDatasets {
		if rows[ds] == 0 {
			t.Errorf("no %s rows", ds)
		}
	}
}

func TestScale2(t *testing.T) {
	_, one := generated(t)
	dir := t.TempDir()
	two, err := Generate(dir, Options{Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	count := func(files []File) map[string]int64 {
		m := map[string]int64{}
		for _, f := range files {
			m[f.Dataset] += f.Rows
		}
		return m
	}
	c1, c2 := count(one), count(two)
	for _, ds := range []string{models.DatasetProcurement, models.DatasetRequests, models.DatasetInvestments} {
		if r := float64(c2[ds]) / float64(c1[ds]); r < 1.8 || r > 2.2 {
			t.Errorf("%s: %d rows at scale 2, %d at scale 1 (x%.2f)", ds, c2[ds], c1[ds], r)
		}
	}
	ents := Entities(Options{Scale: 2})
	if len(ents) != 5 {
		t.Fatalf("%d entities at scale 2", len(ents))
	}
	// Two schools: the city's education transfer is the sum of both subsidies.
	checkTransfers(t, two, ents, 2)
}

func TestOptionsValidation(t *testing.T) {
	if _, err := Generate(t.TempDir(), Options{AsOf: time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC)}); err == nil {
		t.Fatal("AsOf before the demo's first month accepted")
	}
	// A mid-month cut-off reports the previous month and no award or request after it.
	dir := t.TempDir()
	asOf := time.Date(2024, 5, 15, 0, 0, 0, 0, time.UTC)
	files, err := Generate(dir, Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	last := filesOf(files, models.DatasetBudget)
	if got := filepath.Base(last[len(last)-1].Path); got != "2024-04.csv" {
		t.Errorf("last budget report %s, want 2024-04.csv", got)
	}
	for _, r := range readProcurement(t, files)[2024] {
		if r.date.After(asOf) {
			t.Fatalf("award %s after AsOf", r.date.Format(time.DateOnly))
		}
	}
}

func TestCalendar(t *testing.T) {
	for y, want := range map[int]string{2022: "2022-04-24", 2023: "2023-04-16", 2024: "2024-05-05", 2025: "2025-04-20", 2026: "2026-04-12"} {
		if got := orthodoxEaster(y).time().Format(time.DateOnly); got != want {
			t.Errorf("Orthodox Easter %d = %s, want %s", y, got, want)
		}
	}
	for d := mkday(1999, 12, 25); d < mkday(2031, 1, 1); d++ {
		if dayOf(d.time()) != d {
			t.Fatalf("day %d round-trips to %d", d, dayOf(d.time()))
		}
		if d.weekday() != d.time().Weekday() {
			t.Fatalf("weekday of %s", d.time())
		}
		if got := string(appendDate(nil, d)); got != d.time().Format(time.DateOnly) {
			t.Fatalf("appendDate = %s, want %s", got, d.time().Format(time.DateOnly))
		}
	}
	cal := newCalendar(2024, 2024)
	for _, s := range []string{"2024-01-01", "2024-01-24", "2024-05-03", "2024-05-06", "2024-06-24", "2024-08-15", "2024-12-25"} {
		if cal.working(dayOf(parseDate(t, s))) {
			t.Errorf("%s is a holiday", s)
		}
	}
}

func TestAppendAmount(t *testing.T) {
	for v, want := range map[int64]string{0: "0.00", 5: "0.05", 100: "1.00", 123456: "1234.56", -7: "-0.07", -12345: "-123.45"} {
		if got := string(appendAmount(nil, v)); got != want {
			t.Errorf("appendAmount(%d) = %s, want %s", v, got, want)
		}
	}
}

func benchmarkGenerate(b *testing.B, scale int) {
	var rows int64
	for b.Loop() {
		dir := b.TempDir()
		files, err := Generate(dir, Options{Scale: scale})
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for _, f := range files {
			rows += f.Rows
		}
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkGenerate writes the scale-1 demo (~140,000 rows).
func BenchmarkGenerate(b *testing.B) { benchmarkGenerate(b, 1) }

// BenchmarkGenerateScale10 writes the scale-10 demo (~1.1 million rows).
func BenchmarkGenerateScale10(b *testing.B) { benchmarkGenerate(b, 10) }
