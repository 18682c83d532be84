package release

import "github.com/deschis/deschis/models"

// Dataset is a dataset of every release, declared once: its published
// schema with what each column means (the manifest's), the mart it is
// published from, the key its file is sorted by, how the reader loads it, and
// what its coverage and lineage are measured on. The publish check proves
// every file matches the declared schema.
type Dataset struct {
	models.PublishedDataset
	// Mart is the warehouse view the dataset is published from
	// (warehouse/marts/<Mart>.sql).
	Mart string
	// SortKey orders the published file by the key its pages look rows up
	// by, so Parquet row groups prune, then by the rest of the row's key: it
	// is a total order (no two published rows share it), so publishing the
	// same warehouse twice writes the same bytes (TestEverySortKeyIsATotalOrder).
	SortKey string
	// ReadOrder is the order the reader's table of the dataset is sorted
	// by (the site's lookups); "" when the site does not load it.
	ReadOrder string
	// CoverageDate and CoverageEntity are the SQL expressions the
	// dataset's period and institutions are measured on ("" for none): the
	// period runs from the smallest CoverageDate to the largest, or to the
	// largest CoverageTo when the rows give their last day apart.
	CoverageDate, CoverageEntity string
	CoverageTo                   string
	// Lineage are the core tables whose load ids the manifest lists.
	Lineage []string
	// PartitionEntity, for a large dataset, is its column naming the
	// institution whose county (and the row's year) partitions its copy as
	// Hive-partitioned Parquet (publish_partitions.go); "" for none.
	PartitionEntity string
}

// Lookup returns the declaration of a dataset.
func Lookup(name string) (Dataset, bool) {
	for _, d := range Datasets {
		if d.Name == name {
			return d, true
		}
	}
	return Dataset{}, false
}

func text(ro, en string) models.Text { return models.Text{RO: ro, EN: en} }

func col(name, typ, ro, en string) models.Column {
	return models.Column{Name: name, Type: typ, Description: text(ro, en)}
}

var (
	colEntity     = col("entity_cui", "VARCHAR", "codul fiscal (CUI) al instituției", "fiscal code of the institution")
	colEntityName = col("entity_name", "VARCHAR", "denumirea instituției", "name of the institution")
	colGroup      = col("group_cui", "VARCHAR", "CUI-ul ordonatorului principal al grupului (instituția și unitățile subordonate)", "fiscal code of the group's main authority")
	colIntra      = col("intra_group", "BOOLEAN", "transfer între instituțiile grupului, eliminat în bugetul consolidat", "transfer inside the group, eliminated when consolidating")
	// colLoad is the provenance of a row that is a source row: the load it
	// came from, whose file the manifest's loads name.
	colLoad = col("load_id", "BIGINT", "încărcarea din care provine rândul: fișierul sursă, cu sha256 și data, este în secțiunea loads a manifestului", "the load the row came from: its source file, with sha256 and time, is in the manifest's loads section")
)

