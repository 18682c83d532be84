package release

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/deschis/deschis/models"
)

// A releases directory holds one directory per release, named by its id
// (the UTC time it was published, e.g. 20261123T100000Z), and the link
// CurrentLink naming the live one:
//
//	releases/
//	  20261123T100000Z/manifest.json, public/*.parquet, internal/*.parquet
//	  current -> 20261123T100000Z
//
// A release being written is a hidden .tmp-<id>-<random> directory beside
// them until it is checked and renamed into place; the publish writing it
// holds a lock on it, and one that nobody holds is a killed publish's
// leftover (stray.go).

// CurrentLink is the symbolic link in a releases directory that names the
// live release. Readers resolve it; publish swaps it atomically.
const CurrentLink = "current"

// SwapCurrent points the current link of a releases directory at release id,
// atomically: a new link is made beside it and renamed over the old one, so a
// reader sees the old release or the new one, never neither.
func SwapCurrent(out, id string) error {
	tmp := filepath.Join(out, ".current-"+randomSuffix())
	if err := os.Symlink(id, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(out, CurrentLink)); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(out)
}

// Current returns the id of the live release of a releases directory.
func Current(out string) (string, error) {
	id, err := os.Readlink(filepath.Join(out, CurrentLink))
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("%w: nicio ediție publicată în %s", models.ErrNotFound, out)
	}
	return filepath.Base(id), err
}

// List returns the release ids of a releases directory, oldest first.
func List(out string) ([]string, error) {
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && exists(filepath.Join(out, e.Name(), ManifestFile)) {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids) // ids are UTC timestamps
	return ids, nil
}

// Manifests are the manifests of the releases of a releases directory,
// newest first; a release pruned while they are read is left out.
func Manifests(out string) ([]*models.Manifest, error) {
	ids, err := List(out)
	if err != nil {
		return nil, err
	}
	var ms []*models.Manifest
	for i := len(ids) - 1; i >= 0; i-- {
		m, err := ReadManifest(filepath.Join(out, ids[i]))
		if err != nil {
			continue
		}
		if m.ReleaseID == "" {
			m.ReleaseID = ids[i]
		}
		ms = append(ms, m)
	}
	return ms, nil
}

// Prune deletes all but the newest keep releases; the live one always stays.
func Prune(out string, keep int) ([]string, error) {
	ids, err := List(out)
	if err != nil {
		return nil, err
	}
	cur, _ := Current(out)
	var pruned []string
	for i := 0; i < len(ids)-keep; i++ {
		if ids[i] == cur {
			continue
		}
		if err := os.RemoveAll(filepath.Join(out, ids[i])); err != nil {
			return pruned, err
		}
		pruned = append(pruned, ids[i])
	}
	return pruned, nil
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

func randomSuffix() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// sqlString quotes s as a SQL string literal (DDL and COPY take no bound
// parameters; the strings quoted are our own paths and names).
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// quoteIdent quotes s as a SQL identifier (a column name checked against a
// dataset's schema before it is quoted: the rows and aggregate endpoints).
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
