package public

import (
	"strings"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// feedPath is the Atom feed of new releases and contracts (package
// opendata serves it; its English texts are under /en).
const feedPath = "/date/noutati.atom"

type apiView struct {
	*dashboards.Page
	Origin  string // scheme and host of this site, as the request named it
	Dataset string // the dataset the examples read
	// Limits are the API's named limits (models.APILimits) with the values
	// this site sets them to.
	Limits                 []apiLimit
	Curl, Python, R        string
	FeedURL, OpenAPI, Base string
}

// apiLimit is one named limit of the API, as the page lists it.
type apiLimit struct{ Name, Text, Value string }

// api: how to read the open data from programs, with examples that work
// against this site.
func (s *Server) api(q *request) (string, any, error) {
	lang := q.lang
	q.page.SetActive("data")
	q.page.Title = dashboards.T(lang, "api.title")
	q.page.Feed = dashboards.Link(lang, feedPath)
	o := s.origin(q.Request)
	// The examples read procurement, a dataset of every release.
	v := &apiView{Page: q.page, Origin: o, Dataset: models.DatasetProcurement,
		FeedURL: o + dashboards.Link(lang, feedPath), OpenAPI: o + "/api/v1/openapi.json", Base: o + "/api/v1"}
	for _, l := range models.APILimits {
		value := l.Default
		if set, ok := s.cfg.APILimits[l.Key]; ok {
			value = set
		}
		v.Limits = append(v.Limits, apiLimit{Name: l.Key, Text: dashboards.Text(lang, l.Text), Value: value})
	}
	args := []string{"{site}", o, "{name}", v.Dataset}
	for _, c := range []string{"list", "meta", "csv", "py.csv", "py.json", "top", "py.excel", "r.api"} {
		args = append(args, "{"+c+"}", "# "+dashboards.T(lang, "api.c."+c))
	}
	r := strings.NewReplacer(args...)
	v.Curl = r.Replace(curlExample)
	v.Python = r.Replace(pythonExample)
	v.R = r.Replace(rExample)
	return "api", v, nil
}

// The examples, with {site} the site's origin, {name} the dataset and
// {...} the comments (api.c.* in the page's language). Their URLs are
// fetched by a test (cmd/publicsite), which checks each answers with what
// the example reads from it.
const curlExample = `{list}
curl -s {site}/api/v1/datasets

{meta}
curl -s {site}/api/v1/datasets/{name}

{csv}
curl -s -o {name}.csv {site}/date/{name}.csv
sha256sum {name}.csv
curl -s {site}/date/manifest.json`

const pythonExample = `import pandas as pd

{py.csv}
df = pd.read_csv("{site}/date/{name}.csv", parse_dates=["award_date"])

{py.json}
same = pd.read_json("{site}/date/{name}.json")

{top}
top = (df[df["counts_in_total"]]
       .groupby("supplier_name")["value"].sum()
       .nlargest(10))
print(top)

{py.excel}
ro = pd.read_csv("{site}/date/{name}-excel.csv", sep=";", decimal=",", encoding="utf-8-sig")`

const rExample = `{py.csv}
df <- read.csv("{site}/date/{name}.csv", encoding = "UTF-8")

{top}
totals <- aggregate(value ~ supplier_name, data = df[df$counts_in_total, ], FUN = sum)
head(totals[order(-totals$value), ], 10)

{r.api}
library(jsonlite)
datasets <- fromJSON("{site}/api/v1/datasets")$datasets
datasets[, c("name", "rows")]`
