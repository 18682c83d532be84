package public

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// figuresRelease is a small release in memory whose budget is cumulative
// monthly reports, as the real ones are: 2025 reported for the whole year,
// 2026 up to October (a partial year). A town hall with a budget, a school
// and a hospital that publish nothing. Its reads compute from that fixture;
// the reads no page of these tests makes panic (models.Reader is nil).
type figuresRelease struct {
	fakeRelease
	// monthly[year][month] is the payments of chapter 65.02 in that month.
	monthly map[int]map[int]models.Amount
	// reported[year] is the month of the year's latest report.
	reported map[int]int
}

const (
	townCUI     = "4270740"
	schoolCUI   = "4270759"
	hospitalCUI = "4270767"
)

func (f figuresRelease) Entities() []models.Entity {
	return []models.Entity{
		{CUI: townCUI, Name: "Municipiul Sibiu", Kind: models.KindMunicipiu, Population: map[int]int64{2026: 134_309}},
		{CUI: schoolCUI, Name: "Școala Gimnazială nr. 5 Sibiu", NameGenitive: "Școlii Gimnaziale nr. 5 Sibiu", Kind: models.KindSubordinat, ParentCUI: townCUI},
		{CUI: hospitalCUI, Name: "Spitalul de Pneumoftiziologie Sibiu", Kind: models.KindSubordinat, ParentCUI: townCUI},
	}
}

func (f figuresRelease) Entity(cui string) (models.Entity, error) {
	for _, e := range f.Entities() {
		if e.CUI == cui {
			return e, nil
		}
	}
	return models.Entity{}, models.ErrNotFound
}

func (f figuresRelease) Years(dataset, entity string) []int {
	if dataset == models.DatasetBudget && entity == townCUI {
		return []int{2025, 2026}
	}
	return nil
}

// through is the cumulative payments of a year up to month m, and the month
// of the latest report at or before it.
func (f figuresRelease) through(year, m int) (models.Amount, int) {
	var sum models.Amount
	last := 0
	for month := 1; month <= min(m, f.reported[year]); month++ {
		sum += f.monthly[year][month]
		last = month
	}
	return sum, last
}

func (f figuresRelease) own(s models.BudgetScope) bool {
	return s.Entity == townCUI && f.reported[s.Year] > 0
}

func (f figuresRelease) BudgetTotals(_ context.Context, s models.BudgetScope) (models.BudgetTotals, error) {
	if !f.own(s) {
		return models.BudgetTotals{}, nil
	}
	exec, _ := f.through(s.Year, 12)
	return models.BudgetTotals{Expenses: models.BudgetSums{Initial: 1_500_000_00, Final: 1_600_000_00, Executed: exec, Lines: 1}}, nil
}

func (f figuresRelease) BudgetBy(_ context.Context, s models.BudgetScope, kind models.BudgetKind, dim models.BudgetDim) ([]models.BudgetGroup, error) {
	if f.own(s) && kind == models.Expense && dim == models.BySubchapter {
		return []models.BudgetGroup{{Code: "65.02.03", Name: "Învățământ preșcolar și primar", Executed: 10_00}}, nil
	}
	if !f.own(s) || kind != models.Expense || dim != models.ByChapter {
		return nil, nil
	}
	exec, _ := f.through(s.Year, 12)
	return []models.BudgetGroup{{Code: "65.02", Name: "Învățământ", Initial: 1_500_000_00, Final: 1_600_000_00, Executed: exec}}, nil
}

func (f figuresRelease) BudgetThrough(_ context.Context, s models.BudgetScope, kind models.BudgetKind, dim models.BudgetDim, m int) ([]models.BudgetGroup, int, error) {
	if s.Entity != townCUI || f.reported[s.Year] == 0 || kind != models.Expense {
		return nil, 0, nil
	}
	exec, last := f.through(s.Year, m)
	code := "65.02"
	if dim == models.BySection {
		code = string(models.Operating)
	}
	return []models.BudgetGroup{{Code: code, Executed: exec}}, last, nil
}

func (f figuresRelease) BudgetMonthly(context.Context, models.BudgetScope, models.BudgetKind) ([]models.BudgetMonth, error) {
	return nil, nil
}

func (f figuresRelease) BudgetByYear(_ context.Context, s models.BudgetScope) ([]models.BudgetYear, error) {
	if s.Entity != townCUI {
		return nil, nil
	}
	var out []models.BudgetYear
	for _, y := range []int{2025, 2026} {
		exec, _ := f.through(y, 12)
		out = append(out, models.BudgetYear{Year: y, ExpensesFinal: 1_600_000_00, ExpensesExecuted: exec, ReportedMonth: f.reported[y]})
	}
	return out, nil
}

func (f figuresRelease) BudgetChapters(context.Context, string) ([]models.CodeName, error) {
	return []models.CodeName{{Code: "65", Name: "Învățământ", Kind: string(models.Expense)}}, nil
}

