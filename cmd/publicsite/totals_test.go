package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/opendata"
)

// One release, one number: each total below is read from a page of the
// site (its data-kpi value), from the API (the aggregate endpoint's
// summary) and from every download format the API lists, downloaded from
// the running program and read back with a real reader of that format:
// Parquet with DuckDB, Arrow with arrow-go, XLSX with excelize, CSV with
// encoding/csv in both locales (the Romanian one: BOM, ';', decimal comma),
// JSON and NDJSON with encoding/json. Every figure is summed exactly (as
// decimals) and must be the same to the ban.
//
// To add a source (GET /api/v1/datasets/{name}/rows when it lands), add a
// func to a total's api: it returns the figure as decimal text.
func TestTheSameTotalsEverywhere(t *testing.T) {
	s := site(t)
	const e, year = "9991004", "2025" // the demo's town hall, a full year
	consolidated := func(r map[string]string) bool {
		return r["group_cui"] == e && r["year"] == year && r["intra_group"] == "false"
	}
	for _, c := range []struct {
		name, dataset, measure string
		keep                   func(map[string]string) bool
		page, kpi              string
		api                    []func(t *testing.T) string
	}{
		{name: "payments of the town hall", dataset: "budget", measure: "executed",
			keep: func(r map[string]string) bool {
				return r["entity_cui"] == e && r["year"] == year && r["kind"] == "cheltuieli"
			},
			page: "/buget?an=" + year, kpi: "budget-executed",
			api: []func(*testing.T) string{aggregateSummary(s, "cut=entity_cui:"+e+"|year:"+year+"|kind:cheltuieli", "executed.sum")}},
		{name: "final appropriations of the town hall", dataset: "budget", measure: "final_budget",
			keep: func(r map[string]string) bool {
				return r["entity_cui"] == e && r["year"] == year && r["kind"] == "cheltuieli"
			},
			page: "/en/buget?an=" + year, kpi: "budget-final",
			api: []func(*testing.T) string{aggregateSummary(s, "cut=entity_cui:"+e+"|year:"+year+"|kind:cheltuieli&aggregates=final_budget.sum", "final_budget.sum")}},
		{name: "receipts of the town hall", dataset: "budget", measure: "executed",
			keep: func(r map[string]string) bool {
				return r["entity_cui"] == e && r["year"] == year && r["kind"] == "venituri"
			},
			page: "/buget?an=" + year, kpi: "revenue-executed",
			api: []func(*testing.T) string{aggregateSummary(s, "cut=entity_cui:"+e+"|year:"+year+"|kind:venituri", "executed.sum")}},
		{name: "consolidated payments of the group", dataset: "budget", measure: "executed",
			keep: func(r map[string]string) bool { return consolidated(r) && r["kind"] == "cheltuieli" },
			page: "/buget?an=" + year + "&vedere=consolidat", kpi: "budget-executed",
			api: []func(*testing.T) string{
				aggregateSummary(s, "cut=group_cui:"+e+"|year:"+year+"|kind:cheltuieli", "executed.sum"),                 // the implied intra_group:false
				aggregateSummary(s, "drilldown=month&cut=group_cui:"+e+"|year:"+year+"|kind:cheltuieli", "executed.sum"), // the months add up to it
			}},
		{name: "monthly payments of the group", dataset: "budget_execution_monthly", measure: "executed",
			keep: func(r map[string]string) bool { return consolidated(r) && r["kind"] == "cheltuieli" },
			api:  []func(*testing.T) string{aggregateSummary(s, "drilldown=month&cut=group_cui:"+e+"|year:"+year+"|kind:cheltuieli", "executed.sum")}},
		{name: "contracts of the town hall", dataset: "procurement", measure: "value",
			keep: func(r map[string]string) bool {
				return r["buyer_cui"] == e && r["year"] == year && r["counts_in_total"] == "true"
			},
			page: "/achizitii?an=" + year, kpi: "contracts-value"},
	} {
		t.Run(c.name, func(t *testing.T) {
			figures := map[string]string{}
			for format, rows := range downloads(t, s, c.dataset) {
				figures[format] = sumRows(t, rows, c.measure, c.keep)
			}
			if len(figures) != len(models.Formats) {
				t.Fatalf("%d formats read, %d published", len(figures), len(models.Formats))
			}
			if c.page != "" {
				resp, doc, _ := s.fetch(t, c.page)
				got, ok := kpis(doc)[c.kpi]
				if resp.StatusCode != 200 || !ok {
					t.Fatalf("%s: %d, no %s", c.page, resp.StatusCode, c.kpi)
				}
				figures["page "+c.page] = got[0]
			}
			for i, f := range c.api {
				figures["api "+strconv.Itoa(i)] = f(t)
			}
			want := figures["parquet"]
			if n, _ := new(big.Rat).SetString(want); n == nil || n.Sign() == 0 {
				t.Fatalf("the Parquet file sums to %q: nothing to compare", want)
			}
			for where, got := range figures {
				if got != want {
					t.Errorf("%s: %s says %s, the Parquet file %s", c.name, where, got, want)
				}
			}
		})
	}
}

