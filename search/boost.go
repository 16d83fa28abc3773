package search

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// boostQuery matches what must matches and adds to a match's score the
// scores of the should clauses it also matches. It scores exactly as
// Bleve's
//
//	Boolean(must: must, should: Disjunction(should..., min 0))
//
// does (a test compares the two), without Bleve's boolean machinery, which
// runs the single must clause inside a conjunction, advances the should
// disjunction for every match and merges the scores of three document
// matches: a third of the time of a search for a frequent character (的:
// 290,000 passages at 100 MB) in a profile; without it that search went
// from 38–42 to 32–33 ms. makePlan's should clauses are the headline
// and subheadline kinds, whose lists are short, and the typed terms as one
// phrase, so advancing them one by one costs little more than a comparison
// per match.
type boostQuery struct {
	must   bquery.Query
	should []bquery.Query
}

func (q *boostQuery) booleanForm() *bquery.BooleanQuery {
	bq := bquery.NewBooleanQuery([]bquery.Query{q.must}, q.should, nil)
	bq.Should.(*bquery.DisjunctionQuery).SetMin(0)
	return bq
}

// Searcher implements bleve's query.Query.
func (q *boostQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if opts.Explain || opts.IncludeTermVectors {
		// Bleve's form explains itself and merges term locations.
		return q.booleanForm().Searcher(ctx, r, m, opts)
	}
	must, err := q.must.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	if _, none := must.(*searcher.MatchNoneSearcher); none || opts.Score == "none" || len(q.should) == 0 {
		return must, nil
	}
	s := &boostSearcher{must: must, should: make([]shouldClause, len(q.should))}
	ft := facetTableOf(ctx, r)
	for i, sq := range q.should {
		ss, err := sq.Searcher(ctx, r, m, opts)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.should[i].s = ss
		if tq, ok := sq.(*bquery.TermQuery); ok && ft != nil && tq.Field() == fieldKind {
			s.should[i].kinds, s.should[i].kind = ft.column("kind"), -1
			if c := s.should[i].kinds; c != nil {
				s.should[i].kind = slices.Index(c.names, tq.Term)
			}
		}
	}
	// As the boolean searcher normalises its clauses' weights.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

// MarshalJSON shows the query in Bleve's terms.
func (q *boostQuery) MarshalJSON() ([]byte, error) {
	return json.Marshal(q.booleanForm())
}

type boostSearcher struct {
	must   bsearch.Searcher
	should []shouldClause
}

type shouldClause struct {
	s    bsearch.Searcher
	cur  *bsearch.DocumentMatch // its match at or after the current one; nil before the first
	done bool                   // no match left
	// A clause on a passage's kind (the headline boosts) is answered
	// from the facet table's kind column when the snapshot has one,
	// instead of advancing its posting list to every match: that was a
	// third of the time of the middle half of the benchmark's queries at
	// 100 MB; the 293 queries' top-10 p50 in-process went from 0.95 to
	// 0.68 ms, 的-like characters' from 14 to 10 ms. A kind has one
	// token, so every passage of that kind scores the same: the score of
	// the clause's first match, read once.
	kinds  *facetColumn
	kind   int // the index of the clause's kind in kinds.names; -1: none
	score  float64
	scored bool
}

func (s *boostSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.must.Next(ctx)
	if err != nil || dm == nil {
		return dm, err
	}
	return dm, s.boost(ctx, dm)
}

func (s *boostSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.must.Advance(ctx, id)
	if err != nil || dm == nil {
		return dm, err
	}
	return dm, s.boost(ctx, dm)
}

// boost adds the should clauses that match dm to its score: their sum
// times the disjunction's coordination factor (the share of its clauses
// that match), in the order of Bleve's scorers, so that the sums are the
// same to the last bit.
func (s *boostSearcher) boost(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch) error {
	sum, n := 0.0, 0
	for i := range s.should {
		c := &s.should[i]
		if c.kinds != nil {
			ok, err := c.matchesKind(ctx, dm)
			if err != nil {
				return err
			}
			if ok {
				sum += c.score
				n++
			}
			continue
		}
		if c.done {
			continue
		}
		if c.cur == nil || c.cur.IndexInternalID.Compare(dm.IndexInternalID) < 0 {
			if c.cur != nil {
				ctx.DocumentMatchPool.Put(c.cur)
			}
			next, err := c.s.Advance(ctx, dm.IndexInternalID)
			if err != nil {
				return err
			}
			c.cur = next
			if next == nil {
				c.done = true
				continue
			}
		}
		if c.cur.IndexInternalID.Equals(dm.IndexInternalID) {
			sum += c.cur.Score
			n++
		}
	}
	if n > 0 {
		dm.Score += sum * (float64(n) / float64(len(s.should)))
	}
	return nil
}

// matchesKind says whether dm is of the clause's kind, by the facet
// table, and reads the clause's score at its first match.
func (c *shouldClause) matchesKind(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch) (bool, error) {
	num, err := docNum(dm.IndexInternalID)
	if err != nil {
		return false, err
	}
	if v := c.kinds.of(num); c.kind < 0 || len(v) == 0 || int(v[0]) != c.kind {
		return false, nil
	}
	if !c.scored {
		m, err := c.s.Advance(ctx, dm.IndexInternalID)
		if err != nil {
			return false, err
		}
		if m == nil || !m.IndexInternalID.Equals(dm.IndexInternalID) {
			return false, fmt.Errorf("passage %d: the facet table says %q, its posting list does not", num, c.kinds.names[c.kind])
		}
		c.score, c.scored = m.Score, true
		ctx.DocumentMatchPool.Put(m)
	}
	return true, nil
}

// Weight adds the must clause's weight to the should disjunction's, in the
// boolean searcher's order, so that the query norm is the same.
func (s *boostSearcher) Weight() float64 {
	should := 0.0
	for _, c := range s.should {
		should += c.s.Weight()
	}
	return s.must.Weight() + should
}

func (s *boostSearcher) SetQueryNorm(n float64) {
	s.must.SetQueryNorm(n)
	for _, c := range s.should {
		c.s.SetQueryNorm(n)
	}
}

func (s *boostSearcher) Count() uint64 { return s.must.Count() }
func (s *boostSearcher) Min() int      { return 0 }

func (s *boostSearcher) DocumentMatchPoolSize() int {
	n := s.must.DocumentMatchPoolSize()
	for _, c := range s.should {
		n += c.s.DocumentMatchPoolSize()
	}
	return n
}

func (s *boostSearcher) Size() int {
	n := 64 + s.must.Size()
	for _, c := range s.should {
		if c.s != nil {
			n += c.s.Size()
		}
	}
	return n
}

func (s *boostSearcher) Close() error {
	err := s.must.Close()
	for _, c := range s.should {
		if c.s == nil {
			continue
		}
		if e := c.s.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}
