package public

import (
	"net/url"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

// pageSize is how many contracts a list page shows.
const pageSize = 50

// ContractListRow is a contract in a list (templates/partials.html,
// "contracts": the procurement, supplier and investment pages).
type ContractListRow struct {
	Date, DateISO, Buyer, Supplier, SupplierHref, Title string
	CPV, Procedure, Kind, Value, ValueRaw               string
	NotCounted                                          bool
}

func contractListRow(lang string, c models.Contract) ContractListRow {
	r := ContractListRow{Date: dashboards.FormatDate(lang, c.AwardDate), Buyer: c.BuyerName, Supplier: c.SupplierName, Title: c.Title,
		CPV: c.CPV, Procedure: c.Procedure, Kind: dashboards.T(lang, "kind."+c.Kind), Value: dashboards.FormatLei(lang, c.Value), ValueRaw: c.Value.String(),
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
	pages = int((total + pageSize - 1) / pageSize)
	page = max(q.query.Page, 1)
	if pages > 0 && page > pages {
		return nil, page, pages, notFoundf("pagina %d din %d", page, pages)
	}
	f.Limit, f.Offset = pageSize, (page-1)*pageSize
	rows, err = q.rel.Contracts(q.ctx(), *f)
	return rows, page, pages, err
}