// aggregateSummary is a figure of the aggregate endpoint's summary.
func aggregateSummary(s *demoSite, query, aggregate string) func(*testing.T) string {
	return func(t *testing.T) string {
		t.Helper()
		var a opendata.APIAggregate
		getJSON(t, s.base+"/api/v1/aggregate/budget?"+query, &a)
		n, ok := a.Summary[aggregate].(json.Number)
		if !ok {
			t.Fatalf("%s: summary %v", query, a.Summary)
		}
		return n.String()
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%s: %d %v", url, resp.StatusCode, err)
	}
}

// sumRows sums a measure over the rows keep accepts, exactly, as decimal
// text with two decimals.
func sumRows(t *testing.T, rows []map[string]string, measure string, keep func(map[string]string) bool) string {
	t.Helper()
	sum := new(big.Rat)
	for _, r := range rows {
		if !keep(r) || r[measure] == "" {
			continue
		}
		v, ok := new(big.Rat).SetString(r[measure])
		if !ok {
			t.Fatalf("%s = %q is not a number", measure, r[measure])
		}
		sum.Add(sum, v)
	}
	return sum.FloatString(2)
}

// downloads fetches every format of a dataset from the URLs the API lists
// and reads each back with its reader, as rows of text: numbers with a
// decimal point, booleans true/false.
func downloads(t *testing.T, s *demoSite, dataset string) map[string][]map[string]string {
	t.Helper()
	var d opendata.APIDataset
	getJSON(t, s.base+"/api/v1/datasets/"+dataset, &d)
	types := map[string]string{}
	for _, c := range d.Schema {
		types[c.Name] = c.Type
	}
	dir := t.TempDir()
	out := map[string][]map[string]string{}
	for format, dl := range d.Downloads {
		resp, err := http.Get(s.base + dl.URL)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, dataset+"."+format)
		f, _ := os.Create(path)
		_, err = io.Copy(f, resp.Body)
		resp.Body.Close()
		f.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %d %v", dl.URL, resp.StatusCode, err)
		}
		if sum, _, _ := models.FileSHA256(path); sum != dl.SHA256 {
			t.Fatalf("%s: sha256 %s, the API says %s", dl.URL, sum, dl.SHA256)
		}
		var rows []map[string]string
		switch format {
		case "parquet":
			rows = readParquet(t, s.db, path)
		case "arrow":
			rows = readArrow(t, path)
		case "xlsx":
			rows = readWorkbook(t, path, types)
		case "csv":
			rows = readCSVFile(t, path, ',', false)
		case "csv-excel":
			rows = readCSVFile(t, path, ';', true)
		case "json":
			rows = readJSON(t, path, false)
		case "ndjson":
			rows = readJSON(t, path, true)
		default:
			t.Fatalf("no reader for the format %s: add one", format)
		}
		if int64(len(rows)) != d.Rows {
			t.Errorf("%s %s: %d rows read, the API says %d", dataset, format, len(rows), d.Rows)
		}
		out[format] = rows
	}
	return out
}

