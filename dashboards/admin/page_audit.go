package admin

import (
	"github.com/deschis/deschis/dashboards"
)

// AuditLimit is how many events the audit page shows, newest first.
const AuditLimit = 500

// EventRow is an event as the audit page shows it.
type EventRow struct {
	At, ISO, Event, EventKey, User, Addr, Detail string
}

type auditView struct {
	*Page
	Events []EventRow
	Limit  int
}

// audit is the audit log (admins only): sign-ins that succeeded, failed or
// were throttled, sign-outs, the exports of the drill-down tables and the
// charts' PNGs.
func (s *Server) audit(q *request) (string, any, error) {
	lang := q.lang
	ev, err := s.cfg.Accounts.Audit(q.Context(), AuditLimit)
	if err != nil {
		return "", nil, err
	}
	v := &auditView{Page: q.page, Limit: AuditLimit}
	for _, e := range ev {
		v.Events = append(v.Events, EventRow{At: dashboards.FormatDate(lang, e.At) + " " + e.At.Format("15:04:05") + " UTC",
			ISO: e.At.Format("2006-01-02T15:04:05Z"), Event: dashboards.T(lang, "event."+e.Event), EventKey: e.Event, User: e.User, Addr: e.Addr, Detail: auditDetail(lang, e)})
	}
	q.page.SetActive("admin.audit")
	q.page.Title = dashboards.T(lang, "audit.title")
	return "audit", v, nil
}
