package release_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/deschis/deschis/release"
)

// fragments are n random pieces of the names, 1 to 8 characters (runes, so
// a piece may be or hold a letter with a diacritic), some upper-cased as a
// person may type them, and terms no name holds.
func fragments(rnd *rand.Rand, names []string, n int) []string {
	out := []string{"zzqx", "ş", "ș", "ț", "ţ", "â", "ă", "î", "É", "ñ", "sa", "s.r.l", " srl", "\u00a0"}
	for len(out) < n {
		name := []rune(names[rnd.IntN(len(names))])
		l := 1 + rnd.IntN(8)
		if l > len(name) {
			continue
		}
		i := rnd.IntN(len(name) - l + 1)
		t := string(name[i : i+l])
		if rnd.IntN(3) == 0 {
			t = strings.ToUpper(t)
		}
		out = append(out, t)
	}
	return out
}

// The supplier search's name index (built beside the opening) answers
// every term exactly as DuckDB's contains(folded, strip_accents(lower(term)))
// on supplier_names does (the search before the index): random pieces of the demo's names, of one to
// eight letters, with and without diacritics, upper-cased, and terms no
// name holds.
func TestSupplierNameIndexAnswersAsTheSQLSearch(t *testing.T) {
	r, _ := openDemo(t)
	ctx := context.Background()
	if !release.SupplierNameIndexBuilt(r) {
		t.Fatal("the demo's supplier names have no index")
	}
	var names []string
	rows, err := r.QueryContext(ctx, `SELECT DISTINCT supplier_name FROM supplier_names ORDER BY supplier_name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		names = append(names, s)
	}
	rows.Close()
	if len(names) < 500 {
		t.Fatalf("the demo has %d supplier names", len(names))
	}
	matched, long := 0, 0
	for _, term := range fragments(rand.New(rand.NewPCG(14, 3)), names, 1000) {
		got, err := release.SupplierTermNames(ctx, r, term)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		rows, err := r.QueryContext(ctx, `SELECT DISTINCT supplier_name FROM supplier_names WHERE contains(folded, strip_accents(lower(?))) ORDER BY supplier_name`, term)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			want = append(want, s)
		}
		rows.Close()
		if !slices.Equal(got, want) {
			t.Fatalf("%q: the index finds %d names, SQL %d\nindex %q\nSQL   %q", term, len(got), len(want), got[:min(len(got), 10)], want[:min(len(want), 10)])
		}
		if len(got) > 0 {
			matched++
			if len([]rune(term)) >= 3 {
				long++
			}
		}
	}
	if matched < 650 || long < 330 {
		t.Fatalf("only %d terms matched a name (%d of three letters or more): the test compares too little", matched, long)
	}
}

// realNames are the names and titles of the real public data: the SICAP
// sample's institutions, suppliers and contract objects (Romanian, with
// diacritics, both ș and ş), the Paraguayan OCDS package's names (Spanish).
func realNames(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data")
	f, err := os.Open(filepath.Join(dir, "ro_sicap_achizitii_directe_offline_sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, col := range []string{"item.contractObject", "authority.entityName", "details.noticeEntityAddress.organization", "authority.city"} {
		k := slices.Index(recs[0], col)
		if k < 0 {
			t.Fatalf("the SICAP sample has no column %s", col)
		}
		for _, rec := range recs[1:] {
			out = append(out, rec[k])
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "ocds_paraguay_dncp_release_package_1.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && (k == "name" || k == "legalName" || k == "title" || k == "description") {
					out = append(out, s)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	return out
}

// On the real data's names, folded by DuckDB as supplier_names is
// (strip_accents(lower(…))), the index finds for every term of three bytes
// or more (the others are scanned) exactly the names strings.Contains finds.
func TestSupplierNameIndexAnswersAsTheScanOnRealNames(t *testing.T) {
	r, _ := openDemo(t)
	ctx := context.Background()
	fold := func(s string) string {
		t.Helper()
		rows, err := r.QueryContext(ctx, `SELECT strip_accents(lower(?))`, s)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var f string
		if !rows.Next() || rows.Scan(&f) != nil {
			t.Fatalf("%q: not folded", s)
		}
		return f
	}
	names := realNames(t)
	if len(names) < 400 {
		t.Fatalf("%d real names", len(names))
	}
	folded := make([]string, len(names))
	nonASCII := 0
	for i, n := range names {
		folded[i] = fold(n)
		if strings.ContainsFunc(n, func(c rune) bool { return c > 127 }) {
			nonASCII++
		}
	}
	if nonASCII < 50 {
		t.Fatalf("only %d real names have a letter outside ASCII", nonASCII)
	}
	indexedAny := 0
	for _, term := range fragments(rand.New(rand.NewPCG(14, 4)), names, 3000) {
		f := fold(term)
		if f == "" {
			continue
		}
		index, indexed, scan := release.NameSearchBothWays(folded, f)
		if indexed != (len(f) >= 3) {
			t.Fatalf("%q (folded %q, %d bytes): the index answered %v", term, f, len(f), indexed)
		}
		if !indexed {
			continue
		}
		if !slices.Equal(index, scan) {
			t.Fatalf("%q (folded %q): the index finds %v, the scan %v", term, f, index, scan)
		}
		if len(scan) > 0 {
			indexedAny++
		}
	}
	if indexedAny < 1500 {
		t.Fatalf("only %d indexed terms matched a name", indexedAny)
	}
	// A name holding the separator builds no index: every term is scanned.
	if _, indexed, _ := release.NameSearchBothWays([]string{"a\x00b", "abc"}, "abc"); indexed {
		t.Fatal("names holding NUL were indexed")
	}
}
