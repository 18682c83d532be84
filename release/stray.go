package release

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A publish writes its release in a hidden .tmp-<id>-<random> directory
// and renames it into place once checked. A publish killed midway leaves
// that directory behind: a partial release nothing serves. The publish
// holds a lock on its directory for as long as it runs (lockDir), so a
// directory whose lock can be taken is stray: no running publish owns it.

const tmpPrefix = ".tmp-"

// errLocked: a running publish holds the directory's lock.
var errLocked = errors.New("ediția parțială este în lucru: o publicare în curs o deține")

// makeTmpDir creates dir and takes its lock. Between the two a cleaner could
// take the lock and remove the directory: the lock is then held on a removed
// directory, and the publish stops rather than write into nothing.
func makeTmpDir(dir string) (unlock func(), err error) {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	if unlock, err = lockDir(dir); err != nil {
		return nil, err
	}
	locked, err1 := os.Stat(dir)
	f, err2 := os.Open(dir)
	if err2 == nil {
		defer f.Close()
	}
	var same bool
	if err1 == nil && err2 == nil {
		if st, err := f.Stat(); err == nil {
			same = os.SameFile(locked, st)
		}
	}
	if !same {
		unlock()
		return nil, fmt.Errorf("directorul de lucru %s a fost șters de altă comandă la pornire: reluați publicarea", dir)
	}
	return unlock, nil
}

// Stray lists the partial releases of a releases directory that no running
// publish owns, oldest name first.
func Stray(out string) ([]string, error) {
	return strayDirs(out, false)
}

// RemoveStray removes the partial releases no running publish owns and
// returns their names; those a publish is writing stay.
func RemoveStray(out string) ([]string, error) {
	return strayDirs(out, true)
}

func strayDirs(out string, remove bool) ([]string, error) {
	entries, err := os.ReadDir(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tmpPrefix) {
			continue
		}
		dir := filepath.Join(out, e.Name())
		unlock, err := lockDir(dir)
		if errors.Is(err, errLocked) || errors.Is(err, os.ErrNotExist) {
			continue // being written, or renamed into place meanwhile
		}
		if err != nil {
			return names, err
		}
		if remove {
			err = os.RemoveAll(dir)
		}
		unlock()
		if err != nil {
			return names, err
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names, nil
}
