package admin

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
)

// The procurement integrity signals (/admin/achizitii): each signal of
// package kpis with its figures against their targets, its definition,
// parameters and legal source, labelled as a signal to check, not a
// conclusion; the direct-purchase thresholds by date; and the flagged rows
// (filters: entitate, an, semnal, noi=da for those new since the previous
// release; ordine: data, valoare, furnizor, "-" before for descending;
// pagina; format=csv|xlsx exports them through export_rows.go).

var signalSorts = []string{"data", "valoare", "furnizor"}

// signalColumns are the flagged rows' columns, on the page and in its exports.
var signalColumns = []tableColumn{
	{"signals.col.signal", "", typeText}, {"signals.col.id", "", typeText}, {"signals.col.date", "data", typeDate},
	{"signals.col.supplier", "furnizor", typeText}, {"signals.col.cpv", "", typeText}, {"signals.col.proc", "", typeText},
	{"signals.col.offers", "", typeCount}, {"signals.col.value", "valoare", typeAmount}, {"signals.col.why", "", typeText},
	{"signals.col.new", "", typeText},
}

const signalRowsPerPage = 50

// SignalSection is one signal on the page.
type SignalSection struct {
	ID, Title   string
	Cards       Group // the signal's KPIs against their targets
	Definitions []string
	Param       string
	Source      string
	Rows        string // the link to its flagged rows
	Flagged     int64
	Top         []TopRow
	TopNote     string
}

// TopRow is one of the largest suppliers.
type TopRow struct {
	Supplier  dashboards.Cell
	Contracts string
	Value     string
	Part      string
}

// ThresholdRow is one dated threshold.
type ThresholdRow struct {
	Since, Goods, Works, Source string
}

type signalsView struct {
	*Page
	Entity     models.Entity
	Year       int
	Period     string
	Whole      string
	Compare    string
	Sections   []SignalSection
	Thresholds []ThresholdRow
	RowsTitle  string
	Form       dashboards.Form
	Table      *requestRowsView
}

// signalsLink links the signals page of an entity and year, optionally
// its rows of one signal (and only the new ones).
func signalsLink(lang, entity string, year int, signal string, onlyNew bool) string {
	p := url.Values{"entitate": {entity}, "an": {strconv.Itoa(year)}}
	if signal != "" {
		p.Set("semnal", signal)
	}
	if onlyNew {
		p.Set("noi", "da")
	}
	return dashboards.LinkQ(lang, PathSignals, p) + "#randuri"
}

// signalOfKPI is the signal a KPI measures.
func signalOfKPI(id string) string {
	for _, s := range kpis.Signals {
		if slices.Contains(s.KPIs, id) {
			return s.ID
		}
	}
	return ""
}

func daysText(lang string, n int) string {
	return dashboards.CountNoun(lang, int64(n), dashboards.T(lang, "signals.day"), dashboards.T(lang, "signals.days"))
}

// flagWhy says in words why a row is flagged.
func flagWhy(lang string, f kpis.Flag) string {
	c := f.Contract
	kind := dashboards.T(lang, "signals.why.goods")
	if f.Works {
		kind = dashboards.T(lang, "signals.why.works")
	}
	switch f.Signal {
	case kpis.SignalConcentration:
		return dashboards.Tf(lang, "signals.why.concentrare", f.Rank, partText(lang, f.Part))
	case kpis.SignalThreshold:
		return dashboards.Tf(lang, "signals.why.sub-prag", dashboards.Ratio{Num: int64(c.Value), Den: int64(f.Threshold)}.Format(lang),
			dashboards.FormatLei(lang, f.Threshold), kind, dashboards.FormatDate(lang, c.AwardDate))
	case kpis.SignalSplitting:
		cls := c.CPV
		if len(cls) >= 4 {
			cls = cls[:4]
		}
		return dashboards.Tf(lang, "signals.why.divizare", f.Group, purchasesNoun(lang, f.Count), cls, dashboards.FormatLei(lang, f.Sum),
			dashboards.FormatDate(lang, f.First), dashboards.FormatDate(lang, f.Last), dashboards.FormatLei(lang, f.Threshold))
	case kpis.SignalPair:
		return dashboards.Tf(lang, "signals.why.perechi", purchasesNoun(lang, f.Count), dashboards.FormatLei(lang, f.Sum),
			dashboards.FormatDate(lang, f.First), dashboards.FormatDate(lang, f.Last), dashboards.FormatLei(lang, f.Threshold))
	}
	return dashboards.T(lang, "signals.why."+f.Signal)
}

