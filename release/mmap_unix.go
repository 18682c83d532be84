//go:build unix

package release

import (
	"os"
	"syscall"
)

// mapFile maps size bytes of f read-only: the pages are the OS page
// cache's, shared by every process that maps the file.
func mapFile(f *os.File, size int) ([]byte, error) {
	if size == 0 {
		return nil, nil
	}
	return syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
}

func unmapFile(b []byte) error {
	if b == nil {
		return nil
	}
	return syscall.Munmap(b)
}
