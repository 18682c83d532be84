package ocds

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// FuzzReader feeds arbitrary bytes to the reader: it must never panic, end
// with io.EOF or a *models.FileError, and every row must have a line and
// the full set of fields.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json*")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"", "{}", "[]", "[{}]", `{"releases":null}`, `{"records":[{"ocid":"o","releases":[{"url":"u"}]}]}`,
		`{"ocid":"o"}` + "\n" + `{"ocid":"o","awards":[{"id":1,"suppliers":[{}]}]}`,
		release(nil), release(func(r map[string]any) { r["contracts"] = []any{map[string]any{"id": "c", "awardID": "A"}} }),
		`{"releases":[{"ocid":"o","awards":[{"id":"a","value":{"amount":1e308}}]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := OpenWith(strings.NewReader(string(data)), ingest.Options{Dataset: models.DatasetProcurement, File: "fuzz.json", Entity: sibiu},
			Config{SkipOtherBuyers: len(data)%2 == 0})
		if err != nil {
			var fe *models.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("open error %T %v", err, err)
			}
			return
		}
		defer rd.Close()
		for i := 0; ; i++ {
			if i > 100_000 {
				t.Fatal("no end")
			}
			rec, err := rd.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var fe *models.FileError
				if !errors.As(err, &fe) || fe.File != "fuzz.json" {
					t.Fatalf("error %T %v", err, err)
				}
				if _, again := rd.Next(); again != err {
					t.Fatalf("the file error is not returned again: %v", again)
				}
				return
			}
			if rec.Line < 1 || len(rec.Values) != len(procurementFields) {
				t.Fatalf("row line %d with %d values", rec.Line, len(rec.Values))
			}
			for _, e := range rec.Errors {
				if e.File != "fuzz.json" || e.Line != rec.Line || e.Column == "" || e.Reason == "" {
					t.Fatalf("reject %+v", e)
				}
			}
		}
	})
}
