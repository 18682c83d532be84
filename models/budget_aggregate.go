package models

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The aggregate query of the budgets, in the manner of OpenSpending's
// babbage (GET /api/v1/aggregate/budget): which cells to sum, and the rules
// that keep a sum honest. Dimensions and measures are the published
// columns of the budget datasets (release/datasets.go): `drilldown=year`
// sums the `budget` download by its `year` column.
//
// Which dataset backs a query: `budget_execution_monthly` when `month` is
// drilled down or cut, else the annual `budget` (each year's latest report).
//
// What is never added up:
//   - expenses and revenues (kind): a query that neither drills down by
//     kind nor cuts one kind gets kind added to its drill-down;
//   - the transfers between an authority and its subordinate units
//     (intra_group) when a cell sums several institutions: unless the query
//     drills down or cuts entity_cui to one institution, or says what it
//     wants of intra_group, the cut intra_group:false is added, which is the
//     consolidated budget the site shows;
//   - the monthly stocks (final_budget, *_cumulative) across months.

// AggregateDim is a dimension of the budget aggregate: a published column.
type AggregateDim struct {
	Name    string // the column
	Type    string // INTEGER, VARCHAR or BOOLEAN: how a cut's value is read
	Monthly bool   // only in budget_execution_monthly (month)
}

// AggregateDims are the dimensions, in the order the OpenAPI lists them.
var AggregateDims = []AggregateDim{
	{"year", "INTEGER", false},
	{"month", "INTEGER", true},
	{"entity_cui", "VARCHAR", false},
	{"group_cui", "VARCHAR", false},
	{"kind", "VARCHAR", false},
	{"section", "VARCHAR", false},
	{"funding_source", "VARCHAR", false},
	{"chapter_code", "VARCHAR", false},
	{"functional_code", "VARCHAR", false},
	{"economic_title", "VARCHAR", false},
	{"economic_code", "VARCHAR", false},
	{"intra_group", "BOOLEAN", false},
}

// AggregateMeasures are the measures of each backing dataset. A stock
// (Stock) of the monthly dataset is summed only within one month.
var AggregateMeasures = map[string][]AggregateMeasure{
	DatasetBudget: {
		{"initial_budget", false}, {"final_budget", false}, {"commitments", false}, {"executed", false},
	},
	DatasetBudgetMonthly: {
		{"executed", false}, {"commitments", false},
		{"final_budget", true}, {"executed_cumulative", true}, {"commitments_cumulative", true},
	},
}

// AggregateMeasure is a summable column of a budget dataset.
type AggregateMeasure struct {
	Name  string
	Stock bool // a level at the end of a month, not a flow in it
}

// DatasetBudgetMonthly is the published monthly budget execution.
const DatasetBudgetMonthly = "budget_execution_monthly"

// CountAggregate is the aggregate of the number of rows of a cell.
const CountAggregate = "_count"

// AggregateMaxPageSize is the most cells one answer holds (babbage's page_max).
const AggregateMaxPageSize = 10000

// AggregateMaxPage is the last page one may ask for: page × pagesize stays
// far inside an integer.
const AggregateMaxPage = 1_000_000

// AggregateCut keeps the rows whose column Ref is one of Values.
type AggregateCut struct {
	Ref    string   `json:"ref"`
	Values []string `json:"values"`
	// Implied cuts were added by the rules above, not asked for.
	Implied bool `json:"implied,omitempty"`
}

// AggregateOrder is one key of the cells' order.
type AggregateOrder struct {
	Ref  string
	Desc bool
}

// BudgetAggregate is a parsed aggregate query.
type BudgetAggregate struct {
	Drilldown  []string
	Cuts       []AggregateCut
	Aggregates []string // "executed.sum", "_count"; empty: every measure's sum and _count
	Order      []AggregateOrder
	Page       int // from 1
	PageSize   int // 0..AggregateMaxPageSize
}

