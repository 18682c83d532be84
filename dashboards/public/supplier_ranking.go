package public

import (
	"context"
	"net/url"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// The rankings of the suppliers that won most, from the aggregates prepared
// with the release (models.ContractAggregator): the whole release's on the
// county page, an institution's year's on /achizitii. Each is a chart with
// its table, each supplier linking to its page; a reader without the
// aggregates, or no contract, shows none.

// countyTopSuppliers is the number of suppliers the county page ranks.
const countyTopSuppliers = 10

// countySuppliersChart ranks the whole release's suppliers (every
// institution, every year; framework agreements not counted).
func countySuppliersChart(ctx context.Context, lang string, rel models.Reader) (dashboards.Chart, bool, error) {
	agg, ok := rel.(models.ContractAggregator)
	if !ok {
		return dashboards.Chart{}, false, nil
	}
	top, err := agg.TopSuppliers(ctx, countyTopSuppliers)
	if err != nil || len(top) == 0 {
		return dashboards.Chart{}, false, err
	}
	return supplierRankChart(lang, "county-suppliers", dashboards.T(lang, "county.top"), dashboards.T(lang, "county.top.note"), top), true, nil
}

// yearSuppliersChart ranks the suppliers of an institution's year.
func yearSuppliersChart(ctx context.Context, lang string, rel models.Reader, e models.Entity, year int) (dashboards.Chart, bool, error) {
	agg, ok := rel.(models.ContractAggregator)
	if !ok {
		return dashboards.Chart{}, false, nil
	}
	top, err := agg.TopSuppliersOf(ctx, e.CUI, year, models.TopSuppliersOfYearMax)
	if err != nil || len(top) == 0 {
		return dashboards.Chart{}, false, err
	}
	return supplierRankChart(lang, "procurement-suppliers", dashboards.Tf(lang, "proc.top", year), dashboards.T(lang, "proc.top.note"), top), true, nil
}

// supplierRankChart is a ranking as a bar chart and its table: the
// supplier (its name as the data gives it, linking to its page), the
// contracts and their value ("–" with the reason when none has one).
func supplierRankChart(lang, name, caption, note string, top []models.SupplierRank) dashboards.Chart {
	c := dashboards.Chart{Name: name, Caption: caption, Dataset: "procurement", Lang: lang,
		Head: []string{dashboards.T(lang, "county.top.col"), dashboards.T(lang, "count"), dashboards.T(lang, "value")}, Note: note}
	var cats []string
	var vals []float64
	for _, s := range top {
		label := s.Name
		if label == "" {
			label = s.CUI
		}
		head := dashboards.DataCell(lang, label)
		if s.CUI != "" {
			head.Href = dashboards.Link(lang, "/achizitii/furnizori/"+url.PathEscape(s.CUI))
		}
		value := dashboards.Cell{Text: "– (" + dashboards.T(lang, "county.top.none") + ")", Num: true}
		if s.Valued {
			value = dashboards.LeiCell(lang, s.Value)
		}
		c.Rows = append(c.Rows, dashboards.Row{Head: head, Cells: []dashboards.Cell{dashboards.CountCell(lang, s.Contracts), value}})
		cats = append(cats, label)
		vals = append(vals, dashboards.Lei(s.Value))
	}
	c.Options = dashboards.BarOptions(cats, true, dashboards.Series{Name: dashboards.T(lang, "value"), Values: vals})
	return c
}
