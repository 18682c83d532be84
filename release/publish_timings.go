package release

import (
	"bufio"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// StepTiming is how long one step of a publish took: a dataset's step
// ("parquet", "measure", a format's id, "partitions") or a release's
// ("check", "databases", "fdp", "datapackage"; Dataset ""). `etl publish --json` prints
// them, so where a publish's time goes is measured, not guessed. With it,
// where its memory goes: the process's peak resident memory so far when
// the step ended (PeakRSSMiB, Linux's VmHWM: the step it jumps in is the
// one that raised the peak) and the Go heap's live objects then
// (GoHeapMiB); what the peak holds beyond the Go heap is DuckDB's.
type StepTiming struct {
	Dataset    string  `json:"dataset,omitempty"`
	Step       string  `json:"step"`
	Seconds    float64 `json:"seconds"`
	PeakRSSMiB float64 `json:"peak_rss_mib,omitempty"`
	GoHeapMiB  float64 `json:"go_heap_mib,omitempty"`
}

// timings collects the steps of a publish; the Go formats' goroutine
// records its steps meanwhile, hence the lock.
type timings struct {
	mu    sync.Mutex
	steps []StepTiming
}

// since records a step begun at start.
func (t *timings) since(dataset, step string, start time.Time) {
	if t == nil {
		return
	}
	s := time.Since(start).Seconds()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	heap := float64(sample[0].Value.Uint64()) / (1 << 20)
	t.mu.Lock() // the peak read in order: it never falls from one step to the next
	t.steps = append(t.steps, StepTiming{Dataset: dataset, Step: step, Seconds: float64(int64(s*1000)) / 1000,
		PeakRSSMiB: peakRSSMiB(), GoHeapMiB: float64(int64(heap*10)) / 10})
	t.mu.Unlock()
}

func (t *timings) list() []StepTiming {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]StepTiming(nil), t.steps...)
}

// peakRSSMiB is the process's peak resident memory so far (VmHWM of
// /proc/self/status), 0 where there is no such file.
func peakRSSMiB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				return 0
			}
			return float64(int64(kb/1024*10)) / 10
		}
	}
	return 0
}
