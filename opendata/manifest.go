package opendata

import (
	"github.com/deschis/deschis/models"
)

// PublicManifest is the manifest without the internal datasets: what the
// public may see of a release.
func PublicManifest(m *models.Manifest) *models.Manifest {
	out := *m
	out.Datasets = nil
	for _, d := range m.Datasets {
		if d.Access == models.Public {
			out.Datasets = append(out.Datasets, d)
		}
	}
	return &out
}
