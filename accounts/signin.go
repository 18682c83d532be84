package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/deschis/deschis/models"
)

// Throttle bounds failed sign-ins: after PerAccount failures for one
// account name, or PerAddress failures from one address, within Window,
// sign-in is refused (without checking the password) until the oldest of
// them is older than Window. The failures are the audit log's, so the
// throttle holds across restarts and replicas sharing the state.
type Throttle struct {
	PerAccount, PerAddress int
	Window                 time.Duration
}

// DefaultThrottle: 5 failures per account or 20 per address in 15 minutes.
var DefaultThrottle = Throttle{PerAccount: 5, PerAddress: 20, Window: 15 * time.Minute}

// ErrBadCredentials: unknown account or wrong password (which of the two is
// never said).
var ErrBadCredentials = errors.New("bad credentials")

// ErrExternalOnly: the account has no password; it signs in only through
// the identity provider.
var ErrExternalOnly = errors.New("account signs in through the identity provider only")

// ThrottledError refuses a sign-in until Until.
type ThrottledError struct {
	Until time.Time
	// Wait is how long until then.
	Wait time.Duration
	// ByAddress: the address, not the account, reached its bound.
	ByAddress bool
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("prea multe încercări nereușite; reîncercați după %s", e.Until.Format(time.RFC3339))
}

// SignIn checks name and password from address addr and starts a new
// session (rotation: the session of cookie value previous, if any, ends).
// Every attempt is in the audit log: success, failure or throttled.
func (s *Store) SignIn(ctx context.Context, name, password, addr, previous string) (Session, error) {
	name = NormalName(name)
	if until, byAddr, err := s.throttled(ctx, name, addr); err != nil {
		return Session{}, err
	} else if !until.IsZero() {
		if err := s.inTx(ctx, func(tx *sql.Tx) error {
			return s.record(ctx, tx, EventThrottled, name, addr, throttleDetail(byAddr))
		}); err != nil {
			return Session{}, err
		}
		return Session{}, &ThrottledError{Until: until, Wait: until.Sub(s.now()), ByAddress: byAddr}
	}
	u, hash, err := s.user(ctx, s.db, name)
	known := err == nil
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return Session{}, err
	}
	external := known && u.ExternalOnly
	if !known || external {
		hash = dummyHash() // the same work, whatever the account
	}
	match, err := argon2id.ComparePasswordAndHash(password, hash)
	if err != nil {
		return Session{}, err
	}
	match = match && !external
	var sess Session
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if external {
			return s.record(ctx, tx, EventFailure, name, addr, "password refused: identity provider only")
		}
		if !known || !match {
			return s.record(ctx, tx, EventFailure, name, addr, "")
		}
		if previous != "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, idHash(previous)); err != nil {
				return err
			}
		}
		if err := s.purgeExpired(ctx, tx); err != nil {
			return err
		}
		var err error
		if sess, err = s.newSession(ctx, tx, u); err != nil {
			return err
		}
		return s.record(ctx, tx, EventSuccess, name, addr, "")
	})
	if err != nil {
		return Session{}, err
	}
	if external {
		return Session{}, ErrExternalOnly
	}
	if !known || !match {
		return Session{}, ErrBadCredentials
	}
	return sess, nil
}

func throttleDetail(byAddr bool) string {
	if byAddr {
		return "address"
	}
	return "account"
}

// throttled returns when sign-in may be tried again for name from addr
// (zero: now).
func (s *Store) throttled(ctx context.Context, name, addr string) (time.Time, bool, error) {
	t := s.opts.Throttle
	since := ms(s.now().Add(-t.Window))
	check := func(col, v string, limit int) (time.Time, error) {
		if limit <= 0 {
			return time.Time{}, nil
		}
		// The limit-th newest failure in the window: once it leaves the
		// window, fewer than limit remain.
		var at sql.NullInt64
		err := s.db.QueryRowContext(ctx, `SELECT at FROM audit WHERE event = ? AND `+col+` = ? AND at > ?
			ORDER BY at DESC LIMIT 1 OFFSET ?`, EventFailure, v, since, limit-1).Scan(&at)
		if errors.Is(err, sql.ErrNoRows) || !at.Valid {
			return time.Time{}, nil
		}
		if err != nil {
			return time.Time{}, err
		}
		return fromMS(at.Int64).Add(t.Window), nil
	}
	until, err := check("user", name, t.PerAccount)
	if err != nil || !until.IsZero() {
		return until, false, err
	}
	until, err = check("addr", addr, t.PerAddress)
	return until, !until.IsZero(), err
}

// SignInExternal starts a session for the local account name that an
// identity provider (OpenID Connect) vouched for; via names the provider
// for the audit log. An account the provider knows but this server does
// not is ErrBadCredentials, and a failure in the log.
func (s *Store) SignInExternal(ctx context.Context, name, via, addr, previous string) (Session, error) {
	name = NormalName(name)
	u, _, err := s.user(ctx, s.db, name)
	known := err == nil
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return Session{}, err
	}
	var sess Session
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if !known {
			return s.record(ctx, tx, EventFailure, name, addr, via+": no local account")
		}
		if previous != "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, idHash(previous)); err != nil {
				return err
			}
		}
		var err error
		if sess, err = s.newSession(ctx, tx, u); err != nil {
			return err
		}
		return s.record(ctx, tx, EventSuccess, name, addr, via)
	})
	if err != nil {
		return Session{}, err
	}
	if !known {
		return Session{}, ErrBadCredentials
	}
	return sess, nil
}
