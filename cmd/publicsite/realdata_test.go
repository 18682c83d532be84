package main

import (
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/ingest"
	_ "github.com/deschis/deschis/ingest/tabular" // the csv format and its mappings
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

const (
	laFile    = "../../../shared/data/la_myla311_service_requests_2017_subset.csv"
	laMapping = "../../docs/mappings/la_myla311_requests.yaml"
	laEntity  = "14756536" // loaded as if it were Timișoara's register
)

// laCount is the independent count: the raw CSV read with encoding/csv,
// nothing of Deschis's reading code. A petition's term is 30 days (the
// mapping's type); Closed is answered, Open open, Cancelled cancelled,
// Referred Out redirected; open past the term is as of asOf.
type laCount struct {
	received, answered, within, late, open, overdue, redirected, cancelled, online, other int64
	median, p90                                                                           int64
	firstAnswered, lastAnswered                                                           time.Time
}

func countLA(t *testing.T, asOf time.Time) laCount {
	t.Helper()
	f, err := os.Open(laFile)
	if err != nil {
		t.Fatalf("data file missing: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	day := func(s string) time.Time {
		d, err := time.Parse("01/02/2006 03:04:05 PM", s)
		if err != nil {
			t.Fatalf("date %q: %v", s, err)
		}
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	}
	var c laCount
	var days []int64
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		c.received++
		created := day(row[col["CreatedDate"]])
		due := created.AddDate(0, 0, 30)
		switch row[col["RequestSource"]] {
		case "Mobile App", "Self Service":
			c.online++
		case "Driver Self Report", "Council's Office":
			c.other++
		}
		switch row[col["Status"]] {
		case "Closed":
			closed := day(row[col["ClosedDate"]])
			c.answered++
			if closed.After(due) {
				c.late++
			} else {
				c.within++
			}
			days = append(days, int64(closed.Sub(created).Hours()/24))
			if c.firstAnswered.IsZero() || created.Before(c.firstAnswered) {
				c.firstAnswered = created
			}
			if created.After(c.lastAnswered) {
				c.lastAnswered = created
			}
		case "Open", "Pending":
			c.open++
			if asOf.After(due) {
				c.overdue++
			}
		case "Cancelled":
			c.cancelled++
		case "Referred Out":
			c.redirected++
		default:
			t.Fatalf("status %q", row[col["Status"]])
		}
	}
	slices.Sort(days)
	n := int64(len(days))
	c.median, c.p90 = days[(n+1)/2-1], days[(9*n+9)/10-1]
	return c
}

// TestLA311RequestsPageMatchesAnIndependentCount loads a real register (the
// LA 311 subset, through its mapping in docs/mappings) the way etl load
// does, publishes it, serves it with the real program and compares /cereri,
// the home page and /metodologie with a count made directly over the CSV:
// the overdue open requests included.
func TestLA311RequestsPageMatchesAnIndependentCount(t *testing.T) {
	ctx := context.Background()
	w, err := warehouse.Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	before := time.Now().Local().Format(time.DateOnly)
	opt := ingest.Options{Dataset: models.DatasetRequests, File: laFile, Entity: laEntity, Mapping: laMapping}
	res, err := w.Load(ctx, warehouse.LoadSpec{Dataset: models.DatasetRequests, Format: "csv", Entity: laEntity, RegisterEntities: true},
		[]warehouse.LoadFile{{Path: laFile, Open: func() (models.RowReader, error) { return ingest.OpenFile("csv", opt, nil) }}})
	if err != nil {
		t.Fatal(err)
	}
	after := time.Now().Local().Format(time.DateOnly)
	if f := res.Files[0]; f.RowsLoaded != 9999 || f.RowsRejected != 0 {
		t.Fatalf("load: %+v %v", f, res.Rejects)
	}
	out := t.TempDir()
	if _, err := w.Publish(ctx, release.Options{Out: out}); err != nil {
		t.Fatal(err)
	}
	m := &Main{}
	if err := m.ParseFlags([]string{"--releases", out, "--addr", "127.0.0.1:0", "--reload", "1h"}, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	base := "http://" + m.Addr()

	resp, body := get(t, base+"/cereri?an=2017")
	if resp.StatusCode != 200 {
		t.Fatalf("/cereri: %d\n%s", resp.StatusCode, body)
	}
	doc := parseHTML(t, body)
	// The file does not say when it was exported: open requests are judged
	// as of the day it was loaded, and the page says which day that is.
	note := first(doc, "p[data-as-of]")
	if note == nil {
		t.Fatal("/cereri does not say the date open requests are counted at")
	}
	asOfRaw, _ := attr(note, "data-as-of")
	if asOfRaw != before && asOfRaw != after {
		t.Fatalf("open requests counted as of %s, want the day of the load (%s)", asOfRaw, before)
	}
	asOf, _ := time.Parse(time.DateOnly, asOfRaw)
	if !strings.Contains(textOf(note), asOf.Format("02.01.2006")) {
		t.Errorf("as-of note %q does not show %s", textOf(note), asOf.Format("02.01.2006"))
	}
	c := countLA(t, asOf)
	t.Logf("independent count: %+v", c)
	got := kpis(doc)
	want := map[string]string{
		"requests-received":          strconv.FormatInt(c.received, 10),
		"requests-within-term-share": ratio4(c.within, c.answered+c.overdue),
		"requests-open":              strconv.FormatInt(c.open, 10),
		"requests-open-overdue":      strconv.FormatInt(c.overdue, 10),
		"requests-median-days":       strconv.FormatInt(c.median, 10),
		"requests-p90-days":          strconv.FormatInt(c.p90, 10),
		"requests-online-share":      ratio4(c.online, c.received),
	}
	expectKPIs(t, "ro", "/cereri?an=2017", got, want, kpiKinds)
	t.Logf("/cereri: %v", got)

	// What became of the requests: every one in one row.
	outcomes := map[string]int64{}
	for _, tr := range all(first(doc, `figure[data-chart="requests-outcomes"]`), "tr") {
		th, tds := first(tr, "th"), all(tr, "td")
		if th == nil || len(tds) == 0 {
			continue
		}
		v, _ := attr(tds[0], "data-value")
		outcomes[textOf(th)], _ = strconv.ParseInt(v, 10, 64)
	}
	wantOutcomes := map[string]int64{
		"Cu răspuns în termen": c.within, "Cu răspuns după termen": c.late,
		"Încă deschise, după termen": c.overdue, "Încă deschise, în termen": c.open - c.overdue,
		"Redirecționate către altă instituție": c.redirected, "Anulate sau retrase": c.cancelled, "Total": c.received,
	}
	for k, n := range wantOutcomes {
		if outcomes[k] != n {
			t.Errorf("outcome %q: %d, want %d (table %v)", k, outcomes[k], n, outcomes)
		}
	}
	// The crews' own reports are another channel, shown as not online.
	channels := map[string]string{}
	for _, tr := range all(first(doc, `figure[data-chart="requests-channels"]`), "tbody tr") {
		v, _ := attr(first(tr, "td"), "data-value")
		channels[textOf(first(tr, "th"))] = v
	}
	if channels["alt canal (nu online)"] != strconv.FormatInt(c.other, 10) {
		t.Errorf("channels %v: want %d under another channel (not online)", channels, c.other)
	}

	// The home page shows the backlog beside the share within term.
	_, body = get(t, base+"/?an=2017")
	home := kpis(parseHTML(t, body))
	expectKPIs(t, "ro", "/", home, map[string]string{
		"requests-open-overdue":      strconv.FormatInt(c.overdue, 10),
		"requests-within-term-share": want["requests-within-term-share"],
	}, kpiKinds)
	if !strings.Contains(body, `data-as-of="`+asOfRaw+`"`) {
		t.Error("the home page does not say the date open requests are counted at")
	}
	_, body = get(t, base+"/en/cereri?an=2017")
	if !strings.Contains(body, "Open requests and those open past their legal deadline are counted as of "+asOf.Format("2 Jan 2006")) ||
		!strings.Contains(body, "another channel (not online)") {
		t.Errorf("/en/cereri lacks the as-of date or the channel's name")
	}

	// /metodologie: the answer times cover the days the answered requests
	// were received, not one day.
	_, body = get(t, base+"/metodologie")
	period := c.firstAnswered.Format("02.01.2006") + " – " + c.lastAnswered.Format("02.01.2006")
	found := false
	for _, tr := range all(parseHTML(t, body), "tbody tr") {
		if a := first(tr, "a"); a != nil {
			if href, _ := attr(a, "href"); href == "/date/requests_answer_days.parquet" {
				found = strings.Contains(textOf(tr), period)
			}
		}
	}
	if !found {
		t.Errorf("/metodologie does not give requests_answer_days the period %s", period)
	}
}

// The demo declares the date its registry was exported (its cut-off,
// 31.10.2026): open requests are counted as of then, whenever it is loaded.
func TestDemoRequestsAreCountedAsOfItsCutOff(t *testing.T) {
	s := site(t)
	if got := s.str(t, `SELECT string_agg(DISTINCT as_of::VARCHAR, ',') FROM requests_daily`); got != "2026-10-31" {
		t.Fatalf("requests_daily as_of %s, want 2026-10-31", got)
	}
	_, doc, _ := s.fetch(t, "/cereri?an=2026")
	note := first(doc, "p[data-as-of]")
	if note == nil {
		t.Fatal("/cereri does not say the date open requests are counted at")
	}
	if v, _ := attr(note, "data-as-of"); v != "2026-10-31" || !strings.Contains(textOf(note), "31.10.2026") {
		t.Errorf("as-of note %q (%s), want 31.10.2026", textOf(note), v)
	}
}
