package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/opendata"
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

	// The decision-maker dashboards (/admin).
	Admin       string        `yaml:"admin"`        // on (public site and /admin), off (public only), only (/admin only)
	State       string        `yaml:"state"`        // the server's own state (accounts, sessions, audit); default: "state" beside the releases directory
	SessionIdle time.Duration `yaml:"session_idle"` // a session not used for this long ends
	SessionMax  time.Duration `yaml:"session_max"`  // a session ends this long after sign-in
	TrustProxy  bool          `yaml:"trust_proxy"`  // behind a proxy: X-Forwarded-Proto https marks cookies Secure, X-Forwarded-For is the address
	OIDC        OIDCConfig    `yaml:"oidc"`         // optional sign-in with the city's identity provider (config file only)
	KPITargets  string        `yaml:"kpi_targets"`  // the KPIs' targets and the objectives (YAML, over the built-in kpis/default_targets.yaml)

	// The limits of the API's rows endpoint (models.APILimits says what each does).
	APIMaxRows       int           `yaml:"api_max_rows"`
	APIQueryTimeout  time.Duration `yaml:"api_query_timeout"`
	APIMaxResponseMB int           `yaml:"api_max_response_mb"`
}

// OIDCConfig is the optional sign-in with an OpenID Connect provider (e.g.
// Microsoft Entra ID): the claim names the local account the person gets.
// The secret may come from DESCHIS_OIDC_CLIENT_SECRET instead of the file.
type OIDCConfig struct {
	Issuer       string `yaml:"issuer"`        // e.g. https://login.microsoftonline.com/TENANT/v2.0
	ClientID     string `yaml:"client_id"`     //
	ClientSecret string `yaml:"client_secret"` //
	RedirectURL  string `yaml:"redirect_url"`  // https://HOST/admin/oidc/callback (default: from the request)
	Claim        string `yaml:"claim"`         // preferred_username (default) or email
	Label        string `yaml:"label"`         // the provider's name on the button, e.g. Microsoft 365
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
		Admin:        "on",
		SessionIdle:  30 * time.Minute,
		SessionMax:   12 * time.Hour,

		APIMaxRows:       opendata.DefaultLimits().MaxRows,
		APIQueryTimeout:  opendata.DefaultLimits().QueryTimeout,
		APIMaxResponseMB: opendata.DefaultLimits().MaxResponseMB,
	}
}

// APILimits are the limits of the API's rows endpoint.
func (c Config) APILimits() opendata.Limits {
	return opendata.Limits{MaxRows: c.APIMaxRows, QueryTimeout: c.APIQueryTimeout, MaxResponseMB: c.APIMaxResponseMB}
}

// apiSettings are the API's limits as settings: their help is their
// declaration's (models.APILimits), which the API's documentation shows too.
func apiSettings() []struct{ key, env, help string } {
	var out []struct{ key, env, help string }
	for _, l := range models.APILimits {
		out = append(out, struct{ key, env, help string }{l.Key, "DESCHIS_" + strings.ToUpper(strings.ReplaceAll(l.Key, "-", "_")),
			l.Text.RO + " (implicit " + l.Default + ")"})
	}
	return out
}

// StateDir is the directory of the server's own state: the setting, else
// "state" beside the releases directory.
func (c Config) StateDir() string {
	if c.State != "" {
		return c.State
	}
	return accounts.DefaultDir(c.Releases)
}

