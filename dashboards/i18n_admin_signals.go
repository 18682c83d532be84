package dashboards

// adminSignalMessages are the texts of the procurement integrity signals
// (dashboards/admin: page_signals.go, package kpis: signals.go).
var adminSignalMessages = map[string][2]string{
	"nav.admin.signals":    {"Semnale în achiziții", "Procurement signals"},
	"signals.title":        {"Semnale de integritate în achizițiile %s, %d", "Procurement integrity signals of %s, %d"},
	"signals.label":        {"Semnal de verificat, nu o concluzie", "A signal to check, not a conclusion"},
	"signals.intro":        {"Fiecare semnal arată contracte care merită privite mai atent: nu spune că ceva e greșit. Un semnal se verifică în dosarul achiziției (nota justificativă, estimarea valorii, piața) înainte de orice concluzie.", "Each signal points at contracts worth a closer look: it does not say anything is wrong. A signal is checked against the purchase's file (the justification, the estimated value, the market) before any conclusion."},
	"signals.period":       {"Perioada: atribuirile din %s. Sursa: setul public de achiziții al ediției (SEAP/SICAP); acordurile-cadru nu intră în totaluri, contractele lor subsecvente da.", "The period: awards in %s. Source: the release's public procurement dataset (SEAP/SICAP); framework agreements do not count in totals, their call-offs do."},
	"signals.whole":        {"Achizițiile nu sunt defalcate pe departamente: semnalele sunt ale întregii instituții.", "Procurement is not broken down by department: the signals are the whole institution's."},
	"signals.definition":   {"Definiție", "Definition"},
	"signals.parameters":   {"Parametri", "Parameters"},
	"signals.source":       {"Sursa", "Source"},
	"signals.rows":         {"Rândurile semnalate", "The flagged rows"},
	"signals.rows.all":     {"toate semnalele cu rânduri", "every signal with rows"},
	"signals.rows.title":   {"Rândurile semnalate: %s", "The flagged rows: %s"},
	"signals.new":          {"Doar cele noi față de ediția anterioară", "Only those new since the previous release"},
	"signals.new.yes":      {"da", "yes"},
	"signals.new.no":       {"nu, toate", "no, all"},
	"signals.new.no.short": {"nu", "no"},
	"signals.compare":      {"Comparate cu ediția anterioară, din %s: %s.", "Compared with the previous release, of %s: %s."},
	"signals.compare.none": {"Nu există o ediție anterioară păstrată în directorul edițiilor: semnalele nu pot fi comparate cu altele mai vechi.", "There is no previous release kept in the releases directory: the signals cannot be compared with older ones."},
	"signals.compare.fail": {"Ediția anterioară nu a putut fi citită: semnalele nu sunt comparate.", "The previous release could not be read: the signals are not compared."},
	"signals.value":        {"Valoarea", "Value"},
	"signals.thresholds":   {"Pragurile achiziției directe", "The direct-purchase thresholds"},
	"signals.th.since":     {"În vigoare de la", "In force from"},
	"signals.th.goods":     {"Produse și servicii (fără TVA)", "Goods and services (without VAT)"},
	"signals.th.works":     {"Lucrări (fără TVA)", "Works (without VAT)"},
	"signals.th.note":      {"Achiziția directă e permisă sub prag; se aplică pragul în vigoare la data atribuirii (cea din date: data estimării nu e publicată). Lucrări: diviziunea CPV 45; fără cod CPV, pragul produselor și serviciilor.", "A direct purchase is allowed below the threshold; the threshold in force on the award date applies (the data's date: the estimate's date is not published). Works: CPV division 45; without a CPV code, the goods and services threshold."},
	"signals.top":          {"Cei mai mari furnizori", "The largest suppliers"},
	"signals.top.supplier": {"Furnizor", "Supplier"},
	"signals.top.count":    {"Contracte", "Contracts"},
	"signals.top.part":     {"Partea", "Part"},
	"signals.top.byvalue":  {"după valoare", "by value"},
	"signals.top.bycount":  {"după număr: cel puțin un contract nu are valoare", "by number: at least one contract has no value"},

	"signal.directe":      {"Ponderea achizițiilor directe", "Direct-purchase share"},
	"signal.oferta-unica": {"O singură ofertă în procedurile competitive (R018)", "Single offer in competitive procedures (R018)"},
	"signal.concentrare":  {"Concentrarea furnizorilor", "Supplier concentration"},
	"signal.sub-prag":     {"Achiziții directe chiar sub prag", "Direct purchases just under the threshold"},
	"signal.divizare":     {"Posibilă divizare a achizițiilor", "Possible splitting of purchases"},
	"signal.perechi":      {"Perechi autoritate–furnizor peste prag în achiziții directe (R055)", "Buyer–supplier pairs over the threshold in direct purchases (R055)"},

	"signal.directe.param":      {"Numitorul: toate contractele care intră în totaluri (fără acordurile-cadru, cu contractele subsecvente).", "The denominator: every contract that counts in totals (no framework agreements, their call-offs included)."},
	"signal.oferta-unica.param": {"Se numără procedurile cu numărul de oferte cunoscut; acordurile-cadru da, contractele subsecvente nu.", "Procedures with a known number of offers count; framework agreements do, call-offs do not."},
	"signal.concentrare.param":  {"Primii 1 și 5 furnizori și indicele HHI (0–10.000), %s; persoanele fizice nu se clasează.", "The top 1 and top 5 suppliers and the HHI (0–10,000), %s; private persons are not ranked."},
	"signal.sub-prag.param":     {"Banda: de la %d %% până sub %d %% din prag (band_low, band_high).", "The band: from %d %% up to under %d %% of the threshold (band_low, band_high)."},
	"signal.divizare.param":     {"Fereastra: %s de la prima achiziție, socotind ziua ei (splitting_days); cel puțin 2 achiziții din aceeași clasă CPV; suma cel puțin pragul.", "The window: %s from the first purchase, counting its day (splitting_days); at least 2 purchases in the same CPV class; a sum of at least the threshold."},
	"signal.perechi.param":      {"Fereastra: %s de la o achiziție, socotind ziua ei (pair_days); lucrările și produsele sau serviciile separat; suma cel puțin pragul.", "The window: %s from a purchase, counting its day (pair_days); works and goods or services apart; a sum of at least the threshold."},

	"signal.directe.source":      {"Legea nr. 98/2016 privind achizițiile publice, art. 7 alin. (5): achiziția directă, sub prag.", "Law no. 98/2016 on public procurement, art. 7(5): the direct purchase, below the threshold."},
	"signal.oferta-unica.source": {"Open Contracting Partnership, Cardinal: indicatorul R018 (o singură ofertă într-o procedură competitivă).", "Open Contracting Partnership, Cardinal: indicator R018 (a single bid in a competitive procedure)."},
	"signal.concentrare.source":  {"Indicele Herfindahl-Hirschman: sub 1.500 puțin concentrat, 1.500–2.500 moderat, peste 2.500 foarte concentrat (pragurile uzuale ale autorităților de concurență).", "The Herfindahl-Hirschman index: under 1,500 unconcentrated, 1,500–2,500 moderately, over 2,500 highly concentrated (the usual thresholds of competition authorities)."},
	"signal.sub-prag.source":     {"Legea nr. 98/2016, art. 7 alin. (5), cu pragurile din tabelul de mai jos.", "Law no. 98/2016, art. 7(5), with the thresholds of the table below."},
	"signal.divizare.source":     {"Legea nr. 98/2016, art. 11: contractul nu se divizează pentru a evita procedura; art. 7 alin. (5), pragul.", "Law no. 98/2016, art. 11: a contract is not split to avoid a procedure; art. 7(5), the threshold."},
	"signal.perechi.source":      {"Open Contracting Partnership, Cardinal: indicatorul R055; Legea nr. 98/2016, art. 7 alin. (5), pragul.", "Open Contracting Partnership, Cardinal: indicator R055; Law no. 98/2016, art. 7(5), the threshold."},

	"signals.col.signal":    {"Semnal", "Signal"},
	"signals.col.id":        {"Contract", "Contract"},
	"signals.col.date":      {"Data atribuirii", "Award date"},
	"signals.col.supplier":  {"Furnizor", "Supplier"},
	"signals.col.cpv":       {"CPV", "CPV"},
	"signals.col.proc":      {"Procedura", "Procedure"},
	"signals.col.offers":    {"Oferte", "Offers"},
	"signals.col.value":     {"Valoare (fără TVA)", "Value (without VAT)"},
	"signals.col.why":       {"De ce e semnalat", "Why it is flagged"},
	"signals.col.new":       {"Nou", "New"},
	"signals.sort.data":     {"data atribuirii", "award date"},
	"signals.sort.valoare":  {"valoare", "value"},
	"signals.sort.furnizor": {"furnizor", "supplier"},

	"signals.why.directe":      {"achiziție directă", "direct purchase"},
	"signals.why.oferta-unica": {"o singură ofertă", "a single offer"},
	"signals.why.concentrare":  {"furnizorul nr. %d: %s din total", "supplier no. %d: %s of the total"},
	"signals.why.sub-prag":     {"%s din pragul de %s (%s, în vigoare la %s)", "%s of the %s threshold (%s, in force on %s)"},
	"signals.why.divizare":     {"seria care începe cu %s: %s din clasa CPV %s, %s între %s și %s; pragul %s", "the series starting with %s: %s in CPV class %s, %s between %s and %s; the threshold %s"},
	"signals.why.perechi":      {"%s de la același furnizor, %s între %s și %s; pragul %s", "%s from the same supplier, %s between %s and %s; the threshold %s"},
	"signals.why.goods":        {"produse și servicii", "goods and services"},
	"signals.why.works":        {"lucrări", "works"},
	"signals.purchase":         {"achiziție directă", "direct purchase"},
	"signals.purchases":        {"achiziții directe", "direct purchases"},
	"signals.day":              {"zi", "day"},
	"signals.days":             {"zile", "days"},
	"signals.yes":              {"da", "yes"},

	"kpi.why.no-contracts":      {"instituția nu are contracte atribuite în perioadă", "the institution awarded no contract in the period"},
	"kpi.why.no-competitive":    {"nicio procedură competitivă cu numărul de oferte cunoscut în perioadă", "no competitive procedure with a known number of offers in the period"},
	"kpi.why.no-direct":         {"nicio achiziție directă în perioadă", "no direct purchase in the period"},
	"kpi.why.signals-by-period": {"semnalele se calculează pe perioadă, nu lună de lună", "signals are computed for the period, not month by month"},
	"kpi.why.no-sql":            {"ediția nu poate fi citită pentru semnale", "the release cannot be read for signals"},

	"attention.signals":     {"%s: %s", "%s: %s"},
	"attention.signals.why": {"Semnalate în ediția curentă și nu în cea din %s; semnal de verificat, nu o concluzie.", "Flagged in the current release and not in that of %s; a signal to check, not a conclusion."},
	"attention.signal":      {"semnal nou", "new signal"},
	"attention.signals.n":   {"semnale noi", "new signals"},

	"export.file.semnale": {"semnale-achizitii", "procurement-signals"},
	"export.set.semnale":  {"semnalele achizițiilor", "procurement signals"},
}

func init() {
	for k, v := range adminSignalMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}
