package dashboards

import (
	"encoding/json"
	"html/template"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/deschis/deschis/models"
)

// Chart is a chart with the same numbers as an accessible table and a link
// to the dataset they come from. Options is the ECharts option object as
// JSON (built with go-echarts); the page carries it in a non-executed
// <script type="application/json"> that /static/charts.js draws from.
type Chart struct {
	Name, Caption string
	Options       template.JS
	Head          []string
	Rows          []Row
	Foot          *Row
	Dataset       string // download: /date/{Dataset}.parquet
	Lang          string
	Note          string // a sentence under the table: what it compares, what is missing
}

// Row is a table row: a header cell and data cells.
type Row struct {
	Head  Cell
	Cells []Cell
}

// Cell is a table cell. Raw (machine-readable) goes in data-value.
type Cell struct {
	Text, Raw string
	Href      string
	Num       bool
	Lang      string // the text's language when it is not the page's (a Romanian name on an English page)
}

// LeiCell is an amount of money.
func LeiCell(lang string, a models.Amount) Cell {
	return Cell{Text: FormatLei(lang, a), Raw: a.String(), Num: true}
}

// CountCell is a count.
func CountCell(lang string, n int64) Cell {
	return Cell{Text: FormatCount(lang, n), Raw: strconv.FormatInt(n, 10), Num: true}
}

// RatioCell is a share.
func RatioCell(lang string, r Ratio) Cell {
	return Cell{Text: r.Format(lang), Raw: r.Raw(), Num: true}
}

// Series is one series of a chart, in display units (lei, counts).
// Missing, when set, marks the points without a figure (a line breaks
// there).
type Series struct {
	Name    string
	Values  []float64
	Missing []bool
}

// Lei is an amount in lei, for a chart series.
func Lei(a models.Amount) float64 { return float64(a) / 100 }

// optionsJSON turns a go-echarts chart into the option JSON. json.Marshal
// escapes <, > and &, so the text cannot end the <script> element.
func optionsJSON(c interface {
	Validate()
	JSON() map[string]any
}) template.JS {
	c.Validate()
	obj := c.JSON()
	// go-echarts adds an empty toolbox and its own defaults; the site needs
	// neither (the PNG is static/charts.js's button; no data view).
	delete(obj, "toolbox")
	b, err := json.Marshal(obj)
	if err != nil {
		return template.JS("{}")
	}
	return template.JS(b)
}

func commonOpts(showLegend bool) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(showLegend), Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "2%", Right: "4%", Top: "4%", Bottom: "12%"}),
	}
}

// BarOptions is a bar chart; horizontal for long category names.
func BarOptions(categories []string, horizontal bool, ss ...Series) template.JS {
	bar := charts.NewBar()
	bar.SetGlobalOptions(commonOpts(len(ss) > 1)...)
	if horizontal {
		bar.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
			charts.WithXAxisOpts(opts.XAxis{Type: "value"}))
	}
	bar.SetXAxis(categories)
	for _, s := range ss {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.BarData{Value: v}
			if i < len(s.Missing) && s.Missing[i] {
				data[i].Value = "-" // no bar, never a bar of 0
			}
		}
		bar.AddSeries(s.Name, data)
	}
	if horizontal {
		bar.XYReversal()
	}
	return optionsJSON(bar)
}

// LineOptions is a line chart over categories (months, years).
func LineOptions(categories []string, ss ...Series) template.JS {
	line := charts.NewLine()
	line.SetGlobalOptions(commonOpts(len(ss) > 1)...)
	line.SetXAxis(categories)
	for _, s := range ss {
		data := make([]opts.LineData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.LineData{Value: v}
			if i < len(s.Missing) && s.Missing[i] {
				data[i].Value = "-" // ECharts' empty point
			}
		}
		line.AddSeries(s.Name, data)
	}
	return optionsJSON(line)
}

// PieOptions is a pie (the shares of a whole).
func PieOptions(name string, labels []string, values []float64) template.JS {
	pie := charts.NewPie()
	pie.SetGlobalOptions(charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	data := make([]opts.PieData, len(values))
	for i, v := range values {
		data[i] = opts.PieData{Name: labels[i], Value: v}
	}
	pie.AddSeries(name, data)
	return optionsJSON(pie)
}
