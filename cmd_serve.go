package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"sessionsearch/search"
	"sessionsearch/server"
	"sessionsearch/web"
)

// serveConfig is the configuration of the serve subcommand.
type serveConfig struct {
	corpus string
	index  string
	addr   string
	limits search.Limits
	server server.Config
}

// The environment variables serve reads. The token is not a flag so that
// it does not show in the process list.
const (
	envAdminToken  = "SESSIONSEARCH_ADMIN_TOKEN"
	envCORSOrigins = "SESSIONSEARCH_CORS_ORIGINS"
)

// parseServe reads serve's flags and environment.
func parseServe(args []string, getenv func(string) string, stderr io.Writer) (serveConfig, error) {
	var cfg serveConfig
	lim := search.DefaultLimits
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.corpus, "corpus", "corpus", "folder of session documents")
	fs.StringVar(&cfg.index, "index", "data/index", "index directory (built from the corpus when empty)")
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on; the default answers this machine only")
	fs.IntVar(&lim.MaxQueryRunes, "max-query", lim.MaxQueryRunes, "longest query accepted, in characters")
	fs.IntVar(&lim.MaxPageSize, "max-page-size", lim.MaxPageSize, "most hits per page")
	fs.IntVar(&lim.MaxDepth, "max-depth", lim.MaxDepth, "deepest result reachable by page number")
	fs.IntVar(&lim.KWICLines, "max-kwic-lines", lim.KWICLines, "most concordance lines")
	fs.IntVar(&cfg.server.MaxConcurrent, "max-concurrent", 16, "most requests reading the index at once; others wait")
	fs.DurationVar(&cfg.server.Timeout, "timeout", server.DefaultTimeout, "deadline of each request")
	fs.StringVar(&cfg.server.PublicURL, "public-url", "", "address users reach the server at behind a reverse proxy (https://example.org/sessionsearch), for the links in downloads; default: the address each request was made to")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: sessionsearch serve [flags]\n\nServes the web page and the JSON API. Environment:\n  %s\tbearer token enabling POST /api/admin/reindex\n  %s\tcomma-separated origins allowed by CORS (* for any)\n\nFlags:\n", envAdminToken, envCORSOrigins)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, usageError{fmt.Sprintf("serve takes no arguments, got %q", fs.Args())}
	}
	for _, l := range []struct {
		name string
		v    int
	}{
		{"max-query", lim.MaxQueryRunes}, {"max-page-size", lim.MaxPageSize}, {"max-depth", lim.MaxDepth},
		{"max-kwic-lines", lim.KWICLines}, {"max-concurrent", cfg.server.MaxConcurrent},
	} {
		if l.v < 1 {
			return cfg, usageError{fmt.Sprintf("--%s must be at least 1, not %d", l.name, l.v)}
		}
	}
	if cfg.server.Timeout <= 0 {
		return cfg, usageError{fmt.Sprintf("--timeout must be positive, not %s", cfg.server.Timeout)}
	}
	if _, _, err := net.SplitHostPort(cfg.addr); err != nil {
		return cfg, usageError{fmt.Sprintf("--addr %q: %v", cfg.addr, err)}
	}
	if cfg.server.PublicURL != "" {
		u, err := url.Parse(cfg.server.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return cfg, usageError{fmt.Sprintf("--public-url %q: want an http or https address without query or fragment, as https://example.org/sessionsearch", cfg.server.PublicURL)}
		}
		cfg.server.PublicURL = strings.TrimRight(cfg.server.PublicURL, "/")
	}
	lim.DefaultSize = min(lim.DefaultSize, lim.MaxPageSize)
	cfg.limits = lim
	cfg.server.Limits = lim
	cfg.server.AdminToken = strings.TrimSpace(getenv(envAdminToken))
	for _, o := range strings.Split(getenv(envCORSOrigins), ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.server.CORSOrigins = append(cfg.server.CORSOrigins, o)
		}
	}
	return cfg, nil
}

// runServe opens the index (building it from the corpus if it is empty),
// serves until ctx is cancelled, then shuts down: HTTP first, letting
// requests in flight finish, then background work, then the index.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseServe(args, getenv, stderr)
	if err != nil {
		return err
	}
	if _, err := os.Stat(cfg.corpus); err != nil {
		return fmt.Errorf("corpus folder: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	idx, err := search.Open(cfg.index, search.Options{Corpus: cfg.corpus, Logger: logger, Limits: cfg.limits})
	if err != nil {
		return err
	}
	defer idx.Close() // on the early returns; the normal path closes it below

	if d := idx.Damaged(); d != nil {
		fmt.Fprintf(stderr, "%s; rebuilding it from %s\n", d, cfg.corpus)
	} else if idx.Empty() {
		fmt.Fprintf(stderr, "building the index in %s from %s\n", cfg.index, cfg.corpus)
	}
	if idx.Empty() {
		sum, err := indexCorpus(ctx, idx, false, stderr)
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			return idx.Close() // interrupted: the next start resumes
		}
		if err != nil {
			return err
		}
		printSummary(stderr, sum)
	}

	idx.Warm()
	// The admin endpoint applies what changed in the corpus; Update
	// rebuilds when the mapping or the taxonomy changed.
	cfg.server.Rebuild = func(ctx context.Context) (*search.Summary, error) { return idx.Update(ctx, nil) }
	srv := server.New(idx, web.FS(), cfg.server, logger)
	hs := srv.HTTPServer()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	if !isLoopback(ln.Addr()) {
		fmt.Fprintf(stderr, "warning: listening on %s, which other machines can reach\n", ln.Addr())
	}
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())

	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-served:
		// Serve returns only on a listener failure before any shutdown.
		srv.Close()
		idx.Close()
		return fmt.Errorf("serving: %w", err)
	}

	logger.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.server.Timeout+5*time.Second)
	defer cancel()
	shutdownErr := hs.Shutdown(shutdownCtx)
	if shutdownErr != nil {
		hs.Close() // past the grace period: drop the stragglers
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) && shutdownErr == nil {
		shutdownErr = err
	}
	srv.Close()
	if err := idx.Close(); err != nil {
		return fmt.Errorf("closing the index: %w", err)
	}
	if shutdownErr != nil {
		return fmt.Errorf("shutting down: %w", shutdownErr)
	}
	logger.Info("stopped")
	return nil
}

// isLoopback reports whether addr is a loopback address.
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