// AggregatePlan is a checked query with the rules applied: what to sum.
type AggregatePlan struct {
	Dataset    string
	Attributes []string // drill-down columns, kind added when needed
	Cuts       []AggregateCut
	Aggregates []string
	Order      []AggregateOrder // every attribute appears, so pages are stable
	Page       int
	PageSize   int
	Notes      []AggregateNote
	// AcrossEntities: a cell may sum several institutions (entity_cui is
	// neither drilled down nor cut to one).
	AcrossEntities bool
	// NoSummary are the aggregates whose summary is null: the monthly
	// stocks when the cells are several months.
	NoSummary []string
}

// AggregateNote says what a rule did to the query.
type AggregateNote struct {
	Code    string `json:"code"`
	Message Text   `json:"message"`
}

// QueryError is a query that cannot be answered as asked: Code names the
// problem, Message says what to change, in both languages (HTTP 400).
type QueryError struct {
	Code      string
	Message   Text
	Available []string
}

func (e *QueryError) Error() string { return e.Message.RO }
func (e *QueryError) Unwrap() error { return ErrInvalid }

func queryError(code string, available []string, ro, en string, args ...any) *QueryError {
	return &QueryError{Code: code, Available: available, Message: Text{RO: fmt.Sprintf(ro, args...), EN: fmt.Sprintf(en, args...)}}
}

// LookupAggregateDim returns the dimension named name.
func LookupAggregateDim(name string) (AggregateDim, bool) {
	for _, d := range AggregateDims {
		if d.Name == name {
			return d, true
		}
	}
	return AggregateDim{}, false
}

func dimNames() []string {
	var out []string
	for _, d := range AggregateDims {
		out = append(out, d.Name)
	}
	return out
}

