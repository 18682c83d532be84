package accounts

import (
	"context"
	"database/sql"
	"time"
)

// The events of the audit log.
const (
	EventSuccess   = "signin-success"
	EventFailure   = "signin-failure"
	EventThrottled = "signin-throttled"
	EventSignOut   = "signout"
)

// Event is one line of the audit log.
type Event struct {
	At     time.Time
	Event  string
	User   string // the account name as typed (it may not exist)
	Addr   string
	Detail string
}

func (s *Store) record(ctx context.Context, tx *sql.Tx, event, user, addr, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit(at, event, user, addr, detail) VALUES (?, ?, ?, ?, ?)`,
		ms(s.now()), event, user, addr, detail)
	return err
}

// Audit returns the newest limit events of the audit log, newest first.
func (s *Store) Audit(ctx context.Context, limit int) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, event, user, addr, detail FROM audit ORDER BY at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at int64
		if err := rows.Scan(&at, &e.Event, &e.User, &e.Addr, &e.Detail); err != nil {
			return nil, err
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
