package dashboards

import (
	"slices"
	"strconv"

	"github.com/deschis/deschis/models"
)

// KPI is a headline number as a page shows it:
// <data data-kpi=Name value=Raw>Text</data>, under its title (Label) from the
// KPI vocabulary (models.KPIs).
type KPI struct {
	Name, Label, Raw, Text, Note string
}

// KPITitle is the title of KPI id in lang.
func KPITitle(lang, id string) string {
	k, ok := models.LookupKPI(id)
	if !ok {
		return id
	}
	return Text(lang, k.Title)
}

// KPILei is an amount of money.
func KPILei(lang, id string, a models.Amount) KPI {
	return KPI{Name: id, Label: KPITitle(lang, id), Raw: a.String(), Text: FormatLei(lang, a)}
}

// KPICount is a count.
func KPICount(lang, id string, n int64) KPI {
	return KPI{Name: id, Label: KPITitle(lang, id), Raw: strconv.FormatInt(n, 10), Text: FormatCount(lang, n)}
}

// KPIRatio is a share.
func KPIRatio(lang, id string, r Ratio) KPI {
	return KPI{Name: id, Label: KPITitle(lang, id), Raw: r.Raw(), Text: r.Format(lang)}
}

// KPIMissing is a headline number the data does not have: "–", never 0,
// with the sentence that says why (note).
func KPIMissing(lang, id, note string) KPI {
	return KPI{Name: id, Label: KPITitle(lang, id), Raw: "", Text: "–", Note: note}
}

// Absence is the sentence saying why dataset has no figures for entity in
// year: the institution publishes none at all, or none for that year; ""
// when it has them. A page shows "–" with it (KPIMissing), never 0.
func Absence(lang string, rel models.Reader, dataset, entity string, year int) string {
	years := rel.Years(dataset, entity)
	switch {
	case len(years) == 0:
		return T(lang, "absent."+dataset)
	case !slices.Contains(years, year):
		return Tf(lang, "absent."+dataset+".year", year)
	}
	return ""
}

// KPIDays is a number of days; "–" when there is none (ok false).
func KPIDays(lang, id string, n int64, ok bool) KPI {
	if !ok {
		return KPI{Name: id, Label: KPITitle(lang, id), Raw: "", Text: "–"}
	}
	return KPI{Name: id, Label: KPITitle(lang, id), Raw: strconv.FormatInt(n, 10), Text: FormatDays(lang, n)}
}

// KPIPercentBasis is a percentage in hundredths of a percent (8082 = 80,82 %).
func KPIPercentBasis(lang, id string, basis int64) KPI {
	return KPI{Name: id, Label: KPITitle(lang, id), Raw: RawPercentBasis(basis), Text: FormatPercentBasis(lang, basis)}
}
