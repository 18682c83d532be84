package benchkit

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// SiteAddr is the line cmd/publicsite logs once it listens.
var SiteAddr = regexp.MustCompile(`msg=ascult addr=(\S+)`)

// StaticAddr is the line ServeStatic prints once it listens.
var StaticAddr = regexp.MustCompile(`^listening (\S+)`)

// Child is a server running as a child process.
type Child struct {
	URL   string // http://host:port, no trailing slash
	Cmd   *exec.Cmd
	Ready time.Duration // from start to the line naming the address
	stop  func()
}

// Stop interrupts the child and waits for it (killing it after 15 s); it
// may be called more than once.
func (c *Child) Stop() { c.stop() }

// StartChild runs a server and waits (up to wait) for the line, on stdout
// or stderr, that names its address; addrLine's first group is the address.
// The child's other lines go to this process's stderr.
func StartChild(wait time.Duration, bin string, addrLine *regexp.Regexp, args ...string) (*Child, error) {
	cmd := exec.Command(bin, args...)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cmd.Process.Signal(os.Interrupt)
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				cmd.Process.Kill()
				<-done
			}
			pw.Close()
		})
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sent := false
		for sc.Scan() { // keep draining: a child blocked on a full pipe stalls
			if m := addrLine.FindStringSubmatch(sc.Text()); m != nil && !sent {
				sent = true
				found <- m[1]
			} else {
				fmt.Fprintln(os.Stderr, "  ", sc.Text())
			}
		}
	}()
	select {
	case a := <-found:
		if !strings.HasPrefix(a, "http") {
			a = "http://" + a
		}
		return &Child{URL: strings.TrimSuffix(a, "/"), Cmd: cmd, Ready: time.Since(t0), stop: stop}, nil
	case <-time.After(wait):
		stop()
		return nil, fmt.Errorf("%s did not say where it listens within %s", bin, wait)
	}
}

// Run runs a command to its end: its wall time, its peak resident memory
// (the kernel's maxrss of the child) and its standard output. Its stderr
// goes to this process's.
func Run(name string, args ...string) (secs, peakMiB float64, stdout []byte, err error) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	// A benchmark stopped (Ctrl-C, a failure) stops its child too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	start := time.Now()
	stdout, err = cmd.Output()
	secs = time.Since(start).Seconds()
	if err != nil {
		return 0, 0, nil, fmt.Errorf("%s %v: %w", name, args, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peakMiB = float64(ru.Maxrss) / 1024 // KiB on Linux
	}
	return secs, peakMiB, stdout, nil
}
