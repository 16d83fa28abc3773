package search

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

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
	text   []byte   // folded UTF-8 of every passage, concatenated
	start  []uint32 // passage num's text is text[start[num]:start[num+1]]
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
	return t.text[t.start[num]:t.start[num+1]]
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
	err := visitStored(r, func(num uint64, blob []byte) error {
		if num < next || num >= uint64(n) {
			return errNotAscending
		}
		for ; next <= num; next++ {
			t.start = append(t.start, uint32(len(t.text)))
			t.doc[next] = -1
		}
		p, err := decodeStored(blob)
		if err != nil {
			return nil // a document record
		}
		var runes, han uint32
		for _, r := range matchRunes(p.Text) {
			t.text = utf8.AppendRune(t.text, r)
			runes++
			if isHan(r) {
				han++
			}
		}
		t.runes[num], t.han[num], t.live[num] = runes, han, true
		if strings.ContainsFunc(p.Text, isLineBreak) {
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
		t.start = append(t.start, uint32(len(t.text)))
		t.doc[next] = -1
	}
	t.start = append(t.start, uint32(len(t.text)))
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
	x.log.Debug("text table built", "passages", len(t.live), "bytes", len(t.text), "took", time.Since(start))
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
	return &TextTableStats{Passages: n, Bytes: int64(len(t.text)) + per, Seconds: time.Since(start).Seconds()}, nil
}
