package models

// Source datasets: what `etl load --dataset` accepts.
const (
	DatasetEntities    = "entities"
	DatasetBudget      = "budget"
	DatasetInvestments = "investments"
	DatasetProcurement = "procurement"
	DatasetRequests    = "requests"
)

// SourceDatasets lists the datasets a load can target, in load order.
var SourceDatasets = []string{DatasetEntities, DatasetBudget, DatasetInvestments, DatasetProcurement, DatasetRequests}

// FieldType is the type of one field of a source dataset.
type FieldType string

const (
	TypeText   FieldType = "text"
	TypeCUI    FieldType = "cui" // fiscal code, check digit verified
	TypeInt    FieldType = "int"
	TypeAmount FieldType = "amount" // lei, two decimals
	TypeDate   FieldType = "date"
	TypeBool   FieldType = "bool"
	TypeCPV    FieldType = "cpv" // 45233140-2: eight digits and a check digit, the shape checked (models.ParseCPV says why not the digit)
	TypeFunc   FieldType = "functional_code"
	TypeEcon   FieldType = "economic_code"
	TypeEnum   FieldType = "enum"
)

// Field is one field of a source dataset: the target of every reader and mapping.
type Field struct {
	Name        string
	Type        FieldType
	Required    bool
	Enum        []string // allowed values, for TypeEnum
	Description string   // Romanian, for --help, docs and manifests
}

