package models

// KPI ids: the names of the headline numbers, as pages mark them
// (<data data-kpi="budget-final">) and as targets and tests refer to them.
const (
	KPIBudgetInitial       = "budget-initial"
	KPIBudgetFinal         = "budget-final"
	KPIBudgetExecuted      = "budget-executed"
	KPIRevenueExecuted     = "revenue-executed"
	KPIExecutionRate       = "execution-rate"
	KPIPerCapitaExecuted   = "per-capita-executed"
	KPIInvestmentsActive   = "investments-active"
	KPIInvestmentsCount    = "investments-count"
	KPIInvestmentsValue    = "investments-total-value"
	KPIContractsCount      = "contracts-count"
	KPIContractsValue      = "contracts-value"
	KPIRequestsReceived    = "requests-received"
	KPIRequestsWithinTerm  = "requests-within-term-share"
	KPIRequestsMedianDays  = "requests-median-days"
	KPIRequestsP90Days     = "requests-p90-days"
	KPIRequestsOnlineShare = "requests-online-share"
	KPIRequestsOpen        = "requests-open"
	KPIRequestsOpenOverdue = "requests-open-overdue"
	KPIRequestsDueSoon     = "requests-due-soon"
	KPIRequestsRedirected  = "requests-redirected"
	KPIRequestsCancelled   = "requests-cancelled"
	KPITotalValue          = "total-value"
	KPISpentToDate         = "spent-to-date"
	KPIProgress            = "progress"
	KPISupplierContracts   = "supplier-contracts"
	KPISupplierValue       = "supplier-value"

	// The decision-maker dashboards' budget ratios (targets in kpis/).
	KPIRevenueCollection = "revenue-collection-rate"
	KPIPersonnelShare    = "personnel-share"
	KPICapitalShare      = "capital-share"
	KPIFiscalAutonomy    = "fiscal-autonomy"

	// The procurement integrity signals (kpis/signals.go): each a signal
	// to check, not a conclusion.
	KPIDirectCountShare  = "procurement-direct-count-share"
	KPIDirectValueShare  = "procurement-direct-value-share"
	KPISingleOfferShare  = "procurement-single-offer-share"
	KPITop1Share         = "procurement-top1-share"
	KPITop5Share         = "procurement-top5-share"
	KPISupplierHHI       = "procurement-hhi"
	KPIThresholdBand     = "procurement-threshold-band"
	KPISplitting         = "procurement-splitting"
	KPIPairOverThreshold = "procurement-pair-over-threshold"
	// The decision-maker dashboards' investment KPIs (kpis/investments.go).
	KPIInvestmentsSpentShare        = "investments-spent-share"
	KPIInvestmentsPhysicalFinancial = "investments-physical-vs-financial"
	KPIInvestmentsOverdue           = "investments-overdue"
	KPIInvestmentsStalled           = "investments-stalled"
	KPIInvestmentsEUShare           = "investments-eu-share"
)

// Unit is what a KPI's value counts.
type Unit string

const (
	UnitLei     Unit = "lei"
	UnitCount   Unit = "count"
	UnitShare   Unit = "share"   // a ratio, shown as a percentage
	UnitDays    Unit = "days"    // calendar days
	UnitPercent Unit = "percent" // a percentage given as such (physical progress)
)

// Direction says which way a KPI improves.
type Direction int

const (
	Neutral        Direction = iota // a volume: neither more nor less is better
	HigherIsBetter                  //
	LowerIsBetter                   //
)

// KPI is a headline number: its id, title in Romanian and English, unit,
// direction, and (for the indicators the methodology explains) how it is
// computed, in the words of the public.
type KPI struct {
	ID         string
	Title      Text
	Unit       Unit
	Direction  Direction
	Definition Text
}

