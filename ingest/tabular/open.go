package tabular

import (
	"fmt"
	"io"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// The three formats are registered so that `etl formats` lists them and
// `etl load --format csv --mapping FILE` reads with the mapping file the
// options name (ingest.Options.Mapping).
func init() {
	for _, f := range []struct{ name, desc string }{
		{FormatCSV, "CSV de orice formă (codificare, separator, antet, notații românești), cu o mapare YAML: --mapping FIȘIER"},
		{FormatXLSX, "foaie XLSX, cu o mapare YAML: --mapping FIȘIER"},
		{FormatJSON, "JSON (listă, listă la o cale sau NDJSON), cu o mapare YAML: --mapping FIȘIER"},
	} {
		name := f.name
		ingest.Register(ingest.Format{
			Name: name, Description: f.desc, Datasets: models.SourceDatasets, NeedsMapping: true,
			Open: func(r io.Reader, opt ingest.Options) (models.RowReader, error) {
				if opt.Mapping == "" {
					return nil, fmt.Errorf("%w: formatul %s cere o mapare: --mapping FIȘIER (vezi docs/mapping.md)", models.ErrInvalid, name)
				}
				m, err := LoadMapping(opt.Mapping)
				if err != nil {
					return nil, err
				}
				if m.Format != name {
					return nil, fmt.Errorf("%w: maparea %s este pentru formatul %s, nu %s", models.ErrInvalid, opt.Mapping, m.Format, name)
				}
				return Open(m, r, opt)
			},
		})
	}
}

// Open returns a reader of r as the mapping says. opt.Dataset may be empty
// (the mapping's is used) or must equal the mapping's; opt.File names the file
// in errors; opt.Entity (--entity) fills the entity field when the mapping
// gives none and is asserted on every row otherwise.
//
// A mapping with problems (Check) fails with models.ErrInvalid before any
// byte is read; a file that cannot be read at all fails with a
// *models.FileError. The reader also implements models.SkipCounter: the rows
// skipped by skip_rows_where (models.SkipMatched) and skip_blank_rows
// (models.SkipBlank).
//
// CSV and JSON stream. XLSX reads the whole file into memory (a ZIP archive
// needs random access); r may simply be the open file.
func Open(m *Mapping, r io.Reader, opt ingest.Options) (models.RowReader, error) {
	if err := errCheck(m.Check()); err != nil {
		return nil, err
	}
	if opt.Dataset == "" {
		opt.Dataset = m.Dataset
	}
	if opt.Dataset != m.Dataset {
		return nil, fmt.Errorf("%w: maparea %s este pentru setul %s, nu %s", models.ErrInvalid, m.File, m.Dataset, opt.Dataset)
	}
	p, err := compile(m, opt)
	if err != nil {
		return nil, err
	}
	switch m.Format {
	case FormatXLSX:
		return openXLSX(p, r)
	case FormatJSON:
		return openJSON(p, r)
	}
	return openCSV(p, r)
}

func ingestOptions(file string) ingest.Options { return ingest.Options{File: file} }
