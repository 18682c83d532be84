package dashboards

// reportMessages are the texts of the monthly management report
// (dashboards/admin: page_report.go).
var reportMessages = map[string][2]string{
	"report.link":        {"Raportul lunar de management (pentru tipar, A4)", "Monthly management report (for print, A4)"},
	"report.heading":     {"Raportul lunar de management al %s", "Monthly management report: %s"},
	"report.period":      {"Perioada", "Period"},
	"report.period.none": {"anul %d, fără raport de execuție", "the year %d, with no execution report"},
	"report.edition":     {"Întocmit din ediția de date %s, din %s.", "Built from data release %s, of %s."},
	"report.month":       {"Luna raportului", "Month of the report"},
	"report.show":        {"Arată raportul", "Show the report"},
	"report.howto":       {"Pentru a-l tipări, folosiți comanda de tipărire a browserului: pagina se așază pe A4, fără meniuri și formulare.", "To print it, use the browser's print command: the page lays out on A4, without menus or forms."},
	"report.kpis":        {"Indicatorii față de ținte", "KPIs against their targets"},
	"report.kpi":         {"Indicator", "KPI"},
	"report.value":       {"Valoare", "Value"},
	"report.changes":     {"Schimbări", "Changes"},
	"report.past":        {"Cifrele bugetului sunt cele de la sfârșitul lunii %s; cele ale cererilor, ale listei de atenție și ale obiectivelor sunt cele din ediția de date (registrul cererilor arată starea din ziua exportului).", "The budget's figures are those at the end of %s; the requests', the attention list's and the objectives' are the data release's (the request register shows the status on its export day)."},
}

func init() {
	for k, v := range reportMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}
