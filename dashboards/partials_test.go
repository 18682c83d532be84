package dashboards

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// oldPartials is templates/partials.html as it was before the partials were
// written in Go (partials.go): the reference they are held to, byte for
// byte.
const oldPartials = `{{define "kpis"}}<dl class="kpis">
{{range .}}<div class="kpi"><dt>{{.Label}}</dt><dd>{{if .Raw}}<data data-kpi="{{.Name}}" value="{{.Raw}}">{{.Text}}</data>{{else}}<span class="missing" data-kpi-missing="{{.Name}}">{{.Text}}</span>{{end}}{{if .Note}} <span class="note">{{.Note}}</span>{{end}}</dd></div>
{{end}}</dl>{{end}}

{{define "chart"}}<figure class="chart" data-chart="{{.Name}}" data-png-file="{{.Name}}" data-png-title="{{.Caption}}"{{if .Dataset}} data-png-dataset="{{tf .Lang "chart.png.dataset" .Dataset}}"{{end}}>
<div class="chart-canvas" aria-hidden="true"></div>
<script type="application/json" class="chart-options">{{.Options}}</script>
<div class="table-wrap" role="region" aria-label="{{.Caption}}" tabindex="0">
<table>
<caption>{{.Caption}}</caption>
<thead><tr>{{range .Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><th scope="row">{{template "cell-content" .Head}}</th>{{range .Cells}}{{template "cell" .}}{{end}}</tr>
{{end}}</tbody>
{{with .Foot}}<tfoot><tr><th scope="row">{{template "cell-content" .Head}}</th>{{range .Cells}}{{template "cell" .}}{{end}}</tr></tfoot>{{end}}
</table>
</div>
{{if .Note}}<p class="note">{{.Note}}</p>{{end}}
{{if .Dataset}}<p class="download-line"><a class="download" href="/date/{{.Dataset}}.parquet">{{t .Lang "download"}}: {{.Dataset}}.parquet</a></p>{{end}}
</figure>{{end}}

{{define "cell"}}<td{{if .Num}} class="num"{{end}}{{if .Raw}} data-value="{{.Raw}}"{{end}}>{{template "cell-content" .}}</td>{{end}}
{{define "cell-content"}}{{if .Href}}<a href="{{.Href}}"{{if .Lang}} lang="{{.Lang}}"{{end}}>{{.Text}}</a>{{else if .Lang}}<span lang="{{.Lang}}">{{.Text}}</span>{{else}}{{.Text}}{{end}}{{end}}

{{define "form"}}<form class="filters" method="get" action="{{.Action}}">
<fieldset>
<legend>{{t $.Lang "filters"}}</legend>
{{range .Fields}}{{if eq .Type "hidden"}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{else}}<div class="field">
<label for="f-{{.Name}}">{{.Label}}</label>
{{if eq .Type "select"}}<select id="f-{{.Name}}" name="{{.Name}}">
{{range .Options}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}{{if .Lang}} lang="{{.Lang}}"{{end}}>{{.Text}}</option>
{{end}}</select>{{else}}<input id="f-{{.Name}}" name="{{.Name}}" type="{{.Type}}" value="{{.Value}}"{{if .Hint}} placeholder="{{.Hint}}"{{end}}>{{end}}
</div>
{{end}}{{end}}<div class="actions"><button type="submit">{{t $.Lang "filters.apply"}}</button> <a href="{{.Reset}}">{{t $.Lang "filters.reset"}}</a></div>
</fieldset>
</form>{{end}}

{{define "pager"}}{{if gt .Of 1}}<nav class="pager" aria-label="{{t .Lang "pager"}}">
{{if .Prev}}<a href="{{.Prev}}" rel="prev">{{t .Lang "pager.prev"}}</a>{{end}}
<span>{{tf .Lang "pager.page" .Page .Of}}</span>
{{if .Next}}<a href="{{.Next}}" rel="next">{{t .Lang "pager.next"}}</a>{{end}}
</nav>{{end}}{{end}}
`

