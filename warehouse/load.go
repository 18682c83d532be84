package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/deschis/deschis/models"
)

// DefaultMaxRejectShare refuses a load whose rejected rows exceed 5 % of the
// rows read: past that the file is more likely misread than dirty.
const DefaultMaxRejectShare = 0.05

// MaxRejectsReported is how many rejects a LoadResult carries (all are kept
// in the rejects table of a committed load).
const MaxRejectsReported = 100

// maxRejectsKeptWhenRefused bounds what a refused load leaves in the rejects
// table: enough to see the pattern, not a copy of a broken file.
const maxRejectsKeptWhenRefused = 10_000

// LoadFile is one file of a load. Open is called at most once, after the
// checksum has shown that the file is new.
type LoadFile struct {
	Path string
	Open func() (models.RowReader, error)
	// SQL, when set, offers the file to the SQL load path (load_csv_sql.go)
	// for the datasets it compiles (SQLPath): it returns the file's CSV
	// shape, or nil when only Open reads it alike. Called at most once,
	// instead of Open when it returns a file, on a goroutine of its own
	// while the checksum is computed (load_prescan.go), with a context the
	// load cancels when it ends or when the checksum shows the file already
	// loaded: a cancelled pre-scan leaves no copy behind.
	SQL func(ctx context.Context) (*CSVFile, error)
}

// LoadSpec describes one load: one dataset, one or more files, one transaction.
type LoadSpec struct {
	Dataset        string
	Format         string
	Entity         string  // --entity, recorded with the load
	MaxRejectShare float64 // 0 means DefaultMaxRejectShare
	// RegisterEntities registers the institutions the rows name that the
	// warehouse does not know yet (etl load without --entity): from the
	// reference list of administrative units (models.LookupUAT), else under
	// the name the source gives (entity_name, buyer_name). Rows of an unknown
	// institution without a name are still rejected.
	RegisterEntities bool
}

// FileResult is what happened to one file.
type FileResult struct {
	Path           string `json:"path"`
	SHA256         string `json:"sha256"`
	Bytes          int64  `json:"bytes"`
	RowsRead       int64  `json:"rows_read"`
	RowsLoaded     int64  `json:"rows_loaded"`
	RowsRejected   int64  `json:"rows_rejected"`
	RowsSuperseded int64  `json:"rows_superseded"`
	// RowsSkipped are the rows the reader passed over without a record (not
	// data: blank rows, totals, other institutions' rows under
	// --only-entity), SkippedBy the same by reason (models.SkipReasons).
	RowsSkipped int64            `json:"rows_skipped"`
	SkippedBy   map[string]int64 `json:"skipped_by,omitempty"`
	Skipped     bool             `json:"skipped"`
	// Empty: the file has no data rows (a header alone, or every row
	// skipped); it is not recorded as loaded, so a later export of the same
	// name with rows loads as new.
	Empty bool `json:"empty,omitempty"`
}

// LoadResult is the outcome of a load; it is what `etl load --json` prints.
type LoadResult struct {
	LoadID  int64             `json:"load_id"` // 0 when nothing was loaded
	Dataset string            `json:"dataset"`
	Outcome string            `json:"outcome"` // loaded, skipped, refused
	Message string            `json:"message,omitempty"`
	Files   []FileResult      `json:"files"`
	Rejects []models.RowError `json:"rejects"`
	// EntitiesRegistered lists the institutions this load registered.
	EntitiesRegistered []RegisteredEntity `json:"entities_registered,omitempty"`
	// Warnings are what the load did not refuse but a person should know
	// (a file without data rows).
	Warnings []string `json:"warnings,omitempty"`
}

