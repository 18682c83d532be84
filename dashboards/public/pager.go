package public

import (
	"net/url"
	"strconv"

	"github.com/deschis/deschis/dashboards"
)

// pageSize is how many rows a list page shows (contracts, investment
// objectives): a page stays small whatever the release's size.
const pageSize = 50

// pageOf says which page of a list of total rows the request asks for
// (pagina, from 1) and how many pages there are, with the offset of its
// first row; a page past the end is a 404. An empty list has one page.
func pageOf(q *request, total int64) (page, pages, offset int, err error) {
	pages = int((total + pageSize - 1) / pageSize)
	page = max(q.query.Page, 1)
	if page > max(pages, 1) {
		return page, pages, 0, notFoundf("pagina %d din %d", page, pages)
	}
	return page, pages, (page - 1) * pageSize, nil
}

// pager links the pages around page of a list at path, keeping the
// request's other parameters (base, without pagina); page 1 has no pagina.
func pager(lang, path string, base url.Values, page, pages int) dashboards.Pager {
	p := dashboards.Pager{Lang: lang, Page: page, Of: pages}
	at := func(n int) string {
		v := dashboards.CloneValues(base)
		v.Del("pagina")
		if n > 1 {
			v.Set("pagina", strconv.Itoa(n))
		}
		return dashboards.LinkQ(lang, path, v)
	}
	if page > 1 {
		p.Prev = at(page - 1)
	}
	if page < pages {
		p.Next = at(page + 1)
	}
	return p
}
