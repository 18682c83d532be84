package models

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Text is a string in Romanian and English.
type Text struct {
	RO string `json:"ro"`
	EN string `json:"en"`
}

// Column is one column of a published dataset. Type is the DuckDB logical type
// the Parquet file must read back as.
type Column struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description Text   `json:"description"`
}

// Access says who may read a published dataset.
const (
	Public   = "public"   // public/: the site, downloads and the API
	Internal = "internal" // internal/: the dashboards behind a login
)

// PublishedDataset is a dataset of a release, as its manifest declares it.
type PublishedDataset struct {
	Name        string   `json:"name"`
	Access      string   `json:"access"`
	Title       Text     `json:"title"`
	Description Text     `json:"description"`
	Schema      []Column `json:"schema"`
}

// Licence of the published data.
type Licence struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// DefaultLicence is the Romanian open government licence.
var DefaultLicence = Licence{
	ID:    "OGL-ROU-1.0",
	Title: "Licența pentru guvernare deschisă v1.0",
	URL:   "https://data.gov.ro/base/images/logoinst/OGL-ROU-1.0.pdf",
}

// Manifest describes a release: what manifest.json holds.
type Manifest struct {
	ReleaseID     string            `json:"release_id"`
	Created       time.Time         `json:"created"`
	Generator     string            `json:"generator"`
	SchemaVersion int               `json:"schema_version"`
	Licence       Licence           `json:"licence"`
	Datasets      []ManifestDataset `json:"datasets"`
}

// ManifestDataset is one dataset of a release with its files and lineage.
type ManifestDataset struct {
	PublishedDataset
	Rows     int64         `json:"rows"`
	Coverage Coverage      `json:"coverage"`
	Licence  Licence       `json:"licence"`
	Loads    []int64       `json:"loads"`
	Files    []ReleaseFile `json:"files"`
}

// Coverage is the period and the institutions a dataset covers.
type Coverage struct {
	From     string   `json:"from,omitempty"` // YYYY-MM-DD
	To       string   `json:"to,omitempty"`
	Entities []string `json:"entities"`
}

// ReleaseFile is one file of a release, relative to the release directory.
type ReleaseFile struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Dataset returns the named dataset of the manifest.
func (m *Manifest) Dataset(name string) (*ManifestDataset, bool) {
	for i := range m.Datasets {
		if m.Datasets[i].Name == name {
			return &m.Datasets[i], true
		}
	}
	return nil, false
}

func col(name, typ, ro, en string) Column { return Column{name, typ, Text{ro, en}} }

var (
	colEntity     = col("entity_cui", "VARCHAR", "codul fiscal (CUI) al instituției", "fiscal code of the institution")
	colEntityName = col("entity_name", "VARCHAR", "denumirea instituției", "name of the institution")
	colGroup      = col("group_cui", "VARCHAR", "CUI-ul ordonatorului principal al grupului (instituția și unitățile subordonate)", "fiscal code of the group's main authority")
	colIntra      = col("intra_group", "BOOLEAN", "transfer între instituțiile grupului, eliminat în bugetul consolidat", "transfer inside the group, eliminated when consolidating")
)

