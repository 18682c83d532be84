package release

import (
	"sync"
	"time"
)

// StepTiming is how long one step of a publish took: a dataset's step
// ("parquet", "measure", a format's id, "partitions") or a release's
// ("check", "databases", "fdp", "datapackage"; Dataset ""). `etl publish --json` prints
// them, so where a publish's time goes is measured, not guessed.
type StepTiming struct {
	Dataset string  `json:"dataset,omitempty"`
	Step    string  `json:"step"`
	Seconds float64 `json:"seconds"`
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
	t.mu.Lock()
	t.steps = append(t.steps, StepTiming{Dataset: dataset, Step: step, Seconds: float64(int64(s*1000)) / 1000})
	t.mu.Unlock()
}

func (t *timings) list() []StepTiming {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]StepTiming(nil), t.steps...)
}
