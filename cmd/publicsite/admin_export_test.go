package main

import (
	"bytes"
	"encoding/csv"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/release"
)

// The drill-down tables' exports, end to end: the demo release, the test
// accounts, a real server; files read back with encoding/csv and excelize
// and counted against the page's total and DuckDB over the Parquet files.

// exportLink is the href of a drill-down page's export link in format.
func exportLink(t *testing.T, body, format string) string {
	t.Helper()
	a := first(parseHTML(t, body), `a[data-export=`+format+`]`)
	if a == nil {
		t.Fatalf("no %s export link in %.500s", format, body)
	}
	href, _ := attr(a, "href")
	return href
}

// download GETs an export and checks what every export answers with.
func download(t *testing.T, c *client, path, wantName string) string {
	t.Helper()
	resp, body := c.get(path)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %.300s", path, resp.StatusCode, body)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("%s: Cache-Control %q", path, cc)
	}
	_, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	if err != nil || params["filename"] != wantName {
		t.Errorf("%s: Content-Disposition %q, want the file name %q", path, resp.Header.Get("Content-Disposition"), wantName)
	}
	want := "text/csv; charset=utf-8"
	if strings.HasSuffix(wantName, ".xlsx") {
		want = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	if ct := resp.Header.Get("Content-Type"); ct != want {
		t.Errorf("%s: Content-Type %q, want %q", path, ct, want)
	}
	return body
}

