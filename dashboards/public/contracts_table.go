package public

import (
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// ContractListRow is a contract in a list (templates/partials.html,
// "contracts": the procurement, supplier and investment pages).
type ContractListRow struct {
	Date, DateISO, Buyer, Supplier, SupplierHref, Title string
	CPV, Value, ValueRaw                                string
	Kind                                                template.HTML // the modality of award, as Legea nr. 98/2016 names it
	NotCounted                                          bool
}

func contractListRow(lang string, c models.Contract) ContractListRow {
	r := ContractListRow{Date: dashboards.FormatDate(lang, c.AwardDate), Buyer: c.BuyerName, Supplier: c.SupplierName, Title: c.Title,
		CPV: c.CPV, Kind: awardModality(lang, c), Value: dashboards.FormatLei(lang, c.Value), ValueRaw: c.Value.String(),
		NotCounted: !c.CountsInTotal}
	if c.CPV == "" {
		r.CPV = dashboards.T(lang, "proc.no.cpv")
	}
	if !c.AwardDate.IsZero() {
		r.DateISO = c.AwardDate.Format(time.DateOnly)
	}
	if c.SupplierCUI != "" && reSupplierCUI.MatchString(c.SupplierCUI) {
		r.SupplierHref = dashboards.Link(lang, "/achizitii/furnizori/"+url.PathEscape(c.SupplierCUI))
	}
	return r
}

// awardModality is how a contract was awarded, in one phrase: the
// procedure's name for a procedure award ("licitație deschisă"), "achiziție
// directă", "acord-cadru atribuit prin licitație deschisă".
func awardModality(lang string, c models.Contract) template.HTML {
	proc := dashboards.ProcedureName(lang, c.Procedure)
	kind := template.HTML(template.HTMLEscapeString(dashboards.T(lang, "kind."+c.Kind)))
	named := func(cell dashboards.Cell) template.HTML {
		if cell.Lang != "" {
			return dashboards.Ro(lang, cell.Text)
		}
		return template.HTML(template.HTMLEscapeString(cell.Text))
	}
	switch {
	case c.Procedure == "":
		return kind
	case models.ContractKind(c.Kind) == models.ProcedureAward:
		return named(proc)
	case models.ContractKind(c.Kind) == models.DirectPurchase:
		return kind
	}
	return kind + " " + template.HTML(template.HTMLEscapeString(dashboards.T(lang, "proc.awarded.by"))) + " " + named(proc)
}

// ContractsTable is the contract list partial's view.
type ContractsTable struct {
	Lang, Caption string
	Rows          []ContractListRow
	Sort          map[string]string // column -> link that sorts by it (procurement page)
}

// Body is the list's rows, <tr> by <tr>, for the partial's <tbody>. They
// are written here rather than by the template because a page of 50 rows
// was some 1.500 template actions, each value through html/template's
// escaper by reflection: a third of the CPU of an uncached /achizitii.
// Every value is escaped as html/template escapes a text node or a quoted
// attribute (escapeHTML); TestContractRowsRenderAsTheTemplateDid holds the
// output to the template's, byte for byte.
func (t ContractsTable) Body() template.HTML {
	ro := ""
	if t.Lang == dashboards.EN {
		ro = ` lang="ro"`
	}
	notCounted := escapeHTML(dashboards.T(t.Lang, "proc.not.counted"))
	var b strings.Builder
	b.Grow(400 * len(t.Rows))
	for _, r := range t.Rows {
		b.WriteString("<tr><td>")
		if r.DateISO != "" {
			b.WriteString(`<time datetime="` + escapeHTML(r.DateISO) + `">` + escapeHTML(r.Date) + "</time>")
		} else {
			b.WriteString("–")
		}
		b.WriteString(`</td><th scope="row"` + ro + ">" + escapeHTML(r.Title) + "</th><td" + ro + ">")
		if r.SupplierHref != "" {
			b.WriteString(`<a href="` + escapeHTML(r.SupplierHref) + `">` + escapeHTML(r.Supplier) + "</a>")
		} else {
			b.WriteString(escapeHTML(r.Supplier))
		}
		b.WriteString("</td><td" + ro + ">" + escapeHTML(r.Buyer) + "</td><td>" + escapeHTML(r.CPV) + "</td><td>" + string(r.Kind))
		if r.NotCounted {
			b.WriteString(" – <em>" + notCounted + "</em>")
		}
		b.WriteString(`</td><td class="num" data-value="` + escapeHTML(r.ValueRaw) + `">` + escapeHTML(r.Value) + "</td></tr>\n")
	}
	return template.HTML(b.String())
}

// escapeHTML escapes text as html/template does (dashboards.EscapeHTML,
// the Go partials' escaping).
var escapeHTML = dashboards.EscapeHTML

func contractsTable(lang, caption string, rows []ContractListRow) ContractsTable {
	return ContractsTable{Lang: lang, Caption: caption, Rows: rows}
}

// contractPage reads the page of the list the request asks for (pagina),
// setting f's limit and offset, and says which page of how many it is; a
// page past the end is a 404.
func contractPage(q *request, f *models.ContractFilter, total int64) (rows []models.Contract, page, pages int, err error) {
	page, pages, f.Offset, err = pageOf(q, total)
	if err != nil {
		return nil, page, pages, err
	}
	f.Limit = pageSize
	rows, err = q.rel.Contracts(q.ctx(), *f)
	return rows, page, pages, err
}
