package ingest

import (
	"strconv"
	"time"

	"github.com/deschis/deschis/models"
)

// dateRO is how a reject reason writes a date: 23.11.2026.
const dateRO = "02.01.2006"

// validateRecord applies the rules that span several fields of a row (a
// revenue line has no economic code, an answer cannot precede the request)
// and fills derived values (the legal term from the request type). Every
// reader calls it on a record whose fields all parsed.
func validateRecord(opt Options, rec *models.Record) {
	v := rec.Values
	get := func(name string) any { return v[models.FieldIndex(opt.Dataset, name)] }
	set := func(name string, x any) { v[models.FieldIndex(opt.Dataset, name)] = x }
	fail := func(column string, value any, reason string) {
		rec.Errors = append(rec.Errors, models.RowError{File: opt.File, Line: rec.Line, Column: column, Value: display(value), Reason: reason})
	}
	if e := entityField(opt.Dataset); e >= 0 && opt.Entity != "" && v[e] != nil && v[e] != opt.Entity {
		fail(models.SourceFields[opt.Dataset][e].Name, v[e], "rândul aparține altei instituții decât --entity "+opt.Entity)
	}
	switch opt.Dataset {
	case models.DatasetEntities:
		if k := get("kind"); k == string(models.KindSubordinat) && get("parent_cui") == nil {
			fail("parent_cui", nil, "o unitate subordonată trebuie să aibă parent_cui")
		}
		if (get("population") == nil) != (get("population_year") == nil) {
			fail("population", get("population"), "populația și anul ei se dau împreună")
		}
	case models.DatasetBudget:
		year, month := get("year").(int64), get("month").(int64)
		if year < 1990 || year > 2100 {
			fail("year", year, "an bugetar în afara intervalului 1990–2100")
		}
		if month < 1 || month > 12 {
			fail("month", month, "luna trebuie să fie între 1 și 12")
		}
		if rd, ok := get("report_date").(time.Time); ok && year >= 1990 && month >= 1 && month <= 12 &&
			rd.Before(models.Date(int(year), time.Month(month), 1)) {
			fail("report_date", rd, "raportul este datat înaintea perioadei pe care o raportează")
		}
		kind := models.BudgetKind(get("kind").(string))
		fc := get("functional_code").(string)
		if err := models.ValidateFunctional(fc, kind); err != nil {
			fail("functional_code", fc, err.Error())
		}
		ec, _ := get("economic_code").(string)
		switch {
		case kind == models.Revenue && ec != "":
			fail("economic_code", ec, "liniile de venit nu au clasificație economică")
		case kind == models.Expense && ec == "":
			fail("economic_code", nil, "liniile de cheltuieli cer clasificația economică")
		case kind == models.Expense:
			if err := models.ValidateEconomic(ec); err != nil {
				fail("economic_code", ec, err.Error())
			}
		}
	case models.DatasetInvestments:
		fc := get("functional_code").(string)
		if err := models.ValidateFunctional(fc, models.Expense); err != nil {
			fail("functional_code", fc, err.Error())
		}
		if p, ok := get("progress_pct").(models.Amount); ok && (p < 0 || p > 100_00) {
			fail("progress_pct", p, "progresul fizic este între 0 și 100")
		}
		if a, ok := get("total_value").(models.Amount); ok && a < 0 {
			fail("total_value", a, "valoare negativă")
		}
	case models.DatasetProcurement:
		kind := models.ContractKind(get("kind").(string))
		parent, _ := get("parent_id").(string)
		if kind == models.CallOff && parent == "" {
			fail("parent_id", nil, "un contract subsecvent trebuie să numească acordul-cadru (parent_id)")
		}
		if kind != models.CallOff && parent != "" {
			fail("parent_id", parent, "doar contractele subsecvente au acord-cadru părinte")
		}
		if a := get("value").(models.Amount); a < 0 {
			fail("value", a, "valoare negativă")
		}
		if n, ok := get("offers").(int64); ok && n < 0 {
			fail("offers", n, "număr de oferte negativ")
		}
		if get("currency") == nil {
			set("currency", "RON")
		}
	case models.DatasetRequests:
		received := get("received").(time.Time)
		answered, hasAnswer := get("answered").(time.Time)
		if hasAnswer && answered.Before(received) {
			fail("answered", answered, "răspunsul ("+answered.Format(dateRO)+") este datat înaintea înregistrării ("+received.Format(dateRO)+")")
		}
		status := models.RequestStatus(get("status").(string))
		switch status.Outcome() {
		case models.OutcomeAnswered:
			if !hasAnswer {
				fail("answered", nil, "o cerere cu starea „"+string(status)+"” trebuie să aibă data răspunsului")
			}
		case models.OutcomeOpen:
			if hasAnswer {
				fail("answered", answered, "o cerere cu starea „deschisă” nu are dată de răspuns; dați starea ei (rezolvată, respinsă, redirecționată, anulată, retrasă) sau goliți data")
			}
		}
		if asOf, ok := get("as_of").(time.Time); ok {
			if asOf.Before(received) {
				fail("as_of", asOf, "registrul este exportat ("+asOf.Format(dateRO)+") înaintea înregistrării cererii ("+received.Format(dateRO)+")")
			} else if hasAnswer && asOf.Before(answered) {
				fail("as_of", asOf, "registrul este exportat ("+asOf.Format(dateRO)+") înaintea răspunsului ("+answered.Format(dateRO)+")")
			}
		}
		ext, _ := get("extended").(bool)
		set("extended", ext)
		if get("term_days") == nil {
			t, ok := models.DefaultTerms[get("type").(string)]
			switch {
			case !ok:
				fail("term_days", nil, "termen legal necunoscut pentru tipul "+get("type").(string)+"; completați term_days")
			case ext:
				set("term_days", int64(t.ExtendedDays))
			default:
				set("term_days", int64(t.Days))
			}
		} else if n := get("term_days").(int64); n <= 0 || n > 365 {
			fail("term_days", n, "termenul legal este între 1 și 365 de zile")
		}
	}
}

// display renders a typed value the way it appeared, for a reject.
func display(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return x.Format(time.DateOnly)
	case models.Amount:
		return x.String()
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return ""
}
