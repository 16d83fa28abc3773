package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"sessionsearch/indexer"
)

// runInspect prints a parsed document as JSON, so that a person can check
// the extraction: passages after repair, kinds, speakers, people, sessions,
// and where each metadata field came from (provenance).
func runInspect(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpus := fs.String("corpus", "corpus", "corpus folder holding topics.yaml")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"inspect takes one file"}
	}
	tax, err := indexer.LoadTaxonomy(filepath.Join(*corpus, "topics.yaml"))
	if err != nil {
		return err
	}
	// A file inside the corpus is read relative to it, so that its id and
	// path are the ones the index and the API show.
	file := fs.Arg(0)
	root, rel := filepath.Dir(file), filepath.Base(file)
	opts := indexer.Options{Taxonomy: tax}
	if r, err := filepath.Rel(*corpus, file); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		root, rel = *corpus, filepath.ToSlash(r)
		// The corpus's metadata table applies, as when indexing.
		opts.Metadata = loadMetadata(*corpus, stderr)
	}
	doc, err := indexer.ReadFile(root, rel, opts)
	if err != nil {
		return err
	}
	return writeJSON(stdout, doc)
}

// loadMetadata reads the corpus's metadata table and prints its warnings
// to stderr.
func loadMetadata(corpus string, stderr io.Writer) *indexer.Metadata {
	md, warns := indexer.LoadMetadata(corpus)
	for _, w := range warns {
		fmt.Fprintln(stderr, w)
	}
	return md
}

// writeJSON writes v as indented JSON with Chinese as written.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
