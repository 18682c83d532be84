package models

import "time"

// ContractKind keeps apart the four kinds of award that SICAP publishes.
type ContractKind string

const (
	ProcedureAward     ContractKind = "procedure_award"
	DirectPurchase     ContractKind = "direct_purchase"
	FrameworkAgreement ContractKind = "framework_agreement"
	CallOff            ContractKind = "call_off" // contract subsecvent
)

// ContractKinds lists every kind.
var ContractKinds = []ContractKind{ProcedureAward, DirectPurchase, FrameworkAgreement, CallOff}

// Valid reports whether k is a known kind.
func (k ContractKind) Valid() bool {
	for _, x := range ContractKinds {
		if k == x {
			return true
		}
	}
	return false
}

// CountsInTotal reports whether the value of a contract of this kind is money
// committed. A framework agreement is a ceiling: what is spent under it is its
// call-off contracts, so totals count the call-offs and never the agreement,
// and a framework agreement and its call-offs are never counted twice.
func (k ContractKind) CountsInTotal() bool { return k != FrameworkAgreement }

// Contract is one award: a procedure award, a direct purchase, a framework
// agreement or a call-off contract under one.
type Contract struct {
	ID             string // notice or contract number, unique per buyer
	Kind           ContractKind
	ParentID       string // for a call-off: the framework agreement's ID
	BuyerCUI       string
	SupplierCUI    string
	SupplierName   string
	Title          string
	CPV            string  // "45233140-2"
	Value          float64 // lei, without VAT
	Currency       string
	AwardDate      time.Time
	Procedure      string // licitație deschisă, procedură simplificată, ...
	Offers         int    // number of offers; 0 when unknown
	EUFunded       bool
	InvestmentCode string // the investment objective it serves, if any
}
