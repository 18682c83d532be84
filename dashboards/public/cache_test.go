package public

import "testing"

func TestPageCacheIsBounded(t *testing.T) {
	c := newPageCache("r1", 3, 1<<20)
	for _, k := range []string{"a", "b", "c"} {
		c.put(&cachedPage{key: k, body: []byte(k)})
	}
	c.get("a") // a is now the most recent
	c.put(&cachedPage{key: "d", body: []byte("d")})
	if _, ok := c.get("b"); ok {
		t.Fatal("the least recently used page was kept")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.get(k); !ok {
			t.Fatalf("%s evicted", k)
		}
	}
	small := newPageCache("r1", 100, 10)
	small.put(&cachedPage{key: "k", body: []byte("0123456789abc")})
	if small.len() != 0 {
		t.Fatal("a page larger than the byte bound was kept")
	}
	small.put(&cachedPage{key: "a", body: []byte("12345")})
	small.put(&cachedPage{key: "b", body: []byte("12345")})
	if small.len() != 1 {
		t.Fatalf("%d pages over a 10-byte bound", small.len())
	}
	off := newPageCache("r1", 0, 1<<20)
	off.put(&cachedPage{key: "a", body: []byte("a")})
	if off.len() != 0 {
		t.Fatal("a disabled cache kept a page")
	}
}
