// Package search owns the Bleve index: the analysis, the mapping, batched
// writes, incremental sync, atomic rebuild and swap, query parsing,
// snippets, facets, suggestions and the concordance. It is the only package
// that imports Bleve; the JSON result types live here so that the CLI's
// --json output and the HTTP API are one and the same.
package search

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"

	"sessionsearch/fold"
	"sessionsearch/indexer"
)

// Limits bound what one request may ask for.
type Limits struct {
	MaxQueryRunes int // longest query accepted, in characters
	MaxPageSize   int
	MaxDepth      int // deepest result reachable by page number
	DefaultSize   int
	KWICLines     int // most concordance lines
}

// DefaultLimits are the limits used where none are configured.
var DefaultLimits = Limits{MaxQueryRunes: 256, MaxPageSize: 100, MaxDepth: 10000, DefaultSize: 10, KWICLines: 5000}

// Options configure an Index.
type Options struct {
	Logger   *slog.Logger
	Limits   Limits
	Corpus   string // corpus folder: documents, topics.yaml, synonyms.yaml
	ReadOnly bool   // open for searching only, without the writer's lock
}

// Progress is reported while indexing.
type Progress struct {
	Files, Done int
	Path        string
}

// Index is the open search index. It is safe for concurrent use.
//
// The directory holds generations (gen-<time>/, each a Bleve index) and a
// file CURRENT naming the live one. A rebuild writes a new generation and
// swaps it in by renaming CURRENT, so a crash at any point leaves either
// the old or the complete new generation live.
type Index struct {
	dir  string
	opts Options
	log  *slog.Logger
	lock *os.File // exclusive flock on dir/LOCK while open for writing

	// mu is held for reading by every search for its whole duration and
	// for writing by a swap, so that a generation is closed only when no
	// search uses it. It plays the part of bleve.IndexAlias, which swaps
	// an index but not the catalog that belongs with it.
	mu  sync.RWMutex
	gen *generation

	writeMu    sync.Mutex // one Update or Rebuild at a time
	rebuilding atomic.Bool

	syn atomic.Pointer[synonyms]
	tax atomic.Pointer[indexer.Taxonomy]

	cache *resultCache

	damage *Damage // what Open found damaged and set aside, if anything
}

// generation is one Bleve index and the catalog of its documents.
type generation struct {
	name   string
	idx    bleve.Index
	cat    *catalog
	facets facetState
	texts  textState // texts.go: folded text for distributions and keywords
}

// reader opens g's current snapshot; the caller closes it.
func (g *generation) reader() (bindex.IndexReader, error) {
	ix, err := g.idx.Advanced()
	if err != nil {
		return nil, err
	}
	return ix.Reader()
}

const (
	currentFile = "CURRENT"
	lockFile    = "LOCK"
	genPrefix   = "gen-"
)

