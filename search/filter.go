package search

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A filter is a must clause of the query: Bleve's conjunction advances its
// posting list to every match of the text and scores it there. For
// "一个" kind:body (a frequent bigram, a kind 80% of passages have) that
// made the filtered queries' top-10 p99 68 ms on the 300 MB benchmark
// index, against 29 ms for the frequent bigrams alone. A filter on a
// facet column that holds one value per passage, and that most passages
// pass, is instead checked per match in the snapshot's facet table
// (facets.go), when it is built. At 100 MB, in-process, the 20 filtered
// queries of bench/queries.txt, three alternated runs of 20 passes each:
// top-10 p99 53.9 ms before, 38.7 ms after (medians of the runs' p99),
// "一个" kind:body 37.1 against 23.3 ms, the p50 0.98 against 0.95 ms.
//
// The scores stay Bleve's to the last bit: a keyword term on a field of
// one token scores the same in every passage that has it (frequency 1,
// norm 1), so a filter's score is a constant per value, read once at the
// value's first match, and the conjunction sums its members' scores in
// Bleve's order (by count, the rarest first) with the filters' constants
// in their places; its weight, which enters the query norm, is the sum
// of every member's weight, the filters' included.

// facetFilterKeys are the filters the facet table can answer: their
// fields hold one value per passage (passageDocument: one kind, one
// speaker, one document, the year of its date) and have a facet column of
// the filter key's name. Topics and sessions are multi-valued (a term's
// score depends on how many a passage has) and a session filter matches
// the session keys too.
var facetFilterKeys = map[string]bool{"kind": true, "year": true, "speaker": true, "doc": true}

// facetFilter is a filter on a single-valued facet column: q, the
// disjunction of its values' terms, as Bleve runs it.
type facetFilter struct {
	column string
	values []string
	q      bquery.Query
}

// filterQuery is the must clause of the filter key with values vals, q.
func filterQuery(key string, vals []string, q bquery.Query) bquery.Query {
	if !facetFilterKeys[key] {
		return q
	}
	return &facetFilter{column: key, values: vals, q: q}
}

// Searcher implements bleve's query.Query: alone, or in a conjunction
// without the table, the filter reads its posting lists.
func (f *facetFilter) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	return f.q.Searcher(ctx, r, m, opts)
}

// MarshalJSON shows the query in Bleve's terms.
func (f *facetFilter) MarshalJSON() ([]byte, error) { return json.Marshal(f.q) }

// allowed is the column of t that answers the filter, whose searcher is
// s in a snapshot of docs documents, and, by value index, whether the
// filter admits the value; nil when the filter reads its posting lists as
// before: without a table, for a value the table does not know, and for a
// filter that most passages fail. This is the one place that decides.
//
// Checked in the table, a filter costs a look-up for every match of the
// text; in Bleve's conjunction, scorch intersects the posting lists'
// bitmaps first, so the members are only read where they all match.
// The table wins where the filter keeps most matches and loses where it
// drops most: at 100 MB, medians of six alternated runs of 20 passes,
// "是一" kind:body (80% of passages) went from 13.1 to 3.5 ms, but "邮件"
// kind:headline from 0.65 to 2.05 ms and "空格" year:2020 from 0.77 to
// 2.14 ms. So the table answers a filter that admits half the documents
// or more (its posting lists' count, as a kind or year has one term per
// passage).
func (f *facetFilter) allowed(t *facetTable, s bsearch.Searcher, docs uint64) (*facetColumn, []bool) {
	if t == nil || 2*s.Count() < docs {
		return nil, nil
	}
	c := t.column(f.column)
	if c == nil {
		return nil, nil
	}
	ok := make([]bool, len(c.names))
	for _, v := range f.values {
		i := slices.Index(c.names, v)
		if i < 0 {
			return nil, nil
		}
		ok[i] = true
	}
	return c, ok
}

// conjunction is the must clauses of a plan that has a facetFilter
// among them: Bleve's ConjunctionQuery, whose filters the facet table of
// the snapshot answers when it is built.
type conjunction struct {
	must []bquery.Query
}

