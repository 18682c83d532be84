package release

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/deschis/deschis/models"
)

// ManifestFile is the manifest's name inside a release directory.
const ManifestFile = "manifest.json"

// ReadManifest reads the manifest of a release directory.
func ReadManifest(dir string) (*models.Manifest, error) {
	path := filepath.Join(dir, ManifestFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m models.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// writeManifest writes m to path and syncs it: the manifest is the last file
// of a release written before it is renamed into place.
func writeManifest(path string, m *models.Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
