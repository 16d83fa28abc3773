package search

import (
	"bytes"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Distributions and keywords count occurrences in the text of many
// passages: every passage of a frequent term, every passage of a
// subcorpus. Reading that many stored passages back from Bleve takes
// seconds (each read decodes a stored document); a textTable holds, for
// one index snapshot, every live passage's folded text in one byte slice
// (the same folding as snippets and KWIC: matchRunes), so that counting is
// a scan of memory. It is built in the background like the facet table
// and costs about the size of the text in memory.

// textTable is the folded text of every live passage of one snapshot, by
// internal document number, with the facet table of the same snapshot.
type textTable struct {
	reader bindex.IndexReader // the snapshot, compared by identity only
	facets *facetTable
	// The folded UTF-8 of every passage, concatenated in chunks of
	// textChunk bytes: a passage starts in a new chunk when it does not
	// fit in the last, and one larger than a chunk has one of its own.
	// A position counts a chunk as textChunk bytes whatever it holds, so
	// that passage num is chunk start[num]/textChunk from start[num] to
	// start[num+1], or to the chunk's end when start[num+1] is in a later
	// one (passageText). Appended to one slice instead, the text was
	// copied at every growth of its capacity, and with the copies left
	// behind and every passage decoded whole (now only its text is read:
	// storedText), opening the 100 MB benchmark index and building its
	// tables took 551 and 612 MB resident at the peak, 394 and 455 MB of
	// it anonymous, in 1.97 and 2.08 s; now 387 and 415 MB, 230 and 258
	// MB, 1.46 and 1.49 s (the two builds alternated).
	chunks [][]byte
	end    uint32   // the position after the last byte placed
	bytes  int      // bytes of text held
	start  []uint32 // passage num's position
	runes  []uint32 // characters of passage num (as written; folding keeps one rune per rune)
	han    []uint32 // Chinese characters of passage num (the basis of keyword frequencies)
	live   []bool   // num is a passage (not a document record, not deleted)
	doc    []int32  // the index of num's document in facets' doc column, -1 for none
	ndocs  int
	// breaks are the passages whose text holds a line break, ascending:
	// text folds it to a space, which 同句 must tell apart (proximity.go).
	breaks []uint64

	sizeMu sync.Mutex
	sizes  map[string]*bucketSizes // whole-snapshot bucket sizes by field, computed once
}

// passageText is num's folded text.
func (t *textTable) passageText(num uint64) []byte {
	if num+1 >= uint64(len(t.start)) {
		return nil
	}
	s, e := t.start[num], t.start[num+1]
	c := s >> textChunkBits
	if s == e || int(c) >= len(t.chunks) {
		// Empty: a document record, or an empty passage, which may stand
		// at the end of a chunk filled to its last byte or within the
		// span of a long passage.
		return nil
	}
	chunk := t.chunks[c]
	hi := len(chunk)
	if e>>textChunkBits == c {
		hi = int(e - c<<textChunkBits)
	}
	return chunk[s-c<<textChunkBits : hi]
}

// textChunkBits sets the size of a text table's chunks: 4 MiB, a
// passage's length at most lost at the end of each.
const (
	textChunkBits = 22
	textChunk     = 1 << textChunkBits
)

// place appends b to the text and returns its position.
func (t *textTable) place(b []byte) uint32 {
	if len(b) == 0 {
		return t.end
	}
	t.bytes += len(b)
	c := int(t.end >> textChunkBits)
	if c < len(t.chunks) && len(t.chunks[c])+len(b) <= cap(t.chunks[c]) {
		s := t.end
		t.chunks[c] = append(t.chunks[c], b...)
		t.end += uint32(len(b))
		return s
	}
	c = len(t.chunks)
	t.chunks = append(t.chunks, append(make([]byte, 0, max(textChunk, len(b))), b...))
	for range (len(b) - 1) >> textChunkBits { // the chunks a long passage covers
		t.chunks = append(t.chunks, nil)
	}
	s := uint32(c) << textChunkBits
	t.end = s + uint32(len(b))
	return s
}

// liveNums are the numbers of every live passage, ascending.
func (t *textTable) liveNums() []uint64 {
	var nums []uint64
	for n, live := range t.live {
		if live {
			nums = append(nums, uint64(n))
		}
	}
	return nums
}

// textState is a generation's text table and whether one is being built.
type textState struct {
	mu    sync.Mutex // held while building
	table *textTable
	// warming: a background build is asked for. Every phrase search on a
	// snapshot without its table asks for one (candidates.go: tableOf);
	// one goroutine builds it, the others are not started.
	warming atomic.Bool
}

// buildTextTable reads the stored text of every live passage of r; ft is
// the facet table of r.
func buildTextTable(r bindex.IndexReader, ft *facetTable) (*textTable, error) {
	t := &textTable{reader: r, facets: ft, sizes: map[string]*bucketSizes{}}
	docs := ft.column("doc")
	n := len(ft.rank)
	t.start = make([]uint32, 0, n+1)
	t.runes = make([]uint32, n)
	t.han = make([]uint32, n)
	t.live = make([]bool, n)
	t.doc = make([]int32, n)
	t.ndocs = len(docs.names)
	var next uint64 // the next number without a start yet
	var raw, folded []byte
	err := visitStored(r, func(num uint64, blob []byte) error {
		if num < next || num >= uint64(n) {
			return errNotAscending
		}
		for ; next <= num; next++ {
			t.start = append(t.start, t.end)
			t.doc[next] = -1
		}
		var err error
		if raw, err = storedText(raw[:0], blob); err != nil {
			return nil // a document record
		}
		var runes, han uint32
		folded, runes, han = appendMatchText(folded[:0], raw)
		t.start[num] = t.place(folded)
		t.runes[num], t.han[num], t.live[num] = runes, han, true
		if bytes.ContainsFunc(raw, isLineBreak) {
			t.breaks = append(t.breaks, num)
		}
		if v := docs.of(num); len(v) > 0 {
			t.doc[num] = int32(v[0])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for ; next < uint64(n); next++ {
		t.start = append(t.start, t.end)
		t.doc[next] = -1
	}
	t.start = append(t.start, t.end)
	return t, nil
}

// visitStored calls f with the stored blob of every live document of r
// in ascending internal number. On a scorch snapshot it reads each
// segment's stored fields by local number, as the snapshot numbers them
// (a segment's numbers follow the raw counts of the segments before it);
// reading by external ID instead looks each ID up in the term dictionary
// first and took 23 s for 100 MB of text.
func visitStored(r bindex.IndexReader, f func(num uint64, blob []byte) error) error {
	var blob []byte
	if is, ok := r.(*scorch.IndexSnapshot); ok {
		var offset uint64
		for _, ss := range is.Segments() {
			seg := ss.Segment()
			count, deleted := seg.Count(), ss.Deleted()
			for local := range count {
				if deleted != nil && deleted.Contains(uint32(local)) {
					continue
				}
				blob = blob[:0]
				if err := ss.VisitDocument(local, func(field string, _ byte, value []byte, _ []uint64) bool {
					if field == fieldStored {
						blob = append(blob, value...)
					}
					return true
				}); err != nil {
					return err
				}
				if err := f(offset+local, blob); err != nil {
					return err
				}
			}
			offset += count
		}
		return nil
	}
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer ids.Close()
	for {
		id, err := ids.Next()
		if err != nil {
			return err
		}
		if id == nil {
			return nil
		}
		num, err := docNum(id)
		if err != nil {
			return err
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return err
		}
		doc, err := r.Document(ext)
		if err != nil {
			return err
		}
		if doc == nil {
			continue
		}
		blob = blob[:0]
		doc.VisitFields(func(fl bindex.Field) {
			if fl.Name() == fieldStored {
				blob = append(blob, fl.Value()...)
			}
		})
		if err := f(num, blob); err != nil {
			return err
		}
	}
}

// textTable returns the text table of g's current snapshot, building it
// (and the facet table under it) when there is none or the snapshot
// changed. Concurrent callers wait for one build.
func (x *Index) textTable(g *generation) (*textTable, error) {
	r, err := g.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	s := &g.texts
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.table != nil && s.table.reader == r {
		return s.table, nil
	}
	start := time.Now()
	ft := g.facets.table.Load()
	if ft == nil || ft.reader != r {
		if ft, err = buildFacetTable(r); err != nil {
			return nil, err
		}
		g.facets.table.Store(ft)
	}
	t, err := buildTextTable(r, ft)
	if err != nil {
		return nil, err
	}
	s.table = t
	x.log.Debug("text table built", "passages", len(t.live), "bytes", t.bytes, "took", time.Since(start))
	return t, nil
}

// warmTexts builds the text table of g in the background.
func (x *Index) warmTexts(g *generation) {
	if !g.texts.warming.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer g.texts.warming.Store(false)
		// The facet table under way is the one to use. Waited for before
		// holding the generation: its build may be waiting to hold it
		// behind a swap that waits for this one.
		for g.facets.building.Load() {
			time.Sleep(20 * time.Millisecond)
		}
		if x.acquire() != g { // swapped meanwhile
			x.release()
			return
		}
		defer x.release()
		t, err := x.textTable(g)
		if err != nil {
			x.log.Warn("text table", "err", err)
			return
		}
		for col := range facetFields { // the bucket sizes of the whole corpus
			t.wholeSizes(col)
		}
	}()
}

// values calls f with each value index of field column col at num.
func (t *textTable) values(col int, num uint64, f func(v uint32)) {
	for _, v := range t.facets.cols[col].of(num) {
		f(v)
	}
}

// TextTableStats describes the text table of the current snapshot.
type TextTableStats struct {
	Passages int     `json:"passages"`
	Bytes    int64   `json:"bytes"`   // memory held: folded text and per-passage figures
	Seconds  float64 `json:"seconds"` // to build it (0 when it was built already)
}

// PrepareCounts builds the text table that distributions and keywords
// count in, if the current snapshot has none, and describes it.
func (x *Index) PrepareCounts() (*TextTableStats, error) {
	g := x.acquire()
	defer x.release()
	start := time.Now()
	t, err := x.textTable(g)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, l := range t.live {
		if l {
			n++
		}
	}
	per := int64(len(t.live)) * (4 + 4 + 4 + 1 + 4) // start, runes, han, live, doc
	return &TextTableStats{Passages: n, Bytes: int64(t.bytes) + per, Seconds: time.Since(start).Seconds()}, nil
}