// Searcher implements bleve's query.Query.
func (q *conjunction) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	ss := make([]bsearch.Searcher, 0, len(q.must))
	closeAll := func() {
		for _, s := range ss {
			s.Close()
		}
	}
	for _, mq := range q.must {
		s, err := mq.Searcher(ctx, r, m, opts)
		if err != nil {
			closeAll()
			return nil, err
		}
		ss = append(ss, s)
	}
	var t *facetTable
	if !opts.Explain && !opts.IncludeTermVectors {
		// Bleve's form explains itself and merges term locations.
		t = facetTableOf(ctx, r)
	}
	var docs uint64
	if t != nil {
		n, err := r.DocCount()
		if err != nil {
			closeAll()
			return nil, err
		}
		docs = n
	}
	fc := &filterConjunction{members: make([]conjunct, len(ss))}
	for i, s := range ss {
		fc.members[i].s = s
		if f, ok := q.must[i].(*facetFilter); ok {
			fc.members[i].col, fc.members[i].allowed = f.allowed(t, s, docs)
		}
	}
	// In the order of Bleve's conjunction (the same sort, so the same
	// permutation), whose rarest member leads from its posting list.
	sort.Sort(byConjunctCount(fc.members))
	fc.members[0].col = nil
	for i, c := range fc.members {
		if c.col == nil {
			fc.lists = append(fc.lists, i)
		} else {
			c.scores, c.scored = make([]float64, len(c.col.names)), make([]bool, len(c.col.names))
			fc.members[i] = c
		}
	}
	if len(fc.lists) == len(fc.members) {
		return searcher.NewConjunctionSearcher(ctx, r, ss, opts)
	}
	fc.currs = make([]*bsearch.DocumentMatch, len(fc.lists))
	// As Bleve's conjunction normalises its members' weights.
	fc.SetQueryNorm(1 / math.Sqrt(fc.Weight()))
	return fc, nil
}

// MarshalJSON shows the query in Bleve's terms.
func (q *conjunction) MarshalJSON() ([]byte, error) {
	return json.Marshal(bquery.NewConjunctionQuery(q.must))
}

// filterConjunction matches the passages that all its posting-list
// members match and whose facet values its table members admit.
type filterConjunction struct {
	members []conjunct // in Bleve's order
	lists   []int      // the members read from posting lists; lists[0] is 0
	currs   []*bsearch.DocumentMatch
	max     bindex.IndexInternalID
	started bool
	handed  bool // currs[0] was returned: the lead moves on first
}

type conjunct struct {
	s bsearch.Searcher
	// A member answered from the facet table: its column, the values it
	// admits, and its score per value, read at the value's first match.
	col     *facetColumn
	allowed []bool
	scores  []float64
	scored  []bool
}

type byConjunctCount []conjunct

func (b byConjunctCount) Len() int           { return len(b) }
func (b byConjunctCount) Less(i, j int) bool { return b[i].s.Count() < b[j].s.Count() }
func (b byConjunctCount) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func (s *filterConjunction) start(ctx *bsearch.SearchContext) error {
	if s.started {
		return nil
	}
	s.started = true
	for i := range s.lists {
		if err := s.move(ctx, i, nil); err != nil {
			return err
		}
	}
	return nil
}

// move moves posting member i to its next match, or its first at or
// after id.
func (s *filterConjunction) move(ctx *bsearch.SearchContext, i int, id bindex.IndexInternalID) error {
	if s.currs[i] != nil {
		ctx.DocumentMatchPool.Put(s.currs[i])
	}
	var err error
	if m := s.members[s.lists[i]].s; id == nil {
		s.currs[i], err = m.Next(ctx)
	} else {
		s.currs[i], err = m.Advance(ctx, id)
	}
	return err
}

func (s *filterConjunction) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if err := s.start(ctx); err != nil {
		return nil, err
	}
	if s.handed {
		s.handed = false
		if err := s.move(ctx, 0, nil); err != nil {
			return nil, err
		}
	}
	return s.match(ctx)
}

