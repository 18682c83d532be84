// Package ingest reads source files in their real-world shapes and maps them to
// the fields of a Deschis dataset (models.SourceFields), one typed record at a
// time. A value that cannot be read becomes a models.RowError naming the file,
// line, column, value and reason; a file that cannot be read at all is refused
// with one *models.FileError.
//
// Formats are registered by name in init(), one file per format, each with a
// narrow Open/Next/Close contract (the shape of Benthos sources).
package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"sync"

	"github.com/deschis/deschis/models"
)

// Options configure one file's reader.
type Options struct {
	Dataset string // one of models.SourceDatasets
	File    string // the name shown in errors (usually the path)
	// Entity is the institution the file belongs to (etl load --entity). It
	// fills the entity field when the source has none and, when the source
	// names an institution on each row, every row must name this one.
	Entity string
	// OnlyEntity keeps only the rows of Entity and skips the others without
	// rejecting them: a national export (SICAP, OCDS) holds thousands of
	// buyers, of which a deployment wants its own.
	OnlyEntity bool
	// Keep, when not nil, keeps only the rows of the institutions it holds
	// (etl load --only-deployment: every institution of the warehouse) and
	// skips the others without rejecting them (keep.go).
	Keep KeepSet
	// Mapping is the path of the mapping file of the generic formats (csv,
	// xlsx, json): which source column feeds which field.
	Mapping string
}

// OpenFunc opens a reader over r for one dataset.
type OpenFunc func(r io.Reader, opt Options) (models.RowReader, error)

// Format describes a registered source format.
type Format struct {
	Name        string
	Description string // one line, Romanian, for --help
	Datasets    []string
	Open        OpenFunc
	// NeedsMapping formats read nothing without --mapping FILE.
	NeedsMapping bool
}

var (
	registryMu sync.RWMutex
	registry   = map[string]Format{}
)

// Register adds a format; it panics on a duplicate name (a programming error).
func Register(f Format) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[f.Name]; dup {
		panic("ingest: format registered twice: " + f.Name)
	}
	registry[f.Name] = f
}

// Formats lists the registered formats by name.
func Formats() []Format {
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]Format, 0, len(registry))
	for _, f := range registry {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Check fails with models.ErrInvalid for an unknown format, a dataset the
// format cannot produce, or a mapping given to a format without one (or
// missing for a format that needs one): callers check before any file is read.
func Check(format, dataset, mapping string) error {
	f, err := lookup(format, dataset)
	switch {
	case err != nil:
		return err
	case f.NeedsMapping && mapping == "":
		return fmt.Errorf("%w: formatul %q cere --mapping FIȘIER (vezi docs/mapping.md)", models.ErrInvalid, format)
	case !f.NeedsMapping && mapping != "":
		return fmt.Errorf("%w: formatul %q nu folosește --mapping", models.ErrInvalid, format)
	}
	return nil
}

// Open returns a reader of format over r. It fails as Check does.
func Open(format string, r io.Reader, opt Options) (models.RowReader, error) {
	f, err := lookup(format, opt.Dataset)
	if err != nil {
		return nil, err
	}
	return f.Open(r, opt)
}

func lookup(format, dataset string) (Format, error) {
	registryMu.RLock()
	f, ok := registry[format]
	registryMu.RUnlock()
	if !ok {
		names := []string{}
		for _, f := range Formats() {
			names = append(names, f.Name)
		}
		return Format{}, fmt.Errorf("%w: formatul %q nu există (formate: %v)", models.ErrInvalid, format, names)
	}
	if !slices.Contains(f.Datasets, dataset) {
		return Format{}, fmt.Errorf("%w: formatul %q nu poate încărca setul %q (doar %v)", models.ErrInvalid, format, dataset, f.Datasets)
	}
	return f, nil
}

// OpenFile opens the file at path (opt.File) with format's reader; closing
// the reader closes the file. wrap, when not nil, wraps the file's bytes on
// their way to the reader (a progress counter).
func OpenFile(format string, opt Options, wrap func(io.Reader) io.Reader) (models.RowReader, error) {
	f, err := os.Open(opt.File)
	if err != nil {
		return nil, err
	}
	var r io.Reader = f
	if wrap != nil {
		r = wrap(f)
	}
	rr, err := Open(format, r, opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	return fileReader{rr, f}, nil
}

// fileReader is a reader that closes its file after itself.
type fileReader struct {
	models.RowReader
	f *os.File
}

func (r fileReader) Close() error { return errors.Join(r.RowReader.Close(), r.f.Close()) }

// SkippedRows passes on the reader's count of skipped rows (models.SkipCounter).
func (r fileReader) SkippedRows() models.Skips {
	if sc, ok := r.RowReader.(models.SkipCounter); ok {
		return sc.SkippedRows()
	}
	return nil
}