// Load reads the files of one load into staging, checks them set-based
// (institutions known, keys unique), and merges them into the core tables in
// one transaction. Files whose checksum was already loaded for the dataset are
// skipped. When the rejected rows exceed the allowed share, or a file cannot
// be read at all, nothing changes: the error wraps models.ErrRefused and the
// refusal is recorded in loads and rejects so that `etl rejects` explains it.
// A file without data rows is a warning, not a load: nothing is recorded for
// it.
//
// Load ids count the loads a person sees, refused ones included (they are
// kept with their rejects), without gaps: an id is the next after the
// highest recorded, taken inside the transaction that records it, so an
// interrupted load or a refused one's rolled-back attempt uses none.
func (w *Warehouse) Load(ctx context.Context, spec LoadSpec, files []LoadFile) (res *LoadResult, err error) {
	defer models.Wrap(&err, "încărcare %s", spec.Dataset)
	// A cancelled load fails with the context's error, whichever statement
	// DuckDB interrupted (the pre-scan runs beside the load's own queries).
	defer func() {
		if err != nil && ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
			err = fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
	}()
	fields, ok := models.SourceFields[spec.Dataset]
	if !ok {
		return nil, fmt.Errorf("%w: setul de date %q nu există (seturi: %s)", models.ErrInvalid, spec.Dataset, strings.Join(models.SourceDatasets, ", "))
	}
	if spec.MaxRejectShare == 0 {
		spec.MaxRejectShare = DefaultMaxRejectShare
	}
	res = &LoadResult{Dataset: spec.Dataset, Rejects: []models.RowError{}}
	started := time.Now().UTC()
	phase := w.tracer("load " + spec.Dataset)

	conn, err := w.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	committed := false
	defer func() {
		if !committed {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	if err := createStaging(ctx, conn, spec.Dataset, fields); err != nil {
		return nil, err
	}
	// The load's id is taken first: the datasets staged straight into the
	// fact table mark their rows with it (load_direct.go).
	loadID, err := nextLoadID(ctx, conn)
	if err != nil {
		return nil, err
	}
	asOf := started.Local().Format(time.DateOnly)
	direct := direct(spec.Dataset)

	var fresh []int // indexes into res.Files of files read in this load
	for i, f := range files {
		// The pre-scan of the SQL path runs while the checksum is computed.
		pre := startPrescan(ctx, spec.Dataset, f)
		sum, size, err := models.FileSHA256(f.Path)
		if err != nil {
			pre.drop()
			return nil, fmt.Errorf("%w: %v", models.ErrInvalid, err)
		}
		fr := FileResult{Path: f.Path, SHA256: sum, Bytes: size}
		var prior int
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM loads WHERE dataset = ? AND sha256 = ? AND outcome = 'loaded'`,
			spec.Dataset, sum).Scan(&prior); err != nil {
			pre.drop()
			return nil, err
		}
		dupInLoad := false
		for _, j := range fresh {
			dupInLoad = dupInLoad || res.Files[j].SHA256 == sum
		}
		if prior > 0 || dupInLoad {
			pre.drop()
			fr.Skipped = true
			res.Files = append(res.Files, fr)
			continue
		}
		res.Files = append(res.Files, fr)
		fresh = append(fresh, len(res.Files)-1)
		if err := stageFile(ctx, conn, spec.Dataset, i+1, loadID, asOf, f, pre, &res.Files[len(res.Files)-1], w.tracer("stage "+f.Path)); err != nil {
			var fe *models.FileError
			if errors.As(err, &fe) {
				conn.ExecContext(ctx, "ROLLBACK")
				committed = true // nothing left to roll back
				res.Outcome, res.Message = "refused", fe.Error()
				w.recordRefusal(ctx, spec, res, started, nil)
				return res, fe
			}
			return nil, err
		}
	}
	// counts: the rows read of each file, by file number.
	var counts map[int]int64
	if direct {
		if err := moveStaged(ctx, conn, spec.Dataset, loadID, asOf); err != nil {
			return nil, err
		}
		if counts, err = directCounts(ctx, conn, spec.Dataset, loadID, true); err != nil {
			return nil, err
		}
	} else if counts, err = stagedCounts(ctx, conn); err != nil {
		return nil, err
	}
	fresh = dropEmpty(files, res, fresh, counts)
	if len(fresh) == 0 {
		res.Outcome = "skipped"
		res.Message = "toate fișierele au mai fost încărcate (aceeași sumă sha256): nimic nu s-a schimbat"
		if len(res.Warnings) > 0 {
			res.Message = "niciun fișier nou cu rânduri de date: nimic nu s-a schimbat"
		}
		return res, nil
	}

	phase("staged")
	if spec.RegisterEntities {
		if res.EntitiesRegistered, err = registerEntities(ctx, conn, spec.Dataset, loadID); err != nil {
			return nil, err
		}
	}
	if direct {
		err = w.checkDirect(ctx, conn, spec.Dataset, loadID)
	} else {
		err = w.checkStaged(ctx, conn, spec.Dataset)
	}
	if err != nil {
		return nil, err
	}
	phase("checked")
	var read, rejected int64
	var loaded map[int]int64 // the rows left in the fact table, by file number
	if direct {
		if loaded, err = directCounts(ctx, conn, spec.Dataset, loadID, false); err != nil {
			return nil, err
		}
	}
	for _, j := range fresh {
		fr := &res.Files[j]
		no := fileNo(files, fr.Path)
		fr.RowsRead = counts[no]
		if direct { // every row read is loaded or rejected
			fr.RowsRejected = fr.RowsRead - loaded[no]
		} else {
			err = conn.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE NOT ok) FROM stg_rows WHERE file_no = ?`, no).Scan(&fr.RowsRejected)
		}
		if err != nil {
			return nil, err
		}
		read += fr.RowsRead
		rejected += fr.RowsRejected
	}
	if res.Rejects, err = sampleRejects(ctx, conn, files, MaxRejectsReported); err != nil {
		return nil, err
	}
	if read > 0 && float64(rejected) > spec.MaxRejectShare*float64(read) {
		all, err := sampleRejects(ctx, conn, files, maxRejectsKeptWhenRefused)
		if err != nil {
			return nil, err
		}
		conn.ExecContext(ctx, "ROLLBACK")
		committed = true
		res.Outcome = "refused"
		res.EntitiesRegistered = nil // rolled back with the rest
		res.Message = ro.Sprintf("%d din %d %s respinse (%.1f %%), peste pragul de %.1f %%: încărcarea a fost refuzată, nimic nu s-a schimbat",
			rejected, read, models.Nouns(read, "rând", "rânduri"), 100*float64(rejected)/float64(read), 100*spec.MaxRejectShare)
		w.recordRefusal(ctx, spec, res, started, all)
		return res, models.Refused(res.Message)
	}

	res.LoadID = loadID
	if direct {
		err = w.mergeDirect(ctx, conn, spec.Dataset, loadID)
	} else {
		err = w.mergeStaged(ctx, conn, spec.Dataset, loadID)
	}
	if err != nil {
		return nil, err
	}
	phase("merged")
	for _, j := range fresh {
		fr := &res.Files[j]
		no := fileNo(files, fr.Path)
		if direct { // counted before the merge
			fr.RowsLoaded = loaded[no]
		} else {
			if err := conn.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE ok AND NOT superseded), count(*) FILTER (WHERE ok AND superseded) FROM stg_rows WHERE file_no = ?`,
				no).Scan(&fr.RowsLoaded, &fr.RowsSuperseded); err != nil {
				return nil, err
			}
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO rejects SELECT ?, file, line, column_name, value, reason FROM stg_rejects WHERE file_no = ? ORDER BY line`,
			loadID, no); err != nil {
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO loads (load_id, file_no, dataset, source_format, entity_cui, path, sha256, bytes,
			rows_read, rows_loaded, rows_rejected, rows_superseded, started_at, finished_at, outcome)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP, 'loaded')`,
			loadID, no, spec.Dataset, spec.Format, nullString(spec.Entity), fr.Path, fr.SHA256, fr.Bytes,
			fr.RowsRead, fr.RowsLoaded, fr.RowsRejected, fr.RowsSuperseded, started); err != nil {
			return nil, err
		}
		for reason, n := range fr.SkippedBy {
			if _, err := conn.ExecContext(ctx, `INSERT INTO load_skips VALUES (?, ?, ?, ?)`, loadID, no, reason, n); err != nil {
				return nil, err
			}
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, err
	}
	phase("committed")
	committed = true
	res.Outcome = "loaded"
	return res, nil
}

func fileNo(files []LoadFile, path string) int {
	for i, f := range files {
		if f.Path == path {
			return i + 1
		}
	}
	return 0
}

// recordRefusal writes a refused load in its own small transaction, after the
// data transaction was rolled back: the data is unchanged, the reason is kept.
func (w *Warehouse) recordRefusal(ctx context.Context, spec LoadSpec, res *LoadResult, started time.Time, rejects []models.RowError) {
	ctx = context.WithoutCancel(ctx)
	w.inTx(ctx, func(tx *sql.Tx) error {
		id, err := nextLoadID(ctx, tx)
		if err != nil {
			return err
		}
		res.LoadID = id
		for i, fr := range res.Files {
			if fr.Skipped {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO loads (load_id, file_no, dataset, source_format, entity_cui, path, sha256, bytes,
				rows_read, rows_loaded, rows_rejected, started_at, finished_at, outcome, message)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, now()::TIMESTAMP, 'refused', ?)`,
				id, i+1, spec.Dataset, spec.Format, nullString(spec.Entity), fr.Path, fr.SHA256, fr.Bytes,
				fr.RowsRead, fr.RowsRejected, started, res.Message); err != nil {
				return err
			}
		}
		for _, r := range rejects {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rejects VALUES (?, ?, ?, ?, ?, ?)`, id, r.File, r.Line, r.Column, r.Value, r.Reason); err != nil {
				return err
			}
		}
		return nil
	})
}

// nextLoadID is the id of a load being recorded: the next after the highest
// in loads. The load_id_seq sequence of the first migration is no longer
// used: DuckDB sequences do not roll back, so a refused load took two
// numbers and an interrupted one took one that nothing recorded.
func nextLoadID(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT coalesce(max(load_id), 0) + 1 FROM loads`).Scan(&id)
	return id, err
}

