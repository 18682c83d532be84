package main

import (
	"html"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

var (
	rePeersSection = regexp.MustCompile(`(?s)<section aria-labelledby="h-peers" class="peers">(.*?)</section>`)
	rePeersCount   = regexp.MustCompile(`data-peers="(\d+)"`)
)

// peersOn is the peer comparison of a home page, tags stripped, and the
// number of peers it states (data-peers), "" without a table.
func peersOn(t *testing.T, s *countySite, path string) (text, count string) {
	t.Helper()
	code, page, _ := s.get(t, path)
	if code != http.StatusOK {
		t.Fatalf("%s: %d", path, code)
	}
	m := rePeersSection.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("%s: no peer comparison in %.3000s", path, page)
	}
	if c := rePeersCount.FindStringSubmatch(m[1]); c != nil {
		count = c[1]
	}
	text = html.UnescapeString(reTags.ReplaceAllString(m[1], " "))
	return strings.Join(strings.Fields(text), " "), count
}

// The county fixture with two more communes of Comuna Deal's band
// (testdata/peers: Colț, 2.500 inhabitants, 400 lei of expenses and 300 of
// revenues per inhabitant, 1.000.000 lei paid of 1.250.000 (80 %), 100.000
// lei of direct purchases in 400.000 of contracts (25 %); Pisc, 4.000, 500
// and 450, 2.000.000 of 2.400.000 (83,3333 %), 60.000 in 200.000 (30 %);
// Deal pays 1.250.015 of 1.500.000 (833.343 millionths) and buys only
// directly): each commune of the band is against the median of the two
// others, itself left out, each share's median over the millionths.
func TestPeerComparisonOnTheHomePage(t *testing.T) {
	s, root, err := buildCounty("peers")
	if root != "" {
		t.Cleanup(func() { os.RemoveAll(root) })
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.main.Close(); s.db.Close() })
	for _, c := range []struct {
		path, count string
		want        []string
	}{
		// Deal: 416,67 and 400,00 lei; peers Colț and Pisc: (400+500)/2, (300+450)/2.
		{"/?entitate=9992042&an=2025", "2", []string{
			"Față de unități asemănătoare, 2025",
			"(comune cu 2.000–4.999 de locuitori): sumele pe locuitor, la populația din 2021, rata de execuție și ponderea achizițiilor directe.",
			"Unități comparate: 2",
			"Cheltuieli pe locuitor 416,67 lei 450,00 lei 2",
			"Venituri pe locuitor 400,00 lei 375,00 lei 2",
			// (800.000 + 833.333) / 2 = 816.666,5 millionths, rounded half up.
			"Grad de execuție a cheltuielilor 83,3 % 81,7 % 2",
			"Achiziții directe (valoare) 100,0 % 27,5 % 2"}},
		{"/en/?entitate=9992042&an=2025", "2", []string{
			"Against similar units, 2025",
			"(communes of 2,000–4,999 inhabitants): the amounts per inhabitant, at the population of 2021, the execution rate and the direct-purchase share.",
			"Units compared: 2",
			"Expenses per inhabitant 416.67 lei 450.00 lei 2",
			"Revenues per inhabitant 400.00 lei 375.00 lei 2",
			"Expenditure execution rate 83.3% 81.7% 2",
			"Direct purchases (value) 100.0% 27.5% 2"}},
		// Colț: its peers Deal and Pisc, (416,67+500)/2 = 458,335 rounded half up.
		{"/?entitate=9992069&an=2025", "2", []string{
			"Unități comparate: 2",
			"Cheltuieli pe locuitor 400,00 lei 458,34 lei",
			"Venituri pe locuitor 300,00 lei 425,00 lei",
			// Deal 833.343 and Pisc 833.333: 833.338 millionths; 100 % and 30 %.
			"Grad de execuție a cheltuielilor 80,0 % 83,3 % 2",
			"Achiziții directe (valoare) 25,0 % 65,0 % 2"}},
		{"/en/?entitate=9992077&an=2025", "2", []string{
			"Units compared: 2",
			"Expenses per inhabitant 500.00 lei 408.34 lei",
			"Revenues per inhabitant 450.00 lei 350.00 lei",
			"Expenditure execution rate 83.3% 81.7% 2",
			"Direct purchases (value) 30.0% 62.5% 2"}},
		// The only town: no peer, with the reason.
		{"/?entitate=9992034&an=2025", "", []string{
			"Comparație cu unități asemănătoare: – (nicio altă unitate de același tip și din aceeași grupă de populație (orașe cu 10.000–19.999 de locuitori) nu are buget publicat pe 2025)"}},
	} {
		text, count := peersOn(t, s, c.path)
		if count != c.count {
			t.Errorf("%s: %q peers, want %q", c.path, count, c.count)
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in %q", c.path, w, text)
			}
		}
	}
}

