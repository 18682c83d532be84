package dashboards

import (
	"encoding/json"
	"html/template"
	"math"
	"strconv"

	"github.com/deschis/deschis/models"
)

// Chart is a chart with the same numbers as an accessible table and a link
// to the dataset they come from. Options is the ECharts option object as
// JSON (go-echarts' bytes, written by BarOptions, LineOptions and
// PieOptions); the page carries it in a non-executed <script
// type="application/json"> that /static/charts.js draws from.
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

// The options are the JSON go-echarts wrote for these charts (its
// defaults, its key order), written directly: building a go-echarts chart
// filled its defaults by reflection and marshalled a map, a tenth of the
// CPU of an uncached /achizitii with its three charts.
// charts_options_test.go holds the bytes to go-echarts' own. Texts are
// JSON strings as json.Marshal writes them, escaping <, > and &, so a
// text cannot end the <script> element; a number JSON cannot hold (NaN,
// ±Inf) makes the options {} as before.

const optionsHead = `{"animation":false,"color":["#5470c6","#91cc75","#fac858","#ee6666","#73c0de","#3ba272","#fc8452","#9a60b4","#ea7ccc"],`

// axisHead is the options' beginning for a chart over categories: the
// grid, the legend (shown for more than one series).
func axisHead(b []byte, legend bool) []byte {
	b = append(b, optionsHead...)
	b = append(b, `"grid":[{"left":"2%","top":"4%","right":"4%","bottom":"12%","containLabel":true}],"legend":{"show":`...)
	b = strconv.AppendBool(b, legend)
	return append(b, `,"bottom":"0"},`...)
}

// jsonString appends s as json.Marshal writes a string.
func jsonString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

// jsonNumber appends f as json.Marshal writes a float64; ok is false for
// NaN and ±Inf, which it refuses.
func jsonNumber(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	abs, format := math.Abs(f), byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // 1e-07 is written 1e-7
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

// axisSeries appends the series of a bar or line chart; ok is false when
// a value is not a JSON number.
func axisSeries(b []byte, kind string, ss []Series) ([]byte, bool) {
	if ss == nil {
		return append(b, `"series":null,`...), true
	}
	b = append(b, `"series":[`...)
	ok := true
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		if s.Name != "" {
			b = append(b, `"name":`...)
			b = jsonString(b, s.Name)
			b = append(b, ',')
		}
		b = append(b, `"type":"`+kind+`","data":[`...)
		for j, v := range s.Values {
			if j > 0 {
				b = append(b, ',')
			}
			if j < len(s.Missing) && s.Missing[j] {
				b = append(b, `{"value":"-"}`...) // no bar, a break in a line: never 0
				continue
			}
			b = append(b, `{"value":`...)
			var good bool
			if b, good = jsonNumber(b, v); !good {
				ok = false
			}
			b = append(b, '}')
		}
		b = append(b, ']')
		if kind == "line" {
			b = append(b, `,"animation":false`...)
		}
		b = append(b, '}')
	}
	return append(b, "],"...), ok
}

// categoryData appends "data" and the categories.
func categoryData(b []byte, categories []string) []byte {
	b = append(b, `"data":`...)
	if categories == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, c := range categories {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonString(b, c)
	}
	return append(b, ']')
}

const axisTooltip = `"title":{},"tooltip":{"show":true,"trigger":"axis"},`

func options(b []byte, ok bool) template.JS {
	if !ok {
		return template.JS("{}")
	}
	return template.JS(b)
}

// BarOptions is a bar chart; horizontal for long category names.
func BarOptions(categories []string, horizontal bool, ss ...Series) template.JS {
	b := make([]byte, 0, 512+64*len(categories))
	b = axisHead(b, len(ss) > 1)
	b, ok := axisSeries(b, "bar", ss)
	b = append(b, axisTooltip...)
	if horizontal {
		b = append(b, `"xAxis":[{"type":"value"}],"yAxis":[{"type":"category","inverse":true,`...)
		b = categoryData(b, categories)
		b = append(b, "}]}"...)
	} else {
		b = append(b, `"xAxis":[{`...)
		b = categoryData(b, categories)
		b = append(b, `}],"yAxis":[{}]}`...)
	}
	return options(b, ok)
}

// LineOptions is a line chart over categories (months, years).
func LineOptions(categories []string, ss ...Series) template.JS {
	b := make([]byte, 0, 512+64*len(categories))
	b = axisHead(b, len(ss) > 1)
	b, ok := axisSeries(b, "line", ss)
	b = append(b, axisTooltip+`"xAxis":[{`...)
	b = categoryData(b, categories)
	b = append(b, `}],"yAxis":[{}]}`...)
	return options(b, ok)
}

// PieOptions is a pie (the shares of a whole).
func PieOptions(name string, labels []string, values []float64) template.JS {
	b := make([]byte, 0, 256+64*len(values))
	b = append(b, optionsHead+`"legend":{"show":false},"series":[{`...)
	if name != "" {
		b = append(b, `"name":`...)
		b = jsonString(b, name)
		b = append(b, ',')
	}
	b = append(b, `"type":"pie","data":[`...)
	ok := true
	for i, v := range values {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		if labels[i] != "" {
			b = append(b, `"name":`...)
			b = jsonString(b, labels[i])
			b = append(b, ',')
		}
		b = append(b, `"value":`...)
		var good bool
		if b, good = jsonNumber(b, v); !good {
			ok = false
		}
		b = append(b, '}')
	}
	b = append(b, `]}],"title":{},"tooltip":{"show":true,"trigger":"item"}}`...)
	return options(b, ok)
}
