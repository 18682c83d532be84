package public

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// countyRelease is a release of four communes whose names need the
// Romanian alphabet to sort.
type countyRelease struct{ fakeRelease }

func (countyRelease) CountyYears() []int { return []int{2025} }
func (countyRelease) CountyUnits(_ context.Context, year int) ([]models.CountyUnit, error) {
	var out []models.CountyUnit
	for _, n := range []string{"Comuna Șag", "Comuna Frasinu", "Comuna Sânmartin", "Comuna Fântâna"} {
		out = append(out, models.CountyUnit{Entity: models.Entity{CUI: "1", Name: n, Kind: models.KindComuna}, Year: year})
	}
	return out, nil
}

// The county table sorts names in the Romanian alphabet: â after a and
// before b, ș after s.
func TestCountyTableSortsNamesInRomanian(t *testing.T) {
	rel := countyRelease{fakeRelease{manifest: &models.Manifest{ReleaseID: "x", Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Licence: models.DefaultLicence}}}
	s, err := NewServer(Config{Release: func(*http.Request) models.Reader { return rel }})
	if err != nil {
		t.Fatal(err)
	}
	code, page := get(t, s.Routes(), "/judet?ordine=unitate_asc")
	if code != http.StatusOK {
		t.Fatalf("%d: %s", code, page)
	}
	table := regexp.MustCompile(`(?s)<table class="county">.*?</table>`).FindString(page)
	var names []string
	for _, m := range regexp.MustCompile(`<tr><th scope="row">(.*?)</th>`).FindAllStringSubmatch(table, -1) {
		names = append(names, regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], ""))
	}
	if len(names) < 4 {
		t.Fatalf("rows %v", names)
	}
	if got := strings.Join(names[:4], ", "); got != "Comuna Fântâna, Comuna Frasinu, Comuna Sânmartin, Comuna Șag" {
		t.Errorf("order: %s", got)
	}
}
