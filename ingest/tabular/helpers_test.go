package tabular

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// result is what a test reads from a file: the good records, the rejects
// (every RowError) and how many rows were skipped (skips: by reason).
type result struct {
	good    []*models.Record
	rejects []models.RowError
	skipped int
	skips   models.Skips
}

// run parses a mapping and reads content (a string or a file path given as
// "@path") through Open; a whole-file refusal comes back as err.
func run(t *testing.T, yaml string, content io.Reader, opt ingest.Options) (result, error) {
	t.Helper()
	m, err := ParseMapping("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatalf("ParseMapping: %v", err)
	}
	return runMapping(t, m, content, opt)
}

func runMapping(t *testing.T, m *Mapping, content io.Reader, opt ingest.Options) (result, error) {
	t.Helper()
	if opt.File == "" {
		opt.File = "f"
	}
	rr, err := Open(m, content, opt)
	if err != nil {
		return result{}, err
	}
	defer rr.Close()
	var res result
	for {
		rec, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return res, err
		}
		if len(rec.Errors) == 0 {
			res.good = append(res.good, rec)
		}
		res.rejects = append(res.rejects, rec.Errors...)
	}
	res.skips = rr.(models.SkipCounter).SkippedRows()
	res.skipped = int(res.skips.Total())
	return res, nil
}

func openFile(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("data file missing: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func loadMapping(t *testing.T, path string) *Mapping {
	t.Helper()
	m, err := LoadMapping(path)
	if err != nil {
		t.Fatal(err)
	}
	if errs := m.Check(); len(errs) > 0 {
		t.Fatalf("Check(%s): %v", path, errors.Join(errs...))
	}
	return m
}

// value returns a field of a record by name.
func value(rec *models.Record, dataset, field string) any {
	return rec.Values[models.FieldIndex(dataset, field)]
}

// fileError asserts err is a *models.FileError whose reason contains want.
func fileError(t *testing.T, err error, want string) {
	t.Helper()
	var fe *models.FileError
	if !errors.As(err, &fe) {
		t.Fatalf("want a *models.FileError ~%q, got %v", want, err)
	}
	if !strings.Contains(fe.Reason, want) {
		t.Fatalf("FileError reason %q does not contain %q", fe.Reason, want)
	}
}

func ingestOpt() ingest.Options { return ingest.Options{File: "f"} }
