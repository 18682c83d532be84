//go:build !unix

package release

// Without flock nothing proves that a partial release has no owner: every
// one is taken as owned, and none is removed.

func lockDir(dir string) (unlock func(), err error)      { return nil, errLocked }
func lockStarting(out string) (unlock func(), err error) { return func() {}, nil }
func lockCleaning(out string) (unlock func(), err error) { return nil, errLocked }
