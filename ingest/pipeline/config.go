// Package pipeline runs the loads a config file declares: for each pipeline,
// its sources (a file, a glob or an HTTP(S) URL fetched with a conditional
// GET) handed to a load function, and then, optionally, a directory watched
// for new files. cmd/etl wires it to the warehouse (etl run).
package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/rules"
	"github.com/deschis/deschis/models"
)

// Config is a pipelines file (YAML).
type Config struct {
	DB             string     `yaml:"db"`
	MaxRejectShare float64    `yaml:"max_reject_share"`
	Downloads      string     `yaml:"downloads"`
	Pipelines      []Pipeline `yaml:"pipelines"`
	dir            string     // the config file's directory: relative paths start there
}

// Pipeline is one declared load: what to read, how, and into which dataset.
type Pipeline struct {
	Name       string `yaml:"name"`
	Dataset    string `yaml:"dataset"`
	Format     string `yaml:"format"`
	Mapping    string `yaml:"mapping"`
	Path       string `yaml:"path"`
	Entity     string `yaml:"entity"`
	OnlyEntity bool   `yaml:"only_entity"`
	// OnlyDeployment keeps the rows of every institution registered in the
	// warehouse and skips the others (etl load --only-deployment); the set
	// is read when the pipeline's load starts.
	OnlyDeployment bool `yaml:"only_deployment"`
}

// IsURL reports whether the pipeline's source is downloaded.
func (p Pipeline) IsURL() bool {
	return strings.HasPrefix(p.Path, "http://") || strings.HasPrefix(p.Path, "https://")
}

// Options is how the pipeline's files are read.
func (p Pipeline) Options() ingest.Options {
	return ingest.Options{Dataset: p.Dataset, Entity: p.Entity, OnlyEntity: p.OnlyEntity, Mapping: p.Mapping}
}

// ConfigError is a configuration that cannot run; it wraps models.ErrInvalid.
type ConfigError struct{ Msg string }

func (e *ConfigError) Error() string { return e.Msg }
func (e *ConfigError) Unwrap() error { return models.ErrInvalid }

// ReadConfig parses and checks the whole configuration before anything
// runs: a typo in the fifth pipeline is reported before the first loads.
// Relative paths are made relative to the file's directory; a missing
// max_reject_share is defaultShare. Every error is a *ConfigError.
func ReadConfig(path string, defaultShare float64) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &ConfigError{err.Error()}
	}
	var c Config
	if err := ingest.DecodeYAML(data, &c); err != nil {
		return nil, &ConfigError{path + ": " + yaml.FormatError(err, false, true)}
	}
	c.dir = filepath.Dir(path)
	if c.MaxRejectShare == 0 {
		c.MaxRejectShare = defaultShare
	}
	if c.MaxRejectShare < 0 || c.MaxRejectShare > 1 {
		return nil, &ConfigError{path + ": max_reject_share este între 0 și 1"}
	}
	if len(c.Pipelines) == 0 {
		return nil, &ConfigError{path + ": niciun flux în pipelines"}
	}
	var errs []error
	seen := map[string]bool{}
	for i := range c.Pipelines {
		p := &c.Pipelines[i]
		where := fmt.Sprintf("%s: fluxul %d (%s)", path, i+1, p.Name)
		switch {
		case p.Name == "":
			errs = append(errs, fmt.Errorf("%s: lipsește name", where))
		case seen[p.Name]:
			errs = append(errs, fmt.Errorf("%s: numele se repetă", where))
		}
		seen[p.Name] = true
		if p.Path == "" {
			errs = append(errs, fmt.Errorf("%s: lipsește path", where))
		} else if !p.IsURL() {
			p.Path = c.Resolve(p.Path)
		}
		if p.Mapping != "" {
			p.Mapping = c.Resolve(p.Mapping)
		}
		if err := ingest.Check(p.Format, p.Dataset, p.Mapping); err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", where, err))
		}
		if p.Entity != "" {
			cui, err := rules.FiscalCode(p.Entity)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: entity: %v", where, err))
			}
			p.Entity = cui
		}
		if p.OnlyEntity && p.Entity == "" {
			errs = append(errs, fmt.Errorf("%s: only_entity cere entity", where))
		}
		if p.OnlyDeployment && p.OnlyEntity {
			errs = append(errs, fmt.Errorf("%s: only_entity păstrează o instituție, only_deployment pe toate cele din depozit: alegeți una", where))
		}
		if p.OnlyDeployment && (p.Dataset == models.DatasetEntities || !ingest.KeepsDeployment(p.Format)) {
			errs = append(errs, fmt.Errorf("%s: only_deployment se poate cu formatele deschis, sicap, ocds și forexebug, nu la setul entities", where))
		}
	}
	if len(errs) > 0 {
		return nil, &ConfigError{errors.Join(errs...).Error()}
	}
	return &c, nil
}

// Resolve makes a path of the config file relative to its directory.
func (c *Config) Resolve(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

// Only keeps the named pipelines; naming one that does not exist is an error.
func (c *Config) Only(names []string) error {
	var keep []Pipeline
	for _, p := range c.Pipelines {
		if slices.Contains(names, p.Name) {
			keep = append(keep, p)
		}
	}
	if len(keep) != len(names) {
		return &ConfigError{"--only numește fluxuri care nu există"}
	}
	c.Pipelines = keep
	return nil
}

// PipelineFor finds the first local pipeline whose path pattern matches a
// file name.
func (c *Config) PipelineFor(name string) (Pipeline, bool) {
	for _, p := range c.Pipelines {
		if p.IsURL() {
			continue
		}
		if ok, _ := filepath.Match(filepath.Base(p.Path), name); ok {
			return p, true
		}
	}
	return Pipeline{}, false
}
