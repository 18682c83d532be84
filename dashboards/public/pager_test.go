package public

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
)

// listRelease is a release whose town hall has n investment objectives in
// 2026, each a distinct code, largest first; Investments honours the page
// the filter asks for, as the DuckDB reader does.
type listRelease struct {
	fakeRelease
	n int
}

func (l listRelease) Years(dataset, entity string) []int {
	if dataset == models.DatasetInvestments && entity == "4270740" {
		return []int{2026}
	}
	return nil
}
func (l listRelease) DefaultYear(string) int { return 2026 }
func (l listRelease) all() []models.Investment {
	out := make([]models.Investment, l.n)
	for i := range out {
		out[i] = models.Investment{EntityCUI: "4270740", Code: fmt.Sprintf("INV-%03d", i+1), Name: fmt.Sprintf("Obiectivul %d", i+1),
			Year: 2026, Status: "in_executie", Funding: "local", TotalValue: models.Amount(int64(l.n-i) * 100_000_00)}
	}
	return out
}
func (l listRelease) InvestmentFacets(context.Context, string) (models.InvestmentFacets, error) {
	return models.InvestmentFacets{Statuses: []string{"in_executie"}, Funding: []string{"local"}}, nil
}
func (l listRelease) InvestmentTotals(context.Context, models.InvestmentFilter) (models.InvestmentSummary, error) {
	return models.InvestmentSummary{Count: int64(l.n)}, nil
}
func (l listRelease) InvestmentsBy(context.Context, models.InvestmentFilter, models.InvestmentDim) ([]models.InvestmentGroup, error) {
	return []models.InvestmentGroup{{Code: "in_executie", Count: int64(l.n)}}, nil
}
func (l listRelease) Investments(_ context.Context, f models.InvestmentFilter) ([]models.Investment, error) {
	all := l.all()
	if f.Limit == 0 {
		return all, nil
	}
	return all[min(f.Offset, len(all)):min(f.Offset+f.Limit, len(all))], nil
}

// /investitii lists the objectives a page at a time, like the contract
// list: every objective on exactly one page, links to the next and the
// previous page keeping the filters, and a page past the end is a 404.
func TestInvestmentListIsPaginated(t *testing.T) {
	const n = 123 // three pages of pageSize (50)
	s, err := NewServer(Config{Release: func(*http.Request) models.Reader {
		return listRelease{fakeRelease: fakeRelease{manifest: &models.Manifest{ReleaseID: "r1"}}, n: n}
	},
		CacheEntries: 10, CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Routes()
	codes := regexp.MustCompile(`<td>(INV-\d{3})</td>`)
	seen := map[string]int{}
	path := "/investitii?an=2026&finantare=local"
	for page := 1; path != ""; page++ {
		code, body := get(t, h, path)
		if code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		rows := codes.FindAllStringSubmatch(body, -1)
		if want := min(pageSize, n-(page-1)*pageSize); len(rows) != want {
			t.Fatalf("%s: %d rows, want %d", path, len(rows), want)
		}
		for _, r := range rows {
			seen[r[1]]++
		}
		if want := fmt.Sprintf("Pagina %d din 3", page); !strings.Contains(body, want) {
			t.Errorf("%s: no %q", path, want)
		}
		if page == 1 && !strings.Contains(body, "Obiectivele de investiții (1 – 50 din 123)") {
			t.Errorf("%s: the caption does not say which rows these are", path)
		}
		if page > 1 && !strings.Contains(body, `rel="prev"`) {
			t.Errorf("%s: no link to the previous page", path)
		}
		next := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(body)
		path = ""
		if next != nil {
			path = strings.ReplaceAll(next[1], "&amp;", "&")
			if !strings.Contains(path, "finantare=local") || !strings.Contains(path, fmt.Sprintf("pagina=%d", page+1)) {
				t.Fatalf("next link %q loses the filters or the page", path)
			}
		}
		if page > 3 {
			t.Fatal("more pages than objectives")
		}
	}
	if len(seen) != n {
		t.Errorf("%d objectives listed, want %d", len(seen), n)
	}
	for c, k := range seen {
		if k != 1 {
			t.Errorf("%s on %d pages", c, k)
		}
	}
	if code, _ := get(t, h, "/investitii?an=2026&pagina=4"); code != 404 {
		t.Errorf("page past the end: %d, want 404", code)
	}
	if code, body := get(t, h, "/en/investitii?an=2026&pagina=2"); code != 200 || !strings.Contains(body, "Investment projects (51 – 100 of 123)") {
		t.Errorf("English page 2: %d", code)
	}
}