// Nothing else in the release: no investments, contracts or requests.
func (f figuresRelease) InvestmentTotals(context.Context, models.InvestmentFilter) (models.InvestmentSummary, error) {
	return models.InvestmentSummary{}, nil
}
func (f figuresRelease) Investments(context.Context, models.InvestmentFilter) ([]models.Investment, error) {
	return nil, nil
}

// ContractTotals: the town hall's 3.911 rows are 3.861 contracts and 50
// framework agreements, which totals do not count.
func (f figuresRelease) ContractTotals(_ context.Context, c models.ContractFilter) (models.ContractSummary, error) {
	if c.Buyer == townCUI {
		return models.ContractSummary{Rows: 3911, Count: 3861, Value: 12_345_00}, nil
	}
	return models.ContractSummary{}, nil
}
func (f figuresRelease) Contracts(context.Context, models.ContractFilter) ([]models.Contract, error) {
	return nil, nil
}
func (f figuresRelease) ContractsBy(context.Context, models.ContractFilter, models.ContractDim) ([]models.ContractGroup, error) {
	return nil, nil
}
func (f figuresRelease) Procedures(context.Context) ([]string, error) { return nil, nil }
func (f figuresRelease) InvestmentFacets(context.Context, string) (models.InvestmentFacets, error) {
	return models.InvestmentFacets{}, nil
}
func (f figuresRelease) InvestmentsBy(context.Context, models.InvestmentFilter, models.InvestmentDim) ([]models.InvestmentGroup, error) {
	return nil, nil
}
func (f figuresRelease) RequestTotals(context.Context, models.RequestScope) (models.RequestTotals, error) {
	return models.RequestTotals{}, nil
}
func (f figuresRelease) RequestAnswerDays(context.Context, models.RequestScope) (models.AnswerDays, error) {
	return models.AnswerDays{}, nil
}
func (f figuresRelease) RequestsBy(context.Context, models.RequestScope, models.RequestDim) ([]models.RequestGroup, error) {
	return nil, nil
}
func (f figuresRelease) RequestAnswerDaysBy(context.Context, models.RequestScope, models.RequestDim) ([]models.AnswerDaysGroup, error) {
	return nil, nil
}

// newFiguresRelease: 2025's payments are 100 lei a month for January to
// October and 1.000 lei in each of November and December (the year-end
// rush), so the whole of 2025 is 3.000 lei; 2026 pays 90 lei a month up to
// October, 900 lei. Against the same months of 2025 (1.000 lei) that is
// −10 %; against the whole of 2025 it would read −70 %.
func newFiguresRelease(reported2025 int) figuresRelease {
	f := figuresRelease{fakeRelease: fakeRelease{manifest: &models.Manifest{ReleaseID: "20261201T054600Z",
		Created: time.Date(2026, 12, 1, 5, 46, 0, 0, time.UTC), Licence: models.DefaultLicence}},
		monthly: map[int]map[int]models.Amount{2025: {}, 2026: {}}, reported: map[int]int{2025: reported2025, 2026: 10}}
	for m := 1; m <= 10; m++ {
		f.monthly[2025][m] = 100_00
		f.monthly[2026][m] = 90_00
	}
	f.monthly[2025][11], f.monthly[2025][12] = 1_000_00, 1_000_00
	return f
}

func serve(t *testing.T, rel models.Reader) *httptest.Server {
	t.Helper()
	s, err := NewServer(Config{Release: func(*http.Request) models.Reader { return rel }})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Routes())
	t.Cleanup(ts.Close)
	return ts
}

func fetch(t *testing.T, ts *httptest.Server, path string) string {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d\n%s", path, resp.StatusCode, b)
	}
	return string(b)
}

// text is a page's visible text: tags and the chart options removed,
// entities decoded, spaces collapsed.
func text(page string) string {
	page = regexp.MustCompile(`(?s)<script.*?</script>`).ReplaceAllString(page, " ")
	page = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(page, " ")
	page = strings.NewReplacer("&#43;", "+", "&#34;", `"`, "&amp;", "&", "&#39;", "'").Replace(page)
	return strings.Join(strings.Fields(page), " ")
}

