package dashboards

// countyMessages are the texts of the county page (dashboards/public:
// page_county.go): every administrative unit of the release side by side.
var countyMessages = map[string][2]string{
	"nav.county":            {"Județ", "County"},
	"county.title":          {"Unitățile administrative ale %s, %d", "The administrative units of %s, %d"},
	"county.title.plain":    {"Unitățile administrative, %d", "The administrative units, %d"},
	"county.intro":          {"Fiecare unitate administrativă a ediției (consiliul județean, municipiile, orașele și comunele) cu aceleași cifre, calculate la fel. Tabelul se ordonează după orice coloană, din antetul ei; fiecare rând duce la paginile unității.", "Every administrative unit of the release (the county council, the municipalities, towns and communes) with the same figures, computed the same way. The table sorts by any column, from its heading; each row leads to the unit's pages."},
	"county.scope":          {"Bugetul fiecărei unități este al autorității cu unitățile ei subordonate, consolidat (transferurile dintre ele eliminate), ca în vederea „consolidat” a paginii de buget; achizițiile și cererile sunt ale autorității însăși, ca pe paginile ei. Populația este cea din anul bugetului sau, dacă lipsește, din cel mai apropiat an anterior, cu anul ei alături.", "Each unit's budget is the authority's with its subordinate units, consolidated (transfers between them eliminated), as in the budget page's “consolidated” view; procurement and requests are the authority's own, as on its pages. The population is the budget year's or, when missing, the nearest earlier year's, with its year beside it."},
	"county.table":          {"Unitățile administrative, %d", "The administrative units, %d"},
	"county.unit":           {"Unitatea administrativă", "Administrative unit"},
	"county.kind":           {"Tipul", "Kind"},
	"county.population":     {"Populația (anul)", "Population (year)"},
	"county.expenses.pc":    {"Cheltuieli pe locuitor", "Expenses per inhabitant"},
	"county.revenues.pc":    {"Venituri pe locuitor", "Revenues per inhabitant"},
	"county.sort.asc":       {"ordonat crescător", "sorted ascending"},
	"county.sort.desc":      {"ordonat descrescător", "sorted descending"},
	"county.sort.by":        {"Ordonează după %s", "Sort by %s"},
	"county.total":          {"Totalul județului: suma bugetelor separate", "County total: the sum of separate budgets"},
	"county.total.note":     {"Totalul adună bugetele separate ale unităților: nu este un buget consolidat al județului, iar transferurile dintre consiliul județean și celelalte unități sunt numărate la ambele. Pe locuitor se împarte la populația județului (a consiliului județean) când ediția o are, altfel la suma populațiilor unităților.", "The total adds up the units' separate budgets: it is not a consolidated budget of the county, and transfers between the county council and the other units count at both. Per inhabitant divides by the county's population (the county council's) when the release has it, else by the sum of the units' populations."},
	"county.download":       {"Descărcați tabelul (CSV)", "Download the table (CSV)"},
	"county.csv.file":       {"judet", "county"},
	"county.chart.exp":      {"Cheltuieli pe locuitor, %d", "Expenses per inhabitant, %d"},
	"county.chart.auto":     {"Autonomie fiscală, %d", "Fiscal autonomy, %d"},
	"county.chart.term":     {"Cereri cu răspuns în termenul legal, %d", "Requests answered within the legal deadline, %d"},
	"county.none":           {"Ediția nu are unități administrative.", "The release has no administrative units."},
	"county.why.budget":     {"nu are buget publicat pe %d", "no budget published for %d"},
	"county.why.people":     {"populația nu este cunoscută", "the population is not known"},
	"county.why.final":      {"fără credite definitive", "no final appropriations"},
	"county.why.revenues":   {"fără venituri încasate", "no revenues collected"},
	"county.why.expenses":   {"fără plăți", "no payments"},
	"county.why.procure":    {"niciun contract în %d", "no contracts in %d"},
	"county.why.answered":   {"nicio cerere cu răspuns în %d", "no request answered in %d"},
	"county.why.decided":    {"nicio cerere cu termenul împlinit în %d", "no request whose deadline came in %d"},
	"county.why.median":     {"medianele unităților nu se adună", "the units' medians do not add up"},
	"county.kind.municipiu": {"municipiu", "municipality"},
	"county.kind.oraș":      {"oraș", "town"},
	"county.kind.comună":    {"comună", "commune"},
	"county.kind.județ":     {"consiliu județean", "county council"},
	"county.kind.sector":    {"sector", "sector"},
}

func init() {
	for k, v := range countyMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}