// SourceFields are the fields of each source dataset, in the column order of
// the canonical CSV format (`--format deschis`).
var SourceFields = map[string][]Field{
	DatasetEntities: {
		{Name: "cui", Type: TypeCUI, Required: true, Description: "codul de identificare fiscală"},
		{Name: "siruta", Type: TypeInt, Description: "codul SIRUTA al unității administrativ-teritoriale"},
		{Name: "name", Type: TypeText, Required: true, Description: "denumirea oficială"},
		{Name: "kind", Type: TypeEnum, Required: true, Enum: entityKindNames(), Description: "tipul: municipiu, oraș, comună, județ, unitate subordonată"},
		{Name: "parent_cui", Type: TypeCUI, Description: "CUI-ul ordonatorului principal de credite, pentru unitățile subordonate"},
		{Name: "county", Type: TypeText, Required: true, Description: "indicativul județului (de ex. TM, B)"},
		{Name: "population_year", Type: TypeInt, Description: "anul la care se referă populația"},
		{Name: "population", Type: TypeInt, Description: "populația rezidentă"},
		{Name: "name_genitive", Type: TypeText, Description: "denumirea la genitiv-dativ („Școlii Gimnaziale nr. 1”), pentru fraze ca „Bugetul …”; se deduce singură pentru municipii, orașe, comune, județe și sectoare"},
	},
	DatasetBudget: {
		{Name: "entity_cui", Type: TypeCUI, Required: true, Description: "CUI-ul instituției"},
		{Name: "entity_name", Type: TypeText, Description: "denumirea instituției, din raport (înregistrează instituțiile necunoscute)"},
		{Name: "year", Type: TypeInt, Required: true, Description: "anul bugetar"},
		{Name: "month", Type: TypeInt, Required: true, Description: "luna la sfârșitul căreia se raportează (1–12)"},
		{Name: "report_date", Type: TypeDate, Required: true, Description: "data întocmirii raportului; un raport mai nou îl înlocuiește pe cel vechi"},
		{Name: "kind", Type: TypeEnum, Required: true, Enum: []string{string(Expense), string(Revenue)}, Description: "cheltuieli sau venituri"},
		{Name: "section", Type: TypeEnum, Required: true, Enum: []string{string(Operating), string(Development)}, Description: "secțiunea de funcționare sau de dezvoltare"},
		{Name: "funding_source", Type: TypeEnum, Required: true, Enum: []string{"A", "B", "C", "D", "E", "F", "G"}, Description: "sursa de finanțare (A–G)"},
		{Name: "functional_code", Type: TypeFunc, Required: true, Description: "clasificația funcțională (capitol.02.subcapitol[.paragraf]) sau codul de venit"},
		{Name: "economic_code", Type: TypeEcon, Description: "clasificația economică (titlu.articol[.alineat]); goală la venituri"},
		{Name: "initial_budget", Type: TypeAmount, Description: "credite bugetare / prevederi inițiale, lei"},
		{Name: "final_budget", Type: TypeAmount, Description: "credite bugetare / prevederi definitive, lei"},
		{Name: "commitments", Type: TypeAmount, Description: "angajamente bugetare / drepturi constatate, cumulat de la 1 ianuarie, lei"},
		{Name: "executed", Type: TypeAmount, Required: true, Description: "plăți efectuate / încasări realizate, cumulat de la 1 ianuarie, lei"},
	},
	DatasetInvestments: {
		{Name: "entity_cui", Type: TypeCUI, Required: true, Description: "CUI-ul instituției"},
		{Name: "code", Type: TypeText, Required: true, Description: "codul obiectivului de investiții"},
		{Name: "year", Type: TypeInt, Required: true, Description: "anul listei de investiții"},
		{Name: "name", Type: TypeText, Required: true, Description: "denumirea obiectivului"},
		{Name: "functional_code", Type: TypeFunc, Required: true, Description: "capitolul bugetar"},
		{Name: "funding", Type: TypeEnum, Required: true, Enum: InvestmentFunding, Description: "sursa principală de finanțare: local, stat, ue, pnrr"},
		{Name: "status", Type: TypeEnum, Required: true, Enum: investmentStatusNames(), Description: "stadiul"},
		{Name: "total_value", Type: TypeAmount, Required: true, Description: "valoarea totală estimată, lei"},
		{Name: "planned_year", Type: TypeAmount, Description: "suma prevăzută în anul listei, lei"},
		{Name: "spent_year", Type: TypeAmount, Description: "suma cheltuită în anul listei, lei"},
		{Name: "spent_to_date", Type: TypeAmount, Description: "suma cheltuită de la început, lei"},
		{Name: "progress_pct", Type: TypeAmount, Description: "progresul fizic, procente (0–100)"},
		{Name: "planned_start", Type: TypeDate, Description: "data de început planificată"},
		{Name: "planned_end", Type: TypeDate, Description: "data de finalizare planificată"},
		{Name: "actual_start", Type: TypeDate, Description: "data reală de început"},
		{Name: "actual_end", Type: TypeDate, Description: "data reală de finalizare"},
	},
	DatasetProcurement: {
		{Name: "contract_id", Type: TypeText, Required: true, Description: "numărul anunțului sau al contractului (unic pentru autoritate)"},
		{Name: "kind", Type: TypeEnum, Required: true, Enum: contractKindNames(), Description: "procedure_award, direct_purchase, framework_agreement sau call_off"},
		{Name: "parent_id", Type: TypeText, Description: "pentru un contract subsecvent: acordul-cadru"},
		{Name: "buyer_cui", Type: TypeCUI, Required: true, Description: "CUI-ul autorității contractante"},
		{Name: "buyer_name", Type: TypeText, Description: "denumirea autorității contractante, din sursă (înregistrează instituțiile necunoscute)"},
		{Name: "supplier_cui", Type: TypeText, Required: true, Description: "codul fiscal al ofertantului câștigător (poate avea prefixul RO sau fi străin)"},
		{Name: "supplier_name", Type: TypeText, Required: true, Description: "denumirea ofertantului câștigător"},
		{Name: "title", Type: TypeText, Required: true, Description: "obiectul contractului"},
		{Name: "cpv", Type: TypeCPV, Description: "codul CPV, de forma 45233140-2; gol când registrul nu îl are (contractul intră în totaluri, la „fără cod CPV”)"},
		{Name: "value", Type: TypeAmount, Required: true, Description: "valoarea atribuită, fără TVA"},
		{Name: "currency", Type: TypeText, Description: "moneda (implicit RON)"},
		{Name: "award_date", Type: TypeDate, Required: true, Description: "data atribuirii"},
		{Name: "procedure", Type: TypeText, Description: "tipul procedurii"},
		{Name: "offers", Type: TypeInt, Description: "numărul de oferte primite"},
		{Name: "eu_funded", Type: TypeBool, Description: "finanțare din fonduri UE"},
		{Name: "investment_code", Type: TypeText, Description: "obiectivul de investiții deservit"},
	},
	DatasetRequests: {
		{Name: "entity_cui", Type: TypeCUI, Required: true, Description: "CUI-ul instituției"},
		{Name: "request_id", Type: TypeText, Required: true, Description: "numărul de înregistrare"},
		{Name: "received", Type: TypeDate, Required: true, Description: "data înregistrării"},
		{Name: "channel", Type: TypeEnum, Required: true, Enum: Channels, Description: "canalul: online, ghișeu, e-mail, poștă, telefon; altul (alt canal) sau necunoscut, numărate ca depuse altfel decât online"},
		{Name: "category", Type: TypeText, Required: true, Description: "categoria solicitării"},
		{Name: "type", Type: TypeText, Required: true, Description: "tipul juridic (info_544, petitie, certificat_urbanism, ...), din care rezultă termenul legal"},
		{Name: "department", Type: TypeText, Required: true, Description: "compartimentul care răspunde"},
		{Name: "term_days", Type: TypeInt, Description: "termenul legal în zile calendaristice; dedus din tip când lipsește"},
		{Name: "extended", Type: TypeBool, Description: "termenul a fost prelungit cu notificare"},
		{Name: "answered", Type: TypeDate, Description: "data răspunsului (sau a închiderii); goală cât timp e deschisă"},
		{Name: "status", Type: TypeEnum, Required: true, Enum: requestStatusNames(), Description: "starea: deschisă, rezolvată, respinsă (cu răspuns), redirecționată, anulată, retrasă"},
		{Name: "as_of", Type: TypeDate, Description: "data exportului din registru: cererile deschise se judecă la această dată; implicit data încărcării"},
	},
}

func entityKindNames() []string {
	out := make([]string, len(EntityKinds))
	for i, k := range EntityKinds {
		out[i] = string(k)
	}
	return out
}

func investmentStatusNames() []string {
	out := make([]string, len(InvestmentStatuses))
	for i, k := range InvestmentStatuses {
		out[i] = string(k)
	}
	return out
}

func requestStatusNames() []string {
	out := make([]string, len(RequestStatuses))
	for i, s := range RequestStatuses {
		out[i] = string(s)
	}
	return out
}

func contractKindNames() []string {
	out := make([]string, len(ContractKinds))
	for i, k := range ContractKinds {
		out[i] = string(k)
	}
	return out
}
