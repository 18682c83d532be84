package release_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// fdpSchema is the Fiscal Data Package's JSON Schema (testdata/fdp-schema).
func fdpSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	for _, f := range []string{"fiscal-data-package.json", "definitions.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "fdp-schema", f))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if f == "definitions.json" {
			// The schema refers to a "base" the definitions lack
			// upstream: any value (the descriptor does not use it).
			doc.(map[string]any)["define"].(map[string]any)["base"] = map[string]any{}
		}
		if err := c.AddResource("https://schemas.example/"+f, doc); err != nil {
			t.Fatal(err)
		}
	}
	sch, err := c.Compile("https://schemas.example/fiscal-data-package.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

var tableNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// readTyped reads a CSV with a Table Schema's types: the header is the
// fields' names, and every cell reads as its field's type (empty: null).
func readFDPTyped(t *testing.T, path string, fields []release.FDPField) [][]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, fl := range fields {
		names = append(names, fl.Name)
	}
	if !slices.Equal(recs[0], names) {
		t.Fatalf("%s: header %v, the descriptor's fields %v", path, recs[0], names)
	}
	var out [][]any
	for line, rec := range recs[1:] {
		row := make([]any, len(rec))
		for i, cell := range rec {
			if cell == "" {
				continue
			}
			var err error
			switch fields[i].Type {
			case "string":
				row[i] = cell
			case "integer":
				row[i], err = strconv.ParseInt(cell, 10, 64)
			case "number":
				if !tableNumber.MatchString(cell) {
					t.Fatalf("%s line %d: %s = %q is not a Table Schema number", path, line+2, fields[i].Name, cell)
				}
				row[i], _ = new(big.Rat).SetString(cell)
			case "date":
				row[i], err = time.Parse(time.DateOnly, cell)
			case "boolean":
				if cell != "true" && cell != "false" {
					t.Fatalf("%s line %d: %s = %q is not a boolean", path, line+2, fields[i].Name, cell)
				}
				row[i] = cell == "true"
			default:
				t.Fatalf("%s: field %s has type %s", path, fields[i].Name, fields[i].Type)
			}
			if err != nil {
				t.Fatalf("%s line %d: %s = %q: %v", path, line+2, fields[i].Name, cell, err)
			}
		}
		out = append(out, row)
	}
	return out
}