// On the county fixture alone no unit has a peer: each says why, in both
// languages, and the median is never shown.
func TestPeerComparisonWithoutPeers(t *testing.T) {
	s := county(t)
	for _, c := range []struct{ path, want string }{
		{"/?entitate=9992042&an=2025", "Comparație cu unități asemănătoare: – (nicio altă unitate de același tip și din aceeași grupă de populație (comune cu 2.000–4.999 de locuitori) nu are buget publicat pe 2025)"},
		{"/en/?entitate=9992042&an=2025", "Comparison with similar units: – (no other unit of the same kind and population band (communes of 2,000–4,999 inhabitants) has a budget published for 2025)"},
		{"/?entitate=9992050&an=2025", "Comparație cu unități asemănătoare: – (populația nu este cunoscută)"},
		{"/?entitate=9992000&an=2025", "Comparație cu unități asemănătoare: – (consiliile județene și sectoarele nu au grupe de populație)"},
		{"/en/?entitate=9992018&an=2025", "Comparison with similar units: – (no other unit of the same kind and population band (municipalities of 100,000–199,999 inhabitants) has a budget published for 2025)"},
	} {
		text, count := peersOn(t, s, c.path)
		if count != "" || strings.Contains(text, "Median") || strings.Contains(text, "Mediana") {
			t.Errorf("%s: a median without peers: %q", c.path, text)
		}
		if !strings.Contains(text, c.want) {
			t.Errorf("%s: no %q in %q", c.path, c.want, text)
		}
	}
	// A subordinate unit is not an administrative unit: no comparison.
	if _, page, _ := s.get(t, "/?entitate=9992026&an=2025"); strings.Contains(page, `id="h-peers"`) {
		t.Errorf("a school's home page compares it with peers")
	}
}

// /metodologie lists the bands of every kind, from models.PeerBands.
func TestMethodologyPeerBands(t *testing.T) {
	s := county(t)
	for _, c := range []struct {
		path string
		want []string
	}{
		{"/metodologie", []string{"Comparația cu unități asemănătoare", "<li>comune sub 2.000 de locuitori</li>", "<li>comune cu 2.000–4.999 de locuitori</li>", "<li>comune cu 5.000–9.999 de locuitori</li>", "<li>comune cu cel puțin 10.000 de locuitori</li>",
			"<li>orașe sub 10.000 de locuitori</li>", "<li>orașe cu 10.000–19.999 de locuitori</li>", "<li>orașe cu cel puțin 20.000 de locuitori</li>",
			"<li>municipii sub 100.000 de locuitori</li>", "<li>municipii cu 100.000–199.999 de locuitori</li>", "<li>municipii cu cel puțin 200.000 de locuitori</li>"}},
		{"/en/metodologie", []string{"The comparison with similar units", "<li>communes under 2,000 inhabitants</li>", "<li>communes of 10,000 inhabitants or more</li>", "<li>towns of 10,000–19,999 inhabitants</li>", "<li>municipalities of 200,000 inhabitants or more</li>"}},
	} {
		code, page, _ := s.get(t, c.path)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", c.path, code)
		}
		page = html.UnescapeString(page)
		for _, w := range c.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: no %q", c.path, w)
			}
		}
	}
}

// The shares' machine values: the unit's as the county page's, the
// median of the peers' millionths.
func TestPeerSharesMachineValues(t *testing.T) {
	s, root, err := buildCounty("peers")
	if root != "" {
		t.Cleanup(func() { os.RemoveAll(root) })
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.main.Close(); s.db.Close() })
	_, page, _ := s.get(t, "/?entitate=9992077&an=2025")
	m := rePeersSection.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no peer comparison")
	}
	// Pisc: 2.000.000 / 2.400.000; its peers Deal 833.343 and Colț 800.000
	// millionths, (1.633.343) / 2 = 816.671,5 rounded half up to 816.672.
	// Direct: 60.000 / 200.000; Deal 1.000.000, Colț 250.000: 625.000.
	for _, w := range []string{`data-value="0.8333">83,3 %</td><td class="num" data-value="0.8167">81,7 %</td>`,
		`data-value="0.3000">30,0 %</td><td class="num" data-value="0.6250">62,5 %</td>`} {
		if !strings.Contains(m[1], w) {
			t.Errorf("no %q in %s", w, m[1])
		}
	}
	// The county page shows the same shares of each unit, by the same rule.
	_, page, _ = s.get(t, "/judet?an=2025")
	rows, _ := countyRows(t, page)
	for name, want := range map[string][2]string{"Comuna Pisc": {"0.8333", "0.3000"}, "Comuna Colț": {"0.8000", "0.2500"}, "Comuna Deal": {"0.8333", "1.0000"}} {
		if got := [2]string{rows[name][colExecution].value, rows[name][colDirect].value}; got != want {
			t.Errorf("%s on /judet: %v, want %v", name, got, want)
		}
	}
}
