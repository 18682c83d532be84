// Command etl is the only writer of a Deschis warehouse: it creates it, loads
// source files into it, generates the demo municipality, publishes releases
// and reports what happened.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"

	"golang.org/x/term"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

// Exit codes: a promise to scripts.
const (
	exitOK     = 0 // done (a load committed, or had nothing new)
	exitFailed = 1 // refused or failed: nothing changed
	exitUsage  = 2 // the command line is wrong
)

const version = "0.1.0"

// Main is the program with its environment, so tests run the real thing.
type Main struct {
	Stdout, Stderr io.Writer
	// Terminal reports whether stdout is a terminal (progress bars).
	Terminal bool
	// Getenv reads the environment (os.Getenv when nil): DESCHIS_MEMORY_LIMIT
	// and DESCHIS_TRACE become the warehouse's settings.
	Getenv func(string) string
	ro     *message.Printer
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Terminal: term.IsTerminal(int(os.Stdout.Fd()))}
	// DESCHIS_CPUPROFILE=FILE writes a CPU profile of the command (for
	// `go tool pprof`), the way the load path was tuned.
	if path := os.Getenv("DESCHIS_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
			code := m.Run(ctx, os.Args[1:])
			pprof.StopCPUProfile()
			f.Close()
			os.Exit(code)
		}
	}
	os.Exit(m.Run(ctx, os.Args[1:]))
}

type command struct {
	name, summary string
	run           func(m *Main, ctx context.Context, args []string) error
}

var commands = []command{
	{"init", "creează depozitul (sau îl aduce la schema curentă)", (*Main).cmdInit},
	{"load", "încarcă fișiere sursă într-un set de date", (*Main).cmdLoad},
	{"mapping", "verifică o mapare de coloane (mapping check FIȘIER [EȘANTION])", (*Main).cmdMapping},
	{"run", "rulează fluxurile din fișierul de configurare (și urmărește un director)", (*Main).cmdRun},
	{"demo", "generează și încarcă municipiul demonstrativ", (*Main).cmdDemo},
	{"publish", "publică o ediție nouă (Parquet + manifest) și o face curentă", (*Main).cmdPublish},
	{"verify", "verifică sumele de control ale unei ediții", (*Main).cmdVerify},
	{"prune", "șterge edițiile vechi, păstrându-le pe cele mai noi", (*Main).cmdPrune},
	{"status", "încărcări, rânduri, respingeri și ediția curentă", (*Main).cmdStatus},
	{"rejects", "ce rânduri au fost respinse și de ce", (*Main).cmdRejects},
	{"formats", "formatele de fișiere pe care le citește load", (*Main).cmdFormats},
}

// Run executes one command line and returns the exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	m.ro = message.NewPrinter(language.Romanian)
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(m, ctx, args[1:])
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.Is(err, errUsage), errors.Is(err, models.ErrInvalid):
			fmt.Fprintf(m.Stderr, "etl %s: %v\n", c.name, err)
			fmt.Fprintf(m.Stderr, "Detalii: etl %s --help\n", c.name)
			return exitUsage
		default:
			fmt.Fprintf(m.Stderr, "etl %s: %v\n", c.name, err)
			return exitFailed
		}
	}
	fmt.Fprintf(m.Stderr, "etl: comanda %q nu există\n\n", args[0])
	m.usage(m.Stderr)
	return exitUsage
}

var errUsage = errors.New("utilizare greșită")

func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintf(w, `etl %s: depozitul de date Deschis (transparență pentru administrația locală)

Utilizare: etl COMANDĂ [opțiuni]

Comenzi:
`, version)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Primii pași:
  etl demo --db var/deschis.duckdb                 # un oraș demonstrativ, 5 ani de date
  etl publish --db var/deschis.duckdb --out var/releases
  etl status --db var/deschis.duckdb

Încărcarea datelor proprii:
  etl load --db var/deschis.duckdb --dataset entities --format deschis institutii.csv
  etl load --db var/deschis.duckdb --entity 4270740 --dataset budget --format deschis executie-2026-10.csv
  etl rejects --db var/deschis.duckdb              # ce s-a respins și de ce

Coduri de ieșire: 0 reușit, 1 refuzat sau eșuat (nimic nu s-a schimbat), 2 utilizare greșită.
Fiecare comandă are --help.
`)
}

// newFlags makes a flag set whose --help prints the command's own help.
func (m *Main) newFlags(name, synopsis, help string) *flag.FlagSet {
	fs := flag.NewFlagSet("etl "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		w := m.Stdout
		fmt.Fprintf(w, "Utilizare: etl %s %s\n\n%s\n\nOpțiuni:\n", name, synopsis, strings.TrimSpace(help))
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse parses flags that may stand before, between or after the positional
// arguments (etl load ... a.csv b.csv --json), and returns the positionals.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err // fs.Parse has printed the help
			}
			return nil, usageErr("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// dbFlag is the --db flag every command that touches a warehouse has.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "fișierul depozitului DuckDB (obligatoriu)")
}

// openWarehouse opens the --db warehouse, creating it unless readOnly (status
// and rejects never write, so they run beside a site reading releases).
func (m *Main) openWarehouse(ctx context.Context, db string, readOnly bool) (*warehouse.Warehouse, error) {
	if db == "" {
		return nil, usageErr("lipsește --db")
	}
	if readOnly {
		return warehouse.OpenReadOnly(ctx, db)
	}
	return warehouse.Open(ctx, db, m.warehouseOptions())
}

// warehouseOptions are the warehouse's settings from the environment:
// DESCHIS_MEMORY_LIMIT (e.g. 1GB) bounds DuckDB's memory, DESCHIS_TRACE=1
// prints how long each phase of a load takes on standard error.
func (m *Main) warehouseOptions() warehouse.Options {
	getenv := m.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	opt := warehouse.Options{MemoryLimit: getenv("DESCHIS_MEMORY_LIMIT")}
	if getenv("DESCHIS_TRACE") != "" {
		opt.Trace = m.Stderr
	}
	return opt
}