func readParquet(t *testing.T, db *sql.DB, path string) []map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT COLUMNS(*)::VARCHAR FROM read_parquet(?)`, path)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []map[string]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		r := map[string]string{}
		for i, c := range cols {
			r[c] = vals[i].String
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func readArrow(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := ipc.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Release()
	var out []map[string]string
	for rd.Next() {
		rec := rd.RecordBatch()
		for i := 0; i < int(rec.NumRows()); i++ {
			r := map[string]string{}
			for j, col := range rec.Columns() {
				name := rec.ColumnName(j)
				if col.IsNull(i) {
					r[name] = ""
					continue
				}
				switch a := col.(type) {
				case *array.Decimal128:
					scale := a.DataType().(*arrow.Decimal128Type).Scale
					r[name] = new(big.Rat).SetFrac(a.Value(i).BigInt(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)).FloatString(int(scale))
				case *array.Boolean:
					r[name] = strconv.FormatBool(a.Value(i))
				default:
					r[name] = col.ValueStr(i)
				}
			}
			out = append(out, r)
		}
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func readWorkbook(t *testing.T, path string, types map[string]string) []map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]string
	for _, sheet := range f.GetSheetList() { // a long table goes on in further sheets, each with its header
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range rows[1:] {
			r := map[string]string{}
			for i, h := range rows[0] {
				v := ""
				if i < len(rec) {
					v = rec[i]
				}
				if types[h] == "BOOLEAN" && v != "" {
					v = strconv.FormatBool(v == "1" || strings.EqualFold(v, "true"))
				}
				r[h] = v
			}
			out = append(out, r)
		}
	}
	return out
}

func readCSVFile(t *testing.T, path string, comma rune, excel bool) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if excel {
		var ok bool
		if b, ok = bytes.CutPrefix(b, []byte("\xef\xbb\xbf")); !ok {
			t.Fatalf("%s has no UTF-8 byte order mark", path)
		}
	}
	rd := csv.NewReader(bytes.NewReader(b))
	rd.Comma = comma
	recs, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		r := map[string]string{}
		for i, h := range recs[0] {
			v := rec[i]
			if excel {
				v = romanianNumber(v)
			}
			r[h] = v
		}
		out = append(out, r)
	}
	return out
}

// romanianNumber turns a number written with a decimal comma (1234,56) into
// one with a point; other text stays.
func romanianNumber(v string) string {
	whole, frac, ok := strings.Cut(v, ",")
	if !ok || strings.Contains(frac, ",") {
		return v
	}
	if _, err := strconv.ParseInt(strings.TrimPrefix(whole, "-"), 10, 64); err != nil {
		return v
	}
	if _, err := strconv.ParseUint(frac, 10, 64); err != nil {
		return v
	}
	return whole + "." + frac
}

func readJSON(t *testing.T, path string, lines bool) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var objs []map[string]any
	if lines {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.UseNumber()
			var o map[string]any
			if err := dec.Decode(&o); err != nil {
				t.Fatal(err)
			}
			objs = append(objs, o)
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	} else {
		dec := json.NewDecoder(f)
		dec.UseNumber()
		if err := dec.Decode(&objs); err != nil {
			t.Fatal(err)
		}
	}
	var out []map[string]string
	for _, o := range objs {
		r := map[string]string{}
		for k, v := range o {
			switch v := v.(type) {
			case nil:
				r[k] = ""
			case json.Number:
				r[k] = v.String()
			case bool:
				r[k] = strconv.FormatBool(v)
			case string:
				r[k] = v
			default:
				t.Fatalf("%s: %s is %T", path, k, v)
			}
		}
		out = append(out, r)
	}
	return out
}
