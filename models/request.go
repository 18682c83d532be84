package models

import "context"

// Channels accepted for requests.
var Channels = []string{"online", "ghișeu", "e-mail", "poștă", "telefon"}

// ChannelNames are the channels as the pages name them, in both languages:
// a new channel is one line here (a channel without a line shows as stored).
var ChannelNames = map[string]Text{
	"online":  {"online", "online"},
	"ghișeu":  {"la ghișeu", "at the counter"},
	"e-mail":  {"e-mail", "e-mail"},
	"poștă":   {"prin poștă", "by post"},
	"telefon": {"telefon", "telephone"},
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

// RequestTotals are a scope's counts.
type RequestTotals struct {
	Received, Answered, AnsweredWithinTerm, AnsweredLate int64
	Open, OpenOverdue, Extended, OnlineReceived          int64
	AnswerDaysTotal                                      int64
}

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