// A change compares the same months of both years, and says which.
func TestYearOverYearComparesTheSameMonths(t *testing.T) {
	ts := serve(t, newFiguresRelease(12))
	for _, c := range []struct{ path, row, note string }{
		{"/buget", "65.02 Învățământ 1.500.000,00 lei 1.600.000,00 lei 900,00 lei 0,1 % 1.000,00 lei −10,0 %",
			"Variația compară aceleași luni: ianuarie–octombrie 2026 față de ianuarie–octombrie 2025."},
		{"/en/buget", "65.02 Education 1,500,000.00 lei 1,600,000.00 lei 900.00 lei 0.1% 1,000.00 lei −10.0%",
			"The change compares the same months: January–October 2026 against January–October 2025."},
	} {
		page := text(fetch(t, ts, c.path))
		if !strings.Contains(page, c.row) {
			t.Errorf("%s: the chapter row is not %q:\n%s", c.path, c.row, page)
		}
		if !strings.Contains(page, c.note) {
			t.Errorf("%s: no sentence naming the months compared (%q)", c.path, c.note)
		}
	}
	page := text(fetch(t, ts, "/buget"))
	for _, head := range []string{"Plăți ian.–oct. 2026", "Plăți ian.–oct. 2025", "Variație față de ian.–oct. 2025"} {
		if !strings.Contains(page, head) {
			t.Errorf("/buget: no column %q", head)
		}
	}
	if strings.Contains(page, "−70,0 %") || strings.Contains(page, "Variație față de 2025") {
		t.Error("/buget compares January–October with the whole of last year")
	}
	// The years table compares every year over the same months too.
	if !strings.Contains(page, "2025 1.600.000,00 lei 3.000,00 lei 0,00 lei decembrie 1.000,00 lei") {
		t.Errorf("/buget: the years table has no same-months column for 2025:\n%s", page)
	}

	// Last year reported only up to June: no comparison over January–October.
	page = text(fetch(t, serve(t, newFiguresRelease(6)), "/buget"))
	if !strings.Contains(page, "Datele anului 2025 nu acoperă perioada ianuarie–octombrie 2025: variația față de aceeași perioadă nu se poate calcula.") {
		t.Errorf("/buget with 2025 reported to June: no sentence saying why there is no change:\n%s", page)
	}
	if !strings.Contains(page, "65.02 Învățământ 1.500.000,00 lei 1.600.000,00 lei 900,00 lei 0,1 % – –") {
		t.Errorf("/buget with 2025 reported to June: the change is not “–”:\n%s", page)
	}
}

var dataKPI = regexp.MustCompile(`<data data-kpi="([^"]+)" value="([^"]*)">`)

// An institution that publishes nothing shows "–" and why, never 0.
func TestAbsentFiguresAreADashWithTheReason(t *testing.T) {
	ts := serve(t, newFiguresRelease(12))
	for _, c := range []struct {
		path    string
		missing []string
		why     []string
	}{
		{"/?entitate=" + schoolCUI, []string{models.KPIBudgetInitial, models.KPIBudgetFinal, models.KPIBudgetExecuted, models.KPIRevenueExecuted,
			models.KPIInvestmentsActive, models.KPIContractsCount, models.KPIContractsValue, models.KPIRequestsReceived, models.KPIRequestsWithinTerm, models.KPIRequestsMedianDays},
			[]string{"Instituția nu publică date despre buget.", "Instituția nu publică o listă de investiții.", "Instituția nu are contracte de achiziție în date.", "Instituția nu publică date despre cereri."}},
		{"/cereri?entitate=" + schoolCUI, []string{models.KPIRequestsReceived, models.KPIRequestsWithinTerm, models.KPIRequestsMedianDays, models.KPIRequestsP90Days, models.KPIRequestsOnlineShare},
			[]string{"Instituția nu publică date despre cereri."}},
		{"/en/cereri?entitate=" + schoolCUI, []string{models.KPIRequestsReceived}, []string{"The institution publishes no data on requests."}},
		{"/buget?an=2021", []string{models.KPIBudgetInitial, models.KPIBudgetFinal, models.KPIBudgetExecuted, models.KPIExecutionRate, models.KPIRevenueExecuted},
			[]string{"Nu există date despre buget pentru 2021."}},
		// Revenue is not split by expense chapter.
		{"/buget?capitol=65", []string{models.KPIRevenueExecuted}, []string{"Veniturile nu se împart pe capitolele de cheltuieli."}},
	} {
		page := fetch(t, ts, c.path)
		for _, id := range c.missing {
			if !strings.Contains(page, `data-kpi-missing="`+id+`">–</span>`) {
				t.Errorf("%s: %s is not shown as “–”", c.path, id)
			}
		}
		for _, m := range dataKPI.FindAllStringSubmatch(page, -1) {
			for _, id := range c.missing {
				if m[1] == id {
					t.Errorf("%s: %s shown as the figure %q", c.path, id, m[2])
				}
			}
		}
		for _, why := range c.why {
			if !strings.Contains(text(page), why) {
				t.Errorf("%s: no sentence %q", c.path, why)
			}
		}
	}
}

