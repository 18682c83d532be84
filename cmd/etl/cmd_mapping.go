package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/deschis/deschis/ingest/tabular"
)

const mappingHelp = `Verifică o mapare (docs/mapping.md) înainte de orice încărcare: sintaxa YAML,
setul de date, câmpurile țintă, câmpurile obligatorii fără coloană, valorile din
map care nu sunt permise, expresiile regulate, notațiile de numere și date. Cu un
fișier-eșantion, verifică și că antetul lui are coloanele numite.

Toate problemele apar deodată, fiecare pe o linie, cu linia din fișierul YAML,
în ordinea liniilor (și cheile necunoscute, toate, cu cheile permise acolo).
Cod de ieșire: 0 maparea e bună, 1 are probleme, 2 utilizare greșită.

Exemplu:
  etl mapping check mapari/registratura.yaml export-registratura.csv`

// MappingCheck is what `etl mapping check --json` prints.
type MappingCheck struct {
	Mapping string   `json:"mapping"`
	Sample  string   `json:"sample,omitempty"`
	Dataset string   `json:"dataset,omitempty"`
	Format  string   `json:"format,omitempty"`
	Valid   bool     `json:"valid"`
	Errors  []string `json:"errors"`
}

func (m *Main) cmdMapping(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "check" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintf(m.Stdout, "Utilizare: etl mapping check FIȘIER [EȘANTION] [--json]\n\n%s\n", mappingHelp)
			return flag.ErrHelp
		}
		return usageErr("folosiți: etl mapping check FIȘIER [EȘANTION]")
	}
	fs := m.newFlags("mapping check", "FIȘIER [EȘANTION] [--json]", mappingHelp)
	asJSON := fs.Bool("json", false, "scrie rezultatul ca JSON")
	paths, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(paths) == 0 || len(paths) > 2 {
		return usageErr("dați fișierul de mapare și, opțional, un fișier-eșantion")
	}
	res := MappingCheck{Mapping: paths[0], Errors: []string{}}
	if _, err := os.Stat(paths[0]); err != nil {
		return usageErr("%v", err)
	}
	var sample io.Reader
	if len(paths) == 2 {
		res.Sample = paths[1]
		f, err := os.Open(paths[1])
		if err != nil {
			return usageErr("%v", err)
		}
		defer f.Close()
		sample = f
	}
	mp, problems := tabular.CheckFile(paths[0], sample)
	if mp != nil {
		res.Dataset, res.Format = mp.Dataset, mp.Format
	}
	for _, p := range problems {
		res.Errors = append(res.Errors, p.Error())
	}
	res.Valid = len(problems) == 0
	if *asJSON {
		writeJSON(m.Stdout, res)
	} else if res.Valid {
		fmt.Fprintf(m.Stdout, "Maparea %s este bună (set %s, format %s).\n", res.Mapping, res.Dataset, res.Format)
	} else {
		if len(res.Errors) == 1 {
			fmt.Fprintf(m.Stdout, "Maparea %s are o problemă:\n", res.Mapping)
		} else {
			fmt.Fprintf(m.Stdout, "Maparea %s are %d probleme:\n", res.Mapping, len(res.Errors))
		}
		for _, e := range res.Errors {
			fmt.Fprintf(m.Stdout, "  %s\n", e)
		}
	}
	if !res.Valid {
		return errMappingInvalid
	}
	return nil
}

// errMappingInvalid ends `etl mapping check` with exit code 1: the mapping
// was read and has problems, already printed.
var errMappingInvalid = errors.New("maparea are probleme: nu încărcați cu ea până nu le corectați")