// stagedCounts is, per file number, the rows staged in stg_rows.
func stagedCounts(ctx context.Context, conn *sql.Conn) (map[int]int64, error) {
	return countsByFile(ctx, conn, `SELECT file_no, count(*) FROM stg_rows GROUP BY ALL`)
}

// countsByFile reads a query of (file number, rows) pairs into a map.
func countsByFile(ctx context.Context, conn *sql.Conn, query string, args ...any) (map[int]int64, error) {
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]int64{}
	for rows.Next() {
		var no int
		var n int64
		if err := rows.Scan(&no, &n); err != nil {
			return nil, err
		}
		out[no] = n
	}
	return out, rows.Err()
}

// dropEmpty takes the files without data rows (counts, by file number) out
// of the load, marked Empty with a warning each, and returns the files left.
func dropEmpty(files []LoadFile, res *LoadResult, fresh []int, counts map[int]int64) []int {
	var kept []int
	for _, j := range fresh {
		fr := &res.Files[j]
		if counts[fileNo(files, fr.Path)] > 0 {
			kept = append(kept, j)
			continue
		}
		fr.Empty = true
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s nu are niciun rând de date (doar antetul, sau toate rândurile sărite): nu a fost încărcat; verificați exportul", fr.Path))
	}
	return kept
}

