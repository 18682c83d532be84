package release

// The budgets as a Fiscal Data Package (FDP 0.3, the model OpenSpending's
// babbage reads: measures with currency, direction and phase;
// classification dimensions), written at publish beside the downloads:
//
//	public/budget.fdp.json                          the annual budget's descriptor
//	public/budget.expenditure.csv, budget.revenue.csv   the rows of budget.csv of each kind
//	public/budget_execution_monthly.fdp.json        the monthly execution's descriptor
//	public/budget_execution_monthly.expenditure.csv, …revenue.csv
//
// An FDP measure has one direction, and a row of the budget datasets is an
// expense or a revenue (kind): so each descriptor describes two CSVs, the
// dataset's CSV download split by kind (the same columns, rows and order),
// and each measure is a column of one of them. The files are listed in the
// manifest's fiscal_data_package with bytes and sha256, checked by etl
// verify, and hold nothing of the release's id or time: publishing the same
// warehouse twice writes the same bytes. They are served at
// /date/<file> (opendata) so the descriptor's relative paths resolve.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/deschis/deschis/models"
)

// Formats of the Fiscal Data Package's files in the manifest.
const (
	FormatFDP    = "fdp"     // a descriptor (<dataset>.fdp.json)
	FormatFDPCSV = "fdp-csv" // a CSV it describes (<dataset>.<direction>.csv)
)

// FDPSuffix ends the name of a dataset's descriptor.
const FDPSuffix = ".fdp.json"

// fdpDirections are the FDP directions of the budget kinds.
var fdpDirections = []struct {
	kind      models.BudgetKind
	direction string
}{{models.Expense, "expenditure"}, {models.Revenue, "revenue"}}

// fdpMeasures are the measures of each dataset: phase approved (the initial
// budget), adjusted (final, after revisions), executed (payments, receipts).
// Commitments (angajamente, drepturi constatate) are no FDP phase.
var fdpMeasures = map[string][]string{
	models.DatasetBudget:        {"initial_budget", "final_budget", "commitments", "executed"},
	models.DatasetBudgetMonthly: {"final_budget", "commitments", "executed", "commitments_cumulative", "executed_cumulative"},
}

var fdpPhases = map[string]string{
	"initial_budget": "approved", "final_budget": "adjusted",
	"executed": "executed", "executed_cumulative": "executed",
}

// FDP is a Fiscal Data Package descriptor.
type FDP struct {
	Profile      string          `json:"profile"`
	Name         string          `json:"name"`
	Title        string          `json:"title"`
	Description  string          `json:"description"`
	License      FDPLicense      `json:"license"`
	CountryCode  string          `json:"countryCode"`
	Granularity  string          `json:"granularity"`
	FiscalPeriod *FDPPeriod      `json:"fiscalPeriod,omitempty"`
	Resources    []FDPResource   `json:"resources"`
	Model        FDPModel        `json:"model"`
	Sources      []FDPSourceText `json:"sources"`
}

type FDPLicense struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

type FDPPeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type FDPSourceText struct {
	Name string `json:"name"`
}

// FDPResource is a CSV of the package, with its Table Schema.
type FDPResource struct {
	Name      string         `json:"name"`
	Path      string         `json:"path"` // beside the descriptor
	Format    string         `json:"format"`
	MediaType string         `json:"mediatype"`
	Encoding  string         `json:"encoding"`
	Bytes     int64          `json:"bytes"`
	Hash      string         `json:"hash"` // sha256:<hex>
	Schema    FDPTableSchema `json:"schema"`
}

type FDPTableSchema struct {
	Fields []FDPField `json:"fields"`
}

// FDPField is a column: its Table Schema type (string, integer, number,
// date, boolean) from the published DuckDB type.
type FDPField struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description"`
}

type FDPModel struct {
	Measures   map[string]FDPMeasure   `json:"measures"`
	Dimensions map[string]FDPDimension `json:"dimensions"`
}

