// Package layout checks that the packages keep to the table of
// docs/architecture.md: which package may import which, and which
// dependency has one owner.
package layout

import (
	"os/exec"
	"path"
	"strings"
	"testing"
)

const module = "github.com/deschis/deschis/"

// mayImport is, for each package of the module (and its subpackages), the
// packages of the module it may import. cmd, scripts and tests wire
// everything and are not listed.
var mayImport = map[string][]string{
	"models":     {},
	"ingest":     {"models", "ingest", "ingest/rules"},
	"release":    {"models", "export"},
	"export":     {"models"},
	"warehouse":  {"models", "release"},
	"dashboards": {"models", "dashboards"},
	"opendata":   {"models", "release", "dashboards", "export"},
	"demo":       {"models", "ingest", "warehouse", "release"},

	// The value rules every reader shares depend on the domain only.
	"ingest/rules": {"models"},

	// The server's own state (accounts, sessions, audit log), and the
	// dashboards behind the sign-in that read it; the public pages do not.
	"accounts":         {"models"},
	// The county page of the dashboards shows the public county table,
	// read by its code (public.CountyTableFor), with the units' alerts.
	"dashboards/admin": {"models", "dashboards", "dashboards/public", "accounts", "kpis", "export"},
	// The public pages; the county table's CSV download neutralises its
	// formula cells by export's rule.
	"dashboards/public": {"models", "dashboards", "export"},

	// The dashboards' KPIs against their targets and objectives (no HTTP;
	// the targets file decoded by ingest's strict YAML).
	"kpis": {"models", "ingest"},
}

// owners are the third-party dependencies only some packages may import.
var owners = map[string][]string{
	"github.com/duckdb/duckdb-go":      {"warehouse", "release"},
	"github.com/go-echarts/go-echarts": {"dashboards"},
	"github.com/go-chi/chi":            {"dashboards", "opendata", "cmd/publicsite"},

	// The server's own state: accounts, sessions, audit log.
	"modernc.org/sqlite":              {"accounts"},
	"github.com/alexedwards/argon2id": {"accounts"},
	// Sign-in with the city's identity provider.
	"github.com/coreos/go-oidc": {"dashboards/admin"},
	"golang.org/x/oauth2":       {"dashboards/admin"},
	// The tabular writers Go writes itself (XLSX is also read by ingest).
	"github.com/apache/arrow-go": {"export"},
	"github.com/xuri/excelize":   {"ingest", "export"},
	// The Atom feed of releases and contracts, its entries' name-based ids.
	"github.com/gorilla/feeds": {"opendata"},
	"github.com/google/uuid":   {"opendata"},
}

// top is the entry of mayImport a package falls under: "ingest" for
// "ingest/sicap".
func top(pkg string) string {
	for p := pkg; p != "." && p != ""; p = path.Dir(p) {
		if _, ok := mayImport[p]; ok {
			return p
		}
	}
	return ""
}

func goList(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %v: %v", args, err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

func TestPackagesImportWhatTheArchitectureAllows(t *testing.T) {
	for _, line := range goList(t, "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module)
		owner := top(pkg)
		for _, imp := range fields[1:] {
			if dep, ok := strings.CutPrefix(imp, module); ok && owner != "" {
				allowed := false
				for _, a := range mayImport[owner] {
					allowed = allowed || top(dep) == a
				}
				if !allowed {
					t.Errorf("%s imports %s: docs/architecture.md does not allow it", pkg, dep)
				}
			}
			for lib, who := range owners {
				if !strings.HasPrefix(imp, lib) {
					continue
				}
				allowed := false
				for _, w := range who {
					allowed = allowed || pkg == w || strings.HasPrefix(pkg, w+"/")
				}
				if !allowed && !strings.HasPrefix(pkg, "tests/") && !strings.HasPrefix(pkg, "scripts/") {
					t.Errorf("%s imports %s, which only %v may", pkg, imp, who)
				}
			}
		}
	}
}

// The pages are testable without DuckDB: nothing under dashboards links it,
// even through another package.
func TestDashboardsDoNotLinkDuckDB(t *testing.T) {
	for _, dep := range goList(t, "-deps", "./dashboards/...") {
		if strings.Contains(dep, "duckdb") || dep == module+"warehouse" || dep == module+"release" {
			t.Errorf("dashboards depends on %s", dep)
		}
	}
}
