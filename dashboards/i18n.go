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
	"footer.release":      {"Ediția %s, publicată la %s.", "Release %s, published on %s."},
	"footer.fresh":        {"Date actualizate până la %s.", "Data up to %s."},
	"footer.licence":      {"Licență", "Licence"},
	"footer.source":       {"Codul și metodologia: Deschis.", "Code and methodology: Deschis."},
	"permalink":           {"Legătură permanentă la această vedere", "Permanent link to this view"},
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
	"budget.title.chapter":       {"%s: capitolul %s, %d", "%s: chapter %s, %d"},
	"budget.view":                {"Vedere", "View"},
	"budget.view.entitate":       {"doar instituția", "the institution only"},
	"budget.view.consolidat":     {"consolidat (cu unitățile subordonate, fără transferurile dintre ele)", "consolidated (with subordinate units, transfers between them removed)"},
	"budget.chapter":             {"Capitol", "Chapter"},
	"budget.chapters":            {"Cheltuieli pe capitole (clasificația funcțională)", "Expenses by chapter (functional classification)"},
	"budget.subchapters":         {"Cheltuieli pe subcapitole", "Expenses by subchapter"},
	"budget.revenues":            {"Venituri pe capitole", "Revenues by chapter"},
	"budget.economic":            {"Cheltuieli pe titluri (clasificația economică)", "Expenses by title (economic classification)"},
	"budget.sections":            {"Funcționare și dezvoltare", "Operating and development sections"},
	"budget.monthly":             {"Execuția lunară față de creditele anului", "Monthly execution against the year's appropriations"},
	"budget.years":               {"Comparație între ani", "Year-over-year comparison"},
	"budget.100":                 {"Unde merg 100 de lei din buget", "Where 100 lei of the budget go"},
	"budget.100.col":             {"Din 100 de lei", "Out of 100 lei"},
	"budget.final":               {"Credite definitive", "Final appropriations"},
	"budget.executed":            {"Plăți", "Payments"},
	"budget.rev.final":           {"Prevederi definitive", "Final estimates"},
	"budget.rev.executed":        {"Încasări", "Receipts"},
	"budget.prev":                {"Plăți în %d", "Payments in %d"},
	"budget.change":              {"Variație față de %d", "Change from %d"},
	"budget.rate":                {"Execuție", "Execution"},
	"budget.cumulative":          {"Plăți cumulate", "Cumulative payments"},
	"budget.in.month":            {"Plăți în lună", "Payments in the month"},
	"budget.drill":               {"Detalii pe subcapitole", "Subchapter details"},
	"budget.all.chapters":        {"Înapoi la toate capitolele", "Back to all chapters"},
	"budget.section.functionare": {"Secțiunea de funcționare", "Operating section"},
	"budget.section.dezvoltare":  {"Secțiunea de dezvoltare (investiții)", "Development section (investments)"},
	"budget.expenses":            {"Cheltuieli", "Expenses"},
	"budget.revenues.short":      {"Venituri", "Revenues"},
	"budget.reported":            {"Raportat până în luna", "Reported up to month"},
	"budget.population":          {"Populația folosită: %s locuitori.", "Population used: %s inhabitants."},

	// investments
	"inv.title":          {"Investițiile %s, %d", "Investments of %s, %d"},
	"inv.status":         {"Stadiul", "Status"},
	"inv.funding":        {"Finanțarea", "Funding"},
	"inv.chapter":        {"Capitolul", "Chapter"},
	"inv.list":           {"Obiectivele de investiții", "Investment objectives"},
	"inv.by.status":      {"Obiective pe stadii", "Objectives by status"},
	"inv.code":           {"Cod", "Code"},
	"inv.name":           {"Obiectivul", "Objective"},
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
	"inv.contracts":      {"Contractele de achiziție ale obiectivului", "The objective's procurement contracts"},
	"inv.no.contracts":   {"Niciun contract de achiziție legat de acest obiectiv în date.", "No procurement contract linked to this objective in the data."},
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
	"funding.pnrr":       {"PNRR", "Recovery plan (PNRR)"},

	// procurement
	"proc.title":               {"Achizițiile publice ale %s, %d", "Public procurement of %s, %d"},
	"proc.supplier":            {"Furnizor (nume sau CUI)", "Supplier (name or fiscal code)"},
	"proc.cpv":                 {"Cod CPV sau diviziune (de ex. 45)", "CPV code or division (e.g. 45)"},
	"proc.procedure":           {"Procedura", "Procedure"},
	"proc.min":                 {"Valoare minimă, lei", "Minimum value, lei"},
	"proc.max":                 {"Valoare maximă, lei", "Maximum value, lei"},
	"proc.from":                {"Atribuit de la (AAAA-LL-ZZ)", "Awarded from (YYYY-MM-DD)"},
	"proc.to":                  {"Atribuit până la (AAAA-LL-ZZ)", "Awarded until (YYYY-MM-DD)"},
	"proc.sort":                {"Ordonare", "Sort by"},
	"sort.data_desc":           {"cele mai noi întâi", "newest first"},
	"sort.data_asc":            {"cele mai vechi întâi", "oldest first"},
	"sort.valoare_desc":        {"valoarea cea mai mare întâi", "largest value first"},
	"sort.valoare_asc":         {"valoarea cea mai mică întâi", "smallest value first"},
	"proc.by.procedure":        {"Contracte pe tipuri de procedură", "Contracts by procedure type"},
	"proc.by.cpv":              {"Contracte pe diviziuni CPV", "Contracts by CPV division"},
	"proc.list":                {"Contractele (%s – %s din %s)", "Contracts (%s – %s of %s)"},
	"proc.list.empty":          {"Contractele", "Contracts"},
	"proc.date":                {"Data", "Date"},
	"proc.buyer":               {"Autoritatea", "Buyer"},
	"proc.supplier.col":        {"Furnizorul", "Supplier"},
	"proc.object":              {"Obiectul contractului", "Contract title"},
	"proc.kind":                {"Tipul", "Kind"},
	"proc.offers":              {"Oferte", "Offers"},
	"proc.division":            {"Diviziunea CPV", "CPV division"},
	"proc.no.cpv":              {"fără cod CPV", "no CPV code"},
	"proc.framework.note":      {"Acordurile-cadru sunt listate, dar nu intră în totaluri: se numără contractele subsecvente încheiate în baza lor, astfel încât nicio sumă nu se numără de două ori.", "Framework agreements are listed but not added to totals: the call-off contracts under them are, so no amount is counted twice."},
	"proc.not.counted":         {"nu intră în total", "not in totals"},
	"kind.procedure_award":     {"contract (procedură)", "contract (procedure)"},
	"kind.direct_purchase":     {"achiziție directă", "direct purchase"},
	"kind.framework_agreement": {"acord-cadru", "framework agreement"},
	"kind.call_off":            {"contract subsecvent", "call-off contract"},
	"pager":                    {"Paginare", "Pagination"},
	"pager.prev":               {"Pagina anterioară", "Previous page"},
	"pager.next":               {"Pagina următoare", "Next page"},
	"pager.page":               {"Pagina %d din %d", "Page %d of %d"},
	"supplier.title":           {"Furnizor: %s", "Supplier: %s"},
	"supplier.cui":             {"Cod fiscal", "Fiscal code"},
	"supplier.buyers":          {"Autorități contractante", "Buyers"},
	"supplier.first":           {"Primul contract", "First contract"},
	"supplier.last":            {"Ultimul contract", "Latest contract"},
	"supplier.by.year":         {"Contractele furnizorului pe ani", "The supplier's contracts by year"},
	"supplier.contracts":       {"Toate contractele furnizorului", "All the supplier's contracts"},

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
	"req.within":       {"În termen", "Within term"},
	"req.within.share": {"Pondere în termen", "Share within term"},
	"req.median":       {"Mediana zilelor", "Median days"},
	"req.p90":          {"Percentila 90", "90th percentile"},
	"req.no.answers":   {"Nicio cerere cu răspuns în acest an.", "No request answered this year."},

	// requests: outcomes, the date open requests are counted at, channels
	"req.open.overdue":   {"Deschise după termen", "Open past term"},
	"req.as.of":          {"Cererile deschise și cele deschise după termenul legal sunt socotite la %s: data exportului din registru sau, când registrul nu o spune, data încărcării lui.", "Open requests and those open past their legal term are counted as of %s: the date the register was exported or, when the register does not say, the date it was loaded."},
	"req.as.of.range":    {"Cererile deschise și cele deschise după termenul legal sunt socotite la data exportului din registru (sau a încărcării lui): între %s și %s.", "Open requests and those open past their legal term are counted as of the date the register was exported (or loaded): between %s and %s."},
	"req.as.of.note":     {"la %s", "on %s"},
	"req.outcomes":       {"Ce s-a întâmplat cu cererile", "What became of the requests"},
	"req.outcome":        {"Rezultatul", "Outcome"},
	"req.requests":       {"Cereri", "Requests"},
	"req.share":          {"Din cele înregistrate", "Of those received"},
	"req.out.within":     {"Cu răspuns în termen", "Answered within the term"},
	"req.out.late":       {"Cu răspuns după termen", "Answered after the term"},
	"req.out.overdue":    {"Încă deschise, după termen", "Still open, past the term"},
	"req.out.open":       {"Încă deschise, în termen", "Still open, within the term"},
	"req.out.redirect":   {"Redirecționate către altă instituție", "Redirected to another institution"},
	"req.out.cancel":     {"Anulate sau retrase", "Cancelled or withdrawn"},
	"channel.altul":      {"alt canal (nu online)", "another channel (not online)"},
	"channel.necunoscut": {"canal necunoscut (nu online)", "unknown channel (not online)"},

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
	"data.intro":       {"Ediția %s, publicată la %s. Licență: %s. Descrierea completă a ediției: %s.", "Release %s, published on %s. Licence: %s. Full description of the release: %s."},
	"data.caption":     {"Seturile de date publice ale ediției curente", "The public datasets of the current release"},
	"data.description": {"Descriere", "Description"},
	"data.rows":        {"Rânduri", "Rows"},
	"data.period":      {"Perioada", "Period"},
	"data.download":    {"Descărcare", "Download"},

	// errors
	"error.404":      {"Pagina nu există", "Page not found"},
	"error.404.text": {"Adresa nu corespunde niciunei pagini, instituții, investiții sau furnizor din datele publicate.", "The address matches no page, institution, investment or supplier in the published data."},
	"error.400":      {"Cerere greșită", "Bad request"},
	"error.400.text": {"Un parametru din adresă nu are o valoare validă: %s", "A parameter of the address has no valid value: %s"},
	"error.500":      {"Eroare", "Error"},
	"error.500.text": {"A apărut o eroare. Încercați din nou peste câteva momente.", "Something went wrong. Please try again in a few moments."},
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
