// Package accounts is the server's own state: the local accounts of the
// decision-maker dashboards (argon2id password hashes), their server-side
// sessions, the sign-in throttle and the audit log. It lives in one SQLite
// database (modernc.org/sqlite, pure Go) in a directory of its own, outside
// every release, so none of it can ever reach a download.
//
// SQLite rather than bbolt: `publicsite users add` runs while the server is
// serving the same state, and SQLite (WAL, busy timeout) lets both open it at
// once, where bbolt locks the file for one process; the audit log and the
// throttle are queries over time windows, which SQL indexes answer directly;
// and an operator can inspect the file with the sqlite3 shell.
package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/deschis/deschis/models"
)

// File is the database's name inside the state directory.
const File = "deschis-state.sqlite"

// DefaultDir is the state directory of a releases directory when none is
// set: "state" beside it (var/releases -> var/state), outside every release
// and outside the directory releases are published or copied from.
func DefaultDir(releases string) string {
	abs, err := filepath.Abs(releases)
	if err != nil {
		abs = releases
	}
	return filepath.Join(filepath.Dir(filepath.Clean(abs)), "state")
}

// Options are the settings of a store; zero values take the defaults.
type Options struct {
	// IdleTimeout ends a session not used for this long (default 30 minutes).
	IdleTimeout time.Duration
	// AbsoluteTimeout ends a session this long after sign-in (default 12 hours).
	AbsoluteTimeout time.Duration
	// Throttle bounds failed sign-ins (default DefaultThrottle).
	Throttle Throttle
	// Now is the clock (default time.Now); tests move it instead of sleeping.
	Now func() time.Time
}

// Store is the state database. It is safe for concurrent use, and several
// processes (the server and the users command) may open it at once.
type Store struct {
	db   *sql.DB
	opts Options
	dir  string
}

// Open opens (creating it if needed, readable by its owner only) the state
// database in dir.
func Open(dir string, opts Options) (_ *Store, err error) {
	defer models.Wrap(&err, "starea serverului %s", dir)
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = 30 * time.Minute
	}
	if opts.AbsoluteTimeout <= 0 {
		opts.AbsoluteTimeout = 12 * time.Hour
	}
	if opts.Throttle == (Throttle{}) {
		opts.Throttle = DefaultThrottle
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, File)
	// Create the file first so that SQLite (and its -wal and -shm files,
	// which take the database's mode) is private to the server's user.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	f.Close()
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	// One connection: SQLite has one writer anyway, and the pages make a
	// few small queries each.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, opts: opts, dir: dir}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Dir is the state directory.
func (s *Store) Dir() string { return s.dir }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) now() time.Time { return s.opts.Now().UTC() }

// schema is version 1 of the state database. Times are Unix milliseconds.
const schema = `
CREATE TABLE IF NOT EXISTS users (
	name       TEXT PRIMARY KEY,
	role       TEXT NOT NULL CHECK (role IN ('viewer', 'director', 'admin')),
	entity     TEXT NOT NULL DEFAULT '',
	department TEXT NOT NULL DEFAULT '',
	hash       TEXT NOT NULL,
	created    INTEGER NOT NULL,
	changed    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
	id_hash   TEXT PRIMARY KEY,  -- sha256 of the cookie's id: the file alone signs nobody in
	user      TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
	csrf      TEXT NOT NULL,
	created   INTEGER NOT NULL,
	last_seen INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user);
CREATE TABLE IF NOT EXISTS audit (
	id     INTEGER PRIMARY KEY,
	at     INTEGER NOT NULL,
	event  TEXT NOT NULL,
	user   TEXT NOT NULL,
	addr   TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_user ON audit(event, user, at);
CREATE INDEX IF NOT EXISTS audit_addr ON audit(event, addr, at);
PRAGMA user_version = 1;
`

func (s *Store) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	if v > 1 {
		return fmt.Errorf("%w: baza de stare are versiunea %d, mai nouă decât acest program (1)", models.ErrInvalid, v)
	}
	_, err := s.db.ExecContext(ctx, schema)
	return err
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

// inTx runs f in a transaction.
func (s *Store) inTx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}
