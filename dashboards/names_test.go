package dashboards

import "testing"

// A request type code of the register is shown by its name in the page's
// language; a code without a name stays readable, marked Romanian on an
// English page; no code is "–".
func TestRequestTypeName(t *testing.T) {
	for _, c := range []struct {
		lang, code string
		want       Cell
	}{
		{RO, "petitie", Cell{Text: "petiție (OG nr. 27/2002)"}},
		{EN, "petitie", Cell{Text: "petition (Government Ordinance no. 27/2002)"}},
		{RO, "info_544", Cell{Text: "informații de interes public (Legea nr. 544/2001)"}},
		{EN, "certificat_urbanism", Cell{Text: "town-planning certificate"}},
		{RO, "autorizatie_construire", Cell{Text: "autorizație de construire"}},
		{RO, "autorizatie_demolare", Cell{Text: "autorizatie demolare"}},
		{EN, "autorizatie_demolare", Cell{Text: "autorizatie demolare", Lang: RO}},
		{EN, "aviz__de_ amplasare", Cell{Text: "aviz de amplasare", Lang: RO}},
		{RO, "", Cell{Text: "–"}},
	} {
		if got := RequestTypeName(c.lang, c.code); got != c.want {
			t.Errorf("RequestTypeName(%s, %q) = %+v, want %+v", c.lang, c.code, got, c.want)
		}
	}
}