// Plan checks q and applies the rules: the dataset, the attributes, the
// cuts with the implied ones, the aggregates, the order, the notes.
func (q BudgetAggregate) Plan() (*AggregatePlan, error) {
	p := &AggregatePlan{Dataset: DatasetBudget, Page: q.Page, PageSize: q.PageSize}
	if p.Page < 1 {
		p.Page = 1
	}
	if p.PageSize < 0 || p.PageSize > AggregateMaxPageSize {
		return nil, queryError("too_many_cells", nil,
			"pagesize=%d nu se poate: un răspuns are cel mult %d de celule. Cereți pagini mai mici (pagesize ≤ %d, page=2, 3, …) sau mai puține defalcări.",
			"pagesize=%d is not possible: an answer holds at most %d cells. Ask for smaller pages (pagesize ≤ %d, page=2, 3, …) or fewer drill-downs.",
			q.PageSize, AggregateMaxPageSize, AggregateMaxPageSize)
	}
	drilled := map[string]bool{}
	for _, a := range q.Drilldown {
		d, ok := LookupAggregateDim(a)
		if !ok {
			return nil, queryError("unknown_dimension", dimNames(),
				"Dimensiunea „%s” nu există. Defalcați după una dintre: %s.",
				"There is no dimension “%s”. Drill down by one of: %s.", a, strings.Join(dimNames(), ", "))
		}
		if drilled[a] {
			return nil, queryError("invalid_drilldown", nil, "Dimensiunea „%s” apare de două ori în drilldown: lăsați-o o dată.",
				"The dimension “%s” is twice in drilldown: keep it once.", a)
		}
		drilled[a] = true
		if d.Monthly {
			p.Dataset = DatasetBudgetMonthly
		}
		p.Attributes = append(p.Attributes, a)
	}
	single := map[string]bool{} // dimensions cut to one value
	for _, c := range q.Cuts {
		d, ok := LookupAggregateDim(c.Ref)
		if !ok {
			return nil, queryError("unknown_dimension", dimNames(),
				"Nu se poate filtra după „%s”: nu este o dimensiune. Filtrați (cut=dimensiune:valoare) după una dintre: %s.",
				"Cannot cut by “%s”: it is not a dimension. Cut (cut=dimension:value) by one of: %s.", c.Ref, strings.Join(dimNames(), ", "))
		}
		for _, v := range c.Values {
			if err := checkCutValue(d, v); err != nil {
				return nil, err
			}
		}
		if d.Monthly {
			p.Dataset = DatasetBudgetMonthly
		}
		if len(c.Values) == 1 {
			single[c.Ref] = true
		}
		p.Cuts = append(p.Cuts, AggregateCut{Ref: c.Ref, Values: c.Values})
	}
	cutOn := func(ref string) bool {
		return slices.ContainsFunc(q.Cuts, func(c AggregateCut) bool { return c.Ref == ref })
	}
	if !drilled["kind"] && !single["kind"] {
		p.Attributes = append(p.Attributes, "kind")
		drilled["kind"] = true
		p.Notes = append(p.Notes, AggregateNote{Code: "kind_added", Message: Text{
			RO: "Cheltuielile și veniturile nu se adună: celulele sunt defalcate și după kind (cheltuieli, venituri). Pentru una singură, adăugați cut=kind:cheltuieli.",
			EN: "Expenses and revenues are never added together: the cells are split by kind too (cheltuieli: expenses, venituri: revenues). For one of them, add cut=kind:cheltuieli.",
		}})
	}
	p.AcrossEntities = !drilled["entity_cui"] && !single["entity_cui"]
	if p.AcrossEntities && !drilled["intra_group"] && !cutOn("intra_group") {
		p.Cuts = append(p.Cuts, AggregateCut{Ref: "intra_group", Values: []string{"false"}, Implied: true})
		p.Notes = append(p.Notes, AggregateNote{Code: "consolidated", Message: Text{
			RO: "O celulă adună bugetele mai multor instituții: transferurile dintre o autoritate și unitățile ei subordonate (intra_group) ar fi numărate de două ori, așa că sunt lăsate deoparte (cut=intra_group:false), ca în bugetul consolidat. Pentru bugetul propriu al fiecărei instituții, defalcați după entity_cui; pentru transferuri, cut=intra_group:true.",
			EN: "A cell adds up several institutions' budgets: the transfers between an authority and its subordinate units (intra_group) would be counted twice, so they are left out (cut=intra_group:false), as in the consolidated budget. For each institution's own budget, drill down by entity_cui; for the transfers, cut=intra_group:true.",
		}})
	}
	monthly := p.Dataset == DatasetBudgetMonthly
	oneMonth := drilled["month"] || single["month"]
	measures := AggregateMeasures[p.Dataset]
	if len(q.Aggregates) == 0 {
		for _, m := range measures {
			if !m.Stock || oneMonth {
				p.Aggregates = append(p.Aggregates, m.Name+".sum")
			}
		}
		p.Aggregates = append(p.Aggregates, CountAggregate)
	}
	defer func() {
		for _, m := range measures {
			if m.Stock && !single["month"] && slices.Contains(p.Aggregates, m.Name+".sum") {
				p.NoSummary = append(p.NoSummary, m.Name+".sum")
			}
		}
	}()
	for _, a := range q.Aggregates {
		if slices.Contains(p.Aggregates, a) {
			return nil, queryError("invalid_aggregate", nil, "Agregatul „%s” apare de două ori: lăsați-l o dată.", "The aggregate “%s” is asked twice: keep it once.", a)
		}
		if a == CountAggregate {
			p.Aggregates = append(p.Aggregates, a)
			continue
		}
		var avail []string
		for _, m := range measures {
			avail = append(avail, m.Name+".sum")
		}
		avail = append(avail, CountAggregate)
		name, ok := strings.CutSuffix(a, ".sum")
		i := slices.IndexFunc(measures, func(m AggregateMeasure) bool { return m.Name == name })
		if !ok || i < 0 {
			if j := slices.IndexFunc(AggregateMeasures[DatasetBudget], func(m AggregateMeasure) bool { return m.Name == name }); ok && j >= 0 && monthly {
				return nil, queryError("unknown_measure", avail,
					"Măsura „%s” nu există în execuția lunară (budget_execution_monthly), pe care o folosește o cerere după month. Alegeți dintre: %s; sau renunțați la month.",
					"The measure “%s” is not in the monthly execution (budget_execution_monthly), which a query by month uses. Choose from: %s; or leave month out.", name, strings.Join(avail, ", "))
			}
			return nil, queryError("unknown_measure", avail,
				"Agregatul „%s” nu există. Agregatele sunt <măsură>.sum sau _count: %s.",
				"There is no aggregate “%s”. Aggregates are <measure>.sum or _count: %s.", a, strings.Join(avail, ", "))
		}
		if measures[i].Stock && !oneMonth {
			return nil, queryError("invalid_aggregate", nil,
				"%s este valoarea de la sfârșitul unei luni: adunată peste luni ar număra aceiași bani de mai multe ori. Adăugați drilldown=month sau cut=month:<luna>.",
				"%s is the level at the end of a month: summed over months it would count the same money several times. Add drilldown=month or cut=month:<month>.", measures[i].Name)
		}
		p.Aggregates = append(p.Aggregates, a)
	}
	seen := map[string]bool{}
	for _, o := range q.Order {
		if !slices.Contains(p.Attributes, o.Ref) && !slices.Contains(p.Aggregates, o.Ref) {
			refs := append(slices.Clone(p.Attributes), p.Aggregates...)
			return nil, queryError("invalid_order", refs,
				"Nu se poate ordona după „%s”: ordonați după o dimensiune din drilldown sau un agregat cerut (%s), de ex. order=executed.sum:desc.",
				"Cannot order by “%s”: order by a drilled-down dimension or an aggregate asked for (%s), e.g. order=executed.sum:desc.", o.Ref, strings.Join(refs, ", "))
		}
		if !seen[o.Ref] {
			seen[o.Ref] = true
			p.Order = append(p.Order, o)
		}
	}
	for _, a := range p.Attributes {
		if !seen[a] {
			p.Order = append(p.Order, AggregateOrder{Ref: a})
		}
	}
	return p, nil
}

