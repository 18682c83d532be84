//go:build unix

package release

import (
	"os"
	"syscall"
)

// mapContractRows maps the text store read-only (shared: the page cache's
// pages, no copy); nil when it cannot be, and the store is read with
// ReadAt. A release's files never change once published, and the store is
// unmapped only when the release closes, after its last request (swap.go).
func mapContractRows(f *os.File, size int64) []byte {
	if size <= 0 || size != int64(int(size)) {
		return nil
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return b
}

func unmapContractRows(b []byte) {
	if b != nil {
		syscall.Munmap(b)
	}
}
