package dashboards

import (
	"bytes"
	"html/template"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// oldLayout is templates/layout.html as it was before its chrome was
// written in Go (chrome.go): the reference Page.Top and Page.Bottom are
// held to, byte for byte.
const oldLayout = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} – {{t .Lang "site.name"}}</title>
{{if .CSS}}<link rel="stylesheet" href="{{.CSS}}">{{end}}
<link rel="alternate" hreflang="{{.AltLang}}" href="{{.AltHref}}">
{{if .Feed}}<link rel="alternate" type="application/atom+xml" title="{{t .Lang "data.feed.title"}}" href="{{.Feed}}">{{end}}
{{if .EChartsJS}}<script src="{{.EChartsJS}}" defer></script>{{end}}
{{if .ChartsJS}}<script src="{{.ChartsJS}}" defer></script>{{end}}
</head>
<body>
<a class="skip-link" href="#continut">{{t .Lang "skip"}}</a>
<header class="site-header">
<div class="brand"><a href="{{if eq .Lang "en"}}/en{{else}}/{{end}}"><strong>{{t .Lang "site.name"}}</strong></a> <span>{{t .Lang "site.tagline"}}</span></div>
<a class="lang-switch" href="{{.AltHref}}" hreflang="{{.AltLang}}" lang="{{.AltLang}}" aria-label="{{t .Lang "lang.switch.label"}}">{{t .Lang "lang.switch"}}</a>
<nav aria-label="{{t .Lang "nav.label"}}">
<ul>
{{range .Nav}}<li><a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Text}}</a></li>
{{end}}</ul>
</nav>
{{if .Entities}}<form class="entity-select" method="get" action="{{.EntityAction}}">
<label for="entitate">{{t .Lang "entity.label"}}</label>
<select id="entitate" name="entitate">
{{range .Entities}}<option value="{{.CUI}}"{{if .Selected}} selected{{end}}{{if eq $.Lang "en"}} lang="ro"{{end}}>{{.Name}}</option>
{{end}}</select>
{{range .EntityKeep}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<button type="submit">{{t .Lang "entity.submit"}}</button>
</form>{{end}}
</header>
<main id="continut" tabindex="-1">
{{template "content" .}}
<p class="permalink"><a href="{{.Self}}">{{t .Lang "permalink"}}</a></p>
</main>
<footer class="site-footer" data-release="{{.ReleaseID}}"{{if .ChartsJS}} data-release-date="{{isodate .Created}}" data-png-label="{{t .Lang "chart.png"}}" data-png-source="{{tf .Lang "chart.png.source" (date .Lang .Created)}}"{{end}}>
<p>{{tf .Lang "footer.release" (datetime .Lang .Created)}} {{if not .DataThrough.IsZero}}{{tf .Lang "footer.fresh" (date .Lang .DataThrough)}}{{end}}</p>
<p>{{t .Lang "footer.licence"}}: {{if .Licence.URL}}<a href="{{.Licence.URL}}">{{licence .Lang .Licence}}</a> ({{.Licence.ID}}){{end}}.{{if .PublicLinks}} <a href="{{if eq .Lang "en"}}/en/date{{else}}/date{{end}}">{{t .Lang "nav.data"}}</a> · <a href="{{if eq .Lang "en"}}/en/date/api{{else}}/date/api{{end}}">API</a> · <a href="{{if eq .Lang "en"}}/en/metodologie{{else}}/metodologie{{end}}">{{t .Lang "nav.methodology"}}</a>{{end}}</p>
</footer>
</body>
</html>
`

const testContent = `{{define "content"}}<h1>{{.H1}}</h1>{{end}}`

// licensedView is a view with a licence of its own, as the dataset page's:
// the footer names it.
type licensedView struct {
	*Page
	Licence models.Licence
}

// A page's chrome is the old layout's bytes: both languages, with and
// without styles, scripts, feed, entity selector, kept parameters, data
// freshness, licence link and the open data links, hostile titles,
// queries, names and links; and a view's own licence in the footer.
func TestChromeRendersAsTheLayoutDid(t *testing.T) {
	funcs := template.FuncMap{"t": T, "tf": Tf, "date": FormatDate, "datetime": FormatDateTime, "licence": LicenceTitle,
		"isodate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.DateOnly)
		}}
	ref := template.Must(template.New("layout.html").Funcs(funcs).Parse(oldLayout))
	template.Must(ref.Parse(testContent))
	s, err := NewSite(Config{})
	if err != nil {
		t.Fatal(err)
	}
	site := template.Must(template.Must(s.base.Clone()).Parse(testContent))
	created := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	n := 0
	for _, lang := range []string{RO, EN} {
		for i, h := range hostile {
			u := hostileURLs[i%len(hostileURLs)]
			p := &Page{Lang: lang, Title: h, Heading: template.HTML(h), AltLang: []string{EN, RO}[i%2], AltHref: hostileURLs[(i+1)%len(hostileURLs)],
				Self: u, ReleaseID: h + "20261123T140500Z", Created: created, PublicLinks: i%3 != 0,
				Licence: models.Licence{ID: h, Title: hostile[(i+1)%len(hostile)], URL: []string{"", "https://data.gov.ro/base/images/logoinst/OGL-ROU-1.0.pdf", u}[i%3]}}
			if i%2 == 0 {
				p.CSS, p.ChartsJS, p.EChartsJS, p.Feed, p.DataThrough = "/static/site.1.css", u, "/static/vendor/echarts.min.2.js", hostileURLs[(i+2)%len(hostileURLs)], created.AddDate(0, -1, 0)
			}
			if i%4 == 1 {
				p.CSS, p.EChartsJS, p.Created = u, "", time.Time{}
			}
			for j, k := range []string{"home", "budget", h} {
				p.Nav = append(p.Nav, NavItem{Key: k, Href: hostileURLs[(i+j)%len(hostileURLs)], Text: hostile[(i+j)%len(hostile)], Current: j == i%3})
			}
			if i%3 != 1 {
				p.EntityAction = u
				for j := 0; j < 3; j++ {
					p.Entities = append(p.Entities, EntityOption{CUI: hostile[(i+j)%len(hostile)], Name: hostile[(i+j+1)%len(hostile)], Selected: j == 1})
				}
				if i%2 == 1 {
					p.EntityKeep = []Hidden{{Name: "an", Value: h}, {Name: h, Value: "2026"}}
				}
			}
			for _, view := range []any{p, licensedView{Page: p, Licence: models.Licence{ID: "CC-BY-4.0", Title: h, URL: "https://creativecommons.org/licenses/by/4.0/"}}} {
				var want, got bytes.Buffer
				if err := ref.ExecuteTemplate(&want, "layout.html", view); err != nil {
					t.Fatal(err)
				}
				if err := site.ExecuteTemplate(&got, "layout.html", view); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Errorf("%s %d:\n got %q\nwant %q", lang, i, got.String(), want.String())
				}
				n++
			}
		}
	}
	if n < 20 {
		t.Fatal("no pages")
	}
}
