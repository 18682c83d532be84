package accounts

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// clock is a settable clock: expiry and throttling are tested by moving it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func open(t *testing.T, dir string, c *clock) *Store {
	t.Helper()
	s, err := Open(dir, Options{IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 8 * time.Hour, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

const pw = "corect-cal-baterie"

func TestAccountsAreCheckedWhenAdded(t *testing.T) {
	ctx := context.Background()
	s := open(t, t.TempDir(), &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)})
	for _, c := range []struct {
		u    User
		pass string
		want string
	}{
		{User{Name: "ana", Role: Viewer}, "scurtă", "cel puțin 12"},
		{User{Name: "ana", Role: "primar"}, pw, "admin, director și viewer"},
		{User{Name: "ana", Role: Director}, pw, "--entity"},
		{User{Name: "ana", Role: Director, Entity: "RO123"}, pw, "doar cifre"},
		{User{Name: "ana", Role: Viewer, Department: "Urbanism"}, pw, "--department cere și --entity"},
		{User{Name: "Ana Maria", Role: Viewer}, pw, "numele"},
	} {
		err := s.AddUser(ctx, c.u, c.pass)
		if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("AddUser(%+v): %v, want ErrInvalid saying %q", c.u, err, c.want)
		}
	}
	if err := s.AddUser(ctx, User{Name: " Ana ", Role: Director, Entity: "4270740", Department: "Urbanism"}, pw); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUser(ctx, User{Name: "ana", Role: Viewer}, pw); !errors.Is(err, ErrExists) {
		t.Errorf("second ana: %v, want ErrExists", err)
	}
	us, err := s.Users(ctx)
	if err != nil || len(us) != 1 || us[0] != (User{Name: "ana", Role: Director, Entity: "4270740", Department: "Urbanism"}) {
		t.Fatalf("Users = %+v, %v", us, err)
	}
	// The password is kept as an argon2id hash, never as itself.
	b, err := os.ReadFile(filepath.Join(s.Dir(), File))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), pw) {
		t.Error("the password is in the database file")
	}
	var hash string
	s.db.QueryRow(`SELECT hash FROM users`).Scan(&hash)
	if !strings.HasPrefix(hash, "$argon2id$") {
		t.Errorf("hash %q is not argon2id", hash)
	}
	st, _ := os.Stat(filepath.Join(s.Dir(), File))
	if st.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v, want 0600", st.Mode().Perm())
	}
}

func TestSessionsExpireRotateAndEnd(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	s := open(t, t.TempDir(), c)
	if err := s.AddUser(ctx, User{Name: "ana", Role: Admin}, pw); err != nil {
		t.Fatal(err)
	}
	a, err := s.SignIn(ctx, "ANA", pw, "10.0.0.1", "")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Session(ctx, a.ID); err != nil || got.User.Name != "ana" || !got.CheckCSRF(a.CSRF) || got.CheckCSRF("x"+a.CSRF) {
		t.Fatalf("Session = %+v, %v", got, err)
	}
	tampered := []byte(a.ID)
	tampered[3] ^= 1 // still a URL-safe base64 letter or digit
	if _, err := s.Session(ctx, string(tampered)); !errors.Is(err, ErrNoSession) {
		t.Errorf("tampered id: %v, want ErrNoSession", err)
	}
	// Rotation: signing in again with the old cookie ends the old session.
	b, err := s.SignIn(ctx, "ana", pw, "10.0.0.1", a.ID)
	if err != nil || b.ID == a.ID || b.CSRF == a.CSRF {
		t.Fatalf("second sign-in %+v, %v", b, err)
	}
	if _, err := s.Session(ctx, a.ID); !errors.Is(err, ErrNoSession) {
		t.Errorf("old session after rotation: %v", err)
	}
	// Idle expiry: used 29 minutes later it lives; 30 minutes after that it is gone.
	c.Add(29 * time.Minute)
	if _, err := s.Session(ctx, b.ID); err != nil {
		t.Fatalf("after 29 idle minutes: %v", err)
	}
	c.Add(30 * time.Minute)
	if _, err := s.Session(ctx, b.ID); !errors.Is(err, ErrNoSession) {
		t.Errorf("after 30 idle minutes: %v, want ErrNoSession", err)
	}
	// Absolute expiry: used every 20 minutes, it still ends 8 hours after sign-in.
	d, _ := s.SignIn(ctx, "ana", pw, "10.0.0.1", "")
	for i := 0; i < 23; i++ {
		c.Add(20 * time.Minute)
		if _, err := s.Session(ctx, d.ID); err != nil {
			t.Fatalf("after %d minutes: %v", 20*(i+1), err)
		}
	}
	c.Add(20 * time.Minute) // 8 h
	if _, err := s.Session(ctx, d.ID); !errors.Is(err, ErrNoSession) {
		t.Errorf("8 hours after sign-in: %v, want ErrNoSession", err)
	}
	// Sign-out removes the session.
	e, _ := s.SignIn(ctx, "ana", pw, "10.0.0.1", "")
	if err := s.SignOut(ctx, e.ID, "10.0.0.1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, e.ID); !errors.Is(err, ErrNoSession) {
		t.Errorf("after sign-out: %v", err)
	}
	// A new password and a removed account end every session.
	f, _ := s.SignIn(ctx, "ana", pw, "10.0.0.1", "")
	if err := s.SetPassword(ctx, "ana", "altă-parolă-lungă"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, f.ID); !errors.Is(err, ErrNoSession) {
		t.Errorf("after passwd: %v", err)
	}
	if _, err := s.SignIn(ctx, "ana", pw, "10.0.0.1", ""); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("old password after passwd: %v", err)
	}
	g, err := s.SignIn(ctx, "ana", "altă-parolă-lungă", "10.0.0.1", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveUser(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, g.ID); !errors.Is(err, ErrNoSession) {
		t.Errorf("after remove: %v", err)
	}
	if err := s.RemoveUser(ctx, "ana"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("removing twice: %v", err)
	}
	// The database keeps a hash of each session id, never the id.
	b2, _ := os.ReadFile(filepath.Join(s.Dir(), File))
	if strings.Contains(string(b2), g.ID) {
		t.Error("a session id is in the database file")
	}
}

