package admin

import (
	"strconv"

	"github.com/deschis/deschis/dashboards"
)

// sortOptions are a drill-down's sort choices: the default order first
// (value ""), then each column ascending and descending ("col", "-col"),
// named by the text prefix+col; order is the one chosen.
func sortOptions(lang, defaultText, prefix string, cols []string, order string) []dashboards.Option {
	out := []dashboards.Option{{Value: "", Text: defaultText, Selected: order == ""}}
	for _, c := range cols {
		for _, o := range []string{c, "-" + c} {
			t := dashboards.T(lang, prefix+c)
			if o[0] == '-' {
				t = dashboards.Tf(lang, "rows.sort.desc", t)
			}
			out = append(out, dashboards.Option{Value: o, Text: t, Selected: o == order})
		}
	}
	return out
}

// yearOptions are the years a dataset has for an institution, y chosen; with
// none, y alone.
func yearOptions(years []int, y int) []dashboards.Option {
	var out []dashboards.Option
	for _, yy := range years {
		out = append(out, dashboards.Option{Value: strconv.Itoa(yy), Text: strconv.Itoa(yy), Selected: yy == y})
	}
	if len(out) == 0 {
		out = []dashboards.Option{{Value: strconv.Itoa(y), Text: strconv.Itoa(y), Selected: true}}
	}
	return out
}

// pageBounds cuts a list of n rows into pages of size and returns the rows
// [from, to) of page and the number of pages, or a 400 naming the last page
// when page is past it.
func pageBounds(n, size, page int) (from, to, pages int, err error) {
	pages = max(1, (n+size-1)/size)
	if page > pages {
		return 0, 0, pages, paramErr("pagina", strconv.Itoa(page), "ultima pagină este "+strconv.Itoa(pages), "the last page is "+strconv.Itoa(pages))
	}
	return (page - 1) * size, min(n, page*size), pages, nil
}
