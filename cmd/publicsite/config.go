package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/deschis/deschis/models"
)

// Config is everything the server needs. The defaults serve `make run`'s
// demo; a YAML file (--config), environment variables DESCHIS_* and flags
// override them, in that order.
type Config struct {
	Releases     string        `yaml:"releases"`      // directory written by etl publish --out
	Addr         string        `yaml:"addr"`          // HOST:PORT
	Reload       time.Duration `yaml:"reload"`        // how often to look for a new release
	CacheEntries int           `yaml:"cache_entries"` // rendered pages kept per release; 0 disables the cache
	CacheMB      int           `yaml:"cache_mb"`      // bound on the rendered-page cache, MiB
	ReleaseMode  string        `yaml:"release_mode"`  // tables (in-memory, default) or views (over the Parquet files)
	LogLevel     string        `yaml:"log_level"`     // debug, info, warn, error
}

// DefaultConfig runs the demo of `make run`.
func DefaultConfig() Config {
	return Config{
		Releases:     "var/releases",
		Addr:         "127.0.0.1:8080",
		Reload:       2 * time.Second,
		CacheEntries: 5000,
		CacheMB:      256,
		ReleaseMode:  "tables",
		LogLevel:     "info",
	}
}

// settings are the configuration keys with their flag, environment variable
// and description: one table so that none is undocumented.
var settings = []struct {
	key, env, help string
}{
	{"releases", "DESCHIS_RELEASES", "directorul edițiilor (etl publish --out)"},
	{"addr", "DESCHIS_ADDR", "adresa HOST:PORT"},
	{"reload", "DESCHIS_RELOAD", "cât de des se caută o ediție nouă (de ex. 2s)"},
	{"cache-entries", "DESCHIS_CACHE_ENTRIES", "câte pagini randate se păstrează pentru ediția curentă (0 oprește memoria cache)"},
	{"cache-mb", "DESCHIS_CACHE_MB", "memoria maximă a paginilor randate, MiB"},
	{"release-mode", "DESCHIS_RELEASE_MODE", "tables (tabele în memorie) sau views (citire din fișierele Parquet)"},
	{"log-level", "DESCHIS_LOG_LEVEL", "debug, info, warn sau error"},
}

// ParseFlags reads the configuration: defaults, then the file named by
// --config (or DESCHIS_CONFIG), then DESCHIS_* variables, then the flags.
func (m *Main) ParseFlags(args []string, getenv func(string) string, out io.Writer) error {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("publicsite", flag.ContinueOnError)
	fs.SetOutput(out)
	configFile := fs.String("config", "", "fișierul de configurare YAML; env DESCHIS_CONFIG")
	var flagCfg Config
	fs.StringVar(&flagCfg.Releases, "releases", "", "")
	fs.StringVar(&flagCfg.Addr, "addr", "", "")
	fs.DurationVar(&flagCfg.Reload, "reload", 0, "")
	fs.IntVar(&flagCfg.CacheEntries, "cache-entries", 0, "")
	fs.IntVar(&flagCfg.CacheMB, "cache-mb", 0, "")
	fs.StringVar(&flagCfg.ReleaseMode, "release-mode", "", "")
	fs.StringVar(&flagCfg.LogLevel, "log-level", "", "")
	for _, s := range settings {
		fs.Lookup(s.key).Usage = fmt.Sprintf("%s; env %s", s.help, s.env)
	}
	fs.Usage = func() {
		fmt.Fprintln(out, "publicsite --releases DIR --addr HOST:PORT [--config FIȘIER] [opțiuni]\n\nServește ediția curentă publicată de etl publish: paginile publice și datele deschise.\n\nOpțiuni:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("argument neașteptat %q", fs.Arg(0))
	}
	if *configFile == "" {
		*configFile = getenv("DESCHIS_CONFIG")
	}
	if *configFile != "" {
		b, err := os.ReadFile(*configFile)
		if err != nil {
			return fmt.Errorf("configurația: %w", err)
		}
		if err := yaml.UnmarshalWithOptions(b, &cfg, yaml.DisallowUnknownField()); err != nil {
			return fmt.Errorf("configurația %s: %w", *configFile, err)
		}
	}
	for _, s := range settings {
		v := getenv(s.env)
		if v == "" {
			continue
		}
		if err := cfg.set(s.key, v); err != nil {
			return fmt.Errorf("%s: %w", s.env, err)
		}
	}
	var ferr error
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "config" && ferr == nil {
			ferr = cfg.set(f.Name, f.Value.String())
		}
	})
	if ferr != nil {
		return ferr
	}
	if err := cfg.check(); err != nil {
		return err
	}
	m.Config = cfg
	return nil
}

// set assigns one setting from its text form.
func (c *Config) set(key, v string) error {
	var err error
	switch key {
	case "releases":
		c.Releases = v
	case "addr":
		c.Addr = v
	case "reload":
		c.Reload, err = time.ParseDuration(v)
	case "cache-entries":
		c.CacheEntries, err = strconv.Atoi(v)
	case "cache-mb":
		c.CacheMB, err = strconv.Atoi(v)
	case "release-mode":
		c.ReleaseMode = v
	case "log-level":
		c.LogLevel = v
	default:
		return fmt.Errorf("setare necunoscută %s", key)
	}
	if err != nil {
		return fmt.Errorf("%w: %s=%q: %v", models.ErrInvalid, key, v, err)
	}
	return nil
}

func (c *Config) check() error {
	var errs []error
	if c.Releases == "" {
		errs = append(errs, errors.New("releases: lipsește directorul edițiilor"))
	}
	if c.Addr == "" {
		errs = append(errs, errors.New("addr: lipsește adresa"))
	}
	if c.Reload <= 0 {
		errs = append(errs, errors.New("reload: trebuie să fie pozitiv"))
	}
	if c.CacheEntries < 0 || c.CacheMB < 0 {
		errs = append(errs, errors.New("cache_entries și cache_mb nu pot fi negative"))
	}
	if c.ReleaseMode != "tables" && c.ReleaseMode != "views" {
		errs = append(errs, fmt.Errorf("release_mode: %q; valorile posibile sunt tables și views", c.ReleaseMode))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log_level: %q; valorile posibile sunt debug, info, warn, error", c.LogLevel))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%w: %v", models.ErrInvalid, err)
	}
	return nil
}
