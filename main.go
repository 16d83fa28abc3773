// Command sessionsearch indexes Chinese legislative session documents and
// serves a search engine over them. main only wires: each subcommand lives
// in its own cmd_*.go file with its own flag set.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `sessionsearch: full-text search over Chinese legislative session documents.

Usage:
  sessionsearch                      index corpus/ if needed, then serve on 127.0.0.1:8080
  sessionsearch index [flags]        build or update the index from the corpus
  sessionsearch inspect FILE         print a parsed document as JSON
  sessionsearch metadata [flags]     print every document's metadata as corpus/metadata.csv
  sessionsearch search [flags] QUERY search from the terminal (--json for the API's JSON)
  sessionsearch serve [flags]        serve the web page and the JSON API

Run "sessionsearch COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "sessionsearch:", err)
		}
		os.Exit(exitCode(err))
	}
}

// exitCode is 2 for usage errors and 1 for everything else.
func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// run is the whole program, with its environment passed in so that tests
// can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return runServe(ctx, nil, getenv, stdout, stderr)
	}
	switch args[0] {
	case "index":
		return runIndex(ctx, args[1:], getenv, stdout, stderr)
	case "inspect":
		return runInspect(ctx, args[1:], getenv, stdout, stderr)
	case "metadata":
		return runMetadata(ctx, args[1:], getenv, stdout, stderr)
	case "search":
		return runSearch(ctx, args[1:], getenv, stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], getenv, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
}
