// Package server is the HTTP API and the static web UI on Gin: routes,
// parameter checking, problem documents, middleware and metrics. It holds
// no search logic: parsing, snippets and the concordance belong to the
// search package, which the server receives open and never closes.
package server

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"sessionsearch/search"
)

// Config configures a Server. The zero value is usable: every zero field
// takes its default.
type Config struct {
	// Limits bound what one request may ask for. Pass the same limits to
	// search.Open so that the server and the index agree.
	Limits search.Limits
	// MaxConcurrent is the most requests reading the index at once; others
	// wait for a slot until their deadline.
	MaxConcurrent int
	// Timeout is each request's deadline.
	Timeout time.Duration
	// CORSOrigins are the origins allowed to call the API from a browser.
	// Empty turns CORS off; "*" allows any origin.
	CORSOrigins []string
	// AdminToken is the bearer token of POST /api/admin/reindex. Empty
	// turns the endpoint off (404).
	AdminToken string
	// Rebuild re-indexes the corpus; nil means the index's own Rebuild.
	Rebuild func(ctx context.Context) (*search.Summary, error)
	// SuggestLimit is the most suggestions returned.
	SuggestLimit int
	// PublicURL is the address users reach the server at
	// (https://example.org/sessionsearch), which the permalinks of a
	// download are made absolute with. Empty: the scheme and host each
	// request was made to, which behind a reverse proxy are the proxy's
	// view of the server, not the user's. Forwarded headers are not read:
	// any client can send them.
	PublicURL string
}

// Defaults for the zero fields of Config.
const (
	DefaultTimeout      = 10 * time.Second
	DefaultSuggestLimit = 10
	defaultKWICWidth    = 30
	maxKWICWidth        = 200
	maxFilterValues     = 50 // values of one filter parameter
	maxCursorBytes      = 1024
	maxIDBytes          = 512
)

// Server answers the API and serves the web UI from one open index.
type Server struct {
	idx     *search.Index
	cfg     Config
	log     *slog.Logger
	engine  *gin.Engine
	static  *staticFiles
	metrics *metrics
	slots   chan struct{} // one token per request reading the index

	// bg is the lifetime of background work (an admin rebuild); Close
	// cancels it and waits for it.
	bg         context.Context
	stopBG     context.CancelFunc
	jobMu      sync.Mutex // orders starting a job against Close
	jobs       sync.WaitGroup
	rebuilding atomic.Bool
	closing    atomic.Bool
	tokenHash  [sha256.Size]byte // of Config.AdminToken
}

// New builds a Server over an open index. static holds the web UI:
// index.html at its root and the assets beside it.
func New(idx *search.Index, static fs.FS, cfg Config, logger *slog.Logger) *Server {
	// Gin's debug mode prints every route and a warning to os.Stdout
	// through its global DefaultWriter, which would land in the command's
	// output. The mode is a process-wide atomic with no per-engine
	// switch; setting release mode here, where every engine is built, is
	// idempotent and race-free.
	gin.SetMode(gin.ReleaseMode)

	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Limits == (search.Limits{}) {
		cfg.Limits = search.DefaultLimits
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 16
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.SuggestLimit <= 0 {
		cfg.SuggestLimit = DefaultSuggestLimit
	}
	if cfg.Rebuild == nil {
		cfg.Rebuild = func(ctx context.Context) (*search.Summary, error) { return idx.Rebuild(ctx, nil) }
	}
	s := &Server{
		idx:   idx,
		cfg:   cfg,
		log:   logger,
		slots: make(chan struct{}, cfg.MaxConcurrent),
	}
	s.tokenHash = sha256.Sum256([]byte(cfg.AdminToken))
	s.bg, s.stopBG = context.WithCancel(context.Background())
	s.static = loadStatic(static, logger)
	s.metrics = newMetrics(prometheus.NewRegistry())

	s.engine = gin.New()
	s.engine.HandleMethodNotAllowed = true
	s.engine.RedirectTrailingSlash = false // a redirect would hide a 404 from API clients
	s.engine.ContextWithFallback = true    // c.Done and c.Value follow the request's context
	s.routes()
	return s
}

// Handler returns the HTTP handler of the whole site.
func (s *Server) Handler() http.Handler { return s.engine }

// HTTPServer returns an http.Server for the handler with timeouts that keep
// slow or hostile clients from holding connections: a slow client gets
// ReadHeaderTimeout to send its headers, a header over MaxHeaderBytes gets
// a 431.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s.engine,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       s.cfg.Timeout + 5*time.Second,
		WriteTimeout:      s.cfg.Timeout + 10*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    256 << 10, // a 10,000-character query is 90 KB of URL: answer it with a 400 that says why

		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Close stops background work: a running admin rebuild is cancelled (the
// index keeps its previous generation) and waited for. Call it after the
// HTTP server has shut down and before closing the index.
func (s *Server) Close() {
	s.jobMu.Lock()
	s.closing.Store(true)
	s.jobMu.Unlock()
	s.stopBG()
	s.jobs.Wait()
}
