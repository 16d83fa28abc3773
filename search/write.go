package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unique"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"sessionsearch/indexer"
)

// batchPassages is how many passages go into one Bleve batch. A batch is
// also the unit of crash consistency: it holds whole documents only. Its
// analysis and its segment stay in memory until the segment is built and
// persisted, so the batch sets most of the memory of indexing: batches of
// 4000 passages peaked at 1.2 GiB for 10 MB of text, 1000 at 0.4 GiB, in
// the same time (with locations). Without locations, 1000 against 500,
// alternated: 10 MB peaked at 330 and 323 MB against 214 and 203 MB, for
// 9.2 and 9.1 s of user CPU against 10.3 and 10.7 s; 100 MB at 472
// against 382 MB, 95 against 107 s of user CPU. The smaller batch costs a
// tenth more CPU and keeps indexing within Groonga's memory.
const batchPassages = 500

// Update indexes the added and changed files of the corpus and removes the
// passages of deleted ones, comparing content hashes. A changed mapping or
// taxonomy makes it rebuild instead. Searches go on meanwhile.
func (x *Index) Update(ctx context.Context, progress func(Progress)) (*Summary, error) {
	if err := x.beginWrite(); err != nil {
		return nil, err
	}
	defer x.writeMu.Unlock()
	g := x.acquire()
	cat := g.cat
	x.release()
	if len(cat.docs) > 0 && (cat.meta.Mapping != mappingVersion || cat.meta.Taxonomy != x.tax.Load().Fingerprint()) {
		x.log.Info("mapping or taxonomy changed: rebuilding", "mapping", cat.meta.Mapping, "want", mappingVersion)
		return x.rebuild(ctx, progress)
	}
	start := time.Now()
	sum, err := x.sync(ctx, g, progress)
	if err != nil {
		return sum, err
	}
	sum.Seconds = time.Since(start).Seconds()
	x.cache.clear()
	return sum, nil
}

// Rebuild builds a fresh index from the corpus into a new generation and
// swaps it in atomically; searches in flight finish on the old one. It
// returns an ErrBusy error when an update or rebuild is already running.
func (x *Index) Rebuild(ctx context.Context, progress func(Progress)) (*Summary, error) {
	if err := x.beginWrite(); err != nil {
		return nil, err
	}
	defer x.writeMu.Unlock()
	return x.rebuild(ctx, progress)
}

// beginWrite takes the writer's lock (the caller unlocks writeMu) and
// reloads the taxonomy and synonyms, which the user may have edited.
func (x *Index) beginWrite() error {
	if x.opts.ReadOnly {
		return errors.New("the index was opened read-only")
	}
	if !x.writeMu.TryLock() {
		return &Error{Kind: ErrBusy, Msg: "a rebuild or update is already running"}
	}
	if err := x.loadConfig(); err != nil {
		x.writeMu.Unlock()
		return err
	}
	return nil
}

// Rebuilding reports whether a rebuild is running.
func (x *Index) Rebuilding() bool { return x.rebuilding.Load() }

func (x *Index) rebuild(ctx context.Context, progress func(Progress)) (*Summary, error) {
	x.rebuilding.Store(true)
	defer x.rebuilding.Store(false)
	start := time.Now()
	name := newGenName()
	path := filepath.Join(x.dir, name)
	g, err := createGeneration(path)
	if err != nil {
		return nil, err
	}
	g.name = name
	sum, err := x.sync(ctx, g, progress)
	// Close and reopen so that everything is on disk before CURRENT
	// points at it.
	if cerr := g.idx.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		x.compact(path)
	}
	var ng *generation
	if err == nil {
		ng, err = openGeneration(path, false)
	}
	if err == nil {
		ng.name = name
		if err = writeCurrent(x.dir, name); err != nil {
			ng.idx.Close()
		}
	}
	if err != nil {
		os.RemoveAll(path)
		return nil, err
	}
	if err := x.swap(ng); err != nil {
		x.log.Warn("closing the replaced index generation", "err", err)
	}
	sum.Rebuilt = true
	sum.Seconds = time.Since(start).Seconds()
	return sum, nil
}

// parsed is one corpus file after reading.
type parsed struct {
	rel       string
	doc       *indexer.Document
	unchanged bool
	stat      fileStat // the file's size, time and hash, when it could be read
	err       error
}