func purchasesNoun(lang string, n int64) string {
	return dashboards.CountNoun(lang, n, dashboards.T(lang, "signals.purchase"), dashboards.T(lang, "signals.purchases"))
}

func partText(lang string, p kpis.Point) string {
	_, text := pointText(lang, models.KPI{Unit: models.UnitShare}, p)
	return text
}

// newText is a flag's "new" column: da, nu, or "–" with nothing to compare.
func newText(lang string, prev previousFlags, f kpis.Flag) string {
	switch {
	case !prev.Exists || prev.Failed:
		return "–"
	case prev.New(f):
		return dashboards.T(lang, "signals.yes")
	}
	return dashboards.T(lang, "signals.new.no.short")
}

// compareText says what the flags were compared with.
func compareText(lang string, prev previousFlags, fresh int64) string {
	switch {
	case !prev.Exists:
		return dashboards.T(lang, "signals.compare.none")
	case prev.Failed:
		return dashboards.T(lang, "signals.compare.fail")
	}
	return dashboards.Tf(lang, "signals.compare", dashboards.FormatDate(lang, prev.Created),
		dashboards.CountNoun(lang, fresh, dashboards.T(lang, "attention.signal"), dashboards.T(lang, "attention.signals.n")))
}

func (s *Server) signals(q *request) (string, any, error) {
	lang, ctx := q.lang, q.Context()
	sc, err := scopeOf(q)
	if err != nil {
		return "", nil, err
	}
	v := q.URL.Query()
	e, y := sc.Entity, sc.Year
	set := s.cfg.Targets.Signals
	signal := v.Get("semnal")
	var ids []string
	for _, sg := range kpis.Signals {
		ids = append(ids, sg.ID)
	}
	if signal != "" && !slices.Contains(ids, signal) {
		return "", nil, paramErr("semnal", signal, "semnalele sunt: "+strings.Join(ids, ", "), "the signals are: "+strings.Join(ids, ", "))
	}
	onlyNew := false
	switch n := v.Get("noi"); n {
	case "":
	case "da":
		onlyNew = true
	default:
		return "", nil, paramErr("noi", n, "noi=da arată doar semnalele noi față de ediția anterioară; fără noi, toate", "noi=da shows only the signals new since the previous release; without noi, all of them")
	}
	order := v.Get("ordine")
	col := strings.TrimPrefix(order, "-")
	if order != "" && !slices.Contains(signalSorts, col) {
		return "", nil, paramErr("ordine", order, "ordinea este una din coloanele "+strings.Join(signalSorts, ", ")+", cu „-” în față pentru descrescător",
			"the order is one of the columns "+strings.Join(signalSorts, ", ")+", with a leading “-” for descending")
	}
	format, err := exportFormat(q)
	if err != nil {
		return "", nil, err
	}
	page, err := pageParam(v)
	if err != nil {
		return "", nil, err
	}

	flags, err := s.flags.flags(ctx, q.rel, set, e.CUI, y)
	if err != nil {
		return "", nil, err
	}
	prev := s.previousFlags(ctx, q.rel, e.CUI, y)
	var rows []kpis.Flag
	var fresh int64
	for _, sg := range kpis.Signals {
		for _, f := range flags[sg.ID] {
			isNew := sg.Alert && prev.New(f)
			if isNew {
				fresh++
			}
			if (signal == sg.ID || signal == "" && sg.Alert) && (!onlyNew || isNew) {
				rows = append(rows, f)
			}
		}
	}
	desc := strings.HasPrefix(order, "-")
	slices.SortStableFunc(rows, func(a, b kpis.Flag) int {
		var c int
		switch col {
		case "valoare":
			c = cmp.Compare(a.Contract.Value, b.Contract.Value)
		case "furnizor":
			c = cmp.Compare(a.Contract.SupplierName, b.Contract.SupplierName)
		default:
			c = a.Contract.AwardDate.Compare(b.Contract.AwardDate)
		}
		c = cmp.Or(c, cmp.Compare(a.Contract.ContractID, b.Contract.ContractID))
		if desc {
			return -c
		}
		return c
	})
	signalName := func(id string) string { return dashboards.T(lang, "signal."+id) }
	supplier := func(c models.Contract) string {
		if c.SupplierCUI == "" || c.SupplierCUI == c.SupplierName {
			return c.SupplierName
		}
		return c.SupplierName + " (" + c.SupplierCUI + ")"
	}
	if format != "" {
		f := exportFilters(q, sc)
		f.Set("an", strconv.Itoa(y))
		f.Del("departament") // procurement has no department
		ex := tableExport{Set: "semnale", Entity: e, Tag: strconv.Itoa(y), Cols: signalColumns, Format: format, Filters: f}
		return "", nil, s.writeExport(q.w, q, ex, func(yield func([]any) error) error {
			for _, fl := range rows {
				c := fl.Contract
				var offers any
				if c.Offers > 0 {
					offers = c.Offers
				}
				if err := yield([]any{signalName(fl.Signal), c.ContractID, dateValue(c.AwardDate), supplier(c), c.CPV, c.Procedure, offers,
					amountValue(c.Value), flagWhy(lang, fl), newText(lang, prev, fl)}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	from, to, pages, err := pageBounds(len(rows), signalRowsPerPage, page)
	if err != nil {
		return "", nil, err
	}

	q.page.SetActive("admin.signals")
	q.page.Title = dashboards.Tf(lang, "signals.title", dashboards.EntityName(lang, e), y)
	q.page.ScopeText = scopeText(lang, q.sess.User, q.rel)
	view := &signalsView{Page: q.page, Entity: e, Year: y, Compare: compareText(lang, prev, fresh)}
	if sc.Department != "" {
		view.Whole = dashboards.T(lang, "signals.whole")
	}

	vs, err := s.kpis.compute(ctx, q.rel, kpis.Scope{Entity: e.CUI, Department: sc.Department, Year: y})
	if err != nil {
		return "", nil, err
	}
	through := 0
	if val, ok := kpis.Find(vs, models.KPIDirectCountShare); ok {
		through = val.Through
	}
	view.Period = dashboards.Tf(lang, "signals.period", dashboards.Period{Year: y, Through: through}.Label(lang))
	conc, err := set.Concentration(ctx, q.rel, kpis.Scope{Entity: e.CUI, Year: y})
	if err != nil {
		return "", nil, err
	}
	basis := dashboards.T(lang, "signals.top.byvalue")
	if !conc.ByValue {
		basis = dashboards.T(lang, "signals.top.bycount")
	}
	for _, sg := range kpis.Signals {
		sec := SignalSection{ID: sg.ID, Title: signalName(sg.ID), Source: dashboards.T(lang, "signal."+sg.ID+".source"),
			Rows: signalsLink(lang, e.CUI, y, sg.ID, false), Flagged: int64(len(flags[sg.ID])), Cards: Group{Lang: lang, Key: "procurement"}}
		for _, id := range sg.KPIs {
			val, ok := kpis.Find(vs, id)
			if !ok {
				continue
			}
			sec.Cards.Targets = append(sec.Cards.Targets, targetCard(lang, s.cfg.Targets, val, e.CUI, "", ""))
			sec.Definitions = append(sec.Definitions, dashboards.Text(lang, val.KPI.Definition))
		}
		switch sg.ID {
		case kpis.SignalConcentration:
			sec.Param = dashboards.Tf(lang, "signal.concentrare.param", basis)
			for _, t := range conc.Top {
				sec.Top = append(sec.Top, TopRow{Supplier: dashboards.DataCell(lang, t.Name+" ("+t.CUI+")"),
					Contracts: dashboards.FormatCount(lang, t.Contracts), Value: dashboards.FormatLei(lang, t.Value), Part: partText(lang, t.Part)})
			}
			sec.TopNote = dashboards.T(lang, "signals.top") + ", " + basis
		case kpis.SignalThreshold:
			sec.Param = dashboards.Tf(lang, "signal.sub-prag.param", set.BandLow, set.BandHigh)
		case kpis.SignalSplitting:
			sec.Param = dashboards.Tf(lang, "signal.divizare.param", daysText(lang, set.SplittingDays))
		case kpis.SignalPair:
			sec.Param = dashboards.Tf(lang, "signal.perechi.param", daysText(lang, set.PairDays))
		default:
			sec.Param = dashboards.T(lang, "signal."+sg.ID+".param")
		}
		view.Sections = append(view.Sections, sec)
	}
	for _, th := range set.Thresholds {
		view.Thresholds = append(view.Thresholds, ThresholdRow{Since: dashboards.FormatDate(lang, th.Since), Goods: dashboards.FormatLei(lang, th.Goods),
			Works: dashboards.FormatLei(lang, th.Works), Source: dashboards.Text(lang, th.Source)})
	}

	// The flagged rows.
	shown := dashboards.T(lang, "signals.rows.all")
	if signal != "" {
		shown = signalName(signal)
	}
	view.RowsTitle = dashboards.Tf(lang, "signals.rows.title", shown)
	sigOpts := []dashboards.Option{{Value: "", Text: dashboards.T(lang, "signals.rows.all"), Selected: signal == ""}}
	for _, id := range ids {
		sigOpts = append(sigOpts, dashboards.Option{Value: id, Text: signalName(id), Selected: id == signal})
	}
	newOpts := []dashboards.Option{{Value: "", Text: dashboards.T(lang, "signals.new.no"), Selected: !onlyNew},
		{Value: "da", Text: dashboards.T(lang, "signals.new.yes"), Selected: onlyNew}}
	sortOpts := sortOptions(lang, dashboards.T(lang, "signals.sort.data"), "signals.sort.", signalSorts, order)
	yearOpts := yearOptions(q.rel.Years(models.DatasetProcurement, e.CUI), y)
	fields := []dashboards.Field{
		{Name: "an", Label: dashboards.T(lang, "year"), Type: "select", Options: yearOpts},
		{Name: "semnal", Label: dashboards.T(lang, "signals.col.signal"), Type: "select", Options: sigOpts},
		{Name: "noi", Label: dashboards.T(lang, "signals.new"), Type: "select", Options: newOpts},
		{Name: "ordine", Label: dashboards.T(lang, "rows.sort"), Type: "select", Options: sortOpts},
	}
	if !q.sess.User.Scoped() {
		fields = append(fields, dashboards.Field{Name: "entitate", Type: "hidden", Value: e.CUI})
	}
	view.Form = dashboards.Form{Lang: lang, Action: dashboards.Link(lang, PathSignals), Reset: signalsLink(lang, e.CUI, y, "", false), Fields: fields}
	base := dashboards.CloneValues(v)
	base.Del("pagina")
	base.Del("format")
	base.Set("entitate", e.CUI)
	base.Set("an", strconv.Itoa(y))
	table := &requestRowsView{Page: q.page, Entity: e, Total: int64(len(rows))}
	for _, c := range signalColumns {
		h := SortHead{Text: dashboards.T(lang, c.Key)}
		if c.Sort != "" {
			sv := dashboards.CloneValues(base)
			sv.Set("ordine", c.Sort)
			if c.Sort == col || c.Sort == "data" && col == "" {
				h.Sort = "ascending"
				if desc {
					h.Sort = "descending"
				} else {
					sv.Set("ordine", "-"+c.Sort)
				}
			}
			h.Href = dashboards.LinkQ(lang, PathSignals, sv) + "#randuri"
		}
		table.Head = append(table.Head, h)
	}
	for _, fl := range rows[from:to] {
		c := fl.Contract
		offers := dashboards.Cell{Text: "–", Num: true}
		if c.Offers > 0 {
			offers = dashboards.CountCell(lang, c.Offers)
		}
		table.Rows = append(table.Rows, []dashboards.Cell{
			{Text: signalName(fl.Signal)},
			{Text: c.ContractID},
			{Text: dashboards.FormatDate(lang, c.AwardDate), Raw: dateRaw(c.AwardDate)},
			dashboards.DataCell(lang, supplier(c)),
			{Text: c.CPV},
			dashboards.ProcedureName(lang, c.Procedure),
			offers,
			dashboards.LeiCell(lang, c.Value),
			{Text: flagWhy(lang, fl)},
			{Text: newText(lang, prev, fl)},
		})
	}
	if len(rows) > 0 {
		table.Caption = dashboards.Tf(lang, "rows.caption", dashboards.FormatCount(lang, int64(from+1)), dashboards.FormatCount(lang, int64(to)), dashboards.FormatCount(lang, int64(len(rows))))
	}
	table.Pager = pager(lang, PathSignals, base, page, pages)
	table.Downloads = downloads(lang, PathSignals, base)
	view.Table = table
	return "signals", view, nil
}
