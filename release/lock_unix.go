//go:build unix

package release

import (
	"errors"
	"os"
	"syscall"
)

// lockDir takes an exclusive advisory lock (flock) on the directory dir, without
// waiting: errLocked when another open file holds it. The kernel drops the
// lock when the process ends, however it ends (SIGKILL included), so a held
// lock proves a running owner. The lock belongs to the inode: it survives
// the directory's rename into place.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
