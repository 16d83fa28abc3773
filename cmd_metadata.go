package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"sessionsearch/indexer"
)

// runMetadata prints the metadata of every corpus document as the indexer
// reads it (the metadata table applied, if there is one) in the table's
// own CSV form, so that a person can save it as corpus/metadata.csv,
// correct it and index again.
func runMetadata(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("metadata", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpus := fs.String("corpus", "corpus", "folder of session documents")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("metadata takes no arguments, got %q", fs.Args())}
	}
	files, err := indexer.Scan(*corpus)
	if err != nil {
		return fmt.Errorf("corpus folder: %w", err)
	}
	md := loadMetadata(*corpus, stderr)
	tax, err := indexer.LoadTaxonomy(filepath.Join(*corpus, "topics.yaml"))
	if err != nil {
		return err
	}
	opts := indexer.Options{Taxonomy: tax, Metadata: md}
	var docs []*indexer.Document
	for _, rel := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := indexer.ReadFile(*corpus, rel, opts)
		if err != nil {
			var se *indexer.SkipError
			if errors.As(err, &se) {
				fmt.Fprintf(stderr, "skipped %s: %s\n", se.Path, se.Reason)
				continue
			}
			return err
		}
		docs = append(docs, doc)
	}
	w := bufio.NewWriter(stdout)
	if err := writeMetadataCSV(w, docs, md); err != nil {
		return err
	}
	return w.Flush()
}

// writeMetadataCSV writes docs as a metadata table: UTF-8 with a byte
// order mark (which Excel needs to read it as UTF-8), CRLF line ends, the
// known columns and then the custom ones (the table's, in its order, then
// any other in name order).
func writeMetadataCSV(w io.Writer, docs []*indexer.Document, md *indexer.Metadata) error {
	var custom []string
	seen := map[string]bool{}
	if md != nil {
		for _, c := range md.Custom {
			custom, seen[c] = append(custom, c), true
		}
	}
	var extra []string
	for _, d := range docs {
		for k := range d.Fields {
			if !seen[k] {
				extra, seen[k] = append(extra, k), true
			}
		}
	}
	slices.Sort(extra)
	custom = append(custom, extra...)

	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(slices.Concat(indexer.MetadataColumns, custom)); err != nil {
		return err
	}
	for _, d := range docs {
		session := ""
		if d.MainSession != nil {
			session = d.MainSession.Name
		}
		speaker := d.Speaker
		if row := md.Row(d.Path); row != nil && len(row.Speakers) > 1 {
			speaker = strings.Join(row.Speakers, ";")
		}
		rec := []string{d.Path, d.Title, d.Date, d.Place, d.Level, session, speaker, d.Source}
		for _, c := range custom {
			rec = append(rec, d.Fields[c])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
