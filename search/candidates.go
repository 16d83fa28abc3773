package search

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
)

// candidateText is the text of the candidates a searcher checks: the
// passages that hold a phrase's terms (phrase.go), or the AND of a
// proximity operator's operands (proximity_search.go). It reads a
// candidate's folded text from the text table of the snapshot when the
// table is built (texts.go), and otherwise the passage stored in its
// segment, so that a search before the table is ready is as exact, only
// slower.
type candidateText struct {
	table   *textTable // of reader's snapshot; nil: read the stored text
	reader  bindex.IndexReader
	ctx     context.Context
	offsets []uint64 // of reader's segments, once a stored text is read
	blob    []byte
	pt      proxText // the last text from the table, reused
	dropped int
}

// newCandidateText reads candidates of the snapshot r, in the text table
// that ctx names (withTexts, withTable) if it is built.
func newCandidateText(ctx context.Context, r bindex.IndexReader) *candidateText {
	c := &candidateText{reader: r, ctx: ctx}
	if src, ok := ctx.Value(textsKey{}).(*textSource); ok {
		c.table = src.tableOf(r)
	}
	return c
}

// folded is the folded text of passage num (matchRunes, as UTF-8). With
// breaks, it also holds the offsets of its line breaks, which the table
// does not show: a passage with one is then read from its stored text.
// The text is good until the next call.
func (c *candidateText) folded(num uint64, breaks bool) (*proxText, error) {
	if t := c.table; t != nil && num < uint64(len(t.live)) && t.live[num] && !(breaks && t.hasBreak(num)) {
		c.pt = proxText{text: t.passageText(num)}
		return &c.pt, nil
	}
	text, err := c.storedText(num)
	if err != nil {
		return nil, err
	}
	return foldedText(text), nil
}

// rejected counts a candidate that failed its check. Bleve's collector
// checks for cancellation between the matches it receives; a long run of
// rejected candidates is checked here.
func (c *candidateText) rejected() error {
	if c.dropped++; c.dropped%1024 == 0 {
		return c.ctx.Err()
	}
	return nil
}

// hasBreak says whether passage num's text holds a line break, which its
// folded text in t does not show.
func (t *textTable) hasBreak(num uint64) bool {
	_, ok := slices.BinarySearch(t.breaks, num)
	return ok
}

// textsKey is the context key of the text table a search may check its
// candidates in (a *textSource).
type textsKey struct{}

// textSource finds the text table of a generation, or holds one.
type textSource struct {
	x     *Index
	g     *generation
	table *textTable
}

// withTable lets the searches of ctx check their candidates in t.
func withTable(ctx context.Context, t *textTable) context.Context {
	return context.WithValue(ctx, textsKey{}, &textSource{table: t})
}

// withTexts lets the searches of ctx check their candidates in g's text
// table.
func (x *Index) withTexts(ctx context.Context, g *generation) context.Context {
	return context.WithValue(ctx, textsKey{}, &textSource{x: x, g: g})
}

// tableOf returns the text table of the snapshot r if it is built, and
// otherwise starts building it and returns nil.
func (src *textSource) tableOf(r bindex.IndexReader) *textTable {
	if src.g == nil {
		if src.table != nil && src.table.reader == r {
			return src.table
		}
		return nil
	}
	s := &src.g.texts
	if !s.mu.TryLock() {
		return nil // being built: the stored text meanwhile
	}
	t := s.table
	s.mu.Unlock()
	if t != nil && t.reader == r {
		return t
	}
	src.x.warmTexts(src.g)
	return nil
}

// facetsOf returns the facet table of the snapshot r if one is built, or
// nil.
func (src *textSource) facetsOf(r bindex.IndexReader) *facetTable {
	var t *facetTable
	if src.g != nil {
		t = src.g.facets.table.Load()
	} else if src.table != nil {
		t = src.table.facets
	}
	if t != nil && t.reader == r {
		return t
	}
	return nil
}

// facetTableOf is the facet table of the snapshot r that ctx names
// (withTexts, withTable), or nil.
func facetTableOf(ctx context.Context, r bindex.IndexReader) *facetTable {
	if src, ok := ctx.Value(textsKey{}).(*textSource); ok {
		return src.facetsOf(r)
	}
	return nil
}

// storedText reads the text of passage num from the snapshot: on scorch
// by the segment's local number, as the text table is built (texts.go).
func (c *candidateText) storedText(num uint64) (string, error) {
	c.blob = c.blob[:0]
	if is, ok := c.reader.(*scorch.IndexSnapshot); ok {
		segs := is.Segments()
		if c.offsets == nil {
			var off uint64
			for _, ss := range segs {
				c.offsets = append(c.offsets, off)
				off += ss.Segment().Count()
			}
		}
		i := sort.Search(len(c.offsets), func(i int) bool { return c.offsets[i] > num }) - 1
		if i < 0 {
			return "", fmt.Errorf("passage %d: no segment holds it", num)
		}
		if err := segs[i].VisitDocument(num-c.offsets[i], func(field string, _ byte, value []byte, _ []uint64) bool {
			if field == fieldStored {
				c.blob = append(c.blob, value...)
			}
			return true
		}); err != nil {
			return "", err
		}
	} else {
		id, err := c.reader.ExternalID(internalID(num))
		if err != nil {
			return "", err
		}
		doc, err := c.reader.Document(id)
		if err != nil {
			return "", err
		}
		if doc != nil {
			doc.VisitFields(func(f bindex.Field) {
				if f.Name() == fieldStored {
					c.blob = append(c.blob, f.Value()...)
				}
			})
		}
	}
	p, err := decodeStored(c.blob)
	if err != nil {
		return "", fmt.Errorf("passage %d: unreadable stored fields: %w", num, err)
	}
	return p.Text, nil
}
