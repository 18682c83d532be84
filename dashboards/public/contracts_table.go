package public

import (
	"html/template"
	"net/url"
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
