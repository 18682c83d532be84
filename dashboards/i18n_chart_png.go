package dashboards

// chartPNGMessages are the texts of a chart's PNG (static/charts.js): its
// button, and the source and edition line written under the chart.
var chartPNGMessages = map[string][2]string{
	"chart.png":         {"Descarcă PNG", "Download PNG"},
	"chart.png.source":  {"Sursa: Deschis, ediția din %s", "Source: Deschis, release of %s"},
	"chart.png.dataset": {"setul de date „%s”", "dataset “%s”"},
}

func init() {
	for k, v := range chartPNGMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}
