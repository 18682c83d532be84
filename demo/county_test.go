package demo

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// heads are the authorities of the demo county without the council's units:
// the council, the municipalities, towns and communes.
func heads(ents []models.Entity) []models.Entity {
	var out []models.Entity
	for _, e := range ents {
		if e.ParentCUI == "" {
			out = append(out, e)
		}
	}
	return out
}

func TestCountyEntities(t *testing.T) {
	ents := Entities(Options{County: true})
	byKind := map[models.EntityKind]int{}
	for _, e := range ents {
		byKind[e.Kind]++
		if !models.ValidCUI(e.CUI) {
			t.Errorf("%s: invalid CUI %s", e.Name, e.CUI)
		}
		if e.County != countyCode {
			t.Errorf("%s: county %q", e.Name, e.County)
		}
	}
	want := map[models.EntityKind]int{models.KindJudet: 1, models.KindSubordinat: 2, models.KindMunicipiu: 2, models.KindOras: 3, models.KindComuna: 10}
	for k, n := range want {
		if byKind[k] != n {
			t.Errorf("%d entities of kind %s, want %d (all: %v)", byKind[k], k, n, byKind)
		}
	}
	council := ents[0]
	if council.Kind != models.KindJudet || council.Name != "Județul Demo" || council.ParentCUI != "" {
		t.Fatalf("first entity %+v, want the county council", council)
	}
	// The council's two units hang under it; every administrative unit is an
	// authority of its own.
	for _, e := range ents[1:] {
		if (e.Kind == models.KindSubordinat) != (e.ParentCUI == council.CUI) {
			t.Errorf("%s (%s): parent %q", e.Name, e.Kind, e.ParentCUI)
		}
	}
	// The council's population is the county's.
	for y := firstYear; y <= 2026; y++ {
		var sum int64
		for _, e := range heads(ents)[1:] {
			sum += e.Population[y]
		}
		if council.Population[y] != sum || sum == 0 {
			t.Errorf("%d: council population %d, units %d", y, council.Population[y], sum)
		}
	}
	// No demo fiscal or SIRUTA code is a real administrative unit's, and the
	// city's and the county's do not collide.
	seen := map[string]bool{}
	sirutas := map[int]bool{citySIRUTA: true}
	for _, e := range append(ents, Entities(Options{County: true, Units: MaxUnits})...) {
		if u, ok := models.LookupUAT(e.CUI); ok {
			t.Errorf("%s has the fiscal code of %s", e.Name, u.Name)
		}
		seen[e.CUI] = true
	}
	for _, e := range Entities(Options{Scale: 5}) {
		if seen[e.CUI] {
			t.Errorf("the city's %s shares a fiscal code with the county", e.Name)
		}
	}
	for _, e := range Entities(Options{County: true, Units: MaxUnits}) {
		if e.SIRUTA == 0 {
			continue
		}
		if sirutas[e.SIRUTA] {
			t.Errorf("%s: SIRUTA %d used twice", e.Name, e.SIRUTA)
		}
		sirutas[e.SIRUTA] = true
	}
	for _, c := range models.Counties() {
		for _, u := range models.UATsOfCounty(c.County) {
			if sirutas[u.SIRUTA] {
				t.Errorf("SIRUTA %d belongs to %s", u.SIRUTA, u.Name)
			}
		}
	}
}

func TestCountyUnitsOption(t *testing.T) {
	ents := Entities(Options{County: true, Units: 60})
	byKind := map[models.EntityKind]int{}
	names := map[string]bool{}
	for _, e := range ents {
		byKind[e.Kind]++
		if names[e.Name] {
			t.Errorf("name %s twice", e.Name)
		}
		names[e.Name] = true
	}
	if byKind[models.KindMunicipiu] != 2 || byKind[models.KindOras] != 3 || byKind[models.KindComuna] != 55 || byKind[models.KindJudet] != 1 {
		t.Errorf("Units 60: %v", byKind)
	}
	for _, opt := range []Options{{County: true, Units: MinUnits - 1}, {County: true, Units: MaxUnits + 1}, {County: true, Units: -3}, {Units: 20}} {
		_, err := Generate(t.TempDir(), opt)
		if !errors.Is(err, models.ErrInvalid) {
			t.Errorf("%+v: err %v, want ErrInvalid", opt, err)
		}
	}
}

