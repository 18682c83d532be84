package dashboards

import (
	"html/template"
	"time"

	"github.com/deschis/deschis/models"
)

// The layout's chrome (templates/layout.html) written in Go: Top is the
// head, the header with the navigation, the language switch and the entity
// selector, up to the page's <main>; Bottom the permalink and the release
// footer. layout.html is {{.Top}}{{template "content" .}}{{.Bottom
// .Licence}}. Every value is escaped as html/template escapes it in its
// place (escape.go); chrome_test.go holds the bytes to the old layout's.

// Top is the page's beginning, up to and with <main>.
func (p *Page) Top() template.HTML {
	var b htmlOut
	b.Grow(2048 + 96*len(p.Entities))
	b.raw("<!DOCTYPE html>\n<html lang=\"")
	b.text(p.Lang)
	b.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	b.text(p.Title)
	b.raw(" – ")
	b.text(T(p.Lang, "site.name"))
	b.raw("</title>\n")
	if p.CSS != "" {
		b.raw(`<link rel="stylesheet" href="`)
		b.url(p.CSS)
		b.raw(`">`)
	}
	b.raw("\n<link rel=\"alternate\" hreflang=\"")
	b.text(p.AltLang)
	b.raw(`" href="`)
	b.url(p.AltHref)
	b.raw("\">\n")
	if p.Feed != "" {
		b.raw(`<link rel="alternate" type="application/atom+xml" title="`)
		b.text(T(p.Lang, "data.feed.title"))
		b.raw(`" href="`)
		b.url(p.Feed)
		b.raw(`">`)
	}
	b.raw("\n")
	for _, js := range []string{p.EChartsJS, p.ChartsJS} {
		if js != "" {
			b.raw(`<script src="`)
			b.url(js)
			b.raw(`" defer></script>`)
		}
		b.raw("\n")
	}
	b.raw("</head>\n<body>\n<a class=\"skip-link\" href=\"#continut\">")
	b.text(T(p.Lang, "skip"))
	b.raw("</a>\n<header class=\"site-header\">\n<div class=\"brand\"><a href=\"")
	b.raw(p.home(""))
	b.raw(`"><strong>`)
	b.text(T(p.Lang, "site.name"))
	b.raw("</strong></a> <span>")
	b.text(T(p.Lang, "site.tagline"))
	b.raw("</span></div>\n<a class=\"lang-switch\" href=\"")
	b.url(p.AltHref)
	b.raw(`" hreflang="`)
	b.text(p.AltLang)
	b.raw(`" lang="`)
	b.text(p.AltLang)
	b.raw(`" aria-label="`)
	b.text(T(p.Lang, "lang.switch.label"))
	b.raw(`">`)
	b.text(T(p.Lang, "lang.switch"))
	b.raw("</a>\n<nav aria-label=\"")
	b.text(T(p.Lang, "nav.label"))
	b.raw("\">\n<ul>\n")
	for _, n := range p.Nav {
		b.raw(`<li><a href="`)
		b.url(n.Href)
		b.raw(`"`)
		if n.Current {
			b.raw(` aria-current="page"`)
		}
		b.raw(">")
		b.text(n.Text)
		b.raw("</a></li>\n")
	}
	b.raw("</ul>\n</nav>\n")
	if len(p.Entities) > 0 {
		b.raw(`<form class="entity-select" method="get" action="`)
		b.url(p.EntityAction)
		b.raw("\">\n<label for=\"entitate\">")
		b.text(T(p.Lang, "entity.label"))
		b.raw("</label>\n<select id=\"entitate\" name=\"entitate\">\n")
		for _, e := range p.Entities {
			b.raw(`<option value="`)
			b.text(e.CUI)
			b.raw(`"`)
			if e.Selected {
				b.raw(" selected")
			}
			if p.Lang == EN {
				b.raw(` lang="ro"`)
			}
			b.raw(">")
			b.text(e.Name)
			b.raw("</option>\n")
		}
		b.raw("</select>\n")
		for _, h := range p.EntityKeep {
			b.raw(`<input type="hidden" name="`)
			b.text(h.Name)
			b.raw(`" value="`)
			b.text(h.Value)
			b.raw("\">\n")
		}
		b.raw(`<button type="submit">`)
		b.text(T(p.Lang, "entity.submit"))
		b.raw("</button>\n</form>")
	}
	b.raw("\n</header>\n<main id=\"continut\" tabindex=\"-1\">\n")
	return b.html()
}

// home is path under the site's home in the page's language ("" the home).
func (p *Page) home(path string) string {
	if p.Lang == EN {
		return "/en" + path
	}
	if path == "" {
		return "/"
	}
	return path
}

// Bottom is the page's end: the permalink, the release footer (its date,
// freshness and licence) and the links to the open data. licence is the
// view's: a view with a Licence of its own (the dataset page's, the
// dataset's licence) names it, as the template did.
func (p *Page) Bottom(licence models.Licence) template.HTML {
	var b htmlOut
	b.Grow(1024)
	b.raw("\n<p class=\"permalink\"><a href=\"")
	b.url(p.Self)
	b.raw(`">`)
	b.text(T(p.Lang, "permalink"))
	b.raw("</a></p>\n</main>\n<footer class=\"site-footer\" data-release=\"")
	b.text(p.ReleaseID)
	b.raw(`"`)
	if p.ChartsJS != "" {
		b.raw(` data-release-date="`)
		if !p.Created.IsZero() {
			b.text(p.Created.Format(time.DateOnly))
		}
		b.raw(`" data-png-label="`)
		b.text(T(p.Lang, "chart.png"))
		b.raw(`" data-png-source="`)
		b.text(Tf(p.Lang, "chart.png.source", FormatDate(p.Lang, p.Created)))
		b.raw(`"`)
	}
	b.raw(">\n<p>")
	b.text(Tf(p.Lang, "footer.release", FormatDateTime(p.Lang, p.Created)))
	b.raw(" ")
	if !p.DataThrough.IsZero() {
		b.text(Tf(p.Lang, "footer.fresh", FormatDate(p.Lang, p.DataThrough)))
	}
	b.raw("</p>\n<p>")
	b.text(T(p.Lang, "footer.licence"))
	b.raw(": ")
	if licence.URL != "" {
		b.raw(`<a href="`)
		b.url(licence.URL)
		b.raw(`">`)
		b.text(LicenceTitle(p.Lang, licence))
		b.raw("</a> (")
		b.text(licence.ID)
		b.raw(")")
	}
	b.raw(".")
	if p.PublicLinks {
		b.raw(` <a href="`)
		b.raw(p.home("/date"))
		b.raw(`">`)
		b.text(T(p.Lang, "nav.data"))
		b.raw(`</a> · <a href="`)
		b.raw(p.home("/date/api"))
		b.raw(`">API</a> · <a href="`)
		b.raw(p.home("/metodologie"))
		b.raw(`">`)
		b.text(T(p.Lang, "nav.methodology"))
		b.raw("</a>")
	}
	b.raw("</p>\n</footer>\n</body>\n</html>")
	return b.html()
}
