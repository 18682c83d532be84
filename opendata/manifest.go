package opendata

import (
	"slices"

	"github.com/deschis/deschis/models"
)

// PublicManifest is the manifest without the internal datasets, and without
// the loads only they came from: what the public may see of a release.
func PublicManifest(m *models.Manifest) *models.Manifest {
	out := *m
	out.Datasets, out.Loads = nil, nil
	for _, d := range m.Datasets {
		if d.Access == models.Public {
			out.Datasets = append(out.Datasets, d)
		}
	}
	for _, l := range m.Loads {
		for _, d := range out.Datasets {
			if slices.Contains(d.Loads, l.ID) {
				out.Loads = append(out.Loads, l)
				break
			}
		}
	}
	return &out
}
