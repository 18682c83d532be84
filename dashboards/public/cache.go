package public

import (
	"container/list"
	"sync"
)

// cachedPage is a rendered page: its body and its ETag.
type cachedPage struct {
	key, etag string
	body      []byte
}

// pageCache keeps the rendered pages of one release, least recently used
// out first, within a bound on entries and bytes. Only good pages (200) are
// stored: a bad query cannot fill it.
type pageCache struct {
	release            string
	maxEntries         int
	maxBytes, curBytes int64
	mu                 sync.Mutex
	lru                *list.List // front: most recent
	byKey              map[string]*list.Element
}

func newPageCache(release string, maxEntries int, maxBytes int64) *pageCache {
	return &pageCache{release: release, maxEntries: maxEntries, maxBytes: maxBytes, lru: list.New(), byKey: map[string]*list.Element{}}
}

func (c *pageCache) get(key string) (*cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cachedPage), true
}

func (c *pageCache) put(p *cachedPage) {
	size := int64(len(p.body) + len(p.key))
	if c.maxEntries <= 0 || size > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[p.key]; ok {
		old := el.Value.(*cachedPage)
		c.curBytes += size - int64(len(old.body)+len(old.key))
		el.Value = p
		c.lru.MoveToFront(el)
	} else {
		c.byKey[p.key] = c.lru.PushFront(p)
		c.curBytes += size
	}
	for c.lru.Len() > c.maxEntries || c.curBytes > c.maxBytes {
		el := c.lru.Back()
		old := el.Value.(*cachedPage)
		c.lru.Remove(el)
		delete(c.byKey, old.key)
		c.curBytes -= int64(len(old.body) + len(old.key))
	}
}

func (c *pageCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}
