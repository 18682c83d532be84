package opendata

// GET /api/v1/aggregate/budget: the budgets summed in the manner of
// OpenSpending's babbage. The query (models.ParseAggregateQuery) and its
// rules (models.BudgetAggregate.Plan) are in models/budget_aggregate.go, the
// SQL in release/read_budget_aggregate.go; this is the HTTP.

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/deschis/deschis/models"
)

// budgetAggregator is a release reader that sums the budgets (*release.DB).
type budgetAggregator interface {
	AggregateBudget(ctx context.Context, p *models.AggregatePlan) (*models.AggregateResult, error)
}

// aggregateParams are the query parameters of the aggregate endpoint.
var aggregateParams = []string{"drilldown", "cut", "aggregates", "order", "page", "pagesize"}

// APIAggregate is the answer of GET /api/v1/aggregate/budget: babbage's
// shape, with the release, the dataset summed and the notes of the rules.
type APIAggregate struct {
	ReleaseID      string                 `json:"release_id"`
	Dataset        string                 `json:"dataset"` // the download the cells are sums of
	Attributes     []string               `json:"attributes"`
	Aggregates     []string               `json:"aggregates"`
	Cut            []models.AggregateCut  `json:"cut"`
	Order          [][2]string            `json:"order"`
	Page           int                    `json:"page"`
	PageSize       int                    `json:"page_size"`
	TotalCellCount int64                  `json:"total_cell_count"`
	Cells          []map[string]any       `json:"cells"`
	Summary        map[string]any         `json:"summary"`
	Notes          []models.AggregateNote `json:"notes"`
	Status         string                 `json:"status"` // "ok", as babbage says
}

func (s *Server) apiAggregateBudget(w http.ResponseWriter, r *http.Request) {
	rel := s.release(r)
	values, err := babbageQuery(r.URL.RawQuery)
	if refuseQuery(w, values, err, aggregateParams, func(name string) models.Text {
		return models.Text{
			RO: "Parametrul " + name + " apare de mai multe ori: dați-l o dată, cu valorile unite prin | (de ex. drilldown=year|chapter_code).",
			EN: "The parameter " + name + " is given several times: give it once, its values joined by | (e.g. drilldown=year|chapter_code).",
		}
	}) {
		return
	}
	agg, ok := rel.Reader.(budgetAggregator)
	if !ok {
		writeAPIError(w, http.StatusServiceUnavailable, "unavailable", models.Text{
			RO: "Serverul nu a deschis bugetele ediției: agregatele nu sunt disponibile. Descărcați fișierele din " + APIPrefix + "/datasets/budget.",
			EN: "The server has not opened the release's budgets: aggregates are not available. Download the files listed at " + APIPrefix + "/datasets/budget.",
		}, nil)
		return
	}
	q, err := models.ParseAggregateQuery(values.Get)
	var plan *models.AggregatePlan
	if err == nil {
		plan, err = q.Plan()
	}
	if qe := (*models.QueryError)(nil); errors.As(err, &qe) {
		writeAPIError(w, http.StatusBadRequest, qe.Code, qe.Message, qe.Available)
		return
	}
	res, err := agg.AggregateBudget(r.Context(), plan)
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "internal", models.Text{
			RO: "Agregarea nu a reușit din cauza serverului, nu a cererii. Încercați din nou mai târziu.",
			EN: "The aggregation failed because of the server, not the request. Try again later.",
		}, nil)
		return
	}
	out := APIAggregate{
		ReleaseID: rel.Manifest.ReleaseID, Dataset: plan.Dataset, Attributes: plan.Attributes, Aggregates: plan.Aggregates,
		Cut: plan.Cuts, Order: [][2]string{}, Page: plan.Page, PageSize: plan.PageSize,
		TotalCellCount: res.TotalCellCount, Cells: res.Cells, Summary: res.Summary, Notes: plan.Notes, Status: "ok",
	}
	if out.Attributes == nil {
		out.Attributes = []string{}
	}
	if out.Cut == nil {
		out.Cut = []models.AggregateCut{}
	}
	if n := plan.GroupsNote(res.Groups); n != nil {
		out.Notes = append(out.Notes, *n)
	}
	if out.Notes == nil {
		out.Notes = []models.AggregateNote{}
	}
	for _, o := range plan.Order {
		dir := "asc"
		if o.Desc {
			dir = "desc"
		}
		out.Order = append(out.Order, [2]string{o.Ref, dir})
	}
	writeAPI(w, r, releaseETag(rel.Manifest.ReleaseID), out)
}

// babbageQuery splits a query string at & only: babbage's cuts separate
// values with ; (cut=year:2024;2025), which net/url's parser refuses, and a
// browser sends as is.
func babbageQuery(raw string) (url.Values, error) {
	v := url.Values{}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, val, _ := strings.Cut(pair, "=")
		k, err := url.QueryUnescape(k)
		if err != nil {
			return nil, err
		}
		if val, err = url.QueryUnescape(val); err != nil {
			return nil, err
		}
		v[k] = append(v[k], val)
	}
	return v, nil
}
