package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// routeLabel is the route template of a request, "unmatched" for a 404,
// so that metrics and logs have one label per route, not per URL.
func routeLabel(c *gin.Context) string {
	if r := c.FullPath(); r != "" {
		return r
	}
	return "unmatched"
}

// accessLog writes one line per request with its status and latency. The
// query string is left out: it is user text, and the admin token never
// appears in it anyway. A 5xx is logged with its real error at Error.
func (s *Server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	status := c.Writer.Status()
	level := slog.LevelInfo
	attrs := []slog.Attr{
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.String("route", routeLabel(c)),
		slog.Int("status", status),
		slog.Float64("ms", float64(time.Since(start).Microseconds())/1000),
		slog.Int("bytes", max(c.Writer.Size(), 0)),
	}
	if err := c.Errors.Last(); err != nil {
		attrs = append(attrs, slog.String("error", err.Err.Error()))
		if status >= 500 && status != statusClientClosed {
			level = slog.LevelError
		}
	}
	s.log.LogAttrs(c.Request.Context(), level, "request", attrs...)
}

// recoverPanic turns a panic in a handler into a 500 problem and logs the
// stack; the connection stays usable for the next request.
func (s *Server) recoverPanic(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler { //nolint:errorlint // sentinel compared as net/http does
			panic(v)
		}
		s.log.Error("panic serving request", "path", c.Request.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		s.fail(c, fmt.Errorf("panic: %v", v))
	}()
	c.Next()
}

// deadline gives every request a deadline, so that no input hangs the
// server: a search past it is cancelled and answered with a 503.
func (s *Server) deadline(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.Timeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// contentSecurityPolicy allows the page's own script and style files only:
// index.html has no inline script or style.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	c.Next()
}

// cors answers cross-origin requests from the configured origins, and
// preflight requests before routing. With no origins configured it does
// nothing and browsers keep the same-origin rule.
func (s *Server) cors(c *gin.Context) {
	if len(s.cfg.CORSOrigins) == 0 {
		c.Next()
		return
	}
	origin := c.GetHeader("Origin")
	h := c.Writer.Header()
	h.Add("Vary", "Origin")
	anyOrigin := slices.Contains(s.cfg.CORSOrigins, "*")
	if origin == "" || !(anyOrigin || slices.Contains(s.cfg.CORSOrigins, origin)) {
		c.Next()
		return
	}
	if anyOrigin {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", origin)
	}
	h.Set("Access-Control-Expose-Headers", "ETag, Content-Disposition, Retry-After")
	if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match")
		h.Set("Access-Control-Max-Age", "600")
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	c.Next()
}

// limitConcurrency lets at most Config.MaxConcurrent requests read the
// index at once. The others wait for a slot until their deadline, then get
// a 503 with Retry-After.
func (s *Server) limitConcurrency(c *gin.Context) {
	select {
	case s.slots <- struct{}{}:
	default:
		// All taken: wait. (Trying first keeps a free slot from losing
		// a random draw against an expired deadline.)
		select {
		case s.slots <- struct{}{}:
		case <-c.Request.Context().Done():
			var err error = &httpError{kind: errOverloaded, msg: "too many requests are reading the index at once; retry shortly"}
			if errors.Is(c.Request.Context().Err(), context.Canceled) {
				err = errClientGone
			}
			s.fail(c, err)
			return
		}
	}
	s.metrics.inFlight.Inc()
	defer func() {
		<-s.slots
		s.metrics.inFlight.Dec()
	}()
	c.Next()
}

// acceptsGzip reports whether the client takes gzip-encoded responses.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q = strings.ReplaceAll(strings.TrimSpace(q), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
