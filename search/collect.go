package search

import (
	"container/heap"
	"context"
	"encoding/binary"
	"fmt"
	"strconv"

	bsearch "github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Bleve's top-N collector sorts by every key of the sort order for every
// match: with "-_score, o" it reads the order key's doc value for each of
// the tens of thousands of passages a frequent term matches, which was 37%
// of a loaded server's CPU. The collectors here plug into Bleve's collector
// loop as its per-hit handler (search.MakeDocumentMatchHandlerKey) and
// receive every match with its score; they keep what they need in plain
// values and read the order key only when two scores tie. Totals and
// facets are still counted by Bleve's collector around them.

// withHandler returns ctx set up so that the next Bleve search hands every
// match to the handler mk builds. The handler is called once more with nil
// after the last match, while the index reader is still open.
func withHandler(ctx context.Context, mk func(*bsearch.SearchContext) (bsearch.DocumentMatchHandler, error)) context.Context {
	return context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(
		func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
			h, err := mk(sctx)
			return h, false, err
		}))
}

// docNum is a scorch internal id as a number: eight bytes, big-endian.
func docNum(id bindex.IndexInternalID) (uint64, error) {
	if len(id) != 8 {
		return 0, fmt.Errorf("unexpected internal document id of %d bytes", len(id))
	}
	return binary.BigEndian.Uint64(id), nil
}

func internalID(n uint64) bindex.IndexInternalID {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), n)
}

// ranked is one match kept by topCollector.
type ranked struct {
	num    uint64
	cursor bool // the cursor's hit: no num, its key only
	score  float64
	key    string // the order key; read when a tie needs it
	loaded bool
}

// topCollector keeps the best k matches by score, ties in document order
// (the order key ascending), after an optional cursor. It is the relevance
// order of sortOrders, computed without reading a doc value per match.
type topCollector struct {
	k     int
	after *ranked // the cursor's last hit; nil on the first page
	kept  rankHeap
	dv    bindex.DocValueReader
	err   error
	// With wantFacets, fc counts the facets of every match (facets.go),
	// from table when it is the searched snapshot's.
	wantFacets bool
	table      *facetTable
	fc         *facetCounter
	rank       []uint32 // table's ranks when it is the snapshot's
	// finished gets the kept matches, the best first, while the reader is
	// still open.
	finished func(c *topCollector, r bindex.IndexReader, rs []*ranked) error
}

// newTopCollector returns a collector for the k best matches after the
// cursor key (score, order key), or from the start when after is nil.
func newTopCollector(k int, after []string, finished func(*topCollector, bindex.IndexReader, []*ranked) error) (*topCollector, error) {
	c := &topCollector{k: k, finished: finished}
	if after != nil {
		if len(after) != 2 {
			return nil, invalidf("the after cursor is not one this server gave for this sort order")
		}
		s, err := strconv.ParseFloat(after[0], 64)
		if err != nil {
			return nil, invalidf("the after cursor is not one this server gave for this sort order")
		}
		c.after = &ranked{score: s, key: after[1], loaded: true, cursor: true}
	}
	c.kept.c = c
	return c, nil
}

// keyOf reads r's order key once.
func (c *topCollector) keyOf(r *ranked) string {
	if !r.loaded && c.err == nil {
		r.loaded = true
		c.err = c.dv.VisitDocValues(internalID(r.num), func(field string, term []byte) {
			if field == fieldOrder {
				r.key = string(term)
			}
		})
	}
	return r.key
}

// better says whether a ranks before b: higher score, then earlier in
// document order.
func (c *topCollector) better(a, b *ranked) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if c.rank != nil && !a.cursor && !b.cursor {
		return c.rank[a.num] < c.rank[b.num]
	}
	return c.keyOf(a) < c.keyOf(b)
}

