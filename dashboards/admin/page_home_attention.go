package admin

import (
	"context"
	"net/url"
	"strconv"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
)

// attentionView is the first screen's list of what needs attention today,
// with the rules it applies in words.
type attentionView struct {
	Lang   string
	Alerts []Alert
	Rules  string
	// Signals says what the procurement signals were compared with (the
	// previous release, or that there is none).
	Signals string
}

// attentionList reads what the rules of attention.go need for the scope
// and applies them, most urgent first. Requests are the account's
// department's when it has one; budget, investments and late reports are
// the institution's. Late reports compare every institution of the release
// and list those in the account's scope (all of them for an account
// without an entity).
func (s *Server) attentionList(q *request, sc scope) (attentionView, error) {
	reports, err := latestReports(q.Context(), q.rel)
	if err != nil {
		return attentionView{}, err
	}
	return s.attentionOf(q, sc, reports, q.sess.User.Scoped())
}

// latestReports are the latest execution report of every institution of
// the release, which late reports are judged by.
func latestReports(ctx context.Context, rel models.Reader) ([]Report, error) {
	var reports []Report
	for _, en := range rel.Entities() {
		years, err := rel.BudgetByYear(ctx, models.BudgetScope{Entity: en.CUI})
		if err != nil {
			return nil, err
		}
		r := Report{Entity: en}
		for _, by := range years {
			if by.ReportedMonth > 0 && by.Year*12+by.ReportedMonth > r.Year*12+r.Month {
				r.Year, r.Month = by.Year, by.ReportedMonth
			}
		}
		reports = append(reports, r)
	}
	return reports, nil
}

// attentionOf applies the rules to the scope with the release's latest
// reports; own keeps only the scope's institution's late report (an
// account scoped to it, a row of the county page), else every late one.
func (s *Server) attentionOf(q *request, sc scope, reports []Report, own bool) (attentionView, error) {
	lang, rel, ctx := q.lang, q.rel, q.Context()
	set := s.attention()
	e, y := sc.Entity, sc.Year
	v := attentionView{Lang: lang, Rules: dashboards.Tf(lang, "attention.rules", dashboards.FormatDays(lang, int64(set.DueWithinDays)), pointsNoun(lang, set.ChapterLagPoints),
		dashboards.CountNoun(lang, int64(set.StalledMonths), dashboards.T(lang, "attention.month"), dashboards.T(lang, "attention.months")))}
	public := func(path, cui string) string {
		if !s.cfg.PublicPages {
			return ""
		}
		return dashboards.LinkQ(lang, path, url.Values{"entitate": {cui}, "an": {strconv.Itoa(y)}})
	}

	reg, err := register(q)
	if err != nil {
		return v, err
	}
	ds, err := reg.RequestDeadlines(ctx, e.CUI, sc.Department, set.DueWithinDays)
	if err != nil {
		return v, err
	}
	v.Alerts = append(v.Alerts, requestAlerts(lang, set, ds, func(dept string, st models.RequestState) string {
		if dept == "" { // requests without a department: no filter selects only them
			return ""
		}
		days := ""
		if st == models.StateDueSoon {
			days = strconv.Itoa(set.DueWithinDays)
		}
		return requestRowsLink(lang, e.CUI, "departament", dept, "stare", string(st), "zile", days)
	})...)

	today, month, err := investmentClock(q, sc)
	if err != nil {
		return v, err
	}
	chapters, err := rel.BudgetBy(ctx, models.BudgetScope{Entity: e.CUI, Year: y}, models.Expense, models.ByChapter)
	if err != nil {
		return v, err
	}
	v.Alerts = append(v.Alerts, chapterAlerts(lang, set, chapters, month, public("/buget", e.CUI))...)

	invs, err := rel.Investments(ctx, models.InvestmentFilter{Entity: e.CUI, Year: y})
	if err != nil {
		return v, err
	}
	v.Alerts = append(v.Alerts, investmentAlerts(lang, set, invs, today, month, func(st string) string {
		return investmentRowsLink(lang, e.CUI, y, "stare", st)
	})...)

	for _, a := range lateDataAlerts(lang, reports, func(cui string) string { return public("/buget", cui) }) {
		if !own || a.entity == e.CUI {
			v.Alerts = append(v.Alerts, a)
		}
	}
	// Procurement signals raised since the previous release.
	if _, ok := rel.(models.SQLReader); ok {
		prev := s.previousFlags(ctx, rel, e.CUI, y)
		fresh := map[string]int64{}
		var total int64
		if prev.Exists && !prev.Failed {
			flags, err := s.flags.flags(ctx, rel, s.cfg.Targets.Signals, e.CUI, y)
			if err != nil {
				return v, err
			}
			for _, sg := range kpis.Signals {
				if !sg.Alert {
					continue
				}
				for _, f := range flags[sg.ID] {
					if prev.New(f) {
						fresh[sg.ID]++
						total++
					}
				}
			}
			v.Alerts = append(v.Alerts, signalAlerts(lang, fresh, prev.Created, func(sig string) string {
				return signalsLink(lang, e.CUI, y, sig, true)
			})...)
		}
		v.Signals = compareText(lang, prev, total)
	}
	sortAlerts(v.Alerts)
	return v, nil
}
