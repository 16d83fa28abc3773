package search

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// MaxMatches bounds the IDs one Matches call returns.
const MaxMatches = 1_000_000

// MatchList is every passage matching a query, as IDs in document order:
// the complete result set for citing, exporting and counting, without
// paging. Paging through a large result with search-after scores every
// match again for each page; this scores them once.
type MatchList struct {
	Query       string         `json:"query"`
	Total       uint64         `json:"total"`
	TookMs      float64        `json:"took_ms"`
	Interpreted Interpretation `json:"interpreted"`
	IDs         []string       `json:"ids"`
	Truncated   bool           `json:"truncated"` // more than MaxMatches
}

// Matches returns the IDs of every passage that matches req (its paging
// and sort are ignored), in document order: date, document, passage.
func (x *Index) Matches(ctx context.Context, req Request) (*MatchList, error) {
	start := time.Now()
	p, err := makePlan(req, x.opts.Limits, x.syn.Load())
	if err != nil {
		return nil, err
	}
	g := x.acquire()
	defer x.release()
	sr := bleve.NewSearchRequestOptions(p.query, MaxMatches, 0, false)
	res, err := g.idx.SearchInContext(ctx, sr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	out := &MatchList{Query: req.Query, Total: res.Total, Interpreted: p.interp, IDs: make([]string, len(res.Hits))}
	for i, h := range res.Hits {
		out.IDs[i] = h.ID
	}
	out.Truncated = res.Total > uint64(len(res.Hits))
	sortByDocumentOrder(out.IDs, g.cat)
	out.TookMs = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// sortByDocumentOrder sorts passage IDs by their document's date and id,
// then by passage number.
func sortByDocumentOrder(ids []string, cat *catalog) {
	type key struct {
		date, doc string
		n         int
	}
	keys := make(map[string]key, len(ids))
	for _, id := range ids {
		i := strings.LastIndexByte(id, ':')
		doc := id[:max(i, 0)]
		n, _ := strconv.Atoi(id[i+1:])
		k := key{doc: doc, n: n}
		if d := cat.docs[doc]; d != nil {
			k.date = d.Date
		}
		keys[id] = k
	}
	sort.Slice(ids, func(a, b int) bool {
		ka, kb := keys[ids[a]], keys[ids[b]]
		if ka.date != kb.date {
			return ka.date < kb.date
		}
		if ka.doc != kb.doc {
			return ka.doc < kb.doc
		}
		return ka.n < kb.n
	})
}