// KPIs is the vocabulary of headline numbers, in the order the methodology
// lists the ones it defines.
var KPIs = []KPI{
	{ID: KPIBudgetInitial, Unit: UnitLei, Direction: Neutral,
		Title: Text{"Credite bugetare inițiale", "Initial appropriations"},
		Definition: Text{
			RO: "Suma creditelor bugetare inițiale ale cheltuielilor instituției în anul ales: bugetul aprobat la începutul anului, înainte de rectificări.",
			EN: "The sum of the initial expenditure appropriations of the institution in the chosen year: the budget approved at the start of the year, before any amendment."}},
	{ID: KPIBudgetFinal, Unit: UnitLei, Direction: Neutral,
		Title: Text{"Credite bugetare definitive", "Final appropriations"},
		Definition: Text{
			RO: "Suma creditelor bugetare definitive ale cheltuielilor instituției în anul ales: bugetul aprobat, cu toate rectificările de până la ultimul raport de execuție al anului.",
			EN: "The sum of the final expenditure appropriations of the institution in the chosen year: the approved budget with every amendment up to the year's latest execution report."}},
	{ID: KPIBudgetExecuted, Unit: UnitLei, Direction: Neutral,
		Title: Text{"Cheltuit până acum (plăți)", "Spent so far (payments)"},
		Definition: Text{
			RO: "Plățile efectuate cumulat de la 1 ianuarie până la ultimul raport lunar al anului.",
			EN: "Payments made from 1 January up to the year's latest monthly report."}},
	{ID: KPIRevenueExecuted, Unit: UnitLei, Direction: HigherIsBetter,
		Title: Text{"Venituri încasate", "Revenue collected"},
		Definition: Text{
			RO: "Încasările realizate cumulat de la 1 ianuarie până la ultimul raport lunar.",
			EN: "Receipts collected from 1 January up to the latest monthly report."}},
	{ID: KPIExecutionRate, Unit: UnitShare, Direction: HigherIsBetter,
		Title: Text{"Grad de execuție a cheltuielilor", "Expenditure execution rate"},
		Definition: Text{
			RO: "Plățile împărțite la creditele definitive ale cheltuielilor. În cursul anului, tablourile de bord îl compară cu partea scursă din an (de exemplu 10/12 după raportul din octombrie).",
			EN: "Payments divided by the final expenditure appropriations. During the year, the dashboards compare it with the share of the year elapsed (for instance 10/12 after the October report)."}},
	{ID: KPIPerCapitaExecuted, Unit: UnitLei, Direction: Neutral,
		Title: Text{"Cheltuit pe locuitor", "Spent per inhabitant"},
		Definition: Text{
			RO: "Plățile împărțite la populația rezidentă a unității administrative din acel an (sau din cel mai apropiat an anterior, al cărui an se arată alături; pentru un an dinaintea oricărei cifre, cea mai veche cunoscută), rotunjit la ban.",
			EN: "Payments divided by the resident population of the administrative unit in that year (or in the nearest earlier year, whose year is shown beside it; for a year before any figure, the earliest known), rounded to the ban."}},
	{ID: KPIInvestmentsActive, Unit: UnitCount, Direction: Neutral,
		Title: Text{"Investiții în execuție", "Investments under way"},
		Definition: Text{
			RO: "Numărul obiectivelor din lista de investiții a anului cu stadiul „în execuție”.",
			EN: "The number of projects on the year's investment list whose status is “under way”."}},
	{ID: KPIContractsCount, Unit: UnitCount, Direction: Neutral,
		Title: Text{"Contracte atribuite", "Contracts awarded"},
		Definition: Text{
			RO: "Numărul contractelor atribuite de instituție în anul ales: proceduri, achiziții directe și contracte subsecvente. Acordurile-cadru nu se numără, ca să nu fie numărată de două ori aceeași sumă.",
			EN: "The number of contracts the institution awarded in the chosen year: procedures, direct purchases and call-offs. Framework agreements are not counted, so no amount is counted twice."}},
	{ID: KPIContractsValue, Unit: UnitLei, Direction: Neutral,
		Title: Text{"Valoarea contractelor", "Value of contracts"},
		Definition: Text{
			RO: "Valoarea fără TVA a acelorași contracte.",
			EN: "The value without VAT of the same contracts."}},
	{ID: KPIRequestsReceived, Unit: UnitCount, Direction: Neutral,
		Title: Text{"Cereri înregistrate", "Requests received"},
		Definition: Text{
			RO: "Cererile și petițiile înregistrate în anul ales, pe toate canalele.",
			EN: "Requests and petitions received in the chosen year, on every channel."}},
	{ID: KPIRequestsWithinTerm, Unit: UnitShare, Direction: HigherIsBetter,
		Title: Text{"Cu răspuns în termenul legal", "Answered within the legal deadline"},
		Definition: Text{
			RO: "Cererile cu răspuns în termenul legal (10 sau 30 de zile potrivit Legii nr. 544/2001, 30 de zile potrivit OG nr. 27/2002, termenele proprii ale certificatelor și autorizațiilor), împărțite la cererile al căror termen s-a împlinit: cele cu răspuns și cele încă deschise după expirarea termenului, care se numără ca întârziate. Cererile deschise aflate încă în termen, cele redirecționate către altă instituție și cele anulate sau retrase nu intră în calcul.",
			EN: "The requests answered within the legal deadline (10 or 30 days under Law no. 544/2001, 30 days under Government Ordinance no. 27/2002, the deadlines of certificates and permits), divided by the requests whose deadline has come: those answered and those still open after their deadline, which count as late. Open requests still within their deadline, requests redirected to another institution and cancelled or withdrawn ones are left out."}},
	{ID: KPIRequestsMedianDays, Unit: UnitDays, Direction: LowerIsBetter,
		Title: Text{"Timp median de răspuns", "Median time to answer"},
		Definition: Text{
			RO: "Jumătate dintre cererile cu răspuns (rezolvate sau respinse) au primit răspuns în cel mult atâtea zile (mediana): dacă timpul median este 7 zile, jumătate dintre cereri au primit răspuns în cel mult 7 zile.",
			EN: "Half of the answered (resolved or rejected) requests were answered within this many days (the median): a median of 7 days means half of the requests were answered within 7 days."}},
	{ID: KPIRequestsP90Days, Unit: UnitDays, Direction: LowerIsBetter,
		Title: Text{"9 din 10 cereri primesc răspuns în cel mult", "9 in 10 requests are answered within"},
		Definition: Text{
			RO: "9 din 10 cereri cu răspuns au primit răspuns în cel mult atâtea zile (percentila 90); restul de o zecime au așteptat mai mult.",
			EN: "9 in 10 answered requests were answered within this many days (the 90th percentile); the remaining tenth waited longer."}},
	{ID: KPIRequestsOnlineShare, Unit: UnitShare, Direction: HigherIsBetter,
		Title: Text{"Depuse online", "Filed online"},
		Definition: Text{
			RO: "Ponderea cererilor depuse online în totalul cererilor înregistrate. Cererile venite pe alt canal („altul”) sau pe un canal necunoscut se numără în total, nu ca depuse online.",
			EN: "The share of requests filed online among all requests received. Requests that came through another channel (“altul”) or an unknown one count in the total, not as filed online."}},
	{ID: KPIRequestsOpen, Unit: UnitCount, Direction: LowerIsBetter,
		Title: Text{"Cereri încă deschise", "Requests still open"},
		Definition: Text{
			RO: "Cererile înregistrate în anul ales care nu aveau încă răspuns la data exportului din registru (data arătată lângă cifre). Dacă registrul nu o spune, este data la care fișierul a fost încărcat.",
			EN: "The requests received in the chosen year that had no answer yet when the register was exported (the date shown beside the figures). When the register does not say, it is the date the file was loaded."}},
	{ID: KPIRequestsOpenOverdue, Unit: UnitCount, Direction: LowerIsBetter,
		Title: Text{"Deschise după termenul legal", "Open past the legal deadline"},
		Definition: Text{
			RO: "Dintre cererile încă deschise, cele al căror termen legal expirase la data exportului din registru. Se numără ca întârziate.",
			EN: "Of the requests still open, those whose legal term had passed when the register was exported. They count as late."}},
	{ID: KPIRequestsRedirected, Unit: UnitCount, Direction: Neutral,
		Title: Text{"Redirecționate către altă instituție", "Redirected to another institution"},
		Definition: Text{
			RO: "Cererile trimise instituției competente: nu sunt nici răspunse, nici întârziate, și se numără separat.",
			EN: "The requests sent on to the competent institution: neither answered nor late, counted apart."}},
	{ID: KPIRequestsCancelled, Unit: UnitCount, Direction: Neutral,
		Title: Text{"Anulate sau retrase", "Cancelled or withdrawn"},
		Definition: Text{
			RO: "Cererile anulate sau retrase de petent: nu sunt nici răspunse, nici întârziate, și se numără separat.",
			EN: "The requests cancelled, or withdrawn by whoever filed them: neither answered nor late, counted apart."}},
	{ID: KPIRevenueCollection, Unit: UnitShare, Direction: HigherIsBetter,
		Title: Text{"Grad de încasare a veniturilor", "Revenue collection rate"},
		Definition: Text{
			RO: "Încasările realizate cumulat de la 1 ianuarie împărțite la prevederile definitive ale veniturilor pe tot anul. În cursul anului se compară cu partea scursă din an (de exemplu 10/12 după raportul din octombrie).",
			EN: "Receipts collected from 1 January divided by the final revenue forecast for the whole year. During the year it is compared with the share of the year elapsed (for instance 10/12 after the October report)."}},
	{ID: KPIPersonnelShare, Unit: UnitShare, Direction: LowerIsBetter,
		Title: Text{"Ponderea cheltuielilor de personal", "Personnel spending share"},
		Definition: Text{
			RO: "Plățile din titlul 10 „Cheltuieli de personal” al clasificației economice împărțite la toate plățile instituției, cumulat de la 1 ianuarie.",
			EN: "Payments under economic title 10 “Personnel expenses” divided by all of the institution's payments, from 1 January."}},
	{ID: KPICapitalShare, Unit: UnitShare, Direction: HigherIsBetter,
		Title: Text{"Ponderea cheltuielilor de capital", "Capital spending share"},
		Definition: Text{
			RO: "Plățile din grupa 70 „Cheltuieli de capital” (titlurile 71 Active nefinanciare și 72 Active financiare) împărțite la toate plățile instituției, cumulat de la 1 ianuarie. Proiectele cu fonduri europene (titlurile 56, 58, 60) și PNRR (titlul 61) au titluri proprii și nu intră aici.",
			EN: "Payments under group 70 “Capital expenses” (titles 71 Non-financial assets and 72 Financial assets) divided by all of the institution's payments, from 1 January. Projects with EU funds (titles 56, 58, 60) and PNRR (title 61) have titles of their own and are not counted here."}},
	{ID: KPIFiscalAutonomy, Unit: UnitShare, Direction: HigherIsBetter,
		Title: Text{"Autonomie fiscală", "Fiscal autonomy"},
		Definition: Text{
			RO: "Veniturile proprii încasate împărțite la toate veniturile încasate, cumulat de la 1 ianuarie. Venituri proprii, potrivit Legii nr. 273/2006 (art. 5): impozite, taxe, contribuții, alte vărsăminte, alte venituri și cotele defalcate din impozitul pe venit, adică capitolele de venituri 01–39 fără 11 (sume defalcate din TVA) și 37 (transferuri voluntare și vărsăminte între secțiuni). Subvențiile (42, 43) și sumele de la Uniunea Europeană (45, 48) nu sunt venituri proprii.",
			EN: "Own revenues collected divided by all revenues collected, from 1 January. Own revenues, under Law no. 273/2006 (art. 5): taxes, fees, contributions, other payments, other revenues and the shares of income tax, that is revenue chapters 01–39 except 11 (shares of VAT) and 37 (voluntary transfers and transfers between sections). Subsidies (42, 43) and sums from the European Union (45, 48) are not own revenues."}},
	{ID: KPIDirectCountShare, Unit: UnitShare, Direction: LowerIsBetter,
		Title: Text{"Achiziții directe (număr)", "Direct purchases (count)"},
		Definition: Text{
			RO: "Achizițiile directe împărțite la toate contractele atribuite de instituție în perioadă (proceduri, achiziții directe și contracte subsecvente; acordurile-cadru nu se numără, contractele lor subsecvente da).",
			EN: "Direct purchases divided by all the contracts the institution awarded in the period (procedures, direct purchases and call-offs; framework agreements are not counted, their call-offs are)."}},
	{ID: KPIDirectValueShare, Unit: UnitShare, Direction: LowerIsBetter,
		Title: Text{"Achiziții directe (valoare)", "Direct purchases (value)"},
		Definition: Text{
			RO: "Valoarea fără TVA a achizițiilor directe împărțită la valoarea tuturor contractelor atribuite în perioadă, cu aceeași regulă pentru acordurile-cadru.",
			EN: "The value without VAT of direct purchases divided by the value of all the contracts awarded in the period, with the same rule for framework agreements."}},
	{ID: KPISingleOfferShare, Unit: UnitShare, Direction: LowerIsBetter,
		Title: Text{"Proceduri competitive cu o singură ofertă", "Competitive procedures with a single offer"},
		Definition: Text{
			RO: "Procedurile competitive (licitație deschisă sau restrânsă, procedură simplificată, negociere competitivă, dialog competitiv, parteneriat pentru inovare, concurs de soluții, servicii sociale; acordurile-cadru se numără, contractele subsecvente nu) atribuite cu o singură ofertă, împărțite la cele cu numărul de oferte cunoscut (indicatorul R018 al Cardinal). Achizițiile directe și negocierea fără publicare prealabilă nu sunt competitive.",
			EN: "Competitive procedures (open or restricted procedure, simplified procedure, competitive negotiation, competitive dialogue, innovation partnership, design contest, social services; framework agreements count, call-offs do not) awarded with a single offer, divided by those whose number of offers is known (Cardinal's indicator R018). Direct purchases and negotiation without prior publication are not competitive."}},
	{ID: KPITop1Share, Unit: UnitShare, Direction: LowerIsBetter,
		Title: Text{"Cel mai mare furnizor", "Largest supplier"},
		Definition: Text{
			RO: "Partea celui mai mare furnizor din valoarea contractelor atribuite în perioadă (după număr, când un contract nu are valoare). Persoanele fizice nu se clasează (sunt persoane diferite sub același cod mascat).",
			EN: "The largest supplier's part of the value of the contracts awarded in the period (of their number, when a contract has no value). Private persons are not ranked (they are different people under one masked code)."}},
	{ID: KPITop5Share, Unit: UnitShare, Direction: LowerIsBetter,
		Title: Text{"Primii 5 furnizori", "Top 5 suppliers"},
		Definition: Text{
			RO: "Partea primilor cinci furnizori din valoarea contractelor atribuite în perioadă (după număr, când un contract nu are valoare).",
			EN: "The five largest suppliers' part of the value of the contracts awarded in the period (of their number, when a contract has no value)."}},
	{ID: KPISupplierHHI, Unit: UnitCount, Direction: LowerIsBetter,
		Title: Text{"Indicele Herfindahl-Hirschman al furnizorilor", "Herfindahl-Hirschman index of suppliers"},
		Definition: Text{
			RO: "Suma pătratelor părților furnizorilor (în procente) din valoarea contractelor (după număr, când un contract nu are valoare): de la aproape 0 (mulți furnizori mici) la 10.000 (un singur furnizor).",
			EN: "The sum of the squares of the suppliers' parts (in percent) of the value of the contracts (of their number, when a contract has no value): from near 0 (many small suppliers) to 10,000 (a single supplier)."}},
	{ID: KPIThresholdBand, Unit: UnitCount, Direction: LowerIsBetter,
		Title: Text{"Achiziții directe chiar sub prag", "Direct purchases just under the threshold"},
		Definition: Text{
			RO: "Achizițiile directe a căror valoare fără TVA este în banda de sub pragul legal al achiziției directe în vigoare la data atribuirii (pentru lucrări, diviziunea CPV 45, pragul lucrărilor). Legea permite achiziția directă doar sub prag: o valoare egală cu pragul nu este „sub prag”.",
			EN: "Direct purchases whose value without VAT lies in the band just under the legal direct-purchase threshold in force on the award date (for works, CPV division 45, the works threshold). The law allows a direct purchase only below the threshold: a value equal to it is not “under the threshold”."}},
	{ID: KPISplitting, Unit: UnitCount, Direction: LowerIsBetter,
		Title: Text{"Posibile divizări ale achizițiilor", "Possible splitting of purchases"},
		Definition: Text{
			RO: "Seriile de două sau mai multe achiziții directe ale aceleiași autorități de la același furnizor, din aceeași clasă CPV (primele 4 cifre), atribuite într-o fereastră de zile de la prima, care împreună ajung cel puțin la pragul achiziției directe în vigoare la data primei (Legea nr. 98/2016, art. 11, interzice divizarea pentru a evita procedura).",
			EN: "Series of two or more direct purchases by the same buyer from the same supplier in the same CPV class (first 4 digits), awarded within a window of days from the first, which together reach at least the direct-purchase threshold in force on the first one's date (Law no. 98/2016, art. 11, forbids splitting to avoid a procedure)."}},
	{ID: KPIPairOverThreshold, Unit: UnitCount, Direction: LowerIsBetter,
		Title: Text{"Perechi autoritate–furnizor peste prag", "Buyer–supplier pairs over the threshold"},
		Definition: Text{
			RO: "Furnizorii de la care instituția a cumpărat direct, într-o fereastră de zile de la o achiziție (365 implicit), cel puțin pragul peste care e necesară o procedură competitivă (pragul achiziției directe în vigoare la data primei; lucrările și produsele sau serviciile se socotesc separat): indicatorul R055 al Cardinal.",
			EN: "The suppliers from whom the institution bought directly, within a window of days from a purchase (365 by default), at least the threshold above which a competitive procedure is required (the direct-purchase threshold in force on the first one's date; works and goods or services are summed apart): Cardinal's indicator R055."}},
	{ID: KPIRequestsDueSoon, Unit: UnitCount, Direction: Neutral,
		Title: Text{"Cu termenul în următoarele zile", "Due in the next days"}},
	{ID: KPIInvestmentsSpentShare, Unit: UnitShare, Direction: HigherIsBetter,
		Title: Text{"Cheltuit din prevederea anului pentru investiții", "Investment spending against the year's plan"},
		Definition: Text{
			RO: "Suma cheltuită în an pentru obiectivele din lista de investiții a anului împărțită la suma prevăzută pentru ele în același an. În cursul anului se compară cu partea scursă din an (luna ultimului raport de execuție / 12).",
			EN: "The amount spent in the year on the objectives of the year's investment list divided by the amount planned for them in the same year. During the year it is compared with the share of the year elapsed (the month of the latest execution report / 12)."}},
	{ID: KPIInvestmentsPhysicalFinancial, Unit: UnitShare, Direction: HigherIsBetter,
		Title: Text{"Progres fizic față de progresul financiar", "Physical against financial progress"},
		Definition: Text{
			RO: "Progresul fizic al obiectivelor de investiții, ponderat cu valoarea lor totală, împărțit la progresul lor financiar (suma cheltuită de la început împărțită la valoarea totală). 100 % înseamnă că s-a construit cât s-a plătit; sub 100 %, s-a plătit mai mult decât s-a construit. Intră obiectivele cu progresul fizic raportat, fără cele anulate.",
			EN: "The physical progress of the investment objectives, weighted by their total value, divided by their financial progress (the amount spent to date divided by the total value). 100 % means as much was built as was paid for; below 100 %, more was paid than built. It counts the objectives with a reported physical progress, cancelled ones left out."}},
	{ID: KPIInvestmentsOverdue, Unit: UnitCount, Direction: LowerIsBetter,
		Title: Text{"Investiții cu termenul depășit", "Investments past their planned end"},
		Definition: Text{
			RO: "Obiectivele din lista anului a căror finalizare planificată a trecut la data ediției și care nu au fost recepționate (nici finalizate, nici anulate).",
			EN: "The objectives of the year's list whose planned end had passed on the release's date and that were not received (neither finished nor cancelled)."}},
	{ID: KPIInvestmentsStalled, Unit: UnitCount, Direction: LowerIsBetter,
		Title: Text{"Investiții fără plăți", "Investments with no payment"},
		Definition: Text{
			RO: "Obiectivele în execuție cu bani prevăzuți în an și nicio plată în an, după un număr de luni din an (implicit 6, la luna ultimului raport de execuție). Lista investițiilor dă cheltuielile anului, nu datele plăților: „nicio plată de N luni” se citește „nicio plată în an, după N luni din an”.",
			EN: "The objectives under way with money planned for the year and no payment in it, a number of months into the year (6 by default, at the month of the latest execution report). The investment list gives the year's spending, not the dates of payments: “no payment for N months” reads “no payment in the year, N months into it”."}},
	{ID: KPIInvestmentsEUShare, Unit: UnitShare, Direction: HigherIsBetter,
		Title: Text{"Investiții finanțate din fonduri UE și PNRR", "Investments funded by the EU and PNRR"},
		Definition: Text{
			RO: "Valoarea totală a obiectivelor din lista anului cu sursa principală de finanțare fonduri europene (ue) sau PNRR împărțită la valoarea totală a tuturor obiectivelor listei, fără cele anulate.",
			EN: "The total value of the objectives of the year's list whose main funding source is EU funds (ue) or PNRR divided by the total value of every objective of the list, cancelled ones left out."}},
	{ID: KPIInvestmentsCount, Unit: UnitCount, Direction: Neutral,
		Title: Text{"Obiective de investiții", "Investment projects"}},
	{ID: KPIInvestmentsValue, Unit: UnitLei, Direction: Neutral,
		Title: Text{"Valoarea totală estimată", "Total estimated value"}},
	{ID: KPITotalValue, Unit: UnitLei, Direction: Neutral,
		Title: Text{"Valoarea totală estimată", "Total estimated value"}},
	{ID: KPISpentToDate, Unit: UnitLei, Direction: Neutral,
		Title: Text{"Cheltuit de la început", "Spent to date"}},
	{ID: KPIProgress, Unit: UnitPercent, Direction: HigherIsBetter,
		Title: Text{"Progres fizic", "Physical progress"}},
	{ID: KPISupplierContracts, Unit: UnitCount, Direction: Neutral,
		Title: Text{"Contracte (toate autoritățile)", "Contracts (all buyers)"}},
	{ID: KPISupplierValue, Unit: UnitLei, Direction: Neutral,
		Title: Text{"Valoarea contractelor (fără acordurile-cadru)", "Value of contracts (framework agreements excluded)"}},
}

// LookupKPI returns the KPI with id.
func LookupKPI(id string) (KPI, bool) {
	for _, k := range KPIs {
		if k.ID == id {
			return k, true
		}
	}
	return KPI{}, false
}
