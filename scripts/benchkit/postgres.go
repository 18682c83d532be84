package benchkit

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// PostgresBin is where Debian's postgresql-15 package puts the server's
// programs (initdb, pg_ctl, postgres).
const PostgresBin = "/usr/lib/postgresql/15/bin"

// Postgres is a throw-away PostgreSQL cluster: its data directory and its
// Unix socket in one temporary directory, no TCP port, trust
// authentication for its one user. Stop stops it and removes the directory.
type Postgres struct {
	Dir  string // the temporary directory: data/, the socket, server.log
	User string
	bin  string
	cred *syscall.Credential // the unprivileged user the server runs as, when we are root
}

// DSN is the connection string over the cluster's socket.
func (p *Postgres) DSN() string {
	return fmt.Sprintf("host=%s port=5432 user=%s dbname=postgres sslmode=disable", p.Dir, p.User)
}

// StartPostgres initialises a cluster in a new directory of the system's
// temporary directory (one the server's user can reach) with the programs of bin (PostgresBin when
// ""), and starts it listening only on a Unix socket in that directory, with
// settings of a small dedicated server (settings, e.g. "shared_buffers=256MB",
// are passed as -c). PostgreSQL refuses to run as root: when this process
// is root the cluster belongs to, and runs as, the user "nobody". On error
// nothing is left behind.
func StartPostgres(ctx context.Context, bin string, settings ...string) (_ *Postgres, err error) {
	if bin == "" {
		bin = PostgresBin
	}
	dir, err := os.MkdirTemp("", "deschis-bench-pg-")
	if err != nil {
		return nil, err
	}
	p := &Postgres{Dir: dir, User: "bench", bin: bin}
	defer func() {
		if err != nil {
			p.Stop()
		}
	}()
	if os.Geteuid() == 0 {
		u, err := user.Lookup("nobody")
		if err != nil {
			return nil, fmt.Errorf("PostgreSQL does not run as root, and there is no user nobody: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		p.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if err := p.run(ctx, "initdb", "-D", data, "-U", p.User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		return nil, err
	}
	opts := "-c listen_addresses='' -k " + dir
	for _, s := range settings {
		opts += " -c " + s
	}
	if err := p.run(ctx, "pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "120", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return p, nil
}

// Stop stops the server (fast shutdown) if it runs and removes its directory.
func (p *Postgres) Stop() error {
	data := filepath.Join(p.Dir, "data")
	var err error
	if _, statErr := os.Stat(filepath.Join(data, "postmaster.pid")); statErr == nil {
		err = p.run(context.Background(), "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
	}
	if rmErr := os.RemoveAll(p.Dir); err == nil {
		err = rmErr
	}
	return err
}

func (p *Postgres) run(ctx context.Context, prog string, args ...string) error {
	cmd := exec.CommandContext(ctx, filepath.Join(p.bin, prog), args...)
	cmd.Dir = p.Dir
	if p.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: p.cred}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w\n%s", prog, err, out.Bytes())
	}
	return nil
}