type FDPMeasure struct {
	Source    string `json:"source"`
	Resource  string `json:"resource"`
	Currency  string `json:"currency"`
	Factor    int    `json:"factor"`
	Direction string `json:"direction"`
	Phase     string `json:"phase,omitempty"`
	Title     string `json:"title"`
}

type FDPDimension struct {
	DimensionType      string                  `json:"dimensionType"`
	ClassificationType string                  `json:"classificationType,omitempty"`
	Attributes         map[string]FDPAttribute `json:"attributes"`
	PrimaryKey         []string                `json:"primaryKey"`
}

type FDPAttribute struct {
	Source   string `json:"source"`
	Parent   string `json:"parent,omitempty"`
	LabelFor string `json:"labelfor,omitempty"`
}

// tableType is the Table Schema type of a published DuckDB type.
func tableType(duck string) string {
	switch {
	case duck == "VARCHAR":
		return "string"
	case duck == "INTEGER" || duck == "BIGINT":
		return "integer"
	case strings.HasPrefix(duck, "DECIMAL("):
		return "number"
	case duck == "DATE":
		return "date"
	case duck == "BOOLEAN":
		return "boolean"
	}
	return "any"
}

// fdpDimensions are the dimensions of a dataset: every column that is not a
// measure belongs to one, attributes with the columns' names.
func fdpDimensions(name string) map[string]FDPDimension {
	a := func(attrs ...string) map[string]FDPAttribute { // name, or name>parent, or name=labelled
		out := map[string]FDPAttribute{}
		for _, s := range attrs {
			if n, label, ok := strings.Cut(s, "="); ok {
				out[n] = FDPAttribute{Source: n, LabelFor: label}
			} else if n, parent, ok := strings.Cut(s, ">"); ok {
				out[n] = FDPAttribute{Source: n, Parent: parent}
			} else {
				out[s] = FDPAttribute{Source: s}
			}
		}
		return out
	}
	other := func(col string) FDPDimension {
		return FDPDimension{DimensionType: "other", Attributes: a(col), PrimaryKey: []string{col}}
	}
	d := map[string]FDPDimension{
		"section":        other("section"),
		"funding_source": other("funding_source"),
		"kind":           other("kind"),
		"intra_group":    other("intra_group"),
	}
	if name == models.DatasetBudget {
		// Provenance: the load each row came from (the manifest's loads).
		d["load"] = other("load_id")
		d["date"] = FDPDimension{DimensionType: "datetime", Attributes: a("year", "reported_month", "report_date"), PrimaryKey: []string{"year"}}
		d["administrative"] = FDPDimension{DimensionType: "classification", ClassificationType: "administrative",
			Attributes: a("group_cui", "entity_cui>group_cui", "entity_name=entity_cui"), PrimaryKey: []string{"entity_cui"}}
		d["functional"] = FDPDimension{DimensionType: "classification", ClassificationType: "functional",
			Attributes: a("chapter_code", "chapter_name=chapter_code", "functional_code>chapter_code", "functional_name=functional_code"), PrimaryKey: []string{"functional_code"}}
		d["economic"] = FDPDimension{DimensionType: "classification", ClassificationType: "economic",
			Attributes: a("economic_title", "economic_title_name=economic_title", "economic_code>economic_title", "economic_name=economic_code"), PrimaryKey: []string{"economic_code"}}
	} else {
		d["date"] = FDPDimension{DimensionType: "datetime", Attributes: a("year", "month>year", "months_covered"), PrimaryKey: []string{"year", "month"}}
		d["administrative"] = FDPDimension{DimensionType: "classification", ClassificationType: "administrative",
			Attributes: a("group_cui", "entity_cui>group_cui"), PrimaryKey: []string{"entity_cui"}}
		d["functional"] = FDPDimension{DimensionType: "classification", ClassificationType: "functional",
			Attributes: a("chapter_code", "functional_code>chapter_code"), PrimaryKey: []string{"functional_code"}}
		d["economic"] = FDPDimension{DimensionType: "classification", ClassificationType: "economic",
			Attributes: a("economic_title", "economic_code>economic_title"), PrimaryKey: []string{"economic_code"}}
	}
	return d
}

