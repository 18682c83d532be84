package public

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// fakeRelease is a release in memory: what the pages that read only the
// manifest and the institutions need. Its other reads are never called
// (they would panic).
type fakeRelease struct {
	models.Reader
	manifest *models.Manifest
}

func (f fakeRelease) Manifest() *models.Manifest { return f.manifest }
func (f fakeRelease) Entities() []models.Entity {
	return []models.Entity{{CUI: "4270740", Name: "Municipiul Sibiu", Kind: models.KindMunicipiu}}
}
func (f fakeRelease) Entity(cui string) (models.Entity, error) {
	if cui == "4270740" {
		return f.Entities()[0], nil
	}
	return models.Entity{}, models.ErrNotFound
}
func (f fakeRelease) MainEntity() string                 { return "4270740" }
func (f fakeRelease) Years(dataset, entity string) []int { return nil }
func (f fakeRelease) DefaultYear(entity string) int      { return 2026 }

func fakeServer(t *testing.T) http.Handler {
	t.Helper()
	rel := fakeRelease{manifest: &models.Manifest{ReleaseID: "20261201T080000Z", Created: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC),
		Licence: models.DefaultLicence, Datasets: []models.ManifestDataset{
			{PublishedDataset: models.PublishedDataset{Name: "procurement", Access: models.Public,
				Title: models.Text{RO: "Achiziții publice", EN: "Public procurement"}, Source: models.Text{RO: "SEAP/SICAP", EN: "The SEAP/SICAP system"}},
				Rows: 3, Coverage: models.Coverage{From: "2025-01-10", To: "2025-03-10"}},
			{PublishedDataset: models.PublishedDataset{Name: "requests", Access: models.Internal, Title: models.Text{RO: "Registrul cererilor", EN: "Request register"}}},
		}}}
	s, err := NewServer(Config{Release: func(*http.Request) models.Reader { return rel }, CacheEntries: 10, CacheBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return s.Routes()
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(b)
}

// The pages render from any models.Reader: here one without DuckDB.
func TestPagesRenderFromAReaderWithoutDuckDB(t *testing.T) {
	h := fakeServer(t)
	code, body := get(t, h, "/metodologie")
	if code != 200 {
		t.Fatalf("/metodologie: %d\n%s", code, body)
	}
	for _, k := range models.KPIs {
		if k.Definition.RO != "" && !strings.Contains(body, k.Title.RO) {
			t.Errorf("/metodologie does not define %s (%q)", k.ID, k.Title.RO)
		}
	}
	if code, body = get(t, h, "/en/metodologie"); code != 200 || !strings.Contains(body, "The SEAP/SICAP system") {
		t.Fatalf("/en/metodologie does not name the dataset's source: %d\n%s", code, body)
	}
	code, body = get(t, h, "/en/date")
	if code != 200 || !strings.Contains(body, "Public procurement") || !strings.Contains(body, "20261201T080000Z") {
		t.Fatalf("/en/date: %d\n%s", code, body)
	}
	if strings.Contains(body, "Request register") {
		t.Error("the catalogue lists an internal dataset")
	}
	// Errors come from the chrome's one adapter: the page that names what to change.
	if code, body = get(t, h, "/buget?an=20x5"); code != 400 || !strings.Contains(body, "an=20x5") {
		t.Errorf("/buget?an=20x5: %d\n%s", code, body)
	}
	if code, _ = get(t, h, "/investitii?entitate=123"); code != 404 {
		t.Errorf("unknown institution: %d, want 404", code)
	}
	if code, _ = get(t, h, "/nu-exista"); code != 404 {
		t.Errorf("unknown page: %d, want 404", code)
	}
}
