package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Word lists for the demo's names. Places are districts and streets of a
// typical Banat city; companies are built from trade words and place words,
// never from people's names, so the demo holds no personal data.

var streets = []string{
	"Gheorghe Lazăr", "Mureș", "Dorobanților", "Polonă", "Ion Ionescu de la Brad", "Avram Imbroane",
	"Grigore Alexandrescu", "Bogdăneștilor", "Liviu Rebreanu", "Martirilor", "Ciprian Porumbescu",
	"Constantin Brâncoveanu", "Bucovinei", "Lidia", "Oituz", "Eroilor", "Torontalului", "Înfrățirii",
	"Sudului", "Paltinului", "Ana Ipătescu", "Gloria", "Crizantemelor", "Recoltei", "Zorilor",
	"Muncitorilor", "Brândușei", "Uranus", "Venus", "Pădurea Verde",
}

var arteries = []string{
	"Calea Aradului", "Calea Șagului", "Calea Lugojului", "Calea Buziașului", "Calea Torontalului",
	"Bulevardul Revoluției din 1989", "Bulevardul Cetății", "Bulevardul Dâmbovița", "Calea Martirilor",
	"Bulevardul Industriilor", "Calea Stan Vidrighin", "Bulevardul Sudului",
}

var districts = []string{
	"Fabric", "Iosefin", "Elisabetin", "Mehala", "Freidorf", "Ciarda Roșie", "Fratelia", "Ronaț",
	"Plopi", "Kuntz", "Steaua", "Lipovei", "Aradului", "Dâmbovița", "Torontal", "Zona Soarelui",
	"Blașcovici", "Bucovina", "Tipografilor", "Complexul Studențesc",
}

var parks = []string{
	"Tineretului", "Rozelor", "Central", "Copiilor", "Botanic", "Poporului", "Justiției", "Civic",
	"Lidia", "Uzinei", "Pădurice", "Clinicilor",
}

var romans = []string{"I", "II", "III", "IV", "V", "VI"}

// expand replaces {str}, {art}, {area}, {park}, {n}, {roman} in a template
// with every (or, for big lists, a sample of) filler(s).
func expand(r *rand.Rand, tmpl string, limit int) []string {
	fillers := map[string][]string{
		"{str}": streets, "{art}": arteries, "{area}": districts, "{park}": parks, "{roman}": romans,
		"{n}": {"1", "2", "3", "4", "5"},
	}
	out := []string{tmpl}
	for key, list := range fillers {
		if !strings.Contains(tmpl, key) {
			continue
		}
		var next []string
		for _, s := range out {
			for _, f := range list {
				next = append(next, strings.Replace(s, key, f, 1))
			}
		}
		out = next
	}
	// keys are visited in map order, so sort before sampling to stay deterministic
	sortStrings(out)
	if len(out) > limit {
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		out = out[:limit]
		sortStrings(out)
	}
	return out
}

