package release

// The supplier search's index of names: a suffix array (index/suffixarray)
// of the folded names joined by a byte no name holds, built beside the
// release's opening (readSupplierIndex starts it: 0,2-0,7 s and 16,8 MiB
// for the 134.448 names of scale 100; a term asked before it is ready is
// scanned, with the same answer), so a term of three bytes or more finds
// the names that contain it by a binary search and the names' positions,
// not by strings.Contains on every folded name. It answers exactly what the
// scan answers (read_supplier_names_test.go); a shorter term, which matches
// most names anyway, is scanned, as is any term when a name holds the
// separator.
//
// Memory: the joined text and 4 bytes a byte of it (the array, int32 below
// 2 GiB), plus 4 bytes a name for where each starts.

import (
	"index/suffixarray"
	"slices"
	"strings"
)

// nameSearch is the suffix array of folded names joined by nameSearchSep,
// and where each name starts in the text.
type nameSearch struct {
	sa    *suffixarray.Index
	start []int32 // name i is text[start[i] : start[i+1]-1]
}

// nameSearchSep joins the names in the text: NUL, which no name of the
// registers holds (a release whose names do builds no index).
const nameSearchSep = "\x00"

// nameSearchMin is the shortest term looked up in the array: a shorter one
// matches most names, which a scan lists as fast.
const nameSearchMin = 3

// newNameSearch indexes folded names; nil when a name holds the separator.
func newNameSearch(folded []string) *nameSearch {
	var b strings.Builder
	n := 0
	for _, f := range folded {
		n += len(f) + 1
	}
	if n >= 1<<31-1 {
		return nil
	}
	b.Grow(n)
	start := make([]int32, 0, len(folded)+1)
	for _, f := range folded {
		if strings.Contains(f, nameSearchSep) {
			return nil
		}
		start = append(start, int32(b.Len()))
		b.WriteString(f)
		b.WriteString(nameSearchSep)
	}
	start = append(start, int32(b.Len()))
	return &nameSearch{sa: suffixarray.New([]byte(b.String())), start: start}
}

// matches appends to at the positions of the names that contain the folded
// term, ascending, each once, and reports whether it answered (false: the
// term is to be scanned).
func (s *nameSearch) matches(term string, at []int) ([]int, bool) {
	if s == nil || len(term) < nameSearchMin || strings.Contains(term, nameSearchSep) {
		return at, false
	}
	offsets := s.sa.Lookup([]byte(term), -1)
	slices.Sort(offsets)
	last := -1
	for _, o := range offsets {
		// The name that holds offset o: the last that starts at or before it
		// (a term without the separator never spans two names).
		i, found := slices.BinarySearch(s.start, int32(o))
		if !found {
			i--
		}
		if i != last {
			at, last = append(at, i), i
		}
	}
	return at, true
}
