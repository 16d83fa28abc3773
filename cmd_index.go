package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"sessionsearch/search"
)

// indexConfig is the configuration of the index subcommand.
type indexConfig struct {
	corpus  string
	index   string
	rebuild bool
}

func runIndex(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg indexConfig
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.corpus, "corpus", "corpus", "folder of session documents")
	fs.StringVar(&cfg.index, "index", "data/index", "index directory")
	fs.BoolVar(&cfg.rebuild, "rebuild", false, "rebuild from scratch into a new directory and swap it in")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("index takes no arguments, got %q", fs.Args())}
	}
	if _, err := os.Stat(cfg.corpus); err != nil {
		return fmt.Errorf("corpus folder: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	idx, err := search.Open(cfg.index, search.Options{Corpus: cfg.corpus, Logger: logger})
	if err != nil {
		return err
	}
	defer idx.Close()
	if d := idx.Damaged(); d != nil {
		fmt.Fprintf(stderr, "%s; rebuilding it from %s\n", d, cfg.corpus)
	}
	sum, err := indexCorpus(ctx, idx, cfg.rebuild, stderr)
	if err != nil {
		return err
	}
	printSummary(stdout, sum)
	return idx.Close()
}

// indexCorpus updates (or rebuilds) the index, with a progress line on
// stderr when it is a terminal and one line per skipped file.
func indexCorpus(ctx context.Context, idx *search.Index, rebuild bool, stderr io.Writer) (*search.Summary, error) {
	tty := isTerminal(stderr)
	last := time.Time{}
	progress := func(p search.Progress) {
		if !tty || (time.Since(last) < 100*time.Millisecond && p.Done != p.Files) {
			return
		}
		last = time.Now()
		fmt.Fprintf(stderr, "\r\033[Kindexing %d/%d %s", p.Done, p.Files, p.Path)
	}
	var sum *search.Summary
	var err error
	if rebuild {
		sum, err = idx.Rebuild(ctx, progress)
	} else {
		sum, err = idx.Update(ctx, progress)
	}
	if tty {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if sum != nil {
		for _, w := range sum.Warnings {
			fmt.Fprintln(stderr, w)
		}
		for _, s := range sum.Skipped {
			fmt.Fprintf(stderr, "skipped %s: %s\n", s.Path, s.Reason)
		}
	}
	return sum, err
}

func printSummary(w io.Writer, s *search.Summary) {
	verb := "updated"
	if s.Rebuilt {
		verb = "rebuilt"
	}
	fmt.Fprintf(w, "index %s in %.2fs: %d documents (%d added, %d changed, %d removed, %d unchanged), %d passages written, %d files skipped\n",
		verb, s.Seconds, s.Documents, s.Added, s.Changed, s.Removed, s.Unchanged, s.Passages, len(s.Skipped))
	for _, g := range []struct {
		what string
		gap  search.Gap
	}{
		{"no date", s.NoDate},
		{"no title of their own (titled by the file name)", s.NoTitle},
		{"no session", s.NoSession},
	} {
		if g.gap.Count == 0 {
			continue
		}
		more := ""
		if g.gap.Count > len(g.gap.First) {
			more = ", …"
		}
		fmt.Fprintf(w, "  %d %s %s: %s%s\n", g.gap.Count, plural(g.gap.Count, "document has", "documents have"), g.what, strings.Join(g.gap.First, ", "), more)
	}
	if len(s.Warnings) > 0 {
		fmt.Fprintf(w, "  %d %s in the metadata table (listed above)\n", len(s.Warnings), plural(len(s.Warnings), "warning", "warnings"))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// isTerminal reports whether w is a character device, so that progress
// lines are drawn only for a person watching.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
