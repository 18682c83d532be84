package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"
)

// Session is a signed-in account's session. ID is the cookie's value (the
// database keeps only its SHA-256); CSRF is the token every form of the
// session carries.
type Session struct {
	ID, CSRF string
	User     User
	Created  time.Time
	LastSeen time.Time
}

// CheckCSRF says whether token is the session's form token.
func (s Session) CheckCSRF(token string) bool {
	return token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.CSRF)) == 1
}

// ErrNoSession: the cookie names no live session (unknown, tampered,
// expired or signed out).
var ErrNoSession = errors.New("no session")

// RandomToken is 32 random bytes, URL-safe base64.
func RandomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand, Go 1.24)
	return base64.RawURLEncoding.EncodeToString(b)
}

func idHash(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// newSession starts a session for u in tx.
func (s *Store) newSession(ctx context.Context, tx *sql.Tx, u User) (Session, error) {
	now := s.now()
	sess := Session{ID: RandomToken(), CSRF: RandomToken(), User: u, Created: now, LastSeen: now}
	_, err := tx.ExecContext(ctx, `INSERT INTO sessions(id_hash, user, csrf, created, last_seen) VALUES (?, ?, ?, ?, ?)`,
		idHash(sess.ID), u.Name, sess.CSRF, ms(now), ms(now))
	return sess, err
}

// Session returns the live session of cookie value id and marks it used; an
// expired one (idle or absolute) is deleted and, like an unknown one, is
// ErrNoSession.
func (s *Store) Session(ctx context.Context, id string) (Session, error) {
	if id == "" {
		return Session{}, ErrNoSession
	}
	now := s.now()
	h := idHash(id)
	var sess Session
	var created, seen int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT s.user, s.csrf, s.created, s.last_seen, u.role, u.entity, u.department
			FROM sessions s JOIN users u ON u.name = s.user WHERE s.id_hash = ?`, h).
			Scan(&sess.User.Name, &sess.CSRF, &created, &seen, &sess.User.Role, &sess.User.Entity, &sess.User.Department)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNoSession
		}
		if err != nil {
			return err
		}
		sess.ID, sess.Created, sess.LastSeen = id, fromMS(created), fromMS(seen)
		if now.Sub(sess.LastSeen) >= s.opts.IdleTimeout || now.Sub(sess.Created) >= s.opts.AbsoluteTimeout {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, h); err != nil {
				return err
			}
			return errExpired
		}
		sess.LastSeen = now
		_, err = tx.ExecContext(ctx, `UPDATE sessions SET last_seen = ? WHERE id_hash = ?`, ms(now), h)
		return err
	})
	if errors.Is(err, errExpired) { // committed: the expired session is gone
		return Session{}, ErrNoSession
	}
	if err != nil {
		return Session{}, err
	}
	return sess, nil
}

// errExpired commits the deletion of an expired session (inTx rolls back
// on errors, so Session handles it apart).
var errExpired = errors.New("expired")

// SignOut ends the session of cookie value id and records it.
func (s *Store) SignOut(ctx context.Context, id, addr string) error {
	sess, err := s.Session(ctx, id)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, idHash(id)); err != nil {
			return err
		}
		return s.record(ctx, tx, EventSignOut, sess.User.Name, addr, "")
	})
}

// Sessions counts the live sessions of an account (for tests and the users page).
func (s *Store) Sessions(ctx context.Context, name string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE user = ?`, NormalName(name)).Scan(&n)
	return n, err
}

// purgeExpired deletes the sessions past their idle or absolute expiry.
func (s *Store) purgeExpired(ctx context.Context, tx *sql.Tx) error {
	now := s.now()
	_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE last_seen <= ? OR created <= ?`,
		ms(now.Add(-s.opts.IdleTimeout)), ms(now.Add(-s.opts.AbsoluteTimeout)))
	return err
}
