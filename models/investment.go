package models

import "time"

// InvestmentStatus is where an objective stands.
type InvestmentStatus string

const (
	InvPlanned    InvestmentStatus = "planificat"
	InvInProgress InvestmentStatus = "în execuție"
	InvCompleted  InvestmentStatus = "finalizat"
	InvSuspended  InvestmentStatus = "suspendat"
	InvCancelled  InvestmentStatus = "anulat"
)

// InvestmentStatuses lists every status in display order.
var InvestmentStatuses = []InvestmentStatus{InvPlanned, InvInProgress, InvCompleted, InvSuspended, InvCancelled}

// InvestmentFunding is the main funding source of an objective.
var InvestmentFunding = []string{"local", "stat", "ue", "pnrr"}

// Investment is one investment objective as it stands in one year's
// investment list (lista obiectivelor de investiții).
type Investment struct {
	EntityCUI      string
	Code           string
	Year           int
	Name           string
	FunctionalCode string
	Funding        string // one of InvestmentFunding
	Status         InvestmentStatus
	TotalValue     float64 // total estimated value, lei
	PlannedYear    float64 // planned for Year
	SpentYear      float64 // spent in Year
	SpentToDate    float64 // spent since the start
	ProgressPct    float64 // physical progress, 0..100
	PlannedStart   time.Time
	PlannedEnd     time.Time
	ActualStart    time.Time // zero when not started
	ActualEnd      time.Time // zero when not finished
}