// sync brings generation g in line with the corpus.
func (x *Index) sync(ctx context.Context, g *generation, progress func(Progress)) (*Summary, error) {
	// Cancelled on return, so that the parsers stop when a write fails.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	files, err := indexer.Scan(x.opts.Corpus)
	if err != nil {
		return nil, err
	}
	cat := g.cat.clone()
	sum := &Summary{Skipped: []SkippedFile{}, Warnings: []string{}}
	md, warns := indexer.LoadMetadata(x.opts.Corpus)
	for _, w := range warns {
		sum.Warnings = append(sum.Warnings, w.String())
		x.log.Warn("metadata table", "warning", w.String())
	}
	opts := indexer.Options{Taxonomy: x.tax.Load(), Metadata: md}

	// Two files may map to one document id (a.txt and a.md are both "a"):
	// the first in path order keeps it, whichever of them changed, so that
	// neither replaces the other's passages from run to run.
	owner := make(map[string]string, len(files)) // doc id -> path
	var indexed []string
	for _, rel := range files {
		id := indexer.DocID(rel)
		if other, taken := owner[id]; taken {
			sum.Skipped = append(sum.Skipped, SkippedFile{Path: rel, Reason: fmt.Sprintf("its document id %q is already taken by %s", id, other)})
			continue
		}
		owner[id] = rel
		indexed = append(indexed, rel)
	}

	// The parsers compare hashes against a snapshot: cat changes as the
	// writer goes.
	known := make(map[string]string, len(cat.byPath))
	for path, d := range cat.byPath {
		known[path] = d.Hash
	}
	stats := loadFileStats(g.idx)
	next := x.parseAll(ctx, indexed, known, stats, opts)
	newStats := make(map[string]fileStat, len(indexed))
	dicts := dictTable{}

	// Batches are written by two goroutines: building a segment is a
	// large part of the cost of a batch and runs in the caller, so two
	// writers keep both cores busy (18.3 s -> 16.9 s for 10 MB). Each
	// batch holds whole documents, so the order in which they land does
	// not matter. The catalog is published once, at the end: during an
	// update, a new passage's document title may show as empty.
	w := newBatchWriter(g.idx, 2)
	defer w.wait()
	batch := g.idx.NewBatch()
	pending := 0
	flush := func() error {
		if pending == 0 {
			return nil
		}
		mb, _ := json.Marshal(newMeta(opts.Taxonomy, false))
		batch.SetInternal([]byte(metaKey), mb)
		if err := w.write(batch); err != nil {
			return err
		}
		batch = g.idx.NewBatch()
		pending = 0
		return nil
	}

	seen := make(map[string]bool, len(files))
	for _, rel := range files {
		seen[rel] = true
	}
	for i := range indexed {
		r := next(i)
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		if progress != nil {
			progress(Progress{Files: len(indexed), Done: i + 1, Path: r.rel})
		}
		if r.stat.Hash != "" {
			newStats[r.rel] = r.stat
		}
		if r.err != nil {
			reason := r.err.Error()
			var se *indexer.SkipError
			if errors.As(r.err, &se) {
				reason = se.Reason
			}
			if cat.byPath[r.rel] != nil {
				reason += " (the previously indexed version is kept)"
			}
			sum.Skipped = append(sum.Skipped, SkippedFile{Path: r.rel, Reason: reason})
			x.log.Warn("skipped", "file", r.rel, "reason", reason)
			continue
		}
		if r.unchanged {
			sum.Unchanged++
			continue
		}
		d := r.doc
		// A document's id comes from its path (indexer.DocID), so an
		// earlier version of it, if any, has the same id.
		if old := cat.docs[d.ID]; old != nil {
			deletePassages(batch, old)
			sum.Changed++
		} else {
			sum.Added++
		}
		for j := range d.Passages {
			pd, err := passageDocument(d, &d.Passages[j])
			if err != nil {
				return sum, err
			}
			if err := batch.IndexAdvanced(pd); err != nil {
				return sum, err
			}
		}
		info := infoOf(d, dicts)
		rd, err := recordDocument(info)
		if err != nil {
			return sum, err
		}
		if err := batch.IndexAdvanced(rd); err != nil {
			return sum, err
		}
		cat.put(info)
		sum.Passages += len(d.Passages)
		pending += len(d.Passages) + 1
		if pending >= batchPassages {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	for _, d := range cat.list() {
		if !seen[d.Path] {
			deletePassages(batch, d)
			batch.Delete(recPrefix + d.ID)
			cat.remove(d.ID)
			sum.Removed++
			pending++
		}
	}
	// Nothing to write: the index stays as it is (its meta and catalog
	// included), and an update that finds no change costs only the scan.
	if sum.Added+sum.Changed+sum.Removed == 0 && len(cat.docs) > 0 && maps.Equal(stats, newStats) {
		sum.Documents = len(cat.docs)
		return sum, w.wait()
	}
	if err := w.wait(); err != nil {
		return sum, err
	}
	// Batches return before they are on disk (unsafe_batch); the last
	// one, applied once every batch before it is, carries the meta and
	// the catalog and waits until its snapshot, which holds every batch
	// before it, is persisted. (In a batch of its own, it cost an update
	// of one document a second snapshot to persist.)
	m := newMeta(opts.Taxonomy, true)
	if err := persistBarrier(ctx, g.idx, batch, m, cat, newStats); err != nil {
		return sum, err
	}
	cat.meta = m
	x.publish(g, cat)
	if bulkLoad(sum.Passages, cat) {
		if err := forceMerge(ctx, g); err != nil {
			return sum, err
		}
		// Bleve deletes the merged-away segment files when its persister
		// next goes idle; wait for that, so that the index on disk is its
		// true size when the process ends right after (as `index` does).
		if err := persistBarrier(ctx, g.idx, g.idx.NewBatch(), m, cat, newStats); err != nil {
			return sum, err
		}
		waitForSegments(ctx, g, filepath.Join(x.dir, g.name, "store"), 5*time.Second)
	}
	sum.Documents = len(cat.docs)
	sum.gapsOf(cat)
	return sum, nil
}

// batchWriter applies batches on a few goroutines and keeps the first
// error.
type batchWriter struct {
	idx  bleve.Index
	jobs chan *bleve.Batch
	done sync.WaitGroup
	mu   sync.Mutex
	err  error
	once sync.Once
	// unpersisted holds a token for each batch applied but not yet on
	// disk. Without the bound, segments pile up in memory faster than the
	// persister writes them (1.3 GiB peak for 10 MB of text).
	unpersisted chan struct{}
}

// maxUnpersisted is how many batches may wait in memory for the persister.
const maxUnpersisted = 3

func newBatchWriter(idx bleve.Index, n int) *batchWriter {
	w := &batchWriter{idx: idx, jobs: make(chan *bleve.Batch), unpersisted: make(chan struct{}, maxUnpersisted)}
	for i := 0; i < n; i++ {
		w.done.Add(1)
		go func() {
			defer w.done.Done()
			for b := range w.jobs {
				if w.failed() != nil {
					continue
				}
				w.unpersisted <- struct{}{}
				b.SetPersistedCallback(func(error) { <-w.unpersisted })
				if err := idx.Batch(b); err != nil {
					<-w.unpersisted
					w.mu.Lock()
					if w.err == nil {
						w.err = fmt.Errorf("writing to the index: %w", err)
					}
					w.mu.Unlock()
					continue
				}
			}
		}()
	}
	return w
}

func (w *batchWriter) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// write queues a batch.
func (w *batchWriter) write(b *bleve.Batch) error {
	if err := w.failed(); err != nil {
		return err
	}
	w.jobs <- b
	return nil
}

// wait waits for every queued batch and returns the first error.
func (w *batchWriter) wait() error {
	w.once.Do(func() { close(w.jobs) })
	w.done.Wait()
	return w.failed()
}

// newMeta is the meta of an index written now; catalog says whether the
// catalog blob goes with it.
func newMeta(tax *indexer.Taxonomy, catalog bool) meta {
	return meta{Mapping: mappingVersion, Taxonomy: tax.Fingerprint(), LastIndexed: time.Now().UTC().Format(time.RFC3339), Catalog: catalog}
}

// bulkLoad reports whether an update that wrote passages is large enough
// to be worth a merge of its segments at the end: at least a tenth of the
// passages. (When that merge made one segment of the whole index, an
// update of one document of the 100 MB benchmark corpus took 11.7 s,
// nearly all of it merging.) An update of a few documents leaves its
// small segment to Bleve's own merge policy, which merges small segments
// with each other in the background.
func bulkLoad(written int, cat *catalog) bool {
	if written == 0 {
		return false
	}
	total := 0
	for _, d := range cat.docs {
		total += d.Passages
	}
	return written*10 >= total
}

// persistBarrier adds the meta, the whole catalog and the files' records
// to batch b, applies it and waits until Bleve has persisted it.
func persistBarrier(ctx context.Context, idx bleve.Index, b *bleve.Batch, m meta, cat *catalog, stats map[string]fileStat) error {
	mb, err := json.Marshal(m)
	if err != nil {
		return err
	}
	cb := encodeCatalog(cat.list())
	sb := encodeFileStats(stats)
	b.SetInternal([]byte(metaKey), mb)
	b.SetInternal([]byte(catalogKey), cb)
	b.SetInternal([]byte(fileStatKey), sb)
	done := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { done <- err })
	if err := idx.Batch(b); err != nil {
		return fmt.Errorf("writing to the index: %w", err)
	}
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("persisting the index: %w", err)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// maxSegmentPassages caps the passages of a segment, in Bleve's
// background merges and in the merge at the end of a bulk load. A merge
// holds its output's dictionaries and postings in memory and maps its
// inputs, so the biggest merge sets the peak memory of indexing: merged
// into one segment, 100 MB of text peaked at 1046 MiB and 300 MB at
// 3008 MiB. Capped, the index is a few segments of bounded size and a
// query reads one posting list per segment and term.
const maxSegmentPassages = 1 << 15

// bulkMergePlan merges every segment it can within the cap: the plan for
// the end of a bulk load, which leaves one segment per few batches, each
// with its own dictionary.
func bulkMergePlan() mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.MaxSegmentSize = maxSegmentPassages
	return o
}

// forceMerge merges the index's small segments into segments of up to
// maxSegmentPassages.
func forceMerge(ctx context.Context, g *generation) error {
	adv, err := g.idx.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	// A background merge still running when the force merge is planned
	// introduces its output afterwards, beside the merged segments (seen
	// in 3 of 9 loads of 10 MB): merge again while that left some to
	// merge.
	plan := bulkMergePlan()
	for range 3 {
		if err := s.ForceMerge(ctx, &plan); err != nil {
			return fmt.Errorf("merging the index: %w", err)
		}
		if mergeable(g, &plan) <= 1 {
			break
		}
	}
	return nil
}

// mergeable is the number of segments of the index's current snapshot
// that plan would still merge (those under half its cap).
func mergeable(g *generation, plan *mergeplan.MergePlanOptions) int {
	n := 0
	for _, size := range segmentSizes(g) {
		if size < plan.MaxSegmentSize/2 {
			n++
		}
	}
	return n
}

// segmentSizes are the live passages of each segment in g's current
// snapshot.
func segmentSizes(g *generation) []int64 {
	r, err := g.reader()
	if err != nil {
		return nil
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	sizes := make([]int64, 0, len(snap.Segments()))
	for _, ss := range snap.Segments() {
		sizes = append(sizes, ss.LiveSize())
	}
	return sizes
}

// waitForSegments waits, up to limit, until dir holds no more segment
// files than the index's snapshot has segments: Bleve deletes merged-away
// files when its persister next goes idle.
func waitForSegments(ctx context.Context, g *generation, dir string, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if m, _ := filepath.Glob(filepath.Join(dir, "*.zap")); len(m) <= max(1, len(segmentSizes(g))) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// publish makes a new catalog visible to searches of generation g.
func (x *Index) publish(g *generation, cat *catalog) {
	x.mu.Lock()
	g.cat = cat
	x.mu.Unlock()
}

func deletePassages(b *bleve.Batch, d *DocumentInfo) {
	for n := 1; n <= d.Passages; n++ {
		b.Delete(passageID(d.ID, n))
	}
}

// parseAll reads and parses the files on all cores, a bounded window
// ahead of the writer. next(i) waits for file i's result; call it for each
// file in order.
func (x *Index) parseAll(ctx context.Context, files []string, known map[string]string, stats map[string]fileStat, opts indexer.Options) (next func(i int) parsed) {
	results := make([]chan parsed, len(files))
	for i := range results {
		results[i] = make(chan parsed, 1)
	}
	workers := runtime.GOMAXPROCS(0)
	window := make(chan struct{}, 4*workers+16)
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				for j := i; j < len(files); j++ {
					results[j] <- parsed{rel: files[j], err: ctx.Err()}
				}
				return
			}
			jobs <- i
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range jobs {
				results[i] <- x.parseOne(files[i], known, stats, opts)
			}
		}()
	}
	return func(i int) parsed {
		r := <-results[i]
		select {
		case <-window: // a slot for the next file
		default: // the feeder gave up on a cancelled context
		}
		return r
	}
}

