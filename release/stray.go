package release

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A publish writes its release in a hidden .tmp-<id>-<random> directory
// and renames it into place once checked. A publish killed midway leaves
// that directory behind: a partial release nothing serves. Ownership is
// proved with locks (lock_unix.go):
//
//   - a publish holds the exclusive lock of its directory for as long as it
//     runs;
//   - it creates and locks the directory while holding the shared lock of
//     the releases directory itself, so that no partial release is ever seen
//     between its creation and its lock;
//   - a cleaner holds that directory's exclusive lock while it judges: a partial
//     release whose own lock it can take then has no running publish. While
//     a publish is starting the cleaner judges nothing (the next one will).

const tmpPrefix = ".tmp-"

// errLocked: a running publish holds the lock.
var errLocked = errors.New("ediția parțială este în lucru: o publicare în curs o deține")

// makeTmpDir creates dir in out and takes its lock, under out's start lock.
func makeTmpDir(out, dir string) (unlock func(), err error) {
	unlockStart, err := lockStarting(out)
	if err != nil {
		return nil, err
	}
	defer unlockStart()
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	if unlock, err = lockDir(dir); err != nil {
		os.Remove(dir)
		return nil, err
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
	unlockClean, err := lockCleaning(out)
	if errors.Is(err, errLocked) {
		return nil, nil // a publish is starting: nothing can be told now
	}
	if err != nil {
		return nil, err
	}
	defer unlockClean()
	var names []string
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tmpPrefix) {
			continue
		}
		dir := filepath.Join(out, e.Name())
		unlock, err := lockDir(dir)
		if errors.Is(err, errLocked) || errors.Is(err, os.ErrNotExist) {
			continue // being written, or renamed into place since ReadDir
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
