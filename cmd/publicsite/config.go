package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/mail"
	"net/url"
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
	// What needs attention today (admin.AttentionSettings): the requests
	// due within this many days, the percentage points an expense chapter
	// may lag the share of the year elapsed, the months into the year after
	// which an investment with no payment is stalled.
	AttentionDueDays       int `yaml:"attention_due_days"`
	AttentionLagPoints     int `yaml:"attention_lag_points"`
	AttentionStalledMonths int `yaml:"attention_stalled_months"`
	// The county page's comparison with peers: the percent of the peers'
	// median a unit's figure per inhabitant may differ by before it is
	// flagged (admin.AttentionSettings.PeerFarPercent).
	AttentionPeerPercent int `yaml:"attention_peer_percent"`

	Releases     string        `yaml:"releases"`      // directory written by etl publish --out
	Addr         string        `yaml:"addr"`          // HOST:PORT
	Reload       time.Duration `yaml:"reload"`        // how often to look for a new release
	CacheEntries int           `yaml:"cache_entries"` // rendered pages kept per release; 0 disables the cache
	CacheMB      int           `yaml:"cache_mb"`      // bound on the rendered-page cache, MiB
	ReleaseMode  string        `yaml:"release_mode"`  // tables (sorted tables: the release's database file, or in memory for a release without one; default) or views (over the Parquet files)
	// ReleaseMemoryMB is DuckDB's memory limit for a release read from its
	// database file (release.ReadOptions.MemoryLimit), MiB.
	ReleaseMemoryMB int           `yaml:"release_memory_mb"`
	LogLevel        string        `yaml:"log_level"` // debug, info, warn, error
	PageTime        time.Duration `yaml:"page_time"` // a public page not made within this long answers 503
	Renders         int           `yaml:"renders"`   // public pages made at once, the others waiting their turn (0: one per CPU)
	// Pprof is the profiling hook's address (net/http/pprof on a listener
	// of its own; empty: off), loopback only unless PprofAnyAddress.
	Pprof           string `yaml:"pprof"`
	PprofAnyAddress bool   `yaml:"pprof_any_address"`

	// The decision-maker dashboards (/admin).
	Admin       string        `yaml:"admin"`        // on (public site and /admin), off (public only), only (/admin only)
	State       string        `yaml:"state"`        // the server's own state (accounts, sessions, audit); default: "state" beside the releases directory
	SessionIdle time.Duration `yaml:"session_idle"` // a session not used for this long ends
	SessionMax  time.Duration `yaml:"session_max"`  // a session ends this long after sign-in
	TrustProxy  bool          `yaml:"trust_proxy"`  // behind a proxy: X-Forwarded-Proto https marks cookies Secure, X-Forwarded-For is the address
	OIDC        OIDCConfig    `yaml:"oidc"`         // optional sign-in with the city's identity provider (config file only)
	KPITargets  string        `yaml:"kpi_targets"`  // the KPIs' targets and the objectives (YAML, over the built-in kpis/default_targets.yaml)

	// The portal metadata (DCAT-AP catalogue, OCDS): the site's public
	// address, the institution's public contact point, the OCDS prefix.
	BaseURL      string `yaml:"base_url"`      // https://date.primarie.ro; empty: the address each request came to
	ContactEmail string `yaml:"contact_email"` // the institution's public address (registratura@...), never a person's
	ContactURL   string `yaml:"contact_url"`   // the institution's contact page
	OCIDPrefix   string `yaml:"ocid_prefix"`   // the prefix of every OCDS ocid
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
		AttentionDueDays:       7,
		AttentionLagPoints:     20,
		AttentionStalledMonths: 6,
		AttentionPeerPercent:   50,

		Releases:         "var/releases",
		Addr:             "127.0.0.1:8080",
		Reload:           2 * time.Second,
		CacheEntries:     5000,
		CacheMB:          256,
		ReleaseMode:      "tables",
		ReleaseMemoryMB:  512,
		LogLevel:         "info",
		PageTime:         5 * time.Second,
		Admin:            "on",
		SessionIdle:      30 * time.Minute,
		SessionMax:       12 * time.Hour,
		OCIDPrefix:       opendata.LocalOCIDPrefix,
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
	{"release-mode", "DESCHIS_RELEASE_MODE", "tables (tabele sortate: din baza de date a ediției, deschisă doar pentru citire, sau copiate în memorie pentru o ediție publicată fără ea) sau views (citire din fișierele Parquet)"},
	{"release-memory-mb", "DESCHIS_RELEASE_MEMORY_MB", "memoria maximă a DuckDB pentru o ediție citită din baza ei de date, MiB (16–1048576, implicit 512): blocurile citite de pagini și memoria interogărilor; peste ea blocurile sunt recitite din fișier"},
	{"log-level", "DESCHIS_LOG_LEVEL", "debug, info, warn sau error"},
	{"page-time", "DESCHIS_PAGE_TIME", "o pagină publică nerandată în atât timp răspunde 503, „încercați din nou”, în loc să aștepte la coadă (de ex. 5s)"},
	{"renders", "DESCHIS_RENDERS", "câte pagini publice se pregătesc deodată (0: câte una pe procesor, implicit); celelalte își așteaptă rândul în ordinea sosirii, fiecare cel mult --page-time; o pagină din memoria cache nu așteaptă"},
	{"pprof", "DESCHIS_PPROF", "adresa HOST:PORT a profilării Go (net/http/pprof, /debug/pprof/), pe un port al ei, niciodată pe cel al site-ului; implicit oprită; doar o adresă locală (127.0.0.1, ::1, localhost) fără --pprof-any-address"},
	{"pprof-any-address", "DESCHIS_PPROF_ANY_ADDRESS", "permite profilării o adresă care nu este locală (de ex. într-o rețea privată protejată altfel)"},
	{"admin", "DESCHIS_ADMIN", "on (site public și /admin), off (doar site public) sau only (doar /admin)"},
	{"state", "DESCHIS_STATE", "directorul stării serverului: conturi, sesiuni, jurnal (implicit state lângă directorul edițiilor)"},
	{"session-idle", "DESCHIS_SESSION_IDLE", "o sesiune nefolosită atât timp se încheie (de ex. 30m)"},
	{"session-max", "DESCHIS_SESSION_MAX", "o sesiune se încheie la atât timp după intrare (de ex. 12h)"},
	{"attention-due-days", "DESCHIS_ATTENTION_DUE_DAYS", "cererile deschise cu termenul în atâtea zile de la exportul registrului sunt „scadente” (1–365, implicit 7)"},
	{"attention-lag-points", "DESCHIS_ATTENTION_LAG_POINTS", "un capitol de cheltuieli rămâne în urmă când execuția lui e cu mai mult de atâtea puncte procentuale sub partea scursă din an (1–100, implicit 20)"},
	{"attention-stalled-months", "DESCHIS_ATTENTION_STALLED_MONTHS", "o investiție în execuție fără nicio plată în an, după atâtea luni din an, este blocată (1–12, implicit 6)"},
	{"attention-peer-percent", "DESCHIS_ATTENTION_PEER_PERCENT", "pe pagina județului din tabloul de bord, cheltuielile sau veniturile pe locuitor ale unei unități sunt semnalate când diferă de mediana unităților asemănătoare cu mai mult de atâtea procente din ea (1–1000, implicit 50)"},
	{"trust-proxy", "DESCHIS_TRUST_PROXY", "în spatele unui proxy: X-Forwarded-Proto https face cookie-urile Secure, X-Forwarded-For dă adresa"},
	{"kpi-targets", "DESCHIS_KPI_TARGETS", "fișierul YAML cu țintele indicatorilor și obiectivele instituției (implicit țintele încorporate)"},
	{"base-url", "DESCHIS_BASE_URL", "adresa publică a site-ului (de ex. https://date.primarie.ro), cu care încep adresele absolute din catalogul DCAT-AP și din OCDS; implicit adresa la care a venit fiecare cerere"},
	{"contact-email", "DESCHIS_CONTACT_EMAIL", "adresa de e-mail publică a instituției (registratura), punctul de contact al catalogului DCAT-AP; niciodată a unei persoane"},
	{"contact-url", "DESCHIS_CONTACT_URL", "pagina de contact a instituției, punctul de contact al catalogului DCAT-AP (implicit adresa site-ului)"},
	{"ocid-prefix", "DESCHIS_OCID_PREFIX", "prefixul identificatorilor OCDS (ocid) acordat de Open Contracting Partnership; implicit " + opendata.LocalOCIDPrefix + ", un prefix local, neînregistrat"},
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
	fs.IntVar(&flagCfg.ReleaseMemoryMB, "release-memory-mb", 0, "")
	fs.StringVar(&flagCfg.LogLevel, "log-level", "", "")
	fs.DurationVar(&flagCfg.PageTime, "page-time", 0, "")
	fs.IntVar(&flagCfg.Renders, "renders", 0, "")
	fs.StringVar(&flagCfg.Pprof, "pprof", "", "")
	fs.BoolVar(&flagCfg.PprofAnyAddress, "pprof-any-address", false, "")
	fs.StringVar(&flagCfg.Admin, "admin", "", "")
	fs.StringVar(&flagCfg.State, "state", "", "")
	fs.DurationVar(&flagCfg.SessionIdle, "session-idle", 0, "")
	fs.DurationVar(&flagCfg.SessionMax, "session-max", 0, "")
	fs.IntVar(&flagCfg.AttentionDueDays, "attention-due-days", 0, "")
	fs.IntVar(&flagCfg.AttentionLagPoints, "attention-lag-points", 0, "")
	fs.IntVar(&flagCfg.AttentionStalledMonths, "attention-stalled-months", 0, "")
	fs.IntVar(&flagCfg.AttentionPeerPercent, "attention-peer-percent", 0, "")
	fs.BoolVar(&flagCfg.TrustProxy, "trust-proxy", false, "")
	fs.StringVar(&flagCfg.KPITargets, "kpi-targets", "", "")
	fs.StringVar(&flagCfg.BaseURL, "base-url", "", "")
	fs.StringVar(&flagCfg.ContactEmail, "contact-email", "", "")
	fs.StringVar(&flagCfg.ContactURL, "contact-url", "", "")
	fs.StringVar(&flagCfg.OCIDPrefix, "ocid-prefix", "", "")
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
	case "release-memory-mb":
		c.ReleaseMemoryMB, err = strconv.Atoi(v)
	case "log-level":
		c.LogLevel = v
	case "page-time":
		c.PageTime, err = time.ParseDuration(v)
	case "renders":
		c.Renders, err = strconv.Atoi(v)
	case "pprof":
		c.Pprof = v
	case "pprof-any-address":
		c.PprofAnyAddress, err = strconv.ParseBool(v)
	case "admin":
		c.Admin = v
	case "state":
		c.State = v
	case "session-idle":
		c.SessionIdle, err = time.ParseDuration(v)
	case "session-max":
		c.SessionMax, err = time.ParseDuration(v)
	case "attention-due-days":
		c.AttentionDueDays, err = strconv.Atoi(v)
	case "attention-lag-points":
		c.AttentionLagPoints, err = strconv.Atoi(v)
	case "attention-stalled-months":
		c.AttentionStalledMonths, err = strconv.Atoi(v)
	case "attention-peer-percent":
		c.AttentionPeerPercent, err = strconv.Atoi(v)
	case "trust-proxy":
		c.TrustProxy, err = strconv.ParseBool(v)
	case "kpi-targets":
		c.KPITargets = v
	case "base-url":
		c.BaseURL = v
	case "contact-email":
		c.ContactEmail = v
	case "contact-url":
		c.ContactURL = v
	case "ocid-prefix":
		c.OCIDPrefix = v
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

