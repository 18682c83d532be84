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
	"county.expenses.total": {"Cheltuieli (plăți)", "Expenses (payments)"},
	"county.revenues.total": {"Venituri (încasări)", "Revenues (receipts)"},
	"county.sort.asc":       {"ordonat crescător", "sorted ascending"},
	"county.sort.desc":      {"ordonat descrescător", "sorted descending"},
	"county.sort.by":        {"Ordonează după %s", "Sort by %s"},
	"county.total":          {"Totalul județului: suma bugetelor separate", "County total: the sum of separate budgets"},
	"county.total.note":     {"Totalul adună bugetele separate ale unităților: nu este un buget consolidat al județului, iar transferurile dintre consiliul județean și celelalte unități sunt numărate la ambele. Pe locuitor se împarte la populația județului (a consiliului județean) când ediția o are, altfel la suma populațiilor unităților.", "The total adds up the units' separate budgets: it is not a consolidated budget of the county, and transfers between the county council and the other units count at both. Per inhabitant divides by the county's population (the county council's) when the release has it, else by the sum of the units' populations."},
	"county.download":       {"Descărcați tabelul (CSV)", "Download the table (CSV)"},
	"county.csv.file":       {"judet", "county"},
	"county.chart.auto":     {"Autonomie fiscală, %d", "Fiscal autonomy, %d"},
	"county.chart.term":     {"Cereri cu răspuns în termenul legal, %d", "Requests answered within the legal deadline, %d"},
	"county.none":           {"Ediția nu are unități administrative.", "The release has no administrative units."},
	"county.top":            {"Contractanții care au câștigat cel mai mult, în toți anii ediției", "The contractors that won most, in every year of the release"},
	"county.top.col":        {"Contractant", "Contractor"},
	"county.top.note":       {"Contractele tuturor instituțiilor ediției, în toți anii; acordurile-cadru nu intră în totaluri, contractele lor subsecvente da.", "The contracts of every institution of the release, in every year; framework agreements are not in the totals, their call-offs are."},
	"county.top.none":       {"contractele nu au valoare", "the contracts have no value"},
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

