package admin

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
)

// The investment objectives' rows (/admin/investitii): the drill-down of
// the investment alerts, over the release's public investment list (a year's
// list is small: it is filtered and sorted here, on the reader's rows).
// Filters: entitate, an, stare (a status of the list, or depasite: past the
// planned end and not received, or blocate: stalled, the rules of
// kpis.InvestmentOverdue and kpis.InvestmentStalled), finantare (a funding
// source, or ue-pnrr: either of the two), ordine (termen, valoare, cod; "-"
// before for descending), pagina.

// The attention rules' states of an objective.
const (
	invOverdue = "depasite"
	invStalled = "blocate"
)

// invExternal is the funding filter of the objectives funded by the EU or
// PNRR (the EU- and PNRR-funded share's rows).
const invExternal = "ue-pnrr"

var investmentSorts = []string{"termen", "valoare", "cod"}

// investmentColumns are the objectives' columns, on the page and in its exports.
var investmentColumns = []tableColumn{
	{"rows.inv.code", "cod", typeText}, {"rows.inv.name", "", typeText}, {"rows.inv.status", "", typeText},
	{"rows.inv.planned.end", "termen", typeDate}, {"value", "valoare", typeAmount},
	{"rows.inv.planned.year", "", typeAmount}, {"rows.inv.spent.year", "", typeAmount},
	{"rows.inv.funding", "", typeText}, {"rows.inv.spent.todate", "", typeAmount}, {"rows.inv.progress", "", typeText},
}

// investmentValues is an objective as export's writers take it.
func investmentValues(lang string, x models.Investment) []any {
	return []any{x.Code, x.Name, x.Status, dateValue(x.PlannedEnd), amountValue(x.TotalValue), amountValue(x.PlannedYear), amountValue(x.SpentYear),
		fundingName(lang, x.Funding), amountValue(x.SpentToDate), progressText(lang, x)}
}

// fundingName is a funding source in lang.
func fundingName(lang, code string) string {
	if code == "" {
		return "–"
	}
	return dashboards.T(lang, "rows.inv.funding."+code)
}

func progressRaw(x models.Investment) string {
	if !x.ProgressKnown {
		return ""
	}
	return dashboards.RawPercentBasis(x.ProgressBasisPoints)
}

// progressText is an objective's physical progress, "–" when the list does
// not report it.
func progressText(lang string, x models.Investment) string {
	if !x.ProgressKnown {
		return "–"
	}
	return dashboards.FormatPercentBasis(lang, x.ProgressBasisPoints)
}

const investmentRowsPerPage = 50

// investmentClock is what the investment rules measure against: the
// release's date (today, for the data) and the month of the year's latest
// execution report (0 without one).
func investmentClock(q *request, sc scope) (time.Time, int, error) {
	return kpis.InvestmentClock(q.Context(), q.rel, sc.Entity.CUI, sc.Year)
}

// investmentRowsLink is the drill-down URL of an entity's objectives of a
// year with the given parameters (pairs of name, value; empty values are
// left out).
func investmentRowsLink(lang, entity string, year int, kv ...string) string {
	p := url.Values{"entitate": {entity}, "an": {strconv.Itoa(year)}}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			p.Set(kv[i], kv[i+1])
		}
	}
	return dashboards.LinkQ(lang, PathInvestmentRows, p)
}

// investmentKPIRows are the objectives behind each investment KPI.
var investmentKPIRows = map[string][]string{
	models.KPIInvestmentsSpentShare:        {"ordine", "-valoare"},
	models.KPIInvestmentsPhysicalFinancial: {"ordine", "-valoare"},
	models.KPIInvestmentsOverdue:           {"stare", invOverdue},
	models.KPIInvestmentsStalled:           {"stare", invStalled},
	models.KPIInvestmentsEUShare:           {"finantare", invExternal},
}

