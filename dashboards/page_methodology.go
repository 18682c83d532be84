package dashboards

import (
	"time"

	"github.com/deschis/deschis/models"
)

// indicatorDefinitions say how every headline number is computed, in the
// words of the public (the same definitions the tests check against).
var indicatorDefinitions = []struct {
	name string
	def  models.Text
}{
	{"budget-final", models.Text{
		RO: "Suma creditelor bugetare definitive (după rectificări) ale cheltuielilor instituției în anul ales, din ultimul raport de execuție al anului.",
		EN: "The sum of the final (revised) expenditure appropriations of the institution in the chosen year, from the year's latest execution report."}},
	{"budget-executed", models.Text{
		RO: "Plățile efectuate cumulat de la 1 ianuarie până la ultimul raport lunar al anului.",
		EN: "Payments made from 1 January up to the year's latest monthly report."}},
	{"revenue-executed", models.Text{
		RO: "Încasările realizate cumulat de la 1 ianuarie până la ultimul raport lunar.",
		EN: "Receipts collected from 1 January up to the latest monthly report."}},
	{"execution-rate", models.Text{
		RO: "Plățile împărțite la creditele definitive ale cheltuielilor.",
		EN: "Payments divided by the final expenditure appropriations."}},
	{"per-capita-executed", models.Text{
		RO: "Plățile împărțite la populația rezidentă a unității administrative în acel an (sau în cel mai recent an cunoscut), rotunjit la ban.",
		EN: "Payments divided by the resident population of the administrative unit in that year (or the latest known year), rounded to the ban."}},
	{"investments-active", models.Text{
		RO: "Numărul obiectivelor din lista de investiții a anului cu stadiul „în execuție”.",
		EN: "The number of objectives of the year's investment list whose status is “under way”."}},
	{"contracts-count", models.Text{
		RO: "Numărul contractelor atribuite de instituție în anul ales: proceduri, achiziții directe și contracte subsecvente. Acordurile-cadru nu se numără, ca să nu fie numărată de două ori aceeași sumă.",
		EN: "The number of contracts the institution awarded in the chosen year: procedures, direct purchases and call-offs. Framework agreements are not counted, so no amount is counted twice."}},
	{"contracts-value", models.Text{
		RO: "Valoarea fără TVA a acelorași contracte.",
		EN: "The value without VAT of the same contracts."}},
	{"requests-received", models.Text{
		RO: "Cererile și petițiile înregistrate în anul ales, pe toate canalele.",
		EN: "Requests and petitions received in the chosen year, on every channel."}},
	{"requests-within-term-share", models.Text{
		RO: "Dintre cererile cu răspuns, ponderea celor răspunse în termenul legal (10 sau 30 de zile după Legea 544/2001, 30 de zile după OG 27/2002, termenele proprii ale certificatelor și autorizațiilor).",
		EN: "Of the answered requests, the share answered within the legal term (10 or 30 days under Law 544/2001, 30 days under OG 27/2002, the terms of certificates and permits)."}},
	{"requests-median-days", models.Text{
		RO: "Numărul de zile d cel mai mic pentru care cel puțin jumătate dintre cererile cu răspuns au primit răspuns în cel mult d zile.",
		EN: "The smallest number of days d such that at least half of the answered requests were answered within d days."}},
	{"requests-p90-days", models.Text{
		RO: "La fel, pentru 90 % dintre cererile cu răspuns.",
		EN: "The same for 90% of the answered requests."}},
	{"requests-online-share", models.Text{
		RO: "Ponderea cererilor depuse online în totalul cererilor înregistrate.",
		EN: "The share of requests filed online among all requests received."}},
}

