package release

import (
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
)

// Every dataset is declared whole: a unique name, titles, a source, a
// schema whose columns say what they mean in both languages, the mart and
// sort key it is published with; the site loads only public datasets.
func TestEveryDatasetIsDeclaredWhole(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Datasets {
		if seen[d.Name] {
			t.Errorf("%s declared twice", d.Name)
		}
		seen[d.Name] = true
		if d.Title.RO == "" || d.Title.EN == "" || d.Description.RO == "" || d.Description.EN == "" || d.Source.RO == "" || d.Source.EN == "" || d.Frequency.RO == "" {
			t.Errorf("%s: a title, description, source or frequency is missing", d.Name)
		}
		if d.Access != models.Public && d.Access != models.Internal {
			t.Errorf("%s: access %q", d.Name, d.Access)
		}
		if d.Access == models.Internal && d.ReadOrder != "" {
			t.Errorf("%s is internal but the public reader would load it", d.Name)
		}
		if d.Mart == "" || d.SortKey == "" || len(d.Lineage) == 0 {
			t.Errorf("%s: no mart, sort key or lineage", d.Name)
		}
		cols := map[string]bool{}
		for _, c := range d.Schema {
			if c.Description.RO == "" || c.Description.EN == "" || c.Type == "" || cols[c.Name] {
				t.Errorf("%s.%s: a description or type is missing, or the column repeats", d.Name, c.Name)
			}
			cols[c.Name] = true
		}
		for _, k := range strings.Split(d.SortKey+", "+d.ReadOrder, ",") {
			if k = strings.TrimSpace(k); k != "" && !cols[k] {
				t.Errorf("%s: sort key %s is not a column", d.Name, k)
			}
		}
	}
}
