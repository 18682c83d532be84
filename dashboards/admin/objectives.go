package admin

import (
	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/kpis"
)

// ObjectiveRow is one of the institution's objectives on the first screen
// with its status today.
type ObjectiveRow struct {
	Title, Owner, KPI, Target, Value, Why, Deadline string
	State, StateClass                               string
}

// objectives are the account's objectives (its department's when it has
// one) with their status on the server's today.
func (s *Server) objectives(q *request, sc scope) ([]ObjectiveRow, error) {
	lang := q.lang
	os, err := s.cfg.Targets.ObjectivesFor(q.Context(), q.rel, sc.Entity.CUI, sc.Department, s.now(), s.kpis.compute)
	if err != nil {
		return nil, err
	}
	out := make([]ObjectiveRow, 0, len(os))
	for _, o := range os {
		k := o.Value.KPI
		r := ObjectiveRow{Title: dashboards.Text(lang, o.Title), Owner: o.Owner, KPI: dashboards.Text(lang, k.Title),
			Target: goalText(lang, k, o.Target), Deadline: dashboards.FormatDate(lang, o.Deadline)}
		_, r.Value = pointText(lang, k, o.Value.Now)
		if !o.Value.Now.OK && o.Value.Now.Why != "" {
			r.Why = whyText(lang, o.Value.Now, o.Value.Year)
		}
		if o.Value.Now.OK && o.Value.Through > 0 && o.Value.Through < 12 {
			r.Value += " (" + dashboards.Period{Year: o.Value.Year, Through: o.Value.Through}.Label(lang) + ")"
		}
		switch o.State {
		case kpis.ObjectiveOpen:
			r.State = dashboards.Tf(lang, "objective.state.open", dashboards.FormatDays(lang, int64(o.DaysLeft)))
		default:
			r.State = dashboards.T(lang, "objective.state."+o.State.Key())
		}
		r.StateClass = o.State.Class()
		out = append(out, r)
	}
	return out, nil
}
