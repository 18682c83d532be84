package release_test

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

var tableSchemaNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// readTyped reads a Data Package resource as a Frictionless reader does:
// every cell parsed as its field's Table Schema type (a cell that does not
// parse fails the test), and the sum of every integer and number field in
// hundredths.
func readTyped(t *testing.T, base string, res release.DataPackageResource) totals {
	t.Helper()
	f, err := os.Open(filepath.Join(base, filepath.FromSlash(res.Path)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = rune(res.Dialect.Delimiter[0])
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(header) != len(res.Schema.Fields) {
		t.Fatalf("%s: %d columns, the schema has %d fields", res.Name, len(header), len(res.Schema.Fields))
	}
	for i, fd := range res.Schema.Fields {
		if header[i] != fd.Name {
			t.Fatalf("%s: column %d is %q, the schema's field %q", res.Name, i+1, header[i], fd.Name)
		}
	}
	out := totals{sums: map[string]int64{}}
	hundred := big.NewRat(100, 1)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", res.Name, err)
		}
		out.rows++
		for i, fd := range res.Schema.Fields {
			v := rec[i]
			if v == "" { // missingValues: [""]
				continue
			}
			bad := func(err any) {
				t.Fatalf("%s, row %d, %s: %q is not a Table Schema %s (%v)", res.Name, out.rows, fd.Name, v, fd.Type, err)
			}
			switch fd.Type {
			case "integer":
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					bad(err)
				}
				out.sums[fd.Name] += n * 100
			case "number":
				x, ok := new(big.Rat).SetString(v)
				if !ok || !tableSchemaNumber.MatchString(v) {
					bad("not a decimal number")
				}
				x.Mul(x, hundred)
				if !x.IsInt() {
					bad("more than two decimals")
				}
				out.sums[fd.Name] += x.Num().Int64()
			case "boolean":
				if v != "true" && v != "false" {
					bad("not true or false")
				}
			case "date":
				if _, err := time.Parse(time.DateOnly, v); err != nil {
					bad(err)
				}
			case "string":
			default:
				bad("unknown type")
			}
		}
	}
	return out
}

// The release's datapackage.json describes every public dataset's CSV file:
// its size and sha256 as on disk, and a Table Schema whose types read every
// cell back, with the Parquet file's rows and totals.
func TestDataPackageReadsBackWithItsTableSchema(t *testing.T) {
	dir := demoReleaseDir(t)
	man, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	file, ok := man.File(models.DataPackagePath)
	if !ok {
		t.Fatalf("the manifest lists no %s: %v", models.DataPackagePath, man.Files)
	}
	path := filepath.Join(dir, filepath.FromSlash(file.Path))
	if sum, size, err := models.FileSHA256(path); err != nil || sum != file.SHA256 || size != file.Bytes {
		t.Fatalf("%s: sha256 %s, %d bytes (%v); the manifest says %s, %d", file.Path, sum, size, err, file.SHA256, file.Bytes)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var dp release.DataPackage
	if err := json.Unmarshal(b, &dp); err != nil {
		t.Fatal(err)
	}
	if dp.Profile != "tabular-data-package" || len(dp.Licenses) != 1 || dp.Licenses[0].Name != "OGL-ROU-1.0" {
		t.Errorf("profile %q, licences %v", dp.Profile, dp.Licenses)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var public []string
	for _, d := range man.Datasets {
		if d.Access == models.Public {
			public = append(public, d.Name)
		}
	}
	if len(dp.Resources) != len(public) {
		t.Fatalf("%d resources, %d public datasets (%v)", len(dp.Resources), len(public), public)
	}
	base := filepath.Dir(path)
	for i, res := range dp.Resources {
		d, ok := man.Dataset(res.Name)
		if !ok || res.Name != public[i] {
			t.Fatalf("resource %d is %s, the public dataset %s", i, res.Name, public[i])
		}
		csvFile, _ := d.File("csv")
		sum, size, err := models.FileSHA256(filepath.Join(base, filepath.FromSlash(res.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Hash != "sha256:"+sum || res.Bytes != size || csvFile.SHA256 != sum {
			t.Errorf("%s: hash %s and %d bytes, the file is sha256:%s and %d bytes (manifest %s)", res.Name, res.Hash, res.Bytes, sum, size, csvFile.SHA256)
		}
		got := readTyped(t, base, res)
		parquet, _ := d.File("parquet")
		want := duckTotals(t, db, d, "read_parquet('"+strings.ReplaceAll(filepath.Join(dir, parquet.Path), "'", "''")+"')")
		if got.String() != want.String() {
			t.Errorf("%s read with its Table Schema: %v; the Parquet file: %v", res.Name, got, want)
		}
	}
}

// Every DuckDB type a dataset declares has its Table Schema type, and an
// unknown one is an error, not a string.
func TestTableSchemaTypes(t *testing.T) {
	for duck, want := range map[string]string{"VARCHAR": "string", "INTEGER": "integer", "BIGINT": "integer",
		"DECIMAL(18,2)": "number", "DECIMAL(5,2)": "number", "BOOLEAN": "boolean", "DATE": "date"} {
		if got, err := release.TableSchemaType(duck); got != want || err != nil {
			t.Errorf("%s: %q %v, want %q", duck, got, err, want)
		}
	}
	if got, err := release.TableSchemaType("BLOB"); err == nil {
		t.Errorf("BLOB: %q, want an error", got)
	}
	for _, ds := range release.Datasets {
		for _, c := range ds.Schema {
			if _, err := release.TableSchemaType(c.Type); err != nil {
				t.Errorf("%s.%s: %v", ds.Name, c.Name, err)
			}
		}
	}
}