// readCSV reads an export's CSV: the byte order mark, then ';'-separated rows.
func readCSV(t *testing.T, body string) [][]string {
	t.Helper()
	b, ok := strings.CutPrefix(body, "\uFEFF")
	if !ok {
		t.Fatalf("CSV without its byte order mark: %.100q", body)
	}
	r := csv.NewReader(strings.NewReader(b))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func readXLSX(t *testing.T, body string) (*excelize.File, string, [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return f, sheet, rows
}

// releaseDay is the date export file names carry: the release's.
func releaseDay(t *testing.T) string {
	t.Helper()
	m, err := release.ReadManifest(site(t).release)
	if err != nil {
		t.Fatal(err)
	}
	return m.Created.UTC().Format("2006-01-02")
}

// An export holds every row of the page's selection (all its pages), in the
// page's order, as many as the page's total and as DuckDB counts in the file.
func TestExportsHoldEveryRowOfTheSelection(t *testing.T) {
	s := registerView(t)
	d, main, _, _ := demoDashboards(t)
	day := releaseDay(t)
	ana := signedIn(t, d.base, "ana")
	const where = `entity_cui = ? AND outcome = 'deschisă' AND as_of > due`
	page := "/admin/cereri?entitate=" + main + "&stare=intarziate&ordine=-termen&pagina=2"
	resp, body := ana.get(page)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d", page, resp.StatusCode)
	}
	total := rowsTotal(t, body)
	if want := s.int(t, `SELECT count(*) FROM register WHERE `+where, main); total != want || total <= 50 {
		t.Fatalf("page total %d, the file has %d (more than a page wanted)", total, want)
	}
	var ids []string
	rows, err := s.db.Query(`SELECT request_id FROM register WHERE `+where+` ORDER BY due DESC, request_id DESC`, main)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()

	// CSV: the page's filters and sort, not its page.
	href := exportLink(t, body, "csv")
	u, _ := url.Parse(href)
	if q := u.Query(); u.Path != "/admin/cereri" || q.Get("stare") != "intarziate" || q.Get("ordine") != "-termen" || q.Get("format") != "csv" || q.Has("pagina") {
		t.Fatalf("CSV link %s does not carry the page's filters and sort", href)
	}
	recs := readCSV(t, download(t, ana, href, "cereri-"+main+"-"+day+".csv"))
	if recs[0][0] != "Nr. înregistrare" {
		t.Errorf("CSV header %q, want the page's Romanian headings", recs[0])
	}
	if got := int64(len(recs) - 1); got != total {
		t.Fatalf("CSV has %d rows, the page says %d", got, total)
	}
	for i, r := range recs[1:] {
		if r[0] != ids[i] {
			t.Fatalf("CSV row %d is %s, DuckDB's order has %s", i+1, r[0], ids[i])
		}
		if _, err := time.Parse("02.01.2006", r[6]); err != nil {
			t.Fatalf("CSV due date %q is not dd.mm.yyyy", r[6])
		}
		if r[10] != "întârziată" {
			t.Fatalf("an overdue request's term says %q", r[10])
		}
	}

	// XLSX: the same rows; dates are dates.
	f, sheet, xrows := readXLSX(t, download(t, ana, exportLink(t, body, "xlsx"), "cereri-"+main+"-"+day+".xlsx"))
	if got := int64(len(xrows) - 1); got != total || xrows[0][0] != "Nr. înregistrare" || xrows[1][0] != ids[0] {
		t.Fatalf("XLSX: %d rows (page %d), header %q, first %q", got, total, xrows[0], xrows[1][0])
	}
	raw, _ := f.GetCellValue(sheet, "G2", excelize.Options{RawCellValue: true})
	if n, err := strconv.Atoi(raw); err != nil || n < 40000 {
		t.Errorf("XLSX due date stored as %q, want an Excel date serial", raw)
	}

	// Answered requests: days to answer are numbers, in both formats.
	ansWhere := `entity_cui = ? AND outcome = 'răspuns'`
	want := s.int(t, `SELECT count(*) FROM register WHERE `+ansWhere, main)
	t.Logf("overdue requests of %s: page total %d, CSV and XLSX %d rows each", main, total, len(xrows)-1)
	allBody := download(t, ana, "/admin/cereri?entitate="+main+"&format=xlsx", "cereri-"+main+"-"+day+".xlsx")
	whole := s.int(t, `SELECT count(*) FROM register WHERE entity_cui = ?`, main)
	if _, _, r := readXLSX(t, allBody); int64(len(r)-1) != whole {
		t.Errorf("the whole register: XLSX %d rows, DuckDB %d", len(r)-1, whole)
	}
	t.Logf("the whole register of %s: %d requests in DuckDB and in the XLSX, %d bytes", main, whole, len(allBody))
	recs = readCSV(t, download(t, ana, "/admin/cereri?entitate="+main+"&stare=raspunse&ordine=-zile&format=csv", "cereri-"+main+"-"+day+".csv"))
	if int64(len(recs)-1) != want {
		t.Fatalf("answered: CSV %d rows, the file %d", len(recs)-1, want)
	}
	t.Logf("answered requests of %s: CSV %d rows, DuckDB %d", main, len(recs)-1, want)
	maxDays := s.int(t, `SELECT max(days_to_answer) FROM register WHERE `+ansWhere, main)
	if recs[1][8] != strconv.FormatInt(maxDays, 10) {
		t.Errorf("longest answer %q days in the CSV, DuckDB says %d", recs[1][8], maxDays)
	}
	f, sheet, _ = readXLSX(t, download(t, ana, "/admin/cereri?entitate="+main+"&stare=raspunse&ordine=-zile&format=xlsx", "cereri-"+main+"-"+day+".xlsx"))
	if typ, _ := f.GetCellType(sheet, "I2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("XLSX days cell type %v, want a number", typ)
	}
	if raw, _ := f.GetCellValue(sheet, "I2", excelize.Options{RawCellValue: true}); raw != strconv.FormatInt(maxDays, 10) {
		t.Errorf("XLSX days %q, DuckDB says %d", raw, maxDays)
	}

	// English: English headings and file name.
	recs = readCSV(t, download(t, ana, "/en/admin/cereri?entitate="+main+"&stare=intarziate&format=csv", "requests-"+main+"-"+day+".csv"))
	if recs[0][0] != "Registry number" || int64(len(recs)-1) != total || recs[1][10] != "late" {
		t.Errorf("English CSV: header %q, %d rows, term %q", recs[0], len(recs)-1, recs[1][10])
	}

	// Investments: the page's total, DuckDB's count, amounts as numbers.
	resp, body = ana.get("/admin/investitii?entitate=" + main)
	if resp.StatusCode != 200 {
		t.Fatalf("investitii: %d", resp.StatusCode)
	}
	href = exportLink(t, body, "xlsx")
	u, _ = url.Parse(href)
	year := u.Query().Get("an")
	invTotal := rowsTotal(t, body)
	if want := s.int(t, `SELECT count(*) FROM investments WHERE entity_cui = ? AND year = ?`, main, year); invTotal != want || want == 0 {
		t.Fatalf("investments: page %d, the file %d", invTotal, want)
	}
	f, sheet, xrows = readXLSX(t, download(t, ana, href, "investitii-"+main+"-"+year+"-"+day+".xlsx"))
	if int64(len(xrows)-1) != invTotal || xrows[0][4] != "Valoare" {
		t.Fatalf("investments XLSX: %d rows, page %d, header %q", len(xrows)-1, invTotal, xrows[0])
	}
	firstCode := s.str(t, `SELECT code FROM investments WHERE entity_cui = ? AND year = ? ORDER BY code LIMIT 1`, main, year)
	firstValue := s.str(t, `SELECT total_value FROM investments WHERE entity_cui = ? AND year = ? ORDER BY code LIMIT 1`, main, year)
	raw, _ = f.GetCellValue(sheet, "E2", excelize.Options{RawCellValue: true})
	if xrows[1][0] != firstCode || parseNum(t, raw) != parseNum(t, firstValue) {
		t.Errorf("first objective %q value %q, DuckDB says %s %s", xrows[1][0], raw, firstCode, firstValue)
	}
	recs = readCSV(t, download(t, ana, strings.Replace(href, "format=xlsx", "format=csv", 1), "investitii-"+main+"-"+year+"-"+day+".csv"))
	if int64(len(recs)-1) != invTotal || recs[1][4] != strings.Replace(firstValue, ".", ",", 1) {
		t.Errorf("investments CSV: %d rows, first value %q (DuckDB %s, wanted with a decimal comma)", len(recs)-1, recs[1][4], firstValue)
	}
}

func parseNum(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return f
}

// An export goes through the page's scope and checks: outside the scope a
// 404, a bad format a 400 that says what to write, no session no data; and
// the audit log shows each export that was made, and only those.
func TestExportsKeepTheScopeAndAreAudited(t *testing.T) {
	s := registerView(t)
	d, main, other, dept := demoDashboards(t)
	otherDept := s.str(t, `SELECT department FROM register WHERE entity_cui = ? AND department <> ? GROUP BY 1 ORDER BY 1 LIMIT 1`, main, dept)
	day := releaseDay(t)

	dan := signedIn(t, d.base, "dan")
	for _, p := range []string{"/admin/cereri?entitate=" + other + "&format=csv", "/en/admin/cereri?entitate=" + other + "&format=xlsx",
		"/admin/investitii?entitate=" + other + "&format=csv"} {
		resp, body := dan.get(p)
		if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Content-Disposition") != "" || strings.Contains(body, "\uFEFF") {
			t.Errorf("director of %s, GET %s: %d %q", main, p, resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
	}
	// A director with a department exports its requests only.
	dana := signedIn(t, d.base, "dana")
	recs := readCSV(t, download(t, dana, "/admin/cereri?format=csv", "cereri-"+main+"-"+day+".csv"))
	if got, want := int64(len(recs)-1), s.int(t, `SELECT count(*) FROM register WHERE entity_cui = ? AND department = ?`, main, dept); got != want || want == 0 {
		t.Errorf("department director's export: %d rows, the file has %d", got, want)
	}
	for _, r := range recs[1:] {
		if r[2] != dept {
			t.Fatalf("department director's export has a row of %q", r[2])
		}
	}
	if resp, _ := dana.get("/admin/cereri?format=xlsx&departament=" + url.QueryEscape(otherDept)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("department director exporting %s: %d, want 404", otherDept, resp.StatusCode)
	}

	// Bad requests say what to change.
	ana := signedIn(t, d.base, "ana")
	for _, c := range []struct{ path, want string }{
		{"/admin/cereri?entitate=" + main + "&format=pdf", "formatul descărcării este csv sau xlsx"},
		{"/en/admin/cereri?entitate=" + main + "&format=CSV", "the download format is csv or xlsx"},
		{"/admin/investitii?entitate=" + main + "&format=xls", "formatul descărcării este csv sau xlsx"},
		{"/admin/cereri?entitate=" + main + "&format=csv&stare=toate", "stările posibile sunt"},
	} {
		if resp, body := ana.get(c.path); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, c.want) || resp.Header.Get("Content-Disposition") != "" {
			t.Errorf("%s: %d, want 400 saying %q", c.path, resp.StatusCode, c.want)
		}
	}
	// Without a session: the sign-in page, no data.
	for _, p := range []string{"/admin/cereri?entitate=" + main + "&format=csv", "/admin/investitii?format=xlsx"} {
		resp, body := newClient(t, d.base).get(p)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/intrare") || resp.Header.Get("Content-Disposition") != "" || strings.Contains(body, "\uFEFF") {
			t.Errorf("no session, %s: %d %q", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}

	// The audit log: dana's export, with its rows and filters; ana's, none of the refused ones.
	n := int64(len(recs) - 1)
	download(t, ana, "/admin/cereri?entitate="+main+"&stare=intarziate&format=xlsx", "cereri-"+main+"-"+day+".xlsx")
	overdue := s.int(t, `SELECT count(*) FROM register WHERE entity_cui = ? AND outcome = 'deschisă' AND as_of > due`, main)
	resp, body := ana.get("/admin/jurnal")
	if resp.StatusCode != 200 {
		t.Fatalf("audit page: %d", resp.StatusCode)
	}
	var lines []string
	for _, tr := range all(parseHTML(t, body), `tr[data-event=export]`) {
		cells := all(tr, "td")
		lines = append(lines, strings.TrimSpace(textOf(cells[2]))+" | "+strings.TrimSpace(textOf(cells[4])))
	}
	if len(lines) != 2 {
		t.Fatalf("audit page shows %d exports, 2 were made: %q", len(lines), lines)
	}
	wantAna := "ana | registrul cererilor, xlsx, " + dashboards.FormatCount("ro", overdue) + " rânduri; filtre: entitate=" + main + ", stare=intarziate"
	wantDana := "dana | registrul cererilor, csv, " + dashboards.FormatCount("ro", n) + " rânduri; filtre: departament=" + dept + ", entitate=" + main
	if lines[0] != wantAna || lines[1] != wantDana {
		t.Errorf("audit lines\n%q\nwant\n%q", lines, []string{wantAna, wantDana})
	}
	// The sign-in events are there as before.
	if len(all(parseHTML(t, body), `tr[data-event=signin-success]`)) < 3 {
		t.Error("the sign-ins are missing from the audit page")
	}
	// English audit page.
	_, body = ana.get("/en/admin/jurnal")
	if !strings.Contains(body, "request register, xlsx, "+dashboards.FormatCount("en", overdue)+" rows; filters: entitate=") {
		t.Errorf("English audit page does not describe the export: %.2000s", body)
	}
}
