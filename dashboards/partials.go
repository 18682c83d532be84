package dashboards

import (
	"html/template"
	"strings"
)

// The shared partials of templates/partials.html that every page with a
// chart, a filter form, KPI cards or a list fills, written in Go: the
// "chart" template (Chart.HTML) with its cells ("cell": Cell.TD,
// "cell-content": Cell.Content), "form" (Form.HTML), "kpis" (KPIsHTML)
// and "pager" (Pager.HTML). The templates call them, so a page keeps
// writing {{template "chart" .}}. Written as templates they were hundreds
// of actions a page, each value through html/template's escaper by
// reflection: the largest part of an uncached /achizitii's CPU. Every value
// is escaped as html/template escapes it in its place (escape.go);
// partials_test.go holds the bytes to the templates', old text kept there.

// htmlOut is a page part being written.
type htmlOut struct{ strings.Builder }

var textEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// raw writes markup as it is.
func (b *htmlOut) raw(s string) { b.WriteString(s) }

// text writes a text node or a quoted attribute's value, escaped.
func (b *htmlOut) text(s string) { textEscaper.WriteString(&b.Builder, s) }

// url writes a URL attribute's whole value.
func (b *htmlOut) url(s string) { b.WriteString(escapeURL(s)) }

func (b *htmlOut) html() template.HTML { return template.HTML(b.String()) }

// HTML is the chart's figure: the canvas, its options and its table.
func (c Chart) HTML() template.HTML {
	var b htmlOut
	b.Grow(1024 + 256*len(c.Rows) + len(c.Options))
	b.raw(`<figure class="chart" data-chart="`)
	b.text(c.Name)
	b.raw(`" data-png-file="`)
	b.text(c.Name)
	b.raw(`" data-png-title="`)
	b.text(c.Caption)
	b.raw(`"`)
	if c.Dataset != "" {
		b.raw(` data-png-dataset="`)
		b.text(Tf(c.Lang, "chart.png.dataset", c.Dataset))
		b.raw(`"`)
	}
	b.raw(">\n<div class=\"chart-canvas\" aria-hidden=\"true\"></div>\n<script type=\"application/json\" class=\"chart-options\">")
	b.raw(string(c.Options)) // template.JS: json.Marshal escaped <, > and &
	b.raw("</script>\n<div class=\"table-wrap\" role=\"region\" aria-label=\"")
	b.text(c.Caption)
	b.raw("\" tabindex=\"0\">\n<table>\n<caption>")
	b.text(c.Caption)
	b.raw("</caption>\n<thead><tr>")
	for _, h := range c.Head {
		b.raw(`<th scope="col">`)
		b.text(h)
		b.raw("</th>")
	}
	b.raw("</tr></thead>\n<tbody>\n")
	for _, r := range c.Rows {
		b.row(r)
		b.raw("\n")
	}
	b.raw("</tbody>\n")
	if c.Foot != nil {
		b.raw("<tfoot>")
		b.row(*c.Foot)
		b.raw("</tfoot>")
	}
	b.raw("\n</table>\n</div>\n")
	if c.Note != "" {
		b.raw(`<p class="note">`)
		b.text(c.Note)
		b.raw("</p>")
	}
	b.raw("\n")
	if c.Dataset != "" {
		b.raw(`<p class="download-line"><a class="download" href="/date/`)
		b.raw(escapeURLPart(c.Dataset))
		b.raw(`.parquet">`)
		b.text(T(c.Lang, "download"))
		b.raw(": ")
		b.text(c.Dataset)
		b.raw(".parquet</a></p>")
	}
	b.raw("\n</figure>")
	return b.html()
}

func (b *htmlOut) row(r Row) {
	b.raw(`<tr><th scope="row">`)
	b.content(r.Head)
	b.raw("</th>")
	for _, c := range r.Cells {
		b.td(c)
	}
	b.raw("</tr>")
}

func (b *htmlOut) td(c Cell) {
	b.raw("<td")
	if c.Num {
		b.raw(` class="num"`)
	}
	if c.Raw != "" {
		b.raw(` data-value="`)
		b.text(c.Raw)
		b.raw(`"`)
	}
	b.raw(">")
	b.content(c)
	b.raw("</td>")
}

func (b *htmlOut) content(c Cell) {
	switch {
	case c.Href != "":
		b.raw(`<a href="`)
		b.url(c.Href)
		b.raw(`"`)
		if c.Lang != "" {
			b.raw(` lang="`)
			b.text(c.Lang)
			b.raw(`"`)
		}
		b.raw(">")
		b.text(c.Text)
		b.raw("</a>")
	case c.Lang != "":
		b.raw(`<span lang="`)
		b.text(c.Lang)
		b.raw(`">`)
		b.text(c.Text)
		b.raw("</span>")
	default:
		b.text(c.Text)
	}
}

