// Package search owns the Bleve index: the analysis, the mapping, batched
// writes, incremental sync, atomic rebuild and swap, query parsing,
// snippets, facets, suggestions and the concordance. It is the only package
// that imports Bleve; the JSON result types live here.
package search

import (
	"context"
	"log/slog"
)

// Limits bound what one request may ask for.
type Limits struct {
	MaxQueryRunes int // longest query accepted
	MaxPageSize   int
	MaxDepth      int // deepest result reachable by page number: (page-1)*size+size
	DefaultSize   int
}

// DefaultLimits are the limits used where none are configured.
var DefaultLimits = Limits{MaxQueryRunes: 256, MaxPageSize: 100, MaxDepth: 10000, DefaultSize: 10}

// Options configure an Index.
type Options struct {
	Logger   *slog.Logger
	Limits   Limits
	Corpus   string // corpus folder: documents, topics.yaml, synonyms.yaml
	ReadOnly bool   // open for searching only (the CLI's search)
}

// Progress is reported while indexing.
type Progress struct {
	Files, Done int
	Path        string
}

// Index is the open search index. It is safe for concurrent use.
type Index struct{}

// Open opens the index in dir, creating an empty one if there is none.
func Open(dir string, opts Options) (*Index, error) { panic("todo") }

// Close closes the index.
func (x *Index) Close() error { panic("todo") }

// Empty reports whether the index holds no documents yet.
func (x *Index) Empty() bool { panic("todo") }

// Update indexes the added and changed files of the corpus and removes the
// passages of deleted ones; a changed mapping or taxonomy makes it rebuild.
func (x *Index) Update(ctx context.Context, progress func(Progress)) (*Summary, error) {
	panic("todo")
}

// Rebuild builds a fresh index from the corpus into a new directory and
// swaps it in atomically; searches in flight finish on the old one.
func (x *Index) Rebuild(ctx context.Context, progress func(Progress)) (*Summary, error) {
	panic("todo")
}

// Search runs one search.
func (x *Index) Search(ctx context.Context, req Request) (*Result, error) { panic("todo") }

// Documents lists every document's metadata, in date then path order.
func (x *Index) Documents(ctx context.Context) ([]DocumentInfo, error) { panic("todo") }

// Document returns one whole document; with a non-empty query every
// passage carries its highlighted HTML.
func (x *Index) Document(ctx context.Context, id, query string) (*DocumentView, error) {
	panic("todo")
}

// Suggest completes a prefix typed in the search box.
func (x *Index) Suggest(ctx context.Context, prefix string, limit int) ([]Suggestion, error) {
	panic("todo")
}

// KWIC builds a keyword-in-context concordance of the query.
func (x *Index) KWIC(ctx context.Context, req KWICRequest) (*Concordance, error) {
	panic("todo")
}

// Stats describes the index.
func (x *Index) Stats(ctx context.Context) (*Stats, error) { panic("todo") }
