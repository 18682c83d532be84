package benchkit

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// WrkDone is the Lua done() a wrk run ends with: its figures as one JSON
// line (latencies in microseconds), read back by Wrk.
const WrkDone = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\n{"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`

// WrkResult is one wrk run's figures.
type WrkResult struct {
	Requests   int64 `json:"requests"`
	DurationUS int64 `json:"duration_us"`
	Bytes      int64 `json:"bytes"`
	Connect    int64 `json:"connect"`
	Read       int64 `json:"read"`
	Write      int64 `json:"write"`
	Status     int64 `json:"status"` // answers not 2xx or 3xx
	Timeout    int64 `json:"timeout"`
	P50US      int64 `json:"p50_us"`
	P99US      int64 `json:"p99_us"`
}

// RPS is the run's requests a second.
func (w WrkResult) RPS() float64 {
	if w.DurationUS == 0 {
		return 0
	}
	return float64(w.Requests) / (float64(w.DurationUS) / 1e6)
}

// Errors are the run's failed requests: transport errors, timeouts and
// answers that are not 2xx or 3xx.
func (w WrkResult) Errors() int64 { return w.Connect + w.Read + w.Write + w.Status + w.Timeout }

// Wrk runs wrk (the binary bin) against url with connections keep-alive
// connections over threads threads for d, a 10 s request timeout, and
// returns what its done() reported (WrkDone).
func Wrk(bin, url string, threads, connections int, d time.Duration) (WrkResult, error) {
	return WrkScript(bin, url, "", nil, threads, connections, d)
}

// WrkScript is Wrk with lua before the done() (a request() of its own, for
// example) and args given to the script's init (after wrk's "--").
func WrkScript(bin, url, lua string, args []string, threads, connections int, d time.Duration) (WrkResult, error) {
	script, err := os.CreateTemp("", "wrk-*.lua")
	if err != nil {
		return WrkResult{}, err
	}
	defer os.Remove(script.Name())
	script.WriteString(lua + WrkDone)
	script.Close()
	cmd := []string{"-t", strconv.Itoa(threads), "-c", strconv.Itoa(connections),
		"-d", d.String(), "--timeout", "10s", "-s", script.Name(), url}
	if len(args) > 0 {
		cmd = append(append(cmd, "--"), args...)
	}
	out, err := exec.Command(bin, cmd...).Output()
	if err != nil {
		return WrkResult{}, fmt.Errorf("wrk %s: %w", url, err)
	}
	return ParseWrk(out)
}

// ParseWrk reads the JSON line WrkDone writes, the last of wrk's output.
func ParseWrk(out []byte) (WrkResult, error) {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var r WrkResult
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
		return r, fmt.Errorf("wrk's output has no figures: %w (%s)", err, out)
	}
	return r, nil
}

// WrkCycle is a wrk script for WrkScript (its args: the threads, then an
// offset o) whose thread t of N asks paths[o+t], paths[o+t+N], paths[o+t+2N]…
// in turn: no path is asked twice while a run, and the runs before it that
// o counts, ask fewer than len(paths). Each path is written as a Lua string
// (ASCII: escape what a URL must, first).
func WrkCycle(paths []string) string {
	var b strings.Builder
	b.WriteString("paths = {")
	for i, p := range paths {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(strconv.Quote(p))
	}
	b.WriteString("}\n")
	b.WriteString(`
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  nthreads = tonumber(args[1])
  i = id + tonumber(args[2])
end
request = function()
  local p = paths[(i % #paths) + 1]
  i = i + nthreads
  return wrk.format("GET", p)
end
`)
	return b.String()
}
