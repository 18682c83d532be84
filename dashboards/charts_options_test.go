package dashboards

import (
	"encoding/json"
	"html/template"
	"math"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// The chart options as go-echarts built them before charts.go wrote them
// directly: the reference BarOptions, LineOptions and PieOptions are held
// to, byte for byte.

// refOptionsJSON turns a go-echarts chart into the option JSON. json.Marshal
// escapes <, > and &, so the text cannot end the <script> element.
func refOptionsJSON(c interface {
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

func refCommonOpts(showLegend bool) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(showLegend), Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "2%", Right: "4%", Top: "4%", Bottom: "12%"}),
	}
}

// BarOptions is a bar chart; horizontal for long category names.
func refBarOptions(categories []string, horizontal bool, ss ...Series) template.JS {
	bar := charts.NewBar()
	bar.SetGlobalOptions(refCommonOpts(len(ss) > 1)...)
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
	return refOptionsJSON(bar)
}

// LineOptions is a line chart over categories (months, years).
func refLineOptions(categories []string, ss ...Series) template.JS {
	line := charts.NewLine()
	line.SetGlobalOptions(refCommonOpts(len(ss) > 1)...)
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
	return refOptionsJSON(line)
}

// PieOptions is a pie (the shares of a whole).
func refPieOptions(name string, labels []string, values []float64) template.JS {
	pie := charts.NewPie()
	pie.SetGlobalOptions(charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	data := make([]opts.PieData, len(values))
	for i, v := range values {
		data[i] = opts.PieData{Name: labels[i], Value: v}
	}
	pie.AddSeries(name, data)
	return refOptionsJSON(pie)
}

var optionTexts = []string{"", "Valoare", `<script>alert("x")</script>`, "a & b + 'c'", "back\\slash \t tab", "line\u2028sep\u2029", "bad \xff utf-8", "Școala „Ion Creangă”"}

var optionValues = [][]float64{nil, {}, {0}, {1.5, -2, 123456789.12, 2e9}, {1e-7, 1e21, -1e-9, 3.5e22, math.Copysign(0, -1)}, {0.1, 0.2, 12345678901234567}}

func optionSeries() [][]Series {
	var out [][]Series
	for n := 0; n <= 3; n++ {
		var ss []Series
		for i := 0; i < n; i++ {
			v := optionValues[(n+i)%len(optionValues)]
			s := Series{Name: optionTexts[(n+i)%len(optionTexts)], Values: v}
			if i%2 == 0 && len(v) > 0 {
				s.Missing = make([]bool, len(v)-1) // shorter than the values
				for j := range s.Missing {
					s.Missing[j] = j%2 == 1
				}
			}
			if i == 2 {
				s.Missing = []bool{true, true, true, true, true, true}
			}
			ss = append(ss, s)
		}
		out = append(out, ss)
	}
	return out
}

// The options BarOptions, LineOptions and PieOptions write are go-echarts'
// bytes: any number of series, missing points, no categories, hostile
// names (what json.Marshal escapes), every range of number json writes
// differently, and a number JSON cannot hold.
func TestChartOptionsAreGoEchartsBytes(t *testing.T) {
	n := 0
	for i := range optionTexts {
		cats := [][]string{nil, {}, optionTexts, optionTexts[i:]}[i%4]
		for _, ss := range optionSeries() {
			for _, horizontal := range []bool{false, true} {
				if got, want := BarOptions(cats, horizontal, ss...), refBarOptions(cats, horizontal, ss...); got != want {
					t.Errorf("bar %q %v %+v:\n got %s\nwant %s", cats, horizontal, ss, got, want)
				}
				n++
			}
			if got, want := LineOptions(cats, ss...), refLineOptions(cats, ss...); got != want {
				t.Errorf("line %q %+v:\n got %s\nwant %s", cats, ss, got, want)
			}
		}
		for _, vs := range optionValues {
			labels := make([]string, len(vs))
			for j := range labels {
				labels[j] = optionTexts[(i+j)%len(optionTexts)]
			}
			if got, want := PieOptions(optionTexts[i], labels, vs), refPieOptions(optionTexts[i], labels, vs); got != want {
				t.Errorf("pie %q %v:\n got %s\nwant %s", labels, vs, got, want)
			}
		}
	}
	nan := Series{Name: "x", Values: []float64{1, math.NaN()}}
	if got, want := BarOptions([]string{"a", "b"}, false, nan), refBarOptions([]string{"a", "b"}, false, nan); got != want || got != "{}" {
		t.Errorf("NaN: got %s, want %s", got, want)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(BarOptions(optionTexts, true, optionSeries()[3]...)), &v); err != nil || n == 0 {
		t.Errorf("not JSON: %v", err)
	}
}
