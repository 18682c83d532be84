package public

import (
	"context"
	"net/url"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// countyTopSuppliers is the number of suppliers the county page ranks.
const countyTopSuppliers = 10

// countySuppliersChart ranks the suppliers that won most in the whole
// release (every institution, every year; framework agreements not
// counted), from the aggregates prepared with the release
// (models.ContractAggregator): a chart with its table, each supplier linking
// to its page. ok is false when the release reads none (a reader without
// aggregates, or no contract).
func countySuppliersChart(ctx context.Context, lang string, rel models.Reader) (_ dashboards.Chart, ok bool, _ error) {
	agg, ok := rel.(models.ContractAggregator)
	if !ok {
		return dashboards.Chart{}, false, nil
	}
	top, err := agg.TopSuppliers(ctx, countyTopSuppliers)
	if err != nil || len(top) == 0 {
		return dashboards.Chart{}, false, err
	}
	c := dashboards.Chart{Name: "county-suppliers", Caption: dashboards.T(lang, "county.top"), Dataset: "procurement", Lang: lang,
		Head: []string{dashboards.T(lang, "county.top.col"), dashboards.T(lang, "count"), dashboards.T(lang, "value")},
		Note: dashboards.T(lang, "county.top.note")}
	var cats []string
	var vals []float64
	for _, s := range top {
		name := s.Name
		if name == "" {
			name = s.CUI
		}
		head := dashboards.DataCell(lang, name)
		if s.CUI != "" {
			head.Href = dashboards.Link(lang, "/achizitii/furnizori/"+url.PathEscape(s.CUI))
		}
		value := dashboards.Cell{Text: "– (" + dashboards.T(lang, "county.top.none") + ")", Num: true}
		if s.Valued {
			value = dashboards.LeiCell(lang, s.Value)
		}
		c.Rows = append(c.Rows, dashboards.Row{Head: head, Cells: []dashboards.Cell{dashboards.CountCell(lang, s.Contracts), value}})
		cats = append(cats, name)
		vals = append(vals, dashboards.Lei(s.Value))
	}
	c.Options = dashboards.BarOptions(cats, true, dashboards.Series{Name: dashboards.T(lang, "value"), Values: vals})
	return c, true, nil
}