// Datasets are the datasets of every release, in manifest order.
var Datasets = []Dataset{
	{PublishedDataset: models.PublishedDataset{Name: "entities", Access: models.Public,
		Title:       text("Instituții", "Institutions"),
		Description: text("Instituțiile acoperite: autoritatea, unitățile subordonate și populația lor.", "The institutions covered: the authority, its subordinate units and their population."),
		Schema: []models.Column{
			col("cui", "VARCHAR", "codul fiscal (CUI)", "fiscal code"),
			col("siruta", "INTEGER", "codul SIRUTA", "SIRUTA code"),
			col("name", "VARCHAR", "denumirea", "name"),
			col("kind", "VARCHAR", "tipul: municipiu, oraș, comună, județ, unitate subordonată", "kind"),
			col("parent_cui", "VARCHAR", "CUI-ul ordonatorului principal", "fiscal code of the parent authority"),
			col("county", "VARCHAR", "indicativul județului", "county code"),
			col("population_year", "INTEGER", "anul populației", "population year"),
			col("population", "BIGINT", "populația rezidentă", "resident population"),
			col("name_genitive", "VARCHAR", "denumirea la genitiv-dativ („Municipiului Demo”), dată în fișierul instituțiilor sau dedusă pentru municipii, orașe, comune, județe și sectoare", "the name in the Romanian genitive-dative case (“Municipiului Demo”), given in the entities file or derived for municipalities, towns, communes, counties and sectors"),
		},
		Source: text("Registrul instituțiilor și datele INS privind populația.",
			"The register of institutions and the population figures of the National Institute of Statistics."),
		Frequency: text("anual", "yearly"), Period: models.PeriodYear},
		Mart: "mart_entities", SortKey: "cui, population_year", ReadOrder: "cui, population_year",
		CoverageDate: "make_date(population_year, 1, 1)", CoverageEntity: "cui", Lineage: []string{"dim_entity", "entity_population"}},
	{PublishedDataset: models.PublishedDataset{Name: "budget", Access: models.Public,
		Title: text("Buget și execuție", "Budget and execution"),
		Description: text("Bugetul aprobat (inițial și definitiv) și execuția cumulată la zi, pe clasificația funcțională și economică, din ultimul raport al fiecărui an.",
			"Approved budget (initial and final) and execution to date by functional and economic classification, from each year's latest report."),
		Schema: []models.Column{
			colEntity, colEntityName, colGroup,
			col("year", "INTEGER", "anul bugetar", "fiscal year"),
			col("reported_month", "INTEGER", "luna ultimului raport", "month of the latest report"),
			col("report_date", "DATE", "data raportului", "report date"),
			col("kind", "VARCHAR", "cheltuieli sau venituri", "expenses (cheltuieli) or revenues (venituri)"),
			col("section", "VARCHAR", "secțiunea: functionare sau dezvoltare", "section: operating or development"),
			col("funding_source", "VARCHAR", "sursa de finanțare (A–G)", "funding source (A–G)"),
			col("functional_code", "VARCHAR", "clasificația funcțională", "functional classification code"),
			col("functional_name", "VARCHAR", "denumirea liniei funcționale", "functional line name"),
			col("chapter_code", "VARCHAR", "capitolul", "chapter"),
			col("chapter_name", "VARCHAR", "denumirea capitolului", "chapter name"),
			col("economic_code", "VARCHAR", "clasificația economică", "economic classification code"),
			col("economic_name", "VARCHAR", "denumirea liniei economice", "economic line name"),
			col("economic_title", "VARCHAR", "titlul economic", "economic title"),
			col("economic_title_name", "VARCHAR", "denumirea titlului", "economic title name"),
			col("initial_budget", "DECIMAL(18,2)", "credite / prevederi inițiale, lei", "initial appropriations, lei"),
			col("final_budget", "DECIMAL(18,2)", "credite / prevederi definitive, lei", "final appropriations, lei"),
			col("commitments", "DECIMAL(18,2)", "angajamente / drepturi constatate cumulate, lei", "commitments to date, lei"),
			col("executed", "DECIMAL(18,2)", "plăți / încasări cumulate, lei", "payments or receipts to date, lei"),
			colIntra, colLoad,
		},
		Source: text("Rapoartele lunare de execuție bugetară (sistemul național de raportare Forexebug).",
			"The monthly budget execution reports (the national Forexebug reporting system)."),
		Frequency: text("lunar", "monthly")},
		Mart: "mart_budget", SortKey: "entity_cui, year, kind, functional_code, economic_code, section, funding_source", ReadOrder: "entity_cui, year, kind, chapter_code",
		CoverageDate: "report_date", CoverageEntity: "entity_cui", Lineage: []string{"fact_budget"}, PartitionEntity: "entity_cui"},
	{PublishedDataset: models.PublishedDataset{Name: "budget_execution_monthly", Access: models.Public,
		Title: text("Execuția bugetară lunară", "Monthly budget execution"),
		Description: text("Plățile și încasările fiecărei luni, calculate ca diferența dintre două rapoarte cumulate consecutive.",
			"Each month's payments and receipts, the difference of two consecutive cumulative reports."),
		Schema: []models.Column{
			colEntity, colGroup,
			col("year", "INTEGER", "anul", "year"),
			col("month", "INTEGER", "luna", "month"),
			col("months_covered", "INTEGER", "câte luni acoperă valoarea (2 dacă lipsește raportul lunii precedente)", "months the figure covers"),
			col("kind", "VARCHAR", "cheltuieli sau venituri", "expenses or revenues"),
			col("section", "VARCHAR", "secțiunea", "section"),
			col("funding_source", "VARCHAR", "sursa de finanțare", "funding source"),
			col("functional_code", "VARCHAR", "clasificația funcțională", "functional code"),
			col("chapter_code", "VARCHAR", "capitolul", "chapter"),
			col("economic_code", "VARCHAR", "clasificația economică", "economic code"),
			col("economic_title", "VARCHAR", "titlul economic", "economic title"),
			col("final_budget", "DECIMAL(18,2)", "credite definitive la sfârșitul lunii, lei", "final appropriations at month end, lei"),
			col("commitments", "DECIMAL(18,2)", "angajamente în lună, lei", "commitments in the month, lei"),
			col("executed", "DECIMAL(18,2)", "plăți / încasări în lună, lei", "payments or receipts in the month, lei"),
			col("commitments_cumulative", "DECIMAL(18,2)", "angajamente cumulate, lei", "commitments to date, lei"),
			col("executed_cumulative", "DECIMAL(18,2)", "plăți / încasări cumulate, lei", "payments or receipts to date, lei"),
			colIntra,
		},
		Source: text("Calculat din rapoartele lunare cumulate: valoarea unei luni este diferența dintre două rapoarte consecutive.",
			"Computed from the cumulative monthly reports: a month's figure is the difference of two consecutive reports."),
		Frequency: text("lunar", "monthly"), Period: models.PeriodMonth},
		Mart: "mart_budget_monthly", SortKey: "entity_cui, year, month, kind, functional_code, economic_code, section, funding_source", ReadOrder: "entity_cui, year, month",
		CoverageDate: "make_date(year, month, 1)", CoverageEntity: "entity_cui", Lineage: []string{"fact_budget"}, PartitionEntity: "entity_cui"},
	{PublishedDataset: models.PublishedDataset{Name: "investments", Access: models.Public,
		Title:       text("Investiții", "Investments"),
		Description: text("Obiectivele de investiții din lista fiecărui an: valoare, cheltuieli, progres, termene.", "Investment objectives of each year's list: value, spending, progress, dates."),
		Schema: []models.Column{
			colEntity, colEntityName,
			col("code", "VARCHAR", "codul obiectivului", "objective code"),
			col("year", "INTEGER", "anul listei", "list year"),
			col("name", "VARCHAR", "denumirea obiectivului", "objective name"),
			col("functional_code", "VARCHAR", "clasificația funcțională", "functional code"),
			col("chapter_code", "VARCHAR", "capitolul", "chapter"),
			col("chapter_name", "VARCHAR", "denumirea capitolului", "chapter name"),
			col("funding", "VARCHAR", "finanțarea: local, stat, ue, pnrr", "funding: local, state, EU, PNRR"),
			col("status", "VARCHAR", "stadiul", "status"),
			col("total_value", "DECIMAL(18,2)", "valoarea totală estimată, lei", "total estimated value, lei"),
			col("planned_year", "DECIMAL(18,2)", "prevăzut în an, lei", "planned in the year, lei"),
			col("spent_year", "DECIMAL(18,2)", "cheltuit în an, lei", "spent in the year, lei"),
			col("spent_to_date", "DECIMAL(18,2)", "cheltuit de la început, lei", "spent to date, lei"),
			col("progress_pct", "DECIMAL(5,2)", "progres fizic, %", "physical progress, %"),
			col("planned_start", "DATE", "început planificat", "planned start"),
			col("planned_end", "DATE", "finalizare planificată", "planned end"),
			col("actual_start", "DATE", "început efectiv", "actual start"),
			col("actual_end", "DATE", "finalizare efectivă", "actual end"),
			col("contracts", "BIGINT", "contracte de achiziție legate", "linked procurement contracts"),
			colLoad,
		},
		Source: text("Lista obiectivelor de investiții, anexă la bugetul aprobat, cu progresul raportat.",
			"The list of investment objectives annexed to the approved budget, with the reported progress."),
		Frequency: text("la aprobarea și rectificarea bugetului", "when the budget is approved or revised"), Period: models.PeriodYear},
		Mart: "mart_investments", SortKey: "entity_cui, code, year", ReadOrder: "entity_cui, year, code",
		CoverageDate: "make_date(year, 1, 1)", CoverageEntity: "entity_cui", Lineage: []string{"fact_investment"}, PartitionEntity: "entity_cui"},
	{PublishedDataset: models.PublishedDataset{Name: "procurement", Access: models.Public,
		Title: text("Achiziții publice", "Public procurement"),
		Description: text("Contractele atribuite: proceduri, achiziții directe, acorduri-cadru și contracte subsecvente. Totalurile numără contractele subsecvente, nu acordurile-cadru (counts_in_total).",
			"Awarded contracts: procedures, direct purchases, framework agreements and call-offs. Totals count the call-offs, never the framework agreements (counts_in_total)."),
		Schema: []models.Column{
			col("buyer_cui", "VARCHAR", "CUI-ul autorității contractante", "buyer fiscal code"),
			col("buyer_name", "VARCHAR", "autoritatea contractantă", "buyer"),
			col("contract_id", "VARCHAR", "numărul anunțului / contractului", "notice or contract number"),
			col("kind", "VARCHAR", "procedure_award, direct_purchase, framework_agreement, call_off", "kind of award"),
			col("parent_id", "VARCHAR", "acordul-cadru al unui contract subsecvent", "framework agreement of a call-off"),
			col("supplier_cui", "VARCHAR", "codul fiscal al furnizorului", "supplier fiscal code"),
			col("supplier_name", "VARCHAR", "furnizorul", "supplier"),
			col("title", "VARCHAR", "obiectul contractului", "contract title"),
			col("cpv", "VARCHAR", "codul CPV; gol când sursa nu îl are (fără cod CPV)", "CPV code; empty when the source has none (no CPV code)"),
			col("cpv_division", "VARCHAR", "diviziunea CPV; goală fără cod CPV", "CPV division; empty without a CPV code"),
			col("cpv_division_name", "VARCHAR", "denumirea diviziunii CPV", "CPV division name"),
			col("value", "DECIMAL(18,2)", "valoarea fără TVA", "value without VAT"),
			col("currency", "VARCHAR", "moneda", "currency"),
			col("award_date", "DATE", "data atribuirii", "award date"),
			col("year", "INTEGER", "anul atribuirii", "award year"),
			col("procedure", "VARCHAR", "procedura", "procedure"),
			col("offers", "INTEGER", "numărul de oferte", "number of offers"),
			col("eu_funded", "BOOLEAN", "finanțare UE", "EU funded"),
			col("investment_code", "VARCHAR", "obiectivul de investiții", "investment objective"),
			col("counts_in_total", "BOOLEAN", "intră în totaluri (fals pentru acordurile-cadru)", "counts in totals (false for framework agreements)"),
			colLoad,
		},
		Source: text("Sistemul electronic de achiziții publice SEAP/SICAP (e-licitatie.ro): anunțuri de atribuire și achiziții directe.",
			"The electronic public procurement system SEAP/SICAP (e-licitatie.ro): award notices and direct purchases."),
		Frequency: text("zilnic", "daily")},
		Mart: "mart_procurement", SortKey: "supplier_cui, award_date, contract_id, buyer_cui", ReadOrder: "buyer_cui, year, award_date, contract_id",
		CoverageDate: "award_date", CoverageEntity: "buyer_cui", Lineage: []string{"fact_procurement"}, PartitionEntity: "buyer_cui"},
	{PublishedDataset: models.PublishedDataset{Name: "suppliers", Access: models.Public,
		Title:       text("Furnizori", "Suppliers"),
		Description: text("Fiecare furnizor cu numărul și valoarea contractelor câștigate.", "Each supplier with the number and value of contracts won."),
		Schema: []models.Column{
			col("supplier_cui", "VARCHAR", "codul fiscal", "fiscal code"),
			col("supplier_name", "VARCHAR", "denumirea", "name"),
			col("contracts", "BIGINT", "contracte", "contracts"),
			col("direct_purchases", "BIGINT", "achiziții directe", "direct purchases"),
			col("framework_agreements", "BIGINT", "acorduri-cadru", "framework agreements"),
			col("total_value", "DECIMAL(18,2)", "valoarea totală (fără acordurile-cadru), lei", "total value (framework agreements excluded), lei"),
			col("direct_purchase_value", "DECIMAL(18,2)", "valoarea achizițiilor directe, lei", "direct purchase value, lei"),
			col("buyers", "BIGINT", "autorități contractante distincte", "distinct buyers"),
			col("first_award", "DATE", "primul contract", "first award"),
			col("last_award", "DATE", "ultimul contract", "last award"),
		},
		Source: text("Calculat din contractele de achiziție.",
			"Computed from the procurement contracts."),
		Frequency: text("zilnic", "daily")},
		Mart: "mart_suppliers", SortKey: "supplier_cui", ReadOrder: "supplier_cui",
		CoverageDate: "last_award", CoverageEntity: "", Lineage: []string{"fact_procurement"}},
	{PublishedDataset: models.PublishedDataset{Name: "requests_daily", Access: models.Public,
		Title: text("Cereri și petiții – agregate zilnice", "Requests and petitions – daily aggregates"),
		Description: text("Numărul cererilor pe zi, canal, categorie, tip și compartiment, cu răspunsurile în termen și restanțele. Fiecare cerere are un singur rezultat: received = answered + open + redirected + cancelled. Cererile deschise și cele deschise după termen sunt socotite la data exportului din registru (as_of). Doar agregate, fără date personale.",
			"Requests per day, channel, category, type and department, with answers within term and the backlog. Every request has one outcome: received = answered + open + redirected + cancelled. Open requests and those open past their term are counted as of the date the register was exported (as_of). Aggregates only, no personal data."),
		Schema: []models.Column{
			colEntity,
			col("date", "DATE", "data înregistrării", "date received"),
			col("channel", "VARCHAR", "canalul", "channel"),
			col("category", "VARCHAR", "categoria", "category"),
			col("type", "VARCHAR", "tipul juridic", "legal type"),
			col("department", "VARCHAR", "compartimentul", "department"),
			col("received", "BIGINT", "cereri înregistrate", "requests received"),
			col("answered", "BIGINT", "cereri cu răspuns (rezolvate sau respinse)", "requests answered (resolved or rejected)"),
			col("answered_within_term", "BIGINT", "răspunse în termenul legal", "answered within the legal term"),
			col("answered_late", "BIGINT", "răspunse după termen", "answered late"),
			col("open", "BIGINT", "încă deschise", "still open"),
			col("open_overdue", "BIGINT", "deschise după termenul legal la data as_of: întârziate", "still open after the legal term on as_of: late"),
			col("extended", "BIGINT", "cu termen prelungit", "with extended term"),
			col("answer_days_total", "BIGINT", "suma zilelor până la răspuns", "total days to answer"),
			col("as_of", "DATE", "data exportului din registru, la care se socotesc cererile deschise (implicit data încărcării)", "the date the register was exported, as of which open requests are counted (by default the date it was loaded)"),
			col("redirected", "BIGINT", "redirecționate către altă instituție", "redirected to another institution"),
			col("cancelled", "BIGINT", "anulate sau retrase", "cancelled or withdrawn"),
		},
		Source: text("Registratura instituției: doar numărul cererilor, fără date personale.",
			"The institution's registry: request counts only, no personal data."),
		Frequency: text("zilnic", "daily")},
		Mart: "mart_requests_daily", SortKey: "entity_cui, date, department, channel, category, type, as_of", ReadOrder: "entity_cui, date",
		CoverageDate: "date", CoverageEntity: "entity_cui", Lineage: []string{"fact_request"}},
	{PublishedDataset: models.PublishedDataset{Name: "requests_answer_days", Access: models.Public,
		Title: text("Cereri – zile până la răspuns", "Requests – days to answer"),
		Description: text("Câte cereri au primit răspuns după un anumit număr de zile: din acest tabel se calculează exact mediana și percentila 90.",
			"How many requests were answered after each number of days: exact medians and percentiles come from this table."),
		Schema: []models.Column{
			colEntity,
			col("year", "INTEGER", "anul înregistrării", "year received"),
			col("month", "INTEGER", "luna înregistrării", "month received"),
			col("channel", "VARCHAR", "canalul", "channel"),
			col("type", "VARCHAR", "tipul juridic", "legal type"),
			col("department", "VARCHAR", "compartimentul", "department"),
			col("days_to_answer", "INTEGER", "zile până la răspuns", "days to answer"),
			col("term_days", "INTEGER", "termenul legal, zile", "legal term, days"),
			col("requests", "BIGINT", "numărul cererilor", "number of requests"),
			col("first_received", "DATE", "prima zi de înregistrare a acestor cereri", "first day these requests were received"),
			col("last_received", "DATE", "ultima zi de înregistrare a acestor cereri", "last day these requests were received"),
		},
		Source: text("Registratura instituției: câte cereri au primit răspuns după fiecare număr de zile.",
			"The institution's registry: how many requests were answered after each number of days."),
		Frequency: text("zilnic", "daily")},
		Mart: "mart_requests_answer_days", SortKey: "entity_cui, year, month, department, channel, type, days_to_answer, term_days", ReadOrder: "entity_cui, year, month",
		CoverageDate: "first_received", CoverageTo: "last_received", CoverageEntity: "entity_cui", Lineage: []string{"fact_request"}},
	{PublishedDataset: models.PublishedDataset{Name: "requests", Access: models.Internal,
		Title:       text("Registrul cererilor", "Request register"),
		Description: text("Fiecare cerere, cu termenul și răspunsul: doar pentru tablourile de bord interne.", "Every request with its term and answer: internal dashboards only."),
		Schema: []models.Column{
			colEntity,
			col("request_id", "VARCHAR", "numărul de înregistrare", "registry number"),
			col("received", "DATE", "data înregistrării", "date received"),
			col("channel", "VARCHAR", "canalul", "channel"),
			col("category", "VARCHAR", "categoria", "category"),
			col("type", "VARCHAR", "tipul juridic", "legal type"),
			col("department", "VARCHAR", "compartimentul", "department"),
			col("term_days", "INTEGER", "termenul legal, zile", "legal term, days"),
			col("extended", "BOOLEAN", "termen prelungit", "term extended"),
			col("due", "DATE", "termenul-limită", "due date"),
			col("answered", "DATE", "data răspunsului", "date answered"),
			col("status", "VARCHAR", "starea", "status"),
			col("days_to_answer", "INTEGER", "zile până la răspuns", "days to answer"),
			col("within_term", "BOOLEAN", "răspuns în termen", "answered within term"),
			col("outcome", "VARCHAR", "rezultatul: răspuns, deschisă, redirecționată, anulată (anulată sau retrasă)", "outcome: answered (răspuns), open (deschisă), redirected (redirecționată), cancelled or withdrawn (anulată)"),
			col("as_of", "DATE", "data exportului din registru", "the date the register was exported"),
			col("late", "BOOLEAN", "întârziată: răspuns după termen sau încă deschisă după termen la as_of", "late: answered after the term, or still open after it on as_of"),
		},
		Source:    text("Registratura instituției.", "The institution's registry."),
		Frequency: text("zilnic", "daily")},
		Mart: "mart_requests", SortKey: "entity_cui, received, request_id", ReadOrder: "",
		CoverageDate: "received", CoverageEntity: "entity_cui", Lineage: []string{"fact_request"}},
}
