package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Runner runs the pipelines of a config.
type Runner struct {
	Config *Config
	Client *http.Client // downloads; http.DefaultClient when nil
	// Load loads a pipeline's files (and reports its outcome itself).
	Load func(ctx context.Context, p Pipeline, paths []string) error
	// Report tells of a pipeline that failed before its load: its sources
	// could not be listed or fetched, or a watched file matches none.
	Report func(p Pipeline, err error)
}

// Run runs every pipeline in order and returns how many failed. A glob that
// matches nothing is reported but is not a failure: the exports may not be
// there yet.
func (r *Runner) Run(ctx context.Context) (failed int, err error) {
	for _, p := range r.Config.Pipelines {
		if ctx.Err() != nil {
			return failed, ctx.Err()
		}
		paths, err := r.Sources(ctx, p)
		switch {
		case err != nil:
			r.Report(p, err)
			failed++
		case len(paths) == 0:
			r.Report(p, fmt.Errorf("nicio sursă nu se potrivește cu %s", p.Path))
		default:
			if r.Load(ctx, p, paths) != nil {
				failed++
			}
		}
	}
	return failed, nil
}

// Watch polls dir until ctx ends. A file is loaded once its size and
// modification time held still between two polls (a file still being copied
// is not read half-way), with the first pipeline whose path pattern matches
// its name; it is loaded again only when it changes. It polls rather than
// use inotify: portable, and no new dependency.
func (r *Runner) Watch(ctx context.Context, dir string, every time.Duration) error {
	type state struct {
		size int64
		mod  time.Time
		done bool
	}
	seen := map[string]*state{}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			info, err := e.Info()
			if err != nil {
				continue
			}
			path := filepath.Join(dir, e.Name())
			s := seen[path]
			if s == nil || s.size != info.Size() || !s.mod.Equal(info.ModTime()) {
				seen[path] = &state{size: info.Size(), mod: info.ModTime()}
				continue
			}
			if s.done {
				continue
			}
			s.done = true
			p, ok := r.Config.PipelineFor(e.Name())
			if !ok {
				r.Report(Pipeline{Name: "-"}, fmt.Errorf("%s: niciun flux nu se potrivește cu acest nume de fișier", path))
				continue
			}
			r.Load(ctx, p, []string{path})
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
