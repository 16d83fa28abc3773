package server

import (
	"compress/gzip"
	"mime"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
)

// gzipMinBytes is the smallest body worth compressing: below it the gzip
// header and the CPU cost outweigh the saving.
const gzipMinBytes = 1024

// compressibleTypes are the media types gzip shrinks.
var compressibleTypes = map[string]bool{
	"application/json":         true,
	"application/problem+json": true,
	"application/javascript":   true,
	"text/javascript":          true,
	"text/html":                true,
	"text/css":                 true,
	"text/csv":                 true,
	"text/plain":               true,
	"image/svg+xml":            true,
}

// gzipper compresses large responses for clients that accept gzip.
type gzipper struct {
	pool sync.Pool // *gzip.Writer, reused: each holds about a megabyte of tables
}

func (g *gzipper) middleware(c *gin.Context) {
	c.Writer.Header().Add("Vary", "Accept-Encoding")
	if c.Request.Method == http.MethodHead || !acceptsGzip(c.Request) {
		c.Next()
		return
	}
	w := &gzipWriter{ResponseWriter: c.Writer, g: g}
	c.Writer = w
	defer w.finish()
	c.Next()
}

// gzipWriter holds back the first gzipMinBytes of a body to decide whether
// compressing is worth it, then either compresses or passes bytes through.
type gzipWriter struct {
	gin.ResponseWriter
	g       *gzipper
	buf     []byte
	decided bool
	gz      *gzip.Writer
}

func (w *gzipWriter) Write(p []byte) (int, error) {
	if w.decided {
		if w.gz != nil {
			return w.gz.Write(p)
		}
		return w.ResponseWriter.Write(p)
	}
	w.buf = append(w.buf, p...)
	if len(w.buf) >= gzipMinBytes {
		if err := w.decide(true); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

func (w *gzipWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// Written counts held-back bytes as written, so that an error after a
// partial body is not appended to it as a second document.
func (w *gzipWriter) Written() bool { return len(w.buf) > 0 || w.ResponseWriter.Written() }

// WriteHeaderNow is called for bodiless answers (204, 304): nothing to
// compress.
func (w *gzipWriter) WriteHeaderNow() {
	if !w.decided {
		w.decide(false) //nolint:errcheck // the header write below reports nothing either
	}
	w.ResponseWriter.WriteHeaderNow()
}

func (w *gzipWriter) Flush() {
	if !w.decided {
		w.decide(len(w.buf) >= gzipMinBytes) //nolint:errcheck // Flush has no error to return
	}
	if w.gz != nil {
		w.gz.Flush() //nolint:errcheck // as above
	}
	w.ResponseWriter.Flush()
}

// decide settles whether to compress, then writes what was held back.
func (w *gzipWriter) decide(large bool) error {
	w.decided = true
	if large && w.compressible() {
		h := w.Header()
		h.Set("Content-Encoding", "gzip")
		h.Del("Content-Length")
		if gz, ok := w.g.pool.Get().(*gzip.Writer); ok {
			gz.Reset(w.ResponseWriter)
			w.gz = gz
		} else {
			// BestSpeed: search answers are built per request, and the
			// default level cost 10% of a loaded server's CPU.
			w.gz, _ = gzip.NewWriterLevel(w.ResponseWriter, gzip.BestSpeed)
		}
	}
	buf := w.buf
	w.buf = nil
	if len(buf) == 0 {
		return nil
	}
	var err error
	if w.gz != nil {
		_, err = w.gz.Write(buf)
	} else {
		_, err = w.ResponseWriter.Write(buf)
	}
	return err
}

func (w *gzipWriter) compressible() bool {
	h := w.Header()
	if h.Get("Content-Encoding") != "" || h.Get("Content-Range") != "" {
		return false
	}
	switch w.Status() {
	case http.StatusNoContent, http.StatusNotModified, http.StatusPartialContent:
		return false
	}
	mt, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	return err == nil && compressibleTypes[mt]
}

// finish writes a short body as it is, or ends the gzip stream.
func (w *gzipWriter) finish() {
	if !w.decided {
		w.decide(false) //nolint:errcheck // the client is gone if this fails
	}
	if w.gz != nil {
		w.gz.Close() //nolint:errcheck // as above
		w.gz.Reset(nil)
		w.g.pool.Put(w.gz)
		w.gz = nil
	}
}