// Open opens the index in dir, creating an empty one if there is none.
// Unless ReadOnly, it takes an exclusive lock: a second writer gets
// ErrLocked at once rather than waiting.
func Open(dir string, opts Options) (*Index, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Limits == (Limits{}) {
		opts.Limits = DefaultLimits
	}
	if opts.Corpus == "" {
		opts.Corpus = "corpus"
	}
	x := &Index{dir: dir, opts: opts, log: opts.Logger, cache: newResultCache(4096)}
	go fold.Init() // build the folding table while Bleve opens

	if err := x.loadConfig(); err != nil {
		return nil, err
	}
	if opts.ReadOnly {
		// A reader cannot heal the index: it says what to run.
		damaged := func(err error) error {
			return &Error{Kind: ErrDamaged, Msg: fmt.Sprintf("the index in %s is damaged (%v): run `sessionsearch index` to rebuild it", dir, err)}
		}
		name, err := readCurrent(dir)
		if errors.Is(err, ErrDamaged) {
			return nil, damaged(err)
		}
		if err != nil {
			return nil, err
		}
		if name == "" {
			return nil, fmt.Errorf("no index in %s: run `sessionsearch index` first", dir)
		}
		g, err := openGeneration(filepath.Join(dir, name), true)
		if errors.Is(err, ErrDamaged) {
			return nil, damaged(err)
		}
		if err != nil {
			return nil, err
		}
		g.name = name
		x.gen = g
		return x, nil
	}

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	x.lock = lock
	name, err := readCurrent(dir)
	if errors.Is(err, ErrDamaged) {
		// Which generation was live is unknown: every one is kept aside.
		if merr := x.setDamagedAside(err, generations(dir)...); merr != nil {
			x.unlock()
			return nil, merr
		}
		name, err = "", nil
	}
	if err != nil {
		x.unlock()
		return nil, err
	}
	if name != "" {
		g, err := openGeneration(filepath.Join(dir, name), false)
		switch {
		case errors.Is(err, ErrDamaged):
			// Set it aside and start an empty generation, which the
			// caller fills from the corpus.
			if merr := x.setDamagedAside(err, name); merr != nil {
				x.unlock()
				return nil, merr
			}
			name = ""
		case err != nil:
			x.unlock()
			return nil, err
		default:
			g.name = name
			x.gen = g
		}
	}
	if name == "" {
		name = newGenName()
		g, err := createGeneration(filepath.Join(dir, name))
		if err != nil {
			x.unlock()
			return nil, err
		}
		g.name = name
		if err := writeCurrent(dir, name); err != nil {
			g.idx.Close()
			x.unlock()
			return nil, err
		}
		x.gen = g
	}
	x.removeStale()
	return x, nil
}

// loadConfig reads the taxonomy and the synonyms from the corpus folder.
func (x *Index) loadConfig() error {
	tax, err := indexer.LoadTaxonomy(filepath.Join(x.opts.Corpus, "topics.yaml"))
	if err != nil {
		return err
	}
	syn, err := loadSynonyms(filepath.Join(x.opts.Corpus, "synonyms.yaml"))
	if err != nil {
		return err
	}
	x.tax.Store(tax)
	x.syn.Store(syn)
	return nil
}

func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &Error{Kind: ErrLocked, Msg: fmt.Sprintf("the index %s is in use by another process (a running server, or another index run)", dir)}
		}
		return nil, err
	}
	return f, nil
}

func (x *Index) unlock() {
	if x.lock != nil {
		syscall.Flock(int(x.lock.Fd()), syscall.LOCK_UN)
		x.lock.Close()
		x.lock = nil
	}
}

func newGenName() string {
	return genPrefix + time.Now().UTC().Format("20060102T150405.000000000")
}

