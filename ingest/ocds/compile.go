package ocds

import (
	"sort"
	"time"
)

// compile merges the releases of one contracting process into one compiled
// release, following the merge rules of OCDS (the ocds-merge reference
// implementation) closely enough for the fields Deschis reads:
//   - releases are applied oldest first, by their date (stable for equal
//     dates or dates that cannot be read), so the latest value of each field
//     wins;
//   - objects are merged field by field; a field set to null removes it;
//   - arrays whose elements are all objects with an id (parties, awards,
//     contracts, items, ...) are merged by id: an element of a later release
//     updates the element with the same id and new ids are appended;
//   - any other array (tag, relationship, ...) is replaced whole.
//
// ocds-merge also reads the schema for fields marked wholeListMerge or
// omitWhenMerged; none of them changes a field this reader maps. The
// releases are modified: they are not used after compiling.
func compile(releases []obj) obj {
	sorted := make([]obj, len(releases))
	copy(sorted, releases)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, aok := releaseTime(sorted[i])
		b, bok := releaseTime(sorted[j])
		return aok && bok && a.Before(b)
	})
	out := obj{}
	for _, r := range sorted {
		mergeObject(out, r)
	}
	return out
}

func releaseTime(r obj) (time.Time, bool) {
	s, _ := r["date"].(string)
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		d, err2 := time.Parse(time.DateOnly, s)
		return d, err2 == nil
	}
	return t, true
}

func mergeObject(dst, src obj) {
	for k, v := range src {
		if v == nil {
			delete(dst, k)
			continue
		}
		dst[k] = mergeValue(dst[k], v)
	}
}

func mergeValue(old, v any) any {
	switch nv := v.(type) {
	case map[string]any:
		if ov, ok := old.(map[string]any); ok {
			mergeObject(ov, nv)
			return ov
		}
		return nv
	case []any:
		ov, ok := old.([]any)
		if !ok || !identified(nv) || !identified(ov) {
			return nv
		}
		at := map[string]int{}
		for i, e := range ov {
			id, _ := idText(e.(map[string]any)["id"])
			at[id] = i
		}
		for _, e := range nv {
			m := e.(map[string]any)
			id, _ := idText(m["id"])
			if i, seen := at[id]; seen {
				mergeObject(ov[i].(map[string]any), m)
				continue
			}
			at[id] = len(ov)
			ov = append(ov, m)
		}
		return ov
	}
	return v
}

// identified reports whether every element of a is an object with an id.
func identified(a []any) bool {
	for _, e := range a {
		m, ok := e.(map[string]any)
		if !ok {
			return false
		}
		if _, ok := idText(m["id"]); !ok {
			return false
		}
	}
	return true
}