// Titles name the institution as Romanian grammar asks: the genitive after
// "Bugetul", the dative after "adresate"; given in the entities file for a
// subordinate unit, derived for a municipality, "instituției" before a name
// of which neither is known. English pages keep the name, marked Romanian.
func TestTitlesInflectTheInstitutionsName(t *testing.T) {
	ts := serve(t, newFiguresRelease(12))
	for path, want := range map[string]string{
		"/buget":                                "<h1>Bugetul Municipiului Sibiu, 2026</h1>",
		"/buget?capitol=65":                     "<h1>Bugetul Municipiului Sibiu: capitolul 65 Învățământ, 2026</h1>",
		"/cereri?entitate=" + schoolCUI:         "<h1>Cererile adresate Școlii Gimnaziale nr. 5 Sibiu, 2026</h1>",
		"/investitii?entitate=" + schoolCUI:     "<h1>Investițiile Școlii Gimnaziale nr. 5 Sibiu, 2026</h1>",
		"/achizitii?entitate=" + hospitalCUI:    "<h1>Achizițiile publice ale instituției Spitalul de Pneumoftiziologie Sibiu, 2026</h1>",
		"/en/buget":                             `<h1>Budget of <span lang="ro">Municipiul Sibiu</span>, 2026</h1>`,
		"/en/cereri?entitate=" + schoolCUI:      `<h1>Requests to <span lang="ro">Școala Gimnazială nr. 5 Sibiu</span>, 2026</h1>`,
		"/en/achizitii?entitate=" + hospitalCUI: `<h1>Public procurement of <span lang="ro">Spitalul de Pneumoftiziologie Sibiu</span>, 2026</h1>`,
	} {
		if page := fetch(t, ts, path); !strings.Contains(page, want) {
			t.Errorf("%s: no %s in\n%s", path, want, regexp.MustCompile(`<h1>.*</h1>`).FindString(page))
		}
	}
}

// The footer and the open-data page show the edition as a date and time
// in Romanian time, not as the release's identifier; the licence by its name
// in the page's language.
func TestTheEditionIsADateAndTime(t *testing.T) {
	ts := serve(t, newFiguresRelease(12))
	ro, en := text(fetch(t, ts, "/date")), text(fetch(t, ts, "/en/date"))
	if !strings.Contains(ro, "Ediția din 01.12.2026, 07:46.") || strings.Contains(ro, "Ediția 20261201T054600Z") {
		t.Errorf("/date: the edition is not “Ediția din 01.12.2026, 07:46.”:\n%s", ro)
	}
	if !strings.Contains(en, "Release of 1 Dec 2026, 07:46.") || !strings.Contains(en, "Open Government Licence – Romania, v1.0") {
		t.Errorf("/en/date: edition or licence not in English:\n%s", en)
	}
	if !strings.Contains(ro, "Parquet (un format deschis pentru tabele") {
		t.Error("/date does not explain the Parquet format")
	}
}

// A count that differs from the list's rows says why, beside it.
func TestContractCountExplainsTheListsRows(t *testing.T) {
	ts := serve(t, newFiguresRelease(12))
	for path, want := range map[string]string{
		"/achizitii":    "Contracte atribuite 3.861 Lista are 3.911 rânduri: cele 3.861 de contracte și 50 de acorduri-cadru, care nu intră în total.",
		"/en/achizitii": "Contracts awarded 3,861 The list has 3,911 rows: the 3,861 contracts and 50 framework agreements, which are not in the totals.",
	} {
		if page := text(fetch(t, ts, path)); !strings.Contains(page, want) {
			t.Errorf("%s: no %q in\n%s", path, want, page)
		}
	}
}

// A 400 page says what is wrong in the page's language.
func TestBadAddressInBothLanguages(t *testing.T) {
	ts := serve(t, newFiguresRelease(12))
	for path, want := range map[string]string{
		"/achizitii?de_la=31.02.2026":    "Adresă invalidă",
		"/en/achizitii?de_la=31.02.2026": "a date is written DD.MM.YYYY (or YYYY-MM-DD) and must exist in the calendar",
	} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 || !strings.Contains(text(string(b)), want) {
			t.Errorf("%s: %d, no %q in\n%s", path, resp.StatusCode, want, text(string(b)))
		}
	}
}

// The English pages name the classification in English: chapters,
// subchapters; Romanian text only inside lang="ro".
func TestEnglishBudgetNamesTheClassificationInEnglish(t *testing.T) {
	ts := serve(t, newFiguresRelease(12))
	page := fetch(t, ts, "/en/buget?capitol=65")
	for _, want := range []string{"<h1>Budget of <span lang=\"ro\">Municipiul Sibiu</span>: chapter 65 Education, 2026</h1>", ">65.02.03 Pre-primary and primary education<"} {
		if !strings.Contains(page, want) {
			t.Errorf("/en/buget?capitol=65: no %s", want)
		}
	}
	if strings.Contains(page, ">Învățământ") || strings.Contains(page, "preșcolar") {
		t.Error("/en/buget?capitol=65 names the classification in Romanian")
	}
}
