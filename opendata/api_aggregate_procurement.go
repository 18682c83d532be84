package opendata

// GET /api/v1/aggregate/procurement?by=supplier|month|buyer_year: the whole
// release's contracts summed (models.ContractAggregator, prepared with the
// release and held in memory: release/read_aggregates.go). Only contracts
// that enter totals are counted (counts_in_total: framework agreements never
// are), as on every page.
//
//	by=supplier[&limit=N]  the suppliers that won most, largest first (N from 1 to 100, 10 by default)
//	by=month               the months of award, in order (month null: undated)
//	by=buyer_year          each institution's years (year null: undated)
//
// Sums in lei are JSON numbers written exactly with two decimals, null
// when no contract of the row has a value (a missing figure, not 0).

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/deschis/deschis/models"
)

// procurementAggregateParams are the query parameters of the endpoint.
var procurementAggregateParams = []string{"by", "limit"}

// procurementAggregateBy are the values of by.
var procurementAggregateBy = []string{"supplier", "month", "buyer_year"}

// APIProcurementAggregate is the answer of GET /api/v1/aggregate/procurement:
// each row has the keys of by (supplier: supplier_cui and supplier_name;
// month: month as YYYY-MM; buyer_year: buyer_cui and year, each null when
// the contracts give none), contracts and total (lei, a json.Number, null
// when no contract of the row has a value).
type APIProcurementAggregate struct {
	ReleaseID string           `json:"release_id"`
	By        string           `json:"by"`
	Rows      []map[string]any `json:"rows"`
	Note      models.Text      `json:"note"`
}

var procurementAggregateNote = models.Text{
	RO: "Se numără și se însumează doar contractele care intră în totaluri (counts_in_total): acordurile-cadru nu, contractele lor subsecvente da. Sumele sunt în lei; null: niciun contract al rândului nu are valoare.",
	EN: "Only the contracts that enter totals are counted and summed (counts_in_total): framework agreements are not, their call-offs are. Sums are in lei; null: no contract of the row has a value.",
}

func (s *Server) apiAggregateProcurement(w http.ResponseWriter, r *http.Request) {
	rel := s.release(r)
	q, err := url.ParseQuery(r.URL.RawQuery)
	if refuseQuery(w, q, err, procurementAggregateParams, func(name string) models.Text {
		return models.Text{
			RO: "Parametrul " + name + " apare de mai multe ori: dați-l o dată.",
			EN: "The parameter " + name + " is given several times: give it once.",
		}
	}) {
		return
	}
	by := q.Get("by")
	if !slices.Contains(procurementAggregateBy, by) {
		writeAPIError(w, http.StatusBadRequest, "invalid_by", models.Text{
			RO: "Parametrul by spune cum se grupează contractele: by=supplier (furnizorii de top), by=month (pe luni) sau by=buyer_year (pe instituții și ani).",
			EN: "The parameter by says how the contracts are grouped: by=supplier (the top suppliers), by=month (by month) or by=buyer_year (by institution and year).",
		}, procurementAggregateBy)
		return
	}
	limit := 10
	if v, ok := q["limit"]; ok {
		n, err := strconv.Atoi(v[0])
		if by != "supplier" || err != nil || n < 1 || n > models.TopSuppliersMax {
			writeAPIError(w, http.StatusBadRequest, "bad_limit", models.Text{
				RO: "limit este numărul furnizorilor (doar cu by=supplier): un întreg de la 1 la " + strconv.Itoa(models.TopSuppliersMax) + ".",
				EN: "limit is the number of suppliers (with by=supplier only): a whole number from 1 to " + strconv.Itoa(models.TopSuppliersMax) + ".",
			}, nil)
			return
		}
		limit = n
	}
	agg, ok := rel.Reader.(models.ContractAggregator)
	if !ok {
		writeAPIError(w, http.StatusServiceUnavailable, "unavailable", models.Text{
			RO: "Serverul nu a deschis contractele ediției: agregatele nu sunt disponibile. Descărcați fișierele din " + APIPrefix + "/datasets/procurement.",
			EN: "The server has not opened the release's contracts: aggregates are not available. Download the files listed at " + APIPrefix + "/datasets/procurement.",
		}, nil)
		return
	}
	out := APIProcurementAggregate{ReleaseID: rel.Manifest.ReleaseID, By: by, Rows: []map[string]any{}, Note: procurementAggregateNote}
	add := func(g models.ContractAggregate, keys ...any) {
		row := map[string]any{"contracts": g.Contracts, "total": nil}
		if g.Valued {
			row["total"] = json.Number(g.Value.String())
		}
		for i := 0; i+1 < len(keys); i += 2 {
			row[keys[i].(string)] = keys[i+1]
		}
		out.Rows = append(out.Rows, row)
	}
	orNull := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	switch by {
	case "supplier":
		var gs []models.SupplierRank
		gs, err = agg.TopSuppliers(r.Context(), limit)
		for _, g := range gs {
			add(g.ContractAggregate, "supplier_cui", orNull(g.CUI), "supplier_name", orNull(g.Name))
		}
	case "month":
		var gs []models.MonthTotal
		gs, err = agg.ContractsByMonth(r.Context())
		for _, g := range gs {
			month := ""
			if !g.Month.IsZero() {
				month = g.Month.Format("2006-01")
			}
			add(g.ContractAggregate, "month", orNull(month))
		}
	case "buyer_year":
		var gs []models.BuyerYearTotal
		gs, err = agg.ContractsByBuyerYear(r.Context())
		for _, g := range gs {
			var year any
			if g.Year != 0 {
				year = g.Year
			}
			add(g.ContractAggregate, "buyer_cui", orNull(g.BuyerCUI), "year", year)
		}
	}
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "internal", models.Text{
			RO: "Agregarea nu a reușit din cauza serverului, nu a cererii. Încercați din nou mai târziu.",
			EN: "The aggregation failed because of the server, not the request. Try again later.",
		}, nil)
		return
	}
	writeAPI(w, r, releaseETag(rel.Manifest.ReleaseID), out)
}
