package warehouse

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

const requestsHeader = "entity_cui,request_id,received,channel,category,type,department,term_days,extended,answered,status,as_of"

// Every request has one outcome; a request open past its term is late as of
// the day its register was exported, not as of the newest date inside it;
// redirected, cancelled and withdrawn requests are neither answered nor
// late. A register that does not say when it was exported is as of the day
// it was loaded, kept in the warehouse.
func TestRequestOutcomesAreCountedAsOfTheExport(t *testing.T) {
	w := openTemp(t)
	loadEntities(t, w)
	dir := t.TempDir()
	// Petitions: 30 days. The newest date inside the file is 30.03; the
	// register was exported on 31.03.
	load(t, w, models.DatasetRequests, writeCSV(t, dir, "city.csv", requestsHeader,
		cityCUI+",1,2026-03-01,online,A,petitie,D,,,2026-03-10,rezolvată,2026-03-31",      // answered in 9 days
		cityCUI+",2,2026-01-10,ghișeu,A,petitie,D,,,2026-03-01,respinsă,2026-03-31",       // answered late, in 50 days
		cityCUI+",3,2026-02-01,online,A,petitie,D,,,,deschisă,2026-03-31",                 // due 03.03: open past the term
		cityCUI+",4,2026-02-28,altul,A,petitie,D,,,,deschisă,2026-03-31",                  // due 30.03: past the term on 31.03
		cityCUI+",5,2026-03-20,online,A,petitie,D,,,,deschisă,2026-03-31",                 // due 19.04: open within the term
		cityCUI+",6,2026-01-05,e-mail,A,petitie,D,,,2026-02-20,redirecționată,2026-03-31", // redirected after the term: not late
		cityCUI+",7,2026-01-05,necunoscut,A,petitie,D,,,,anulată,2026-03-31",              // cancelled
		cityCUI+",8,2026-01-05,poștă,A,petitie,D,,,2026-03-30,retrasă,2026-03-31",         // withdrawn
	))
	before := time.Now().Local().Format(time.DateOnly)
	load(t, w, models.DatasetRequests, writeCSV(t, dir, "school.csv",
		"entity_cui,request_id,received,channel,category,type,department,answered,status",
		schoolCUI+",S1,2026-01-02,online,A,petitie,D,,deschisă"))
	after := time.Now().Local().Format(time.DateOnly)

	type totals struct {
		received, answered, within, late, open, overdue, redirected, cancelled, days, online int64
		asOf                                                                                 string
	}
	sums := func(entity string) totals {
		var s totals
		if err := w.DB().QueryRow(`SELECT sum(received), sum(answered), sum(answered_within_term), sum(answered_late), sum(open),
			sum(open_overdue), sum(redirected), sum(cancelled), sum(answer_days_total), sum(received) FILTER (WHERE channel = 'online'),
			string_agg(DISTINCT as_of::VARCHAR, ',')
			FROM mart_requests_daily WHERE entity_cui = ?`, entity).Scan(&s.received, &s.answered, &s.within, &s.late, &s.open,
			&s.overdue, &s.redirected, &s.cancelled, &s.days, &s.online, &s.asOf); err != nil {
			t.Fatal(err)
		}
		return s
	}
	want := totals{received: 8, answered: 2, within: 1, late: 1, open: 3, overdue: 2, redirected: 1, cancelled: 2, days: 9 + 50, online: 3, asOf: "2026-03-31"}
	if got := sums(cityCUI); got != want {
		t.Errorf("city:\n got %+v\nwant %+v", got, want)
	}
	school := sums(schoolCUI)
	if school.asOf != before && school.asOf != after {
		t.Errorf("a register without its export date is as of %s, want the day it was loaded (%s)", school.asOf, before)
	}
	if school.open != 1 || school.overdue != 1 {
		t.Errorf("school: %+v, want one request open past its term", school)
	}
	// Answer times: the two answered requests only.
	if n := count(t, w, `SELECT sum(requests) FROM mart_requests_answer_days WHERE entity_cui = ?`, cityCUI); n != 2 {
		t.Errorf("answer-days histogram holds %d requests, want the 2 answered", n)
	}
	// The internal register says each request's outcome and whether it is late.
	rows, err := w.DB().Query(`SELECT request_id, outcome, late FROM mart_requests WHERE entity_cui = ? ORDER BY request_id`, cityCUI)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	wantRows := map[string]string{"1": "răspuns false", "2": "răspuns true", "3": "deschisă true", "4": "deschisă true",
		"5": "deschisă false", "6": "redirecționată <nil>", "7": "anulată <nil>", "8": "anulată <nil>"}
	for rows.Next() {
		var id, outcome string
		var late *bool
		if err := rows.Scan(&id, &outcome, &late); err != nil {
			t.Fatal(err)
		}
		got := outcome + " <nil>"
		if late != nil {
			got = outcome + map[bool]string{true: " true", false: " false"}[*late]
		}
		if got != wantRows[id] {
			t.Errorf("request %s: %s, want %s", id, got, wantRows[id])
		}
	}

	// The release carries the date, and the coverage of the answer times is
	// the days the answered requests were received (10.01–01.03), not the
	// first day of their months.
	res, err := w.Publish(context.Background(), release.Options{Out: filepath.Join(t.TempDir(), "releases")})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Manifest.Datasets {
		switch d.Name {
		case "requests_answer_days":
			if d.Coverage.From != "2026-01-10" || d.Coverage.To != "2026-03-01" {
				t.Errorf("requests_answer_days covers %s – %s, want 2026-01-10 – 2026-03-01", d.Coverage.From, d.Coverage.To)
			}
		case "requests_daily":
			found := false
			for _, c := range d.Schema {
				found = found || (c.Name == "as_of" && c.Type == "DATE")
			}
			if !found {
				t.Errorf("requests_daily has no as_of column: %+v", d.Schema)
			}
		}
	}
	r, err := release.Open(context.Background(), res.Path, release.Tables)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rt, err := r.RequestTotals(context.Background(), models.RequestScope{Entity: cityCUI, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if rt.Received != 8 || rt.Answered+rt.Open+rt.Redirected+rt.Cancelled != 8 || rt.Late() != 3 || rt.Decided() != 4 ||
		rt.AsOf != models.Date(2026, 3, 31) || rt.AsOfFirst != rt.AsOf {
		t.Errorf("release totals %+v", rt)
	}
}

// Requests loaded before the export date was recorded keep the numbers
// they had: the migration gives them the day their load started.
func TestMigrationGivesRequestsTheDayOfTheirLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.duckdb")
	ctx := context.Background()
	w, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	loadEntities(t, w)
	load(t, w, models.DatasetRequests, writeCSV(t, t.TempDir(), "r.csv",
		"entity_cui,request_id,received,channel,category,type,department,answered,status",
		cityCUI+",1,2026-03-01,online,A,petitie,D,,deschisă"))
	// The warehouse as schema 4 left it: no as_of, the load dated 01.05.2026
	// (and none of the later migrations, which run again).
	for _, q := range []string{`ALTER TABLE fact_request DROP COLUMN as_of`, `ALTER TABLE dim_entity DROP COLUMN name_genitive`, `DROP TABLE load_skips`,
		`ALTER TABLE fact_request DROP COLUMN source_file`, `ALTER TABLE fact_request DROP COLUMN source_line`,
		`ALTER TABLE fact_procurement DROP COLUMN source_file`, `ALTER TABLE fact_procurement DROP COLUMN source_line`,
		`ALTER TABLE fact_budget DROP COLUMN source_file`, `ALTER TABLE fact_budget DROP COLUMN source_line`,
		`ALTER TABLE fact_investment DROP COLUMN source_file`, `ALTER TABLE fact_investment DROP COLUMN source_line`,
		`DELETE FROM schema_version WHERE version >= 5`,
		`UPDATE loads SET started_at = TIMESTAMP '2026-05-01 10:00:00' WHERE dataset = 'requests'`} {
		if _, err := w.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	w.Close()
	if w, err = Open(ctx, path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var asOf string
	var overdue int64
	if err := w.DB().QueryRow(`SELECT as_of::VARCHAR, open_overdue FROM mart_requests_daily`).Scan(&asOf, &overdue); err != nil {
		t.Fatal(err)
	}
	if asOf != "2026-05-01" || overdue != 1 {
		t.Errorf("as_of %s, open past term %d; want 2026-05-01 and 1", asOf, overdue)
	}
}
