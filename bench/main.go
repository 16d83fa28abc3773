// Command bench is sessionsearch's end-to-end benchmark harness: it
// generates a corpus of real Chinese prose at a given size, runs a fixed
// query set through sessionsearch (in-process and over HTTP), Groonga and
// SQLite FTS5 side by side, checks every result set against a substring
// oracle, and renders BENCHMARKS.md.
//
//	go run ./bench -size 10MB            one run, results in bench/out/
//	go run ./bench -size 1MB -smoke      the CI smoke run (under 2 minutes)
//	go run ./bench report                render BENCHMARKS.md from bench/report/
//	go run ./bench queries               regenerate bench/queries.txt
//	go run ./bench corpus -size 100MB    only generate the corpus
//	go run ./bench research -size 100MB  distributions and keywords (BENCHMARKS.md)
//	go run ./bench proximity -size 100MB NEAR/10 and 同句 beside AND (bench/research.md)
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
		os.Exit(1)
	}
}

// env is what every subcommand shares.
type env struct {
	root          string // the repository
	out           string // bench/out
	projectCorpus string
	log           *slog.Logger
	stdout        io.Writer
	cached        *pool
}

func (e *env) pool() (*pool, error) {
	if e.cached == nil {
		p, err := loadPool(e.projectCorpus, filepath.Join(e.out, "cache"), e.log)
		if err != nil {
			return nil, err
		}
		e.cached = p
	}
	return e.cached, nil
}

// config is the run's flags.
type config struct {
	size     string
	smoke    bool
	peers    bool
	passes   int
	wrkSecs  int
	report   bool
	useBin   string
	keepData bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	// Hidden subcommands run in a child process so that the parent can
	// read their peak memory and start-up time.
	if len(args) == 3 && args[0] == "ss-index" {
		return runChildIndex(args[1], args[2], stdout)
	}
	if len(args) == 3 && args[0] == "ss-open" {
		return runChildOpen(args[1], args[2], stdout)
	}
	if len(args) == 4 && args[0] == "ss-update" {
		return runChildUpdate(args[1], args[2], args[3], stdout)
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	e := &env{root: root, out: filepath.Join(root, "bench", "out"), projectCorpus: filepath.Join(root, "corpus"),
		log: slog.New(slog.NewTextHandler(stderr, nil)), stdout: stdout}
	if err := os.MkdirAll(e.out, 0o755); err != nil {
		return err
	}
	cmd := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.size, "size", "10MB", "corpus size: 1MB, 10MB, 100MB or 300MB")
	fs.BoolVar(&c.smoke, "smoke", false, "quick run for CI: one pass, short load test; fails on a recall or precision below 1")
	fs.BoolVar(&c.peers, "peers", true, "run Groonga and SQLite FTS5 alongside (skipped when not installed)")
	fs.IntVar(&c.passes, "passes", 3, "measured passes over the query set (top 10)")
	fs.IntVar(&c.wrkSecs, "wrk-seconds", 10, "seconds of each HTTP load run")
	fs.BoolVar(&c.report, "report", true, "copy the results to bench/report/ and render BENCHMARKS.md")
	fs.StringVar(&c.useBin, "bin", "", "sessionsearch binary to serve with (default: built into bench/out)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.smoke {
		c.passes, c.wrkSecs = 1, 2
		if c.size == "10MB" {
			c.size = "1MB"
		}
	}
	switch cmd {
	case "":
		return runBench(ctx, e, c)
	case "corpus":
		_, st, err := ensureCorpus(e, c.size)
		if err != nil {
			return err
		}
		return printJSON(stdout, st)
	case "queries":
		p, err := e.pool()
		if err != nil {
			return err
		}
		path := filepath.Join(root, "bench", "queries.txt")
		lines := makeQueries(p)
		fmt.Fprintf(stdout, "%d queries written to %s\n", len(lines), path)
		return writeQueries(path, lines)
	case "report":
		return renderReport(e)
	case "research":
		return runResearch(ctx, e, c, stdout)
	case "proximity":
		return runProximity(ctx, e, c, stdout)
	default:
		return fmt.Errorf("unknown command %q (want corpus, queries, report, research or proximity, or none)", cmd)
	}
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// repoRoot finds the module root from the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod above %s: run from the repository", dir)
		}
	}
}