func sortStrings(s []string) {
	// insertion sort is enough for the few hundred titles of a template
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Supplier sectors: what a company sells, which decides its CPV codes.
type sector int

const (
	secWorks sector = iota
	secDesign
	secIT
	secPrint
	secConsult
	secMedical
	secFood
	secCleaning
	secFuel
	secEdu
	secTravel
	secSafety
	numSectors
)

// sectorShare is the share of the supplier pool in each sector.
var sectorShare = [numSectors]float64{
	secWorks: 0.14, secDesign: 0.16, secIT: 0.12, secPrint: 0.11, secConsult: 0.12, secMedical: 0.07,
	secFood: 0.06, secCleaning: 0.06, secFuel: 0.02, secEdu: 0.07, secTravel: 0.04, secSafety: 0.03,
}

var placeWords = []string{
	"Bega", "Banat", "Timiș", "Mureș", "Carpați", "Vest", "Lugoj", "Cetate", "Dacia", "Trident",
	"Alpha", "Nova", "Prim", "Euro", "Delta", "Orizont", "Atlas", "Optim", "Solid", "Progresul",
	"Unirea", "Temes", "Rovest", "Dunărea", "Crișana", "Recaș", "Buziaș", "Giroc", "Dumbrăvița",
	"Ghiroda", "Moșnița", "Făget", "Poiana", "Semenic", "Retezat", "Parâng", "Cerna", "Timișana",
	"Apollo", "Orion", "Vega", "Sirius", "Nord", "Centru", "Maxim", "Global", "Royal", "Smart",
	"Green", "Quadra", "Arcada", "Zenit", "Magnum", "Carpatia", "Danubius", "Europa", "Meridian",
	"Omega", "Sigma", "Vector", "Altus", "Lumina", "Izvor", "Stejar", "Castel", "Cronos",
}

var sectorRoots = [numSectors][]string{
	secWorks:    {"Construcții", "Drumuri", "Antrepriza", "Lucrări", "Edil"},
	secDesign:   {"Birou Proiectare", "Atelier", "Proiect"},
	secIT:       {"Info", "Tehno", "Compu", "Net"},
	secPrint:    {"Tipografia", "Editura", "Grafica", "Print"},
	secConsult:  {"Consultanță", "Centrul de Formare", "Management"},
	secMedical:  {"Medical", "Farma", "Med", "Sanitas"},
	secFood:     {"Alimentara", "Panificația", "Ferma", "Gastro"},
	secCleaning: {"Servicii", "Facility", "Clean"},
	secFuel:     {"Petrol", "Carburanți", "Energo"},
	secEdu:      {"Didactica", "Educațional", "Sport", "Mobila"},
	secTravel:   {"Agenția de Turism", "Travel", "Voiaj"},
	secSafety:   {"Securitate", "Electro", "Protect"},
}

var sectorTails = [numSectors][]string{
	secWorks:    {"Construct", "Infrastructură", "Instal", "Building", "Grup", "Invest", "Edil", "Asfalt"},
	secDesign:   {"Proiect", "Design", "Consult", "Engineering", "Arhitectură", "Studio", "Expert"},
	secIT:       {"Soft", "Data", "Systems", "Digital", "Computers", "Tech", "Networks", "IT"},
	secPrint:    {"Print", "Media", "Grafic", "Advertising", "Papetărie", "Office", "Promo"},
	secConsult:  {"Consulting", "Management", "Advisory", "Business", "Training", "Academy", "Strategic"},
	secMedical:  {"Medical", "Pharma", "Healthcare", "Distribution", "Farm", "Medica", "Lab"},
	secFood:     {"Food", "Prodcom", "Catering", "Agro", "Impex", "Distribuție", "Gust"},
	secCleaning: {"Clean", "Service", "Facility", "Eco", "Servicii", "Impex"},
	secFuel:     {"Petrol", "Oil", "Energy", "Carburanți", "Gaz"},
	secEdu:      {"Educațional", "Didactic", "Sport", "Kids", "School", "Mobilier"},
	secTravel:   {"Travel", "Tour", "Turism", "Voiaj", "Holidays"},
	secSafety:   {"Security", "Alarm", "Protect", "Safety", "Guard"},
}

// companyName builds a company name of a sector; taken reports names already
// used, since the trade register never gives one name twice.
func companyName(r *rand.Rand, s sector, taken map[string]bool) string {
	legal := func() string {
		if r.Float64() < 0.13 {
			return " SA"
		}
		return " SRL"
	}
	for try := 0; ; try++ {
		place := placeWords[r.IntN(len(placeWords))]
		var name string
		switch r.IntN(3) {
		case 0:
			name = sectorRoots[s][r.IntN(len(sectorRoots[s]))] + " " + place
		case 1:
			name = place + " " + sectorTails[s][r.IntN(len(sectorTails[s]))]
		default:
			name = sectorRoots[s][r.IntN(len(sectorRoots[s]))] + " " + place + " " + sectorTails[s][r.IntN(len(sectorTails[s]))]
		}
		if try >= 8 {
			// A founding year, as many Romanian companies carry in their name.
			name += " " + strconv.Itoa(1991+r.IntN(34))
		}
		name += legal()
		if !taken[name] {
			taken[name] = true
			return name
		}
	}
}

// cpvInfo is one CPV code the demo uses. Every code and check digit is copied
// from the SICAP sample (/work/shared/data/ro_sicap_achizitii_directe_offline_sample.csv)
// or, for the last seven, is one of a few codes well known from SICAP
// (45233140-2, 09134200-9, 30192000-1, 33600000-6, 15800000-6, 72000000-5,
// 90911200-8); no check digit is computed.
type cpvInfo struct {
	code   string
	sector sector
	titles []string
}

// works reports whether the code is a works contract (CPV division 45).
func (c *cpvInfo) works() bool { return c.code[:2] == "45" }

var cpvCatalogue = []cpvInfo{
	{"22459100-3", secPrint, []string{"Autocolante și benzi publicitare pentru evenimentul Zilele Municipiului Demo", "Autocolante pentru marcarea mijloacelor de transport"}},
	{"22462000-6", secPrint, []string{"Materiale publicitare pentru campania de informare publică", "Pliante și afișe pentru campania de colectare selectivă"}},
	{"30192153-8", secPrint, []string{"Ștampile cu text pentru compartimentele instituției", "Ștampile și tușiere"}},
	{"30211300-4", secIT, []string{"Platformă informatică pentru registratura electronică", "Platformă informatică pentru plata online a taxelor locale"}},
	{"30213000-5", secIT, []string{"Furnizare computere personale", "Calculatoare pentru laboratorul de informatică"}},
	{"30213100-6", secIT, []string{"Furnizare computere portabile", "Laptopuri pentru personal"}},
	{"30231100-8", secIT, []string{"Terminale informatice pentru ghișee", "Terminale pentru sistemul de gestiune a cozilor"}},
	{"30232000-4", secIT, []string{"Echipamente periferice IT", "Scanere și echipamente periferice"}},
	{"30232110-8", secIT, []string{"Imprimante laser multifuncționale", "Imprimante laser și consumabile"}},
	{"34152000-7", secEdu, []string{"Simulatoare de formare pentru laboratorul de științe", "Simulatoare pentru educație rutieră"}},
	{"35261000-1", secPrint, []string{"Panouri de informare pentru proiect", "Panouri de informare temporare și permanente"}},
	{"37000000-8", secEdu, []string{"Articole sportive pentru sala de sport", "Instrumente muzicale și materiale pentru activități extrașcolare"}},
	{"38822000-3", secSafety, []string{"Sirene electronice pentru sistemul de avertizare a populației", "Sirene telecomandate – extindere sistem de alarmare"}},
	{"39160000-1", secEdu, []string{"Mobilier școlar pentru săli de clasă", "Mobilier școlar pentru laboratoare"}},
	{"39162100-6", secEdu, []string{"Material pedagogic pentru învățământul primar", "Material didactic și pedagogic"}},
	{"45311000-0", secWorks, []string{"Lucrări de instalații electrice la clădirea din strada {str}", "Lucrări de cablare și conexiuni electrice – sediu {area}"}},
	{"45453000-7", secWorks, []string{"Lucrări de reparații curente la imobilul din strada {str}", "Lucrări de renovare a spațiilor din cartierul {area}"}},
	{"48517000-5", secIT, []string{"Licențe software de birotică", "Pachete software IT pentru contabilitate și salarizare"}},
	{"55130000-0", secTravel, []string{"Servicii de cazare pentru delegații", "Servicii hoteliere pentru participanții la conferință"}},
	{"55524000-9", secFood, []string{"Servicii de catering pentru programul Masă caldă în școli", "Servicii de catering pentru școli"}},
	{"60400000-2", secTravel, []string{"Bilete de avion pentru deplasări externe", "Servicii de transport aerian pentru delegații"}},
	{"66171000-9", secConsult, []string{"Servicii de consultanță financiară", "Consultanță financiară pentru contractarea unui împrumut"}},
	{"71220000-6", secDesign, []string{"Servicii de proiectare arhitecturală pentru imobilul din strada {str}", "Proiectare arhitecturală – amenajare spații"}},
	{"71241000-9", secDesign, []string{"Studiu de fezabilitate pentru modernizarea străzii {str}", "Studiu de fezabilitate – cartierul {area}"}},
	{"71242000-6", secDesign, []string{"Documentație de avizare a lucrărilor de intervenție – strada {str}", "Proiectare și estimare a costurilor – cartierul {area}"}},
	{"71247000-1", secDesign, []string{"Dirigenție de șantier – strada {str}", "Supraveghere a lucrărilor de construcții – cartierul {area}"}},
	{"71314300-5", secDesign, []string{"Audit energetic pentru clădiri publice", "Consultanță în eficiență energetică – clădiri din cartierul {area}"}},
	{"71314310-8", secDesign, []string{"Servicii de inginerie termică pentru clădirea din strada {str}"}},
	{"71319000-7", secDesign, []string{"Expertiză tehnică a clădirii din strada {str}", "Servicii de expertiză tehnică – cartierul {area}"}},
	{"71321300-7", secDesign, []string{"Consultanță pentru rețelele de apă și canalizare – cartierul {area}"}},
	{"71322000-1", secDesign, []string{"Proiect tehnic de execuție – strada {str}", "Proiectare tehnică pentru lucrări publice – cartierul {area}"}},
	{"71322500-6", secDesign, []string{"Proiectare tehnică pentru infrastructura de transport – {art}"}},
	{"71328000-3", secDesign, []string{"Verificarea proiectelor de structuri – strada {str}"}},
	{"71332000-4", secDesign, []string{"Studiu geotehnic – strada {str}", "Servicii de inginerie geotehnică – cartierul {area}"}},
	{"71335000-5", secDesign, []string{"Studii topografice și tehnice – strada {str}"}},
	{"71354300-7", secDesign, []string{"Servicii de cadastru și intabulare – cartierul {area}", "Lucrări de cadastru pentru terenuri din domeniul public"}},
	{"71356100-9", secDesign, []string{"Servicii de control tehnic al calității lucrărilor – strada {str}"}},
	{"71356200-0", secDesign, []string{"Asistență tehnică din partea proiectantului – strada {str}", "Servicii de asistență tehnică – cartierul {area}"}},
	{"71410000-5", secDesign, []string{"Plan urbanistic zonal – cartierul {area}", "Servicii de urbanism – actualizare PUG"}},
	{"71520000-9", secDesign, []string{"Servicii de supraveghere a lucrărilor – {art}"}},
	{"71521000-6", secDesign, []string{"Supraveghere a șantierului – cartierul {area}"}},
	{"71621000-7", secDesign, []string{"Analiză și consultanță tehnică – cartierul {area}"}},
	{"72224000-1", secConsult, []string{"Servicii de management de proiect", "Consultanță pentru managementul proiectelor cu finanțare europeană"}},
	{"73000000-2", secConsult, []string{"Studiu privind mobilitatea urbană", "Servicii de cercetare privind calitatea aerului"}},
	{"79341000-6", secPrint, []string{"Servicii de publicitate pentru proiect", "Servicii de publicitate și promovare"}},
	{"79400000-8", secConsult, []string{"Consultanță în management", "Consultanță în afaceri și management"}},
	{"79410000-1", secConsult, []string{"Consultanță în gestionarea patrimoniului", "Servicii de consultanță în afaceri"}},
	{"79411000-8", secConsult, []string{"Servicii generale de consultanță în management", "Consultanță pentru implementarea sistemului de control intern managerial"}},
	{"79413000-2", secConsult, []string{"Consultanță pentru promovarea turistică a municipiului", "Servicii de consultanță în marketing"}},
	{"79418000-7", secConsult, []string{"Consultanță în domeniul achizițiilor publice", "Asistență pentru elaborarea documentațiilor de atribuire"}},
	{"79421200-3", secConsult, []string{"Elaborarea cererii de finanțare", "Servicii de elaborare a proiectelor de finanțare"}},
	{"80500000-9", secConsult, []string{"Cursuri de formare profesională pentru personal", "Servicii de formare în domeniul achizițiilor publice"}},
	{"85121270-6", secMedical, []string{"Servicii de psihologie", "Servicii de evaluare psihologică"}},
	{"92400000-5", secPrint, []string{"Servicii de agenție de presă", "Abonament la servicii de știri"}},
	{"98390000-3", secCleaning, []string{"Alte servicii – deratizare și dezinsecție", "Servicii diverse de întreținere"}},
	{"45233140-2", secWorks, []string{"Lucrări de reparații la carosabilul străzii {str}", "Lucrări de întreținere a drumurilor – {art}", "Modernizare trotuare strada {str}"}},
	{"09134200-9", secFuel, []string{"Motorină pentru parcul auto", "Carburant diesel pentru autovehicule"}},
	{"30192000-1", secPrint, []string{"Articole de birou și papetărie", "Furnituri de birou"}},
	{"33600000-6", secMedical, []string{"Medicamente", "Produse farmaceutice", "Medicamente pentru secțiile spitalului"}},
	{"15800000-6", secFood, []string{"Produse alimentare diverse", "Alimente pentru cantina socială", "Produse alimentare pentru centrele de zi"}},
	{"72000000-5", secIT, []string{"Servicii IT de mentenanță a infrastructurii informatice", "Servicii IT de dezvoltare a portalului instituției"}},
	{"90911200-8", secCleaning, []string{"Servicii de curățenie a clădirilor", "Servicii de curățenie a sediilor"}},
}

// cpvIndex returns the catalogue position of a code.
func cpvIndex(code string) int {
	for i := range cpvCatalogue {
		if cpvCatalogue[i].code == code {
			return i
		}
	}
	panic("demo: CPV " + code + " is not in the catalogue")
}

// Investment objectives: name templates by domain.
type invTemplate struct {
	name    string
	fn      string
	funding []string
	cpv     []string // CPV division 45: the works contracts
	median  float64  // lei
	months  int      // typical duration
	onHosp  bool     // an objective of the hospital rather than the city
	weight  float64
}

var invTemplates = []invTemplate{
	{"Modernizare strada {str}", "84.02.03.03", []string{"local", "local", "stat"}, []string{"45233140-2"}, 6e6, 12, false, 5},
	{"Reabilitare și modernizare {art} – tronson {roman}", "84.02.03.01", []string{"ue", "local"}, []string{"45233140-2", "45311000-0"}, 25e6, 24, false, 2},
	{"Pistă de biciclete {art}", "84.02.03.03", []string{"pnrr", "ue"}, []string{"45233140-2"}, 5e6, 10, false, 2},
	{"Stații de încărcare pentru autobuze electrice – etapa {roman}", "84.02.03.02", []string{"pnrr"}, []string{"45311000-0"}, 8e6, 12, false, 1},
	{"Modernizare linie de tramvai {art}", "84.02.03.02", []string{"ue"}, []string{"45233140-2", "45311000-0"}, 40e6, 30, false, 1},
	{"Reabilitare pod peste Bega la strada {str}", "84.02.03.01", []string{"local", "ue"}, []string{"45233140-2"}, 18e6, 24, false, 1},
	{"Reabilitare termică a Școlii Gimnaziale nr. {k}", "65.02.04.01", []string{"pnrr", "local"}, []string{"45453000-7", "45311000-0"}, 7e6, 14, false, 3},
	{"Construire grădiniță cu program prelungit în cartierul {area}", "65.02.03.01", []string{"pnrr", "local"}, []string{"45453000-7"}, 9e6, 18, false, 2},
	{"Sală de sport pentru Școala Gimnazială nr. {k}", "65.02.04.01", []string{"stat", "local"}, []string{"45453000-7"}, 6e6, 14, false, 1.5},
	{"Parc {park} – etapa {roman}", "67.02.05.03", []string{"local", "pnrr"}, []string{"45453000-7", "45311000-0"}, 7e6, 12, false, 2},
	{"Amenajare loc de joacă în cartierul {area}", "67.02.05.03", []string{"local"}, []string{"45453000-7"}, 8e5, 6, false, 2},
	{"Bază sportivă de cartier {area}", "67.02.05.01", []string{"local", "stat"}, []string{"45453000-7"}, 5e6, 14, false, 1},
	{"Reabilitare Casa de Cultură a Municipiului Demo – corp {roman}", "67.02.03.06", []string{"ue"}, []string{"45453000-7", "45311000-0"}, 15e6, 24, false, 0.5},
	{"Modernizare iluminat public în cartierul {area}", "70.02.50", []string{"local", "ue"}, []string{"45311000-0"}, 4e6, 10, false, 2},
	{"Renovare energetică blocuri de locuințe – lot {n}", "70.02.03.01", []string{"pnrr"}, []string{"45453000-7"}, 12e6, 18, false, 1.5},
	{"Insule ecologice digitalizate – etapa {roman}", "74.02.50", []string{"pnrr", "ue"}, []string{"45453000-7"}, 3e6, 8, false, 1},
	{"Centru de colectare prin aport voluntar în cartierul {area}", "74.02.50", []string{"pnrr"}, []string{"45453000-7", "45311000-0"}, 4e6, 12, false, 1},
	{"Centru de zi pentru vârstnici în cartierul {area}", "68.02.04", []string{"pnrr", "local"}, []string{"45453000-7"}, 5e6, 14, false, 1},
	{"Modernizarea Ambulatoriului Integrat – corp {roman}", "66.02.06.01", []string{"pnrr", "ue", "local"}, []string{"45453000-7", "45311000-0"}, 10e6, 18, true, 1.5},
	{"Reabilitare sediu Primăria Municipiului Demo – corp {roman}", "51.02.01.03", []string{"local"}, []string{"45453000-7"}, 6e6, 12, false, 0.5},
	{"Modernizare punct termic în cartierul {area}", "81.02.06", []string{"local", "ue"}, []string{"45453000-7", "45311000-0"}, 3e6, 8, false, 1},
}
