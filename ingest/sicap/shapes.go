package sicap

import "github.com/deschis/deschis/models"

// This file is the table of the export shapes ("generations") the reader
// knows. Each one says which source headers feed which part of a contract.
// Adding a generation, or a header that a new year renamed, is a change to
// this table only: the reader finds the shape from the header row by itself.
//
// Header names are compared after folding: lower case, no Romanian
// diacritics, only letters, digits and dots kept. "Autoritate contractantă
// CUI", "AutoritateContractantaCUI" and "autoritate_contractanta_cui" are
// therefore one alias. An alias that starts with "*." matches any dotted
// header that ends with the rest ("*.numberOfReceivedOffers" matches
// "publicNotice.…section5_2_2.numberOfReceivedOffers"), because flattened
// API exports prefix nested fields differently from one tool to another.
//
// Where the names come from (checked in public code that reads these files):
//   - e-licitatie.ro API, direct-purchase award notices (DAN, "achiziții
//     offline"): the header of the real sample in shared/data (from
//     ciocan/sicap-pnrr).
//   - e-licitatie.ro API, online direct acquisitions: the queries of
//     ciocan/sicap-pnrr (item.directAcquisitionId, item.uniqueIdentificationCode,
//     item.closingValue, item.sysDirectAcquisitionState.text = "Oferta
//     acceptata", item.directAcquisitionName, item.cpvCode, item.publicationDate,
//     authority.*, supplier.fiscalNumber, supplier.entityName).
//     item.finalizationDate is an assumption.
//   - e-licitatie.ro API, contract award notices (CAN/SCNA/...): the list item
//     (caNoticeId, noticeNo, sysProcedureState, contractingAuthorityNameAndFN
//     written "CUI - Denumire", contractTitle, sysProcedureType,
//     sysContractAssigmentType [sic], cpvCodeAndName, ronContractValue,
//     noticeStateDate, currencyCode), the contracts of a notice
//     (GetCANoticeContracts: contractNo, contractDate, contractTitle,
//     contractValue, winner.name, winner.fiscalNumber, winners.*) and the
//     notice detail (caNoticeEdit_New[_U].section1_New[_U].section1_1.caAddress
//     .nationalIDNumber/.officialName, descriptionList.isEUFunded,
//     section5_2_2.numberOfReceivedOffers, currency.text) as typed by
//     ciocan/sicap.ai and the cineseuita scraper, and the column names
//     queried by ciocan/sicap-pnrr (noticeContracts.items.winners.fiscalNumber,
//     item.contractingAuthorityNameAndFN, item.ronContractValue, ...).
//     The texts of sysContractAssigmentType / sysContractFrameworkType
//     (framework or call-off) are not documented there: contractTypeOf accepts
//     any text that names a framework agreement or a subsequent contract.
//   - data.gov.ro, direct purchases 2007–2019 ("^"): Castigator, CastigatorCUI,
//     ..., AutoritateContractantaCU[I], NumarAnunt, DataAnunt, [Descriere],
//     TipIncheiereContract, NumarContract, DataContract, TitluContract,
//     Valoare, Moneda, ValoareRON, ValoareEUR, CPVCodeID, CPVCode (DIGIWHIST's
//     RO parser, a data.gov.ro harvester's tests).
//   - data.gov.ro, contracts / award notices 2018 ("^", dates "02-01-2006
//     15:04:05"): the full header checked by Hbp's TenderCsvV1Strategy
//     (NumarAnuntAtribuire, DataAnuntAtribuire, TipIncheiereContract,
//     NumarOfertePrimite, FonduriComunitare, FondEuropean, ...).
//   - data.gov.ro, direct purchases 2020 onwards: "Autoritate contractanta",
//     "CUI autoritate contractanta", "Numar achizitie directa", "Data
//     publicare", "Denumire achizitie", "Cod CPV", "Tip contract", "Finantare
//     prin fonduri comunitare?", "Data finalizare", "Valoare achizitie (RON)",
//     "Ofertant castigator", "CUI ofertant castigator" (a harvester's tests).
//   - data.gov.ro, contracts 2020 onwards: "CUI autoritate contractanta", "Tip
//     procedura", "Numar anunt atribuire", "Numar contract", "Data contract",
//     "Valoare contract (RON)", "Ofertant castigator", "CUI ofertant
//     castigator", "Cod CPV" (a harvester's column map). "Numar oferte
//     primite", "Tip incheiere contract", "Fonduri comunitare", "Denumire
//     contract" and the framework-agreement reference columns are
//     assumptions, marked below.

