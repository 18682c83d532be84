package demo

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"time"

	"github.com/deschis/deschis/models"
)

// Options choose what Generate writes.
type Options struct {
	Seed  uint64    // default 1 when zero; same seed+options => byte-identical files
	Scale int       // volume multiplier, default 1 (benchmarks use 10 and 100)
	AsOf  time.Time // data cut-off; default 2026-10-31 (so fiscal years 2022..2026, 2026 through October)
	// County writes the demo county "Județul Demo" instead of Municipiul
	// Demo: the county council with two subordinate units and Units
	// administrative units (DefaultUnits when zero, MinUnits..MaxUnits).
	County bool
	Units  int
}

// File is one written source file. Dataset is one of models.SourceDatasets.
type File struct {
	Dataset, Path string
	Rows          int64 // data rows, without the header
}

// firstYear is the first fiscal year of the demo: every dataset starts in it.
const firstYear = 2022

// config is Options with the defaults applied and the shared lookups built.
type config struct {
	seed     uint64
	scale    int
	asOf     day
	lastYear int
	cal      *calendar
	auths    []*authority // Municipiul Demo, or the county council then the county's administrative units
	county   bool
}

func newConfig(opt Options) (*config, error) {
	units, err := countyUnits(opt)
	if err != nil {
		return nil, err
	}
	c := &config{seed: opt.Seed, scale: opt.Scale, county: opt.County}
	if c.seed == 0 {
		c.seed = 1
	}
	if c.scale <= 0 {
		c.scale = 1
	}
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	}
	c.asOf = dayOf(asOf)
	c.lastYear = c.asOf.year()
	if c.asOf < mkday(firstYear, 1, 31) {
		return nil, fmt.Errorf("demo: AsOf %s is before the end of January %d, the first month of the demo: %w",
			asOf.Format(time.DateOnly), firstYear, models.ErrInvalid)
	}
	if c.lastYear > 2099 {
		return nil, fmt.Errorf("demo: AsOf %s is too far in the future: %w", asOf.Format(time.DateOnly), models.ErrInvalid)
	}
	// One year of margin after AsOf: answers and call-offs are computed past the cut-off.
	c.cal = newCalendar(firstYear-1, c.lastYear+2)
	if opt.County {
		c.auths = newCounty(c, units)
	} else {
		c.auths = []*authority{newCity(c.scale, c.lastYear)}
	}
	return c, nil
}

// rng returns the random stream of one part of the demo. Every dataset has
// its own stream so that changing how one is generated does not change the
// others.
func (c *config) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(c.seed, stream))
}

// authRng is the stream of authority i for one dataset: the dataset's own
// for the first authority.
func (c *config) authRng(stream uint64, i int) *rand.Rand {
	return c.rng(stream + uint64(i)<<32)
}

const (
	streamBudget      = 0x62756467 // "budg"
	streamInvestments = 0x696e7673 // "invs"
	streamProcurement = 0x70726f63 // "proc"
	streamSuppliers   = 0x73757070 // "supp"
	streamRequests    = 0x72657173 // "reqs"
	// The i-th authority (i > 0: the demo county's) draws each dataset from
	// the dataset's stream + i<<32, so the first one draws as Municipiul Demo.
	// Planted red flags use a stream that ignores Options.Seed, so their ids,
	// suppliers and amounts are the ones documented in the package comment.
	plantedSeed = 0x706c616e74656421
)

// Generate writes every file under dir and returns them in the order they must
// be loaded: entities first, then budget reports in chronological order (the
// revised June 2025 report right after July 2025), investments, procurement
// by year, requests by year.
func Generate(dir string, opt Options) ([]File, error) {
	cfg, err := newConfig(opt)
	if err != nil {
		return nil, err
	}
	entFile, err := writeEntities(cfg, filepath.Join(dir, "entities.csv"))
	if err != nil {
		return nil, err
	}
	invs := planInvestments(cfg)
	invFile, err := writeInvestments(cfg, invs, filepath.Join(dir, "investments.csv"))
	if err != nil {
		return nil, err
	}

	// The three big datasets are independent (each has its own random stream),
	// so they are written concurrently; the result does not depend on timing.
	var (
		wg                 sync.WaitGroup
		budget, proc, reqs []File
		errB, errP, errR   error
	)
	wg.Add(3)
	go func() { defer wg.Done(); budget, errB = writeBudget(cfg, dir) }()
	go func() { defer wg.Done(); proc, errP = writeProcurement(cfg, invs, dir) }()
	go func() { defer wg.Done(); reqs, errR = writeRequests(cfg, dir) }()
	wg.Wait()
	if err := errors.Join(errB, errP, errR); err != nil {
		return nil, err
	}

	files := []File{entFile}
	files = append(files, budget...)
	files = append(files, invFile)
	files = append(files, proc...)
	files = append(files, reqs...)
	return files, nil
}

// Entities returns the demo's institutions (for tests): the city first, then
// the school(s), the hospital and the social directorate; for the county,
// the council, its two units, then the municipalities, towns and communes.
func Entities(opt Options) []models.Entity {
	cfg, err := newConfig(opt)
	if err != nil {
		// An AsOf out of range only limits the population years; fall back to the default.
		if cfg, err = newConfig(Options{Seed: opt.Seed, Scale: opt.Scale, County: opt.County, Units: opt.Units}); err != nil {
			return nil
		}
	}
	return cfg.entities()
}
