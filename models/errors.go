package models

import (
	"errors"
	"fmt"
)

// Error values shared by every package; callers test them with errors.Is.
var (
	// ErrNotFound: the thing asked for does not exist (HTTP 404).
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the request or input is malformed (HTTP 400, exit code 2).
	ErrInvalid = errors.New("invalid")
	// ErrRefused: a load or release was refused as a whole; nothing changed.
	ErrRefused = errors.New("refused")
)

// Refused is an error wrapping ErrRefused whose text is msg alone: the
// sentinel's English word never reaches a person.
func Refused(msg string) error { return refusedError(msg) }

type refusedError string

func (e refusedError) Error() string { return string(e) }
func (e refusedError) Unwrap() error { return ErrRefused }

// RowError says why one value of one source row could not be taken.
// Line is the physical line (1-based) where the record starts.
type RowError struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

func (e *RowError) Error() string {
	return fmt.Sprintf("%s line %d column %s value %q: %s", e.File, e.Line, e.Column, e.Value, e.Reason)
}

// FileError refuses a whole file: it cannot be read at all.
type FileError struct {
	File   string
	Reason string
	Err    error
}

func (e *FileError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.File, e.Reason, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Reason)
}

func (e *FileError) Unwrap() []error { return []error{ErrRefused, e.Err} }

// Wrap adds the operation to an error, the way pkgsite's derrors.Wrap does:
//
//	defer models.Wrap(&err, "publicare în %s", dir)
func Wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}