func readCurrent(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, genPrefix) || strings.ContainsAny(name, `/\`) {
		return "", &Error{Kind: ErrDamaged, Msg: fmt.Sprintf("%s is cut or corrupt (%q)", currentFile, name)}
	}
	return name, nil
}

// writeCurrent points CURRENT at a generation atomically: write a
// temporary file, sync it, rename it over CURRENT, sync the directory.
func writeCurrent(dir, name string) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(name + "\n"); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentFile)); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir syncs a directory, so that a rename in it survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// removeStale deletes generations that are not live: those left by a
// rebuild that crashed, or replaced by one that finished.
func (x *Index) removeStale() {
	for _, name := range generations(x.dir) {
		if name != x.gen.name {
			x.log.Info("removing stale index generation", "dir", name)
			os.RemoveAll(filepath.Join(x.dir, name))
		}
	}
}

// generations are the names of the generation directories in dir, none
// when it cannot be read.
func generations(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), genPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// scorchConfig tunes Bleve's scorch engine for bulk loads of short
// passages; see BENCHMARKS.md for the measurements behind each value.
func scorchConfig(readOnly bool) map[string]any {
	cfg := map[string]any{
		// Fail at once instead of waiting for a lock held by a writer.
		"bolt_timeout": "500ms",
	}
	if readOnly {
		cfg["read_only"] = true
	}
	if !readOnly {
		// Batch returns once the segment is in memory instead of waiting
		// for it to be persisted: 10 MB indexed in 18 s instead of 31 s.
		// A crash still leaves a consistent index: each persisted snapshot
		// holds whole batches, and a batch holds whole documents with
		// their catalog records, so what was lost is re-indexed next time
		// (its hash is missing). Close persists everything.
		cfg["unsafe_batch"] = true
		// Segments capped in size (write.go, maxSegmentPassages); Bleve
		// lays this over its default plan.
		cfg["scorchMergePlanOptions"] = map[string]any{"MaxSegmentSize": maxSegmentPassages}
	}
	return cfg
}

func createGeneration(path string) (*generation, error) {
	idx, err := bleve.NewUsing(path, newMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, scorchConfig(false))
	if err != nil {
		return nil, fmt.Errorf("creating index %s: %w", path, err)
	}
	g := &generation{idx: idx, cat: newCatalog()}
	return g, nil
}

// openGeneration opens the generation at path. An index that cannot be
// read gives an ErrDamaged error; one held by another process, ErrLocked.
func openGeneration(path string, readOnly bool) (g *generation, err error) {
	// bbolt panics on a cut root.bolt ("assertion failed: Page expected
	// to be …"); the file it leaves open is on the damaged generation.
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, damagedf(path, "%s", diagnose(path, fmt.Errorf("%v", r)))
		}
	}()
	if msg := precheck(path); msg != "" {
		return nil, damagedf(path, "%s", msg)
	}
	idx, err := bleve.OpenUsing(path, scorchConfig(readOnly))
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, &Error{Kind: ErrLocked, Msg: fmt.Sprintf("the index %s is in use by another process (a running server?); ask the server's API instead", path)}
		}
		if errors.Is(err, os.ErrPermission) || strings.Contains(err.Error(), "permission denied") {
			return nil, fmt.Errorf("opening index %s: %w", path, err)
		}
		return nil, damagedf(path, "%s", diagnose(path, err))
	}
	cat, err := loadCatalog(idx)
	if err != nil {
		idx.Close()
		return nil, damagedf(path, "%v", err)
	}
	return &generation{idx: idx, cat: cat}, nil
}

// acquire returns the live generation, held until release is called.
func (x *Index) acquire() *generation {
	x.mu.RLock()
	return x.gen
}

func (x *Index) release() { x.mu.RUnlock() }

// swap makes g live once no search uses the old generation, and closes
// the old one.
func (x *Index) swap(g *generation) error {
	x.mu.Lock()
	old := x.gen
	x.gen = g
	x.mu.Unlock()
	x.cache.clear()
	err := old.idx.Close()
	if rerr := os.RemoveAll(filepath.Join(x.dir, old.name)); err == nil {
		err = rerr
	}
	return err
}

// Close closes the index. Call it after the HTTP server has shut down.
func (x *Index) Close() error {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	var err error
	if x.gen != nil {
		err = x.gen.idx.Close()
		// A writer compacts the generation it leaves: the one an update
		// bulk-loaded (the first index of a corpus) is not reopened before.
		if err == nil && !x.opts.ReadOnly {
			x.compact(filepath.Join(x.dir, x.gen.name))
		}
		x.gen = nil
	}
	x.unlock()
	return err
}

// Empty reports whether the index holds no documents yet.
func (x *Index) Empty() bool {
	g := x.acquire()
	defer x.release()
	return len(g.cat.docs) == 0
}

// Stats describes the index.
func (x *Index) Stats(ctx context.Context) (*Stats, error) {
	g := x.acquire()
	defer x.release()
	n, err := g.idx.DocCount()
	if err != nil {
		return nil, err
	}
	st := &Stats{
		Documents:   len(g.cat.docs),
		Passages:    n - uint64(len(g.cat.docs)), // document records are not passages
		IndexBytes:  dirSize(filepath.Join(x.dir, g.name)),
		LastIndexed: g.cat.meta.LastIndexed,
		Topics:      len(x.tax.Load().Labels()),
		Synonyms:    len(x.syn.Load().groups),
		Generation:  g.name,
		Fields:      g.cat.derived().fields,
	}
	if st.Fields == nil {
		st.Fields = []FieldStat{}
	}
	return st, nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