// datasetSources say where each published dataset comes from and how often
// it changes.
var datasetSources = map[string][2]models.Text{
	"entities": {{RO: "Registrul instituțiilor și datele INS privind populația.", EN: "The register of institutions and the population figures of the National Institute of Statistics."},
		{RO: "anual", EN: "yearly"}},
	"budget": {{RO: "Rapoartele lunare de execuție bugetară (sistemul național de raportare Forexebug).", EN: "The monthly budget execution reports (the national Forexebug reporting system)."},
		{RO: "lunar", EN: "monthly"}},
	"budget_execution_monthly": {{RO: "Calculat din rapoartele lunare cumulate: valoarea unei luni este diferența a două rapoarte consecutive.", EN: "Computed from the cumulative monthly reports: a month's figure is the difference of two consecutive reports."},
		{RO: "lunar", EN: "monthly"}},
	"investments": {{RO: "Lista obiectivelor de investiții, anexă la bugetul aprobat, cu progresul raportat.", EN: "The list of investment objectives annexed to the approved budget, with the reported progress."},
		{RO: "la aprobarea și rectificarea bugetului", EN: "when the budget is approved or revised"}},
	"procurement": {{RO: "Sistemul electronic de achiziții publice SEAP/SICAP (e-licitatie.ro): anunțuri de atribuire și achiziții directe.", EN: "The electronic public procurement system SEAP/SICAP (e-licitatie.ro): award notices and direct purchases."},
		{RO: "zilnic", EN: "daily"}},
	"suppliers": {{RO: "Calculat din contractele de achiziție.", EN: "Computed from the procurement contracts."},
		{RO: "zilnic", EN: "daily"}},
	"requests_daily": {{RO: "Registratura instituției: doar numărul cererilor, fără date personale.", EN: "The institution's registry: request counts only, no personal data."},
		{RO: "zilnic", EN: "daily"}},
	"requests_answer_days": {{RO: "Registratura instituției: câte cereri au primit răspuns după fiecare număr de zile.", EN: "The institution's registry: how many requests were answered after each number of days."},
		{RO: "zilnic", EN: "daily"}},
}

type methodologyView struct {
	*Page
	Indicators []Definition
	Datasets   []DatasetInfo
}

// Definition is an indicator and how it is computed.
type Definition struct{ Name, Label, Text string }

// DatasetInfo is a published dataset as the methodology and catalogue show it.
type DatasetInfo struct {
	Name, Title, Description, Source, Frequency string
	Rows                                        int64
	From, To                                    string
	Href                                        string
}

func text(lang string, t models.Text) string {
	if lang == EN {
		return t.EN
	}
	return t.RO
}

// methodology: what every indicator means, where each dataset comes from and
// how often it updates.
func (s *Server) methodology(q *request) (string, any, error) {
	lang := q.lang
	q.page.setActive("methodology")
	q.page.Title = T(lang, "meth.title")
	v := &methodologyView{Page: q.page}
	for _, d := range indicatorDefinitions {
		v.Indicators = append(v.Indicators, Definition{Name: d.name, Label: T(lang, "kpi."+d.name), Text: text(lang, d.def)})
	}
	v.Datasets = datasetInfos(lang, q.rel.Manifest)
	return "methodology", v, nil
}

func datasetInfos(lang string, m *models.Manifest) []DatasetInfo {
	var out []DatasetInfo
	for _, d := range m.Datasets {
		if d.Access != models.Public {
			continue
		}
		info := DatasetInfo{Name: d.Name, Title: text(lang, d.Title), Description: text(lang, d.Description), Rows: d.Rows,
			Href: "/date/" + d.Name + ".parquet"}
		if src, ok := datasetSources[d.Name]; ok {
			info.Source, info.Frequency = text(lang, src[0]), text(lang, src[1])
		}
		if t, err := time.Parse(time.DateOnly, d.Coverage.From); err == nil {
			info.From = FormatDate(lang, t)
		}
		if t, err := time.Parse(time.DateOnly, d.Coverage.To); err == nil {
			info.To = FormatDate(lang, t)
		}
		out = append(out, info)
	}
	return out
}

type dataView struct {
	*Page
	Datasets []DatasetInfo
	Intro    []any
}

// data: the open-data catalogue of the current release.
func (s *Server) data(q *request) (string, any, error) {
	lang := q.lang
	q.page.setActive("data")
	q.page.Title = T(lang, "data.title")
	return "data", &dataView{Page: q.page, Datasets: datasetInfos(lang, q.rel.Manifest)}, nil
}
