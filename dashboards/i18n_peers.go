package dashboards

import "github.com/deschis/deschis/models"

// peerMessages are the texts of the peer comparison on an administrative
// unit's home page (dashboards/public: page_home.go) and of its bands on
// /metodologie (models.PeerBands).
var peerMessages = map[string][2]string{
	"peers.title":          {"Față de unități asemănătoare, %d", "Against similar units, %d"},
	"peers.intro":          {"Unitatea față de mediana celorlalte unități din ediție de același tip și din aceeași grupă de populație (%s): sumele pe locuitor, la populația din %d, rata de execuție și ponderea achizițiilor directe.", "The unit against the median of the other units of the release of the same kind and population band (%s): the amounts per inhabitant, at the population of %d, the execution rate and the direct-purchase share."},
	"peers.count":          {"Unități comparate: %s", "Units compared: %s"},
	"peers.table":          {"Unitatea și mediana, %d", "The unit and the median, %d"},
	"peers.figure":         {"Indicatorul", "Figure"},
	"peers.unit":           {"Unitatea", "The unit"},
	"peers.median":         {"Mediana unităților comparate", "Median of the units compared"},
	"peers.with":           {"Unități cu cifra", "Units with the figure"},
	"peers.why.share":      {"nicio unitate comparată nu are cifra", "no unit compared has the figure"},
	"peers.none":           {"Comparație cu unități asemănătoare", "Comparison with similar units"},
	"peers.method":         {"Cum se formează grupele", "How the bands are made"},
	"peers.why.kind":       {"consiliile județene și sectoarele nu au grupe de populație", "county councils and sectors have no population bands"},
	"peers.why.none":       {"nicio altă unitate de același tip și din aceeași grupă de populație (%s) nu are buget publicat pe %d", "no other unit of the same kind and population band (%s) has a budget published for %d"},
	"peers.kind.comună":    {"comune", "communes"},
	"peers.kind.oraș":      {"orașe", "towns"},
	"peers.kind.municipiu": {"municipii", "municipalities"},
	"meth.peers":           {"Comparația cu unități asemănătoare", "The comparison with similar units"},
	"meth.peers.text":      {"Pagina de start a fiecărei comune, fiecărui oraș și municipiu îl compară cu mediana celorlalte unități din ediție de același tip și din aceeași grupă de populație care au buget publicat pe an: cheltuielile (plăți) și veniturile (încasări) pe locuitor, rata de execuție (plăți din credite definitive) și ponderea achizițiilor directe în valoarea contractelor, cu aceleași cifre ca pagina județului (bugetul consolidat al autorității, populația anului sau a celui mai apropiat an anterior). Unitatea însăși nu intră în mediană; mediana unui număr par de unități este media celor două din mijloc, rotunjită la ban. Mediana unei ponderi este a ponderilor unităților comparate care o au (fiecare rotunjită la a milioana parte), cu numărul lor alături. Pagina arată câte unități au fost comparate; o unitate fără nicio altă unitate în grupa ei, fără populație cunoscută sau fără buget spune asta în loc de cifră. Consiliile județene și sectoarele nu au grupe. Grupele:", "The home page of every commune, town and municipality compares it with the median of the other units of the release of the same kind and population band that have a budget published for the year: expenses (payments) and revenues (receipts) per inhabitant, the execution rate (payments over final appropriations) and the direct-purchase share of the contracts' value, the same figures as the county page (the authority's consolidated budget, the year's population or the nearest earlier year's). The unit itself is not in the median; the median of an even number of units is the mean of the middle two, rounded to the ban. The median of a share is of the shares of the units compared that have one (each rounded to the millionth), their number shown beside it. The page says how many units were compared; a unit with no other unit in its band, no known population or no budget says so instead of a figure. County councils and sectors have no bands. The bands:"},
}

func init() {
	for k, v := range peerMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}

// FormatPeerBand writes a peer band (models.PeerBands): comune cu
// 2.000–4.999 de locuitori, orașe sub 10.000 de locuitori, municipii cu cel
// puțin 200.000 de locuitori (ro); communes of 2,000–4,999 inhabitants, towns
// under 10,000 inhabitants, municipalities of 200,000 inhabitants or more
// (en).
func FormatPeerBand(lang string, b models.PeerBand) string {
	kind := T(lang, "peers.kind."+string(b.Kind))
	one, many := "locuitor", "locuitori"
	if lang == EN {
		one, many = "inhabitant", "inhabitants"
	}
	switch {
	case b.Min <= 0 && lang == EN:
		return kind + " under " + CountNoun(lang, b.Max, one, many)
	case b.Min <= 0:
		return kind + " sub " + CountNoun(lang, b.Max, one, many)
	case b.Max == 0 && lang == EN:
		return kind + " of " + CountNoun(lang, b.Min, one, many) + " or more"
	case b.Max == 0:
		return kind + " cu cel puțin " + CountNoun(lang, b.Min, one, many)
	case lang == EN:
		return kind + " of " + FormatCount(lang, b.Min) + "–" + CountNoun(lang, b.Max-1, one, many)
	}
	return kind + " cu " + FormatCount(lang, b.Min) + "–" + CountNoun(lang, b.Max-1, one, many)
}