// hostile are texts with every character html/template escapes (NUL, ",
// &, ', +, <, >), markup, invalid UTF-8 and diacritics.
var hostile = []string{"", "Curat SRL", `<script>alert('x')</script>`, `Tom & "Jerry" + Co`, "nul \x00 și \xff octet", "Școala „Ion Creangă” – țară", "a&amp;b"}

// hostileURLs are links with every case html/template's URL filter and
// normaliser treat: a scheme it refuses, spaces and quotes, valid and broken
// percent escapes, non-ASCII bytes.
var hostileURLs = []string{"", "/achizitii/furnizori/4267117", `/achizitii?furnizor=<a>&cpv="45"+x`, "javascript:alert(1)", "JavaScript:x", "data:text/html,<b>",
	"https://example.org/a b%20c%zz%4", "%41%", "mailto:a@b.ro", "HTTP://X", "/a:b", "?q=ș&r=1#f'g(h)", "/en/achizitii?pagina=2&ordine=valoare_desc"}

func reference(t *testing.T) *template.Template {
	t.Helper()
	return template.Must(template.New("ref").Funcs(template.FuncMap{"t": T, "tf": Tf}).Parse(oldPartials))
}

// site is the chrome's templates as pages use them (layout.html and
// partials.html over the Go partials).
func siteTemplates(t *testing.T) *template.Template {
	t.Helper()
	s, err := NewSite(Config{})
	if err != nil {
		t.Fatal(err)
	}
	return s.base
}

// same executes name with data in the reference and in the site's
// templates and compares both with want (the Go partial's bytes).
func same(t *testing.T, ref, site *template.Template, name string, data any, got template.HTML) {
	t.Helper()
	var a, b bytes.Buffer
	if err := ref.ExecuteTemplate(&a, name, data); err != nil {
		t.Fatal(err)
	}
	if err := site.ExecuteTemplate(&b, name, data); err != nil {
		t.Fatal(err)
	}
	if string(got) != a.String() {
		t.Errorf("%s:\n got %q\nwant %q", name, got, a.String())
	}
	if b.String() != a.String() {
		t.Errorf("%s through the site's template:\n got %q\nwant %q", name, b.String(), a.String())
	}
}

func cells() []Cell {
	var out []Cell
	for i, s := range hostile {
		for j, h := range hostileURLs {
			if (i+j)%3 != 0 {
				continue
			}
			c := Cell{Text: s, Href: h, Raw: hostile[(i+j)%len(hostile)], Num: j%2 == 0}
			if j%4 == 1 {
				c.Lang = RO
			}
			if j%5 == 2 {
				c.Lang = `r"o`
			}
			out = append(out, c)
		}
	}
	return append(out, LeiCell(RO, 123456789), CountCell(EN, -1234), RatioCell(RO, Ratio{Num: 1, Den: 3}), Cell{Text: "–", Num: true})
}

