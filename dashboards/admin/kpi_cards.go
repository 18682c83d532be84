package admin

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
)

// TargetCard is a KPI of the first screen against its target: the value,
// the target, the status in words (and colour, never alone), the change
// against the previous period and the same period last year, a sparkline
// with its table, and the link to the rows.
type TargetCard struct {
	dashboards.KPI
	Href        string
	Target      string
	Status      string
	StatusClass string
	Changes     []Change
	Spark       *Spark
	NoSpark     string // why there is no sparkline
}

// Change is one comparison on a card.
type Change struct {
	Label, Text, Why string
}

// Spark is a sparkline drawn server-side as SVG (no script, no inline
// style), with the table of its points.
type Spark struct {
	Title    string
	Segments []string // polyline points, one per run of months with a figure
	Dots     []Dot
	Rows     [][2]string
	// The PNG of the sparkline (static/charts.js, through export_chart.go):
	// the same months as a full line chart, its title and file name.
	PNG        template.JS
	PNGTitle   string
	PNGFile    string
	PNGDataset string // the source line's dataset
}

// sparkDatasets are the published datasets the sparklines of a group of
// cards are read from (the source line of their PNGs).
var sparkDatasets = map[string]string{"budget": "budget_execution_monthly", "requests": "requests_daily"}

// Dot is a point of a sparkline.
type Dot struct{ X, Y string }

const sparkW, sparkH = 120.0, 32.0

// whyText is a missing figure's reason in words.
func whyText(lang string, p kpis.Point, year int) string {
	if p.Why == kpis.NoReport && p.Month > 0 {
		return dashboards.Tf(lang, "kpi.why.no-report", dashboards.MonthName(lang, p.Month)+" "+strconv.Itoa(year))
	}
	return dashboards.T(lang, "kpi.why."+string(p.Why))
}

// pointText is a figure in the KPI's unit.
func pointText(lang string, k models.KPI, p kpis.Point) (raw, text string) {
	if !p.OK {
		return "", "–"
	}
	switch {
	case p.Ratio:
		r := dashboards.Ratio{Num: p.Num, Den: p.Den}
		return r.Raw(), r.Format(lang)
	case k.Unit == models.UnitDays:
		return strconv.FormatInt(p.Num, 10), dashboards.FormatDays(lang, p.Num)
	}
	return strconv.FormatInt(p.Num, 10), dashboards.FormatCount(lang, p.Num)
}

// goalText writes a target value in the KPI's unit.
func goalText(lang string, k models.KPI, v float64) string {
	if k.Unit == models.UnitShare {
		return dashboards.Ratio{Num: int64(math.Round(v * 10_000)), Den: 10_000}.Format(lang)
	}
	if k.Unit == models.UnitDays {
		return dashboards.FormatDays(lang, int64(math.Round(v)))
	}
	return dashboards.FormatCount(lang, int64(math.Round(v)))
}

// changeText is the change between two figures: percentage points for a
// share, the difference for a count or days.
func changeText(lang string, k models.KPI, now, before kpis.Point) string {
	if now.Ratio {
		return dashboards.FormatPointsChange(lang, dashboards.Ratio{Num: now.Num, Den: now.Den}, dashboards.Ratio{Num: before.Num, Den: before.Den})
	}
	d := now.Num - before.Num
	sign := ""
	switch {
	case d > 0:
		sign = "+"
	case d < 0:
		sign, d = dashboards.Minus, -d
	}
	if k.Unit == models.UnitDays {
		return sign + dashboards.FormatDays(lang, d)
	}
	return sign + dashboards.FormatCount(lang, d)
}

