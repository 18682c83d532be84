package tabular

import (
	"strings"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

const jsonProcurementMapping = `
dataset: procurement
format: json
source:
  records: "%REC%"
numbers: intl
dates: [iso, dmy]
fields:
  contract_id:   {column: "id"}
  kind:          {constant: direct_purchase}
  buyer_cui:     {column: "buyer.fiscalCode"}
  supplier_cui:  {column: "supplier.fiscalCode"}
  supplier_name: {column: "supplier.name"}
  title:         {column: "title"}
  cpv:           {column: "cpv"}
  value:         {column: "value.amount"}
  award_date:    {column: "date"}
  eu_funded:     {column: "euFunded"}
  offers:        {column: "offers"}
`

func jsonMapping(records string) string {
	m := strings.Replace(jsonProcurementMapping, "%REC%", records, 1)
	if records == "" {
		m = strings.Replace(m, "source:\n  records: \"\"\n", "", 1)
	}
	return m
}

const jsonRecords = `{"id": "DA-1", "buyer": {"fiscalCode": "14756536"}, "supplier": {"fiscalCode": "RO4267117", "name": "Alfa SRL"},
  "title": "Hârtie", "cpv": "30197630-1", "value": {"amount": 1234.5, "currency": "RON"}, "date": "2026-11-23T10:00:00Z", "euFunded": true, "offers": 1},
 {"id": "DA-2", "buyer": {"fiscalCode": 14756536}, "supplier": {"fiscalCode": "4267117", "name": "Alfa SRL"},
  "title": "Toner", "cpv": "30125100-2", "value": {"amount": "1,000.10"}, "date": "23.11.2026", "euFunded": false, "offers": null},
 {"id": "DA-3", "buyer": {"fiscalCode": "14756536"}, "supplier": {"fiscalCode": "4267117", "name": "Alfa SRL"},
  "title": "Mobilier", "cpv": "3912", "value": {"amount": 10}, "date": "2026-02-30"},
 {"id": "DA-4", "buyer": {"fiscalCode": "14756536"}, "supplier": {"name": "Alfa SRL", "fiscalCode": "4267117"},
  "title": ["nu", "text"], "cpv": "30197630-1", "value": {"amount": 10}, "date": "2026-11-23"}`

func checkJSON(t *testing.T, res result, lines []int) {
	t.Helper()
	if len(res.good) != 2 {
		t.Fatalf("good %d (%v); want 2", len(res.good), res.rejects)
	}
	ds := models.DatasetProcurement
	a, b := res.good[0], res.good[1]
	if a.Line != lines[0] || b.Line != lines[1] {
		t.Errorf("lines %d %d; want %v", a.Line, b.Line, lines[:2])
	}
	if value(a, ds, "value") != models.Amount(123450) || value(b, ds, "value") != models.Amount(100010) ||
		value(a, ds, "eu_funded") != true || value(b, ds, "eu_funded") != false || value(a, ds, "offers") != int64(1) || value(b, ds, "offers") != nil ||
		value(b, ds, "buyer_cui") != "14756536" || value(a, ds, "currency") != "RON" {
		t.Errorf("values %v / %v", a.Values, b.Values)
	}
	if len(res.rejects) != 3 {
		t.Fatalf("rejects %v; want 3", res.rejects)
	}
	r := res.rejects
	if r[0].Line != lines[2] || r[0].Column != "cpv" || r[0].Value != "3912" ||
		r[1].Line != lines[2] || r[1].Column != "date" || !strings.Contains(r[1].Reason, "ziua 30 nu există în februarie 2026") ||
		r[2].Line != lines[3] || r[2].Column != "title" || !strings.Contains(r[2].Reason, "valoare compusă") {
		t.Errorf("rejects %+v", r)
	}
}

func TestJSONShapes(t *testing.T) {
	ndjson := strings.NewReplacer("\n  ", " ", ",\n {", "\n{").Replace(jsonRecords)
	tests := []struct {
		name, records, content string
		lines                  []int
	}{
		{"top-level array", "", "[\n " + jsonRecords + "\n]\n", []int{2, 4, 6, 8}},
		{"nested records path", "data.items", `{"meta": {"source": "SEAP", "skip": [1, {"a": 2}]},` + "\n" +
			`"data": {"count": 4, "items": [` + "\n " + jsonRecords + "]}}", []int{3, 5, 7, 9}},
		{"ndjson with a blank first line", "", "\n" + ndjson + "\n", []int{2, 3, 4, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := run(t, jsonMapping(tt.records), strings.NewReader(tt.content), ingest.Options{File: "p.json"})
			if err != nil {
				t.Fatal(err)
			}
			checkJSON(t, res, tt.lines)
		})
	}
}

func TestJSONRefusals(t *testing.T) {
	tests := []struct {
		name, records, content, want string
	}{
		{"empty", "", "  \n", "fișierul este gol"},
		{"truncated array", "", "[\n" + jsonRecords[:200], "JSON trunchiat"},
		{"truncated ndjson", "", `{"id": "DA-1"}` + "\n" + `{"id": "DA-2", "buyer": {`, "JSON trunchiat"},
		{"syntax error", "", "[\n{\"id\": 1},\n{\"id\" 2}\n]", "JSON invalid în jurul liniei 3"},
		{"records path missing", "data.items", `{"data": {"rows": []}}`, `calea records "data.items" nu există`},
		{"records path not an array", "data", `{"data": {"rows": []}}`, "se așteaptă o listă de înregistrări"},
		{"not json", "", "id;name\n", "nu este JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := run(t, jsonMapping(tt.records), strings.NewReader(tt.content), ingest.Options{File: "p.json"})
			fileError(t, err, tt.want)
		})
	}
}
