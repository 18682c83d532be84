//go:build !unix

package release

import (
	"io"
	"os"
)

// mapFile reads size bytes of f where the system has no mmap here: the
// process then holds the file's copy.
func mapFile(f *os.File, size int) ([]byte, error) {
	b := make([]byte, size)
	_, err := io.ReadFull(f, b)
	return b, err
}

func unmapFile([]byte) error { return nil }
