//go:build unix

package release

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// The locks are advisory flock locks. The kernel drops a lock when the
// process holding it ends, however it ends (SIGKILL included), so a held
// lock proves a running owner; a directory's lock belongs to its inode and
// survives its rename into place.

// lockDir takes the exclusive lock of directory dir without waiting:
// errLocked when another open file holds it.
func lockDir(dir string) (unlock func(), err error) {
	return flock(dir, os.O_RDONLY, syscall.LOCK_EX|syscall.LOCK_NB)
}

// lockStarting takes the shared lock a publish holds while it creates and
// locks its partial release, waiting for a cleaner to finish.
func lockStarting(out string) (unlock func(), err error) {
	return flock(filepath.Join(out, startLockFile), os.O_RDONLY|os.O_CREATE, syscall.LOCK_SH)
}

// lockCleaning takes the exclusive lock a cleaner holds while it judges the
// partial releases, without waiting: errLocked while a publish is starting.
func lockCleaning(out string) (unlock func(), err error) {
	unlock, err = flock(filepath.Join(out, startLockFile), os.O_RDONLY|os.O_CREATE, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, os.ErrPermission) { // a reader's verify of a directory it cannot write
		unlock, err = flock(filepath.Join(out, startLockFile), os.O_RDONLY, syscall.LOCK_EX|syscall.LOCK_NB)
	}
	if errors.Is(err, os.ErrNotExist) {
		return func() {}, nil // no publish ever started here
	}
	return unlock, err
}

func flock(path string, flag, how int) (unlock func(), err error) {
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