func (x *Index) parseOne(rel string, known map[string]string, stats map[string]fileStat, opts indexer.Options) parsed {
	// Stat before reading: if the file changes in between, the record
	// holds the older time and the next update reads the file again.
	size, mtime, statted := statOf(x.opts.Corpus, rel)
	// The record holds the file's own hash; what the catalog compares is
	// the document's, which covers the file's metadata-table row too, so
	// an edited row is seen although the file is not read.
	if s, ok := stats[rel]; ok && statted && s.fresh(size, mtime) && indexer.DocumentHash(s.Hash, rel, opts) == known[rel] {
		return parsed{rel: rel, unchanged: true, stat: s}
	}
	raw, err := indexer.ReadRaw(x.opts.Corpus, rel, opts)
	if err != nil {
		return parsed{rel: rel, err: err}
	}
	sum := sha256.Sum256(raw)
	fileHash := hex.EncodeToString(sum[:])
	var st fileStat
	if statted {
		st = fileStat{Size: size, Mtime: mtime, Hash: fileHash, Taken: time.Now().UnixNano()}
	}
	if known[rel] == indexer.DocumentHash(fileHash, rel, opts) {
		return parsed{rel: rel, unchanged: true, stat: st}
	}
	d, err := indexer.Parse(rel, raw, opts)
	if err != nil {
		return parsed{rel: rel, err: err}
	}
	return parsed{rel: rel, doc: d, stat: st}
}