// The budgets' Fiscal Data Package of a published release: each descriptor
// validates against FDP's JSON Schema, its CSVs read back with its types,
// are the dataset's CSV download split by kind (rows and sums to the ban),
// measures have currency, direction and phase, every column is a measure or
// an attribute of a dimension, and the manifest lists every file with its
// size and sha256 as etl verify checks them.
func TestFiscalDataPackage(t *testing.T) {
	dir := demoReleaseDir(t)
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	sch := fdpSchema(t)
	listed := map[string]models.ReleaseFile{}
	for _, f := range man.Files {
		if f.Format == release.FormatFDP || f.Format == release.FormatFDPCSV {
			listed[f.Path] = f
		}
	}
	if len(listed) != 6 {
		t.Fatalf("the manifest lists %v, want 2 descriptors and 4 CSVs", man.Files)
	}
	for _, name := range []string{models.DatasetBudget, models.DatasetBudgetMonthly} {
		descPath := "public/" + name + release.FDPSuffix
		if listed[descPath].Format != release.FormatFDP {
			t.Fatalf("%s is not listed as %s: %v", descPath, release.FormatFDP, listed)
		}
		b, err := os.ReadFile(filepath.Join(dir, descPath))
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s is not a Fiscal Data Package: %v", descPath, err)
		}
		// The schema is live: a direction it does not know fails it.
		for _, m := range v.(map[string]any)["model"].(map[string]any)["measures"].(map[string]any) {
			m.(map[string]any)["direction"] = "spending"
			break
		}
		if err := sch.Validate(v); err == nil {
			t.Errorf("%s with a measure's direction \"spending\" validates", descPath)
		}
		var pkg release.FDP
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&pkg); err != nil {
			t.Fatal(err)
		}
		if pkg.Profile != "fiscal-data-package" || pkg.CountryCode != "RO" || pkg.FiscalPeriod == nil || len(pkg.Resources) != 2 {
			t.Fatalf("%s: %+v", descPath, pkg)
		}
		md, _ := man.Dataset(name)
		rows := readCSVDownload(t, filepath.Join(dir, "public", name+".csv"))
		kinds := map[string]string{"expenditure": string(models.Expense), "revenue": string(models.Revenue)}
		var n int64
		for _, res := range pkg.Resources {
			f := listed["public/"+res.Path]
			if f.Format != release.FormatFDPCSV || f.Bytes != res.Bytes || "sha256:"+f.SHA256 != res.Hash {
				t.Errorf("%s: the manifest says %+v, the descriptor %d bytes %s", res.Path, f, res.Bytes, res.Hash)
			}
			sum, size, err := models.FileSHA256(filepath.Join(dir, "public", res.Path))
			if err != nil || size != res.Bytes || "sha256:"+sum != res.Hash {
				t.Errorf("%s on disk: %d bytes sha256 %s (%v)", res.Path, size, sum, err)
			}
			typed := readFDPTyped(t, filepath.Join(dir, "public", res.Path), res.Schema.Fields)
			n += int64(len(typed))
			col := map[string]int{}
			for i, fl := range res.Schema.Fields {
				col[fl.Name] = i
			}
			// Which kind this file holds: the measures of the resource say.
			var direction string
			covered := map[string]bool{}
			for mname, m := range pkg.Model.Measures {
				if m.Resource != res.Name {
					continue
				}
				direction = m.Direction
				covered[m.Source] = true
				if m.Currency != "RON" || m.Factor != 1 || (m.Phase == "" && m.Source != "commitments" && m.Source != "commitments_cumulative") {
					t.Errorf("%s: measure %s %+v", descPath, mname, m)
				}
				if i, ok := col[m.Source]; !ok || res.Schema.Fields[i].Type != "number" {
					t.Errorf("%s: measure %s has source %s, not a number field", descPath, mname, m.Source)
				}
			}
			for dname, d := range pkg.Model.Dimensions {
				for _, a := range d.Attributes {
					if _, ok := col[a.Source]; !ok {
						t.Errorf("%s: dimension %s names %s, no field of %s", descPath, dname, a.Source, res.Name)
					}
					covered[a.Source] = true
				}
				if d.DimensionType == "classification" && d.ClassificationType == "" {
					t.Errorf("%s: %s has no classificationType", descPath, dname)
				}
			}
			for _, fl := range res.Schema.Fields {
				if !covered[fl.Name] {
					t.Errorf("%s: the column %s is neither a measure nor a dimension", descPath, fl.Name)
				}
			}
			// Its rows are the download's rows of that kind, in order.
			kind := kinds[direction]
			var want [][]string
			for _, r := range rows[1:] {
				if r[col["kind"]] == kind {
					want = append(want, r)
				}
			}
			if len(want) == 0 || len(want) != len(typed) {
				t.Fatalf("%s: %d rows, %s.csv has %d of kind %q", res.Path, len(typed), name, len(want), kind)
			}
			total, fromDownload := new(big.Rat), new(big.Rat)
			for i, r := range typed {
				if r[col["kind"]] != kind {
					t.Fatalf("%s line %d: kind %v", res.Path, i+2, r[col["kind"]])
				}
				if e, ok := r[col["executed"]].(*big.Rat); ok {
					total.Add(total, e)
				}
				e, _ := new(big.Rat).SetString(want[i][col["executed"]])
				fromDownload.Add(fromDownload, e)
			}
			if total.Cmp(fromDownload) != 0 || total.Sign() == 0 {
				t.Errorf("%s: executed sums to %s, the download's %s rows to %s", res.Path, total.FloatString(2), kind, fromDownload.FloatString(2))
			}
		}
		if n != md.Rows {
			t.Errorf("%s: the two CSVs hold %d rows, the dataset %d", name, n, md.Rows)
		}
	}
	if problems, err := release.Verify(context.Background(), dir); err != nil || len(problems) != 0 {
		t.Errorf("verify: %v %v", problems, err)
	}
}

func readCSVDownload(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}
