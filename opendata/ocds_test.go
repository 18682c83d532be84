package opendata

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/deschis/deschis/models"
)

const ocdsSchemaDir = "../../shared/data/ocds-1.1.5-schema"

// ocdsPackageSchema compiles the OCDS 1.1.5 release package schema from
// the local files (the release schema it refers to is loaded under its
// URL: nothing is fetched), asserting formats (date-time, uri).
func ocdsPackageSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, name := range []string{"release-package-schema.json", "release-schema.json"} {
		f, err := os.Open(filepath.Join(ocdsSchemaDir, name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource("https://standard.open-contracting.org/schema/1__1__5/"+name, doc); err != nil {
			t.Fatal(err)
		}
	}
	sch, err := c.Compile("https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// The release package of /api/v1/ocds/releases.json is valid against the
// OCDS 1.1.5 schema, holds one compiled release per contract of the
// procurement dataset with the Parquet file's values, links every call-off
// to its framework agreement's process, and answers 304 and HEAD.
func TestOCDSReleasePackage(t *testing.T) {
	s := demoAPI(t)
	const path = APIPrefix + "/ocds/releases.json"
	resp, body := do(t, s.srv, "GET", path)
	checkJSONHeaders(t, path, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %.300s", path, resp.StatusCode, body)
	}
	t.Logf("the demo's OCDS release package: %d bytes", len(body))
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := ocdsPackageSchema(t).Validate(v); err != nil {
		t.Fatalf("not a valid OCDS 1.1.5 release package: %.3000v", err)
	}
	var pkg struct {
		URI, Version string
		Releases     []struct {
			OCID    string
			Tag     []string
			Parties []struct {
				ID    string
				Roles []string
			}
			Tender struct {
				ProcurementMethod string
				Items             []struct {
					Classification *struct{ Scheme, ID string }
				}
			}
			Awards []struct {
				Value struct{ Amount json.Number }
			}
			RelatedProcesses []struct {
				Relationship []string
				Scheme       string
				Identifier   string
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Version != "1.1" || !strings.HasSuffix(pkg.URI, path) {
		t.Errorf("version %q uri %q", pkg.Version, pkg.URI)
	}
	d, _ := s.man.Dataset(models.DatasetProcurement)
	if int64(len(pkg.Releases)) != d.Rows || d.Rows == 0 {
		t.Fatalf("%d releases, %d contracts", len(pkg.Releases), d.Rows)
	}
	ocids := map[string]bool{}
	total := new(big.Rat)
	var direct, linked int64
	for _, r := range pkg.Releases {
		if ocids[r.OCID] || !strings.HasPrefix(r.OCID, LocalOCIDPrefix+"-") || len(r.Tag) != 1 || r.Tag[0] != "compiled" {
			t.Fatalf("ocid %s (seen %v), tag %v", r.OCID, ocids[r.OCID], r.Tag)
		}
		ocids[r.OCID] = true
		roles := map[string]bool{}
		for _, p := range r.Parties {
			for _, role := range p.Roles {
				roles[role] = true
			}
		}
		if !roles["buyer"] || !roles["supplier"] || len(r.Awards) != 1 {
			t.Fatalf("%s: roles %v, %d awards", r.OCID, roles, len(r.Awards))
		}
		amount, ok := new(big.Rat).SetString(r.Awards[0].Value.Amount.String())
		if !ok {
			t.Fatalf("%s: amount %q", r.OCID, r.Awards[0].Value.Amount)
		}
		total.Add(total, amount)
		if r.Tender.ProcurementMethod == "direct" {
			direct++
		}
		if len(r.RelatedProcesses) > 0 {
			linked++
		}
		for _, it := range r.Tender.Items {
			if c := it.Classification; c != nil && (c.Scheme != "CPV" || len(c.ID) != 8) {
				t.Errorf("%s: item classification %+v", r.OCID, c)
			}
		}
	}
	for _, r := range pkg.Releases {
		for _, rp := range r.RelatedProcesses {
			if rp.Scheme != "ocid" || len(rp.Relationship) != 1 || rp.Relationship[0] != "framework" || !ocids[rp.Identifier] {
				t.Errorf("%s: related process %+v is not a framework agreement of the package", r.OCID, rp)
			}
		}
	}
	// The same numbers as the Parquet file of the release.
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	parquet, _ := d.File("parquet")
	var sum string
	var directRows, callOffs int64
	q := `SELECT sum(value)::VARCHAR, count(*) FILTER (kind = 'direct_purchase' OR procedure = 'achiziție directă'),
		count(*) FILTER (kind = 'call_off' AND parent_id IS NOT NULL) FROM read_parquet(?)`
	if err := db.QueryRow(q, filepath.Join(demoLive.Current().Dir, parquet.Path)).Scan(&sum, &directRows, &callOffs); err != nil {
		t.Fatal(err)
	}
	want, _ := new(big.Rat).SetString(sum)
	if total.Cmp(want) != 0 || direct != directRows || linked != callOffs || callOffs == 0 {
		t.Errorf("awards sum %s, %d direct, %d call-offs linked; the Parquet file: %s, %d, %d", total.FloatString(2), direct, linked, sum, directRows, callOffs)
	}
	if resp, body := do(t, s.srv, "GET", path, "If-None-Match", resp.Header.Get("ETag")); resp.StatusCode != 304 || len(body) != 0 {
		t.Errorf("If-None-Match: %d, %d bytes", resp.StatusCode, len(body))
	}
	if resp, body := do(t, s.srv, "HEAD", path); resp.StatusCode != 200 || len(body) != 0 {
		t.Errorf("HEAD: %d, %d bytes", resp.StatusCode, len(body))
	}
}