// viewMessages are the texts of the views of amounts (dashboards/public:
// views.go): in total or per inhabitant, in lei, euro or lei at constant
// prices.
var viewMessages = map[string][2]string{
	"view.values":          {"Valori", "Amounts"},
	"view.values.total":    {"totale", "in total"},
	"view.values.locuitor": {"pe locuitor", "per inhabitant"},
	"view.currency":        {"Moneda", "Currency"},
	"view.currency.lei":    {"lei, prețurile anului", "lei, the year's prices"},
	"view.currency.eur":    {"euro, cursul mediu BNR al anului", "euro, the year's average BNR rate"},
	"view.currency.real":   {"lei la prețurile din %d (INSSE)", "lei at %d prices (INSSE)"},
	"view.note.lei":        {"Sumele sunt în lei, la prețurile din %d.", "Amounts are in lei, at %d prices."},
	"view.note.eur":        {"Sumele sunt în euro, la cursul mediu anual al BNR din %d: %s lei pentru un euro.", "Amounts are in euro, at the BNR's average rate of %d: %s lei to the euro."},
	"view.note.cpi":        {"Sumele sunt în lei la prețurile din %d, ajustate cu indicele prețurilor de consum al INSSE pentru anul %d (%s, cu %d = 100).", "Amounts are in lei at %d prices, adjusted by INSSE's consumer price index for %d (%s, with %d = 100)."},
	"view.note.people":     {"Pe locuitor: împărțite la populația anului, cu anul ei alături.", "Per inhabitant: divided by the year's population, its year shown beside it."},
	"view.yr.lei":          {"Fiecare an este în lei, la prețurile lui.", "Each year is in lei, at its own prices."},
	"view.yr.eur":          {"Fiecare an este în euro, la cursul mediu BNR al acelui an.", "Each year is in euro, at that year's average BNR rate."},
	"view.yr.lei-2024":     {"Fiecare an este în lei la prețurile din 2024, după indicele prețurilor de consum al INSSE pentru acel an.", "Each year is in lei at 2024 prices, by INSSE's consumer price index for that year."},
	"view.yr.people":       {"Pe locuitor: fiecare an împărțit la populația lui (sau a celui mai apropiat an anterior).", "Per inhabitant: each year divided by its population (or the nearest earlier year's)."},
	"view.missing":         {"„–”: %s.", "“–”: %s."},
	"meth.views":           {"Vederi: pe locuitor, în euro, în prețuri constante", "Views: per inhabitant, in euro, at constant prices"},
	"meth.views.text":      {"Paginile de buget și pagina județului arată sumele totale sau pe locuitor (parametrul valori=total|locuitor) și în lei la prețurile anului, în euro sau în lei la prețurile din 2024 (parametrul moneda=lei|eur|lei-2024). Euro: suma împărțită la cursul mediu anual leu/euro al Băncii Naționale a României (BNR) din anul sumei, 2005–2025. Prețuri constante: suma înmulțită cu raportul dintre indicele prețurilor de consum al Institutului Național de Statistică (INSSE) din 2024 și cel din anul sumei (2024 = 100, serie 2010–2024, recalculată din ratele anuale ale inflației). Pentru un an pe care sursa nu îl acoperă (indicele pentru 2025 și după) pagina spune asta și nu arată o cifră estimată. Pe locuitor: suma (convertită) împărțită la populația anului sau, dacă lipsește, a celui mai apropiat an anterior, al cărei an se arată alături; rotunjit la ban sau cent.", "The budget pages and the county page show amounts in total or per inhabitant (the valori=total|locuitor parameter), and in lei at the year's prices, in euro or in lei at 2024 prices (the moneda=lei|eur|lei-2024 parameter). Euro: the amount divided by the National Bank of Romania's (BNR) average annual leu/euro rate of the amount's year, 2005–2025. Constant prices: the amount multiplied by the ratio of the National Institute of Statistics' (INSSE) consumer price index of 2024 to that of the amount's year (2024 = 100, series 2010–2024, rebased from the annual inflation rates). For a year the source does not cover (the index for 2025 and later) the page says so and shows no estimated figure. Per inhabitant: the (converted) amount divided by the year's population or, when missing, the nearest earlier year's, whose year is shown beside it; rounded to the ban or cent."},
	"meth.county":          {"Pagina județului", "The county page"},
	"meth.county.text":     {"Pagina /judet compară toate unitățile administrative ale ediției (consiliul județean, municipii, orașe, comune) cu aceiași indicatori, definiți mai sus. Bugetul unei unități este al autorității cu unitățile ei subordonate, consolidat. Veniturile proprii din autonomia fiscală sunt capitolele de venituri ale impozitelor, taxelor și veniturilor nefiscale (01–39, fără 11 sume defalcate din TVA și 37 transferuri), potrivit Legii nr. 273/2006; cheltuielile de capital sunt titlurile 70–72. Totalul județului este suma bugetelor separate ale unităților, nu un buget consolidat.", "The /judet page compares every administrative unit of the release (the county council, municipalities, towns, communes) with the same indicators, defined above. A unit's budget is the authority's with its subordinate units, consolidated. The own revenues of fiscal autonomy are the revenue chapters of taxes, fees and non-tax revenue (01–39, without 11 shares of VAT and 37 transfers), under Law no. 273/2006; capital spending is titles 70–72. The county total is the sum of the units' separate budgets, not a consolidated budget."},
	"view.why.eur":         {"cursul BNR pentru %d nu este în sursa de referință", "the BNR rate for %d is not in the reference data"},
	"view.why.cpi":         {"indicele prețurilor INSSE pentru %d nu este încă în sursa de referință: nu îl estimăm", "INSSE's price index for %d is not yet in the reference data: we do not estimate it"},
}

func init() {
	for k, v := range viewMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}
