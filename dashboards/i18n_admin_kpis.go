package dashboards

// adminKPIMessages are the texts of the dashboards' KPIs against their
// targets and of the objectives (dashboards/admin, package kpis).
var adminKPIMessages = map[string][2]string{
	"kpi.status.ok":    {"în țintă", "on target"},
	"kpi.status.near":  {"aproape de țintă", "near target"},
	"kpi.status.amber": {"atenție", "needs attention"},
	"kpi.status.red":   {"departe de țintă", "off target"},
	"kpi.status.none":  {"fără țintă", "no target"},
	"kpi.status":       {"Stare", "Status"},

	"kpi.target":          {"Țintă", "Target"},
	"kpi.target.prorated": {"%s pe tot anul, %d/12 din an", "%s for the whole year, %d/12 of the year"},
	"kpi.target.none":     {"nicio țintă configurată", "no target configured"},
	"kpi.prev.period":     {"perioada anterioară", "the previous period"},
	"kpi.vs.prev":         {"Față de %s", "Against %s"},
	"kpi.vs.last":         {"Față de aceeași perioadă, %s", "Against the same period, %s"},
	"kpi.spark":           {"Evoluție, %s", "Trend, %s"},
	"kpi.spark.receipt":   {"După luna înregistrării, %s", "By month received, %s"},
	"kpi.spark.table":     {"Tabelul graficului", "The chart's table"},
	"kpi.spark.month":     {"Luna", "Month"},
	"kpi.spark.value":     {"Valoarea", "Value"},
	"kpi.spark.none":      {"Fără evoluție lunară: %s", "No monthly trend: %s"},

	"kpi.why.no-appropriations": {"fără credite sau prevederi: numitorul este zero", "no appropriations or forecast: the denominator is zero"},
	"kpi.why.no-report":         {"nu există raport de execuție pentru %s", "there is no execution report for %s"},
	"kpi.why.no-year":           {"anul nu are date", "the year has no data"},
	"kpi.why.no-decided":        {"nicio cerere nu a ajuns la termen", "no request has reached its deadline"},
	"kpi.why.no-answered":       {"nicio cerere cu răspuns", "no request answered"},
	"kpi.why.as-of-export":      {"registrul dă starea doar la data exportului", "the register gives the status on its export day only"},
	"kpi.why.by-year-only":      {"datele dau cifra doar pe an", "the data gives this figure by year only"},
	"kpi.why.no-investments":    {"lista de investiții a anului nu are obiective", "the year's investment list has no objective"},
	"kpi.why.no-planned":        {"nimic prevăzut pentru investiții în an", "nothing planned for investments in the year"},
	"kpi.why.no-progress":       {"niciun obiectiv cu progresul fizic raportat și plăți", "no objective with a reported physical progress and payments"},
	"kpi.why.no-month":          {"anul nu are raport de execuție după care să se numere lunile", "the year has no execution report to count the months by"},
	"kpi.why.as-of-release":     {"lista dă stadiul obiectivelor doar la data ediției", "the list gives where objectives stand on the release's date only"},
	"kpi.why.not-same-months":   {"%d nu acoperă aceleași luni", "%d does not cover the same months"},

	"admin.chapters":         {"Execuția cheltuielilor pe capitole", "Expenditure execution by chapter"},
	"admin.chapters.note":    {"Plățile de la 1 ianuarie față de creditele definitive; ținta execuției: %s.", "Payments since 1 January against the final appropriations; the execution target: %s."},
	"admin.chapters.chapter": {"Capitol", "Chapter"},
	"admin.chapters.final":   {"Credite definitive", "Final appropriations"},
	"admin.chapters.paid":    {"Plăți", "Payments"},
	"admin.chapters.rate":    {"Grad de execuție", "Execution rate"},

	"admin.objectives":          {"Obiectivele instituției", "The institution's objectives"},
	"admin.objectives.none":     {"Nu există obiective configurate pentru această instituție.", "No objectives are configured for this institution."},
	"admin.objectives.title":    {"Obiectiv", "Objective"},
	"admin.objectives.owner":    {"Responsabil", "Owner"},
	"admin.objectives.kpi":      {"Indicator", "Indicator"},
	"admin.objectives.target":   {"Țintă", "Target"},
	"admin.objectives.value":    {"Azi", "Today"},
	"admin.objectives.deadline": {"Termen", "Deadline"},
	"admin.objectives.state":    {"Stare", "Status"},
	"objective.state.met":       {"atins", "met"},
	"objective.state.open":      {"în lucru, %s rămase", "in progress, %s left"},
	"objective.state.missed":    {"neatins, termen depășit", "not met, deadline passed"},
	"objective.state.unknown":   {"fără date încă", "no data yet"},
}

func init() {
	for k, v := range adminKPIMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}
