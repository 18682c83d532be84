package models

import "time"

// Request is one request from a citizen, as the registry records it. It holds
// no personal data: the public side only ever sees counts and durations.
type Request struct {
	EntityCUI  string
	ID         string // registry number
	Received   time.Time
	Channel    string // online, ghișeu, e-mail, poștă, telefon
	Category   string
	Type       string // info_544, petitie, certificat_urbanism, ...
	Department string
	TermDays   int       // the legal term that applies, in calendar days (already the extended one when Extended)
	Extended   bool      // the term was extended with notice (e.g. Law 544/2001: 10 -> 30 days)
	Answered   time.Time // zero while open
	Status     string
}

// Channels accepted for requests.
var Channels = []string{"online", "ghișeu", "e-mail", "poștă", "telefon"}

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

// Due is the last day of the legal term: the day received plus TermDays.
func (r Request) Due() time.Time {
	return r.Received.AddDate(0, 0, r.TermDays)
}