// targetCard builds the card of value v for an entity and department.
func targetCard(lang string, t *kpis.Targets, v kpis.Value, entity, department, href string) TargetCard {
	k := v.KPI
	raw, text := pointText(lang, k, v.Now)
	c := TargetCard{KPI: dashboards.KPI{Name: k.ID, Label: dashboards.Text(lang, k.Title), Raw: raw, Text: text}, Href: href}
	if !v.Now.OK {
		c.Note = whyText(lang, v.Now, v.Year)
	}
	st := kpis.NoTarget
	if rule, ok := t.Rule(k.ID, entity, department, v.Year); ok {
		g := rule.For(v.Through)
		c.Target = goalText(lang, k, g.Target)
		if g.Elapsed < 1 {
			c.Target += " (" + dashboards.Tf(lang, "kpi.target.prorated", goalText(lang, k, rule.Target), v.Through) + ")"
		}
		if v.Now.OK {
			st = g.Status(v.Now.Float())
		}
	} else {
		c.Target = dashboards.T(lang, "kpi.target.none")
	}
	c.Status, c.StatusClass = dashboards.T(lang, "kpi.status."+st.Key()), st.Class()

	// Against the previous period: the figure a month earlier.
	prevLabel := dashboards.Period{Year: v.PrevYear, Through: v.PrevThrough}.Label(lang)
	if v.PrevThrough > 1 && v.PrevThrough < 12 && v.PrevYear == v.Year {
		prevLabel = dashboards.MonthName(lang, v.PrevThrough) + " " + strconv.Itoa(v.PrevYear)
	}
	prev := Change{Label: dashboards.Tf(lang, "kpi.vs.prev", prevLabel)}
	if v.PrevThrough == 0 {
		prev.Label = dashboards.Tf(lang, "kpi.vs.prev", dashboards.T(lang, "kpi.prev.period"))
	}
	switch {
	case !v.Prev.OK:
		prev.Text, prev.Why = "–", whyText(lang, v.Prev, v.PrevYear)
	case !v.Now.OK:
		prev.Text = "–"
	default:
		prev.Text = changeText(lang, k, v.Now, v.Prev)
	}
	// Against the same months of the previous year (dashboards.SamePeriod).
	cmp := dashboards.SamePeriod(dashboards.Period{Year: v.Year, Through: v.Through}, v.Year-1, v.LastThrough)
	last := Change{Label: dashboards.Tf(lang, "kpi.vs.last", cmp.BeforeLabel(lang))}
	switch {
	case !v.LastYear.OK:
		last.Text, last.Why = "–", whyText(lang, v.LastYear, v.Year-1)
	case !cmp.Comparable():
		last.Text, last.Why = "–", dashboards.Tf(lang, "kpi.why.not-same-months", v.Year-1)
	case !v.Now.OK:
		last.Text = "–"
	case v.Now.Ratio:
		last.Text = cmp.ChangePoints(lang, dashboards.Ratio{Num: v.Now.Num, Den: v.Now.Den}, dashboards.Ratio{Num: v.LastYear.Num, Den: v.LastYear.Den}).Text
	default:
		last.Text = changeText(lang, k, v.Now, v.LastYear)
	}
	c.Changes = []Change{prev, last}

	if len(v.Series) > 0 {
		c.Spark = spark(lang, k, v)
		c.Spark.PNGFile = k.ID + "-" + entity + "-" + strconv.Itoa(v.Year)
	} else if v.SeriesWhy != "" {
		c.NoSpark = dashboards.Tf(lang, "kpi.spark.none", dashboards.T(lang, "kpi.why."+string(v.SeriesWhy)))
	}
	return c
}

