package models

import (
	"context"
	"time"
)

// The request register (the release's internal dataset "requests"): every
// request with its term and answer, read only by the decision-maker
// dashboards. It has no names, addresses or contact details: a request is
// its registry number, dates, channel, category, type and department.

// RequestState selects the register's rows by where a request stands.
type RequestState string

const (
	StateAny        RequestState = ""
	StateOpen       RequestState = "deschise"    // still open when the register was exported
	StateOverdue    RequestState = "intarziate"  // open past its term on as_of
	StateDueSoon    RequestState = "scadente"    // open, term not passed, due within DueWithin days of as_of
	StateAnswered   RequestState = "raspunse"    // resolved or rejected
	StateLate       RequestState = "dupa-termen" // answered after the term, or open past it
	StateRedirected RequestState = "redirectionate"
	StateCancelled  RequestState = "anulate" // cancelled or withdrawn
)

// RequestStates lists the states a filter accepts, in the order forms offer them.
var RequestStates = []RequestState{StateOpen, StateOverdue, StateDueSoon, StateAnswered, StateLate, StateRedirected, StateCancelled}

// RequestSort is a column the register's rows may be sorted by: the reader
// maps each to its own expression (a whitelist; nothing else sorts).
type RequestSort string

const (
	SortReceived   RequestSort = "primire"
	SortDue        RequestSort = "termen"
	SortAnswered   RequestSort = "raspuns"
	SortDays       RequestSort = "zile"
	SortDepartment RequestSort = "compartiment"
)

// RequestSorts lists the sort columns.
var RequestSorts = []RequestSort{SortReceived, SortDue, SortAnswered, SortDays, SortDepartment}

// MaxRequestRows bounds one read of the register: a page on screen (50
// rows) or a batch of an export (the rows an export holds in memory at once;
// fewer, larger reads keep an export of a whole register to a few queries).
const MaxRequestRows = 5000

// RequestRowFilter selects rows of one entity's register. Entity is
// required; empty fields do not filter. Year and Month are of the date
// received (Month needs Year). Rows come Limit at a time (1 to
// MaxRequestRows) from Offset, sorted by Sort (SortReceived when empty),
// descending when Desc, then by registry number: a total order, so pages
// never repeat or skip a row.
type RequestRowFilter struct {
	Entity, Department, Category string
	Type                         string // a type code (models.RequestTypeNames)
	Year, Month                  int
	State                        RequestState
	DueWithin                    int // days, for StateDueSoon
	Sort                         RequestSort
	Desc                         bool
	Limit, Offset                int
}

// RequestRow is one request of the register. Answered is zero while open;
// DaysToAnswer is -1 without an answer.
type RequestRow struct {
	ID                            string
	Received, Due, Answered, AsOf time.Time
	Channel, Category, Type, Dept string
	Status                        RequestStatus
	Outcome                       RequestOutcome
	TermDays, DaysToAnswer        int
	Extended, WithinTerm, Late    bool
}

// RequestRowPage is one page of a filter's rows and the number of rows the
// filter selects in all.
type RequestRowPage struct {
	Rows  []RequestRow
	Total int64
}

// RequestDeadlines are one department's open requests past their term and
// due within a number of days, as of the register's export (AsOf).
type RequestDeadlines struct {
	Department       string
	Overdue, DueSoon int64
	AsOf             time.Time
}

// RequestFacets are the values the register's filters offer for an entity.
type RequestFacets struct {
	Departments, Categories, Types []string
}

// RequestRegisterReader reads the release's request register. A release
// opened without its internal datasets answers ErrNotFound.
type RequestRegisterReader interface {
	// RequestRows returns a page of the rows a filter selects.
	RequestRows(ctx context.Context, f RequestRowFilter) (RequestRowPage, error)
	// RequestDeadlines counts each department's open requests overdue and
	// due within dueWithin days (department "" for all: one row per
	// department with any), most overdue first.
	RequestDeadlines(ctx context.Context, entity, department string, dueWithin int) ([]RequestDeadlines, error)
	// RequestFacets are the departments and categories of an entity's register.
	RequestFacets(ctx context.Context, entity string) (RequestFacets, error)
}