// infoOf is d's catalog record. Its strings are copies: the parser's
// are mostly substrings of the decoded file, and a record kept for the
// life of the index would keep each whole file in memory (69 MB of
// decoded text held by the catalog after 12,000 of the 15,258 files of
// the 100 MB benchmark corpus, growing with the corpus). Values that many
// documents share (places, levels, sessions, provenance) are interned,
// one copy for all, and so are whole maps through dicts (catalog.go):
// opening the 100 MB index, the catalog took 1,706 bytes a document with
// a map each and 1,370 with shared ones (heap after a GC, three opens
// each).
func infoOf(d *indexer.Document, dicts dictTable) *DocumentInfo {
	c := strings.Clone
	in := func(s string) string { return unique.Make(s).Value() }
	cs := func(ss []string) []string {
		if ss == nil {
			return nil
		}
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = c(s)
		}
		return out
	}
	cm := func(m map[string]string) map[string]string {
		if m == nil {
			return nil
		}
		out := make(map[string]string, len(m))
		for k, v := range m {
			out[in(k)] = in(v)
		}
		return out
	}
	session := func(s indexer.Session) indexer.Session {
		s.Place, s.Level, s.Body, s.Name = in(s.Place), in(s.Level), in(s.Body), in(s.Name)
		return s
	}
	info := &DocumentInfo{
		ID: c(d.ID), Path: c(d.Path), Title: c(d.Title), Subtitles: cs(d.Subtitles), Date: c(d.Date),
		Source: in(d.Source), Paper: in(d.Paper), Page: in(d.Page), Site: in(d.Site), Reporters: cs(d.Reporters), Photographers: cs(d.Photographers),
		Passages: len(d.Passages), Hash: c(d.Hash),
		Place: in(d.Place), Level: in(d.Level), Speaker: in(d.Speaker), Fields: dicts.intern(cm(d.Fields)), Provenance: dicts.intern(cm(d.Provenance)),
	}
	if d.Sessions != nil {
		info.Sessions = make([]indexer.Session, len(d.Sessions))
		for i, s := range d.Sessions {
			info.Sessions[i] = session(s)
		}
	}
	if d.MainSession != nil {
		s := session(*d.MainSession)
		info.MainSession = &s
	}
	return info
}