// settings are the configuration keys with their flag, environment variable
// and description: one table so that none is undocumented.
var settings = append([]struct {
	key, env, help string
}{
	{"releases", "DESCHIS_RELEASES", "directorul edițiilor (etl publish --out)"},
	{"addr", "DESCHIS_ADDR", "adresa HOST:PORT"},
	{"reload", "DESCHIS_RELOAD", "cât de des se caută o ediție nouă (de ex. 2s)"},
	{"cache-entries", "DESCHIS_CACHE_ENTRIES", "câte pagini randate se păstrează pentru ediția curentă (0 oprește memoria cache)"},
	{"cache-mb", "DESCHIS_CACHE_MB", "memoria maximă a paginilor randate, MiB"},
	{"release-mode", "DESCHIS_RELEASE_MODE", "tables (tabele în memorie) sau views (citire din fișierele Parquet)"},
	{"log-level", "DESCHIS_LOG_LEVEL", "debug, info, warn sau error"},
	{"admin", "DESCHIS_ADMIN", "on (site public și /admin), off (doar site public) sau only (doar /admin)"},
	{"state", "DESCHIS_STATE", "directorul stării serverului: conturi, sesiuni, jurnal (implicit state lângă directorul edițiilor)"},
	{"session-idle", "DESCHIS_SESSION_IDLE", "o sesiune nefolosită atât timp se încheie (de ex. 30m)"},
	{"session-max", "DESCHIS_SESSION_MAX", "o sesiune se încheie la atât timp după intrare (de ex. 12h)"},
	{"trust-proxy", "DESCHIS_TRUST_PROXY", "în spatele unui proxy: X-Forwarded-Proto https face cookie-urile Secure, X-Forwarded-For dă adresa"},
	{"kpi-targets", "DESCHIS_KPI_TARGETS", "fișierul YAML cu țintele indicatorilor și obiectivele instituției (implicit țintele încorporate)"},
}, apiSettings()...)

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
	fs.StringVar(&flagCfg.Admin, "admin", "", "")
	fs.StringVar(&flagCfg.State, "state", "", "")
	fs.DurationVar(&flagCfg.SessionIdle, "session-idle", 0, "")
	fs.DurationVar(&flagCfg.SessionMax, "session-max", 0, "")
	fs.BoolVar(&flagCfg.TrustProxy, "trust-proxy", false, "")
	fs.StringVar(&flagCfg.KPITargets, "kpi-targets", "", "")
	fs.IntVar(&flagCfg.APIMaxRows, models.LimitMaxRows, 0, "")
	fs.DurationVar(&flagCfg.APIQueryTimeout, models.LimitQueryTimeout, 0, "")
	fs.IntVar(&flagCfg.APIMaxResponseMB, models.LimitMaxResponse, 0, "")
	for _, s := range settings {
		fs.Lookup(s.key).Usage = fmt.Sprintf("%s; env %s", s.help, s.env)
	}
	fs.Usage = func() {
		fmt.Fprintln(out, "publicsite --releases DIR --addr HOST:PORT [--config FIȘIER] [opțiuni]\npublicsite users add|list|passwd|remove ... (publicsite users --help)\n\nIntrarea cu furnizorul de identitate al instituției (OpenID Connect) se configurează în fișier, la cheia oidc (issuer, client_id, client_secret sau DESCHIS_OIDC_CLIENT_SECRET, redirect_url, claim, label).\n\nServește ediția curentă publicată de etl publish: paginile publice, datele deschise și tablourile de bord (/admin).\n\nOpțiuni:")
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
	if v := getenv("DESCHIS_OIDC_CLIENT_SECRET"); v != "" {
		cfg.OIDC.ClientSecret = v
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
	case "admin":
		c.Admin = v
	case "state":
		c.State = v
	case "session-idle":
		c.SessionIdle, err = time.ParseDuration(v)
	case "session-max":
		c.SessionMax, err = time.ParseDuration(v)
	case "trust-proxy":
		c.TrustProxy, err = strconv.ParseBool(v)
	case "kpi-targets":
		c.KPITargets = v
	case models.LimitMaxRows:
		c.APIMaxRows, err = strconv.Atoi(v)
	case models.LimitQueryTimeout:
		c.APIQueryTimeout, err = time.ParseDuration(v)
	case models.LimitMaxResponse:
		c.APIMaxResponseMB, err = strconv.Atoi(v)
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
	switch c.Admin {
	case "on", "off", "only":
	default:
		errs = append(errs, fmt.Errorf("admin: %q; valorile posibile sunt on, off și only", c.Admin))
	}
	if o := c.OIDC; o.Issuer != "" && (o.ClientID == "" || o.ClientSecret == "") {
		errs = append(errs, errors.New("oidc: issuer cere și client_id și client_secret (sau DESCHIS_OIDC_CLIENT_SECRET)"))
	}
	if o := c.OIDC; o.Claim != "" && o.Claim != "preferred_username" && o.Claim != "email" && o.Claim != "upn" && o.Claim != "sub" {
		errs = append(errs, fmt.Errorf("oidc.claim: %q; valorile posibile sunt preferred_username, email, upn și sub", o.Claim))
	}
	if c.SessionIdle <= 0 || c.SessionMax <= 0 {
		errs = append(errs, errors.New("session_idle și session_max trebuie să fie pozitive"))
	}
	if c.APIMaxRows < 1 || c.APIQueryTimeout <= 0 || c.APIMaxResponseMB < 1 {
		errs = append(errs, errors.New("api_max_rows, api_query_timeout și api_max_response_mb trebuie să fie pozitive"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%w: %v", models.ErrInvalid, err)
	}
	return nil
}
