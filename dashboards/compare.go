package dashboards

import (
	"strconv"

	"github.com/deschis/deschis/models"
)

// Period is the months of one year from January to Through, the span a
// cumulative execution report covers (Through 12: the whole year; 0: no
// report at all).
type Period struct {
	Year, Through int
}

// Label names the period: "2025" for a whole year, "ian. 2026" for one
// month, "ian.–oct. 2026" (ro), "Jan–Oct 2026" (en) for part of a year.
func (p Period) Label(lang string) string {
	y := strconv.Itoa(p.Year)
	if m := p.Months(lang); m != "" {
		return m + " " + y
	}
	return y
}

// Months names the months of a part of a year without the year: "ian.–oct."
// (ro), "Jan–Oct" (en), "ian." for January alone; "" for a whole year.
func (p Period) Months(lang string) string {
	switch {
	case p.Through >= 12 || p.Through <= 0:
		return ""
	case p.Through == 1:
		return MonthShort(lang, 1)
	}
	return MonthShort(lang, 1) + "–" + MonthShort(lang, p.Through)
}

// Long names the period in full words: "ianuarie–octombrie 2026",
// "anul 2025" (ro), "January–October 2026", "the year 2025" (en).
func (p Period) Long(lang string) string {
	y := strconv.Itoa(p.Year)
	switch {
	case p.Through >= 12 || p.Through <= 0:
		if lang == EN {
			return "the year " + y
		}
		return "anul " + y
	case p.Through == 1:
		return MonthName(lang, 1) + " " + y
	}
	return MonthName(lang, 1) + "–" + MonthName(lang, p.Through) + " " + y
}

// Comparison sets a figure of one period against the same months of an
// earlier year: a change is only ever computed between periods that cover
// the same months, so January–October is never compared with a whole year.
// The dashboards and the public pages build every change shown through it.
type Comparison struct {
	Now Period
	// Before is the earlier year with the month of its latest report
	// within Now's months (0: the earlier year has no report by then).
	Before Period
}

// SamePeriod is the comparison of period now with the same months of year
// before, whose data reaches up to month beforeThrough within them.
func SamePeriod(now Period, beforeYear, beforeThrough int) Comparison {
	return Comparison{Now: now, Before: Period{Year: beforeYear, Through: beforeThrough}}
}

// Comparable reports whether both periods cover the same months.
func (c Comparison) Comparable() bool {
	return c.Now.Through > 0 && c.Before.Through == c.Now.Through
}

// BeforeLabel names the earlier period as the comparison reads it: the
// same months as Now, in the earlier year.
func (c Comparison) BeforeLabel(lang string) string {
	return Period{Year: c.Before.Year, Through: c.Now.Through}.Label(lang)
}

// Change is the change from before to now, "–" when the periods differ or
// the earlier figure is zero.
func (c Comparison) Change(lang string, now, before models.Amount) Cell {
	if !c.Comparable() || before == 0 {
		return Cell{Text: "–", Num: true}
	}
	r := Ratio{Num: int64(now - before), Den: int64(before)}
	return Cell{Text: FormatChange(lang, r), Raw: r.Raw(), Num: true}
}

// ChangePoints is the change of a share from before to now in percentage
// points (FormatPointsChange), "–" when the periods differ or a share has
// no denominator.
func (c Comparison) ChangePoints(lang string, now, before Ratio) Cell {
	if !c.Comparable() || !now.Valid() || !before.Valid() {
		return Cell{Text: "–", Num: true}
	}
	return Cell{Text: FormatPointsChange(lang, now, before), Num: true}
}

// BeforeCell is the earlier figure as a cell, "–" when the periods differ.
func (c Comparison) BeforeCell(lang string, before models.Amount) Cell {
	if !c.Comparable() {
		return Cell{Text: "–", Num: true}
	}
	return LeiCell(lang, before)
}

// Note is the sentence under a comparison: which months it compares, or
// why it cannot.
func (c Comparison) Note(lang string) string {
	if c.Comparable() {
		return Tf(lang, "compare.note", Period{Year: c.Now.Year, Through: c.Now.Through}.Long(lang), Period{Year: c.Before.Year, Through: c.Now.Through}.Long(lang))
	}
	if c.Now.Through <= 0 {
		return Tf(lang, "compare.none.now", c.Now.Year)
	}
	return Tf(lang, "compare.none.before", c.Before.Year, Period{Year: c.Before.Year, Through: c.Now.Through}.Long(lang))
}
