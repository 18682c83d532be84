package main

import (
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress is a progress bar, or nothing when stdout is not a terminal or the
// output is JSON for a script.
type progress interface {
	Add(int) error
	Finish() error
}

type noProgress struct{}

func (noProgress) Add(int) error { return nil }
func (noProgress) Finish() error { return nil }

func (m *Main) progress(total int64, label string, asJSON bool) progress {
	if !m.Terminal || asJSON {
		return noProgress{}
	}
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription(label),
		progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
	)
}