// TD is the cell as a table's data cell, its raw value in data-value.
func (c Cell) TD() template.HTML {
	var b htmlOut
	b.td(c)
	return b.html()
}

// Content is what the cell shows: its text, a link or marked in its
// language.
func (c Cell) Content() template.HTML {
	var b htmlOut
	b.content(c)
	return b.html()
}

// HTML is the filter form.
func (f Form) HTML() template.HTML {
	var b htmlOut
	b.Grow(512 + 256*len(f.Fields))
	b.raw(`<form class="filters" method="get" action="`)
	b.url(f.Action)
	b.raw("\">\n<fieldset>\n<legend>")
	b.text(T(f.Lang, "filters"))
	b.raw("</legend>\n")
	for _, fd := range f.Fields {
		if fd.Type == "hidden" {
			b.raw(`<input type="hidden" name="`)
			b.text(fd.Name)
			b.raw(`" value="`)
			b.text(fd.Value)
			b.raw("\">\n")
			continue
		}
		b.raw("<div class=\"field\">\n<label for=\"f-")
		b.text(fd.Name)
		b.raw(`">`)
		b.text(fd.Label)
		b.raw("</label>\n")
		if fd.Type == "select" {
			b.raw(`<select id="f-`)
			b.text(fd.Name)
			b.raw(`" name="`)
			b.text(fd.Name)
			b.raw("\">\n")
			for _, o := range fd.Options {
				b.raw(`<option value="`)
				b.text(o.Value)
				b.raw(`"`)
				if o.Selected {
					b.raw(" selected")
				}
				if o.Lang != "" {
					b.raw(` lang="`)
					b.text(o.Lang)
					b.raw(`"`)
				}
				b.raw(">")
				b.text(o.Text)
				b.raw("</option>\n")
			}
			b.raw("</select>")
		} else {
			b.raw(`<input id="f-`)
			b.text(fd.Name)
			b.raw(`" name="`)
			b.text(fd.Name)
			b.raw(`" type="`)
			b.text(fd.Type)
			b.raw(`" value="`)
			b.text(fd.Value)
			b.raw(`"`)
			if fd.Hint != "" {
				b.raw(` placeholder="`)
				b.text(fd.Hint)
				b.raw(`"`)
			}
			b.raw(">")
		}
		b.raw("\n</div>\n")
	}
	b.raw(`<div class="actions"><button type="submit">`)
	b.text(T(f.Lang, "filters.apply"))
	b.raw(`</button> <a href="`)
	b.url(f.Reset)
	b.raw(`">`)
	b.text(T(f.Lang, "filters.reset"))
	b.raw("</a></div>\n</fieldset>\n</form>")
	return b.html()
}

// KPIsHTML is a list of KPI cards: each figure in a <data> element, a
// missing one "–" marked as missing, with its note.
func KPIsHTML(ks []KPI) template.HTML {
	var b htmlOut
	b.Grow(32 + 256*len(ks))
	b.raw("<dl class=\"kpis\">\n")
	for _, k := range ks {
		b.raw(`<div class="kpi"><dt>`)
		b.text(k.Label)
		b.raw("</dt><dd>")
		if k.Raw != "" {
			b.raw(`<data data-kpi="`)
			b.text(k.Name)
			b.raw(`" value="`)
			b.text(k.Raw)
			b.raw(`">`)
			b.text(k.Text)
			b.raw("</data>")
		} else {
			b.raw(`<span class="missing" data-kpi-missing="`)
			b.text(k.Name)
			b.raw(`">`)
			b.text(k.Text)
			b.raw("</span>")
		}
		if k.Note != "" {
			b.raw(` <span class="note">`)
			b.text(k.Note)
			b.raw("</span>")
		}
		b.raw("</dd></div>\n")
	}
	b.raw("</dl>")
	return b.html()
}

// HTML is the pager: nothing for a list of one page.
func (p Pager) HTML() template.HTML {
	if p.Of <= 1 {
		return ""
	}
	var b htmlOut
	b.Grow(256 + len(p.Prev) + len(p.Next))
	b.raw(`<nav class="pager" aria-label="`)
	b.text(T(p.Lang, "pager"))
	b.raw("\">\n")
	if p.Prev != "" {
		b.raw(`<a href="`)
		b.url(p.Prev)
		b.raw(`" rel="prev">`)
		b.text(T(p.Lang, "pager.prev"))
		b.raw("</a>")
	}
	b.raw("\n<span>")
	b.text(Tf(p.Lang, "pager.page", p.Page, p.Of))
	b.raw("</span>\n")
	if p.Next != "" {
		b.raw(`<a href="`)
		b.url(p.Next)
		b.raw(`" rel="next">`)
		b.text(T(p.Lang, "pager.next"))
		b.raw("</a>")
	}
	b.raw("\n</nav>")
	return b.html()
}
