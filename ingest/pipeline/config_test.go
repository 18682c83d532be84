package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Every problem of a config is reported at once, each naming its pipeline,
// before anything runs; relative paths start at the config's directory.
func TestReadConfigChecksEverythingFirst(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad.yaml", `pipelines:
  - name: a
    dataset: procurement
    format: deschis
    path: a.csv
  - name: a
    dataset: nope
    format: deschis
    path: b.csv
  - name: c
    dataset: budget
    format: deschis
    only_entity: true
`)
	_, err := ReadConfig(bad, 0.05)
	var ce *ConfigError
	if !errors.As(err, &ce) || !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("err = %v, want a ConfigError", err)
	}
	for _, want := range []string{"fluxul 2 (a): numele se repetă", "formatul \"deschis\" nu poate încărca setul \"nope\"", "fluxul 3 (c): lipsește path", "fluxul 3 (c): only_entity cere entity"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
	good := write(t, dir, "good.yaml", `max_reject_share: 0.2
pipelines:
  - name: achizitii
    dataset: procurement
    format: deschis
    path: exporturi/*.csv
    entity: "RO4270740"
  - name: portal
    dataset: procurement
    format: deschis
    path: https://example.ro/a.csv
`)
	c, err := ReadConfig(good, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxRejectShare != 0.2 || c.Pipelines[0].Path != filepath.Join(dir, "exporturi/*.csv") || c.Pipelines[0].Entity != "4270740" || c.Pipelines[1].Path != "https://example.ro/a.csv" {
		t.Fatalf("config %+v", c)
	}
	if p, ok := c.PipelineFor("2025-03.csv"); !ok || p.Name != "achizitii" {
		t.Fatalf("PipelineFor: %+v %v", p, ok)
	}
	if p, ok := c.PipelineFor("a.xml"); ok {
		t.Fatalf("a.xml matched %s", p.Name)
	}
	if err := c.Only([]string{"portal", "nu-exista"}); err == nil {
		t.Fatal("Only accepted a pipeline that does not exist")
	}
	if err := c.Only([]string{"portal"}); err != nil || len(c.Pipelines) != 1 {
		t.Fatalf("Only: %v %+v", err, c.Pipelines)
	}
	// A document the YAML library cannot handle is refused, not a crash.
	crash := write(t, dir, "crash.yaml", "#2x01B9879B208\nsource:\n#2X007197808027B0\n  skip_rows_where:\n   !0 000000000000\n000008: #0")
	if _, err := ReadConfig(crash, 0.05); !errors.As(err, &ce) {
		t.Fatalf("malformed YAML: %v", err)
	}
}
