package tabular

import (
	"strings"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// A registry has request types the law table does not know (an
// environmental permit): the mapping's terms give their legal term, and a
// type in neither table is a reject that says what to do.
func TestTermsConfigurePerType(t *testing.T) {
	const base = `dataset: requests
format: csv
entity: "4270740"
fields:
  request_id: {column: Nr}
  received:   {column: Data}
  channel:    {constant: online}
  category:   {constant: Mediu}
  type:       {column: Tip}
  department: {constant: Mediu}
  status:     {constant: deschisă}
`
	const file = "Nr;Data;Tip\n1;05.01.2026;aviz_mediu\n2;05.01.2026;petitie\n3;05.01.2026;altceva\n"
	res, err := run(t, base+"terms: {aviz_mediu: 20, petitie: 25}\n", strings.NewReader(file), ingest.Options{Dataset: models.DatasetRequests})
	if err != nil {
		t.Fatal(err)
	}
	term := models.FieldIndex(models.DatasetRequests, "term_days")
	if len(res.good) != 2 || res.good[0].Values[term] != int64(20) || res.good[1].Values[term] != int64(25) {
		t.Fatalf("good = %d records, terms %v %v", len(res.good), res.good[0].Values[term], res.good[len(res.good)-1].Values[term])
	}
	if len(res.rejects) != 1 || res.rejects[0].Line != 4 || !strings.Contains(res.rejects[0].Reason, "altceva") {
		t.Errorf("rejects = %+v", res.rejects)
	}
	// Without terms, the legal default applies to petitie (30 days).
	res, _ = run(t, base, strings.NewReader(file), ingest.Options{Dataset: models.DatasetRequests})
	if len(res.good) != 1 || res.good[0].Values[term] != int64(30) {
		t.Errorf("without terms: %d good", len(res.good))
	}
	m, err := ParseMapping("t.yaml", []byte(base+"terms: {aviz_mediu: 0}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if errs := m.Check(); len(errs) != 1 || !strings.Contains(errs[0].Error(), "t.yaml:12") {
		t.Errorf("Check of a zero term: %v", errs)
	}
}
