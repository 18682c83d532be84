package models

import (
	"context"
	"time"
)

// Channels accepted for requests. ChannelOther (a department's own report,
// an internal referral, a channel no list foresees) and ChannelUnknown (the
// register does not say) are channels too: counted as not online, so the
// share filed online stays honest.
var Channels = []string{ChannelOnline, "ghișeu", "e-mail", "poștă", "telefon", ChannelOther, ChannelUnknown}

// The channels the request KPIs name.
const (
	ChannelOnline  = "online"
	ChannelOther   = "altul"
	ChannelUnknown = "necunoscut"
)

// RequestStatus is the state of a request in the register.
type RequestStatus string

// The statuses of a request. A resolved or rejected request has been
// answered; one redirected to another institution, cancelled or withdrawn
// is closed without an answer of the institution: neither answered nor late.
const (
	StatusOpen       RequestStatus = "deschisă"
	StatusResolved   RequestStatus = "rezolvată"
	StatusRejected   RequestStatus = "respinsă"
	StatusRedirected RequestStatus = "redirecționată"
	StatusCancelled  RequestStatus = "anulată"
	StatusWithdrawn  RequestStatus = "retrasă"
)

// RequestStatuses lists the statuses, in the order the documentation gives them.
var RequestStatuses = []RequestStatus{StatusOpen, StatusResolved, StatusRejected, StatusRedirected, StatusCancelled, StatusWithdrawn}

// RequestOutcome is what became of a request, as the public counts it.
type RequestOutcome string

const (
	OutcomeAnswered   RequestOutcome = "răspuns"        // resolved or rejected, with an answer date
	OutcomeOpen       RequestOutcome = "deschisă"       // still open when the register was exported
	OutcomeRedirected RequestOutcome = "redirecționată" // sent on to another institution
	OutcomeCancelled  RequestOutcome = "anulată"        // cancelled or withdrawn
)

// Outcome is the outcome of a request with status s. The same rule is
// written in SQL in warehouse/marts/v_requests.sql.
func (s RequestStatus) Outcome() RequestOutcome {
	switch s {
	case StatusResolved, StatusRejected:
		return OutcomeAnswered
	case StatusRedirected:
		return OutcomeRedirected
	case StatusCancelled, StatusWithdrawn:
		return OutcomeCancelled
	}
	return OutcomeOpen
}

// ChannelNames are the channels as the pages name them, in both languages:
// a new channel is one line here (a channel without a line shows as stored).
var ChannelNames = map[string]Text{
	"online":  {"online", "online"},
	"ghișeu":  {"la ghișeu", "at the counter"},
	"e-mail":  {"e-mail", "e-mail"},
	"poștă":   {"prin poștă", "by post"},
	"telefon": {"telefon", "telephone"},
	// A channel no list foresees (a department's own report, an internal
	// referral) and a register that does not say: counted in every total,
	// never as online.
	ChannelOther:   {"alt canal (nu online)", "another channel (not online)"},
	ChannelUnknown: {"canal necunoscut (nu online)", "unknown channel (not online)"},
}

// Default legal terms, in calendar days, by request type. Law 544/2001: 10 days,
// 30 with notice for complex requests; OG 27/2002 petitions: 30 days; Law
// 50/1991: town-planning certificates 15 days (Law 50/1991, art. 6^1), building
// permits 30 days (art. 7).
var DefaultTerms = map[string]LegalTerm{
	"info_544":               {Days: 10, ExtendedDays: 30, Law: "Legea nr. 544/2001"},
	"petitie":                {Days: 30, ExtendedDays: 45, Law: "OG nr. 27/2002"},
	"certificat_urbanism":    {Days: 15, ExtendedDays: 15, Law: "Legea nr. 50/1991"},
	"autorizatie_construire": {Days: 30, ExtendedDays: 30, Law: "Legea nr. 50/1991"},
}

// RequestTypeNames are the request types of DefaultTerms (the register's
// type codes) as the dashboards name them, in both languages: a new type is
// one line here; a type without a line shows as its code made readable
// (dashboards.RequestTypeName).
var RequestTypeNames = map[string]Text{
	"info_544":               {"informații de interes public (Legea nr. 544/2001)", "public information (Law no. 544/2001)"},
	"petitie":                {"petiție (OG nr. 27/2002)", "petition (Government Ordinance no. 27/2002)"},
	"certificat_urbanism":    {"certificat de urbanism", "town-planning certificate"},
	"autorizatie_construire": {"autorizație de construire", "building permit"},
}

// LegalTerm is the time the law gives to answer a type of request.
type LegalTerm struct {
	Days         int
	ExtendedDays int
	Law          string
}

// RequestScope is one entity's requests received in one year. The public
// datasets only hold counts: no request and no person is ever read through it.
type RequestScope struct {
	Entity string
	Year   int
}

// RequestTotals are a scope's counts. Every request received has one
// outcome: Received = Answered + Open + Redirected + Cancelled. A request
// open past its legal term (OpenOverdue, part of Open) is late: it counts
// against the share answered within the term. Open and overdue are as of
// the moment the register was exported (AsOf; AsOfFirst is the earliest
// such moment in the scope when its rows come from several exports).
type RequestTotals struct {
	Received, Answered, AnsweredWithinTerm, AnsweredLate int64
	Open, OpenOverdue, Extended, OnlineReceived          int64
	Redirected, Cancelled                                int64
	AnswerDaysTotal                                      int64
	AsOf, AsOfFirst                                      time.Time // zero without requests
}

// Late is the number of requests past their term: answered late or still
// open after it.
func (t RequestTotals) Late() int64 { return t.AnsweredLate + t.OpenOverdue }

// Decided is the denominator of the share within term: the requests whose
// term has been met or missed (answered, or open past the term).
func (t RequestTotals) Decided() int64 { return t.Answered + t.OpenOverdue }

// RequestDim is a breakdown of requests.
type RequestDim string

const (
	RequestsByChannel    RequestDim = "channel"
	RequestsByCategory   RequestDim = "category"
	RequestsByDepartment RequestDim = "department"
	RequestsByType       RequestDim = "type"
	RequestsByMonth      RequestDim = "month" // "01" … "12"
)

// RequestGroup is one row of a requests breakdown.
type RequestGroup struct {
	Key                                    string
	Received, Answered, AnsweredWithinTerm int64
	Open, OpenOverdue                      int64
}

// AnswerDays are the exact median and 90th percentile of the days to answer
// of a scope's answered requests: the smallest number of days d such that
// the requests answered in at most d days reach ceil(p·N). Answered is N;
// when it is 0 the percentiles are meaningless (0).
type AnswerDays struct {
	Answered, Median, P90 int64
}

// AnswerDaysGroup is AnswerDays for one group.
type AnswerDaysGroup struct {
	Key string
	AnswerDays
}

// RequestReader reads the request aggregates of a release.
type RequestReader interface {
	// RequestTotals sums a scope's daily aggregates.
	RequestTotals(ctx context.Context, s RequestScope) (RequestTotals, error)
	// RequestsBy breaks a scope down by dim (months in order, the others by volume).
	RequestsBy(ctx context.Context, s RequestScope, dim RequestDim) ([]RequestGroup, error)
	// RequestAnswerDays computes a scope's answer-time percentiles.
	RequestAnswerDays(ctx context.Context, s RequestScope) (AnswerDays, error)
	// RequestAnswerDaysBy computes the percentiles per department, type or channel.
	RequestAnswerDaysBy(ctx context.Context, s RequestScope, dim RequestDim) ([]AnswerDaysGroup, error)
}
