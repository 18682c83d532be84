package models

import "time"

// Text is a string in Romanian and English.
type Text struct {
	RO string `json:"ro"`
	EN string `json:"en"`
}

// Column is one column of a published dataset. Type is the DuckDB logical type
// the Parquet file must read back as.
type Column struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description Text   `json:"description"`
}

// Access says who may read a published dataset.
const (
	Public   = "public"   // public/: the site, downloads and the API
	Internal = "internal" // internal/: the dashboards behind a login
)

// PublishedDataset is a dataset of a release, as its manifest declares it.
type PublishedDataset struct {
	Name        string   `json:"name"`
	Access      string   `json:"access"`
	Title       Text     `json:"title"`
	Description Text     `json:"description"`
	Schema      []Column `json:"schema"`
	// Source says where the data comes from; Frequency how often it changes.
	Source    Text `json:"source,omitzero"`
	Frequency Text `json:"frequency,omitzero"`
	// Period is how finely the dataset's coverage dates are meant:
	// PeriodMonth (a date is the first day of its month), PeriodYear (of
	// its year); "" for days.
	Period string `json:"period,omitempty"`
}

// Periods of a dataset's coverage (PublishedDataset.Period).
const (
	PeriodMonth = "month"
	PeriodYear  = "year"
)

// Licence of the published data.
type Licence struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// DefaultLicence is the Romanian open government licence.
var DefaultLicence = Licence{
	ID:    "OGL-ROU-1.0",
	Title: "Licența pentru guvernare deschisă v1.0",
	URL:   "https://data.gov.ro/base/images/logoinst/OGL-ROU-1.0.pdf",
}

// Manifest describes a release: what manifest.json holds.
type Manifest struct {
	ReleaseID     string            `json:"release_id"`
	Created       time.Time         `json:"created"`
	Generator     string            `json:"generator"`
	SchemaVersion int               `json:"schema_version"`
	Licence       Licence           `json:"licence"`
	Datasets      []ManifestDataset `json:"datasets"`
	// Files are the release's files of no one dataset: the Frictionless
	// Data Package of the public datasets (DataPackagePath) and the budgets'
	// Fiscal Data Package (release/publish_fdp.go: its descriptors and the
	// CSVs they describe).
	Files []ReleaseFile `json:"files,omitempty"`
	// Databases are the read-only DuckDB files the site reads the release
	// from (release/publish_database.go): the public datasets as tables
	// sorted for the pages, with the search structures, and apart, the
	// internal ones for the dashboards, and the contracts' text store that
	// completes the public one (release/contract_rows.go, format
	// "deschis-contract-rows"). Their rows are the datasets' rows;
	// their bytes are not promised reproducible, unlike Files. A release
	// published before them has none (it is read from its Parquet files).
	Databases []ReleaseFile `json:"databases,omitempty"`
	// Loads are the files the datasets' rows came from (provenance): one
	// entry per file of each load a dataset lists, so a number can be cited
	// to its source file. A release published before it has none.
	Loads []ManifestLoad `json:"loads"`
}

// DataPackagePath is the release's Frictionless Data Package, in public/
// beside the files its resources name (served at /date/datapackage.json).
const DataPackagePath = "public/datapackage.json"

// File returns the release's file of no one dataset at path.
func (m *Manifest) File(path string) (ReleaseFile, bool) {
	for _, f := range m.Files {
		if f.Path == path {
			return f, true
		}
	}
	return ReleaseFile{}, false
}

// Database returns the release's database file at path.
func (m *Manifest) Database(path string) (ReleaseFile, bool) {
	for _, f := range m.Databases {
		if f.Path == path {
			return f, true
		}
	}
	return ReleaseFile{}, false
}

// ManifestLoad is one file of a load: what a row's load_id points to. File
// is the file's base name only, never a path of the server's disk.
type ManifestLoad struct {
	ID       int64     `json:"id"`
	Dataset  string    `json:"dataset"` // the source dataset loaded (models.SourceDatasets)
	File     string    `json:"file"`
	SHA256   string    `json:"sha256"`
	Bytes    int64     `json:"bytes"`
	LoadedAt time.Time `json:"loaded_at"` // when the load finished, UTC
}

// ManifestDataset is one dataset of a release with its files and lineage.
type ManifestDataset struct {
	PublishedDataset
	Rows     int64         `json:"rows"`
	Coverage Coverage      `json:"coverage"`
	Licence  Licence       `json:"licence"`
	Loads    []int64       `json:"loads"`
	Files    []ReleaseFile `json:"files"`
	// Absent are the download formats a public dataset is not written in,
	// each with the reason and what to use instead (release/publish_rules.go:
	// XLSX only while the dataset fits one Excel sheet).
	Absent []AbsentFormat `json:"absent,omitempty"`
	// Parts are the dataset's Hive-partitioned Parquet files, when it has
	// them (release/publish_partitions.go): the same rows as its Parquet
	// file, split by year and county.
	Parts []PartFile `json:"parts,omitempty"`
}

// PartFile is one file of a dataset's Hive-partitioned Parquet
// (<dataset>/year=2024/county=TM/part-0.parquet): its rows and the values
// of its partition columns, which its path names and the file leaves out.
type PartFile struct {
	ReleaseFile
	Rows      int64             `json:"rows"`
	Partition map[string]string `json:"partition"`
}

// AbsentFormat is a download format a dataset of a release has no file in,
// and why.
type AbsentFormat struct {
	Format string `json:"format"` // a models.Formats id
	Reason Text   `json:"reason"`
}

// Coverage is the period and the institutions a dataset covers.
type Coverage struct {
	From     string   `json:"from,omitempty"` // YYYY-MM-DD
	To       string   `json:"to,omitempty"`
	Entities []string `json:"entities"`
}

// ReleaseFile is one file of a release, relative to the release directory.
type ReleaseFile struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Dataset returns the named dataset of the manifest.
func (m *Manifest) Dataset(name string) (*ManifestDataset, bool) {
	for i := range m.Datasets {
		if m.Datasets[i].Name == name {
			return &m.Datasets[i], true
		}
	}
	return nil, false
}

// LoadsOf are the files of the loads a dataset lists, in load order.
func (m *Manifest) LoadsOf(d *ManifestDataset) []ManifestLoad {
	var out []ManifestLoad
	for _, l := range m.Loads {
		for _, id := range d.Loads {
			if l.ID == id {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

// DataThrough is the last date any public dataset covers: how fresh the
// data is (zero when none says).
func (m *Manifest) DataThrough() time.Time {
	var last time.Time
	for _, d := range m.Datasets {
		if d.Access != Public || d.Coverage.To == "" {
			continue
		}
		if t, err := time.Parse(time.DateOnly, d.Coverage.To); err == nil && t.After(last) {
			last = t
		}
	}
	return last
}