// role is one piece of information a row can give.
type role string

const (
	roleNotice          role = "numărul anunțului"
	roleContractNo      role = "numărul contractului"
	roleBuyerCUI        role = "CUI-ul autorității contractante"
	roleBuyerName       role = "denumirea autorității contractante"
	roleBuyerNameAndCUI role = "autoritatea contractantă (CUI - denumire)"
	roleSupplierCUI     role = "codul fiscal al câștigătorului"
	roleSupplierName    role = "denumirea câștigătorului"
	roleTitle           role = "obiectul contractului"
	roleCPV             role = "codul CPV"
	roleAwardDate       role = "data atribuirii"
	roleNoticeDate      role = "data anunțului"
	roleProcedure       role = "tipul procedurii"
	roleOffers          role = "numărul de oferte"
	roleEU              role = "finanțare UE (DA/NU)"
	roleEUFund          role = "fondul european"
	roleContractType    role = "tipul de încheiere a contractului"
	roleParent          role = "acordul-cadru părinte"
	roleInvestment      role = "obiectivul de investiții"
	roleState           role = "starea procedurii"
)

// valueSource is one way a shape gives the awarded value: a column and, when
// the value is not in lei, the column that names its currency.
type valueSource struct {
	Column   []string // aliases
	Currency []string // aliases of the currency column; nil: the value is in lei
}

// generation is one known shape of a SICAP export.
type generation struct {
	Name        string // stable identifier, shown in errors
	Description string // Romanian, for people
	// Kind is the kind of every row; empty: read from roleContractType
	// (procedure_award when the shape has no such column).
	Kind models.ContractKind
	// Decimal is '.' for exports of the API (JSON numbers: a decimal point,
	// never a thousands separator); 0 lets the reader learn the separator of
	// each amount column from its unambiguous values.
	Decimal byte
	// Key lists the roles that must all be found to recognise the shape.
	Key []role
	// Columns gives, for each role, the header aliases in order of preference.
	Columns map[role][]string
	// Values are the ways to the awarded value, in order of preference: the
	// first whose column the file has is used (a value in lei first).
	Values []valueSource
	// AwardedStates lists the states (folded) of roleState that mean an
	// award; rows in other states (cancelled, ongoing) are skipped and counted.
	AwardedStates []string
}

