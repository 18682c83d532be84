package dashboards

// adminCountyMessages are the texts of the dashboards' county page
// (dashboards/admin: page_county.go, /admin/judet): the public county
// table with each unit's alerts of today beside it.
var adminCountyMessages = map[string][2]string{
	"nav.admin.county":         {"Județul", "County"},
	"admin.county.title":       {"Unitățile administrative ale %s și alertele lor, %d", "The administrative units of %s and their alerts, %d"},
	"admin.county.title.plain": {"Unitățile administrative și alertele lor, %d", "The administrative units and their alerts, %d"},
	"admin.county.title.none":  {"Pagina județului", "The county page"},
	"admin.county.intro":       {"Aceleași cifre ca pe pagina publică a județului, calculate la fel, și alături de fiecare unitate ce cere atenție azi la ea: câte alerte are, pe feluri, și cea mai urgentă. Fiecare alertă duce la tabloul de bord al unității.", "The same figures as the public county page, computed the same way, and beside each unit what needs attention there today: how many alerts it has, by kind, and the most urgent one. Each alert leads to the unit's dashboard."},
	"admin.county.none":        {"Ediția curentă nu are un arbore de județ: are o singură unitate administrativă, deci nu are ce compara. Pagina se umple când ediția cuprinde consiliul județean și unitățile lui (etl init --county COD, sau etl demo --county).", "The current release has no county tree: it has a single administrative unit, so there is nothing to compare. The page fills in when the release holds the county council and its units (etl init --county CODE, or etl demo --county)."},
	"admin.county.home":        {"Unitățile județului, alăturate, cu alertele lor", "The county's units side by side, with their alerts"},
	"admin.county.alerts":      {"Ce cere atenție azi", "What needs attention today"},
	"admin.county.alerts.none": {"Nicio alertă azi", "No alert today"},
	"admin.county.alerts.n":    {"%s; cea mai urgentă:", "%s; the most urgent:"},
	"admin.county.alert":       {"alertă", "alert"},
	"admin.county.alert.many":  {"alerte", "alerts"},
	"admin.county.alerts.rule": {"Alertele unei unități sunt cele pe care le arată tabloul ei de bord unui cont al unității, după aceleași reguli, pe anul tabelului: un raport de execuție întârziat apare la unitatea lui. %s", "A unit's alerts are those its dashboard shows an account of the unit, by the same rules, for the table's year: a late execution report shows at its own unit. %s"},
	"admin.county.public":      {"Pagina publică a județului", "The public county page"},
	// Alerts that compare (attention_peers.go).
	"admin.county.peer.title": {"Față de unitățile asemănătoare:", "Against similar units:"},
	"admin.county.peer.above": {"%s: %s, cu %s peste mediana de %s a %s", "%s: %s, %s above the median of %s of %s"},
	"admin.county.peer.below": {"%s: %s, cu %s sub mediana de %s a %s", "%s: %s, %s below the median of %s of %s"},
	"admin.county.peer.unit":  {"unitate asemănătoare", "similar unit"},
	"admin.county.peer.units": {"unități asemănătoare", "similar units"},
	"admin.county.peer.rule":  {"Cheltuielile și veniturile pe locuitor ale unei unități (în lei ai anului, oricare ar fi vederea tabelului) sunt semnalate când diferă de mediana unităților de același tip și din aceeași grupă de populație cu mai mult de %s %% din ea.", "A unit's expenses and revenues per inhabitant (in lei of the year, whatever the table's view) are flagged when they differ from the median of the units of the same kind and population band by more than %s%% of it."},
	// The kinds of alerts, each with what its count counts.
	"admin.county.kind.requests-overdue":    {"cereri cu termenul depășit", "requests past their term"},
	"admin.county.kind.data-late":           {"rapoarte de execuție lipsă", "missing execution reports"},
	"admin.county.kind.investment-overdue":  {"obiective de investiții cu termenul depășit", "investment objectives past their end"},
	"admin.county.kind.chapter-lag":         {"capitole de cheltuieli rămase în urmă", "expense chapters lagging"},
	"admin.county.kind.procurement-signals": {"semnale noi de achiziții", "new procurement signals"},
	"admin.county.kind.investment-stalled":  {"obiective de investiții blocate", "stalled investment objectives"},
	"admin.county.kind.requests-due":        {"cereri cu termenul aproape", "requests due soon"},
}

func init() {
	for k, v := range adminCountyMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}
