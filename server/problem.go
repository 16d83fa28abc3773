package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"sessionsearch/search"
)

// The server's own error kinds, beside those of the search package.
var (
	errUnauthorized     = errors.New("unauthorized")
	errForbidden        = errors.New("forbidden")
	errNoRoute          = errors.New("no such route")
	errMethodNotAllowed = errors.New("method not allowed")
	errOverloaded       = errors.New("overloaded")
	errClientGone       = errors.New("client closed request")
)

// statusClientClosed is the status logged when the client went away
// before the answer (nginx's 499); the client never sees it.
const statusClientClosed = 499

// statusOf is the one table from error kind to HTTP status. The first kind
// that errors.Is matches wins; anything else is a 500.
var statusOf = []struct {
	kind   error
	status int
}{
	{search.ErrInvalid, http.StatusBadRequest},
	{errUnauthorized, http.StatusUnauthorized},
	{errForbidden, http.StatusForbidden},
	{search.ErrNotFound, http.StatusNotFound},
	{errNoRoute, http.StatusNotFound},
	{errMethodNotAllowed, http.StatusMethodNotAllowed},
	{search.ErrBusy, http.StatusConflict},
	{errClientGone, statusClientClosed},
	{context.Canceled, statusClientClosed},
	{errOverloaded, http.StatusServiceUnavailable},
	{context.DeadlineExceeded, http.StatusServiceUnavailable},
	{search.ErrLocked, http.StatusServiceUnavailable},
}

// httpError is an error of one kind with a message safe to show.
type httpError struct {
	kind  error
	msg   string
	param string // the offending query parameter, for 400s
}

func (e *httpError) Error() string { return e.msg }
func (e *httpError) Unwrap() error { return e.kind }

// badParam reports a bad query parameter.
func badParam(param, format string, args ...any) error {
	return &httpError{kind: search.ErrInvalid, param: param, msg: fmt.Sprintf(format, args...)}
}

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	// Param names the query parameter at fault, when there is one.
	Param string `json:"param,omitempty"`
}

// problemFor turns an error into the problem document shown to the client.
// A 5xx shows a generic message: the real error goes to the log only.
func (s *Server) problemFor(err error) Problem {
	status := http.StatusInternalServerError
	for _, k := range statusOf {
		if errors.Is(err, k.kind) {
			status = k.status
			break
		}
	}
	p := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status}
	var he *httpError
	switch {
	case errors.As(err, &he):
		// The server's own errors carry messages written for the client.
		p.Detail, p.Param = he.msg, he.param
	case errors.Is(err, context.DeadlineExceeded):
		p.Detail = fmt.Sprintf("the request took longer than %s; narrow the query or retry", s.cfg.Timeout)
	case status == statusClientClosed:
		p.Title = "Client Closed Request"
		p.Detail = "the client closed the connection"
	case status >= 500:
		// Includes ErrLocked, whose message names a directory.
		p.Detail = "an internal error occurred; it has been logged"
	default:
		// A search error of a 4xx kind: its message is for the user.
		p.Detail = err.Error()
	}
	return p
}

// handler is a Gin handler that returns an error.
type handler func(c *gin.Context) error

// wrap adapts a handler: a returned error becomes a problem document.
func (s *Server) wrap(h handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.fail(c, err)
		}
	}
}

// fail writes the problem document for err and aborts the chain. The
// access log picks the error up from c.Errors.
func (s *Server) fail(c *gin.Context, err error) {
	p := s.problemFor(err)
	c.Error(err) //nolint:errcheck // recorded for the access log
	if c.Writer.Written() {
		c.Abort()
		return
	}
	switch p.Status {
	case http.StatusUnauthorized:
		c.Header("WWW-Authenticate", `Bearer realm="sessionsearch"`)
	case http.StatusServiceUnavailable:
		c.Header("Retry-After", "1")
	}
	body, jerr := json.Marshal(p)
	if jerr != nil { // cannot happen: Problem holds strings and an int
		body = []byte(`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"an internal error occurred"}`)
	}
	c.Header("Cache-Control", "no-store")
	c.Data(p.Status, "application/problem+json", body)
	c.Abort()
}
