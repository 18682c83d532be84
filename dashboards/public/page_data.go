package public

import "github.com/deschis/deschis/dashboards"

type dataView struct {
	*dashboards.Page
	Datasets []DatasetInfo
	Intro    []any
	APIHref  string
}

// data: the open-data catalogue of the current release.
func (s *Server) data(q *request) (string, any, error) {
	lang := q.lang
	q.page.SetActive("data")
	q.page.Title = dashboards.T(lang, "data.title")
	q.page.Feed = dashboards.Link(lang, feedPath)
	return "data", &dataView{Page: q.page, Datasets: datasetInfos(lang, q.rel.Manifest()), APIHref: dashboards.Link(lang, "/date/api")}, nil
}
