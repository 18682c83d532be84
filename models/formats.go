package models

// Format is a download format of a public dataset: every public dataset of
// a release is written in each of them at publish, as the file
// public/<name><Suffix>, downloaded at /date/<name><Suffix>.
type Format struct {
	ID        string // the manifest's ReleaseFile.Format and the API's downloads key
	Suffix    string // after the dataset's name, in the file's name and its URL
	MediaType string
	Label     string // what the catalogue page shows
}

// Formats of the downloads, the release's own Parquet file first. Internal
// datasets are written only as Parquet.
var Formats = []Format{
	{"parquet", ".parquet", "application/vnd.apache.parquet", "Parquet"},
	{"csv", ".csv", "text/csv; charset=utf-8", "CSV"},
	{"csv-excel", "-excel.csv", "text/csv; charset=utf-8", "CSV Excel"},
	{"json", ".json", "application/json", "JSON"},
	{"ndjson", ".ndjson", "application/x-ndjson", "NDJSON"},
	{"arrow", ".arrows", "application/vnd.apache.arrow.stream", "Arrow"},
	{"xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"},
}

// FormatBySuffix returns the format whose file a name ends with, and the
// dataset name before it ("procurement-excel.csv": csv-excel, procurement).
func FormatBySuffix(file string) (Format, string, bool) {
	var best Format
	name, found := "", false
	for _, f := range Formats {
		if len(file) > len(f.Suffix) && file[len(file)-len(f.Suffix):] == f.Suffix && len(f.Suffix) > len(best.Suffix) {
			best, name, found = f, file[:len(file)-len(f.Suffix)], true
		}
	}
	return best, name, found
}

// File returns the dataset's file of a format ("" when the release has none).
func (d *ManifestDataset) File(format string) (ReleaseFile, bool) {
	for _, f := range d.Files {
		if f.Format == format {
			return f, true
		}
	}
	return ReleaseFile{}, false
}

// FormatByID returns the download format of an id ("xlsx").
func FormatByID(id string) (Format, bool) {
	for _, f := range Formats {
		if f.ID == id {
			return f, true
		}
	}
	return Format{}, false
}
