package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/warehouse"
)

func (m *Main) cmdStatus(ctx context.Context, args []string) error {
	fs := m.newFlags("status", "--db FIȘIER [--json]", "Arată încărcările fiecărui set de date, rândurile din depozit, respingerile și ediția curentă.")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "scrie rezultatul ca JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	w, err := m.openWarehouse(ctx, *db, true)
	if err != nil {
		return err
	}
	defer w.Close()
	s, err := w.Status(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, s)
	}
	m.ro.Fprintf(m.Stdout, "Depozit %s (schema %d), %d %s\n\n", s.Path, s.SchemaVersion, s.Entities, models.Nouns(int64(s.Entities), "instituție", "instituții"))
	fmt.Fprintf(m.Stdout, "%-12s %8s %14s %14s %10s %8s  %s\n", "set", "încărc.", "rânduri acum", "încărcate", "respinse", "refuzate", "ultima încărcare")
	for _, d := range s.Datasets {
		last := "–"
		if !d.LastLoad.IsZero() {
			last = d.LastLoad.Local().Format("02.01.2006 15:04")
		}
		m.ro.Fprintf(m.Stdout, "%-12s %8d %14d %14d %10d %8d  %s\n", d.Dataset, d.Loads, d.Rows, d.RowsLoaded, d.RowsRejected, d.Refused, last)
	}
	for _, d := range s.Datasets {
		if d.RowsSkipped > 0 {
			fmt.Fprintf(m.Stdout, "%s: sărite la încărcare (nu sunt date): %s\n", d.Dataset, m.skipSummary(d.SkippedBy))
		}
	}
	if loadsTried(s) > 0 {
		fmt.Fprintf(m.Stdout, "\nÎncărcările sunt numerotate 1, 2, 3… în ordinea în care au fost încercate, cele refuzate incluse:\n"+
			"o încărcare refuzată își păstrează numărul și respingerile (etl rejects --db %s --load N).\n", shellArg(*db))
	}
	if r := s.CurrentRelease; r != nil {
		m.ro.Fprintf(m.Stdout, "\nUltima ediție publicată: %s (%s), %d %s, %d %s, %d %s\n  %s\n",
			r.ReleaseID, r.Created.Local().Format("02.01.2006 15:04"), r.Datasets, models.Nouns(int64(r.Datasets), "set", "seturi"),
			r.Rows, models.Nouns(int64(r.Rows), "rând", "rânduri"), r.Bytes, models.Nouns(int64(r.Bytes), "octet", "octeți"), r.Path)
	} else {
		fmt.Fprintln(m.Stdout, "\nNicio ediție publicată încă: etl publish --db … --out …")
	}
	return nil
}

// skipSummary says the rows skipped by reason, the most frequent first:
// "alte instituții (--only-entity): 1.234 de rânduri; fără nicio valoare: 1 rând".
func (m *Main) skipSummary(by map[string]int64) string {
	reasons := make([]string, 0, len(by))
	for r := range by {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool {
		if by[reasons[i]] != by[reasons[j]] {
			return by[reasons[i]] > by[reasons[j]]
		}
		return reasons[i] < reasons[j]
	})
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		what, ok := models.SkipReasons[r]
		if !ok {
			what = r
		}
		parts[i] = m.ro.Sprintf("%s: %d %s", what, by[r], models.Nouns(by[r], "rând", "rânduri"))
	}
	return strings.Join(parts, "; ")
}

// loadsTried counts the loads recorded, refused ones included.
func loadsTried(s *warehouse.Status) int64 {
	var n int64
	for _, d := range s.Datasets {
		n += d.Loads + d.Refused
	}
	return n
}

func (m *Main) cmdRejects(ctx context.Context, args []string) error {
	fs := m.newFlags("rejects", "--db FIȘIER [--load ID] [--limit N] [--json]", `
Arată rândurile respinse: fișierul, linia fizică unde începe rândul, coloana,
valoarea și motivul. Corectați sursa și reîncărcați fișierul.`)
	db := dbFlag(fs)
	load := fs.Int64("load", 0, "doar încărcarea cu acest număr (0: toate, cele mai noi întâi)")
	limit := fs.Int("limit", 100, "câte respingeri cel mult")
	asJSON := fs.Bool("json", false, "scrie rezultatul ca JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	w, err := m.openWarehouse(ctx, *db, true)
	if err != nil {
		return err
	}
	defer w.Close()
	rs, err := w.Rejects(ctx, *load, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, rs)
	}
	if len(rs) == 0 {
		fmt.Fprintln(m.Stdout, "Nicio respingere.")
	}
	for _, r := range rs {
		fmt.Fprintf(m.Stdout, "încărcarea %d (%s, %s): %s linia %d, coloana %s, valoarea %q: %s\n",
			r.LoadID, r.Dataset, r.Outcome, r.File, r.Line, r.Column, r.Value, r.Reason)
	}
	return nil
}

func (m *Main) cmdFormats(ctx context.Context, args []string) error {
	fs := m.newFlags("formats", "", "Formatele de fișiere pe care le citește etl load.")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	for _, f := range ingest.Formats() {
		fmt.Fprintf(m.Stdout, "%-10s %s\n           seturi: %v\n", f.Name, f.Description, f.Datasets)
	}
	return nil
}