func TestSignInIsThrottledPerAccountAndPerAddressAndAudited(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	s := open(t, t.TempDir(), c)
	for _, n := range []string{"ana", "bogdan"} {
		if err := s.AddUser(ctx, User{Name: n, Role: Viewer}, pw); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 5; i++ {
		c.Add(time.Minute)
		if _, err := s.SignIn(ctx, "ana", "greșită-greșită", "10.0.0.1", ""); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	// The sixth attempt is refused even with the right password, from any address.
	_, err := s.SignIn(ctx, "ana", pw, "10.0.0.2", "")
	var te *ThrottledError
	if !errors.As(err, &te) || te.ByAddress || !te.Until.Equal(time.Date(2026, 11, 23, 9, 16, 0, 0, time.UTC)) {
		t.Fatalf("sixth attempt: %v (%+v), want throttled until 09:16", err, te)
	}
	// Another account from the same address is not throttled by ana's failures.
	if _, err := s.SignIn(ctx, "bogdan", pw, "10.0.0.1", ""); err != nil {
		t.Fatalf("bogdan: %v", err)
	}
	// Once the first failure leaves the 15-minute window, ana may try again.
	c.Add(11 * time.Minute) // 09:16
	if _, err := s.SignIn(ctx, "ana", pw, "10.0.0.2", ""); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	// Per address: 20 failures from one address on names that do not exist
	// throttle every account from that address, and only from it.
	for i := 0; i < 20; i++ {
		if _, err := s.SignIn(ctx, "nimeni"+string(rune('a'+i)), "x", "10.9.9.9", ""); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("address failure %d: %v", i+1, err)
		}
	}
	if _, err := s.SignIn(ctx, "bogdan", pw, "10.9.9.9", ""); !errors.As(err, &te) || !te.ByAddress {
		t.Fatalf("bogdan from the noisy address: %v, want throttled by address", err)
	}
	if _, err := s.SignIn(ctx, "bogdan", pw, "10.0.0.3", ""); err != nil {
		t.Fatalf("bogdan from elsewhere: %v", err)
	}
	ev, err := s.Audit(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, e := range ev {
		count[e.Event]++
	}
	if count[EventFailure] != 25 || count[EventThrottled] != 2 || count[EventSuccess] != 3 {
		t.Errorf("audit counts %v, want 25 failures, 2 throttled, 3 successes", count)
	}
	if ev[0].Event != EventSuccess || ev[0].User != "bogdan" || ev[0].Addr != "10.0.0.3" {
		t.Errorf("newest event %+v", ev[0])
	}
}

// The users command and the server open the same state at once.
func TestTwoProcessesShareTheState(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := &clock{t: time.Now()}
	server := open(t, dir, c)
	cli := open(t, dir, c)
	if err := cli.AddUser(ctx, User{Name: "ana", Role: Viewer}, pw); err != nil {
		t.Fatal(err)
	}
	if _, err := server.SignIn(ctx, "ana", pw, "127.0.0.1", ""); err != nil {
		t.Fatalf("the server does not see the account the command added: %v", err)
	}
}

func TestDefaultDirIsBesideTheReleases(t *testing.T) {
	if got := DefaultDir("/srv/deschis/releases/"); got != "/srv/deschis/state" {
		t.Errorf("DefaultDir = %s", got)
	}
}

// An export goes to the audit log with what it was, and reads back.
func TestExportsAreAudited(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	s := open(t, t.TempDir(), c)
	d := ExportDetail{Dataset: "cereri", Format: "csv", Rows: 1234, Filters: url.Values{"an": {"2026"}, "stare": {"intarziate"}}}
	if err := s.RecordExport(ctx, "ana", "10.0.0.1", d); err != nil {
		t.Fatal(err)
	}
	ev, err := s.Audit(ctx, 10)
	if err != nil || len(ev) != 1 || ev[0].Event != EventExport || ev[0].User != "ana" || ev[0].Addr != "10.0.0.1" {
		t.Fatalf("audit %+v, %v", ev, err)
	}
	got, err := ParseExportDetail(ev[0].Detail)
	if err != nil || got.Dataset != "cereri" || got.Format != "csv" || got.Rows != 1234 || got.Filters.Encode() != "an=2026&stare=intarziate" {
		t.Fatalf("detail %q read back as %+v, %v", ev[0].Detail, got, err)
	}
	if _, err := ParseExportDetail("set=cereri&rows=many"); err == nil {
		t.Error("a detail without its row count was read")
	}
}

// An account that signs in only through the identity provider keeps no
// password: a password sign-in is refused for it (ErrExternalOnly, a
// failure in the audit log that counts for the throttle), the provider's
// sign-in works, and passwd gives it a password.
func TestExternalOnlyAccountsHaveNoPassword(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	s := open(t, t.TempDir(), c)
	if err := s.AddUser(ctx, User{Name: "maria", Role: Viewer, ExternalOnly: true}, pw); !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "nu are parolă") {
		t.Errorf("external-only account with a password: %v", err)
	}
	if err := s.AddUser(ctx, User{Name: "maria", Role: Viewer, ExternalOnly: true}, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUser(ctx, User{Name: "ion", Role: Viewer}, ""); !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "cel puțin 12") {
		t.Errorf("a password account without a password: %v", err)
	}
	var hash string
	s.db.QueryRow(`SELECT hash FROM users WHERE name = 'maria'`).Scan(&hash)
	if hash != "" {
		t.Errorf("maria's hash %q, want none", hash)
	}
	us, err := s.Users(ctx)
	if err != nil || len(us) != 1 || us[0] != (User{Name: "maria", Role: Viewer, ExternalOnly: true}) {
		t.Fatalf("Users = %+v, %v", us, err)
	}
	for _, p := range []string{"", pw, "orice-altă-parolă"} {
		if _, err := s.SignIn(ctx, "maria", p, "10.0.0.1", ""); !errors.Is(err, ErrExternalOnly) {
			t.Errorf("password sign-in %q: %v, want ErrExternalOnly", p, err)
		}
	}
	for i := 0; i < 2; i++ {
		c.Add(time.Minute)
		s.SignIn(ctx, "maria", "x", "10.0.0.1", "")
	}
	// Five refused attempts: the sixth is throttled like any other.
	var te *ThrottledError
	if _, err := s.SignIn(ctx, "maria", "x", "10.0.0.1", ""); !errors.As(err, &te) {
		t.Errorf("sixth password attempt: %v, want throttled", err)
	}
	if _, err := s.SignInExternal(ctx, "maria", "oidc", "10.0.0.1", ""); err != nil {
		t.Fatalf("through the provider: %v", err)
	}
	ev, _ := s.Audit(ctx, 100)
	if ev[len(ev)-1].Event != EventFailure || !strings.Contains(ev[len(ev)-1].Detail, "identity provider only") {
		t.Errorf("oldest event %+v, want a failure saying why", ev[len(ev)-1])
	}
	// passwd gives it a password; then it is an account like the others.
	if err := s.SetPassword(ctx, "maria", pw); err != nil {
		t.Fatal(err)
	}
	if u, err := s.User(ctx, "maria"); err != nil || u.ExternalOnly {
		t.Errorf("after passwd: %+v %v", u, err)
	}
}
