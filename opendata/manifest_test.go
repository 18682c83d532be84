package opendata

import (
	"testing"

	"github.com/deschis/deschis/models"
)

// The public manifest names the loads of the public datasets only: a load
// only an internal dataset came from (its file's name included) stays out.
func TestPublicManifestKeepsOnlyThePublicDatasetsLoads(t *testing.T) {
	m := &models.Manifest{ReleaseID: "r", Datasets: []models.ManifestDataset{
		{PublishedDataset: models.PublishedDataset{Name: "procurement", Access: models.Public}, Loads: []int64{1, 2}},
		{PublishedDataset: models.PublishedDataset{Name: "requests", Access: models.Internal}, Loads: []int64{2, 3}},
	}, Loads: []models.ManifestLoad{{ID: 1, File: "a.csv"}, {ID: 2, File: "b.csv"}, {ID: 3, File: "registru-intern.csv"}}}
	got := PublicManifest(m)
	if len(got.Datasets) != 1 || len(got.Loads) != 2 || got.Loads[0].ID != 1 || got.Loads[1].ID != 2 {
		t.Fatalf("datasets %+v, loads %+v: want procurement with loads 1 and 2", got.Datasets, got.Loads)
	}
	if len(m.Loads) != 3 {
		t.Errorf("the release's own manifest changed: %+v", m.Loads)
	}
}
