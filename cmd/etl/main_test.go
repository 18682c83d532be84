package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
)

// TestMain lets the test binary act as the etl program in a child process
// (the interrupted-load test kills it at random points).
func TestMain(m *testing.M) {
	if args := os.Getenv("DESCHIS_ETL_CHILD"); args != "" {
		main := &Main{Stdout: os.Stdout, Stderr: os.Stderr}
		os.Exit(main.Run(context.Background(), strings.Split(args, "\x1f")))
	}
	os.Exit(m.Run())
}

// run runs the real program in-process and returns its exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func cui(body string) string { return body + string(models.CUICheckDigit(body)) }

const cityCUI = "4270740"

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func entitiesCSV(t *testing.T, dir string) string {
	return writeFile(t, dir, "entities.csv", "cui,siruta,name,kind,parent_cui,county,population_year,population\n"+
		cityCUI+",143450,Municipiul Sibiu,municipiu,,SB,2025,133900\n")
}

// procurementCSV writes n direct purchases of the city, numbered from start.
func procurementCSV(t *testing.T, dir, name string, start, n int) string {
	var b strings.Builder
	b.WriteString("contract_id,kind,parent_id,buyer_cui,supplier_cui,supplier_name,title,cpv,value,currency,award_date,procedure,offers,eu_funded,investment_code\n")
	for i := start; i < start+n; i++ {
		fmt.Fprintf(&b, "DA%08d,direct_purchase,,%s,%s,Furnizor %d SRL,\"Servicii de întreținere, lot %d\",50000000-5,%d.%02d,RON,2025-%02d-%02d,cumpărare directă,1,false,\n",
			i, cityCUI, cui(fmt.Sprintf("%06d", 100000+i%5000)), i%5000, i, 1000+i%90000, i%100, 1+i%12, 1+i%28)
	}
	return writeFile(t, dir, name, b.String())
}