// ro formats the numbers of messages the Romanian way: 9.999, 20,2 %.
var ro = message.NewPrinter(language.Romanian)

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// sqlType is the staging column type of a field type. Amounts are staged as
// integer bani and become DECIMAL(18,2) in core.
func sqlType(t models.FieldType) string {
	switch t {
	case models.TypeInt, models.TypeAmount:
		return "BIGINT"
	case models.TypeDate:
		return "DATE"
	case models.TypeBool:
		return "BOOLEAN"
	}
	return "VARCHAR"
}

// createStaging makes the per-load temporary tables: stg_rows holds every
// record read (ok = false once a set-based check rejects it), stg_rejects
// every reason.
func createStaging(ctx context.Context, conn *sql.Conn, dataset string, fields []models.Field) error {
	var cols strings.Builder
	for _, f := range fields {
		fmt.Fprintf(&cols, ", %q %s", f.Name, sqlType(f.Type))
	}
	for _, q := range []string{
		`DROP TABLE IF EXISTS temp.stg_rows`,
		`DROP TABLE IF EXISTS temp.stg_rejects`,
		// raw: the cells of a row the SQL path hands to the Go rules.
		fmt.Sprintf(`CREATE TEMP TABLE stg_rows (file_no INTEGER, line BIGINT, ok BOOLEAN, superseded BOOLEAN%s, raw VARCHAR[])`, cols.String()),
		`CREATE TEMP TABLE stg_rejects (file_no INTEGER, file VARCHAR, line BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR)`,
		`DROP TABLE IF EXISTS temp.stg_files`,
		`CREATE TEMP TABLE stg_files (file_no INTEGER, path VARCHAR)`,
		// The names rows give to institutions the warehouse does not know
		// (registerEntities), counted, for the datasets staged straight
		// into the fact table, which has no column for them.
		`DROP TABLE IF EXISTS temp.stg_names`,
		`CREATE TEMP TABLE stg_names (cui VARCHAR, name VARCHAR, n BIGINT)`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

func sampleRejects(ctx context.Context, conn *sql.Conn, files []LoadFile, limit int) ([]models.RowError, error) {
	rows, err := conn.QueryContext(ctx, `SELECT file, line, column_name, coalesce(value, ''), reason FROM stg_rejects ORDER BY file_no, line LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []models.RowError{}
	for rows.Next() {
		var e models.RowError
		if err := rows.Scan(&e.File, &e.Line, &e.Column, &e.Value, &e.Reason); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// tracer returns a function that prints to Options.Trace, when set, how
// long each phase of an operation took: how the load path is tuned.
func (w *Warehouse) tracer(op string) func(phase string) {
	if w.opt.Trace == nil {
		return func(string) {}
	}
	start, last := time.Now(), time.Now()
	return func(phase string) {
		now := time.Now()
		fmt.Fprintf(w.opt.Trace, "trace %s: %-10s %8.3f s (total %.3f s)\n", op, phase, now.Sub(last).Seconds(), now.Sub(start).Seconds())
		last = now
	}
}
