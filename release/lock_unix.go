//go:build unix

package release

import (
	"errors"
	"os"
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

// lockStarting takes the shared lock of the releases directory out, which
// a publish holds while it creates and locks its partial release, waiting
// for a cleaner to finish.
func lockStarting(out string) (unlock func(), err error) {
	return flock(out, os.O_RDONLY, syscall.LOCK_SH)
}

// lockCleaning takes the exclusive lock of the releases directory out, which
// a cleaner holds while it judges the partial releases, without waiting:
// errLocked while a publish is starting.
func lockCleaning(out string) (unlock func(), err error) {
	return flock(out, os.O_RDONLY, syscall.LOCK_EX|syscall.LOCK_NB)
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
