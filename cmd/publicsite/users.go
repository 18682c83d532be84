package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

const usersUsage = `publicsite users add NUME --role admin|director|viewer [--entity CUI] [--department NUME] [--oidc-only] --releases DIR
publicsite users list --releases DIR
publicsite users passwd NUME --releases DIR
publicsite users remove NUME --releases DIR

Conturile tablourilor de bord (/admin). Parola se citește de la intrarea standard
(cel puțin 12 caractere). Un cont --oidc-only nu are parolă: intră doar prin
furnizorul de identitate al instituției (cheia oidc din configurație), iar
intrarea cu parolă îi este refuzată; users passwd îi dă o parolă. Starea (conturi, sesiuni, jurnal) stă în directorul
--state, implicit „state” lângă directorul edițiilor, în afara oricărei ediții.
Opțiuni comune: --releases DIR, --state DIR, --config FIȘIER (și DESCHIS_RELEASES,
DESCHIS_STATE, DESCHIS_CONFIG), la fel ca pentru server.
`

// runUsers is `publicsite users ...`; its exit code is 2 for a bad command
// line or input, 1 for anything else that failed.
func runUsers(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	err := users(args, stdin, stdout, stderr, getenv)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	default:
		fmt.Fprintln(stderr, "publicsite users:", err)
		if errors.Is(err, models.ErrInvalid) {
			return 2
		}
		return 1
	}
}

func users(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usersUsage)
		if len(args) == 0 {
			return fmt.Errorf("%w: lipsește comanda: add, list, passwd sau remove", models.ErrInvalid)
		}
		return nil
	}
	cmd := args[0]
	fs := flag.NewFlagSet("publicsite users "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usersUsage) }
	releases := fs.String("releases", "", "directorul edițiilor")
	state := fs.String("state", "", "directorul stării serverului")
	config := fs.String("config", "", "fișierul de configurare YAML")
	var role, entity, department *string
	var oidcOnly *bool
	wantName := true
	switch cmd {
	case "add":
		role = fs.String("role", "", "admin, director sau viewer")
		entity = fs.String("entity", "", "codul fiscal al instituției")
		department = fs.String("department", "", "departamentul")
		oidcOnly = fs.Bool("oidc-only", false, "fără parolă: intră doar prin furnizorul de identitate")
	case "list":
		wantName = false
	case "passwd", "remove":
	default:
		return fmt.Errorf("%w: comanda %q nu există; comenzile sunt add, list, passwd și remove", models.ErrInvalid, cmd)
	}
	// NAME comes first (users add NAME --role ...), but may follow the flags.
	rest := args[1:]
	var name string
	if wantName && len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		name, rest = rest[0], rest[1:]
	}
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", models.ErrInvalid, err)
	}
	if wantName && name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return fmt.Errorf("%w: argument neașteptat %q", models.ErrInvalid, fs.Arg(0))
	}
	if wantName && name == "" {
		return fmt.Errorf("%w: lipsește numele contului: publicsite users %s NUME", models.ErrInvalid, cmd)
	}

	// The state is found exactly as the server finds it.
	var serverArgs []string
	for flagName, v := range map[string]string{"releases": *releases, "state": *state, "config": *config} {
		if v != "" {
			serverArgs = append(serverArgs, "--"+flagName, v)
		}
	}
	m := &Main{}
	if err := m.ParseFlags(serverArgs, getenv, io.Discard); err != nil {
		return err
	}
	st, err := accounts.Open(m.Config.StateDir(), accounts.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	switch cmd {
	case "add":
		u := accounts.User{Name: name, Role: accounts.Role(*role), Entity: *entity, Department: *department, ExternalOnly: *oidcOnly}
		if *role == "" {
			return fmt.Errorf("%w: lipsește --role admin|director|viewer", models.ErrInvalid)
		}
		if _, err := st.User(ctx, name); err == nil {
			return fmt.Errorf("%w: contul %q există deja; schimbați-i parola cu publicsite users passwd %s", models.ErrInvalid, accounts.NormalName(name), accounts.NormalName(name))
		}
		if err := entityInRelease(m.Config.Releases, u.Entity); err != nil {
			return err
		}
		pw := "" // an --oidc-only account reads no password
		if !u.ExternalOnly {
			if pw, err = readPassword(stdin, stderr); err != nil {
				return err
			}
		} else if m.Config.OIDC.Issuer == "" {
			fmt.Fprintln(stderr, "Atenție: configurația nu are încă furnizorul de identitate (cheia oidc); până atunci contul nu poate intra.")
		}
		if err := st.AddUser(ctx, u, pw); err != nil {
			return err
		}
		how := ""
		if u.ExternalOnly {
			how = ", fără parolă: intră doar prin furnizorul de identitate"
		}
		fmt.Fprintf(stdout, "Contul %s (%s%s) a fost adăugat în %s.\n", accounts.NormalName(name), *role, how, st.Dir())
	case "list":
		us, err := st.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NUME\tROL\tINSTITUȚIE\tDEPARTAMENT\tINTRARE")
		for _, u := range us {
			how := "parolă"
			if u.ExternalOnly {
				how = "doar oidc"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Name, u.Role, dash(u.Entity), dash(u.Department), how)
		}
		return tw.Flush()
	case "passwd":
		if _, err := st.User(ctx, name); err != nil {
			return err
		}
		pw, err := readPassword(stdin, stderr)
		if err != nil {
			return err
		}
		if err := st.SetPassword(ctx, name, pw); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Parola contului %s a fost schimbată; sesiunile lui s-au încheiat.\n", accounts.NormalName(name))
	case "remove":
		if err := st.RemoveUser(ctx, name); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Contul %s a fost șters.\n", accounts.NormalName(name))
	}
	return nil
}

// entityInRelease refuses an --entity the current release does not know
// (a typo would make an account that sees nothing). With no release
// published yet, any fiscal code is taken.
func entityInRelease(releases, cui string) error {
	if cui == "" {
		return nil
	}
	id, err := release.Current(releases)
	if err != nil {
		return nil
	}
	man, err := release.ReadManifest(filepath.Join(releases, id))
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, d := range man.Datasets {
		for _, e := range d.Coverage.Entities {
			known[e] = true
		}
	}
	if known[strings.TrimSpace(cui)] {
		return nil
	}
	list := slices.Sorted(maps.Keys(known))
	return fmt.Errorf("%w: --entity %s nu este o instituție a ediției curente %s; instituțiile ei sunt: %s", models.ErrInvalid, cui, id, strings.Join(list, ", "))
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// readPassword reads the password from standard input: typed twice without
// echo at a terminal, else the first line.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(stderr, "Parola (cel puțin %d caractere): ", accounts.MinPasswordLength)
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Încă o dată: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", fmt.Errorf("%w: parolele nu coincid", models.ErrInvalid)
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("%w: lipsește parola: scrieți-o pe prima linie a intrării standard", models.ErrInvalid)
	}
	return line, nil
}