// spark draws the monthly figures: x by month, y between the smallest and
// the largest figure; a month without a figure breaks the line.
func spark(lang string, k models.KPI, v kpis.Value) *Spark {
	period := dashboards.Period{Year: v.Year, Through: v.Through}.Label(lang)
	s := &Spark{Title: dashboards.Tf(lang, "kpi.spark", period)}
	if v.ByReceipt {
		s.Title = dashboards.Tf(lang, "kpi.spark.receipt", period)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range v.Series {
		if p.OK {
			lo, hi = min(lo, p.Float()), max(hi, p.Float())
		}
	}
	n := len(v.Series)
	var seg []string
	flush := func() {
		if len(seg) > 1 {
			s.Segments = append(s.Segments, strings.Join(seg, " "))
		}
		seg = nil
	}
	for i, p := range v.Series {
		month := dashboards.MonthShort(lang, i+1)
		_, text := pointText(lang, k, p)
		if !p.OK {
			text = "– (" + whyText(lang, p, v.Year) + ")"
			s.Rows = append(s.Rows, [2]string{month, text})
			flush()
			continue
		}
		s.Rows = append(s.Rows, [2]string{month, text})
		x := 4 + (sparkW-8)*float64(i)/float64(max(n-1, 1))
		y := sparkH / 2
		if hi > lo {
			y = sparkH - 4 - (sparkH-8)*(p.Float()-lo)/(hi-lo)
		}
		xs, ys := fmt.Sprintf("%.1f", x), fmt.Sprintf("%.1f", y)
		seg = append(seg, xs+","+ys)
		s.Dots = append(s.Dots, Dot{X: xs, Y: ys})
	}
	flush()
	s.PNGTitle = dashboards.Text(lang, k.Title)
	if k.Unit == models.UnitShare {
		s.PNGTitle += " (%)" // the chart's axis is in percent
	}
	s.PNGTitle += " – " + s.Title
	s.PNG = sparkPNG(lang, k, v)
	return s
}

// sparkPNG is the sparkline as a line chart of go-echarts, in the KPI's
// unit (a share in percent), a month without a figure left empty.
func sparkPNG(lang string, k models.KPI, v kpis.Value) template.JS {
	months := make([]string, len(v.Series))
	ser := dashboards.Series{Name: dashboards.Text(lang, k.Title), Values: make([]float64, len(v.Series)), Missing: make([]bool, len(v.Series))}
	for i, p := range v.Series {
		months[i] = dashboards.MonthShort(lang, i+1)
		ser.Values[i], ser.Missing[i] = p.Float(), !p.OK
		if p.Ratio {
			ser.Values[i] = math.Round(p.Float()*1000) / 10
		}
	}
	if k.Unit == models.UnitShare {
		ser.Name += " (%)"
	}
	return dashboards.LineOptions(months, ser)
}

// ChapterRow is one chapter of the expense execution table.
type ChapterRow struct {
	Code                   string
	Name                   dashboards.Cell
	Final, Paid, Rate, Why string
	Status, StatusClass    string
}

// withTargets puts the KPIs against their targets on the first screen:
// the budget's ratios with the execution by chapter, and the requests'
// figures (the account's department's when it has one). Plain cards of
// the same KPIs give way to them. through, when not 0, ends the budget's
// figures at that month (the monthly report, page_report.go); the
// execution by chapter is the latest report's, so it is left out then.
// The first screen and the report both build their KPIs here.
func (s *Server) withTargets(q *request, sc scope, through int, groups []Group, link func(string, ...string) string) error {
	lang, ctx := q.lang, q.Context()
	t := s.cfg.Targets
	vs, err := s.kpis.compute(ctx, q.rel, kpis.Scope{Entity: sc.Entity.CUI, Department: sc.Department, Year: sc.Year, Through: through})
	if err != nil {
		return err
	}
	byGroup := map[string][]string{
		"budget":      {models.KPIExecutionRate, models.KPIRevenueCollection, models.KPIPersonnelShare, models.KPICapitalShare, models.KPIFiscalAutonomy},
		"investments": kpis.InvestmentKPIs,
		"requests": {models.KPIRequestsWithinTerm, models.KPIRequestsOpen, models.KPIRequestsOpenOverdue,
			models.KPIRequestsMedianDays, models.KPIRequestsP90Days, models.KPIRequestsOnlineShare},
		"procurement": kpis.SignalKPIs, // the integrity signals (page_signals.go)
	}
	hrefs := map[string]string{"budget": link("/buget"), "requests": link("/cereri")}
	for i := range groups {
		g := &groups[i]
		ids := byGroup[g.Key]
		if len(ids) == 0 {
			continue
		}
		kept := g.Cards[:0]
		for _, c := range g.Cards {
			if !slices.Contains(ids, c.Name) {
				kept = append(kept, c)
			}
		}
		g.Cards = kept
		if g.Key == "procurement" {
			g.Note = strings.TrimSpace(g.Note + " " + dashboards.T(lang, "signals.label") + ".")
		}
		for _, id := range ids {
			if val, ok := kpis.Find(vs, id); ok {
				href := hrefs[g.Key]
				if _, rows := requestKPIStates[id]; rows {
					href = requestKPIRows(lang, sc, id) // the register's rows behind it
				}
				if sig := signalOfKPI(id); sig != "" {
					href = signalsLink(lang, sc.Entity.CUI, sc.Year, sig, false) // the rows it flags
				}
				if kv, rows := investmentKPIRows[id]; rows {
					href = investmentRowsLink(lang, sc.Entity.CUI, sc.Year, kv...) // the objectives behind it
				}
				c := targetCard(lang, t, val, sc.Entity.CUI, sc.Department, href)
				if c.Spark != nil {
					c.Spark.PNGDataset = dashboards.Tf(lang, "chart.png.dataset", sparkDatasets[g.Key])
				}
				g.Targets = append(g.Targets, c)
			}
		}
	}
	if through != 0 {
		return nil
	}
	// The execution by chapter, against the same (prorated) target.
	chapters, err := kpis.Chapters(ctx, q.rel, kpis.Scope{Entity: sc.Entity.CUI, Year: sc.Year})
	if err != nil {
		return err
	}
	if val, ok := kpis.Find(vs, models.KPIExecutionRate); ok {
		through = val.Through
	}
	rule, hasRule := t.Rule(models.KPIExecutionRate, sc.Entity.CUI, sc.Department, sc.Year)
	goal := rule.For(through)
	for i := range groups {
		g := &groups[i]
		if g.Key != "budget" || len(chapters) == 0 {
			continue
		}
		if hasRule {
			g.ChaptersNote = dashboards.Tf(lang, "admin.chapters.note", goalTextShare(lang, goal.Target))
		}
		for _, ch := range chapters {
			row := ChapterRow{Code: ch.Code, Name: dashboards.ChapterName(lang, ch.Code, ch.Name), Final: dashboards.FormatLei(lang, ch.Final), Paid: dashboards.FormatLei(lang, ch.Executed)}
			_, row.Rate = pointText(lang, models.KPI{Unit: models.UnitShare}, ch.Rate)
			st := kpis.NoTarget
			if !ch.Rate.OK {
				row.Why = whyText(lang, ch.Rate, sc.Year)
			} else if hasRule {
				st = goal.Status(ch.Rate.Float())
			}
			row.Status, row.StatusClass = dashboards.T(lang, "kpi.status."+st.Key()), st.Class()
			g.Chapters = append(g.Chapters, row)
		}
	}
	return nil
}

func goalTextShare(lang string, v float64) string {
	return goalText(lang, models.KPI{Unit: models.UnitShare}, v)
}
