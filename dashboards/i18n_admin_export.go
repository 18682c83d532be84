package dashboards

// exportMessages are the texts of the drill-down tables' exports
// (dashboards/admin: export_rows.go) and of their lines in the audit log.
var exportMessages = map[string][2]string{
	"rows.download":          {"Toate rândurile selectate, nu doar pagina aceasta:", "Every selected row, not only this page:"},
	"rows.download.csv":      {"Descarcă CSV", "Download CSV"},
	"rows.download.xlsx":     {"Descarcă XLSX", "Download XLSX"},
	"rows.download.note":     {"CSV pentru Excel în limba română: separator „;”, virgulă zecimală, date zz.ll.aaaa.", "CSV for a Romanian Excel: “;” separator, decimal comma, dates dd.mm.yyyy."},
	"export.file.cereri":     {"cereri", "requests"},
	"export.file.investitii": {"investitii", "investments"},
	"export.set.cereri":      {"registrul cererilor", "request register"},
	"export.set.investitii":  {"obiectivele de investiții", "investment objectives"},
	"event.export":           {"descărcare de rânduri", "rows downloaded"},
	"audit.detail":           {"Detalii", "Details"},
	"audit.export":           {"%s, %s, %s rânduri", "%s, %s, %s rows"},
	"audit.export.filters":   {"%s; filtre: %s", "%s; filters: %s"},
	"event.export-chart":     {"descărcare de grafic", "chart downloaded"},
	"audit.export.chart":     {"graficul %s, PNG de %s pixeli", "chart %s, PNG of %s pixels"},
}

func init() {
	for k, v := range exportMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}