// The units' populations are draws from the census populations of their
// kind: within the reference list's range, and spread as it is.
func TestCountyPopulationSpread(t *testing.T) {
	ents := Entities(Options{County: true, Units: 60})
	drawn := map[models.EntityKind][]int64{}
	for _, e := range heads(ents)[1:] {
		ref := kindPopulations(e.Kind)
		p := e.Population[2022]
		// One year of decline (at most 1.2 %) after the 2021 census.
		if p < int64(float64(ref[0])*0.98) || p > ref[len(ref)-1] {
			t.Errorf("%s: population %d outside the census range of its kind %d..%d", e.Name, p, ref[0], ref[len(ref)-1])
		}
		drawn[e.Kind] = append(drawn[e.Kind], p)
		for y := 2023; y <= 2026; y++ {
			if e.Population[y] > e.Population[y-1] {
				t.Errorf("%s: population grows in %d", e.Name, y)
			}
		}
	}
	communes := drawn[models.KindComuna]
	slices.Sort(communes)
	ref := kindPopulations(models.KindComuna)
	q1, q3 := ref[len(ref)/4], ref[3*len(ref)/4]
	if med := communes[len(communes)/2]; med < q1 || med > q3 {
		t.Errorf("median commune %d outside the census quartiles %d..%d", med, q1, q3)
	}
	if communes[len(communes)-1] < 3*communes[0] {
		t.Errorf("communes from %d to %d inhabitants: no spread", communes[0], communes[len(communes)-1])
	}
}

