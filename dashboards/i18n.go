package dashboards

import (
	"fmt"

	"github.com/deschis/deschis/models"
)

// messages is every text of the pages, Romanian and English; the titles of
// the headline numbers are in the KPI vocabulary (models.KPIs). A key
// missing here shows as the key itself, and TestEveryMessageHasBothLanguages
// fails.
var messages = map[string][2]string{
	// layout
	"site.name":           {"Deschis", "Deschis"},
	"site.tagline":        {"Transparența banilor publici", "Public money, in the open"},
	"skip":                {"Sari la conținut", "Skip to content"},
	"nav.label":           {"Navigare principală", "Main navigation"},
	"nav.home":            {"Acasă", "Home"},
	"nav.budget":          {"Buget", "Budget"},
	"nav.investments":     {"Investiții", "Investments"},
	"nav.procurement":     {"Achiziții", "Procurement"},
	"nav.requests":        {"Cereri", "Requests"},
	"nav.methodology":     {"Metodologie", "Methodology"},
	"nav.data":            {"Date deschise", "Open data"},
	"lang.switch":         {"English", "Română"},
	"lang.switch.label":   {"Read this page in English", "Citiți pagina în limba română"},
	"entity.label":        {"Instituția", "Institution"},
	"entity.submit":       {"Afișează", "Show"},
	"entity.consolidated": {"consolidat, cu unitățile subordonate", "consolidated, with subordinate units"},
	"footer.release":      {"Ediția din %s.", "Release of %s."},
	"footer.fresh":        {"Date actualizate până la %s.", "Data up to %s."},
	"footer.licence":      {"Licență", "Licence"},
	"footer.source":       {"Codul și metodologia: Deschis.", "Code and methodology: Deschis."},
	"permalink":           {"Link permanent la această pagină", "Permanent link to this page"},
	"download":            {"Descarcă datele", "Download the data"},
	"download.all":        {"Toate seturile de date", "All datasets"},
	"filters":             {"Filtre", "Filters"},
	"filters.apply":       {"Aplică filtrele", "Apply filters"},
	"filters.reset":       {"Șterge filtrele", "Clear filters"},
	"all":                 {"toate", "all"},
	"year":                {"Anul", "Year"},
	"none":                {"Nu există date pentru această selecție.", "There is no data for this selection."},
	"total":               {"Total", "Total"},
	"chart.note":          {"Graficul arată aceleași cifre ca tabelul.", "The chart shows the same figures as the table."},
	"lei":                 {"lei", "lei"},
	"share":               {"Pondere", "Share"},
	"count":               {"Număr", "Count"},
	"value":               {"Valoare", "Value"},
	"month":               {"Luna", "Month"},
	"licence.ogl":         {"Licența pentru guvernare deschisă, v1.0", "Open Government Licence – Romania, v1.0"},

	// comparisons (compare.go)
	"compare.note":        {"Variația compară aceleași luni: %s față de %s.", "The change compares the same months: %s against %s."},
	"compare.none.now":    {"Anul %d nu are niciun raport de execuție în date: nu există ce compara.", "%d has no execution report in the data: there is nothing to compare."},
	"compare.none.before": {"Datele anului %d nu acoperă perioada %s: variația față de aceeași perioadă nu se poate calcula.", "The data for %d does not cover %s: the change over the same period cannot be computed."},

	// absent data: "–" and why
	"absent.budget":           {"Instituția nu publică date despre buget.", "The institution publishes no budget data."},
	"absent.budget.year":      {"Nu există date despre buget pentru %d.", "There is no budget data for %d."},
	"absent.investments":      {"Instituția nu publică o listă de investiții.", "The institution publishes no investment list."},
	"absent.investments.year": {"Nu există o listă de investiții pentru %d.", "There is no investment list for %d."},
	"absent.procurement":      {"Instituția nu are contracte de achiziție în date.", "The institution has no procurement contracts in the data."},
	"absent.procurement.year": {"Nu există contracte de achiziție în date pentru %d.", "There are no procurement contracts in the data for %d."},
	"absent.requests":         {"Instituția nu publică date despre cereri.", "The institution publishes no data on requests."},
	"absent.requests.year":    {"Nu există date despre cereri pentru %d.", "There is no data on requests for %d."},

	// home
	"home.title":            {"%s: banii publici în %d", "%s: public money in %d"},
	"home.intro":            {"Bugetul, investițiile, contractele și cererile cetățenilor, din datele publicate de instituție. Fiecare cifră se poate descărca.", "The budget, investments, contracts and citizens' requests, from the data the institution publishes. Every figure can be downloaded."},
	"home.budget":           {"Bugetul anului", "This year's budget"},
	"home.executed.note":    {"Execuția raportată până la sfârșitul lunii %s.", "Execution reported up to the end of %s."},
	"home.chapters":         {"Cele mai mari domenii de cheltuieli", "The biggest spending areas"},
	"home.investments":      {"Investiții în execuție", "Investments under way"},
	"home.procurement":      {"Achiziții publice", "Public procurement"},
	"home.requests":         {"Cât de repede răspunde instituția", "How fast the institution answers"},
	"home.more.budget":      {"Tot bugetul", "The whole budget"},
	"home.more.investments": {"Toate investițiile", "All investments"},
	"home.more.procurement": {"Toate contractele", "All contracts"},
	"home.more.requests":    {"Toate statisticile cererilor", "All request statistics"},

	// budget
	"budget.title":               {"Bugetul %s, %d", "Budget of %s, %d"},
	"budget.title.chapter":       {"Bugetul %s: capitolul %s, %d", "Budget of %s: chapter %s, %d"},
	"budget.view":                {"Vedere", "View"},
	"budget.view.entitate":       {"doar instituția", "the institution only"},
	"budget.view.consolidat":     {"consolidat (cu unitățile subordonate, fără transferurile dintre ele)", "consolidated (with subordinate units, transfers between them removed)"},
	"budget.chapter":             {"Capitol", "Chapter"},
	"budget.chapters":            {"Cheltuieli pe capitole (clasificația funcțională)", "Expenditure by chapter (functional classification)"},
	"budget.subchapters":         {"Cheltuieli pe subcapitole", "Expenditure by subchapter"},
	"budget.revenues":            {"Venituri pe capitole", "Revenues by chapter"},
	"budget.economic":            {"Cheltuieli pe titluri (clasificația economică)", "Expenditure by title (economic classification)"},
	"budget.sections":            {"Funcționare și dezvoltare", "Operating and development sections"},
	"budget.monthly":             {"Execuția lunară față de creditele anului", "Monthly execution against the year's appropriations"},
	"budget.years":               {"Comparație între ani", "Year-over-year comparison"},
	"budget.100":                 {"Unde merg 100 de lei din buget", "Where 100 lei of the budget go"},
	"budget.100.col":             {"Din 100 de lei", "Out of 100 lei"},
	"budget.initial":             {"Credite inițiale", "Initial appropriations"},
	"budget.final":               {"Credite definitive", "Final appropriations"},
	"budget.executed":            {"Plăți", "Payments"},
	"budget.rev.initial":         {"Prevederi inițiale", "Initial estimates"},
	"budget.rev.final":           {"Prevederi definitive", "Final estimates"},
	"budget.rev.executed":        {"Încasări", "Receipts"},
	"budget.prev":                {"Plăți %s", "Payments %s"},
	"budget.change":              {"Variație față de %s", "Change from %s"},
	"budget.same.months":         {"Plăți %s", "Payments %s"},
	"budget.same.months.note":    {"Coloana „Plăți %[1]s” compară fiecare an pe aceleași luni ca ultimul an raportat; „–” arată un an fără raport pentru toate aceste luni.", "The “Payments %[1]s” column compares every year over the same months as the latest year reported; “–” marks a year without a report for all of them."},
	"budget.rate":                {"Execuție", "Execution"},
	"budget.cumulative":          {"Plăți cumulate", "Cumulative payments"},
	"budget.in.month":            {"Plăți în lună", "Payments in the month"},
	"budget.drill":               {"Detalii pe subcapitole", "Subchapter details"},
	"budget.all.chapters":        {"Înapoi la toate capitolele", "Back to all chapters"},
	"budget.section.functionare": {"Secțiunea de funcționare", "Operating section"},
	"budget.section.dezvoltare":  {"Secțiunea de dezvoltare (investiții)", "Development section (investments)"},
	"budget.expenses":            {"Cheltuieli", "Expenditure"},
	"budget.revenues.short":      {"Venituri", "Revenues"},
	"budget.reported":            {"Raportat până în luna", "Reported up to month"},
	"budget.population":          {"Populația folosită: %s.", "Population used: %s."},
	"budget.revenue.chapter":     {"Veniturile nu se împart pe capitolele de cheltuieli.", "Revenue is not split by expenditure chapter."},

	// investments
	"inv.title":          {"Investițiile %s, %d", "Investment projects of %s, %d"},
	"inv.status":         {"Stadiul", "Status"},
	"inv.funding":        {"Finanțarea", "Funding"},
	"inv.chapter":        {"Capitolul", "Chapter"},
	"inv.list":           {"Obiectivele de investiții", "Investment projects"},
	"inv.list.page":      {"Obiectivele de investiții (%s – %s din %s)", "Investment projects (%s – %s of %s)"},
	"inv.by.status":      {"Obiective pe stadii", "Projects by status"},
	"inv.code":           {"Cod", "Code"},
	"inv.name":           {"Obiectivul", "Project"},
	"inv.total":          {"Valoare totală", "Total value"},
	"inv.spent":          {"Cheltuit până acum", "Spent to date"},
	"inv.spent.year":     {"Cheltuit în an", "Spent in the year"},
	"inv.planned.year":   {"Prevăzut în an", "Planned for the year"},
	"inv.progress":       {"Progres", "Progress"},
	"inv.dates":          {"Termene", "Dates"},
	"inv.planned.start":  {"Început planificat", "Planned start"},
	"inv.planned.end":    {"Finalizare planificată", "Planned end"},
	"inv.actual.start":   {"Început efectiv", "Actual start"},
	"inv.actual.end":     {"Finalizare efectivă", "Actual end"},
	"inv.history":        {"Cheltuieli pe ani", "Spending by year"},
	"inv.contracts":      {"Contractele de achiziție ale obiectivului", "The project's procurement contracts"},
	"inv.no.contracts":   {"Niciun contract de achiziție legat de acest obiectiv în date.", "No procurement contract linked to this project in the data."},
	"inv.entity":         {"Instituția", "Institution"},
	"inv.list.year":      {"Lista de investiții a anului", "Investment list of the year"},
	"inv.other.years":    {"Alte liste anuale", "Other yearly lists"},
	"status.planificat":  {"planificat", "planned"},
	"status.în execuție": {"în execuție", "under way"},
	"status.finalizat":   {"finalizat", "completed"},
	"status.suspendat":   {"suspendat", "suspended"},
	"status.anulat":      {"anulat", "cancelled"},
	"funding.local":      {"buget local", "local budget"},
	"funding.stat":       {"buget de stat", "state budget"},
	"funding.ue":         {"fonduri UE", "EU funds"},
	"funding.pnrr":       {"PNRR (Planul Național de Redresare și Reziliență)", "Recovery and Resilience Plan (PNRR)"},

	// procurement
	"proc.title":               {"Achizițiile publice ale %s, %d", "Public procurement of %s, %d"},
	"proc.supplier":            {"Contractant (denumire sau CUI – codul unic de înregistrare fiscală)", "Contractor (name or CUI, the fiscal code)"},
	"proc.cpv":                 {"Cod CPV (Vocabularul comun privind achizițiile publice) sau diviziune, de ex. 45", "CPV code (Common Procurement Vocabulary) or division, e.g. 45"},
	"proc.procedure":           {"Modalitatea de atribuire", "Award procedure"},
	"proc.min":                 {"Valoare minimă, lei", "Minimum value, lei"},
	"proc.max":                 {"Valoare maximă, lei", "Maximum value, lei"},
	"proc.from":                {"Atribuit de la (ZZ.LL.AAAA)", "Awarded from (DD.MM.YYYY)"},
	"proc.to":                  {"Atribuit până la (ZZ.LL.AAAA)", "Awarded until (DD.MM.YYYY)"},
	"date.hint":                {"ZZ.LL.AAAA", "DD.MM.YYYY"},
	"cpv.expansion":            {"Vocabularul comun privind achizițiile publice", "Common Procurement Vocabulary"},
	"proc.sort":                {"Ordonare", "Sort by"},
	"sort.data_desc":           {"cele mai noi întâi", "newest first"},
	"sort.data_asc":            {"cele mai vechi întâi", "oldest first"},
	"sort.valoare_desc":        {"valoarea cea mai mare întâi", "largest value first"},
	"sort.valoare_asc":         {"valoarea cea mai mică întâi", "smallest value first"},
	"proc.by.procedure":        {"Contracte pe modalități de atribuire", "Contracts by award procedure"},
	"proc.by.cpv":              {"Contracte pe diviziuni CPV", "Contracts by CPV division"},
	"proc.top":                 {"Contractanții care au câștigat cel mai mult în %d", "The contractors that won most in %d"},
	"proc.top.note":            {"Contractele instituției din tot anul, fără filtrele de mai sus; acordurile-cadru nu intră în totaluri.", "The institution's contracts of the whole year, without the filters above; framework agreements are not in the totals."},
	"proc.list":                {"Contractele (%s – %s din %s)", "Contracts (%s – %s of %s)"},
	"proc.count.note":          {"Lista are %s: cele %s și %s, care nu intră în total.", "The list has %s: the %s and %s, which are not in the totals."},
	"proc.list.empty":          {"Contractele", "Contracts"},
	"proc.date":                {"Data", "Date"},
	"proc.buyer":               {"Autoritatea contractantă", "Contracting authority"},
	"proc.supplier.col":        {"Contractantul", "Contractor"},
	"proc.object":              {"Obiectul contractului", "Contract title"},
	"proc.kind":                {"Modalitatea de atribuire", "Award procedure"},
	"proc.offers":              {"Oferte", "Offers"},
	"proc.division":            {"Diviziunea CPV", "CPV division"},
	"proc.no.cpv":              {"fără cod CPV", "no CPV code"},
	"proc.framework.note":      {"Acordurile-cadru sunt listate, dar nu intră în totaluri: se numără contractele subsecvente încheiate în baza lor, astfel încât nicio sumă nu se numără de două ori.", "Framework agreements are listed but not added to totals: the call-off contracts under them are, so no amount is counted twice."},
	"proc.awarded.by":          {"atribuit prin", "awarded by"},
	"proc.not.counted":         {"nu intră în total", "not in totals"},
	"kind.procedure_award":     {"contract atribuit prin procedură", "contract awarded by procedure"},
	"kind.direct_purchase":     {"achiziție directă", "direct award"},
	"kind.framework_agreement": {"acord-cadru", "framework agreement"},
	"kind.call_off":            {"contract subsecvent", "call-off contract"},
	"pager":                    {"Paginare", "Pagination"},
	"pager.prev":               {"Pagina anterioară", "Previous page"},
	"pager.next":               {"Pagina următoare", "Next page"},
	"pager.page":               {"Pagina %d din %d", "Page %d of %d"},
	"supplier.title":           {"Contractant: %s", "Contractor: %s"},
	"supplier.count.note":      {"dintre care %s, a căror valoare nu intră în total.", "of which %s, whose value is not in the total."},
	"supplier.cui":             {"Cod fiscal (CUI)", "Fiscal code (CUI)"},
	"supplier.buyers":          {"Autorități contractante", "Contracting authorities"},
	"supplier.first":           {"Primul contract", "First contract"},
	"supplier.last":            {"Ultimul contract", "Latest contract"},
	"supplier.by.year":         {"Contractele contractantului pe ani", "The contractor's contracts by year"},
	"supplier.contracts":       {"Toate contractele contractantului", "All the contractor's contracts"},

	// requests
	"req.title":        {"Cererile adresate %s, %d", "Requests to %s, %d"},
	"req.intro":        {"Doar agregate: numere și durate, niciodată date despre persoane.", "Aggregates only: counts and durations, never data about people."},
	"req.monthly":      {"Cereri pe luni", "Requests by month"},
	"req.channels":     {"Cereri pe canale", "Requests by channel"},
	"req.categories":   {"Cereri pe categorii", "Requests by category"},
	"req.departments":  {"Cereri pe compartimente", "Requests by department"},
	"req.channel":      {"Canalul", "Channel"},
	"req.category":     {"Categoria", "Category"},
	"req.department":   {"Compartimentul", "Department"},
	"req.received":     {"Înregistrate", "Received"},
	"req.answered":     {"Cu răspuns", "Answered"},
	"req.within":       {"Cu răspuns în termen", "Answered within the deadline"},
	"req.within.share": {"Pondere cu răspuns în termen", "Share answered within the deadline"},
	"req.median":       {"Jumătate au primit răspuns în cel mult", "Half were answered within"},
	"req.p90":          {"9 din 10 au primit răspuns în cel mult", "9 in 10 were answered within"},
	"req.no.answers":   {"Nicio cerere cu răspuns în acest an.", "No request answered this year."},

	// requests: outcomes, the date open requests are counted at, channels
	"req.open.overdue": {"Deschise după termen", "Open past the deadline"},
	"req.as.of":        {"Cererile deschise și cele deschise după termenul legal sunt socotite la %s: data exportului din registru sau, când registrul nu o spune, data încărcării lui.", "Open requests and those open past their legal deadline are counted as of %s: the date the register was exported or, when the register does not say, the date it was loaded."},
	"req.as.of.range":  {"Cererile deschise și cele deschise după termenul legal sunt socotite la data exportului din registru (sau a încărcării lui): între %s și %s.", "Open requests and those open past their legal deadline are counted as of the date the register was exported (or loaded): between %s and %s."},
	"req.as.of.note":   {"la %s", "on %s"},
	"req.outcomes":     {"Ce s-a întâmplat cu cererile", "What became of the requests"},
	"req.outcome":      {"Rezultatul", "Outcome"},
	"req.requests":     {"Cereri", "Requests"},
	"req.share":        {"Din cele înregistrate", "Of those received"},
	"req.out.within":   {"Cu răspuns în termen", "Answered within the deadline"},
	"req.out.late":     {"Cu răspuns după termen", "Answered after the deadline"},
	"req.out.overdue":  {"Încă deschise, după termen", "Still open, past the deadline"},
	"req.out.open":     {"Încă deschise, în termen", "Still open, within the deadline"},
	"req.out.redirect": {"Redirecționate către altă instituție", "Redirected to another institution"},
	"req.out.cancel":   {"Anulate sau retrase", "Cancelled or withdrawn"},

	// methodology
	"meth.title":      {"Metodologie", "Methodology"},
	"meth.intro":      {"Ce înseamnă fiecare indicator, de unde vin datele și cât de des se actualizează. Toate cifrele de pe site se calculează din fișierele publicate la Date deschise: oricine le poate verifica.", "What each indicator means, where the data comes from and how often it is updated. Every figure on the site is computed from the files published under Open data: anyone can check them."},
	"meth.indicators": {"Indicatori", "Indicators"},
	"meth.indicator":  {"Indicatorul", "Indicator"},
	"meth.definition": {"Cum se calculează", "How it is computed"},
	"meth.datasets":   {"Seturi de date", "Datasets"},
	"meth.dataset":    {"Setul de date", "Dataset"},
	"meth.source":     {"Sursa", "Source"},
	"meth.frequency":  {"Actualizare", "Updated"},
	"meth.defaults":   {"Implicit, paginile arată instituția principală și cel mai recent an bugetar. Sumele sunt în lei, fără TVA la contracte. Execuția bugetară este cumulată de la 1 ianuarie până la ultimul raport lunar.", "By default the pages show the main institution and the latest budget year. Amounts are in lei, contracts without VAT. Budget execution is cumulative from 1 January to the latest monthly report."},

	// open data
	"data.title":       {"Date deschise", "Open data"},
	"data.formats":     {"Fiecare set de date se descarcă în mai multe formate, cu aceleași rânduri: Parquet (un format deschis pentru tabele, pe care îl citesc Python, R, DuckDB și Power BI), CSV (UTF-8, separat prin virgulă), CSV Excel (pentru un Excel în limba română: separat prin punct și virgulă, cu virgulă zecimală și date zz.ll.aaaa), JSON, NDJSON (un obiect JSON pe rând), Arrow (flux Arrow IPC, pentru pandas, polars și R) și XLSX (Excel; doar pentru seturile care încap într-o foaie Excel, 1.048.575 de rânduri: pentru unul mai lung, pagina setului spune de ce lipsește și ce să folosiți în loc). În CSV și XLSX, un text care începe cu =, +, -, @ primește un apostrof în față, ca să nu fie rulat ca formulă. Fișierul manifest.json (format JSON, text structurat) descrie ediția: seturile, coloanele, numărul de rânduri, sursele, mărimea și suma de control sha256 a fiecărui fișier. Edițiile anterioare rămân disponibile la /date/editii/.", "Every dataset downloads in several formats holding the same rows: Parquet (an open format for tables, read by Python, R, DuckDB and Power BI), CSV (UTF-8, comma-separated), CSV Excel (for Excel with a Romanian locale: semicolon-separated, decimal comma, dates dd.mm.yyyy), JSON, NDJSON (one JSON object a line), Arrow (an Arrow IPC stream, for pandas, polars and R) and XLSX (Excel; only for a dataset that fits one Excel sheet, 1,048,575 rows: for a longer one, the dataset's page says why it is missing and what to use instead). In CSV and XLSX, a text beginning with =, +, -, @ gets a leading apostrophe so it never runs as a formula. The manifest.json file (JSON, structured text) describes the release: the datasets, their columns, row counts, sources, and every file's size and sha256 checksum. Earlier releases stay available at /date/editii/."},
	"data.caption":     {"Seturile de date publice ale ediției curente", "The public datasets of the current release"},
	"data.description": {"Descriere", "Description"},
	"data.rows":        {"Rânduri", "Rows"},
	"data.period":      {"Perioada", "Period"},
	"data.download":    {"Descărcare", "Download"},

	// errors
	"error.404":      {"Pagina nu există", "Page not found"},
	"error.404.text": {"Adresa nu corespunde niciunei pagini, instituții, investiții sau furnizor din datele publicate.", "The address matches no page, institution, investment or supplier in the published data."},
	"error.400":      {"Adresă invalidă", "Invalid address"},
	"error.400.text": {"Un parametru din adresă nu are o valoare validă: %s", "A parameter of the address has no valid value: %s"},
	"error.500":      {"Eroare", "Error"},
	"error.500.text": {"A apărut o eroare. Încercați din nou peste câteva momente.", "Something went wrong. Please try again in a few moments."},
	"error.503":      {"Serverul este ocupat", "The server is busy"},
	"error.503.text": {"Pagina nu a putut fi pregătită acum: serverul răspunde multor cereri deodată. Încercați din nou peste câteva secunde; datele nu s-au schimbat.", "The page could not be made just now: the server is answering many requests at once. Please try again in a few seconds; the data has not changed."},
	"error.home":     {"Înapoi la pagina principală", "Back to the home page"},
}

// T returns the text of key in lang.
func T(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == EN {
		return m[1]
	}
	return m[0]
}

// Tf formats the text of key with args.
func Tf(lang, key string, args ...any) string { return fmt.Sprintf(T(lang, key), args...) }

// Text is a text of the domain (models.Text) in lang.
func Text(lang string, t models.Text) string {
	if lang == EN {
		return t.EN
	}
	return t.RO
}
