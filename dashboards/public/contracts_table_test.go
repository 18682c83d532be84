package public

import (
	"bytes"
	"html/template"
	"testing"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// templateRows is the contract list's row as the template wrote it before
// ContractsTable.Body: the reference Body is held to.
const templateRows = `{{range .Rows}}<tr><td>{{if .DateISO}}<time datetime="{{.DateISO}}">{{.Date}}</time>{{else}}–{{end}}</td><th scope="row"{{if eq $.Lang "en"}} lang="ro"{{end}}>{{.Title}}</th><td{{if eq $.Lang "en"}} lang="ro"{{end}}>{{if .SupplierHref}}<a href="{{.SupplierHref}}">{{.Supplier}}</a>{{else}}{{.Supplier}}{{end}}</td><td{{if eq $.Lang "en"}} lang="ro"{{end}}>{{.Buyer}}</td><td>{{.CPV}}</td><td>{{.Kind}}{{if .NotCounted}} – <em>{{t $.Lang "proc.not.counted"}}</em>{{end}}</td><td class="num" data-value="{{.ValueRaw}}">{{.Value}}</td></tr>
{{end}}`

// The contract rows Body writes are the template's, byte for byte, in both
// languages, for every kind of contract and for values with every
// character html/template escapes (", &, ', +, <, >, NUL), invalid UTF-8
// and diacritics.
func TestContractRowsRenderAsTheTemplateDid(t *testing.T) {
	ref := template.Must(template.New("rows").Funcs(template.FuncMap{"t": dashboards.T}).Parse(templateRows))
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	contracts := []models.Contract{
		{AwardDate: day, BuyerName: "Municipiul Sibiu", SupplierCUI: "4267117", SupplierName: "Curat SRL", Title: "Servicii de curățenie",
			CPV: "90911200-8", Kind: string(models.DirectPurchase), Procedure: "", Value: 12345678, CountsInTotal: true},
		{AwardDate: day, BuyerName: `Școala "Gh. Lazăr" & Co`, SupplierCUI: "RO-123", SupplierName: `C+C <Construct> 'Ţară' SRL`, Title: "Lucrări <b>reabilitare</b> + \x00 \xff",
			CPV: "", Kind: string(models.ProcedureAward), Procedure: "licitatie_deschisa", Value: -5, CountsInTotal: true},
		{BuyerName: "Spitalul Județean", SupplierCUI: "cui cu spațiu", SupplierName: "Fără cod valid", Title: "Acord-cadru",
			CPV: "45000000-7", Kind: string(models.FrameworkAgreement), Procedure: "negociere_fara_publicare", Value: 0, CountsInTotal: false},
		{AwardDate: day, SupplierName: "", Title: "", Kind: "subsequent", Procedure: "procedura_simplificata", Value: 100, CountsInTotal: false},
	}
	for _, lang := range []string{dashboards.RO, dashboards.EN} {
		tab := ContractsTable{Lang: lang}
		for _, c := range contracts {
			tab.Rows = append(tab.Rows, contractListRow(lang, c))
		}
		var want bytes.Buffer
		if err := ref.Execute(&want, tab); err != nil {
			t.Fatal(err)
		}
		if got := string(tab.Body()); got != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", lang, got, want.String())
		}
		if tab.Rows[0].SupplierHref == "" || tab.Rows[2].SupplierHref != "" || !tab.Rows[2].NotCounted {
			t.Errorf("%s: the rows do not cover a link, no link and a row not counted: %+v", lang, tab.Rows)
		}
	}
	if got := (ContractsTable{Lang: dashboards.RO}).Body(); got != "" {
		t.Errorf("no rows: %q", got)
	}
}
