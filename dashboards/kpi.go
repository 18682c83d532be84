package dashboards

import (
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
