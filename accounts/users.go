package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"

	"github.com/deschis/deschis/models"
)

// Role is what an account may see.
type Role string

const (
	// Viewer reads everything it is scoped to.
	Viewer Role = "viewer"
	// Director reads the same, scoped to an entity and optionally a department.
	Director Role = "director"
	// Admin also sees the accounts and the audit log.
	Admin Role = "admin"
)

// Roles are the roles, least to most.
var Roles = []Role{Viewer, Director, Admin}

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 12

// User is an account. Entity (a fiscal code) and Department are its scope:
// empty means every entity, every department. An ExternalOnly account has
// no password: it signs in only through the identity provider (OpenID
// Connect), and a password sign-in is refused with ErrExternalOnly.
type User struct {
	Name         string
	Role         Role
	Entity       string
	Department   string
	ExternalOnly bool
}

// Scoped says whether the account sees one entity only.
func (u User) Scoped() bool { return u.Entity != "" }

var (
	namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._@-]{0,63}$`)
	cuiPattern  = regexp.MustCompile(`^[0-9]{2,10}$`)
)

// NormalName is the form names are kept in: trimmed, lower case.
func NormalName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{models.ErrInvalid}, args...)...)
}

// check says what is wrong with an account, in words that say what to change.
func (u *User) check() error {
	u.Name = NormalName(u.Name)
	u.Entity = strings.TrimSpace(u.Entity)
	u.Department = strings.TrimSpace(u.Department)
	if !namePattern.MatchString(u.Name) {
		return invalid("numele %q: folosiți 1–64 de litere mici fără diacritice, cifre și . _ @ -, începând cu o literă sau o cifră", u.Name)
	}
	switch u.Role {
	case Viewer, Director, Admin:
	default:
		return invalid("rolul %q: valorile posibile sunt admin, director și viewer", u.Role)
	}
	if u.Entity != "" && !cuiPattern.MatchString(u.Entity) {
		return invalid("--entity %q: codul fiscal (CUI) are doar cifre, fără RO", u.Entity)
	}
	if u.Role == Director && u.Entity == "" {
		return invalid("un director are o instituție: adăugați --entity CUI")
	}
	if u.Department != "" && u.Entity == "" {
		return invalid("--department cere și --entity: departamentul este al unei instituții")
	}
	if utf8.RuneCountInString(u.Department) > 200 {
		return invalid("--department: cel mult 200 de caractere")
	}
	return nil
}

func checkPassword(p string) error {
	if utf8.RuneCountInString(p) < MinPasswordLength {
		return invalid("parola are %d caractere; sunt necesare cel puțin %d", utf8.RuneCountInString(p), MinPasswordLength)
	}
	return nil
}

// ErrExists: an account of that name exists already.
var ErrExists = errors.New("exists")

// AddUser creates an account with password (at least MinPasswordLength
// characters), hashed with argon2id; an ExternalOnly account takes no
// password ("") and keeps none (its hash is empty).
func (s *Store) AddUser(ctx context.Context, u User, password string) (err error) {
	defer models.Wrap(&err, "adăugare cont")
	if err := u.check(); err != nil {
		return err
	}
	hash := ""
	if u.ExternalOnly {
		if password != "" {
			return invalid("un cont care intră doar prin furnizorul de identitate nu are parolă")
		}
	} else {
		if err := checkPassword(password); err != nil {
			return err
		}
		if hash, err = argon2id.CreateHash(password, argon2id.DefaultParams); err != nil {
			return err
		}
	}
	now := ms(s.now())
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE name = ?`, u.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w: %w: contul %q există deja; schimbați-i parola cu users passwd sau alegeți alt nume", models.ErrInvalid, ErrExists, u.Name)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO users(name, role, entity, department, hash, created, changed) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			u.Name, string(u.Role), u.Entity, u.Department, hash, now, now)
		return err
	})
}

// Users lists the accounts by name.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, role, entity, department, hash = '' FROM users ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.Name, &u.Role, &u.Entity, &u.Department, &u.ExternalOnly); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// User returns the account name, or models.ErrNotFound.
func (s *Store) User(ctx context.Context, name string) (User, error) {
	u, _, err := s.user(ctx, s.db, NormalName(name))
	return u, err
}

type queryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func (s *Store) user(ctx context.Context, q queryer, name string) (User, string, error) {
	u := User{Name: name}
	var hash string
	err := q.QueryRowContext(ctx, `SELECT role, entity, department, hash FROM users WHERE name = ?`, name).
		Scan(&u.Role, &u.Entity, &u.Department, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", fmt.Errorf("%w: nu există contul %q (users list arată conturile)", models.ErrNotFound, name)
	}
	u.ExternalOnly = err == nil && hash == ""
	return u, hash, err
}

// SetPassword changes an account's password and ends its sessions (an
// ExternalOnly account gets a password, and may then sign in with it too).
func (s *Store) SetPassword(ctx context.Context, name, password string) (err error) {
	defer models.Wrap(&err, "schimbare parolă")
	name = NormalName(name)
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := argon2id.CreateHash(password, argon2id.DefaultParams)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, _, err := s.user(ctx, tx, name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET hash = ?, changed = ? WHERE name = ?`, hash, ms(s.now()), name); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user = ?`, name)
		return err
	})
}

// RemoveUser deletes an account and its sessions; its audit events stay.
func (s *Store) RemoveUser(ctx context.Context, name string) (err error) {
	defer models.Wrap(&err, "ștergere cont")
	name = NormalName(name)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, _, err := s.user(ctx, tx, name); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM users WHERE name = ?`, name)
		return err
	})
}

// dummyHash is compared against when an account does not exist, so that a
// wrong name takes as long as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := argon2id.CreateHash("deschis-no-such-account", argon2id.DefaultParams)
	return h
})
