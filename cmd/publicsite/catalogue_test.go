package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// twoReleases serves the demo warehouse published twice, a day apart, into
// a releases directory of its own: a dataset page lists both. With
// DESCHIS_TEST_RELEASES (no warehouse) it serves that directory as it is.
func twoReleases(t *testing.T) (base, releases string) {
	t.Helper()
	s := site(t)
	releases = s.releases
	db := filepath.Join(filepath.Dir(s.releases), "demo.duckdb")
	if _, err := os.Stat(db); err == nil && os.Getenv("DESCHIS_TEST_RELEASES") == "" {
		ctx := context.Background()
		releases = filepath.Join(t.TempDir(), "releases")
		w, err := warehouse.Open(ctx, db, warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			at := time.Date(2026, 11, 24+i, 9, 0, 0, 0, time.UTC)
			if _, err := w.Publish(ctx, release.Options{Out: releases, Generator: "test", Now: func() time.Time { return at }}); err != nil {
				w.Close()
				t.Fatal(err)
			}
		}
		w.Close()
	}
	m := &Main{}
	if err := m.ParseFlags([]string{"--releases", releases, "--addr", "127.0.0.1:0", "--reload", "1h"}, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return "http://" + m.Addr(), releases
}

// cellText is how the catalogue writes a value of a column, as this test
// reads the rules: amounts and counts with the language's separators, dates
// 23.11.2026 (ro) or 23 Nov 2026 (en), booleans da/nu or yes/no, years,
// months, codes and ids as written, a missing value "–".
func cellText(lang string, c models.Column, v sql.NullString) string {
	if !v.Valid {
		return "–"
	}
	th, dec := ".", ","
	if lang == "en" {
		th, dec = ",", "."
	}
	group := func(digits string) string {
		var b strings.Builder
		for i, r := range digits {
			if i > 0 && (len(digits)-i)%3 == 0 {
				b.WriteString(th)
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	s := v.String
	switch {
	case strings.HasPrefix(c.Type, "DECIMAL"), c.Type == "BIGINT", c.Type == "INTEGER":
		if !strings.HasPrefix(c.Type, "DECIMAL") && (c.Name == "year" || c.Name == "month" || c.Name == "siruta" || strings.HasSuffix(c.Name, "_year") ||
			strings.HasSuffix(c.Name, "_month") || strings.HasSuffix(c.Name, "_id")) {
			return s
		}
		sign, rest := "", s
		if strings.HasPrefix(s, "-") {
			sign, rest = "-", s[1:]
		}
		ip, fp, ok := strings.Cut(rest, ".")
		out := sign + group(ip)
		if ok {
			out += dec + fp
		}
		return out
	case c.Type == "DATE":
		d, _ := time.Parse(time.DateOnly, s)
		if lang == "en" {
			return d.Format("2 Jan 2006")
		}
		return d.Format("02.01.2006")
	case c.Type == "BOOLEAN":
		return map[string]map[bool]string{"ro": {true: "da", false: "nu"}, "en": {true: "yes", false: "no"}}[lang][s == "true"]
	}
	return s
}

// Every public dataset has a page in both languages: its title, rows,
// licence, every format with its size and sha256 (each download answering
// with that sha256), the schema with what each column means, the first rows
// of its file formatted in the page's language, the loads it came from with
// their source files, and the releases kept that hold it; an internal
// dataset has none.
func TestDatasetPagesInBothLanguages(t *testing.T) {
	base, releases := twoReleases(t)
	cur, err := release.Current(releases)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(releases, cur)
	m, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	kept, _ := release.List(releases)
	slices.Reverse(kept)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, dataBody := get(t, base+"/date")
	pages := 0
	for _, d := range m.Datasets {
		if d.Access != models.Public {
			if resp, body := get(t, base+"/date/"+d.Name); resp.StatusCode != 404 || strings.Contains(body, "<table") {
				t.Errorf("/date/%s (internal): %d", d.Name, resp.StatusCode)
			}
			continue
		}
		if !strings.Contains(dataBody, `href="/date/`+d.Name+`"`) {
			t.Errorf("/date does not link to /date/%s", d.Name)
		}
		// The file's first rows, as its sort key orders them.
		decl, _ := release.Lookup(d.Name)
		cols := make([]string, len(d.Schema))
		for i, c := range d.Schema {
			cols[i] = `CAST("` + c.Name + `" AS VARCHAR)`
		}
		pq, _ := d.File("parquet")
		rows, err := db.Query(`SELECT `+strings.Join(cols, ", ")+` FROM read_parquet(?) ORDER BY `+decl.SortKey+` LIMIT 10`, filepath.Join(dir, pq.Path))
		if err != nil {
			t.Fatal(err)
		}
		var firstRows [][]sql.NullString
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			firstRows = append(firstRows, vals)
		}
		rows.Close()
		for _, lang := range []string{"ro", "en"} {
			path := "/date/" + d.Name
			if lang == "en" {
				path = "/en" + path
			}
			resp, body := get(t, base+path)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", path, resp.StatusCode)
			}
			pages++
			doc := parseHTML(t, body)
			title, desc := d.Title.RO, d.Description.RO
			if lang == "en" {
				title, desc = d.Title.EN, d.Description.EN
			}
			if h := textOf(first(doc, "h1")); h != title || !strings.Contains(textOf(doc), desc) {
				t.Errorf("%s: h1 %q, want %q (and the description)", path, h, title)
			}
			if n := first(doc, "dd[data-dataset-rows]"); n == nil {
				t.Errorf("%s: no row count", path)
			} else if v, _ := attr(n, "data-dataset-rows"); v != strconv.FormatInt(d.Rows, 10) {
				t.Errorf("%s: rows %s, manifest %d", path, v, d.Rows)
			}
			if !strings.Contains(body, d.Licence.URL) || !strings.Contains(body, "OGL-ROU-1.0") {
				t.Errorf("%s: no licence", path)
			}
			// Every format, with the sha256 its download answers with.
			files := all(doc, "table.files tbody tr")
			if len(files) != len(models.Formats) {
				t.Errorf("%s: %d formats listed, want %d", path, len(files), len(models.Formats))
			}
			for i, tr := range files {
				if i >= len(models.Formats) {
					break
				}
				f := models.Formats[i]
				rf, _ := d.File(f.ID)
				a := first(tr, "a")
				href, _ := attr(a, "href")
				sum := textOf(first(tr, "code.sha256"))
				if href != "/date/"+d.Name+f.Suffix || sum != rf.SHA256 {
					t.Errorf("%s: %s listed as %s sha256 %s; manifest %s", path, f.ID, href, sum, rf.SHA256)
				}
				if lang == "ro" {
					req, _ := http.NewRequest("HEAD", base+href, nil)
					r, err := http.DefaultClient.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					r.Body.Close()
					if r.StatusCode != 200 || r.Header.Get("X-Content-SHA256") != sum {
						t.Errorf("%s: %d, sha256 %s, the page says %s", href, r.StatusCode, r.Header.Get("X-Content-SHA256"), sum)
					}
				}
			}
			// The schema, with what each column means in the page's language.
			schema := all(doc, "table.schema tbody tr")
			if len(schema) != len(d.Schema) {
				t.Fatalf("%s: %d columns described, the schema has %d", path, len(schema), len(d.Schema))
			}
			for i, c := range d.Schema {
				meaning := c.Description.RO
				if lang == "en" {
					meaning = c.Description.EN
				}
				if got := textOf(first(schema[i], "th")); got != c.Name || !strings.Contains(textOf(schema[i]), meaning) || !strings.Contains(textOf(schema[i]), c.Type) {
					t.Errorf("%s: column %d is %q (%s), want %s %s: %s", path, i, got, textOf(schema[i]), c.Name, c.Type, meaning)
				}
			}
			// The preview: the file's first rows, in the page's formats.
			head := all(doc, "table.preview thead th")
			prev := all(doc, "table.preview tbody tr")
			if len(head) != len(d.Schema) || len(prev) != len(firstRows) || len(firstRows) == 0 {
				t.Fatalf("%s: preview of %d columns and %d rows; the file's first %d rows of %d columns", path, len(head), len(prev), len(firstRows), len(d.Schema))
			}
			for r, tr := range prev {
				tds := all(tr, "td")
				for i, c := range d.Schema {
					if want := cellText(lang, c, firstRows[r][i]); i >= len(tds) || textOf(tds[i]) != want {
						got := ""
						if i < len(tds) {
							got = textOf(tds[i])
						}
						t.Errorf("%s: row %d, %s (%s) is %q, want %q", path, r+1, c.Name, c.Type, got, want)
					}
				}
			}
			// Provenance: the loads and their files, as the manifest names them.
			loads := all(doc, "table.loads tbody tr")
			want := m.LoadsOf(&d)
			if len(loads) != len(want) || len(want) == 0 {
				t.Errorf("%s: %d loads listed, the manifest names %d", path, len(loads), len(want))
			}
			for i, tr := range loads {
				if i < len(want) {
					id, _ := attr(tr, "data-load")
					if id != strconv.FormatInt(want[i].ID, 10) || !strings.Contains(textOf(tr), want[i].File) || textOf(first(tr, "code.sha256")) != want[i].SHA256 {
						t.Errorf("%s: load row %q, the manifest names %+v", path, textOf(tr), want[i])
					}
				}
			}
			// The releases kept, newest first, each with its dated files.
			var versions []string
			for _, tr := range all(doc, "table.versions tbody tr") {
				id, _ := attr(tr, "data-version")
				versions = append(versions, id)
				for _, a := range all(tr, "a") {
					href, _ := attr(a, "href")
					if !strings.HasPrefix(href, "/date/editii/"+id+"/") {
						t.Errorf("%s: version %s links to %s", path, id, href)
					} else if lang == "ro" {
						req, _ := http.NewRequest("HEAD", base+href, nil)
						if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != 200 {
							t.Errorf("%s: %v %v", href, err, r)
						} else {
							r.Body.Close()
						}
					}
				}
			}
			if !slices.Equal(versions, kept) {
				t.Errorf("%s: versions %v, the releases kept %v", path, versions, kept)
			}
		}
	}
	if pages == 0 {
		t.Fatal("no dataset page checked")
	}
	for _, p := range []string{"/date/nu-exista", "/en/date/nu-exista"} {
		if resp, _ := get(t, base+p); resp.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
	}
	if len(kept) < 2 && os.Getenv("DESCHIS_TEST_RELEASES") == "" {
		t.Errorf("%d releases kept: the versions were checked on one", len(kept))
	}
}

var exampleURL = regexp.MustCompile(`https?://[^\s"')]+`)

// The API page's examples work: every URL of the curl, pandas and R
// examples is this site's and answers 200 with what the example reads from
// it (the datasets, a dataset's metadata, the CSV with the columns the code
// names and the sha256 the manifest lists, the JSON rows, the CSV for a
// Romanian Excel); the page says where the limits are, and /date, the
// footer and /achizitii link to it and to the Atom feed.
func TestAPIPageExamplesAnswer(t *testing.T) {
	s := site(t)
	man, err := release.ReadManifest(s.release)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := man.Dataset(models.DatasetProcurement)
	header := make([]string, len(d.Schema))
	for i, c := range d.Schema {
		header[i] = c.Name
	}
	for _, lang := range []string{"ro", "en"} {
		path := "/date/api"
		if lang == "en" {
			path = "/en" + path
		}
		resp, body := get(t, s.base+path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		doc := parseHTML(t, body)
		if first(doc, "section#limite") == nil {
			t.Errorf("%s: no section#limite for the API's limits", path)
		}
		// Every named limit, with the value this server runs with.
		limits := map[string]string{}
		for _, tr := range all(doc, "section#limite table tbody tr") {
			if tds := all(tr, "td"); len(tds) == 2 {
				limits[strings.TrimSpace(textOf(first(tr, "th")))] = strings.TrimSpace(textOf(tds[1]))
			}
		}
		want := map[string]string{models.LimitMaxRows: strconv.Itoa(s.main.Config.APIMaxRows),
			models.LimitQueryTimeout: s.main.Config.APIQueryTimeout.String(), models.LimitMaxResponse: strconv.Itoa(s.main.Config.APIMaxResponseMB)}
		if len(limits) != len(models.APILimits) {
			t.Errorf("%s: limits %v, want every one of models.APILimits", path, limits)
		}
		for k, v := range want {
			if limits[k] != v {
				t.Errorf("%s: limit %s shows %q, the server runs with %q", path, k, limits[k], v)
			}
		}
		examples := map[string]string{}
		for _, pre := range all(doc, "pre[data-example]") {
			kind, _ := attr(pre, "data-example")
			var b strings.Builder
			walk(pre, func(n *node) {
				if n.Type == html.TextNode {
					b.WriteString(n.Data)
				}
			})
			examples[kind] = b.String()
		}
		for _, kind := range []string{"curl", "python", "r"} {
			code := examples[kind]
			urls := exampleURL.FindAllString(code, -1)
			if len(urls) == 0 {
				t.Errorf("%s: the %s example has no URL", path, kind)
			}
			for _, u := range urls {
				if !strings.HasPrefix(u, s.base+"/") {
					t.Errorf("%s: %s example reads %s, not this site (%s)", path, kind, u, s.base)
					continue
				}
				resp, body := get(t, u)
				if resp.StatusCode != 200 {
					t.Errorf("%s: %s example: %s answers %d", path, kind, u, resp.StatusCode)
					continue
				}
				checkExampleAnswer(t, kind+" "+u, strings.TrimPrefix(u, s.base), body, header, d)
			}
			// The columns the code names are the dataset's.
			for _, m := range regexp.MustCompile(`\["(\w+)"\]|\("(\w+)"\)|\$(\w+)|(\w+) ~ (\w+)`).FindAllStringSubmatch(code, -1) {
				for _, name := range m[1:] {
					if name != "" && name != "datasets" && !slices.Contains(header, name) {
						t.Errorf("%s: the %s example names a column %q that %s does not have", path, kind, name, d.Name)
					}
				}
			}
		}
		// The feed it points to, and the links to it from /date and /achizitii.
		for _, p := range []string{path, strings.TrimSuffix(path, "/api"), strings.Replace(path, "/date/api", "/achizitii", 1)} {
			_, b := get(t, s.base+p)
			pd := parseHTML(t, b)
			link := first(pd, `link[rel=alternate][type=application/atom+xml]`)
			if link == nil {
				t.Errorf("%s: no link rel=alternate to the Atom feed", p)
				continue
			}
			href, _ := attr(link, "href")
			r, feed := get(t, s.base+href)
			var f struct {
				XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
				Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			}
			if err := xml.Unmarshal([]byte(feed), &f); r.StatusCode != 200 || err != nil || f.Lang != lang {
				t.Errorf("%s: feed %s: %d %v lang %q", p, href, r.StatusCode, err, f.Lang)
			}
			if first(pd, `footer a[href=`+strings.TrimSuffix(path, "/date/api")+`/date/api]`) == nil {
				t.Errorf("%s: the footer does not link to the API page", p)
			}
		}
		_, b := get(t, s.base+strings.TrimSuffix(path, "/api"))
		if first(parseHTML(t, b), `main a[href=`+path+`]`) == nil {
			t.Errorf("%s does not link to %s", strings.TrimSuffix(path, "/api"), path)
		}
	}
}

// checkExampleAnswer checks a URL of an example answers with what the
// example reads from it.
func checkExampleAnswer(t *testing.T, what, path, body string, header []string, d *models.ManifestDataset) {
	t.Helper()
	name := d.Name
	switch path {
	case "/api/v1/datasets":
		var list struct {
			Datasets []struct {
				Name string
				Rows int64
			}
		}
		if err := json.Unmarshal([]byte(body), &list); err != nil || !slices.ContainsFunc(list.Datasets, func(x struct {
			Name string
			Rows int64
		}) bool {
			return x.Name == name && x.Rows == d.Rows
		}) {
			t.Errorf("%s: %v, no %s with %d rows", what, err, name, d.Rows)
		}
	case "/api/v1/datasets/" + name:
		var one struct {
			Name      string
			Schema    []models.Column
			LoadFiles []models.ManifestLoad `json:"load_files"`
		}
		if err := json.Unmarshal([]byte(body), &one); err != nil || one.Name != name || len(one.Schema) != len(header) || len(one.LoadFiles) == 0 {
			t.Errorf("%s: %v %+v", what, err, one)
		}
	case "/date/" + name + ".csv":
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		f, _ := d.File("csv")
		sum := sha256.Sum256([]byte(body))
		if err != nil || len(rows) != int(d.Rows)+1 || !slices.Equal(rows[0], header) || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: %v, %d rows, header %v, sha256 %x (manifest %s)", what, err, len(rows)-1, rows[0], sum, f.SHA256)
		}
		i := slices.Index(rows[0], "counts_in_total")
		for _, r := range rows[1:] {
			if r[i] != "true" && r[i] != "false" {
				t.Fatalf("%s: counts_in_total %q, which pandas and R do not read as a boolean", what, r[i])
			}
		}
	case "/date/" + name + ".json":
		var objs []map[string]any
		if err := json.Unmarshal([]byte(body), &objs); err != nil || len(objs) != int(d.Rows) {
			t.Errorf("%s: %v, %d objects, want %d", what, err, len(objs), d.Rows)
		}
	case "/date/" + name + "-excel.csv":
		rest, bom := bytes.CutPrefix([]byte(body), []byte("\ufeff"))
		r := csv.NewReader(bytes.NewReader(rest))
		r.Comma = ';'
		rows, err := r.ReadAll()
		if !bom || err != nil || len(rows) != int(d.Rows)+1 || !slices.Equal(rows[0], header) {
			t.Errorf("%s: BOM %v, %v, %d rows", what, bom, err, len(rows)-1)
		} else if v := rows[1][slices.Index(header, "value")]; !strings.Contains(v, ",") || strings.Contains(v, ".") {
			t.Errorf("%s: value %q has no decimal comma", what, v)
		}
	case "/date/manifest.json":
		var pm models.Manifest
		f, _ := d.File("csv")
		if err := json.Unmarshal([]byte(body), &pm); err != nil {
			t.Errorf("%s: %v", what, err)
		} else if pd, ok := pm.Dataset(name); !ok || !slices.ContainsFunc(pd.Files, func(x models.ReleaseFile) bool { return x.SHA256 == f.SHA256 }) {
			t.Errorf("%s: the manifest does not list %s's CSV sha256", what, name)
		}
	default:
		t.Errorf("%s: an example reads %s, which this test does not know", what, path)
	}
}