// absoluteHTTP reports whether s is an absolute http(s) URL with a host and
// neither query nor fragment.
func absoluteHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && u.RawQuery == "" && u.Fragment == "" && !strings.HasSuffix(s, "?")
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
	if c.PageTime <= 0 {
		errs = append(errs, errors.New("page_time: trebuie să fie pozitiv (de ex. 5s)"))
	}
	if c.Renders < 0 {
		errs = append(errs, errors.New("renders: nu poate fi negativ (0: câte o pagină pe procesor)"))
	}
	if c.CacheEntries < 0 || c.CacheMB < 0 {
		errs = append(errs, errors.New("cache_entries și cache_mb nu pot fi negative"))
	}
	if c.ReleaseMode != "tables" && c.ReleaseMode != "views" {
		errs = append(errs, fmt.Errorf("release_mode: %q; valorile posibile sunt tables și views", c.ReleaseMode))
	}
	if c.ReleaseMemoryMB < 16 || c.ReleaseMemoryMB > 1<<20 {
		errs = append(errs, fmt.Errorf("release_memory_mb: %d; trebuie să fie între 16 și 1048576 (MiB)", c.ReleaseMemoryMB))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log_level: %q; valorile posibile sunt debug, info, warn, error", c.LogLevel))
	}
	if err := c.checkPprof(); err != nil {
		errs = append(errs, err)
	}
	switch c.Admin {
	case "on", "off", "only":
	default:
		errs = append(errs, fmt.Errorf("admin: %q; valorile posibile sunt on, off și only", c.Admin))
	}
	for _, a := range []struct {
		key       string
		v, lo, hi int
		unit      string
	}{
		{"attention_due_days", c.AttentionDueDays, 1, 365, "zile"},
		{"attention_lag_points", c.AttentionLagPoints, 1, 100, "puncte procentuale"},
		{"attention_stalled_months", c.AttentionStalledMonths, 1, 12, "luni"},
		{"attention_peer_percent", c.AttentionPeerPercent, 1, 1000, "procente"},
	} {
		if a.v < a.lo || a.v > a.hi {
			errs = append(errs, fmt.Errorf("%s: %d; scrieți un număr întreg de %s între %d și %d", a.key, a.v, a.unit, a.lo, a.hi))
		}
	}
	if o := c.OIDC; o.Issuer != "" && (o.ClientID == "" || o.ClientSecret == "") {
		errs = append(errs, errors.New("oidc: issuer cere și client_id și client_secret (sau DESCHIS_OIDC_CLIENT_SECRET)"))
	}
	if o := c.OIDC; o.Claim != "" && o.Claim != "preferred_username" && o.Claim != "email" && o.Claim != "upn" && o.Claim != "sub" {
		errs = append(errs, fmt.Errorf("oidc.claim: %q; valorile posibile sunt preferred_username, email, upn și sub", o.Claim))
	}
	if c.BaseURL != "" && !absoluteHTTP(c.BaseURL) {
		errs = append(errs, fmt.Errorf("base_url: %q; trebuie o adresă absolută http(s)://gazdă[/cale], fără ? sau #, de ex. https://date.primarie.ro", c.BaseURL))
	}
	if c.ContactURL != "" && !absoluteHTTP(c.ContactURL) {
		errs = append(errs, fmt.Errorf("contact_url: %q; trebuie o adresă absolută http(s)://..., de ex. https://primarie.ro/contact", c.ContactURL))
	}
	if c.ContactEmail != "" {
		if a, err := mail.ParseAddress(c.ContactEmail); err != nil || a.Address != c.ContactEmail || a.Name != "" {
			errs = append(errs, fmt.Errorf("contact_email: %q; trebuie doar adresa, de ex. registratura@primarie.ro", c.ContactEmail))
		}
	}
	if !opendata.ValidOCIDPrefix(c.OCIDPrefix) {
		errs = append(errs, fmt.Errorf("ocid_prefix: %q; un prefix OCDS are forma ocds-xxxxxx (șase litere mici sau cifre)", c.OCIDPrefix))
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