func (s *Server) investmentRows(q *request) (string, any, error) {
	lang, ctx := q.lang, q.Context()
	sc, err := scopeOf(q)
	if err != nil {
		return "", nil, err
	}
	v := q.URL.Query()
	e, y := sc.Entity, sc.Year
	today, month, err := investmentClock(q, sc)
	if err != nil {
		return "", nil, err
	}
	all, err := q.rel.Investments(ctx, models.InvestmentFilter{Entity: e.CUI, Year: y})
	if err != nil {
		return "", nil, err
	}
	state := v.Get("stare")
	states := []string{invOverdue, invStalled}
	for _, st := range models.InvestmentStatuses {
		states = append(states, string(st))
	}
	if state != "" && !slices.Contains(states, state) {
		return "", nil, paramErr("stare", state, "stările posibile sunt: "+strings.Join(states, ", "), "the states are: "+strings.Join(states, ", "))
	}
	funding := v.Get("finantare")
	fundings := append(slices.Clone(models.InvestmentFunding), invExternal)
	if funding != "" && !slices.Contains(fundings, funding) {
		return "", nil, paramErr("finantare", funding, "finanțările posibile sunt: "+strings.Join(fundings, ", "), "the funding sources are: "+strings.Join(fundings, ", "))
	}
	set := s.attention()
	var rows []models.Investment
	for _, x := range all {
		inState := state == "" || state == invOverdue && kpis.InvestmentOverdue(x, today) ||
			state == invStalled && kpis.InvestmentStalled(x, month, set.StalledMonths) || x.Status == state
		funded := funding == "" || x.Funding == funding || funding == invExternal && (x.Funding == "ue" || x.Funding == "pnrr")
		if inState && funded {
			rows = append(rows, x)
		}
	}
	order := v.Get("ordine")
	col := strings.TrimPrefix(order, "-")
	if order != "" && !slices.Contains(investmentSorts, col) {
		return "", nil, paramErr("ordine", order, "ordinea este una din coloanele "+strings.Join(investmentSorts, ", ")+", cu „-” în față pentru descrescător",
			"the order is one of the columns "+strings.Join(investmentSorts, ", ")+", with a leading “-” for descending")
	}
	desc := strings.HasPrefix(order, "-")
	slices.SortStableFunc(rows, func(a, b models.Investment) int {
		var c int
		switch col {
		case "termen":
			c = a.PlannedEnd.Compare(b.PlannedEnd)
		case "valoare":
			c = cmp.Compare(a.TotalValue, b.TotalValue)
		}
		c = cmp.Or(c, cmp.Compare(a.Code, b.Code))
		if desc {
			return -c
		}
		return c
	})
	format, err := exportFormat(q)
	if err != nil {
		return "", nil, err
	}
	if format != "" {
		// A year's list is the reader's whole answer already: it is written as it is.
		f := exportFilters(q, sc)
		f.Set("an", strconv.Itoa(y))
		ex := tableExport{Set: "investitii", Entity: e, Tag: strconv.Itoa(y), Cols: investmentColumns, Format: format, Filters: f}
		return "", nil, s.writeExport(q.w, q, ex, func(yield func([]any) error) error {
			for _, x := range rows {
				if err := yield(investmentValues(lang, x)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	page, err := pageParam(v)
	if err != nil {
		return "", nil, err
	}
	from, to, pages, err := pageBounds(len(rows), investmentRowsPerPage, page)
	if err != nil {
		return "", nil, err
	}

	q.page.SetActive("admin")
	q.page.Title = dashboards.Tf(lang, "rows.investments.title", dashboards.EntityName(lang, e), y)
	q.page.ScopeText = scopeText(lang, q.sess.User, q.rel)
	view := &requestRowsView{Page: q.page, Entity: e, Total: int64(len(rows))}
	opts := []dashboards.Option{{Value: "", Text: dashboards.T(lang, "rows.all"), Selected: state == ""}}
	for _, st := range states {
		text := st
		if st == invOverdue || st == invStalled {
			text = dashboards.T(lang, "rows.inv.state."+st)
		}
		opts = append(opts, dashboards.Option{Value: st, Text: text, Selected: st == state})
	}
	sortOpts := sortOptions(lang, dashboards.T(lang, "rows.inv.sort.cod"), "rows.inv.sort.", investmentSorts, order)
	yearOpts := yearOptions(q.rel.Years(models.DatasetInvestments, e.CUI), y)
	fundOpts := []dashboards.Option{{Value: "", Text: dashboards.T(lang, "rows.all"), Selected: funding == ""}}
	for _, f := range fundings {
		fundOpts = append(fundOpts, dashboards.Option{Value: f, Text: fundingName(lang, f), Selected: f == funding})
	}
	fields := []dashboards.Field{
		{Name: "an", Label: dashboards.T(lang, "year"), Type: "select", Options: yearOpts},
		{Name: "stare", Label: dashboards.T(lang, "rows.inv.status"), Type: "select", Options: opts},
		{Name: "finantare", Label: dashboards.T(lang, "rows.inv.funding"), Type: "select", Options: fundOpts},
		{Name: "ordine", Label: dashboards.T(lang, "rows.sort"), Type: "select", Options: sortOpts},
	}
	if !q.sess.User.Scoped() {
		fields = append(fields, dashboards.Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}
	view.Form = dashboards.Form{Lang: lang, Action: dashboards.Link(lang, PathInvestmentRows), Reset: investmentRowsLink(lang, e.CUI, y), Fields: fields}
	base := dashboards.CloneValues(v)
	base.Del("pagina")
	base.Set("entitate", e.CUI)
	base.Set("an", strconv.Itoa(y))
	head := func(key, c string) SortHead {
		h := SortHead{Text: dashboards.T(lang, key)}
		if c == "" {
			return h
		}
		sv := dashboards.CloneValues(base)
		sv.Set("ordine", c)
		if c == col {
			h.Sort = "ascending"
			if desc {
				h.Sort = "descending"
			} else {
				sv.Set("ordine", "-"+c)
			}
		}
		h.Href = dashboards.LinkQ(lang, PathInvestmentRows, sv)
		return h
	}
	for _, c := range investmentColumns {
		view.Head = append(view.Head, head(c.Key, c.Sort))
	}
	for _, x := range rows[from:to] {
		view.Rows = append(view.Rows, []dashboards.Cell{
			{Text: x.Code},
			dashboards.DataCell(lang, x.Name),
			dashboards.DataCell(lang, x.Status),
			{Text: dashboards.FormatDate(lang, x.PlannedEnd), Raw: dateRaw(x.PlannedEnd)},
			dashboards.LeiCell(lang, x.TotalValue),
			dashboards.LeiCell(lang, x.PlannedYear),
			dashboards.LeiCell(lang, x.SpentYear),
			{Text: fundingName(lang, x.Funding)},
			dashboards.LeiCell(lang, x.SpentToDate),
			{Text: progressText(lang, x), Raw: progressRaw(x), Num: true},
		})
	}
	if len(rows) > 0 {
		view.Caption = dashboards.Tf(lang, "rows.caption", dashboards.FormatCount(lang, int64(from+1)), dashboards.FormatCount(lang, int64(to)), dashboards.FormatCount(lang, int64(len(rows))))
	}
	view.Pager = pager(lang, PathInvestmentRows, base, page, pages)
	view.Downloads = downloads(lang, PathInvestmentRows, base)
	return "investment_rows", view, nil
}