func checkCutValue(d AggregateDim, v string) error {
	switch d.Type {
	case "INTEGER":
		if _, err := strconv.ParseInt(v, 10, 32); err != nil {
			return queryError("invalid_cut", nil, "cut=%s:%s: %s este un număr întreg (de ex. %s:2025).",
				"cut=%s:%s: %s is a whole number (e.g. %s:2025).", d.Name, v, d.Name, d.Name)
		}
	case "BOOLEAN":
		if v != "true" && v != "false" {
			return queryError("invalid_cut", nil, "cut=%s:%s: %s este true sau false.", "cut=%s:%s: %s is true or false.", d.Name, v, d.Name)
		}
	}
	return nil
}

// ParseAggregateQuery reads babbage's query syntax: drilldown=a|b,
// cut=a:v|b:"v";"w" (a value in double quotes may hold | ; and :), aggregates=x.sum|_count,
// order=x.sum:desc,a (asc by default), page (from 1) and pagesize.
func ParseAggregateQuery(get func(string) string) (BudgetAggregate, error) {
	var q BudgetAggregate
	if s := get("drilldown"); s != "" {
		q.Drilldown = strings.Split(s, "|")
	}
	if s := get("aggregates"); s != "" {
		q.Aggregates = strings.Split(s, "|")
	}
	if s := get("cut"); s != "" {
		cuts, err := parseCuts(s)
		if err != nil {
			return q, err
		}
		q.Cuts = cuts
	}
	if s := get("order"); s != "" {
		for _, o := range strings.Split(s, ",") {
			ref, dir, _ := strings.Cut(o, ":")
			switch dir {
			case "", "asc":
			case "desc":
			default:
				return q, queryError("invalid_order", nil, "order=%s: direcția este asc sau desc (de ex. order=executed.sum:desc).",
					"order=%s: the direction is asc or desc (e.g. order=executed.sum:desc).", o)
			}
			q.Order = append(q.Order, AggregateOrder{Ref: ref, Desc: dir == "desc"})
		}
	}
	q.Page, q.PageSize = 1, 100
	for _, p := range []struct {
		name     string
		dst      *int
		min, max int
	}{{"page", &q.Page, 1, AggregateMaxPage}, {"pagesize", &q.PageSize, 0, 1 << 30}} {
		s := get(p.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < p.min || n > p.max {
			return q, queryError("invalid_page", nil, "%s=%s: dați un număr întreg de la %d la %d.", "%s=%s: give a whole number from %d to %d.", p.name, s, p.min, p.max)
		}
		*p.dst = n
	}
	return q, nil
}

// parseCuts reads cut=a:v|b:v;w, values optionally in double quotes.
func parseCuts(s string) ([]AggregateCut, error) {
	var out []AggregateCut
	bad := func(part string) error {
		return queryError("invalid_cut", nil,
			"cut=%s nu se poate citi: scrieți dimensiune:valoare, mai multe cu |, mai multe valori ale aceleiași dimensiuni cu ; (de ex. cut=year:2025|chapter_code:65.02;66.02; o valoare cu | sau ; între ghilimele).",
			"cut=%s cannot be read: write dimension:value, several joined by |, several values of one dimension by ; (e.g. cut=year:2025|chapter_code:65.02;66.02; a value holding | or ; in double quotes).", part)
	}
	i := 0
	for i <= len(s) {
		colon := strings.IndexByte(s[i:], ':')
		if colon <= 0 {
			return nil, bad(s[i:])
		}
		c := AggregateCut{Ref: s[i : i+colon]}
		if strings.ContainsAny(c.Ref, "|;\"") {
			return nil, bad(s[i:])
		}
		i += colon + 1
		for {
			var v string
			if i < len(s) && s[i] == '"' {
				end := strings.IndexByte(s[i+1:], '"')
				if end < 0 {
					return nil, bad(s)
				}
				v = s[i+1 : i+1+end]
				i += end + 2
			} else {
				end := strings.IndexAny(s[i:], "|;")
				if end < 0 {
					end = len(s) - i
				}
				v = s[i : i+end]
				i += end
				if strings.Contains(v, "\"") {
					return nil, bad(s)
				}
			}
			if v == "" {
				return nil, bad(s)
			}
			c.Values = append(c.Values, v)
			if i < len(s) && s[i] == ';' {
				i++
				continue
			}
			break
		}
		out = append(out, c)
		if i == len(s) {
			break
		}
		if s[i] != '|' {
			return nil, bad(s)
		}
		i++
	}
	return out, nil
}

// AggregateResult is the answer of a plan: one page of cells, the summary
// over every cell, and how many cells there are.
type AggregateResult struct {
	// Cells map each attribute to its value (a number for year and month,
	// true/false for intra_group, else text; null when the row has none) and
	// each aggregate to its figure: a sum of lei is a json.Number written
	// exactly with two decimals, as the downloads write it (null over no rows).
	Cells          []map[string]any
	Summary        map[string]any
	TotalCellCount int64
	// Groups is how many groups (group_cui: an authority with its
	// subordinate units) the summed rows belong to.
	Groups int64
}

// GroupsNote is the note of a plan whose cells add up the budgets of
// several groups (an authority with its units: a county council and the
// communes of a county deployment), which are separate budgets, never
// consolidated into each other; nil when no cell does.
func (p *AggregatePlan) GroupsNote(groups int64) *AggregateNote {
	if !p.AcrossEntities || groups < 2 || slices.Contains(p.Attributes, "group_cui") {
		return nil
	}
	return &AggregateNote{Code: "separate_budgets", Message: Text{
		RO: fmt.Sprintf("Celulele adună bugetele a %d grupuri (group_cui: o autoritate cu unitățile ei subordonate). Sunt bugete separate, nu se consolidează unul în altul: un transfer între ele (de ex. de la consiliul județean la o comună) apare la amândouă. Defalcați după group_cui pentru fiecare buget consolidat.", groups),
		EN: fmt.Sprintf("The cells add up the budgets of %d groups (group_cui: an authority with its subordinate units). They are separate budgets, never consolidated into each other: a transfer between them (e.g. from the county council to a commune) appears in both. Drill down by group_cui for each consolidated budget.", groups),
	}}
}