func TestLoadContract(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sub", "w.duckdb") // created with its directory
	if code, _, stderr := run(t, "load", "--db", db, "--dataset", "entities", "--format", "deschis", entitiesCSV(t, dir)); code != 0 {
		t.Fatalf("load entities: exit %d: %s", code, stderr)
	}
	p := procurementCSV(t, dir, "p.csv", 0, 50)
	// Flags after the paths, as in the documented synopsis.
	code, stdout, stderr := run(t, "load", "--db", db, "--entity", cityCUI, "--dataset", "procurement", "--format", "deschis", p, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		LoadID  *int64 `json:"load_id"`
		Dataset string `json:"dataset"`
		Files   []struct {
			Path         string `json:"path"`
			SHA256       string `json:"sha256"`
			RowsRead     *int64 `json:"rows_read"`
			RowsLoaded   *int64 `json:"rows_loaded"`
			RowsRejected *int64 `json:"rows_rejected"`
			Skipped      *bool  `json:"skipped"`
		} `json:"files"`
		Rejects []map[string]any `json:"rejects"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("--json output is not one JSON object: %v\n%s", err, stdout)
	}
	f := res.Files[0]
	if res.LoadID == nil || *res.LoadID == 0 || res.Dataset != "procurement" || len(res.Files) != 1 || f.Path != p || len(f.SHA256) != 64 ||
		*f.RowsRead != 50 || *f.RowsLoaded != 50 || *f.RowsRejected != 0 || *f.Skipped || res.Rejects == nil {
		t.Fatalf("load --json = %s", stdout)
	}
	// The same file again: exit 0, skipped.
	code, stdout, _ = run(t, "load", "--db", db, "--dataset", "procurement", "--format", "deschis", "--json", p)
	if code != 0 || !strings.Contains(stdout, `"skipped": true`) {
		t.Fatalf("re-load: exit %d %s", code, stdout)
	}
	// A file with more than 5 % bad rows: exit 1, rejects listed, nothing changed.
	bad := writeFile(t, dir, "bad.csv", "contract_id,kind,parent_id,buyer_cui,supplier_cui,supplier_name,title,cpv,value,currency,award_date,procedure,offers,eu_funded,investment_code\n"+
		"Z1,direct_purchase,,"+cityCUI+",123,X SRL,T,50000000-5,1.00,RON,2025-13-01,,,,\n")
	code, stdout, _ = run(t, "load", "--db", db, "--dataset", "procurement", "--format", "deschis", "--json", bad)
	if code != 1 || !strings.Contains(stdout, `"outcome": "refused"`) || !strings.Contains(stdout, `"line": 2`) || !strings.Contains(stdout, `"column": "award_date"`) {
		t.Fatalf("refused load: exit %d %s", code, stdout)
	}
	// Usage errors: exit 2.
	for _, args := range [][]string{
		{"load", "--db", db, "--format", "deschis", p},
		{"load", "--db", db, "--dataset", "nope", "--format", "deschis", p},
		{"load", "--db", db, "--dataset", "procurement", "--format", "nope", p},
		{"load", "--db", db, "--dataset", "procurement", "--format", "deschis", "--entity", "4270741", p},
		{"load", "--db", db, "--dataset", "procurement", "--format", "deschis", filepath.Join(dir, "missing.csv")},
		{"frobnicate"},
	} {
		if code, _, stderr := run(t, args...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
	code, stdout, _ = run(t, "status", "--db", db, "--json")
	if code != 0 || !strings.Contains(stdout, `"dataset": "procurement"`) || !strings.Contains(stdout, `"rows": 50`) {
		t.Fatalf("status: exit %d %s", code, stdout)
	}
	code, stdout, _ = run(t, "rejects", "--db", db)
	if code != 0 || !strings.Contains(stdout, "linia 2") || !strings.Contains(stdout, "award_date") {
		t.Fatalf("rejects: exit %d %s", code, stdout)
	}
	if code, stdout, _ := run(t, "load", "--help"); code != 0 || !strings.Contains(stdout, "--entity") {
		t.Fatalf("load --help: exit %d %s", code, stdout)
	}
}

func TestPublishAndVerifyContract(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	run(t, "load", "--db", db, "--dataset", "entities", "--format", "deschis", entitiesCSV(t, dir))
	run(t, "load", "--db", db, "--dataset", "procurement", "--format", "deschis", procurementCSV(t, dir, "p.csv", 0, 20))
	out := filepath.Join(dir, "releases")
	code, stdout, stderr := run(t, "publish", "--db", db, "--out", out, "--json")
	if code != 0 {
		t.Fatalf("publish: exit %d %s", code, stderr)
	}
	var res struct {
		ReleaseID string `json:"release_id"`
		Path      string `json:"path"`
		Datasets  []struct {
			Name  string   `json:"name"`
			Rows  int64    `json:"rows"`
			Files []string `json:"files"`
		} `json:"datasets"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	names := map[string]int64{}
	for _, d := range res.Datasets {
		names[d.Name] = d.Rows
	}
	for _, n := range []string{"budget", "budget_execution_monthly", "investments", "procurement", "suppliers", "requests_daily", "requests"} {
		if _, ok := names[n]; !ok {
			t.Errorf("publish --json lacks dataset %s", n)
		}
	}
	if names["procurement"] != 20 || res.Path != filepath.Join(out, res.ReleaseID) {
		t.Fatalf("publish --json = %s", stdout)
	}
	if code, _, stderr := run(t, "verify", res.Path); code != 0 {
		t.Fatalf("verify: exit %d %s", code, stderr)
	}
	os.WriteFile(filepath.Join(res.Path, "public", "procurement.parquet"), []byte("PAR1 not really"), 0o644)
	if code, _, stderr := run(t, "verify", res.Path); code != 1 || !strings.Contains(stderr, "procurement.parquet") {
		t.Fatalf("verify of a damaged release: exit %d %s", code, stderr)
	}
}

// TestEnvironmentReachesTheWarehouse: DESCHIS_MEMORY_LIMIT bounds DuckDB's
// memory and DESCHIS_TRACE prints the phases of a load, through the typed
// settings the program hands the warehouse.
func TestEnvironmentReachesTheWarehouse(t *testing.T) {
	env := map[string]string{"DESCHIS_MEMORY_LIMIT": "512MB", "DESCHIS_TRACE": "1"}
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	db := filepath.Join(t.TempDir(), "w.duckdb")
	if code := m.Run(context.Background(), []string{"load", "--db", db, "--dataset", "entities", "--format", "deschis", entitiesCSV(t, t.TempDir())}); code != exitOK {
		t.Fatalf("load: exit %d\n%s\n%s", code, out.String(), errb.String())
	}
	if !strings.Contains(errb.String(), "trace load entities: committed") {
		t.Errorf("DESCHIS_TRACE=1 printed no phases:\n%s", errb.String())
	}
	w, err := m.openWarehouse(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var limit string
	if err := w.DB().QueryRow(`SELECT current_setting('memory_limit')`).Scan(&limit); err != nil {
		t.Fatal(err)
	}
	if limit != "488.2 MiB" { // 512MB (decimal) in DuckDB's binary units
		t.Errorf("memory_limit = %q, want 488.2 MiB", limit)
	}
}

// TestEveryHelpIsPrintedOnce: `etl CMD --help` prints the command's help
// once, on stdout, with exit 0.
func TestEveryHelpIsPrintedOnce(t *testing.T) {
	args := [][]string{{"mapping", "--help"}, {"mapping", "check", "--help"}, {"mapping", "check", "-h"}}
	for _, c := range commands {
		args = append(args, []string{c.name, "--help"})
	}
	for _, a := range args {
		code, stdout, stderr := run(t, a...)
		if code != exitOK || strings.Count(stdout, "Utilizare: etl "+a[0]) != 1 || stderr != "" {
			t.Errorf("etl %s: exit %d, help printed %d times, stderr %q:\n%s", strings.Join(a, " "), code,
				strings.Count(stdout, "Utilizare:"), stderr, stdout)
		}
	}
}

// runAsPrinted runs a command line the program printed (it starts with
// "etl") through a real shell, with this test binary standing in for etl.
func runAsPrinted(t *testing.T, cmdline string) (int, string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	script := `etl() { IFS=$(printf '\037'); DESCHIS_ETL_CHILD="$*" "$ETL_TEST_BINARY"; }; ` + cmdline
	cmd := exec.Command("sh", "-c", script)
	cmd.Env = append(os.Environ(), "ETL_TEST_BINARY="+self)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("sh -c %q: %v", script, err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// TestLoadMessagesSayWhatToRunNext: a refused load names its number, its
// counts are written the Romanian way, and the rejects command it suggests
// works as printed (here with a warehouse path that needs quoting); a file
// without data rows is a warning.
func TestLoadMessagesSayWhatToRunNext(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "depozit Sibiu's", "w.duckdb")
	if code, _, stderr := run(t, "load", "--db", db, "--dataset", "entities", "--format", "deschis", entitiesCSV(t, dir)); code != 0 {
		t.Fatalf("load entities: exit %d: %s", code, stderr)
	}
	var b strings.Builder
	b.WriteString(strings.SplitN(readFile(t, procurementCSV(t, dir, "h.csv", 0, 1)), "\n", 2)[0] + "\n")
	good := strings.SplitN(readFile(t, procurementCSV(t, dir, "g.csv", 0, 1_100)), "\n", 2)[1]
	b.WriteString(good)
	for i := 0; i < 100; i++ { // 100 of 1.200 rows (8,3 %) with an impossible date
		fmt.Fprintf(&b, "BAD%04d,direct_purchase,,%s,%s,X SRL,T,50000000-5,1.00,RON,2025-02-30,,,,\n", i, cityCUI, cui("1234567"))
	}
	p := writeFile(t, dir, "p.csv", b.String())
	code, stdout, _ := run(t, "load", "--db", db, "--dataset", "procurement", "--format", "deschis", p)
	if code != exitFailed {
		t.Fatalf("load with 8,3 %% rejects: exit %d, want 1:\n%s", code, stdout)
	}
	for _, want := range []string{"Încărcarea 2 (procurement) a fost REFUZATĂ", "100 din 1.200 de rânduri respinse (8,3 %), peste pragul de 5,0 %",
		"1.200 de rânduri citite, 0 încărcate, 100 respinse"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, stdout)
		}
	}
	_, hint, ok := strings.Cut(stdout, "toate respingerile: ")
	if !ok {
		t.Fatalf("no rejects command printed:\n%s", stdout)
	}
	hint, _, _ = strings.Cut(hint, "\n")
	code, out := runAsPrinted(t, hint+" --limit 1000")
	if code != exitOK || strings.Count(out, "încărcarea 2 (procurement, refused)") != 100 || !strings.Contains(out, `valoarea "2025-02-30"`) {
		t.Fatalf("%s: exit %d:\n%s", hint, code, out)
	}
	empty := writeFile(t, dir, "empty.csv", strings.SplitN(b.String(), "\n", 2)[0]+"\n")
	code, stdout, _ = run(t, "load", "--db", db, "--dataset", "procurement", "--format", "deschis", empty)
	if code != exitOK || !strings.Contains(stdout, "atenție: "+empty+" nu are niciun rând de date") {
		t.Fatalf("header-only file: exit %d:\n%s", code, stdout)
	}
	// etl status says how the loads are numbered (entities 1, the refused 2).
	code, stdout, _ = run(t, "status", "--db", db)
	if code != exitOK || !strings.Contains(stdout, "cele refuzate incluse") || !strings.Contains(stdout, "1 instituție\n") {
		t.Fatalf("status: exit %d:\n%s", code, stdout)
	}
}

// TestEntityOnAnEmptyWarehouse: as `etl load --help` documents, --entity of
// an administrative unit registers it on an empty warehouse; any other
// institution is refused with the command that registers it.
func TestEntityOnAnEmptyWarehouse(t *testing.T) {
	_, help, _ := run(t, "load", "--help")
	if !strings.Contains(help, "Într-un depozit gol,\no unitate administrativ-teritorială din lista de referință") {
		t.Fatalf("load --help does not document --entity on an empty warehouse:\n%s", help)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	p := procurementCSV(t, dir, "p.csv", 0, 3)
	school := cui("990001")
	code, _, stderr := run(t, "load", "--db", db, "--entity", school, "--dataset", "procurement", "--format", "deschis", p)
	if code != exitUsage || !strings.Contains(stderr, "instituția "+school+" nu este în depozit: încărcați-o întâi cu etl load --dataset entities") {
		t.Fatalf("--entity of a school on an empty warehouse: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := run(t, "load", "--db", db, "--entity", cityCUI, "--dataset", "procurement", "--format", "deschis", p, "--json")
	var res struct {
		Outcome            string `json:"outcome"`
		EntitiesRegistered []struct {
			CUI string `json:"cui"`
		} `json:"entities_registered"`
	}
	json.Unmarshal([]byte(stdout), &res)
	if code != exitOK || res.Outcome != "loaded" || len(res.EntitiesRegistered) != 1 || res.EntitiesRegistered[0].CUI != cityCUI {
		t.Fatalf("--entity of Sibiu on an empty warehouse: exit %d %s %s", code, stdout, stderr)
	}
}
