package search

import (
	"errors"
	"fmt"
)

// The kinds of error the package returns. Callers test them with errors.Is;
// the HTTP server maps each to one status in one table.
var (
	// ErrInvalid: the request itself is wrong (bad syntax, a bad date, a page
	// too deep). The message is safe to show to the user.
	ErrInvalid = errors.New("invalid request")
	// ErrNotFound: no such document.
	ErrNotFound = errors.New("not found")
	// ErrLocked: another process holds the index.
	ErrLocked = errors.New("index is in use by another process")
	// ErrBusy: the index is being rebuilt and cannot take another rebuild.
	ErrBusy = errors.New("busy")
)

// Error is an error of one of the kinds above with a message for the user.
type Error struct {
	Kind error  // one of ErrInvalid, ErrNotFound, ErrLocked, ErrBusy
	Msg  string // what was wrong, for the user
}

func (e *Error) Error() string { return e.Msg }

// Unwrap lets errors.Is match the kind.
func (e *Error) Unwrap() error { return e.Kind }

func invalidf(format string, args ...any) error {
	return &Error{Kind: ErrInvalid, Msg: fmt.Sprintf(format, args...)}
}

func notFoundf(format string, args ...any) error {
	return &Error{Kind: ErrNotFound, Msg: fmt.Sprintf(format, args...)}
}
