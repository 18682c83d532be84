package public

import (
	"strconv"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

type methodologyView struct {
	*dashboards.Page
	Indicators []Definition
	Datasets   []DatasetInfo
	PeerBands  []string // models.PeerBands, as the home pages name them
}

// Definition is an indicator and how it is computed.
type Definition struct{ Name, Label, Text string }

// DatasetInfo is a published dataset as the methodology and catalogue show it.
type DatasetInfo struct {
	Name, Title, Description, Source, Frequency string
	Rows                                        int64
	From, To                                    string
	Href                                        string // the Parquet file
	Page                                        string // its catalogue page
	Downloads                                   []Download
}

// Download is one format of a dataset's downloads, as the /date page lists it.
type Download struct {
	Label, Href, Size string
	Bytes             int64
}

// methodology: what every indicator means, where each dataset comes from and
// how often it updates.
func (s *Server) methodology(q *request) (string, any, error) {
	lang := q.lang
	q.page.SetActive("methodology")
	q.page.Title = dashboards.T(lang, "meth.title")
	v := &methodologyView{Page: q.page}
	for _, k := range models.KPIs {
		if k.Definition.RO != "" {
			v.Indicators = append(v.Indicators, Definition{Name: k.ID, Label: dashboards.Text(lang, k.Title), Text: dashboards.Text(lang, k.Definition)})
		}
	}
	v.Datasets = datasetInfos(lang, q.rel.Manifest())
	for _, b := range models.PeerBands {
		v.PeerBands = append(v.PeerBands, dashboards.FormatPeerBand(lang, b))
	}
	return "methodology", v, nil
}

// coverageDate writes a coverage date as finely as the dataset means it: a
// month as "octombrie 2026", a year as "2026", a day as "23.11.2026".
func coverageDate(lang, period, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	switch period {
	case models.PeriodMonth:
		return dashboards.FormatMonth(lang, t)
	case models.PeriodYear:
		return strconv.Itoa(t.Year())
	}
	return dashboards.FormatDate(lang, t)
}

func datasetInfos(lang string, m *models.Manifest) []DatasetInfo {
	var out []DatasetInfo
	for _, d := range m.Datasets {
		if d.Access != models.Public {
			continue
		}
		info := DatasetInfo{Name: d.Name, Title: dashboards.Text(lang, d.Title), Description: dashboards.Text(lang, d.Description), Rows: d.Rows,
			Href: "/date/" + d.Name + ".parquet", Page: dashboards.Link(lang, "/date/"+d.Name)}
		info.Source, info.Frequency = dashboards.Text(lang, d.Source), dashboards.Text(lang, d.Frequency)
		info.From, info.To = coverageDate(lang, d.Period, d.Coverage.From), coverageDate(lang, d.Period, d.Coverage.To)
		for _, f := range models.Formats {
			if file, ok := d.File(f.ID); ok {
				info.Downloads = append(info.Downloads, Download{Label: f.Label, Href: "/date/" + d.Name + f.Suffix,
					Size: dashboards.FormatBytes(lang, file.Bytes), Bytes: file.Bytes})
			}
		}
		out = append(out, info)
	}
	return out
}