// publishFDP writes the Fiscal Data Package of the budget datasets into the
// release directory dir, from their Parquet files, once man lists them.
func publishFDP(ctx context.Context, conn *sql.Conn, dir string, man *models.Manifest) ([]models.ReleaseFile, error) {
	var files []models.ReleaseFile
	for _, name := range []string{models.DatasetBudget, models.DatasetBudgetMonthly} {
		ds, ok := Lookup(name)
		md, found := man.Dataset(name)
		if !ok || !found || ds.Access != models.Public {
			return nil, fmt.Errorf("pachetul FDP: setul %s lipsește", name)
		}
		parquet, ok := md.File("parquet")
		if !ok {
			return nil, fmt.Errorf("pachetul FDP: setul %s nu are fișier Parquet", name)
		}
		neutral, _ := csvColumns(ds)
		var fields []FDPField
		for _, c := range ds.Schema {
			fields = append(fields, FDPField{Name: c.Name, Type: tableType(c.Type), Description: c.Description.RO + " / " + c.Description.EN})
		}
		pkg := FDP{
			Profile: "fiscal-data-package", Name: "deschis-" + strings.ReplaceAll(name, "_", "-"),
			Title:       ds.Title.RO + " / " + ds.Title.EN,
			Description: ds.Description.RO + " Cheltuielile și veniturile sunt în fișiere separate: o măsură are o singură direcție. / " + ds.Description.EN + " Expenses and revenues are in separate files: a measure has one direction.",
			License:     FDPLicense{Type: man.Licence.ID, URL: man.Licence.URL},
			CountryCode: "RO", Granularity: "aggregated",
			Model:   FDPModel{Measures: map[string]FDPMeasure{}, Dimensions: fdpDimensions(name)},
			Sources: []FDPSourceText{{Name: ds.Source.RO}},
		}
		if md.Coverage.From != "" {
			pkg.FiscalPeriod = &FDPPeriod{Start: md.Coverage.From[:4] + "-01-01", End: md.Coverage.To[:4] + "-12-31"}
		}
		for _, d := range fdpDirections {
			res := name + "-" + d.direction
			rel := filepath.Join(ds.Access, name+"."+d.direction+".csv")
			q := "COPY (SELECT " + strings.Join(neutral, ", ") + " FROM read_parquet(" + sqlString(filepath.Join(dir, filepath.FromSlash(parquet.Path))) +
				") WHERE kind = " + sqlString(string(d.kind)) + ") TO " + sqlString(filepath.Join(dir, rel)) + " (FORMAT csv, HEADER true)"
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return nil, fmt.Errorf("pachetul FDP %s: %w", res, err)
			}
			f, err := releaseFile(dir, rel, FormatFDPCSV)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
			pkg.Resources = append(pkg.Resources, FDPResource{Name: res, Path: filepath.Base(rel), Format: "csv", MediaType: "text/csv",
				Encoding: "utf-8", Bytes: f.Bytes, Hash: "sha256:" + f.SHA256, Schema: FDPTableSchema{Fields: fields}})
			for _, m := range fdpMeasures[name] {
				col := columnOf(ds, m)
				pkg.Model.Measures[m+"_"+d.direction] = FDPMeasure{Source: m, Resource: res, Currency: "RON", Factor: 1,
					Direction: d.direction, Phase: fdpPhases[m], Title: col.Description.RO + " / " + col.Description.EN}
			}
		}
		b, err := json.MarshalIndent(pkg, "", "  ")
		if err != nil {
			return nil, err
		}
		rel := filepath.Join(ds.Access, name+FDPSuffix)
		if err := os.WriteFile(filepath.Join(dir, rel), append(b, '\n'), 0o644); err != nil {
			return nil, err
		}
		f, err := releaseFile(dir, rel, FormatFDP)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

func columnOf(ds Dataset, name string) models.Column {
	for _, c := range ds.Schema {
		if c.Name == name {
			return c
		}
	}
	return models.Column{Name: name}
}