// generations are tried in order; the one that recognises the most columns
// wins, the earlier one on a tie.
var generations = []generation{
	{
		Name:        "api-anunturi-achizitii-directe",
		Description: "e-licitatie.ro (API, CSV cu câmpuri cu punct): anunțuri de atribuire pentru achiziții directe offline (DAN...)",
		Kind:        models.DirectPurchase,
		Decimal:     '.',
		Key:         []role{roleNotice, roleSupplierName},
		Columns: map[role][]string{
			roleNotice:       {"item.noticeNo"},
			roleBuyerCUI:     {"authority.fiscalNumber"},
			roleBuyerName:    {"authority.entityName"},
			roleSupplierCUI:  {"details.noticeEntityAddress.fiscalNumber"},
			roleSupplierName: {"details.noticeEntityAddress.organization"},
			roleTitle:        {"item.contractObject"},
			roleCPV:          {"item.cpvCode"},
			roleAwardDate:    {"details.finalizationDate"},
			roleNoticeDate:   {"item.publicationDate"},
			roleEUFund:       {"details.sysEuropeanFund.text"},
			roleState:        {"details.sysNoticeState.text"},
		},
		Values:        []valueSource{{Column: []string{"item.awardedValue"}}},
		AwardedStates: []string{"publicat"},
	},
	{
		Name:        "api-achizitii-directe",
		Description: "e-licitatie.ro (API, CSV cu câmpuri cu punct): achiziții directe online (DA...), cu starea ofertei",
		Kind:        models.DirectPurchase,
		Decimal:     '.',
		Key:         []role{roleNotice, roleSupplierName},
		Columns: map[role][]string{
			roleNotice:       {"item.uniqueIdentificationCode"},
			roleBuyerCUI:     {"authority.fiscalNumber"},
			roleBuyerName:    {"authority.entityName"},
			roleSupplierCUI:  {"supplier.fiscalNumber"},
			roleSupplierName: {"supplier.entityName"},
			roleTitle:        {"item.directAcquisitionName"},
			roleCPV:          {"item.cpvCode"},
			roleAwardDate:    {"item.finalizationDate"}, // assumption
			roleNoticeDate:   {"item.publicationDate"},
			roleState:        {"item.sysDirectAcquisitionState.text"},
		},
		Values:        []valueSource{{Column: []string{"item.closingValue"}}},
		AwardedStates: []string{"oferta acceptata"},
	},
	{
		Name:        "api-anunturi-atribuire",
		Description: "e-licitatie.ro (API, CSV cu câmpuri cu punct): anunțuri de atribuire a procedurilor (CAN, SCNA...), un rând pe contract",
		Decimal:     '.',
		Key:         []role{roleNotice, roleBuyerNameAndCUI},
		Columns: map[role][]string{
			roleNotice:     {"item.noticeNo", "noticeContracts.items.noticeNo"},
			roleContractNo: {"noticeContracts.items.contractNo"},
			roleBuyerCUI: {
				"publicNotice.caNoticeEdit_New.section1_New.section1_1.caAddress.nationalIDNumber",
				"publicNotice.caNoticeEdit_New_U.section1_New_U.section1_1.caAddress.nationalIDNumber",
			},
			roleBuyerName: {
				"publicNotice.caNoticeEdit_New.section1_New.section1_1.caAddress.officialName",
				"publicNotice.caNoticeEdit_New_U.section1_New_U.section1_1.caAddress.officialName",
			},
			roleBuyerNameAndCUI: {"item.contractingAuthorityNameAndFN"},
			roleSupplierCUI:     {"noticeContracts.items.winner.fiscalNumber", "noticeContracts.items.winners.fiscalNumber"},
			roleSupplierName:    {"noticeContracts.items.winner.name", "noticeContracts.items.winners.name"},
			roleTitle:           {"noticeContracts.items.contractTitle", "item.contractTitle"},
			roleCPV:             {"item.cpvCodeAndName", "item.cpvCode"},
			roleAwardDate:       {"noticeContracts.items.contractDate"},
			roleNoticeDate:      {"item.noticeStateDate"},
			roleProcedure:       {"item.sysProcedureType.text"},
			roleOffers:          {"noticeContracts.items.numberOfReceivedOffers", "*.section5_2_2.numberOfReceivedOffers"},
			roleEU:              {"*.descriptionList.isEUFunded"},
			roleEUFund:          {"*.descriptionList.sysEuropeanFund.text"},
			roleContractType: {
				"noticeContracts.items.sysContractFrameworkType.text", // assumption: the filter of GetCANoticeContracts
				"item.sysContractAssigmentType.text",
			},
			roleState: {"item.sysProcedureState.text"},
		},
		Values: []valueSource{
			// A row per contract: the contract's own value, in its currency.
			{Column: []string{"noticeContracts.items.contractValue"}, Currency: []string{"noticeContracts.items.currency.text", "item.currencyCode"}},
			// A row per notice (one winner): the notice's value in lei.
			{Column: []string{"item.ronContractValue"}},
		},
		AwardedStates: []string{"atribuita"},
	},
	{
		Name:        "datagov-achizitii-directe-2007",
		Description: "data.gov.ro, achiziții directe 2007–2019 (Castigator^CastigatorCUI^...^ValoareRON^CPVCode)",
		Kind:        models.DirectPurchase,
		Key:         []role{roleNotice, roleSupplierCUI},
		Columns: map[role][]string{
			roleNotice:       {"NumarAnunt"},
			roleContractNo:   {"NumarContract"},
			roleBuyerCUI:     {"AutoritateContractantaCUI", "AutoritateContractantaCU", "CUI Autoritate contractanta"},
			roleBuyerName:    {"AutoritateContractanta"},
			roleSupplierCUI:  {"CastigatorCUI"},
			roleSupplierName: {"Castigator"},
			roleTitle:        {"TitluContract", "Descriere"},
			roleCPV:          {"CPVCode"},
			roleAwardDate:    {"DataContract"},
			roleNoticeDate:   {"DataAnunt"},
			roleProcedure:    {"TipProcedura"},
		},
		Values: []valueSource{
			{Column: []string{"ValoareRON", "Valoare RON"}},
			{Column: []string{"Valoare"}, Currency: []string{"Moneda"}},
		},
	},
	{
		Name:        "datagov-contracte-2018",
		Description: "data.gov.ro, contracte atribuite prin proceduri 2007–2019 (Castigator^...^NumarAnuntAtribuire^...^TipIncheiereContract^...^FonduriComunitare)",
		Key:         []role{roleNotice, roleSupplierCUI},
		Columns: map[role][]string{
			roleNotice:       {"NumarAnuntAtribuire"},
			roleContractNo:   {"NumarContract"},
			roleBuyerCUI:     {"AutoritateContractantaCUI", "CUI Autoritate contractanta"},
			roleBuyerName:    {"AutoritateContractanta"},
			roleSupplierCUI:  {"CastigatorCUI"},
			roleSupplierName: {"Castigator"},
			roleTitle:        {"TitluContract"},
			roleCPV:          {"CPVCode"},
			roleAwardDate:    {"DataContract"},
			roleNoticeDate:   {"DataAnuntAtribuire"},
			roleProcedure:    {"TipProcedura"},
			roleOffers:       {"NumarOfertePrimite"},
			roleEU:           {"FonduriComunitare"},
			roleEUFund:       {"FondEuropean"},
			roleContractType: {"TipIncheiereContract"},
			// assumption: no confirmed export names the framework agreement.
			roleParent: {"NumarAnuntAtribuireAcordCadru", "NumarAcordCadru"},
		},
		Values: []valueSource{
			{Column: []string{"ValoareRON", "Valoare RON"}},
			{Column: []string{"Valoare"}, Currency: []string{"Moneda"}},
		},
	},
	{
		Name:        "datagov-achizitii-directe-2020",
		Description: "data.gov.ro, achiziții directe din 2020 (Autoritate contractanta;CUI autoritate contractanta;Numar achizitie directa;...;Valoare achizitie (RON))",
		Kind:        models.DirectPurchase,
		Key:         []role{roleNotice, roleSupplierCUI},
		Columns: map[role][]string{
			roleNotice:       {"Numar achizitie directa"},
			roleBuyerCUI:     {"CUI autoritate contractanta", "Autoritate contractanta CUI"},
			roleBuyerName:    {"Autoritate contractanta"},
			roleSupplierCUI:  {"CUI ofertant castigator", "Castigator CUI"},
			roleSupplierName: {"Ofertant castigator", "Castigator"},
			roleTitle:        {"Denumire achizitie"},
			roleCPV:          {"Cod CPV"},
			roleAwardDate:    {"Data finalizare"},
			roleNoticeDate:   {"Data publicare"},
			roleEU:           {"Finantare prin fonduri comunitare?", "Fonduri comunitare"},
			roleEUFund:       {"Denumire program"},
		},
		Values: []valueSource{
			{Column: []string{"Valoare achizitie (RON)", "Valoare RON"}},
			{Column: []string{"Valoare achizitie", "Valoare"}, Currency: []string{"Moneda"}},
		},
	},
	{
		Name:        "datagov-contracte-2020",
		Description: "data.gov.ro, contracte și contracte subsecvente din 2020 (CUI autoritate contractanta;Tip procedura;Numar anunt atribuire;...;Valoare contract (RON))",
		Key:         []role{roleNotice, roleSupplierCUI},
		Columns: map[role][]string{
			roleNotice:       {"Numar anunt atribuire"},
			roleContractNo:   {"Numar contract"},
			roleBuyerCUI:     {"CUI autoritate contractanta", "Autoritate contractanta CUI"},
			roleBuyerName:    {"Autoritate contractanta"},
			roleSupplierCUI:  {"CUI ofertant castigator", "Castigator CUI"},
			roleSupplierName: {"Ofertant castigator", "Castigator"},
			roleTitle:        {"Denumire contract", "Titlu contract", "Denumire procedura"}, // assumptions
			roleCPV:          {"Cod CPV"},
			roleAwardDate:    {"Data contract"},
			roleNoticeDate:   {"Data publicare"},
			roleProcedure:    {"Tip procedura"},
			roleOffers:       {"Numar oferte primite"},                                     // assumption
			roleEU:           {"Fonduri comunitare", "Finantare prin fonduri comunitare?"}, // assumption
			roleEUFund:       {"Denumire program"},
			roleContractType: {"Tip incheiere contract"}, // assumption
			// assumptions: the columns a call-off export would name its framework agreement with.
			roleParent: {"Numar anunt atribuire acord cadru", "Numar acord cadru", "Acord cadru"},
		},
		Values: []valueSource{
			{Column: []string{"Valoare contract (RON)", "Valoare atribuita (RON)", "Valoare RON"}},
			{Column: []string{"Valoare contract", "Valoare"}, Currency: []string{"Moneda"}},
		},
	},
}
