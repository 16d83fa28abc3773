package search

import (
	"context"
	"encoding/json"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The Bleve side of the operators (proximity.go): a query and a searcher
// around the AND of the operands that count only the candidates whose
// text passes the check (proximity_check.go).

// proximityQuery matches the matches of inner whose text satisfies every
// clause.
type proximityQuery struct {
	inner   bquery.Query
	clauses []*proxClause
}

// Searcher implements bleve's query.Query.
func (q *proximityQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	in, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	s := &proximitySearcher{inner: in, clauses: q.clauses, texts: newCandidateText(ctx, r)}
	for _, c := range q.clauses {
		l, err := rarity(ctx, r, c.left)
		if err != nil {
			in.Close()
			return nil, err
		}
		rt, err := rarity(ctx, r, c.right)
		if err != nil {
			in.Close()
			return nil, err
		}
		s.anchorRight = append(s.anchorRight, rt < l)
	}
	return s, nil
}

// rarity estimates how often the strings ns occur: the sum, over them, of
// the passages that hold the rarest of their terms in the index.
func rarity(ctx context.Context, r bindex.IndexReader, ns []needle) (uint64, error) {
	var sum uint64
	for _, n := range ns {
		rs := []rune(string(n.b))
		least := uint64(math.MaxUint64)
		visit := func(field, term string) error {
			tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
			if err != nil {
				return err
			}
			least = min(least, tfr.Count())
			return tfr.Close()
		}
		var err error
		if len(rs) == 1 && classify(rs[0]) == classCJK {
			err = visit(fieldChars, string(rs))
		} else {
			tokenize(rs, queryMode, func(t token) {
				if err == nil {
					err = visit(fieldText, t.String())
				}
			})
		}
		if err != nil {
			return 0, err
		}
		sum += least
	}
	return sum, nil
}

// MarshalJSON shows the query in the tests' and the logs' terms.
func (q *proximityQuery) MarshalJSON() ([]byte, error) {
	type clause struct {
		Left, Right []string
		Within      int
		Sentence    bool `json:",omitempty"`
	}
	cs := make([]clause, len(q.clauses))
	for i, c := range q.clauses {
		cs[i] = clause{Within: c.within, Sentence: c.sentence}
		for _, n := range c.left {
			cs[i].Left = append(cs[i].Left, string(n.b))
		}
		for _, n := range c.right {
			cs[i].Right = append(cs[i].Right, string(n.b))
		}
	}
	return json.Marshal(struct {
		Must      bquery.Query `json:"must"`
		Proximity []clause     `json:"proximity"`
	}{q.inner, cs})
}

// proximitySearcher passes on the matches of inner that satisfy the
// clauses, with their scores.
type proximitySearcher struct {
	inner   bsearch.Searcher
	clauses []*proxClause
	texts   *candidateText
	// anchorRight: clause i's check walks its right side's occurrences,
	// the rarer in the index.
	anchorRight []bool
}

func (s *proximitySearcher) Next(sctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.inner.Next(sctx)
	return s.first(sctx, dm, err)
}

func (s *proximitySearcher) Advance(sctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.inner.Advance(sctx, id)
	return s.first(sctx, dm, err)
}

// first returns dm if it satisfies the clauses, else the next match of
// inner that does.
func (s *proximitySearcher) first(sctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	for err == nil && dm != nil {
		ok, cerr := s.accept(dm)
		if cerr != nil {
			return nil, cerr
		}
		if ok {
			return dm, nil
		}
		sctx.DocumentMatchPool.Put(dm)
		if err := s.texts.rejected(); err != nil {
			return nil, err
		}
		dm, err = s.inner.Next(sctx)
	}
	return nil, err
}

// accept checks one candidate in its text.
func (s *proximitySearcher) accept(dm *bsearch.DocumentMatch) (bool, error) {
	num, err := docNum(dm.IndexInternalID)
	if err != nil {
		return false, err
	}
	pt, err := s.texts.folded(num, true) // 同句 tells a line break from a space
	if err != nil {
		return false, err
	}
	return allHold(s.clauses, s.anchorRight, pt), nil
}

func (s *proximitySearcher) Close() error               { return s.inner.Close() }
func (s *proximitySearcher) Weight() float64            { return s.inner.Weight() }
func (s *proximitySearcher) SetQueryNorm(n float64)     { s.inner.SetQueryNorm(n) }
func (s *proximitySearcher) Count() uint64              { return s.inner.Count() }
func (s *proximitySearcher) Min() int                   { return s.inner.Min() }
func (s *proximitySearcher) DocumentMatchPoolSize() int { return s.inner.DocumentMatchPoolSize() }
func (s *proximitySearcher) Size() int                  { return 128 + s.inner.Size() }