func (c *topCollector) handler(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, error) {
	dv, err := sctx.IndexReader.DocValueReader([]string{fieldOrder})
	if err != nil {
		return nil, err
	}
	c.dv = dv
	if t := c.table; t != nil && t.reader == sctx.IndexReader {
		c.rank = t.rank
	}
	if c.wantFacets {
		if c.fc, err = newFacetCounter(sctx.IndexReader, c.table); err != nil {
			return nil, err
		}
	}
	var spare *ranked
	return func(d *bsearch.DocumentMatch) error {
		if d == nil {
			if c.err != nil {
				return c.err
			}
			out := make([]*ranked, len(c.kept.rs))
			for i := len(out) - 1; i >= 0; i-- {
				out[i] = heap.Pop(&c.kept).(*ranked)
			}
			if c.err != nil {
				return c.err
			}
			return c.finished(c, sctx.IndexReader, out)
		}
		num, err := docNum(d.IndexInternalID)
		if err == nil && c.fc != nil {
			err = c.fc.add(d.IndexInternalID, num)
		}
		score := d.Score
		sctx.DocumentMatchPool.Put(d)
		if err != nil {
			return err
		}
		if spare == nil {
			spare = new(ranked)
		}
		r := spare
		*r = ranked{num: num, score: score}
		if c.after != nil && !c.better(c.after, r) {
			return c.err // served on an earlier page
		}
		switch {
		case len(c.kept.rs) < c.k:
			heap.Push(&c.kept, r)
			spare = nil
		case c.k > 0 && c.better(r, c.kept.rs[0]):
			spare = c.kept.rs[0]
			c.kept.rs[0] = r
			heap.Fix(&c.kept, 0)
		}
		return c.err
	}, nil
}

// rankHeap holds the kept matches, the worst at the root.
type rankHeap struct {
	rs []*ranked
	c  *topCollector
}

func (h *rankHeap) Len() int           { return len(h.rs) }
func (h *rankHeap) Less(i, j int) bool { return h.c.better(h.rs[j], h.rs[i]) }
func (h *rankHeap) Swap(i, j int)      { h.rs[i], h.rs[j] = h.rs[j], h.rs[i] }
func (h *rankHeap) Push(x any)         { h.rs = append(h.rs, x.(*ranked)) }
func (h *rankHeap) Pop() any {
	r := h.rs[len(h.rs)-1]
	h.rs = h.rs[:len(h.rs)-1]
	return r
}

// numCollector keeps the internal number of every match, in index order,
// and hands them to finished while the reader is open.
type numCollector struct {
	nums     []uint64
	limit    int
	finished func(r bindex.IndexReader, nums []uint64) error
}

func (c *numCollector) handler(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, error) {
	return func(d *bsearch.DocumentMatch) error {
		if d == nil {
			return c.finished(sctx.IndexReader, c.nums)
		}
		num, err := docNum(d.IndexInternalID)
		sctx.DocumentMatchPool.Put(d)
		if err != nil {
			return err
		}
		if len(c.nums) < c.limit {
			c.nums = append(c.nums, num)
		}
		return nil
	}, nil
}

// storedHits loads the ID and the stored passage of each ranked match, as
// Bleve hits that hitOf understands; the last carries its relevance sort
// key for the next cursor.
func storedHits(r bindex.IndexReader, rs []*ranked, keyOf func(*ranked) string) ([]*bsearch.DocumentMatch, error) {
	out := make([]*bsearch.DocumentMatch, 0, len(rs))
	for _, x := range rs {
		id, err := r.ExternalID(internalID(x.num))
		if err != nil {
			return nil, err
		}
		doc, err := r.Document(id)
		if err != nil {
			return nil, err
		}
		if doc == nil {
			return nil, fmt.Errorf("passage %s: not found while its match was read", id)
		}
		var stored string
		doc.VisitFields(func(f bindex.Field) {
			if f.Name() == fieldStored {
				stored = string(f.Value())
			}
		})
		out = append(out, &bsearch.DocumentMatch{ID: id, Score: x.score, Fields: map[string]any{fieldStored: stored}})
	}
	// Only the last hit's key makes the next cursor; each key read may
	// decompress a chunk of doc values.
	if n := len(rs); n > 0 {
		out[n-1].Sort = []string{strconv.FormatFloat(rs[n-1].score, 'g', -1, 64), keyOf(rs[n-1])}
	}
	return out, nil
}