// A chart's figure and its table are the template's bytes, in both
// languages, with and without a dataset, a note, a foot and options, for
// hostile names, captions, heads and cells.
func TestChartRendersAsTheTemplateDid(t *testing.T) {
	ref, site := reference(t), siteTemplates(t)
	cs := cells()
	n := 0
	for _, lang := range []string{RO, EN} {
		for i, s := range hostile {
			c := Chart{Name: s + "-chart", Caption: hostile[(i+1)%len(hostile)], Lang: lang, Dataset: []string{"procurement", "", `bud"get <x>&y`, "a b/ș"}[i%4],
				Note: []string{"", s}[i%2], Head: []string{s, "Număr", hostile[(i+2)%len(hostile)]}}
			if i%3 != 2 {
				c.Options = BarOptions([]string{s, "b"}, i%2 == 0, Series{Name: s, Values: []float64{1.5, 2}, Missing: []bool{false, true}})
			}
			for j := 0; j < i; j++ {
				c.Rows = append(c.Rows, Row{Head: cs[(i+j)%len(cs)], Cells: cs[j%len(cs) : j%len(cs)+min(3, len(cs)-j%len(cs))]})
			}
			if i%2 == 1 {
				c.Foot = &Row{Head: Cell{Text: T(lang, "total")}, Cells: cs[:2]}
			}
			same(t, ref, site, "chart", c, c.HTML())
			same(t, ref, site, "chart", &c, c.HTML()) // pages pass a *Chart too
			n++
		}
	}
	for _, c := range cs {
		same(t, ref, site, "cell", c, c.TD())
		same(t, ref, site, "cell-content", c, c.Content())
	}
	if !strings.Contains(string(Chart{Rows: []Row{{Head: Cell{Text: "x", Href: "javascript:alert(1)"}}}}.HTML()), `href="#ZgotmplZ"`) {
		t.Error("a javascript: link is not refused")
	}
	if n == 0 || len(cs) < 10 {
		t.Fatal("no data")
	}
}

// A filter form is the template's bytes: hidden fields, selects with
// options in another language, inputs with hints, hostile values.
func TestFormRendersAsTheTemplateDid(t *testing.T) {
	ref, site := reference(t), siteTemplates(t)
	for _, lang := range []string{RO, EN} {
		for i, s := range hostile {
			f := Form{Lang: lang, Action: hostileURLs[i%len(hostileURLs)], Reset: hostileURLs[(i+3)%len(hostileURLs)]}
			f.Fields = []Field{
				{Name: "an", Label: T(lang, "year"), Type: "select", Options: []Option{{Value: "2026", Text: "2026", Selected: true}, {Value: s, Text: s, Lang: []string{"", RO, `"x`}[i%3]}}},
				{Name: "furnizor", Label: s, Type: "search", Value: s},
				{Name: s, Label: "De la", Type: "text", Value: hostile[(i+1)%len(hostile)], Hint: []string{"", "ZZ.LL.AAAA", s}[i%3]},
				{Name: "gol", Label: "Gol", Type: "select"},
				{Name: "entitate", Type: "hidden", Value: s},
				{Name: "n", Label: "n", Type: []string{"number", "date", `x"y`}[i%3], Value: "12"},
			}
			same(t, ref, site, "form", f, f.HTML())
		}
		same(t, ref, site, "form", Form{Lang: lang}, Form{Lang: lang}.HTML())
	}
}

// KPI cards are the template's bytes: figures, missing ones with their
// notes, none at all.
func TestKPIsRenderAsTheTemplateDid(t *testing.T) {
	ref, site := reference(t), siteTemplates(t)
	var ks []KPI
	for i, s := range hostile {
		ks = append(ks, KPI{Name: s, Label: hostile[(i+1)%len(hostile)], Raw: hostile[(i+2)%len(hostile)], Text: s, Note: hostile[(i+3)%len(hostile)]})
	}
	ks = append(ks, KPILei(RO, "contracts-value", 129204202817), KPIMissing(EN, "contracts-count", "the institution publishes no contracts"), KPICount(EN, "x", 3597))
	for _, list := range [][]KPI{nil, {}, ks[:1], ks} {
		same(t, ref, site, "kpis", list, KPIsHTML(list))
	}
}

// A pager is the template's bytes: nothing for one page, the links of the
// pages around the current one, hostile links.
func TestPagerRendersAsTheTemplateDid(t *testing.T) {
	ref, site := reference(t), siteTemplates(t)
	for _, lang := range []string{RO, EN} {
		for i, u := range hostileURLs {
			for _, of := range []int{0, 1, 2, 73} {
				p := Pager{Lang: lang, Page: 1 + i%3, Of: of, Prev: u, Next: hostileURLs[(i+5)%len(hostileURLs)]}
				same(t, ref, site, "pager", p, p.HTML())
			}
		}
	}
}