func (s *filterConjunction) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if err := s.start(ctx); err != nil {
		return nil, err
	}
	s.handed = false
	for i, c := range s.currs {
		if c == nil || c.IndexInternalID.Compare(id) < 0 {
			if err := s.move(ctx, i, id); err != nil {
				return nil, err
			}
		}
	}
	return s.match(ctx)
}

// match returns the first passage from the members' current matches on
// that every posting member matches and the table members admit.
func (s *filterConjunction) match(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		s.max = s.max[:0]
		for _, c := range s.currs {
			if c == nil {
				return nil, nil
			}
			if len(s.max) == 0 || c.IndexInternalID.Compare(s.max) > 0 {
				s.max = append(s.max[:0], c.IndexInternalID...)
			}
		}
		aligned := true
		for i, c := range s.currs {
			if !c.IndexInternalID.Equals(s.max) {
				aligned = false
				if err := s.move(ctx, i, s.max); err != nil {
					return nil, err
				}
			}
		}
		if !aligned {
			continue
		}
		num, err := docNum(s.max)
		if err != nil {
			return nil, err
		}
		if !s.admits(num) {
			if err := s.move(ctx, 0, nil); err != nil {
				return nil, err
			}
			continue
		}
		// Summed as Bleve's conjunction scorer does, in its order.
		sum, j := 0.0, 0
		for i := range s.members {
			c := &s.members[i]
			if c.col == nil {
				sum += s.currs[j].Score
				j++
				continue
			}
			sc, err := c.score(ctx, num, s.max)
			if err != nil {
				return nil, err
			}
			sum += sc
		}
		rv := s.currs[0]
		rv.Score = sum
		// The lead is handed out: it moves on at the next call.
		for i := 1; i < len(s.currs); i++ {
			if err := s.move(ctx, i, nil); err != nil {
				return nil, err
			}
		}
		s.currs[0], s.handed = nil, true
		return rv, nil
	}
}

// admits says whether the table members admit passage num.
func (s *filterConjunction) admits(num uint64) bool {
	for _, c := range s.members {
		if c.col == nil {
			continue
		}
		if v := c.col.of(num); len(v) != 1 || !c.allowed[v[0]] {
			return false
		}
	}
	return true
}

// score is the member's score in passage num (internal id id), which it
// matches: the score of its value, read from its searcher at the value's
// first match. Values come first in ascending passages, so the searcher
// is only advanced forward.
func (c *conjunct) score(ctx *bsearch.SearchContext, num uint64, id bindex.IndexInternalID) (float64, error) {
	v := c.col.of(num)[0]
	if !c.scored[v] {
		m, err := c.s.Advance(ctx, id)
		if err != nil {
			return 0, err
		}
		if m == nil || !m.IndexInternalID.Equals(id) {
			return 0, fmt.Errorf("passage %d: the facet table says %q, the filter's posting list does not", num, c.col.names[v])
		}
		c.scores[v], c.scored[v] = m.Score, true
		ctx.DocumentMatchPool.Put(m)
	}
	return c.scores[v], nil
}

// Weight is Bleve's conjunction's: every member's, in its order.
func (s *filterConjunction) Weight() float64 {
	w := 0.0
	for _, c := range s.members {
		w += c.s.Weight()
	}
	return w
}

func (s *filterConjunction) SetQueryNorm(n float64) {
	for _, c := range s.members {
		c.s.SetQueryNorm(n)
	}
}

// Count is Bleve's conjunction's worst case.
func (s *filterConjunction) Count() uint64 {
	var n uint64
	for _, c := range s.members {
		n += c.s.Count()
	}
	return n
}

func (s *filterConjunction) Min() int { return 0 }

func (s *filterConjunction) DocumentMatchPoolSize() int {
	n := len(s.currs)
	for _, c := range s.members {
		n += c.s.DocumentMatchPoolSize()
	}
	return n
}

func (s *filterConjunction) Size() int {
	n := 64
	for _, c := range s.members {
		n += c.s.Size() + len(c.allowed) + 9*len(c.scores)
	}
	return n
}

func (s *filterConjunction) Close() error {
	var err error
	for _, c := range s.members {
		if e := c.s.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}