// PublishedDatasets are the datasets of every release, in manifest order.
var PublishedDatasets = []PublishedDataset{
	{Name: "entities", Access: Public,
		Title:       Text{"Instituții", "Institutions"},
		Description: Text{"Instituțiile acoperite: autoritatea, unitățile subordonate și populația lor.", "The institutions covered: the authority, its subordinate units and their population."},
		Schema: []Column{
			col("cui", "VARCHAR", "codul fiscal (CUI)", "fiscal code"),
			col("siruta", "INTEGER", "codul SIRUTA", "SIRUTA code"),
			col("name", "VARCHAR", "denumirea", "name"),
			col("kind", "VARCHAR", "tipul: municipiu, oraș, comună, județ, unitate subordonată", "kind"),
			col("parent_cui", "VARCHAR", "CUI-ul ordonatorului principal", "fiscal code of the parent authority"),
			col("county", "VARCHAR", "indicativul județului", "county code"),
			col("population_year", "INTEGER", "anul populației", "population year"),
			col("population", "BIGINT", "populația rezidentă", "resident population"),
		}},
	{Name: "budget", Access: Public,
		Title: Text{"Buget și execuție", "Budget and execution"},
		Description: Text{"Bugetul aprobat (inițial și definitiv) și execuția cumulată la zi, pe clasificația funcțională și economică, din ultimul raport al fiecărui an.",
			"Approved budget (initial and final) and execution to date by functional and economic classification, from each year's latest report."},
		Schema: []Column{
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
			colIntra,
		}},
	{Name: "budget_execution_monthly", Access: Public,
		Title: Text{"Execuția bugetară lunară", "Monthly budget execution"},
		Description: Text{"Plățile și încasările fiecărei luni, calculate ca diferența a două rapoarte cumulate consecutive.",
			"Each month's payments and receipts, the difference of two consecutive cumulative reports."},
		Schema: []Column{
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
		}},
	{Name: "investments", Access: Public,
		Title:       Text{"Investiții", "Investments"},
		Description: Text{"Obiectivele de investiții din lista fiecărui an: valoare, cheltuieli, progres, termene.", "Investment objectives of each year's list: value, spending, progress, dates."},
		Schema: []Column{
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
		}},
	{Name: "procurement", Access: Public,
		Title: Text{"Achiziții publice", "Public procurement"},
		Description: Text{"Contractele atribuite: proceduri, achiziții directe, acorduri-cadru și contracte subsecvente. Totalurile numără contractele subsecvente, nu acordurile-cadru (counts_in_total).",
			"Awarded contracts: procedures, direct purchases, framework agreements and call-offs. Totals count the call-offs, never the framework agreements (counts_in_total)."},
		Schema: []Column{
			col("buyer_cui", "VARCHAR", "CUI-ul autorității contractante", "buyer fiscal code"),
			col("buyer_name", "VARCHAR", "autoritatea contractantă", "buyer"),
			col("contract_id", "VARCHAR", "numărul anunțului / contractului", "notice or contract number"),
			col("kind", "VARCHAR", "procedure_award, direct_purchase, framework_agreement, call_off", "kind of award"),
			col("parent_id", "VARCHAR", "acordul-cadru al unui contract subsecvent", "framework agreement of a call-off"),
			col("supplier_cui", "VARCHAR", "codul fiscal al furnizorului", "supplier fiscal code"),
			col("supplier_name", "VARCHAR", "furnizorul", "supplier"),
			col("title", "VARCHAR", "obiectul contractului", "contract title"),
			col("cpv", "VARCHAR", "codul CPV", "CPV code"),
			col("cpv_division", "VARCHAR", "diviziunea CPV", "CPV division"),
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
		}},
	{Name: "suppliers", Access: Public,
		Title:       Text{"Furnizori", "Suppliers"},
		Description: Text{"Fiecare furnizor cu numărul și valoarea contractelor câștigate.", "Each supplier with the number and value of contracts won."},
		Schema: []Column{
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
		}},
	{Name: "requests_daily", Access: Public,
		Title: Text{"Cereri și petiții – agregate zilnice", "Requests and petitions – daily aggregates"},
		Description: Text{"Numărul cererilor pe zi, canal, categorie, tip și compartiment, cu răspunsurile în termen și restanțele. Doar agregate, fără date personale.",
			"Requests per day, channel, category, type and department, with answers within term and the backlog. Aggregates only, no personal data."},
		Schema: []Column{
			colEntity,
			col("date", "DATE", "data înregistrării", "date received"),
			col("channel", "VARCHAR", "canalul", "channel"),
			col("category", "VARCHAR", "categoria", "category"),
			col("type", "VARCHAR", "tipul juridic", "legal type"),
			col("department", "VARCHAR", "compartimentul", "department"),
			col("received", "BIGINT", "cereri înregistrate", "requests received"),
			col("answered", "BIGINT", "cereri cu răspuns", "requests answered"),
			col("answered_within_term", "BIGINT", "răspunse în termenul legal", "answered within the legal term"),
			col("answered_late", "BIGINT", "răspunse după termen", "answered late"),
			col("open", "BIGINT", "încă deschise", "still open"),
			col("open_overdue", "BIGINT", "deschise și depășite", "open and overdue"),
			col("extended", "BIGINT", "cu termen prelungit", "with extended term"),
			col("answer_days_total", "BIGINT", "suma zilelor până la răspuns", "total days to answer"),
		}},
	{Name: "requests_answer_days", Access: Public,
		Title: Text{"Cereri – zile până la răspuns", "Requests – days to answer"},
		Description: Text{"Câte cereri au primit răspuns după un anumit număr de zile: din acest tabel se calculează exact mediana și percentila 90.",
			"How many requests were answered after each number of days: exact medians and percentiles come from this table."},
		Schema: []Column{
			colEntity,
			col("year", "INTEGER", "anul înregistrării", "year received"),
			col("month", "INTEGER", "luna înregistrării", "month received"),
			col("channel", "VARCHAR", "canalul", "channel"),
			col("type", "VARCHAR", "tipul juridic", "legal type"),
			col("department", "VARCHAR", "compartimentul", "department"),
			col("days_to_answer", "INTEGER", "zile până la răspuns", "days to answer"),
			col("term_days", "INTEGER", "termenul legal, zile", "legal term, days"),
			col("requests", "BIGINT", "numărul cererilor", "number of requests"),
		}},
	{Name: "requests", Access: Internal,
		Title:       Text{"Registrul cererilor", "Request register"},
		Description: Text{"Fiecare cerere, cu termenul și răspunsul: doar pentru tablourile de bord interne.", "Every request with its term and answer: internal dashboards only."},
		Schema: []Column{
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
		}},
}

// ReadManifest reads the manifest.json of a release directory.
func ReadManifest(releaseDir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(releaseDir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(releaseDir, "manifest.json"), err)
	}
	return &m, nil
}
