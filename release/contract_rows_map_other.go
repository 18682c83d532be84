//go:build !unix

package release

import "os"

// mapContractRows: the text store is read with ReadAt where there is no
// mmap (contract_rows_map_unix.go).
func mapContractRows(f *os.File, size int64) []byte { return nil }

func unmapContractRows(b []byte) {}
