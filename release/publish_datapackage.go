package release

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/deschis/deschis/models"
)

// The release's Frictionless Data Package (https://specs.frictionlessdata.io/,
// the tabular-data-package profile): one tabular resource per public
// dataset, its CSV file (UTF-8, `,`, a header), with the dataset's Table
// Schema, its size and its sha256. The package sits in public/ beside the
// files it names, so a resource's path ("procurement.csv") resolves both on
// disk and at its URLs (/date/datapackage.json, /date/editii/<id>/datapackage.json).
// It says nothing that changes from one publish to the next (no release id,
// no time): publishing the same warehouse twice writes the same bytes.

// DataPackage is datapackage.json.
type DataPackage struct {
	Profile     string                `json:"profile"`
	Name        string                `json:"name"`
	Title       string                `json:"title"`
	Description string                `json:"description"`
	Licenses    []DataPackageLicense  `json:"licenses"`
	Resources   []DataPackageResource `json:"resources"`
}

// DataPackageLicense is a licence of the package.
type DataPackageLicense struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Title string `json:"title"`
}

// DataPackageResource is one dataset's CSV file.
type DataPackageResource struct {
	Profile     string               `json:"profile"`
	Name        string               `json:"name"`
	Path        string               `json:"path"`
	Title       string               `json:"title"`
	Description string               `json:"description"`
	Format      string               `json:"format"`
	MediaType   string               `json:"mediatype"`
	Encoding    string               `json:"encoding"`
	Bytes       int64                `json:"bytes"`
	Hash        string               `json:"hash"` // sha256:<hex>
	Dialect     DataPackageDialect   `json:"dialect"`
	Schema      DataPackageSchema    `json:"schema"`
	Licenses    []DataPackageLicense `json:"licenses"`
}

// DataPackageDialect is the CSV dialect of a resource.
type DataPackageDialect struct {
	Delimiter string `json:"delimiter"`
	Header    bool   `json:"header"`
}

// DataPackageSchema is a Table Schema.
type DataPackageSchema struct {
	Fields        []DataPackageField `json:"fields"`
	MissingValues []string           `json:"missingValues"`
}

// DataPackageField is one column of a Table Schema.
type DataPackageField struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description"`
}

// TableSchemaType is the Table Schema type of a DuckDB column type: what
// a reader must parse the CSV cell as.
func TableSchemaType(duck string) (string, error) {
	switch {
	case duck == "VARCHAR":
		return "string", nil
	case duck == "TINYINT", duck == "SMALLINT", duck == "INTEGER", duck == "BIGINT", duck == "HUGEINT",
		duck == "UTINYINT", duck == "USMALLINT", duck == "UINTEGER", duck == "UBIGINT":
		return "integer", nil
	case strings.HasPrefix(duck, "DECIMAL("), duck == "DOUBLE", duck == "FLOAT":
		return "number", nil
	case duck == "BOOLEAN":
		return "boolean", nil
	case duck == "DATE":
		return "date", nil
	case duck == "TIMESTAMP", duck == "TIMESTAMP WITH TIME ZONE":
		return "datetime", nil
	}
	return "", fmt.Errorf("tipul DuckDB %s nu are un tip Table Schema", duck)
}

// buildDataPackage describes the public datasets of a release.
func buildDataPackage(man *models.Manifest) (*DataPackage, error) {
	lic := func(l models.Licence) []DataPackageLicense {
		return []DataPackageLicense{{Name: l.ID, Path: l.URL, Title: l.Title}}
	}
	dp := &DataPackage{
		Profile:     "tabular-data-package",
		Name:        "deschis",
		Title:       "Date deschise: bugete, investiții, achiziții publice și cereri",
		Description: "Seturile de date publice ale ediției, fiecare ca fișier CSV (UTF-8, virgulă, antet), cu schema coloanelor, mărimea și sha256. Aceleași rânduri sunt și în celelalte formate ale ediției (manifest.json).",
		Licenses:    lic(man.Licence),
	}
	for _, d := range man.Datasets {
		if d.Access != models.Public {
			continue
		}
		f, ok := d.File("csv")
		if !ok {
			return nil, fmt.Errorf("setul %s nu are fișier CSV", d.Name)
		}
		res := DataPackageResource{
			Profile: "tabular-data-resource", Name: d.Name, Path: strings.TrimPrefix(f.Path, models.Public+"/"),
			Title: d.Title.RO, Description: d.Description.RO, Format: "csv", MediaType: "text/csv", Encoding: "utf-8",
			Bytes: f.Bytes, Hash: "sha256:" + f.SHA256, Dialect: DataPackageDialect{Delimiter: ",", Header: true},
			Schema:   DataPackageSchema{MissingValues: []string{""}},
			Licenses: lic(d.Licence),
		}
		for _, c := range d.Schema {
			typ, err := TableSchemaType(c.Type)
			if err != nil {
				return nil, fmt.Errorf("setul %s, coloana %s: %w", d.Name, c.Name, err)
			}
			res.Schema.Fields = append(res.Schema.Fields, DataPackageField{Name: c.Name, Type: typ, Description: c.Description.RO})
		}
		dp.Resources = append(dp.Resources, res)
	}
	return dp, nil
}

// writeDataPackage writes the release's datapackage.json (DataPackagePath)
// and returns it as a file of the release.
func writeDataPackage(dir string, man *models.Manifest) (models.ReleaseFile, error) {
	dp, err := buildDataPackage(man)
	if err != nil {
		return models.ReleaseFile{}, err
	}
	b, err := json.MarshalIndent(dp, "", "  ")
	if err != nil {
		return models.ReleaseFile{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(models.DataPackagePath)), append(b, '\n'), 0o644); err != nil {
		return models.ReleaseFile{}, err
	}
	return releaseFile(dir, models.DataPackagePath, "datapackage")
}