func TestCountyDeterminism(t *testing.T) {
	opt := Options{County: true, Units: MinUnits, Seed: 7, AsOf: time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)}
	a, b := t.TempDir(), t.TempDir()
	fa, err := Generate(a, opt)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := Generate(b, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(fa) != len(fb) || len(fa) == 0 {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for i := range fa {
		if fileHash(t, fa[i].Path) != fileHash(t, fb[i].Path) {
			t.Errorf("%s differs between two runs with the same options", fa[i].Path)
		}
	}
	other := Entities(Options{County: true, Units: MinUnits, Seed: 8})
	same := 0
	for i, e := range Entities(opt) {
		if e.Population[2022] == other[i].Population[2022] {
			same++
		}
	}
	if same == len(other) {
		t.Error("another seed drew the same populations")
	}
}

// spread is the largest minus the smallest value of a ratio by entity.
func spread(t *testing.T, what string, num, den map[string]float64, minDen float64) float64 {
	t.Helper()
	lo, hi := math.Inf(1), math.Inf(-1)
	n := 0
	for cui, d := range den {
		if d < minDen {
			continue
		}
		x := num[cui] / d
		lo, hi = min(lo, x), max(hi, x)
		n++
	}
	if n < 10 {
		t.Fatalf("%s: %d units with enough data", what, n)
	}
	t.Logf("%s: from %.3f to %.3f over %d units", what, lo, hi, n)
	return hi - lo
}

// The units differ where a comparison looks: execution rates, own-revenue
// shares, direct-purchase shares and late answers, each by a stated margin.
func TestCountyUnitsDiffer(t *testing.T) {
	dir := t.TempDir()
	files, err := Generate(dir, Options{County: true})
	if err != nil {
		t.Fatal(err)
	}
	head := map[string]bool{}
	for _, e := range heads(Entities(Options{County: true})) {
		head[e.CUI] = true
	}
	paid, final, own, revenue := map[string]float64{}, map[string]float64{}, map[string]float64{}, map[string]float64{}
	tb := readTable(t, File{Path: filepath.Join(dir, "budget", "2025-12.csv"), Dataset: models.DatasetBudget})
	for _, row := range tb.rows {
		cui := tb.get(row, "entity_cui")
		if !head[cui] {
			continue
		}
		ex := float64(parseCents(t, tb.get(row, "executed")))
		if tb.get(row, "kind") == string(models.Expense) {
			paid[cui] += ex
			final[cui] += float64(parseCents(t, tb.get(row, "final_budget")))
			continue
		}
		revenue[cui] += ex
		if fn := tb.get(row, "functional_code"); ownRevenueChapters[fn[:5]] {
			own[cui] += ex
		}
	}
	if d := spread(t, "execution rate", paid, final, 1); d < 0.10 {
		t.Errorf("execution rates differ by %.3f across units, want at least 0.10", d)
	}
	if d := spread(t, "own-revenue share", own, revenue, 1); d < 0.05 {
		t.Errorf("own-revenue shares differ by %.3f across units, want at least 0.05", d)
	}

	direct, awards := map[string]float64{}, map[string]float64{}
	for _, tb := range readAll(t, files, models.DatasetProcurement) {
		for _, row := range tb.rows {
			cui := tb.get(row, "buyer_cui")
			if !head[cui] || tb.get(row, "kind") == string(models.CallOff) {
				continue
			}
			awards[cui]++
			if tb.get(row, "kind") == string(models.DirectPurchase) {
				direct[cui]++
			}
		}
	}
	if d := spread(t, "direct-purchase share", direct, awards, 100); d < 0.10 {
		t.Errorf("direct-purchase shares differ by %.3f across units, want at least 0.10", d)
	}

	late, answered := map[string]float64{}, map[string]float64{}
	for _, tb := range readAll(t, files, models.DatasetRequests) {
		for _, row := range tb.rows {
			cui := tb.get(row, "entity_cui")
			if !head[cui] || tb.get(row, "answered") == "" {
				continue
			}
			answered[cui]++
			term, _ := strconv.Atoi(tb.get(row, "term_days"))
			if parseDate(t, tb.get(row, "answered")).Sub(parseDate(t, tb.get(row, "received"))) > time.Duration(term)*24*time.Hour {
				late[cui]++
			}
		}
	}
	if d := spread(t, "share answered late", late, answered, 200); d < 0.03 {
		t.Errorf("late answers differ by %.3f across units, want at least 0.03", d)
	}
}

// The demo county loads with no reject through the same path as etl load,
// and its release's main entity is the county council.
func TestCountyBuild(t *testing.T) {
	ctx := context.Background()
	b, err := Build(ctx, t.TempDir(), Options{County: true}, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if b.Loaded.Rejected != 0 {
		t.Errorf("%d rows rejected", b.Loaded.Rejected)
	}
	ents := Entities(Options{County: true})
	// One row per authority and population year, one per subordinate unit.
	if got, want := b.Loaded.Rows[models.DatasetEntities], int64(5*len(heads(ents))+2); got != want {
		t.Errorf("%d entities rows loaded, want %d", got, want)
	}
	for _, d := range []string{models.DatasetBudget, models.DatasetInvestments, models.DatasetProcurement, models.DatasetRequests} {
		if b.Loaded.Rows[d] == 0 {
			t.Errorf("no %s row loaded", d)
		}
	}
	r, err := release.Open(ctx, b.Release, release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := r.MainEntity(); got != ents[0].CUI {
		t.Errorf("main entity %s, want the county council %s", got, ents[0].CUI)
	}
	// Every administrative unit has its budget, investments, procurement and
	// requests in the release.
	for _, e := range heads(ents) {
		for _, d := range []string{models.DatasetBudget, models.DatasetInvestments, models.DatasetProcurement, models.DatasetRequests} {
			if len(r.Years(d, e.CUI)) == 0 {
				t.Errorf("%s: no %s in the release", e.Name, d)
			}
		}
	}
}
